// RRULE evaluation on libical. libical's iterator runs on floating (zone-less)
// local times: with a zone it drifts an hour after a DST gap and resolves
// ambiguous times to the later instant. Local times are turned into instants
// here, by RFC 5545 §3.3.5: a time in a gap uses the offset before the gap
// (02:30 becomes 03:30 summer time), an ambiguous time its first instant.
//
// Evaluation is bounded: UNTIL is applied here, and libical's UNTIL is set
// to a horizon a fixed number of FREQ steps ahead, so a rule that matches
// rarely or never (FREQ=SECONDLY;BYMONTH=2) ends the search with an error
// instead of iterating towards the year 2582. Rules whose months or years
// never match are refused before libical sees them (internal::CanOccur).
//
// libical's zone cache is global and lazily filled, so every libical call
// runs under one mutex; each call is short (bounded as above).
#include "recurrence/recurrence.hpp"

#include <libical/ical.h>

#include <algorithm>
#include <memory>
#include <mutex>

#include "recurrence/rule.hpp"

namespace ws::recurrence {

namespace {

using internal::Freq;
using internal::Rule;

constexpr int64_t kSecondsPerDay = 86400;
/// libical's UNTIL horizon: this many FREQ×INTERVAL steps past the search start.
constexpr int64_t kHorizonSteps = 20000;
/// How far before `after` (local time) a search without COUNT starts: more
/// than any UTC offset change, so no occurrence after `after` is skipped.
constexpr int64_t kSetStartMargin = 4 * 3600;
/// libical returns nothing after this year.
constexpr int64_t kLastYear = 2582;

int64_t FloorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

std::mutex& LibicalMutex() {
  static std::mutex mutex;
  return mutex;
}

/// REQUIRES: LibicalMutex held.
void InitLibical() {
  static bool done = false;
  if (done) return;
  icalerror_set_errors_are_fatal(0);
  done = true;
}

AppError InvalidRule(std::string reason) { return AppError::Invalid("recurrence", reason); }

std::variant<Rule, std::string> ParseChecked(std::string_view text) {
  auto parsed = internal::Parse(text);
  if (auto* problem = std::get_if<std::string>(&parsed)) return std::move(*problem);
  Rule& rule = std::get<Rule>(parsed);
  if (!internal::CanOccur(rule, std::nullopt)) {
    return std::string("the rule never produces an occurrence");
  }
  return std::move(rule);
}

int64_t StepSeconds(const Rule& r) {
  static constexpr int64_t kSeconds[] = {1,         60,         3600,       kSecondsPerDay,
                                         7 * 86400, 31 * 86400, 366 * 86400};
  return kSeconds[static_cast<int>(r.freq)] * r.interval;
}

icaltimetype FloatingTime(int64_t local_seconds, bool is_date) {
  const int64_t days = FloorDiv(local_seconds, kSecondsPerDay);
  const int64_t rest = local_seconds - days * kSecondsPerDay;
  const internal::Civil c = internal::CivilFromDays(days);
  icaltimetype t = icaltime_null_time();
  t.year = static_cast<int>(c.year);
  t.month = static_cast<int>(c.month);
  t.day = static_cast<int>(c.day);
  t.is_date = is_date ? 1 : 0;
  if (!is_date) {
    t.hour = static_cast<int>(rest / 3600);
    t.minute = static_cast<int>(rest / 60 % 60);
    t.second = static_cast<int>(rest % 60);
  }
  return t;
}

int64_t LocalSeconds(const icaltimetype& t) {
  const int64_t days =
      internal::DaysFromCivil(t.year, static_cast<unsigned>(t.month), static_cast<unsigned>(t.day));
  if (t.is_date) return days * kSecondsPerDay;
  return days * kSecondsPerDay + t.hour * 3600 + t.minute * 60 + t.second;
}

/// Seconds east of UTC in `zone` at the UTC instant `utc`.
/// REQUIRES: LibicalMutex held.
int64_t OffsetAt(icaltimezone* zone, int64_t utc) {
  const icaltimetype local = icaltime_from_timet_with_zone(static_cast<time_t>(utc), 0, zone);
  return LocalSeconds(local) - utc;
}

/// The UTC instant of local wall time `local` (RFC 5545 §3.3.5 for gaps and
/// overlaps). REQUIRES: LibicalMutex held.
int64_t ToUtc(icaltimezone* zone, int64_t local) {
  const int64_t before = OffsetAt(zone, local - kSecondsPerDay);
  const int64_t after = OffsetAt(zone, local + kSecondsPerDay);
  const int64_t with_before = local - before;
  const int64_t with_after = local - after;
  const bool before_ok = OffsetAt(zone, with_before) == before;
  const bool after_ok = OffsetAt(zone, with_after) == after;
  if (before_ok && after_ok) return std::min(with_before, with_after);
  if (after_ok) return with_after;
  return with_before;  // valid, or in a gap: the offset before the gap
}

bool ValidZoneName(std::string_view tz) {
  if (tz.empty() || tz.size() > 64 || tz.front() == '/' || tz.back() == '/') return false;
  if (tz.find("//") != tz.npos) return false;
  return std::all_of(tz.begin(), tz.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '+' || c == '/';
  });
}

/// REQUIRES: LibicalMutex held.
icaltimezone* FindZone(std::string_view tz) {
  if (!ValidZoneName(tz)) return nullptr;
  InitLibical();
  const std::string name(tz);
  icaltimezone* zone = icaltimezone_get_builtin_timezone(name.c_str());
  icalerror_clear_errno();
  return zone;
}

/// One search: local wall times in seconds; `is_date` for date series.
struct Search {
  const Rule* rule = nullptr;
  int64_t start = 0;  // DTSTART, local seconds
  int64_t after = 0;  // answer strictly after this local time
  bool is_date = false;
  /// Maps a local occurrence to the ordering value compared with `after`
  /// and UNTIL: identity for dates and floating times, ToUtc for zones.
  icaltimezone* zone = nullptr;
  int64_t after_instant = 0;
};

int64_t Instant(const Search& s, int64_t local) {
  return s.zone != nullptr ? ToUtc(s.zone, local) : local;
}

/// True when the occurrence is past UNTIL.
bool PastUntil(const Search& s, int64_t local) {
  const auto& until = s.rule->until;
  if (!until) return false;
  if (until->is_date) return FloorDiv(local, kSecondsPerDay) > until->days;
  const int64_t value = until->days * kSecondsPerDay + until->seconds;
  if (until->utc && s.zone != nullptr) return Instant(s, local) > value;
  return local > value;
}

/// The first occurrence (local seconds) whose instant is after
/// `s.after_instant`. REQUIRES: LibicalMutex held.
Result<std::optional<int64_t>> Next(const Search& s) {
  InitLibical();
  const Rule& rule = *s.rule;
  const int64_t step = StepSeconds(rule);
  if (internal::CivilFromDays(FloorDiv(s.after, kSecondsPerDay)).year > kLastYear) {
    return std::optional<int64_t>();  // libical ends every series there
  }
  // Where the search starts. With COUNT: DTSTART, to count. Else, for
  // DAILY and WEEKLY, near `after` through set_start (which keeps INTERVAL
  // aligned; for YEARLY;BYWEEKNO it picks wrong weekdays, and MONTHLY and
  // YEARLY take few steps anyway). Finer rules without BYxxx parts restart
  // the series at an aligned later DTSTART (set_start misaligns their
  // INTERVAL); finer rules with BYxxx parts depend on DTSTART in libical, so
  // they iterate from it, like COUNT, at most kMaxIterations steps.
  const bool plain = rule.by_second.empty() && rule.by_minute.empty() && rule.by_hour.empty() &&
                     rule.by_day.empty() && rule.by_month_day.empty() && rule.by_year_day.empty() &&
                     rule.by_week_no.empty() && rule.by_month.empty() && rule.by_set_pos.empty();
  const bool fine = rule.freq < Freq::kDaily;
  const bool jump = rule.count == 0 && rule.freq <= Freq::kWeekly && (!fine || plain);
  int64_t from = jump ? std::max(s.start, s.after - kSetStartMargin) : s.start;
  const bool restart = fine && from > s.start;
  if (restart) from = s.start + (from - s.start) / step * step;
  const int64_t wanted = std::max(s.start, s.after);
  const int64_t reach = jump ? wanted : std::min(wanted, s.start + int64_t{kMaxIterations} * step);
  const int64_t horizon_span = std::min(kHorizonSteps * step, int64_t{400} * 366 * kSecondsPerDay);
  const int64_t horizon = reach + horizon_span;

  icalerror_clear_errno();
  icalrecurrencetype recur = icalrecurrencetype_from_string(rule.for_libical.c_str());
  if (recur.freq == ICAL_NO_RECURRENCE) {
    icalerror_clear_errno();
    return InvalidRule("the rule is not supported");
  }
  recur.until = FloatingTime(horizon, s.is_date);
  icalrecur_iterator* it =
      icalrecur_iterator_new(recur, FloatingTime(restart ? from : s.start, s.is_date));
  if (it == nullptr) {
    icalerror_clear_errno();
    return InvalidRule("the rule is not supported");
  }
  std::unique_ptr<icalrecur_iterator, void (*)(icalrecur_iterator*)> guard(it,
                                                                           icalrecur_iterator_free);
  if (!restart && from > s.start &&
      icalrecur_iterator_set_start(it, FloatingTime(from, s.is_date)) == 0) {
    icalerror_clear_errno();
    return InvalidRule("the rule is not supported");
  }
  int64_t returned = 0;
  for (int i = 0; i <= kMaxIterations; ++i) {
    const icaltimetype t = icalrecur_iterator_next(it);
    if (icaltime_is_null_time(t)) {
      icalerror_clear_errno();
      if (rule.count > 0 && returned >= rule.count) return std::optional<int64_t>();
      if (rule.until && rule.until->days * kSecondsPerDay <= horizon) {
        return std::optional<int64_t>();
      }
      if (internal::CivilFromDays(FloorDiv(horizon, kSecondsPerDay)).year > kLastYear) {
        return std::optional<int64_t>();
      }
      if (reach < wanted) {
        return InvalidRule("the series is too long to evaluate this far from its start");
      }
      return InvalidRule("the rule has no occurrence within " + std::to_string(kHorizonSteps) +
                         " repetitions");
    }
    ++returned;
    const int64_t local = LocalSeconds(t);
    if (PastUntil(s, local)) return std::optional<int64_t>();
    if (Instant(s, local) > s.after_instant) return std::optional<int64_t>(local);
  }
  return InvalidRule("the rule needs too many steps to evaluate");
}

}  // namespace

