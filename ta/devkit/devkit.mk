# The TA dev kit: how a TA folder (OP-TEE style: user_ta_header_defines.h,
# sub.mk, sources) becomes a signed, self-contained, position-independent
# ELF in out/ta/<uuid>.ta. Included by the top Makefile right after
# mk/rules.mk; a TA's module.mk only says $(eval $(call ta-build,DIR)).

TA_GCC_INCLUDE	:= $(shell $(CC) -print-file-name=include)
TA_LIBGCC	:= $(shell $(CC) -print-libgcc-file-name)
# The binutils of the toolchain CC names: gcc -> nm, aarch64-linux-gnu-gcc
# -> aarch64-linux-gnu-nm.
TA_CROSS	:= $(patsubst %gcc,%,$(filter %gcc,$(notdir $(CC))))
TA_NM		?= $(TA_CROSS)nm
TA_READELF	?= $(TA_CROSS)readelf

# Freestanding: no host headers, no host libraries. Hidden visibility keeps
# every symbol local so the linked TA needs no symbol lookup at load time;
# no loop-to-memset/memcpy rewriting, or libc's own loops would call
# themselves.
TA_CPPFLAGS	:= -nostdinc -isystem $(TA_GCC_INCLUDE) -Iinclude \
		   -Ita/devkit/include
TA_CFLAGS	:= -std=gnu11 -O2 -g -ffreestanding -fpie -fvisibility=hidden \
		   -fno-stack-protector -fno-asynchronous-unwind-tables \
		   -fno-tree-loop-distribute-patterns \
		   -ffunction-sections -fdata-sections \
		   -Wall -Wextra $(WERROR) $(EXTRA_TA_CFLAGS)

# A static PIE: ET_DYN, no interpreter, no DT_NEEDED, only relative
# relocations. -z text: no dynamic relocation in text or read-only data;
# -z norelro: what is relocated stays in the writable segment, so the
# loader never has to write to memory it then makes read-only.
TA_LDFLAGS	:= -nostdlib -static-pie -Wl,-e,__utee_entry \
		   -Wl,-z,text -Wl,-z,norelro -Wl,-z,noexecstack \
		   -Wl,-z,max-page-size=4096 -Wl,-z,common-page-size=4096 \
		   -Wl,--no-undefined -Wl,--gc-sections -Wl,--hash-style=gnu \
		   -Wl,--build-id=sha1 $(EXTRA_TA_LDFLAGS)

# The signing key pair, made on first build and never committed. The core
# verifies TA images with TA_PUB_KEY.
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
	$(OUT)/lib/libtaimage.a -lcrypto))

# TA objects: out/taobj/<source path>.o.
ta-objs = $(patsubst %.c,$(OUT)/taobj/%.o,$(1))

$(OUT)/taobj/%.o: %.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(TA_CPPFLAGS) $(TA_CFLAGS) -MMD -MP -c $< -o $@

# The kit's libraries, built once for every TA.
TA_LIBC_SRCS	:= ta/devkit/libc/string.c ta/devkit/libc/snprintf.c \
		   ta/devkit/libc/malloc.c
TA_LIBUTEE_SRCS	:= ta/devkit/libutee/utee_syscall.c \
		   ta/devkit/libutee/tee_api_panic.c \
		   ta/devkit/libutee/tee_api_mem.c \
		   ta/devkit/libutee/tee_api_random.c \
		   ta/devkit/libutee/tee_api_props.c \
		   ta/devkit/libutee/tee_api_ta2ta.c \
		   ta/devkit/libutee/tee_api_cancel.c \
		   ta/devkit/libutee/tee_api_time.c \
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

TA_LIBUTEE	:= $(OUT)/talib/libutee.a
TA_LIBC		:= $(OUT)/talib/libc.a

$(TA_LIBUTEE): $(call ta-objs,$(TA_LIBUTEE_SRCS))
$(TA_LIBC): $(call ta-objs,$(TA_LIBC_SRCS))
$(TA_LIBUTEE) $(TA_LIBC):
	@mkdir -p $(dir $@)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

