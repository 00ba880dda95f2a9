#include "core/json_input.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>

namespace ws {

namespace {

std::string_view Trim(std::string_view s) {
  const auto not_space = [](char c) { return c != ' ' && c != '\t' && c != '\n' && c != '\r'; };
  const auto begin = std::find_if(s.begin(), s.end(), not_space);
  const auto end = std::find_if(s.rbegin(), s.rend(), not_space).base();
  return begin < end ? std::string_view(&*begin, size_t(end - begin)) : std::string_view();
}

}  // namespace

bool Utf8Length(std::string_view text, size_t& length) {
  length = 0;
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t n;
    if (c < 0x80)
      n = 1;
    else if ((c >> 5) == 0x6)
      n = 2;
    else if ((c >> 4) == 0xe)
      n = 3;
    else if ((c >> 3) == 0x1e)
      n = 4;
    else
      return false;
    if (i + n > text.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2) return false;
    }
    i += n;
    ++length;
  }
  return true;
}

bool IsValidEmail(std::string_view email) {
  if (email.size() < 3 || email.size() > 254) return false;
  const size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || at > 64 || email.find('@', at + 1) != email.npos) {
    return false;
  }
  const std::string_view domain = email.substr(at + 1);
  if (domain.empty() || domain.front() == '.' || domain.back() == '.' ||
      domain.find("..") != domain.npos) {
    return false;
  }
  return std::all_of(email.begin(), email.end(), [](char c) {
    return static_cast<unsigned char>(c) > 0x20 && c != '<' && c != '>' && c != '(' && c != ')' &&
           c != ',' && c != ';' && c != ':' && c != '\\' && c != '"' && c != '[' && c != ']' &&
           static_cast<unsigned char>(c) < 0x7f;
  });
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Result<JsonInput> JsonInput::Parse(std::string_view body) {
  if (Trim(body).empty()) return AppError::BadRequest("request body must be a JSON object");
  boost::json::parse_options options;
  options.max_depth = 32;
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(body, ec, {}, options);
  if (ec) return AppError::BadRequest("malformed JSON: " + ec.message());
  if (!value.is_object()) return AppError::BadRequest("request body must be a JSON object");
  return JsonInput(std::move(value.as_object()));
}

JsonInput JsonInput::Empty() { return JsonInput(boost::json::object()); }

const boost::json::value* JsonInput::Lookup(std::string_view key) {
  seen_.emplace(key);
  return object_.if_contains(key);
}

bool JsonInput::Has(std::string_view key) const { return object_.contains(key); }

bool JsonInput::IsNull(std::string_view key) const {
  const auto* v = object_.if_contains(key);
  return v != nullptr && v->is_null();
}

void JsonInput::Fail(std::string_view key, std::string message) {
  errors_.emplace(std::string(key), std::move(message));
}

const boost::json::value* JsonInput::Raw(std::string_view key) { return Lookup(key); }

std::optional<std::string> JsonInput::Text(std::string_view key, TextRule rule) {
  const auto* v = Lookup(key);
  if (v == nullptr || v->is_null()) {
    if (rule.required) Fail(key, "is required");
    return std::nullopt;
  }
  if (!v->is_string()) {
    Fail(key, "must be a string");
    return std::nullopt;
  }
  std::string_view text(v->as_string());
  if (rule.trim) text = Trim(text);
  size_t length = 0;
  if (!Utf8Length(text, length)) {
    Fail(key, "must be valid UTF-8");
    return std::nullopt;
  }
  if (text.find('\0') != text.npos) {
    Fail(key, "must not contain NUL characters");
    return std::nullopt;
  }
  if (rule.required && rule.min <= 1 && length == 0) {
    Fail(key, "must not be empty");
    return std::nullopt;
  }
  if (length < rule.min) {
    Fail(key, "must be at least " + std::to_string(rule.min) + " characters");
    return std::nullopt;
  }
  if (length > rule.max) {
    Fail(key, "must be at most " + std::to_string(rule.max) + " characters");
    return std::nullopt;
  }
  return std::string(text);
}

std::optional<bool> JsonInput::Bool(std::string_view key, bool required) {
  const auto* v = Lookup(key);
  if (v == nullptr || v->is_null()) {
    if (required) Fail(key, "is required");
    return std::nullopt;
  }
  if (!v->is_bool()) {
    Fail(key, "must be true or false");
    return std::nullopt;
  }
  return v->as_bool();
}

std::optional<int64_t> JsonInput::Int(std::string_view key, int64_t min, int64_t max,
                                      bool required) {
  const auto* v = Lookup(key);
  if (v == nullptr || v->is_null()) {
    if (required) Fail(key, "is required");
    return std::nullopt;
  }
  int64_t out;
  if (v->is_int64()) {
    out = v->as_int64();
  } else if (v->is_uint64() && v->as_uint64() <= uint64_t(INT64_MAX)) {
    out = static_cast<int64_t>(v->as_uint64());
  } else {
    Fail(key, "must be an integer");
    return std::nullopt;
  }
  if (out < min || out > max) {
    Fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return out;
}

std::optional<std::string> JsonInput::Email(std::string_view key, bool required) {
  auto text = Text(key, {.required = required, .min = 0, .max = 254});
  if (!text) return std::nullopt;
  *text = AsciiLower(*text);
  if (!IsValidEmail(*text)) {
    Fail(key, "must be a valid email address");
    return std::nullopt;
  }
  return text;
}

std::optional<std::string> JsonInput::OneOf(std::string_view key,
                                            std::initializer_list<std::string_view> allowed,
                                            bool required) {
  auto text = Text(key, {.required = required, .min = 0, .max = 64});
  if (!text) return std::nullopt;
  if (std::find(allowed.begin(), allowed.end(), *text) == allowed.end()) {
    std::string list;
    for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    Fail(key, "must be one of: " + list);
    return std::nullopt;
  }
  return text;
}

Status JsonInput::Finish() {
  for (const auto& kv : object_) {
    if (!seen_.contains(std::string_view(kv.key()))) {
      errors_.emplace(std::string(kv.key()), "is not a known field");
    }
  }
  if (errors_.empty()) return {};
  AppError error{ErrorCode::kValidationFailed, "", {}, std::move(errors_), 0};
  for (const auto& [field, message] : error.fields) {
    error.message += (error.message.empty() ? "" : "; ") + field + " " + message;
  }
  return error;
}

}  // namespace ws