std::string Problem(std::string_view rrule) {
  auto parsed = ParseChecked(rrule);
  if (auto* problem = std::get_if<std::string>(&parsed)) return std::move(*problem);
  // libical must accept it too (it refuses a few combinations RFC 5545
  // allows). INTERVAL=1 keeps the probe short: CanOccur saw every period.
  std::lock_guard lock(LibicalMutex());
  InitLibical();
  icalerror_clear_errno();
  icalrecurrencetype recur =
      icalrecurrencetype_from_string(std::get<Rule>(parsed).for_libical.c_str());
  std::string answer;
  if (recur.freq == ICAL_NO_RECURRENCE) {
    answer = "the rule is not supported";
  } else {
    recur.interval = 1;
    recur.count = 0;
    icalrecur_iterator* it = icalrecur_iterator_new(
        recur, FloatingTime(internal::DaysFromCivil(2000, 1, 1) * kSecondsPerDay, false));
    if (it == nullptr) {
      answer = "this combination of rule parts is not supported";
    } else {
      icalrecur_iterator_free(it);
    }
  }
  icalerror_clear_errno();
  return answer;
}

std::string DateProblem(std::string_view rrule) {
  auto parsed = internal::Parse(rrule);
  if (auto* problem = std::get_if<std::string>(&parsed)) return std::move(*problem);
  const Rule& rule = std::get<Rule>(parsed);
  if (rule.freq < Freq::kDaily) {
    return "a date repeats at most daily: use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY";
  }
  if (!rule.by_hour.empty() || !rule.by_minute.empty() || !rule.by_second.empty()) {
    return "BYHOUR, BYMINUTE and BYSECOND are not allowed for a date";
  }
  return Problem(rrule);
}

