#include "bus/read_cache.hpp"

#include <algorithm>
#include <chrono>

namespace ws::bus {

namespace {

/// Readers remembered per entry; more users than this read it from the
/// database (and are not added).
constexpr size_t kMaxReaders = 4096;

int64_t SteadyMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

ReadCache::ReadCache(Bus& bus, ReadCacheOptions options) : bus_(bus), options_(std::move(options)) {
  subscription_ = bus_.Subscribe([this](const std::shared_ptr<const Event>& event) {
    std::lock_guard lock(mutex_);
    int64_t& seq = seqs_[event->workspace_id];
    seq = std::max(seq, event->seq);
  });
}

ReadCache::~ReadCache() { bus_.Unsubscribe(subscription_); }

uint64_t ReadCache::Generation() const { return options_.generation ? options_.generation() : 0; }

int64_t ReadCache::SeqOf(const std::string& workspace_id) const {
  auto it = seqs_.find(workspace_id);
  return it == seqs_.end() ? 0 : it->second;
}

bool ReadCache::Current(const Entry& entry, uint64_t generation, int64_t now_ms) const {
  if (entry.seq != SeqOf(entry.workspace_id) || entry.generation != generation) return false;
  return options_.max_age_ms <= 0 ||
         (now_ms >= entry.at_ms && now_ms - entry.at_ms < options_.max_age_ms);
}

std::shared_ptr<const std::string> ReadCache::Find(const std::string& key,
                                                   const std::string& user) {
  const uint64_t generation = Generation();
  const int64_t now = options_.max_age_ms > 0 ? SteadyMillis() : 0;
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end() || !Current(it->second, generation, now) ||
      !it->second.readers.contains(user)) {
    return nullptr;
  }
  return it->second.body;
}

ReadCache::Ticket ReadCache::Begin(const std::string& scope) {
  Ticket ticket;
  ticket.generation = Generation();
  ticket.at_ms = options_.max_age_ms > 0 ? SteadyMillis() : 0;
  std::lock_guard lock(mutex_);
  auto it = workspace_of_.find(scope);
  if (it == workspace_of_.end()) return ticket;
  ticket.known = true;
  ticket.workspace_id = it->second;
  ticket.seq = SeqOf(it->second);
  return ticket;
}

void ReadCache::MakeRoom(size_t bytes) {
  if (entries_.size() < kMaxEntries && bytes_ + bytes <= kMaxBytes) return;
  const uint64_t generation = Generation();
  const int64_t now = options_.max_age_ms > 0 ? SteadyMillis() : 0;
  std::erase_if(entries_, [&](const auto& item) {
    if (Current(item.second, generation, now)) return false;
    bytes_ -= item.second.body->size();
    return true;
  });
  if (entries_.size() < kMaxEntries && bytes_ + bytes <= kMaxBytes) return;
  entries_.clear();
  bytes_ = 0;
}

void ReadCache::Store(const Ticket& ticket, const std::string& scope,
                      const std::string& workspace_id, const std::string& key,
                      const std::string& user, std::shared_ptr<const std::string> body) {
  const uint64_t generation = Generation();
  std::lock_guard lock(mutex_);
  // Remembered for the next ticket; a slug may move to another workspace.
  workspace_of_.insert_or_assign(scope, workspace_id);
  if (!ticket.known || ticket.workspace_id != workspace_id || ticket.seq != SeqOf(workspace_id) ||
      ticket.generation != generation || body == nullptr || body->size() > kMaxBytes / 16) {
    return;
  }
  auto it = entries_.find(key);
  if (it != entries_.end() && it->second.workspace_id == workspace_id &&
      Current(it->second, generation, options_.max_age_ms > 0 ? SteadyMillis() : 0)) {
    // The same request read at the same point of the log: the same answer,
    // now checked for one more user (the entry keeps its older age).
    if (it->second.readers.size() < kMaxReaders) it->second.readers.insert(user);
    return;
  }
  if (it != entries_.end()) {
    bytes_ -= it->second.body->size();
    entries_.erase(it);
  }
  MakeRoom(body->size());
  bytes_ += body->size();
  Entry entry{workspace_id, ticket.seq, generation, ticket.at_ms, std::move(body), {user}};
  entries_.emplace(key, std::move(entry));
}

}  // namespace ws::bus
