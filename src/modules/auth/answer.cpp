#include "modules/auth/answer.hpp"

#include <boost/json/value.hpp>
#include <string>

#include "modules/auth/middleware.hpp"

namespace ws::auth {

namespace {

std::string Tail(bool secure) { return secure ? "; Secure" : ""; }

}  // namespace

void CookieJar::Set(http::Response& r, const AuthResult& a) const {
  const std::string age = "; Max-Age=" + std::to_string(a.refresh_max_age);
  r.With("Set-Cookie", std::string(kRefreshCookie) + "=" + a.refresh_token +
                           "; HttpOnly; SameSite=Strict; Path=/api/v1/auth" + age + Tail(secure));
  r.With("Set-Cookie", std::string(kCsrfCookie) + "=" + a.csrf_token + "; SameSite=Strict; Path=/" +
                           age + Tail(secure));
}

void CookieJar::Clear(http::Response& r) const {
  r.With("Set-Cookie", std::string(kRefreshCookie) +
                           "=; HttpOnly; SameSite=Strict; Path=/api/v1/auth; Max-Age=0" +
                           Tail(secure));
  r.With("Set-Cookie",
         std::string(kCsrfCookie) + "=; SameSite=Strict; Path=/; Max-Age=0" + Tail(secure));
}

http::Response AuthAnswer(const AuthResult& result, int status, const CookieJar& jar) {
  http::Response r = http::Response::Json(ToJson(result), status);
  r.With("Cache-Control", "no-store");
  jar.Set(r, result);
  return r;
}

}  // namespace ws::auth
