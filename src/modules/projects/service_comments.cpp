// Comments on tasks: anyone who works on the task comments; only the author
// edits or deletes.
#include "core/clock.hpp"
#include "core/ids.hpp"
#include "modules/projects/service_internal.hpp"

namespace ws::projects {

using internal::Action;
using internal::AuthorizeProject;
using internal::Emit;
using internal::Scope;

namespace {

/// The task's project as the caller sees it (404 when they do not).
Result<Scope> ScopeOfTask(db::Conn& conn, const std::string& task_id, const std::string& caller,
                          Action action) {
  WS_ASSIGN(std::optional<Task> task, store::GetTask(conn, task_id));
  if (!task) return AppError::NotFound("task not found");
  return AuthorizeProject(conn, task->project_id, caller, action);
}

/// A comment its author may change: 404 when the caller does not see the
/// task, 403 when they are not the author.
struct Owned {
  Scope scope;
  Comment comment;
};
Result<Owned> AuthorComment(db::Conn& conn, const std::string& id, const std::string& caller) {
  WS_ASSIGN(std::optional<Comment> comment, store::GetComment(conn, id));
  if (!comment) return AppError::NotFound("comment not found");
  auto scope = ScopeOfTask(conn, comment->task_id, caller, Action::kViewWorkspace);
  if (!scope) {
    if (scope.error().code == ErrorCode::kNotFound) return AppError::NotFound("comment not found");
    return std::move(scope).error();
  }
  if (comment->author_id != caller) {
    return AppError::Forbidden("only the author may change a comment");
  }
  WS_TRY(internal::RequireActive(*scope));
  return Owned{std::move(*scope), std::move(*comment)};
}

boost::json::object CommentData(const Comment& comment) { return ToJson(comment); }

}  // namespace

Result<Page<Comment>> Service::ListComments(const std::string& caller, const std::string& task_id,
                                            const PageRequest& page) {
  return db_.ReadValue<Page<Comment>>([&](db::Conn& conn) -> Result<Page<Comment>> {
    WS_TRY(ScopeOfTask(conn, task_id, caller, Action::kViewWorkspace));
    WS_ASSIGN(std::string after, internal::AfterId(page));
    WS_ASSIGN(std::vector<Comment> rows, store::ListComments(conn, task_id, after, page.limit + 1));
    return internal::MakePage(std::move(rows), page.limit,
                              [](const Comment& c) { return std::vector<std::string>{c.id}; });
  });
}

Result<Comment> Service::CreateComment(const std::string& caller, const std::string& task_id,
                                       const std::string& body) {
  return db_.WriteValue<Comment>([&](db::Conn& conn) -> Result<Comment> {
    WS_ASSIGN(Scope scope, ScopeOfTask(conn, task_id, caller, Action::kWriteTasks));
    WS_TRY(internal::RequireActive(scope));
    Comment comment;
    comment.id = NewId();
    comment.workspace_id = scope.project.workspace_id;
    comment.task_id = task_id;
    comment.author_id = caller;
    comment.body = body;
    comment.created_at = NowMillis();
    WS_TRY(store::InsertComment(conn, comment));
    WS_TRY(Emit(conn, bus_, comment.workspace_id, "comment.created", caller, "comment", comment.id,
                CommentData(comment), &scope.project));
    return comment;
  });
}

Result<Comment> Service::UpdateComment(const std::string& caller, const std::string& id,
                                       const std::string& body, std::optional<int64_t> if_match) {
  return db_.WriteValue<Comment>([&](db::Conn& conn) -> Result<Comment> {
    WS_ASSIGN(Owned owned, AuthorComment(conn, id, caller));
    WS_TRY(internal::CheckVersion(if_match, owned.comment.version));
    const int64_t now = NowMillis();
    WS_ASSIGN(bool written, store::UpdateComment(conn, id, body, now, if_match));
    if (!written) return internal::StaleVersion();
    Comment after = owned.comment;
    after.body = body;
    after.edited_at = now;
    ++after.version;
    WS_TRY(Emit(conn, bus_, after.workspace_id, "comment.updated", caller, "comment", after.id,
                CommentData(after), &owned.scope.project));
    return after;
  });
}

Status Service::DeleteComment(const std::string& caller, const std::string& id,
                              std::optional<int64_t> if_match) {
  return db_.Write([&](db::Conn& conn) -> Status {
    WS_ASSIGN(Owned owned, AuthorComment(conn, id, caller));
    WS_TRY(internal::CheckVersion(if_match, owned.comment.version));
    WS_TRY(store::DeleteComment(conn, id));
    return Emit(conn, bus_, owned.comment.workspace_id, "comment.deleted", caller, "comment", id,
                {{"id", id}, {"task_id", owned.comment.task_id}}, &owned.scope.project);
  });
}

}  // namespace ws::projects
