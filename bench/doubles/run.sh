#!/usr/bin/env bash
# The test doubles matrix: one small service (testdata/service, module
# example.com/doubles) converted by cqgen refactor with its Store double
# written by each generator, one row per generator and version
# (testdata/doubles/<row>: the committed double, the svc_test.go in that
# tool's idiom, or "# test: NAME" in gen.sh for testdata/tests/NAME's,
# shared by the rows of one idiom, and gen.sh, the command that made the
# double).
#
#   bench/doubles/run.sh [OUT]    (OUT: a directory to keep each row's
#                                  module, logs and diffs; default: a
#                                  temporary one, removed at the end)
#
# DOUBLES_ROWS=gomock,counterfeiter runs only those rows (the e2e tier
# runs a subset); DOUBLES_REGEN=0 skips regenerating the doubles.
#
# Per row, in a copy of the service with the row's double and test: go get
# the row's library at its pinned version, go mod tidy, go build, vet and
# test (they must pass before), cqgen refactor --json ./... (cqgen built
# from this repository), then go build, vet and test again. The matrix
# shows how many of the five types converted (from cqgen's JSON summary),
# whether build, vet and tests pass after, how many lines of svc_test.go
# changed (added plus removed: only expectations and stubs should), and
# whether the double the tool generates for the converted interface is the
# rewritten one after gofmt (regenerated in a copy, with the row's gen.sh;
# "-" for the hand-written fake). A refused type's reasons are printed
# under the matrix. Exit status 1 when a row is not 5/5 with build, vet
# and tests passing after. Run by go test in the e2e tier (CQ_E2E=1), small.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
if [ $# -gt 0 ]; then
	out=$(mkdir -p "$1" && cd "$1" && pwd)
else
	out=$(mktemp -d)
	trap 'rm -rf "$out"' EXIT
fi
rows=${DOUBLES_ROWS:-$(cd "$here/testdata/doubles" && ls)}
(cd "$repo" && go build -o "$out/cqgen" ./cmd/cqgen)

meta() { sed -n "s/^# $2: *//p" "$here/testdata/doubles/$1/gen.sh" | head -n 1; }
ok() { if "$@" >>"$log" 2>&1; then echo ok; else echo FAIL; fi; }

fmt="%-16s %-44s %-8s %-9s %-6s %-6s %-6s %-12s %s\n"
matrix=$(printf "$fmt" row generator version converted build vet tests test-lines regenerated)
notes=""
status=0
for row in ${rows//,/ }; do
	src=$here/testdata/doubles/$row
	if [ ! -f "$src/gen.sh" ]; then
		echo "no row $row in $here/testdata/doubles" >&2
		exit 2
	fi
	echo "== $row" >&2
	work=$out/$row
	log=$out/$row.log
	rm -rf "$work" "$work.regen"
	: >"$log"
	cp -R "$here/testdata/service" "$work"
	(cd "$src" && find . -type f ! -name gen.sh ! -name README.md | while read -r f; do
		mkdir -p "$work/svc/$(dirname "$f")" && cp "$f" "$work/svc/$f"
	done)
	# Rows whose tests are the same (one idiom, several versions) share
	# them: "# test: NAME" in gen.sh takes testdata/tests/NAME/svc_test.go.
	if shared=$(meta "$row" test) && [ -n "$shared" ]; then
		cp "$here/testdata/tests/$shared/svc_test.go" "$work/svc/svc_test.go"
	fi
	double=$(meta "$row" double)
	cd "$work"
	for dep in $(meta "$row" requires); do go get "$dep" >>"$log" 2>&1; done
	go mod tidy >>"$log" 2>&1
	before="$(ok go build ./...)/$(ok go vet ./...)/$(ok go test -count=1 ./...)"
	if [ "$before" != ok/ok/ok ]; then
		matrix+=$(printf "\n$fmt" "$row" "$(meta "$row" generator)" "$(meta "$row" version)" "-" "before: $before" "" "" "" "")
		notes+="$row: build/vet/tests before the conversion: $before (see $log)"$'\n'
		status=1
		continue
	fi
	cp svc/svc_test.go "$out/$row.svc_test.go.before"
	cp "svc/$double" "$out/$row.double.before"
	rc=0
	"$out/cqgen" refactor -q --json ./... >"$out/$row.json" 2>>"$log" || rc=$?
	if [ "$rc" -gt 1 ]; then
		converted="error(exit $rc)"
		notes+="$row: cqgen refactor exited $rc: $(tail -n 3 "$log" | tr '\n' ' ')"$'\n'
	else
		n=$(jq '[.types[] | select(.status == "converted")] | length' "$out/$row.json")
		all=$(jq '.types | length' "$out/$row.json")
		converted="$n/$all"
		refused=$(jq -r '.types[] | select(.status != "converted") | "  \(.name): " + ([.reasons[]? | "\(.pos): \(.message)"] | join("\n    "))' "$out/$row.json")
		if [ -n "$refused" ]; then notes+="$row refused:"$'\n'"$refused"$'\n'; fi
	fi
	build=$(ok go build ./...)
	vet=$(ok go vet ./...)
	tests=$(ok go test -count=1 ./...)
	diff -u "$out/$row.svc_test.go.before" svc/svc_test.go >"$out/$row.svc_test.diff" || true
	lines=$(grep -c '^[-+][^-+]' "$out/$row.svc_test.diff" || true)
	regen=-
	if grep -v "^#" "$src/gen.sh" | grep -q "go run" && [ "${DOUBLES_REGEN:-1}" != 0 ]; then
		cp -R "$work" "$work.regen"
		if (cd "$work.regen/svc" && bash "$src/gen.sh") >>"$log" 2>&1; then
			gofmt "$work.regen/svc/$double" >"$out/$row.double.regenerated"
			gofmt "svc/$double" >"$out/$row.double.rewritten"
			if diff -u "$out/$row.double.rewritten" "$out/$row.double.regenerated" >"$out/$row.double.diff"; then
				regen=yes
			else
				regen="no ($(grep -c '^[-+][^-+]' "$out/$row.double.diff" || true) lines)"
			fi
		else
			regen="gen failed"
		fi
	fi
	matrix+=$(printf "\n$fmt" "$row" "$(meta "$row" generator)" "$(meta "$row" version)" "$converted" "$build" "$vet" "$tests" "$lines" "$regen")
	if [ "$converted" != 5/5 ] || [ "$build/$vet/$tests" != ok/ok/ok ]; then
		status=1
		if [ "$build/$vet/$tests" != ok/ok/ok ]; then
			notes+="$row after: build $build, vet $vet, tests $tests (see $log)"$'\n'
		fi
	fi
	cd "$out"
done
echo "$matrix"
if [ -n "$notes" ]; then
	echo
	printf "%s" "$notes"
fi
exit $status
