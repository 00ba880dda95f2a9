#include "modules/auth/tasks.hpp"

#include <exception>

#include "core/log.hpp"

namespace ws::auth {

TaskQueue::TaskQueue(size_t capacity) : capacity_(capacity), thread_([this] { Loop(); }) {}

TaskQueue::~TaskQueue() { Stop(); }

bool TaskQueue::Post(std::function<void()> task) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || queue_.size() >= capacity_) {
      log::Warn("background task dropped", {{"queued", int64_t(queue_.size())}});
      return false;
    }
    queue_.push_back(std::move(task));
  }
  cv_.notify_all();
  return true;
}

void TaskQueue::Drain() {
  std::unique_lock lock(mutex_);
  cv_.wait(lock, [this] { return queue_.empty() && !busy_; });
}

void TaskQueue::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void TaskQueue::Loop() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and nothing left
      task = std::move(queue_.front());
      queue_.pop_front();
      busy_ = true;
    }
    try {
      task();
    } catch (const std::exception& e) {
      log::Error("background task failed", {{"error", e.what()}});
    }
    {
      std::lock_guard lock(mutex_);
      busy_ = false;
    }
    cv_.notify_all();
  }
}

}  // namespace ws::auth
