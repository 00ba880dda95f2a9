#include "core/config.hpp"

#include <toml++/toml.h>
#include <unistd.h>

#include <charconv>
#include <functional>

extern char** environ;  // NOLINT

namespace ws {

namespace {

using Apply = std::function<std::string(Config&, std::string_view)>;  // "" = ok, else why

struct Setting {
  SettingInfo info;
  Apply apply;
};

std::string ParseIntInto(std::string_view text, int64_t min, int64_t max, int64_t& out) {
  int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) {
    return "must be a whole number";
  }
  if (value < min || value > max) {
    return "must be between " + std::to_string(min) + " and " + std::to_string(max);
  }
  out = value;
  return "";
}

Apply IntSetting(int Config::*field, int64_t min, int64_t max) {
  return [=](Config& c, std::string_view text) {
    int64_t value = 0;
    std::string why = ParseIntInto(text, min, max, value);
    if (why.empty()) c.*field = static_cast<int>(value);
    return why;
  };
}

Apply TextSetting(std::string Config::*field) {
  return [=](Config& c, std::string_view text) {
    c.*field = std::string(text);
    return std::string();
  };
}

Apply ChoiceSetting(std::string Config::*field, std::vector<std::string_view> choices) {
  return [=](Config& c, std::string_view text) {
    for (auto choice : choices) {
      if (text == choice) {
        c.*field = std::string(text);
        return std::string();
      }
    }
    std::string list;
    for (auto choice : choices) list += (list.empty() ? "" : ", ") + std::string(choice);
    return "must be one of: " + list;
  };
}

Apply BoolSetting(bool Config::*field) {
  return [=](Config& c, std::string_view text) {
    if (text == "true" || text == "1" || text == "yes") {
      c.*field = true;
    } else if (text == "false" || text == "0" || text == "no") {
      c.*field = false;
    } else {
      return std::string("must be true or false");
    }
    return std::string();
  };
}

std::string ApplyListen(Config& c, std::string_view text) {
  const size_t colon = text.rfind(':');
  if (colon == text.npos || colon == 0) return "must be HOST:PORT, e.g. 127.0.0.1:8080";
  std::string_view host = text.substr(0, colon);
  if (host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int64_t port = 0;
  if (!ParseIntInto(text.substr(colon + 1), 0, 65535, port).empty()) {
    return "port must be a number from 0 to 65535";
  }
  c.listen_host = std::string(host);
  c.listen_port = static_cast<uint16_t>(port);
  return "";
}

std::string ApplyDatabaseUrl(Config& c, std::string_view text) {
  if (!text.empty() && !text.starts_with("sqlite:") && !text.starts_with("postgres://") &&
      !text.starts_with("postgresql://")) {
    return "must start with sqlite: or postgres://";
  }
  c.database_url = std::string(text);
  return "";
}

std::string ApplyUrl(std::string Config::*field, Config& c, std::string_view text) {
  if (!text.empty() && !text.starts_with("http://") && !text.starts_with("https://")) {
    return "must start with http:// or https://";
  }
  while (text.ends_with('/')) text.remove_suffix(1);
  c.*field = std::string(text);
  return "";
}

std::string ApplySmtpUrl(Config& c, std::string_view text) {
  if (!text.empty() && !text.starts_with("smtp://") && !text.starts_with("smtps://")) {
    return "must start with smtp:// or smtps://";
  }
  c.smtp_url = std::string(text);
  return "";
}

std::string ApplySecret(Config& c, std::string_view text) {
  if (!text.empty() && text.size() < 32) return "must be at least 32 characters";
  c.secret_key = std::string(text);
  return "";
}

const std::vector<Setting>& Table() {
  static const std::vector<Setting> table = {
      {{"listen", "WORKSTEAD_LISTEN", "--listen", "127.0.0.1:8080", "HOST:PORT to serve HTTP on"},
       ApplyListen},
      {{"data_dir", "WORKSTEAD_DATA_DIR", "--data-dir", "./data",
        "folder for the SQLite file, uploads, outbox and secret key"},
       TextSetting(&Config::data_dir)},
      {{"database_url", "WORKSTEAD_DATABASE_URL", "--database-url", "sqlite:DATA_DIR/workstead.db",
        "sqlite:PATH or postgres://user:pass@host:port/db"},
       ApplyDatabaseUrl},
      {{"public_url", "WORKSTEAD_PUBLIC_URL", "--public-url", "http://LISTEN",
        "the URL people use; links in emails and the WebSocket Origin check use it"},
       [](Config& c, std::string_view t) { return ApplyUrl(&Config::public_url, c, t); }},
      {{"web_dir", "WORKSTEAD_WEB_DIR", "--web-dir", "(embedded)",
        "serve the web app from this folder instead of the copy built into the binary"},
       TextSetting(&Config::web_dir)},
      {{"log_level", "WORKSTEAD_LOG_LEVEL", "--log-level", "info", "debug, info, warn or error"},
       ChoiceSetting(&Config::log_level, {"debug", "info", "warn", "error"})},
      {{"log_file", "WORKSTEAD_LOG_FILE", "--log-file", "(stderr)", "append JSON log lines here"},
       TextSetting(&Config::log_file)},
      {{"io_threads", "WORKSTEAD_IO_THREADS", "--io-threads", "0",
        "network threads (0: one per core)"},
       IntSetting(&Config::io_threads, 0, 256)},
      {{"worker_threads", "WORKSTEAD_WORKER_THREADS", "--worker-threads", "32",
        "threads for database, password hashing and other blocking work"},
       IntSetting(&Config::worker_threads, 1, 1024)},
      {{"max_connections", "WORKSTEAD_MAX_CONNECTIONS", "--max-connections", "10000",
        "open HTTP and WebSocket connections at most"},
       IntSetting(&Config::max_connections, 1, 1000000)},
      {{"request_timeout_seconds", "WORKSTEAD_REQUEST_TIMEOUT_SECONDS", "--request-timeout-seconds",
        "30", "time allowed to send one request"},
       IntSetting(&Config::request_timeout_seconds, 1, 3600)},
      {{"idle_timeout_seconds", "WORKSTEAD_IDLE_TIMEOUT_SECONDS", "--idle-timeout-seconds", "75",
        "an idle keep-alive connection is closed after this"},
       IntSetting(&Config::idle_timeout_seconds, 1, 3600)},
      {{"shutdown_grace_seconds", "WORKSTEAD_SHUTDOWN_GRACE_SECONDS", "--shutdown-grace-seconds",
        "10", "on SIGTERM, how long in-flight requests may finish"},
       IntSetting(&Config::shutdown_grace_seconds, 0, 600)},
      {{"max_body_bytes", "WORKSTEAD_MAX_BODY_BYTES", "--max-body-bytes", "1048576",
        "largest JSON body accepted (routes may set their own)"},
       [](Config& c, std::string_view t) {
         return ParseIntInto(t, 1024, int64_t{1} << 30, c.max_body_bytes);
       }},
      {{"db_pool_size", "WORKSTEAD_DB_POOL_SIZE", "--db-pool-size", "16",
        "PostgreSQL connections, or SQLite read connections"},
       IntSetting(&Config::db_pool_size, 1, 512)},
      {{"sqlite_synchronous", "WORKSTEAD_SQLITE_SYNCHRONOUS", "--sqlite-synchronous", "full",
        "full: an acknowledged write survives power loss; normal: may lose the last commits"},
       ChoiceSetting(&Config::sqlite_synchronous, {"full", "normal"})},
      {{"secret_key", "WORKSTEAD_SECRET_KEY", "--secret-key", "(generated)",
        "signing key for access tokens; generated into DATA_DIR/secret.key when empty"},
       ApplySecret},
      {{"access_token_ttl_seconds", "WORKSTEAD_ACCESS_TOKEN_TTL_SECONDS",
        "--access-token-ttl-seconds", "900", "lifetime of an access token"},
       IntSetting(&Config::access_token_ttl_seconds, 30, 86400)},
      {{"session_idle_days", "WORKSTEAD_SESSION_IDLE_DAYS", "--session-idle-days", "14",
        "a session unused this long ends"},
       IntSetting(&Config::session_idle_days, 1, 3650)},
      {{"session_max_days", "WORKSTEAD_SESSION_MAX_DAYS", "--session-max-days", "90",
        "a session ends this long after sign-in, used or not"},
       IntSetting(&Config::session_max_days, 1, 3650)},
      {{"smtp_url", "WORKSTEAD_SMTP_URL", "--smtp-url", "(outbox folder)",
        "smtp://user:pass@host:port (STARTTLS when offered) or smtps://…"},
       ApplySmtpUrl},
      {{"mail_from", "WORKSTEAD_MAIL_FROM", "--mail-from", "Workstead <workstead@localhost>",
        "From: of outgoing mail"},
       TextSetting(&Config::mail_from)},
      {{"rate_limit_per_ip", "WORKSTEAD_RATE_LIMIT_PER_IP", "--rate-limit-per-ip", "100",
        "requests per second one IP may make (0: off)"},
       IntSetting(&Config::rate_limit_per_ip, 0, 1000000)},
      {{"trust_proxy", "WORKSTEAD_TRUST_PROXY", "--trust-proxy", "false",
        "take the client IP from X-Forwarded-For (only behind your own proxy)"},
       BoolSetting(&Config::trust_proxy)},
      {{"realtime_auth_timeout_seconds", "WORKSTEAD_REALTIME_AUTH_TIMEOUT_SECONDS",
        "--realtime-auth-timeout-seconds", "10",
        "a WebSocket that has not authenticated by then is closed"},
       IntSetting(&Config::realtime_auth_timeout_seconds, 1, 300)},
      {{"realtime_heartbeat_seconds", "WORKSTEAD_REALTIME_HEARTBEAT_SECONDS",
        "--realtime-heartbeat-seconds", "60",
        "a WebSocket silent this long (pinged at half of it) is closed and its user goes offline"},
       IntSetting(&Config::realtime_heartbeat_seconds, 1, 3600)},
      {{"realtime_max_replay", "WORKSTEAD_REALTIME_MAX_REPLAY", "--realtime-max-replay", "1000",
        "a resume further behind than this many events gets reset instead of a replay"},
       IntSetting(&Config::realtime_max_replay, 0, 1000000)},
      {{"realtime_send_queue_bytes", "WORKSTEAD_REALTIME_SEND_QUEUE_BYTES",
        "--realtime-send-queue-bytes", "1048576",
        "a WebSocket with more unsent bytes is sent reset and closed"},
       IntSetting(&Config::realtime_send_queue_bytes, 4096, 1 << 30)},
      {{"realtime_send_queue_messages", "WORKSTEAD_REALTIME_SEND_QUEUE_MESSAGES",
        "--realtime-send-queue-messages", "4096",
        "a WebSocket with more unsent messages is sent reset and closed"},
       IntSetting(&Config::realtime_send_queue_messages, 16, 1000000)},
      {{"realtime_max_per_user", "WORKSTEAD_REALTIME_MAX_PER_USER", "--realtime-max-per-user", "50",
        "open WebSockets one user may have"},
       IntSetting(&Config::realtime_max_per_user, 1, 1000000)},
      {{"realtime_max_per_ip", "WORKSTEAD_REALTIME_MAX_PER_IP", "--realtime-max-per-ip", "1000",
        "open WebSockets one IP may have"},
       IntSetting(&Config::realtime_max_per_ip, 1, 1000000)},
      {{"realtime_messages_per_second", "WORKSTEAD_REALTIME_MESSAGES_PER_SECOND",
        "--realtime-messages-per-second", "20",
        "messages one WebSocket may send per second (bursts of twice as many)"},
       IntSetting(&Config::realtime_messages_per_second, 1, 100000)},
      {{"realtime_away_seconds", "WORKSTEAD_REALTIME_AWAY_SECONDS", "--realtime-away-seconds",
        "300", "a connected user who sent nothing this long shows as away"},
       IntSetting(&Config::realtime_away_seconds, 1, 86400)},
  };
  return table;
}

Status ApplyOne(Config& config, const Setting& setting, std::string_view source,
                std::string_view text) {
  std::string why = setting.apply(config, text);
  if (why.empty()) return {};
  AppError error = AppError::BadRequest("");
  error.message = std::string(source) + " " + std::string(why);
  return error;
}

Status ApplyFile(Config& config, const std::string& path) {
  toml::table file;
  try {
    file = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return AppError::BadRequest("config file " + path + ": " + std::string(e.description()));
  }
  for (const auto& [key, node] : file) {
    const Setting* found = nullptr;
    for (const auto& s : Table()) {
      if (s.info.key == key.str()) found = &s;
    }
    if (found == nullptr) {
      return AppError::BadRequest("config file " + path + ": unknown setting '" +
                                  std::string(key.str()) + "'");
    }
    std::string text;
    if (auto s = node.value<std::string>(); s && node.is_string()) {
      text = *s;
    } else if (node.is_integer()) {
      text = std::to_string(*node.value<int64_t>());
    } else if (node.is_boolean()) {
      text = *node.value<bool>() ? "true" : "false";
    } else {
      return AppError::BadRequest("config file " + path + ": " + std::string(key.str()) +
                                  " must be a string, integer or boolean");
    }
    WS_TRY(ApplyOne(config, *found, "config file setting " + std::string(key.str()), text));
  }
  return {};
}

}  // namespace

const std::vector<SettingInfo>& Settings() {
  static const std::vector<SettingInfo> infos = [] {
    std::vector<SettingInfo> out;
    for (const auto& s : Table()) out.push_back(s.info);
    return out;
  }();
  return infos;
}

std::map<std::string, std::string> ProcessEnvironment() {
  std::map<std::string, std::string> out;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string_view entry(*e);
    if (!entry.starts_with("WORKSTEAD_")) continue;
    const size_t eq = entry.find('=');
    if (eq == entry.npos) continue;
    out.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
  }
  return out;
}

