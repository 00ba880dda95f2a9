#include "mail/mailer.hpp"

#include <time.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <string_view>

#include "core/clock.hpp"
#include "core/crypto.hpp"

namespace ws::mail {

// The two transports, defined in smtp_mailer.cpp and outbox_mailer.cpp. They
// get messages already checked by CheckedMailer below.
namespace internal {
Result<std::unique_ptr<Mailer>> NewSmtpMailer(const std::string& smtp_url,
                                              const std::string& from_header,
                                              const std::string& from_address);
std::unique_ptr<Mailer> NewOutboxMailer(const std::string& data_dir,
                                        const std::string& from_header);
}  // namespace internal

namespace {

constexpr std::string_view kCrlf = "\r\n";
// Keeps quoted-printable lines at RFC 2045's 76 characters (75 plus '=').
constexpr size_t kQpLineLimit = 75;
// 39 bytes become 52 base64 characters: "Subject: " plus one word stays under 78.
constexpr size_t kEncodedWordBytes = 39;

std::string RandomHex(size_t bytes) {
  std::string raw(bytes, '\0');
  RandomBytes(raw.data(), raw.size());
  return HexEncode(raw);
}

bool HasLineBreak(std::string_view text) { return text.find_first_of("\r\n") != text.npos; }

/// Header text with any CR or LF turned into a space: Send refuses them, and
/// Render must never emit an extra header whatever it is given.
std::string OneLine(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  return out;
}

bool NeedsEncoding(std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte > 0x7e) return true;
  }
  // Plain text that looks like an encoded word would be decoded by readers.
  return text.find("=?") != text.npos;
}

/// RFC 2047 encoded words (UTF-8, base64), split on character boundaries and
/// folded onto continuation lines.
std::string EncodedWords(std::string_view text) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = std::min(text.size(), start + kEncodedWordBytes);
    while (end < text.size() && end > start + 1 &&
           (static_cast<unsigned char>(text[end]) & 0xc0) == 0x80) {
      --end;
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64Encode(text.substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

std::string HeaderText(std::string_view text) {
  std::string line = OneLine(text);
  return NeedsEncoding(line) ? EncodedWords(line) : line;
}

/// `Name <addr>` with a non-ASCII name encoded; the address is left alone.
std::string FromHeader(std::string_view from) {
  const std::string line = OneLine(from);
  const size_t open = line.rfind('<');
  if (open == line.npos || !NeedsEncoding(line.substr(0, open))) return line;
  std::string_view name = std::string_view(line).substr(0, open);
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
    name = name.substr(1, name.size() - 2);
  }
  return EncodedWords(name) + " " + line.substr(open);
}

/// `Sat, 21 Nov 2026 19:56:33 +0000`: RFC 5322 date-time in UTC.
std::string DateHeader(int64_t millis) {
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const time_t seconds = static_cast<time_t>(millis / 1000);
  tm utc{};
  gmtime_r(&seconds, &utc);
  char buf[64];
  snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[size_t(utc.tm_wday)],
           utc.tm_mday, kMonths[size_t(utc.tm_mon)], utc.tm_year + 1900, utc.tm_hour, utc.tm_min,
           utc.tm_sec);
  return buf;
}

/// Quoted-printable (RFC 2045) with CRLF line breaks, whatever breaks `text`
/// used. A leading '.' is encoded too, so no line can end an SMTP DATA block.
std::string QuotedPrintable(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  size_t line = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += kCrlf;
      line = 0;
      continue;
    }
    const auto byte = static_cast<unsigned char>(c);
    const bool at_end = i + 1 == text.size() || text[i + 1] == '\r' || text[i + 1] == '\n';
    bool literal = (byte >= 33 && byte <= 126 && c != '=') || ((c == ' ' || c == '\t') && !at_end);
    const size_t width = literal && c != '.' ? 1 : 3;
    if (line + width > kQpLineLimit) {
      out += "=\r\n";
      line = 0;
    }
    if (c == '.' && line == 0) literal = false;
    if (literal) {
      out += c;
      line += 1;
    } else {
      out += '=';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
      line += 3;
    }
  }
  if (line > 0) out += kCrlf;
  return out;
}

