// The HTTP foundation against a real in-process server: envelope, limits,
// request smuggling, timeouts, shutdown, static files, metrics, OpenAPI.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "core/json_input.hpp"
#include "support/test_server.hpp"

namespace ws::test {
namespace {

using namespace std::chrono_literals;

/// A test-only echo route for body handling (added before Start).
void AddEchoRoute(TestServer& server) {
  server.app().router().Add(
      http::Method::kPost, "/api/v1/test/echo",
      [](http::Request& request) -> Result<http::Response> {
        WS_ASSIGN(JsonInput input, JsonInput::Parse(request.body));
        auto name = input.Text("name", {.required = true, .min = 1, .max = 20});
        WS_TRY(input.Finish());
        return http::Response::Json({{"name", *name}}, 201);
      },
      {.exec = http::Exec::kWorker, .access = http::Access::kPublic, .max_body = 4096});
}

void ExpectEnvelope(const HttpResponse& r, int status, const std::string& code) {
  SCOPED_TRACE(r.body);
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.ErrorCode(), code) << r.body;
  auto json = r.Json();
  ASSERT_TRUE(json.is_object()) << r.body;
  EXPECT_EQ(json.at("request_id").as_string(), r.Header("x-request-id"));
  EXPECT_FALSE(json.at("error").at("message").as_string().empty());
}

TEST(Foundation, HealthAndReadiness) {
  TestServer server;
  server.Boot();
  auto health = server.Get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.Json().at("status").as_string(), "ok");
  auto ready = server.Get("/readyz");
  EXPECT_EQ(ready.status, 200) << ready.body;
  EXPECT_EQ(ready.Json().at("status").as_string(), "ready");
}

TEST(Foundation, SecurityHeadersAndRequestId) {
  TestServer server;
  server.Boot();
  auto r = server.Get("/api/v1/meta", {{"X-Request-Id", "abc-123.trace_1"}});
  EXPECT_EQ(r.Header("x-request-id"), "abc-123.trace_1");
  EXPECT_EQ(r.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(r.Header("x-frame-options"), "DENY");
  EXPECT_NE(r.Header("content-security-policy").find("script-src 'self'"), std::string::npos);
  EXPECT_NE(r.Header("referrer-policy"), "");
  EXPECT_EQ(r.Header("strict-transport-security"), "");  // plain HTTP: no HSTS
  auto bad = server.Get("/healthz", {{"X-Request-Id", "has spaces and <script>"}});
  EXPECT_NE(bad.Header("x-request-id"), "has spaces and <script>");
  EXPECT_FALSE(bad.Header("x-request-id").empty());
}

TEST(Foundation, HstsWhenPublicUrlIsHttps) {
  TestServer server([](Config& c) { c.public_url = "https://work.example"; });
  server.Boot();
  EXPECT_NE(server.Get("/healthz").Header("strict-transport-security"), "");
}

TEST(Foundation, MetaDescribesTheInstance) {
  TestServer server;
  server.Boot();
  auto r = server.Get("/api/v1/meta");
  ASSERT_EQ(r.status, 200);
  auto meta = r.Json().as_object();
  EXPECT_FALSE(meta.at("version").as_string().empty());
  const std::string registration(meta.at("registration").as_string());
  EXPECT_TRUE(registration == "open" || registration == "invite_only" || registration == "closed");
  EXPECT_TRUE(meta.at("oidc_providers").is_array());
  EXPECT_TRUE(meta.at("setup_required").is_bool());
}

TEST(Foundation, UnknownRouteAndWrongMethodUseTheEnvelope) {
  TestServer server;
  server.Boot();
  ExpectEnvelope(server.Get("/api/v1/no/such/thing"), 404, "not_found");
  auto r = server.Send("DELETE", "/healthz");
  ExpectEnvelope(r, 405, "method_not_allowed");
  EXPECT_EQ(r.Header("allow"), "GET, HEAD");
  ExpectEnvelope(server.Send("POST", "/api/v1/nothing", "{}"), 404, "not_found");
}

TEST(Foundation, HeadAnswersHeadersOnly) {
  TestServer server;
  server.Boot();
  HttpConnection c(server.port());
  auto r = c.Request("HEAD", "/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-length"), "15");
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(c.Request("GET", "/healthz").status, 200);  // connection still in sync
}

