#pragma once

#include "http/message.hpp"
#include "modules/auth/model.hpp"

namespace ws::auth {

/// The refresh and CSRF cookies; `Secure` when the instance is served over
/// HTTPS. Every route that signs someone in or out uses this one place.
struct CookieJar {
  bool secure = false;

  /// Sets `ws_refresh` (HttpOnly, SameSite=Strict, Path=/api/v1/auth) and
  /// the readable `ws_csrf` cookie for a new or refreshed session.
  void Set(http::Response& response, const AuthResult& result) const;
  /// Expires both cookies (sign-out).
  void Clear(http::Response& response) const;
};

/// The auth answer of API.md: `{user, access_token, token_type, expires_in}`
/// with the cookies, never cached.
http::Response AuthAnswer(const AuthResult& result, int status, const CookieJar& jar);

}  // namespace ws::auth
