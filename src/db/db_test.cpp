#include <gtest/gtest.h>

#include "db/database.hpp"
#include "db/postgres/postgres_database.hpp"

namespace ws::db {
namespace {

TEST(Dialect, RewritesPlaceholdersOutsideQuotes) {
  EXPECT_EQ(ToDollarPlaceholders("SELECT a FROM t WHERE a = ? AND b = '?' AND c = ?"),
            "SELECT a FROM t WHERE a = $1 AND b = '?' AND c = $2");
  EXPECT_EQ(ToDollarPlaceholders("SELECT \"q?\" FROM t"), "SELECT \"q?\" FROM t");
}

TEST(Rows, ConvertCellsBetweenRepresentations) {
  std::vector<Cell> cells{int64_t{5}, std::string("12"), std::string("t"), std::monostate{}, 2.5};
  Rows rows(5, std::move(cells));
  ASSERT_EQ(rows.size(), 1u);
  Row row = rows.front();
  EXPECT_EQ(row.Int(0), 5);
  EXPECT_EQ(row.Text(0), "5");
  EXPECT_EQ(row.Int(1), 12);
  EXPECT_TRUE(row.Bool(2));
  EXPECT_TRUE(row.IsNull(3));
  EXPECT_FALSE(row.OptText(3));
  EXPECT_DOUBLE_EQ(row.Real(4), 2.5);
}

}  // namespace
}  // namespace ws::db
