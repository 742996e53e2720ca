package fidelity

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Options tune the lint. The zero value lints for the default card tags.
type Options struct {
	// CardTags are extra card tags without '#' (gen's -tags); "card",
	// its variants and "flashcards" are always card tags.
	CardTags []string
}

// Lint lints every .html file of a built site (slash path → bytes, as
// site.Output holds it), in path order.
func Lint(files map[string][]byte, opt Options) []Finding {
	findings, _ := lintSite(files, opt)
	return findings
}

// lintSite is Lint that also returns the source path of every note the
// site's pages show, in order of first appearance.
func lintSite(files map[string][]byte, opt Options) ([]Finding, []string) {
	names := make([]string, 0, len(files))
	for name := range files {
		if strings.HasSuffix(name, ".html") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	var out []Finding
	var notes []string
	seen := map[string]bool{}
	for _, name := range names {
		l := lintPage(name, files[name], opt)
		out = append(out, l.findings...)
		for _, n := range l.notes {
			if !seen[n] {
				seen[n] = true
				notes = append(notes, n)
			}
		}
	}
	return out, notes
}

// LintDir lints the .html files of a built site folder.
func LintDir(dir string, opt Options) ([]Finding, error) {
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		return nil, err
	}
	return Lint(files, opt), nil
}

// LintPage lints one HTML page; name is what its findings call the file.
func LintPage(name string, page []byte, opt Options) []Finding {
	return lintPage(name, page, opt).findings
}

func lintPage(name string, page []byte, opt Options) *linter {
	l := &linter{file: name, tags: cardTagSet(opt.CardTags)}
	// html.Parse fails only when its reader does, which bytes.Reader
	// never does.
	doc, _ := html.Parse(bytes.NewReader(page))
	l.walk(doc)
	l.flush()
	return l
}

// linter walks one page. Visible text is gathered into runs: the text of
// one block element between its nested blocks, with inline elements
// (links, emphasis, tags) transparent, <br> as a newline, and inline
// content the lint does not read (code, math, images) as a placeholder,
// so that "$" pairs or "[[" never match across it.
type linter struct {
	file     string
	tags     map[string]bool
	note     string // source path of the note being walked
	cardQ    int    // depth inside a card's question
	card     int    // depth inside a flip card
	heading  int    // depth inside a heading
	ctx      int    // depth inside a card's context (its ancestor headings)
	plugin   int    // depth inside a box that shows plugin source on purpose
	run      strings.Builder
	where    place // where the run's text is
	findings []Finding
	// ctxSeen holds the findings already made in card contexts, which
	// repeat the same headings for every card below them.
	ctxSeen map[Finding]bool
	notes   []string // the source paths of the notes on the page
}

// placeholder stands in a run for inline content the lint skips.
const placeholder = '\uFFFC'

// place says where a run's text is, for the rules that depend on it.
type place struct {
	question bool // in a card's question
	card     bool // in a flip card (question or answer)
	heading  bool // in a heading
}

func (l *linter) add(rule Rule, excerpt string) {
	f := Finding{File: l.file, Note: l.note, Rule: rule, Excerpt: excerpt}
	if l.ctx > 0 {
		if l.ctxSeen[f] {
			return
		}
		if l.ctxSeen == nil {
			l.ctxSeen = map[Finding]bool{}
		}
		l.ctxSeen[f] = true
	}
	l.findings = append(l.findings, f)
}

// flush lints the run gathered so far and starts a new one.
func (l *linter) flush() {
	if l.run.Len() > 0 {
		lintText(l, l.run.String(), l.where)
		l.run.Reset()
	}
	l.where = place{}
}

// walk lints node n and what it holds.
func (l *linter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		l.run.WriteString(n.Data)
		l.where.question = l.where.question || l.cardQ > 0
		l.where.card = l.where.card || l.card > 0
		l.where.heading = l.where.heading || l.heading > 0
	case html.CommentNode:
		if isSyncComment(n.Data) {
			l.add(SyncComment, clip("<!--"+n.Data+"-->"))
		}
	case html.DocumentNode:
		l.children(n)
	case html.ElementNode:
		if l.layoutElement(n) {
			return
		}
		switch kindOf(n) {
		case inline:
			l.inside(n)
		case br:
			l.run.WriteByte('\n')
		case skipped:
			l.skip(n)
		default:
			l.flush()
			l.inside(n)
			l.flush()
		}
	}
}

