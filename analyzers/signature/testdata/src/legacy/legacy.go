package legacy

import (
	"context"

	"models"
)

type DeleteDashboardCommand struct{ ID int64 }

// A legacy service: its queries live in the shared models package.
type Service interface {
	GetDashboard(ctx context.Context, q *models.GetDashboardQuery) error
	SaveDashboard(ctx context.Context, cmd *models.SaveDashboardCommand) (*models.Dashboard, error)
	DeleteDashboard(ctx context.Context, cmd *DeleteDashboardCommand) error
}
