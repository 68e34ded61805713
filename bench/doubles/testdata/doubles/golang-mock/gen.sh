# generator: mockgen (github.com/golang/mock, archived)
# version: v1.6.0
# requires: github.com/golang/mock@v1.6.0
# double: store_mock.go
# Run in svc/ of the module (bench/doubles/run.sh does):
go run github.com/golang/mock/mockgen@v1.6.0 -source=svc.go -destination=store_mock.go -package=svc
