// Full-text search over tasks: the module's one dialect file. SQLite uses
// the FTS5 table `task_fts` (ws_rank below, snippet); PostgreSQL the `tasks.search`
// tsvector with its GIN index (ts_rank, ts_headline). Both indexes are kept
// current by triggers (migrations 0004_projects.sql).
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <vector>

#include "db/sqlite/sqlite_database.hpp"
#include "modules/projects/store.hpp"

namespace ws::projects::store {

namespace {

// ---- SQLite ranking: `ws_rank`, BM25 without document-length normalisation ----
//
// FTS5's built-in bm25() looks up every matching row's length in
// `task_fts_docsize` (one SQL statement per match): for a word matching ~850
// of 100,000 tasks that lookup was ~80% of the query (docs/projects.md
// "Search"). ws_rank keeps the rest of bm25 exactly (k1 = 1.2, the same IDF,
// per-column weights as arguments; smaller is better) with b = 0, so it only
// reads the match positions FTS5 already has. Registered on every SQLite
// connection through sqlite3_auto_extension before main() runs.

constexpr double kK1 = 1.2;

struct RankData {
  std::vector<double> idf;   // per phrase of the query
  std::vector<double> freq;  // per phrase, the current row's weighted count
};

int CountHit(const Fts5ExtensionApi*, Fts5Context*, void* count) {
  ++*static_cast<int64_t*>(count);
  return SQLITE_OK;
}

/// The query's IDFs, computed on the first row (as bm25 does) and kept. With
/// one word the IDF scales every score alike: it is left at 1 and the word's
/// matches are not counted a second time.
RankData* RankDataOf(const Fts5ExtensionApi* api, Fts5Context* fts) {
  if (auto* data = static_cast<RankData*>(api->xGetAuxdata(fts, 0))) return data;
  auto data = std::make_unique<RankData>();
  const int phrases = api->xPhraseCount(fts);
  sqlite3_int64 rows = 0;
  if (phrases == 1) {
    data->idf.push_back(1.0);
  } else if (api->xRowCount(fts, &rows) != SQLITE_OK) {
    return nullptr;
  }
  for (int i = 0; phrases > 1 && i < phrases; ++i) {
    int64_t hits = 0;
    if (api->xQueryPhrase(fts, i, &hits, CountHit) != SQLITE_OK) return nullptr;
    const double idf = std::log((double(rows) - double(hits) + 0.5) / (double(hits) + 0.5));
    data->idf.push_back(idf > 0.0 ? idf : 1e-6);
  }
  data->freq.assign(data->idf.size(), 0.0);
  RankData* raw = data.release();
  if (api->xSetAuxdata(fts, raw, [](void* p) { delete static_cast<RankData*>(p); }) != SQLITE_OK) {
    return nullptr;  // xSetAuxdata already freed it
  }
  return raw;
}

void WsRank(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int argc,
            sqlite3_value** argv) {
  RankData* data = RankDataOf(api, fts);
  int instances = 0;
  if (data == nullptr || api->xInstCount(fts, &instances) != SQLITE_OK) {
    sqlite3_result_error(ctx, "ws_rank: cannot read the match", -1);
    return;
  }
  std::fill(data->freq.begin(), data->freq.end(), 0.0);
  for (int i = 0; i < instances; ++i) {
    int phrase = 0;
    int column = 0;
    int offset = 0;
    if (api->xInst(fts, i, &phrase, &column, &offset) != SQLITE_OK) continue;
    if (phrase < 0 || size_t(phrase) >= data->freq.size()) continue;
    data->freq[size_t(phrase)] += column < argc ? sqlite3_value_double(argv[column]) : 1.0;
  }
  double score = 0.0;
  for (size_t i = 0; i < data->idf.size(); ++i) {
    const double f = data->freq[i];
    score += data->idf[i] * (f * (kK1 + 1.0)) / (f + kK1);
  }
  sqlite3_result_double(ctx, -score);
}

int RegisterRank(sqlite3* db, const char**, const sqlite3_api_routines*) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return SQLITE_OK;  // no FTS5: search fails loudly on its own
  }
  sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  if (api != nullptr) api->xCreateFunction(api, "ws_rank", nullptr, WsRank, nullptr);
  return SQLITE_OK;
}

// Runs before main(), so before any connection opens. sqlite3_auto_extension
// initialises SQLite, so the process-wide settings go first.
[[maybe_unused]] const bool kRankRegistered = [] {
  db::ConfigureSqlite();
  sqlite3_auto_extension(reinterpret_cast<void (*)()>(RegisterRank));
  return true;
}();

constexpr size_t kMaxWords = 16;
constexpr size_t kMaxWordBytes = 64;

bool WordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

constexpr std::string_view kSqliteSearch =
    "SELECT t.id, t.title, snippet(task_fts, -1, '**', '**', '…', 16), t.project_id, p.key, "
    "t.number FROM task_fts JOIN task_search ts ON ts.doc = task_fts.rowid "
    "JOIN tasks t ON t.id = ts.task_id JOIN projects p ON p.id = t.project_id "
    "WHERE task_fts MATCH ? AND task_fts.rank MATCH 'ws_rank(5.0, 1.0)' AND t.workspace_id = ? "
    "AND ";

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
    // The per-query rank keeps FTS5's fast path: rows come out of the index
    // already ordered and snippet() runs for the returned rows only.
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
