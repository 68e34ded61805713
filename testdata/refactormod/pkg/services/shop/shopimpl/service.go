// Package shopimpl implements the shop services on top of the store.
package shopimpl

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"example.com/shop/pkg/bus"
	"example.com/shop/pkg/services/shop"
)

// Store is what the service needs from the database.
type Store interface {
	GetProduct(ctx context.Context, query *shop.GetProductQuery) error
	ListProducts(ctx context.Context, query *shop.ListProductsQuery) error
	CountProducts(ctx context.Context, query *shop.CountProductsQuery) (int64, error)
	SearchProducts(ctx context.Context, query *shop.SearchProductsQuery) error
	GetStockLevels(ctx context.Context, query *shop.GetStockLevelsQuery) error
	CreateProduct(ctx context.Context, cmd *shop.CreateProductCommand) error
	DeleteProduct(ctx context.Context, cmd *shop.DeleteProductCommand) error
	GetReviews(ctx context.Context, query *shop.GetReviewsQuery) ([]*shop.Review, error)
	AddCartItem(ctx context.Context, cmd *shop.AddCartItemCommand) error
	GetCartSummary(ctx context.Context, query *shop.GetCartSummaryQuery) error
	CartTotalsByCategory(ctx context.Context, cartID int64) (map[string]int64, error)
	PlaceOrder(ctx context.Context, cmd *shop.PlaceOrderCommand) error
	GetOrder(ctx context.Context, query *shop.GetOrderQuery) error
	CountOrders(ctx context.Context, query *shop.CountOrdersQuery) error
	GetCustomer(ctx context.Context, query *shop.GetCustomerQuery) error
	GetPriceList(ctx context.Context, query *shop.GetPriceListQuery) error
}

// Service implements shop.Service, shop.CouponService and
// shop.LoyaltyService.
type Service struct {
	store Store

	ordersPlaced atomic.Int64
	revenueCents atomic.Int64

	mu     sync.Mutex
	outbox []string
}

var (
	_ shop.Service        = (*Service)(nil)
	_ shop.CouponService  = (*Service)(nil)
	_ shop.LoyaltyService = (*Service)(nil)
)

// ProvideService builds the service and registers its bus handlers.
func ProvideService(store Store, b *bus.Bus) *Service {
	s := &Service{store: store}
	b.AddHandler(s.NotifyCustomer)
	return s
}

func (s *Service) GetProduct(ctx context.Context, query *shop.GetProductQuery) error {
	return s.store.GetProduct(ctx, query)
}

func (s *Service) ListProducts(ctx context.Context, query *shop.ListProductsQuery) error {
	return s.store.ListProducts(ctx, query)
}

func (s *Service) CountProducts(ctx context.Context, query *shop.CountProductsQuery) (int64, error) {
	return s.store.CountProducts(ctx, query)
}

func (s *Service) SearchProducts(ctx context.Context, query *shop.SearchProductsQuery) error {
	return s.store.SearchProducts(ctx, query)
}

func (s *Service) GetStockLevels(ctx context.Context, query *shop.GetStockLevelsQuery) error {
	return s.store.GetStockLevels(ctx, query)
}

func (s *Service) IsInStock(ctx context.Context, query *shop.IsInStockQuery) error {
	if query.Quantity <= 0 {
		query.Result = true
		return nil
	}
	levels := shop.GetStockLevelsQuery{ProductIDs: []int64{query.ProductID}}
	if err := s.store.GetStockLevels(ctx, &levels); err != nil {
		return err
	}
	query.Result = levels.Result[query.ProductID] >= query.Quantity
	return nil
}

func (s *Service) CreateProduct(ctx context.Context, cmd *shop.CreateProductCommand) error {
	if cmd.SKU == "" || cmd.Name == "" {
		return fmt.Errorf("%w: SKU and name are required", shop.ErrInvalidProduct)
	}
	if cmd.PriceCents < 0 || cmd.Stock < 0 {
		return fmt.Errorf("%w: negative price or stock", shop.ErrInvalidProduct)
	}
	return s.store.CreateProduct(ctx, cmd)
}

