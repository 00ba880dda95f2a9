// Ordering: moves between neighbours, refused moves, a seeded random
// sequence of creates and moves checked against a reference model, and 50
// concurrent clients moving and editing the same tasks.
#include <algorithm>
#include <atomic>
#include <random>
#include <thread>

#include "projects_fixture.hpp"

namespace ws::test {
namespace {

using pjfx::Env;
using pjfx::ExpectError;
using pjfx::J;
using pjfx::Quoted;
using pjfx::Str;
using wsfx::Id;

/// The board order of a project: every task by column, then position.
std::vector<std::string> Board(Env& env, const std::string& project) {
  return Env::Ids(env.All(env.owner, "/api/v1/projects/" + project + "/tasks"));
}

TEST(ProjectsOrder, MovesBetweenNeighbours) {
  Env env;
  const std::string project = Id(env.Project(env.owner, "WEB"));
  auto statuses = env.Statuses(env.owner, project);
  const std::string todo = Id(statuses[0]), doing = Id(statuses[1]);
  std::vector<std::string> t;
  for (const char* title : {"a", "b", "c", "d"})
    t.push_back(Id(env.Task(env.owner, project, title)));
  EXPECT_EQ(Board(env, project), t);  // new tasks go to the end

  auto move = [&](const std::string& id, boost::json::object body) {
    auto r = env.Call(&env.owner, "POST", "/api/v1/tasks/" + id + "/move", J(body));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.Json().as_object();
  };
  move(t[3], {{"after_id", t[0]}});  // a d b c
  EXPECT_EQ(Board(env, project), (std::vector<std::string>{t[0], t[3], t[1], t[2]}));
  move(t[0], {{"before_id", t[2]}});  // d b a c
  EXPECT_EQ(Board(env, project), (std::vector<std::string>{t[3], t[1], t[0], t[2]}));
  move(t[2], {{"after_id", t[3]}, {"before_id", t[1]}});  // d c b a
  EXPECT_EQ(Board(env, project), (std::vector<std::string>{t[3], t[2], t[1], t[0]}));
  auto moved = move(t[1], {{"status_id", doing}});  // d c a | b
  EXPECT_EQ(Str(moved, "status_id"), doing);
  EXPECT_EQ(moved.at("version").as_int64(), 2);
  move(t[3], {{"status_id", doing}, {"before_id", t[1]}});  // c a | d b
  EXPECT_EQ(Board(env, project), (std::vector<std::string>{t[2], t[0], t[3], t[1]}));
  move(t[0], {});  // to the end of its column: c a (already last) stays
  EXPECT_EQ(Board(env, project), (std::vector<std::string>{t[2], t[0], t[3], t[1]}));
  auto moved_events =
      env.Call(&env.owner, "GET", "/api/v1/workspaces/" + env.ws + "/activity?limit=1");
  EXPECT_EQ(moved_events.Json().at("items").as_array()[0].at("type").as_string(), "task.moved");

  // Refused moves change nothing: neighbours in another column or project,
  // the task itself, out-of-order neighbours, unknown statuses.
  const std::string other = Id(env.Project(env.owner, "OPS"));
  const std::string foreign = Id(env.Task(env.owner, other, "elsewhere"));
  const std::string before = env.Snapshot();
  auto refuse = [&](const std::string& id, boost::json::object body, const char* field) {
    auto r = env.Call(&env.owner, "POST", "/api/v1/tasks/" + id + "/move", J(body));
    ExpectError(r, 422, "validation_failed");
    EXPECT_TRUE(r.Json().at("error").at("fields").as_object().contains(field)) << r.body;
  };
  refuse(t[2], {{"after_id", t[3]}}, "after_id");                        // in another column
  refuse(t[2], {{"status_id", doing}, {"after_id", t[0]}}, "after_id");  // not in the target
  refuse(t[2], {{"before_id", foreign}}, "before_id");                   // another project
  refuse(t[2], {{"after_id", t[2]}}, "after_id");                        // itself
  refuse(t[3], {{"after_id", t[1]}, {"before_id", t[3]}}, "before_id");
  refuse(t[1], {{"after_id", t[1]}, {"before_id", t[3]}}, "after_id");
  refuse(t[2], {{"status_id", Id(env.Statuses(env.owner, other)[0])}}, "status_id");
  ExpectError(
      env.Call(&env.owner, "POST", "/api/v1/tasks/" + t[2] + "/move", J({{"after_id", "nope"}})),
      422, "validation_failed");
  EXPECT_EQ(env.Snapshot(), before);
  // Reversed neighbours in the target column.
  move(t[0], {{"status_id", doing}});  // c | d b a
  auto reversed = env.Call(&env.owner, "POST", "/api/v1/tasks/" + t[2] + "/move",
                           J({{"status_id", doing}, {"after_id", t[0]}, {"before_id", t[3]}}));
  ExpectError(reversed, 422, "validation_failed");
}

/// A seeded random sequence of creates and moves across columns (with a hot
/// spot that forces keys to grow and columns to rebalance), then the listed
/// order must equal the model's, with distinct positions in every column.
TEST(ProjectsOrder, RandomCreatesAndMovesMatchTheModel) {
  // 10,000 API calls on SQLite; fewer on PostgreSQL under ASan (time).
  const int operations = TestBackend() == "postgres" ? 3000 : 10000;
  Env env;
  const std::string project = Id(env.Project(env.owner, "WEB"));
  std::vector<std::string> columns;
  for (const auto& s : env.Statuses(env.owner, project)) columns.push_back(Id(s));
  std::vector<std::vector<std::string>> model(columns.size());
  std::map<std::string, size_t> column_of;
  std::mt19937 rng(20260331);
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  int failures = 0;
  size_t last_hot_length = 0;
  bool rebalanced = false;

  for (int op = 0; op < operations && failures < 5; ++op) {
    const bool create = column_of.size() < 20 || pick(10) < 3;
    if (create) {
      const size_t c = pick(columns.size());
      auto r = env.Call(&env.owner, "POST", "/api/v1/projects/" + project + "/tasks",
                        J({{"title", "t" + std::to_string(op)}, {"status_id", columns[c]}}));
      if (r.status != 201) {
        ADD_FAILURE() << "create " << op << ": " << r.body;
        ++failures;
        continue;
      }
      const std::string id = Id(r.Json().as_object());
      model[c].push_back(id);
      column_of[id] = c;
      continue;
    }
    // A move: the hot spot (right after the first task of column 0) for a
    // stretch of operations, else a random task to a random place.
    const bool hot = op % 1000 >= 100 && op % 1000 < 250 && model[0].size() >= 2;
    auto it = column_of.begin();
    std::advance(it, static_cast<long>(pick(column_of.size())));
    const std::string id = it->first;
    const size_t from = it->second;
    const size_t to = hot ? 0 : pick(columns.size());
    std::vector<std::string> target = model[to];
    std::erase(target, id);
    if (hot && target.empty()) continue;
    const size_t index = hot ? 1 : pick(target.size() + 1);  // the new index in the column
    boost::json::object body{{"status_id", columns[to]}};
    const int style = hot ? 0 : static_cast<int>(pick(4));
    if (index > 0 && (style == 0 || style == 2)) body["after_id"] = target[index - 1];
    if (index < target.size() && (style == 1 || style == 2)) body["before_id"] = target[index];
    if (style == 3 && index != target.size()) body["before_id"] = target[index];
    if (!body.contains("after_id") && !body.contains("before_id") && index != target.size()) {
      body["before_id"] = target[index];
    }
    auto r = env.Call(&env.owner, "POST", "/api/v1/tasks/" + id + "/move", J(body));
    if (r.status != 200) {
      ADD_FAILURE() << "move " << op << " " << J(body) << ": " << r.body;
      ++failures;
      continue;
    }
    // Hot-spot keys grow until the column is rebalanced to short keys.
    const size_t length = r.Json().at("position").as_string().size();
    if (hot && last_hot_length > 20 && length + 5 < last_hot_length) rebalanced = true;
    if (hot) last_hot_length = length;
    std::erase(model[from], id);
    target.insert(target.begin() + static_cast<long>(index), id);
    model[to] = std::move(target);
    column_of[id] = to;
  }

  std::vector<std::string> expected;
  for (const auto& column : model) expected.insert(expected.end(), column.begin(), column.end());
  auto listed = env.All(env.owner, "/api/v1/projects/" + project + "/tasks");
  EXPECT_EQ(Env::Ids(listed), expected);
  // Strictly increasing positions within each column: no duplicates.
  for (size_t i = 1; i < listed.size(); ++i) {
    if (Str(listed[i], "status_id") == Str(listed[i - 1], "status_id")) {
      EXPECT_LT(Str(listed[i - 1], "position"), Str(listed[i], "position")) << i;
    }
  }
  // The hot spot forced at least one rebalance: no key is long.
  EXPECT_TRUE(rebalanced);
  for (const auto& task : listed) EXPECT_LE(Str(task, "position").size(), 25u);
}

/// 50 clients read, then move or edit the same few tasks with If-Match: a
/// loser gets 412 (or 422 when its neighbour moved away), never a 5xx, and
/// every task's version counts exactly the writes that succeeded on it.
TEST(ProjectsOrder, ConcurrentMovesAndEditsLoseNothing) {
  Env env;
  const std::string project = Id(env.Project(env.owner, "WEB"));
  std::vector<std::string> columns;
  for (const auto& s : env.Statuses(env.owner, project)) columns.push_back(Id(s));
  std::vector<std::string> tasks;
  for (int i = 0; i < 5; ++i)
    tasks.push_back(Id(env.Task(env.owner, project, "t" + std::to_string(i))));
  std::map<std::string, std::atomic<int>> wins;
  for (const auto& t : tasks) wins[t] = 0;
  std::atomic<int> conflicts = 0, server_errors = 0, unexpected = 0;

  const uint16_t port = env.server.port();
  const auto headers = env.owner.Bearer();
  std::vector<std::thread> clients;
  for (int c = 0; c < 50; ++c) {
    clients.emplace_back([&, c] {
      std::mt19937 rng(static_cast<unsigned>(c) + 7);
      for (int i = 0; i < 8; ++i) {
        const std::string& id = tasks[rng() % tasks.size()];
        auto got = Fetch(port, "GET", "/api/v1/tasks/" + id, "", headers);
        if (got.status != 200) {
          ++unexpected;
          continue;
        }
        auto h = headers;
        h["If-Match"] = got.Header("ETag");
        HttpResponse r;
        if (rng() % 2 == 0) {
          r = Fetch(port, "PATCH", "/api/v1/tasks/" + id,
                    J({{"title", "c" + std::to_string(c) + "-" + std::to_string(i)}}), h);
        } else {
          boost::json::object body{{"status_id", columns[rng() % columns.size()]}};
          const std::string& other = tasks[rng() % tasks.size()];
          if (other != id && rng() % 2 == 0) body["after_id"] = other;
          r = Fetch(port, "POST", "/api/v1/tasks/" + id + "/move", J(body), h);
        }
        if (r.status == 200) {
          ++wins[id];
        } else if (r.status == 412) {
          ++conflicts;
        } else if (r.status >= 500 || r.status == 0) {
          ++server_errors;
        } else if (r.status != 422) {
          ++unexpected;
        }
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(server_errors.load(), 0);
  EXPECT_EQ(unexpected.load(), 0);
  EXPECT_GT(conflicts.load(), 0) << "the clients never raced";
  for (const auto& id : tasks) {
    auto task = env.Get(env.owner, "/api/v1/tasks/" + id);
    EXPECT_EQ(task.at("version").as_int64(), 1 + wins[id].load()) << "a lost update on " << id;
  }
  auto listed = env.All(env.owner, "/api/v1/projects/" + project + "/tasks");
  EXPECT_EQ(listed.size(), tasks.size());
  for (size_t i = 1; i < listed.size(); ++i) {
    if (Str(listed[i], "status_id") == Str(listed[i - 1], "status_id")) {
      EXPECT_LT(Str(listed[i - 1], "position"), Str(listed[i], "position"));
    }
  }
}

}  // namespace
}  // namespace ws::test
