#include "recurrence/recurrence.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <vector>

#include "core/clock.hpp"

namespace ws::recurrence {
namespace {

int64_t D(const char* date) { return ParseDate(date).value(); }
int64_t T(const char* timestamp) { return ParseTimestamp(timestamp).value(); }

/// The next date as text, "none" when exhausted, "error: ..." on error.
std::string NextDateText(std::string_view rule, const char* start, const char* after) {
  auto next = NextDate(rule, D(start), D(after));
  if (!next) return "error: " + next.error().fields.begin()->second;
  return *next ? FormatDate(**next) : "none";
}

/// The first `n` occurrences strictly after `after`, as RFC 3339 UTC.
std::vector<std::string> Instants(std::string_view rule, const char* start, const char* tz,
                                  const char* after, int n) {
  std::vector<std::string> out;
  int64_t cursor = T(after);
  for (int i = 0; i < n; ++i) {
    auto next = NextInstant(rule, T(start), tz, cursor);
    if (!next) {
      out.push_back("error: " + next.error().message);
      break;
    }
    if (!*next) break;
    out.push_back(FormatTimestamp(**next));
    cursor = **next;
  }
  return out;
}

TEST(RecurrenceProblem, AcceptsValidRules) {
  for (const char* rule :
       {"FREQ=DAILY", "RRULE:FREQ=WEEKLY;BYDAY=MO,WE", "freq=weekly;byday=mo",
        "FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=MONTHLY;BYDAY=-1FR",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
        "FREQ=DAILY;COUNT=10", "FREQ=WEEKLY;UNTIL=20261231",
        "FREQ=WEEKLY;UNTIL=20261231T235959Z;INTERVAL=2;WKST=SU", "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO",
        "FREQ=HOURLY;BYHOUR=9,17", "FREQ=YEARLY;BYYEARDAY=1,-1"}) {
    EXPECT_EQ(Problem(rule), "") << rule;
  }
}

TEST(RecurrenceProblem, ExplainsInvalidRules) {
  const std::vector<std::pair<const char*, const char*>> cases = {
      {"", "the rule is empty"},
      {"RRULE:", "the rule is empty"},
      {"BYDAY=MO", "FREQ is required"},
      {"FREQ=WEEKLY;BYDAY=MO,XX", "BYDAY value 'XX' is not valid"},
      {"FREQ=WEEKLY;BYDAY=0MO", "BYDAY value '0MO' is not valid"},
      {"FREQ=FORTNIGHTLY", "FREQ value 'FORTNIGHTLY' is not valid"},
      {"FREQ=DAILY;FOO=1", "'FOO' is not a rule part"},
      {"FREQ=DAILY;COUNT", "rule part 'COUNT' is not NAME=VALUE"},
      {"FREQ=DAILY;;COUNT=2", "the rule has an empty part (stray ';')"},
      {"FREQ=DAILY;FREQ=WEEKLY", "FREQ is given twice"},
      {"FREQ=DAILY;COUNT=0", "COUNT must be a whole number from 1 to 100000"},
      {"FREQ=DAILY;COUNT=abc", "COUNT must be a whole number from 1 to 100000"},
      {"FREQ=DAILY;INTERVAL=0", "INTERVAL must be a whole number from 1 to 1000"},
      {"FREQ=DAILY;COUNT=3;UNTIL=20260101", "COUNT and UNTIL cannot both be given"},
      {"FREQ=DAILY;UNTIL=20260230",
       "UNTIL value '20260230' is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS[Z])"},
      {"FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY value '32' is not valid"},
      {"FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY value '0' is not valid"},
      {"FREQ=YEARLY;BYMONTH=13", "BYMONTH value '13' is not valid"},
      {"FREQ=DAILY;BYHOUR=24", "BYHOUR value '24' is not valid"},
      {"FREQ=DAILY;BYMONTH=1,1", "BYMONTH lists '1' twice"},
      {"FREQ=WEEKLY;BYMONTHDAY=1", "BYMONTHDAY is not allowed with FREQ=WEEKLY"},
      {"FREQ=MONTHLY;BYYEARDAY=1", "BYYEARDAY is not allowed with FREQ=MONTHLY"},
      {"FREQ=MONTHLY;BYWEEKNO=1", "BYWEEKNO is only allowed with FREQ=YEARLY"},
      {"FREQ=DAILY;BYDAY=1MO", "BYDAY with a number needs FREQ=MONTHLY or FREQ=YEARLY"},
      {"FREQ=MONTHLY;BYDAY=6MO",
       "BYDAY value '6MO' is not valid: a month has at most 5 of each weekday"},
      {"FREQ=MONTHLY;BYSETPOS=1", "BYSETPOS needs another BY rule part"},
      {"FREQ=YEARLY;RSCALE=HEBREW", "RSCALE (RFC 7529) is not supported"},
      {"FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30", "the rule never produces an occurrence"},
      {"FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31", "the rule never produces an occurrence"},
      {"FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "the rule never produces an occurrence"},
      {"FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=31", "the rule never produces an occurrence"},
      {"FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6", "the rule never produces an occurrence"},
      {"FREQ=MONTHLY;BYDAY=5MO;BYMONTHDAY=1", "the rule never produces an occurrence"},
  };
  for (const auto& [rule, reason] : cases) EXPECT_EQ(Problem(rule), reason) << rule;
  EXPECT_EQ(Problem(std::string(2000, 'A')), "the rule is longer than 1024 characters");
}

TEST(RecurrenceProblem, DateSeriesNeedDailyOrCoarser) {
  EXPECT_EQ(DateProblem("FREQ=WEEKLY;BYDAY=MO,WE"), "");
  EXPECT_NE(DateProblem("FREQ=HOURLY"), "");
  EXPECT_NE(DateProblem("FREQ=DAILY;BYHOUR=9"), "");
  EXPECT_EQ(DateProblem("BYDAY=MO"), "FREQ is required");
  auto next = NextDate("FREQ=MINUTELY", D("2026-01-01"), D("2026-01-01"));
  ASSERT_FALSE(next.ok());
  EXPECT_EQ(next.error().code, ErrorCode::kValidationFailed);
  EXPECT_EQ(next.error().fields.count("recurrence"), 1u);
}

TEST(RecurrenceNextDate, Daily) {
  EXPECT_EQ(NextDateText("FREQ=DAILY", "2026-01-30", "2026-01-30"), "2026-01-31");
  EXPECT_EQ(NextDateText("FREQ=DAILY", "2026-01-30", "2026-02-28"), "2026-03-01");
  EXPECT_EQ(NextDateText("FREQ=DAILY;INTERVAL=3", "2026-01-01", "2026-01-05"), "2026-01-07");
  // `after` before the start: the start itself.
  EXPECT_EQ(NextDateText("FREQ=DAILY", "2026-01-30", "2020-01-01"), "2026-01-30");
  // Years after the start (no COUNT): found without walking every day.
  EXPECT_EQ(NextDateText("FREQ=DAILY;INTERVAL=7", "1990-01-01", "2026-06-15"), "2026-06-22");
  EXPECT_EQ(NextDateText("FREQ=DAILY;INTERVAL=7", "1990-01-01", "2026-06-17"), "2026-06-22");
}

TEST(RecurrenceNextDate, WeeklyByDay) {
  const char* rule = "FREQ=WEEKLY;BYDAY=MO,WE";
  // 2026-02-02 is a Monday.
  EXPECT_EQ(NextDateText(rule, "2026-02-02", "2026-02-02"), "2026-02-04");
  EXPECT_EQ(NextDateText(rule, "2026-02-02", "2026-02-04"), "2026-02-09");
  EXPECT_EQ(NextDateText(rule, "2026-02-02", "2026-02-05"), "2026-02-09");
  EXPECT_EQ(NextDateText("FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "2026-02-06", "2026-02-06"),
            "2026-02-20");
}

TEST(RecurrenceNextDate, MonthlyByMonthDaySkipsShortMonths) {
  const char* rule = "FREQ=MONTHLY;BYMONTHDAY=31";
  EXPECT_EQ(NextDateText(rule, "2026-01-31", "2026-01-31"), "2026-03-31");
  EXPECT_EQ(NextDateText(rule, "2026-01-31", "2026-03-31"), "2026-05-31");
  EXPECT_EQ(NextDateText(rule, "2026-01-31", "2026-07-31"), "2026-08-31");
  EXPECT_EQ(NextDateText("FREQ=MONTHLY;BYMONTHDAY=-1", "2026-01-31", "2026-01-31"), "2026-02-28");
  EXPECT_EQ(NextDateText("FREQ=MONTHLY;BYDAY=-1FR", "2026-01-01", "2026-01-30"), "2026-02-27");
  EXPECT_EQ(NextDateText("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "2024-02-29", "2024-02-29"),
            "2028-02-29");
  // Mondays of ISO weeks 1 and 53, years after the start.
  EXPECT_EQ(NextDateText("FREQ=YEARLY;BYWEEKNO=1,53;BYDAY=MO", "2004-10-10", "2015-07-29"),
            "2015-12-28");
  // Every 12 months from February never has a 31st: no next date, at once.
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(NextDateText("FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=31", "2026-02-01", "2026-02-01"),
            "none");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
}

TEST(RecurrenceNextDate, CountExhaustion) {
  const char* rule = "FREQ=DAILY;COUNT=3";
  EXPECT_EQ(NextDateText(rule, "2026-03-01", "2026-03-01"), "2026-03-02");
  EXPECT_EQ(NextDateText(rule, "2026-03-01", "2026-03-02"), "2026-03-03");
  EXPECT_EQ(NextDateText(rule, "2026-03-01", "2026-03-03"), "none");
  EXPECT_EQ(NextDateText(rule, "2026-03-01", "2030-01-01"), "none");
  EXPECT_EQ(NextDateText("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4", "2026-02-02", "2026-02-09"),
            "2026-02-11");
  EXPECT_EQ(NextDateText("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4", "2026-02-02", "2026-02-11"), "none");
}

TEST(RecurrenceNextDate, Until) {
  const char* rule = "FREQ=WEEKLY;UNTIL=20260215";
  EXPECT_EQ(NextDateText(rule, "2026-01-31", "2026-02-06"), "2026-02-07");
  EXPECT_EQ(NextDateText(rule, "2026-01-31", "2026-02-07"), "2026-02-14");
  EXPECT_EQ(NextDateText(rule, "2026-01-31", "2026-02-14"), "none");
  // UNTIL is inclusive.
  EXPECT_EQ(NextDateText("FREQ=DAILY;UNTIL=20260303", "2026-03-01", "2026-03-02"), "2026-03-03");
  EXPECT_EQ(NextDateText("FREQ=DAILY;UNTIL=20260303T000000Z", "2026-03-01", "2026-03-02"),
            "2026-03-03");
}

TEST(RecurrenceNextDate, InvalidRulesAreValidationErrors) {
  auto next = NextDate("FREQ=WEEKLY;BYDAY=XX", D("2026-01-01"), D("2026-01-01"));
  ASSERT_FALSE(next.ok());
  EXPECT_EQ(next.error().code, ErrorCode::kValidationFailed);
  EXPECT_EQ(next.error().fields.at("recurrence"), "BYDAY value 'XX' is not valid");
}

// Europe/Berlin 2026: summer time from 03-29 01:00Z, winter time from 10-25 01:00Z.
TEST(RecurrenceNextInstant, BerlinSpringForward) {
  EXPECT_EQ(
      Instants("FREQ=DAILY", "2026-03-27T08:00:00Z", "Europe/Berlin", "2026-03-27T08:00:00Z", 3),
      (std::vector<std::string>{"2026-03-28T08:00:00.000Z", "2026-03-29T07:00:00.000Z",
                                "2026-03-30T07:00:00.000Z"}));
  // 02:30 does not exist on 03-29: 03:30 summer time; the day after is 02:30 again.
  EXPECT_EQ(
      Instants("FREQ=DAILY", "2026-03-27T01:30:00Z", "Europe/Berlin", "2026-03-27T01:30:00Z", 3),
      (std::vector<std::string>{"2026-03-28T01:30:00.000Z", "2026-03-29T01:30:00.000Z",
                                "2026-03-30T00:30:00.000Z"}));
}

TEST(RecurrenceNextInstant, BerlinFallBack) {
  EXPECT_EQ(
      Instants("FREQ=DAILY", "2026-10-23T07:00:00Z", "Europe/Berlin", "2026-10-23T07:00:00Z", 3),
      (std::vector<std::string>{"2026-10-24T07:00:00.000Z", "2026-10-25T08:00:00.000Z",
                                "2026-10-26T08:00:00.000Z"}));
  // 02:30 happens twice on 10-25: the first one (summer time).
  EXPECT_EQ(
      Instants("FREQ=DAILY", "2026-10-23T00:30:00Z", "Europe/Berlin", "2026-10-23T00:30:00Z", 3),
      (std::vector<std::string>{"2026-10-24T00:30:00.000Z", "2026-10-25T00:30:00.000Z",
                                "2026-10-26T01:30:00.000Z"}));
}

// America/New_York 2026: EDT from 03-08 07:00Z, EST from 11-01 06:00Z.
TEST(RecurrenceNextInstant, NewYorkChanges) {
  EXPECT_EQ(
      Instants("FREQ=DAILY", "2026-03-06T14:00:00Z", "America/New_York", "2026-03-06T14:00:00Z", 3),
      (std::vector<std::string>{"2026-03-07T14:00:00.000Z", "2026-03-08T13:00:00.000Z",
                                "2026-03-09T13:00:00.000Z"}));
  EXPECT_EQ(
      Instants("FREQ=DAILY", "2026-03-07T07:30:00Z", "America/New_York", "2026-03-07T07:30:00Z", 2),
      (std::vector<std::string>{"2026-03-08T07:30:00.000Z", "2026-03-09T06:30:00.000Z"}));
  EXPECT_EQ(
      Instants("FREQ=DAILY", "2026-10-30T13:00:00Z", "America/New_York", "2026-10-30T13:00:00Z", 3),
      (std::vector<std::string>{"2026-10-31T13:00:00.000Z", "2026-11-01T14:00:00.000Z",
                                "2026-11-02T14:00:00.000Z"}));
  // 01:30 happens twice on 11-01: the first one (EDT).
  EXPECT_EQ(
      Instants("FREQ=DAILY", "2026-10-31T05:30:00Z", "America/New_York", "2026-10-31T05:30:00Z", 2),
      (std::vector<std::string>{"2026-11-01T05:30:00.000Z", "2026-11-02T06:30:00.000Z"}));
}

TEST(RecurrenceNextInstant, WeeklyCountUntilAndMilliseconds) {
  // Mondays and Wednesdays 18:15 Berlin, from Monday 2026-03-23 (winter time).
  EXPECT_EQ(Instants("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4", "2026-03-23T17:15:00.250Z", "Europe/Berlin",
                     "2026-03-23T17:15:00.250Z", 5),
            (std::vector<std::string>{"2026-03-25T17:15:00.250Z", "2026-03-30T16:15:00.250Z",
                                      "2026-04-01T16:15:00.250Z"}));
  EXPECT_EQ(Instants("FREQ=DAILY;UNTIL=20260329T010000Z", "2026-03-27T01:30:00Z", "Europe/Berlin",
                     "2026-03-27T01:30:00Z", 5),
            (std::vector<std::string>{"2026-03-28T01:30:00.000Z"}));
  EXPECT_EQ(Instants("FREQ=DAILY;UNTIL=20260329", "2026-03-27T01:30:00Z", "Europe/Berlin",
                     "2026-03-27T01:30:00Z", 5),
            (std::vector<std::string>{"2026-03-28T01:30:00.000Z", "2026-03-29T01:30:00.000Z"}));
  // Strictly after: one millisecond before an occurrence finds it.
  auto next = NextInstant("FREQ=DAILY", T("2026-03-27T08:00:00.500Z"), "Europe/Berlin",
                          T("2026-03-28T08:00:00.499Z"));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(FormatTimestamp(next->value()), "2026-03-28T08:00:00.500Z");
}

TEST(RecurrenceNextInstant, PathologicalRulesEndQuickly) {
  const auto started = std::chrono::steady_clock::now();
  // Matches only in February, searched from March: the horizon ends it.
  auto sparse = NextInstant("FREQ=SECONDLY;BYMONTH=2", T("2026-03-01T00:00:00Z"), "UTC",
                            T("2026-03-01T00:00:00Z"));
  ASSERT_FALSE(sparse.ok());
  EXPECT_EQ(sparse.error().code, ErrorCode::kValidationFailed);
  // Every second, years after the start: jumps there.
  auto dense =
      NextInstant("FREQ=SECONDLY", T("2020-01-01T00:00:00Z"), "UTC", T("2026-05-05T10:00:00Z"));
  ASSERT_TRUE(dense.ok());
  EXPECT_EQ(FormatTimestamp(dense->value()), "2026-05-05T10:00:01.000Z");
  // Every 5 hours, days after the start: still on the start's 5-hour grid.
  auto grid = NextInstant("FREQ=HOURLY;INTERVAL=5", T("2026-05-26T08:00:27Z"), "UTC",
                          T("2026-05-28T15:03:35Z"));
  ASSERT_TRUE(grid.ok());
  EXPECT_EQ(FormatTimestamp(grid->value()), "2026-05-28T20:00:27.000Z");
  // COUNT series must be counted from the start: exhausted, or refused.
  auto counted = NextInstant("FREQ=SECONDLY;COUNT=5", T("2020-01-01T00:00:00Z"), "UTC",
                             T("2026-05-05T10:00:00Z"));
  ASSERT_TRUE(counted.ok());
  EXPECT_FALSE(counted->has_value());
  auto long_count = NextInstant("FREQ=SECONDLY;COUNT=100000", T("2020-01-01T00:00:00Z"), "UTC",
                                T("2026-05-05T10:00:00Z"));
  ASSERT_TRUE(long_count.ok());
  EXPECT_FALSE(long_count->has_value());
  // Daily every 7 days from a Monday never lands on a Tuesday.
  auto never = NextInstant("FREQ=DAILY;INTERVAL=7;BYDAY=TU", T("2026-01-05T00:00:00Z"), "UTC",
                           T("2026-01-05T00:00:00Z"));
  EXPECT_FALSE(never.ok());
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
}

TEST(RecurrenceZones, LocalDateAroundMidnight) {
  // 2026-03-27 23:30 in Berlin is 22:30Z; 00:30 the next day is 23:30Z.
  EXPECT_EQ(LocalDate("Europe/Berlin", T("2026-03-27T22:59:59.999Z")).value(), D("2026-03-27"));
  EXPECT_EQ(LocalDate("Europe/Berlin", T("2026-03-27T23:00:00Z")).value(), D("2026-03-28"));
  // Summer time: midnight is 22:00Z.
  EXPECT_EQ(LocalDate("Europe/Berlin", T("2026-07-01T21:59:59Z")).value(), D("2026-07-01"));
  EXPECT_EQ(LocalDate("Europe/Berlin", T("2026-07-01T22:00:00Z")).value(), D("2026-07-02"));
  EXPECT_EQ(LocalDate("America/New_York", T("2026-01-15T04:59:59Z")).value(), D("2026-01-14"));
  EXPECT_EQ(LocalDate("America/New_York", T("2026-01-15T05:00:00Z")).value(), D("2026-01-15"));
  EXPECT_EQ(LocalDate("America/New_York", T("2026-07-15T03:59:59Z")).value(), D("2026-07-14"));
  EXPECT_EQ(LocalDate("America/New_York", T("2026-07-15T04:00:00Z")).value(), D("2026-07-15"));
  EXPECT_EQ(LocalDate("UTC", T("2026-07-15T00:00:00Z")).value(), D("2026-07-15"));
  EXPECT_EQ(LocalDate("UTC", -1).value(), -1);
  auto unknown = LocalDate("Mars/Olympus_Mons", 0);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().fields.count("timezone"), 1u);
}

TEST(RecurrenceZones, KnownZones) {
  for (const char* tz : {"UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata",
                         "America/Argentina/Buenos_Aires", "Etc/GMT+5"}) {
    EXPECT_TRUE(IsKnownZone(tz)) << tz;
  }
  for (const char* tz : {"", "Mars/Olympus_Mons", "Europe//Berlin", "/etc/passwd",
                         "../../../../etc/passwd", "Europe/Berlin/", "zone.tab", "Europe"}) {
    EXPECT_FALSE(IsKnownZone(tz)) << tz;
  }
}

TEST(RecurrenceZones, ConcurrentCallsAgree) {
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&wrong, t] {
      const char* zones[] = {"Europe/Berlin", "America/New_York", "Asia/Tokyo", "Europe/Paris"};
      for (int i = 0; i < 200; ++i) {
        const char* tz = zones[(t + i) % 4];
        auto date = LocalDate(tz, T("2026-06-01T12:00:00Z"));
        if (!date || *date != D("2026-06-01")) ++wrong;
        auto next = NextInstant("FREQ=DAILY", T("2026-03-27T08:00:00Z"), "Europe/Berlin",
                                T("2026-03-28T08:00:00Z"));
        if (!next || FormatTimestamp(**next) != "2026-03-29T07:00:00.000Z") ++wrong;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace ws::recurrence
