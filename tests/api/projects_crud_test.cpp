// Projects, members, statuses and labels through the API: keys, visibility,
// archive, ETag / If-Match, and bad input that changes nothing.
#include "projects_fixture.hpp"

namespace ws::test {
namespace {

using pjfx::Env;
using pjfx::ExpectError;
using pjfx::J;
using pjfx::Quoted;
using pjfx::Str;
using wsfx::Id;

TEST(ProjectsCrud, CreateListReadUpdateArchiveDelete) {
  Env env;
  auto web = env.Project(env.owner, "WEB");
  EXPECT_EQ(Str(web, "key"), "WEB");
  EXPECT_EQ(Str(web, "visibility"), "workspace");
  EXPECT_EQ(web.at("archived").as_bool(), false);
  EXPECT_EQ(web.at("version").as_int64(), 1);
  EXPECT_EQ(Str(web, "workspace_id"), env.ws);
  const std::string id = Id(web);

  // New projects get To do / In progress / Done, in that order.
  auto statuses = env.Statuses(env.owner, id);
  ASSERT_EQ(statuses.size(), 3u);
  EXPECT_EQ(Str(statuses[0], "name"), "To do");
  EXPECT_EQ(Str(statuses[0], "category"), "todo");
  EXPECT_EQ(Str(statuses[1], "category"), "in_progress");
  EXPECT_EQ(Str(statuses[2], "name"), "Done");
  EXPECT_LT(Str(statuses[0], "position"), Str(statuses[1], "position"));
  EXPECT_LT(Str(statuses[1], "position"), Str(statuses[2], "position"));

  // Keys are unique per workspace (409), free in another workspace.
  auto clash = env.Call(&env.owner, "POST", "/api/v1/workspaces/" + env.ws + "/projects",
                        J({{"key", "WEB"}, {"name", "Again"}}));
  ExpectError(clash, 409, "conflict");
  EXPECT_TRUE(clash.Json().at("error").at("fields").as_object().contains("key"));
  const std::string other = Id(env.CreateWorkspace(env.owner, "Other"));
  env.Project(env.owner, "WEB", "workspace", other);

  // Read with ETag; list with cursor.
  auto got = env.Call(&env.owner, "GET", "/api/v1/projects/" + id);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.Header("ETag"), "\"1\"");
  env.Project(env.owner, "API");
  env.Project(env.owner, "OPS");
  auto all = env.All(env.owner, "/api/v1/workspaces/" + env.ws + "/projects", 2);
  EXPECT_EQ(all.size(), 3u);

