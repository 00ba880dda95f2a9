#pragma once

#include <string_view>

#include "http/router.hpp"
#include "modules/auth/rate_limiter.hpp"
#include "modules/auth/service.hpp"

namespace ws::auth {

inline constexpr std::string_view kRefreshCookie = "ws_refresh";
inline constexpr std::string_view kCsrfCookie = "ws_csrf";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

/// The per-IP request limit (`per_second`, bursts of as many; 0: off) on
/// every route except /healthz, /readyz and /metrics, answering
/// RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset, and 429 with
/// Retry-After once spent.
http::Middleware RateLimitMiddleware(RateLimiter& limiter, int per_second);

/// Authentication and CSRF: a bearer credential (access token or personal
/// API token) fills `request.identity`, checked against its session or
/// token row on every request; routes where the refresh cookie is a
/// credential need `X-CSRF-Token` equal to the `ws_csrf` cookie whenever the
/// cookie comes with a state-changing request; `Access::kUser` routes answer
/// 401 without an identity. Inline public routes (/healthz, /meta, static
/// files) are passed through without any database access.
http::Middleware AuthMiddleware(Service& service);

/// True for the routes that accept the refresh cookie as a credential.
bool IsCookieRoute(std::string_view pattern);

/// The caller of a request: its identity, IP and user agent.
Caller CallerOf(const http::Request& request);

}  // namespace ws::auth
