#include "modules/idempotency/idempotency.hpp"

#include <gtest/gtest.h>

#include "core/crypto.hpp"

namespace ws::idempotency {
namespace {

TEST(IdempotencyKey, Validity) {
  EXPECT_TRUE(ValidKey("a"));
  EXPECT_TRUE(ValidKey("8c2f6a1e-3b9d-4f7a-9c21-5e0d4b7a1f33"));
  EXPECT_TRUE(ValidKey(std::string(255, '~')));
  EXPECT_TRUE(ValidKey("with space"));
  EXPECT_FALSE(ValidKey(""));
  EXPECT_FALSE(ValidKey(std::string(256, 'a')));
  EXPECT_FALSE(ValidKey("tab\there"));
  EXPECT_FALSE(ValidKey("caf\xc3\xa9"));
  EXPECT_FALSE(ValidKey(std::string("nul\0", 4)));
  EXPECT_FALSE(ValidKey("del\x7f"));
}

TEST(IdempotencyKey, HeaderLookupIsCaseInsensitiveAndSeesEmptyValues) {
  http::Request request;
  EXPECT_FALSE(KeyOf(request).has_value());
  request.headers.push_back({"idempotency-KEY", ""});
  ASSERT_TRUE(KeyOf(request).has_value());
  EXPECT_EQ(*KeyOf(request), "");
  request.headers.front().value = "k1";
  EXPECT_EQ(*KeyOf(request), "k1");
}

TEST(IdempotencyKey, FingerprintCoversMethodTargetAndBody) {
  http::Request a;
  a.method = http::Method::kPost;
  a.target = "/api/v1/workspaces?x=1";
  a.body = R"({"name":"Acme"})";
  EXPECT_EQ(Fingerprint(a), "POST /api/v1/workspaces?x=1 " + Sha256Hex(a.body));
  http::Request b = a;
  b.body = R"({"name":"Globex"})";
  EXPECT_NE(Fingerprint(a), Fingerprint(b));
  b = a;
  b.target = "/api/v1/workspaces";
  EXPECT_NE(Fingerprint(a), Fingerprint(b));
}

TEST(RouterWrap, WrapsExistingAndLaterRoutesOnce) {
  http::Router router;
  auto answer = [](int status) {
    return [status](http::Request&) -> Result<http::Response> {
      return http::Response::Text("", "text/plain", status);
    };
  };
  router.Add(http::Method::kPost, "/before", answer(201));
  router.Add(http::Method::kGet, "/get", answer(200));
  int seen = 0;
  http::HandlerWrapper wrapper;
  wrapper.handler = [&seen](const http::Route& route, http::Handler next) -> http::Handler {
    if (route.method != http::Method::kPost) return next;
    return [&seen, next](http::Request& request) {
      ++seen;
      return next(request);
    };
  };
  router.Wrap(wrapper);
  router.Add(http::Method::kPost, "/after", answer(202));
  for (const char* path : {"/before", "/after", "/get"}) {
    http::Request request;
    request.method = std::string_view(path) == "/get" ? http::Method::kGet : http::Method::kPost;
    request.path = path;
    auto match = router.Find(request);
    ASSERT_NE(match.route, nullptr) << path;
    ASSERT_TRUE(match.route->handler(request).ok());
  }
  EXPECT_EQ(seen, 2);
}

}  // namespace
}  // namespace ws::idempotency