func (s *Service) DeleteProduct(ctx context.Context, cmd *shop.DeleteProductCommand) error {
	return s.store.DeleteProduct(ctx, cmd)
}

func (s *Service) GetReviews(ctx context.Context, query *shop.GetReviewsQuery) ([]*shop.Review, error) {
	return s.store.GetReviews(ctx, query)
}

// ImportProducts creates each product it can. When some are rejected it
// still reports how many were created, with an error wrapping
// shop.ErrPartial.
func (s *Service) ImportProducts(ctx context.Context, cmd *shop.ImportProductsCommand) error {
	var imported int64
	var rejected []string
	for _, p := range cmd.Products {
		create := shop.CreateProductCommand{
			SKU:        p.SKU,
			Name:       p.Name,
			Category:   p.Category,
			PriceCents: p.PriceCents,
			Stock:      p.Stock,
		}
		if err := s.CreateProduct(ctx, &create); err != nil {
			if !errors.Is(err, shop.ErrInvalidProduct) {
				return err
			}
			rejected = append(rejected, p.SKU)
			continue
		}
		imported++
	}
	cmd.Result = imported
	if len(rejected) > 0 {
		return fmt.Errorf("%w: rejected %q", shop.ErrPartial, rejected)
	}
	return nil
}

func (s *Service) AddCartItem(ctx context.Context, cmd *shop.AddCartItemCommand) error {
	stock := shop.IsInStockQuery{ProductID: cmd.ProductID, Quantity: cmd.Quantity}
	if err := s.IsInStock(ctx, &stock); err != nil {
		return err
	}
	if !stock.Result {
		return shop.ErrOutOfStock
	}
	return s.store.AddCartItem(ctx, cmd)
}

func (s *Service) GetCartSummary(ctx context.Context, query *shop.GetCartSummaryQuery) error {
	return s.store.GetCartSummary(ctx, query)
}

func (s *Service) PlaceOrder(ctx context.Context, cmd *shop.PlaceOrderCommand) error {
	if err := s.store.PlaceOrder(ctx, cmd); err != nil {
		return fmt.Errorf("place order for cart %d: %w", cmd.CartID, err)
	}
	s.ordersPlaced.Add(1)
	s.revenueCents.Add(cmd.Result.TotalCents)
	return nil
}

func (s *Service) GetOrder(ctx context.Context, query *shop.GetOrderQuery) error {
	return s.store.GetOrder(ctx, query)
}

func (s *Service) CountOrders(ctx context.Context, query *shop.CountOrdersQuery) error {
	return s.store.CountOrders(ctx, query)
}

func (s *Service) GetCustomer(ctx context.Context, query *shop.GetCustomerQuery) error {
	return s.store.GetCustomer(ctx, query)
}

func (s *Service) GetPriceList(ctx context.Context, query *shop.GetPriceListQuery) error {
	return s.store.GetPriceList(ctx, query)
}

// GetLegacyPriceList serves the v1 API, which only knew euros.
func (s *Service) GetLegacyPriceList(ctx context.Context, query *shop.GetLegacyPriceListQuery) error {
	current := shop.GetPriceListQuery{Currency: "EUR"}
	if err := s.GetPriceList(ctx, &current); err != nil {
		return err
	}
	query.Result = current.Result
	return nil
}

// NotifyCustomer is a bus handler: it queues a message for the customer's
// email address, if they have one.
func (s *Service) NotifyCustomer(ctx context.Context, cmd *shop.NotifyCustomerCommand) error {
	customer := shop.GetCustomerQuery{ID: cmd.CustomerID}
	if err := s.store.GetCustomer(ctx, &customer); err != nil {
		return err
	}
	if customer.Result.Email == "" {
		cmd.Result = false
		return nil
	}
	s.mu.Lock()
	s.outbox = append(s.outbox, customer.Result.Email+": "+cmd.Message)
	s.mu.Unlock()
	cmd.Result = true
	return nil
}

// Outbox returns the messages queued so far, oldest first.
func (s *Service) Outbox() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.outbox...)
}

// Stats returns the number of orders placed and their total in cents.
func (s *Service) Stats() (orders, revenueCents int64) {
	return s.ordersPlaced.Load(), s.revenueCents.Load()
}
