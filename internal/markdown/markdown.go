// Package markdown renders Obsidian-flavoured Markdown (questions, answers
// and reading text) to safe HTML: GFM, highlights, %%comments%%, callouts,
// wikilinks, embeds with sizes, block ids, tags, math as MathML (through
// internal/texmath) and code highlighted at build time with chroma using
// CSS classes. Raw HTML is kept but sanitised.
//
// The renderer never touches the file system: links and embeds are
// resolved by the Resolver the caller passes in (internal/vault).
package markdown

import "github.com/flipdeck/flipdeck/internal/diag"

// EmbedKind says how an embedded file is shown.
type EmbedKind int

const (
	EmbedImage EmbedKind = iota
	EmbedAudio
	EmbedVideo
	EmbedPDF
	EmbedNote  // ![[Note]] or ![[Note#Heading]]: the note's (section's) text
	EmbedOther // any other file: a link to the copy
)

// Target is a resolved link or embed.
type Target struct {
	// URL relative to the site root, already URL-escaped, e.g.
	// "decks/aws-kinesis.html#what-is-kinesis" or "media/kinesis-firehose.png".
	URL  string
	Kind EmbedKind
	// Download, when set, is the file name a link to the file saves it
	// under (a download attribute): the site publishes documents that
	// could run script (HTML) as inert files to download.
	Download string
	// Width and Height are an EmbedImage's size in pixels, when known.
	// The <img> then gets both, so the page keeps the image's room while
	// it loads instead of moving what is under it (a grade button the
	// reader is about to tap).
	Width, Height int
	// Markdown is the embedded text for EmbedNote (a whole note body or one
	// section), rendered in place. NoteFile/NoteLine locate it for messages.
	Markdown string
	NoteFile string
	NoteLine int
	// NoteSize is the size of the whole note that Markdown comes from
	// (a section of it for ![[Note#Heading]]), which was read to find it.
	NoteSize int
}

// Resolver finds what wikilinks, embeds and Markdown image/link paths
// point at, the way Obsidian does.
type Resolver interface {
	// Link resolves [[target]] written in the note at path from (slash path
	// relative to the source). target may be "Note", "dir/Note",
	// "Note#Heading", "Note#^blockid" or "#Heading". ok is false when the
	// target is not in the site.
	Link(from, target string) (t Target, ok bool)
	// Embed resolves ![[target]] or a local ![alt](target) image path
	// (already URL-decoded). err explains a target outside the source
	// folder; ok is false when nothing matches.
	Embed(from, target string) (t Target, ok bool, err error)
}

// Options for one render.
type Options struct {
	Resolver Resolver
	// Root is the relative path from the page being rendered to the site
	// root ("" for index.html, "../" for pages one folder down). It is put
	// before every Target.URL so output URLs stay relative.
	Root string
	// File and Line locate the source for diagnostics: File is the note's
	// slash path, Line the file line of the first line of the source.
	File string
	Line int
	// UnsafeHTML keeps raw HTML as written (no sanitising).
	UnsafeHTML bool
	// HeadingIDPrefix is put before generated heading ids so that several
	// notes on one deck page do not clash (e.g. "n3-").
	HeadingIDPrefix string
	// FootnoteIDPrefix, when set, is put before footnote ids ("fn:1",
	// "fnref:1") instead of HeadingIDPrefix: a deck page shows each card
	// side from a render of its own, whose footnotes must not take the
	// ids of the reading text's or another card's.
	FootnoteIDPrefix string
	// CardSlots are the flip cards' HTML that CardSlot lines in the source
	// stand for (see cardslot.go), by index; nil when the source has none.
	CardSlots []string
	// Budget bounds the work of all the renders of one note (see
	// budget.go); nil: each Render call has a budget of its own.
	Budget *Budget

	// adNesting counts the admonition blocks the text is inside
	// (admonition.go).
	adNesting int
}

// Result is rendered HTML and the problems found while rendering.
type Result struct {
	HTML  string
	Diags []diag.Diagnostic
}
