package playlistimpl

import (
	"context"
	"errors"

	"example.com/clean/pkg/services/playlist"
)

type Service struct{ playlists map[string]*playlist.Playlist }

var _ playlist.Service = (*Service)(nil)

func (s *Service) CreatePlaylist(ctx context.Context, cmd *playlist.CreatePlaylistCommand) (*playlist.Playlist, error) {
	p := &playlist.Playlist{UID: cmd.Name, Name: cmd.Name}
	s.playlists[p.UID] = p
	return p, nil
}

func (s *Service) GetPlaylist(ctx context.Context, q *playlist.GetPlaylistQuery) (*playlist.Playlist, error) {
	if p, ok := s.playlists[q.UID]; ok {
		return p, nil
	}
	return nil, errors.New("not found")
}

func (s *Service) ListPlaylists(ctx context.Context, q *playlist.ListPlaylistsQuery) ([]*playlist.Playlist, error) {
	var out []*playlist.Playlist
	for _, p := range s.playlists {
		out = append(out, p)
	}
	return out, nil
}
