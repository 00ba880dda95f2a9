#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace ws {

/// Every setting of the server, after defaults, file, environment and flags.
struct Config {
  std::string listen_host = "127.0.0.1";
  uint16_t listen_port = 8080;
  std::string data_dir = "./data";
  std::string database_url;  // empty until Finalize: sqlite in data_dir
  std::string public_url;    // empty until Finalize: http://listen
  std::string web_dir;       // empty: the app embedded in the binary
  std::string log_level = "info";
  std::string log_file;
  int io_threads = 0;  // 0: one per core
  int worker_threads = 32;
  int max_connections = 10000;
  int request_timeout_seconds = 30;
  int idle_timeout_seconds = 75;
  int shutdown_grace_seconds = 10;
  int64_t max_body_bytes = 1 << 20;
  int db_pool_size = 16;
  std::string sqlite_synchronous = "full";
  std::string secret_key;  // empty: generated once into data_dir/secret.key
  int access_token_ttl_seconds = 900;
  int session_idle_days = 14;
  int session_max_days = 90;
  std::string smtp_url;  // empty: write mail to data_dir/outbox
  std::string mail_from = "Workstead <workstead@localhost>";
  int rate_limit_per_ip = 100;
  bool trust_proxy = false;
  // WebSocket hub (docs/realtime.md)
  int realtime_auth_timeout_seconds = 10;
  int realtime_heartbeat_seconds = 60;
  int realtime_max_replay = 1000;
  int realtime_send_queue_bytes = 1 << 20;
  int realtime_send_queue_messages = 4096;
  int realtime_max_per_user = 50;
  int realtime_max_per_ip = 1000;
  int realtime_messages_per_second = 20;
  int realtime_away_seconds = 300;
};

/// One setting as documented: TOML key, environment variable, flag, default.
struct SettingInfo {
  std::string_view key;
  std::string_view env;
  std::string_view flag;
  std::string_view default_text;
  std::string_view help;
};

/// The documented settings, in README order.
const std::vector<SettingInfo>& Settings();

/// Builds the configuration: defaults, then the TOML file (`config_path`,
/// or WORKSTEAD_CONFIG), then WORKSTEAD_* variables from `env`, then `flags`
/// (key → text). The error names the setting and why it is bad.
Result<Config> LoadConfig(const std::string& config_path,
                          const std::map<std::string, std::string>& env,
                          const std::map<std::string, std::string>& flags);

/// The WORKSTEAD_* variables of this process.
std::map<std::string, std::string> ProcessEnvironment();

}  // namespace ws
