package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/flipdeck/flipdeck/internal/diag"
)

// Wikilinks: [[Note]], [[Note|alias]], [[Note#Heading]], [[Note#^block]]
// and [[#Heading]]. The parser only records what was written; the
// transformer resolves it through Options.Resolver (per-call state), and
// the renderer writes <a class="wikilink"> or, for a target not in the
// site, <span class="wikilink-missing"> with the text.

type wikilink struct {
	ast.BaseInline
	target   string
	alias    string
	hasAlias bool
	href     string // resolved, with Options.Root; "" when missing
	download string // Target.Download
}

var kindWikilink = ast.NewNodeKind("Wikilink")

func (n *wikilink) Kind() ast.NodeKind { return kindWikilink }

func (n *wikilink) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Target": n.target, "Alias": n.alias}, nil)
}

// display is the text shown for the link, the way Obsidian shows it.
func (n *wikilink) display() string {
	if n.hasAlias && strings.TrimSpace(n.alias) != "" {
		return n.alias
	}
	t := n.target
	if strings.HasPrefix(t, "#") {
		return strings.TrimPrefix(strings.TrimPrefix(t, "#"), "^")
	}
	return strings.ReplaceAll(t, "#", " > ")
}

// scanWikilink reads "[[target|alias]]" at the start of line. It returns
// the bytes consumed, the target and the alias. "\|" (written inside
// tables) separates like "|".
func scanWikilink(line []byte) (n int, target, alias string, hasAlias, ok bool) {
	if !bytes.HasPrefix(line, []byte("[[")) {
		return 0, "", "", false, false
	}
	// The first "]]", with no '[' or line break before it. Stopping at a
	// '[' keeps a line of many "[[" linear: looking for a "]]" from each
	// went to the end of the line every time.
	end := -1
	for i := 2; i < len(line); {
		j := bytes.IndexAny(line[i:], "[]\n")
		if j < 0 || line[i+j] != ']' {
			return 0, "", "", false, false
		}
		if i+j+1 < len(line) && line[i+j+1] == ']' {
			end = i + j - 2
			break
		}
		i += j + 1
	}
	if end < 0 {
		return 0, "", "", false, false
	}
	inner := line[2 : 2+end]
	if len(bytes.TrimSpace(inner)) == 0 {
		return 0, "", "", false, false
	}
	s := string(inner)
	if i := strings.IndexByte(s, '|'); i >= 0 {
		t := s[:i]
		t = strings.TrimSuffix(t, `\`)
		target, alias, hasAlias = t, s[i+1:], true
	} else {
		target = s
	}
	target = strings.TrimSpace(target)
	alias = strings.TrimSpace(alias)
	if target == "" {
		return 0, "", "", false, false
	}
	return 2 + end + 2, target, alias, hasAlias, true
}

type wikilinkParser struct{}

func (wikilinkParser) Trigger() []byte { return []byte{'['} }

func (wikilinkParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	n, target, alias, hasAlias, ok := scanWikilink(line)
	if !ok {
		return nil
	}
	block.Advance(n)
	w := &wikilink{target: target, alias: alias, hasAlias: hasAlias}
	w.SetPos(seg.Start)
	return w
}

func (st *state) resolveWikilink(n *wikilink) {
	if st.opt.Resolver == nil {
		return
	}
	t, ok := st.opt.Resolver.Link(st.opt.File, n.target)
	if !ok {
		if file, attachment := targetFile(n.target); attachment {
			st.warn(n.Pos(), diag.KindMissingLink, missingAttachment(file))
		} else {
			st.warn(n.Pos(), diag.KindMissingLink, "link target [["+n.target+"]] not found; create the note or fix the name")
		}
		return
	}
	n.href, n.download = st.opt.Root+t.URL, t.Download
}

type wikilinkExt struct{}

func (wikilinkExt) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(wikilinkParser{}, 199)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer(func(reg renderer.NodeRendererFuncRegisterer) {
		reg.Register(kindWikilink, renderWikilink)
	}), 500)))
}

func renderWikilink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*wikilink)
	if n.href == "" {
		_, _ = w.WriteString(`<span class="wikilink-missing">`)
		writeEscaped(w, n.display())
		_, _ = w.WriteString("</span>")
		return ast.WalkSkipChildren, nil
	}
	_, _ = w.WriteString(`<a class="wikilink"`)
	writeAttr(w, "href", n.href)
	if n.download != "" {
		writeAttr(w, "download", n.download)
	}
	_, _ = w.WriteString(`>`)
	writeEscaped(w, n.display())
	_, _ = w.WriteString("</a>")
	return ast.WalkSkipChildren, nil
}
