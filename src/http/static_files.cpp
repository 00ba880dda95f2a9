#include "http/static_files.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/crypto.hpp"

namespace ws::http {

namespace {

std::string ContentType(std::string_view path) {
  const size_t dot = path.rfind('.');
  const std::string_view ext = dot == path.npos ? "" : path.substr(dot + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json" || ext == "map") return "application/json; charset=utf-8";
  if (ext == "webmanifest") return "application/manifest+json";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

/// True when Accept-Encoding lists `coding` with a q-value above zero.
bool Accepts(std::string_view header, std::string_view coding) {
  while (!header.empty()) {
    const size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == header.npos ? std::string_view() : header.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    const size_t semi = item.find(';');
    std::string_view name = item.substr(0, semi);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name != coding) continue;
    if (semi == item.npos) return true;
    const size_t q = item.find("q=", semi);
    return q == item.npos || std::strtod(std::string(item.substr(q + 2)).c_str(), nullptr) > 0;
  }
  return false;
}

constexpr std::string_view kNotBuilt =
    "<!doctype html><html><head><meta charset=\"utf-8\"><title>Workstead</title></head>"
    "<body><h1>Workstead</h1><p>The server is running, but this binary was built without the "
    "web app. Run <code>make run</code> to build both.</p></body></html>";

}  // namespace

void StaticFiles::Add(std::string path, std::string_view data, std::string_view gzip,
                      std::string_view brotli) {
  Asset asset{data, gzip, brotli, ContentType(path), "", path.starts_with("/assets/")};
  asset.etag = "\"" + Sha256Hex(data).substr(0, 20) + "\"";
  assets_.emplace(std::move(path), std::move(asset));
}

StaticFiles StaticFiles::FromEmbedded(const std::vector<EmbeddedAsset>& assets) {
  StaticFiles files;
  for (const auto& a : assets) files.Add(std::string(a.path), a.data, a.gzip, a.brotli);
  return files;
}

Result<StaticFiles> StaticFiles::FromDirectory(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return AppError::BadRequest("web_dir " + dir + " is not a folder");
  StaticFiles files;
  auto read = [&](const fs::path& p) -> std::string_view {
    if (!fs::exists(p, ec)) return {};
    std::ifstream in(p, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    files.storage_.push_back(std::make_shared<std::string>(content.str()));
    return *files.storage_.back();
  };
  for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
    if (!entry.is_regular_file()) continue;
    const std::string ext = entry.path().extension().string();
    if (ext == ".gz" || ext == ".br") continue;
    const std::string rel = "/" + fs::relative(entry.path(), dir).generic_string();
    const std::string_view data = read(entry.path());
    const std::string_view gz = read(entry.path().string() + ".gz");
    const std::string_view br = read(entry.path().string() + ".br");
    files.Add(rel, data, gz, br);
  }
  return files;
}

Response StaticFiles::Send(const Request& request, const Asset& asset) const {
  Response r;
  r.content_type = asset.content_type;
  r.headers.push_back({"ETag", asset.etag});
  r.headers.push_back({"Vary", "Accept-Encoding"});
  r.headers.push_back(
      {"Cache-Control", asset.immutable ? "public, max-age=31536000, immutable" : "no-cache"});
  if (request.Header("if-none-match") == asset.etag) {
    r.status = 304;
    r.content_type.clear();
    return r;
  }
  const std::string_view accept = request.Header("accept-encoding");
  if (!asset.brotli.empty() && Accepts(accept, "br")) {
    r.static_body = asset.brotli;
    r.headers.push_back({"Content-Encoding", "br"});
  } else if (!asset.gzip.empty() && Accepts(accept, "gzip")) {
    r.static_body = asset.gzip;
    r.headers.push_back({"Content-Encoding", "gzip"});
  } else {
    r.static_body = asset.data.empty() ? std::string_view("", 0) : asset.data;
  }
  return r;
}

Result<Response> StaticFiles::Serve(const Request& request) const {
  const std::string path = request.path == "/" ? "/index.html" : request.path;
  if (auto it = assets_.find(path); it != assets_.end()) return Send(request, it->second);
  const size_t slash = request.path.rfind('/');
  const bool looks_like_file = request.path.find('.', slash) != std::string::npos;
  if (!looks_like_file) {
    if (auto it = assets_.find("/index.html"); it != assets_.end())
      return Send(request, it->second);
    Response r = Response::Text(std::string(kNotBuilt), "text/html; charset=utf-8");
    r.headers.push_back({"Cache-Control", "no-cache"});
    return r;
  }
  return AppError::NotFound("no such file");
}

}  // namespace ws::http