TEST(Foundation, JsonBodiesAreValidated) {
  TestServer server;
  server.Init();
  AddEchoRoute(server);
  server.Start();
  auto ok = server.Send("POST", "/api/v1/test/echo", R"({"name":"  Ada  "})");
  EXPECT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ok.Json().at("name").as_string(), "Ada");
  ExpectEnvelope(server.Send("POST", "/api/v1/test/echo", R"({"name":)"), 400, "bad_request");
  ExpectEnvelope(server.Send("POST", "/api/v1/test/echo", "[1,2]"), 400, "bad_request");
  ExpectEnvelope(server.Send("POST", "/api/v1/test/echo", ""), 400, "bad_request");
  ExpectEnvelope(
      server.Send("POST", "/api/v1/test/echo", std::string(40, '[') + std::string(40, ']')), 400,
      "bad_request");
  auto wrong_type = server.Send("POST", "/api/v1/test/echo", R"({"name":5,"extra":true})");
  ExpectEnvelope(wrong_type, 422, "validation_failed");
  auto fields = wrong_type.Json().at("error").at("fields").as_object();
  EXPECT_EQ(fields.at("name").as_string(), "must be a string");
  EXPECT_EQ(fields.at("extra").as_string(), "is not a known field");
  ExpectEnvelope(server.Send("POST", "/api/v1/test/echo", R"({"name":""})"), 422,
                 "validation_failed");
  ExpectEnvelope(
      server.Send("POST", "/api/v1/test/echo", R"({"name":"x"})", {{"Content-Type", "text/plain"}}),
      400, "bad_request");
}

TEST(Foundation, OversizedHeadersAre431AndClose) {
  TestServer server;
  server.Boot();
  HttpConnection c(server.port());
  c.SendRaw("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(17 * 1024, 'a') +
            "\r\n\r\n");
  auto r = c.Read();
  ExpectEnvelope(r, 431, "headers_too_large");
  EXPECT_TRUE(c.ClosedByPeer());
  EXPECT_EQ(server.Get("/healthz").status, 200);  // the server is fine
}

TEST(Foundation, OversizedBodiesAre413) {
  TestServer server;
  server.Init();
  AddEchoRoute(server);
  server.Start();
  // Declared too large: refused before reading.
  HttpConnection c(server.port());
  auto r = c.Request("POST", "/api/v1/test/echo", std::string(5000, ' '));
  ExpectEnvelope(r, 413, "payload_too_large");
  EXPECT_TRUE(c.ClosedByPeer());
  // Chunked, growing past the limit while read.
  HttpConnection chunked(server.port());
  std::string raw =
      "POST /api/v1/test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 5; ++i) raw += "400\r\n" + std::string(1024, ' ') + "\r\n";
  raw += "0\r\n\r\n";
  chunked.SendRaw(raw);
  auto chunked_reply = chunked.Read();
  ExpectEnvelope(chunked_reply, 413, "payload_too_large");
  // The default limit (1 MiB) applies to routes without their own.
  ExpectEnvelope(server.Send("POST", "/api/v1/nothing", std::string((1 << 20) + 10, ' ')), 413,
                 "payload_too_large");
}

TEST(Foundation, RequestSmugglingIsRefused) {
  TestServer server;
  server.Init();
  AddEchoRoute(server);
  server.Start();
  const std::string body = R"({"name":"a"})";
  const std::string chunk = "c\r\n" + body + "\r\n0\r\n\r\n";
  struct Case {
    const char* what;
    std::string raw;
  } cases[] = {
      {"both Content-Length and Transfer-Encoding",
       "POST /api/v1/test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
       "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n" +
           chunk},
      {"final coding not chunked",
       "POST /api/v1/test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
       "Transfer-Encoding: chunked, gzip\r\n\r\n" +
           chunk},
      {"unknown coding",
       "POST /api/v1/test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
       "Transfer-Encoding: gzip\r\n\r\n" +
           chunk},
      {"chunked on HTTP/1.0",
       "POST /api/v1/test/echo HTTP/1.0\r\nHost: x\r\nContent-Type: application/json\r\n"
       "Transfer-Encoding: chunked\r\n\r\n" +
           chunk},
  };
  for (const auto& c : cases) {
    HttpConnection conn(server.port());
    conn.SendRaw(c.raw);
    auto r = conn.Read();
    EXPECT_EQ(r.status, 400) << c.what;
    EXPECT_EQ(r.ErrorCode(), "bad_request") << c.what;
    EXPECT_TRUE(conn.ClosedByPeer()) << c.what;
  }
  // A well-formed chunked request on HTTP/1.1 is fine.
  HttpConnection ok(server.port());
  ok.SendRaw(
      "POST /api/v1/test/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n" +
      chunk);
  EXPECT_EQ(ok.Read().status, 201);
}

