# teecheck against a real TEE.
#
# make optee-tas TA_DEV_KIT_DIR=<optee_os>/out/.../export-ta_arm64 \
#	CROSS_COMPILE=aarch64-linux-gnu- [TA_INSTALL_DIR=/lib/optee_armtz] \
#	[DESTDIR=...]
#	every TA the suites need, from its folder, built with that (OP-TEE's)
#	dev kit into out/optee-ta/ and installed where OP-TEE's supplicant
#	loads TAs from.
# make optee-qemu OPTEE_OS=<dir> TFA=<dir> OPTEE_CLIENT=<dir>
#	[OPTEE_CONFIGS="default pager"] [XTEST_ARGS=...]
#	builds them, builds teecheck's client side for aarch64, boots OP-TEE
#	under qemu-system-aarch64 and runs both suites on /dev/tee0
#	(ci/optee-qemu.sh); results in out/ci/optee-*.
.PHONY: print-ta-dirs optee-tas optee-qemu optee-deps optee-aarch64

print-ta-dirs:
	@echo $(TA_SRC_DIRS)

TA_INSTALL_DIR	?= /lib/optee_armtz
OPTEE_TA_OUT	:= $(OUT)/optee-ta

optee-tas:
	$(Q)test -n "$(TA_DEV_KIT_DIR)" || \
		{ echo "optee-tas: TA_DEV_KIT_DIR=<export-ta_ARCH> needed"; exit 1; }
	$(Q)for d in $(TA_SRC_DIRS); do \
		$(MAKE) --no-print-directory -s -C $$d \
			TA_DEV_KIT_DIR=$(abspath $(TA_DEV_KIT_DIR)) \
			CROSS_COMPILE=$(CROSS_COMPILE) \
			O=$(abspath $(OPTEE_TA_OUT))/$$d || exit 1; \
		install -d $(DESTDIR)$(TA_INSTALL_DIR) && \
		install -m 444 $(OPTEE_TA_OUT)/$$d/*.ta \
			$(DESTDIR)$(TA_INSTALL_DIR)/ || exit 1; \
	done

optee-deps:
	$(Q)sh mk/optee-deps.sh

# teecheck's client side for aarch64: xtest (libteec's dev backend linked
# in), pager-stress and shm-churn.
OPTEE_A64_OUT	:= $(OUT)/aarch64
OPTEE_A64_MAKE	= $(MAKE) --no-print-directory OUT=$(OPTEE_A64_OUT) \
		  CC=aarch64-linux-gnu-gcc AR=aarch64-linux-gnu-ar \
		  GPGEN_DATADIR=$(CURDIR)/gen

optee-aarch64: optee-deps
	$(Q)$(OPTEE_A64_MAKE) $(addprefix $(OPTEE_A64_OUT)/bin/,xtest \
		pager-stress shm-churn)

optee-qemu: optee-aarch64
	$(Q)test -n "$(OPTEE_OS)" -a -n "$(TFA)" -a -n "$(OPTEE_CLIENT)" || \
		{ echo "optee-qemu: OPTEE_OS=, TFA= and OPTEE_CLIENT= (source" \
		       "trees) needed"; exit 1; }
	$(Q)sh ci/optee-qemu.sh $(OPTEE_OS) $(TFA) $(OPTEE_CLIENT) \
		$(OPTEE_A64_OUT) $(OUT)/optee $(OUT)/ci
