#include "core/config.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace ws {
namespace {

TEST(Config, DefaultsDeriveDatabaseAndPublicUrl) {
  auto c = LoadConfig("", {}, {});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->listen_host, "127.0.0.1");
  EXPECT_EQ(c->listen_port, 8080);
  EXPECT_EQ(c->data_dir, "./data");
  EXPECT_EQ(c->database_url, "sqlite:./data/workstead.db");
  EXPECT_EQ(c->public_url, "http://127.0.0.1:8080");
  EXPECT_EQ(c->sqlite_synchronous, "full");
}

TEST(Config, FileThenEnvironmentThenFlags) {
  const std::string path = testing::TempDir() + "/ws-config-test.toml";
  std::ofstream(path) << "listen = \"0.0.0.0:9000\"\nworker_threads = 4\ntrust_proxy = true\n"
                         "data_dir = \"/srv/file\"\n";
  auto c = LoadConfig(path, {{"WORKSTEAD_DATA_DIR", "/srv/env"}, {"WORKSTEAD_WORKER_THREADS", "6"}},
                      {{"worker_threads", "8"}});
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->listen_host, "0.0.0.0");
  EXPECT_EQ(c->listen_port, 9000);
  EXPECT_EQ(c->data_dir, "/srv/env");
  EXPECT_EQ(c->worker_threads, 8);
  EXPECT_TRUE(c->trust_proxy);
  EXPECT_EQ(c->database_url, "sqlite:/srv/env/workstead.db");
  std::remove(path.c_str());
}

TEST(Config, BadValuesNameTheSettingAndWhy) {
  struct Case {
    std::map<std::string, std::string> env, flags;
    std::string must_mention;
  } cases[] = {
      {{{"WORKSTEAD_LISTEN", "nonsense"}}, {}, "WORKSTEAD_LISTEN"},
      {{{"WORKSTEAD_LISTEN", "127.0.0.1:99999"}}, {}, "port"},
      {{}, {{"worker_threads", "zero"}}, "--worker-threads"},
      {{}, {{"io_threads", "-1"}}, "between"},
      {{{"WORKSTEAD_DATABASE_URL", "mysql://x"}}, {}, "sqlite: or postgres://"},
      {{{"WORKSTEAD_SQLITE_SYNCHRONOUS", "off"}}, {}, "full, normal"},
      {{{"WORKSTEAD_PUBLIC_URL", "ftp://x"}}, {}, "http"},
      {{{"WORKSTEAD_NO_SUCH_THING", "1"}}, {}, "WORKSTEAD_NO_SUCH_THING"},
      {{{"WORKSTEAD_SECRET_KEY", "short"}}, {}, "32"},
      {{{"WORKSTEAD_SESSION_IDLE_DAYS", "100"}, {"WORKSTEAD_SESSION_MAX_DAYS", "10"}},
       {},
       "session_idle_days"},
  };
  for (const auto& c : cases) {
    auto r = LoadConfig("", c.env, c.flags);
    ASSERT_FALSE(r.ok()) << c.must_mention;
    EXPECT_NE(r.error().message.find(c.must_mention), std::string::npos) << r.error().message;
  }
}

TEST(Config, FileErrorsAreReported) {
  const std::string path = testing::TempDir() + "/ws-config-bad.toml";
  std::ofstream(path) << "listen = \"127.0.0.1:1\"\nlisten_typo = 3\n";
  auto r = LoadConfig(path, {}, {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("unknown setting 'listen_typo'"), std::string::npos);
  std::ofstream(path) << "listen = \n";
  EXPECT_FALSE(LoadConfig(path, {}, {}).ok());
  EXPECT_FALSE(LoadConfig(path + ".missing", {}, {}).ok());
  std::remove(path.c_str());
}

TEST(Config, EverySettingIsDocumented) {
  for (const auto& s : Settings()) {
    EXPECT_TRUE(s.env.starts_with("WORKSTEAD_")) << s.key;
    EXPECT_TRUE(s.flag.starts_with("--")) << s.key;
    EXPECT_FALSE(s.help.empty()) << s.key;
  }
}

}  // namespace
}  // namespace ws
