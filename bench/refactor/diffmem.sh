#!/usr/bin/env bash
# Peak RSS of `cqgen refactor --diff` as the edits per file grow: modules of
# bench/refactor/bigfile with 500 and 2,000 converted types in one file and
# 2,000 types over 20 files, measured as whole processes with
# /usr/bin/time -f %M, median of RUNS (default 3). SHAPES ("types files"
# pairs, separated by ";") changes the modules; the e2e tier runs the
# script on a small one.
#
#   bench/refactor/diffmem.sh [baseline-cqgen]
#
# With a baseline binary (cqgen built from an earlier commit), both are
# measured in the same run, alternating, and the ratio is printed.
set -euo pipefail
RUNS=${RUNS:-3}
base=${1:-}
repo=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$repo" && go build -o "$tmp/cqgen" ./cmd/cqgen && go build -o "$tmp/bigfile" ./bench/refactor/bigfile)

measure() { # prints "seconds maxKB" of one run of cqgen "$1" in the current directory
	/usr/bin/time -f "%e %M" -o "$tmp/time" "$1" refactor -q --diff ./... >"$tmp/diff" 2>&1 || true
	tail -n 1 "$tmp/time"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

printf "%-22s %12s %10s" "module" "peak RSS" "wall"
[ -n "$base" ] && printf " %14s %10s %8s" "baseline RSS" "wall" "RSS ratio"
echo
IFS=";" read -r -a shapes <<<"${SHAPES:-500 1;2000 1;2000 20}"
for shape in "${shapes[@]}"; do
	set -- $shape
	mod="$tmp/mod-$1-$2"
	"$tmp/bigfile" "$mod" "$1" "$2"
	cd "$mod"
	measure "$tmp/cqgen" >/dev/null # warm the build cache
	grep -q "^would convert $1 types" "$tmp/diff" || { echo "cqgen did not convert $1 types:"; tail -5 "$tmp/diff"; exit 1; }
	: >"$tmp/new"; : >"$tmp/old"
	for _ in $(seq "$RUNS"); do
		measure "$tmp/cqgen" >>"$tmp/new"
		[ -n "$base" ] && measure "$base" >>"$tmp/old"
	done
	nm=$(cut -d' ' -f2 "$tmp/new" | median); nt=$(cut -d' ' -f1 "$tmp/new" | median)
	printf "%-22s %9d KB %8.2f s" "$1 types in $2 file(s)" "$nm" "$nt"
	if [ -n "$base" ]; then
		om=$(cut -d' ' -f2 "$tmp/old" | median); ot=$(cut -d' ' -f1 "$tmp/old" | median)
		awk -v om="$om" -v ot="$ot" -v nm="$nm" 'BEGIN {printf " %11d KB %8.2f s %8.3f", om, ot, nm/om}'
	fi
	echo
	cd "$repo"
done
