#pragma once

#include "modules/auth/model.hpp"

/// Who may do what in the accounts module. Accounts have no roles beyond
/// "instance admin"; workspace roles live in the workspaces module.
namespace ws::auth {

/// The /admin/* routes and the CLI.
inline bool CanAdministerInstance(const Caller& caller) { return caller.is_instance_admin; }

/// Anyone signed in manages their own profile, sessions, tokens and 2FA;
/// nobody manages another's except an instance admin through /admin/*.
inline bool CanManageOwnAccount(const Caller& caller) { return !caller.user_id.empty(); }

}  // namespace ws::auth
