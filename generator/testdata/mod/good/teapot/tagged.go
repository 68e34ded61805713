//go:build linux || darwin

package teapot

//cq:query service=Kitchen result=any
type GetStoveQuery struct{}
