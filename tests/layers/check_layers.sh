#!/usr/bin/env bash
# Layers run one way: cli -> report -> io/sweep/scenario/distribute -> engine -> model -> util
# (docs/ODD.md, README); report also reads analysis/stats; serve (the workshop server) sits beside
# cli's other dependencies, below cli, and uses report, io, scenario, engine, model, util and stats;
# calibrate (ABC-SMC) sits beside io, above sweep.
# Fails, naming file and line, when a folder includes a header from a folder it may not use.
set -u
root=${1:?usage: check_layers.sh SOURCE_DIR}
cd "$root" || exit 2

# Folder: the folders its files may include from (besides itself).
declare -A allowed=(
  [sim/util]=""
  [sim/model]="util"
  [sim/model/levers]="model util"
  [sim/engine]="model util"
  [sim/scenario]="model util"
  [sim/io]="engine model util"
  [sim/sweep]="scenario engine model util"
  [sim/calibrate]="sweep scenario engine model util"
  [sim/distribute]="engine model util"
  [sim/report]="io engine model util stats"
  [sim/serve]="report io scenario engine model util stats"
  [analysis/stats]="model util"
)
status=0
for folder in "${!allowed[@]}"; do
  [ -d "$folder" ] || continue
  own=$(basename "$folder")
  while IFS= read -r hit; do
    file=${hit%%:*}
    rest=${hit#*:}
    line=${rest%%:*}
    target=$(sed -n 's/^#include "\([a-z_]*\)\/.*/\1/p' <<<"${rest#*:}")
    [ -n "$target" ] || continue
    [ "$target" = "$own" ] && continue
    case " ${allowed[$folder]} " in *" $target "*) continue ;; esac
    echo "$file:$line: $folder may not include from $target/ (allowed: ${allowed[$folder]:-none})"
    status=1
  done < <(grep -rn '^#include "' "$folder" --include='*.hpp' --include='*.cpp' --include='*.h')
done
# MPI stays in sim/distribute: the model and the engine never know how runs are spread.
while IFS= read -r hit; do
  echo "$hit: only sim/distribute/ may include mpi.h"
  status=1
done < <(grep -rn '^#include <mpi.h>' sim analysis --include='*.hpp' --include='*.cpp' |
  grep -v '^sim/distribute/')
[ $status -eq 0 ] && echo "layers: every include runs one way"
exit $status
