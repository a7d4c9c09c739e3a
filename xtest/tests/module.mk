# The runner's self-test suite: xtest's runner with made-up cases instead of
# the real series (xtest-selftest, built for the tests only), and the test
# that runs it and checks its reports exactly.

# The runner's --hash-perf and --aes-perf come with it.
xtest-selftest-case-srcs := xtest/tests/selftest_cases.c xtest/fixture.c \
			    xtest/xtest_helpers.c xtest/crypto_perf.c \
			    xtest/crypto_helpers.c $(OUT)/gen/xtest/ct_vectors.c

$(OUT)/tests/xtest-selftest: $(call host-objs,$(xtest-runner-srcs) \
		$(xtest-selftest-case-srcs)) $(XTESTSUPPORT_LIBS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(HOST_LDFLAGS) -o $@ $(filter %.o,$^) $(XTESTSUPPORT_LIBS) \
		$(xtest-xml-libs) -lcmocka -lcrypto -lpthread

$(OUT)/tests/test_xtest_selftest: xtest/tests/test_xtest_selftest.py \
		xtest/tests/junit.xsd $(OUT)/tests/xtest-selftest
	@mkdir -p $(dir $@)
	$(Q)cp xtest/tests/junit.xsd $(OUT)/tests/junit.xsd
	$(Q)install -m 755 $< $@

ALL_TARGETS += $(OUT)/tests/xtest-selftest $(OUT)/tests/test_xtest_selftest
UNIT_TESTS += $(OUT)/tests/test_xtest_selftest
