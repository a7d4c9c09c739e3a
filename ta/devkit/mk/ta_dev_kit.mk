# teecheck's TA dev kit: builds one TA folder, written in OP-TEE's folder
# convention, into a signed <BINARY>.ta the bundled core runs.
#
# The TA's Makefile sets BINARY (the TA's UUID, or LIBNAME to build a static
# library for TAs instead) and its CFG_* settings, then includes this file:
#
#	CFG_TEE_TA_LOG_LEVEL ?= 3
#	CFG_TA_OPTEE_CORE_API_COMPAT_1_1 ?= y
#	BINARY = 8aaaf200-2450-11e4-abe2-0002a5d5c51b
#	include $(TA_DEV_KIT_DIR)/mk/ta_dev_kit.mk
#
# sub.mk files (the folder's, then those named in subdirs-y) list srcs-y,
# global-incdirs-y (for every source of the TA), incdirs-y, cflags-y,
# cppflags-y, aflags-y, cflags-remove-y (for the sources of that folder),
# cflags-<file>-y, cppflags-<file>-y, cflags-remove-<file>-y (for one
# source), subdirs-y, and libnames/libdirs/libdeps (for the link).
# Outputs go to $(O), by default the folder itself. Every object, the link and
# the signature record the command that made them: a changed flag rebuilds
# exactly what it changes.

TA_DEV_KIT_DIR	?= $(patsubst %/mk/,%,$(dir $(lastword $(MAKEFILE_LIST))))
include $(TA_DEV_KIT_DIR)/mk/conf.mk

.DEFAULT_GOAL	:= all
.PHONY: all clean FORCE_TA
.SUFFIXES:

