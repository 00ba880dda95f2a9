#include "http/message.hpp"

#include <strings.h>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace ws::http {

namespace {

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string_view MethodName(Method method) {
  switch (method) {
    case Method::kGet:
      return "GET";
    case Method::kHead:
      return "HEAD";
    case Method::kPost:
      return "POST";
    case Method::kPut:
      return "PUT";
    case Method::kPatch:
      return "PATCH";
    case Method::kDelete:
      return "DELETE";
    case Method::kOptions:
      return "OPTIONS";
    case Method::kOther:
      return "OTHER";
  }
  return "OTHER";
}

bool PercentDecode(std::string_view in, std::string& out, bool plus_is_space) {
  out.clear();
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      const int hi = HexValue(in[i + 1]);
      const int lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

std::string_view Request::Header(std::string_view name) const {
  for (const auto& h : headers) {
    if (IEquals(h.name, name)) return h.value;
  }
  return {};
}

std::optional<std::string> Request::Query(std::string_view key) const {
  std::string_view rest = query;
  while (!rest.empty()) {
    const size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == rest.npos ? std::string_view() : rest.substr(amp + 1);
    const size_t eq = pair.find('=');
    std::string name;
    if (!PercentDecode(pair.substr(0, eq), name, true) || name != key) continue;
    std::string value;
    if (eq != pair.npos && !PercentDecode(pair.substr(eq + 1), value, true)) return std::nullopt;
    return value;
  }
  return std::nullopt;
}

const std::string& Request::Param(std::string_view name) const {
  static const std::string kEmpty;
  for (const auto& [key, value] : params) {
    if (key == name) return value;
  }
  return kEmpty;
}

std::string_view Request::Cookie(std::string_view name) const {
  for (const auto& h : headers) {
    if (!IEquals(h.name, "cookie")) continue;
    std::string_view rest = h.value;
    while (!rest.empty()) {
      const size_t semi = rest.find(';');
      std::string_view pair = rest.substr(0, semi);
      rest = semi == rest.npos ? std::string_view() : rest.substr(semi + 1);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      const size_t eq = pair.find('=');
      if (eq != pair.npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
    }
  }
  return {};
}

std::string Request::UserAgent() const {
  std::string_view ua = Header("user-agent");
  return std::string(ua.substr(0, 512));
}

Response Response::Json(const boost::json::value& value, int status) {
  Response r;
  r.status = status;
  r.body = boost::json::serialize(value);
  return r;
}

Response Response::NoContent() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

Response Response::Text(std::string body, std::string content_type, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.content_type = std::move(content_type);
  return r;
}

std::string_view BearerCredential(std::string_view header) {
  constexpr std::string_view kScheme = "bearer ";
  if (header.size() <= kScheme.size() ||
      strncasecmp(header.data(), kScheme.data(), kScheme.size()) != 0) {
    return {};
  }
  std::string_view credential = header.substr(kScheme.size());
  while (!credential.empty() && credential.front() == ' ') credential.remove_prefix(1);
  while (!credential.empty() && credential.back() == ' ') credential.remove_suffix(1);
  return credential;
}

}  // namespace ws::http
