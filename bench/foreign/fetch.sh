#!/usr/bin/env bash
# Prepares DIR for bench/foreign/run.sh: a checkout of each repository of
# repos.txt, named as its first field, at its pinned commit, and the
# modules they need in the module cache. Needs the network (GitHub and the
# module proxy); nothing it fetches belongs in this repository.
#
#   bench/foreign/fetch.sh DIR
#
# Each repository is fetched at its commit alone (git init, git fetch
# --depth 1 URL COMMIT, git checkout), then `go mod download` runs in each
# module directory that repos.txt names (@SUBDIR, default the checkout).
# A checkout already in DIR is left as it is (run.sh checks its commit).
# Some modules are no longer served by the proxy (gogs, woodpecker: see
# repos.txt); go mod download says so, and run.sh leaves out the packages
# that need them. FOREIGN_LIST replaces repos.txt.
set -euo pipefail
if [ $# -ne 1 ]; then
	sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
LIST=${FOREIGN_LIST:-$here/repos.txt}
mkdir -p "$1"
DIR=$(cd "$1" && pwd)

status=0
while IFS=$'\t' read -r name url commit field desc; do
	case $name in '' | '#'*) continue ;; esac
	checkout=$DIR/$name
	if [ -d "$checkout" ]; then
		echo "$name: already there"
	else
		echo "$name: fetching $url at $commit"
		if ! (git init -q "$checkout" &&
			git -C "$checkout" fetch -q --depth 1 "$url" "$commit" &&
			git -C "$checkout" checkout -q --detach FETCH_HEAD); then
			echo "$name: could not fetch $url at $commit" >&2
			rm -rf "$checkout"
			status=1
			continue
		fi
	fi
	# the module directories and environment of each run (see repos.txt)
	IFS=';' read -ra runs <<<"$field"
	for run in "${runs[@]}"; do
		dir=. envs=()
		for tok in $run; do
			case $tok in
			@*) dir=${tok#@} ;;
			!*) ;;
			*=*) envs+=("$tok") ;;
			esac
		done
		if ! (cd "$checkout/$dir" && env "${envs[@]}" go mod download); then
			echo "$name/$dir: go mod download failed (run.sh leaves out the packages that do not load)" >&2
			status=1
		fi
	done
done <"$LIST"
exit $status
