// Workspaces: create, list, read, update, delete; and the shared helpers.
#include "modules/workspaces/service.hpp"

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "modules/auth/access_cache.hpp"
#include "modules/workspaces/service_internal.hpp"
#include "modules/workspaces/store.hpp"

namespace ws::workspaces {

namespace internal {

Result<Scope> Authorize(db::Conn& conn, const std::string& ws, const std::string& caller,
                        Action action) {
  if (caller.empty()) return AppError::Unauthorized();
  WS_ASSIGN(std::optional<Workspace> workspace, store::FindWorkspace(conn, ws));
  if (!workspace) return AppError::NotFound("workspace not found");
  WS_ASSIGN(std::optional<Role> role, store::RoleOf(conn, workspace->id, caller));
  if (!role) return AppError::NotFound("workspace not found");
  if (!Can(*role, action)) return AppError::Forbidden("your role does not allow this");
  return Scope{std::move(*workspace), *role};
}

Status Emit(db::Conn& conn, bus::Bus& bus, const std::string& workspace_id, std::string_view type,
            const std::string& actor, std::string_view entity_type, const std::string& entity_id,
            const boost::json::object& data) {
  bus::Event event;
  event.workspace_id = workspace_id;
  event.type = type;
  event.actor_id = actor;
  event.entity_type = entity_type;
  event.entity_id = entity_id;
  event.data = ToText(data);
  WS_TRY(bus::Append(conn, bus, std::move(event)));
  return {};
}

boost::json::object IdOnly(const std::string& id) { return {{"id", id}}; }

}  // namespace internal

using internal::Authorize;
using internal::Emit;

namespace {

constexpr int kSlugAttempts = 50;

/// A free slug for a new workspace called `name`: the derived slug, then
/// `-2`, `-3`, …, then a random suffix.
Result<std::string> FreeSlug(db::Conn& conn, const std::string& name) {
  const std::string base = SlugFromName(name);
  for (int n = 1; n <= kSlugAttempts; ++n) {
    const std::string candidate = n == 1 ? base : SlugWithSuffix(base, std::to_string(n));
    WS_ASSIGN(bool taken, store::SlugTaken(conn, candidate));
    if (!taken) return candidate;
  }
  return SlugWithSuffix(base, Sha256Hex(RandomToken()).substr(0, 8));
}

AppError SlugConflict() {
  AppError error = AppError::Conflict("slug is already taken");
  error.fields.emplace("slug", "is already taken");
  return error;
}

}  // namespace

Service::Service(db::Database& db, bus::Bus& bus, mail::Mailer& mailer, std::string public_url)
    : db_(db),
      bus_(bus),
      // Members carry user names and emails, which change without a
      // workspace event: the access cache's generation and age cover them.
      members_cache_(bus, {.generation = auth::AccessCache::Generation,
                           .max_age_ms = auth::kAccessCacheTtlMs}),
      mailer_(mailer),
      public_url_(std::move(public_url)) {
  while (!public_url_.empty() && public_url_.back() == '/') public_url_.pop_back();
}

Result<WorkspaceView> Service::Create(const std::string& caller, const std::string& name,
                                      const std::optional<std::string>& slug) {
  // A derived slug can lose a race with a concurrent create on PostgreSQL;
  // the unique index refuses it and the next attempt picks another.
  for (int attempt = 0;; ++attempt) {
    Result<WorkspaceView> created =
        db_.WriteValue<WorkspaceView>([&](db::Conn& conn) -> Result<WorkspaceView> {
          Workspace workspace{NewId(), name, slug.value_or(""), "free", NowMillis()};
          if (slug) {
            WS_ASSIGN(bool taken, store::SlugTaken(conn, *slug));
            if (taken) return SlugConflict();
          } else {
            WS_ASSIGN(workspace.slug, FreeSlug(conn, name));
          }
          WS_TRY(store::InsertWorkspace(conn, workspace, caller));
          WS_TRY(
              store::InsertMember(conn, workspace.id, caller, Role::kOwner, workspace.created_at));
          WS_TRY(Emit(conn, bus_, workspace.id, "workspace.created", caller, "workspace",
                      workspace.id, ToJson(workspace, std::nullopt)));
          WS_ASSIGN(std::optional<Member> owner, store::GetMember(conn, workspace.id, caller));
          if (!owner) return AppError::Internal("owner membership missing after insert");
          WS_TRY(Emit(conn, bus_, workspace.id, "member.joined", caller, "member", caller,
                      ToJson(*owner)));
          return WorkspaceView{std::move(workspace), Role::kOwner};
        });
    if (created || created.error().code != ErrorCode::kConflict) return created;
    if (slug) return SlugConflict();
    if (attempt >= 2) return created;
  }
}

Result<Page<WorkspaceView>> Service::ListMine(const std::string& caller, const PageRequest& page) {
  return db_.ReadValue<Page<WorkspaceView>>([&](db::Conn& conn) -> Result<Page<WorkspaceView>> {
    WS_ASSIGN(auto rows, store::ListWorkspacesOf(conn, caller, internal::PlusOne(page)));
    std::vector<WorkspaceView> views;
    for (auto& [workspace, role] : rows) views.push_back(WorkspaceView{std::move(workspace), role});
    return internal::MakePage(std::move(views), page.limit,
                              [](const WorkspaceView& v) { return v.workspace.id; });
  });
}

Result<WorkspaceView> Service::Get(const std::string& caller, const std::string& ws) {
  return db_.ReadValue<WorkspaceView>([&](db::Conn& conn) -> Result<WorkspaceView> {
    WS_ASSIGN(internal::Scope scope, Authorize(conn, ws, caller, Action::kViewWorkspace));
    return WorkspaceView{std::move(scope.workspace), scope.role};
  });
}

Result<WorkspaceView> Service::Update(const std::string& caller, const std::string& ws,
                                      const WorkspacePatch& patch) {
  Result<WorkspaceView> updated =
      db_.WriteValue<WorkspaceView>([&](db::Conn& conn) -> Result<WorkspaceView> {
        WS_ASSIGN(internal::Scope scope, Authorize(conn, ws, caller, Action::kUpdateWorkspace));
        Workspace after = scope.workspace;
        if (patch.name) after.name = *patch.name;
        if (patch.slug) after.slug = *patch.slug;
        if (after.name == scope.workspace.name && after.slug == scope.workspace.slug) {
          return WorkspaceView{std::move(after), scope.role};
        }
        if (after.slug != scope.workspace.slug) {
          WS_ASSIGN(bool taken, store::SlugTaken(conn, after.slug, after.id));
          if (taken) return SlugConflict();
        }
        WS_TRY(store::UpdateWorkspace(conn, after.id, after.name, after.slug));
        WS_TRY(Emit(conn, bus_, after.id, "workspace.updated", caller, "workspace", after.id,
                    ToJson(after, std::nullopt)));
        return WorkspaceView{std::move(after), scope.role};
      });
  if (!updated && updated.error().code == ErrorCode::kConflict) return SlugConflict();
  return updated;
}

Status Service::Delete(const std::string& caller, const std::string& ws) {
  return db_.Write([&](db::Conn& conn) -> Status {
    WS_ASSIGN(internal::Scope scope, Authorize(conn, ws, caller, Action::kDeleteWorkspace));
    // Appended, then removed with the rest of the log: live listeners still
    // get it from the bus after commit, and no data of the workspace stays.
    WS_TRY(Emit(conn, bus_, scope.id(), "workspace.deleted", caller, "workspace", scope.id(),
                internal::IdOnly(scope.id())));
    return store::DeleteWorkspace(conn, scope.id());
  });
}

Result<std::string> Service::Resolve(const std::string& ws) {
  return db_.ReadValue<std::string>([&](db::Conn& conn) -> Result<std::string> {
    WS_ASSIGN(std::optional<Workspace> workspace, store::FindWorkspace(conn, ws));
    if (!workspace) return AppError::NotFound("workspace not found");
    return workspace->id;
  });
}

}  // namespace ws::workspaces
