#include "modules/projects/list_cache.hpp"

#include <algorithm>
#include <iterator>

namespace ws::projects {

namespace {

/// Readers remembered per entry; more users than this read it from the
/// database (and are not added).
constexpr size_t kMaxReaders = 4096;

}  // namespace

ListCache::ListCache(bus::Bus& bus) : bus_(bus) {
  subscription_ = bus_.Subscribe([this](const std::shared_ptr<const bus::Event>& event) {
    std::lock_guard lock(mutex_);
    int64_t& seq = seqs_[event->workspace_id];
    seq = std::max(seq, event->seq);
  });
}

ListCache::~ListCache() { bus_.Unsubscribe(subscription_); }

int64_t ListCache::SeqOf(const std::string& workspace_id) const {
  auto it = seqs_.find(workspace_id);
  return it == seqs_.end() ? 0 : it->second;
}

bool ListCache::Current(const Entry& entry) const { return entry.seq == SeqOf(entry.workspace_id); }

std::shared_ptr<const std::string> ListCache::Find(const std::string& key,
                                                   const std::string& user) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end() || !Current(it->second) || !it->second.readers.contains(user)) {
    return nullptr;
  }
  return it->second.body;
}

ListCache::Ticket ListCache::Begin(const std::string& project_id) {
  std::lock_guard lock(mutex_);
  Ticket ticket;
  auto it = workspace_of_.find(project_id);
  if (it == workspace_of_.end()) return ticket;
  ticket.known = true;
  ticket.workspace_id = it->second;
  ticket.seq = SeqOf(it->second);
  return ticket;
}

void ListCache::MakeRoom(size_t bytes) {
  if (entries_.size() < kMaxEntries && bytes_ + bytes <= kMaxBytes) return;
  std::erase_if(entries_, [&](const auto& item) {
    if (Current(item.second)) return false;
    bytes_ -= item.second.body->size();
    return true;
  });
  if (entries_.size() < kMaxEntries && bytes_ + bytes <= kMaxBytes) return;
  entries_.clear();
  bytes_ = 0;
}

void ListCache::Store(const Ticket& ticket, const std::string& project_id,
                      const std::string& workspace_id, const std::string& key,
                      const std::string& user, std::shared_ptr<const std::string> body) {
  std::lock_guard lock(mutex_);
  // A project never changes workspace: remembered for the next ticket.
  workspace_of_.try_emplace(project_id, workspace_id);
  if (!ticket.known || ticket.workspace_id != workspace_id || ticket.seq != SeqOf(workspace_id) ||
      body == nullptr || body->size() > kMaxBytes / 16) {
    return;
  }
  auto it = entries_.find(key);
  if (it != entries_.end() && it->second.seq == ticket.seq &&
      it->second.workspace_id == workspace_id) {
    // The same request read at the same point of the log: the same answer,
    // now checked for one more user.
    if (it->second.readers.size() < kMaxReaders) it->second.readers.insert(user);
    return;
  }
  if (it != entries_.end()) {
    bytes_ -= it->second.body->size();
    entries_.erase(it);
  }
  MakeRoom(body->size());
  bytes_ += body->size();
  Entry entry{workspace_id, ticket.seq, std::move(body), {user}};
  entries_.emplace(key, std::move(entry));
}

}  // namespace ws::projects
