#include "modules/projects/install.hpp"

#include <memory>

#include "core/log.hpp"
#include "modules/projects/routes.hpp"
#include "modules/projects/service.hpp"
#include "modules/projects/store.hpp"

namespace ws::projects {

namespace {

/// Queued documents at start from which the index is merged after indexing.
constexpr int64_t kOptimizeAfter = 1000;

}  // namespace

void Install(const InstallDeps& deps) {
  if (deps.db.backend() == db::Backend::kSqlite) {
    // The search index follows the tasks once per write transaction
    // (migration 0006); first the documents queued before this start
    // (tasks written into the file by other tools, e.g. the bench seeding).
    deps.db.AddCommitStep(store::SyncSearchIndex);
    const Result<int64_t> queued = deps.db.ReadValue<int64_t>(store::QueuedSearchDocuments);
    if (Status s = deps.db.Write(store::SyncSearchIndex); !s) {
      log::Warn("search index not brought up to date: " + s.error().detail);
    } else if (queued.ok() && *queued >= kOptimizeAfter) {
      // A bulk re-index leaves many index segments; merging them later, a
      // little on every write, made task creation stall for ~100 ms at a
      // time. One merge now instead.
      if (Status merged = deps.db.Write(store::OptimizeSearchIndex); !merged) {
        log::Warn("search index not merged: " + merged.error().detail);
      }
    }
  }
  AddRoutes(deps.router, std::make_shared<Service>(deps.db, deps.bus));
}

}  // namespace ws::projects
