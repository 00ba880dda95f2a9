#pragma once

// Internal to ws_recurrence: RRULE parsing with precise reasons, and a
// static check that a rule can produce an occurrence at all (libical loops
// for a long time on rules that never match, e.g. FREQ=MONTHLY;BYMONTH=2;
// BYMONTHDAY=30, so such rules must never reach it).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace ws::recurrence::internal {

/// The same order as libical's icalrecurrencetype_frequency.
enum class Freq { kSecondly, kMinutely, kHourly, kDaily, kWeekly, kMonthly, kYearly };

/// UNTIL: a date, a floating local date-time or a UTC date-time.
struct Until {
  bool is_date = false;
  bool utc = false;
  int64_t days = 0;     // days since the epoch
  int64_t seconds = 0;  // seconds into the day (0 for dates)
};

struct WeekdayNum {
  int ordinal = 0;  // 0: every; 1..53 or -53..-1
  int weekday = 0;  // 0 = Monday .. 6 = Sunday
};

struct Rule {
  Freq freq = Freq::kDaily;
  int interval = 1;
  int count = 0;  // 0: none
  std::optional<Until> until;
  std::vector<int> by_second, by_minute, by_hour, by_month_day, by_year_day, by_week_no, by_month,
      by_set_pos;
  std::vector<WeekdayNum> by_day;
  int week_start = 0;  // Monday
  /// The rule as libical should see it: canonical, without UNTIL (the
  /// caller applies UNTIL itself and uses libical's UNTIL as a horizon).
  std::string for_libical;
};

/// Upper bounds a rule may use (they bound the work of evaluating it).
inline constexpr int kMaxInterval = 1000;
inline constexpr int kMaxCount = 100000;
inline constexpr size_t kMaxRuleLength = 1024;

/// The parsed rule, or the reason it is not a valid RRULE.
std::variant<Rule, std::string> Parse(std::string_view text);

/// The first day of the series (for rules whose days default to DTSTART's).
struct Anchor {
  int64_t days = 0;
};

/// True when the rule has at least one occurrence: with `anchor`, in the
/// series starting there (INTERVAL alignment included); without, for some
/// start. Looks at one full 400-year Gregorian cycle.
bool CanOccur(const Rule& rule, std::optional<Anchor> anchor);

/// Civil calendar helpers (proleptic Gregorian).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d);
struct Civil {
  int64_t year;
  unsigned month;
  unsigned day;
};
Civil CivilFromDays(int64_t days);
/// 0 = Monday .. 6 = Sunday.
int Weekday(int64_t days);
unsigned DaysInMonth(int64_t year, unsigned month);

}  // namespace ws::recurrence::internal
