// Labels and comments.
#include <set>

#include "modules/projects/store.hpp"

namespace ws::projects::store {

namespace {

constexpr std::string_view kLabelColumns = "id, workspace_id, name, color, created_at";

Label ReadLabel(const db::Row& row) {
  return Label{row.Text(0), row.Text(1), row.Text(2), row.Text(3), row.Int(4)};
}

constexpr std::string_view kCommentColumns =
    "id, workspace_id, task_id, author_id, body, created_at, edited_at, version";

Comment ReadComment(const db::Row& row) {
  Comment c;
  c.id = row.Text(0);
  c.workspace_id = row.Text(1);
  c.task_id = row.Text(2);
  c.author_id = row.Text(3);
  c.body = row.Text(4);
  c.created_at = row.Int(5);
  c.edited_at = row.OptInt(6);
  c.version = row.Int(7);
  return c;
}

}  // namespace

Status InsertLabel(db::Conn& conn, const Label& label) {
  WS_TRY(conn.Exec(
      "INSERT INTO labels (id, workspace_id, name, color, created_at) VALUES (?, ?, ?, ?, ?)",
      label.id, label.workspace_id, label.name, label.color, label.created_at));
  return {};
}

Result<std::optional<Label>> GetLabel(db::Conn& conn, const std::string& label_id) {
  WS_ASSIGN(
      db::Rows rows,
      conn.Query("SELECT " + std::string(kLabelColumns) + " FROM labels WHERE id = ?", label_id));
  if (rows.empty()) return std::optional<Label>();
  return std::optional<Label>(ReadLabel(rows.front()));
}

Result<std::vector<Label>> ListLabels(db::Conn& conn, const std::string& workspace_id,
                                      const std::string& after, int limit) {
  WS_ASSIGN(db::Rows rows, conn.Query("SELECT " + std::string(kLabelColumns) +
                                          " FROM labels WHERE workspace_id = ? AND id > ? "
                                          "ORDER BY id LIMIT ?",
                                      workspace_id, after, limit));
  std::vector<Label> out;
  for (db::Row row : rows) out.push_back(ReadLabel(row));
  return out;
}

Result<bool> LabelNameTaken(db::Conn& conn, const std::string& workspace_id,
                            const std::string& name, const std::string& except_id) {
  WS_ASSIGN(db::Rows rows,
            conn.Query("SELECT 1 FROM labels WHERE workspace_id = ? AND name = ? AND id <> ?",
                       workspace_id, name, except_id));
  return !rows.empty();
}

Status UpdateLabel(db::Conn& conn, const Label& label) {
  WS_TRY(conn.Exec("UPDATE labels SET name = ?, color = ? WHERE id = ?", label.name, label.color,
                   label.id));
  return {};
}

Status DeleteLabel(db::Conn& conn, const std::string& label_id) {
  WS_TRY(conn.Exec("DELETE FROM task_labels WHERE label_id = ?", label_id));
  WS_TRY(conn.Exec("DELETE FROM labels WHERE id = ?", label_id));
  return {};
}

Result<size_t> CountLabels(db::Conn& conn, const std::string& workspace_id,
                           const std::vector<std::string>& ids) {
  const std::set<std::string> distinct(ids.begin(), ids.end());
  if (distinct.empty()) return size_t{0};
  std::string sql = "SELECT COUNT(*) FROM labels WHERE workspace_id = ? AND id IN (";
  std::vector<db::Param> params{workspace_id};
  bool first = true;
  for (const auto& id : distinct) {
    sql += first ? "?" : ", ?";
    first = false;
    params.emplace_back(id);
  }
  sql += ")";
  WS_ASSIGN(db::Rows rows, conn.Query(sql, std::span<const db::Param>(params)));
  return static_cast<size_t>(rows.front().Int(0));
}

Result<std::vector<std::string>> TasksWithLabel(db::Conn& conn, const std::string& label_id) {
  WS_ASSIGN(
      db::Rows rows,
      conn.Query("SELECT task_id FROM task_labels WHERE label_id = ? ORDER BY task_id", label_id));
  std::vector<std::string> out;
  for (db::Row row : rows) out.push_back(row.Text(0));
  return out;
}

Status InsertComment(db::Conn& conn, const Comment& comment) {
  WS_TRY(conn.Exec(
      "INSERT INTO comments (id, workspace_id, task_id, author_id, body, created_at, edited_at, "
      "version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      comment.id, comment.workspace_id, comment.task_id, comment.author_id, comment.body,
      comment.created_at, comment.edited_at, comment.version));
  return {};
}

Result<std::optional<Comment>> GetComment(db::Conn& conn, const std::string& comment_id) {
  WS_ASSIGN(db::Rows rows,
            conn.Query("SELECT " + std::string(kCommentColumns) + " FROM comments WHERE id = ?",
                       comment_id));
  if (rows.empty()) return std::optional<Comment>();
  return std::optional<Comment>(ReadComment(rows.front()));
}

Result<std::vector<Comment>> ListComments(db::Conn& conn, const std::string& task_id,
                                          const std::string& after, int limit) {
  WS_ASSIGN(db::Rows rows, conn.Query("SELECT " + std::string(kCommentColumns) +
                                          " FROM comments WHERE task_id = ? AND id > ? "
                                          "ORDER BY id LIMIT ?",
                                      task_id, after, limit));
  std::vector<Comment> out;
  for (db::Row row : rows) out.push_back(ReadComment(row));
  return out;
}

Result<bool> UpdateComment(db::Conn& conn, const std::string& comment_id, const std::string& body,
                           int64_t now, std::optional<int64_t> expected_version) {
  constexpr std::string_view kSet =
      "UPDATE comments SET body = ?, edited_at = ?, version = version + 1 WHERE id = ?";
  Result<int64_t> changed = expected_version ? conn.Exec(std::string(kSet) + " AND version = ?",
                                                         body, now, comment_id, *expected_version)
                                             : conn.Exec(kSet, body, now, comment_id);
  if (!changed) return std::move(changed).error();
  return *changed > 0;
}

Status DeleteComment(db::Conn& conn, const std::string& comment_id) {
  WS_TRY(conn.Exec("DELETE FROM comments WHERE id = ?", comment_id));
  return {};
}

}  // namespace ws::projects::store
