// Package shop is the root package of the shop service: its interfaces,
// commands, queries and models. Implementations live in shopimpl, test
// doubles in shoptest.
package shop

import (
	"context"
	"errors"
)

var (
	ErrProductNotFound  = errors.New("product not found")
	ErrCustomerNotFound = errors.New("customer not found")
	ErrOrderNotFound    = errors.New("order not found")
	ErrCartNotFound     = errors.New("cart not found")
	ErrEmptyCart        = errors.New("cart is empty")
	ErrOutOfStock       = errors.New("not enough stock")
	ErrInvalidProduct   = errors.New("invalid product")
	ErrUnknownCoupon    = errors.New("unknown coupon")
	// ErrPartial is returned together with a partial result: callers that
	// tolerate it still read what was done.
	ErrPartial = errors.New("partially done")
)

// Service is the shop's main service.
type Service interface {
	GetProduct(ctx context.Context, query *GetProductQuery) error
	ListProducts(ctx context.Context, query *ListProductsQuery) error
	CountProducts(ctx context.Context, query *CountProductsQuery) (int64, error)
	SearchProducts(ctx context.Context, query *SearchProductsQuery) error
	GetStockLevels(ctx context.Context, query *GetStockLevelsQuery) error
	IsInStock(ctx context.Context, query *IsInStockQuery) error
	CreateProduct(ctx context.Context, cmd *CreateProductCommand) error
	DeleteProduct(ctx context.Context, cmd *DeleteProductCommand) error
	ImportProducts(ctx context.Context, cmd *ImportProductsCommand) error
	GetReviews(ctx context.Context, query *GetReviewsQuery) ([]*Review, error)

	AddCartItem(ctx context.Context, cmd *AddCartItemCommand) error
	GetCartSummary(ctx context.Context, query *GetCartSummaryQuery) error
	ApplyDiscount(ctx context.Context, cmd *ApplyDiscountCommand) error
	GetTaxRates(ctx context.Context, query *GetTaxRatesQuery) error
	ApplyTax(ctx context.Context, cmd *ApplyTaxCommand) error
	GetShippingQuote(ctx context.Context, query *GetShippingQuoteQuery) (int64, error)

	PlaceOrder(ctx context.Context, cmd *PlaceOrderCommand) error
	GetOrder(ctx context.Context, query *GetOrderQuery) error
	CountOrders(ctx context.Context, query *CountOrdersQuery) error
	GetCustomer(ctx context.Context, query *GetCustomerQuery) error

	GetPriceList(ctx context.Context, query *GetPriceListQuery) error
	GetLegacyPriceList(ctx context.Context, query *GetLegacyPriceListQuery) error
}

// CouponService looks up discount coupons.
type CouponService interface {
	GetCoupon(ctx context.Context, query *GetCouponQuery) error
}

// LoyaltyService computes loyalty points.
type LoyaltyService interface {
	GetLoyaltyPoints(ctx context.Context, query *GetLoyaltyPointsQuery) error
}
