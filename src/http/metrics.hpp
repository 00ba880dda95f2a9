#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

#include "http/message.hpp"

namespace ws::http {

/// Request counts and latency histograms by method, route and status.
class Metrics {
 public:
  void Observe(Method method, std::string_view route, int status, double milliseconds);
  /// Appends Prometheus text exposition format.
  void Render(std::string& out) const;

 private:
  static constexpr std::array<double, 13> kBucketsMs = {0.5, 1,   2.5, 5,    10,   25,   50,
                                                        100, 250, 500, 1000, 2500, 10000};
  struct Series {
    std::array<uint64_t, kBucketsMs.size()> buckets{};
    uint64_t count = 0;
    double sum_ms = 0;
  };
  using Key = std::tuple<Method, std::string, int>;
  mutable std::mutex mutex_;
  // Transparent: Observe looks up with a string_view, allocating only for
  // a new series.
  std::map<Key, Series, std::less<>> series_;  // GUARDED_BY(mutex_)
};

}  // namespace ws::http
