// Package recommend says what to show a customer about a product.
package recommend

import (
	"context"
	"fmt"

	"example.com/shop/pkg/services/shop"
)

// Banner is the line shown under a product for a customer.
func Banner(ctx context.Context, ws shop.WishlistService, customerID, productID int64) (string, error) {
	count := shop.CountWishesQuery{CustomerID: customerID}
	if err := ws.CountWishes(ctx, &count); err != nil {
		return "", err
	}
	wished := shop.IsWishedQuery{CustomerID: customerID, ProductID: productID}
	if err := ws.IsWished(ctx, &wished); err != nil {
		return "", err
	}
	if wished.Result {
		return fmt.Sprintf("on your wish list (%d wishes)", count.Result), nil
	}
	return fmt.Sprintf("%d wishes", count.Result), nil
}
