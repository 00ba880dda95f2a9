#include "modules/auth/model.hpp"

#include <boost/json.hpp>

#include "core/clock.hpp"
#include "modules/auth/passwords.hpp"

namespace ws::auth {

namespace {

constexpr TextRule kNameRule{.required = true, .min = 1, .max = 100};

bool IsTzChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '+';
}

/// IANA zone names: `UTC`, `Europe/Berlin`, `America/Argentina/Buenos_Aires`.
bool IsTimezoneName(std::string_view tz) {
  if (tz.empty() || tz.size() > 64 || tz.front() == '/' || tz.back() == '/') return false;
  if (tz.find("//") != tz.npos || tz.find("..") != tz.npos) return false;
  const bool letter_first =
      (tz.front() >= 'A' && tz.front() <= 'Z') || (tz.front() >= 'a' && tz.front() <= 'z');
  return letter_first &&
         std::all_of(tz.begin(), tz.end(), [](char c) { return IsTzChar(c) || c == '/'; });
}

/// BCP 47 language tags in their common shape: `en`, `de-AT`, `zh-Hant-TW`.
bool IsLocaleTag(std::string_view tag) {
  if (tag.size() < 2 || tag.size() > 35) return false;
  size_t start = 0;
  for (size_t part = 0; start <= tag.size(); ++part) {
    size_t end = tag.find('-', start);
    if (end == tag.npos) end = tag.size();
    const std::string_view sub = tag.substr(start, end - start);
    const bool alnum = std::all_of(sub.begin(), sub.end(), [](char c) {
      return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    });
    if (!alnum || sub.empty() || sub.size() > 8) return false;
    if (part == 0 && (sub.size() < 2 || sub.size() > 3 || !std::isalpha(sub[0]))) return false;
    start = end + 1;
  }
  return true;
}

/// A name that, when present, must not be null or empty.
std::optional<std::string> ReadOptionalName(JsonInput& input) {
  if (input.IsNull("name")) {
    input.Fail("name", "must not be null");
    (void)input.Raw("name");
    return std::nullopt;
  }
  if (!input.Has("name")) {
    (void)input.Raw("name");
    return std::nullopt;
  }
  return input.Text("name", kNameRule);
}

std::optional<std::string> Shaped(JsonInput& input, std::string_view key, size_t max,
                                  bool (*valid)(std::string_view), std::string message) {
  auto text = input.Text(key, {.required = false, .min = 1, .max = max});
  if (text && !valid(*text)) {
    input.Fail(key, std::move(message));
    return std::nullopt;
  }
  return text;
}

boost::json::value OptTime(const std::optional<int64_t>& millis) {
  if (!millis) return nullptr;
  return boost::json::string(FormatTimestamp(*millis));
}

}  // namespace

std::optional<std::string> ReadPassword(JsonInput& input, std::string_view key, bool required) {
  return input.Text(key, {.required = required, .min = 1, .max = kPasswordMax, .trim = false});
}

std::optional<std::string> ReadNewPassword(JsonInput& input, std::string_view key) {
  auto password =
      input.Text(key, {.required = true, .min = kPasswordMin, .max = kPasswordMax, .trim = false});
  if (password && IsCommonPassword(*password)) {
    input.Fail(key, "is too common; choose a less guessable password");
    return std::nullopt;
  }
  return password;
}

Result<RegisterInput> ParseRegister(std::string_view body) {
  WS_ASSIGN(JsonInput input, JsonInput::Parse(body));
  auto email = input.Email("email");
  auto password = ReadNewPassword(input, "password");
  auto name = input.Text("name", kNameRule);
  WS_TRY(input.Finish());
  return RegisterInput{*email, *password, *name};
}

Result<LoginInput> ParseLogin(std::string_view body) {
  WS_ASSIGN(JsonInput input, JsonInput::Parse(body));
  auto email = input.Email("email");
  auto password = ReadPassword(input, "password");
  auto code = input.Text("totp_code", {.required = false, .min = 1, .max = 64});
  WS_TRY(input.Finish());
  return LoginInput{*email, *password, code};
}

Result<ProfileUpdate> ParseProfileUpdate(std::string_view body) {
  WS_ASSIGN(JsonInput input, JsonInput::Parse(body));
  ProfileUpdate out;
  out.name = ReadOptionalName(input);
  out.timezone = Shaped(input, "timezone", 64, IsTimezoneName,
                        "must be an IANA time zone name such as Europe/Berlin");
  out.locale =
      Shaped(input, "locale", 35, IsLocaleTag, "must be a language tag such as en or de-AT");
  out.email = input.Email("email", false);
  out.current_password = ReadPassword(input, "current_password", false);
  WS_TRY(input.Finish());
  return out;
}