TA_FILES	:=

# The UUID string of a TA folder, from TA_UUID in its header defines.
ta-uuid = $(shell echo 'ta_uuid= TA_UUID' | $(CC) -E -P $(TA_CPPFLAGS) \
	-I$(1) $(addprefix -I,$(2)) -include user_ta_header_defines.h \
	-x c - 2>/dev/null | \
	sed -n 's/^ta_uuid= *//p' | tr -d '{},' | \
	xargs -r printf '%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x' 2>/dev/null)

# $(call ta-obj,TA-DIR,SOURCE): where a TA's object goes. Sources outside the
# folder ("../x/y.c") stay inside out/taobj/TA-DIR.
ta-obj = $(OUT)/taobj/$(1)/$(subst ../,__/,$(patsubst $(1)/%,%,$(2:.c=.o)))

# $(call ta-obj-rule,OBJECT,SOURCE,EXTRA-FLAGS)
define ta-obj-rule
$(1): $(2)
	@mkdir -p $$(dir $$@)
	$$(Q)$$(CC) $$(TA_CPPFLAGS) $(3) $$(TA_CFLAGS) -MMD -MP -c $$< -o $$@
endef

# $(call ta-rules,TA-DIR,SOURCES,INCDIRS,CFLAGS)
define ta-rules
ta_uuid_$(1) := $$(call ta-uuid,$(1),$(3))
ifeq ($$(ta_uuid_$(1)),)
$$(error $(1): no TA_UUID in $(1)/user_ta_header_defines.h)
endif
ta_flags_$(1) := -I$(1) $(addprefix -I,$(3)) $(4)
ta_objs_$(1) := $(foreach s,$(2) $(TA_PER_TA_SRCS),$(call ta-obj,$(1),$(s)))
$(foreach s,$(2) $(TA_PER_TA_SRCS),
$(call ta-obj-rule,$(call ta-obj,$(1),$(s)),$(s),$$(ta_flags_$(1))))

$(OUT)/ta/$$(ta_uuid_$(1)).elf: $$(ta_objs_$(1)) $(TA_LIBUTEE) $(TA_LIBC) \
		ta/devkit/check-ta-elf.sh
	@mkdir -p $$(dir $$@)
	$$(Q)$$(CC) $$(TA_LDFLAGS) -o $$@.tmp $$(ta_objs_$(1)) \
		-Wl,--start-group $(TA_LIBUTEE) $(TA_LIBC) -Wl,--end-group $(TA_LIBGCC)
	$$(Q)sh ta/devkit/check-ta-elf.sh $$(TA_NM) $$(TA_READELF) $$@.tmp
	$$(Q)mv $$@.tmp $$@

$(OUT)/ta/$$(ta_uuid_$(1)).ta: $(OUT)/ta/$$(ta_uuid_$(1)).elf $(TA_SIGN) \
		$(TA_SIGN_KEY)
	$$(Q)$(TA_SIGN) -k $(TA_SIGN_KEY) -u $$(ta_uuid_$(1)) -o $$@ $$<

TA_FILES += $(OUT)/ta/$$(ta_uuid_$(1)).ta
ALL_TARGETS += $(OUT)/ta/$$(ta_uuid_$(1)).ta $(OUT)/ta/$$(ta_uuid_$(1)).elf
endef

# $(call ta-build,TA-DIR): reads TA-DIR/sub.mk (srcs-y, global-incdirs-y,
# cflags-y, all relative to TA-DIR) and defines the TA's rules.
define ta-build
srcs-y :=
global-incdirs-y :=
cflags-y :=
include $(1)/sub.mk
$$(eval $$(call ta-rules,$(1),$$(addprefix $(1)/,$$(srcs-y)),$$(addprefix $(1)/,$$(global-incdirs-y)),$$(cflags-y)))
endef
