#pragma once

// Shared helpers of the realtime API tests: a workspace environment (users
// and workspaces through the HTTP API), events appended in process through
// bus::Append exactly as services do, and WebSocket clients.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "bus/bus.hpp"
#include "support/ws_client.hpp"
#include "workspaces_fixture.hpp"

namespace ws::test::rtfx {

using Clock = std::chrono::steady_clock;

inline int64_t Millis(Clock::duration d) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}

/// Appends one event to `workspace_id` in its own write unit (published
/// after commit, like every service does); answers its seq.
inline int64_t Append(TestServer& server, const std::string& workspace_id, size_t pad = 0,
                      const std::string& type = "test.appended") {
  bus::Event event;
  event.workspace_id = workspace_id;
  event.type = type;
  event.entity_type = "test";
  event.entity_id = workspace_id;
  event.data = "{\"pad\":\"" + std::string(pad, 'x') + "\"}";
  int64_t seq = 0;
  Status s = server.app().database().Write([&](db::Conn& c) -> Status {
    WS_ASSIGN(bus::Event stored, bus::Append(c, server.app().bus(), event));
    seq = stored.seq;
    return {};
  });
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().detail);
  return seq;
}

/// A client signed in as `who` (first-message auth).
inline std::unique_ptr<WsClient> Connect(TestServer& server, const Account& who) {
  auto client = std::make_unique<WsClient>(server.port());
  EXPECT_TRUE(client->open());
  client->Auth(who.access_token);
  return client;
}

/// `workspace:<id>`.
inline std::string Topic(const std::string& workspace_id) { return "workspace:" + workspace_id; }

/// The type of a message.
inline std::string Type(const boost::json::object& m) {
  return std::string(m.at("type").as_string());
}

/// The seq of an `event` message.
inline int64_t Seq(const boost::json::object& m) { return m.at("event").at("seq").as_int64(); }

/// Seqs of the `event` messages among `messages`.
inline std::vector<int64_t> Seqs(const std::vector<boost::json::object>& messages) {
  std::vector<int64_t> out;
  for (const auto& m : messages) {
    if (Type(m) == "event") out.push_back(Seq(m));
  }
  return out;
}

/// 1..n shifted by `from`: {from+1, ..., from+n}.
inline std::vector<int64_t> Range(int64_t from, int64_t n) {
  std::vector<int64_t> out;
  for (int64_t i = 1; i <= n; ++i) out.push_back(from + i);
  return out;
}

}  // namespace ws::test::rtfx
