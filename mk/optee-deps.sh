#!/bin/sh
# What `make optee-qemu` needs beyond the build's own packages: Debian's
# aarch64 cross compiler and arm64 -dev packages (the client side of
# teecheck), what OP-TEE OS, TF-A and optee_client build with (python3 with
# pyelftools and cryptography, cmake, device-tree-compiler) and QEMU. As root
# it installs what is missing; otherwise it names it and fails.
set -eu

if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	if [ "$(id -u)" != 0 ]; then
		echo "optee: arm64 is not a dpkg architecture here; as root:" \
		     "dpkg --add-architecture arm64 && apt-get update" >&2
		exit 1
	fi
	dpkg --add-architecture arm64
	apt-get update -q >/dev/null || apt-get update
fi
exec sh "$(dirname "$0")/deps.sh" gcc-aarch64-linux-gnu \
	libc6-dev-arm64-cross linux-libc-dev qemu-user qemu-user-binfmt \
	qemu-system-arm device-tree-compiler cpio cmake python3 \
	python3-pyelftools python3-cryptography \
	libssl-dev:arm64 libxml2-dev:arm64 libxslt1-dev:arm64 \
	libcmocka-dev:arm64