  // PATCH with a stale If-Match is 412 and changes nothing; a fresh one works.
  auto renamed = env.CallWith(env.owner, "PATCH", "/api/v1/projects/" + id,
                              J({{"name", "Website"}}), {{"If-Match", Quoted(1)}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.Header("ETag"), "\"2\"");
  EXPECT_EQ(renamed.Json().at("version").as_int64(), 2);
  const std::string before = env.Snapshot();
  ExpectError(env.CallWith(env.owner, "PATCH", "/api/v1/projects/" + id, J({{"name", "Stale"}}),
                           {{"If-Match", Quoted(1)}}),
              412, "precondition_failed");
  ExpectError(env.CallWith(env.owner, "PATCH", "/api/v1/projects/" + id, J({{"name", "Bad"}}),
                           {{"If-Match", "soon"}}),
              400, "bad_request");
  ExpectError(env.Call(&env.owner, "PATCH", "/api/v1/projects/" + id, J({{"key", "api"}})), 422,
              "validation_failed");
  ExpectError(env.Call(&env.owner, "PATCH", "/api/v1/projects/" + id, J({{"key", "API"}})), 409,
              "conflict");
  ExpectError(env.Call(&env.owner, "PATCH", "/api/v1/projects/" + id, J({{"color", "red"}})), 422,
              "validation_failed");
  EXPECT_EQ(env.Snapshot(), before);

  // Archive: listed with ?archived=true, content read-only (409), unarchive.
  auto archived = env.Call(&env.owner, "PATCH", "/api/v1/projects/" + id, J({{"archived", true}}));
  ASSERT_EQ(archived.status, 200) << archived.body;
  EXPECT_TRUE(archived.Json().at("archived").as_bool());
  EXPECT_EQ(env.All(env.owner, "/api/v1/workspaces/" + env.ws + "/projects?archived=true").size(),
            1u);
  EXPECT_EQ(env.All(env.owner, "/api/v1/workspaces/" + env.ws + "/projects?archived=false").size(),
            2u);
  ExpectError(env.Call(&env.owner, "GET", "/api/v1/workspaces/" + env.ws + "/projects?archived=1"),
              400, "bad_request");
  ExpectError(
      env.Call(&env.owner, "POST", "/api/v1/projects/" + id + "/tasks", J({{"title", "Nope"}})),
      409, "conflict");
  EXPECT_EQ(
      env.Call(&env.owner, "PATCH", "/api/v1/projects/" + id, J({{"archived", false}})).status,
      200);
  env.Task(env.owner, id, "Works again");

  // Delete removes the project and everything in it.
  EXPECT_EQ(env.Call(&env.owner, "DELETE", "/api/v1/projects/" + id).status, 204);
  ExpectError(env.Call(&env.owner, "GET", "/api/v1/projects/" + id), 404, "not_found");
  Status left = env.server.app().database().Read([&](db::Conn& c) -> Status {
    for (const char* table : {"tasks", "statuses"}) {
      auto rows =
          c.Query(std::string("SELECT COUNT(*) FROM ") + table + " WHERE project_id = ?", id);
      EXPECT_TRUE(rows.ok());
      if (rows.ok()) {
        EXPECT_EQ(rows->front().Int(0), 0) << table;
      }
    }
    return {};
  });
  EXPECT_TRUE(left.ok());
}

TEST(ProjectsCrud, BadProjectInputIsRefused) {
  Env env;
  const std::string path = "/api/v1/workspaces/" + env.ws + "/projects";
  const std::string before = env.Snapshot();
  for (const char* key : {"A", "ABCDEFGHIJK", "web", "W3B", "WÉB", ""}) {
    ExpectError(env.Call(&env.owner, "POST", path, J({{"key", key}, {"name", "X"}})), 422,
                "validation_failed");
  }
  ExpectError(env.Call(&env.owner, "POST", path, J({{"key", "WEB"}})), 422, "validation_failed");
  ExpectError(env.Call(&env.owner, "POST", path, J({{"key", "WEB"}, {"name", "  "}})), 422,
              "validation_failed");
  ExpectError(env.Call(&env.owner, "POST", path,
                       J({{"key", "WEB"}, {"name", "X"}, {"visibility", "secret"}})),
              422, "validation_failed");
  ExpectError(env.Call(&env.owner, "POST", path, "{not json"), 400, "bad_request");
  ExpectError(env.Call(&env.owner, "POST", "/api/v1/workspaces/nope/projects",
                       J({{"key", "WEB"}, {"name", "X"}})),
              404, "not_found");
  EXPECT_EQ(env.Snapshot(), before);
}

TEST(ProjectsCrud, PrivateProjectsAndMembers) {
  Env env;
  Account admin = env.NewMember(env.ws, env.owner, "admin", "Adam");
  Account member = env.NewMember(env.ws, env.owner, "member", "Mia");
  Account guest = env.NewMember(env.ws, env.owner, "guest", "Gus");
  Account outsider = env.Register("Otto");

  // A member's private project: visible to them (its creator and first
  // member) and to owners/admins; everyone else gets 404.
  auto secret = env.Project(member, "SEC", "private");
  const std::string id = Id(secret);
  const std::string path = "/api/v1/projects/" + id;
  EXPECT_EQ(env.Call(&member, "GET", path).status, 200);
  EXPECT_EQ(env.Call(&env.owner, "GET", path).status, 200);
  EXPECT_EQ(env.Call(&admin, "GET", path).status, 200);
  Account other = env.NewMember(env.ws, env.owner, "manager", "Max");
  ExpectError(env.Call(&other, "GET", path), 404, "not_found");
  ExpectError(env.Call(&guest, "GET", path), 404, "not_found");
  ExpectError(env.Call(&outsider, "GET", path), 404, "not_found");
  auto listed = [&](const Account& who) {
    return env.All(who, "/api/v1/workspaces/" + env.ws + "/projects").size();
  };
  EXPECT_EQ(listed(other), 0u);
  EXPECT_EQ(listed(admin), 1u);

  // Members: the creator is listed; adding someone makes it visible to them.
  auto members = env.All(member, path + "/members");
  ASSERT_EQ(members.size(), 1u);
  EXPECT_EQ(members[0].at("user").at("id").as_string(), member.id);
  // Only managers and above manage members (the member creator cannot).
  ExpectError(env.Call(&member, "PUT", path + "/members/" + other.id), 403, "forbidden");
  auto added = env.Call(&env.owner, "PUT", path + "/members/" + other.id);
  ASSERT_EQ(added.status, 200) << added.body;
  EXPECT_EQ(added.Json().at("user").at("id").as_string(), other.id);
  EXPECT_EQ(env.Call(&env.owner, "PUT", path + "/members/" + other.id).status, 200);  // idempotent
  EXPECT_EQ(env.Call(&other, "GET", path).status, 200);
  ExpectError(env.Call(&env.owner, "PUT", path + "/members/" + outsider.id), 404, "not_found");

  // Guests see only projects they were added to, even workspace-visible ones.
  auto open = env.Project(env.owner, "OPEN");
  const std::string open_path = "/api/v1/projects/" + Id(open);
  ExpectError(env.Call(&guest, "GET", open_path), 404, "not_found");
  ASSERT_EQ(env.Call(&env.owner, "PUT", open_path + "/members/" + guest.id).status, 200);
  EXPECT_EQ(env.Call(&guest, "GET", open_path).status, 200);
  EXPECT_EQ(listed(guest), 1u);
  // Guests work in it but cannot manage it or create projects.
  env.Task(guest, Id(open), "Guest task");
  ExpectError(env.Call(&guest, "PATCH", open_path, J({{"name", "Mine"}})), 403, "forbidden");
  ExpectError(env.Call(&guest, "POST", "/api/v1/workspaces/" + env.ws + "/projects",
                       J({{"key", "GST"}, {"name", "G"}})),
              403, "forbidden");

  // Removing: managers remove others; anyone may leave; unknown is 404.
  EXPECT_EQ(env.Call(&other, "DELETE", path + "/members/" + other.id).status, 204);
  ExpectError(env.Call(&other, "GET", path), 404, "not_found");
  ExpectError(env.Call(&env.owner, "DELETE", path + "/members/" + other.id), 404, "not_found");
  EXPECT_EQ(env.Call(&env.owner, "DELETE", open_path + "/members/" + guest.id).status, 204);
  ExpectError(env.Call(&guest, "GET", open_path), 404, "not_found");
}

TEST(ProjectsCrud, StatusesAddRenameReorderRecategoriseDelete) {
  Env env;
  const std::string project = Id(env.Project(env.owner, "WEB"));
  auto statuses = env.Statuses(env.owner, project);
  const std::string todo = Id(statuses[0]), doing = Id(statuses[1]), done = Id(statuses[2]);

  auto review = env.Call(&env.owner, "POST", "/api/v1/projects/" + project + "/statuses",
                         J({{"name", "Review"}, {"category", "in_progress"}}));
  ASSERT_EQ(review.status, 201) << review.body;
  const std::string review_id = Id(review.Json().as_object());
  // New statuses go last; re-order between In progress and Done.
  EXPECT_EQ(Id(env.Statuses(env.owner, project).back()), review_id);
  auto moved = env.Call(&env.owner, "PATCH", "/api/v1/statuses/" + review_id,
                        J({{"after_id", doing}, {"before_id", done}, {"name", "In review"}}));
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(Str(moved.Json().as_object(), "name"), "In review");
  auto order = env.Statuses(env.owner, project);
  ASSERT_EQ(order.size(), 4u);
  EXPECT_EQ(Id(order[2]), review_id);
  // Before the first one.
  ASSERT_EQ(
      env.Call(&env.owner, "PATCH", "/api/v1/statuses/" + done, J({{"before_id", todo}})).status,
      200);
  EXPECT_EQ(Id(env.Statuses(env.owner, project).front()), done);

  // Re-categorising into done completes its tasks; out of done clears it.
  auto task =
      env.Task(env.owner, project, boost::json::object{{"title", "T"}, {"status_id", review_id}});
  EXPECT_TRUE(task.at("completed_at").is_null());
  ASSERT_EQ(
      env.Call(&env.owner, "PATCH", "/api/v1/statuses/" + review_id, J({{"category", "done"}}))
          .status,
      200);
  auto after = env.Get(env.owner, "/api/v1/tasks/" + Id(task));
  EXPECT_EQ(Str(after, "status_category"), "done");
  EXPECT_FALSE(after.at("completed_at").is_null());
  ASSERT_EQ(
      env.Call(&env.owner, "PATCH", "/api/v1/statuses/" + review_id, J({{"category", "todo"}}))
          .status,
      200);
  EXPECT_TRUE(env.Get(env.owner, "/api/v1/tasks/" + Id(task)).at("completed_at").is_null());

  // Bad input and the 409 on a status with tasks change nothing.
  const std::string before = env.Snapshot();
  ExpectError(env.Call(&env.owner, "DELETE", "/api/v1/statuses/" + review_id), 409, "conflict");
  ExpectError(
      env.Call(&env.owner, "PATCH", "/api/v1/statuses/" + review_id, J({{"category", "later"}})),
      422, "validation_failed");
  ExpectError(env.Call(&env.owner, "PATCH", "/api/v1/statuses/" + review_id,
                       J({{"after_id", done}, {"before_id", done}})),
              422, "validation_failed");
  ExpectError(
      env.Call(&env.owner, "PATCH", "/api/v1/statuses/" + review_id, J({{"after_id", review_id}})),
      422, "validation_failed");
  ExpectError(
      env.Call(&env.owner, "POST", "/api/v1/projects/" + project + "/statuses", J({{"name", ""}})),
      422, "validation_failed");
  EXPECT_EQ(env.Snapshot(), before);

  // An empty status can go; the last one cannot.
  EXPECT_EQ(env.Call(&env.owner, "DELETE", "/api/v1/statuses/" + doing).status, 204);
  ExpectError(env.Call(&env.owner, "DELETE", "/api/v1/statuses/" + doing), 404, "not_found");
  const std::string solo = Id(env.Project(env.owner, "SOLO"));
  auto solo_statuses = env.Statuses(env.owner, solo);
  EXPECT_EQ(env.Call(&env.owner, "DELETE", "/api/v1/statuses/" + Id(solo_statuses[0])).status, 204);
  EXPECT_EQ(env.Call(&env.owner, "DELETE", "/api/v1/statuses/" + Id(solo_statuses[1])).status, 204);
  ExpectError(env.Call(&env.owner, "DELETE", "/api/v1/statuses/" + Id(solo_statuses[2])), 409,
              "conflict");
}

TEST(ProjectsCrud, Labels) {
  Env env;
  const std::string path = "/api/v1/workspaces/" + env.ws + "/labels";
  auto bug = env.Call(&env.owner, "POST", path, J({{"name", "bug"}, {"color", "#d73a4a"}}));
  ASSERT_EQ(bug.status, 201) << bug.body;
  EXPECT_EQ(Str(bug.Json().as_object(), "color"), "#d73a4a");
  const std::string bug_id = Id(bug.Json().as_object());
  auto plain = env.Call(&env.owner, "POST", path, J({{"name", "idea"}}));
  ASSERT_EQ(plain.status, 201);
  EXPECT_EQ(Str(plain.Json().as_object(), "color"), "#6b7280");
  EXPECT_EQ(env.All(env.owner, path).size(), 2u);

  const std::string before = env.Snapshot();
  ExpectError(env.Call(&env.owner, "POST", path, J({{"name", "bug"}})), 409, "conflict");
  ExpectError(env.Call(&env.owner, "POST", path, J({{"name", "x"}, {"color", "red"}})), 422,
              "validation_failed");
  ExpectError(env.Call(&env.owner, "PATCH", "/api/v1/labels/" + bug_id, J({{"name", "idea"}})), 409,
              "conflict");
  EXPECT_EQ(env.Snapshot(), before);

  auto renamed = env.Call(&env.owner, "PATCH", "/api/v1/labels/" + bug_id, J({{"name", "defect"}}));
  ASSERT_EQ(renamed.status, 200);
  EXPECT_EQ(Str(renamed.Json().as_object(), "name"), "defect");

  // Deleting a label takes it off its tasks.
  const std::string project = Id(env.Project(env.owner, "WEB"));
  auto task = env.Task(env.owner, project,
                       boost::json::object{{"title", "T"}, {"labels", boost::json::array{bug_id}}});
  EXPECT_EQ(task.at("labels").as_array().size(), 1u);
  EXPECT_EQ(env.Call(&env.owner, "DELETE", "/api/v1/labels/" + bug_id).status, 204);
  EXPECT_EQ(env.Get(env.owner, "/api/v1/tasks/" + Id(task)).at("labels").as_array().size(), 0u);
  ExpectError(env.Call(&env.owner, "PATCH", "/api/v1/labels/" + bug_id, J({{"name", "x"}})), 404,
              "not_found");

  // Another workspace's member cannot see or use the labels.
  Account stranger = env.Register("Stranger");
  ExpectError(env.Call(&stranger, "GET", path), 404, "not_found");
}

}  // namespace
}  // namespace ws::test