Result<std::optional<int64_t>> NextDate(std::string_view rrule, int64_t start, int64_t after) {
  if (std::string problem = DateProblem(rrule); !problem.empty()) return InvalidRule(problem);
  auto parsed = internal::Parse(rrule);
  const Rule& rule = std::get<Rule>(parsed);
  if (!internal::CanOccur(rule, internal::Anchor{start})) return std::optional<int64_t>();
  if (internal::CivilFromDays(start).year > kLastYear || internal::CivilFromDays(start).year < 1) {
    return InvalidRule("the start date is out of range");
  }
  Search s;
  s.rule = &rule;
  s.is_date = true;
  s.start = start * kSecondsPerDay;
  s.after = std::max(after, start - 1) * kSecondsPerDay;
  s.after_instant = s.after;
  std::lock_guard lock(LibicalMutex());
  WS_ASSIGN(std::optional<int64_t> local, Next(s));
  if (!local) return std::optional<int64_t>();
  return std::optional<int64_t>(*local / kSecondsPerDay);
}

Result<std::optional<int64_t>> NextInstant(std::string_view rrule, int64_t start_utc_ms,
                                           std::string_view tz, int64_t after_utc_ms) {
  if (std::string problem = Problem(rrule); !problem.empty()) return InvalidRule(problem);
  auto parsed = internal::Parse(rrule);
  const Rule& rule = std::get<Rule>(parsed);
  // Whole seconds for libical; the sub-second part rides along.
  const int64_t start_utc = FloorDiv(start_utc_ms, 1000);
  const int64_t millis = start_utc_ms - start_utc * 1000;
  const int64_t after_utc = FloorDiv(after_utc_ms, 1000);

  std::lock_guard lock(LibicalMutex());
  icaltimezone* zone = FindZone(tz);
  if (zone == nullptr) return AppError::Invalid("timezone", "unknown time zone");
  Search s;
  s.rule = &rule;
  s.zone = zone;
  s.start = start_utc + OffsetAt(zone, start_utc);
  const int64_t start_day = FloorDiv(s.start, kSecondsPerDay);
  if (internal::CivilFromDays(start_day).year > kLastYear ||
      internal::CivilFromDays(start_day).year < 1) {
    return InvalidRule("the start is out of range");
  }
  if (!internal::CanOccur(rule, internal::Anchor{start_day})) {
    return std::optional<int64_t>();
  }
  s.after = std::max(after_utc + OffsetAt(zone, after_utc), s.start - 1);
  // Occurrences are whole seconds plus `millis`: U * 1000 + millis > after
  // exactly when U > floor((after - millis) / 1000).
  s.after_instant = FloorDiv(after_utc_ms - millis, 1000);
  WS_ASSIGN(std::optional<int64_t> local, Next(s));
  if (!local) return std::optional<int64_t>();
  return std::optional<int64_t>(ToUtc(zone, *local) * 1000 + millis);
}

Result<int64_t> LocalDate(std::string_view tz, int64_t utc_ms) {
  const int64_t utc = FloorDiv(utc_ms, 1000);
  std::lock_guard lock(LibicalMutex());
  icaltimezone* zone = FindZone(tz);
  if (zone == nullptr) return AppError::Invalid("timezone", "unknown time zone");
  return FloorDiv(utc + OffsetAt(zone, utc), kSecondsPerDay);
}

bool IsKnownZone(std::string_view tz) {
  std::lock_guard lock(LibicalMutex());
  return FindZone(tz) != nullptr;
}

}  // namespace ws::recurrence
