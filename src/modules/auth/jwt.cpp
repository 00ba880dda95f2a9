#include "modules/auth/jwt.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/crypto.hpp"
#include "core/log.hpp"

namespace ws::auth {

namespace {

constexpr std::string_view kPurpose = "workstead access token signing key v1";
constexpr size_t kMaxTokenLength = 4096;

AppError Invalid(std::string detail) {
  AppError e = AppError::Unauthorized("invalid access token");
  e.detail = std::move(detail);
  return e;
}

std::vector<std::string> SplitWords(std::string_view text) {
  std::vector<std::string> out;
  std::istringstream in{std::string(text)};
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

Result<std::vector<std::string>> ReadOrCreateSecretFile(const std::string& data_dir) {
  const std::string path = data_dir + "/secret.key";
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    unsigned char bytes[64];
    RandomBytes(bytes, sizeof bytes);
    const std::string secret =
        Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes)) +
        "\n";
    const bool written =
        ::write(fd, secret.data(), secret.size()) == ssize_t(secret.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written) return AppError::Internal("cannot write " + path);
    log::Info("generated a new secret key", {{"path", path}});
  } else if (errno != EEXIST) {
    return AppError::Internal("cannot create " + path + ": " + std::strerror(errno));
  }
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0 && (info.st_mode & 077) != 0) {
    log::Warn("secret key file is readable by others; chmod 600 it", {{"path", path}});
  }
  std::ifstream in(path);
  if (!in) return AppError::Internal("cannot read " + path);
  std::vector<std::string> secrets;
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty() && line.front() != '#') secrets.push_back(line);
  }
  return secrets;
}

std::string Encode(const boost::json::object& object) {
  return Base64UrlEncode(boost::json::serialize(object));
}

Result<boost::json::object> DecodeObject(std::string_view part, std::string_view what) {
  std::string raw;
  if (part.empty() || !Base64UrlDecode(part, raw))
    return Invalid(std::string(what) + " is not base64url");
  boost::json::parse_options options;
  options.max_depth = 4;
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(raw, ec, {}, options);
  if (ec || !value.is_object()) return Invalid(std::string(what) + " is not a JSON object");
  return std::move(value.as_object());
}

std::optional<int64_t> IntClaim(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= uint64_t(INT64_MAX)) return int64_t(v->as_uint64());
  return std::nullopt;
}

std::optional<std::string> TextClaim(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_string() || v->as_string().empty() || v->as_string().size() > 128) {
    return std::nullopt;
  }
  return std::string(v->as_string());
}

}  // namespace

Result<Keyring> Keyring::Load(const Config& config) {
  if (!config.secret_key.empty()) return FromSecrets(SplitWords(config.secret_key));
  WS_ASSIGN(auto secrets, ReadOrCreateSecretFile(config.data_dir));
  return FromSecrets(secrets);
}

Result<Keyring> Keyring::FromSecrets(const std::vector<std::string>& secrets) {
  if (secrets.empty()) return AppError::BadRequest("secret_key: no key given");
  Keyring ring;
  for (const auto& secret : secrets) {
    if (secret.size() < 32) {
      return AppError::BadRequest("secret_key: every key must be at least 32 characters");
    }
    Key key;
    key.key = HmacSha256(secret, kPurpose);
    key.kid = Sha256Hex(key.key).substr(0, 16);
    ring.keys_.push_back(std::move(key));
  }
  return ring;
}

std::string Keyring::Sign(const AccessClaims& claims) const {
  const Key& key = keys_.front();
  const boost::json::object header{{"alg", "HS256"}, {"typ", "JWT"}, {"kid", key.kid}};
  const boost::json::object payload{
      {"sub", claims.sub}, {"sid", claims.sid}, {"iat", claims.iat}, {"exp", claims.exp}};
  std::string token = Encode(header) + "." + Encode(payload);
  token += "." + Base64UrlEncode(HmacSha256(key.key, token));
  return token;
}

Result<AccessClaims> Keyring::Verify(std::string_view token, int64_t now) const {
  if (token.size() > kMaxTokenLength) return Invalid("token too long");
  const size_t first = token.find('.');
  const size_t second = first == token.npos ? token.npos : token.find('.', first + 1);
  if (second == token.npos || token.find('.', second + 1) != token.npos) {
    return Invalid("not three parts");
  }
  WS_ASSIGN(auto header, DecodeObject(token.substr(0, first), "header"));
  for (const auto& field : header) {
    const std::string_view name = field.key();
    if (name != "alg" && name != "typ" && name != "kid") return Invalid("unexpected header field");
  }
  const auto* alg = header.if_contains("alg");
  if (alg == nullptr || !alg->is_string() || alg->as_string() != "HS256") {
    return Invalid("algorithm is not HS256");
  }
  if (const auto* typ = header.if_contains("typ");
      typ != nullptr && (!typ->is_string() || typ->as_string() != "JWT")) {
    return Invalid("typ is not JWT");
  }
  const auto kid = TextClaim(header, "kid");
  if (!kid) return Invalid("no key id");
  const Key* key = nullptr;
  for (const auto& k : keys_) {
    if (k.kid == *kid) key = &k;
  }
  if (key == nullptr) return Invalid("unknown key id");
  const std::string_view signed_part = token.substr(0, second);
  const std::string expected = Base64UrlEncode(HmacSha256(key->key, signed_part));
  if (!ConstantTimeEquals(expected, token.substr(second + 1))) return Invalid("bad signature");

  WS_ASSIGN(auto payload, DecodeObject(token.substr(first + 1, second - first - 1), "payload"));
  AccessClaims claims;
  auto sub = TextClaim(payload, "sub");
  auto sid = TextClaim(payload, "sid");
  auto iat = IntClaim(payload, "iat");
  auto exp = IntClaim(payload, "exp");
  if (!sub || !sid || !iat || !exp) return Invalid("missing claims");
  if (iat > now + kClockSkewSeconds) return Invalid("issued in the future");
  if (payload.contains("nbf")) {
    auto nbf = IntClaim(payload, "nbf");
    if (!nbf || *nbf > now + kClockSkewSeconds) return Invalid("not valid yet");
  }
  if (*exp <= now) {
    AppError e = AppError::Unauthorized("access token has expired");
    e.detail = "expired";
    return e;
  }
  claims.sub = std::move(*sub);
  claims.sid = std::move(*sid);
  claims.iat = *iat;
  claims.exp = *exp;
  return claims;
}

std::optional<AccessClaims> VerifiedTokens::Find(std::string_view token, int64_t now) {
  std::lock_guard lock(mutex_);
  auto it = claims_.find(token);
  if (it == claims_.end()) return std::nullopt;
  if (it->second.exp <= now) {
    claims_.erase(it);
    return std::nullopt;
  }
  return it->second;
}

void VerifiedTokens::Put(std::string_view token, const AccessClaims& claims) {
  std::lock_guard lock(mutex_);
  if (claims_.size() >= kMaxEntries) claims_.clear();
  claims_.insert_or_assign(std::string(token), claims);
}

}  // namespace ws::auth
