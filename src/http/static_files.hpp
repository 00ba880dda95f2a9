#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "http/message.hpp"

namespace ws::http {

/// A file of the web app compiled into the binary, with optional
/// precompressed variants (empty when absent).
struct EmbeddedAsset {
  std::string_view path;  // "/index.html", "/assets/index-3f2a.js"
  std::string_view data;
  std::string_view gzip;
  std::string_view brotli;
};

/// Serves the single-page app: exact files, `index.html` for client-side
/// routes, immutable caching for hashed assets, br/gzip when accepted.
class StaticFiles {
 public:
  static StaticFiles FromEmbedded(const std::vector<EmbeddedAsset>& assets);
  /// Reads every file below `dir` once (with .gz/.br siblings).
  static Result<StaticFiles> FromDirectory(const std::string& dir);

  Result<Response> Serve(const Request& request) const;
  size_t size() const { return assets_.size(); }

 private:
  struct Asset {
    std::string_view data, gzip, brotli;
    std::string content_type;
    std::string etag;
    bool immutable = false;
  };
  void Add(std::string path, std::string_view data, std::string_view gzip, std::string_view brotli);
  Response Send(const Request& request, const Asset& asset) const;

  std::unordered_map<std::string, Asset> assets_;
  std::vector<std::shared_ptr<std::string>> storage_;  // file contents for FromDirectory
};

}  // namespace ws::http
