#include "modules/projects/install.hpp"

#include <memory>

#include "modules/projects/routes.hpp"
#include "modules/projects/service.hpp"

namespace ws::projects {

void Install(const InstallDeps& deps) {
  AddRoutes(deps.router, std::make_shared<Service>(deps.db, deps.bus));
}

}  // namespace ws::projects