TEST(Foundation, MalformedRequestsAre400) {
  TestServer server;
  server.Boot();
  for (std::string raw : {std::string("GARBAGE\r\n\r\n"), std::string("GET / HTTP/9.9\r\n\r\n"),
                          std::string("GET /a%zz HTTP/1.1\r\nHost: x\r\n\r\n"),
                          std::string("GET /a%00b HTTP/1.1\r\nHost: x\r\n\r\n")}) {
    HttpConnection c(server.port());
    c.SendRaw(raw);
    auto r = c.Read();
    EXPECT_EQ(r.status, 400) << raw;
    EXPECT_EQ(r.ErrorCode(), "bad_request") << raw;
  }
  EXPECT_EQ(server.Get("/healthz").status, 200);
}

TEST(Foundation, KeepAliveServesManyRequestsOnOneConnection) {
  TestServer server;
  server.Boot();
  HttpConnection c(server.port());
  for (int i = 0; i < 50; ++i) ASSERT_EQ(c.Request("GET", "/healthz").status, 200);
}

TEST(Foundation, IdleConnectionsAreClosedByTheTimeout) {
  TestServer server([](Config& c) { c.idle_timeout_seconds = 1; });
  server.Boot();
  HttpConnection c(server.port());
  EXPECT_EQ(c.Request("GET", "/healthz").status, 200);
  const auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(c.ClosedByPeer(5000));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
  // A connection that never sends anything is closed too.
  HttpConnection silent(server.port());
  EXPECT_TRUE(silent.ClosedByPeer(5000));
}

TEST(Foundation, GracefulShutdownFinishesInFlightRequests) {
  TestServer server;
  server.Init();
  server.app().router().Add(
      http::Method::kGet, "/api/v1/test/slow",
      [](http::Request&) -> Result<http::Response> {
        std::this_thread::sleep_for(600ms);
        return http::Response::Json({{"done", true}});
      },
      {.exec = http::Exec::kWorker, .access = http::Access::kPublic, .max_body = 0});
  server.Start();
  HttpConnection idle(server.port());
  ASSERT_EQ(idle.Request("GET", "/healthz").status, 200);
  auto slow = std::async(std::launch::async, [&] { return server.Get("/api/v1/test/slow"); });
  std::this_thread::sleep_for(150ms);
  const auto started = std::chrono::steady_clock::now();
  server.Stop();
  const auto response = slow.get();
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.Header("connection"), "close");
  EXPECT_TRUE(idle.ClosedByPeer());
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  HttpConnection after(server.port());
  EXPECT_FALSE(after.connected());
}

TEST(Foundation, StaticFilesServeTheSinglePageApp) {
  TestServer server;
  const std::string web = server.data_dir() + "/web";
  std::filesystem::create_directories(web + "/assets");
  std::ofstream(web + "/index.html") << "<!doctype html><title>app</title>";
  std::ofstream(web + "/assets/app-1a2b.js") << "console.log('plain')";
  std::ofstream(web + "/assets/app-1a2b.js.gz") << "GZIPPED";
  std::ofstream(web + "/assets/app-1a2b.js.br") << "BROTLI";
  server.Boot();

  auto index = server.Get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.body, "<!doctype html><title>app</title>");
  EXPECT_EQ(index.Header("cache-control"), "no-cache");
  EXPECT_EQ(index.Header("content-type"), "text/html; charset=utf-8");

  auto deep = server.Get("/projects/123/board");  // client-side route
  EXPECT_EQ(deep.status, 200);
  EXPECT_EQ(deep.body, index.body);

  auto plain = server.Get("/assets/app-1a2b.js");
  EXPECT_EQ(plain.body, "console.log('plain')");
  EXPECT_EQ(plain.Header("cache-control"), "public, max-age=31536000, immutable");
  auto gz = server.Get("/assets/app-1a2b.js", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(gz.body, "GZIPPED");
  EXPECT_EQ(gz.Header("content-encoding"), "gzip");
  auto br = server.Get("/assets/app-1a2b.js", {{"Accept-Encoding", "gzip, deflate, br"}});
  EXPECT_EQ(br.body, "BROTLI");
  EXPECT_EQ(br.Header("content-encoding"), "br");
  auto refused = server.Get("/assets/app-1a2b.js", {{"Accept-Encoding", "br;q=0, gzip;q=0"}});
  EXPECT_EQ(refused.body, "console.log('plain')");

  auto cached = server.Get("/assets/app-1a2b.js", {{"If-None-Match", plain.Header("etag")}});
  EXPECT_EQ(cached.status, 304);
  EXPECT_TRUE(cached.body.empty());

  ExpectEnvelope(server.Get("/assets/missing.js"), 404, "not_found");
  ExpectEnvelope(server.Get("/api/v1/unknown"), 404, "not_found");  // never the SPA
}

