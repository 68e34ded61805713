package store

import (
	"context"
	"strings"

	"example.com/shop/pkg/services/shop"
)

func (db *DB) GetProduct(ctx context.Context, query *shop.GetProductQuery) error {
	return db.WithTx(ctx, func(tx *Tx) error {
		p, ok := tx.db.products[query.ID]
		if !ok {
			return shop.ErrProductNotFound
		}
		cp := *p
		query.Result = &cp
		return nil
	})
}

func (db *DB) ListProducts(ctx context.Context, query *shop.ListProductsQuery) error {
	return db.WithTx(ctx, func(tx *Tx) error {
		// An empty category must encode as [], not null.
		query.Result = make([]*shop.Product, 0)
		var conds []Cond
		if query.Category != "" {
			conds = append(conds, Where(func(p *shop.Product) bool { return p.Category == query.Category }))
		}
		return tx.Find(&query.Result, conds...)
	})
}

func (db *DB) CountProducts(ctx context.Context, query *shop.CountProductsQuery) (int64, error) {
	var n int64
	err := db.WithTx(ctx, func(tx *Tx) error {
		for _, p := range tx.db.products {
			if query.Category == "" || p.Category == query.Category {
				n++
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	query.Result = n
	return n, nil
}

func (db *DB) SearchProducts(ctx context.Context, query *shop.SearchProductsQuery) error {
	term := strings.ToLower(query.Term)
	err := db.WithTx(ctx, func(tx *Tx) error {
		return tx.Find(&query.Result, Where(func(p *shop.Product) bool {
			return strings.Contains(strings.ToLower(p.Name), term)
		}))
	})
	if err != nil {
		return err
	}
	if query.Limit > 0 && len(query.Result) > query.Limit {
		query.Result = query.Result[:query.Limit]
	}
	return nil
}

func (db *DB) GetStockLevels(ctx context.Context, query *shop.GetStockLevelsQuery) error {
	levels := make(map[int64]int64, len(query.ProductIDs))
	err := db.WithTx(ctx, func(tx *Tx) error {
		for _, id := range query.ProductIDs {
			p, ok := tx.db.products[id]
			if !ok {
				return shop.ErrProductNotFound
			}
			levels[id] = p.Stock
		}
		return nil
	})
	if err != nil {
		return err
	}
	query.Result = levels
	return nil
}

func (db *DB) CreateProduct(ctx context.Context, cmd *shop.CreateProductCommand) error {
	return db.WithTx(ctx, func(tx *Tx) error {
		for _, id := range sortedIDs(tx.db.products) {
			if tx.db.products[id].SKU == cmd.SKU {
				return shop.ErrInvalidProduct
			}
		}
		p := &shop.Product{
			ID:         tx.newID(),
			SKU:        cmd.SKU,
			Name:       cmd.Name,
			Category:   cmd.Category,
			PriceCents: cmd.PriceCents,
			Stock:      cmd.Stock,
		}
		tx.db.products[p.ID] = p
		tx.undo = append(tx.undo, func() { delete(tx.db.products, p.ID) })
		cp := *p
		cmd.Result = &cp
		return nil
	})
}

func (db *DB) DeleteProduct(ctx context.Context, cmd *shop.DeleteProductCommand) error {
	return db.WithTx(ctx, func(tx *Tx) error {
		if _, ok := tx.db.products[cmd.ID]; !ok {
			return shop.ErrProductNotFound
		}
		delete(tx.db.products, cmd.ID)
		return nil
	})
}

func (db *DB) GetReviews(ctx context.Context, query *shop.GetReviewsQuery) ([]*shop.Review, error) {
	var reviews []*shop.Review
	err := db.WithTx(ctx, func(tx *Tx) error {
		for _, r := range tx.db.reviews {
			if r.ProductID == query.ProductID {
				cp := *r
				reviews = append(reviews, &cp)
			}
		}
		return nil
	})
	return reviews, err
}

func (db *DB) GetPriceList(ctx context.Context, query *shop.GetPriceListQuery) error {
	return db.WithTx(ctx, func(tx *Tx) error {
		return tx.Find(&query.Result, Where(func(p *shop.Price) bool { return p.Currency == query.Currency }))
	})
}
