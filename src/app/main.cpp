// workstead: the single binary. `serve` runs the server, `migrate` brings
// the schema up to date, `admin` helps a locked-out operator, `version`
// prints the version.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>

#include "app/app.hpp"
#include "core/config.hpp"
#include "core/crypto.hpp"
#include "core/log.hpp"
#include "db/migrate.hpp"
#include "modules/auth/jwt.hpp"
#include "modules/auth/rate_limiter.hpp"
#include "modules/auth/service.hpp"

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
  ws::log::Flush();
  std::printf("Workstead %s is running at %s\n", std::string(ws::app::Version()).c_str(),
              config->public_url.c_str());
  std::fflush(stdout);
  app.Run();
  app.Stop();
  ws::log::Info("stopped");
  ws::log::Flush();
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

struct AdminArgs {
  std::string email;
  std::string name;
  std::string password;
  bool admin = false;
};

void PrintError(const ws::AppError& error) {
  std::fprintf(stderr, "workstead: %s\n", error.message.c_str());
  if (!error.detail.empty()) std::fprintf(stderr, "  (%s)\n", error.detail.c_str());
}

/// `admin create-user` and `admin reset-password`: straight to the database,
/// for an operator who cannot sign in.
int Admin(const Common& common, const AdminArgs& args, bool create) {
  auto config = Load(common);
  if (!config) return kConfigError;
  ws::db::Options options;
  options.pool_size = 1;
  auto db = ws::db::Open(config->database_url, options);
  if (!db) {
    PrintError(db.error());
    return 1;
  }
  if (auto applied = ws::db::ApplyMigrations(**db); !applied) {
    PrintError(applied.error());
    return 1;
  }
  // No tokens are signed here: a throw-away key keeps secret.key untouched.
  auto keyring = ws::auth::Keyring::FromSecrets({ws::RandomToken()});
  ws::auth::MemoryRateLimiter limiter;
  ws::auth::Service service({**db, *config, *keyring, limiter, nullptr, nullptr});
  const bool generated = args.password.empty();
  const std::string password = generated ? ws::RandomToken().substr(0, 24) : args.password;
  int code = 0;
  if (create) {
    auto user = service.OperatorCreateUser(args.email, args.name, password, args.admin);
    if (!user) {
      PrintError(user.error());
      code = 1;
    } else {
      std::printf("created %s%s (id %s)\n", user->email.c_str(),
                  user->is_instance_admin ? ", instance admin" : "", user->id.c_str());
    }
  } else if (ws::Status s = service.OperatorResetPassword(args.email, password); !s) {
    PrintError(s.error());
    code = 1;
  } else {
    std::printf("password of %s reset; every session of the account ended\n", args.email.c_str());
  }
  if (code == 0 && generated) std::printf("password: %s\n", password.c_str());
  (*db)->Close();
  return code;
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
  CLI::App* admin = cli.add_subcommand("admin", "Manage accounts without signing in");
  admin->require_subcommand(1);
  AdminArgs admin_args;
  CLI::App* create_user = admin->add_subcommand("create-user", "Create an account");
  AddSettingFlags(*create_user, common);
  create_user->add_option("--email", admin_args.email, "email address")->required();
  create_user->add_option("--name", admin_args.name, "display name")->required();
  create_user->add_option("--password", admin_args.password,
                          "password (default: a generated one, printed)");
  create_user->add_flag("--admin", admin_args.admin, "make the account an instance admin");
  CLI::App* reset_password =
      admin->add_subcommand("reset-password", "Set a new password and end every session");
  AddSettingFlags(*reset_password, common);
  reset_password->add_option("--email", admin_args.email, "email address")->required();
  reset_password->add_option("--password", admin_args.password,
                             "new password (default: a generated one, printed)");
  CLI::App* version = cli.add_subcommand("version", "Print the version");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? 0 : kConfigError;
  }
  if (*serve) return Serve(common);
  if (*migrate) return Migrate(common);
  if (*create_user) return Admin(common, admin_args, true);
  if (*reset_password) return Admin(common, admin_args, false);
  if (*version) {
    std::printf("workstead %s\n", std::string(ws::app::Version()).c_str());
    return 0;
  }
  return kConfigError;
}
