// Package org is a second service in the legacy style.
package org

import (
	"context"
	"errors"
	"strings"
)

// ErrNotFound is returned for an unknown organisation.
var ErrNotFound = errors.New("org not found")

// Org is an organisation.
type Org struct {
	ID   int64
	Name string
}

// GetOrgQuery reads one organisation by ID.
type GetOrgQuery struct {
	ID     int64
	Result *Org
}

// SearchOrgsQuery lists the organisations whose name has a prefix.
type SearchOrgsQuery struct {
	Prefix string
	Result []*Org
}

// Service is an in-memory organisation store.
type Service struct{ orgs []*Org }

// NewService returns a service holding orgs.
func NewService(orgs ...*Org) *Service { return &Service{orgs: orgs} }

// GetOrg sets q.Result to the organisation q.ID.
func (s *Service) GetOrg(ctx context.Context, q *GetOrgQuery) error {
	for _, o := range s.orgs {
		if o.ID == q.ID {
			q.Result = o
			return nil
		}
	}
	return ErrNotFound
}

// SearchOrgs appends to q.Result each organisation whose name starts with
// q.Prefix.
func (s *Service) SearchOrgs(ctx context.Context, q *SearchOrgsQuery) error {
	q.Result = make([]*Org, 0)
	for _, o := range s.orgs {
		if strings.HasPrefix(o.Name, q.Prefix) {
			q.Result = append(q.Result, o)
		}
	}
	return nil
}
