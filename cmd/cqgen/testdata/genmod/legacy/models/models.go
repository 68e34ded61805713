// Package models is a second package named models, as in Grafana, where
// pkg/models and pkg/services/*/models coexist.
package models

type User struct {
	Login string
}
