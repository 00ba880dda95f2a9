#include "core/error.hpp"

namespace ws {

namespace {

struct ErrorInfo {
  int status;
  std::string_view name;
};

ErrorInfo Info(ErrorCode code) {
  switch (code) {
    case ErrorCode::kBadRequest:
      return {400, "bad_request"};
    case ErrorCode::kUnauthorized:
      return {401, "unauthorized"};
    case ErrorCode::kTotpRequired:
      return {401, "totp_required"};
    case ErrorCode::kForbidden:
      return {403, "forbidden"};
    case ErrorCode::kCsrfFailed:
      return {403, "csrf_failed"};
    case ErrorCode::kNotFound:
      return {404, "not_found"};
    case ErrorCode::kMethodNotAllowed:
      return {405, "method_not_allowed"};
    case ErrorCode::kConflict:
      return {409, "conflict"};
    case ErrorCode::kPreconditionFailed:
      return {412, "precondition_failed"};
    case ErrorCode::kPayloadTooLarge:
      return {413, "payload_too_large"};
    case ErrorCode::kHeadersTooLarge:
      return {431, "headers_too_large"};
    case ErrorCode::kValidationFailed:
      return {422, "validation_failed"};
    case ErrorCode::kRateLimited:
      return {429, "rate_limited"};
    case ErrorCode::kUnavailable:
      return {503, "unavailable"};
    case ErrorCode::kInternal:
      return {500, "internal"};
  }
  return {500, "internal"};
}

}  // namespace

int ErrorStatus(ErrorCode code) { return Info(code).status; }

std::string_view ErrorCodeName(ErrorCode code) { return Info(code).name; }

AppError AppError::BadRequest(std::string message) {
  return {ErrorCode::kBadRequest, std::move(message), {}, {}, 0};
}

AppError AppError::Unauthorized(std::string message) {
  return {ErrorCode::kUnauthorized, std::move(message), {}, {}, 0};
}

AppError AppError::Forbidden(std::string message) {
  return {ErrorCode::kForbidden, std::move(message), {}, {}, 0};
}

AppError AppError::NotFound(std::string message) {
  return {ErrorCode::kNotFound, std::move(message), {}, {}, 0};
}

AppError AppError::Conflict(std::string message) {
  return {ErrorCode::kConflict, std::move(message), {}, {}, 0};
}

AppError AppError::Internal(std::string detail) {
  return {ErrorCode::kInternal, "internal error", std::move(detail), {}, 0};
}

AppError AppError::Unavailable(std::string detail) {
  return {ErrorCode::kUnavailable, "service unavailable", std::move(detail), {}, 0};
}

AppError AppError::Invalid(std::string field, std::string message) {
  AppError error{ErrorCode::kValidationFailed, field + " " + message, {}, {}, 0};
  error.fields.emplace(std::move(field), std::move(message));
  return error;
}

}  // namespace ws
