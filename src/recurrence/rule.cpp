#include "recurrence/rule.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <numeric>

namespace ws::recurrence::internal {

namespace {

constexpr std::array<std::string_view, 7> kFreqNames = {"SECONDLY", "MINUTELY", "HOURLY", "DAILY",
                                                        "WEEKLY",   "MONTHLY",  "YEARLY"};
constexpr std::array<std::string_view, 7> kWeekdays = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

int FindWeekday(std::string_view s) {
  for (size_t i = 0; i < kWeekdays.size(); ++i) {
    if (kWeekdays[i] == s) return static_cast<int>(i);
  }
  return -1;
}

/// `[+|-]digits` with at most `max_digits` digits; nullopt when malformed.
std::optional<int> ParseInt(std::string_view s, bool allow_sign, size_t max_digits) {
  int sign = 1;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    if (!allow_sign) return std::nullopt;
    sign = s.front() == '-' ? -1 : 1;
    s.remove_prefix(1);
  }
  if (s.empty() || s.size() > max_digits) return std::nullopt;
  int value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return sign * value;
}

std::vector<std::string_view> SplitOn(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (;;) {
    const size_t end = s.find(sep, start);
    parts.push_back(s.substr(start, end == s.npos ? s.npos : end - start));
    if (end == s.npos) return parts;
    start = end + 1;
  }
}

std::string Quoted(std::string_view s) {
  std::string out = "'";
  out.append(s.substr(0, 40));
  if (s.size() > 40) out += "...";
  return out + "'";
}

/// A list of integers in [lo, hi] (and [-hi, -lo] when `negative`).
std::variant<std::vector<int>, std::string> ParseList(std::string_view name, std::string_view value,
                                                      int lo, int hi, bool negative) {
  std::vector<int> out;
  for (std::string_view item : SplitOn(value, ',')) {
    const std::optional<int> v = ParseInt(item, negative, 3);
    const bool in_range = v && ((*v >= lo && *v <= hi) || (negative && *v <= -lo && *v >= -hi));
    if (!in_range) return std::string(name) + " value " + Quoted(item) + " is not valid";
    if (std::find(out.begin(), out.end(), *v) != out.end()) {
      return std::string(name) + " lists " + Quoted(item) + " twice";
    }
    out.push_back(*v);
  }
  return out;
}

std::optional<Until> ParseUntil(std::string_view s) {
  auto digits = [](std::string_view d) {
    return std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (s.size() != 8 && s.size() != 15 && s.size() != 16) return std::nullopt;
  if (!digits(s.substr(0, 8))) return std::nullopt;
  const int y = std::stoi(std::string(s.substr(0, 4)));
  const unsigned m = static_cast<unsigned>(std::stoi(std::string(s.substr(4, 2))));
  const unsigned d = static_cast<unsigned>(std::stoi(std::string(s.substr(6, 2))));
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return std::nullopt;
  Until until;
  until.days = DaysFromCivil(y, m, d);
  if (s.size() == 8) {
    until.is_date = true;
    return until;
  }
  if (s[8] != 'T' || !digits(s.substr(9, 6))) return std::nullopt;
  if (s.size() == 16 && s[15] != 'Z') return std::nullopt;
  const int hh = std::stoi(std::string(s.substr(9, 2)));
  const int mm = std::stoi(std::string(s.substr(11, 2)));
  const int ss = std::stoi(std::string(s.substr(13, 2)));
  if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
  until.seconds = hh * 3600 + mm * 60 + std::min(ss, 59);
  until.utc = s.size() == 16;
  return until;
}

std::string JoinInts(const std::vector<int>& values) {
  std::string out;
  for (int v : values) {
    if (!out.empty()) out += ',';
    out += std::to_string(v);
  }
  return out;
}

/// Cross-part rules of RFC 5545 §3.3.10 and limits of this server.
std::string CheckCombination(const Rule& r, bool has_freq) {
  if (!has_freq) return "FREQ is required";
  if (r.count > 0 && r.until) return "COUNT and UNTIL cannot both be given";
  const std::string freq = "FREQ=" + std::string(kFreqNames[static_cast<int>(r.freq)]);
  if (!r.by_week_no.empty() && r.freq != Freq::kYearly) {
    return "BYWEEKNO is only allowed with FREQ=YEARLY";
  }
  if (!r.by_year_day.empty() &&
      (r.freq == Freq::kDaily || r.freq == Freq::kWeekly || r.freq == Freq::kMonthly)) {
    return "BYYEARDAY is not allowed with " + freq;
  }
  if (!r.by_month_day.empty() && r.freq == Freq::kWeekly) {
    return "BYMONTHDAY is not allowed with " + freq;
  }
  for (const WeekdayNum& wd : r.by_day) {
    if (wd.ordinal == 0) continue;
    if (r.freq != Freq::kMonthly && r.freq != Freq::kYearly) {
      return "BYDAY with a number needs FREQ=MONTHLY or FREQ=YEARLY";
    }
    if (r.freq == Freq::kYearly && !r.by_week_no.empty()) {
      return "BYDAY with a number is not allowed with BYWEEKNO";
    }
    const bool within_month = r.freq == Freq::kMonthly || !r.by_month.empty();
    if (within_month && (wd.ordinal > 5 || wd.ordinal < -5)) {
      return "BYDAY value '" + std::to_string(wd.ordinal) + std::string(kWeekdays[wd.weekday]) +
             "' is not valid: a month has at most 5 of each weekday";
    }
  }
  const bool other_by = !r.by_second.empty() || !r.by_minute.empty() || !r.by_hour.empty() ||
                        !r.by_day.empty() || !r.by_month_day.empty() || !r.by_year_day.empty() ||
                        !r.by_week_no.empty() || !r.by_month.empty();
  if (!r.by_set_pos.empty() && !other_by) return "BYSETPOS needs another BY rule part";
  return "";
}

}  // namespace

int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

Civil CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

int Weekday(int64_t days) { return static_cast<int>(((days + 3) % 7 + 7) % 7); }

unsigned DaysInMonth(int64_t year, unsigned month) {
  static constexpr std::array<unsigned, 12> kDays = {31, 28, 31, 30, 31, 30,
                                                     31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::variant<Rule, std::string> Parse(std::string_view text) {
  if (text.size() > kMaxRuleLength) {
    return "the rule is longer than " + std::to_string(kMaxRuleLength) + " characters";
  }
  std::string upper(text);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string_view s = upper;
  if (s.starts_with("RRULE:")) s.remove_prefix(6);
  if (s.empty()) return std::string("the rule is empty");

  Rule rule;
  bool has_freq = false;
  std::vector<std::string_view> seen;
  for (std::string_view part : SplitOn(s, ';')) {
    const size_t eq = part.find('=');
    if (part.empty()) return std::string("the rule has an empty part (stray ';')");
    if (eq == part.npos) return "rule part " + Quoted(part) + " is not NAME=VALUE";
    const std::string_view name = part.substr(0, eq);
    const std::string_view value = part.substr(eq + 1);
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
      return std::string(name) + " is given twice";
    }
    seen.push_back(name);
    std::variant<std::vector<int>, std::string> list;
    std::vector<int>* target = nullptr;
    if (name == "FREQ") {
      auto it = std::find(kFreqNames.begin(), kFreqNames.end(), value);
      if (it == kFreqNames.end()) return "FREQ value " + Quoted(value) + " is not valid";
      rule.freq = static_cast<Freq>(it - kFreqNames.begin());
      has_freq = true;
    } else if (name == "INTERVAL") {
      const std::optional<int> v = ParseInt(value, false, 6);
      if (!v || *v < 1 || *v > kMaxInterval) {
        return "INTERVAL must be a whole number from 1 to " + std::to_string(kMaxInterval);
      }
      rule.interval = *v;
    } else if (name == "COUNT") {
      const std::optional<int> v = ParseInt(value, false, 7);
      if (!v || *v < 1 || *v > kMaxCount) {
        return "COUNT must be a whole number from 1 to " + std::to_string(kMaxCount);
      }
      rule.count = *v;
    } else if (name == "UNTIL") {
      rule.until = ParseUntil(value);
      if (!rule.until) {
        return "UNTIL value " + Quoted(value) +
               " is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS[Z])";
      }
    } else if (name == "WKST") {
      rule.week_start = FindWeekday(value);
      if (rule.week_start < 0) return "WKST value " + Quoted(value) + " is not valid";
    } else if (name == "BYDAY") {
      for (std::string_view item : SplitOn(value, ',')) {
        const std::string invalid = "BYDAY value " + Quoted(item) + " is not valid";
        if (item.size() < 2) return invalid;
        const int weekday = FindWeekday(item.substr(item.size() - 2));
        const std::string_view number = item.substr(0, item.size() - 2);
        std::optional<int> ordinal = number.empty() ? 0 : ParseInt(number, true, 2);
        if (weekday < 0 || !ordinal || (!number.empty() && *ordinal == 0) || *ordinal > 53 ||
            *ordinal < -53) {
          return invalid;
        }
        for (const WeekdayNum& w : rule.by_day) {
          if (w.weekday == weekday && w.ordinal == *ordinal) {
            return "BYDAY lists " + Quoted(item) + " twice";
          }
        }
        rule.by_day.push_back({*ordinal, weekday});
      }
    } else if (name == "BYSECOND") {
      list = ParseList(name, value, 0, 60, false), target = &rule.by_second;
    } else if (name == "BYMINUTE") {
      list = ParseList(name, value, 0, 59, false), target = &rule.by_minute;
    } else if (name == "BYHOUR") {
      list = ParseList(name, value, 0, 23, false), target = &rule.by_hour;
    } else if (name == "BYMONTHDAY") {
      list = ParseList(name, value, 1, 31, true), target = &rule.by_month_day;
    } else if (name == "BYYEARDAY") {
      list = ParseList(name, value, 1, 366, true), target = &rule.by_year_day;
    } else if (name == "BYWEEKNO") {
      list = ParseList(name, value, 1, 53, true), target = &rule.by_week_no;
    } else if (name == "BYMONTH") {
      list = ParseList(name, value, 1, 12, false), target = &rule.by_month;
    } else if (name == "BYSETPOS") {
      list = ParseList(name, value, 1, 366, true), target = &rule.by_set_pos;
    } else if (name == "RSCALE" || name == "SKIP") {
      return std::string(name) + " (RFC 7529) is not supported";
    } else {
      return Quoted(name) + " is not a rule part";
    }
    if (target != nullptr) {
      if (auto* error = std::get_if<std::string>(&list)) return std::move(*error);
      *target = std::get<std::vector<int>>(std::move(list));
    }
  }
  if (std::string problem = CheckCombination(rule, has_freq); !problem.empty()) return problem;

  // Canonical text for libical, without UNTIL.
  std::string& out = rule.for_libical;
  out = "FREQ=" + std::string(kFreqNames[static_cast<int>(rule.freq)]);
  if (rule.interval != 1) out += ";INTERVAL=" + std::to_string(rule.interval);
  if (rule.count > 0) out += ";COUNT=" + std::to_string(rule.count);
  auto add = [&out](std::string_view name, const std::vector<int>& values) {
    if (!values.empty()) out += ";" + std::string(name) + "=" + JoinInts(values);
  };
  add("BYSECOND", rule.by_second);
  add("BYMINUTE", rule.by_minute);
  add("BYHOUR", rule.by_hour);
  if (!rule.by_day.empty()) {
    out += ";BYDAY=";
    for (size_t i = 0; i < rule.by_day.size(); ++i) {
      if (i > 0) out += ',';
      if (rule.by_day[i].ordinal != 0) out += std::to_string(rule.by_day[i].ordinal);
      out += kWeekdays[rule.by_day[i].weekday];
    }
  }
  add("BYMONTHDAY", rule.by_month_day);
  add("BYYEARDAY", rule.by_year_day);
  add("BYWEEKNO", rule.by_week_no);
  add("BYMONTH", rule.by_month);
  add("BYSETPOS", rule.by_set_pos);
  if (rule.week_start != 0) out += ";WKST=" + std::string(kWeekdays[rule.week_start]);
  return rule;
}

}  // namespace ws::recurrence::internal
