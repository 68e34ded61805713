#!/usr/bin/env bash
# Real-world check of cqgen generate: in a copy of a Grafana tree, give
# every legacy Result-field query and command of pkg/models a //cq:
# directive, run cqgen generate on pkg/models, then build and vet the
# package and the generated models/modelstest. Fetches nothing; the tree
# is left untouched.
#
#   scripts/grafana-generate.sh /path/to/grafana
set -euo pipefail
src=${1:?usage: $0 /path/to/grafana}
repo=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$repo" && go build -o "$tmp/cqgen" ./cmd/cqgen)
cp -a "$src" "$tmp/grafana"
cd "$tmp/grafana"

# A directive above every "type XQuery struct {" or "type XCommand struct {"
# whose body has a Result field; cqgen takes the result type from the field.
perl -0pi -e '
	s{^(type (\w+?)(Query|Command) struct \{\n((?:(?!^\}).*\n)*?)\})}{
		my ($all, $kind, $body) = ($1, lc $3, $4);
		$body =~ /^\s+Result\s/m ? "//cq:$kind\n$all" : $all
	}gme' pkg/models/*.go
n=$(grep -c '^//cq:' pkg/models/*.go | awk -F: '{s += $2} END {print s}')
echo "directives added to pkg/models: $n"

set +e
/usr/bin/time -f "cqgen generate ./pkg/models: %e s" "$tmp/cqgen" generate ./pkg/models
code=$?
set -e
echo "cqgen exit status: $code"
if [ "$code" -ne 0 ]; then exit "$code"; fi
wc -l pkg/models/cq_service.gen.go pkg/models/modelstest/*.gen.go
go build ./pkg/models/...
go vet ./pkg/models/...
echo "pkg/models and pkg/models/modelstest build and vet clean"
"$tmp/cqgen" generate --check ./pkg/models && echo "--check: up to date"
