# generator: mockery (testify, with expecter)
# version: v2.53.5
# requires: github.com/stretchr/testify@v1.10.0
# double: store_mock.go
# test: testify-expecter
# Run in svc/ of the module (bench/doubles/run.sh does):
go run github.com/vektra/mockery/v2@v2.53.5 --name Store --with-expecter --inpackage --dir . --output . --filename store_mock.go --structname MockStore
