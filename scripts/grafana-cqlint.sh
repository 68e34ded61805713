#!/usr/bin/env bash
# grafana-cqlint.sh <grafana-tree> [cqlint flags...]
#
# Builds cqlint from this repository, runs it under go vet over
# <tree>/pkg/... (reading the tree, writing nothing in it, fetching
# nothing; packages that do not load from the module cache are left out
# and named on stderr, see loadable-pkgs.sh), and prints the findings
# grouped by rule, then the count per rule. The raw go vet output is kept in $OUT (default
# /tmp/grafana-cqlint.txt). Extra arguments go to cqlint, e.g.
# -signature.root-package=false.
set -euo pipefail
tree=${1:?usage: grafana-cqlint.sh <grafana-tree> [cqlint flags...]}
shift
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT:-/tmp/grafana-cqlint.txt}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=$tmp/cqlint
(cd "$repo" && go build -o "$bin" ./cmd/cqlint)

cd "$tree"
pkgs=$("$repo/scripts/loadable-pkgs.sh")
# go vet exits 1 with findings and 2 (or more) when the tool fails; a
# panic shows up as "panic:" in the output.
set +e
# shellcheck disable=SC2086 # one package per word
GOPROXY=off go vet -vettool="$bin" "$@" $pkgs >"$out" 2>&1
rc=$?
set -e
if grep -q '^panic:\|goroutine [0-9]* \[running\]' "$out"; then
	echo "cqlint panicked; see $out" >&2
	exit 3
fi
# A finding reads "path:line:col: rule: message".
findings=$(grep -E '^[^ #].*:[0-9]+:[0-9]+: [a-z]+: ' "$out" || true)
for rule in $(printf '%s\n' "$findings" | sed -E 's/^[^ ]+:[0-9]+:[0-9]+: ([a-z]+): .*/\1/' | sort -u); do
	echo "== $rule"
	printf '%s\n' "$findings" | grep -E "^[^ ]+:[0-9]+:[0-9]+: $rule: " | sort
done
echo "== counts"
printf '%s\n' "$findings" | sed -E 's/^[^ ]+:[0-9]+:[0-9]+: ([a-z]+): .*/\1/' | sort | uniq -c
other=$(grep -vE '^#|^[^ ]+:[0-9]+:[0-9]+: [a-z]+: ' "$out" | head -20 || true)
if [ -n "$other" ]; then
	echo "== other output (go vet exit $rc; first lines)"
	printf '%s\n' "$other"
fi
