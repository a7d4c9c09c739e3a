#!/bin/sh
# Writes a C file holding each vector file given as a string, so xtest
# carries its known answers wherever it runs.
set -eu
echo '/* Generated from xtest/vectors by embed.sh: do not edit. */'
echo '#include <stddef.h>'
echo '#include "crypto_helpers.h"'
echo 'const struct ct_vector_file ct_vector_files[] = {'
n=0
for f in "$@"; do
	printf '\t{ "%s",\n' "$(basename "$f")"
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/.*/\t  "&\\n"/' "$f"
	printf '\t},\n'
	n=$((n + 1))
done
echo '};'
echo "const size_t ct_vector_nfiles = $n;"
