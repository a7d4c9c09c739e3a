# Fuzz targets on clang's libFuzzer, built only by `make fuzz`: the message
# checks, the TA image verifier, the ELF loader, gpgen's reader and checker.
# `make fuzz FUZZ_SECONDS=N` runs each for N seconds (fuzz/run.sh), then the
# network fuzzer as long; a crash is kept in out/fuzz/crashes/<target>/ and
# ends the run with an error.
FUZZ_CC		?= clang
FUZZ_SECONDS	?= 60
FUZZ_JOBS	?= 1
FUZZ_OUT	:= $(OUT)/fuzz
FUZZ_SAN	:= -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS	:= -std=gnu11 -O1 -g -fno-omit-frame-pointer -Wall -Wextra \
		   -fsanitize=fuzzer-no-link $(FUZZ_SAN)
.PHONY: fuzz fuzz-build

$(FUZZ_OUT)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(Q)$(FUZZ_CC) $(HOST_CPPFLAGS) $(FUZZ_CFLAGS) $(CPPFLAGS_$<) -MMD -MP \
		-c $< -o $@
-include $(shell find $(FUZZ_OUT)/obj -name '*.d' 2>/dev/null)

fuzz-objs = $(patsubst %.c,$(FUZZ_OUT)/obj/%.o,$(1))

# Each target links its own sources with the other modules' sources it
# exercises, named by their lists; those are expanded when the target is
# built (secondary expansion), whatever order the modules were read in.
FUZZ_TARGETS	:= fuzz_msg fuzz_ta_image fuzz_elf_load fuzz_gpgen
fuzz-link = @mkdir -p $(dir $@); \
	$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $(filter %.o,$^)

.SECONDEXPANSION:

# The framing check, the page-list check and the frame map's per-page check.
$(FUZZ_OUT)/bin/fuzz_msg: $$(call fuzz-objs,fuzz/fuzz_msg.c $$(common-srcs) \
		$$(coreshm-srcs))
	$(fuzz-link) -lpthread
# Signed image verification, and signing then verifying what was signed.
$(FUZZ_OUT)/bin/fuzz_ta_image: $$(call fuzz-objs,fuzz/fuzz_ta_image.c \
		$$(taimage-srcs))
	$(fuzz-link) -lcrypto
# The ELF checker and the loader that maps and relocates a TA.
$(FUZZ_OUT)/bin/fuzz_elf_load: $$(call fuzz-objs,fuzz/fuzz_elf_load.c \
		$$(taimage-srcs) $$(taload-srcs))
	$(fuzz-link) -lcrypto
# gpgen: XML reader, schema, sequencing checker and emitter.
$(FUZZ_OUT)/bin/fuzz_gpgen: $$(call fuzz-objs,fuzz/fuzz_gpgen.c \
		$$(GPGEN_LIB_SRCS))
	$(fuzz-link) $(GPGEN_XML_LIBS)
CPPFLAGS_fuzz/fuzz_gpgen.c = $(GPGEN_XML_CFLAGS)

fuzz-build: $(patsubst %,$(FUZZ_OUT)/bin/%,$(FUZZ_TARGETS))

# clang and its libFuzzer runtime are needed here only. The ELF targets
# also start from the TAs this build makes.
fuzz:
	$(Q)sh mk/deps.sh clang libclang-rt-dev
	$(Q)$(MAKE) --no-print-directory fuzz-build \
		$(OUT)/ta/4ec4e0c5-5340-4809-be39-f1cbc258fa50.elf
	$(Q)FUZZ_JOBS=$(FUZZ_JOBS) sh fuzz/run.sh $(FUZZ_OUT) $(OUT) \
		$(FUZZ_SECONDS) $(FUZZ_TARGETS)
	$(Q)$(MAKE) --no-print-directory netfuzz

# The network fuzzer: a host program like the others (gcc), run by `make
# netfuzz` (and at the end of `make fuzz`) against a private core.
netfuzz-srcs := fuzz/netfuzz.c xtest/private_core.c xtest/proc.c \
		xtest/settings.c
CPPFLAGS_fuzz/netfuzz.c := -Ita/os_test/include
$(eval $(call host-program,tc-netfuzz,$(netfuzz-srcs),\
	$(OUT)/lib/libteec.a $(OUT)/lib/libtccommon.a -lpthread))

.PHONY: netfuzz
netfuzz: all
	$(Q)$(OUT)/bin/tc-netfuzz --seconds $(FUZZ_SECONDS)
