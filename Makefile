# teecheck: the one entry point. `make` builds everything into out/,
# `make run` runs the whole suite against the bundled core, `make test` runs
# the project's own tests. See README.md.

OUT	:= out
V	?= 0
Q	:= $(if $(filter 1,$(V)),,@)

.DEFAULT_GOAL := all
.PHONY: all run test unit-test xtest-run bench clean deps

include mk/rules.mk
include mk/ci.mk
include ta/devkit/devkit.mk
include $(sort $(filter-out ta/devkit/module.mk,$(wildcard */module.mk */*/module.mk)))

all: $(ALL_TARGETS)

deps:
	$(Q)sh mk/deps.sh

# Order matters only for the reader: unit tests first (fast, precise), then
# the xtest suite against a private core, whose pager statistics (its own
# paged image, every TA instance) close the run.
test: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)sh mk/run-tests.sh $(OUT) $(UNIT_TESTS)
	$(Q)$(OUT)/bin/xtest --stats pager $(XTEST_ARGS)

unit-test: $(UNIT_TESTS)
	$(Q)sh mk/run-tests.sh $(OUT) $(UNIT_TESTS)

run: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)$(OUT)/bin/xtest $(RUN_STRESS_ARGS) $(XTEST_ARGS)

bench: all $(BENCH_TARGETS)
	$(Q)sh mk/run-bench.sh $(OUT) $(BENCHMARKS)

clean:
	rm -rf $(OUT)

-include $(shell find $(OUT)/obj $(OUT)/taobj -name '*.d' 2>/dev/null)
