// Task lists (filters, sorts, keyset cursors), GET /me/tasks and search.
#include <boost/json/serialize.hpp>
#include <charconv>

#include "core/clock.hpp"
#include "http/pagination.hpp"
#include "modules/projects/service_internal.hpp"
#include "recurrence/recurrence.hpp"

namespace ws::projects {

using internal::Action;
using internal::AuthorizeProject;
using internal::Scope;

namespace {

constexpr int64_t kDayMillis = 24LL * 3600 * 1000;
constexpr int64_t kNoDueDate = 2147483647;  // store.cpp sorts undated tasks last with this

bool IsInteger(const std::string& text) {
  int64_t value = 0;
  const char* end = text.data() + text.size();
  return !text.empty() && std::from_chars(text.data(), end, value).ptr == end;
}

/// The sort key of a task in a non-position order, as cursor text.
/// Creation order is the task number's (store::ListTasks).
std::string SortKey(const Task& task, const std::string& field) {
  if (field == "due_date") return std::to_string(task.due_date.value_or(kNoDueDate));
  if (field == "updated_at") return std::to_string(task.updated_at);
  return std::to_string(task.number);
}

Result<std::string> UserTimezone(db::Conn& conn, const std::string& user_id) {
  WS_ASSIGN(db::Rows rows, conn.Query("SELECT timezone FROM users WHERE id = ?", user_id));
  return rows.empty() ? std::string("UTC") : rows.front().Text(0);
}

}  // namespace

Result<std::string> Service::ListTasksJson(const std::string& caller, const std::string& project_id,
                                           const TaskFilter& filter, const PageRequest& page,
                                           const std::string& cache_key) {
  if (auto body = list_cache_.Find(cache_key, caller)) return *body;
  const bus::ReadCache::Ticket ticket = list_cache_.Begin(project_id);
  std::string workspace_id;
  WS_ASSIGN(Page<Task> list, ListTasks(caller, project_id, filter, page, workspace_id));
  auto body = std::make_shared<const std::string>(
      boost::json::serialize(http::PageJson(list, [](const Task& t) { return ToJson(t); })));
  list_cache_.Store(ticket, project_id, workspace_id, cache_key, caller, body);
  return *body;
}

Result<Page<Task>> Service::ListTasks(const std::string& caller, const std::string& project_id,
                                      const TaskFilter& filter, const PageRequest& page,
                                      std::string& workspace_id) {
  return db_.ReadValue<Page<Task>>([&](db::Conn& conn) -> Result<Page<Task>> {
    WS_ASSIGN(Scope scope, AuthorizeProject(conn, project_id, caller, Action::kViewWorkspace));
    workspace_id = scope.project.workspace_id;
    store::TaskQuery query;
    query.project_id = scope.project.id;
    query.status_id = filter.status_id;
    query.assignee_id = filter.assignee_id;
    query.label_id = filter.label_id;
    query.due_before = filter.due_before;
    query.parent_id = filter.parent_id;
    query.sort = filter.sort;
    query.limit = page.limit + 1;
    if (filter.q) {
      const std::vector<std::string> words = store::SearchWords(*filter.q);
      if (words.empty()) return Page<Task>{};
      query.match = store::MatchExpression(conn.backend(), words);
    }
    const bool by_position = filter.sort == "position";
    if (!page.cursor.empty()) {
      if (!DecodeCursor(page.cursor, 2, query.after) ||
          (!by_position && !IsInteger(query.after[0]))) {
        return AppError::BadRequest("cursor is not valid");
      }
    }
    std::vector<Task> rows;
    if (!by_position) {
      WS_ASSIGN(rows, store::ListTasks(conn, query));
    } else {
      // Board order: the columns by their position, each by task position.
      // The cursor names the column and position to continue after.
      WS_ASSIGN(std::vector<TaskStatus> statuses, store::ListStatuses(conn, scope.project.id));
      const std::vector<std::string> cursor = query.after;
      bool started = cursor.empty();
      for (const auto& status : statuses) {
        if (filter.status_id && status.id != *filter.status_id) continue;
        query.after.clear();
        if (!started) {
          if (status.id != cursor[0]) continue;
          started = true;
          query.after = {cursor[1]};
        }
        query.status_id = status.id;
        query.limit = page.limit + 1 - static_cast<int>(rows.size());
        WS_ASSIGN(std::vector<Task> part, store::ListTasks(conn, query));
        for (auto& task : part) rows.push_back(std::move(task));
        if (rows.size() > static_cast<size_t>(page.limit)) break;
      }
    }
    const std::string field = filter.sort.starts_with('-') ? filter.sort.substr(1) : filter.sort;
    Page<Task> out = internal::MakePage(std::move(rows), page.limit, [&](const Task& t) {
      return by_position ? std::vector<std::string>{t.status_id, t.position}
                         : std::vector<std::string>{SortKey(t, field), t.id};
    });
    return out;
  });
}

Result<Page<Task>> Service::MyTasks(const std::string& caller, const std::string& filter,
                                    const PageRequest& page) {
  return db_.ReadValue<Page<Task>>([&](db::Conn& conn) -> Result<Page<Task>> {
    store::MyTasksQuery query;
    query.user_id = caller;
    query.limit = page.limit + 1;
    if (!page.cursor.empty()) {
      if (!DecodeCursor(page.cursor, 2, query.after) || !IsInteger(query.after[0])) {
        return AppError::BadRequest("cursor is not valid");
      }
    }
    if (filter != "all") {
      WS_ASSIGN(std::string tz, UserTimezone(conn, caller));
      const int64_t now = NowMillis();
      auto local = recurrence::LocalDate(tz, now);
      const int64_t today = local ? *local : now / kDayMillis;  // unknown zone: UTC
      query.open_only = true;
      if (filter == "today") {
        query.from = query.to = today;
      } else if (filter == "overdue") {
        query.to = today - 1;
      } else {
        // This week: Monday to Sunday around today (1970-01-01 was a Thursday).
        const int64_t weekday = ((today % 7) + 7 + 3) % 7;  // Monday = 0
        query.from = today - weekday;
        query.to = today - weekday + 6;
      }
    }
    WS_ASSIGN(std::vector<Task> rows, store::MyTasks(conn, query));
    Page<Task> out = internal::MakePage(std::move(rows), page.limit, [](const Task& t) {
      return std::vector<std::string>{std::to_string(t.due_date.value_or(kNoDueDate)), t.id};
    });
    return out;
  });
}

Result<std::vector<SearchHit>> Service::Search(const std::string& caller, const std::string& ws,
                                               const std::string& q, int limit) {
  return db_.ReadValue<std::vector<SearchHit>>(
      [&](db::Conn& conn) -> Result<std::vector<SearchHit>> {
        WS_ASSIGN(internal::WorkspaceScope scope,
                  internal::AuthorizeWorkspace(conn, ws, caller, Action::kViewWorkspace));
        const std::vector<std::string> words = store::SearchWords(q);
        if (words.empty()) return std::vector<SearchHit>();
        return store::SearchTasks(conn, scope.workspace_id,
                                  internal::VisibilityOf(caller, scope.role),
                                  store::MatchExpression(conn.backend(), words), limit);
      });
}

}  // namespace ws::projects
