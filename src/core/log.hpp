#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <variant>

namespace ws::log {

enum class Level { kDebug, kInfo, kWarn, kError };

/// One key/value of a structured log line.
struct Field {
  std::string_view key;
  std::variant<std::string_view, int64_t, double, bool> value;
  Field(std::string_view k, std::string_view v) : key(k), value(v) {}
  Field(std::string_view k, const std::string& v) : key(k), value(std::string_view(v)) {}
  Field(std::string_view k, const char* v) : key(k), value(std::string_view(v)) {}
  Field(std::string_view k, int64_t v) : key(k), value(v) {}
  Field(std::string_view k, int v) : key(k), value(int64_t{v}) {}
  Field(std::string_view k, uint64_t v) : key(k), value(static_cast<int64_t>(v)) {}
  Field(std::string_view k, double v) : key(k), value(v) {}
  Field(std::string_view k, bool v) : key(k), value(v) {}
};

/// Parses `debug|info|warn|error`.
bool ParseLevel(std::string_view text, Level& out);
void SetLevel(Level level);
/// Appends log lines to `path` instead of stderr (empty: back to stderr).
bool SetFile(const std::string& path);
bool Enabled(Level level);

/// Writes one JSON line: {"ts","level","msg",...fields}. Warnings and
/// errors are written at once (with every line before them); info and debug
/// lines are gathered and written within 100 ms or 64 KiB, and at exit.
void Write(Level level, std::string_view msg, std::initializer_list<Field> fields = {});
/// Writes the gathered lines now.
void Flush();
inline void Debug(std::string_view m, std::initializer_list<Field> f = {}) {
  Write(Level::kDebug, m, f);
}
inline void Info(std::string_view m, std::initializer_list<Field> f = {}) {
  Write(Level::kInfo, m, f);
}
inline void Warn(std::string_view m, std::initializer_list<Field> f = {}) {
  Write(Level::kWarn, m, f);
}
inline void Error(std::string_view m, std::initializer_list<Field> f = {}) {
  Write(Level::kError, m, f);
}

/// Appends `text` to `out` as the inside of a JSON string literal.
void AppendJsonEscaped(std::string& out, std::string_view text);

}  // namespace ws::log
