#include "core/totp.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>

#include "core/crypto.hpp"

namespace ws::totp {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr int64_t kPeriodSeconds = 30;
constexpr int kDigits = 6;

/// The 5-bit value of a base32 character, or -1.
int Base32Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

/// RFC 3986 unreserved characters pass; everything else becomes %XX.
std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                            (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' ||
                            byte == '_' || byte == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    }
  }
  return out;
}

/// RFC 4226 dynamic truncation of HMAC-SHA1(key, step) to six digits.
std::string Hotp(std::string_view key, int64_t step) {
  std::array<unsigned char, 8> counter{};
  auto value = static_cast<uint64_t>(step);
  for (int i = 7; i >= 0; --i) {
    counter[size_t(i)] = static_cast<unsigned char>(value & 0xff);
    value >>= 8;
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), counter.data(), counter.size(), digest,
       &len);
  const unsigned offset = digest[len - 1] & 0x0f;
  const uint32_t binary = (uint32_t(digest[offset] & 0x7f) << 24) |
                          (uint32_t(digest[offset + 1]) << 16) |
                          (uint32_t(digest[offset + 2]) << 8) | uint32_t(digest[offset + 3]);
  std::string code(kDigits, '0');
  uint32_t rest = binary % 1000000;
  for (int i = kDigits - 1; i >= 0; --i) {
    code[size_t(i)] = static_cast<char>('0' + rest % 10);
    rest /= 10;
  }
  return code;
}

}  // namespace

std::string NewSecret() {
  std::array<unsigned char, 20> bytes{};
  RandomBytes(bytes.data(), bytes.size());
  return Base32Encode(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

std::string Base32Encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  uint32_t buffer = 0;
  int bits = 0;
  for (const char c : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 0x1f];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 0x1f];
  return out;
}

bool Base32Decode(std::string_view text, std::string& out) {
  out.clear();
  uint32_t buffer = 0;
  int bits = 0;
  size_t symbols = 0;
  for (const char c : text) {
    if (c == '=' || c == ' ') continue;
    const int value = Base32Value(c);
    if (value < 0) return false;
    buffer = (buffer << 5) | uint32_t(value);
    bits += 5;
    ++symbols;
    if (bits >= 8) {
      out += static_cast<char>((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  // 1, 3 or 6 symbols past a full 8-symbol group cannot come from any input.
  const size_t tail = symbols % 8;
  return tail != 1 && tail != 3 && tail != 6;
}

std::string CodeAt(std::string_view secret_base32, int64_t step) {
  std::string key;
  if (!Base32Decode(secret_base32, key) || key.empty()) return "";
  return Hotp(key, step);
}

int64_t StepAt(int64_t unix_seconds) {
  // Floor division, so times before the epoch do not share step 0.
  int64_t step = unix_seconds / kPeriodSeconds;
  if (unix_seconds % kPeriodSeconds < 0) --step;
  return step;
}

std::optional<int64_t> Verify(std::string_view secret_base32, std::string_view code,
                              int64_t unix_seconds) {
  std::string digits;
  for (const char c : code) {
    if (c == ' ') continue;
    if (c < '0' || c > '9' || digits.size() == kDigits) return std::nullopt;
    digits += c;
  }
  if (digits.size() != kDigits) return std::nullopt;
  std::string key;
  if (!Base32Decode(secret_base32, key) || key.empty()) return std::nullopt;
  const int64_t now = StepAt(unix_seconds);
  std::optional<int64_t> match;
  // All three steps are checked so the timing does not tell which one matched.
  for (const int64_t step : {now - 1, now, now + 1}) {
    if (ConstantTimeEquals(Hotp(key, step), digits) && !match) match = step;
  }
  return match;
}

std::string OtpauthUri(std::string_view issuer, std::string_view account,
                       std::string_view secret_base32) {
  const std::string encoded_issuer = PercentEncode(issuer);
  return "otpauth://totp/" + encoded_issuer + ":" + PercentEncode(account) +
         "?secret=" + PercentEncode(secret_base32) + "&issuer=" + encoded_issuer +
         "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace ws::totp
