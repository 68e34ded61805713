package dashboards

import (
	"context"

	"models"
)

type DeleteDashboardCommand struct{ ID int64 }

// A legacy service: its queries live in the shared models package.
type Service interface {
	GetDashboard(ctx context.Context, q *models.GetDashboardQuery) error                            // want `Service.GetDashboard .*: GetDashboardQuery is declared in models, not in the service's root package dashboards`
	SaveDashboard(ctx context.Context, cmd *models.SaveDashboardCommand) (*models.Dashboard, error) // want `Service.SaveDashboard .*: SaveDashboardCommand is declared in models`
	DeleteDashboard(ctx context.Context, cmd *DeleteDashboardCommand) error
}