ifeq ($(BINARY)$(LIBNAME),)
$(error set BINARY (the TA's UUID) or LIBNAME before including ta_dev_kit.mk)
endif

O		?= .
ta-out		:= $(patsubst %/,%,$(O))
q		:= $(if $(filter 1,$(V)),,@)

# The compiler this kit was built with, unless the TA's build names another
# (CROSS_COMPILE=aarch64-linux-gnu- or CC=...).
ifeq ($(origin CC),default)
ifneq ($(CROSS_COMPILE),)
CC		:= $(CROSS_COMPILE)gcc
else
CC		:= $(TA_DEV_KIT_CC)
endif
endif
# The binutils that go with it: gcc -> nm, aarch64-linux-gnu-gcc ->
# aarch64-linux-gnu-nm.
ta-cross	:= $(patsubst %gcc,%,$(filter %gcc,$(notdir $(CC))))
TA_AR		?= $(ta-cross)ar
TA_NM		?= $(ta-cross)nm
TA_READELF	?= $(ta-cross)readelf

ta-gcc-include	:= $(shell $(CC) -print-file-name=include)
ta-libgcc	:= $(shell $(CC) -print-libgcc-file-name)

# What the TA's settings mean to the compiler.
ta-cfg-cppflags	:=
ifneq ($(CFG_TEE_TA_LOG_LEVEL),)
ta-cfg-cppflags	+= -DCFG_TEE_TA_LOG_LEVEL=$(CFG_TEE_TA_LOG_LEVEL)
endif
ifeq ($(CFG_TA_OPTEE_CORE_API_COMPAT_1_1),y)
ta-cfg-cppflags	+= -D__OPTEE_CORE_API_COMPAT_1_1=1
endif
ta-werror	:= $(if $(filter y,$(CFG_WERROR)),-Werror)

# Freestanding: the kit's headers and the compiler's own, nothing of the
# host. Hidden visibility: the linked TA needs no symbol lookup at load time.
ta-cppflags	:= -nostdinc -isystem $(ta-gcc-include) \
		   -I$(TA_DEV_KIT_DIR)/include $(ta-cfg-cppflags)
ta-cflags	:= -std=gnu11 -O2 -g -ffreestanding -fpie \
		   -fvisibility=hidden -fno-stack-protector \
		   -fno-asynchronous-unwind-tables \
		   -fno-tree-loop-distribute-patterns \
		   -ffunction-sections -fdata-sections \
		   -Wall -Wextra -Wno-missing-field-initializers $(ta-werror) \
		   $(EXTRA_TA_CFLAGS)
ta-aflags	:= -fpie $(EXTRA_TA_AFLAGS)

# A static PIE: no interpreter, no DT_NEEDED, only relative relocations, all
# in the writable segment (-z text -z norelro).
ta-ldflags	:= -nostdlib -static-pie -Wl,-e,__utee_entry \
		   -Wl,-z,text -Wl,-z,norelro -Wl,-z,noexecstack -Wl,-z,separate-code \
		   -Wl,-z,max-page-size=4096 -Wl,-z,common-page-size=4096 \
		   -Wl,--no-undefined -Wl,--gc-sections -Wl,--hash-style=gnu \
		   -Wl,--build-id=sha1 $(EXTRA_TA_LDFLAGS)

TA_SIGN_KEY	?= $(TA_DEV_KIT_DIR)/keys/default_ta.pem
ta-sign		:= $(TA_DEV_KIT_DIR)/bin/ta-sign

# ---- Reading sub.mk files -------------------------------------------------

ta-srcs		:=
ta-global-incdirs :=
libnames	?=
libdirs		?=
libdeps		?=

# "./x" -> "x", "a/./b" -> "a/b"
ta-clean-path	= $(patsubst ./%,%,$(subst /./,/,$(1)))

# $(call ta-add-src,DIR,FILE): one source with the flags its sub.mk gives it.
define ta-add-src
ta-src := $$(call ta-clean-path,$(1)/$(2))
ta-srcs += $$(ta-src)
ta-src-cppflags-$$(ta-src) := $$(addprefix -I,$$(call ta-clean-path,\
	$$(addprefix $(1)/,$$(incdirs-y)))) $$(cppflags-y) $$(cppflags-$(2)-y)
ta-src-cflags-$$(ta-src) := $$(cflags-y) $$(cflags-$(2)-y)
ta-src-aflags-$$(ta-src) := $$(aflags-y) $$(aflags-$(2)-y)
ta-src-remove-$$(ta-src) := $$(cflags-remove-y) $$(cflags-remove-$(2)-y)
cflags-$(2)-y :=
cppflags-$(2)-y :=
aflags-$(2)-y :=
cflags-remove-$(2)-y :=
endef

# $(call ta-subdir,DIR): reads DIR/sub.mk, then its subdirs-y.
define ta-subdir
srcs-y :=
incdirs-y :=
global-incdirs-y :=
cflags-y :=
cppflags-y :=
aflags-y :=
cflags-remove-y :=
subdirs-y :=
include $(1)/sub.mk
$$(foreach f,$$(srcs-y),$$(eval $$(call ta-add-src,$(1),$$(f))))
ta-global-incdirs += $$(call ta-clean-path,$$(addprefix $(1)/,$$(global-incdirs-y)))
ifeq ($(1),.)
ta-root-cflags := $$(cflags-y)
ta-root-cppflags := $$(cppflags-y)
endif
$$(foreach d,$$(subdirs-y),$$(eval $$(call ta-subdir,$$(call ta-clean-path,$(1)/$$(d)))))
endef

$(eval $(call ta-subdir,.))

# The folder itself is searched too: user_ta_header_defines.h usually sits
# in it or in a global include directory.
ta-incflags	:= $(addprefix -I,$(ta-global-incdirs)) -I.

# ---- Commands and their records -----------------------------------------

# Where a source's object goes: "../x/y.c" stays inside $(O) as "__/x/y.o".
ta-obj		= $(ta-out)/$(subst ../,__/,$(basename $(patsubst /%,abs/%,$(1)))).o

# The per-TA part of libutee: compiled with the TA's header defines and its
# top-level flags, so the entry glue matches the API version the TA uses.
ta-kit-srcs	:= $(if $(BINARY),$(TA_DEV_KIT_DIR)/src/user_ta_header.c \
		   $(TA_DEV_KIT_DIR)/src/utee_entry.c)
ta-kit-obj	= $(ta-out)/.ta-kit/$(notdir $(1:.c=.o))
$(foreach s,$(ta-kit-srcs),$(eval ta-src-cflags-$(s) := $(ta-root-cflags)) \
	$(eval ta-src-cppflags-$(s) := $(ta-root-cppflags)))

ta-objs		:= $(foreach s,$(ta-srcs),$(call ta-obj,$(s))) \
		   $(foreach s,$(ta-kit-srcs),$(call ta-kit-obj,$(s)))

# $(call ta-compile-cmd,SOURCE,OBJECT)
ta-compile-cmd	= $(CC) $(ta-cppflags) $(ta-incflags) \
	$(ta-src-cppflags-$(1)) \
	$(filter-out $(ta-src-remove-$(1)),$(ta-cflags) $(ta-src-cflags-$(1)) \
	$(if $(filter %.S,$(1)),$(ta-aflags) $(ta-src-aflags-$(1)))) \
	-MMD -MP -MF $(2).d -c $(1) -o $(2)

# A target is remade when the command that would make it is not the one
# recorded beside it.
ta-same		= $(if $(findstring x$(1)x,x$(2)x),$(findstring x$(2)x,x$(1)x))
ta-stale	= $(if $(call ta-same,$(strip $(ta-cmd-$(1))),$(strip $(2))),,FORCE_TA)
ta-record	= printf '%s\n' 'ta-cmd-$(1) := $(subst ','\'',$(strip $(2)))' \
		  > $(1).cmd

# $(call ta-compile-rule,SOURCE,OBJECT)
define ta-compile-rule
$(2): $(1) $$(call ta-stale,$(2),$$(call ta-compile-cmd,$(1),$(2)))
	@mkdir -p $$(dir $$@)
	$$(q)rm -f $$@
	$$(q)$$(call ta-compile-cmd,$(1),$(2))
	$$(q)$$(call ta-record,$(2),$$(call ta-compile-cmd,$(1),$(2)))
endef

ta-lib-flags	:= $(addprefix -L,$(libdirs)) $(addprefix -l,$(libnames))
ta-elf		:= $(ta-out)/$(BINARY).elf
ta-link-cmd	= $(CC) $(ta-ldflags) -Wl,-Map,$(ta-out)/$(BINARY).map \
	-o $(ta-elf).tmp $(ta-objs) $(ta-lib-flags) \
	-Wl,--start-group $(TA_DEV_KIT_DIR)/lib/libutee.a \
	$(TA_DEV_KIT_DIR)/lib/libutils.a -Wl,--end-group $(ta-libgcc)
ta-sign-cmd	= $(ta-sign) -k $(TA_SIGN_KEY) -u $(BINARY) \
	-o $(ta-out)/$(BINARY).ta $(ta-elf)
ta-lib		:= $(ta-out)/lib$(LIBNAME).a
ta-ar-cmd	= rm -f $(ta-lib) && $(TA_AR) rcs $(ta-lib) $(ta-objs)

-include $(addsuffix .cmd,$(ta-objs) $(ta-elf) $(ta-out)/$(BINARY).ta \
	$(ta-lib))
-include $(addsuffix .d,$(ta-objs))

$(foreach s,$(ta-srcs),$(eval $(call ta-compile-rule,$(s),$(call ta-obj,$(s)))))
$(foreach s,$(ta-kit-srcs),$(eval $(call ta-compile-rule,$(s),$(call ta-kit-obj,$(s)))))

# ---- The TA: link, check, sign ------------------------------------------

ifneq ($(BINARY),)
all: $(ta-out)/$(BINARY).ta

$(ta-elf): $(ta-objs) $(libdeps) $(TA_DEV_KIT_DIR)/lib/libutee.a \
		$(TA_DEV_KIT_DIR)/lib/libutils.a \
		$(call ta-stale,$(ta-elf),$(ta-link-cmd))
	$(q)$(ta-link-cmd)
	$(q)sh $(TA_DEV_KIT_DIR)/scripts/check-ta-elf.sh $(TA_NM) \
		$(TA_READELF) $@.tmp
	$(q)mv $@.tmp $@
	$(q)$(call ta-record,$(ta-elf),$(ta-link-cmd))

$(ta-out)/$(BINARY).ta: $(ta-elf) $(TA_SIGN_KEY) $(ta-sign) \
		$(call ta-stale,$(ta-out)/$(BINARY).ta,$(ta-sign-cmd))
	$(q)$(ta-sign-cmd)
	$(q)$(call ta-record,$(ta-out)/$(BINARY).ta,$(ta-sign-cmd))
else
all: $(ta-lib)

$(ta-lib): $(ta-objs) $(call ta-stale,$(ta-lib),$(ta-ar-cmd))
	$(q)$(ta-ar-cmd)
	$(q)$(call ta-record,$(ta-lib),$(ta-ar-cmd))
endif

clean:
	$(q)rm -f $(ta-objs) $(addsuffix .cmd,$(ta-objs)) \
		$(addsuffix .d,$(ta-objs)) \
		$(addprefix $(ta-out)/$(BINARY),.elf .elf.cmd .elf.tmp .map \
		.ta .ta.cmd) $(if $(LIBNAME),$(ta-lib) $(ta-lib).cmd)

FORCE_TA:
