package layout

import (
	"sort"
	"strconv"
	"strings"

	"github.com/flipdeck/flipdeck/internal/notes"
	"github.com/flipdeck/flipdeck/internal/slug"
)

// Tree is the tree of decks built from every note's "A::B::C" path.
// Parent decks exist even when no note names them directly.
type Tree struct {
	Roots []*DeckNode // top-level decks, sorted by name
	// Notes are the notes of exactly each deck, in path order. A build
	// may drop them once every deck page is made: the pages that span
	// decks need only the tree.
	Notes  map[*DeckNode][]*notes.Note
	byKey  map[string]*DeckNode
	bySlug map[string]*DeckNode
}

// AllDecksSlug names the quiz over the whole site (on the index): the
// key of its test scores. No deck takes it, so that the scores of the
// quiz of all decks and of a deck's never mix (and the quiz of all decks
// kept its page, quiz/all-decks.html, before quizzes ran in place).
const AllDecksSlug = "all-decks"

func deckKey(path []string) string { return strings.Join(path, "\x00") }

// BuildTree places every note (given in path order) in the tree,
// then sorts children by name and gives each deck a unique slug.
func BuildTree(all []*notes.Note) *Tree {
	t := &Tree{byKey: map[string]*DeckNode{}, Notes: map[*DeckNode][]*notes.Note{}, bySlug: map[string]*DeckNode{}}
	for _, n := range all {
		node := t.node(n.Deck)
		t.Notes[node] = append(t.Notes[node], n)
		node.NoteCount++
		node.OwnCards += len(n.Cards)
	}
	sortDecks(t.Roots)
	// The review of every deck at once is keyed all-decks; no deck may
	// take that name.
	t.bySlug[AllDecksSlug] = &DeckNode{}
	for _, r := range t.Roots {
		countCards(r)
	}
	// Slugs are given in tree order, so a clash is always resolved the
	// same way whatever order the notes were read in.
	t.Walk(func(d *DeckNode) {
		base := deckSlug(d.Path)
		s := base
		for i := 2; t.bySlug[s] != nil; i++ {
			s = base + "-" + strconv.Itoa(i)
		}
		d.Slug = s
		d.URL = "decks/" + s + ".html"
		d.QuizURL = d.URL + "#quiz"
		t.bySlug[s] = d
	})
	// One Anki file per top-level deck holds its whole subtree (Anki
	// rebuilds the hierarchy from the deck column); subdecks offer it.
	// Files per subdeck would repeat every card once per level.
	for _, r := range t.Roots {
		if r.CardCount == 0 {
			continue
		}
		var mark func(*DeckNode)
		mark = func(d *DeckNode) {
			d.AnkiSlug = r.Slug
			for _, c := range d.Children {
				mark(c)
			}
		}
		mark(r)
	}
	return t
}

func (t *Tree) node(path []string) *DeckNode {
	key := deckKey(path)
	if d := t.byKey[key]; d != nil {
		return d
	}
	d := &DeckNode{Name: path[len(path)-1], Path: append([]string(nil), path...),
		FullName: strings.Join(path, "::"), Depth: len(path) - 1}
	t.byKey[key] = d
	if len(path) == 1 {
		t.Roots = append(t.Roots, d)
	} else {
		p := t.node(path[:len(path)-1])
		p.Children = append(p.Children, d)
	}
	return d
}

// Walk visits decks depth-first in display order.
func (t *Tree) Walk(fn func(*DeckNode)) {
	var rec func([]*DeckNode)
	rec = func(ds []*DeckNode) {
		for _, d := range ds {
			fn(d)
			rec(d.Children)
		}
	}
	rec(t.Roots)
}

// Ancestors returns the decks above d, outermost first.
func (t *Tree) Ancestors(d *DeckNode) []*DeckNode {
	var out []*DeckNode
	for i := 1; i < len(d.Path); i++ {
		out = append(out, t.byKey[deckKey(d.Path[:i])])
	}
	return out
}

func sortDecks(ds []*DeckNode) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := strings.ToLower(ds[i].Name), strings.ToLower(ds[j].Name)
		if a != b {
			return a < b
		}
		return ds[i].Name < ds[j].Name
	})
	for _, d := range ds {
		sortDecks(d.Children)
	}
}

func countCards(d *DeckNode) int {
	d.CardCount = d.OwnCards
	for _, c := range d.Children {
		d.CardCount += countCards(c)
	}
	return d.CardCount
}

func deckSlug(path []string) string {
	parts := make([]string, len(path))
	for i, p := range path {
		parts[i] = slug.Make(p)
	}
	// A deck's slug names its files (decks/<slug>.html and others): a
	// very long one is shortened, stably, to fit a file name.
	return slug.File(strings.Join(parts, "--"))
}
