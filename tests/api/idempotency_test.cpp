// Idempotency-Key on POST (API.md Conventions, docs/idempotency.md), on real
// routes (workspaces, personal tokens) and on test routes for the cases the
// product routes cannot show (async handlers, 5xx, ETag/Location).
#include <atomic>
#include <thread>

#include "modules/idempotency/store.hpp"
#include "workspaces_fixture.hpp"

namespace ws::test {
namespace {

using wsfx::Env;

std::map<std::string, std::string> WithKey(const Account& who, const std::string& key) {
  return who.Bearer({{"Idempotency-Key", key}});
}

HttpResponse CreateWorkspace(Env& env, const Account& who, const std::string& name,
                             const std::string& key) {
  return env.server.Send("POST", "/api/v1/workspaces", Body({{"name", name}}),
                         key.empty() ? who.Bearer() : WithKey(who, key));
}

size_t WorkspaceCount(Env& env, const Account& who) {
  auto r = env.Call(&who, "GET", "/api/v1/workspaces?limit=200");
  EXPECT_EQ(r.status, 200) << r.body;
  return r.Json().at("items").as_array().size();
}

TEST(Idempotency, RepeatReplaysTheFirstResponseAndCreatesNothing) {
  Env env;
  const Account& ada = env.admin;
  auto first = CreateWorkspace(env, ada, "Acme", "key-1");
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.Header("Idempotent-Replayed"), "");
  for (int i = 0; i < 3; ++i) {
    auto again = CreateWorkspace(env, ada, "Acme", "key-1");
    EXPECT_EQ(again.status, 201) << again.body;
    EXPECT_EQ(again.body, first.body);
    EXPECT_EQ(again.Header("Content-Type"), first.Header("Content-Type"));
    EXPECT_EQ(again.Header("Idempotent-Replayed"), "true");
  }
  EXPECT_EQ(WorkspaceCount(env, ada), 1u);
  // Another key is another request.
  auto second = CreateWorkspace(env, ada, "Acme", "key-2");
  EXPECT_EQ(second.status, 201) << second.body;
  EXPECT_NE(second.Json().at("id"), first.Json().at("id"));
  EXPECT_EQ(WorkspaceCount(env, ada), 2u);
}

// Task creation starts on the network thread (RouteOptions::start_inline);
// with a key, the key's claim would block there, so the request starts over
// on a worker: the first answer is kept and the repeats replay it.
TEST(Idempotency, ATaskIsCreatedOnceAndItsAnswerReplayed) {
  Env env;
  const Account& ada = env.admin;
  const std::string ws(env.CreateWorkspace(ada, "Acme").at("id").as_string());
  auto project = env.Call(&ada, "POST", "/api/v1/workspaces/" + ws + "/projects",
                          Body({{"name", "Web"}, {"key", "WEB"}}));
  ASSERT_EQ(project.status, 201) << project.body;
  const std::string tasks =
      "/api/v1/projects/" + std::string(project.Json().at("id").as_string()) + "/tasks";
  auto first = env.server.Send("POST", tasks, Body({{"title", "Ship"}}), WithKey(ada, "t-1"));
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.Header("Idempotent-Replayed"), "");
  for (int i = 0; i < 3; ++i) {
    auto again = env.server.Send("POST", tasks, Body({{"title", "Ship"}}), WithKey(ada, "t-1"));
    EXPECT_EQ(again.status, 201) << again.body;
    EXPECT_EQ(again.body, first.body);
    EXPECT_EQ(again.Header("Idempotent-Replayed"), "true");
  }
  auto unkeyed = env.Call(&ada, "POST", tasks, Body({{"title", "Ship"}}));
  ASSERT_EQ(unkeyed.status, 201) << unkeyed.body;
  EXPECT_EQ(unkeyed.Json().at("number").as_int64(), 2);  // the repeats took no number
  auto listed = env.Call(&ada, "GET", tasks + "?limit=200");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.Json().at("items").as_array().size(), 2u);
}

