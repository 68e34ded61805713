// Package store is the shop's in-memory database: tables guarded by one
// lock, transactions that roll back on error, and a small loader.
package store

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"example.com/shop/pkg/services/shop"
)

type cart struct {
	id         int64
	customerID int64
	// quantities by product ID
	items map[int64]int64
}

// DB holds every table.
type DB struct {
	mu        sync.Mutex
	nextID    int64
	products  map[int64]*shop.Product
	customers map[int64]*shop.Customer
	carts     map[int64]*cart
	orders    map[int64]*shop.Order
	prices    map[int64]*shop.Price // keyed by an internal row ID
	reviews   []*shop.Review
}

// New returns an empty database.
func New() *DB {
	return &DB{
		nextID:    1,
		products:  make(map[int64]*shop.Product),
		customers: make(map[int64]*shop.Customer),
		carts:     make(map[int64]*cart),
		orders:    make(map[int64]*shop.Order),
		prices:    make(map[int64]*shop.Price),
	}
}

// Tx is an open transaction; its writes are undone if the transaction
// function fails.
type Tx struct {
	db   *DB
	undo []func()
}

// WithTx runs fn in a transaction. The database is locked meanwhile, so
// fn must not call back into the store's exported methods.
func (db *DB) WithTx(ctx context.Context, fn func(tx *Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	tx := &Tx{db: db}
	if err := fn(tx); err != nil {
		for i := len(tx.undo) - 1; i >= 0; i-- {
			tx.undo[i]()
		}
		return err
	}
	return nil
}

func (tx *Tx) newID() int64 {
	id := tx.db.nextID
	tx.db.nextID++
	tx.undo = append(tx.undo, func() { tx.db.nextID = id })
	return id
}

// Cond filters the rows Find loads.
type Cond func(row any) bool

// Where makes a Cond on rows of type *T.
func Where[T any](match func(row *T) bool) Cond {
	return func(row any) bool {
		r, ok := row.(*T)
		return ok && match(r)
	}
}

// Find appends copies of the rows matching every cond to the slice dst
// points to, in ID order. dst must be a *[]*shop.Product, *[]*shop.Order
// or *[]*shop.Price. Like most ORMs it leaves a nil slice nil when nothing
// matches.
func (tx *Tx) Find(dst any, conds ...Cond) error {
	switch d := dst.(type) {
	case *[]*shop.Product:
		*d = appendMatching(*d, tx.db.products, conds)
	case *[]*shop.Order:
		*d = appendMatching(*d, tx.db.orders, conds)
	case *[]*shop.Price:
		*d = appendMatching(*d, tx.db.prices, conds)
	default:
		return fmt.Errorf("store: Find: unsupported destination %T", dst)
	}
	return nil
}

func appendMatching[T any](dst []*T, table map[int64]*T, conds []Cond) []*T {
rows:
	for _, id := range sortedIDs(table) {
		row := table[id]
		for _, c := range conds {
			if !c(row) {
				continue rows
			}
		}
		cp := *row
		dst = append(dst, &cp)
	}
	return dst
}

func sortedIDs[V any](table map[int64]V) []int64 {
	ids := make([]int64, 0, len(table))
	for id := range table {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// Seed inserts fixtures; products and customers keep the IDs they have.
func (db *DB) Seed(products []shop.Product, customers []shop.Customer, prices []shop.Price, reviews []shop.Review) {
	db.mu.Lock()
	defer db.mu.Unlock()
	for _, p := range products {
		db.products[p.ID] = &p
		db.nextID = max(db.nextID, p.ID+1)
	}
	for _, c := range customers {
		db.customers[c.ID] = &c
		db.nextID = max(db.nextID, c.ID+1)
	}
	for _, p := range prices {
		db.prices[db.nextID] = &p
		db.nextID++
	}
	for _, r := range reviews {
		db.reviews = append(db.reviews, &r)
	}
}
