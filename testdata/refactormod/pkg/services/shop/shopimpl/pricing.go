package shopimpl

import (
	"context"
	"fmt"

	"example.com/shop/pkg/services/shop"
)

// coupons holds the discount codes, percent off by code.
var coupons = map[string]int64{
	"TEA10": 10,
	"HALF":  50,
}

// taxRates holds tax rates in basis points, by region and category.
var taxRates = map[string]map[string]int64{
	"EU": {"tea": 700, "cups": 2000},
	"US": {"tea": 0, "cups": 625},
}

const (
	shippingCents     = 499
	freeShippingCents = 5000
	expressCents      = 1000
)

func (s *Service) GetCoupon(ctx context.Context, query *shop.GetCouponQuery) error {
	pct, ok := coupons[query.Code]
	if !ok {
		return shop.ErrUnknownCoupon
	}
	query.Result = &shop.Coupon{Code: query.Code, PercentOff: pct}
	return nil
}

// ApplyDiscount starts from the cart total and lets applyCode lower it
// code by code.
func (s *Service) ApplyDiscount(ctx context.Context, cmd *shop.ApplyDiscountCommand) error {
	totals, err := s.store.CartTotalsByCategory(ctx, cmd.CartID)
	if err != nil {
		return err
	}
	cmd.Result = 0
	for _, t := range totals {
		cmd.Result += t
	}
	for _, code := range cmd.Codes {
		if err := applyCode(cmd, code); err != nil {
			return err
		}
	}
	return nil
}

// applyCode takes one code's discount off the running total in cmd.Result.
func applyCode(cmd *shop.ApplyDiscountCommand, code string) error {
	pct, ok := coupons[code]
	if !ok {
		return fmt.Errorf("%w: %q", shop.ErrUnknownCoupon, code)
	}
	cmd.Result -= cmd.Result * pct / 100
	return nil
}

func (s *Service) GetTaxRates(ctx context.Context, query *shop.GetTaxRatesQuery) error {
	rates, ok := taxRates[query.Region]
	if !ok {
		return fmt.Errorf("no tax rates for region %q", query.Region)
	}
	query.Result = make(map[string]int64, len(rates))
	for category, bp := range rates {
		query.Result[category] = bp
	}
	return nil
}

// ApplyTax reads the rates the caller put in cmd.Result and replaces them
// with the tax due.
func (s *Service) ApplyTax(ctx context.Context, cmd *shop.ApplyTaxCommand) error {
	totals, err := s.store.CartTotalsByCategory(ctx, cmd.CartID)
	if err != nil {
		return err
	}
	due := make(map[string]int64, len(cmd.Result))
	for category, bp := range cmd.Result {
		due[category] = totals[category] * bp / 10000
	}
	cmd.Result = due
	return nil
}

// GetShippingQuote returns the base rate; query.Result also includes the
// express surcharge. (Half migrated: the v1 API still reads Result.)
func (s *Service) GetShippingQuote(ctx context.Context, query *shop.GetShippingQuoteQuery) (int64, error) {
	summary := shop.GetCartSummaryQuery{CartID: query.CartID}
	if err := s.store.GetCartSummary(ctx, &summary); err != nil {
		return 0, err
	}
	base := int64(shippingCents)
	if summary.Result.TotalCents >= freeShippingCents {
		base = 0
	}
	query.Result = base
	if query.Express {
		query.Result = base + expressCents
	}
	return base, nil
}

// GetLoyaltyPoints grants 100 points per order placed.
func (s *Service) GetLoyaltyPoints(ctx context.Context, query *shop.GetLoyaltyPointsQuery) error {
	count := shop.CountOrdersQuery{CustomerID: query.CustomerID}
	if err := s.store.CountOrders(ctx, &count); err != nil {
		return err
	}
	query.Result = 100 * count.Result
	return nil
}
