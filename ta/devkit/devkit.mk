# The TA dev kit as the build makes it: libutee and the small libc compiled
# once, then exported with the headers, the per-TA sources, the build rules
# (mk/ta_dev_kit.mk), the signing tool and the build's signing key to
# out/export-ta_<arch>/, as OP-TEE exports its kit. Every TA, ours included,
# is then built from its own folder against that export.
# Included by the top Makefile right after mk/rules.mk.

TA_GCC_INCLUDE	:= $(shell $(CC) -print-file-name=include)

# OP-TEE's names for the architectures: export-ta_arm64, export-ta_arm32.
TA_ARCH		:= $(patsubst aarch64,arm64,$(patsubst arm%,arm32,\
		   $(firstword $(subst -, ,$(shell $(CC) -dumpmachine)))))
TA_KIT		:= $(OUT)/export-ta_$(TA_ARCH)

# The kit's libraries are compiled as TAs are: freestanding, hidden
# visibility, no loop-to-memset/memcpy rewriting (libc's own loops would call
# themselves).
TA_CPPFLAGS	:= -nostdinc -isystem $(TA_GCC_INCLUDE) -Iinclude \
		   -Ita/devkit/include
TA_CFLAGS	:= -std=gnu11 -O2 -g -ffreestanding -fpie -fvisibility=hidden \
		   -fno-stack-protector -fno-asynchronous-unwind-tables \
		   -fno-tree-loop-distribute-patterns \
		   -ffunction-sections -fdata-sections \
		   -Wall -Wextra $(WERROR) $(EXTRA_TA_CFLAGS)

# The signing key pair, made on first build and never committed. The core
# verifies TA images with TA_PUB_KEY; the kit signs with TA_SIGN_KEY.
TA_SIGN_KEY	:= $(OUT)/keys/ta_sign_key.pem
TA_PUB_KEY	:= $(OUT)/keys/ta_sign_pub.pem
TA_SIGN		:= $(OUT)/bin/ta-sign

$(TA_SIGN_KEY):
	@mkdir -p $(dir $@)
	$(Q)umask 077 && $(OPENSSL) genpkey -algorithm RSA \
		-pkeyopt rsa_keygen_bits:3072 -out $@.tmp 2>/dev/null && \
		mv $@.tmp $@

$(TA_PUB_KEY): $(TA_SIGN_KEY)
	$(Q)$(OPENSSL) pkey -in $< -pubout -out $@.tmp && mv $@.tmp $@

ALL_TARGETS	+= $(TA_PUB_KEY)

# The signing tool and the core's verifier link the one image format library.
$(eval $(call host-program,ta-sign,ta/devkit/sign/ta_sign.c,\
	$(OUT)/lib/libtaimage.a $(OUT)/lib/libtccommon.a -lcrypto))

# Kit library objects: out/taobj/<source path>.o. They depend on the flags
# they were compiled with (a file rewritten only when those change), so
# EXTRA_TA_CFLAGS=... or another compiler rebuilds them.
ta-objs = $(patsubst %.c,$(OUT)/taobj/%.o,$(1))
TA_KIT_FLAGS	:= $(OUT)/taobj/flags

$(TA_KIT_FLAGS): FORCE
	@mkdir -p $(dir $@)
	$(Q)printf '%s\n' '$(subst ','\'',$(CC) $(TA_CPPFLAGS) $(TA_CFLAGS))' \
		> $@.tmp && { cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@; }

