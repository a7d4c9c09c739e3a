#!/bin/sh
# teecheck against OP-TEE on QEMU: builds OP-TEE OS, Trusted Firmware-A and
# optee_client from source trees the user supplies, builds teecheck's TAs
# with OP-TEE's own TA dev kit, boots qemu-system-aarch64 (-M virt,secure=on)
# with Debian's arm64 kernel and an initramfs holding tee-supplicant, the
# aarch64 client side of teecheck (xtest with libteec's dev backend) and the
# TAs in /lib/optee_armtz, runs `xtest -t regression` and `xtest -t gp`
# against /dev/tee0 and brings the summaries and JUnit files out.
#
# Usage: ci/optee-qemu.sh OPTEE_OS TFA OPTEE_CLIENT AARCH64_OUT WORK_DIR CI_DIR
#   OPTEE_OS, TFA, OPTEE_CLIENT  source trees (never modified: every build
#                                 writes under WORK_DIR)
#   AARCH64_OUT                   teecheck's aarch64 build (bin/xtest, ...)
#   WORK_DIR                      builds, kernel, initramfs, console logs
#   CI_DIR                        results: optee-<config>-*.xml and .txt
# Environment:
#   OPTEE_CONFIGS   "default pager" (pager: CFG_WITH_PAGER=y)
#   XTEST_ARGS      more xtest arguments for both suites (e.g. -x 1027)
#   QEMU_TIMEOUT_S  the whole guest run, default 3000
#   JOBS            make -j, default 2
#
# How the boot works: TF-A (PLAT=qemu, SPD=opteed) with OP-TEE's three v2
# images as BL32 and the kernel as BL33 (ARM_LINUX_KERNEL_AS_BL33), which
# QEMU preloads at 0x60000000 (the default address collides with OP-TEE's
# shared memory); bl1 and the FIP are a flash image given with -bios. With
# -bios and no -kernel, QEMU puts neither command line nor initramfs in its
# device tree, so the tree is dumped with the very same machine arguments,
# /chosen gets bootargs and the initrd range, and the guest boots with -dtb.
# The kernel, busybox, library, initramfs, device-tree and console-cutting
# steps are mk/qemu-lib.sh's, shared with `make qemu` (mk/qemu-system.sh).
set -eu

