#include "http/metrics.hpp"

#include <cstdio>

namespace ws::http {

void Metrics::Observe(Method method, std::string_view route, int status, double ms) {
  std::lock_guard lock(mutex_);
  // Unmatched paths share one series so scanners cannot grow the map.
  if (route.empty()) route = "-";
  auto it = series_.find(std::tuple<Method, std::string_view, int>{method, route, status});
  if (it == series_.end())
    it = series_.emplace(Key{method, std::string(route), status}, Series{}).first;
  Series& s = it->second;
  for (size_t i = 0; i < kBucketsMs.size(); ++i) {
    if (ms <= kBucketsMs[i]) ++s.buckets[i];
  }
  ++s.count;
  s.sum_ms += ms;
}

void Metrics::Render(std::string& out) const {
  std::lock_guard lock(mutex_);
  out += "# HELP workstead_http_requests_total HTTP requests answered.\n";
  out += "# TYPE workstead_http_requests_total counter\n";
  for (const auto& [key, s] : series_) {
    const auto& [method, route, status] = key;
    out += "workstead_http_requests_total{method=\"" + std::string(MethodName(method)) +
           "\",route=\"" + route + "\",status=\"" + std::to_string(status) + "\"} " +
           std::to_string(s.count) + "\n";
  }
  out += "# HELP workstead_http_request_duration_seconds Time from request to response.\n";
  out += "# TYPE workstead_http_request_duration_seconds histogram\n";
  char buf[64];
  for (const auto& [key, s] : series_) {
    const auto& [method, route, status] = key;
    const std::string labels = "method=\"" + std::string(MethodName(method)) + "\",route=\"" +
                               route + "\",status=\"" + std::to_string(status) + "\"";
    for (size_t i = 0; i < kBucketsMs.size(); ++i) {
      std::snprintf(buf, sizeof buf, "%g", kBucketsMs[i] / 1000.0);
      out += "workstead_http_request_duration_seconds_bucket{" + labels + ",le=\"" + buf + "\"} " +
             std::to_string(s.buckets[i]) + "\n";
    }
    out += "workstead_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " +
           std::to_string(s.count) + "\n";
    std::snprintf(buf, sizeof buf, "%.6f", s.sum_ms / 1000.0);
    out += "workstead_http_request_duration_seconds_sum{" + labels + "} " + buf + "\n";
    out += "workstead_http_request_duration_seconds_count{" + labels + "} " +
           std::to_string(s.count) + "\n";
  }
}

}  // namespace ws::http
