#include "modules/auth/model.hpp"

#include <gtest/gtest.h>

namespace ws::auth {
namespace {

TEST(AuthModel, ParsesAndNormalisesRegistration) {
  auto in =
      ParseRegister(R"({"email":" Ada@Example.COM ","password":" spaces kept! ","name":" Ada "})");
  ASSERT_TRUE(in.ok()) << in.error().message;
  EXPECT_EQ(in->email, "ada@example.com");
  EXPECT_EQ(in->password, " spaces kept! ");
  EXPECT_EQ(in->name, "Ada");
}

TEST(AuthModel, ReportsEveryBadFieldAtOnce) {
  auto in = ParseRegister(R"({"email":"x","password":"short","name":"","role":"admin"})");
  ASSERT_FALSE(in.ok());
  EXPECT_EQ(in.error().code, ErrorCode::kValidationFailed);
  EXPECT_EQ(in.error().fields.size(), 4u);
}

TEST(AuthModel, ProfileFields) {
  EXPECT_TRUE(ParseProfileUpdate(R"({"timezone":"America/Argentina/Buenos_Aires"})").ok());
  EXPECT_TRUE(ParseProfileUpdate(R"({"timezone":"UTC","locale":"zh-Hant-TW"})").ok());
  EXPECT_TRUE(ParseProfileUpdate(R"({"timezone":"Etc/GMT+5"})").ok());
  EXPECT_FALSE(ParseProfileUpdate(R"({"timezone":"Europe//Berlin"})").ok());
  EXPECT_FALSE(ParseProfileUpdate(R"({"timezone":"/etc/passwd"})").ok());
  EXPECT_FALSE(ParseProfileUpdate(R"({"locale":"1x"})").ok());
  EXPECT_FALSE(ParseProfileUpdate(R"({"locale":"en-"})").ok());
  EXPECT_FALSE(ParseProfileUpdate(R"({"name":null})").ok());
  EXPECT_TRUE(ParseProfileUpdate("{}").ok());
}

TEST(AuthModel, TokenExpiryMustBeAFutureTimestamp) {
  EXPECT_TRUE(ParseTokenInput(R"({"name":"ci","expires_at":"2999-01-01T00:00:00Z"})").ok());
  EXPECT_TRUE(ParseTokenInput(R"({"name":"ci","expires_at":null})").ok());
  EXPECT_FALSE(ParseTokenInput(R"({"name":"ci","expires_at":"2000-01-01T00:00:00Z"})").ok());
  EXPECT_FALSE(ParseTokenInput(R"({"name":"ci","expires_at":"soon"})").ok());
}

}  // namespace
}  // namespace ws::auth
