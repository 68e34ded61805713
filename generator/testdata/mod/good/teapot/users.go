//go:build !windows

package teapot

import (
	bmodels "example.com/gen/b/models"
)

// GetUsersQuery returns users from the other package named models.
//
//cq:query result=[]bmodels.User
type GetUsersQuery struct{}

//cq:command service=Kitchen result=func(bmodels.User,...string)error
type CleanCommand struct {
	Result func(bmodels.User, ...string) error
}
