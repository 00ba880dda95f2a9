// WebSocket hub benchmark (issue 6, DESIGN §9), driven by bench/realtime.py
// against a running `workstead serve`:
//
//   workstead-bench-realtime --port P --pid PID [--sockets 1000] [--idle 10000]
//                            [--seconds 60] [--rate 100] [--rounds 20]
//
// 1. fan-out: --sockets sockets subscribe to one workspace; --rounds times a
//    rename (PATCH /workspaces/{id}, one event) is committed and every socket
//    must receive it; latency from sending the request and from its answer
//    (the commit) to receipt, p50/p99 over all receipts.
// 2. sustained: --rate renames per second for --seconds into that workspace;
//    every socket must see every seq exactly once and in order.
// 3. idle: --idle more sockets authenticate and subscribe; the server's RSS
//    (from /proc/PID/status) before and after, per socket; meanwhile 2,000
//    sequential GET /workspaces/{id} on a keep-alive connection, p99.
//
// Prints one JSON object per line: {"row": [name, value, p50, p99]} or
// {"note": "..."}; exits 1 when a delivery check fails.
#include <algorithm>
#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Args {
  uint16_t port = 0;
  int pid = 0;
  int sockets = 1000;
  int idle = 10000;
  int seconds = 60;
  int rate = 100;
  int rounds = 20;
};

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * double(v.size())))];
}

