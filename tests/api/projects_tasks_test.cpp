// Tasks and comments through the API: every field, numbers and keys,
// completion, subtasks, limits, If-Match, events, and bad input that changes
// nothing.
#include "projects_fixture.hpp"

namespace ws::test {
namespace {

using pjfx::Env;
using pjfx::ExpectError;
using pjfx::J;
using pjfx::Quoted;
using pjfx::Str;
using wsfx::Id;

/// The newest events of the workspace with their types.
std::vector<boost::json::object> EventsAfter(Env& env, int64_t after) {
  auto r =
      env.Call(&env.owner, "GET",
               "/api/v1/workspaces/" + env.ws + "/events?wait=0&after=" + std::to_string(after));
  EXPECT_EQ(r.status, 200) << r.body;
  std::vector<boost::json::object> out;
  const boost::json::value r_json = r.Json();
  for (const auto& e : r_json.at("events").as_array()) out.push_back(e.as_object());
  return out;
}

TEST(ProjectsTasks, CreateWithEveryFieldReadUpdateDelete) {
  Env env;
  Account mia = env.NewMember(env.ws, env.owner, "member", "Mia");
  const std::string project = Id(env.Project(env.owner, "WEB"));
  auto statuses = env.Statuses(env.owner, project);
  auto label = env.Call(&env.owner, "POST", "/api/v1/workspaces/" + env.ws + "/labels",
                        J({{"name", "bug"}}));
  const std::string label_id = Id(label.Json().as_object());
  const int64_t seq = env.LastSeq(env.ws, env.owner);

  boost::json::object body{{"title", "Ship it"},
                           {"description", "# Plan\n\n* one\n* two"},
                           {"status_id", Id(statuses[1])},
                           {"assignee_id", mia.id},
                           {"priority", "high"},
                           {"due_date", "2026-03-31"},
                           {"labels", boost::json::array{label_id}}};
  auto r = env.Call(&env.owner, "POST", "/api/v1/projects/" + project + "/tasks", J(body));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.Header("ETag"), "\"1\"");
  auto task = r.Json().as_object();
  EXPECT_EQ(task.at("number").as_int64(), 1);
  EXPECT_EQ(Str(task, "key"), "WEB-1");
  EXPECT_EQ(Str(task, "title"), "Ship it");
  EXPECT_EQ(Str(task, "description"), "# Plan\n\n* one\n* two");
  EXPECT_EQ(Str(task, "status_id"), Id(statuses[1]));
  EXPECT_EQ(Str(task, "status_category"), "in_progress");
  EXPECT_EQ(Str(task, "assignee_id"), mia.id);
  EXPECT_EQ(Str(task, "priority"), "high");
  EXPECT_EQ(Str(task, "due_date"), "2026-03-31");
  EXPECT_EQ(task.at("labels").as_array().size(), 1u);
  EXPECT_TRUE(task.at("parent_id").is_null());
  EXPECT_TRUE(task.at("recurrence").is_null());
  EXPECT_TRUE(task.at("completed_at").is_null());
  EXPECT_EQ(Str(task, "created_by"), env.owner.id);
  EXPECT_EQ(Str(task, "workspace_id"), env.ws);
  EXPECT_EQ(Str(task, "project_id"), project);
  EXPECT_FALSE(Str(task, "position").empty());
  EXPECT_EQ(task.at("version").as_int64(), 1);

  // Defaults: first todo status, priority none.
  auto plain = env.Task(env.owner, project, "Plain");
  EXPECT_EQ(Str(plain, "status_id"), Id(statuses[0]));
  EXPECT_EQ(Str(plain, "priority"), "none");
  EXPECT_EQ(Str(plain, "key"), "WEB-2");

