#pragma once

#include <boost/json/fwd.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace ws::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

std::string_view MethodName(Method method);

struct Field {
  std::string name;
  std::string value;
};

/// Who made the request, filled by the authentication middleware.
struct Identity {
  std::string user_id;     // empty: anonymous
  std::string session_id;  // set for session (access token / cookie) credentials
  std::string token_id;    // set for personal API tokens
  bool via_cookie = false;
  bool is_instance_admin = false;
  bool authenticated() const { return !user_id.empty(); }
};

/// A parsed HTTP request as handlers see it; no Beast types.
struct Request {
  Method method = Method::kOther;
  std::string target;  // as sent
  std::string path;    // percent-decoded path, no query
  std::string query;   // raw query string without '?'
  std::vector<Field> headers;
  std::string body;
  std::string remote_ip;
  std::string request_id;
  std::string_view route;  // template of the matched route, e.g. /api/v1/tasks/{id}
  std::vector<std::pair<std::string_view, std::string>> params;
  Identity identity;
  /// Headers the middleware adds to whatever response is sent.
  std::vector<Field> response_headers;
  /// Opaque per-request state for middleware (e.g. the rate limiter).
  std::shared_ptr<void> user_data;

  /// Case-insensitive header value, empty when absent.
  std::string_view Header(std::string_view name) const;
  /// The decoded query parameter, or nullopt.
  std::optional<std::string> Query(std::string_view key) const;
  /// A path parameter of the route ("" when the route has none of that name).
  const std::string& Param(std::string_view name) const;
  /// A cookie value from the Cookie header, empty when absent.
  std::string_view Cookie(std::string_view name) const;
  /// User-Agent, truncated for storage.
  std::string UserAgent() const;
};

/// A response. Errors are not built here: handlers return AppError and the
/// server writes the envelope with the request id.
struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<Field> headers;
  std::string body;
  /// When set, sent instead of `body` (static data that outlives the server).
  std::string_view static_body;

  static Response Json(const boost::json::value& value, int status = 200);
  static Response NoContent();
  static Response Text(std::string body, std::string content_type, int status = 200);
  Response& With(std::string name, std::string value) {
    headers.push_back({std::move(name), std::move(value)});
    return *this;
  }
};

/// Completes an asynchronous request exactly once, from any thread. Later
/// calls are ignored; if every copy is dropped unanswered the client gets 500.
class Responder {
 public:
  struct State {
    virtual ~State() = default;
    virtual void Complete(Result<Response> result) = 0;
  };
  explicit Responder(std::shared_ptr<State> state) : state_(std::move(state)) {}
  void operator()(Result<Response> result) const { state_->Complete(std::move(result)); }

 private:
  std::shared_ptr<State> state_;
};

using Handler = std::function<Result<Response>(Request&)>;
using AsyncHandler = std::function<void(Request&, Responder)>;

/// Decodes %XX (and '+' as space when `plus_is_space`); false on bad escapes.
bool PercentDecode(std::string_view in, std::string& out, bool plus_is_space);

/// The credential of an `Authorization: Bearer <credential>` value (scheme
/// case-insensitive, spaces trimmed), or "" for any other value.
std::string_view BearerCredential(std::string_view header);

}  // namespace ws::http