$(OUT)/taobj/%.o: %.c $(TA_KIT_FLAGS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(TA_CPPFLAGS) $(TA_CFLAGS) -MMD -MP -c $< -o $@

TA_LIBC_SRCS	:= ta/devkit/libc/string.c ta/devkit/libc/snprintf.c \
		   ta/devkit/libc/malloc.c ta/devkit/libc/ctype.c \
		   ta/devkit/libc/qsort.c ta/devkit/libc/strtoul.c
TA_LIBUTEE_SRCS	:= ta/devkit/libutee/utee_syscall.c \
		   ta/devkit/libutee/tee_api_panic.c \
		   ta/devkit/libutee/tee_api_mem.c \
		   ta/devkit/libutee/tee_api_random.c \
		   ta/devkit/libutee/tee_api_props.c \
		   ta/devkit/libutee/tee_api_ta2ta.c \
		   ta/devkit/libutee/tee_api_cancel.c \
		   ta/devkit/libutee/tee_api_time.c \
		   ta/devkit/libutee/tee_uuid.c \
		   ta/devkit/libutee/tee_api_ext.c \
		   ta/devkit/libutee/tee_api_storage.c \
		   ta/devkit/libutee/trace.c
# Objects, operations and arithmetic: handles and syscalls to the host.
TA_LIBUTEE_SRCS	+= ta/devkit/libutee/tee_api_objects.c \
		   ta/devkit/libutee/tee_api_operations.c \
		   ta/devkit/libutee/tee_api_asym.c \
		   ta/devkit/libutee/tee_api_arith.c
# Compiled again for each TA, with its header defines and flags: the TA head,
# the heap, the property table and the entry point glue (which calls the
# v1.1 or the v1.3 entry points, as the TA was built).
TA_PER_TA_SRCS	:= ta/devkit/libutee/user_ta_header.c \
		   ta/devkit/libutee/utee_entry.c

# OP-TEE's names: libutee (the GP API) and libutils (the C library).
TA_LIBUTEE	:= $(TA_KIT)/lib/libutee.a
TA_LIBC		:= $(TA_KIT)/lib/libutils.a

$(TA_LIBUTEE): $(call ta-objs,$(TA_LIBUTEE_SRCS))
$(TA_LIBC): $(call ta-objs,$(TA_LIBC_SRCS))
$(TA_LIBUTEE) $(TA_LIBC):
	@mkdir -p $(dir $@)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

# ---- The export ------------------------------------------------------------

TA_KIT_FILES	:= $(TA_LIBUTEE) $(TA_LIBC)

# $(call kit-file,SOURCE,DESTINATION): one file copied into the export.
define kit-file
$(2): $(1)
	@mkdir -p $$(dir $$@)
	$$(Q)cp $$< $$@.tmp && mv $$@.tmp $$@
TA_KIT_FILES += $(2)
endef

TA_KIT_GP_HEADERS := tee_api_defines.h tee_api_types.h tee_internal_api.h \
		     tee_internal_api_extensions.h tee_api_defines_extensions.h \
		     user_ta_header.h \
		     teecheck/ta_abi.h
$(foreach h,$(TA_KIT_GP_HEADERS),\
	$(eval $(call kit-file,include/$(h),$(TA_KIT)/include/$(h))))
$(foreach h,$(notdir $(wildcard ta/devkit/include/*.h)),\
	$(eval $(call kit-file,ta/devkit/include/$(h),$(TA_KIT)/include/$(h))))
$(foreach s,$(TA_PER_TA_SRCS),\
	$(eval $(call kit-file,$(s),$(TA_KIT)/src/$(notdir $(s)))))
$(eval $(call kit-file,ta/devkit/mk/ta_dev_kit.mk,$(TA_KIT)/mk/ta_dev_kit.mk))
$(eval $(call kit-file,ta/devkit/check-ta-elf.sh,\
	$(TA_KIT)/scripts/check-ta-elf.sh))
$(eval $(call kit-file,$(TA_SIGN),$(TA_KIT)/bin/ta-sign))
$(eval $(call kit-file,$(TA_SIGN_KEY),$(TA_KIT)/keys/default_ta.pem))

# What the kit was built with; rewritten only when it changes, so TAs are
# not rebuilt for nothing.
TA_KIT_CONF	= \# The configuration this TA dev kit was built with.\n$\
	TA_DEV_KIT_ARCH := $(TA_ARCH)\n$\
	TA_DEV_KIT_CC := $(CC)\n$\
	CFG_WERROR ?= $(if $(filter -Werror,$(WERROR)),y,n)\n$\
	CFG_TA_OPTEE_CORE_API_COMPAT_1_1 ?= n\n

$(TA_KIT)/mk/conf.mk: FORCE
	@mkdir -p $(dir $@)
	$(Q)printf '$(TA_KIT_CONF)' > $@.tmp && \
		{ cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@; }
TA_KIT_FILES	+= $(TA_KIT)/mk/conf.mk

ALL_TARGETS	+= $(TA_KIT_FILES)

# ---- TAs ---------------------------------------------------------------------

TA_FILES	:=
# Every TA folder of the tree (make print-ta-dirs; OP-TEE's kit builds them
# too: mk/optee.mk).
TA_SRC_DIRS	:=

# $(call ta-build,TA-DIR): builds the OP-TEE-style folder TA-DIR (Makefile
# with BINARY, sub.mk, user_ta_header_defines.h) with the exported kit, as a
# user would, and copies <uuid>.ta and <uuid>.elf (the unsigned ELF, for
# debuggers and tests) to out/ta/. The folder's own make decides what to
# rebuild; a copy that did not change keeps its time.
define ta-build
ta_uuid_$(1) := $$(shell sed -n 's/^BINARY[[:space:]]*[:?]\{0,1\}=[[:space:]]*//p' \
	$(1)/Makefile)
ifeq ($$(ta_uuid_$(1)),)
$$(error $(1)/Makefile: no BINARY)
endif
$(OUT)/ta/$$(ta_uuid_$(1)).ta $(OUT)/ta/$$(ta_uuid_$(1)).elf &: \
		$$(TA_KIT_FILES) FORCE
	$$(Q)$$(MAKE) --no-print-directory $$(if $$(filter 1,$$(V)),,-s) -C $(1) \
		TA_DEV_KIT_DIR=$$(abspath $$(TA_KIT)) \
		O=$$(abspath $$(OUT)/ta-build/$(1))
	@mkdir -p $$(OUT)/ta
	$$(Q)for x in ta elf; do \
		f=$$(OUT)/ta-build/$(1)/$$(ta_uuid_$(1)).$$$$x; \
		cmp -s $$$$f $$(OUT)/ta/$$(notdir $$$$f) || \
		cp $$$$f $$(OUT)/ta/ || exit 1; \
	done

TA_FILES += $(OUT)/ta/$$(ta_uuid_$(1)).ta
TA_SRC_DIRS += $(1)
ALL_TARGETS += $(OUT)/ta/$$(ta_uuid_$(1)).ta $(OUT)/ta/$$(ta_uuid_$(1)).elf
endef

.PHONY: FORCE
FORCE:
