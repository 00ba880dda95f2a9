// Slugs, cursors and the shape of the permission table.
#include "modules/workspaces/model.hpp"

#include <gtest/gtest.h>

#include "modules/workspaces/permissions.hpp"

namespace ws::workspaces {
namespace {

TEST(WorkspacesModel, SlugRules) {
  for (const char* ok :
       {"abc", "a-b", "team-42", "0ab", "x123456789012345678901234567890123456789"}) {
    EXPECT_TRUE(IsValidSlug(ok)) << ok;
  }
  for (const char* bad : {"", "ab", "-ab", "ab-", "AB1", "a_b", "a b", "é-ab",
                          "x1234567890123456789012345678901234567890"}) {
    EXPECT_FALSE(IsValidSlug(bad)) << bad;
  }
}

TEST(WorkspacesModel, SlugsDerivedFromNamesAreValid) {
  EXPECT_EQ(SlugFromName("Acme Inc."), "acme-inc");
  EXPECT_EQ(SlugFromName("  Hello,   World!  "), "hello-world");
  EXPECT_EQ(SlugFromName("Zoë's Café"), "zo-s-caf");
  EXPECT_EQ(SlugFromName("日本"), "workspace");
  EXPECT_EQ(SlugFromName("A"), "a-ws");
  EXPECT_EQ(SlugFromName(std::string(60, 'z')), std::string(40, 'z'));
  const std::string edge = std::string(39, 'q') + "-x";
  for (const std::string name : {"Acme", "---", "a", "ü", edge.c_str()}) {
    EXPECT_TRUE(IsValidSlug(SlugFromName(name))) << name;
  }
  EXPECT_EQ(SlugWithSuffix("acme", "2"), "acme-2");
  const std::string long_base(40, 'k');
  EXPECT_EQ(SlugWithSuffix(long_base, "12"), std::string(37, 'k') + "-12");
  EXPECT_TRUE(IsValidSlug(SlugWithSuffix(std::string(37, 'k') + "-ab", "9")));
}

TEST(WorkspacesModel, CursorsRoundTripAndRejectForgeries) {
  std::string key;
  ASSERT_TRUE(DecodeCursor(EncodeCursor("01900000-0000-7000-8000-000000000000"), key));
  EXPECT_EQ(key, "01900000-0000-7000-8000-000000000000");
  for (const char* bad : {"", "garbage!", "bm9wZQ", "d3MxOg"}) {  // "nope", "ws1:"
    EXPECT_FALSE(DecodeCursor(bad, key)) << bad;
  }
}

TEST(WorkspacesPermissions, EachRoleHasEveryRightOfTheRolesBelowIt) {
  const Role roles[] = {Role::kGuest, Role::kMember, Role::kManager, Role::kAdmin, Role::kOwner};
  for (const auto& row : kPermissions) {
    for (size_t i = 1; i < std::size(roles); ++i) {
      if (Can(roles[i - 1], row.action)) {
        EXPECT_TRUE(Can(roles[i], row.action)) << static_cast<int>(row.action);
      }
    }
  }
  EXPECT_TRUE(Can(Role::kOwner, Action::kDeleteWorkspace));
  EXPECT_FALSE(Can(Role::kAdmin, Action::kDeleteWorkspace));
  EXPECT_FALSE(Can(Role::kGuest, Action::kViewAllMembers));
  for (Role r : roles) EXPECT_EQ(ParseRole(RoleName(r)), r);
  EXPECT_FALSE(ParseRole("superuser").has_value());
}

}  // namespace
}  // namespace ws::workspaces
