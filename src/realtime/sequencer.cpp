#include "realtime/sequencer.hpp"

namespace ws::realtime {

void Sequencer::Start(int64_t position, std::vector<EventPtr>& out) {
  started_ = true;
  position_ = position;
  held_.erase(held_.begin(), held_.upper_bound(position_));
  Drain(out);
}

void Sequencer::Offer(EventPtr event, std::vector<EventPtr>& out) {
  if (started_ && event->seq <= position_) return;
  held_.emplace(event->seq, std::move(event));
  if (started_) Drain(out);
}

std::optional<std::pair<int64_t, int64_t>> Sequencer::Gap() const {
  if (!started_ || held_.empty()) return std::nullopt;
  return std::make_pair(position_ + 1, held_.begin()->first - 1);
}

void Sequencer::SkipTo(int64_t seq, std::vector<EventPtr>& out) {
  if (!started_ || seq <= position_) return;
  position_ = seq;
  held_.erase(held_.begin(), held_.upper_bound(position_));
  Drain(out);
}

void Sequencer::Drain(std::vector<EventPtr>& out) {
  while (!held_.empty() && held_.begin()->first == position_ + 1) {
    out.push_back(std::move(held_.begin()->second));
    held_.erase(held_.begin());
    ++position_;
  }
}

}  // namespace ws::realtime
