# The CI side of the build: `make run` loads the core while the suite runs
# (STRESS=0 for a quiet run), the stress selection `make test` runs, the
# checks of the job definitions in ci/, and the aarch64 targets.

# `make run` runs the whole suite alongside pager-stress and shm-churn.
STRESS		?= 1
RUN_STRESS_ARGS	:= $(if $(filter 1,$(STRESS)),--stress)
RUN_NOTE	:= $(if $(RUN_STRESS_ARGS),the whole suite alongside pager-stress \
		   and shm-churn (xtest --stress; STRESS=0 for a quiet run),the \
		   whole suite on a quiet core (STRESS=0))

.PHONY: run-stress-note
run: run-stress-note
run-stress-note:
	@echo "make run: $(RUN_NOTE)"

# What `make test` runs under --stress: a selection of each series that
# keeps the test budget (the whole suite under load is `make run`).
XTEST_STRESS_SELECTION ?= 1001 1002 1003 1004 1006 1008 1012 5001 5002 \
			  5003 5004 7001 7002 7003 8001 8002 8003

$(OUT)/tests/test_xtest_stress: mk/xtest-stress-test.sh $(OUT)/bin/xtest
	@mkdir -p $(dir $@)
	$(Q)sed 's/@SELECTION@/$(XTEST_STRESS_SELECTION)/' $< > $@
	$(Q)chmod 755 $@

# The job definitions in ci/ cannot run here: their syntax and the keys
# each CI system needs are checked with a YAML parser.
$(OUT)/tests/test_ci_jobs: ci/tests/test_ci_jobs.py
	@mkdir -p $(dir $@)
	$(Q)install -m 755 $< $@

ALL_TARGETS += $(OUT)/tests/test_xtest_stress $(OUT)/tests/test_ci_jobs
UNIT_TESTS += $(OUT)/tests/test_xtest_stress $(OUT)/tests/test_ci_jobs

.PHONY: ci
ci:
	$(Q)sh .ci/run
include mk/qemu.mk