  // PATCH: changed fields, clearing with null, version and ETag.
  auto patched = env.Call(&env.owner, "PATCH", "/api/v1/tasks/" + Id(task),
                          J({{"title", "Ship it now"},
                             {"assignee_id", nullptr},
                             {"due_date", nullptr},
                             {"labels", boost::json::array{}},
                             {"priority", "urgent"}}));
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.Header("ETag"), "\"2\"");
  auto after = patched.Json().as_object();
  EXPECT_EQ(Str(after, "title"), "Ship it now");
  EXPECT_TRUE(after.at("assignee_id").is_null());
  EXPECT_TRUE(after.at("due_date").is_null());
  EXPECT_EQ(after.at("labels").as_array().size(), 0u);
  EXPECT_EQ(Str(after, "priority"), "urgent");

  // The events: task.created ×2, task.updated naming the changed fields.
  auto events = EventsAfter(env, seq);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(Str(events[0], "type"), "task.created");
  EXPECT_EQ(Str(events[2], "type"), "task.updated");
  const auto& data = events[2].at("data").as_object();
  EXPECT_EQ(Str(data, "project_visibility"), "workspace");
  std::set<std::string> changed;
  for (const auto& f : data.at("changed").as_array()) changed.emplace(f.as_string());
  EXPECT_EQ(changed,
            (std::set<std::string>{"title", "assignee_id", "due_date", "labels", "priority"}));

  // Numbers are never reused: delete #2, the next one is #3.
  EXPECT_EQ(env.Call(&env.owner, "DELETE", "/api/v1/tasks/" + Id(plain)).status, 204);
  ExpectError(env.Call(&env.owner, "GET", "/api/v1/tasks/" + Id(plain)), 404, "not_found");
  EXPECT_EQ(Str(env.Task(env.owner, project, "Third"), "key"), "WEB-3");
  auto last = EventsAfter(env, env.LastSeq(env.ws, env.owner) - 2);
  EXPECT_EQ(Str(last[0], "type"), "task.deleted");
}

// Without a status_id a task starts in the first `todo` column by position,
// else the first `in_progress` one; a board of only `done` columns needs one.
TEST(ProjectsTasks, ANewTaskStartsInTheFirstTodoColumnElseTheFirstInProgressOne) {
  Env env;
  const std::string project = Id(env.Project(env.owner, "WEB"));
  auto statuses = env.Statuses(env.owner, project);
  const std::string todo = Id(statuses[0]), doing = Id(statuses[1]), done = Id(statuses[2]);
  auto add = [&](const char* name, const char* category) {
    auto r = env.Call(&env.owner, "POST", "/api/v1/projects/" + project + "/statuses",
                      J({{"name", name}, {"category", category}}));
    EXPECT_EQ(r.status, 201) << r.body;
    return Id(r.Json().as_object());
  };
  auto patch = [&](const std::string& id, boost::json::object body) {
    auto r = env.Call(&env.owner, "PATCH", "/api/v1/statuses/" + id, J(body));
    EXPECT_EQ(r.status, 200) << r.body;
  };
  auto start = [&](const char* title) {
    return Str(env.Task(env.owner, project, title), "status_id");
  };

  // A todo column placed after the others still wins over in_progress ones.
  const std::string later = add("Later", "todo");
  patch(todo, {{"category", "in_progress"}});
  patch(done, {{"before_id", todo}});
  EXPECT_EQ(start("one"), later);
  // Two todo columns: the first by position.
  const std::string inbox = add("Inbox", "todo");
  patch(inbox, {{"before_id", done}});
  EXPECT_EQ(start("two"), inbox);
  // No todo column: the first in_progress one by position (doing before todo now).
  patch(inbox, {{"category", "done"}});
  patch(later, {{"category", "in_progress"}});
  patch(doing, {{"before_id", done}});
  EXPECT_EQ(start("three"), doing);
  // Only done columns: the client has to choose.
  for (const auto& id : {todo, doing, later}) patch(id, {{"category", "done"}});
  const std::string before = env.Snapshot();
  auto refused = env.Call(&env.owner, "POST", "/api/v1/projects/" + project + "/tasks",
                          J({{"title", "four"}}));
  ExpectError(refused, 422, "validation_failed");
  EXPECT_TRUE(refused.Json().at("error").at("fields").as_object().contains("status_id"));
  EXPECT_EQ(env.Snapshot(), before);
}

