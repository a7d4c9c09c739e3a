#!/bin/sh
# What the aarch64 targets need on a Debian amd64 machine: the cross compiler,
# the arm64 -dev packages through multiarch, qemu-user with its binfmt entry
# (build tools the cross build makes, gpgen and the signer, run at build
# time), and for `make qemu` qemu-system-arm and cpio. As root it installs
# and registers what is missing; otherwise it names it and fails.
# Usage: aarch64-deps.sh user|system
set -eu
what=${1:-user}

pkgs="gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user qemu-user-binfmt \
libssl-dev:arm64 libxml2-dev:arm64 libxslt1-dev:arm64 libcmocka-dev:arm64"
[ "$what" = system ] && pkgs="$pkgs qemu-system-arm cpio"

if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	if [ "$(id -u)" != 0 ]; then
		echo "aarch64: arm64 is not a dpkg architecture here; as root:" \
		     "dpkg --add-architecture arm64 && apt-get update" >&2
		exit 1
	fi
	echo "aarch64: adding arm64 to dpkg's architectures"
	dpkg --add-architecture arm64
	apt-get update -q >/dev/null || apt-get update
fi
# shellcheck disable=SC2086
sh "$(dirname "$0")/deps.sh" $pkgs

# The cross build runs the tools it builds (gpgen, ta-sign, page-hashes):
# the kernel must hand aarch64 programs to qemu-aarch64.
binfmt=/proc/sys/fs/binfmt_misc
if [ ! -e "$binfmt/qemu-aarch64" ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "aarch64: qemu-aarch64 is not registered with binfmt_misc;" \
		     "as root: /lib/systemd/systemd-binfmt" \
		     "/usr/lib/binfmt.d/qemu-aarch64.conf" >&2
		exit 1
	fi
	[ -e "$binfmt/register" ] ||
		mount -t binfmt_misc binfmt_misc "$binfmt" || {
		echo "aarch64: cannot mount binfmt_misc on $binfmt" >&2
		exit 1
	}
	conf=/usr/lib/binfmt.d/qemu-aarch64.conf
	if [ -x /lib/systemd/systemd-binfmt ]; then
		/lib/systemd/systemd-binfmt "$conf"
	else
		cat "$conf" > "$binfmt/register"
	fi
	[ -e "$binfmt/qemu-aarch64" ] || {
		echo "aarch64: registering $conf with binfmt_misc failed" >&2
		exit 1
	}
	echo "aarch64: qemu-aarch64 registered with binfmt_misc"
fi
