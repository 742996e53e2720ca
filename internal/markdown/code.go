package markdown

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
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
// fences stay code (no diagram library ships with the site). Fences an
// Obsidian plugin computes content from are boxes (plugin.go).

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

// lexerCache maps a fence language to its lexer, driven by a lexDriver
// (lexdriver.go) and wrapped by chroma.Coalesce, and the lexer's scan
// rules (scanrules.go), or to none when chroma has none. lookupLexer is
// quick, but notes use few languages, so each is looked up once per
// Renderer.
type lexerCache struct {
	mu sync.RWMutex
	m  map[string]cachedLexer
}

type cachedLexer struct {
	lexer chroma.Lexer
	scans []*scanRule
}

// maxCachedLexers bounds the cache (languages are note text).
const maxCachedLexers = 1024

// lexer returns the lexer for a fence language and its scan rules, or
// nil when the code stays plain (no language, mermaid, or unknown to
// chroma).
func (c *lexerCache) lexer(lang string) (chroma.Lexer, []*scanRule) {
	if lang == "" || strings.EqualFold(lang, "mermaid") {
		return nil, nil
	}
	c.mu.RLock()
	l, ok := c.m[lang]
	c.mu.RUnlock()
	if ok {
		return l.lexer, l.scans
	}
	if raw := lookupLexer(lang); raw != nil {
		l = cachedLexer{chroma.Coalesce(drivenLexer(raw)), scanRulesFor(raw)}
	}
	c.mu.Lock()
	if c.m == nil {
		c.m = make(map[string]cachedLexer)
	}
	if len(c.m) < maxCachedLexers {
		c.m[lang] = l
	}
	c.mu.Unlock()
	return l.lexer, l.scans
}

// scanRulesFor returns lexer l's scan rules, found once per process
// (finding them compiles a few hundred regexps).
func scanRulesFor(l chroma.Lexer) []*scanRule {
	f, _ := scanRuleCache.LoadOrStore(l, sync.OnceValue(func() []*scanRule { return scanRulesOf(l) }))
	return f.(func() []*scanRule)()
}

var scanRuleCache sync.Map // chroma.Lexer → func() []*scanRule

// codeStyle is the style chroma's formatter is given; with classes it
// only names the token types that have a class.
var codeStyle = styles.Get(lightStyle)

// codeStateAttr is the attribute in which the transformer leaves the
// render call's state on a fenced code block, for renderFencedCode to
// highlight it within the call's limits (codelimit.go).
const codeStateAttr = "flipdeck-code-state"

func renderFencedCode(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.FencedCodeBlock)
	lang := fenceLanguage(n, src)
	if plugin := pluginOf(lang); plugin != "" {
		renderPluginBlock(w, src, n, lang, plugin)
		return ast.WalkSkipChildren, nil
	}
	var highlighted []byte // nil: plain
	if v, ok := n.AttributeString(codeStateAttr); ok {
		if st, ok := v.(*state); ok {
			highlighted = st.highlight(n, lang)
		}
	}
	if highlighted != nil {
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
	if highlighted != nil {
		_, _ = w.Write(highlighted)
	} else {
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			writeEscaped(w, string(seg.Value(src)))
		}
	}
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

// codeExt renders fenced code, highlighted by chroma.
type codeExt struct{}

func (e codeExt) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer(func(reg renderer.NodeRendererFuncRegisterer) {
		reg.Register(ast.KindFencedCodeBlock, renderFencedCode)
	}), 500)))
}
