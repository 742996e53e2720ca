package markdown

import (
	"net/url"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/flipdeck/flipdeck/internal/diag"
)

// Markdown links to vault files, [text](Other%20Note.md#Heading) or
// [text](#Heading), resolve through Options.Resolver like wikilinks;
// remote links stay as written. A local link whose target is not in the
// site keeps its text in <span class="wikilink-missing">.

type missingLink struct{ ast.BaseInline }

var kindMissingLink = ast.NewNodeKind("MissingLink")

func (n *missingLink) Kind() ast.NodeKind { return kindMissingLink }

func (n *missingLink) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

func (st *state) resolveLink(l *ast.Link) {
	dest := string(l.Destination)
	if st.opt.Resolver == nil || (!isLocal(dest) && !strings.HasPrefix(dest, "#")) || dest == "#" {
		return
	}
	target := dest
	if d, err := url.PathUnescape(dest); err == nil {
		target = d
	}
	t, ok := st.opt.Resolver.Link(st.opt.File, target)
	if ok {
		l.Destination = []byte(st.opt.Root + t.URL)
		if t.Download != "" {
			l.SetAttributeString("download", []byte(t.Download))
		}
		return
	}
	if strings.HasPrefix(dest, "#") {
		return // an in-page anchor the resolver does not know: keep it
	}
	if file, attachment := targetFile(target); attachment {
		st.warn(nodeOffset(l), diag.KindMissingLink, missingAttachment(file))
	} else {
		st.warn(nodeOffset(l), diag.KindMissingLink, "link target "+target+" not found; create the note or fix the link")
	}
	parent := l.Parent()
	if parent == nil {
		return
	}
	m := &missingLink{}
	for c := l.FirstChild(); c != nil; {
		next := c.NextSibling()
		m.AppendChild(m, c)
		c = next
	}
	parent.ReplaceChild(parent, l, m)
}

type linkExt struct{}

func (linkExt) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer(func(reg renderer.NodeRendererFuncRegisterer) {
		reg.Register(kindMissingLink, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering {
				_, _ = w.WriteString(`<span class="wikilink-missing">`)
			} else {
				_, _ = w.WriteString("</span>")
			}
			return ast.WalkContinue, nil
		})
	}), 500)))
}
