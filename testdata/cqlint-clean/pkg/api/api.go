package api

import (
	"encoding/json"
	"net/http"

	"example.com/clean/pkg/services/playlist"
)

type API struct{ Playlists playlist.Service }

func (a *API) GetPlaylist(w http.ResponseWriter, r *http.Request) {
	p, err := a.Playlists.GetPlaylist(r.Context(), &playlist.GetPlaylistQuery{UID: r.URL.Query().Get("uid")})
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	_ = json.NewEncoder(w).Encode(playlist.PlaylistResponse{Result: p})
}
