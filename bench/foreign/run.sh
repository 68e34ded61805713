#!/usr/bin/env bash
# Runs cqlint with its default settings on a corpus of public Go
# repositories that are not Grafana (bench/foreign/repos.txt), to measure
# its precision as a new team would see it.
#
#   bench/foreign/run.sh DIR [OUT]
#
# DIR holds one checkout per line of repos.txt, named as its first field
# and at its pinned commit. This script reads DIR and never fetches; to
# prepare it (network: git clones from GitHub and go mod download):
#
#   bench/foreign/fetch.sh DIR
#
# It builds cqlint from this repository, runs `cqlint -json` on each
# checkout (the packages of repos.txt's fourth field, in the module
# directories it names, see there) and prints the findings per repository
# per rule, and totals. With OUT (a directory, created), it keeps each
# repository's findings in OUT/<name>.tsv and all of them in OUT/all.tsv,
# one line each: repo<TAB>rule<TAB>path:line:col<TAB>message (the path
# relative to the checkout); and, when judgement.tsv exists, joins the
# findings to their judgements, prints the count per class and the
# precision (right / all), lists the findings without a judgement (new
# ones, to be judged and added) and the judgements without a finding
# (stale ones, to be removed) of the repositories run.
#
# FOREIGN_LIST replaces repos.txt, FOREIGN_JUDGEMENT judgement.tsv (the
# e2e tier runs the script on the one tiny module of testdata/small).
#
# Exit status: 0, or 1 when a checkout is missing or at another commit,
# or does not load (cqlint's exit 2), or findings have no judgement.
# Run by go test in the e2e tier (CQ_E2E=1), small.
set -euo pipefail
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	sed -n '2,32p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
DIR=$(cd "$1" && pwd)
OUT=${2:-}
LIST=${FOREIGN_LIST:-$here/repos.txt}
JUDGE=${FOREIGN_JUDGEMENT:-$here/judgement.tsv}
case $LIST in /*) ;; *) LIST=$PWD/$LIST ;; esac
case $JUDGE in /*) ;; *) JUDGE=$PWD/$JUDGE ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$repo" && go build -o "$tmp/cqlint" ./cmd/cqlint && go build -o "$tmp/findings" ./bench/foreign/findings)
"$tmp/cqlint" -V

status=0
: >"$tmp/all.tsv"
names=()
# lint runs one field of repos.txt's fourth column in checkout $1:
# ';'-separated runs, each of space-separated tokens: @SUBDIR (the module
# directory, default the checkout), NAME=value (environment of go list and
# cqlint, e.g. GOFLAGS=-tags=test), !PATTERN (leave these packages out)
# and package patterns (./...). Packages that do not load (go list marks
# them or their test variants incomplete: a module the proxy no longer
# serves, a missing embedded file) are left out and named, since cqlint
# reports nothing at all when one package does not load.
lint() {
	local name=$1 checkout=$2 field=$3 run tok fail=0
	local IFS=';'
	for run in $field; do
		local dir=. envs=() pats=() excl=()
		IFS=' '
		for tok in $run; do
			case $tok in
			@*) dir=${tok#@} ;;
			!*) excl+=("${tok#!}") ;;
			*=*) envs+=("$tok") ;;
			*) pats+=("$tok") ;;
			esac
		done
		IFS=';'
		[ ${#pats[@]} -gt 0 ] || pats=(./...)
		local mod=$checkout/$dir
		(
			cd "$mod"
			if ! env "${envs[@]}" go list -e -test -f '{{.ImportPath}}|{{.ForTest}}|{{.Incomplete}}' "${pats[@]}" >"$tmp/list" 2>"$tmp/err"; then
				echo "  $name/$dir: go list failed:" >&2
				head -n 20 "$tmp/err" >&2
				exit 1
			fi
			# a test variant's trouble is its package's
			awk -F'|' '{p=$1; sub(/ \[.*/, "", p); if ($2 != "") p=$2; sub(/\.test$/, "", p)
				if ($3 == "true") bad[p]=1; else all[p]=1}
				END {for (p in all) if (!(p in bad)) print p; for (p in bad) print p >"/dev/stderr"}' \
				"$tmp/list" >"$tmp/pkgs" 2>"$tmp/bad"
			if [ ${#excl[@]} -gt 0 ]; then
				env "${envs[@]}" go list -e "${excl[@]}" >"$tmp/excl" 2>/dev/null || true
				grep -vxF -f "$tmp/excl" "$tmp/pkgs" >"$tmp/pkgs2" || true
				mv "$tmp/pkgs2" "$tmp/pkgs"
			fi
			sort -o "$tmp/pkgs" "$tmp/pkgs"
			if [ -s "$tmp/bad" ]; then
				echo "  $name/$dir: left out $(sort -u "$tmp/bad" | wc -l) packages that do not load: $(sort -u "$tmp/bad" | tr '\n' ' ')"
			fi
			if [ ${#excl[@]} -gt 0 ]; then
				echo "  $name/$dir: left out by repos.txt: ${excl[*]}"
			fi
			echo "  $name/$dir: $(wc -l <"$tmp/pkgs") packages"
			mapfile -t pkgs <"$tmp/pkgs"
			[ ${#pkgs[@]} -gt 0 ] || exit 0
			rc=0
			env "${envs[@]}" "$tmp/cqlint" -json "${pkgs[@]}" >"$tmp/json" 2>"$tmp/err" || rc=$?
			if [ "$rc" -gt 1 ]; then
				echo "  $name/$dir: cqlint exit $rc:" >&2
				head -n 20 "$tmp/err" >&2
				exit 1
			fi
			"$tmp/findings" "$name" "$checkout" <"$tmp/json" >>"$tmp/$name.tsv" || exit 1
		) || fail=1
	done
	return $fail
}

while IFS=$'\t' read -r name url commit field desc; do
	case $name in '' | '#'*) continue ;; esac
	names+=("$name")
	: >"$tmp/$name.tsv"
	checkout=$DIR/$name
	if [ ! -d "$checkout" ]; then
		echo "$name: no checkout $checkout (bench/foreign/fetch.sh DIR makes it)" >&2
		status=1
		continue
	fi
	if [ -e "$checkout/.git" ]; then
		head=$(git -C "$checkout" rev-parse HEAD)
		if [ "$head" != "$commit" ]; then
			echo "$name: checkout at $head, repos.txt pins $commit" >&2
			status=1
			continue
		fi
	fi
	echo "$name ($commit)"
	lint "$name" "$checkout" "$field" || status=1
	cat "$tmp/$name.tsv" >>"$tmp/all.tsv"
done <"$LIST"

rules="resultfield signature naming events cqmodel suppress"
echo
echo "findings per repository and rule:"
{
	printf 'repository'
	for r in $rules; do printf '\t%s' "$r"; done
	printf '\ttotal\n'
	for name in "${names[@]}"; do
		printf '%s' "$name"
		for r in $rules; do printf '\t%d' "$(awk -F'\t' -v r="$r" '$2 == r' "$tmp/$name.tsv" | wc -l)"; done
		printf '\t%d\n' "$(wc -l <"$tmp/$name.tsv")"
	done
	printf 'total'
	for r in $rules; do printf '\t%d' "$(awk -F'\t' -v r="$r" '$2 == r' "$tmp/all.tsv" | wc -l)"; done
	printf '\t%d\n' "$(wc -l <"$tmp/all.tsv")"
} | awk -F'\t' '{printf "%-20s", $1; for (i = 2; i <= NF; i++) printf " %11s", $i; printf "\n"}'

[ -n "$OUT" ] || exit $status
mkdir -p "$OUT"
for name in "${names[@]}"; do cp "$tmp/$name.tsv" "$OUT/$name.tsv"; done
cp "$tmp/all.tsv" "$OUT/all.tsv"
echo "findings kept in $OUT"
[ -f "$JUDGE" ] || exit $status
rm -f "$OUT/unjudged.tsv" "$OUT/stale.tsv"

# judgement.tsv: repo, rule, path:line:col, message, judgement, reason
# (# comments and blank lines ignored).
echo
echo "judgement ($JUDGE):"
awk -F'\t' -v out="$OUT" -v names="${names[*]}" '
	FNR == NR {
		if ($0 == "" || $1 ~ /^#/) next
		k = $1 FS $2 FS $3 FS $4
		if ($5 !~ /^(right|convention|wrong)$/) { printf "judgement.tsv:%d: class %s is not right, convention or wrong\n", FNR, $5 > "/dev/stderr"; bad = 1 }
		judged[k] = $5
		next
	}
	{
		k = $1 FS $2 FS $3 FS $4
		seen[k] = 1
		n++
		if (k in judged) c[judged[k]]++
		else { c["unjudged"]++; print > (out "/unjudged.tsv") }
	}
	END {
		split("right convention wrong unjudged", cls, " ")
		for (i = 1; i <= 4; i++) printf "  %-10s %d\n", cls[i], c[cls[i]]
		printf "  %-10s %d\n", "all", n
		if (n > 0) printf "precision (right / all): %d/%d = %.1f%%\n", c["right"], n, 100 * c["right"] / n
		split(names, ns, " ")
		for (i in ns) ran[ns[i]] = 1
		for (k in judged) {
			split(k, f, FS)
			if (!(k in seen) && (f[1] in ran)) { stale++; print k FS judged[k] | ("sort >" out "/stale.tsv") }
		}
		if (bad) exit 5
		if (c["unjudged"] > 0) exit 3
		if (stale > 0) exit 4
	}' "$JUDGE" "$OUT/all.tsv" || rc=$?
case ${rc:-0} in
0) ;;
3)
	echo "findings without a judgement (add them to $(basename "$JUDGE")):"
	sed 's/^/  /' "$OUT/unjudged.tsv"
	status=1
	;;
4) ;;
*) exit "$rc" ;;
esac
if [ -f "$OUT/stale.tsv" ]; then
	echo "judgements without a finding (stale; remove them):"
	sed 's/^/  /' "$OUT/stale.tsv"
fi
exit $status
