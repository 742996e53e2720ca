// Package pwa makes the files that let a built site install as an app
// and work offline: the web app manifest, the app icons, and the service
// worker with its precache list and build id. It takes plain values (the
// site's title, the name, size and hash of every file) and returns bytes;
// it knows nothing of notes or decks.
package pwa

import (
	"encoding/json"
)

// Manifest is manifest.webmanifest: what makes the site installable.
type Manifest struct {
	Name            string         `json:"name"`
	ShortName       string         `json:"short_name"`
	ID              string         `json:"id"`
	StartURL        string         `json:"start_url"`
	Scope           string         `json:"scope"`
	Display         string         `json:"display"`
	BackgroundColor string         `json:"background_color"`
	ThemeColor      string         `json:"theme_color"`
	Icons           []ManifestIcon `json:"icons"`
}

// ManifestIcon is one icon the manifest lists.
type ManifestIcon struct {
	Src     string `json:"src"`
	Sizes   string `json:"sizes"`
	Type    string `json:"type"`
	Purpose string `json:"purpose,omitempty"`
}

// Files are the web app manifest and the icons of a site titled title,
// by output path.
func Files(title string) map[string][]byte {
	out := appIcons()
	short := title
	if r := []rune(short); len(r) > 12 {
		short = string(r[:12])
	}
	m := Manifest{
		Name: title, ShortName: short, ID: "./", StartURL: "./index.html", Scope: "./",
		Display: "standalone", BackgroundColor: "#ffffff", ThemeColor: "#2f5da8",
		Icons: []ManifestIcon{
			{Src: "icons/icon-192.png", Sizes: "192x192", Type: "image/png"},
			{Src: "icons/icon-512.png", Sizes: "512x512", Type: "image/png"},
			{Src: "icons/maskable-512.png", Sizes: "512x512", Type: "image/png", Purpose: "maskable"},
		},
	}
	data, err := json.Marshal(m)
	if err != nil {
		panic(err) // only our own plain types are marshalled
	}
	out[ManifestName] = data
	return out
}

// ManifestName is the manifest's path in the site; templates/layout.html
// links it.
const ManifestName = "manifest.webmanifest"