TEST(ProjectsTasks, CompletionSubtasksAndCycles) {
  Env env;
  const std::string project = Id(env.Project(env.owner, "WEB"));
  auto statuses = env.Statuses(env.owner, project);
  const std::string todo = Id(statuses[0]), done = Id(statuses[2]);
  auto task = env.Task(env.owner, project, "Parent");
  const std::string id = Id(task);

  auto finished = env.Call(&env.owner, "PATCH", "/api/v1/tasks/" + id, J({{"status_id", done}}));
  ASSERT_EQ(finished.status, 200) << finished.body;
  EXPECT_FALSE(finished.Json().at("completed_at").is_null());
  EXPECT_EQ(Str(finished.Json().as_object(), "status_category"), "done");
  auto reopened =
      env.Call(&env.owner, "POST", "/api/v1/tasks/" + id + "/move", J({{"status_id", todo}}));
  ASSERT_EQ(reopened.status, 200) << reopened.body;
  EXPECT_TRUE(reopened.Json().at("completed_at").is_null());

  // Subtasks: same project, one level, no cycles.
  auto child =
      env.Task(env.owner, project, boost::json::object{{"title", "Child"}, {"parent_id", id}});
  EXPECT_EQ(Str(child, "parent_id"), id);
  EXPECT_EQ(env.All(env.owner, "/api/v1/projects/" + project + "/tasks?parent_id=" + id).size(),
            1u);
  const std::string other = Id(env.Project(env.owner, "OPS"));
  auto foreign = env.Task(env.owner, other, "Elsewhere");

  const std::string before = env.Snapshot();
  const std::string tasks = "/api/v1/projects/" + project + "/tasks";
  ExpectError(env.Call(&env.owner, "POST", tasks, J({{"title", "G"}, {"parent_id", Id(child)}})),
              422, "validation_failed");  // two levels
  ExpectError(env.Call(&env.owner, "POST", tasks, J({{"title", "F"}, {"parent_id", Id(foreign)}})),
              422, "validation_failed");  // another project
  ExpectError(env.Call(&env.owner, "PATCH", "/api/v1/tasks/" + id, J({{"parent_id", id}})), 422,
              "validation_failed");  // itself
  ExpectError(env.Call(&env.owner, "PATCH", "/api/v1/tasks/" + id, J({{"parent_id", Id(child)}})),
              422, "validation_failed");  // a cycle
  EXPECT_EQ(env.Snapshot(), before);

  // Deleting the parent deletes its subtasks.
  EXPECT_EQ(env.Call(&env.owner, "DELETE", "/api/v1/tasks/" + id).status, 204);
  ExpectError(env.Call(&env.owner, "GET", "/api/v1/tasks/" + Id(child)), 404, "not_found");
}

