package store

import (
	"context"

	"example.com/shop/pkg/services/shop"
)

func (db *DB) AddCartItem(ctx context.Context, cmd *shop.AddCartItemCommand) error {
	return db.WithTx(ctx, func(tx *Tx) error {
		if _, ok := tx.db.products[cmd.ProductID]; !ok {
			return shop.ErrProductNotFound
		}
		c, ok := tx.db.carts[cmd.CartID]
		if !ok {
			c = &cart{id: cmd.CartID, customerID: cmd.CustomerID, items: make(map[int64]int64)}
			tx.db.carts[c.id] = c
			tx.undo = append(tx.undo, func() { delete(tx.db.carts, c.id) })
		}
		c.items[cmd.ProductID] += cmd.Quantity
		cmd.Result = 0
		for _, n := range c.items {
			cmd.Result += n
		}
		return nil
	})
}

func (db *DB) GetCartSummary(ctx context.Context, query *shop.GetCartSummaryQuery) error {
	return db.WithTx(ctx, func(tx *Tx) error {
		c, ok := tx.db.carts[query.CartID]
		if !ok {
			return shop.ErrCartNotFound
		}
		query.Result = shop.CartSummary{CartID: c.id}
		for _, id := range sortedIDs(c.items) {
			query.Result.Items += c.items[id]
			query.Result.TotalCents += c.items[id] * tx.db.products[id].PriceCents
		}
		return nil
	})
}

// CartTotalsByCategory returns a cart's total in cents by product category.
func (db *DB) CartTotalsByCategory(ctx context.Context, cartID int64) (map[string]int64, error) {
	totals := make(map[string]int64)
	err := db.WithTx(ctx, func(tx *Tx) error {
		c, ok := tx.db.carts[cartID]
		if !ok {
			return shop.ErrCartNotFound
		}
		for id, n := range c.items {
			p := tx.db.products[id]
			totals[p.Category] += n * p.PriceCents
		}
		return nil
	})
	return totals, err
}

func (db *DB) PlaceOrder(ctx context.Context, cmd *shop.PlaceOrderCommand) error {
	return db.WithTx(ctx, func(tx *Tx) error {
		c, ok := tx.db.carts[cmd.CartID]
		if !ok {
			return shop.ErrCartNotFound
		}
		if len(c.items) == 0 {
			return shop.ErrEmptyCart
		}
		o := &shop.Order{ID: tx.newID(), CustomerID: c.customerID}
		for _, id := range sortedIDs(c.items) {
			p, n := tx.db.products[id], c.items[id]
			if p.Stock < n {
				return shop.ErrOutOfStock
			}
			p.Stock -= n
			tx.undo = append(tx.undo, func() { p.Stock += n })
			o.Lines = append(o.Lines, shop.OrderLine{ProductID: id, Quantity: n, PriceCents: p.PriceCents})
			o.TotalCents += n * p.PriceCents
		}
		tx.db.orders[o.ID] = o
		delete(tx.db.carts, c.id)
		cmd.Result = o
		return nil
	})
}

func (db *DB) GetOrder(ctx context.Context, query *shop.GetOrderQuery) error {
	return db.WithTx(ctx, func(tx *Tx) error {
		var found []*shop.Order
		if err := tx.Find(&found, Where(func(o *shop.Order) bool { return o.ID == query.ID })); err != nil {
			return err
		}
		if len(found) == 0 {
			return shop.ErrOrderNotFound
		}
		query.Result = found[0]
		return nil
	})
}

func (db *DB) CountOrders(ctx context.Context, query *shop.CountOrdersQuery) error {
	return db.WithTx(ctx, func(tx *Tx) error {
		var n int64
		for _, o := range tx.db.orders {
			if o.CustomerID == query.CustomerID {
				n++
			}
		}
		query.Result = n
		return nil
	})
}

func (db *DB) GetCustomer(ctx context.Context, query *shop.GetCustomerQuery) error {
	return db.WithTx(ctx, func(tx *Tx) error {
		c, ok := tx.db.customers[query.ID]
		if !ok {
			return shop.ErrCustomerNotFound
		}
		cp := *c
		query.Result = &cp
		return nil
	})
}
