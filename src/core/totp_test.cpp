#include "core/totp.hpp"

#include <gtest/gtest.h>

#include <set>

namespace ws::totp {
namespace {

// RFC 6238 Appendix B uses the ASCII seed "12345678901234567890" for SHA1.
std::string RfcSecret() { return Base32Encode("12345678901234567890"); }

TEST(Totp, MatchesRfc6238Sha1Vectors) {
  struct Vector {
    int64_t time;
    const char* code;  // the last six of the RFC's eight digits
  };
  for (const Vector& v : {Vector{59, "287082"}, Vector{1111111109, "081804"},
                          Vector{1111111111, "050471"}, Vector{1234567890, "005924"},
                          Vector{2000000000, "279037"}, Vector{20000000000, "353130"}}) {
    EXPECT_EQ(CodeAt(RfcSecret(), StepAt(v.time)), v.code) << v.time;
    EXPECT_EQ(Verify(RfcSecret(), v.code, v.time), StepAt(v.time)) << v.time;
  }
}

TEST(Totp, StepsAreThirtySeconds) {
  EXPECT_EQ(StepAt(0), 0);
  EXPECT_EQ(StepAt(29), 0);
  EXPECT_EQ(StepAt(30), 1);
  EXPECT_EQ(StepAt(59), 1);
  EXPECT_EQ(StepAt(-1), -1);
}

TEST(Totp, VerifyAcceptsOneStepEitherSideOnly) {
  const std::string secret = NewSecret();
  const int64_t now = 1700000015;
  const int64_t step = StepAt(now);
  for (int delta : {-1, 0, 1}) {
    EXPECT_EQ(Verify(secret, CodeAt(secret, step + delta), now), step + delta) << delta;
  }
  for (int delta : {-3, -2, 2, 3}) {
    const std::string code = CodeAt(secret, step + delta);
    // A code from far away may collide with a nearby one by chance (1 in 10^6).
    bool collides = false;
    for (int near : {-1, 0, 1}) collides |= code == CodeAt(secret, step + near);
    if (!collides) {
      EXPECT_FALSE(Verify(secret, code, now)) << delta;
    }
  }
}

TEST(Totp, VerifyStripsSpacesAndRefusesMalformedCodes) {
  const std::string secret = RfcSecret();
  EXPECT_EQ(Verify(secret, "287 082", 59), StepAt(59));
  EXPECT_EQ(Verify(secret, " 287082 ", 59), StepAt(59));
  for (const char* bad : {"", "28708", "2870821", "28708a", "287082\n", "+28708", "-287082",
                          "２87082", "287\t082", "94287082"}) {
    EXPECT_FALSE(Verify(secret, bad, 59)) << bad;
  }
  EXPECT_FALSE(Verify("not base32!", "287082", 59));
  EXPECT_FALSE(Verify("", "287082", 59));
  EXPECT_EQ(CodeAt("not base32!", 1), "");
}

TEST(Totp, NewSecretsAreRandom160BitBase32) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string secret = NewSecret();
    EXPECT_EQ(secret.size(), 32u);
    std::string bytes;
    ASSERT_TRUE(Base32Decode(secret, bytes));
    EXPECT_EQ(bytes.size(), 20u);
    seen.insert(secret);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(Totp, OtpauthUriEncodesIssuerAndAccount) {
  EXPECT_EQ(OtpauthUri("Workstead", "ada@example.com", "JBSWY3DPEHPK3PXP"),
            "otpauth://totp/Workstead:ada%40example.com?secret=JBSWY3DPEHPK3PXP"
            "&issuer=Workstead&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(OtpauthUri("Acme & Co: Ops", "Zoë Lee", "ABC"),
            "otpauth://totp/Acme%20%26%20Co%3A%20Ops:Zo%C3%AB%20Lee?secret=ABC"
            "&issuer=Acme%20%26%20Co%3A%20Ops&algorithm=SHA1&digits=6&period=30");
}

TEST(Base32, MatchesRfc4648Vectors) {
  struct Vector {
    const char* plain;
    const char* padded;
    const char* unpadded;
  };
  for (const Vector& v :
       {Vector{"", "", ""}, Vector{"f", "MY======", "MY"}, Vector{"fo", "MZXQ====", "MZXQ"},
        Vector{"foo", "MZXW6===", "MZXW6"}, Vector{"foob", "MZXW6YQ=", "MZXW6YQ"},
        Vector{"fooba", "MZXW6YTB", "MZXW6YTB"},
        Vector{"foobar", "MZXW6YTBOI======", "MZXW6YTBOI"}}) {
    EXPECT_EQ(Base32Encode(v.plain), v.unpadded);
    std::string out;
    ASSERT_TRUE(Base32Decode(v.padded, out)) << v.padded;
    EXPECT_EQ(out, v.plain);
    ASSERT_TRUE(Base32Decode(v.unpadded, out)) << v.unpadded;
    EXPECT_EQ(out, v.plain);
  }
}

TEST(Base32, RoundTripsBytesAndIgnoresCaseAndSpaces) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  for (size_t n = 0; n <= all.size(); n += 7) {
    const std::string bytes = all.substr(0, n);
    std::string out;
    ASSERT_TRUE(Base32Decode(Base32Encode(bytes), out)) << n;
    EXPECT_EQ(out, bytes) << n;
  }
  std::string out;
  ASSERT_TRUE(Base32Decode("mzxw 6ytb oi", out));
  EXPECT_EQ(out, "foobar");
  for (const char* bad : {"MZXW1", "MZ-XW", "MZXW6YTB0I", "M", "MZX", "MZXW6Y"}) {
    EXPECT_FALSE(Base32Decode(bad, out)) << bad;
  }
}

}  // namespace
}  // namespace ws::totp
