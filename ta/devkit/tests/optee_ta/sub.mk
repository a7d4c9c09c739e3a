global-incdirs-y += include
srcs-y += optee_ta.c
# What the test changes to see the TA rebuilt: every object of this folder
# and the kit's per-TA objects depend on it, the sort/ folder's do not.
OPTEE_TA_MAGIC ?= 0x11
cflags-y += -DOPTEE_TA_MAGIC=$(OPTEE_TA_MAGIC)
cflags-optee_ta.c-y += -Wshadow
subdirs-y += sort
