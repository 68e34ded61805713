#!/usr/bin/env bash
# grafana-refactor.sh <grafana-tree> [cqgen refactor flags...]
#
# Runs cqgen refactor on a copy of a Grafana tree and compares the copy
# before and after: the tree itself is never touched. Two copies sit at
# fixed places under $COPY (default /tmp/cq-grafana): before/ (pristine)
# and after/ (refactored). The go build cache keys packages by directory,
# so fixed places let a second run reuse the first one's compilations.
#
# Steps: build cqgen from this repository; copy the tree twice; time
# `cqgen refactor ./pkg/...` in after/ (extra arguments go to it, e.g.
# --types=GetDashboardQuery); then in before/ and after/ alike run
# `go build ./pkg/...`, `go vet ./pkg/...` and `go test` of the packages
# the run changed (TEST=none skips the tests, TEST="pkg ..." tests those
# packages instead), and print the packages passing and failing on each
# side, by name. TAGS=integration also runs `go vet -tags=integration
# ./pkg/...` on both sides (for a run given --configs tags=integration,
# whose rewritten files only that configuration compiles) and the changed
# packages' tests again with the tag: Grafana's store tests sit behind
# //go:build integration and need only sqlite. With TIME=1 it
# first times, three times alternating after one warming load, a bare
# go/packages load of ./pkg/... (bench/refactor/loadonly, tests included;
# with TAGS, of both configurations, held together as cqgen holds them)
# and `cqgen refactor --diff` with the same arguments; TIME=only stops
# there.
#
# It fetches nothing (GOPROXY=off: the module cache must already hold the
# tree's dependencies). Grafana's old golang.org/x/net needs
# -ldflags=-checklinkname=0 to link with Go 1.26. The summary of the run,
# with every refusal, goes to $OUT (default /tmp/grafana-refactor.txt).
set -euo pipefail
tree=$(cd "${1:?usage: grafana-refactor.sh <grafana-tree> [cqgen refactor flags...]}" && pwd)
shift
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT:-/tmp/grafana-refactor.txt}
copy=${COPY:-/tmp/cq-grafana}
export GOPROXY=off GOFLAGS=-mod=mod
link=-ldflags=-checklinkname=0

mkdir -p "$copy"
(cd "$repo" && go build -o "$copy/cqgen" ./cmd/cqgen && go build -o "$copy/loadonly" ./bench/refactor/loadonly)
for side in before after; do
	rm -rf "${copy:?}/$side"
	cp -a "$tree" "$copy/$side"
done

cd "$copy/after"
if [ -n "${TIME:-}" ]; then
	# With TAGS, cqgen is given --configs tags=$TAGS and holds both
	# configurations: the bare load loads and holds both too.
	load=("$copy/loadonly")
	if [ -n "${TAGS:-}" ]; then load+=(-also-tags "$TAGS"); fi
	echo "warming the build cache for this path..."
	"${load[@]}" ./pkg/... >/dev/null
	for i in 1 2 3; do
		/usr/bin/time -f "load $i: %e s, %M KB peak RSS" "${load[@]}" ./pkg/... >/dev/null
		/usr/bin/time -f "cqgen $i: %e s, %M KB peak RSS" "$copy/cqgen" refactor -q --diff "$@" ./pkg/... >/dev/null || true
		uptime
	done
	if [ "$TIME" = only ]; then exit 0; fi
