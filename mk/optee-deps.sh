#!/bin/sh
# What `make optee-qemu` needs beyond the aarch64 setup of `make qemu`
# (mk/aarch64-deps.sh: the cross compiler, the arm64 -dev packages,
# qemu-user, qemu-system-arm, cpio): what OP-TEE OS, TF-A and optee_client
# build with (python3 with pyelftools and cryptography, cmake,
# device-tree-compiler) and the kernel header with the TEE ioctl ABI. As
# root it installs what is missing; otherwise it names it and fails.
set -eu
exec sh "$(dirname "$0")/deps.sh" linux-libc-dev device-tree-compiler \
	cmake python3 python3-pyelftools python3-cryptography
