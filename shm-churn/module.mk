# shm-churn: the SHM-churn driver (client processes killed at random while
# they work the shm_churn TA's shared memory); run by xtest 5010.
shm-churn-srcs := shm-churn/churn_main.c shm-churn/churn_client.c
$(foreach f,$(shm-churn-srcs),$(eval CPPFLAGS_$(f) := -Ita/shm_churn/include))
$(eval $(call host-program,shm-churn,$(shm-churn-srcs),\
	$(OUT)/lib/libxtestsupport.a $(OUT)/lib/libteec.a \
	$(OUT)/lib/libtccommon.a -lcrypto -lpthread))