Result<Config> LoadConfig(const std::string& config_path,
                          const std::map<std::string, std::string>& env,
                          const std::map<std::string, std::string>& flags) {
  Config config;
  std::string path = config_path;
  if (path.empty()) {
    if (auto it = env.find("WORKSTEAD_CONFIG"); it != env.end()) path = it->second;
  }
  if (!path.empty()) WS_TRY(ApplyFile(config, path));
  for (const auto& [name, value] : env) {
    if (name == "WORKSTEAD_CONFIG") continue;
    const Setting* found = nullptr;
    for (const auto& s : Table()) {
      if (s.info.env == name) found = &s;
    }
    if (found == nullptr) {
      // A typo in a variable name should not silently fall back to a default.
      return AppError::BadRequest("environment variable " + name + " is not a known setting");
    }
    WS_TRY(ApplyOne(config, *found, name, value));
  }
  for (const auto& [key, value] : flags) {
    for (const auto& s : Table()) {
      if (s.info.key == key) WS_TRY(ApplyOne(config, s, s.info.flag, value));
    }
  }
  if (config.data_dir.empty()) return AppError::BadRequest("data_dir must not be empty");
  if (config.database_url.empty())
    config.database_url = "sqlite:" + config.data_dir + "/workstead.db";
  if (config.public_url.empty()) {
    const bool v6 = config.listen_host.find(':') != std::string::npos;
    config.public_url = "http://" + (v6 ? "[" + config.listen_host + "]" : config.listen_host) +
                        ":" + std::to_string(config.listen_port);
  }
  if (config.session_idle_days > config.session_max_days) {
    return AppError::BadRequest("session_idle_days must not exceed session_max_days");
  }
  return config;
}

}  // namespace ws