long RssKib(int pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

void Row(const std::string& name, const std::string& value, double p50, double p99) {
  boost::json::array row{name, value, p50, p99};
  std::cout << boost::json::serialize(boost::json::object{{"row", row}}) << std::endl;
}

void Note(const std::string& text) {
  std::cout << boost::json::serialize(boost::json::object{{"note", text}}) << std::endl;
}

/// A blocking keep-alive HTTP client.
class Http {
 public:
  explicit Http(uint16_t port) : socket_(ioc_), port_(port) {
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    socket_.set_option(tcp::no_delay(true));
  }
  boost::json::value Call(http::verb verb, const std::string& target, const std::string& body,
                          const std::string& token) {
    http::request<http::string_body> req{verb, target, 11};
    req.set(http::field::host, "127.0.0.1");
    if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
    if (!body.empty()) req.set(http::field::content_type, "application/json");
    req.body() = body;
    req.prepare_payload();
    http::write(socket_, req);
    http::response<http::string_body> res;
    http::read(socket_, buffer_, res);
    status = res.result_int();
    if (res.body().empty()) return nullptr;
    return boost::json::parse(res.body());
  }
  unsigned status = 0;

 private:
  asio::io_context ioc_;
  tcp::socket socket_;
  beast::flat_buffer buffer_;
  uint16_t port_;
};

/// Progress of one batch of sockets (Open): each phase counts its own, so
/// sockets of an earlier phase closing meanwhile are never mistaken for
/// this phase's answers.
struct Counters {
  std::atomic<int> subscribed{0};
  std::atomic<int> failed{0};
};

/// Shared state of every bench socket.
struct Shared {
  std::string token;
  std::string topic;
  std::mutex mutex;
  std::vector<Clock::time_point> receipts;  // GUARDED_BY(mutex): fan-out round receipts
  std::atomic<int64_t> events{0};
  std::atomic<int64_t> order_errors{0};
  std::atomic<bool> record{false};  // receipts are recorded during a fan-out round
};

/// One client socket: auth, subscribe, then count events and check seqs.
///
/// A minimal RFC 6455 client on a plain socket instead of Beast's stream:
/// the bench shares two cores with the server, and Beast's read path (a
/// 1.5 KiB read buffer, one composed operation and one posted completion per
/// message, UTF-8 validation) cost the client as much CPU as the hub spent
/// delivering. Here a readable socket is drained into the io thread's 256
/// KiB buffer with non-blocking reads and every complete frame in it is
/// handled in place; only a partial frame is kept per socket (idle sockets
/// keep nothing). Text frames are handled, pings answered, a close frame or
/// anything else fails the socket.
class Socket : public std::enable_shared_from_this<Socket> {
 public:
  Socket(asio::io_context& ioc, Shared& shared, Counters& counters)
      : socket_(ioc), shared_(shared), counters_(counters) {}

  void Start(uint16_t port) {
    socket_.async_connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port),
                          [self = shared_from_this()](beast::error_code ec) {
                            if (ec) return self->Fail(ec);
                            self->socket_.non_blocking(true, ec);
                            self->WriteRaw(
                                "GET /api/v1/ws HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                "Sec-WebSocket-Version: 13\r\n\r\n");
                            self->Wait();
                          });
  }

  int64_t last_seq() const { return last_seq_; }
  /// Closes the socket from its own thread; not counted as a failure.
  void Close() {
    asio::post(socket_.get_executor(), [self = shared_from_this()] {
      self->closed_ = true;
      beast::error_code ec;
      self->socket_.close(ec);
    });
  }

 private:
  void Fail(const beast::error_code& ec = {}) {
    if (closed_ || failed_) return;
    failed_ = true;
    if (++counters_.failed <= 3 && ec) std::cerr << "bench socket: " << ec.message() << "\n";
    beast::error_code ignored;
    socket_.close(ignored);
  }

  /// A masked client frame (RFC 6455 §5.3) of `opcode` with `payload`.
  void Write(std::string_view payload, uint8_t opcode = 0x1) {
    std::string frame;
    frame += static_cast<char>(0x80 | opcode);
    if (payload.size() < 126) {
      frame += static_cast<char>(0x80 | payload.size());
    } else {
      frame += static_cast<char>(0x80 | 126);
      frame += static_cast<char>(payload.size() >> 8);
      frame += static_cast<char>(payload.size() & 0xff);
    }
    const char mask[4] = {0x12, 0x34, 0x56, 0x78};
    frame.append(mask, 4);
    for (size_t i = 0; i < payload.size(); ++i)
      frame += static_cast<char>(payload[i] ^ mask[i % 4]);
    WriteRaw(std::move(frame));
  }

  /// One write at a time; the rest wait in order.
  void WriteRaw(std::string bytes) {
    outbox_.push_back(std::move(bytes));
    if (outbox_.size() == 1) WriteFront();
  }
  void WriteFront() {
    asio::async_write(socket_, asio::buffer(outbox_.front()),
                      [self = shared_from_this()](beast::error_code ec, size_t) {
                        self->outbox_.erase(self->outbox_.begin());
                        if (ec) return self->Fail(ec);
                        if (!self->outbox_.empty()) self->WriteFront();
                      });
  }

  void Wait() {
    socket_.async_wait(tcp::socket::wait_read, [self = shared_from_this()](beast::error_code ec) {
      if (ec) return self->Fail(ec);
      self->Drain();
    });
  }

  /// Reads what the kernel holds, handles every complete frame, waits again.
  void Drain() {
    thread_local std::vector<char> buffer(256 * 1024);
    for (;;) {
      // The partial frame left from the last read goes first.
      const size_t kept = partial_.size();
      if (kept > buffer.size() / 2) buffer.resize(kept * 2);
      std::memcpy(buffer.data(), partial_.data(), kept);
      std::string().swap(partial_);
      beast::error_code ec;
      const size_t got =
          socket_.read_some(asio::buffer(buffer.data() + kept, buffer.size() - kept), ec);
      if (ec == asio::error::would_block) {
        partial_.assign(buffer.data(), kept);
        return Wait();
      }
      if (ec) return Fail(ec);
      std::string_view data(buffer.data(), kept + got);
      const size_t used = upgraded_ ? Frames(data) : Upgrade(data);
      if (failed_ || closed_) return;
      partial_.assign(data.substr(used));
    }
  }

  /// The handshake answer; answers the bytes it used (0: incomplete).
  size_t Upgrade(std::string_view data) {
    const size_t end = data.find("\r\n\r\n");
    if (end == data.npos) return 0;
    if (!data.starts_with("HTTP/1.1 101")) {
      std::cerr << "bench socket: handshake refused: " << data.substr(0, data.find('\r')) << "\n";
      Fail();
      return data.size();
    }
    upgraded_ = true;
    Write("{\"type\":\"auth\",\"token\":\"" + shared_.token + "\"}");
    return end + 4 + Frames(data.substr(end + 4));
  }

  /// Handles the complete frames at the start of `data`; answers their size.
  size_t Frames(std::string_view data) {
    size_t at = 0;
    while (data.size() - at >= 2) {
      const auto b0 = static_cast<uint8_t>(data[at]);
      const auto b1 = static_cast<uint8_t>(data[at + 1]);
      size_t header = 2;
      uint64_t size = b1 & 0x7f;
      if (size == 126 || size == 127) {
        const size_t bytes = size == 126 ? 2 : 8;
        if (data.size() - at < 2 + bytes) break;
        size = 0;
        for (size_t i = 0; i < bytes; ++i)
          size = size << 8 | static_cast<uint8_t>(data[at + 2 + i]);
        header += bytes;
      }
      if ((b1 & 0x80) != 0 || (b0 & 0x80) == 0) {
        std::cerr << "bench socket: a masked or fragmented frame from the server\n";
        Fail();
        return data.size();
      }
      if (data.size() - at - header < size) break;
      const std::string_view payload = data.substr(at + header, size);
      at += header + size;
      switch (b0 & 0x0f) {
        case 0x1:
          OnMessage(payload);
          break;
        case 0x9:
          Write(payload, 0xA);  // pong
          break;
        case 0xA:
          break;
        default:
          std::cerr << "bench socket: frame opcode " << (b0 & 0x0f) << "\n";
          Fail();
          return data.size();
      }
      if (failed_) return data.size();
    }
    return at;
  }

  void OnMessage(std::string_view m) {
    if (m.starts_with("{\"type\":\"event\"")) {
      const size_t at = m.find("\"seq\":");
      int64_t seq = 0;
      std::from_chars(m.data() + at + 6, m.data() + m.size(), seq);
      if (last_seq_ != 0 && seq != last_seq_ + 1) ++shared_.order_errors;
      last_seq_ = seq;
      ++shared_.events;
      if (shared_.record) {
        const auto now = Clock::now();
        std::lock_guard lock(shared_.mutex);
        shared_.receipts.push_back(now);
      }
    } else if (m.starts_with("{\"type\":\"ready\"")) {
      Write("{\"type\":\"subscribe\",\"topic\":\"" + shared_.topic + "\",\"after\":null}");
    } else if (m.starts_with("{\"type\":\"subscribed\"")) {
      const size_t at = m.find("\"seq\":");
      std::from_chars(m.data() + at + 6, m.data() + m.size(), last_seq_);
      ++counters_.subscribed;
    } else if (m.starts_with("{\"type\":\"error\"") || m.starts_with("{\"type\":\"reset\"")) {
      std::cerr << "bench socket: " << m << "\n";
      Fail();
    }
  }

  tcp::socket socket_;
  std::string partial_;  // an incomplete frame (or handshake answer) from the last read
  bool upgraded_ = false;
  Shared& shared_;
  Counters& counters_;
  std::vector<std::string> outbox_;
  int64_t last_seq_ = 0;
  bool failed_ = false;
  bool closed_ = false;  // closed by the bench itself
};

