// Package grpcsvc is a gRPC server: protoc-gen-go-grpc's generated
// ThingsServer interface fixes its methods' signatures, streaming ones
// included, though its messages are named like queries. The same method
// on a type that is no gRPC server is a service's.
package grpcsvc

import "context"

type ListThingsQuery struct{ Prefix string }

type Thing struct{ Name string }

type Things_ListThingsServer interface {
	Send(*Thing) error
	Context() context.Context
}

type UnimplementedThingsServer struct{}

func (UnimplementedThingsServer) ListThings(*ListThingsQuery, Things_ListThingsServer) error {
	return nil
}

type Server struct {
	UnimplementedThingsServer
}

func (s *Server) ListThings(q *ListThingsQuery, stream Things_ListThingsServer) error {
	return nil
}

type Lister struct{}

func (l *Lister) ListThings(q *ListThingsQuery, stream Things_ListThingsServer) error { // want `Lister.ListThings is not shaped`
	return nil
}
