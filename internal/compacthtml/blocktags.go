package compacthtml

// kind is what white space next to a tag may do.
type kind uint8

const (
	inlineTag    kind = iota // it may show, between inline content
	blockTag                 // it never shows (see tagKind)
	rawBlockTag              // a block tag whose content keeps its white space
	rawInlineTag             // an inline tag whose content keeps its white space
)

// isBlock reports whether white space next to a tag of kind k is never
// rendered.
func (k kind) isBlock() bool { return k == blockTag || k == rawBlockTag }

// keepsContent reports whether the content of an element of kind k is
// shown or used as written, white space and all.
func (k kind) keepsContent() bool { return k == rawBlockTag || k == rawInlineTag }

// mayKeepContent is a quick test that rules out most tags whose
// content is not kept as written (keepsContent): their names' first
// letters and lengths.
func mayKeepContent(name []byte) bool {
	if len(name) < 3 || len(name) > 9 {
		return false
	}
	switch name[0] | 0x20 {
	case 'p', 's', 't', 'm', 'x', 'l':
		return true
	}
	return false
}

// tagKind is the kind of the tag named name (in any case). White space
// next to a block tag is never rendered: the tag starts or ends a block
// box (or sits in the document's head), or is <br>, after which a
// line's leading white space is dropped. The list is tdewolff/minify's
// block tags, with which the site's pages were minified before, less a
// few obsolete ones, plus <body>, <meta> and <link>.
func tagKind(name []byte) kind {
	var lower [10]byte
	if len(name) > len(lower) {
		return inlineTag
	}
	for i, c := range name {
		lower[i] = c | 0x20 // letters, digits and '-' only reach here
	}
	switch string(lower[:len(name)]) {
	case "p", "li", "br", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "td", "th", "tr",
		"div", "details", "summary", "article", "section", "header", "footer", "nav", "main",
		"address", "aside", "blockquote", "body", "caption", "col", "colgroup", "dd", "dl", "dt",
		"fieldset", "figcaption", "figure", "form", "head", "hgroup", "html", "legend", "link",
		"menu", "meta", "table", "tbody", "tfoot", "thead", "title":
		return blockTag
	case "pre", "style", "listing", "plaintext", "xmp":
		return rawBlockTag
	case "textarea", "script", "math", "svg":
		// MathML and SVG were copied as they were by the minifier too
		// (SVG minified on its own).
		return rawInlineTag
	}
	return inlineTag
}
