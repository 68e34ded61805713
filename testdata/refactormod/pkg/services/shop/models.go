package shop

type Product struct {
	ID         int64  `json:"id"`
	SKU        string `json:"sku"`
	Name       string `json:"name"`
	Category   string `json:"category"`
	PriceCents int64  `json:"priceCents"`
	Stock      int64  `json:"stock"`
}

type Customer struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

type CartSummary struct {
	CartID     int64 `json:"cartId"`
	Items      int64 `json:"items"`
	TotalCents int64 `json:"totalCents"`
}

type OrderLine struct {
	ProductID  int64 `json:"productId"`
	Quantity   int64 `json:"quantity"`
	PriceCents int64 `json:"priceCents"`
}

type Order struct {
	ID         int64       `json:"id"`
	CustomerID int64       `json:"customerId"`
	Lines      []OrderLine `json:"lines"`
	TotalCents int64       `json:"totalCents"`
}

type Price struct {
	ProductID   int64  `json:"productId"`
	Currency    string `json:"currency"`
	AmountCents int64  `json:"amountCents"`
}

type Review struct {
	ProductID int64  `json:"productId"`
	Author    string `json:"author"`
	Stars     int    `json:"stars"`
}

type Coupon struct {
	Code       string `json:"code"`
	PercentOff int64  `json:"percentOff"`
}
