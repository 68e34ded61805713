// Package backend stands for the plugin SDK: another module.
package backend

type DataQuery struct {
	RefID string
	JSON  []byte
}

type CheckHealthRequest struct{}
