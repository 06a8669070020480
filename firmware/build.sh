#!/bin/sh
# Assembles every src/asm/*.asm into a flat binary image: build.sh SRC_DIR OUT_DIR.
# Files whose name starts with "_" are include files, not images.
set -eu
src=${1:-$(dirname "$0")/src/asm}
out=${2:-$(dirname "$0")/target/classes/firmware}
if ! command -v nasm >/dev/null 2>&1; then
  echo "irq0 firmware: nasm is not installed; run ./setup (or: apt-get install -y nasm)" >&2
  exit 1
fi
mkdir -p "$out"
for f in "$src"/*.asm; do
  [ -e "$f" ] || continue
  name=$(basename "$f" .asm)
  case "$name" in _*) continue ;; esac
  nasm -f bin -w+all -I "$src/" -o "$out/$name.bin.tmp" "$f"
  mv "$out/$name.bin.tmp" "$out/$name.bin"
done
