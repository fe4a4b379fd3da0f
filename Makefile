# Thin wrapper around CMake/CTest so that every workflow is one command.
BUILD   ?= build
JOBS    ?= $(shell nproc 2>/dev/null || echo 2)
SPEC    ?= experiments/demo.json
PACKAGES = cmake make g++ git libeigen3-dev nlohmann-json3-dev libboost-program-options-dev \
           catch2 chromium libbenchmark-dev zlib1g-dev gnuplot-nox dataset-fashion-mnist openmpi-bin libopenmpi-dev python3 \
           python3-dev python3-ipykernel python3-matplotlib python3-nbclient python3-nbformat python3-pandas \
           python3-pybind11 python3-pytest
BIN      = $(BUILD)/pmoe-sim
# Compiler cache where one is installed (developers' machines); CI builds without.
LAUNCHER = $(if $(shell command -v ccache 2>/dev/null),-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# The project's own builds: tuned to this machine's CPU, every warning an
# error, and the pmoe_sim Python module (a plain cmake build has all three
# off; see CMakeLists.txt), built for Debian's own interpreter, whose
# packages (python3-pandas...) a pyenv or conda python3 earlier in PATH
# lacks; make PYTHON=... picks another.
PYTHON  ?= $(firstword $(wildcard /usr/bin/python3) python3)
OWN_FLAGS = -DPMOE_NATIVE_ARCH=ON -DPMOE_WERROR=ON -DPMOE_BUILD_PYTHON=ON -DPython_EXECUTABLE=$(PYTHON)

.PHONY: deps build test python demo grid reproduce asan bench format clean

# Installs whatever Debian packages are missing (idempotent, quiet when all is there).
deps:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(OWN_FLAGS) $(LAUNCHER) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The pmoe_sim Python package (docs/python.md), built by `build` into
# $(BUILD)/python/pmoe_sim and copied where `import pmoe_sim` finds it from
# any folder: site-packages as root, else the user site (no pip, no network);
# make python PYTHON_DEST=DIR copies it into DIR instead.
python: build
	@dest="$(PYTHON_DEST)"; if [ -n "$$dest" ]; then :; elif [ "$$(id -u)" = 0 ]; then \
	  dest=$$($(PYTHON) -c 'import sysconfig; print(sysconfig.get_path("purelib"))'); \
	else dest=$$($(PYTHON) -m site --user-site); fi; \
	mkdir -p "$$dest" && rm -rf "$$dest/pmoe_sim" && cp -r $(BUILD)/python/pmoe_sim "$$dest/" && \
	echo "installed pmoe_sim in $$dest (try: $(PYTHON) -c 'import pmoe_sim')"

# A small default experiment end to end: grid, analysis, plots, report.
# 1. The paper's section 5.1 comparison, scaled down: a table of test error by
#    N for CNN, separate and joint pMoE. 2. A small scaling experiment in n:
#    fits, checks against the theory, plots and results/demo/report.md.
demo: build
	$(BIN) run experiments/demo_fig4.json --force
	$(BIN) analyze results/demo_fig4
	$(BIN) check results/demo_fig4
	$(BIN) run experiments/demo.json --force
	$(BIN) analyze results/demo
	$(BIN) check results/demo
	@echo "report: results/demo/report.md, plots: results/demo/plots/"

# make grid SPEC=experiments/fig4_synthetic_quick.json
grid: build
	$(BIN) run $(SPEC)
	$(BIN) analyze results/$$(basename $(SPEC) .json)

# make reproduce SPEC=experiments/kawata2025_index.json: re-runs the spec
# afresh with this build and prints every docs table marked with it
# (<!-- reproduce: spec=... -->) beside the regenerated numbers; exit 1 on a
# difference (docs/reproductions.md).
REPRO_DIR = results/reproduce/$(basename $(notdir $(SPEC)))
reproduce: build
	rm -rf $(REPRO_DIR)
	$(BIN) run $(SPEC) --out $(REPRO_DIR) -q
	$(BIN) export $(REPRO_DIR) --format csv
	python3 tests/tools/reproduce_tables.py --results $(REPRO_DIR) --spec $(SPEC) $(wildcard docs/*.md) README.md

asan: deps
	@cmake -S . -B $(BUILD)-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPMOE_SANITIZE=ON $(OWN_FLAGS) $(LAUNCHER) \
	  -DPMOE_BUILD_BENCH=OFF -DPMOE_BUILD_PYTHON=OFF >/dev/null
	@cmake --build $(BUILD)-asan -j $(JOBS)
	cd $(BUILD)-asan && ctest --output-on-failure -j $(JOBS)

# PEER=path/to/pmoe_peer.py times a plain PyTorch script beside the project's
# whole processes (bench/peer/side_by_side.py).
bench: build
	$(BUILD)/bench/pmoe-bench --out results/bench.json
	$(PYTHON) bench/peer/side_by_side.py --sim $(BIN) $(if $(PEER),--peer $(PEER)) \
	  --out results/side_by_side.json

format:
	clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf $(BUILD) $(BUILD)-asan
