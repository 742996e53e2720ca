package layout

import (
	"fmt"
	"strings"
	"testing"
)

func TestDeckRowsMergeChains(t *testing.T) {
	leaf := &DeckNode{Name: "C", NoteCount: 1}
	b := &DeckNode{Name: "B", Children: []*DeckNode{leaf}}
	a := &DeckNode{Name: "A", Children: []*DeckNode{b}}
	e := &DeckNode{Name: "E", NoteCount: 1}
	d := &DeckNode{Name: "D", NoteCount: 1, Children: []*DeckNode{e}} // notes of its own: a row
	x1, x2 := &DeckNode{Name: "X1", NoteCount: 1}, &DeckNode{Name: "X2", NoteCount: 1}
	x := &DeckNode{Name: "X", Children: []*DeckNode{x1, x2}} // two subdecks: a row
	rows := DeckRows([]*DeckNode{a, d, x}, 0, "../")
	var got []string
	var walk func([]*DeckRow)
	walk = func(rs []*DeckRow) {
		for _, r := range rs {
			got = append(got, strings.Repeat(">", r.Depth)+r.Label()+"@"+r.Root)
			walk(r.Children)
		}
	}
	walk(rows)
	want := "A › B › C@../ D@../ >E@../ X@../ >X1@../ >X2@../"
	if strings.Join(got, " ") != want {
		t.Errorf("rows %q, want %q", strings.Join(got, " "), want)
	}
	if rows[0].Deck != leaf || len(rows[0].Chain) != 2 {
		t.Errorf("the chain's row opens %q with chain %d, want C after 2", rows[0].Deck.Name, len(rows[0].Chain))
	}
}

// TestIndexRows: the index holds whole levels of the tree while they fit
// the budget (the top level always); the rows of the last level kept
// have their subdecks left out.
func TestIndexRows(t *testing.T) {
	node := func(name string, notes int, kids ...*DeckNode) *DeckNode {
		return &DeckNode{Name: name, Slug: strings.ToLower(name), NoteCount: notes, Children: kids}
	}
	many := func(prefix string, n int, kids func(i int) []*DeckNode) []*DeckNode {
		var out []*DeckNode
		for i := 0; i < n; i++ {
			out = append(out, node(fmt.Sprintf("%s%d", prefix, i), 1, kids(i)...))
		}
		return out
	}
	none := func(int) []*DeckNode { return nil }
	for _, c := range []struct {
		name  string
		roots []*DeckNode
		want  string // rows shown by depth, then the lazy rows
	}{
		{"small", []*DeckNode{node("A", 1, node("B", 1, node("C", 1)))}, "1 1 1 lazy 0"},
		{"chain merged", []*DeckNode{node("A", 0, node("B", 1, node("C", 1), node("D", 1)))}, "1 2 lazy 0"},
		{"second level too big", many("S", 5, func(int) []*DeckNode { return many("C", 30, none) }), "5 lazy 5"},
		{"third level too big", many("S", 4, func(int) []*DeckNode {
			return many("C", 20, func(int) []*DeckNode { return many("H", 3, none) })
		}), "4 80 lazy 80"},
		{"flat and big", many("S", 300, none), "300 lazy 0"},
		{"top level over the budget", many("S", 150, func(int) []*DeckNode { return many("C", 1, none) }), "150 lazy 150"},
	} {
		rows := IndexRows(c.roots)
		var perDepth []int
		lazy := 0
		walkRows(rows, func(r *DeckRow) {
			for len(perDepth) <= r.Depth {
				perDepth = append(perDepth, 0)
			}
			perDepth[r.Depth]++
			if r.Lazy {
				lazy++
				if len(r.Children) > 0 || !r.Subdecks() {
					t.Errorf("%s: lazy row %s has its subdecks on the page", c.name, r.Deck.Name)
				}
			}
		})
		got := strings.Trim(fmt.Sprint(perDepth), "[]") + fmt.Sprintf(" lazy %d", lazy)
		if got != c.want {
			t.Errorf("%s: rows %s, want %s", c.name, got, c.want)
		}
	}
}
