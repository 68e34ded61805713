#!/usr/bin/env bash
# grafana-refactor.sh <grafana-tree> [cqgen refactor flags...]
#
# Copies <tree> to a temporary directory (the tree itself is never
# touched), builds cqgen from this repository, runs
# `cqgen refactor ./pkg/...` in the copy, then `go build ./pkg/...` and
# `go vet ./pkg/...` there. It fetches nothing (GOPROXY=off: the module
# cache must already hold the tree's dependencies). The summary, with every
# refusal, goes to $OUT (default /tmp/grafana-refactor.txt); the copy is
# removed at the end unless KEEP=1 or COPY is set. Extra arguments go to cqgen refactor,
# e.g. --types=GetDashboardQuery or --diff.
set -euo pipefail
tree=${1:?usage: grafana-refactor.sh <grafana-tree> [cqgen refactor flags...]}
shift
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT:-/tmp/grafana-refactor.txt}
# COPY=dir puts the copy at a fixed place (replaced on each run): the go
# build cache keys packages by directory, so a second run there does not
# compile the whole tree again.
tmp=${COPY:-$(mktemp -d)}
if [ "${KEEP:-}" != 1 ] && [ -z "${COPY:-}" ]; then trap 'rm -rf "$tmp"' EXIT; fi
mkdir -p "$tmp" && rm -rf "$tmp/tree"
(cd "$repo" && go build -o "$tmp/cqgen" ./cmd/cqgen)
cp -a "$tree" "$tmp/tree"
cd "$tmp/tree"
export GOPROXY=off GOFLAGS=-mod=mod

set +e
/usr/bin/time -f "cqgen refactor: %e s, %M KB peak RSS" "$tmp/cqgen" refactor "$@" ./pkg/... >"$out" 2>"$tmp/stderr"
rc=$?
set -e
cat "$tmp/stderr" >&2
echo "cqgen refactor exit status: $rc (0 all converted, 1 some refused, 2 error)"
sed -n '1,4p' "$out"
if grep -q '^refused' "$out"; then
	echo "refusals by reason:"
	grep -E '^\s+\S+:[0-9]+:[0-9]+: ' "$out" | sed -E 's/^\s+\S+: [^:]+: //; s/ (at|here|through) .*//; s/[A-Za-z_.]+(Query|Command)//g' |
		cut -c1-90 | sort | uniq -c | sort -rn
fi
echo "full summary: $out"
[ "$rc" -le 1 ] || exit "$rc"

echo "go build ./pkg/..."
go build ./pkg/... && echo "go build: ok"
echo "go vet ./pkg/..."
go vet ./pkg/... && echo "go vet: ok"
if [ "${KEEP:-}" = 1 ]; then echo "the refactored copy is in $tmp/tree"; fi
