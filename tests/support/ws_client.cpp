#include "support/ws_client.hpp"

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <functional>

namespace ws::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

struct WsClient::Impl {
  asio::io_context ioc;
  websocket::stream<tcp::socket> ws{ioc};
  beast::flat_buffer buffer;
  bool open = false;
  int refused = 0;
  bool reading = false;
  bool closed = false;
  int close_code = 0;
  std::deque<std::string> inbox;

  void ArmRead() {
    if (reading || closed || !open) return;
    reading = true;
    ws.async_read(buffer, [this](beast::error_code ec, size_t) {
      reading = false;
      if (ec) {
        closed = true;
        close_code = ec == websocket::error::closed ? int(ws.reason().code) : 1006;
        return;
      }
      inbox.push_back(beast::buffers_to_string(buffer.data()));
      buffer.consume(buffer.size());
    });
  }

  /// Runs handlers until `done` or the timeout; answers `done()`.
  bool RunUntil(const std::function<bool()>& done, int timeout_ms) {
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    while (!done()) {
      const auto now = Clock::now();
      if (now >= deadline) return false;
      ioc.restart();
      if (ioc.run_one_for(deadline - now) == 0 && ioc.stopped()) {
        // No pending work at all: nothing can change `done`.
        if (!reading) return done();
      }
    }
    return true;
  }

  void Write(std::string_view bytes, bool binary) {
    if (!open || closed) return;
    bool done = false;
    ws.binary(binary);
    ws.async_write(asio::buffer(bytes.data(), bytes.size()),
                   [&done](beast::error_code, size_t) { done = true; });
    RunUntil([&] { return done; }, 10000);
    ws.binary(false);
  }
};

WsClient::WsClient(uint16_t port, const std::map<std::string, std::string>& headers,
                   std::string_view target, int receive_buffer)
    : impl_(std::make_unique<Impl>()) {
  beast::error_code ec;
  auto& socket = impl_->ws.next_layer();
  socket.open(tcp::v4(), ec);
  if (receive_buffer > 0)
    socket.set_option(asio::socket_base::receive_buffer_size(receive_buffer), ec);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
  if (ec) return;
  impl_->ws.set_option(websocket::stream_base::decorator([headers](websocket::request_type& req) {
    for (const auto& [name, value] : headers) req.set(name, value);
  }));
  websocket::response_type response;
  impl_->ws.handshake(response, "127.0.0.1:" + std::to_string(port), std::string(target), ec);
  if (ec) {
    impl_->refused = static_cast<int>(response.result_int());
    return;
  }
  impl_->open = true;
}

WsClient::~WsClient() {
  beast::error_code ec;
  impl_->ws.next_layer().close(ec);
}

bool WsClient::open() const { return impl_->open && !impl_->closed; }
int WsClient::refused_status() const { return impl_->refused; }

void WsClient::Send(std::string_view text) { impl_->Write(text, false); }
void WsClient::SendBinary(std::string_view bytes) { impl_->Write(bytes, true); }

std::optional<std::string> WsClient::ReadText(int timeout_ms) {
  Impl& i = *impl_;
  if (i.inbox.empty()) {
    i.ArmRead();
    i.RunUntil([&] { return !i.inbox.empty() || i.closed; }, timeout_ms);
  }
  if (i.inbox.empty()) return std::nullopt;
  std::string text = std::move(i.inbox.front());
  i.inbox.pop_front();
  return text;
}

std::optional<boost::json::object> WsClient::Next(int timeout_ms) {
  auto text = ReadText(timeout_ms);
  if (!text) return std::nullopt;
  boost::system::error_code ec;
  auto value = boost::json::parse(*text, ec);
  if (ec || !value.is_object()) {
    ADD_FAILURE() << "server sent a non-object: " << *text;
    return std::nullopt;
  }
  return value.as_object();
}

std::optional<boost::json::object> WsClient::NextOfType(std::string_view type, int timeout_ms) {
  const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return std::nullopt;
    auto m = Next(static_cast<int>(left.count()));
    if (!m) return std::nullopt;
    if (m->at("type").as_string() == type) return m;
  }
}

std::optional<int> WsClient::WaitClosed(int timeout_ms) {
  Impl& i = *impl_;
  if (!i.open) return std::nullopt;
  const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  while (!i.closed) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return std::nullopt;
    i.inbox.clear();
    i.ArmRead();
    i.RunUntil([&] { return !i.inbox.empty() || i.closed; }, static_cast<int>(left.count()));
  }
  return i.close_code;
}

void WsClient::Close() {
  Impl& i = *impl_;
  if (!i.open || i.closed) return;
  bool done = false;
  i.ws.async_close(websocket::close_code::normal, [&done](beast::error_code) { done = true; });
  i.RunUntil([&] { return done && !i.reading; }, 3000);
  i.closed = true;
}

void WsClient::Drop() {
  beast::error_code ec;
  impl_->ws.next_layer().shutdown(tcp::socket::shutdown_both, ec);
  impl_->ws.next_layer().close(ec);
  impl_->closed = true;
}

void WsClient::Auth(const std::string& token) {
  boost::json::object auth{{"type", "auth"}, {"token", token}};
  Send(boost::json::serialize(auth));
  auto ready = NextOfType("ready");
  ASSERT_TRUE(ready.has_value()) << "no ready after auth";
}

std::vector<boost::json::object> WsClient::Subscribe(const std::string& topic,
                                                     std::optional<int64_t> after) {
  boost::json::object m{{"type", "subscribe"}, {"topic", topic}};
  if (after) {
    m["after"] = *after;
  } else {
    m["after"] = nullptr;
  }
  Send(boost::json::serialize(m));
  std::vector<boost::json::object> out;
  for (;;) {
    auto next = Next(10000);
    if (!next) {
      ADD_FAILURE() << "no answer to subscribe " << topic;
      return out;
    }
    out.push_back(*next);
    const auto type = next->at("type").as_string();
    if (type == "subscribed" || type == "error") return out;
  }
}

}  // namespace ws::test