TEST(Foundation, MetricsCountRequestsByRouteAndStatus) {
  TestServer server;
  server.Boot();
  for (int i = 0; i < 3; ++i) server.Get("/healthz");
  server.Get("/api/v1/nope");
  auto r = server.Get("/metrics");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.Header("content-type").find("text/plain"), std::string::npos);
  EXPECT_NE(
      r.body.find(
          "workstead_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 3"),
      std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("route=\"-\",status=\"404\""), std::string::npos);
  EXPECT_NE(r.body.find("workstead_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(r.body.find("workstead_http_open_connections"), std::string::npos);
}

TEST(Foundation, EveryRegisteredRouteIsDocumentedInOpenApi) {
  TestServer server;
  server.Boot();
  auto r = server.Get("/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  auto doc = r.Json();
  ASSERT_TRUE(doc.is_object()) << "openapi.json is not JSON";
  EXPECT_EQ(std::string(doc.at("openapi").as_string()).substr(0, 2), "3.");
  const auto& paths = doc.at("paths").as_object();
  int checked = 0;
  for (const http::Route* route : server.app().router().routes()) {
    std::string method(http::MethodName(route->method));
    for (char& ch : method) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const auto* item = paths.if_contains(route->pattern);
    ASSERT_NE(item, nullptr) << route->pattern << " is not in docs/openapi.yaml";
    EXPECT_NE(item->as_object().if_contains(method), nullptr)
        << method << " " << route->pattern << " is not in docs/openapi.yaml";
    ++checked;
  }
  EXPECT_GE(checked, 5);
}

}  // namespace
}  // namespace ws::test

namespace ws::test {
namespace {

TEST(Foundation, ConnectionsBeyondTheLimitAreClosed) {
  TestServer server([](Config& c) { c.max_connections = 3; });
  server.Boot();
  std::vector<std::unique_ptr<HttpConnection>> held;
  for (int i = 0; i < 3; ++i) {
    held.push_back(std::make_unique<HttpConnection>(server.port()));
    ASSERT_EQ(held.back()->Request("GET", "/healthz").status, 200);
  }
  HttpConnection extra(server.port());
  EXPECT_TRUE(extra.ClosedByPeer());
  held.pop_back();  // one closes: room for a new one
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  HttpConnection again(server.port());
  EXPECT_EQ(again.Request("GET", "/healthz").status, 200);
}

}  // namespace
}  // namespace ws::test

namespace ws::test {
namespace {

TEST(Foundation, ShutdownWithAHeldAsyncRequestEndsCleanly) {
  // A long-poll style handler whose answer would come from a timer long
  // after the grace period: shutdown must end on time, and destroying the
  // pending timer (and the responder it holds) must be safe.
  TestServer server([](Config& c) { c.shutdown_grace_seconds = 1; });
  server.Init();
  Executor& executor = server.app().server().executor();
  server.app().router().AddAsync(
      http::Method::kGet, "/api/v1/test/hold",
      [&executor](http::Request&, http::Responder respond) {
        executor.After(std::chrono::seconds(30), [respond] {
          respond(http::Response::Json({{"late", true}}));
        });
      },
      {.exec = http::Exec::kAsync, .access = http::Access::kPublic, .max_body = 0});
  server.Start();
  HttpConnection held(server.port());
  held.SendRaw("GET /api/v1/test/hold HTTP/1.1\r\nHost: x\r\n\r\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto started = std::chrono::steady_clock::now();
  server.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

}  // namespace
}  // namespace ws::test