Result<TokenInput> ParseTokenInput(std::string_view body) {
  WS_ASSIGN(JsonInput input, JsonInput::Parse(body));
  TokenInput out;
  auto name = input.Text("name", kNameRule);
  if (auto text = input.Text("expires_at", {.required = false, .min = 1, .max = 64})) {
    out.expires_at = ParseTimestamp(*text);
    if (!out.expires_at) {
      input.Fail("expires_at", "must be an RFC 3339 timestamp");
    } else if (*out.expires_at <= NowMillis()) {
      input.Fail("expires_at", "must be in the future");
    }
  }
  out.current_password = ReadPassword(input, "current_password", false);
  WS_TRY(input.Finish());
  out.name = *name;
  return out;
}

Result<AdminUserInput> ParseAdminUser(std::string_view body) {
  WS_ASSIGN(JsonInput input, JsonInput::Parse(body));
  AdminUserInput out;
  auto email = input.Email("email");
  auto name = input.Text("name", kNameRule);
  if (input.Has("password") && !input.IsNull("password")) {
    out.password = ReadNewPassword(input, "password");
  } else {
    (void)input.Raw("password");
  }
  out.is_instance_admin = input.Bool("is_instance_admin").value_or(false);
  WS_TRY(input.Finish());
  out.email = *email;
  out.name = *name;
  return out;
}

Result<AdminUserUpdate> ParseAdminUserUpdate(std::string_view body) {
  WS_ASSIGN(JsonInput input, JsonInput::Parse(body));
  AdminUserUpdate out;
  out.name = ReadOptionalName(input);
  for (const char* key : {"is_active", "is_instance_admin"}) {
    if (input.IsNull(key)) input.Fail(key, "must be true or false");
  }
  out.is_active = input.Bool("is_active");
  out.is_instance_admin = input.Bool("is_instance_admin");
  WS_TRY(input.Finish());
  return out;
}

boost::json::object ToJson(const User& user) {
  return {{"id", user.id},
          {"email", user.email},
          {"name", user.name},
          {"timezone", user.timezone},
          {"locale", user.locale},
          {"is_instance_admin", user.is_instance_admin},
          {"is_active", user.is_active},
          {"email_verified", user.email_verified},
          {"totp_enabled", user.totp_enabled},
          {"created_at", FormatTimestamp(user.created_at)}};
}

boost::json::object ToJson(const ApiToken& token) {
  boost::json::array scopes;
  for (const auto& s : token.scopes) scopes.emplace_back(s);
  return {{"id", token.id},
          {"name", token.name},
          {"scopes", std::move(scopes)},
          {"created_at", FormatTimestamp(token.created_at)},
          {"last_used_at", OptTime(token.last_used_at)},
          {"expires_at", OptTime(token.expires_at)}};
}

boost::json::object ToJson(const Session& session, bool current) {
  return {{"id", session.id},
          {"user_agent", session.user_agent},
          {"ip", session.ip},
          {"created_at", FormatTimestamp(session.created_at)},
          {"last_used_at", FormatTimestamp(session.last_used_at)},
          {"current", current}};
}

boost::json::object ToJson(const AuditEntry& entry) {
  boost::json::object data;
  boost::system::error_code ec;
  boost::json::value parsed = boost::json::parse(entry.data, ec);
  if (!ec && parsed.is_object()) data = std::move(parsed.as_object());
  // API.md fixes the entry's fields; who acted and from which client travel in data.
  if (!entry.user_agent.empty()) data["user_agent"] = entry.user_agent;
  if (entry.actor_id) data["actor_id"] = *entry.actor_id;
  boost::json::value user_id = nullptr;
  if (entry.user_id) user_id = boost::json::string(*entry.user_id);
  return {{"id", entry.id},
          {"type", entry.type},
          {"user_id", std::move(user_id)},
          {"ip", entry.ip},
          {"data", std::move(data)},
          {"created_at", FormatTimestamp(entry.created_at)}};
}

boost::json::object ToJson(const AuthResult& result) {
  return {{"user", ToJson(result.user)},
          {"access_token", result.access_token},
          {"token_type", "Bearer"},
          {"expires_in", result.expires_in}};
}

}  // namespace ws::auth
