#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

/// Recurrence rules (RFC 5545 RRULE values), evaluated with libical.
/// Thread-safe: every call may run on any thread.
namespace ws::recurrence {

/// "" when `rrule` is a valid RRULE (RFC 5545 RECUR value, without the
/// "RRULE:" prefix; accepted with the prefix too), else the parser's reason
/// (e.g. "FREQ is required", "BYDAY value 'XX' is not valid").
std::string Problem(std::string_view rrule);

/// Problem() plus what a date series (no time of day) needs: FREQ=DAILY or
/// coarser, no BYHOUR/BYMINUTE/BYSECOND. Validate rules given to NextDate
/// with this one.
std::string DateProblem(std::string_view rrule);

/// Dates are days since the Unix epoch (core/clock.hpp ParseDate/FormatDate).
/// The first occurrence of the series starting at `start` that is strictly
/// after `after`; nullopt when COUNT/UNTIL is exhausted (or the rule can never
/// match from `start`). Errors are 422 validation_failed on field
/// "recurrence": a rule DateProblem() refuses, or a search that exceeds the
/// bounds (no occurrence within 20,000 repetitions, COUNT series evaluated
/// more than 100,000 repetitions from their start).
Result<std::optional<int64_t>> NextDate(std::string_view rrule, int64_t start, int64_t after);

/// Series anchored at the local wall-clock time of `start_utc_ms` in IANA
/// zone `tz`: the first occurrence instant (UTC ms) strictly after
/// `after_utc_ms`, keeping the local time across DST changes (a local time
/// that does not exist on a day moves forward by the gap; an ambiguous one
/// takes the first instant). nullopt when COUNT/UNTIL is exhausted. Errors
/// as NextDate (Problem() instead of DateProblem()), and 422 on field
/// "timezone" for an unknown zone.
Result<std::optional<int64_t>> NextInstant(std::string_view rrule, int64_t start_utc_ms,
                                           std::string_view tz, int64_t after_utc_ms);

/// Today's date (days since epoch) in zone `tz` at `utc_ms`; error for
/// unknown zones (422 on field "timezone").
Result<int64_t> LocalDate(std::string_view tz, int64_t utc_ms);

/// True when `tz` names an IANA zone known to the system zoneinfo ("UTC" too).
bool IsKnownZone(std::string_view tz);

/// Upper bound on iterator steps in one NextDate/NextInstant call.
inline constexpr int kMaxIterations = 100000;

}  // namespace ws::recurrence
