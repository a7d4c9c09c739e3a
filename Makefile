# teecheck: the one entry point. `make` builds everything into out/,
# `make run` runs the whole suite against the bundled core, `make test` runs
# the project's own tests, `make install` installs libteec, the core and the
# TA dev kit (mk/install.mk). See README.md.

OUT	:= out
V	?= 0
Q	:= $(if $(filter 1,$(V)),,@)

.DEFAULT_GOAL := all
.PHONY: all run test unit-test xtest-run bench clean deps install asan

include mk/rules.mk
include mk/ci.mk
include ta/devkit/devkit.mk
include $(sort $(wildcard */module.mk */*/module.mk))
include mk/install.mk
include mk/optee.mk

all: $(ALL_TARGETS)

deps:
	$(Q)sh mk/deps.sh

# Order matters only for the reader: unit tests first (fast, precise), then
# the xtest suite against a private core, whose pager statistics (its own
# paged image, every TA instance) close the run. xtest runs a case per CPU
# at once; XTEST_ARGS=-j1 runs them one after the other.
test: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)sh mk/run-tests.sh $(OUT) $(UNIT_TESTS)
	$(Q)$(OUT)/bin/xtest --stats pager $(XTEST_ARGS)

unit-test: $(UNIT_TESTS)
	$(Q)sh mk/run-tests.sh $(OUT) $(UNIT_TESTS)

run: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)$(OUT)/bin/xtest $(RUN_STRESS_ARGS) $(XTEST_ARGS)

# The whole host tree (TAs keep their freestanding flags) built again in
# out/asan with AddressSanitizer and UndefinedBehaviorSanitizer, and `make
# test` run on it, the paged core included. Every report goes to a file
# under out/asan/reports/, so one in any process (the core, a TA host, the
# supplicant, a case) fails the run even when nothing else notices it; the
# sanitizer's warning that a TA host switches stacks is not a report.
ASAN_OUT	:= $(OUT)/asan
ASAN_CFLAGS	:= -fsanitize=address,undefined -fno-omit-frame-pointer \
		   -fno-sanitize-recover=all
ASAN_LDFLAGS	:= -fsanitize=address,undefined
ASAN_REPORTS	:= $(abspath $(ASAN_OUT))/reports
# SIGSEGV and SIGBUS belong to the pager (page faults of the paged core and
# of every TA) and to the TA host (a TA that crashes on purpose ends its
# host, as the 1000 series checks): the sanitizer's own checks do not need
# them. A fault in host code is still reported by the pager's handler.
ASAN_SIGNALS	:= handle_segv=0:handle_sigbus=0
asan: deps
	$(Q)rm -rf $(ASAN_REPORTS) && mkdir -p $(ASAN_REPORTS)
	$(Q)ASAN_OPTIONS=log_path=$(ASAN_REPORTS)/asan:detect_leaks=1:$(ASAN_SIGNALS) \
	UBSAN_OPTIONS=log_path=$(ASAN_REPORTS)/ubsan:print_stacktrace=1 \
	LSAN_OPTIONS=log_path=$(ASAN_REPORTS)/lsan \
		$(MAKE) --no-print-directory OUT=$(ASAN_OUT) \
		EXTRA_CFLAGS="$(ASAN_CFLAGS)" EXTRA_LDFLAGS="$(ASAN_LDFLAGS)" test
	$(Q)r=$$(grep -l -e 'ERROR: ' -e 'runtime error: ' -r $(ASAN_REPORTS)); \
	if [ -n "$$r" ]; then cat $$r; \
		echo "asan: sanitizer reports above"; exit 1; fi; \
	echo "asan: no sanitizer report"

bench: all $(BENCH_TARGETS)
	$(Q)sh mk/run-bench.sh $(OUT) $(BENCHMARKS)

clean:
	rm -rf $(OUT)

-include $(shell find $(OUT)/obj $(OUT)/taobj -name '*.d' 2>/dev/null)
