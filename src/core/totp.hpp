#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ws::totp {

/// A new random 160-bit secret, base32 (RFC 4648, no padding).
std::string NewSecret();
std::string Base32Encode(std::string_view bytes);
/// False on characters outside the base32 alphabet (case-insensitive, '='
/// padding and spaces ignored).
bool Base32Decode(std::string_view text, std::string& out);
/// The 6-digit RFC 6238 code (HMAC-SHA1, 30 s) for time step `step`.
std::string CodeAt(std::string_view secret_base32, int64_t step);
/// The time step of `unix_seconds`.
int64_t StepAt(int64_t unix_seconds);
/// Matches `code` against steps now-1, now, now+1; answers the matching
/// step (store it: a step at or below the last used one is a replay).
std::optional<int64_t> Verify(std::string_view secret_base32, std::string_view code,
                              int64_t unix_seconds);
/// otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30
std::string OtpauthUri(std::string_view issuer, std::string_view account,
                       std::string_view secret_base32);

}  // namespace ws::totp
