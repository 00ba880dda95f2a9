// The "ceiling" for bench/run.sh: the smallest reasonable Boost.Beast HTTP/1.1
// server (C++20 coroutines, keep-alive, one strand per connection, N io
// threads) answering every request with 200 text/plain "hello". Workstead's
// numbers are reported as a percentage of this server's, measured in the same
// run on the same machine. With --body-bytes N it answers N bytes instead, the
// ceiling for a route whose answers are that large (bench/tasks.py).
//
// Usage: bench_bare_server --listen 127.0.0.1:PORT [--threads N] [--body-bytes N]

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using Tcp = asio::ip::tcp;

// Every await returns (error_code, ...) instead of throwing.
constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
constexpr auto kIdleTimeout = std::chrono::seconds(30);
constexpr std::string_view kBody = "hello";

struct Options {
  std::string host = "127.0.0.1";
  unsigned short port = 0;
  int threads = 2;
  size_t body_bytes = 0;  // 0: "hello"
};

// The answer's body, set once before the server starts.
std::string g_body(kBody);

[[noreturn]] void Usage(const char* argv0) {
  std::fprintf(stderr, "usage: %s --listen HOST:PORT [--threads N] [--body-bytes N]\n", argv0);
  std::exit(2);
}

template <typename T>
bool ParseNumber(std::string_view text, T& out) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end;
}

Options ParseArgs(int argc, char** argv) {
  Options options;
  bool have_listen = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (i + 1 >= argc) Usage(argv[0]);
    const std::string_view value = argv[++i];
    if (arg == "--listen") {
      const auto colon = value.rfind(':');
      if (colon == std::string_view::npos) Usage(argv[0]);
      options.host = std::string(value.substr(0, colon));
      if (!ParseNumber(value.substr(colon + 1), options.port)) Usage(argv[0]);
      have_listen = true;
    } else if (arg == "--threads") {
      if (!ParseNumber(value, options.threads) || options.threads < 1) Usage(argv[0]);
    } else if (arg == "--body-bytes") {
      if (!ParseNumber(value, options.body_bytes) || options.body_bytes > (size_t{1} << 24)) {
        Usage(argv[0]);
      }
    } else {
      Usage(argv[0]);
    }
  }
  if (!have_listen) Usage(argv[0]);
  return options;
}

// One connection. The coroutine runs on the socket's own strand, so every
// operation on the stream is serialized without locks.
asio::awaitable<void> Session(beast::tcp_stream stream) {
  beast::flat_buffer buffer;
  for (;;) {
    http::request<http::string_body> request;
    stream.expires_after(kIdleTimeout);
    auto [read_ec, read_bytes] = co_await http::async_read(stream, buffer, request, kUseTuple);
    if (read_ec) break;  // end_of_stream, timeout, reset or bad request: just close.

    http::response<http::string_body> response{http::status::ok, request.version()};
    response.set(http::field::server, "bench-bare");
    response.set(http::field::content_type, "text/plain");
    response.keep_alive(request.keep_alive());
    response.body() = g_body;
    response.prepare_payload();

    auto [write_ec, write_bytes] = co_await http::async_write(stream, response, kUseTuple);
    if (write_ec || !response.keep_alive()) break;
  }
  beast::error_code ignored;
  stream.socket().shutdown(Tcp::socket::shutdown_send, ignored);
}

void LogException(const std::exception_ptr& error) {
  if (!error) return;
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_bare_server: %s\n", e.what());
  }
}

// Accepts forever; each socket gets a fresh strand and its own coroutine.
asio::awaitable<void> Listen(asio::io_context& ioc, Tcp::endpoint endpoint) {
  Tcp::acceptor acceptor(ioc);
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen(asio::socket_base::max_listen_connections);
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), kUseTuple);
    if (ec) {
      if (ec == asio::error::operation_aborted) co_return;
      continue;  // e.g. EMFILE: keep serving the connections we have.
    }
    beast::error_code ignored;
    socket.set_option(Tcp::no_delay(true), ignored);
    auto executor = socket.get_executor();
    asio::co_spawn(executor, Session(beast::tcp_stream(std::move(socket))), LogException);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = ParseArgs(argc, argv);
  if (options.body_bytes > 0) g_body.assign(options.body_bytes, 'x');
  try {
    asio::io_context ioc(options.threads);
    const Tcp::endpoint endpoint(asio::ip::make_address(options.host), options.port);
    asio::co_spawn(ioc, Listen(ioc, endpoint), [](const std::exception_ptr& error) {
      LogException(error);
      if (error) std::exit(1);  // could not bind: fail loudly.
    });

    asio::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&ioc](beast::error_code, int) { ioc.stop(); });

    std::vector<std::thread> threads;
    threads.reserve(static_cast<std::size_t>(options.threads - 1));
    for (int i = 1; i < options.threads; ++i) threads.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (auto& thread : threads) thread.join();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_bare_server: %s\n", e.what());
    return 1;
  }
  return 0;
}
