# gpgen, the GP test-suite XML-to-C generator (docs/GPGEN.md), its unit
# tests, and the runtime the generated cases link against.

GPGEN_XML_CFLAGS := $(shell pkg-config --cflags libxslt libxml-2.0)
GPGEN_XML_LIBS	:= $(shell pkg-config --libs libxslt libxml-2.0)

GPGEN_LIB_SRCS	:= gen/gpgen.c gen/gpgen_area.c gen/gpgen_check.c \
		   gen/gpgen_cstr.c gen/gpgen_diag.c gen/gpgen_emit.c \
		   gen/gpgen_scenario.c gen/gpgen_xml.c

# What xtest compiles in to run generated cases (generated code includes
# gp_runtime.h: compile it with -Igen/runtime -Ixtest).
GP_RUNTIME_SRCS	:= gen/runtime/gp_expect.c gen/runtime/gp_client.c \
		   gen/runtime/gp_fixture.c gen/runtime/gp_tta.c

$(foreach s,$(GPGEN_LIB_SRCS) gen/gpgen_main.c gen/tests/test_gpgen.c,\
	$(eval CPPFLAGS_$(s) := $(GPGEN_XML_CFLAGS)))

# The unit test compiles generated C with the build's compiler and flags.
CPPFLAGS_gen/tests/test_gpgen.c += -DGPGEN_TEST_CC='"$(CC)"'

$(eval $(call host-lib,gpgen,$(GPGEN_LIB_SRCS)))
$(eval $(call host-program,gpgen,gen/gpgen_main.c,$(OUT)/lib/libgpgen.a \
	$(OUT)/lib/libtccommon.a $(GPGEN_XML_LIBS)))
$(eval $(call unit-test,test_gpgen,gen/tests/test_gpgen.c,$(OUT)/lib/libgpgen.a $(GPGEN_XML_LIBS)))
# It also runs the command line, and compiles generated C with the runtime.
$(OUT)/tests/test_gpgen: $(OUT)/bin/gpgen

# The generated GP suite: out/gen/gp/NAME.c for each gp-suite/NAME.xml, made
# by one gpgen run so that a code used in two files is caught. xtest
# compiles $(GP_GEN_SRCS) and $(GP_RUNTIME_SRCS) with -Igen/runtime -Ixtest.
# GP_EXCLUDE=FILE skips the scenarios whose codes FILE lists; GP_ALONE=FILE
# lists those that need the core alone under xtest -j.
GPGEN_DATA	:= gen/gp-suite.rng $(wildcard gen/*.xsl)
GP_SUITE_XML	:= $(sort $(wildcard gp-suite/*.xml))
GP_GEN_SRCS	:= $(patsubst gp-suite/%.xml,$(OUT)/gen/gp/%.c,$(GP_SUITE_XML))
GP_EXCLUDE	?=
GP_ALONE	?=

ifneq ($(GP_SUITE_XML),)
$(GP_GEN_SRCS) &: $(GP_SUITE_XML) $(OUT)/bin/gpgen $(GPGEN_DATA) $(GP_EXCLUDE) \
		$(GP_ALONE)
	@mkdir -p $(OUT)/gen/gp
	$(Q)$(OUT)/bin/gpgen --datadir gen \
		$(if $(GP_EXCLUDE),--exclude $(GP_EXCLUDE)) \
		$(if $(GP_ALONE),--alone $(GP_ALONE)) \
		-o $(OUT)/gen/gp $(GP_SUITE_XML)
endif

# A made-up scenario that fails halfway (gen/tests/xml/fail_midway.xml),
# generated as the suite is: xtest's fixture test (xtest/module.mk) runs it
# under a private core and finds nothing left open after it.
GP_FIXTURE_TEST_C := $(OUT)/gen/gp-test/fail_midway.c
$(GP_FIXTURE_TEST_C): gen/tests/xml/fail_midway.xml $(OUT)/bin/gpgen \
		      $(GPGEN_DATA)
	@mkdir -p $(dir $@)
	$(Q)$(OUT)/bin/gpgen --datadir gen -o $(dir $@) $<
$(OUT)/obj/$(OUT)/gen/gp-test/%.o: HOST_CPPFLAGS += -Igen/runtime -Ixtest
