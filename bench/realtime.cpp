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
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>
#include <charconv>
#include <chrono>
#include <cstdio>
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
namespace websocket = beast::websocket;
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

/// Shared state of every bench socket.
struct Shared {
  std::string token;
  std::string topic;
  std::mutex mutex;
  std::vector<Clock::time_point> receipts;  // GUARDED_BY(mutex): fan-out round receipts
  std::atomic<int> subscribed{0};
  std::atomic<int> failed{0};
  std::atomic<int64_t> events{0};
  std::atomic<int64_t> order_errors{0};
  std::atomic<bool> record{false};  // receipts are recorded during a fan-out round
};

/// One client socket: auth, subscribe, then count events and check seqs.
class Socket : public std::enable_shared_from_this<Socket> {
 public:
  Socket(asio::io_context& ioc, Shared& shared) : ws_(ioc), shared_(shared) {}

  void Start(uint16_t port) {
    ws_.next_layer().async_connect(
        tcp::endpoint(asio::ip::make_address("127.0.0.1"), port),
        [self = shared_from_this()](beast::error_code ec) {
          if (ec) return self->Fail(ec);
          self->ws_.async_handshake("127.0.0.1", "/api/v1/ws", [self](beast::error_code ec2) {
            if (ec2) return self->Fail(ec2);
            self->Write("{\"type\":\"auth\",\"token\":\"" + self->shared_.token + "\"}");
            self->Read();
          });
        });
  }

  int64_t last_seq() const { return last_seq_; }
  void Close() {
    beast::error_code ec;
    ws_.next_layer().close(ec);
  }

 private:
  void Fail(const beast::error_code& ec = {}) {
    if (!failed_ && ++shared_.failed <= 3 && ec)
      std::cerr << "bench socket: " << ec.message() << "\n";
    failed_ = true;
  }

  /// One write at a time (Beast's rule); the rest wait in order.
  void Write(std::string text) {
    outbox_.push_back(std::move(text));
    if (outbox_.size() == 1) WriteFront();
  }
  void WriteFront() {
    ws_.async_write(asio::buffer(outbox_.front()),
                    [self = shared_from_this()](beast::error_code ec, size_t) {
                      self->outbox_.erase(self->outbox_.begin());
                      if (!ec && !self->outbox_.empty()) self->WriteFront();
                    });
  }

  void Read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return self->Fail(ec);
      self->OnMessage(std::string_view(static_cast<const char*>(self->buffer_.cdata().data()),
                                       self->buffer_.size()));
      self->buffer_.consume(self->buffer_.size());
      self->Read();
    });
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
      ++shared_.subscribed;
    } else if (m.starts_with("{\"type\":\"error\"") || m.starts_with("{\"type\":\"reset\"")) {
      std::cerr << "bench socket: " << m << "\n";
      Fail();
    }
  }

  websocket::stream<tcp::socket> ws_;
  beast::flat_buffer buffer_;
  Shared& shared_;
  std::vector<std::string> outbox_;
  int64_t last_seq_ = 0;
  bool failed_ = false;
};

/// Opens `n` sockets in batches; answers them once all are subscribed.
std::vector<std::shared_ptr<Socket>> Open(std::vector<std::unique_ptr<asio::io_context>>& iocs,
                                          Shared& shared, uint16_t port, int n) {
  std::vector<std::shared_ptr<Socket>> out;
  const int before = shared.subscribed.load();
  for (int i = 0; i < n; ++i) {
    out.push_back(std::make_shared<Socket>(*iocs[size_t(i) % iocs.size()], shared));
    out.back()->Start(port);
    if (i % 200 == 199) {
      while (shared.subscribed.load() + shared.failed.load() < before + i - 100) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    }
  }
  const auto deadline = Clock::now() + std::chrono::seconds(120);
  while (shared.subscribed.load() + shared.failed.load() < before + n && Clock::now() < deadline) {
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
  auto fanout = Open(iocs, shared, args.port, args.sockets);
  std::cerr << "bench: " << shared.subscribed.load() << " sockets subscribed, "
            << shared.failed.load() << " failed\n";
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
  // Several writers, paced together: one durable commit takes longer than
  // 1/rate on a busy disk, and group commit batches concurrent ones.
  std::vector<double> commit_ms;
  std::mutex commit_mutex;
  std::atomic<int> next{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < 8; ++w) {
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
  Note("sustained: " + std::to_string(delivered) + "/" + std::to_string(expected) +
       " deliveries, " + std::to_string(shared.order_errors.load()) + " out of order, " +
       std::to_string(shared.failed.load()) + " sockets failed");
  if (delivered != expected || shared.order_errors.load() != 0 || shared.failed.load() != 0) {
    ok = false;
  }
  for (auto& s : fanout) s->Close();
  fanout.clear();

  // 3. Idle sockets: memory and HTTP latency meanwhile.
  std::this_thread::sleep_for(std::chrono::seconds(2));
  const long before = RssKib(args.pid);
  const int subscribed_before = shared.subscribed.load();
  auto idle = Open(iocs, shared, args.port, args.idle);
  const int opened = shared.subscribed.load() - subscribed_before;
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
