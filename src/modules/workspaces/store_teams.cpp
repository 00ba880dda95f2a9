// Teams and the activity feed: SQL only.
#include <limits>

#include "core/clock.hpp"
#include "modules/workspaces/store.hpp"

namespace ws::workspaces::store {

namespace {

/// Fills `member_ids` of `teams` (sorted by id) from one range query.
Status LoadTeamMembers(db::Conn& conn, const std::string& workspace_id, std::vector<Team>& teams) {
  if (teams.empty()) return {};
  WS_ASSIGN(db::Rows rows,
            conn.Query("SELECT team_id, user_id FROM team_members WHERE workspace_id = ? AND "
                       "team_id >= ? AND team_id <= ? ORDER BY team_id, user_id",
                       workspace_id, teams.front().id, teams.back().id));
  size_t t = 0;
  for (db::Row row : rows) {
    const std::string team_id = row.Text(0);
    while (t < teams.size() && teams[t].id < team_id) ++t;
    if (t < teams.size() && teams[t].id == team_id) teams[t].member_ids.push_back(row.Text(1));
  }
  return {};
}

}  // namespace

Result<std::optional<std::string>> LocateTeam(db::Conn& conn, const std::string& id) {
  WS_ASSIGN(db::Rows rows, conn.Query("SELECT workspace_id FROM teams WHERE id = ?", id));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows.front().Text(0));
}

Status InsertTeam(db::Conn& conn, const Team& team) {
  WS_TRY(conn.Exec(
      "INSERT INTO teams (id, workspace_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
      team.id, team.workspace_id, team.name, team.created_at, team.created_at));
  return {};
}

Result<std::optional<Team>> GetTeam(db::Conn& conn, const std::string& workspace_id,
                                    const std::string& id) {
  WS_ASSIGN(db::Rows rows, conn.Query("SELECT id, workspace_id, name, created_at FROM teams WHERE "
                                      "workspace_id = ? AND id = ?",
                                      workspace_id, id));
  if (rows.empty()) return std::optional<Team>();
  const db::Row row = rows.front();
  std::vector<Team> teams{Team{row.Text(0), row.Text(1), row.Text(2), row.Int(3), {}}};
  WS_TRY(LoadTeamMembers(conn, workspace_id, teams));
  return std::optional<Team>(std::move(teams.front()));
}

Result<std::vector<Team>> ListTeams(db::Conn& conn, const std::string& workspace_id,
                                    const PageRequest& page) {
  WS_ASSIGN(db::Rows rows, conn.Query("SELECT id, workspace_id, name, created_at FROM teams WHERE "
                                      "workspace_id = ? AND id > ? ORDER BY id LIMIT ?",
                                      workspace_id, page.after, page.limit));
  std::vector<Team> teams;
  for (db::Row row : rows)
    teams.push_back(Team{row.Text(0), row.Text(1), row.Text(2), row.Int(3), {}});
  WS_TRY(LoadTeamMembers(conn, workspace_id, teams));
  return teams;
}

Result<bool> TeamNameTaken(db::Conn& conn, const std::string& workspace_id, const std::string& name,
                           const std::string& except_id) {
  WS_ASSIGN(db::Rows rows,
            conn.Query("SELECT 1 FROM teams WHERE workspace_id = ? AND name = ? AND id <> ?",
                       workspace_id, name, except_id));
  return !rows.empty();
}

Status RenameTeam(db::Conn& conn, const std::string& workspace_id, const std::string& id,
                  const std::string& name) {
  WS_TRY(conn.Exec("UPDATE teams SET name = ?, updated_at = ? WHERE workspace_id = ? AND id = ?",
                   name, NowMillis(), workspace_id, id));
  return {};
}

Status DeleteTeam(db::Conn& conn, const std::string& workspace_id, const std::string& id) {
  WS_TRY(conn.Exec("DELETE FROM team_members WHERE workspace_id = ? AND team_id = ?", workspace_id,
                   id));
  WS_TRY(conn.Exec("DELETE FROM teams WHERE workspace_id = ? AND id = ?", workspace_id, id));
  return {};
}

Result<bool> AddTeamMember(db::Conn& conn, const std::string& workspace_id,
                           const std::string& team_id, const std::string& user_id) {
  WS_ASSIGN(db::Rows existing,
            conn.Query("SELECT 1 FROM team_members WHERE workspace_id = ? AND team_id = ? AND "
                       "user_id = ?",
                       workspace_id, team_id, user_id));
  if (!existing.empty()) return false;
  WS_TRY(conn.Exec(
      "INSERT INTO team_members (workspace_id, team_id, user_id, added_at) VALUES (?, ?, ?, ?)",
      workspace_id, team_id, user_id, NowMillis()));
  return true;
}

Result<bool> RemoveTeamMember(db::Conn& conn, const std::string& workspace_id,
                              const std::string& team_id, const std::string& user_id) {
  WS_ASSIGN(int64_t changed,
            conn.Exec("DELETE FROM team_members WHERE workspace_id = ? AND team_id = ? AND "
                      "user_id = ?",
                      workspace_id, team_id, user_id));
  return changed > 0;
}

Result<std::vector<std::string>> TeamsOf(db::Conn& conn, const std::string& workspace_id,
                                         const std::string& user_id) {
  WS_ASSIGN(db::Rows rows,
            conn.Query("SELECT team_id FROM team_members WHERE workspace_id = ? AND user_id = ? "
                       "ORDER BY team_id",
                       workspace_id, user_id));
  std::vector<std::string> out;
  for (db::Row row : rows) out.push_back(row.Text(0));
  return out;
}

Result<std::vector<ActivityItem>> ListActivity(db::Conn& conn, const std::string& workspace_id,
                                               int64_t before_seq, int limit) {
  const int64_t before = before_seq > 0 ? before_seq : std::numeric_limits<int64_t>::max();
  WS_ASSIGN(db::Rows rows,
            conn.Query("SELECT e.seq, e.type, e.actor_id, e.entity_type, e.entity_id, e.data, "
                       "e.created_at, u.name FROM events e LEFT JOIN users u ON u.id = e.actor_id "
                       "WHERE e.workspace_id = ? AND e.seq < ? ORDER BY e.seq DESC LIMIT ?",
                       workspace_id, before, limit));
  std::vector<ActivityItem> out;
  for (db::Row row : rows) {
    ActivityItem item{bus::Event{workspace_id, row.Int(0), row.Text(1), row.OptText(2).value_or(""),
                                 row.Text(3), row.Text(4), row.Text(5), row.Int(6)},
                      std::nullopt};
    if (!item.event.actor_id.empty()) {
      item.actor = UserRef{item.event.actor_id, row.OptText(7).value_or(""), ""};
    }
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace ws::workspaces::store
