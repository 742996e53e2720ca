package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"strings"

	"github.com/flipdeck/flipdeck"
	"github.com/flipdeck/flipdeck/internal/notes"
)

// pageBuilder lays out every page of the site from the deck tree and the
// rendered notes.
type pageBuilder struct {
	opt      Options
	tree     *deckTree
	placed   map[string]*placedNote
	rendered map[string]*renderedNote
	tmpl     map[string]*template.Template // page kind → layout + page
	siteID   string
}

// pageKinds are the page templates; each is parsed together with
// templates/layout.html and executed as "layout".
var pageKinds = []string{"index", "deck", "quiz", "stats"}

func newPageBuilder(opt Options, tmpl map[string]*template.Template, tree *deckTree, placed map[string]*placedNote, rendered map[string]*renderedNote) *pageBuilder {
	sum := sha256.Sum256([]byte(opt.Title))
	return &pageBuilder{opt: opt, tree: tree, placed: placed, rendered: rendered,
		tmpl: tmpl, siteID: hex.EncodeToString(sum[:4])}
}

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
		m[kind] = template.Must(t.ParseFS(flipdeck.Templates, "templates/layout.html", "templates/"+kind+".html"))
	}
	return m
}

func (p *pageBuilder) layout(kind, title, root string) Layout {
	return Layout{SiteTitle: p.opt.Title, PageTitle: title, Root: root, PageKind: kind, SiteID: p.siteID}
}

func (p *pageBuilder) execute(out Output, name, kind string, data any) {
	var buf bytes.Buffer
	if err := p.tmpl[kind].ExecuteTemplate(&buf, "layout", data); err != nil {
		// Template data comes from our own types: a failure is a bug.
		panic(fmt.Sprintf("executing %s template for %s: %v", kind, name, err))
	}
	out[name] = buf.Bytes()
}

// addAll renders every page into out.
func (p *pageBuilder) addAll(out Output) {
	total := 0
	for _, n := range p.rendered {
		total += len(n.cards)
	}
	p.tree.walk(func(d *DeckNode) { d.CardIDs = p.cardIDs(d) })
	p.execute(out, "index.html", "index", IndexPage{
		Layout:        p.layout("index", "", ""),
		Decks:         p.tree.roots,
		TotalCards:    total,
		TotalNotes:    len(p.rendered),
		DeckCardsJSON: deckCardsJSON(p.tree.roots),
	})
	p.tree.walk(func(d *DeckNode) {
		var views []NoteView
		for _, n := range p.tree.notes[d] {
			views = append(views, p.rendered[n.Path].view)
		}
		p.execute(out, d.URL, "deck", DeckPage{
			Layout:        p.layout("deck", d.FullName, pageRoot),
			Deck:          d,
			Ancestors:     p.tree.ancestors(d),
			Notes:         views,
			DeckCardsJSON: deckCardsJSON([]*DeckNode{d}),
		})
		if d.CardCount > 0 && d.Depth == 0 {
			out[d.AnkiURL] = p.ankiFile(d)
		}
		if d.CardCount > 0 {
			p.execute(out, d.QuizURL, "quiz", QuizPage{
				Layout:    p.layout("quiz", "Quiz: "+d.FullName, pageRoot),
				Deck:      d,
				Ancestors: p.tree.ancestors(d),
				CardsJSON: p.quizJSON(d),
			})
		}
	})
	if total > 0 {
		all := p.allDecksNode(total)
		p.execute(out, all.QuizURL, "quiz", QuizPage{
			Layout:    p.layout("quiz", "Review all decks", pageRoot),
			Deck:      all,
			CardsJSON: p.quizJSON(all),
		})
	}
	p.execute(out, "stats.html", "stats", StatsPage{
		Layout:        p.layout("stats", "Statistics", ""),
		Decks:         p.tree.roots,
		DeckCardsJSON: deckCardsJSON(p.tree.roots),
		TotalCards:    total,
	})
	out["cards.json"] = p.cardsJSON()
}

// allDecksNode is a deck standing for the whole site: its quiz reviews
// everything due, whatever the deck.
func (p *pageBuilder) allDecksNode(total int) *DeckNode {
	d := &DeckNode{Name: "All decks", FullName: "All decks", Slug: allDecksSlug,
		URL: "index.html", QuizURL: "quiz/" + allDecksSlug + ".html", CardCount: total,
		Children: p.tree.roots}
	for _, r := range p.tree.roots {
		d.CardIDs = append(d.CardIDs, r.CardIDs...)
	}
	return d
}

// cardIDs lists the ids of every card in d's subtree, in deck order.
func (p *pageBuilder) cardIDs(d *DeckNode) []string {
	var ids []string
	for _, n := range p.tree.subtreeNotes(d) {
		for _, c := range n.Cards {
			ids = append(ids, c.ID)
		}
	}
	return ids
}

// deckCardsJSON maps each deck slug in the given subtrees to its card ids.
func deckCardsJSON(roots []*DeckNode) template.JS {
	m := map[string][]string{}
	var rec func([]*DeckNode)
	rec = func(ds []*DeckNode) {
		for _, d := range ds {
			m[d.Slug] = d.CardIDs
			if m[d.Slug] == nil {
				m[d.Slug] = []string{}
			}
			rec(d.Children)
		}
	}
	rec(roots)
	return scriptJSON(m)
}

// scriptJSON marshals v for a <script type="application/json"> element.
// encoding/json escapes <, > and & as \u003c…, so no "</script>" or
// "<!--" can appear in the output and end the element early.
func scriptJSON(v any) template.JS {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only our own plain types are marshalled
	}
	return template.JS(b)
}

func (p *pageBuilder) quizJSON(d *DeckNode) template.JS {
	cards := []QuizCard{}
	var ns []*notes.Note
	if d.Slug == allDecksSlug {
		for _, r := range p.tree.roots {
			ns = append(ns, p.tree.subtreeNotes(r)...)
		}
	} else {
		ns = p.tree.subtreeNotes(d)
	}
	for _, n := range ns {
		pn, rn := p.placed[n.Path], p.rendered[n.Path]
		for i, c := range n.Cards {
			qc := QuizCard{
				ID: c.ID, Kind: string(c.Kind), Deck: strings.Join(c.Deck, "::"),
				DeckURL:  pn.deck.URL + "#card-" + segmentCardID(n, i),
				Question: rn.cards[i].question, Answer: rn.cards[i].answer,
				ClozeText: c.ClozeText, Context: c.Context,
			}
			if c.Pair >= 0 && c.Pair < len(n.Cards) {
				qc.Pair = n.Cards[c.Pair].ID
			}
			cards = append(cards, qc)
		}
	}
	return scriptJSON(cards)
}

// segmentCardID returns the id of the flip card that shows card i on the
// deck page: the first card of the segment holding it.
func segmentCardID(n *notes.Note, i int) string {
	for _, s := range n.Segments {
		for _, ci := range s.Cards {
			if ci == i {
				return n.Cards[s.Cards[0]].ID
			}
		}
	}
	return n.Cards[i].ID
}
