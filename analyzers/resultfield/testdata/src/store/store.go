package store

import (
	"context"
	"encoding/json"

	"models"
)

type Store struct{ dashboards map[string]*models.Dashboard }

type session struct{}

func (session) Find(dst any) error { return nil }

func withTx(ctx context.Context, fn func(sess session) error) error { return fn(session{}) }

func (s *Store) GetDashboard(ctx context.Context, q *models.GetDashboardQuery) error { // want `resultfield: Store.GetDashboard writes q.Result \(line 19\) on the models.GetDashboardQuery it receives: return the value instead, GetDashboard\(ctx, q\) \(\*models.Dashboard, error\); .cqgen refactor --types=GetDashboardQuery.`
	q.Result = s.dashboards[q.UID]
	return nil
}

// Writes inside a transaction callback count for the method.
func (s *Store) SearchDashboards(ctx context.Context, q *models.SearchDashboardsQuery) error { // want `Store.SearchDashboards writes q.Result \(line 26\)`
	return withTx(ctx, func(sess session) error {
		q.Result = append(q.Result, s.dashboards[q.Title])
		q.Result = append(q.Result, nil)
		return nil
	})
}

func (s *Store) Stats(ctx context.Context, q *models.GetDashboardStatsQuery) error { // want `Store.Stats writes q.Result \(line 33\)`
	q.Result.Count = int64(len(s.dashboards))
	return nil
}

func Tags(ctx context.Context, q *models.GetDashboardTagsQuery) error { // want `Tags writes q.Result \(line 38\)`
	q.Result["a"] = 1
	return nil
}

func Count(ctx context.Context, query *models.CountDashboardsQuery) error { // want `Count writes query.Result \(line 43\)`
	query.Result++
	return nil
}

func Find(ctx context.Context, q *models.SearchDashboardsQuery) error { // want `Find writes q.Result \(line 49\)`
	return withTx(ctx, func(sess session) error {
		return sess.Find(&q.Result)
	})
}

func Decode(b []byte, q *models.CountDashboardsQuery) error { // want `Decode writes q.Result \(line 54\)`
	return json.Unmarshal(b, &q.Result)
}

func Deref(q *models.CountDashboardsQuery) { // want `Deref writes q.Result`
	(*q).Result = 2
}

// A handler given to a bus as a function literal is reported at the
// literal.
var handlers = []any{
	func(ctx context.Context, cmd *models.SaveDashboardCommand) error { // want `this function literal writes cmd.Result \(line 65\) on the models.SaveDashboardCommand it receives: return the value instead, func\(ctx, cmd\)`
		cmd.Result = cmd.Dashboard
		return nil
	},
}

// Callers reset or read the Result of a query they built: not reported.
func Caller(ctx context.Context, s *Store) (*models.Dashboard, error) {
	q := &models.GetDashboardQuery{UID: "a"}
	q.Result = nil
	if err := s.GetDashboard(ctx, q); err != nil {
		return nil, err
	}
	var q2 models.CountDashboardsQuery
	q2.Result = 1
	_ = &q2.Result
	return q.Result, nil
}

// Reading Result, even through a pointer, is no write.
func Read(q *models.GetDashboardQuery) *models.Dashboard {
	d := q.Result
	use(&q.Result.ID)
	return d
}

func use(any) {}

// The DTO and the suppressed field are no handler's output.
func Respond(r *models.DashboardResponse) {
	r.Result = nil
}

//cqlint:ignore resultfield kept for the old plugin API until v9
func Suppressed(q *models.GetDashboardQuery) {
	q.Result = nil
}

func SuppressedLine(q *models.GetDashboardQuery) { //cqlint:ignore resultfield kept until v9
	q.Result = nil
}

// A suppression without a reason suppresses nothing (the suppress analyzer
// reports it).
//
//cqlint:ignore resultfield
func NoReason(q *models.CountDashboardsQuery) { // want `NoReason writes q.Result`
	q.Result = 0
}

// An HTTP handler that binds the command by value, dispatches it and then
// adjusts the Result is a caller, not a handler.
func UpdateDashboard(cmd models.SaveDashboardCommand, dispatch func(any) error) *models.Dashboard {
	if err := dispatch(&cmd); err != nil {
		return nil
	}
	cmd.Result.UID = "x"
	return cmd.Result
}