// layoutElement lints element n when the site's layout gives it a
// meaning of its own, and reports whether that is all of n's linting.
func (l *linter) layoutElement(n *html.Node) bool {
	switch {
	case n.DataAtom == atom.Head:
		l.flush()
		if t := find(n, atom.Title); t != nil {
			if s := textOf(t); strings.Contains(s, "::") {
				l.add(TitleDeck, clip(s))
			}
		}
		return true
	case n.DataAtom == atom.Article && hasClass(n, "note"):
		l.walkNote(n)
		return true
	case hasClass(n, "note-path"):
		return true // the source file's path, not the note's text
	case hasClass(n, "card-ctx"):
		l.walkCardContext(n)
		return true
	case hasClass(n, "math-error"):
		l.add(MathError, clip(textOf(n)))
		l.skip(n)
		return true
	case n.DataAtom == atom.Math:
		l.lintMath(n)
		l.run.WriteRune(placeholder)
		return true
	case n.DataAtom == atom.Pre:
		l.flush()
		l.lintCodeBlock(n)
		return true
	case n.DataAtom == atom.A && l.isCardTag(strings.TrimSpace(textOf(n))):
		// A link whose text is "#card" (copied from Obsidian's reading
		// view: [#card](app://obsidian.md/index.html#card)) is a link in
		// Obsidian too, not a tag.
		l.run.WriteRune(placeholder)
		return true
	case hasClass(n, "callout-content") && isEmpty(n) && isSplitOff(n.Parent):
		l.add(EmptyCallout, clip(calloutTitle(n)))
	}
	return false
}

// walkNote lints a note's article, its findings named after the note.
func (l *linter) walkNote(n *html.Node) {
	l.flush()
	saved := l.note
	if p := findClass(n, "note-path"); p != nil {
		l.note = textOf(p)
		l.notes = append(l.notes, l.note)
	}
	l.children(n)
	l.flush()
	l.note = saved
}

// walkCardContext lints a card's ancestor headings, one run each, so
// that add can drop what an earlier card's context already showed.
func (l *linter) walkCardContext(n *html.Node) {
	l.flush()
	l.ctx++
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if !hasClass(c, "sep") {
			l.walk(c)
			l.flush()
		}
	}
	l.ctx--
}

func (l *linter) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		l.walk(c)
	}
}

// inside walks n's children, counting the containers that change what a
// rule looks for.
func (l *linter) inside(n *html.Node) {
	var depths []*int
	switch {
	case hasClass(n, "card-q"):
		depths = append(depths, &l.cardQ)
	case hasClass(n, "card"):
		depths = append(depths, &l.card)
	case isHeading(n):
		depths = append(depths, &l.heading)
	}
	if isPluginBox(n) {
		depths = append(depths, &l.plugin)
	}
	for _, d := range depths {
		*d++
	}
	l.children(n)
	for _, d := range depths {
		*d--
	}
}

func isHeading(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// skip leaves n's text out of the run (a placeholder marks the gap) but
// still looks at the comments inside it.
func (l *linter) skip(n *html.Node) {
	l.run.WriteRune(placeholder)
	for d := range n.Descendants() {
		if d.Type == html.CommentNode && isSyncComment(d.Data) {
			l.add(SyncComment, clip("<!--"+d.Data+"-->"))
		}
	}
}

// isPluginBox reports whether n shows a plugin block's source on purpose
// (the muted "dynamic content from an Obsidian plugin" box of issue 11
// item 13): any element whose class names "plugin".
func isPluginBox(n *html.Node) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if strings.Contains(c, "plugin") {
			return true
		}
	}
	return false
}

type elementKind int

const (
	block   elementKind = iota
	inline              // transparent: its text joins the run
	br                  // a line break in the run
	skipped             // its content is not read: code, media, scripts
)

// kindOf says how the walk treats an element. Anything not listed is a
// block: it ends the run before and after it.
func kindOf(n *html.Node) elementKind {
	switch n.DataAtom {
	case atom.A, atom.Abbr, atom.B, atom.Bdi, atom.Bdo, atom.Cite, atom.Data,
		atom.Del, atom.Dfn, atom.Em, atom.I, atom.Ins, atom.Label, atom.Mark,
		atom.Q, atom.S, atom.Small, atom.Span, atom.Strong, atom.Sub, atom.Sup,
		atom.Time, atom.U, atom.Font:
		return inline
	case atom.Br, atom.Wbr:
		return br
	case atom.Code, atom.Kbd, atom.Samp, atom.Script, atom.Style, atom.Template,
		atom.Noscript, atom.Textarea, atom.Svg, atom.Img, atom.Input, atom.Audio,
		atom.Video, atom.Iframe, atom.Object, atom.Select:
		return skipped
	}
	return block
}

