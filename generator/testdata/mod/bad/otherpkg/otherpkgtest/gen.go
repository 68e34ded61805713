//go:build ignore

// A generator run by go run: in no package.
package main

func main() {}
