#include <gtest/gtest.h>

#include <set>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "core/json_input.hpp"

namespace ws {
namespace {

TEST(Clock, FormatsAndParsesRfc3339WithMilliseconds) {
  EXPECT_EQ(FormatTimestamp(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatTimestamp(1795377393689), "2026-11-22T19:56:33.689Z");
  EXPECT_EQ(FormatTimestamp(951868799999), "2000-02-29T23:59:59.999Z");
  EXPECT_EQ(FormatTimestamp(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(FormatTimestamp(253402300800000), "10000-01-01T00:00:00.000Z");
  const int64_t t = 1795377393689;  // 2026-11-22T19:56:33.689Z
  EXPECT_EQ(ParseTimestamp(FormatTimestamp(t)), t);
  EXPECT_EQ(ParseTimestamp("2026-11-21T19:56:33.689Z"),
            ParseTimestamp("2026-11-21T20:56:33.689+01:00"));
  EXPECT_EQ(ParseTimestamp("2026-11-21T19:56:33Z").value() % 1000, 0);
  EXPECT_EQ(ParseTimestamp("2026-11-21T19:56:33.5Z").value() % 1000, 500);
  for (const char* bad : {"", "2026-11-21", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z",
                          "2026-11-21T24:00:00Z", "2026-11-21T10:00:00", "2026-11-21T10:00:00Zjunk",
                          "2026-11-21T10:00:00.Z", "2026-11-21T10:00:00+1:00"}) {
    EXPECT_FALSE(ParseTimestamp(bad).has_value()) << bad;
  }
}

TEST(Clock, DatesRoundTripAndRejectImpossibleDays) {
  auto d = ParseDate("2024-02-29");
  ASSERT_TRUE(d);
  EXPECT_EQ(FormatDate(*d), "2024-02-29");
  EXPECT_FALSE(ParseDate("2023-02-29"));
  EXPECT_FALSE(ParseDate("2023-2-9"));
  EXPECT_FALSE(ParseDate("abcd-ef-gh"));
}

TEST(Ids, AreCanonicalVersion7AndIncreasing) {
  std::string previous;
  std::set<std::string> seen;
  for (int i = 0; i < 5000; ++i) {
    const std::string id = NewId();
    ASSERT_TRUE(IsUuid(id)) << id;
    ASSERT_EQ(id[14], '7') << id;
    ASSERT_TRUE(id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b') << id;
    ASSERT_GT(id, previous);
    previous = id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 5000u);
  EXPECT_FALSE(IsUuid("not-a-uuid"));
  EXPECT_FALSE(IsUuid("0190b8d2-7c1e-7abc-8def-0123456789ag"));
}

TEST(Crypto, HashesTokensAndCompares) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const std::string a = RandomToken(), b = RandomToken();
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(a, b);
  std::string decoded;
  ASSERT_TRUE(Base64UrlDecode(a, decoded));
  EXPECT_EQ(decoded.size(), 32u);
  EXPECT_FALSE(Base64UrlDecode("***", decoded));
  EXPECT_TRUE(ConstantTimeEquals("same", "same"));
  EXPECT_FALSE(ConstantTimeEquals("same", "sama"));
  EXPECT_FALSE(ConstantTimeEquals("same", "same!"));
}

TEST(JsonInput, CollectsEveryFieldError) {
  auto input =
      JsonInput::Parse(R"({"email":"NOT AN EMAIL","name":"  ","age":"x","role":"king","z":1})");
  ASSERT_TRUE(input.ok());
  EXPECT_FALSE(input->Email("email"));
  EXPECT_FALSE(input->Text("name", {.required = true}));
  EXPECT_FALSE(input->Int("age", 0, 150));
  EXPECT_FALSE(input->OneOf("role", {"owner", "member"}));
  Status s = input->Finish();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kValidationFailed);
  EXPECT_EQ(s.error().fields.size(), 5u);
  EXPECT_EQ(s.error().fields.at("z"), "is not a known field");
}

TEST(JsonInput, ReadsValidValues) {
  auto input =
      JsonInput::Parse(R"({"email":" Ada@Example.COM ","name":"Ada","n":7,"b":false,"x":null})");
  ASSERT_TRUE(input.ok());
  EXPECT_EQ(input->Email("email"), "ada@example.com");
  EXPECT_EQ(input->Text("name", {.required = true, .min = 1, .max = 3}), "Ada");
  EXPECT_EQ(input->Int("n", 0, 10), 7);
  EXPECT_EQ(input->Bool("b"), false);
  EXPECT_TRUE(input->IsNull("x"));
  EXPECT_FALSE(input->Text("x"));
  EXPECT_TRUE(input->Finish().ok());
}

TEST(JsonInput, CountsCodePointsAndRejectsBadUtf8) {
  auto input = JsonInput::Parse("{\"a\":\"\xc3\xa9\xc3\xa9\xc3\xa9\",\"b\":\"abcd\"}");
  ASSERT_TRUE(input.ok());
  EXPECT_EQ(input->Text("a", {.max = 3}), "\xc3\xa9\xc3\xa9\xc3\xa9");
  EXPECT_FALSE(input->Text("b", {.max = 3}));
  size_t n = 0;
  EXPECT_FALSE(Utf8Length("\xff", n));
  EXPECT_FALSE(Utf8Length("\xc3", n));
}

TEST(JsonInput, RejectsMalformedAndDeepDocuments) {
  EXPECT_FALSE(JsonInput::Parse("{").ok());
  EXPECT_FALSE(JsonInput::Parse("3").ok());
  EXPECT_FALSE(JsonInput::Parse("   ").ok());
  EXPECT_FALSE(JsonInput::Parse(std::string(100, '[') + std::string(100, ']')).ok());
}

TEST(Email, Validation) {
  EXPECT_TRUE(IsValidEmail("a@b.co"));
  EXPECT_TRUE(IsValidEmail("first.last+tag@sub.example.org"));
  for (const char* bad :
       {"", "a", "@b.c", "a@", "a@b@c", "a b@c.d", "a@.b", "a@b.", "a@b..c", "<a>@b.c"}) {
    EXPECT_FALSE(IsValidEmail(bad)) << bad;
  }
}

}  // namespace
}  // namespace ws
