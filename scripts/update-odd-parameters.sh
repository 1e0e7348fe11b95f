#!/usr/bin/env bash
# Refreshes docs/ODD.md's parameter section (between <!-- parameters:begin --> and
# <!-- parameters:end -->) from the parameter table, with the built kopa:
#   scripts/update-odd-parameters.sh [path/to/kopa]
# Run it after changing sim/scenario/parameter_table.cpp; the unit test OddParameters fails until
# the section and the table agree.
set -euo pipefail
cd "$(dirname "$0")/.."
kopa="${1:-build/release/sim/kopa}"
odd=docs/ODD.md
if [[ ! -x "$kopa" ]]; then
  echo "update-odd-parameters: $kopa not found; build first (cmake --build --preset release)" >&2
  exit 1
fi
generated="$(mktemp)"
updated="$(mktemp)"
trap 'rm -f "$generated" "$updated"' EXIT
"$kopa" describe --format markdown >"$generated"
grep -q '^<!-- parameters:begin -->$' "$odd" && grep -q '^<!-- parameters:end -->$' "$odd" || {
  echo "update-odd-parameters: markers missing in $odd" >&2
  exit 1
}
awk -v generated="$generated" '
  /^<!-- parameters:begin -->$/ { print; while ((getline line < generated) > 0) print line; skip = 1; next }
  /^<!-- parameters:end -->$/ { skip = 0 }
  !skip { print }
' "$odd" >"$updated"
cp "$updated" "$odd"
echo "updated $odd"
