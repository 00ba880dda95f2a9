#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/config.hpp"
#include "core/result.hpp"

namespace ws::auth {

/// The claims of an access token.
struct AccessClaims {
  std::string sub;  // user id
  std::string sid;  // session id
  int64_t iat = 0;  // seconds since the epoch
  int64_t exp = 0;
};

/// Allowed clock difference for `iat`/`nbf` in the future.
inline constexpr int64_t kClockSkewSeconds = 60;

/// Access-token signing keys: the current key signs, every key verifies, so
/// a new key can be put first without signing everyone out. Each key is
/// derived from a secret (HMAC-SHA256(secret, purpose)), so the secret can
/// serve other purposes without the tokens revealing anything about it; the
/// `kid` is the first 16 hex digits of SHA-256 of the derived key.
class Keyring {
 public:
  /// From `config.secret_key` (several secrets separated by whitespace,
  /// current first) or else DATA_DIR/secret.key (one secret per line, current
  /// first), generating that file with one 64-byte secret, mode 0600, when it
  /// does not exist.
  static Result<Keyring> Load(const Config& config);
  /// From secrets of at least 32 characters each, current first.
  static Result<Keyring> FromSecrets(const std::vector<std::string>& secrets);

  /// A signed HS256 JWT with header {alg, typ, kid}.
  std::string Sign(const AccessClaims& claims) const;
  /// Checks structure, algorithm (HS256 only), key id, signature and times;
  /// 401 on any failure.
  Result<AccessClaims> Verify(std::string_view token, int64_t now_seconds) const;

  const std::string& current_kid() const { return keys_.front().kid; }

 private:
  struct Key {
    std::string kid;
    std::string key;
  };
  std::vector<Key> keys_;
};

/// Tokens that passed Keyring::Verify, so a client sending the same token on
/// every request is not decoded and HMAC-checked each time. Keyed by the
/// whole token text (only an identical token finds an entry); an entry is
/// used only until its `exp`. Bounded: full means emptied. Thread-safe.
class VerifiedTokens {
 public:
  static constexpr size_t kMaxEntries = 8192;

  /// The claims of `token` if it was verified and has not expired.
  std::optional<AccessClaims> Find(std::string_view token, int64_t now_seconds);
  void Put(std::string_view token, const AccessClaims& claims);

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  std::mutex mutex_;
  std::unordered_map<std::string, AccessClaims, Hash, std::equal_to<>>
      claims_;  // GUARDED_BY(mutex_)
};

}  // namespace ws::auth
