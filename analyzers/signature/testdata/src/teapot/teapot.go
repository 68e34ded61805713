package teapot

import "context"

type Teapot struct{ ID int64 }

type GetTeapotQuery struct{ ID int64 }

type BrewTeaCommand struct{ Leaves string }

type ListTeapotsQuery struct{}

type TeapotBrewed struct{ ID int64 }

type Service interface {
	GetTeapot(ctx context.Context, q *GetTeapotQuery) (*Teapot, error)
	ListTeapots(ctx context.Context, q ListTeapotsQuery) ([]*Teapot, error)
	BrewTea(ctx context.Context, cmd *BrewTeaCommand) error
	Exists(ctx context.Context, q *GetTeapotQuery) (bool, error)
	Lookup(ctx context.Context, q *GetTeapotQuery) (*Teapot, bool)
	Count(ctx context.Context, q ListTeapotsQuery) int

	NoContext(q *GetTeapotQuery) (*Teapot, error)                       // want `signature: Service.NoContext is not shaped func\(ctx context.Context, args T\) \(U, error\): its first parameter is not context.Context \(add ctx context.Context in front\)$`
	GetByID(ctx context.Context, id int64) (*Teapot, error)             // want `Service.GetByID is not shaped .*: its second parameter \(int64\) is not a command or query struct \(take a GetByIDQuery holding it\)$`
	Many(ctx context.Context, q *GetTeapotQuery, orgID int64) error     // want `Service.Many .*: it takes 3 parameters, not 2 \(move those after ctx into the fields of one command or query struct\)$`
	Ping(ctx context.Context) error                                     // want `Service.Ping .*: it takes no command or query \(add one; a method without input takes an empty query or command struct \(PingQuery or PingCommand\)\)$`
	Nothing()                                                           // want `Service.Nothing .*: its first parameter is not context.Context .*; it takes no command or query`
	Three(ctx context.Context, q *GetTeapotQuery) (*Teapot, int, error) // want `Service.Three .*: it returns 3 results, not at most 2`
	IntSecond(ctx context.Context, q *GetTeapotQuery) (*Teapot, int)    // want `Service.IntSecond .*: its second result \(int\) is neither error nor bool \(return \(\*Teapot, error\)\)$`
	ErrFirst(ctx context.Context, q *GetTeapotQuery) (error, bool)      // want `Service.ErrFirst .*: it returns error first \(return \(bool, error\)\)$`
	Event(ctx context.Context, e *TeapotBrewed) error                   // want `Service.Event .*: its second parameter \(\*TeapotBrewed\) is not a command or query struct`
	All(q GetTeapotQuery, a, b int) (error, int, int)                   // want `Service.All .*: its first parameter is not context.Context .*; it takes 3 parameters, not 2 .*; its second parameter \(int\) is not a command or query struct .*; it returns 3 results`

	//cqlint:ignore signature the plugin SDK dictates this shape
	Suppressed(id int64) error
}

// An unexported interface, and an interface taking no command or query, are
// no services.
type store interface {
	get(id int64) (*Teapot, error)
}

type Renderer interface {
	Render(id int64) ([]byte, int, error)
}

// Maintenance is a service too; the names it should take follow the
// verb: a mutation takes a command.
type Maintenance interface {
	Brew(ctx context.Context, cmd *BrewTeaCommand) error
	Update(ctx context.Context, id int64, name string) error // want `Maintenance.Update .*: it takes 3 parameters, .*; its second parameter \(int64\) is not a command or query struct \(take a UpdateCommand holding it\)$`
	DeleteAll(ctx context.Context) error                     // want `Maintenance.DeleteAll .*: it takes no command or query \(add one; a method without input takes an empty DeleteAllCommand\)$`
}
