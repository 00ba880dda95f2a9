// HTTP binding of accounts and sessions (API.md "Accounts and sessions").
#include "modules/auth/routes.hpp"

#include <boost/json.hpp>

#include "modules/auth/answer.hpp"
#include "modules/auth/middleware.hpp"

namespace ws::auth {

using http::Method;
using http::Request;
using http::Response;

namespace {

constexpr int64_t kAuthBodyLimit = 16 * 1024;
constexpr http::RouteOptions kPublic{http::Exec::kWorker, http::Access::kPublic, kAuthBodyLimit};
constexpr http::RouteOptions kUser{http::Exec::kWorker, http::Access::kUser, kAuthBodyLimit};

Response NoStore(const boost::json::value& body, int status = 200) {
  return Response::Json(body, status).With("Cache-Control", "no-store");
}

/// One required string field of a small JSON body.
Result<std::string> OneField(const Request& request, std::string_view key, size_t max) {
  WS_ASSIGN(JsonInput input, JsonInput::Parse(request.body));
  auto value = input.Text(key, {.required = true, .min = 1, .max = max, .trim = true});
  WS_TRY(input.Finish());
  return *value;
}

/// The refresh token from the body (`{refresh_token}`) or else the cookie.
Result<std::string> RefreshTokenOf(const Request& request) {
  if (!request.body.empty()) return OneField(request, "refresh_token", 128);
  std::string cookie(request.Cookie(kRefreshCookie));
  if (cookie.empty()) return AppError::Unauthorized("no refresh token");
  return cookie;
}

boost::json::object List(boost::json::array items) {
  return {{"items", std::move(items)}, {"next_cursor", nullptr}};
}

void AddSessionRoutes(http::Router& router, Service& s, CookieJar jar) {
  router.Add(
      Method::kPost, "/api/v1/auth/register",
      [&s, jar](Request& req) -> Result<Response> {
        WS_ASSIGN(RegisterInput input, ParseRegister(req.body));
        WS_ASSIGN(AuthResult result, s.Register(input, CallerOf(req)));
        return AuthAnswer(result, 201, jar);
      },
      kPublic);
  router.Add(
      Method::kPost, "/api/v1/auth/login",
      [&s, jar](Request& req) -> Result<Response> {
        WS_ASSIGN(LoginInput input, ParseLogin(req.body));
        WS_ASSIGN(AuthResult result, s.Login(input, CallerOf(req)));
        return AuthAnswer(result, 200, jar);
      },
      kPublic);
  router.Add(
      Method::kPost, "/api/v1/auth/refresh",
      [&s, jar](Request& req) -> Result<Response> {
        WS_ASSIGN(std::string token, RefreshTokenOf(req));
        WS_ASSIGN(AuthResult result, s.Refresh(token, CallerOf(req)));
        return AuthAnswer(result, 200, jar);
      },
      kPublic);
  router.Add(
      Method::kPost, "/api/v1/auth/logout",
      [&s, jar](Request& req) -> Result<Response> {
        WS_TRY(ExpectNoFields(req));
        WS_TRY(s.Logout(CallerOf(req), std::string(req.Cookie(kRefreshCookie))));
        Response r = Response::NoContent();
        jar.Clear(r);
        return r;
      },
      kPublic);
  router.Add(
      Method::kGet, "/api/v1/auth/sessions",
      [&s](Request& req) -> Result<Response> {
        const Caller caller = CallerOf(req);
        WS_ASSIGN(auto sessions, s.ListSessions(caller));
        boost::json::array items;
        for (const auto& session : sessions) {
          items.push_back(ToJson(session, session.id == caller.session_id));
        }
        return Response::Json(List(std::move(items)));
      },
      kUser);
  router.Add(
      Method::kDelete, "/api/v1/auth/sessions/{id}",
      [&s](Request& req) -> Result<Response> {
        WS_TRY(s.RevokeSession(CallerOf(req), req.Param("id")));
        return Response::NoContent();
      },
      kUser);
}

void AddRecoveryRoutes(http::Router& router, Service& s) {
  router.Add(
      Method::kPost, "/api/v1/auth/password-reset",
      [&s](Request& req) -> Result<Response> {
        WS_ASSIGN(JsonInput input, JsonInput::Parse(req.body));
        auto email = input.Email("email");
        WS_TRY(input.Finish());
        s.RequestPasswordReset(*email, CallerOf(req));
        return Response::Json(boost::json::object{}, 202);
      },
      kPublic);
  router.Add(
      Method::kPost, "/api/v1/auth/password-reset/confirm",
      [&s](Request& req) -> Result<Response> {
        WS_ASSIGN(JsonInput input, JsonInput::Parse(req.body));
        auto token = input.Text("token", {.required = true, .min = 1, .max = 128});
        auto password = ReadNewPassword(input, "password");
        WS_TRY(input.Finish());
        WS_TRY(s.ConfirmPasswordReset(*token, *password, CallerOf(req)));
        return Response::NoContent();
      },
      kPublic);
  router.Add(
      Method::kPost, "/api/v1/auth/email/verify",
      [&s](Request& req) -> Result<Response> {
        WS_ASSIGN(std::string token, OneField(req, "token", 128));
        WS_TRY(s.VerifyEmail(token, CallerOf(req)));
        return Response::NoContent();
      },
      kPublic);
}

void AddTotpRoutes(http::Router& router, Service& s) {
  router.Add(
      Method::kPost, "/api/v1/auth/totp/setup",
      [&s](Request& req) -> Result<Response> {
        WS_TRY(ExpectNoFields(req));
        WS_ASSIGN(auto setup, s.SetupTotp(CallerOf(req)));
        return NoStore({{"secret", setup.secret}, {"otpauth_uri", setup.otpauth_uri}});
      },
      kUser);
  router.Add(
      Method::kPost, "/api/v1/auth/totp/enable",
      [&s](Request& req) -> Result<Response> {
        WS_ASSIGN(std::string code, OneField(req, "code", 16));
        WS_ASSIGN(auto codes, s.EnableTotp(CallerOf(req), code));
        boost::json::array list(codes.begin(), codes.end());
        return NoStore({{"recovery_codes", std::move(list)}});
      },
      kUser);
  router.Add(
      Method::kPost, "/api/v1/auth/totp/disable",
      [&s](Request& req) -> Result<Response> {
        JsonInput input = JsonInput::Empty();
        if (!req.body.empty()) {
          WS_ASSIGN(input, JsonInput::Parse(req.body));
        }
        auto password = ReadPassword(input, "password", false);
        WS_TRY(input.Finish());
        WS_TRY(s.DisableTotp(CallerOf(req), password));
        return Response::NoContent();
      },
      kUser);
}

void AddMeRoutes(http::Router& router, Service& s) {
  router.Add(
      Method::kGet, "/api/v1/me",
      [&s](Request& req) -> Result<Response> {
        WS_ASSIGN(User user, s.Me(CallerOf(req)));
        return Response::Json(ToJson(user));
      },
      kUser);
  router.Add(
      Method::kPatch, "/api/v1/me",
      [&s](Request& req) -> Result<Response> {
        WS_ASSIGN(ProfileUpdate update, ParseProfileUpdate(req.body));
        WS_ASSIGN(User user, s.UpdateMe(CallerOf(req), update));
        return Response::Json(ToJson(user));
      },
      kUser);
  router.Add(
      Method::kPost, "/api/v1/me/password",
      [&s](Request& req) -> Result<Response> {
        WS_ASSIGN(JsonInput input, JsonInput::Parse(req.body));
        auto current = ReadPassword(input, "current_password");
        auto next = ReadNewPassword(input, "new_password");
        WS_TRY(input.Finish());
        WS_TRY(s.ChangePassword(CallerOf(req), *current, *next));
        return Response::NoContent();
      },
      kUser);
  router.Add(
      Method::kGet, "/api/v1/me/tokens",
      [&s](Request& req) -> Result<Response> {
        WS_ASSIGN(auto tokens, s.ListTokens(CallerOf(req)));
        boost::json::array items;
        for (const auto& token : tokens) items.push_back(ToJson(token));
        return Response::Json(List(std::move(items)));
      },
      kUser);
  router.Add(
      Method::kPost, "/api/v1/me/tokens",
      [&s](Request& req) -> Result<Response> {
        WS_ASSIGN(TokenInput input, ParseTokenInput(req.body));
        WS_ASSIGN(auto created, s.CreateToken(CallerOf(req), input));
        return NoStore({{"id", created.id}, {"name", created.name}, {"token", created.token}}, 201);
      },
      kUser);
  router.Add(
      Method::kDelete, "/api/v1/me/tokens/{id}",
      [&s](Request& req) -> Result<Response> {
        WS_TRY(s.DeleteToken(CallerOf(req), req.Param("id")));
        return Response::NoContent();
      },
      kUser);
}

}  // namespace

Status ExpectNoFields(const Request& request) {
  if (request.body.empty()) return {};
  WS_ASSIGN(JsonInput input, JsonInput::Parse(request.body));
  return input.Finish();
}

void AddRoutes(http::Router& router, Service& service, const Config& config) {
  const CookieJar jar{config.public_url.starts_with("https://")};
  AddSessionRoutes(router, service, jar);
  AddRecoveryRoutes(router, service);
  AddTotpRoutes(router, service);
  AddMeRoutes(router, service);
}

}  // namespace ws::auth
