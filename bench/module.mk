# Benchmarks that need the whole stack (make bench).
$(eval $(call benchmark,invoke-rt,bench/invoke_rt.c bench/bench_time.c,\
	$(OUT)/lib/libxtestsupport.a $(OUT)/lib/libteec.a \
	$(OUT)/lib/libtccommon.a -lpthread))
CPPFLAGS_bench/invoke_rt.c := -Ita/os_test/include
$(eval $(call benchmark,shm-bench,bench/shm_bench.c bench/bench_time.c,\
	$(OUT)/lib/libxtestsupport.a $(OUT)/lib/libteec.a \
	$(OUT)/lib/libtccommon.a -lpthread))
CPPFLAGS_bench/shm_bench.c := -Ita/shm_churn/include
$(eval $(call benchmark,storage-bench,bench/storage_bench.c bench/bench_time.c,\
	$(OUT)/lib/libxtestsupport.a $(OUT)/lib/libteec.a \
	$(OUT)/lib/libtccommon.a -lpthread))
CPPFLAGS_bench/storage_bench.c := -Ita/storage_test/include
$(eval $(call benchmark,call-bench,bench/call_bench.c bench/bench_time.c,\
	$(OUT)/lib/libxtestsupport.a $(OUT)/lib/libteec.a \
	$(OUT)/lib/libtccommon.a -lpthread))
CPPFLAGS_bench/call_bench.c := -Ita/shm_churn/include
# The fresh-instance baseline: a static no-op, started by call-bench.
$(OUT)/bench/nop-static: bench/nop_static.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) -O2 -static -o $@ $<
BENCH_TARGETS += $(OUT)/bench/nop-static