// lintMath looks at a formula: TeX that did not convert, and quote markers
// that came into the TeX from a blockquote or callout. Its rendered
// tokens are not text to lint.
func (l *linter) lintMath(m *html.Node) {
	for d := range m.Descendants() {
		if d.Type != html.ElementNode {
			continue
		}
		switch {
		case d.Data == "merror":
			l.add(MathError, clip(textOf(d)))
		case d.Data == "annotation" && attr(d, "encoding") == "application/x-tex":
			tex := textOf(d)
			for line := range strings.Lines(tex) {
				if strings.HasPrefix(strings.TrimLeft(line, " \t"), ">") {
					l.add(MathQuote, clip(tex))
					break
				}
			}
		}
	}
}

// pluginLanguages are the code-block languages of Obsidian plugins whose
// blocks are queries or widgets, not code the author wants shown.
var pluginLanguages = map[string]bool{
	"dataview": true, "dataviewjs": true, "tasks": true, "button": true, "query": true,
}

// lintCodeBlock looks at a <pre>: a plugin's block or an admonition shown
// as code, or list lines that became an indented code block.
func (l *linter) lintCodeBlock(pre *html.Node) {
	l.skip(pre)
	code := find(pre, atom.Code)
	if code == nil {
		code = pre
	}
	lang := ""
	for _, c := range strings.Fields(attr(code, "class")) {
		if s, ok := strings.CutPrefix(c, "language-"); ok {
			lang = s
		}
	}
	src := textOf(code)
	switch {
	case pluginLanguages[lang] && l.plugin == 0:
		l.add(PluginCode, clip("```"+lang+" "+src))
	case strings.HasPrefix(lang, "ad-"):
		l.add(Admonition, clip("```"+lang+" "+src))
	case lang == "" && startsWithListItem(src):
		l.add(ListAsCode, clip(src))
	}
}

// startsWithListItem reports whether the first line of s is a list item
// ("- x", "* x", "+ x", "1. x", "1) x").
func startsWithListItem(s string) bool {
	s = strings.TrimLeft(s, " \t\n")
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	switch {
	case i == 0 && len(s) > 1 && strings.IndexByte("-*+", s[0]) >= 0:
		i = 1
	case i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')'):
		i++
	default:
		return false
	}
	return i < len(s) && (s[i] == ' ' || s[i] == '\t')
}

// isEmpty reports whether n holds no element and no visible text.
func isEmpty(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode || c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
			return false
		}
	}
	return true
}

// isSplitOff reports whether an empty callout lost its content to what
// follows it: a flip card (a card inside the callout was taken out of it),
// a blockquote (the rest of its ">" lines) or a paragraph (its lazy
// continuation lines). A callout with only a title that ends its container
// or comes before a heading, a rule or another callout is what the author
// wrote, and Obsidian shows it so too.
func isSplitOff(callout *html.Node) bool {
	next := callout.NextSibling
	for next != nil && next.Type != html.ElementNode {
		next = next.NextSibling
	}
	return next != nil && (hasClass(next, "card") || next.DataAtom == atom.Blockquote || next.DataAtom == atom.P)
}

// calloutTitle is the title of the callout whose content is n.
func calloutTitle(content *html.Node) string {
	for s := content.PrevSibling; s != nil; s = s.PrevSibling {
		if hasClass(s, "callout-title") {
			return "[" + attr(content.Parent, "data-callout") + "] " + textOf(s)
		}
	}
	return "[" + attr(content.Parent, "data-callout") + "]"
}

func isSyncComment(data string) bool {
	s := strings.TrimSpace(data)
	return strings.HasPrefix(s, "SR:") || strings.HasPrefix(s, "ID:")
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	return n.Type == html.ElementNode && slices.Contains(strings.Fields(attr(n, "class")), class)
}

// find returns n's first descendant element with the atom a.
func find(n *html.Node, a atom.Atom) *html.Node {
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && d.DataAtom == a {
			return d
		}
	}
	return nil
}

// findClass returns n's first descendant element of that class.
func findClass(n *html.Node, class string) *html.Node {
	for d := range n.Descendants() {
		if hasClass(d, class) {
			return d
		}
	}
	return nil
}

// textOf is the text below n.
func textOf(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}
