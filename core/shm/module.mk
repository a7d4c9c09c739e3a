# libcoreshm: the core's dynamic shared memory bookkeeping (the SHM window's
# VA allocator, the physical frame map, the physical-page index and the
# object registry), with its unit tests.
coreshm-srcs := core/shm/shm_tree.c core/shm/shm_va.c core/shm/shm_physmap.c \
		core/shm/shm_pindex.c core/shm/shm_reg.c
$(eval $(call host-lib,coreshm,$(coreshm-srcs)))

coreshm-test-libs := $(OUT)/lib/libcoreshm.a -lpthread
$(foreach t,test_shm_tree test_shm_va test_shm_physmap test_shm_pindex \
	test_shm_reg,$(eval $(call unit-test,$(t),core/shm/tests/$(t).c \
	core/shm/tests/shm_test_rand.c,$(coreshm-test-libs))))
