#!/usr/bin/env bash
# grafana-vet-overhead.sh <grafana-tree> [pairs]
#
# Measures what cqlint costs under go vet on a real tree: go vet
# -vettool=cqlint against go vet -vettool=noop (bench/noop: the same
# go/analysis driver and x/tools, no analysis) over the tree's ./pkg/...
# (the packages loadable-pkgs.sh keeps), with the compile cache warm and
# every vet action cold, alternating the two tools in pairs (default 3),
# on whatever else the machine is running. Prints each run's CPU time
# (user+sys of go vet and every process it waits for: the go command, the
# compiler if anything were stale, and one vet tool process per package,
# dependencies included) and wall time, the load average before each
# pair, and the medians. With CQ_NOOP_SHORTCUT=1 in the environment the
# no-op answers facts-only actions as cqlint does (bench/noop), so the
# comparison shows what cqlint's analyzers add over that floor.
#
# Vet actions cold, compiles warm: go vet caches a vet action's result
# under the vet tool's ID (the hash of its executable, as the tool's
# -V=full prints it), but a compile's result under the compiler's. Each
# run therefore gets its own build of its tool, made different by a
# -ldflags -X value nothing reads; the compiles every vet action needs
# (export data of the dependencies) are done once, by a warm-up run.
#
# Reads the tree, writes nothing in it, fetches nothing (GOPROXY=off).
set -euo pipefail
tree=${1:?usage: grafana-vet-overhead.sh <grafana-tree> [pairs]}
pairs=${2:-3}
repo=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GOPROXY=off

run=$(date +%s%N) # nonces differ from any earlier run's too, whose results are cached
build() { # build <name> <package> <nonce>
	(cd "$repo" && go build -ldflags="-X=main.benchNonce=$run.$3" -o "$tmp/$1.$3" "$2")
	echo "$tmp/$1.$3"
}

# vet <tool>: one measured go vet run; prints "cpu wall" in seconds.
vet() {
	local rc=0
	# shellcheck disable=SC2086 # one package per word
	/usr/bin/time -f '%U %S %e' -o "$tmp/time" go vet -vettool="$1" $pkgs >"$tmp/out" 2>&1 || rc=$?
	# go vet exits 1 when the tool reports findings
	if [ "$rc" -gt 1 ] || grep -q '^panic:\|goroutine [0-9]* \[running\]' "$tmp/out"; then
		echo "go vet -vettool=$1 failed (exit $rc):" >&2
		head -20 "$tmp/out" >&2
		exit 1
	fi
	# time's last line; a line before it says when the exit status was not 0
	tail -1 "$tmp/time" | awk '{printf "%.2f %.2f\n", $1 + $2, $3}'
}

cd "$tree"
pkgs=$("$repo/scripts/loadable-pkgs.sh")
echo "$(echo "$pkgs" | wc -l) packages; $(nproc) cores; go $(go env GOVERSION)"

warm=$(build noop ./bench/noop warm)
echo "warming the compile cache: $(vet "$warm")"
echo "the same tool again, every vet action cached: $(vet "$warm")"

median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
: >"$tmp/noop"
: >"$tmp/cqlint"
: >"$tmp/ratio"
for i in $(seq 1 "$pairs"); do
	noop=$(build noop ./bench/noop "$i")
	cqlint=$(build cqlint ./cmd/cqlint "$i")
	echo "pair $i, load average $(cut -d' ' -f1-3 /proc/loadavg):"
	# Alternate which tool goes first, so that a change of load hits both.
	if [ $((i % 2)) -eq 1 ]; then order="noop cqlint"; else order="cqlint noop"; fi
	for t in $order; do
		if [ "$t" = noop ]; then r=$(vet "$noop"); else r=$(vet "$cqlint"); fi
		echo "  $t: cpu ${r% *} s, wall ${r#* } s"
		echo "${r% *}" >>"$tmp/$t"
	done
	paste "$tmp/cqlint" "$tmp/noop" | tail -1 | awk '{printf "%.4f\n", $1 / $2}' >>"$tmp/ratio"
	rm -f "$noop" "$cqlint"
done
n=$(median <"$tmp/noop")
c=$(median <"$tmp/cqlint")
echo "median cpu: noop $n s, cqlint $c s; cqlint/noop $(awk -v c="$c" -v n="$n" 'BEGIN {printf "%.3f", c / n}')"
echo "per-pair ratios: $(tr '\n' ' ' <"$tmp/ratio")(median $(median <"$tmp/ratio"))"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
