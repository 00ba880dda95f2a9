#include "modules/projects/model.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

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

Task SampleTask() {
  Task task;
  task.id = "0190f0a1-0000-7000-8000-000000000001";
  task.workspace_id = "w1";
  task.project_id = "p1";
  task.number = 42;
  task.project_key = "WEB";
  task.title = "Fix \"quotes\" and \\ slashes";
  task.description = "line one\nline two\twith a tab and ünïcödé";
  task.status_id = "s1";
  task.status_category = "in_progress";
  task.priority = "high";
  task.position = "a0";
  task.created_by = "u1";
  task.created_at = 1767225600123;
  task.updated_at = 1767225601456;
  task.version = 3;
  return task;
}

// The text writer and the object come from one field list; this pins that
// they agree, byte for byte, key order included.
TEST(ProjectsModel, TaskTextIsTheSerializedObject) {
  Task bare = SampleTask();
  EXPECT_EQ(TaskJsonText(bare), boost::json::serialize(ToJson(bare)));

  Task full = SampleTask();
  full.assignee_id = "u2";
  full.due_date = 20454;
  full.labels = {"l1", "l2"};
  full.parent_id = "t0";
  full.recurrence = "FREQ=WEEKLY";
  full.completed_at = 1767225609999;
  EXPECT_EQ(TaskJsonText(full), boost::json::serialize(ToJson(full)));
  const boost::json::object parsed = boost::json::parse(TaskJsonText(full)).as_object();
  EXPECT_EQ(parsed.at("key"), "WEB-42");
  EXPECT_EQ(parsed.at("due_date"), "2026-01-01");
  EXPECT_EQ(parsed.at("labels").as_array().size(), 2u);

  // Control characters are escaped differently (\u0008 for \b) but mean
  // the same.
  Task odd = SampleTask();
  odd.title = std::string("bell\x07 back\b feed\f nul") + '\0' + "!";
  EXPECT_EQ(boost::json::parse(TaskJsonText(odd)), boost::json::value(ToJson(odd)));
}

}  // namespace
}  // namespace ws::projects
