// Package shop is in a go1.17 module: its mock cannot use type parameters.
package shop

type Order struct{ ID int64 }

// GetOrderQuery is a legacy query.
//
//cq:query
type GetOrderQuery struct {
	ID     int64
	Result *Order
}

//cq:query result=int ok=true
type CountOrdersQuery struct{}

//cq:command
type CancelOrderCommand struct{ ID int64 }
