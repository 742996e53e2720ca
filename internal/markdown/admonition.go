package markdown

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Admonition-plugin blocks: a fence whose language is "ad-<type>"
// (```ad-note, ~~~ad-tip) is a callout of that type, with the same HTML
// as "> [!type]". Its first lines may be parameters:
//
//	title: Some **title**   (blank: no title bar, unless it folds)
//	collapse: open | closed (or true): foldable, open or folded
//	icon: …, color: …       (ignored: the callout's type sets its look)
//
// and the rest is Markdown, rendered by a nested call of this same
// pipeline, so it holds anything a note does, admonitions included
// (nested ones use longer fences, as in Obsidian). The reader of notes
// (internal/notes) treats the lines inside as note text too, so cards
// in an admonition count.

// maxAdmonitionNesting bounds admonitions inside admonitions; deeper
// ones stay code. Each level renders its body again, so this keeps a
// pathological note linear. internal/notes uses the same bound.
const maxAdmonitionNesting = 8

type admonition struct {
	ast.BaseBlock
	typ       string
	fold      byte // 0, '-' or '+', as for callouts
	titleBar  bool
	titleHTML string // "" for the default title
	bodyHTML  string
}

var kindAdmonition = ast.NewNodeKind("Admonition")

func (n *admonition) Kind() ast.NodeKind { return kindAdmonition }

func (n *admonition) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Type": n.typ}, nil)
}

// admonitionType returns the callout type of a fence language
// "ad-<type>", or "".
func admonitionType(lang string) string {
	if len(lang) < 4 || !strings.EqualFold(lang[:3], "ad-") {
		return ""
	}
	return calloutType(lang[3:])
}

// isAdmonition reports a fence this render turns into an admonition. It
// runs for every fence: most fail the cheap test of the info string's
// first bytes.
func (st *state) isAdmonition(n *ast.FencedCodeBlock) bool {
	if n.Info == nil || st.opt.adNesting >= maxAdmonitionNesting {
		return false
	}
	info := bytes.TrimLeft(n.Info.Segment.Value(st.src), " \t")
	if len(info) < 4 || !bytes.EqualFold(info[:3], []byte("ad-")) {
		return false
	}
	return admonitionType(fenceLanguage(n, st.src)) != ""
}

// admonition replaces fence n (an admonition) by its rendered callout.
func (st *state) admonition(n *ast.FencedCodeBlock) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	a := &admonition{typ: admonitionType(fenceLanguage(n, st.src)), titleBar: true}
	lines := n.Lines()
	i := 0
	var title string
	hasTitle, titleAt := false, 0
	for ; i < lines.Len(); i++ {
		seg := lines.At(i)
		key, value, ok := strings.Cut(strings.TrimSpace(string(seg.Value(st.src))), ":")
		if !ok {
			break
		}
		switch strings.TrimSpace(key) {
		case "title":
			title, hasTitle, titleAt = strings.TrimSpace(value), true, seg.Start
		case "collapse":
			a.fold = admonitionFold(strings.TrimSpace(value))
		case "icon", "color":
		default:
			ok = false
		}
		if !ok {
			break
		}
	}
	st.adCount++
	opt := st.opt
	opt.adNesting++
	opt.HeadingIDPrefix = st.opt.HeadingIDPrefix + "ad" + strconv.Itoa(st.adCount) + "-"
	switch {
	case title != "":
		opt.Line = st.line(titleAt)
		a.titleHTML = inlineHTML(st.renderNested(title, opt))
	case hasTitle && a.fold == 0:
		a.titleBar = false // "title:" left blank: no title bar
	}
	if i < lines.Len() {
		var body strings.Builder
		for k := i; k < lines.Len(); k++ {
			seg := lines.At(k)
			body.Write(seg.Value(st.src))
		}
		opt.Line = st.line(lines.At(i).Start)
		a.bodyHTML = st.renderNested(body.String(), opt)
	}
	a.SetBlankPreviousLines(n.HasBlankPreviousLines())
	parent.ReplaceChild(parent, n, a)
}

// admonitionFold reads a "collapse:" value: "open" folds open, "none"
// or "false" does not fold, anything else ("closed", "true") folds shut.
func admonitionFold(v string) byte {
	switch strings.ToLower(v) {
	case "open":
		return '+'
	case "", "none", "false":
		return 0
	}
	return '-'
}

// renderNested renders part of this text with opt and keeps its
// diagnostics with this call's.
func (st *state) renderNested(src string, opt Options) string {
	html, diags := st.r.render(src, opt, st.depth)
	st.diags = append(st.diags, diags...)
	return html
}

// inlineHTML returns the HTML of a rendered one-line title without the
// paragraph around it.
func inlineHTML(html string) string {
	t := strings.TrimSuffix(html, "\n")
	if s, ok := strings.CutPrefix(t, "<p>"); ok {
		if s, ok := strings.CutSuffix(s, "</p>"); ok && !strings.Contains(s, "<p>") {
			return s
		}
	}
	return t
}

type admonitionExt struct{}

func (admonitionExt) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer(func(reg renderer.NodeRendererFuncRegisterer) {
		reg.Register(kindAdmonition, renderAdmonition)
	}), 500)))
}

func renderAdmonition(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*admonition)
	writeCalloutStart(w, n.typ, n.fold)
	if n.titleBar {
		writeTitleStart(w, n.fold)
		if n.titleHTML == "" {
			writeDefaultTitle(w, n.typ)
		} else {
			_, _ = w.WriteString(n.titleHTML)
		}
		writeTitleEnd(w, n.fold)
	} else {
		_, _ = w.WriteString(`<div class="callout-content">` + "\n")
	}
	_, _ = w.WriteString(n.bodyHTML)
	writeCalloutEnd(w, n.fold)
	return ast.WalkSkipChildren, nil
}
