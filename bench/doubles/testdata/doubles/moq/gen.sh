# generator: moq (func-field fake)
# version: v0.8.1
# requires:
# double: store_moq.go
# Run in svc/ of the module (bench/doubles/run.sh does):
go run github.com/matryer/moq@v0.8.1 -out store_moq.go . Store