[ $# -eq 6 ] || {
	sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
	exit 2
}
optee_os=$(cd "$1" && pwd); tfa=$(cd "$2" && pwd)
optee_client=$(cd "$3" && pwd); aout=$(cd "$4" && pwd)
mkdir -p "$5" "$6"
work=$(cd "$5" && pwd); cidir=$(cd "$6" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
configs=${OPTEE_CONFIGS:-default pager}
jobs=${JOBS:-2}
cross=aarch64-linux-gnu-

fail() { echo "optee-qemu: $*" >&2; exit 1; }
say() { echo "optee-qemu: $*"; }
# shellcheck source=mk/qemu-lib.sh
. "$top/mk/qemu-lib.sh"
now() { date +%s.%N; }
since() { echo "$1 $(now)" | awk '{ printf "%.1f", $2 - $1 }'; }

# OP-TEE's build scripts need python3 with pyelftools and cryptography:
# Debian's python3, put first on PATH when another python3 lacks them.
python_ok() { "$1" -c 'import elftools, cryptography' 2>/dev/null; }
if ! python_ok python3; then
	python_ok /usr/bin/python3 ||
		fail "python3 needs pyelftools and cryptography" \
		     "(apt-get install python3-pyelftools python3-cryptography)"
	mkdir -p "$work/pybin"
	ln -sf /usr/bin/python3 "$work/pybin/python3"
	PATH=$work/pybin:$PATH
	export PATH
fi
for t in ${cross}gcc qemu-system-aarch64 dtc cpio cmake; do
	command -v "$t" >/dev/null || fail "$t not found (mk/optee-deps.sh)"
done
for p in xtest pager-stress shm-churn; do
	[ -x "$aout/bin/$p" ] || fail "$aout/bin/$p missing: build teecheck" \
				      "for aarch64 first"
done

# ---- Debian's arm64 kernel (with tee.ko and optee.ko), downloaded once ----
boot_kernel "$work/deb" "$work" tee.ko optee.ko

# ---- optee_client: tee-supplicant ----------------------------------------
t=$(now)
cmake -S "$optee_client" -B "$work/optee_client" \
	-DCMAKE_C_COMPILER=${cross}gcc -DCMAKE_BUILD_TYPE=Release \
	-DCMAKE_INSTALL_PREFIX=/usr -DWITH_TEEACL=OFF \
	> "$work/optee_client.log" 2>&1 &&
	make -C "$work/optee_client" -j"$jobs" >> "$work/optee_client.log" 2>&1 &&
	make -C "$work/optee_client" install \
		DESTDIR="$work/optee_client/install" \
		>> "$work/optee_client.log" 2>&1 ||
	fail "optee_client build failed ($work/optee_client.log)"
supplicant=$work/optee_client/install/usr/sbin/tee-supplicant
[ -x "$supplicant" ] || fail "no tee-supplicant in the optee_client build"
say "optee_client built in $(since "$t") s"

# ---- the initramfs part every configuration shares -----------------------
base=$work/rootfs-base
rm -rf "$base"
mkdir -p "$base/bin" "$base/usr/sbin" "$base/lib/modules" "$base/proc" \
	 "$base/sys" "$base/dev" "$base/tmp" "$base/data/tee" "$base/teecheck"
boot_busybox "$work/deb" "$base" sh mount mkdir cat echo poweroff sleep \
	date cut base64 sync uname rm ls insmod grep
cp "$work"/modules/*.ko "$base/lib/modules/"
cp "$supplicant" "$base/usr/sbin/"
mkdir -p "$base/teecheck/bin"
for p in xtest pager-stress shm-churn; do
	cp "$aout/bin/$p" "$base/teecheck/bin/"
done
# Every shared library the programs need, where multiarch puts them.
boot_libs "$base" "$base"/teecheck/bin/* "$base/usr/sbin/tee-supplicant"

cat > "$base/init" <<'INIT'
#!/bin/sh
# The guest: OP-TEE's driver and supplicant, both suites on /dev/tee0, the
# results on the console, power off.
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
up() { cut -d' ' -f1 /proc/uptime; }
echo "optee-guest: booted in $(up) s ($(uname -r))"
insmod /lib/modules/tee.ko && insmod /lib/modules/optee.ko
/usr/sbin/tee-supplicant -d
i=0
while [ ! -e /dev/tee0 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -e /dev/tee0 ] || { echo "optee-guest: no /dev/tee0"; poweroff -f; }
echo "optee-guest: /dev/tee0 at $(up) s"
args=$(cat /teecheck/xtest-args 2>/dev/null)
for suite in regression gp; do
	start=$(up)
	TEECHECK_OUT=/teecheck /teecheck/bin/xtest -j 1 --tee /dev/tee0 \
		-t $suite --timeout 90 --junit /tmp/$suite.xml $args
	status=$?
	echo "optee-guest: suite $suite status $status from $start s to $(up) s"
	echo "optee-guest: junit $suite begin"
	base64 /tmp/$suite.xml 2>/dev/null
	echo "optee-guest: junit $suite end"
done
echo "optee-guest: done"
sync
poweroff -f
INIT
chmod 755 "$base/init"
# Known deviations that stop OP-TEE itself (ci/optee-known.txt) are left
# out, so that one of them does not end the run.
known=$(sed -n 's/^\([0-9][0-9.]*\)[[:space:]].*/-x \1/p' "$top/ci/optee-known.txt")
echo "$known ${XTEST_ARGS:-}" > "$base/teecheck/xtest-args"

# The TA folders the suites need, as the tree lists them.
ta_dirs=$(make -s -C "$top" --no-print-directory print-ta-dirs)
[ -n "$ta_dirs" ] || fail "no TA folders listed by make print-ta-dirs"

machine="-M virt,secure=on -cpu cortex-a57 -smp 2 -m 1024"
status_all=0
for cfg in $configs; do
	case $cfg in
	default) os_flags="" ;;
	pager) os_flags="CFG_WITH_PAGER=y" ;;
	*) fail "unknown configuration $cfg (default, pager)" ;;
	esac
	c=$work/$cfg
	mkdir -p "$c"

	# OP-TEE OS: its three v2 images and its TA dev kit.
	t=$(now)
	# shellcheck disable=SC2086
	make -C "$optee_os" -j"$jobs" O="$c/optee_os" \
		PLATFORM=vexpress-qemu_armv8a CFG_ARM64_core=y \
		ta-targets=ta_arm64 CROSS_COMPILE=$cross \
		CROSS_COMPILE64=$cross $os_flags > "$c/optee_os.log" 2>&1 ||
		fail "$cfg: OP-TEE OS build failed ($c/optee_os.log)"
	say "$cfg: OP-TEE OS built in $(since "$t") s"
	kit=$c/optee_os/export-ta_arm64
	bins=$c/optee_os/core

	# TF-A: BL1 and a FIP with BL2, BL31 and OP-TEE; BL33 is the kernel.
	t=$(now)
	make -C "$tfa" -j"$jobs" BUILD_BASE="$c/tfa" PLAT=qemu SPD=opteed \
		CROSS_COMPILE=$cross BL32="$bins/tee-header_v2.bin" \
		BL32_EXTRA1="$bins/tee-pager_v2.bin" \
		BL32_EXTRA2="$bins/tee-pageable_v2.bin" \
		BL32_RAM_LOCATION=tdram ARM_LINUX_KERNEL_AS_BL33=1 \
		PRELOADED_BL33_BASE=0x60000000 all fip \
		> "$c/tfa.log" 2>&1 ||
		fail "$cfg: TF-A build failed ($c/tfa.log)"
	rel=$c/tfa/qemu/release
	dd if=/dev/zero of="$c/flash.bin" bs=1M count=64 2>/dev/null
	dd if="$rel/bl1.bin" of="$c/flash.bin" bs=4096 conv=notrunc 2>/dev/null
	dd if="$rel/fip.bin" of="$c/flash.bin" seek=64 bs=4096 conv=notrunc \
		2>/dev/null
	say "$cfg: TF-A built in $(since "$t") s"

	# teecheck's TAs, built from their folders with OP-TEE's kit.
	t=$(now)
	root=$c/rootfs
	rm -rf "$root" && cp -a "$base" "$root"
	mkdir -p "$root/lib/optee_armtz"
	n=0
	for d in $ta_dirs; do
		make -C "$top/$d" TA_DEV_KIT_DIR="$kit" CROSS_COMPILE=$cross \
			O="$c/ta/$d" CFG_PS_MAX_PAGES=512 \
			> "$c/ta-build.log" 2>&1 ||
			fail "$cfg: TA $d failed with OP-TEE's dev kit" \
			     "($c/ta-build.log)"
		cp "$c/ta/$d"/*.ta "$root/lib/optee_armtz/"
		n=$((n + 1))
	done
	say "$cfg: $n TAs built with OP-TEE's dev kit in $(since "$t") s"
	boot_pack "$root" "$c/initrd.cpio.gz"

	# The device tree QEMU makes for these machine arguments, with /chosen.
	initrd_start=0x68000000
	# shellcheck disable=SC2086
	boot_dtb "$c/boot.dtb" \
		"console=ttyAMA0 earlycon rdinit=/init panic=-1 quiet" \
		"$initrd_start" "$c/initrd.cpio.gz" \
		$machine -nic none -display none -bios "$c/flash.bin"

	log=$c/console.log
	say "$cfg: booting (console in $log.raw while it runs, OP-TEE's log" \
	    "in $c/secure.log)"
	t=$(now)
	# shellcheck disable=SC2086
	timeout "${QEMU_TIMEOUT_S:-3000}" qemu-system-aarch64 $machine \
		-nic none -display none -monitor none -no-reboot \
		-serial stdio -serial file:"$c/secure.log" \
		-bios "$c/flash.bin" -dtb "$c/boot.dtb" \
		-device loader,file="$work/Image",addr=0x60000000 \
		-device loader,file="$c/initrd.cpio.gz",addr=$initrd_start \
		< /dev/null > "$log.raw" || true
	tr -d '\r' < "$log.raw" > "$log" && rm -f "$log.raw"
	say "$cfg: QEMU ran $(since "$t") s"

	for suite in regression gp; do
		boot_cut "$log" "optee-guest: junit $suite begin" \
			"optee-guest: junit $suite end" \
			"$cidir/optee-$cfg-$suite.xml"
	done
	boot_uncut "$log" "optee-guest: junit .* begin" \
		"optee-guest: junit .* end" > "$cidir/optee-$cfg-console.txt"
	grep -E '^(optee-guest:|xtest:|Result of testsuite|[0-9]+ test cases)' \
		"$cidir/optee-$cfg-console.txt" | sed "s/^/optee-qemu: $cfg: /"
	grep -q '^optee-guest: done$' "$log" ||
		{ say "$cfg: the guest did not finish (console: $log)"; status_all=1; }
	for suite in regression gp; do
		s=$(sed -n "s/^optee-guest: suite $suite status \([0-9]*\) .*/\1/p" "$log")
		[ "${s:-1}" = 0 ] || status_all=1
	done
done
exit "$status_all"
