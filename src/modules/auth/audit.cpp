#include "modules/auth/audit.hpp"

#include <boost/json/serialize.hpp>

#include "core/clock.hpp"
#include "core/ids.hpp"

namespace ws::auth {

Status AppendAudit(db::Conn& c, const char* type, const Caller& caller,
                   const std::optional<std::string>& user_id, const boost::json::object& data) {
  std::optional<std::string> actor;
  if (!caller.user_id.empty() && caller.user_id != user_id.value_or("")) actor = caller.user_id;
  WS_TRY(c.Exec(
      "INSERT INTO audit_log (id, type, user_id, actor_id, ip, user_agent, data, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      NewId(), type, user_id, actor, caller.ip, caller.user_agent, boost::json::serialize(data),
      NowMillis()));
  return {};
}

Result<std::vector<AuditEntry>> ListAudit(db::Conn& c, const AuditFilter& filter,
                                          const std::string& before_id, int limit) {
  std::string sql =
      "SELECT id, type, user_id, actor_id, ip, user_agent, data, created_at FROM audit_log "
      "WHERE 1 = 1";
  std::vector<db::Param> params;
  if (!before_id.empty()) {
    sql += " AND id < ?";
    params.emplace_back(before_id);
  }
  if (!filter.user_id.empty()) {
    sql += " AND user_id = ?";
    params.emplace_back(filter.user_id);
  }
  if (!filter.type.empty()) {
    sql += " AND type = ?";
    params.emplace_back(filter.type);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(int64_t{limit});
  WS_ASSIGN(db::Rows rows, c.Query(sql, std::span<const db::Param>(params)));
  std::vector<AuditEntry> out;
  for (const db::Row r : rows) {
    out.push_back(AuditEntry{r.Text(0), r.Text(1), r.OptText(2), r.OptText(3), r.Text(4), r.Text(5),
                             r.Text(6), r.Int(7)});
  }
  return out;
}

}  // namespace ws::auth
