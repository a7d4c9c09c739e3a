# The 4000 and 4100 series: their cases, helpers and the vector files,
# which are built into xtest as strings (embed.sh).
ct-vector-files := $(sort $(wildcard xtest/vectors/*.txt))
$(OUT)/gen/xtest/ct_vectors.c: $(ct-vector-files) xtest/vectors/embed.sh
	@mkdir -p $(dir $@)
	$(Q)sh xtest/vectors/embed.sh $(ct-vector-files) > $@.tmp && \
		mv $@.tmp $@

ct-xtest-srcs := xtest/crypto_helpers.c xtest/regression_4000.c \
		 xtest/regression_4100.c xtest/crypto_perf.c
XTEST_EXTRA_SRCS += $(ct-xtest-srcs) $(OUT)/gen/xtest/ct_vectors.c
$(foreach f,$(ct-xtest-srcs),$(eval CPPFLAGS_$(f) := -Ita/crypto_test/include))
CPPFLAGS_$(OUT)/gen/xtest/ct_vectors.c := -Ixtest -Ita/crypto_test/include

# make bench: the throughput of SHA-256 and AES-256-GCM through the TEE
# against OpenSSL in the same process (xtest --hash-perf, --aes-perf).
$(OUT)/bench/crypto-perf: $(OUT)/bin/xtest
	@mkdir -p $(dir $@)
	$(Q){ echo '#!/bin/sh'; echo 'set -e'; \
	  echo 'bin="$${TEECHECK_OUT:-$(OUT)}/bin"'; \
	  echo '"$$bin/xtest" --hash-perf'; \
	  echo '"$$bin/xtest" --aes-perf'; } > $@.tmp && chmod +x $@.tmp && \
	  mv $@.tmp $@
BENCH_TARGETS += $(OUT)/bench/crypto-perf
BENCHMARKS += $(OUT)/bench/crypto-perf
