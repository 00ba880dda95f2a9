# Thin wrapper over the scripts; see README.md.
.PHONY: run test bench build web format format-check clean

run:            ## build everything (release) and start Workstead on SQLite + ./data
	@scripts/run.sh

test:           ## build (ASan+UBSan) and run every test, starting PostgreSQL etc. itself
	@scripts/test.sh

bench:          ## release build, then the load benchmarks of bench/
	@scripts/install-deps.sh
	@scripts/build-web.sh
	cmake --preset release -DWS_BUILD_BENCH=ON
	cmake --build --preset release
	bench/run.sh build/release

build:          ## release build only
	cmake --preset release
	cmake --build --preset release

web:            ## the web app only (web/dist)
	@scripts/build-web.sh

format:         ## clang-format every C++ file in place
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

format-check:   ## fail when a C++ file is not formatted
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run --Werror

clean:
	rm -rf build web/dist
