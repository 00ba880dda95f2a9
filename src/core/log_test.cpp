#include "core/log.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace ws::log {
namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class LogFile : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("ws-log-test-" + std::to_string(::getpid()) + ".log"))
                .string();
    std::filesystem::remove(path_);
    ASSERT_TRUE(SetFile(path_));
    SetLevel(Level::kInfo);
  }
  void TearDown() override {
    SetFile("");
    SetLevel(Level::kWarn);
    std::filesystem::remove(path_);
  }
  std::string path_;
};

TEST_F(LogFile, InfoLinesAreGatheredAndWrittenOnFlush) {
  Info("first", {{"n", 1}});
  Info("second", {{"n", 2}});
  Flush();
  const std::string text = ReadAll(path_);
  const auto first = text.find("\"msg\":\"first\"");
  const auto second = text.find("\"msg\":\"second\"");
  ASSERT_NE(first, std::string::npos) << text;
  ASSERT_NE(second, std::string::npos) << text;
  EXPECT_LT(first, second);
}

TEST_F(LogFile, AWarningIsWrittenAtOnceAfterThePendingLines) {
  Info("before the warning");
  Warn("the warning");
  // No Flush(): the warning took the pending line with it, in order.
  const std::string text = ReadAll(path_);
  const auto info = text.find("before the warning");
  const auto warn = text.find("the warning\"");
  ASSERT_NE(info, std::string::npos) << text;
  ASSERT_NE(warn, std::string::npos) << text;
  EXPECT_LT(info, warn);
}

TEST_F(LogFile, PendingLinesAreWrittenWithoutAFlushCall) {
  Info("written by the flusher");
  for (int i = 0; i < 100 && ReadAll(path_).find("written by the flusher") == std::string::npos;
       ++i) {
    usleep(20'000);
  }
  EXPECT_NE(ReadAll(path_).find("written by the flusher"), std::string::npos);
}

TEST_F(LogFile, SwitchingFilesWritesThePendingLinesToTheOldOne) {
  Info("for the old file");
  const std::string other = path_ + ".2";
  ASSERT_TRUE(SetFile(other));
  Flush();
  EXPECT_NE(ReadAll(path_).find("for the old file"), std::string::npos);
  EXPECT_EQ(ReadAll(other).find("for the old file"), std::string::npos);
  SetFile("");
  std::filesystem::remove(other);
}

}  // namespace
}  // namespace ws::log
