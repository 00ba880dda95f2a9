// Events of private projects reach only those who see the project (its
// members and the workspace's owners/admins): the activity feed, GET
// /events (plain and held) and the WebSocket hub (docs/projects.md "Event
// visibility").
#include <chrono>
#include <future>
#include <thread>

#include "projects_fixture.hpp"
#include "realtime_fixture.hpp"

namespace ws::test {
namespace {

using pjfx::Env;
using wsfx::Id;

/// True when the text of `value` mentions `needle`.
bool Mentions(const boost::json::value& value, const std::string& needle) {
  return boost::json::serialize(value).find(needle) != std::string::npos;
}

/// Every activity item `who` reads, following cursors with small pages.
std::vector<boost::json::object> Feed(Env& env, const Account& who) {
  std::vector<boost::json::object> out;
  std::string cursor;
  for (int page = 0; page < 200; ++page) {
    std::string target = "/api/v1/workspaces/" + env.ws + "/activity?limit=2";
    if (!cursor.empty()) target += "&cursor=" + cursor;
    auto r = env.Call(&who, "GET", target);
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status != 200) break;
    const boost::json::value json = r.Json();
    for (const auto& item : json.at("items").as_array()) out.push_back(item.as_object());
    if (json.at("next_cursor").is_null()) break;
    cursor = std::string(json.at("next_cursor").as_string());
  }
  return out;
}

bool AnyMentions(const std::vector<boost::json::object>& items, const std::string& needle) {
  for (const auto& item : items) {
    if (Mentions(item, needle)) return true;
  }
  return false;
}

/// The event messages `client` receives until one mentions `marker`.
std::vector<boost::json::object> EventsUntil(WsClient& client, const std::string& marker) {
  std::vector<boost::json::object> out;
  for (int i = 0; i < 100; ++i) {
    auto m = client.NextOfType("event", 5000);
    EXPECT_TRUE(m.has_value()) << "no event mentioning " << marker;
    if (!m) break;
    out.push_back(*m);
    if (Mentions(*m, marker)) break;
  }
  return out;
}

struct Cast {
  Env env;
  Account admin = env.NewMember(env.ws, env.owner, "admin", "Adam Admin");
  Account alice = env.NewMember(env.ws, env.owner, "member", "Alice Member");
  Account bob = env.NewMember(env.ws, env.owner, "member", "Bob Member");
  std::string secret = Id(env.Project(alice, "SEC", "private"));  // alice is its member
  std::string open = Id(env.Project(env.owner, "OPN", "workspace"));
};

TEST(ProjectsVisibility, ActivityFeedHidesPrivateProjectEventsFromNonMembers) {
  Cast c;
  c.env.Task(c.alice, c.secret, "Secret plan");
  c.env.Task(c.env.owner, c.open, "Public note");
  c.env.Task(c.alice, c.secret, "Secret follow-up");

  const auto bob = Feed(c.env, c.bob);
  EXPECT_FALSE(AnyMentions(bob, "Secret"));
  EXPECT_FALSE(AnyMentions(bob, c.secret));
  EXPECT_TRUE(AnyMentions(bob, "Public note"));
  // Newest first and complete despite pages that lost hidden items.
  for (size_t i = 1; i < bob.size(); ++i) {
    EXPECT_GT(bob[i - 1].at("seq").as_int64(), bob[i].at("seq").as_int64());
  }
  for (const Account* who : {&c.alice, &c.admin, &c.env.owner}) {
    const auto items = Feed(c.env, *who);
    EXPECT_TRUE(AnyMentions(items, "Secret plan")) << wsfx::Name(*who);
    EXPECT_TRUE(AnyMentions(items, "Secret follow-up")) << wsfx::Name(*who);
    EXPECT_TRUE(AnyMentions(items, "Public note")) << wsfx::Name(*who);
    EXPECT_GT(items.size(), bob.size());
  }

  // Added to the project: bob now reads its events too.
  ASSERT_EQ(c.env.Call(&c.env.owner, "PUT", "/api/v1/projects/" + c.secret + "/members/" + c.bob.id)
                .status,
            200);
  EXPECT_TRUE(AnyMentions(Feed(c.env, c.bob), "Secret plan"));
}

TEST(ProjectsVisibility, LongPollHidesPrivateProjectEventsAndStillAdvances) {
  Cast c;
  const int64_t base = c.env.LastSeq(c.env.ws, c.env.owner);
  c.env.Task(c.alice, c.secret, "Secret plan");
  const int64_t last = c.env.LastSeq(c.env.ws, c.env.owner);
  ASSERT_GT(last, base);

  const std::string path = "/api/v1/workspaces/" + c.env.ws + "/events?wait=0&after=";
  auto bob = c.env.Call(&c.bob, "GET", path + std::to_string(base));
  ASSERT_EQ(bob.status, 200) << bob.body;
  EXPECT_TRUE(bob.Json().at("events").as_array().empty()) << bob.body;
  EXPECT_EQ(bob.Json().at("last_seq").as_int64(), last);  // past the hidden events
  for (const Account* who : {&c.alice, &c.admin}) {
    auto r = c.env.Call(who, "GET", path + std::to_string(base));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(Mentions(r.Json(), "Secret plan")) << wsfx::Name(*who);
    EXPECT_EQ(r.Json().at("last_seq").as_int64(), last);
  }
  // From the start of the log: the public events only.
  auto all = c.env.Call(&c.bob, "GET", path + "0");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_FALSE(Mentions(all.Json(), c.secret));
  EXPECT_EQ(all.Json().at("last_seq").as_int64(), last);

  // Held: a hidden event answers bob with nothing but a later last_seq;
  // alice's held request gets the task.
  const std::string held =
      "/api/v1/workspaces/" + c.env.ws + "/events?wait=10&after=" + std::to_string(last);
  auto bob_wait = std::async(std::launch::async, [&] { return c.env.Call(&c.bob, "GET", held); });
  auto alice_wait =
      std::async(std::launch::async, [&] { return c.env.Call(&c.alice, "GET", held); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  c.env.Task(c.alice, c.secret, "Secret held");
  auto bob_held = bob_wait.get();
  auto alice_held = alice_wait.get();
  ASSERT_EQ(bob_held.status, 200) << bob_held.body;
  ASSERT_EQ(alice_held.status, 200) << alice_held.body;
  EXPECT_FALSE(Mentions(bob_held.Json().at("events"), "Secret")) << bob_held.body;
  EXPECT_GT(bob_held.Json().at("last_seq").as_int64(), last);
  EXPECT_TRUE(Mentions(alice_held.Json().at("events"), "Secret held")) << alice_held.body;
}

TEST(ProjectsVisibility, WebSocketDeliversPrivateProjectEventsOnlyToThoseWhoSeeIt) {
  Cast c;
  c.env.Task(c.alice, c.secret, "Secret before");
  const std::string topic = rtfx::Topic(c.env.ws);

  // Replay from the start of the log.
  auto bob = rtfx::Connect(c.env.server, c.bob);
  auto replayed = bob->Subscribe(topic, 0);
  ASSERT_EQ(rtfx::Type(replayed.back()), "subscribed");
  EXPECT_FALSE(AnyMentions(replayed, "Secret")) << replayed.size();
  auto alice = rtfx::Connect(c.env.server, c.alice);
  auto alice_replayed = alice->Subscribe(topic, 0);
  ASSERT_EQ(rtfx::Type(alice_replayed.back()), "subscribed");
  EXPECT_TRUE(AnyMentions(alice_replayed, "Secret before"));
  auto admin = rtfx::Connect(c.env.server, c.admin);
  ASSERT_EQ(rtfx::Type(admin->Subscribe(topic, std::nullopt).back()), "subscribed");

  // Live: a private task, then a public one as the end marker.
  c.env.Task(c.alice, c.secret, "Secret live");
  c.env.Task(c.env.owner, c.open, "Public marker");
  const auto bob_live = EventsUntil(*bob, "Public marker");
  EXPECT_FALSE(AnyMentions(bob_live, "Secret"));
  EXPECT_TRUE(AnyMentions(bob_live, "Public marker"));
  for (WsClient* client : {alice.get(), admin.get()}) {
    const auto live = EventsUntil(*client, "Public marker");
    ASSERT_GE(live.size(), 2u);
    // In order: the private event before the later public one.
    EXPECT_TRUE(Mentions(live[live.size() - 2], "Secret live"));
    EXPECT_TRUE(Mentions(live.back(), "Public marker"));
  }

  // Added to the project: bob gets its next events live.
  ASSERT_EQ(c.env.Call(&c.env.owner, "PUT", "/api/v1/projects/" + c.secret + "/members/" + c.bob.id)
                .status,
            200);
  c.env.Task(c.alice, c.secret, "Secret shared");
  c.env.Task(c.env.owner, c.open, "Public marker two");
  const auto after = EventsUntil(*bob, "Public marker two");
  EXPECT_TRUE(AnyMentions(after, "Secret shared"));
  // Removed again: hidden again.
  ASSERT_EQ(
      c.env.Call(&c.env.owner, "DELETE", "/api/v1/projects/" + c.secret + "/members/" + c.bob.id)
          .status,
      204);
  c.env.Task(c.alice, c.secret, "Secret again");
  c.env.Task(c.env.owner, c.open, "Public marker three");
  EXPECT_FALSE(AnyMentions(EventsUntil(*bob, "Public marker three"), "Secret again"));
}

}  // namespace
}  // namespace ws::test
