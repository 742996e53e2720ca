package layout

import (
	"bytes"
	"html/template"
	"math/rand/v2"
	"strings"
	"testing"
)

// deckBodyTemplate is what templates/deck.html wrote for the table of
// contents and the notes before ContentsList and NoteArticles; they
// must write what it wrote.
var deckBodyTemplate = template.Must(template.New("").Parse(`{{define "contents"}}<ol class="toc-notes" role="list">
{{range .Notes}}<li><a class="toc-note" href="#{{.Anchor}}">{{.Title}}</a>{{if .Contents}}
<ol class="toc-cards" role="list">
{{range .Contents}}<li><a href="#{{.ID}}">{{if .HTML}}{{.HTML}}{{else}}{{.Text}}{{end}}</a></li>
{{end}}</ol>{{end}}</li>
{{end}}</ol>{{end}}{{define "articles"}}{{range .Notes}}
<article class="note" id="{{.Anchor}}">
<header class="note-header">
<h2 class="note-title"{{if .TitleID}} id="{{.TitleID}}"{{end}}>{{.Title}}</h2>
{{if .Path}}<p class="note-path">{{.Path}}</p>{{end}}
</header>
<div class="note-body prose">
{{range .Blocks}}{{.HTML}}
{{end}}</div>
</article>
{{end}}{{end}}{{define "page"}}{{template "contents" .}}|{{template "articles" .}}{{end}}`))

// goDeckBody is the same two pieces written by the Go code, into the
// slots the template leaves (fillSlots does it in Templates.Execute).
var goDeckBody = template.Must(template.New("").Parse(`{{define "page"}}<ol class="toc-notes" role="list">
{{.ContentsList}}</ol>|{{.NoteArticles}}{{end}}`))

// execTemplate is tmpl's template name executed with data.
func execTemplate(t *testing.T, tmpl *template.Template, name string, data any) string {
	t.Helper()
	var b strings.Builder
	if err := tmpl.ExecuteTemplate(&b, name, data); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestDeckBodyAsTemplate(t *testing.T) {
	pages := []DeckPage{
		{},
		{Notes: []NoteView{{Title: "Kinesis", Anchor: "note-kinesis", Path: "AWS/Kinesis.md",
			Blocks:   []BlockView{{HTML: "<p>Streams.</p>"}},
			Contents: []ContentsItem{{ID: "card-b1650012764488", Text: "What is Kinesis?"}, {ID: "card-x", HTML: "<math>x</math>", Text: "x"}}}}},
		{Notes: []NoteView{{Title: `A & "B" <c>`, Anchor: "a b/c#d?é", TitleID: "h-a+b"}, {Title: "", Anchor: ""}}},
	}
	rng := rand.New(rand.NewPCG(3, 4))
	word := wordMaker(3, []string{"a", "Z", "0", " ", "&", "<", ">", "\"", "'", "+", "\x00", "é", "›", "%", "#", "/", "?", "-", "_", "~", ".", "\n", "\xff", "\ufffd", "\ufdd0"})
	for range 500 {
		var p DeckPage
		for range rng.IntN(4) {
			n := NoteView{Title: word(), Path: word(), Anchor: word(), TitleID: word()}
			for range rng.IntN(3) {
				n.Blocks = append(n.Blocks, BlockView{HTML: template.HTML(word())})
			}
			for range rng.IntN(4) {
				c := ContentsItem{ID: word(), Text: word()}
				if rng.IntN(3) == 0 {
					c.HTML = template.HTML(word())
				}
				n.Contents = append(n.Contents, c)
			}
			p.Notes = append(p.Notes, n)
		}
		pages = append(pages, p)
	}
	for _, p := range pages {
		frame := execTemplate(t, goDeckBody, "page", p)
		if got, want := string(p.fillSlots([]byte(frame))), execTemplate(t, deckBodyTemplate, "page", p); got != want {
			t.Fatalf("notes %+v:\ngot  %q\nwant %q", p.Notes, got, want)
		}
	}
}

// The page's size estimate is at least what the pieces write when
// nothing needs escaping, so that Execute grows its buffer once.
func TestDeckBodySizes(t *testing.T) {
	p := DeckPage{Notes: []NoteView{{Title: "T", Anchor: "note-t", Path: "d/T.md", TitleID: "t",
		Blocks:   []BlockView{{HTML: template.HTML(strings.Repeat("<p>x</p>", 100))}},
		Contents: []ContentsItem{{ID: "card-1", Text: "a question"}, {ID: "card-2", HTML: "<math>y</math>"}}}}}
	var contents, articles bytes.Buffer
	p.writeContents(&contents)
	p.writeArticles(&articles)
	if got, est := contents.Len(), p.contentsSize(); got > est {
		t.Errorf("contents: wrote %d bytes, estimated %d", got, est)
	}
	if got, est := articles.Len(), p.articlesSize(); got > est {
		t.Errorf("articles: wrote %d bytes, estimated %d", got, est)
	}
}

// wordMaker returns a maker of short random strings of pieces, from a
// generator seeded with seed (the same words every run).
func wordMaker(seed uint64, pieces []string) func() string {
	rng := rand.New(rand.NewPCG(seed, seed+1))
	return func() string {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
}

// Templates.Execute fills the slots the deck template leaves: the page
// holds the notes and no slot mark.
func TestDeckPageSlotsFilled(t *testing.T) {
	d := &DeckNode{Name: "D", FullName: "D", Slug: "d", URL: "decks/d.html", QuizURL: "quiz/d.html", CardCount: 1}
	p := DeckPage{Layout: NewLayout("deck", "S", "D", PageRoot, "x"), Deck: d, Cards: 1,
		Notes: []NoteView{{Title: "T", Anchor: "note-t", Blocks: []BlockView{{HTML: "<p>body</p>"}},
			Contents: []ContentsItem{{ID: "card-1", Text: "q?"}}}}}
	page := string(ParseTemplates().Execute(d.URL, "deck", p, 0))
	for _, want := range []string{`<li><a class="toc-note" href="#note-t">T</a>`, `<a href="#card-1">q?</a>`, "<p>body</p></div></article>"} {
		if !strings.Contains(page, want) {
			t.Errorf("deck page lacks %q", want)
		}
	}
	if strings.Contains(page, "\x00") {
		t.Error("deck page holds a slot mark")
	}
}