namespace ws::test {
namespace {

TEST(ProjectsCrud, DeletingTheWorkspaceRemovesEverything) {
  pjfx::Env env;
  const std::string project = wsfx::Id(env.Project(env.owner, "WEB"));
  auto label = env.Call(&env.owner, "POST", "/api/v1/workspaces/" + env.ws + "/labels",
                        pjfx::J({{"name", "bug"}}));
  auto parent = env.Task(
      env.owner, project,
      boost::json::object{{"title", "Parent"},
                          {"labels", boost::json::array{wsfx::Id(label.Json().as_object())}}});
  env.Task(env.owner, project,
           boost::json::object{{"title", "Child"}, {"parent_id", wsfx::Id(parent)}});
  ASSERT_EQ(env.Call(&env.owner, "POST", "/api/v1/tasks/" + wsfx::Id(parent) + "/comments",
                     pjfx::J({{"body", "note"}}))
                .status,
            201);
  ASSERT_EQ(env.Call(&env.owner, "DELETE", "/api/v1/workspaces/" + env.ws).status, 204);
  Status left = env.server.app().database().Read([&](db::Conn& c) -> Status {
    for (const char* table : {"projects", "statuses", "labels", "tasks", "comments"}) {
      auto rows =
          c.Query(std::string("SELECT COUNT(*) FROM ") + table + " WHERE workspace_id = ?", env.ws);
      EXPECT_TRUE(rows.ok());
      if (rows.ok()) {
        EXPECT_EQ(rows->front().Int(0), 0) << table;
      }
    }
    return {};
  });
  EXPECT_TRUE(left.ok());
}

}  // namespace
}  // namespace ws::test
