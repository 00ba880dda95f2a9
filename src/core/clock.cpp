#include "core/clock.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace ws {

namespace {

bool ParseInt(std::string_view text, size_t pos, size_t len, int& out) {
  if (pos + len > text.size()) return false;
  for (size_t i = pos; i < pos + len; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  std::from_chars(text.data() + pos, text.data() + pos + len, out);
  return true;
}

std::optional<std::chrono::sys_days> Day(int y, int m, int d) {
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{unsigned(m)},
                                        std::chrono::day{unsigned(d)}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd};
}

}  // namespace

int64_t NowMillis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string FormatTimestamp(int64_t millis) {
  using namespace std::chrono;
  const sys_days days = floor<std::chrono::days>(sys_time<milliseconds>(milliseconds(millis)));
  const year_month_day ymd{days};
  const int64_t in_day = millis - duration_cast<milliseconds>(days.time_since_epoch()).count();
  const int year = int(ymd.year());
  if (year < 0 || year > 9999) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", year,
                  unsigned(ymd.month()), unsigned(ymd.day()), int(in_day / 3600000),
                  int(in_day / 60000 % 60), int(in_day / 1000 % 60), int(in_day % 1000));
    return buf;
  }
  // By hand rather than snprintf: every task in every answer has two.
  std::string out = "0000-00-00T00:00:00.000Z";
  auto put = [&out](size_t end, int64_t value) {
    for (size_t i = end; value > 0; --i, value /= 10) out[i] = char('0' + value % 10);
  };
  put(3, year);
  put(6, unsigned(ymd.month()));
  put(9, unsigned(ymd.day()));
  put(12, in_day / 3600000);
  put(15, in_day / 60000 % 60);
  put(18, in_day / 1000 % 60);
  put(22, in_day % 1000);
  return out;
}

std::optional<int64_t> ParseTimestamp(std::string_view t) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (t.size() < 20 || t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != 't') ||
      t[13] != ':' || t[16] != ':') {
    return std::nullopt;
  }
  if (!ParseInt(t, 0, 4, y) || !ParseInt(t, 5, 2, mo) || !ParseInt(t, 8, 2, d) ||
      !ParseInt(t, 11, 2, h) || !ParseInt(t, 14, 2, mi) || !ParseInt(t, 17, 2, s)) {
    return std::nullopt;
  }
  if (h > 23 || mi > 59 || s > 59) return std::nullopt;
  auto day = Day(y, mo, d);
  if (!day) return std::nullopt;
  size_t pos = 19;
  int64_t frac_ms = 0;
  if (pos < t.size() && t[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < t.size() && t[pos] >= '0' && t[pos] <= '9') {
      if (digits < 3) frac_ms = frac_ms * 10 + (t[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return std::nullopt;
    for (int i = digits; i < 3; ++i) frac_ms *= 10;
  }
  int64_t offset_min = 0;
  if (pos < t.size() && (t[pos] == 'Z' || t[pos] == 'z')) {
    ++pos;
  } else if (pos < t.size() && (t[pos] == '+' || t[pos] == '-')) {
    int oh = 0, om = 0;
    if (pos + 6 != t.size() || t[pos + 3] != ':' || !ParseInt(t, pos + 1, 2, oh) ||
        !ParseInt(t, pos + 4, 2, om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset_min = (oh * 60 + om) * (t[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != t.size()) return std::nullopt;
  using namespace std::chrono;
  const int64_t base = duration_cast<milliseconds>(day->time_since_epoch()).count();
  return base + ((h * 60 + mi - offset_min) * 60 + s) * 1000 + frac_ms;
}

std::optional<int64_t> ParseDate(std::string_view t) {
  int y = 0, m = 0, d = 0;
  if (t.size() != 10 || t[4] != '-' || t[7] != '-' || !ParseInt(t, 0, 4, y) ||
      !ParseInt(t, 5, 2, m) || !ParseInt(t, 8, 2, d)) {
    return std::nullopt;
  }
  auto day = Day(y, m, d);
  if (!day) return std::nullopt;
  return day->time_since_epoch().count();
}

std::string FormatDate(int64_t days) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days}}};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()));
  return buf;
}

}  // namespace ws
