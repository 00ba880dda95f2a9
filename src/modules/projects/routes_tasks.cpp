// Routes of tasks, moves, comments, GET /me/tasks and search.
#include <boost/json/array.hpp>
#include <charconv>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "modules/projects/routes.hpp"

namespace ws::projects::routes {

namespace {

using http::Method;
using http::Request;
using http::Response;

constexpr size_t kMaxLabelsPerTask = 50;

Response TaskAnswer(const Task& task, int status = 200) {
  return Tagged(TaskJsonText(task), task.version, status);
}

Response CommentAnswer(const Comment& comment, int status = 200) {
  return Tagged(ToJson(comment), comment.version, status);
}

std::optional<std::string> ReadDescription(JsonInput& input) {
  auto text = input.Text("description", {.max = kMaxDescriptionBytes, .trim = false});
  if (text && text->size() > kMaxDescriptionBytes) {
    input.Fail("description", "must be at most " + std::to_string(kMaxDescriptionBytes) + " bytes");
    return std::nullopt;
  }
  return text;
}

std::optional<int64_t> ReadDate(JsonInput& input, std::string_view key) {
  auto text = input.Text(key, {.max = 20, .trim = false});
  if (!text) return std::nullopt;
  auto days = ParseDate(*text);
  if (!days) input.Fail(key, "must be a date like 2026-03-31");
  return days;
}

std::optional<std::vector<std::string>> ReadLabels(JsonInput& input) {
  const auto* raw = input.Raw("labels");
  if (raw == nullptr || raw->is_null()) return std::nullopt;
  if (!raw->is_array() || raw->as_array().size() > kMaxLabelsPerTask) {
    input.Fail("labels", "must be an array of at most 50 label ids");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& item : raw->as_array()) {
    if (!item.is_string() || !IsUuid(item.as_string())) {
      input.Fail("labels", "must be an array of label ids");
      return std::nullopt;
    }
    out.emplace_back(item.as_string());
  }
  return out;
}

std::optional<std::string> ReadRule(JsonInput& input) {
  return input.Text(
      "recurrence",
      {.required = input.Has("recurrence") && !input.IsNull("recurrence"), .min = 1, .max = 500});
}

/// A clearable field: absent, null, or a value read by `read`.
template <class T, class Fn>
Nullable<T> ReadNullable(JsonInput& input, std::string_view key, Fn read) {
  if (!input.Has(key)) return std::nullopt;
  if (input.IsNull(key)) {
    (void)input.Raw(key);
    return Nullable<T>(std::in_place, std::nullopt);
  }
  std::optional<T> value = read();
  if (!value) return std::nullopt;  // the reader recorded the problem
  return Nullable<T>(std::in_place, std::move(value));
}

Result<TaskInput> ReadNewTask(const Request& request) {
  WS_ASSIGN(JsonInput input, JsonInput::Parse(request.body));
  TaskInput in;
  auto title = input.Text("title", {.required = true, .min = 1, .max = 500});
  auto description = ReadDescription(input);
  in.status_id = ReadId(input, "status_id");
  in.assignee_id = ReadId(input, "assignee_id");
  auto priority = input.OneOf("priority", {"none", "low", "medium", "high", "urgent"});
  in.due_date = ReadDate(input, "due_date");
  auto labels = ReadLabels(input);
  in.parent_id = ReadId(input, "parent_id");
  in.recurrence = ReadRule(input);
  WS_TRY(input.Finish());
  in.title = *title;
  in.description = description.value_or("");
  in.priority = priority.value_or("none");
  in.labels = labels.value_or(std::vector<std::string>{});
  return in;
}

void AddTaskCrud(http::Router& router, const std::shared_ptr<Service>& service) {
  router.AddAsync(
      Method::kPost, Path("/projects/{id}/tasks"),
      [service](Request& request, http::Responder respond) {
        Result<TaskInput> in = ReadNewTask(request);
        if (!in) return respond(std::move(in).error());
        service->CreateTask(request.identity.user_id, std::string(request.Param("id")),
                            std::move(*in), [respond](Result<Task> task) {
                              if (!task) return respond(std::move(task).error());
                              respond(TaskAnswer(*task, 201));
                            });
      },
      kUserLargeAsync);
  router.Add(
      Method::kGet, Path("/tasks/{id}"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(auto task, service->GetTask(request.identity.user_id, request.Param("id")));
        return TaskAnswer(task);
      },
      kUser);
  router.Add(
      Method::kPatch, Path("/tasks/{id}"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(auto if_match, IfMatch(request));
        WS_ASSIGN(JsonInput input, Body(request));
        TaskPatch patch;
        patch.title = input.Text("title", {.required = input.Has("title"), .min = 1, .max = 500});
        patch.description = ReadDescription(input);
        patch.status_id = ReadId(input, "status_id", input.Has("status_id"));
        patch.priority = input.OneOf("priority", {"none", "low", "medium", "high", "urgent"},
                                     input.Has("priority"));
        patch.assignee_id = ReadNullable<std::string>(
            input, "assignee_id", [&] { return ReadId(input, "assignee_id", true); });
        patch.due_date =
            ReadNullable<int64_t>(input, "due_date", [&] { return ReadDate(input, "due_date"); });
        patch.parent_id = ReadNullable<std::string>(
            input, "parent_id", [&] { return ReadId(input, "parent_id", true); });
        patch.recurrence =
            ReadNullable<std::string>(input, "recurrence", [&] { return ReadRule(input); });
        if (input.Has("labels") && input.IsNull("labels")) {
          (void)input.Raw("labels");
          patch.labels = std::vector<std::string>{};
        } else {
          patch.labels = ReadLabels(input);
        }
        WS_TRY(input.Finish());
        WS_ASSIGN(auto task, service->UpdateTask(request.identity.user_id, request.Param("id"),
                                                 patch, if_match));
        return TaskAnswer(task);
      },
      kUserLarge);
  router.Add(
      Method::kDelete, Path("/tasks/{id}"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(auto if_match, IfMatch(request));
        WS_TRY(service->DeleteTask(request.identity.user_id, request.Param("id"), if_match));
        return Response::NoContent();
      },
      kUser);
  router.Add(
      Method::kPost, Path("/tasks/{id}/move"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(auto if_match, IfMatch(request));
        WS_ASSIGN(JsonInput input, Body(request));
        MoveInput move;
        move.status_id = ReadId(input, "status_id");
        move.after_id = ReadId(input, "after_id");
        move.before_id = ReadId(input, "before_id");
        WS_TRY(input.Finish());
        WS_ASSIGN(auto task,
                  service->MoveTask(request.identity.user_id, request.Param("id"), move, if_match));
        return TaskAnswer(task);
      },
      kUser);
}

Result<TaskFilter> ReadFilter(const Request& request) {
  TaskFilter filter;
  WS_ASSIGN(filter.status_id, QueryId(request, "status_id"));
  WS_ASSIGN(filter.assignee_id, QueryId(request, "assignee_id"));
  WS_ASSIGN(filter.label_id, QueryId(request, "label_id"));
  WS_ASSIGN(filter.parent_id, QueryId(request, "parent_id"));
  if (auto due = request.Query("due_before")) {
    filter.due_before = ParseDate(*due);
    if (!filter.due_before)
      return AppError::BadRequest("due_before must be a date like 2026-03-31");
  }
  if (auto q = request.Query("q")) {
    if (q->size() > 200) return AppError::BadRequest("q must be at most 200 characters");
    filter.q = *q;
  }
  if (auto sort = request.Query("sort")) {
    static const std::vector<std::string> kSorts{"position",   "due_date",  "created_at",
                                                 "updated_at", "-due_date", "-created_at",
                                                 "-updated_at"};
    if (std::find(kSorts.begin(), kSorts.end(), *sort) == kSorts.end()) {
      return AppError::BadRequest(
          "sort must be position, due_date, created_at or updated_at (- for descending)");
    }
    filter.sort = *sort;
  }
  return filter;
}

void AddViewRoutes(http::Router& router, const std::shared_ptr<Service>& service) {
  router.Add(
      Method::kGet, Path("/projects/{id}/tasks"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(PageRequest page, ReadPage(request));
        WS_ASSIGN(TaskFilter filter, ReadFilter(request));
        // Identical reads share one cached answer while nothing changed.
        const std::string key = request.Param("id") + "?" + request.query;
        WS_ASSIGN(std::string body, service->ListTasksJson(request.identity.user_id,
                                                           request.Param("id"), filter, page, key));
        Response response;
        response.body = std::move(body);
        return response;
      },
      kUser);
  router.Add(
      Method::kGet, Path("/me/tasks"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(PageRequest page, ReadPage(request));
        const std::string filter = request.Query("filter").value_or("all");
        if (filter != "today" && filter != "overdue" && filter != "week" && filter != "all") {
          return AppError::BadRequest("filter must be today, overdue, week or all");
        }
        WS_ASSIGN(auto list, service->MyTasks(request.identity.user_id, filter, page));
        return Response::Json(PageJson(list, [](const Task& t) { return ToJson(t); }));
      },
      kUser);
  router.Add(
      Method::kGet, Path("/workspaces/{ws}/search"),
      [service](Request& request) -> Result<Response> {
        const std::string q = request.Query("q").value_or("");
        if (q.empty() || q.size() > 200) {
          return AppError::BadRequest("q is required (at most 200 characters)");
        }
        if (auto types = request.Query("types")) {
          std::string_view rest = *types;
          while (true) {
            const size_t cut = rest.find(',');
            if (rest.substr(0, cut) != "task") {
              return AppError::BadRequest("types must be task (the only searchable type)");
            }
            if (cut == std::string_view::npos) break;
            rest = rest.substr(cut + 1);
          }
        }
        WS_ASSIGN(const int limit, http::QueryLimit(request, 20, 50));
        WS_ASSIGN(auto hits,
                  service->Search(request.identity.user_id, request.Param("ws"), q, limit));
        boost::json::array items;
        for (const auto& hit : hits) items.emplace_back(ToJson(hit));
        return Response::Json(boost::json::object{{"items", std::move(items)}});
      },
      kUser);
}

void AddCommentRoutes(http::Router& router, const std::shared_ptr<Service>& service) {
  router.Add(
      Method::kGet, Path("/tasks/{id}/comments"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(PageRequest page, ReadPage(request));
        WS_ASSIGN(auto list,
                  service->ListComments(request.identity.user_id, request.Param("id"), page));
        return Response::Json(PageJson(list, [](const Comment& c) { return ToJson(c); }));
      },
      kUser);
  router.Add(
      Method::kPost, Path("/tasks/{id}/comments"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(JsonInput input, JsonInput::Parse(request.body));
        auto body = input.Text("body", {.required = true, .min = 1, .max = kMaxCommentBytes});
        WS_TRY(input.Finish());
        WS_ASSIGN(auto comment,
                  service->CreateComment(request.identity.user_id, request.Param("id"), *body));
        return CommentAnswer(comment, 201);
      },
      kUserLarge);
  router.Add(
      Method::kPatch, Path("/comments/{id}"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(auto if_match, IfMatch(request));
        WS_ASSIGN(JsonInput input, JsonInput::Parse(request.body));
        auto body = input.Text("body", {.required = true, .min = 1, .max = kMaxCommentBytes});
        WS_TRY(input.Finish());
        WS_ASSIGN(auto comment, service->UpdateComment(request.identity.user_id,
                                                       request.Param("id"), *body, if_match));
        return CommentAnswer(comment);
      },
      kUserLarge);
  router.Add(
      Method::kDelete, Path("/comments/{id}"),
      [service](Request& request) -> Result<Response> {
        WS_ASSIGN(auto if_match, IfMatch(request));
        WS_TRY(service->DeleteComment(request.identity.user_id, request.Param("id"), if_match));
        return Response::NoContent();
      },
      kUser);
}

}  // namespace

void AddTaskRoutes(http::Router& router, const std::shared_ptr<Service>& service) {
  AddTaskCrud(router, service);
  AddViewRoutes(router, service);
  AddCommentRoutes(router, service);
}

}  // namespace ws::projects::routes