/// Opens `n` sockets, at most ~300 handshakes in flight; answers once every
/// one of them has subscribed or failed (`counters` counts this batch only).
std::vector<std::shared_ptr<Socket>> Open(std::vector<std::unique_ptr<asio::io_context>>& iocs,
                                          Shared& shared, Counters& counters, uint16_t port,
                                          int n) {
  std::vector<std::shared_ptr<Socket>> out;
  for (int i = 0; i < n; ++i) {
    out.push_back(std::make_shared<Socket>(*iocs[size_t(i) % iocs.size()], shared, counters));
    out.back()->Start(port);
    if (i % 200 == 199) {
      while (counters.subscribed.load() + counters.failed.load() < i - 100) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    }
  }
  const auto deadline = Clock::now() + std::chrono::seconds(120);
  while (counters.subscribed.load() + counters.failed.load() < n && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return out;
}

bool Parse(int argc, char** argv, Args& a) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    const int v = std::atoi(argv[i + 1]);
    if (k == "--port")
      a.port = static_cast<uint16_t>(v);
    else if (k == "--pid")
      a.pid = v;
    else if (k == "--sockets")
      a.sockets = v;
    else if (k == "--idle")
      a.idle = v;
    else if (k == "--seconds")
      a.seconds = v;
    else if (k == "--rate")
      a.rate = v;
    else if (k == "--rounds")
      a.rounds = v;
    else
      return false;
  }
  return a.port != 0 && a.pid != 0;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!Parse(argc, argv, args)) {
    std::cerr << "usage: workstead-bench-realtime --port P --pid PID [--sockets N] [--idle N] "
                 "[--seconds S] [--rate R] [--rounds N]\n";
    return 2;
  }
  Http api(args.port);
  auto auth =
      api.Call(http::verb::post, "/api/v1/auth/register",
               R"({"email":"rt@bench.example","password":"bench-password-4711","name":"RT"})", "");
  if (api.status != 201) {
    std::cerr << "register failed: " << api.status << "\n";
    return 1;
  }
  Shared shared;
  shared.token = std::string(auth.at("access_token").as_string());
  auto ws =
      api.Call(http::verb::post, "/api/v1/workspaces", R"({"name":"Realtime"})", shared.token);
  const std::string ws_id(ws.at("id").as_string());
  shared.topic = "workspace:" + ws_id;
  const std::string ws_path = "/api/v1/workspaces/" + ws_id;

  // Two client threads: one cannot read 100,000 messages a second.
  std::vector<std::unique_ptr<asio::io_context>> iocs;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  std::vector<std::thread> io;
  for (int i = 0; i < 2; ++i) {
    iocs.push_back(std::make_unique<asio::io_context>(1));
    guards.push_back(asio::make_work_guard(*iocs.back()));
  }
  for (auto& ioc : iocs) io.emplace_back([&ioc] { ioc->run(); });
  bool ok = true;

  // 1. Fan-out latency.
  Counters fanout_counters;
  auto fanout = Open(iocs, shared, fanout_counters, args.port, args.sockets);
  std::cerr << "bench: " << fanout_counters.subscribed.load() << " sockets subscribed, "
            << fanout_counters.failed.load() << " failed\n";
  std::vector<double> from_send;
  std::vector<double> from_commit;
  int complete_rounds = 0;
  for (int round = 0; round < args.rounds; ++round) {
    {
      std::lock_guard lock(shared.mutex);
      shared.receipts.clear();
    }
    shared.record = true;
    const auto sent = Clock::now();
    api.Call(http::verb::patch, ws_path, "{\"name\":\"Round " + std::to_string(round) + "\"}",
             shared.token);
    const auto committed = Clock::now();
    const auto deadline = sent + std::chrono::seconds(5);
    size_t got = 0;
    while (Clock::now() < deadline) {
      {
        std::lock_guard lock(shared.mutex);
        got = shared.receipts.size();
      }
      if (got >= static_cast<size_t>(args.sockets)) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    shared.record = false;
    std::lock_guard lock(shared.mutex);
    if (shared.receipts.size() == static_cast<size_t>(args.sockets)) ++complete_rounds;
    for (auto t : shared.receipts) {
      from_send.push_back(Ms(t - sent));
      from_commit.push_back(std::max(0.0, Ms(t - committed)));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  Row("one event to " + std::to_string(args.sockets) + " sockets: request to receipt (ms)",
      std::to_string(complete_rounds) + " rounds", Percentile(from_send, 0.5),
      Percentile(from_send, 0.99));
  Row("one event to " + std::to_string(args.sockets) + " sockets: commit answer to receipt (ms)",
      std::to_string(complete_rounds) + " rounds", Percentile(from_commit, 0.5),
      Percentile(from_commit, 0.99));
  Note("fan-out: " + std::to_string(complete_rounds) + "/" + std::to_string(args.rounds) +
       " rounds delivered to every socket; " + std::to_string(from_send.size()) + " receipts");
  if (complete_rounds != args.rounds) ok = false;

  // 2. Sustained rate.
  const int64_t events_before = shared.events.load();
  const int total = args.rate * args.seconds;
  const auto started = Clock::now();
  // Open loop: event i is due at started + i/rate whatever the earlier ones
  // took. Each writer waits for its commit, so there are enough of them for
  // a commit latency of up to 250 ms at the rate (8 writers capped 100/s at
  // 80 ms per commit, and a busy 2-core machine commits slower than that);
  // group commit batches the concurrent ones.
  std::vector<double> commit_ms;
  std::mutex commit_mutex;
  std::atomic<int> next{0};
  std::vector<std::thread> writers;
  const int writer_count = std::max(8, args.rate / 4);
  for (int w = 0; w < writer_count; ++w) {
    writers.emplace_back([&] {
      Http client(args.port);
      for (int i = next++; i < total; i = next++) {
        std::this_thread::sleep_until(started +
                                      std::chrono::microseconds(int64_t{1000000} * i / args.rate));
        const auto t0 = Clock::now();
        client.Call(http::verb::patch, ws_path,
                    "{\"name\":\"Sustained " + std::to_string(i) + "\"}", shared.token);
        std::lock_guard lock(commit_mutex);
        commit_ms.push_back(Ms(Clock::now() - t0));
      }
    });
  }
  for (auto& t : writers) t.join();
  const double elapsed = Ms(Clock::now() - started) / 1000;
  // The last event is due at (total - 1) / rate; a second more means the
  // writers fell behind the rate (the target was not offered).
  const bool paced = elapsed <= double(total - 1) / args.rate + 1.0;
  const int64_t expected = int64_t{total} * args.sockets;
  const auto drain = Clock::now() + std::chrono::seconds(30);
  while (shared.events.load() - events_before < expected && Clock::now() < drain) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const int64_t delivered = shared.events.load() - events_before;
  Row(std::to_string(args.rate) + " events/s x " + std::to_string(args.sockets) + " sockets for " +
          std::to_string(args.seconds) + " s: commit (ms)",
      std::to_string(static_cast<int>(double(total) / elapsed)) + " events/s",
      Percentile(commit_ms, 0.5), Percentile(commit_ms, 0.99));
  char paced_text[160];
  std::snprintf(paced_text, sizeof paced_text, "%d events committed in %.2f s (%d writers)%s",
                total, elapsed, writer_count, paced ? "" : ": the writers did not keep the rate");
  Note("sustained: " + std::to_string(delivered) + "/" + std::to_string(expected) +
       " deliveries, " + std::to_string(shared.order_errors.load()) + " out of order, " +
       std::to_string(fanout_counters.failed.load()) + " sockets failed; " + paced_text);
  if (delivered != expected || shared.order_errors.load() != 0 ||
      fanout_counters.failed.load() != 0 || !paced) {
    ok = false;
  }
  for (auto& s : fanout) s->Close();
  fanout.clear();

  // 3. Idle sockets: memory and HTTP latency meanwhile.
  std::this_thread::sleep_for(std::chrono::seconds(2));
  const long before = RssKib(args.pid);
  Counters idle_counters;
  auto idle = Open(iocs, shared, idle_counters, args.port, args.idle);
  const int opened = idle_counters.subscribed.load();
  if (opened != args.idle) {
    Note("idle: " + std::to_string(opened) + " of " + std::to_string(args.idle) + " subscribed, " +
         std::to_string(idle_counters.failed.load()) + " failed");
  }
  std::this_thread::sleep_for(std::chrono::seconds(3));
  const long held = RssKib(args.pid);
  std::vector<double> http_ms;
  Http probe(args.port);  // the first connection may have idled out
  for (int i = 0; i < 2000; ++i) {
    const auto t0 = Clock::now();
    probe.Call(http::verb::get, ws_path, "", shared.token);
    http_ms.push_back(Ms(Clock::now() - t0));
  }
  Row("GET /workspaces/{id} with " + std::to_string(opened) + " idle sockets open",
      std::to_string(http_ms.size()) + " requests", Percentile(http_ms, 0.5),
      Percentile(http_ms, 0.99));
  char text[256];
  std::snprintf(text, sizeof text,
                "%d idle authenticated+subscribed sockets: RSS %.1f MiB -> %.1f MiB, %.2f KiB per "
                "socket",
                opened, before / 1024.0, held / 1024.0,
                opened > 0 ? double(held - before) / opened : 0.0);
  Note(text);
  if (opened != args.idle) ok = false;
  for (auto& s : idle) s->Close();
  guards.clear();
  for (auto& ioc : iocs) ioc->stop();
  for (auto& t : io) t.join();
  return ok ? 0 : 1;
}
