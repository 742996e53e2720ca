package markdown

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Code fences are highlighted at build time with chroma, writing CSS
// classes (HighlightCSS has the rules), as
//
//	<pre class="chroma"><code class="language-go"><span class="line">…
//
// An unknown or missing language gives plain escaped code; mermaid
// fences stay code (no diagram library ships with the site).

const (
	lightStyle = "github"
	darkStyle  = "github-dark"
)

// formatter is safe for concurrent use (its style cache locks).
var formatter = chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(true))

var cssOnce = sync.OnceValue(func() string {
	var b bytes.Buffer
	light, dark := styles.Get(lightStyle), styles.Get(darkStyle)
	_ = formatter.WriteCSS(&b, light)
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	_ = formatter.WriteCSS(&b, dark)
	writeDarkDefaults(&b, light, dark)
	b.WriteString("}\n")
	return b.String()
})

// writeDarkDefaults writes, for each token class the light style colours
// and the dark style leaves to its text colour, a rule giving it that
// text colour. chroma writes rules only for the types a style sets, and
// both styles share one stylesheet, so without these the light style's
// near-black names and punctuation (github sets them, github-dark does
// not) would stay on the dark background.
func writeDarkDefaults(b *bytes.Buffer, light, dark *chroma.Style) {
	text := dark.Get(chroma.Background).Colour
	types := light.Types()
	sort.Slice(types, func(i, j int) bool { return types[i] < types[j] })
	for _, tt := range types {
		class := chroma.StandardTypes[tt]
		if class == "" || tt == chroma.Background || !light.Get(tt).Colour.IsSet() {
			continue
		}
		if e := dark.Get(tt); e.Colour.IsSet() && e.Colour != text {
			continue // the dark style has its own rule
		}
		fmt.Fprintf(b, ".chroma .%s { color: %s }\n", class, text)
	}
}

// HighlightCSS returns the stylesheet for highlighted code: chroma's
// "github" style, and "github-dark" inside
// @media (prefers-color-scheme: dark). The result is always the same.
func HighlightCSS() string { return cssOnce() }

// fenceLanguage is the first word of the info string, kept to characters
// that are safe and useful in a class name.
func fenceLanguage(n *ast.FencedCodeBlock, src []byte) string {
	if n.Info == nil {
		return ""
	}
	info := string(n.Info.Segment.Value(src))
	if f := strings.Fields(info); len(f) > 0 {
		info = f[0]
	} else {
		return ""
	}
	info = strings.Trim(info, "{}.")
	var b strings.Builder
	for _, r := range info {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("+-_#.", r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func highlightCode(lang, code string) (string, bool) {
	if lang == "" || strings.EqualFold(lang, "mermaid") {
		return "", false
	}
	lexer := lexers.Get(lang)
	if lexer == nil {
		return "", false
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	if err != nil {
		return "", false
	}
	var b bytes.Buffer
	if err := formatter.Format(&b, styles.Get(lightStyle), it); err != nil {
		return "", false
	}
	return b.String(), true
}

func renderFencedCode(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.FencedCodeBlock)
	lang := fenceLanguage(n, src)
	var code strings.Builder
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		code.Write(seg.Value(src))
	}
	out, ok := highlightCode(lang, code.String())
	if ok {
		_, _ = w.WriteString(`<pre class="chroma">`)
	} else {
		_, _ = w.WriteString("<pre>")
	}
	if lang != "" {
		_, _ = w.WriteString(`<code class="language-`)
		writeEscaped(w, strings.ToLower(lang))
		_, _ = w.WriteString(`">`)
	} else {
		_, _ = w.WriteString("<code>")
	}
	if ok {
		_, _ = w.WriteString(out)
	} else {
		writeEscaped(w, code.String())
	}
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

type codeExt struct{}

func (codeExt) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer(func(reg renderer.NodeRendererFuncRegisterer) {
		reg.Register(ast.KindFencedCodeBlock, renderFencedCode)
	}), 500)))
}
