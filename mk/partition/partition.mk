# Partitioning a program for its own demand pager (docs/PAGER.md, "The
# core's own image"). Included by core/module.mk, which links tee-core with
# $(call paged-program,...).
#
#  1. A throw-away link with --gc-sections, rooted at the pager's entry
#     points, keeps exactly what the fault path can reach: the list of its
#     input sections (file and section) is read from that link's map.
#  2. A generated linker-script fragment (INSERT into the default script)
#     places exactly those sections in always-mapped .pager_unpaged_*
#     sections, and the rest of the program's own text and read-only data in
#     page-aligned .paged_text and .paged_rodata.
#  3. One final link with that fragment. A check fails the build if a
#     section of the fault path landed in a paged section, or if any symbol
#     is defined more often than in the objects it came from.
#  4. The page-hashes tool writes the per-page SHA-256 of the paged ranges
#     into the executable's .pager_hashes section.

PART_DIR	:= $(OUT)/part
PAGE_HASHES	:= $(OUT)/tools/page-hashes
PART_SH		:= mk/partition/partition.sh
PART_NM		?= $(TA_CROSS)nm
# The post-link tool runs on the build machine, also in a cross build.
PART_BUILD_CC	?= $(if $(TA_CROSS),gcc,$(CC))
# PAGED_LINK=0 links paged programs plainly: nothing of them is paged (for
# sanitizer builds, whose runtime the partition link does not know).
PAGED_LINK	?= 1

# The pager's entry points: every function its public header declares.
# Whatever the fault path or an API call (which runs inside the pager) can
# reach from them is found by the throw-away link.
PAGER_API_HEADER := core/pager/pager.h

$(PAGE_HASHES): mk/partition/page_hashes.c core/pager/self_page_table.h
	@mkdir -p $(dir $@)
	$(Q)$(PART_BUILD_CC) -std=gnu11 -O2 -Wall -Wextra $(WERROR) -o $@ $< \
		-lcrypto

# Objects of a paged program's sources; those listed in TEST-SOURCES come
# from the test flavour ($(OUT)/objt, compiled with the test flags).
paged-objs = $(foreach s,$(1),$(if $(filter $(s),$(2)),$(patsubst \
	%.c,$(OUT)/objt/%.o,$(s)),$(call host-objs,$(s))))

# Test-flavour objects: the tampering command and the pager's test hooks.
PART_TEST_CPPFLAGS := -DCORE_PAGER_TEST -DPAGER_TEST_HOOKS
$(OUT)/objt/%.o: %.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(HOST_CPPFLAGS) $(HOST_CFLAGS) $(CPPFLAGS_$<) \
		$(PART_TEST_CPPFLAGS) -MMD -MP -c $< -o $@
-include $(shell find $(OUT)/objt -name '*.d' 2>/dev/null)

ifeq ($(PAGED_LINK),0)
define paged-program
$(OUT)/bin/$(1): $(call paged-objs,$(2),$(5)) $(filter %.a,$(3))
	@mkdir -p $$(dir $$@)
	$$(Q)$$(CC) $$(HOST_LDFLAGS) -o $$@ $(call paged-objs,$(2),$(5)) $(3)
ALL_TARGETS += $(OUT)/bin/$(1)
endef
else
# $(call paged-program,NAME,SOURCES,LIBS-AND-LDFLAGS,EXTRA-ROOTS[,TEST-SOURCES])
#   -> out/bin/NAME, with its work files in out/part/NAME/. EXTRA-ROOTS are
#   the program's own functions the fault path calls through pointers
#   (handlers the pager chains to, its fatal hook, its symbolizer).
define paged-program
$(PART_DIR)/$(1)/roots: $(PAGER_API_HEADER) $(call paged-objs,$(2),$(5)) \
		$(filter %.a,$(3)) $(PART_SH)
	@mkdir -p $$(dir $$@)
	$$(Q)sh $(PART_SH) roots $(PART_NM) $(PAGER_API_HEADER) \
		$(call paged-objs,$(2),$(5)) $(filter %.a,$(3)) > $$@.tmp
	$$(Q)for r in $(4); do echo $$$$r; done >> $$@.tmp && mv $$@.tmp $$@

$(PART_DIR)/$(1)/keep: $(call paged-objs,$(2),$(5)) $(filter %.a,$(3)) \
		$(PART_DIR)/$(1)/roots $(PART_SH)
	$$(Q)$$(CC) $$(HOST_LDFLAGS) -pie -nostartfiles -Wl,--gc-sections \
		-Wl,-e,$$$$(head -n1 $(PART_DIR)/$(1)/roots) \
		$$$$(sed 's/^/-Wl,-u,/' $(PART_DIR)/$(1)/roots) \
		-Wl,-Map,$(PART_DIR)/$(1)/gc.map -o $(PART_DIR)/$(1)/gc.elf \
		$(call paged-objs,$(2),$(5)) $(3)
	$$(Q)sh $(PART_SH) keep $(PART_DIR)/$(1)/gc.map $(OUT)/ > $$@.tmp && \
		mv $$@.tmp $$@

$(PART_DIR)/$(1)/fragment.ld: $(PART_DIR)/$(1)/keep $(PART_SH)
	$$(Q)sh $(PART_SH) fragment $$< "$(call paged-objs,$(2),$(5))" \
		"$(filter %.a,$(3))" > $$@.tmp && mv $$@.tmp $$@

$(OUT)/bin/$(1): $(call paged-objs,$(2),$(5)) $(filter %.a,$(3)) \
		$(PART_DIR)/$(1)/fragment.ld $(PAGE_HASHES) $(PART_SH)
	@mkdir -p $$(dir $$@)
	$$(Q)$$(CC) $$(HOST_LDFLAGS) -Wl,-z,now -Wl,-z,text \
		-Wl,-T,$(PART_DIR)/$(1)/fragment.ld \
		-Wl,-Map,$(PART_DIR)/$(1)/final.map -o $(PART_DIR)/$(1)/$(1) \
		$(call paged-objs,$(2),$(5)) $(3)
	$$(Q)echo $(call paged-objs,$(2),$(5)) $(filter %.a,$(3)) > \
		$(PART_DIR)/$(1)/inputs
	$$(Q)sh $(PART_SH) check $(PART_NM) $(PART_DIR)/$(1)/keep \
		$(PART_DIR)/$(1)/final.map $(PART_DIR)/$(1)/$(1) \
		$(call paged-objs,$(2),$(5)) $(filter %.a,$(3))
	$$(Q)$(PAGE_HASHES) $(PART_DIR)/$(1)/$(1)
	$$(Q)cp $(PART_DIR)/$(1)/$(1) $$@.tmp && mv $$@.tmp $$@
ALL_TARGETS += $(OUT)/bin/$(1)
endef
endif
