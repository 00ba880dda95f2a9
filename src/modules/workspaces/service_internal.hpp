#pragma once

// Helpers shared by the service_*.cpp files; not part of the module's API.

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "bus/bus.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "modules/workspaces/model.hpp"
#include "modules/workspaces/permissions.hpp"

namespace ws::workspaces::internal {

/// The workspace a request acts in and the caller's role there.
struct Scope {
  Workspace workspace;
  Role role = Role::kMember;
  const std::string& id() const { return workspace.id; }
};

/// The isolation guard: finds the workspace `ws` (id or slug) and the
/// caller's membership; 404 when either is missing (existence never leaks),
/// 403 when the role may not perform `action`.
Result<Scope> Authorize(db::Conn& conn, const std::string& ws, const std::string& caller,
                        Action action);

/// Appends one event in the caller's write unit; published after commit.
Status Emit(db::Conn& conn, bus::Bus& bus, const std::string& workspace_id, std::string_view type,
            const std::string& actor, std::string_view entity_type, const std::string& entity_id,
            const boost::json::object& data);

/// `{"id": id}`: the data of a delete event.
boost::json::object IdOnly(const std::string& id);

/// A page from `limit + 1` fetched rows; the cursor encodes the last kept
/// item's key.
template <class T, class KeyFn>
Page<T> MakePage(std::vector<T> rows, int limit, KeyFn key) {
  return PageFrom(std::move(rows), limit, [&](const T& item) { return EncodeCursor(key(item)); });
}

/// The same request with one more row, to learn whether a next page exists.
inline PageRequest PlusOne(PageRequest page) {
  ++page.limit;
  return page;
}

}  // namespace ws::workspaces::internal
