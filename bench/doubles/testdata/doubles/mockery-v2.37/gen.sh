# generator: mockery (testify, with expecter)
# version: v2.37.1
# requires: github.com/stretchr/testify@v1.10.0
# double: store_mock.go
# test: testify-expecter
# Run in svc/ of the module (bench/doubles/run.sh does). mockery v2.37.1's
# golang.org/x/tools does not load packages under Go 1.26 (its export data
# decoder panics: "unsupported version: 2"; v2.20.2 under Go 1.22 panics in
# go/types too), so it runs under Go 1.21 in a copy of the package whose
# go.mod says go 1.21: the mock depends on svc.go alone.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
printf 'module example.com/doubles\n\ngo 1.21\n' >"$scratch/go.mod"
mkdir "$scratch/svc" && cp svc.go "$scratch/svc/"
(cd "$scratch/svc" && GOTOOLCHAIN=go1.21.13 GOFLAGS=-mod=mod go run github.com/vektra/mockery/v2@v2.37.1 --name Store --with-expecter --inpackage --dir . --output . --filename store_mock.go --structname MockStore)
cp "$scratch/svc/store_mock.go" store_mock.go
