#!/bin/sh
# The aarch64 full-system gate: Debian's arm64 kernel in qemu-system-aarch64
# with an initramfs holding the aarch64 suite (`make qemu`); the summary and
# the JUnit file come out through the serial console.
. "$(dirname "$0")/lib.sh"
ci_step qemu make -j2 qemu
