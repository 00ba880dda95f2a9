#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace ws::test {

/// A blocking WebSocket client (Boost.Beast) for the realtime tests and the
/// bench. Messages are read only while a Read/Next call runs, so a client
/// that is not asked to read also answers no ping: that is how a frozen or
/// crashed client looks to the server.
class WsClient {
 public:
  /// Connects to 127.0.0.1:port and asks to upgrade `target` with `headers`
  /// (Authorization, Origin, ...). `receive_buffer` > 0 sets SO_RCVBUF first
  /// (slow-consumer tests).
  explicit WsClient(uint16_t port, const std::map<std::string, std::string>& headers = {},
                    std::string_view target = "/api/v1/ws", int receive_buffer = 0);
  ~WsClient();
  WsClient(const WsClient&) = delete;
  WsClient& operator=(const WsClient&) = delete;

  /// True after a successful handshake.
  bool open() const;
  /// The HTTP status of a refused handshake (0 when accepted or no answer).
  int refused_status() const;

  void Send(std::string_view text);
  void SendBinary(std::string_view bytes);
  /// The next text message within `timeout_ms` (nullopt: timeout or closed).
  std::optional<std::string> ReadText(int timeout_ms = 5000);
  /// The next message parsed as a JSON object.
  std::optional<boost::json::object> Next(int timeout_ms = 5000);
  /// The next message of `type`, skipping others (presence, ...).
  std::optional<boost::json::object> NextOfType(std::string_view type, int timeout_ms = 5000);
  /// Waits until the server closes; answers the close code (nullopt: still
  /// open after `timeout_ms`; 1006 when the connection ended without a
  /// close frame). Messages arriving meanwhile are discarded.
  std::optional<int> WaitClosed(int timeout_ms = 5000);
  /// Sends a close frame and waits for the answer.
  void Close();
  /// Ends the TCP connection without a close frame (a crashed client).
  void Drop();

  // Protocol shortcuts; each fails the current test on a wrong answer.
  /// Sends `auth` and waits for `ready`.
  void Auth(const std::string& token);
  /// Sends `subscribe` and answers the messages up to and including
  /// `subscribed` (or the first `error`).
  std::vector<boost::json::object> Subscribe(const std::string& topic,
                                             std::optional<int64_t> after);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ws::test
