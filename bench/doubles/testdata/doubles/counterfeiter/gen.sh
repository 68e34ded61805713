# generator: counterfeiter
# version: v6.14.0
# requires:
# double: fakes/fake_store.go
# Run in svc/ of the module (bench/doubles/run.sh does):
go run github.com/maxbrunsfeld/counterfeiter/v6@v6.14.0 -o fakes/fake_store.go . Store
