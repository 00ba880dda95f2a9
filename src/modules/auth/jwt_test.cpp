#include "modules/auth/jwt.hpp"

#include <gtest/gtest.h>

#include "core/crypto.hpp"

namespace ws::auth {
namespace {

const std::string kSecret(40, 's');

TEST(Jwt, SignsAndVerifies) {
  auto ring = Keyring::FromSecrets({kSecret});
  ASSERT_TRUE(ring.ok());
  const std::string token = ring->Sign({"user-1", "session-1", 1000, 1900});
  auto claims = ring->Verify(token, 1500);
  ASSERT_TRUE(claims.ok()) << claims.error().detail;
  EXPECT_EQ(claims->sub, "user-1");
  EXPECT_EQ(claims->sid, "session-1");
  EXPECT_EQ(claims->iat, 1000);
  EXPECT_EQ(claims->exp, 1900);
  EXPECT_EQ(ring->current_kid().size(), 16u);
}

TEST(Jwt, RefusesExpiredFutureAndTamperedTokens) {
  auto ring = Keyring::FromSecrets({kSecret});
  const std::string token = ring->Sign({"u", "s", 1000, 1900});
  EXPECT_FALSE(ring->Verify(token, 1900).ok());
  EXPECT_EQ(ring->Verify(token, 1900).error().message, "access token has expired");
  EXPECT_TRUE(ring->Verify(token, 1000 - kClockSkewSeconds).ok());
  EXPECT_FALSE(ring->Verify(token, 1000 - kClockSkewSeconds - 1).ok());
  std::string tampered = token;
  tampered[token.find('.') + 2] ^= 1;
  EXPECT_FALSE(ring->Verify(tampered, 1500).ok());
  EXPECT_FALSE(ring->Verify("", 1500).ok());
  EXPECT_FALSE(ring->Verify("a.b", 1500).ok());
  EXPECT_FALSE(ring->Verify(token + ".", 1500).ok());
  EXPECT_FALSE(ring->Verify(std::string(5000, 'a'), 1500).ok());
  for (const auto& error : {ring->Verify(tampered, 1500).error(), ring->Verify("x", 1).error()}) {
    EXPECT_EQ(error.code, ErrorCode::kUnauthorized);
  }
}

TEST(Jwt, PreviousKeysVerifyAndUnknownKeysDoNot) {
  auto old_ring = Keyring::FromSecrets({kSecret});
  auto rotated = Keyring::FromSecrets({std::string(40, 'n'), kSecret});
  auto other = Keyring::FromSecrets({std::string(40, 'o')});
  const std::string old_token = old_ring->Sign({"u", "s", 1000, 1900});
  EXPECT_TRUE(rotated->Verify(old_token, 1500).ok());
  EXPECT_FALSE(other->Verify(old_token, 1500).ok());
  EXPECT_NE(rotated->current_kid(), old_ring->current_kid());
  EXPECT_FALSE(old_ring->Verify(rotated->Sign({"u", "s", 1000, 1900}), 1500).ok());
}

TEST(Jwt, ShortSecretsAreRefused) {
  EXPECT_FALSE(Keyring::FromSecrets({"short"}).ok());
  EXPECT_FALSE(Keyring::FromSecrets({}).ok());
  EXPECT_FALSE(Keyring::FromSecrets({kSecret, "also short"}).ok());
}

TEST(Jwt, TheConfiguredSecretMayListPreviousKeys) {
  Config config;
  config.secret_key = std::string(40, 'n') + "  \n" + kSecret;
  auto ring = Keyring::Load(config);
  ASSERT_TRUE(ring.ok());
  EXPECT_EQ(ring->current_kid(), Keyring::FromSecrets({std::string(40, 'n')})->current_kid());
  EXPECT_TRUE(ring->Verify(Keyring::FromSecrets({kSecret})->Sign({"u", "s", 1, 100}), 50).ok());
}

TEST(Jwt, VerifiedTokensAnswerOnlyTheSameTokenUntilItExpires) {
  VerifiedTokens verified;
  const AccessClaims claims{"u", "s", 1000, 1900};
  const std::string token = Keyring::FromSecrets({kSecret})->Sign(claims);
  EXPECT_FALSE(verified.Find(token, 1500));
  verified.Put(token, claims);
  auto found = verified.Find(token, 1500);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->sub, "u");
  EXPECT_EQ(found->sid, "s");
  std::string altered = token;
  altered.back() = altered.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(verified.Find(altered, 1500));  // another signature is another token
  EXPECT_FALSE(verified.Find(token, 1900));    // expired: checked again (and refused)
  EXPECT_FALSE(verified.Find(token, 1500));    // and forgotten
}

}  // namespace
}  // namespace ws::auth
