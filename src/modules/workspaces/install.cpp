// Composition of the workspaces module, and its one seam with accounts:
// accepting an invitation without an account registers through
// auth::Service (user creation and sessions live only there).
#include "modules/workspaces/install.hpp"

#include <memory>
#include <optional>

#include "core/json_input.hpp"
#include "modules/auth/middleware.hpp"
#include "modules/auth/model.hpp"
#include "modules/auth/service.hpp"
#include "modules/workspaces/long_poll.hpp"
#include "modules/workspaces/routes.hpp"
#include "modules/workspaces/service.hpp"

namespace ws::workspaces {

namespace {

/// The accounts module's auth answer: `{user, access_token, token_type,
/// expires_in}` with the refresh and CSRF cookies, attributes as in
/// modules/auth/routes.cpp.
http::Response AuthAnswer(const auth::AuthResult& result, bool secure) {
  http::Response r = http::Response::Json(auth::ToJson(result), 200);
  r.With("Cache-Control", "no-store");
  const std::string tail =
      "; Max-Age=" + std::to_string(result.refresh_max_age) + (secure ? "; Secure" : "");
  r.With("Set-Cookie", std::string(auth::kRefreshCookie) + "=" + result.refresh_token +
                           "; HttpOnly; SameSite=Strict; Path=/api/v1/auth" + tail);
  r.With("Set-Cookie", std::string(auth::kCsrfCookie) + "=" + result.csrf_token +
                           "; SameSite=Strict; Path=/" + tail);
  return r;
}

/// POST /invitations/{token}/accept without a session: `{name, password}`.
Result<http::Response> AcceptAsNewUser(Service& service, auth::Service& accounts, bool secure,
                                       http::Request& request, const std::string& token) {
  WS_ASSIGN(JsonInput input, JsonInput::Parse(request.body));
  auto name = input.Text("name", {.required = true, .min = 1, .max = 100});
  auto password = auth::ReadNewPassword(input, "password");
  WS_TRY(input.Finish());
  std::optional<auth::AuthResult> signed_in;
  WS_TRY(service.AcceptAsNewUser(token, [&](const std::string& email) -> Result<std::string> {
    // `invited`: allowed whatever the instance's registration mode.
    WS_ASSIGN(auth::AuthResult result,
              accounts.Register(auth::RegisterInput{email, *password, *name},
                                auth::CallerOf(request), /*invited=*/true));
    signed_in = std::move(result);
    return signed_in->user.id;
  }));
  return AuthAnswer(*signed_in, secure);
}

}  // namespace

void Install(const InstallDeps& deps) {
  auto service = std::make_shared<Service>(deps.db, deps.bus, deps.mailer, deps.config.public_url);
  auto long_poll = LongPoll::Make(service, deps.bus, deps.executor);
  auth::Service& accounts = deps.accounts;
  const bool secure = deps.config.public_url.starts_with("https://");
  AddRoutes(deps.router, service, long_poll,
            [service, &accounts, secure](http::Request& request, const std::string& token) {
              return AcceptAsNewUser(*service, accounts, secure, request, token);
            });
}

}  // namespace ws::workspaces
