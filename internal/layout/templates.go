package layout

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"

	"github.com/flipdeck/flipdeck"
	"github.com/flipdeck/flipdeck/internal/compacthtml"
)

// pageKinds are the page templates; each is parsed together with
// templates/layout.html and templates/decklist.html (the deck list of
// the index and of deck pages) and executed as "layout".
var pageKinds = []string{"index", "deck", "stats"}

var templateFuncs = template.FuncMap{
	"join": strings.Join,
	"add":  func(a, b int) int { return a + b },
	// the page's Content-Security-Policy and its one inline script (policy.go)
	"policyAttr": policyAttr,
	"quizAt":     quizAt,
}

// Templates are the page templates by page kind ("index", "deck",
// "stats").
type Templates map[string]*template.Template

// ParseTemplates parses the embedded templates. They are part of the
// binary, so a parse error is a programming error caught by every test.
func ParseTemplates() Templates {
	m := Templates{}
	for _, kind := range pageKinds {
		t := template.New("").Funcs(templateFuncs)
		m[kind] = template.Must(t.ParseFS(flipdeck.Templates, "templates/layout.html", "templates/decklist.html", "templates/"+kind+".html"))
	}
	return m
}

// Execute lays out the page name of kind with data (one of the page
// types of templatedata.go), as compact HTML, final. sizeHint is about how many bytes of HTML
// its content takes, to size the buffer once.
func (ts Templates) Execute(name, kind string, data any, sizeHint int) []byte {
	var buf bytes.Buffer
	slotted, _ := data.(slottedPage)
	if slotted != nil {
		buf.Grow(slotted.frameSize()) // the content goes in after
	} else {
		buf.Grow(sizeHint + 16<<10) // the layout and deck tree around the content
	}
	if err := ts[kind].ExecuteTemplate(&buf, "layout", data); err != nil {
		// Template data comes from our own types: a failure is a bug.
		panic(fmt.Sprintf("executing %s template for %s: %v", kind, name, err))
	}
	page := buf.Bytes()
	if slotted != nil {
		page = slotted.fillSlots(page)
	}
	// The templates, the markup written in Go and goldmark's HTML put
	// line breaks between tags; pages are not minified, so they go here,
	// in place.
	return compacthtml.Append(page[:0], page)
}

// slottedPage is page data whose largest pieces the template leaves a
// slot for, written in Go once it is done (deckbody.go).
type slottedPage interface {
	frameSize() int
	fillSlots(frame []byte) []byte
}
