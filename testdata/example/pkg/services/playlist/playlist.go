// Package playlist is the root package of a service written the new way:
// its commands and queries carry //cq: directives, and cqgen generate
// writes the Service interface (cq_service.gen.go) and its test doubles
// (playlisttest) from them.
package playlist

//go:generate cqgen generate

type Playlist struct {
	UID      string
	OrgID    int64
	Name     string
	Interval string
}

// GetPlaylistQuery gets a playlist by UID.
//
//cq:query result=*Playlist
type GetPlaylistQuery struct {
	UID   string
	OrgID int64
}

// SearchPlaylistsQuery lists the playlists whose name contains Name.
//
//cq:query result=[]*Playlist
type SearchPlaylistsQuery struct {
	OrgID int64
	Name  string
}

// CreatePlaylistCommand creates a playlist and returns it.
//
//cq:command result=*Playlist
type CreatePlaylistCommand struct {
	OrgID    int64
	Name     string
	Interval string
}

// DeletePlaylistCommand deletes a playlist.
//
//cq:command
type DeletePlaylistCommand struct {
	UID   string
	OrgID int64
}