std::string Part(std::string_view type, std::string_view body) {
  std::string out = "Content-Type: " + std::string(type) + "; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
  const std::string encoded = QuotedPrintable(body);
  // An empty part still needs the line break that a boundary delimiter claims.
  out += encoded.empty() ? std::string(kCrlf) : encoded;
  return out;
}

bool IsAtext(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if ((byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
      (byte >= '0' && byte <= '9')) {
    return true;
  }
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

/// `local@domain` in plain ASCII: dot-atom local part, LDH domain labels.
bool IsPlausibleAddress(std::string_view address) {
  const size_t at = address.find('@');
  if (at == address.npos || address.size() > 254) return false;
  const std::string_view local = address.substr(0, at);
  const std::string_view domain = address.substr(at + 1);
  if (local.empty() || local.size() > 64 || domain.empty()) return false;
  char previous = '.';
  for (const char c : local) {
    if (c == '.' ? previous == '.' : !IsAtext(c)) return false;
    previous = c;
  }
  if (previous == '.') return false;
  size_t label = 0;
  previous = '.';
  for (const char c : domain) {
    const bool ldh =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (c == '.') {
      if (label == 0 || previous == '-') return false;
      label = 0;
    } else if (!ldh || (c == '-' && label == 0) || ++label > 63) {
      return false;
    }
    previous = c;
  }
  return label > 0 && previous != '-';
}

/// The address inside `Name <addr>`, or the whole text when it has no `<`.
std::string AddressIn(std::string_view from) {
  const size_t open = from.rfind('<');
  if (open == from.npos) {
    while (!from.empty() && from.front() == ' ') from.remove_prefix(1);
    while (!from.empty() && from.back() == ' ') from.remove_suffix(1);
    return std::string(from);
  }
  const size_t close = from.find('>', open);
  if (close == from.npos) return "";
  return std::string(from.substr(open + 1, close - open - 1));
}

/// Refuses header injection and implausible recipients before any transport.
class CheckedMailer final : public Mailer {
 public:
  explicit CheckedMailer(std::unique_ptr<Mailer> transport) : transport_(std::move(transport)) {}

  Status Send(const Message& message) override {
    if (HasLineBreak(message.to) || HasLineBreak(message.subject)) {
      return AppError::BadRequest("line breaks are not allowed in the recipient or subject");
    }
    if (!IsPlausibleAddress(message.to)) {
      return AppError::BadRequest("the recipient is not an email address");
    }
    return transport_->Send(message);
  }

 private:
  std::unique_ptr<Mailer> transport_;
};

}  // namespace

Result<std::unique_ptr<Mailer>> MakeMailer(const Config& config) {
  const std::string from_address = AddressIn(config.mail_from);
  if (HasLineBreak(config.mail_from) || !IsPlausibleAddress(from_address)) {
    return AppError::Invalid("mail_from", "must be an address, or Name <address>");
  }
  std::unique_ptr<Mailer> transport;
  if (config.smtp_url.empty()) {
    transport = internal::NewOutboxMailer(config.data_dir, config.mail_from);
  } else {
    WS_ASSIGN(transport, internal::NewSmtpMailer(config.smtp_url, config.mail_from, from_address));
  }
  return std::unique_ptr<Mailer>(std::make_unique<CheckedMailer>(std::move(transport)));
}

std::string Render(const Message& message, const std::string& from) {
  std::string out;
  out += "Date: " + DateHeader(NowMillis()) + "\r\n";
  out += "From: " + FromHeader(from) + "\r\n";
  out += "To: " + OneLine(message.to) + "\r\n";
  out += "Subject: " + HeaderText(message.subject) + "\r\n";
  out += "Message-ID: <" + RandomHex(16) + "@workstead>\r\n";
  out += "MIME-Version: 1.0\r\n";
  if (message.html.empty()) {
    out += Part("text/plain", message.text);
    return out;
  }
  // "=_" never appears in quoted-printable output, so the boundary cannot
  // collide with either part.
  const std::string boundary = "=_ws_" + RandomHex(12);
  out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
  out += "--" + boundary + "\r\n" + Part("text/plain", message.text);
  out += "--" + boundary + "\r\n" + Part("text/html", message.html);
  out += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace ws::mail
