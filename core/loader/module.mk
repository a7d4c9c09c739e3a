# libtaload: the TA ELF loader the TA host maps its TA with. It checks the
# ELF with the image format's rules: users link $(OUT)/lib/libtaload.a
# $(OUT)/lib/libtaimage.a -lcrypto. Its unit test loads the os_test TAs the
# dev kit builds, so it depends on them.
taload-srcs := core/loader/elf_load.c
$(eval $(call host-lib,taload,$(taload-srcs)))

LOADER_TEST_TA := $(OUT)/ta/4ec4e0c5-5340-4809-be39-f1cbc258fa50
LOADER_TEST_TA_MI := $(OUT)/ta/4f7d474c-097f-4a53-af38-ba0609d56c53

$(eval $(call unit-test,test_elf_load,core/loader/tests/test_elf_load.c \
	core/loader/tests/loader_test_util.c,$(OUT)/lib/libtaload.a \
	$(OUT)/lib/libtaimage.a $(OUT)/lib/libtccommon.a -lcrypto))

$(OUT)/tests/test_elf_load: $(LOADER_TEST_TA).elf $(LOADER_TEST_TA_MI).elf
