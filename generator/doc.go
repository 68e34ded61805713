// Package generator implements cqgen generate: from the //cq:command and
// //cq:query directives of a service's root package it writes the service
// interfaces, test doubles in <root>test and (U, error) adapters for legacy
// Result-field handlers.
//
// It reads top to bottom as a pipeline: Load (one go/packages load for all
// packages), build the model of each root package (services and their
// methods, validated, every error at file:line:column), Render (jennifer
// builds the code, the templates package places it), then Write all files
// or none, or Check them against the disk.
package generator
