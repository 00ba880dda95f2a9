#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace ws::auth {

/// One background thread for work a request must not wait for (sending
/// mail, answering password-reset requests in constant time). Bounded: when
/// `capacity` tasks wait, new ones are dropped with a warning. `Stop` runs
/// what is queued and joins; the owner calls it before closing the database.
class TaskQueue {
 public:
  explicit TaskQueue(size_t capacity = 1000);
  ~TaskQueue();
  TaskQueue(const TaskQueue&) = delete;
  TaskQueue& operator=(const TaskQueue&) = delete;

  /// False when the queue is full or stopped (the task is dropped).
  bool Post(std::function<void()> task);
  /// Blocks until every task posted so far has run.
  void Drain();
  void Stop();

 private:
  void Loop();

  const size_t capacity_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;  // GUARDED_BY(mutex_)
  bool stopping_ = false;                    // GUARDED_BY(mutex_)
  bool busy_ = false;                        // GUARDED_BY(mutex_)
  std::thread thread_;
};

}  // namespace ws::auth
