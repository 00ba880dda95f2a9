#include "modules/projects/install.hpp"

#include <memory>

#include "core/log.hpp"
#include "modules/projects/routes.hpp"
#include "modules/projects/service.hpp"
#include "modules/projects/store.hpp"

namespace ws::projects {

void Install(const InstallDeps& deps) {
  if (deps.db.backend() == db::Backend::kSqlite) {
    // The search index follows the tasks once per write transaction
    // (migration 0006); first the documents queued before this start
    // (tasks written into the file by other tools, e.g. the bench seeding).
    deps.db.AddCommitStep(store::SyncSearchIndex);
    if (Status s = deps.db.Write(store::SyncSearchIndex); !s) {
      log::Warn("search index not brought up to date: " + s.error().detail);
    }
  }
  AddRoutes(deps.router, std::make_shared<Service>(deps.db, deps.bus));
}

}  // namespace ws::projects
