#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace ws {

/// Length rules for a string field, counted in Unicode code points.
struct TextRule {
  bool required = false;
  size_t min = 0;
  size_t max = 1000;
  bool trim = true;
};

/// Reads a JSON object body field by field, collecting every field error so
/// the client gets all of them at once; `Finish` rejects unknown fields.
class JsonInput {
 public:
  /// 400 for malformed JSON, a non-object, or nesting deeper than 32.
  static Result<JsonInput> Parse(std::string_view body);
  /// An empty object: for bodiless requests whose fields are all optional.
  static JsonInput Empty();

  bool Has(std::string_view key) const;
  /// Present and JSON null (PATCH uses it to clear a field).
  bool IsNull(std::string_view key) const;
  std::optional<std::string> Text(std::string_view key, TextRule rule = {});
  std::optional<bool> Bool(std::string_view key, bool required = false);
  std::optional<int64_t> Int(std::string_view key, int64_t min, int64_t max, bool required = false);
  /// Lower-cased email, validated for shape and length.
  std::optional<std::string> Email(std::string_view key, bool required = true);
  /// One of `allowed` (a string).
  std::optional<std::string> OneOf(std::string_view key,
                                   std::initializer_list<std::string_view> allowed,
                                   bool required = false);
  /// The raw value, marking the key as known.
  const boost::json::value* Raw(std::string_view key);
  /// Records a field error found by the caller's own rule.
  void Fail(std::string_view key, std::string message);

  /// 422 naming every bad or unknown field, or ok.
  Status Finish();

 private:
  explicit JsonInput(boost::json::object object) : object_(std::move(object)) {}
  const boost::json::value* Lookup(std::string_view key);

  boost::json::object object_;
  std::set<std::string, std::less<>> seen_;
  std::map<std::string, std::string> errors_;
};

/// Counts UTF-8 code points; returns false for invalid UTF-8.
bool Utf8Length(std::string_view text, size_t& length);
bool IsValidEmail(std::string_view email);
/// `text` with ASCII letters lower-cased (emails, header values).
std::string AsciiLower(std::string_view text);

}  // namespace ws
