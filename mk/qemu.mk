# aarch64: `make qemu-user` cross-builds everything into out/aarch64 and runs
# the unit tests and the whole suite under qemu-aarch64; `make qemu` boots
# Debian's arm64 kernel in qemu-system-aarch64 with an initramfs holding that
# build and runs the suite inside (mk/qemu-system.sh).

AARCH64_OUT	:= $(OUT)/aarch64
AARCH64_CROSS	:= aarch64-linux-gnu-
# The cross build's own tools run through binfmt_misc; gpgen finds its
# stylesheets in the tree, not beside itself.
AARCH64_MAKE	= $(MAKE) --no-print-directory OUT=$(AARCH64_OUT) \
		  CC=$(AARCH64_CROSS)gcc AR=$(AARCH64_CROSS)ar \
		  GPGEN_DATADIR=$(CURDIR)/gen

.PHONY: aarch64 qemu-user qemu aarch64-deps-user aarch64-deps-system

aarch64-deps-user aarch64-deps-system: aarch64-deps-%:
	$(Q)sh mk/aarch64-deps.sh $*

aarch64: aarch64-deps-user
	$(Q)$(AARCH64_MAKE) all

# The unit tests and the suite (under --stress, in longer rounds: emulated
# clients need longer to get anything done) on aarch64, JUnit in out/ci.
# Left out, for what the emulator does rather than the code under test:
# 7010.5 and 7011 check identities built from the client's executable as
# the core reads it from /proc, and under qemu-user that is the emulator;
# 9002.3 counts the core's descriptors after a message carrying sixteen
# where the core takes one, and qemu-user's recvmsg keeps some of those the
# guest's buffer has no room for in the emulator (the host run shows the
# core itself keeps none).
QEMU_USER_XTEST_ARGS ?= --stress --stress-round 10 -x 7010.5 -x 7011 \
			-x 9002.3

# The dev kit's install test checks the host's installation (a client
# built with the host's pkg-config and cc): the aarch64 kit is exercised by
# every TA of the cross build, which it builds.
QEMU_USER_UNIT_TESTS = $(patsubst $(OUT)/%,$(AARCH64_OUT)/%,\
	$(filter-out ta/devkit/tests/test_devkit.sh,$(UNIT_TESTS)))

qemu-user: aarch64
	$(Q)mkdir -p $(OUT)/ci
	$(Q)GPGEN_DATADIR=$(CURDIR)/gen sh mk/run-tests.sh $(AARCH64_OUT) \
		$(QEMU_USER_UNIT_TESTS)
	$(Q)TEECHECK_OUT=$(AARCH64_OUT) $(AARCH64_OUT)/bin/xtest \
		$(QEMU_USER_XTEST_ARGS) \
		--junit $(OUT)/ci/xtest-aarch64-user.xml $(XTEST_ARGS)

# Left out of the full-system run, for time: 6020.2 restarts the core and
# its supplicant about 120 times, each a cold start of the core, its TA
# host zygote and a TA load, which under full-system emulation with the
# stress load beside it takes about 9 minutes (3 s on the host). It runs on
# the host and under qemu-user.
QEMU_SYSTEM_XTEST_ARGS ?= -x 6020.2

qemu: aarch64-deps-system aarch64
	$(Q)XTEST_ARGS="$(strip $(QEMU_SYSTEM_XTEST_ARGS) $(XTEST_ARGS))" \
		sh mk/qemu-system.sh $(AARCH64_OUT) $(OUT)/qemu $(OUT)/ci
