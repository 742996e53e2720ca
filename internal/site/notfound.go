package site

import (
	"html/template"
	"strings"

	"github.com/flipdeck/flipdeck/internal/layout"
)

// notFoundPage is 404.html. GitHub Pages serves it for a missing URL at
// any depth, so relative URLs cannot work in it: with -base-url it links
// the site absolutely, and its script (assets/js/moved.js) sends the
// addresses of earlier builds that moved (the quiz pages) to where they
// are now; without, it is self-contained (unstyled, a link to the
// server's root). It has no inline style: the same
// Content-Security-Policy as every page forbids them.
var notFoundPage = template.Must(template.New("404").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="` + layout.ContentSecurityPolicy + `">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><title>Page not found · {{.Title}}</title>
{{if .Base}}<link rel="stylesheet" href="{{.Base}}assets/site.css">
<script type="module" src="{{.Base}}assets/js/moved.js"></script>{{end}}
</head><body class="page-404"><main class="wrap">
<h1>Page not found</h1>
<p>This page is not part of {{.Title}}. It may have been renamed when the notes changed.</p>
<p><a href="{{if .Base}}{{.Base}}index.html{{else}}/{{end}}">Go to the list of decks</a></p>
</main></body></html>
`))

func addNotFound(out Output, title, baseURL string) {
	if baseURL != "" && !strings.HasSuffix(baseURL, "/") {
		baseURL += "/"
	}
	var b strings.Builder
	if err := notFoundPage.Execute(&b, struct{ Title, Base string }{title, baseURL}); err != nil {
		panic(err)
	}
	out["404.html"] = []byte(b.String())
}
