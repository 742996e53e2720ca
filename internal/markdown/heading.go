package markdown

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/flipdeck/flipdeck/internal/slug"
)

// Heading ids: Options.HeadingIDPrefix + slug.Make(heading text), made
// unique within one render ("x", "x-1", "x-2"). The text is the heading's
// source without trailing #tags and block ids, the same text the site's
// link resolver slugs for [[Note#Heading]].

func (st *state) headingID(h *ast.Heading) {
	stripBlockIDs(h, st.src)
	var parts []string
	lines := h.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		parts = append(parts, string(seg.Value(st.src)))
	}
	fields := strings.Fields(strings.Join(parts, " "))
	for len(fields) > 0 {
		last := fields[len(fields)-1]
		if strings.HasPrefix(last, "#") || isBlockID([]byte(last)) {
			fields = fields[:len(fields)-1]
			continue
		}
		break
	}
	id := st.opt.HeadingIDPrefix + slug.Make(strings.Join(fields, " "))
	if st.ids[id] {
		for i := 1; ; i++ {
			c := id + "-" + strconv.Itoa(i)
			if !st.ids[c] {
				id = c
				break
			}
		}
	}
	if st.ids == nil {
		st.ids = make(map[string]bool) // most calls have no heading
	}
	st.ids[id] = true
	h.SetAttributeString("id", []byte(id))
}
