#!/usr/bin/env bash
# Times cqgen refactor against a plain go/packages load of the same packages
# (tests included, the same load mode), side by side in one run, on the
# synthetic Grafana-shaped module of bench/synth (322 packages, 120 Result
# types, about 1,300 call sites).
#
#   bench/refactor/run.sh [runs]     (default 5; prints medians and ratios)
#
# SYNTH_FLAGS are flags of bench/synth/cmd/synth that change the module's
# size (the e2e tier runs the script on a small one).
#
# Each run of cqgen refactor is --diff: it loads, plans, rewrites and
# verifies everything in memory and writes nothing, so every run starts
# from the same tree (the final write is one rename per file). The build
# cache is warmed first, as both programs run go list -export. Wall time
# and peak RSS come from /usr/bin/time. Run by go test in the e2e tier (CQ_E2E=1), small.
set -euo pipefail
RUNS=${1:-5}
repo=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$repo" && go build -o "$tmp/cqgen" ./cmd/cqgen && go build -o "$tmp/loadonly" ./bench/refactor/loadonly &&
	go run ./bench/synth/cmd/synth ${SYNTH_FLAGS:-} "$tmp/mod" >/dev/null)
cd "$tmp/mod"
echo "warming the build cache..."
"$tmp/loadonly" ./... >/dev/null

measure() { # prints "seconds maxKB" of one run of "$@"
	/usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >/dev/null 2>&1 || true
	tail -n 1 "$tmp/time" # time puts "Command exited with non-zero status" first
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

: >"$tmp/load" ; : >"$tmp/refactor"
for i in $(seq "$RUNS"); do
	measure "$tmp/loadonly" ./... >>"$tmp/load"
	measure "$tmp/cqgen" refactor -q --diff ./... >>"$tmp/refactor"
done
lt=$(cut -d' ' -f1 "$tmp/load" | median); lm=$(cut -d' ' -f2 "$tmp/load" | median)
rt=$(cut -d' ' -f1 "$tmp/refactor" | median); rm_=$(cut -d' ' -f2 "$tmp/refactor" | median)
"$tmp/cqgen" refactor -q --diff ./... 2>/dev/null | grep -E '^(would convert [0-9]+ types|functions|call sites|files|refused)' | cut -c1-40 || true
printf "go/packages load:  %6.2f s  %7d KB  (median of %d)\n" "$lt" "$lm" "$RUNS"
printf "cqgen refactor:    %6.2f s  %7d KB\n" "$rt" "$rm_"
awk -v a="$rt" -v b="$lt" -v c="$rm_" -v d="$lm" 'BEGIN {printf "ratio:             %6.2fx time  %6.2fx peak RSS\n", a/b, c/d}'