TEST(ProjectsTasks, BadInputChangesNothing) {
  Env env;
  Account stranger = env.Register("Stranger");
  Account mia = env.NewMember(env.ws, env.owner, "member", "Mia");
  const std::string project = Id(env.Project(env.owner, "WEB"));
  const std::string secret = Id(env.Project(env.owner, "SEC", "private"));
  const std::string other = Id(env.Project(env.owner, "OPS"));
  const std::string foreign_status = Id(env.Statuses(env.owner, other)[0]);
  auto task = env.Task(env.owner, project, "Existing");
  const std::string other_ws = Id(env.CreateWorkspace(stranger, "Theirs"));
  auto foreign_label = env.Call(&stranger, "POST", "/api/v1/workspaces/" + other_ws + "/labels",
                                J({{"name", "theirs"}}));
  const std::string tasks = "/api/v1/projects/" + project + "/tasks";
  const std::string unknown = "01900000-0000-7000-8000-000000000000";

  const std::string before = env.Snapshot();
  auto refuse = [&](const std::string& method, const std::string& path, const std::string& body,
                    int status, const std::string& field) {
    SCOPED_TRACE(method + " " + path + " " + body.substr(0, 120));
    auto r = env.Call(&env.owner, method, path, body);
    EXPECT_EQ(r.status, status) << r.body.substr(0, 300);
    EXPECT_FALSE(r.ErrorCode().empty());
    if (!field.empty() && r.status == 422) {
      EXPECT_TRUE(r.Json().at("error").at("fields").as_object().contains(field)) << r.body;
    }
  };
  refuse("POST", tasks, J({{"title", ""}}), 422, "title");
  refuse("POST", tasks, J({{"title", "   "}}), 422, "title");
  refuse("POST", tasks, J({{"description", "x"}}), 422, "title");
  refuse("POST", tasks, J({{"title", "T"}, {"status_id", unknown}}), 422, "status_id");
  refuse("POST", tasks, J({{"title", "T"}, {"status_id", foreign_status}}), 422, "status_id");
  refuse("POST", tasks, J({{"title", "T"}, {"status_id", "todo"}}), 422, "status_id");
  refuse("POST", tasks, J({{"title", "T"}, {"labels", boost::json::array{unknown}}}), 422,
         "labels");
  refuse("POST", tasks,
         J({{"title", "T"}, {"labels", boost::json::array{Id(foreign_label.Json().as_object())}}}),
         422, "labels");
  refuse("POST", tasks, J({{"title", "T"}, {"labels", "bug"}}), 422, "labels");
  refuse("POST", tasks, J({{"title", "T"}, {"assignee_id", stranger.id}}), 422, "assignee_id");
  refuse("POST", "/api/v1/projects/" + secret + "/tasks",
         J({{"title", "T"}, {"assignee_id", mia.id}}), 422,
         "assignee_id");  // mia cannot see the private project
  refuse("POST", tasks, J({{"title", "T"}, {"due_date", "2026-02-30"}}), 422, "due_date");
  refuse("POST", tasks, J({{"title", "T"}, {"due_date", "tomorrow"}}), 422, "due_date");
  refuse("POST", tasks, J({{"title", "T"}, {"priority", "asap"}}), 422, "priority");
  refuse("POST", tasks, J({{"title", "T"}, {"recurrence", "FREQ=SOMETIMES"}}), 422, "recurrence");
  refuse("POST", tasks, J({{"title", "T"}, {"recurrence", "BYDAY=MO"}}), 422, "recurrence");
  refuse("POST", tasks, J({{"title", "T"}, {"surprise", 1}}), 422, "surprise");
  refuse("POST", tasks, "[]", 400, "");
  refuse("POST", tasks, "{\"title\":", 400, "");
  refuse("PATCH", "/api/v1/tasks/" + Id(task), J({{"title", ""}}), 422, "title");
  refuse("PATCH", "/api/v1/tasks/" + Id(task), J({{"status_id", foreign_status}}), 422,
         "status_id");
  refuse("PATCH", "/api/v1/tasks/" + Id(task), J({{"recurrence", "FREQ=DAILY;COUNT=x"}}), 422,
         "recurrence");
  refuse("POST", "/api/v1/projects/" + unknown + "/tasks", J({{"title", "T"}}), 404, "");
  // Descriptions: 100 KiB is the limit (422 above it); a 10 MB body is 413.
  refuse("POST", tasks, J({{"title", "T"}, {"description", std::string(100 * 1024 + 1, 'a')}}), 422,
         "description");
  refuse("POST", tasks, J({{"title", "T"}, {"description", std::string(10 * 1024 * 1024, 'a')}}),
         413, "");
  EXPECT_EQ(env.Snapshot(), before);
  // Exactly at the limit is fine, and the server is still healthy.
  auto big = env.Task(
      env.owner, project,
      boost::json::object{{"title", "Big"}, {"description", std::string(100 * 1024, 'b')}});
  EXPECT_EQ(Str(big, "description").size(), 100u * 1024);
}

