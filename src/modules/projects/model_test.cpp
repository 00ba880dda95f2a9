#include "modules/projects/model.hpp"

#include <gtest/gtest.h>

#include "modules/projects/store.hpp"

namespace ws::projects {
namespace {

TEST(ProjectsModel, ProjectKeys) {
  EXPECT_TRUE(IsValidProjectKey("WEB"));
  EXPECT_TRUE(IsValidProjectKey("AB"));
  EXPECT_TRUE(IsValidProjectKey("ABCDEFGHIJ"));
  EXPECT_FALSE(IsValidProjectKey("A"));
  EXPECT_FALSE(IsValidProjectKey("ABCDEFGHIJK"));
  EXPECT_FALSE(IsValidProjectKey("Web"));
  EXPECT_FALSE(IsValidProjectKey("W3B"));
  EXPECT_FALSE(IsValidProjectKey(""));
}

TEST(ProjectsModel, Colors) {
  EXPECT_TRUE(IsValidColor("#1f6feb"));
  EXPECT_TRUE(IsValidColor("#ABCDEF"));
  EXPECT_FALSE(IsValidColor("1f6feb"));
  EXPECT_FALSE(IsValidColor("#1f6fe"));
  EXPECT_FALSE(IsValidColor("#1f6fez"));
}

TEST(ProjectsModel, CursorsRoundTripAndRefuseForeignText) {
  std::vector<std::string> parts;
  const std::string cursor =
      EncodeCursor({"1700000000000", "0190b8d3-0001-7000-8000-000000000001"});
  ASSERT_TRUE(DecodeCursor(cursor, 2, parts));
  EXPECT_EQ(parts[0], "1700000000000");
  EXPECT_EQ(parts[1], "0190b8d3-0001-7000-8000-000000000001");
  EXPECT_FALSE(DecodeCursor(cursor, 1, parts));  // wrong arity
  EXPECT_FALSE(DecodeCursor("abc", 2, parts));
  EXPECT_FALSE(DecodeCursor("", 1, parts));
  EXPECT_FALSE(DecodeCursor(std::string(2000, 'A'), 1, parts));
}

TEST(ProjectsModel, SearchWordsAreSafeForBothDialects) {
  EXPECT_EQ(store::SearchWords("Invoice  EXPORT-broken!"),
            (std::vector<std::string>{"invoice", "export", "broken"}));
  EXPECT_TRUE(store::SearchWords("\"'*():^-").empty());
  EXPECT_EQ(store::SearchWords("größe"), (std::vector<std::string>{"größe"}));
  EXPECT_EQ(store::SearchWords(std::string(100, 'a')).front().size(), 64u);
  // A multi-byte character cut at the length limit is dropped, not split.
  EXPECT_EQ(store::SearchWords(std::string(63, 'a') + "é").front(), std::string(63, 'a'));
  const std::vector<std::string> words{"invoice", "tot"};
  EXPECT_EQ(store::MatchExpression(db::Backend::kSqlite, words), "\"invoice\" \"tot\"*");
  EXPECT_EQ(store::MatchExpression(db::Backend::kPostgres, words), "'invoice' & 'tot':*");
}

}  // namespace
}  // namespace ws::projects
