#include "modules/auth/passwords.hpp"

#include <gtest/gtest.h>

namespace ws::auth {
namespace {

TEST(Passwords, HashAndVerifyWithArgon2id) {
  auto hash = HashPassword("correct horse battery staple");
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(hash->starts_with("$argon2id$v=19$m=19456,t=2,p=1$")) << *hash;
  EXPECT_TRUE(*VerifyPassword(*hash, "correct horse battery staple"));
  EXPECT_FALSE(*VerifyPassword(*hash, "correct horse battery stapl"));
  EXPECT_FALSE(PasswordNeedsRehash(*hash));
  EXPECT_NE(*HashPassword("correct horse battery staple"), *hash);  // salted
}

TEST(Passwords, AnEmptyOrForeignHashNeverVerifies) {
  EXPECT_FALSE(*VerifyPassword("", ""));
  EXPECT_FALSE(*VerifyPassword("", "anything at all"));
  EXPECT_FALSE(*VerifyPassword("$2y$10$abcdefghijklmnopqrstuv", "anything"));
  EXPECT_FALSE(*VerifyPassword("plain text", "plain text"));
}

TEST(Passwords, TheRules) {
  EXPECT_EQ(PasswordProblem("correct horse battery staple"), "");
  EXPECT_EQ(PasswordProblem("seven77"), "must be at least 8 characters");
  EXPECT_EQ(PasswordProblem(std::string(257, 'x')), "must be at most 256 characters");
  EXPECT_EQ(PasswordProblem(std::string(256, 'x') + ""), "");
  EXPECT_EQ(PasswordProblem("ÄÖÜäöüßé"), "");  // 8 code points, 16 bytes
  EXPECT_EQ(PasswordProblem("\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8"), "must be valid UTF-8");
  EXPECT_NE(PasswordProblem("password"), "");
  EXPECT_NE(PasswordProblem("PassWord"), "");
  EXPECT_NE(PasswordProblem("12345678"), "");
  EXPECT_NE(PasswordProblem("qwertyuiop"), "");
  EXPECT_NE(PasswordProblem("iloveyou"), "");
  EXPECT_TRUE(IsCommonPassword("TRUSTNO1"));
  EXPECT_FALSE(IsCommonPassword("correct horse battery staple"));
}

}  // namespace
}  // namespace ws::auth

namespace ws::auth {
namespace {

TEST(Passwords, DummyHashUsesTodaysParameters) {
  // Unknown-email logins must cost what real ones do: regenerate the
  // constant in passwords.cpp whenever the argon2id parameters change.
  EXPECT_FALSE(PasswordNeedsRehash(DummyHash()));
  EXPECT_TRUE(DummyHash().starts_with("$argon2id$"));
}

}  // namespace
}  // namespace ws::auth