TEST(Idempotency, SameKeyForADifferentRequestIsRefused) {
  Env env;
  const Account& ada = env.admin;
  ASSERT_EQ(CreateWorkspace(env, ada, "Acme", "k").status, 201);
  auto other_body = CreateWorkspace(env, ada, "Globex", "k");
  EXPECT_EQ(other_body.status, 422) << other_body.body;
  EXPECT_EQ(other_body.ErrorCode(), "validation_failed");
  EXPECT_TRUE(other_body.Json().at("error").at("fields").as_object().contains("Idempotency-Key"));
  // Another route with the same key: refused too.
  auto other_route =
      env.server.Send("POST", "/api/v1/me/tokens", Body({{"name", "ci"}}), WithKey(ada, "k"));
  EXPECT_EQ(other_route.status, 422) << other_route.body;
  EXPECT_EQ(WorkspaceCount(env, ada), 1u);
  auto tokens = env.Call(&ada, "GET", "/api/v1/me/tokens");
  EXPECT_EQ(tokens.Json().at("items").as_array().size(), 0u);
}

TEST(Idempotency, KeysBelongToTheirUser) {
  Env env;
  const Account& ada = env.admin;
  const Account bob = env.Register("Bob");
  auto a = CreateWorkspace(env, ada, "Acme", "shared-key");
  auto b = CreateWorkspace(env, bob, "Acme", "shared-key");
  ASSERT_EQ(a.status, 201) << a.body;
  ASSERT_EQ(b.status, 201) << b.body;
  EXPECT_EQ(b.Header("Idempotent-Replayed"), "");
  EXPECT_NE(a.Json().at("id"), b.Json().at("id"));
  EXPECT_EQ(WorkspaceCount(env, ada), 1u);
  EXPECT_EQ(WorkspaceCount(env, bob), 1u);
}

TEST(Idempotency, WithoutTheHeaderEveryRequestRuns) {
  Env env;
  const Account& ada = env.admin;
  for (int i = 0; i < 3; ++i) {
    auto r = CreateWorkspace(env, ada, "Acme", "");
    EXPECT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.Header("Idempotent-Replayed"), "");
  }
  EXPECT_EQ(WorkspaceCount(env, ada), 3u);
}

TEST(Idempotency, MalformedKeysAre400AndRunNothing) {
  Env env;
  const Account& ada = env.admin;
  for (const std::string& key : {std::string(), std::string(256, 'k'), std::string("tab\there"),
                                 std::string("caf\xc3\xa9")}) {
    auto bad = env.server.Send("POST", "/api/v1/workspaces", Body({{"name", "Bad"}}),
                               ada.Bearer({{"Idempotency-Key", key}}));
    EXPECT_EQ(bad.status, 400) << key.size() << " " << bad.body;
  }
  EXPECT_EQ(WorkspaceCount(env, ada), 0u);
  // 255 printable characters, spaces included, are fine.
  std::string longest(255, '~');
  longest[3] = ' ';
  EXPECT_EQ(CreateWorkspace(env, ada, "Long", longest).status, 201);
  EXPECT_EQ(CreateWorkspace(env, ada, "Long", longest).Header("Idempotent-Replayed"), "true");
  // Only POST routes look at the header.
  auto get = env.server.Get("/api/v1/me", ada.Bearer({{"Idempotency-Key", std::string(300, 'k')}}));
  EXPECT_EQ(get.status, 200) << get.body;
}

TEST(Idempotency, ClientErrorsAreReplayedToo) {
  Env env;
  const Account& ada = env.admin;
  auto first =
      env.server.Send("POST", "/api/v1/workspaces", Body({{"name", ""}}), WithKey(ada, "bad-name"));
  ASSERT_EQ(first.status, 422) << first.body;
  auto again =
      env.server.Send("POST", "/api/v1/workspaces", Body({{"name", ""}}), WithKey(ada, "bad-name"));
  EXPECT_EQ(again.status, 422) << again.body;
  EXPECT_EQ(again.Header("Idempotent-Replayed"), "true");
  EXPECT_EQ(again.Json().at("error"), first.Json().at("error"));
  EXPECT_EQ(WorkspaceCount(env, ada), 0u);
}

