# Tests of the public GP headers: a unit test of their values and layouts
# (hosted), and a build check that the TA-side headers compile as a TA
# compiles them (freestanding), in v1.3.1 and in v1.1 compatibility mode
# (selected by GP's or by OP-TEE's switch), and that a TA defining GP
# constants as the reference headers write them gets no redefinition error.

$(eval $(call unit-test,test_headers,include/tests/test_headers.c,))

INCLUDE_TA_HEADERS	:= tee_api_defines.h tee_api_types.h tee_internal_api.h \
			   tee_internal_api_extensions.h
INCLUDE_FS_DIR		:= $(OUT)/obj/include/tests/freestanding
INCLUDE_FS_FLAGS	:= -std=gnu11 -ffreestanding -nostdinc -Iinclude \
			   -Ita/devkit/include \
			   -Wall -Wextra -Werror

# Each TA header on its own (it must include what it needs), then a TA-like
# file that asserts which signatures each mode selects.
$(OUT)/stamp/include-freestanding: include/tests/freestanding_check.c \
				   include/tests/redefine_check.c \
				   $(addprefix include/,$(INCLUDE_TA_HEADERS))
	@mkdir -p $(dir $@) $(INCLUDE_FS_DIR)
	$(Q)gccinc="$$($(CC) -print-file-name=include)" && \
	for h in $(INCLUDE_TA_HEADERS); do \
		printf '#include <%s>\n' $$h | \
		$(CC) $(INCLUDE_FS_FLAGS) -isystem "$$gccinc" -x c -c - \
			-o $(INCLUDE_FS_DIR)/$$h.o || exit 1; \
	done && \
	$(CC) $(INCLUDE_FS_FLAGS) -isystem "$$gccinc" -c $< \
		-o $(INCLUDE_FS_DIR)/check-v1_3.o && \
	$(CC) $(INCLUDE_FS_FLAGS) -isystem "$$gccinc" \
		-DTEE_CORE_API_COMPAT_1_1 -c $< \
		-o $(INCLUDE_FS_DIR)/check-v1_1.o && \
	$(CC) $(INCLUDE_FS_FLAGS) -isystem "$$gccinc" \
		-D__OPTEE_CORE_API_COMPAT_1_1=1 -c $< \
		-o $(INCLUDE_FS_DIR)/check-optee-v1_1.o && \
	$(CC) $(INCLUDE_FS_FLAGS) -isystem "$$gccinc" -c \
		include/tests/redefine_check.c \
		-o $(INCLUDE_FS_DIR)/redefine-check.o
	$(Q)touch $@

ALL_TARGETS += $(OUT)/stamp/include-freestanding
CPPFLAGS_include/tests/test_headers.c := -idirafter ta/devkit/include
