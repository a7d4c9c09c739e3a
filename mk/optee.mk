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
#	[OPTEE_WORK_DIR=out/optee]
#	builds them, builds teecheck's client side for aarch64, boots OP-TEE
#	under qemu-system-aarch64 and runs both suites on /dev/tee0
#	(ci/optee-qemu.sh); builds and console logs in OPTEE_WORK_DIR,
#	results in out/ci/optee-*.
.PHONY: print-ta-dirs optee-tas optee-qemu optee-deps optee-aarch64

print-ta-dirs:
	@echo $(TA_SRC_DIRS)

TA_INSTALL_DIR	?= /lib/optee_armtz
OPTEE_TA_OUT	:= $(OUT)/optee-ta
# pager-stress's bss in pages: OP-TEE on QEMU has 15 MiB of secure DRAM.
CFG_PS_MAX_PAGES ?= 512
# OP-TEE's, TF-A's and optee_client's builds, the kernel, the initramfs and
# the console logs: kept between runs, so that a second run is a rebuild.
OPTEE_WORK_DIR	?= $(OUT)/optee

optee-tas:
	$(Q)test -n "$(TA_DEV_KIT_DIR)" || \
		{ echo "optee-tas: TA_DEV_KIT_DIR=<export-ta_ARCH> needed"; exit 1; }
	$(Q)for d in $(TA_SRC_DIRS); do \
		$(MAKE) --no-print-directory -s -C $$d \
			TA_DEV_KIT_DIR=$(abspath $(TA_DEV_KIT_DIR)) \
			CROSS_COMPILE=$(CROSS_COMPILE) \
			CFG_PS_MAX_PAGES=$(CFG_PS_MAX_PAGES) \
			O=$(abspath $(OPTEE_TA_OUT))/$$d || exit 1; \
		install -d $(DESTDIR)$(TA_INSTALL_DIR) && \
		install -m 444 $(OPTEE_TA_OUT)/$$d/*.ta \
			$(DESTDIR)$(TA_INSTALL_DIR)/ || exit 1; \
	done

# The aarch64 setup of `make qemu` (mk/qemu.mk, mk/aarch64-deps.sh) and
# what OP-TEE's own builds need besides.
optee-deps: aarch64-deps-system
	$(Q)sh mk/optee-deps.sh

# teecheck's client side for aarch64, in the cross build `make aarch64`
# makes: xtest (libteec's dev backend linked in), pager-stress, shm-churn.
optee-aarch64: optee-deps
	$(Q)$(AARCH64_MAKE) $(addprefix $(AARCH64_OUT)/bin/,xtest \
		pager-stress shm-churn)

optee-qemu: optee-aarch64
	$(Q)test -n "$(OPTEE_OS)" -a -n "$(TFA)" -a -n "$(OPTEE_CLIENT)" || \
		{ echo "optee-qemu: OPTEE_OS=, TFA= and OPTEE_CLIENT= (source" \
		       "trees) needed"; exit 1; }
	$(Q)sh ci/optee-qemu.sh $(OPTEE_OS) $(TFA) $(OPTEE_CLIENT) \
		$(AARCH64_OUT) $(OPTEE_WORK_DIR) $(OUT)/ci
