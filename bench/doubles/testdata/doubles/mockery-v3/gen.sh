# generator: mockery (template testify)
# version: v3.9.1
# requires: github.com/stretchr/testify@v1.10.0
# double: store_mock.go
# test: testify-expecter
# Run in svc/ of the module (bench/doubles/run.sh does); the config is this:
cfg=$(mktemp -d)/mockery.yml
cat >"$cfg" <<'YML'
template: testify
dir: "{{.InterfaceDir}}"
filename: store_mock.go
pkgname: svc
structname: "Mock{{.InterfaceName}}"
packages:
  example.com/doubles/svc:
    interfaces:
      Store:
YML
go run github.com/vektra/mockery/v3@v3.9.1 --config "$cfg"
