#!/bin/sh
# Regenerate the .d.mts files the TypeScript tests import, from the JSDoc in the .mjs files
# (tsconfig has no allowJs, so TypeScript cannot read the JSDoc there by itself).
# With a directory argument, write there instead of this folder (the tests compare the two).
set -e
here="$(cd "$(dirname "$0")" && pwd)"
dest="${1:-$here}"
out=$(mktemp -d)
cd "$here"
npx tsc server.mjs temp-postgres.mjs --allowJs --declaration --emitDeclarationOnly \
  --outDir "$out" --module nodenext --moduleResolution nodenext --target es2022 --skipLibCheck --strict --types node
for name in server temp-postgres; do
  { echo "// Emitted from the JSDoc in $name.mjs by gen-types.sh; do not edit by hand."; cat "$out/$name.d.mts"; } > "$dest/$name.d.mts"
done
rm -rf "$out"
