# libtaload: the TA ELF checker and loader, and signed image verification
# (users link -lcrypto), with its unit tests. The tests load and verify the
# os_test TA the dev kit builds, so they depend on it.
taload-srcs := core/loader/loader_why.c core/loader/elf_parse.c \
	       core/loader/elf_load.c core/loader/ta_image_layout.c \
	       core/loader/ta_image.c core/loader/ta_image_sign.c
$(eval $(call host-lib,taload,$(taload-srcs)))

LOADER_TEST_TA := $(OUT)/ta/4ec4e0c5-5340-4809-be39-f1cbc258fa50
LOADER_TEST_TA_MI := $(OUT)/ta/4f7d474c-097f-4a53-af38-ba0609d56c53
# A second key pair: images it signs must not verify with the TA key.
LOADER_TEST_OTHER_KEY := $(OUT)/keys/loader_test_other_key.pem

$(LOADER_TEST_OTHER_KEY):
	@mkdir -p $(dir $@)
	$(Q)umask 077 && $(OPENSSL) genpkey -algorithm RSA \
		-pkeyopt rsa_keygen_bits:3072 -out $@.tmp 2>/dev/null && \
		mv $@.tmp $@

$(eval $(call unit-test,test_elf_load,core/loader/tests/test_elf_load.c \
	core/loader/tests/loader_test_util.c,$(OUT)/lib/libtaload.a -lcrypto))
$(eval $(call unit-test,test_ta_image,core/loader/tests/test_ta_image.c \
	core/loader/tests/loader_test_util.c,$(OUT)/lib/libtaload.a -lcrypto))

$(OUT)/tests/test_elf_load: $(LOADER_TEST_TA).elf $(LOADER_TEST_TA_MI).elf
$(OUT)/tests/test_ta_image: $(LOADER_TEST_TA).elf $(LOADER_TEST_TA).ta \
	$(TA_PUB_KEY) $(LOADER_TEST_OTHER_KEY)
