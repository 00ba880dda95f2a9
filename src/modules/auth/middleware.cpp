#include "modules/auth/middleware.hpp"

#include "core/crypto.hpp"

namespace ws::auth {

namespace {

bool ChangesState(http::Method method) {
  return method != http::Method::kGet && method != http::Method::kHead &&
         method != http::Method::kOptions;
}

Status CheckCsrf(const http::Request& request) {
  const std::string_view cookie = request.Cookie(kCsrfCookie);
  const std::string_view header = request.Header(kCsrfHeader);
  if (cookie.empty() || header.empty() || !ConstantTimeEquals(cookie, header)) {
    return AppError{
        ErrorCode::kCsrfFailed, "the X-CSRF-Token header must match the ws_csrf cookie", {}, {}, 0};
  }
  return {};
}

}  // namespace

bool IsCookieRoute(std::string_view pattern) {
  return pattern == "/api/v1/auth/refresh" || pattern == "/api/v1/auth/logout";
}

Caller CallerOf(const http::Request& request) {
  Caller caller;
  caller.user_id = request.identity.user_id;
  caller.session_id = request.identity.session_id;
  caller.token_id = request.identity.token_id;
  caller.is_instance_admin = request.identity.is_instance_admin;
  caller.ip = request.remote_ip;
  caller.user_agent = request.UserAgent();
  return caller;
}

http::Middleware RateLimitMiddleware(RateLimiter& limiter, int per_second) {
  return [&limiter, per_second](http::Request& request, const http::Route& route) -> Status {
    if (per_second <= 0 || route.pattern == "/healthz" || route.pattern == "/readyz" ||
        route.pattern == "/metrics") {
      return {};
    }
    const RateDecision d =
        limiter.Hit("ip:" + request.remote_ip, {per_second, std::chrono::seconds(1)});
    request.response_headers.push_back({"RateLimit-Limit", std::to_string(d.limit)});
    request.response_headers.push_back({"RateLimit-Remaining", std::to_string(d.remaining)});
    request.response_headers.push_back({"RateLimit-Reset", std::to_string(d.ResetSeconds())});
    if (d.allowed) return {};
    AppError e{ErrorCode::kRateLimited, "too many requests; slow down", {}, {}, 0};
    e.retry_after_seconds = d.RetryAfterSeconds();
    return e;
  };
}

http::Middleware AuthMiddleware(Service& service) {
  return [&service](http::Request& request, const http::Route& route) -> Status {
    const bool user_route = route.options.access == http::Access::kUser;
    // Inline routes run on network threads: they must never reach the database.
    if (!user_route && route.options.exec == http::Exec::kInline) return {};
    const std::string_view authorization = request.Header("authorization");
    if (!authorization.empty()) {
      const std::string_view credential = http::BearerCredential(authorization);
      Result<Caller> caller = credential.empty()
                                  ? Result<Caller>(AppError::Unauthorized(
                                        "the Authorization header must be: Bearer <token>"))
                                  : service.Authenticate(credential);
      if (caller) {
        request.identity.user_id = caller->user_id;
        request.identity.session_id = caller->session_id;
        request.identity.token_id = caller->token_id;
        request.identity.is_instance_admin = caller->is_instance_admin;
      } else if (user_route) {
        return std::move(caller).error();
      }
    }
    if (IsCookieRoute(route.pattern) && !request.Cookie(kRefreshCookie).empty()) {
      request.identity.via_cookie = true;
      if (ChangesState(request.method)) WS_TRY(CheckCsrf(request));
    }
    if (user_route && !request.identity.authenticated()) return AppError::Unauthorized();
    return {};
  };
}

}  // namespace ws::auth
