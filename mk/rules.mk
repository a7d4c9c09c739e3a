# Shared build rules. Components describe themselves in <dir>/module.mk with
# the macros below; nothing here knows about a particular component.

CC		?= gcc
AR		?= ar
ifeq ($(origin CC),default)
CC		:= gcc
endif
OPENSSL		?= openssl
WERROR		?= -Werror

# Host code: the core, the TA host, the client side, tools and tests. Built
# with -ffunction-sections/-fdata-sections so the pager's partitioning link
# can pick individual input sections.
HOST_CPPFLAGS	:= -Iinclude -D_GNU_SOURCE
HOST_CFLAGS	:= -std=gnu11 -O2 -g -fPIC -Wall -Wextra $(WERROR) \
		   -ffunction-sections -fdata-sections $(EXTRA_CFLAGS)
HOST_LDFLAGS	:= $(EXTRA_LDFLAGS)

ALL_TARGETS	:=
UNIT_TESTS	:=
BENCHMARKS	:=
BENCH_TARGETS	:=

$(OUT)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(HOST_CPPFLAGS) $(HOST_CFLAGS) $(CPPFLAGS_$<) -MMD -MP -c $< -o $@

host-objs = $(patsubst %.c,$(OUT)/obj/%.o,$(1))

# $(call host-program,NAME,SOURCES,LIBS-AND-LDFLAGS)  -> out/bin/NAME
define host-program
$(OUT)/bin/$(1): $(call host-objs,$(2)) $(filter %.a,$(3))
	@mkdir -p $$(dir $$@)
	$$(Q)$$(CC) $$(HOST_LDFLAGS) -o $$@ $$(filter %.o,$$^) $(3)
ALL_TARGETS += $(OUT)/bin/$(1)
endef

# $(call host-lib,NAME,SOURCES)  -> out/lib/libNAME.a
define host-lib
$(OUT)/lib/lib$(1).a: $(call host-objs,$(2))
	@mkdir -p $$(dir $$@)
	$$(Q)rm -f $$@ && $$(AR) rcs $$@ $$^
ALL_TARGETS += $(OUT)/lib/lib$(1).a
endef

# $(call unit-test,NAME,SOURCES,LIBS-AND-LDFLAGS)  -> out/tests/NAME (cmocka)
define unit-test
$(OUT)/tests/$(1): $(call host-objs,$(2)) $(filter %.a,$(3))
	@mkdir -p $$(dir $$@)
	$$(Q)$$(CC) $$(HOST_LDFLAGS) -o $$@ $$(filter %.o,$$^) $(3) -lcmocka
ALL_TARGETS += $(OUT)/tests/$(1)
UNIT_TESTS += $(OUT)/tests/$(1)
endef

# $(call benchmark,NAME,SOURCES,LIBS-AND-LDFLAGS)  -> out/bench/NAME, run by
# `make bench` only.
define benchmark
$(OUT)/bench/$(1): $(call host-objs,$(2)) $(filter %.a,$(3))
	@mkdir -p $$(dir $$@)
	$$(Q)$$(CC) $$(HOST_LDFLAGS) -o $$@ $$(filter %.o,$$^) $(3)
BENCH_TARGETS += $(OUT)/bench/$(1)
BENCHMARKS += $(OUT)/bench/$(1)
endef
