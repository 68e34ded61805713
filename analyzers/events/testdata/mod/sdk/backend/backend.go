// Package backend stands for the plugin SDK: another module.
package backend

type DataQuery struct{ TimeRange [2]int64 }
