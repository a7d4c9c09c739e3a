# The regression TAs built with the dev kit, and the dev kit's libc unit
# test (the TA libc compiled for the host with tlibc_-prefixed names).

$(eval $(call ta-build,ta/os_test))
$(eval $(call ta-build,ta/os_test_mi))
$(eval $(call ta-build,ta/tcf_test))
$(eval $(call ta-build,ta/tcf_test_mi))
$(eval $(call ta-build,ta/tcf_keepalive))
$(eval $(call ta-build,ta/tcf_single))
$(eval $(call ta-build,ta/tcf_create_fail))
$(eval $(call ta-build,ta/tcf_create_panic))
$(eval $(call ta-build,ta/tcf_peer))
$(eval $(call ta-build,ta/pager_test))
$(eval $(call ta-build,ta/shm_churn))
$(eval $(call ta-build,ta/storage_test))
$(eval $(call ta-build,ta/storage_test2))
$(eval $(call ta-build,ta/storage_test_gp11))
$(eval $(call ta-build,ta/crypto_test))
$(eval $(call ta-build,ta/crypto_test_gp11))

TA_LIBC_HOST_NAMES := -include ta/devkit/tests/libc_host_names.h
$(foreach s,$(TA_LIBC_SRCS),$(eval CPPFLAGS_$(s) := -nostdinc \
	-isystem $(TA_GCC_INCLUDE) -Ita/devkit/include \
	-ffreestanding -fno-tree-loop-distribute-patterns $(TA_LIBC_HOST_NAMES)))
CPPFLAGS_ta/devkit/tests/test_libc.c := $(TA_LIBC_HOST_NAMES)
$(eval $(call unit-test,test_ta_libc,ta/devkit/tests/test_libc.c \
	$(TA_LIBC_SRCS),))

# The exported kit and the installed libteec as a user gets them: an
# OP-TEE-style TA folder built out of the tree, a client built with
# pkg-config, both run against a core started by hand, and rebuilds after
# flag changes (ta/devkit/tests/test_devkit.sh).
UNIT_TESTS += ta/devkit/tests/test_devkit.sh
