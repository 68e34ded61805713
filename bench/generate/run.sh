#!/usr/bin/env bash
# Times cqgen generate against mockery v3 on the same 200 services
# (10 packages x 20 services x 5 methods), side by side in one run.
#
#   bench/generate/run.sh [runs]      (default 7 runs; prints medians)
#
# BENCH_PKGS, BENCH_SERVICES and BENCH_METHODS change the module's size
# (the e2e tier runs the script on a small one).
#
# It builds cqgen from this checkout, installs mockery from the module
# proxy into a temporary GOBIN, writes the module into a temporary
# directory and removes it all afterwards. Run by go test in the e2e tier (CQ_E2E=1), small.
#
# What is timed, whole process, each run starting with no output on disk:
#   cqgen:   cqgen generate ./...  (interfaces, fakes and mocks for all 200)
#   mockery: mockery               (testify mocks for the same 200
#                                   interfaces, which cqgen wrote first)
set -euo pipefail
MOCKERY_VERSION=v3.9.1
RUNS=${1:-7}
PKGS=${BENCH_PKGS:-10} SERVICES=${BENCH_SERVICES:-20} METHODS=${BENCH_METHODS:-5}

repo=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/mod"

echo "building cqgen; installing mockery $MOCKERY_VERSION from the module proxy..."
(cd "$repo" && go build -o "$tmp/bin/cqgen" ./cmd/cqgen)
GOBIN="$tmp/bin" go install "github.com/vektra/mockery/v3@$MOCKERY_VERSION"

cd "$tmp/mod"
cat > go.mod <<EOM
module example.com/bench

go 1.26

require github.com/stretchr/testify v1.9.0
EOM
# testify must resolve before cqgen runs (it writes a mock only where
# github.com/stretchr/testify/mock resolves), and stay required through
# go mod tidy: a tools file imports it.
cat > tools.go <<'EOM'
//go:build tools

package bench

import _ "github.com/stretchr/testify/mock"
EOM
go mod tidy
for p in $(seq -w 0 $((PKGS - 1))); do
	mkdir -p "svc$p"
	{
		echo "package svc$p"
		echo
		echo "type Item struct{ ID int64; Name string }"
		for s in $(seq -w 0 $((SERVICES - 1))); do
			for m in $(seq 0 $((METHODS - 1))); do
				echo
				echo "// Get${s}x${m}Query is query $m of service $s."
				echo "//"
				echo "//cq:query service=Service$s method=Get$m result=*Item"
				echo "type Get${s}x${m}Query struct{ ID int64 }"
			done
		done
	} > "svc$p/svc.go"
done
cat > .mockery.yml <<'EOM'
template: testify
# cq_service.gen.go, which holds the interfaces, is generated code.
include-auto-generated: true
dir: "{{.InterfaceDir}}/mocks"
filename: "mock_{{.InterfaceName}}.go"
pkgname: mocks
structname: "Mock{{.InterfaceName}}"
packages:
EOM
for p in $(seq -w 0 $((PKGS - 1))); do
	printf '  example.com/bench/svc%s:\n    config:\n      all: true\n' "$p" >> .mockery.yml
done

# The interfaces mockery reads.
"$tmp/bin/cqgen" generate ./...

clean_cqgen() { rm -rf svc*/cq_service.gen.go svc*/svc*test; }
clean_mockery() { rm -rf svc*/mocks; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Warm up both (build cache, page cache), and check that each did its work.
clean_mockery; clean_cqgen; "$tmp/bin/cqgen" generate ./...
"$tmp/bin/mockery" >/dev/null 2>&1
fakes=$(grep -l 'FakeService' svc*/svc*test/fake.gen.go | wc -l)
cqmocks=$(grep -l 'MockService' svc*/svc*test/mock.gen.go 2>/dev/null | wc -l)
mocks=$(ls svc*/mocks/*.go | wc -l)
echo "cqgen wrote fakes for $fakes packages and mocks for $cqmocks; mockery wrote $mocks mock files"
if [ "$fakes" != "$PKGS" ] || [ "$cqmocks" != "$PKGS" ] || [ "$mocks" != $((PKGS * SERVICES)) ]; then
	echo "a tool did not write what it should: the timings would compare different work" >&2
	exit 1
fi
go vet ./... # both outputs compile

: > "$tmp/cqgen.times"; : > "$tmp/mockery.times"
# Each line: wall seconds, then CPU seconds (user+sys, children included:
# both tools run go list). CPU time is the steadier figure on a busy machine.
timed() { /usr/bin/time -f "%e %U %S" -o "$tmp/one" "$@" >/dev/null 2>&1; awk '{print $1, $2 + $3}' "$tmp/one"; }
for i in $(seq "$RUNS"); do
	# Each tool starts without its own output and without the other's
	# mocks; mockery needs the interfaces, which cqgen's run writes back.
	clean_mockery; clean_cqgen
	timed "$tmp/bin/cqgen" generate ./... >> "$tmp/cqgen.times"
	timed "$tmp/bin/mockery" >> "$tmp/mockery.times"
done

col() { awk -v c="$1" '{print $c}' "$2" | median; }
cw=$(col 1 "$tmp/cqgen.times"); cc=$(col 2 "$tmp/cqgen.times")
mw=$(col 1 "$tmp/mockery.times"); mc=$(col 2 "$tmp/mockery.times")
echo "runs: $RUNS; $((PKGS * SERVICES)) services, $((PKGS * SERVICES * METHODS)) methods; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-22s %10s %10s\n' "" "wall (s)" "CPU (s)"
printf '%-22s %10s %10s\n' "cqgen generate ./..." "$cw" "$cc"
printf '%-22s %10s %10s\n' "mockery $MOCKERY_VERSION" "$mw" "$mc"
awk -v mw="$mw" -v cw="$cw" -v mc="$mc" -v cc="$cc" 'BEGIN {printf "%-22s %9.2fx %9.2fx\n", "mockery / cqgen", mw / cw, mc / cc}'
echo "all runs (wall cpu): cqgen: $(tr '\n' ';' < "$tmp/cqgen.times")"
echo "                     mockery: $(tr '\n' ';' < "$tmp/mockery.times")"
