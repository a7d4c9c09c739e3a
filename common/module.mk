# Code shared by the core, the TA host, libteec and the supplicant.
common-srcs := common/tc_msg.c common/uuid.c common/tc_log.c common/tc_file.c \
	       common/tc_maps.c
$(eval $(call host-lib,tccommon,$(common-srcs)))
$(eval $(call unit-test,test_msg,common/tests/test_msg.c,$(OUT)/lib/libtccommon.a))
$(eval $(call unit-test,test_file,common/tests/test_file.c,$(OUT)/lib/libtccommon.a -lpthread))
