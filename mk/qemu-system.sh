#!/bin/sh
# `make qemu`: boots Debian's arm64 kernel (its package, unpacked, not
# installed) in qemu-system-aarch64 (-M virt, -cpu cortex-a57, no network)
# with an initramfs made here: busybox, the aarch64 build of the suite and
# the libraries it links. The guest runs xtest --stress and writes the
# summary and the JUnit file to the serial console; this script cuts the
# JUnit file out, prints the boot and suite times and exits with the suite's
# status.
# Usage: qemu-system.sh AARCH64_OUT QEMU_DIR CI_DIR
set -eu
aout=$1; qdir=$2; cidir=$3
mkdir -p "$qdir/deb" "$cidir"
qdir=$(cd "$qdir" && pwd); aout=$(cd "$aout" && pwd)

fail() { echo "qemu: $*" >&2; exit 1; }
# shellcheck source=mk/qemu-lib.sh
. "$(dirname "$0")/qemu-lib.sh"

# The newest arm64 kernel and busybox packages, downloaded once.
boot_kernel "$qdir/deb" "$qdir"
kpkg=$boot_kernel_name

# The initramfs: busybox, the suite and every library it links.
root=$qdir/root
rm -rf "$root"
mkdir -p "$root/bin" "$root/lib" "$root/proc" "$root/sys" "$root/dev" \
	 "$root/tmp" "$root/teecheck"
boot_busybox "$qdir/deb" "$root" sh mount mkdir cat echo poweroff sleep \
	date cut base64 sync uname rm ls
cp -r "$aout/bin" "$aout/ta" "$root/teecheck/"
boot_libs "$root" "$root"/teecheck/bin/*

# OpenSSL's legacy provider (single DES, MD4 ...), which the TA hosts load.
mkdir -p "$root/usr/lib/aarch64-linux-gnu/ossl-modules"
cp -L /usr/lib/aarch64-linux-gnu/ossl-modules/legacy.so \
	"$root/usr/lib/aarch64-linux-gnu/ossl-modules/" ||
	fail "OpenSSL's legacy provider (arm64) not found"

cat > "$root/init" <<'INIT'
#!/bin/sh
# The guest's init: the suite, its results on the console, power off.
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
echo "teecheck-qemu: booted in $(cut -d' ' -f1 /proc/uptime) s ($(uname -r))"
start=$(cut -d' ' -f1 /proc/uptime)
TEECHECK_OUT=/teecheck /teecheck/bin/xtest -j 1 --stress --stress-round 20 \
	--timeout 600 --keep-tmp --junit /tmp/xtest.xml \
	$(cat /teecheck/xtest-args 2>/dev/null)
status=$?
end=$(cut -d' ' -f1 /proc/uptime)
echo "teecheck-qemu: suite from $start s to $end s of uptime"
# After a failure, the end of every log the run left (cases, cores,
# supplicants): nothing else of the guest survives it.
if [ "$status" != 0 ]; then
	find /tmp -name '*.log' -size +0 2>/dev/null | sort | head -100 |
	while read -r f; do
		echo "teecheck-qemu: --- $f"
		tail -n 30 "$f"
	done
fi
echo "teecheck-qemu: junit begin"
base64 /tmp/xtest.xml 2>/dev/null
echo "teecheck-qemu: junit end"
echo "teecheck-qemu: exit status $status"
sync
poweroff -f
INIT
chmod 755 "$root/init"
echo "${XTEST_ARGS:-}" > "$root/teecheck/xtest-args"
boot_pack "$root" "$qdir/initramfs.cpio.gz"
echo "qemu: initramfs $(du -h "$qdir/initramfs.cpio.gz" | cut -f1)," \
     "kernel $kpkg"

log=$qdir/console.log
t0=$(date +%s.%N)
timeout "${QEMU_TIMEOUT_S:-3000}" qemu-system-aarch64 -M virt -cpu cortex-a57 \
	-smp 2 -m 1536 -nographic -nic none -no-reboot \
	-kernel "$qdir/Image" -initrd "$qdir/initramfs.cpio.gz" \
	-append "console=ttyAMA0 rdinit=/init panic=-1 quiet" |
	tr -d '\r' | tee "$log" | sed '/^teecheck-qemu: junit begin$/,/^teecheck-qemu: junit end$/d'
t1=$(date +%s.%N)

boot_cut "$log" "teecheck-qemu: junit begin" "teecheck-qemu: junit end" \
	"$cidir/xtest-aarch64-system.xml"
status=$(sed -n 's/^teecheck-qemu: exit status \([0-9]*\)$/\1/p' "$log")
boot=$(sed -n 's/^teecheck-qemu: booted in \([0-9.]*\) s.*/\1/p' "$log")
suite=$(sed -n 's/^teecheck-qemu: suite from \([0-9.]*\) s to \([0-9.]*\) s.*/\1 \2/p' "$log")
echo "qemu: boot to init ${boot:-?} s (guest uptime); suite" \
     "$(echo "$suite" | awk '{ printf "%.1f", $2 - $1 }') s;" \
     "qemu in all $(echo "$t0 $t1" | awk '{ printf "%.1f", $2 - $1 }') s"
[ -s "$cidir/xtest-aarch64-system.xml" ] &&
	echo "qemu: JUnit in $cidir/xtest-aarch64-system.xml"
[ -n "$status" ] || fail "the guest did not report the suite's status" \
			 "(console log: $log)"
exit "$status"
