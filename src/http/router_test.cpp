#include "http/router.hpp"

#include <gtest/gtest.h>

#include "http/message.hpp"

namespace ws::http {
namespace {

Result<Response> Ok(Request&) { return Response::NoContent(); }

TEST(Router, MatchesLiteralsBeforeParametersAndFillsParams) {
  Router router;
  router.Add(Method::kGet, "/api/v1/tasks/{id}", Ok);
  router.Add(Method::kGet, "/api/v1/tasks/mine", Ok);
  router.Add(Method::kPost, "/api/v1/projects/{id}/tasks", Ok);
  router.Add(Method::kGet, "/api/v1/projects/{pid}/tasks/{tid}", Ok);

  Request r;
  r.method = Method::kGet;
  r.path = "/api/v1/tasks/mine";
  EXPECT_EQ(router.Find(r).route->pattern, "/api/v1/tasks/mine");
  r.path = "/api/v1/tasks/42";
  auto m = router.Find(r);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(r.Param("id"), "42");
  EXPECT_EQ(r.route, "/api/v1/tasks/{id}");
  r.path = "/api/v1/projects/7/tasks/9";
  ASSERT_NE(router.Find(r).route, nullptr);
  EXPECT_EQ(r.Param("pid"), "7");
  EXPECT_EQ(r.Param("tid"), "9");
}

TEST(Router, WrongMethodListsAllowedOnes) {
  Router router;
  router.Add(Method::kGet, "/x/{id}", Ok);
  router.Add(Method::kPatch, "/x/{id}", Ok);
  Request r;
  r.method = Method::kDelete;
  r.path = "/x/1";
  auto m = router.Find(r);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allow, "GET, HEAD, PATCH");
  r.method = Method::kHead;
  EXPECT_NE(router.Find(r).route, nullptr);  // HEAD is served by GET
}

TEST(Router, EmptySegmentsAndUnknownPathsDoNotMatch) {
  Router router;
  router.Add(Method::kGet, "/a/{id}", Ok);
  Request r;
  r.method = Method::kGet;
  for (const char* path : {"/a/", "/a", "/a/1/", "/b/1", "", "a/1"}) {
    r.path = path;
    EXPECT_EQ(router.Find(r).route, nullptr) << path;
  }
}

TEST(Router, FallbackOnlyForGetOutsideTheApi) {
  Router router;
  router.SetFallback(Ok);
  Request r;
  r.method = Method::kGet;
  r.path = "/projects/1";
  EXPECT_NE(router.Find(r).route, nullptr);
  r.path = "/api/v1/nothing";
  EXPECT_EQ(router.Find(r).route, nullptr);
  r.path = "/projects/1";
  r.method = Method::kPost;
  EXPECT_EQ(router.Find(r).route, nullptr);
}

TEST(Message, QueryCookiesAndDecoding) {
  Request r;
  r.query = "q=hello+world&x=%2Fa%20b&empty=&flag";
  r.headers.push_back({"Cookie", "a=1; ws_csrf=tok; b=2"});
  EXPECT_EQ(r.Query("q"), "hello world");
  EXPECT_EQ(r.Query("x"), "/a b");
  EXPECT_EQ(r.Query("empty"), "");
  EXPECT_EQ(r.Query("flag"), "");
  EXPECT_FALSE(r.Query("missing"));
  EXPECT_EQ(r.Cookie("ws_csrf"), "tok");
  EXPECT_EQ(r.Cookie("c"), "");
  EXPECT_EQ(r.Header("COOKIE"), "a=1; ws_csrf=tok; b=2");
  std::string out;
  EXPECT_FALSE(PercentDecode("%4", out, false));
  EXPECT_FALSE(PercentDecode("%g0", out, false));
  EXPECT_TRUE(PercentDecode("a+b", out, false));
  EXPECT_EQ(out, "a+b");
}

TEST(Message, BearerCredentialTakesOnlyTheBearerScheme) {
  EXPECT_EQ(BearerCredential("Bearer abc"), "abc");
  EXPECT_EQ(BearerCredential("bEaReR   abc  "), "abc");
  EXPECT_EQ(BearerCredential("Basic abc"), "");
  EXPECT_EQ(BearerCredential("Bearer "), "");
  EXPECT_EQ(BearerCredential("Bearerabc"), "");
  EXPECT_EQ(BearerCredential(""), "");
}

}  // namespace
}  // namespace ws::http