TEST(Idempotency, ConcurrentDuplicatesCreateExactlyOne) {
  Env env;
  const Account& ada = env.admin;
  constexpr int kClients = 12;
  std::vector<HttpResponse> answers(kClients);
  std::atomic<bool> go{false};
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      while (!go.load()) std::this_thread::yield();
      answers[i] = Fetch(env.server.port(), "POST", "/api/v1/workspaces", Body({{"name", "Race"}}),
                         WithKey(ada, "race-key"));
    });
  }
  go = true;
  for (auto& client : clients) client.join();
  std::string created_body;
  int created = 0;
  for (const HttpResponse& r : answers) {
    if (r.status == 201 && r.Header("Idempotent-Replayed").empty()) {
      ++created;
      created_body = r.body;
    } else if (r.status == 409) {
      EXPECT_EQ(r.ErrorCode(), "conflict");
      EXPECT_EQ(r.Header("Retry-After"), "1");
    } else {
      EXPECT_EQ(r.status, 201) << r.body;
      EXPECT_EQ(r.Header("Idempotent-Replayed"), "true");
    }
  }
  EXPECT_EQ(created, 1);
  for (const HttpResponse& r : answers) {
    if (r.status == 201) {
      EXPECT_EQ(r.body, created_body);
    }
  }
  EXPECT_EQ(WorkspaceCount(env, ada), 1u);
  // Once finished, every repeat is a replay.
  EXPECT_EQ(CreateWorkspace(env, ada, "Race", "race-key").Header("Idempotent-Replayed"), "true");
}

TEST(Idempotency, AnswersWithCredentialsAreNotKeptButNotRepeated) {
  Env env;
  const Account& ada = env.admin;
  auto first = env.server.Send("POST", "/api/v1/me/tokens", Body({{"name", "ci"}}),
                               WithKey(ada, "token-key"));
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_FALSE(first.Json().at("token").as_string().empty());
  auto again = env.server.Send("POST", "/api/v1/me/tokens", Body({{"name", "ci"}}),
                               WithKey(ada, "token-key"));
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(again.body.find(std::string(first.Json().at("token").as_string())), std::string::npos);
  auto tokens = env.Call(&ada, "GET", "/api/v1/me/tokens");
  EXPECT_EQ(tokens.Json().at("items").as_array().size(), 1u);
}

/// A server with test-only POST routes: a synchronous one that fails with
/// 500 while `fail` is set, and an asynchronous one answering from another
/// thread; both count their runs.
struct CountingRoutes {
  std::atomic<int> sync_runs{0};
  std::atomic<int> async_runs{0};
  std::atomic<bool> fail{false};

  void Add(http::Router& router) {
    const http::RouteOptions user{http::Exec::kWorker, http::Access::kUser, 0};
    router.Add(
        http::Method::kPost, "/api/v1/test/counted",
        [this](http::Request&) -> Result<http::Response> {
          const int n = ++sync_runs;
          if (fail.load()) return AppError::Internal("failing on purpose");
          return http::Response::Json(boost::json::object{{"run", n}}, 201)
              .With("ETag", "\"" + std::to_string(n) + "\"")
              .With("Location", "/api/v1/test/counted/" + std::to_string(n));
        },
        user);
    router.AddAsync(
        http::Method::kPost, "/api/v1/test/counted-async",
        [this](http::Request&, http::Responder responder) {
          const int n = ++async_runs;
          std::thread([responder, n] {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            responder(http::Response::Json(boost::json::object{{"run", n}}, 202));
          }).detach();
        },
        user);
  }
};

TEST(Idempotency, ServerErrorsFreeTheKeyAndHeadersAreReplayed) {
  TestServer server([](Config& c) { c.rate_limit_per_ip = 0; });
  CountingRoutes routes;
  server.Init();
  routes.Add(server.app().router());
  server.Start();
  const Account ada = Register(server, "ada@example.com");
  routes.fail = true;
  auto failed = server.Send("POST", "/api/v1/test/counted", "", WithKey(ada, "k"));
  EXPECT_EQ(failed.status, 500) << failed.body;
  routes.fail = false;
  auto ok = server.Send("POST", "/api/v1/test/counted", "", WithKey(ada, "k"));
  EXPECT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ok.Json().at("run").as_int64(), 2);
  auto replay = server.Send("POST", "/api/v1/test/counted", "", WithKey(ada, "k"));
  EXPECT_EQ(replay.status, 201);
  EXPECT_EQ(replay.body, ok.body);
  EXPECT_EQ(replay.Header("ETag"), "\"2\"");
  EXPECT_EQ(replay.Header("Location"), "/api/v1/test/counted/2");
  EXPECT_EQ(replay.Header("Idempotent-Replayed"), "true");
  EXPECT_EQ(routes.sync_runs.load(), 2);
}

