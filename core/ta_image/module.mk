# libtaimage: the signed TA image format, what the signing tool and the core
# agree on: the rules a TA's ELF must follow (elf_parse), the image layout
# and its page hash table, signing, and verification. Users link
# $(OUT)/lib/libtaimage.a -lcrypto. Its unit test signs and verifies the
# os_test TA the dev kit builds, so it depends on it.
taimage-srcs := core/ta_image/loader_why.c core/ta_image/elf_parse.c \
		core/ta_image/ta_image_layout.c core/ta_image/ta_image.c \
		core/ta_image/ta_image_sign.c
$(eval $(call host-lib,taimage,$(taimage-srcs)))

TA_IMAGE_TEST_TA := $(OUT)/ta/4ec4e0c5-5340-4809-be39-f1cbc258fa50
# A second key pair: images it signs must not verify with the TA key.
TA_IMAGE_TEST_OTHER_KEY := $(OUT)/keys/loader_test_other_key.pem

$(TA_IMAGE_TEST_OTHER_KEY):
	@mkdir -p $(dir $@)
	$(Q)umask 077 && $(OPENSSL) genpkey -algorithm RSA \
		-pkeyopt rsa_keygen_bits:3072 -out $@.tmp 2>/dev/null && \
		mv $@.tmp $@

$(eval $(call unit-test,test_ta_image,core/ta_image/tests/test_ta_image.c \
	core/loader/tests/loader_test_util.c,$(OUT)/lib/libtaimage.a -lcrypto))
$(OUT)/tests/test_ta_image: $(TA_IMAGE_TEST_TA).elf $(TA_IMAGE_TEST_TA).ta \
	$(TA_PUB_KEY) $(TA_IMAGE_TEST_OTHER_KEY)
