package shop

type CreateProductCommand struct {
	SKU        string
	Name       string
	Category   string
	PriceCents int64
	Stock      int64
	Result     *Product
}

// DeleteProductCommand is already migrated: it has no result.
type DeleteProductCommand struct {
	ID int64
}

// ImportProductsCommand creates many products; Result is the number
// created, also when some were rejected (then the error is ErrPartial).
type ImportProductsCommand struct {
	Products []Product
	Result   int64
}

// AddCartItemCommand adds to a cart, creating it on first use. Result is
// the number of items in the cart afterwards.
type AddCartItemCommand struct {
	CartID     int64
	CustomerID int64
	ProductID  int64
	Quantity   int64
	Result     int64
}

// ApplyDiscountCommand computes the cart total after applying each code in
// turn; Result is that total in cents.
type ApplyDiscountCommand struct {
	CartID int64
	Codes  []string
	Result int64
}

// ApplyTaxCommand is given the tax rates by category in Result and
// replaces them with the tax due by category, in cents.
type ApplyTaxCommand struct {
	CartID int64
	Result map[string]int64
}

type PlaceOrderCommand struct {
	CartID int64
	Result *Order
}

// NotifyCustomerCommand is dispatched on the bus; Result tells whether a
// message was queued (customers without an email get none).
type NotifyCustomerCommand struct {
	CustomerID int64
	Message    string
	Result     bool
}
