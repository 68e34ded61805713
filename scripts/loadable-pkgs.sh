#!/usr/bin/env bash
# loadable-pkgs.sh: run in a Grafana tree, prints the packages of
# ./pkg/... that go vet can load, with their tests, from the module cache
# alone (GOPROXY=off), one per line; names the others on stderr. A tree
# whose module cache lacks a module (Grafana v8.3.0's grafana-cli needs a
# cuetsy version that is not there) would otherwise fail every go vet run.
set -euo pipefail
export GOPROXY=off
all=$(go list -e -f '{{.ImportPath}}' ./pkg/... 2>/dev/null)
# shellcheck disable=SC2086
bad=$( (go list -e -f '{{if or .Error .DepsErrors}}{{.ImportPath}}{{end}}' ./pkg/...
	go list -e -test -f '{{if and .ForTest (or .Error .DepsErrors)}}{{.ForTest}}{{end}}' $all) 2>/dev/null | sort -u)
if [ -n "$bad" ]; then
	echo "left out, they do not load from the module cache: $(echo $bad | tr '\n' ' ')" >&2
fi
comm -23 <(printf '%s\n' "$all" | sort) <(printf '%s\n' "$bad" | sed '/^$/d')
