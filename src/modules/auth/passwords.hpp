#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace ws::auth {

inline constexpr size_t kPasswordMin = 8;
inline constexpr size_t kPasswordMax = 256;

/// True when `password` (compared case-insensitively) is in the bundled list
/// of common passwords (data/common_passwords.txt).
bool IsCommonPassword(std::string_view password);

/// Why `password` may not be used ("" when it may): length in code points,
/// valid UTF-8, not a common password.
std::string PasswordProblem(std::string_view password);

/// argon2id (libsodium crypto_pwhash_str, t=2, m=19 MiB, p=1: OWASP's
/// recommendation). Blocking and expensive: call from worker threads. At
/// most max(1, cores - 1) hashes run at once and at most the queue limit wait
/// for one; beyond that it answers 503 with Retry-After instead of blocking.
Result<std::string> HashPassword(std::string_view password);

/// Checks `password` against `hash` (same limits as HashPassword). An empty or
/// malformed `hash` is checked against a fixed dummy hash and never matches,
/// so unknown accounts cost the same time.
Result<bool> VerifyPassword(std::string_view hash, std::string_view password);

/// How many requests may wait for a hashing slot (process-wide); the app sets
/// half its worker threads, so hashing never holds the whole pool.
void SetPasswordHashQueueLimit(int max_waiting);

/// True when `hash` was made with weaker parameters than today's.
bool PasswordNeedsRehash(std::string_view hash);
/// The hash unknown-email logins verify against (same cost as a real one).
const std::string& DummyHash();

}  // namespace ws::auth
