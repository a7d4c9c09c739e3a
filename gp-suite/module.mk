# The GP suite: our own scenarios in GP's XML format (gp-suite/*.xml, made
# into xtest cases by gpgen, see gen/module.mk) and the test TAs they drive,
# with GP's names, UUIDs and command IDs. docs/GP_SUITE.md describes both.

GP_TTA_DIRS := $(sort $(patsubst %/sub.mk,%,\
	$(wildcard gp-suite/tta/TTA_*/sub.mk)))
$(foreach d,$(GP_TTA_DIRS),$(eval $(call ta-build,$(d))))

XTEST_EXTRA_SRCS += $(GP_GEN_SRCS) $(GP_RUNTIME_SRCS)
XTEST_EXTRA_CPPFLAGS += -Igen/runtime
# The runtime sees xtest's case contract, as the generated cases do.
$(foreach s,$(GP_RUNTIME_SRCS),$(eval CPPFLAGS_$(s) += -Igen/runtime -Ixtest))

# The scenarios the bundled TEE cannot run yet (a GP_EXCLUDE given to make
# replaces the list).
ifeq ($(GP_EXCLUDE),)
GP_EXCLUDE := gp-suite/exclude.txt
endif
$(GP_GEN_SRCS): $(GP_EXCLUDE)

# The scenarios that need the core alone under xtest -j (a GP_ALONE given
# to make replaces the list).
ifeq ($(GP_ALONE),)
GP_ALONE := gp-suite/alone.txt
endif
$(GP_GEN_SRCS): $(GP_ALONE)