fi
set +e
/usr/bin/time -f "cqgen refactor: %e s, %M KB peak RSS" "$copy/cqgen" refactor "$@" ./pkg/... >"$out" 2>"$copy/stderr"
rc=$?
set -e
cat "$copy/stderr" >&2
uptime
echo "cqgen refactor exit status: $rc (0 all converted, 1 some refused, 2 error)"
sed -n '1,4p' "$out"
# By reason: the position and type go, and the names in the reason.
# One line per type: a type's further reasons are indented a second time.
reasons() {
	grep -E $'^\t[^\t ]+:[0-9]+:[0-9]+: ' | sed -E 's/^\s+\S+: [^:]+: //; s/ (at|here|through) .*//; s/[A-Za-z_.]+(Query|Command)//g' |
		cut -c1-90 | sort | uniq -c | sort -rn
}
if grep -q '^taken by value' "$out"; then
	# --value-params
	grep '^taken by value' "$out" | cut -d: -f1
	if grep -q '^kept as pointers' "$out"; then
		echo "kept as pointers by reason:"
		sed -n '/^kept as pointers/,/^refused/p' "$out" | reasons
	fi
fi
if grep -q '^refused' "$out"; then
	echo "refusals by reason:"
	sed -n '/^refused/,$p' "$out" | reasons
fi
echo "full summary: $out"
[ "$rc" -le 1 ] || exit "$rc"

# The packages the run changed: the directories of the changed files.
changed=$(cd "$copy" && { diff -rq before after || true; } | sed -nE 's/^Files before\/(.*) and after\/.* differ$/\1/p' | { grep '\.go$' || true; } | xargs -r -n1 dirname | sort -u | sed 's|^|./|')
case "${TEST:-changed}" in
none) pkgs= ;;
changed) pkgs=$(cd "$copy/after" && echo "$changed" | xargs -r go list -e 2>/dev/null) ;;
*) pkgs=$TEST ;;
esac
echo "$(echo "$changed" | grep -c . || true) packages changed; testing $(echo "$pkgs" | wc -w)"

for side in before after; do
	cd "$copy/$side"
	echo "== $side"
	if go build $link ./pkg/... >"$copy/$side.build" 2>&1; then echo "go build: ok"; else echo "go build: FAILED"; head -20 "$copy/$side.build"; fi
	if go vet ./pkg/... >"$copy/$side.vet" 2>&1; then echo "go vet: ok"; else echo "go vet: FAILED"; grep -v '^#' "$copy/$side.vet" | head -20; fi
	if [ -n "${TAGS:-}" ]; then
		if go vet -tags="$TAGS" ./pkg/... >"$copy/$side.vet-tags" 2>&1; then echo "go vet -tags=$TAGS: ok"; else echo "go vet -tags=$TAGS: FAILED"; grep -v '^#' "$copy/$side.vet-tags" | head -20; fi
	fi
	if [ -n "$pkgs" ]; then
		# Without the tags, and with them: many store tests sit behind
		# //go:build integration (sqlite, no services needed).
		for tags in "" ${TAGS:+"$TAGS"}; do
			suffix=${tags:+.$tags}
			# shellcheck disable=SC2086
			go test -count=1 -tags="$tags" $link $pkgs >"$copy/$side.test$suffix" 2>&1 || true
			grep -E '^ok\s' "$copy/$side.test$suffix" | awk '{print $2}' | sort >"$copy/$side.pass$suffix"
			grep -E '^FAIL\s+\S+' "$copy/$side.test$suffix" | awk '{print $2}' | sort -u >"$copy/$side.fail$suffix"
			echo "go test${tags:+ -tags=$tags}: $(wc -l <"$copy/$side.pass$suffix") packages pass, $(wc -l <"$copy/$side.fail$suffix") fail"
		done
	fi
done
if [ -n "$pkgs" ]; then
	cd "$copy"
	for tags in "" ${TAGS:+"$TAGS"}; do
		suffix=${tags:+.$tags}
		echo "go test${tags:+ -tags=$tags}:"
		echo "  failing before: $(tr '\n' ' ' <before.fail$suffix)"
		echo "  failing after:  $(tr '\n' ' ' <after.fail$suffix)"
		echo "  passing before, not after: $(comm -23 before.pass$suffix after.pass$suffix | tr '\n' ' ')"
		echo "  passing after, not before: $(comm -13 before.pass$suffix after.pass$suffix | tr '\n' ' ')"
	done
fi
