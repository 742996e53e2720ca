package main

import (
	"html"
	"io"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// codeRenderer highlights fenced code with chroma through one formatter
// shared by every block and worker. goldmark-highlighting makes a new
// formatter per block, which works out the style's CSS classes again
// each time (a quarter of its highlighting time here); the floor is the
// least work, so it does what gen does and keeps one.
type codeRenderer struct {
	formatter *chromahtml.Formatter
	style     *chroma.Style
}

func newCodeRenderer() *codeRenderer {
	return &codeRenderer{
		formatter: chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(true)),
		style:     styles.Get("github"),
	}
}

func (r *codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.render)
}

func (r *codeRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.FencedCodeBlock)
	lang := string(n.Language(src))
	var code strings.Builder
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		code.Write(seg.Value(src))
	}
	_, _ = w.WriteString(`<pre class="chroma"><code class="language-` + html.EscapeString(lang) + `">`)
	if !r.highlight(w, lang, code.String()) {
		_, _ = w.WriteString(html.EscapeString(code.String()))
	}
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

// highlight writes code highlighted as lang; false when lang is unknown.
func (r *codeRenderer) highlight(w io.Writer, lang, code string) bool {
	lexer := lexers.Get(lang)
	if lang == "" || lexer == nil {
		return false
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	return err == nil && r.formatter.Format(w, r.style, it) == nil
}
