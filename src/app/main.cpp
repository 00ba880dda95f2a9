// workstead: the single binary. `serve` runs the server, `migrate` brings
// the schema up to date, `version` prints the version.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>

#include "app/app.hpp"
#include "core/config.hpp"
#include "core/log.hpp"
#include "db/migrate.hpp"

namespace {

constexpr int kConfigError = 2;

struct Common {
  std::string config_path;
  std::map<std::string, std::string> flags;
};

void AddSettingFlags(CLI::App& command, Common& common) {
  command.add_option("--config", common.config_path, "TOML settings file (WORKSTEAD_CONFIG)");
  for (const auto& s : ws::Settings()) {
    const std::string key(s.key);
    command
        .add_option_function<std::string>(
            std::string(s.flag), [&common, key](const std::string& v) { common.flags[key] = v; },
            std::string(s.help) + " (" + std::string(s.env) + ", default " +
                std::string(s.default_text) + ")")
        ->type_name("VALUE");
  }
}

std::optional<ws::Config> Load(const Common& common) {
  auto config = ws::LoadConfig(common.config_path, ws::ProcessEnvironment(), common.flags);
  if (!config) {
    std::fprintf(stderr, "workstead: configuration error: %s\n", config.error().message.c_str());
    return std::nullopt;
  }
  ws::log::Level level = ws::log::Level::kInfo;
  ws::log::ParseLevel(config->log_level, level);
  ws::log::SetLevel(level);
  if (!config->log_file.empty() && !ws::log::SetFile(config->log_file)) {
    std::fprintf(stderr, "workstead: configuration error: log_file %s cannot be opened\n",
                 config->log_file.c_str());
    return std::nullopt;
  }
  return std::move(config).value();
}

int Serve(const Common& common) {
  auto config = Load(common);
  if (!config) return kConfigError;
  ws::app::App app(*config);
  app.HandleSignals();
  if (ws::Status s = app.Init(); !s) {
    std::fprintf(stderr, "workstead: cannot start: %s%s%s\n", s.error().message.c_str(),
                 s.error().detail.empty() ? "" : ": ", s.error().detail.c_str());
    return 1;
  }
  ws::log::Info(
      "ready", {{"url", config->public_url},
                {"port", int(app.port())},
                {"database", config->database_url.starts_with("sqlite:") ? "sqlite" : "postgres"}});
  std::printf("Workstead %s is running at %s\n", std::string(ws::app::Version()).c_str(),
              config->public_url.c_str());
  std::fflush(stdout);
  app.Run();
  app.Stop();
  ws::log::Info("stopped");
  return 0;
}

int Migrate(const Common& common) {
  auto config = Load(common);
  if (!config) return kConfigError;
  ws::db::Options options;
  options.pool_size = 1;
  auto db = ws::db::Open(config->database_url, options);
  if (!db) {
    std::fprintf(stderr, "workstead: %s %s\n", db.error().message.c_str(),
                 db.error().detail.c_str());
    return 1;
  }
  auto applied = ws::db::ApplyMigrations(**db);
  if (!applied) {
    std::fprintf(stderr, "workstead: %s\n", applied.error().message.c_str());
    return 1;
  }
  std::printf("schema at version %d (%d migration%s applied)\n",
              ws::db::LatestVersion((*db)->backend()), *applied, *applied == 1 ? "" : "s");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli("Workstead: a self-hosted team workspace", "workstead");
  cli.require_subcommand(1);
  Common common;
  CLI::App* serve = cli.add_subcommand("serve", "Run the HTTP server and the job worker");
  AddSettingFlags(*serve, common);
  CLI::App* migrate = cli.add_subcommand("migrate", "Apply pending database migrations and exit");
  AddSettingFlags(*migrate, common);
  CLI::App* version = cli.add_subcommand("version", "Print the version");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? 0 : kConfigError;
  }
  if (*serve) return Serve(common);
  if (*migrate) return Migrate(common);
  if (*version) {
    std::printf("workstead %s\n", std::string(ws::app::Version()).c_str());
    return 0;
  }
  return kConfigError;
}
