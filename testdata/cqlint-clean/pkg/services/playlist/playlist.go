// Package playlist follows the conventions: cqlint finds nothing here.
package playlist

import "context"

type Playlist struct {
	UID  string
	Name string
}

type CreatePlaylistCommand struct{ Name string }

type GetPlaylistQuery struct{ UID string }

type ListPlaylistsQuery struct{}

type Service interface {
	CreatePlaylist(ctx context.Context, cmd *CreatePlaylistCommand) (*Playlist, error)
	GetPlaylist(ctx context.Context, q *GetPlaylistQuery) (*Playlist, error)
	ListPlaylists(ctx context.Context, q *ListPlaylistsQuery) ([]*Playlist, error)
}

// PlaylistResponse is an HTTP body with a Result field: not a query.
type PlaylistResponse struct {
	Result *Playlist `json:"result"`
}
