# generator: mockgen -typed (go.uber.org/mock)
# version: v0.6.0
# requires: go.uber.org/mock@v0.6.0
# double: store_mock.go
# Run in svc/ of the module (bench/doubles/run.sh does):
go run go.uber.org/mock/mockgen@v0.6.0 -typed -source=svc.go -destination=store_mock.go -package=svc
