#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ws {

/// Cryptographically secure random bytes (libsodium).
void RandomBytes(void* out, size_t size);
/// A random 256-bit secret as URL-safe base64 without padding (43 chars).
std::string RandomToken();
/// SHA-256 of `data` as lower-case hex.
std::string Sha256Hex(std::string_view data);
/// Raw HMAC-SHA256.
std::string HmacSha256(std::string_view key, std::string_view data);
/// Constant-time equality for secrets.
bool ConstantTimeEquals(std::string_view a, std::string_view b);
std::string Base64UrlEncode(std::string_view data);
/// Standard base64 with padding (RFC 4648 §4), as MIME uses it.
std::string Base64Encode(std::string_view data);
/// Lower-case hex of `data`.
std::string HexEncode(std::string_view data);
/// Empty optional-like: returns false when `text` is not valid base64url.
bool Base64UrlDecode(std::string_view text, std::string& out);

}  // namespace ws
