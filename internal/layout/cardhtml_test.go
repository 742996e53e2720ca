package layout

import (
	"html/template"
	"math/rand/v2"
	"testing"
)

// cardTemplate is the html/template that made flip cards before CardHTML
// (templates/deck.html's "deck-card"); CardHTML must write what it wrote.
var cardTemplate = template.Must(template.New("").Parse(`{{define "deck-card"}}
<details class="card{{if .HeadingLevel}} card-heading{{end}}" id="card-{{.ID}}" data-card-ids="{{range $i, $id := .IDs}}{{if $i}} {{end}}{{$id}}{{end}}" data-kind="{{.Kind}}"{{if .Deck}} data-deck="{{.Deck}}"{{end}}>
<summary class="card-front">
{{if .Context}}<span class="card-ctx">{{range $i, $c := .Context}}{{if $i}}<span class="sep" aria-hidden="true"> › </span>{{end}}<span>{{$c}}</span>{{end}}</span>{{end}}
<span class="card-q"{{if .HeadingLevel}} role="heading" aria-level="{{.HeadingLevel}}"{{end}}>{{.Question}}</span>
{{if .Tags}}<span class="card-tags">{{range .Tags}}<span class="tag">#{{.}}</span> {{end}}</span>{{end}}
</summary>
<div class="card-back">
{{if .Answer}}{{.Answer}}{{else}}<p class="card-noanswer">No answer: a prompt to think about.</p>{{end}}
</div>
</details>
{{end}}`))

func templateCard(t *testing.T, c *CardView) string {
	t.Helper()
	return execTemplate(t, cardTemplate, "deck-card", c)
}

func TestCardHTMLAsTemplate(t *testing.T) {
	cases := []*CardView{
		{ID: "b1650012764488", IDs: []string{"b1650012764488"}, Kind: "basic",
			Question: "<p>What is Kinesis?</p>\n", Answer: "<p>A stream.</p>\n"},
		{ID: "q1", IDs: []string{"q1", "q1-r"}, Kind: "reversed", HeadingLevel: 2,
			Question: "Q", Answer: "", Context: []string{"A & B", "C++ <x>"}, Tags: []string{"aws", "c++", `"q"`}},
		{ID: "c1", IDs: []string{"c1", "c2", "c3"}, Kind: "cloze", Context: []string{"it's"}, Tags: []string{"t"}},
		{ID: "d1", IDs: []string{"d1"}, Kind: "basic", Deck: `A::B "c" & <d>`},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	word := wordMaker(1, []string{"a", " ", "&", "<", ">", "\"", "'", "+", "\x00", "é", "›", "&amp;", "\n", "`", "=", "/"})
	for range 2000 {
		c := &CardView{ID: word(), Kind: word(), Deck: word(), HeadingLevel: rng.IntN(3), Question: template.HTML(word()), Answer: template.HTML(word())}
		for range rng.IntN(3) {
			c.IDs = append(c.IDs, word())
		}
		for range rng.IntN(3) {
			c.Context = append(c.Context, word())
		}
		for range rng.IntN(3) {
			c.Tags = append(c.Tags, word())
		}
		cases = append(cases, c)
	}
	for _, c := range cases {
		if got, want := string(CardHTML(c)), templateCard(t, c); got != want {
			t.Fatalf("card %+v:\ngot  %q\nwant %q", c, got, want)
		}
	}
}
