// Whether a rule can ever produce an occurrence, decided on the calendar
// alone (RFC 5545 §3.3.10 BYxxx semantics) without libical: libical's
// iterator searches up to the year 20000 for the first matching month or
// year, which takes seconds for a rule such as BYMONTH=2;BYMONTHDAY=30.
#include <algorithm>
#include <cstdlib>
#include <numeric>

#include "recurrence/rule.hpp"

namespace ws::recurrence::internal {

namespace {

constexpr int64_t kCycleYears = 400;  // the Gregorian calendar repeats
constexpr int64_t kCycleDays = 146097;
constexpr int64_t kProbeYear = 2000;

int64_t Week1Start(int64_t year, int week_start) {
  const int64_t jan1 = DaysFromCivil(year, 1, 1);
  const int offset = (Weekday(jan1) - week_start + 7) % 7;
  return jan1 - offset + (offset >= 4 ? 7 : 0);
}

struct Day {
  int64_t days;
  Civil civil;
  int year_day;      // 1-based
  int days_in_year;  // 365 or 366
};

bool MatchesMonthDay(const Rule& r, const Day& d) {
  if (r.by_month_day.empty()) return true;
  const int dim = static_cast<int>(DaysInMonth(d.civil.year, d.civil.month));
  const int day = static_cast<int>(d.civil.day);
  for (int v : r.by_month_day) {
    if (v == day || (v < 0 && dim + 1 + v == day)) return true;
  }
  return false;
}

bool MatchesYearDay(const Rule& r, const Day& d) {
  if (r.by_year_day.empty()) return true;
  for (int v : r.by_year_day) {
    if (v == d.year_day || (v < 0 && d.days_in_year + 1 + v == d.year_day)) return true;
  }
  return false;
}

bool MatchesMonth(const Rule& r, const Day& d) {
  if (r.by_month.empty()) return true;
  for (int v : r.by_month) {
    if (v == static_cast<int>(d.civil.month)) return true;
  }
  return false;
}

bool MatchesWeekNo(const Rule& r, const Day& d) {
  if (r.by_week_no.empty()) return true;
  const int64_t year = d.civil.year;
  int64_t first = Week1Start(year, r.week_start);
  int64_t next = Week1Start(year + 1, r.week_start);
  if (d.days >= next) {
    first = next;
    next = Week1Start(year + 2, r.week_start);
  } else if (d.days < first) {
    next = first;
    first = Week1Start(year - 1, r.week_start);
  }
  const int64_t week = (d.days - first) / 7 + 1;
  const int64_t weeks = (next - first) / 7;
  for (int v : r.by_week_no) {
    if (v == week || (v < 0 && weeks + 1 + v == week)) return true;
  }
  return false;
}

/// BYDAY; numbered entries count within [scope_first, scope_last].
bool MatchesDay(const Rule& r, const Day& d, int64_t scope_first, int64_t scope_last) {
  if (r.by_day.empty()) return true;
  const int weekday = Weekday(d.days);
  for (const WeekdayNum& w : r.by_day) {
    if (w.weekday != weekday) continue;
    if (w.ordinal == 0) return true;
    if (w.ordinal > 0 && (d.days - scope_first) / 7 + 1 == w.ordinal) return true;
    if (w.ordinal < 0 && (scope_last - d.days) / 7 + 1 == -w.ordinal) return true;
  }
  return false;
}

Day MakeDay(int64_t days) {
  Day d{days, CivilFromDays(days), 0, 0};
  const int64_t jan1 = DaysFromCivil(d.civil.year, 1, 1);
  d.year_day = static_cast<int>(days - jan1 + 1);
  d.days_in_year = static_cast<int>(DaysFromCivil(d.civil.year + 1, 1, 1) - jan1);
  return d;
}

/// Occurrence times per matching day (BYHOUR × BYMINUTE × BYSECOND).
int64_t TimesPerDay(const Rule& r) {
  auto size = [](const std::vector<int>& v) { return v.empty() ? int64_t{1} : int64_t(v.size()); };
  return size(r.by_hour) * size(r.by_minute) * size(r.by_second);
}

bool SetPosKeepsSome(const Rule& r, int64_t set_size) {
  if (set_size == 0) return false;
  if (r.by_set_pos.empty()) return true;
  for (int v : r.by_set_pos) {
    if (std::abs(v) <= set_size) return true;
  }
  return false;
}

/// Matching days of one MONTHLY period; -1 when the day defaults to the
/// anchor's and there is no anchor (then some month has it).
int64_t MonthDays(const Rule& r, int64_t year, unsigned month, std::optional<Anchor> anchor) {
  if (!r.by_month.empty() && std::find(r.by_month.begin(), r.by_month.end(),
                                       static_cast<int>(month)) == r.by_month.end()) {
    return 0;
  }
  const unsigned dim = DaysInMonth(year, month);
  if (r.by_month_day.empty() && r.by_day.empty()) {
    if (!anchor) return -1;
    return CivilFromDays(anchor->days).day <= dim ? 1 : 0;
  }
  const int64_t first = DaysFromCivil(year, month, 1);
  const int64_t last = first + dim - 1;
  int64_t count = 0;
  for (int64_t days = first; days <= last; ++days) {
    const Day d = MakeDay(days);
    if (MatchesMonthDay(r, d) && MatchesDay(r, d, first, last)) ++count;
  }
  return count;
}

/// Matching days of one YEARLY period (-1 as for MonthDays).
int64_t YearDays(const Rule& r, int64_t year, std::optional<Anchor> anchor) {
  const bool day_parts = !r.by_week_no.empty() || !r.by_year_day.empty() ||
                         !r.by_month_day.empty() || !r.by_day.empty();
  if (!day_parts) {
    if (!anchor) return -1;
    const Civil a = CivilFromDays(anchor->days);
    int64_t count = 0;
    if (r.by_month.empty()) return a.day <= DaysInMonth(year, a.month) ? 1 : 0;
    for (int m : r.by_month) count += a.day <= DaysInMonth(year, static_cast<unsigned>(m)) ? 1 : 0;
    return count;
  }
  const int64_t first = DaysFromCivil(year, 1, 1);
  const int64_t last = DaysFromCivil(year + 1, 1, 1) - 1;
  // BYWEEKNO without BYDAY keeps the anchor's weekday.
  const bool anchor_weekday = !r.by_week_no.empty() && r.by_day.empty() && r.by_month_day.empty() &&
                              r.by_year_day.empty() && anchor;
  int64_t count = 0;
  for (int64_t days = first; days <= last; ++days) {
    const Day d = MakeDay(days);
    if (!MatchesMonth(r, d) || !MatchesWeekNo(r, d) || !MatchesYearDay(r, d) ||
        !MatchesMonthDay(r, d)) {
      continue;
    }
    if (anchor_weekday && Weekday(days) != Weekday(anchor->days)) continue;
    int64_t scope_first = first;
    int64_t scope_last = last;
    if (!r.by_month.empty()) {
      scope_first = DaysFromCivil(year, d.civil.month, 1);
      scope_last = scope_first + DaysInMonth(year, d.civil.month) - 1;
    }
    if (MatchesDay(r, d, scope_first, scope_last)) ++count;
  }
  return count;
}

}  // namespace

bool CanOccur(const Rule& r, std::optional<Anchor> anchor) {
  const int64_t times = TimesPerDay(r);
  if (r.freq == Freq::kMonthly) {
    const int64_t months = kCycleYears * 12;
    int64_t index = kProbeYear * 12;
    int64_t step = 1;
    int64_t periods = months;
    if (anchor) {
      const Civil a = CivilFromDays(anchor->days);
      index = a.year * 12 + (a.month - 1);
      step = r.interval;
      periods = months / std::gcd(int64_t{r.interval}, months);
    }
    for (int64_t k = 0; k < periods; ++k, index += step) {
      const int64_t days = MonthDays(r, index / 12, static_cast<unsigned>(index % 12 + 1), anchor);
      if (days < 0 || SetPosKeepsSome(r, days * times)) return true;
    }
    return false;
  }
  if (r.freq == Freq::kYearly) {
    int64_t year = anchor ? CivilFromDays(anchor->days).year : kProbeYear;
    const int64_t step = anchor ? r.interval : 1;
    const int64_t periods =
        anchor ? kCycleYears / std::gcd(int64_t{r.interval}, kCycleYears) : kCycleYears;
    for (int64_t k = 0; k < periods; ++k, year += step) {
      const int64_t days = YearDays(r, year, anchor);
      if (days < 0 || SetPosKeepsSome(r, days * times)) return true;
    }
    return false;
  }
  // DAILY, WEEKLY and finer: some day of the cycle passes the day filters
  // (INTERVAL is ignored here; the caller bounds the search in time).
  const int64_t first = anchor ? anchor->days : DaysFromCivil(kProbeYear, 1, 1);
  for (int64_t days = first; days < first + kCycleDays; ++days) {
    const Day d = MakeDay(days);
    if (MatchesMonth(r, d) && MatchesMonthDay(r, d) && MatchesYearDay(r, d) &&
        MatchesDay(r, d, days, days)) {
      return true;
    }
  }
  return false;
}

}  // namespace ws::recurrence::internal
