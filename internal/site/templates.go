package site

import (
	"html/template"
	"strings"

	"github.com/flipdeck/flipdeck"
)

// pageKinds are the page templates; each is parsed together with
// templates/layout.html and templates/decklist.html (the deck list of
// the index and of deck pages) and executed as "layout".
var pageKinds = []string{"index", "deck", "quiz", "stats"}

var templateFuncs = template.FuncMap{
	"join": strings.Join,
	"add":  func(a, b int) int { return a + b },
}

// parseTemplates parses the embedded templates. They are part of the
// binary, so a parse error is a programming error caught by every test.
func parseTemplates() map[string]*template.Template {
	m := map[string]*template.Template{}
	for _, kind := range pageKinds {
		t := template.New("").Funcs(templateFuncs)
		m[kind] = template.Must(t.ParseFS(flipdeck.Templates, "templates/layout.html", "templates/decklist.html", "templates/"+kind+".html"))
	}
	return m
}
