package legacyname

// LegacyService is written by hand.
type LegacyService struct{}

//cq:query
type GetNameQuery struct {
	Result string
}
