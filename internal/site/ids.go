package site

import (
	"fmt"
	"strings"

	"github.com/flipdeck/flipdeck/internal/diag"
	"github.com/flipdeck/flipdeck/internal/notes"
)

// uniqueCardIDs makes card ids unique across the whole site. Within one
// note the parser already does so; across notes the same question in one
// deck (or a block id pasted into two notes) would give two cards one id,
// and so one shared progress record. The card of the later note (in path
// order) gets "-2", "-3"…, and a warning.
func uniqueCardIDs(all []*notes.Note) []diag.Diagnostic {
	type where struct {
		path string
		line int
	}
	first := map[string]where{} // id → its first card, in path order
	for _, n := range all {
		for _, c := range n.Cards {
			if _, ok := first[c.ID]; !ok {
				first[c.ID] = where{n.Path, c.Line}
			}
		}
	}
	var diags []diag.Diagnostic
	for _, n := range all {
		warned := map[int]bool{}
		for i := range n.Cards {
			c := &n.Cards[i]
			f := first[c.ID]
			if f.path == n.Path {
				continue
			}
			id := c.ID
			for k := 2; ; k++ {
				if _, taken := first[fmt.Sprintf("%s-%d", c.ID, k)]; !taken {
					id = fmt.Sprintf("%s-%d", c.ID, k)
					break
				}
			}
			first[id] = where{n.Path, c.Line}
			if !warned[c.Line] {
				warned[c.Line] = true
				msg := fmt.Sprintf("question %q is already asked at %s:%d in deck %s: reword one of them (progress is kept apart under the id %s meanwhile)",
					shortText(c.Question), f.path, f.line, strings.Join(c.Deck, "::"), id)
				if c.BlockID != "" {
					msg = fmt.Sprintf("block id ^%s is also used at %s:%d: give one of the cards a new id (progress is kept apart under the id %s meanwhile)",
						c.BlockID, f.path, f.line, id)
				}
				diags = append(diags, diag.Diagnostic{File: n.Path, Line: c.Line, Kind: diag.KindDuplicate,
					Severity: diag.Warning, Message: msg})
			}
			c.ID = id
		}
	}
	return diags
}

func shortText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return s
}
