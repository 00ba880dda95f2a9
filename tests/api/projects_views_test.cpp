// Views and search through the API: filters, sorts and cursors of the task
// list, GET /me/tasks in the caller's time zone, full-text search scoped to
// what the caller sees, and recurring tasks.
#include "core/clock.hpp"
#include "projects_fixture.hpp"
#include "recurrence/recurrence.hpp"

namespace ws::test {
namespace {

using pjfx::Env;
using pjfx::ExpectError;
using pjfx::J;
using pjfx::Str;
using wsfx::Id;

std::vector<std::string> Titles(const std::vector<boost::json::object>& items) {
  std::vector<std::string> out;
  for (const auto& item : items) out.push_back(Str(item, "title"));
  return out;
}

// The list cache (docs/projects.md "Views"): repeated reads are served from
// memory, yet every change and every access change shows at the very next
// read, and nobody reads an answer their access was not checked for.
TEST(ProjectsViews, RepeatedListsFollowEveryChangeAndAccessAtOnce) {
  Env env;
  Account mia = env.NewMember(env.ws, env.owner, "member", "Mia");
  Account outsider = env.Register("Otto Outsider");
  const std::string project = Id(env.Project(env.owner, "WEB"));
  const std::string list = "/api/v1/projects/" + project + "/tasks";
  auto a = env.Task(env.owner, project, "alpha");
  auto b = env.Task(env.owner, project, "bravo");
  auto titles = [&](const Account& who) { return Titles(env.All(who, list)); };
  for (int i = 0; i < 3; ++i) {  // the first reads fill the cache, the later ones hit it
    EXPECT_EQ(titles(env.owner), (std::vector<std::string>{"alpha", "bravo"}));
    EXPECT_EQ(titles(mia), (std::vector<std::string>{"alpha", "bravo"}));
    ExpectError(env.Call(&outsider, "GET", list), 404, "not_found");
  }

  // A write is visible to the writer's next read and to everyone else's.
  ASSERT_EQ(env.Call(&mia, "PATCH", "/api/v1/tasks/" + Id(a), J({{"title", "alpha2"}})).status,
            200);
  EXPECT_EQ(titles(mia), (std::vector<std::string>{"alpha2", "bravo"}));
  EXPECT_EQ(titles(env.owner), (std::vector<std::string>{"alpha2", "bravo"}));
  ASSERT_EQ(
      env.Call(&env.owner, "POST", "/api/v1/tasks/" + Id(b) + "/move", J({{"before_id", Id(a)}}))
          .status,
      200);
  EXPECT_EQ(titles(mia), (std::vector<std::string>{"bravo", "alpha2"}));

  // Access changes apply at once: a private project hides it from Mia ...
  ASSERT_EQ(
      env.Call(&env.owner, "PATCH", "/api/v1/projects/" + project, J({{"visibility", "private"}}))
          .status,
      200);
  ExpectError(env.Call(&mia, "GET", list), 404, "not_found");
  EXPECT_EQ(titles(env.owner), (std::vector<std::string>{"bravo", "alpha2"}));
  // ... until she is made a member of it ...
  ASSERT_EQ(
      env.Call(&env.owner, "PUT", "/api/v1/projects/" + project + "/members/" + mia.id).status /
          100,
      2);
  EXPECT_EQ(titles(mia), (std::vector<std::string>{"bravo", "alpha2"}));
  // ... and leaving the workspace ends it.
  ASSERT_EQ(
      env.Call(&env.owner, "DELETE", "/api/v1/workspaces/" + env.ws + "/members/" + mia.id).status,
      204);
  ExpectError(env.Call(&mia, "GET", list), 404, "not_found");
  EXPECT_EQ(titles(env.owner), (std::vector<std::string>{"bravo", "alpha2"}));
}

TEST(ProjectsViews, FiltersSortsAndCursors) {
  Env env;
  Account mia = env.NewMember(env.ws, env.owner, "member", "Mia");
  const std::string project = Id(env.Project(env.owner, "WEB"));
  auto statuses = env.Statuses(env.owner, project);
  const std::string todo = Id(statuses[0]), doing = Id(statuses[1]);
  auto bug = env.Call(&env.owner, "POST", "/api/v1/workspaces/" + env.ws + "/labels",
                      J({{"name", "bug"}}));
  const std::string bug_id = Id(bug.Json().as_object());

  auto a = env.Task(env.owner, project,
                    boost::json::object{{"title", "alpha"},
                                        {"due_date", "2026-05-03"},
                                        {"assignee_id", mia.id},
                                        {"labels", boost::json::array{bug_id}}});
  auto b = env.Task(
      env.owner, project,
      boost::json::object{{"title", "bravo"}, {"due_date", "2026-05-01"}, {"status_id", doing}});
  auto c = env.Task(env.owner, project, boost::json::object{{"title", "charlie"}});
  auto d = env.Task(env.owner, project,
                    boost::json::object{{"title", "delta"},
                                        {"due_date", "2026-05-01"},
                                        {"assignee_id", mia.id},
                                        {"parent_id", Id(a)}});
  const std::string list = "/api/v1/projects/" + project + "/tasks";

  // Default: board order (columns by position, then task position).
  EXPECT_EQ(Titles(env.All(env.owner, list, 1)),
            (std::vector<std::string>{"alpha", "charlie", "delta", "bravo"}));
  EXPECT_EQ(Titles(env.All(env.owner, list + "?status_id=" + doing, 1)),
            (std::vector<std::string>{"bravo"}));
  EXPECT_EQ(Titles(env.All(env.owner, list + "?assignee_id=" + mia.id)),
            (std::vector<std::string>{"alpha", "delta"}));
  EXPECT_EQ(Titles(env.All(env.owner, list + "?label_id=" + bug_id)),
            (std::vector<std::string>{"alpha"}));
  // Lists carry each task's labels once, as a single read does.
  for (const std::string& view :
       {list, list + "?sort=created_at", std::string("/api/v1/me/tasks")}) {
    const Account& who = view.starts_with("/api/v1/me") ? mia : env.owner;
    for (const auto& task : env.All(who, view)) {
      const auto& labels = task.at("labels").as_array();
      if (task.at("title") == "alpha") {
        EXPECT_EQ(labels, (boost::json::array{bug_id})) << view;
      } else {
        EXPECT_TRUE(labels.empty()) << view;
      }
    }
  }
  EXPECT_EQ(Titles(env.All(env.owner, list + "?due_before=2026-05-02")),
            (std::vector<std::string>{"delta", "bravo"}));
  EXPECT_EQ(Titles(env.All(env.owner, list + "?parent_id=" + Id(a))),
            (std::vector<std::string>{"delta"}));
  EXPECT_EQ(Titles(env.All(env.owner, list + "?q=charl")), (std::vector<std::string>{"charlie"}));

  // Sorts with ties broken by id, stable across pages of one.
  EXPECT_EQ(Titles(env.All(env.owner, list + "?sort=due_date", 1)),
            (std::vector<std::string>{"bravo", "delta", "alpha", "charlie"}));
  EXPECT_EQ(Titles(env.All(env.owner, list + "?sort=created_at", 1)),
            (std::vector<std::string>{"alpha", "bravo", "charlie", "delta"}));
  EXPECT_EQ(Titles(env.All(env.owner, list + "?sort=-created_at", 1)),
            (std::vector<std::string>{"delta", "charlie", "bravo", "alpha"}));
  ASSERT_EQ(
      env.Call(&env.owner, "PATCH", "/api/v1/tasks/" + Id(a), J({{"title", "alpha2"}})).status,
      200);
  EXPECT_EQ(Titles(env.All(env.owner, list + "?sort=updated_at", 1)).back(), "alpha2");

  // Unknown filter or sort values are 400.
  for (const char* bad : {"?sort=title", "?status_id=todo", "?due_before=someday", "?limit=0",
                          "?limit=201", "?cursor=abc", "?assignee_id=me"}) {
    ExpectError(env.Call(&env.owner, "GET", list + bad), 400, "bad_request");
  }
  (void)c;
  (void)d;
}

TEST(ProjectsViews, MyTasksAcrossWorkspacesInMyTimeZone) {
  Env env;
  Account mia = env.NewMember(env.ws, env.owner, "member", "Mia");
  // Mia lives at UTC+14, so her "today" may be the UTC tomorrow.
  ASSERT_EQ(env.Call(&mia, "PATCH", "/api/v1/me", J({{"timezone", "Pacific/Kiritimati"}})).status,
            200);
  auto today_r = recurrence::LocalDate("Pacific/Kiritimati", NowMillis());
  ASSERT_TRUE(today_r.ok());
  const int64_t today = *today_r;
  const std::string project = Id(env.Project(env.owner, "WEB"));
  const std::string done = Id(env.Statuses(env.owner, project)[2]);
  // A second workspace where Mia is a member too.
  const std::string ws2 = Id(env.CreateWorkspace(env.owner, "Second"));
  ASSERT_EQ(env.Call(&env.owner, "POST", "/api/v1/workspaces/" + ws2 + "/invitations",
                     J({{"email", Str(mia.user, "email")}, {"role", "member"}}))
                .status,
            201);
  ASSERT_EQ(env.Call(&mia, "POST",
                     "/api/v1/invitations/" + env.TokenFor(Str(mia.user, "email")) + "/accept")
                .status,
            200);
  const std::string project2 = Id(env.Project(env.owner, "TWO", "workspace", ws2));
  const std::string secret = Id(env.Project(env.owner, "SEC", "private"));

  auto task = [&](const std::string& p, const std::string& title, std::optional<int64_t> due,
                  bool is_done = false) {
    boost::json::object body{{"title", title}, {"assignee_id", mia.id}};
    if (due) body["due_date"] = FormatDate(*due);
    if (is_done) body["status_id"] = done;
    return env.Task(env.owner, p, body);
  };
  const int64_t weekday = ((today % 7) + 7 + 3) % 7;  // Monday = 0
  task(project, "today", today);
  task(project2, "today elsewhere", today);
  task(project, "yesterday", today - 1);
  task(project, "done today", today, true);
  task(project, "undated", std::nullopt);
  task(project, "this sunday", today - weekday + 6);
  task(project, "next monday", today - weekday + 7);
  // Assigned before Mia could see it? Not possible: the private project refuses.
  ExpectError(env.Call(&env.owner, "POST", "/api/v1/projects/" + secret + "/tasks",
                       J({{"title", "hidden"}, {"assignee_id", mia.id}})),
              422, "validation_failed");

  auto mine = [&](const std::string& filter) {
    auto titles = Titles(env.All(mia, "/api/v1/me/tasks?filter=" + filter, 2));
    std::sort(titles.begin(), titles.end());
    return titles;
  };
  // On a Sunday, "this sunday" is due today.
  auto with_sunday = [&](std::vector<std::string> titles) {
    if (weekday == 6) titles.insert(titles.begin(), "this sunday");
    return titles;
  };
  EXPECT_EQ(mine("today"), with_sunday({"today", "today elsewhere"}));
  EXPECT_EQ(mine("overdue"), (std::vector<std::string>{"yesterday"}));
  auto week = mine("week");
  EXPECT_TRUE(std::find(week.begin(), week.end(), "this sunday") != week.end());
  EXPECT_TRUE(std::find(week.begin(), week.end(), "next monday") == week.end());
  EXPECT_TRUE(std::find(week.begin(), week.end(), "done today") == week.end());
  EXPECT_EQ(mine("all").size(), 7u);
  ExpectError(env.Call(&mia, "GET", "/api/v1/me/tasks?filter=tomorrow"), 400, "bad_request");
  // Leaving a workspace hides its tasks.
  ASSERT_EQ(env.Call(&mia, "DELETE", "/api/v1/workspaces/" + ws2 + "/members/" + mia.id).status,
            204);
  EXPECT_EQ(mine("today"), with_sunday({"today"}));
}

TEST(ProjectsViews, SearchIsRankedSnippetedAndScoped) {
  Env env;
  Account max = env.NewMember(env.ws, env.owner, "member", "Max");
  const std::string project = Id(env.Project(env.owner, "WEB"));
  const std::string secret = Id(env.Project(env.owner, "SEC", "private"));
  auto title_hit = env.Task(env.owner, project, "Invoice export broken");
  auto body_hit = env.Task(
      env.owner, project,
      boost::json::object{{"title", "Reports"}, {"description", "The invoice total is wrong"}});
  auto comment_hit = env.Task(env.owner, project, "Customer call");
  ASSERT_EQ(env.Call(&env.owner, "POST", "/api/v1/tasks/" + Id(comment_hit) + "/comments",
                     J({{"body", "They asked about the invoice again"}}))
                .status,
            201);
  env.Task(env.owner, secret, "Secret invoice plan");
  env.Task(env.owner, project, "Unrelated");

  auto search = [&](const Account& who, const std::string& q) {
    auto r = env.Call(&who, "GET", "/api/v1/workspaces/" + env.ws + "/search?types=task&q=" + q);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<boost::json::object> out;
    const boost::json::value r_json = r.Json();
    for (const auto& item : r_json.at("items").as_array()) out.push_back(item.as_object());
    return out;
  };
  auto owner_hits = search(env.owner, "invoice");
  ASSERT_EQ(owner_hits.size(), 4u);
  auto max_hits = search(max, "invoice");
  ASSERT_EQ(max_hits.size(), 3u);             // the private project's task is not his to see
  EXPECT_EQ(Id(max_hits[0]), Id(title_hit));  // title matches rank first
  EXPECT_EQ(Str(max_hits[0], "type"), "task");
  EXPECT_EQ(Str(max_hits[0], "key"), "WEB-1");
  for (const auto& hit : max_hits) {
    EXPECT_NE(Str(hit, "snippet").find("**"), std::string::npos) << Str(hit, "snippet");
  }
  std::set<std::string> ids;
  for (const auto& hit : max_hits) ids.insert(Id(hit));
  EXPECT_TRUE(ids.contains(Id(comment_hit)));
  EXPECT_TRUE(ids.contains(Id(body_hit)));
  // Prefixes, several words, edits and deletes are followed.
  EXPECT_EQ(search(max, "invo").size(), 3u);
  EXPECT_EQ(search(max, "invoice%20total").size(), 1u);
  ASSERT_EQ(env.Call(&env.owner, "PATCH", "/api/v1/tasks/" + Id(title_hit),
                     J({{"title", "Receipt export broken"}}))
                .status,
            200);
  EXPECT_EQ(search(max, "invoice").size(), 2u);
  EXPECT_EQ(search(max, "receipt").size(), 1u);
  ASSERT_EQ(env.Call(&env.owner, "DELETE", "/api/v1/tasks/" + Id(body_hit)).status, 204);
  EXPECT_EQ(search(max, "invoice").size(), 1u);
  EXPECT_EQ(search(max, "%22%27%2A%28").size(), 0u);  // quotes and operators are just text

  ExpectError(env.Call(&max, "GET", "/api/v1/workspaces/" + env.ws + "/search"), 400,
              "bad_request");
  ExpectError(env.Call(&max, "GET", "/api/v1/workspaces/" + env.ws + "/search?q=x&types=chat"), 400,
              "bad_request");
  Account stranger = env.Register("Stranger");
  ExpectError(env.Call(&stranger, "GET", "/api/v1/workspaces/" + env.ws + "/search?q=invoice"), 404,
              "not_found");
}

// Ranking (docs/projects.md "Search"): more mentions rank higher, a title
// mention outweighs several in the body, on SQLite the rarer of two words
// weighs more (IDF; PostgreSQL's ts_rank has none), and hidden projects'
// tasks never take a place under the limit, whatever their rank.
TEST(ProjectsViews, SearchRanksByWeightedMentionsAndIdfUnderTheLimit) {
  Env env;
  Account max = env.NewMember(env.ws, env.owner, "member", "Max");
  const std::string project = Id(env.Project(env.owner, "WEB"));
  const std::string secret = Id(env.Project(env.owner, "SEC", "private"));
  auto task = [&](const std::string& p, const std::string& title, const std::string& body) {
    return Id(env.Task(env.owner, p, boost::json::object{{"title", title}, {"description", body}}));
  };
  auto search = [&](const Account& who, const std::string& q) {
    auto r = env.Call(&who, "GET", "/api/v1/workspaces/" + env.ws + "/search?" + q);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> ids;
    const boost::json::value r_json = r.Json();
    for (const auto& item : r_json.at("items").as_array()) {
      EXPECT_NE(Str(item.as_object(), "snippet").find("**"), std::string::npos);
      ids.push_back(Id(item.as_object()));
    }
    return ids;
  };
  // 25 hidden tasks with the word in their titles would outrank everything.
  for (int i = 0; i < 25; ++i) task(secret, "ledger ledger " + std::to_string(i), "ledger");
  const std::string once = task(project, "Once", "the ledger is late");
  const std::string four = task(project, "Four", "ledger, ledger, ledger and the ledger again");
  const std::string titled = task(project, "Ledger", "nothing else");
  for (int i = 0; i < 20; ++i) task(project, "Filler " + std::to_string(i), "a ledger entry");
  const std::string rare = task(project, "Pair one", "ledger audit audit");
  const std::string common = task(project, "Pair two", "ledger ledger ledger audit");

  auto max_top = search(max, "q=ledger&limit=3");
  EXPECT_EQ(max_top, (std::vector<std::string>{titled, four, common}));
  auto max_all = search(max, "q=ledger&limit=50");
  EXPECT_EQ(max_all.size(), 25u);  // 20 fillers, once, four, titled and the pair
  EXPECT_TRUE(std::find(max_all.begin(), max_all.end(), once) != max_all.end());
  auto owner_top = search(env.owner, "q=ledger&limit=20");
  EXPECT_EQ(owner_top.size(), 20u);  // the owner sees the private project: its titles lead
  EXPECT_TRUE(std::find(owner_top.begin(), owner_top.end(), titled) == owner_top.end());
  // "ledger" is in every task, "audit" in two: on SQLite the task with more
  // "audit" wins although the other has more "ledger".
  for (const std::string q : {"q=ledger%20audit", "q=audit%20ledger"}) {
    auto pair = search(max, q);
    if (TestBackend() == "sqlite") {
      EXPECT_EQ(pair, (std::vector<std::string>{rare, common})) << q;
    } else {
      EXPECT_EQ(std::set<std::string>(pair.begin(), pair.end()),
                (std::set<std::string>{rare, common}))
          << q;
    }
  }
}

// One task per request, so one write batch and one index segment each: on
// SQLite every batch also merges a few index pages (migration 0013), and
// after hundreds of them every word still finds exactly its task, edits and
// deletions included, and FTS5's own integrity check passes.
TEST(ProjectsViews, SearchStaysExactAcrossManySmallIndexMerges) {
  Env env;
  const std::string project = Id(env.Project(env.owner, "WEB"));
  auto word = [](int i) {
    const std::string n = std::to_string(i);
    return "w" + std::string(3 - n.size(), '0') + n;
  };
  std::vector<std::string> ids;
  for (int i = 0; i < 200; ++i) {
    ids.push_back(Id(env.Task(env.owner, project, "Crate " + word(i) + " for the depot")));
  }
  auto r = env.Call(&env.owner, "PATCH", "/api/v1/tasks/" + ids[10], J({{"title", "Crate w900"}}));
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(env.Call(&env.owner, "DELETE", "/api/v1/tasks/" + ids[20]).status, 204);
  auto hits = [&](const std::string& q) {
    auto found = env.Call(&env.owner, "GET", "/api/v1/workspaces/" + env.ws + "/search?q=" + q);
    EXPECT_EQ(found.status, 200) << found.body;
    std::vector<std::string> out;
    const boost::json::value found_json = found.Json();
    for (const auto& item : found_json.at("items").as_array()) out.push_back(Id(item.as_object()));
    return out;
  };
  for (int i = 0; i < 200; i += 9) {
    if (i == 10 || i == 20) continue;
    EXPECT_EQ(hits(word(i)), std::vector<std::string>{ids[size_t(i)]}) << word(i);
  }
  EXPECT_EQ(hits("w900"), std::vector<std::string>{ids[10]});
  EXPECT_TRUE(hits(word(10)).empty());
  EXPECT_TRUE(hits(word(20)).empty());
  if (TestBackend() == "sqlite") {
    Status checked = env.server.app().database().Write([](db::Conn& c) -> Status {
      WS_TRY(c.Exec("INSERT INTO task_fts (task_fts) VALUES ('integrity-check')"));
      return {};
    });
    EXPECT_TRUE(checked) << (checked ? "" : checked.error().detail);
  }
}

/// Completes a recurring task and answers the next occurrence (or null).
boost::json::object CompleteAndNext(Env& env, const std::string& project, const std::string& id,
                                    const std::string& done) {
  const int64_t seq = env.LastSeq(env.ws, env.owner);
  auto r = env.Call(&env.owner, "POST", "/api/v1/tasks/" + id + "/move", J({{"status_id", done}}));
  EXPECT_EQ(r.status, 200) << r.body;
  auto events =
      env.Call(&env.owner, "GET",
               "/api/v1/workspaces/" + env.ws + "/events?wait=0&after=" + std::to_string(seq));
  const boost::json::value events_json = events.Json();
  for (const auto& e : events_json.at("events").as_array()) {
    if (e.at("type").as_string() == "task.created") {
      return env.Get(env.owner, "/api/v1/tasks/" + std::string(e.at("entity_id").as_string()));
    }
  }
  (void)project;
  return {};
}

TEST(ProjectsViews, RecurringTasks) {
  Env env;
  const std::string project = Id(env.Project(env.owner, "WEB"));
  auto statuses = env.Statuses(env.owner, project);
  const std::string done = Id(statuses[2]);

  // Daily.
  auto daily =
      env.Task(env.owner, project,
               boost::json::object{
                   {"title", "Standup"}, {"due_date", "2026-03-02"}, {"recurrence", "FREQ=DAILY"}});
  auto next = CompleteAndNext(env, project, Id(daily), done);
  ASSERT_FALSE(next.empty());
  EXPECT_EQ(Str(next, "due_date"), "2026-03-03");
  EXPECT_EQ(Str(next, "title"), "Standup");
  EXPECT_EQ(Str(next, "status_id"), Id(statuses[0]));
  EXPECT_EQ(Str(next, "recurrence"), "FREQ=DAILY");
  EXPECT_GT(next.at("number").as_int64(), daily.at("number").as_int64());
  // The completed one stops recurring: reopening and completing it again
  // does not spawn a second copy.
  auto completed = env.Get(env.owner, "/api/v1/tasks/" + Id(daily));
  EXPECT_TRUE(completed.at("recurrence").is_null());

  // Weekly by day: Monday 2026-03-02 → Wednesday → next Monday.
  auto weekly = env.Task(env.owner, project,
                         boost::json::object{{"title", "Review"},
                                             {"due_date", "2026-03-02"},
                                             {"recurrence", "FREQ=WEEKLY;BYDAY=MO,WE"}});
  auto w2 = CompleteAndNext(env, project, Id(weekly), done);
  ASSERT_FALSE(w2.empty());
  EXPECT_EQ(Str(w2, "due_date"), "2026-03-04");
  auto w3 = CompleteAndNext(env, project, Id(w2), done);
  ASSERT_FALSE(w3.empty());
  EXPECT_EQ(Str(w3, "due_date"), "2026-03-09");

  // Monthly by day (PATCH status_id completes too).
  auto monthly = env.Task(env.owner, project,
                          boost::json::object{{"title", "Rent"},
                                              {"due_date", "2026-01-31"},
                                              {"recurrence", "FREQ=MONTHLY;BYMONTHDAY=31"}});
  const int64_t seq = env.LastSeq(env.ws, env.owner);
  ASSERT_EQ(env.Call(&env.owner, "PATCH", "/api/v1/tasks/" + Id(monthly), J({{"status_id", done}}))
                .status,
            200);
  auto created =
      env.Call(&env.owner, "GET",
               "/api/v1/workspaces/" + env.ws + "/events?wait=0&after=" + std::to_string(seq));
  std::string spawned;
  const boost::json::value created_json = created.Json();
  for (const auto& e : created_json.at("events").as_array()) {
    if (e.at("type").as_string() == "task.created") spawned = e.at("entity_id").as_string();
  }
  ASSERT_FALSE(spawned.empty());
  EXPECT_EQ(Str(env.Get(env.owner, "/api/v1/tasks/" + spawned), "due_date"), "2026-03-31");

  // COUNT exhaustion: three occurrences, then no more.
  auto counted = env.Task(
      env.owner, project,
      boost::json::object{
          {"title", "Thrice"}, {"due_date", "2026-04-01"}, {"recurrence", "FREQ=DAILY;COUNT=3"}});
  auto c2 = CompleteAndNext(env, project, Id(counted), done);
  ASSERT_FALSE(c2.empty());
  EXPECT_EQ(Str(c2, "due_date"), "2026-04-02");
  auto c3 = CompleteAndNext(env, project, Id(c2), done);
  ASSERT_FALSE(c3.empty());
  EXPECT_EQ(Str(c3, "due_date"), "2026-04-03");
  EXPECT_TRUE(CompleteAndNext(env, project, Id(c3), done).empty());
}

}  // namespace
}  // namespace ws::test
