// Composition of the workspaces module, and its one seam with accounts:
// accepting an invitation without an account registers through
// auth::Service (user creation and sessions live only there).
#include "modules/workspaces/install.hpp"

#include <memory>
#include <optional>

#include "core/json_input.hpp"
#include "modules/auth/answer.hpp"
#include "modules/auth/middleware.hpp"
#include "modules/auth/model.hpp"
#include "modules/auth/service.hpp"
#include "modules/workspaces/long_poll.hpp"
#include "modules/workspaces/routes.hpp"
#include "modules/workspaces/service.hpp"

namespace ws::workspaces {

namespace {

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
  return auth::AuthAnswer(*signed_in, 200, auth::CookieJar{secure});
}

}  // namespace

void Install(const InstallDeps& deps) { Install(deps, {}); }

void Install(const InstallDeps& deps, EventFilter filter, EventMayHide may_hide) {
  auto service = std::make_shared<Service>(deps.db, deps.bus, deps.mailer, deps.config.public_url);
  service->SetEventFilter(std::move(filter), std::move(may_hide));
  auto long_poll = LongPoll::Make(service, deps.bus, deps.executor);
  auth::Service& accounts = deps.accounts;
  const bool secure = deps.config.public_url.starts_with("https://");
  AddRoutes(deps.router, service, long_poll,
            [service, &accounts, secure](http::Request& request, const std::string& token) {
              return AcceptAsNewUser(*service, accounts, secure, request, token);
            });
}

}  // namespace ws::workspaces
