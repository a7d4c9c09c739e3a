# Shell functions the QEMU system-mode boots share (mk/qemu-system.sh for
# `make qemu`, ci/optee-qemu.sh for `make optee-qemu`): Debian's arm64
# kernel and busybox from their packages, an initramfs with the libraries
# its programs need, QEMU's device tree with /chosen filled in, and the
# files a guest prints on its console between two marker lines.
#
# Sourced, not run: the sourcing script defines fail() (print, exit 1) and
# runs under `set -eu`. POSIX sh.

# Where multiarch puts arm64 libraries (the cross toolchain's last).
boot_libdirs="/lib/aarch64-linux-gnu /usr/lib/aarch64-linux-gnu /usr/aarch64-linux-gnu/lib"

# boot_fetch_deb DIR PKG: PKG:arm64's .deb in DIR, downloaded once.
boot_fetch_deb() {
	ls "$1/$2"_*.deb >/dev/null 2>&1 && return 0
	mkdir -p "$1"
	(cd "$1" && apt-get download "$2:arm64" >/dev/null) ||
		fail "cannot download the Debian package $2:arm64" \
		     "(apt-get update first?)"
}

# boot_kernel_pkg: the package name of the newest arm64 kernel apt knows.
boot_kernel_pkg() {
	apt-cache depends linux-image-arm64:arm64 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[0-9][^:]*\).*/\1/p' |
		head -n1
}

# boot_kernel DEBDIR OUT [MODULE...]: downloads the kernel package into
# DEBDIR once, unpacks its Image to OUT/Image and the named modules (tee.ko,
# optee.ko, ...) to OUT/modules/, unless they are there already.
boot_kernel() {
	_deb=$1 _out=$2
	shift 2
	_pkg=$(boot_kernel_pkg)
	[ -n "$_pkg" ] || fail "no arm64 kernel package known to apt" \
			       "(dpkg --add-architecture arm64 && apt-get update)"
	boot_fetch_deb "$_deb" "$_pkg"
	_have=1
	[ -e "$_out/Image" ] || _have=0
	for _m in "$@"; do
		[ -e "$_out/modules/$_m" ] || _have=0
	done
	if [ "$_have" = 0 ]; then
		rm -rf "$_out/kernel" && mkdir -p "$_out/kernel" "$_out/modules"
		dpkg-deb -x "$_deb/$_pkg"_*.deb "$_out/kernel"
		cp "$_out"/kernel/boot/vmlinuz-* "$_out/Image"
		for _m in "$@"; do
			find "$_out/kernel/lib/modules" -name "$_m" \
				-exec cp {} "$_out/modules/" \;
			[ -e "$_out/modules/$_m" ] || fail "$_pkg has no $_m"
		done
		rm -rf "$_out/kernel"
	fi
	# shellcheck disable=SC2034 # for the script that sources this file
	boot_kernel_name=$_pkg
}

# boot_busybox DEBDIR ROOT APPLET...: busybox (static) in ROOT/bin with a
# link for each applet.
boot_busybox() {
	_deb=$1 _root=$2
	shift 2
	boot_fetch_deb "$_deb" busybox-static
	rm -rf "$_root/.busybox" && mkdir -p "$_root/.busybox" "$_root/bin"
	dpkg-deb -x "$_deb"/busybox-static_*.deb "$_root/.busybox"
	cp "$_root/.busybox/bin/busybox" "$_root/bin/"
	rm -rf "$_root/.busybox"
	for _a in "$@"; do
		ln -sf busybox "$_root/bin/$_a"
	done
}

# The shared libraries an ELF file asks for by name.
boot_needed() {
	aarch64-linux-gnu-readelf -d "$1" 2>/dev/null |
		sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'
}

# boot_libs ROOT PROGRAM...: the dynamic loader and every library the
# programs need, and those libraries need, in ROOT/lib/aarch64-linux-gnu.
boot_libs() {
	_root=$1
	shift
	mkdir -p "$_root/lib/aarch64-linux-gnu"
	for _d in /lib $boot_libdirs; do
		[ -e "$_d/ld-linux-aarch64.so.1" ] || continue
		cp -L "$_d/ld-linux-aarch64.so.1" "$_root/lib/"
		break
	done
	[ -e "$_root/lib/ld-linux-aarch64.so.1" ] || fail "no arm64 ld.so"
	_todo=$(for _f in "$@"; do boot_needed "$_f"; done | sort -u)
	_seen=""
	while [ -n "$_todo" ]; do
		_next=""
		for _lib in $_todo; do
			case " $_seen " in *" $_lib "*) continue ;; esac
			_seen="$_seen $_lib"
			_path=""
			for _d in $boot_libdirs; do
				[ -e "$_d/$_lib" ] && { _path=$_d/$_lib; break; }
			done
			[ -n "$_path" ] || fail "library $_lib (arm64) not found" \
					       "in $boot_libdirs"
			cp -L "$_path" "$_root/lib/aarch64-linux-gnu/$_lib"
			_next="$_next $(boot_needed "$_path")"
		done
		_todo=$(echo "$_next" | tr ' ' '\n' | sort -u | grep -v '^$' ||
			true)
	done
}

# boot_pack ROOT OUT: ROOT as a gzipped newc initramfs in OUT.
boot_pack() {
	(cd "$1" && find . | cpio -o -H newc --quiet | gzip -1) > "$2"
}

# boot_dtb OUT BOOTARGS INITRD_START INITRD QEMU_ARG...: the device tree
# QEMU makes for these machine arguments (all of them: a node the firmware
# removes stays otherwise), with /chosen given the command line and the
# initramfs range, compiled to OUT. For a boot with -bios and -dtb, where
# QEMU writes neither into its own tree.
boot_dtb() {
	_out=$1 _args=$2 _start=$3 _initrd=$4
	shift 4
	qemu-system-aarch64 "$@" -machine dumpdtb="$_out.qemu" \
		>/dev/null 2>&1 || fail "qemu-system-aarch64 cannot dump its" \
					 "device tree"
	dtc -q -I dtb -O dts "$_out.qemu" -o "$_out.qemu.dts"
	_end=$(printf '0x%x' $((_start + $(stat -c %s "$_initrd"))))
	awk -v a="$_args" -v s="$_start" -v e="$_end" '
		/^\tchosen \{$/ && !done {
			print
			print "\t\tbootargs = \"" a "\";"
			print "\t\tlinux,initrd-start = <0x0 " s ">;"
			print "\t\tlinux,initrd-end = <0x0 " e ">;"
			done = 1; next
		}
		{ print }' "$_out.qemu.dts" > "$_out.dts"
	dtc -q -I dts -O dtb "$_out.dts" -o "$_out"
}

# boot_cut LOG BEGIN END OUT: the base64 text a guest printed between the
# lines BEGIN and END of LOG, decoded into OUT; no OUT when there was none.
boot_cut() {
	sed -n "/^$2\$/,/^$3\$/p" "$1" | sed '1d;$d' | base64 -d > "$4" \
		2>/dev/null || true
	[ -s "$4" ] || rm -f "$4"
}

# boot_uncut LOG BEGIN END: LOG without any BEGIN..END block (BEGIN and END
# are patterns, so one call can drop every block).
boot_uncut() {
	sed "/^$2\$/,/^$3\$/d" "$1"
}
