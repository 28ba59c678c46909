#!/bin/sh
# Regenerate the .d.mts files the TypeScript tests import, from the JSDoc in the .mjs files
# (tsconfig has no allowJs, so TypeScript cannot read the JSDoc there by itself).
# With a directory argument, write there instead of service/ (the tests compare the two).
set -e
cd "$(dirname "$0")/.."
dest="${1:-service}"
out=$(mktemp -d)
npx tsc service/server.mjs service/temp-postgres.mjs --allowJs --declaration --emitDeclarationOnly \
  --outDir "$out" --module nodenext --moduleResolution nodenext --target es2022 --skipLibCheck --strict --types node
for name in server temp-postgres; do
  { echo "// Emitted from the JSDoc in $name.mjs by service/gen-types.sh; do not edit by hand."; cat "$out/$name.d.mts"; } > "$dest/$name.d.mts"
done
rm -rf "$out"
