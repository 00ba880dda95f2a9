#include "modules/workspaces/model.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "core/clock.hpp"
#include "core/crypto.hpp"

namespace ws::workspaces {

namespace {

constexpr size_t kSlugMin = 3;
constexpr size_t kSlugMax = 40;
constexpr std::string_view kCursorPrefix = "ws1:";

bool SlugChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }

std::string TrimDashes(std::string text) {
  while (!text.empty() && text.back() == '-') text.pop_back();
  const size_t first = text.find_first_not_of('-');
  return first == std::string::npos ? std::string() : text.substr(first);
}

}  // namespace

boost::json::object ToJson(const Workspace& workspace, std::optional<Role> my_role) {
  boost::json::object out{{"id", workspace.id},
                          {"name", workspace.name},
                          {"slug", workspace.slug},
                          {"plan", workspace.plan},
                          {"created_at", FormatTimestamp(workspace.created_at)}};
  if (my_role) out["my_role"] = RoleName(*my_role);
  return out;
}

boost::json::object ToJson(const UserRef& user) {
  return {{"id", user.id}, {"name", user.name}, {"email", user.email}};
}

boost::json::object ToJson(const Member& member) {
  return {{"user", ToJson(member.user)},
          {"role", RoleName(member.role)},
          {"joined_at", FormatTimestamp(member.joined_at)}};
}

boost::json::object ToJson(const Invitation& invitation) {
  boost::json::object out{{"id", invitation.id},
                          {"email", invitation.email},
                          {"role", RoleName(invitation.role)},
                          {"expires_at", FormatTimestamp(invitation.expires_at)},
                          {"created_at", FormatTimestamp(invitation.created_at)}};
  out["invited_by"] = invitation.invited_by.empty() ? boost::json::value(nullptr)
                                                    : boost::json::value(invitation.invited_by);
  return out;
}

boost::json::object ToJson(const Team& team) {
  boost::json::array members;
  for (const auto& id : team.member_ids) members.emplace_back(id);
  return {{"id", team.id},
          {"name", team.name},
          {"member_ids", std::move(members)},
          {"created_at", FormatTimestamp(team.created_at)}};
}

std::string ToText(const boost::json::object& object) { return boost::json::serialize(object); }

bool IsValidSlug(std::string_view slug) {
  if (slug.size() < kSlugMin || slug.size() > kSlugMax) return false;
  if (slug.front() == '-' || slug.back() == '-') return false;
  for (char c : slug) {
    if (!SlugChar(c)) return false;
  }
  return true;
}

std::string SlugFromName(std::string_view name) {
  std::string slug;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      slug += c;
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';  // spaces, punctuation and non-ASCII letters become one dash
    }
    if (slug.size() >= kSlugMax) break;
  }
  slug = TrimDashes(slug.substr(0, kSlugMax));
  if (slug.empty()) return "workspace";
  if (slug.size() < kSlugMin) slug += "-ws";
  return slug;
}

std::string SlugWithSuffix(std::string_view base, std::string_view suffix) {
  const std::string tail = "-" + std::string(suffix);
  std::string head = TrimDashes(std::string(base.substr(0, kSlugMax - tail.size())));
  return head + tail;
}

std::string EncodeCursor(std::string_view key) {
  return Base64UrlEncode(std::string(kCursorPrefix) + std::string(key));
}

bool DecodeCursor(std::string_view cursor, std::string& key) {
  std::string raw;
  if (cursor.empty() || cursor.size() > 512 || !Base64UrlDecode(cursor, raw)) return false;
  if (!raw.starts_with(kCursorPrefix)) return false;
  key = raw.substr(kCursorPrefix.size());
  return !key.empty();
}

}  // namespace ws::workspaces
