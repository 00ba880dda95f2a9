#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ws {

/// Milliseconds since the Unix epoch, UTC.
int64_t NowMillis();
/// `2026-11-21T19:56:33.689Z`.
std::string FormatTimestamp(int64_t millis);
/// Parses RFC 3339 (any offset, optional fraction) into epoch milliseconds.
std::optional<int64_t> ParseTimestamp(std::string_view text);
/// Parses `YYYY-MM-DD` into days since the epoch, validating the calendar.
std::optional<int64_t> ParseDate(std::string_view text);
/// Formats days since the epoch as `YYYY-MM-DD`.
std::string FormatDate(int64_t days);

}  // namespace ws
