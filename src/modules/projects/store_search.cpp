// Full-text search over tasks: the module's one dialect file. SQLite uses
// the FTS5 table `task_fts` (bm25, snippet); PostgreSQL the `tasks.search`
// tsvector with its GIN index (ts_rank, ts_headline). Both indexes are kept
// current by triggers (migrations 0004_projects.sql).
#include "modules/projects/store.hpp"

namespace ws::projects::store {

namespace {

constexpr size_t kMaxWords = 16;
constexpr size_t kMaxWordBytes = 64;

bool WordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

constexpr std::string_view kSqliteSearch =
    "SELECT t.id, t.title, snippet(task_fts, -1, '**', '**', '…', 16), t.project_id, p.key, "
    "t.number FROM task_fts JOIN task_search ts ON ts.doc = task_fts.rowid "
    "JOIN tasks t ON t.id = ts.task_id JOIN projects p ON p.id = t.project_id "
    "WHERE task_fts MATCH ? AND t.workspace_id = ? AND ";

constexpr std::string_view kPostgresSearchHead =
    "WITH q AS (SELECT to_tsquery('simple', ?) AS query) "
    "SELECT h.id, h.title, ts_headline('simple', h.title || ' ' || left(h.description, 10000) || "
    "' ' || left(COALESCE((SELECT string_agg(c.body, ' ') FROM comments c WHERE c.task_id = h.id), "
    "''), 10000), "
    "q.query, 'StartSel=**, StopSel=**, MaxWords=24, MinWords=8, MaxFragments=1'), "
    "h.project_id, h.key, h.number FROM (SELECT t.id, t.title, t.description, t.project_id, "
    "p.key, t.number, ts_rank(t.search, q.query) AS rank FROM tasks t "
    "JOIN projects p ON p.id = t.project_id, q WHERE t.workspace_id = ? AND "
    "t.search @@ q.query AND ";

}  // namespace

std::vector<std::string> SearchWords(std::string_view q) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty() && words.size() < kMaxWords) words.push_back(word.substr(0, kMaxWordBytes));
    word.clear();
  };
  for (char ch : q) {
    const auto c = static_cast<unsigned char>(ch);
    if (WordByte(c)) {
      word += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : ch;
    } else {
      flush();
    }
  }
  flush();
  // A word cut inside a UTF-8 sequence would be invalid text: drop the tail.
  for (auto& w : words) {
    while (!w.empty() && (static_cast<unsigned char>(w.back()) & 0xC0) == 0x80) w.pop_back();
    if (!w.empty() && static_cast<unsigned char>(w.back()) >= 0xC0) w.pop_back();
  }
  std::erase_if(words, [](const std::string& w) { return w.empty(); });
  return words;
}

std::string MatchExpression(db::Backend backend, const std::vector<std::string>& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    const bool last = i + 1 == words.size();
    if (backend == db::Backend::kSqlite) {
      if (i > 0) out += ' ';
      out += '"' + words[i] + '"' + (last ? "*" : "");
    } else {
      if (i > 0) out += " & ";
      out += '\'' + words[i] + '\'' + (last ? ":*" : "");
    }
  }
  return out;
}

std::string MatchCondition(db::Backend backend) {
  if (backend == db::Backend::kSqlite) {
    return " AND t.id IN (SELECT ts.task_id FROM task_fts JOIN task_search ts ON "
           "ts.doc = task_fts.rowid WHERE task_fts MATCH ?)";
  }
  return " AND t.search @@ to_tsquery('simple', ?)";
}

Result<std::vector<SearchHit>> SearchTasks(db::Conn& conn, const std::string& workspace_id,
                                           const Visibility& visibility, const std::string& match,
                                           int limit) {
  std::string sql;
  if (conn.backend() == db::Backend::kSqlite) {
    sql = std::string(kSqliteSearch) + VisibleCondition() + " ORDER BY task_fts.rank LIMIT ?";
  } else {
    sql = std::string(kPostgresSearchHead) + VisibleCondition() +
          " ORDER BY rank DESC, t.id LIMIT ?) h, q ORDER BY h.rank DESC, h.id";
  }
  WS_ASSIGN(db::Rows rows, conn.Query(sql, match, workspace_id, int(visibility.see_all),
                                      int(visibility.see_workspace), visibility.user_id, limit));
  std::vector<SearchHit> out;
  for (db::Row row : rows) {
    SearchHit hit;
    hit.id = row.Text(0);
    hit.title = row.Text(1);
    hit.snippet = row.Text(2);
    hit.project_id = row.Text(3);
    hit.key = row.Text(4) + "-" + std::to_string(row.Int(5));
    out.push_back(std::move(hit));
  }
  return out;
}

}  // namespace ws::projects::store