TEST(Idempotency, AsyncHandlersAreCoveredToo) {
  TestServer server([](Config& c) { c.rate_limit_per_ip = 0; });
  CountingRoutes routes;
  server.Init();
  routes.Add(server.app().router());
  server.Start();
  const Account ada = Register(server, "ada@example.com");
  auto first = server.Send("POST", "/api/v1/test/counted-async", "", WithKey(ada, "a"));
  ASSERT_EQ(first.status, 202) << first.body;
  auto again = server.Send("POST", "/api/v1/test/counted-async", "", WithKey(ada, "a"));
  EXPECT_EQ(again.status, 202) << again.body;
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(again.Header("Idempotent-Replayed"), "true");
  auto plain = server.Send("POST", "/api/v1/test/counted-async", "", ada.Bearer());
  EXPECT_EQ(plain.status, 202);
  EXPECT_EQ(routes.async_runs.load(), 2);
}

TEST(Idempotency, StoreExpiresKeysAndLostClaims) {
  Env env;
  const std::string user = env.admin.id;
  int64_t now = 1'800'000'000'000;
  idempotency::Options options;
  options.now = [&now] { return now; };
  options.purge_every_ms = int64_t{1} << 60;  // only the explicit Purge() below
  idempotency::Store store(env.server.app().database(), options);
  using Outcome = idempotency::Claim::Outcome;

  auto claim = store.Begin(user, "k1", "POST /x abc");
  ASSERT_TRUE(claim.ok());
  EXPECT_EQ(claim->outcome, Outcome::kNew);
  EXPECT_EQ(store.Begin(user, "k1", "POST /x abc")->outcome, Outcome::kRunning);
  idempotency::Stored stored{
      idempotency::Stored::Kind::kResponse, 201, "application/json", "", "", "{\"a\":1}"};
  ASSERT_TRUE(store.Finish(user, "k1", stored).ok());
  auto done = store.Begin(user, "k1", "POST /x abc");
  ASSERT_EQ(done->outcome, Outcome::kDone);
  EXPECT_EQ(done->stored->status, 201);
  EXPECT_EQ(done->stored->body, "{\"a\":1}");
  EXPECT_EQ(store.Begin(user, "k1", "POST /x other")->outcome, Outcome::kMismatch);

  // 24 hours later the key is free again, whatever the request.
  now += options.ttl_ms + 1;
  EXPECT_EQ(store.Begin(user, "k1", "POST /x other")->outcome, Outcome::kNew);

  // A claim whose request never finished (a crash) is freed after stale_ms.
  EXPECT_EQ(store.Begin(user, "k2", "POST /y")->outcome, Outcome::kNew);
  now += options.stale_ms - 1;
  EXPECT_EQ(store.Begin(user, "k2", "POST /y")->outcome, Outcome::kRunning);
  now += 2;
  EXPECT_EQ(store.Begin(user, "k2", "POST /y")->outcome, Outcome::kNew);

  // Abandon frees a running claim.
  ASSERT_TRUE(store.Abandon(user, "k2").ok());
  EXPECT_EQ(store.Begin(user, "k2", "POST /y")->outcome, Outcome::kNew);

  // Purge deletes only expired keys.
  EXPECT_EQ(store.Purge().value(), 0);
  now += options.ttl_ms + 1;
  EXPECT_EQ(store.Begin(user, "k3", "POST /z")->outcome, Outcome::kNew);
  EXPECT_EQ(store.Purge().value(), 2);  // k1 and k2; k3 is fresh
  EXPECT_EQ(store.Begin(user, "k3", "POST /z")->outcome, Outcome::kRunning);
}

}  // namespace
}  // namespace ws::test
