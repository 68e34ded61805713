# generator: hand-written fake
# version: -
# requires:
# double: store_fake.go
# Written by hand: nothing generates it (run.sh does not regenerate it).
