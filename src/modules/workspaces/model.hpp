#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bus/bus.hpp"
#include "core/page.hpp"
#include "modules/workspaces/permissions.hpp"

namespace ws::workspaces {

/// A tenant: every other row of tenant data belongs to one.
struct Workspace {
  std::string id;
  std::string name;
  std::string slug;
  std::string plan = "free";
  int64_t created_at = 0;
};

/// The public part of a user, as members see each other.
struct UserRef {
  std::string id;
  std::string name;
  std::string email;
};

/// A user's membership of a workspace.
struct Member {
  UserRef user;
  Role role = Role::kMember;
  int64_t joined_at = 0;
};

/// An invitation by email; its token exists only in the email.
struct Invitation {
  std::string id;
  std::string workspace_id;
  std::string email;
  Role role = Role::kMember;
  std::string invited_by;
  int64_t created_at = 0;
  int64_t expires_at = 0;
  std::optional<int64_t> accepted_at;
  std::optional<int64_t> revoked_at;

  /// Not accepted, not revoked and not expired at `now`.
  bool Usable(int64_t now) const { return !accepted_at && !revoked_at && expires_at > now; }
};

/// A named group of members inside a workspace.
struct Team {
  std::string id;
  std::string workspace_id;
  std::string name;
  int64_t created_at = 0;
  std::vector<std::string> member_ids;  // sorted
};

/// One entry of the activity feed: an event plus its actor (id and name).
struct ActivityItem {
  bus::Event event;
  std::optional<UserRef> actor;
};

using ws::Page;

/// What a list request asks for: at most `limit` items after `after`.
struct PageRequest {
  int limit = 50;
  std::string after;  // decoded cursor: the last key of the previous page
};

/// How long an invitation link stays valid.
inline constexpr int64_t kInvitationTtlMillis = 7LL * 24 * 3600 * 1000;

// ---- JSON (API.md shapes) ----

/// `{id, name, slug, plan, created_at}` plus `my_role` when given.
boost::json::object ToJson(const Workspace& workspace, std::optional<Role> my_role);
/// `{user: {id, name, email}, role, joined_at}`.
boost::json::object ToJson(const Member& member);
/// `{id, email, role, expires_at, invited_by, created_at}`.
boost::json::object ToJson(const Invitation& invitation);
/// `{id, name, member_ids, created_at}`.
boost::json::object ToJson(const Team& team);
/// `{id, name, email}`.
boost::json::object ToJson(const UserRef& user);

/// Serialises an object to the JSON text stored in `events.data`.
std::string ToText(const boost::json::object& object);

// ---- slugs ----

/// 3–40 characters of a-z, 0-9 and '-', not starting or ending with '-'.
bool IsValidSlug(std::string_view slug);
/// A valid slug derived from a workspace name ("Acme Inc." → "acme-inc").
std::string SlugFromName(std::string_view name);
/// `base` with `-suffix` appended, shortened so the result stays a valid slug.
std::string SlugWithSuffix(std::string_view base, std::string_view suffix);

// ---- cursors ----

/// Wraps a key into an opaque cursor.
std::string EncodeCursor(std::string_view key);
/// Unwraps a cursor; false when it was not made by EncodeCursor.
bool DecodeCursor(std::string_view cursor, std::string& key);

}  // namespace ws::workspaces
