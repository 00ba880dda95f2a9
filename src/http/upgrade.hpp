#pragma once

// The seam between the HTTP server and the WebSocket hub: Beast-typed, so
// only src/http and src/realtime include it (modules never do).
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <functional>
#include <string>

namespace ws::http {

/// Takes over connections whose request asks for a WebSocket upgrade on the
/// path it was registered for (Server::SetUpgradeHandler).
class UpgradeHandler {
 public:
  virtual ~UpgradeHandler() = default;
  /// Called on the connection's strand (the socket's executor) with the
  /// parsed upgrade request. `closed` must be called exactly once, when the
  /// connection is gone: until then it counts as an open connection
  /// (max_connections, graceful shutdown).
  virtual void Upgrade(boost::asio::ip::tcp::socket socket,
                       boost::beast::http::request<boost::beast::http::string_body> request,
                       std::string remote_ip, std::function<void()> closed) = 0;
  /// The server is shutting down: close every taken-over connection
  /// (WebSocket 1001) and take no more. Thread-safe.
  virtual void Shutdown() = 0;
};

}  // namespace ws::http
