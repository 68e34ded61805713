package shop

type GetProductQuery struct {
	ID     int64
	Result *Product
}

type ListProductsQuery struct {
	Category string
	Result   []*Product
}

// CountProductsQuery was migrated halfway: CountProducts returns the count
// and still sets Result to the same value.
type CountProductsQuery struct {
	Category string
	Result   int64
}

type SearchProductsQuery struct {
	Term   string
	Limit  int
	Result []*Product
}

// GetStockLevelsQuery returns the stock of each product, by product ID.
type GetStockLevelsQuery struct {
	ProductIDs []int64
	Result     map[int64]int64
}

type IsInStockQuery struct {
	ProductID int64
	Quantity  int64
	Result    bool
}

type GetCartSummaryQuery struct {
	CartID int64
	Result CartSummary
}

// GetTaxRatesQuery returns tax rates in basis points, by product category.
type GetTaxRatesQuery struct {
	Region string
	Result map[string]int64
}

// GetShippingQuoteQuery was half migrated: GetShippingQuote returns the
// base rate, and Result holds the rate including the express surcharge.
type GetShippingQuoteQuery struct {
	CartID  int64
	Express bool
	Result  int64
}

type GetOrderQuery struct {
	ID     int64
	Result *Order
}

type CountOrdersQuery struct {
	CustomerID int64
	Result     int64
}

type GetCustomerQuery struct {
	ID     int64
	Result *Customer
}

type GetPriceListQuery struct {
	Currency string
	Result   []*Price
}

// GetLegacyPriceListQuery serves the v1 API, which only knew euros.
type GetLegacyPriceListQuery struct {
	Result []*Price
}

// GetReviewsQuery is already migrated: GetReviews returns the reviews.
type GetReviewsQuery struct {
	ProductID int64
}

type GetCouponQuery struct {
	Code   string
	Result *Coupon
}

type GetLoyaltyPointsQuery struct {
	CustomerID int64
	Result     int64
}
