package layout

// The index's deck list at scale. A vault of a thousand decks would make
// the index a thousand rows (and every deck's card ids for today's
// counts): too much to download and lay out on a phone for a list the
// reader mostly sees folded. So the index holds the top levels of the
// deck tree, as many whole levels as fit indexRowBudget rows (always the
// top one), and a row whose subdecks are left out is "lazy": its toggle
// starts closed and, opened, has the page script make the subdecks' rows
// from data/decks.json (decktree.js), a level at a time. The card ids
// come from data/decks.json too, which the service worker keeps offline.
// Without JavaScript every deck is still reachable: a deck's page lists
// all its subdecks.

// indexRowBudget is the most rows the index holds beyond its top level:
// about 20 KB of HTML, a list a reader can take in.
const indexRowBudget = 100

// IndexRows is the index's deck list: DeckRows of roots, cut below the
// deepest level at which the rows number at most indexRowBudget.
func IndexRows(roots []*DeckNode) []*DeckRow {
	rows := DeckRows(roots, 0, "")
	var perDepth []int // rows at each depth
	walkRows(rows, func(r *DeckRow) {
		for len(perDepth) <= r.Depth {
			perDepth = append(perDepth, 0)
		}
		perDepth[r.Depth]++
	})
	if len(perDepth) == 0 {
		return rows
	}
	last, total := 0, perDepth[0]
	for last+1 < len(perDepth) && total+perDepth[last+1] <= indexRowBudget {
		last++
		total += perDepth[last]
	}
	walkRows(rows, func(r *DeckRow) {
		if r.Depth == last && len(r.Children) > 0 {
			r.Children, r.Lazy = nil, true
		}
	})
	return rows
}

// walkRows calls fn for every row of rows and their subdeck rows, each
// row before its subdecks.
func walkRows(rows []*DeckRow, fn func(*DeckRow)) {
	for _, r := range rows {
		fn(r)
		walkRows(r.Children, fn)
	}
}

// DeckRows lays out decks as rows of a deck list at depth: a deck with
// no notes of its own and a single subdeck merges into its subdeck's row
// ("AWS Exams › Solutions Architect › Associate"), as nothing in it but
// that subdeck is worth a row; root is the page's Layout.Root.
func DeckRows(decks []*DeckNode, depth int, root string) []*DeckRow {
	rows := make([]*DeckRow, 0, len(decks))
	for _, d := range decks {
		r := &DeckRow{Depth: depth, Root: root}
		for d.NoteCount == 0 && len(d.Children) == 1 {
			r.Chain = append(r.Chain, d)
			d = d.Children[0]
		}
		r.Deck = d
		r.Children = DeckRows(d.Children, depth+1, root)
		rows = append(rows, r)
	}
	return rows
}
