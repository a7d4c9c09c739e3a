# Benchmarks that need the whole stack (make bench).
$(eval $(call benchmark,invoke-rt,bench/invoke_rt.c bench/bench_time.c,\
	$(OUT)/lib/libxtestsupport.a $(OUT)/lib/libteec.a \
	$(OUT)/lib/libtccommon.a -lpthread))
CPPFLAGS_bench/invoke_rt.c := -Ita/os_test/include
$(eval $(call benchmark,shm-bench,bench/shm_bench.c bench/bench_time.c,\
	$(OUT)/lib/libxtestsupport.a $(OUT)/lib/libteec.a \
	$(OUT)/lib/libtccommon.a -lpthread))
CPPFLAGS_bench/shm_bench.c := -Ita/shm_churn/include
