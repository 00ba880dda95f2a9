#pragma once

#include <map>
#include <string>
#include <string_view>

namespace ws {

/// Every failure the server can report, mapped once to an HTTP status and
/// the API's `code` string (see ErrorStatus / ErrorCodeName).
enum class ErrorCode {
  kBadRequest,
  kUnauthorized,
  kTotpRequired,
  kForbidden,
  kCsrfFailed,
  kNotFound,
  kMethodNotAllowed,
  kConflict,
  kPreconditionFailed,
  kPayloadTooLarge,
  kHeadersTooLarge,
  kValidationFailed,
  kRateLimited,
  kUnavailable,
  kInternal,
};

/// HTTP status for a code (400, 401, ...).
int ErrorStatus(ErrorCode code);
/// The API's snake_case name for a code (`not_found`, ...).
std::string_view ErrorCodeName(ErrorCode code);

/// An expected failure: the client sees `code` and `message` (and `fields`);
/// `detail` is logged with the request id and never sent.
struct AppError {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::string detail;
  std::map<std::string, std::string> fields;
  int retry_after_seconds = 0;

  static AppError BadRequest(std::string message);
  static AppError Unauthorized(std::string message = "authentication required");
  static AppError Forbidden(std::string message = "not allowed");
  static AppError NotFound(std::string message = "not found");
  static AppError Conflict(std::string message);
  static AppError Internal(std::string detail);
  static AppError Unavailable(std::string detail);
  /// 422 with one field message; more fields can be added to the result.
  static AppError Invalid(std::string field, std::string message);
};

}  // namespace ws
