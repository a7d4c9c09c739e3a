# libcorecrypto: objects, operations and the Arithmetical API on OpenSSL 3,
# linked into ta-host (docs/CRYPTO.md).
corecrypto-srcs := core/crypto/cryp_handle.c core/crypto/cryp_types.c \
		   core/crypto/cryp_obj.c core/crypto/cryp_pkey.c \
		   core/crypto/cryp_keygen.c core/crypto/cryp_alg.c \
		   core/crypto/cryp_op.c core/crypto/cryp_digest.c \
		   core/crypto/cryp_cipher.c core/crypto/cryp_mac.c \
		   core/crypto/cryp_ae.c core/crypto/cryp_asym.c \
		   core/crypto/cryp_derive.c core/crypto/cryp_bigint.c
# Attributes as one record, for trusted storage's persistent objects.
corecrypto-srcs += core/crypto/cryp_obj_blob.c
$(eval $(call host-lib,corecrypto,$(corecrypto-srcs)))

$(eval $(call unit-test,test_cryp,core/crypto/tests/test_cryp.c,\
	$(OUT)/lib/libcorecrypto.a -lcrypto -lpthread))