TEST(ProjectsTasks, IfMatchOnTasks) {
  Env env;
  const std::string project = Id(env.Project(env.owner, "WEB"));
  auto task = env.Task(env.owner, project, "Edit me");
  const std::string path = "/api/v1/tasks/" + Id(task);
  auto first =
      env.CallWith(env.owner, "PATCH", path, J({{"title", "A"}}), {{"If-Match", Quoted(1)}});
  ASSERT_EQ(first.status, 200) << first.body;
  const std::string before = env.Snapshot();
  ExpectError(
      env.CallWith(env.owner, "PATCH", path, J({{"title", "B"}}), {{"If-Match", Quoted(1)}}), 412,
      "precondition_failed");
  ExpectError(env.CallWith(env.owner, "POST", path + "/move", "{}", {{"If-Match", Quoted(1)}}), 412,
              "precondition_failed");
  ExpectError(env.CallWith(env.owner, "DELETE", path, "", {{"If-Match", Quoted(7)}}), 412,
              "precondition_failed");
  EXPECT_EQ(env.Snapshot(), before);
  // No If-Match: last write wins.
  EXPECT_EQ(env.Call(&env.owner, "PATCH", path, J({{"title", "C"}})).status, 200);
  EXPECT_EQ(env.CallWith(env.owner, "DELETE", path, "", {{"If-Match", Quoted(3)}}).status, 204);
}

TEST(ProjectsTasks, Comments) {
  Env env;
  Account mia = env.NewMember(env.ws, env.owner, "member", "Mia");
  const std::string project = Id(env.Project(env.owner, "WEB"));
  auto task = env.Task(env.owner, project, "Discuss");
  const std::string path = "/api/v1/tasks/" + Id(task) + "/comments";
  auto c1 = env.Call(&mia, "POST", path, J({{"body", "First!"}}));
  ASSERT_EQ(c1.status, 201) << c1.body;
  EXPECT_EQ(c1.Header("ETag"), "\"1\"");
  auto comment = c1.Json().as_object();
  EXPECT_EQ(Str(comment, "author_id"), mia.id);
  EXPECT_EQ(Str(comment, "task_id"), Id(task));
  EXPECT_TRUE(comment.at("edited_at").is_null());
  ASSERT_EQ(env.Call(&env.owner, "POST", path, J({{"body", "Second"}})).status, 201);
  auto list = env.All(env.owner, path, 1);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(Str(list[0], "body"), "First!");

  const std::string cpath = "/api/v1/comments/" + Id(comment);
  const std::string before = env.Snapshot();
  ExpectError(env.Call(&env.owner, "PATCH", cpath, J({{"body", "Hijack"}})), 403, "forbidden");
  ExpectError(env.Call(&env.owner, "DELETE", cpath), 403, "forbidden");
  ExpectError(env.Call(&mia, "PATCH", cpath, J({{"body", ""}})), 422, "validation_failed");
  ExpectError(env.CallWith(mia, "PATCH", cpath, J({{"body", "x"}}), {{"If-Match", Quoted(5)}}), 412,
              "precondition_failed");
  ExpectError(env.Call(&mia, "POST", path, J({{"body", std::string(64 * 1024 + 1, 'c')}})), 422,
              "validation_failed");
  EXPECT_EQ(env.Snapshot(), before);

  auto edited =
      env.CallWith(mia, "PATCH", cpath, J({{"body", "First, edited"}}), {{"If-Match", Quoted(1)}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_FALSE(edited.Json().at("edited_at").is_null());
  EXPECT_EQ(edited.Header("ETag"), "\"2\"");
  EXPECT_EQ(env.Call(&mia, "DELETE", cpath).status, 204);
  ExpectError(env.Call(&mia, "DELETE", cpath), 404, "not_found");
  EXPECT_EQ(env.All(env.owner, path).size(), 1u);
}

}  // namespace
}  // namespace ws::test
