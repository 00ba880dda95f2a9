#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_input.hpp"
#include "core/page.hpp"
#include "core/result.hpp"

namespace ws::auth {

/// An account, as stored (the hash and TOTP secret never leave the module).
struct User {
  std::string id;
  std::string email;
  std::string name;
  std::string password_hash;  // "" while an invited user has not set one
  std::string timezone = "UTC";
  std::string locale = "en";
  bool is_instance_admin = false;
  bool is_active = true;
  bool email_verified = false;
  std::optional<std::string> totp_secret;
  bool totp_enabled = false;
  std::optional<int64_t> totp_last_step;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

/// One sign-in on one device.
struct Session {
  std::string id;
  std::string user_id;
  std::string user_agent;
  std::string ip;
  int64_t created_at = 0;
  int64_t last_used_at = 0;
  int64_t expires_at = 0;
  std::optional<int64_t> revoked_at;
  int64_t auth_at = 0;
};

/// A personal API token (its secret is shown once and stored hashed).
struct ApiToken {
  std::string id;
  std::string user_id;
  std::string name;
  std::vector<std::string> scopes;
  int64_t created_at = 0;
  std::optional<int64_t> last_used_at;
  std::optional<int64_t> expires_at;
};

/// One append-only security record.
struct AuditEntry {
  std::string id;
  std::string type;
  std::optional<std::string> user_id;   // whom it is about
  std::optional<std::string> actor_id;  // who did it, when someone else (an admin)
  std::string ip;
  std::string user_agent;
  std::string data = "{}";  // JSON object text
  int64_t created_at = 0;
};

/// Who is asking, for the service: identity plus where the request came from.
struct Caller {
  std::string user_id;     // empty: anonymous
  std::string session_id;  // set for access tokens
  std::string token_id;    // set for personal API tokens
  bool is_instance_admin = false;
  std::string ip;
  std::string user_agent;
};

/// What a successful register, login or refresh answers.
struct AuthResult {
  User user;
  std::string access_token;
  int expires_in = 0;
  std::string refresh_token;
  std::string csrf_token;
  int64_t refresh_max_age = 0;  // seconds until the session's absolute end
};

using ws::Page;

// ---- inputs, validated by the parsers in model.cpp ----

struct RegisterInput {
  std::string email;
  std::string password;
  std::string name;
};

struct LoginInput {
  std::string email;
  std::string password;
  std::optional<std::string> totp_code;
};

struct ProfileUpdate {
  std::optional<std::string> name;
  std::optional<std::string> timezone;
  std::optional<std::string> locale;
  std::optional<std::string> email;
  std::optional<std::string> current_password;
};

struct TokenInput {
  std::string name;
  std::optional<int64_t> expires_at;
  std::optional<std::string> current_password;
};

struct AdminUserInput {
  std::string email;
  std::string name;
  std::optional<std::string> password;
  bool is_instance_admin = false;
};

struct AdminUserUpdate {
  std::optional<std::string> name;
  std::optional<bool> is_active;
  std::optional<bool> is_instance_admin;
};

/// Registration modes of the `registration` instance setting.
inline constexpr std::string_view kRegistrationModes[] = {"open", "invite_only", "closed"};

Result<RegisterInput> ParseRegister(std::string_view body);
Result<LoginInput> ParseLogin(std::string_view body);
Result<ProfileUpdate> ParseProfileUpdate(std::string_view body);
Result<TokenInput> ParseTokenInput(std::string_view body);
Result<AdminUserInput> ParseAdminUser(std::string_view body);
Result<AdminUserUpdate> ParseAdminUserUpdate(std::string_view body);
/// A required new password: 8–256 characters, not a common one.
std::optional<std::string> ReadNewPassword(JsonInput& input, std::string_view key);
/// A required password being checked (never trimmed; up to 256 characters).
std::optional<std::string> ReadPassword(JsonInput& input, std::string_view key,
                                        bool required = true);

// ---- JSON answers (API.md shapes) ----

boost::json::object ToJson(const User& user);
boost::json::object ToJson(const ApiToken& token);
boost::json::object ToJson(const Session& session, bool current);
boost::json::object ToJson(const AuditEntry& entry);
boost::json::object ToJson(const AuthResult& result);

}  // namespace ws::auth
