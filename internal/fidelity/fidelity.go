// Package fidelity checks that a built site shows notes the way Obsidian
// does: a lint over the built HTML that finds Obsidian, plugin and TeX
// syntax left raw in what a reader sees (Lint), and a report that builds
// each real-world vault and counts its cards and leaks per note (ReportVault).
//
// It is its own package rather than part of internal/corpus, which only
// reads Markdown folders for tests: the lint reads built HTML and the
// report needs the whole site builder, which corpus's users (the notes,
// markdown and texmath tests) must not depend on.
//
// The lint reads what a reader sees: text outside <script>, <style>,
// attribute values, and code (<code>, <pre>, <kbd>, <samp>), where raw
// syntax is what the author wrote. Math is read only for its TeX source
// (<annotation>) and its error marks. Some rules look at elements rather
// than text (empty callouts, plugin code blocks, HTML comments).
package fidelity

// Rule names one kind of leak.
type Rule string

// The rules. Each one's comment says what it finds and which item of
// issue 11 ("Real notes come out right") it belongs to.
const (
	Embed        Rule = "embed"         // "![[" in text: an embed that was not rendered
	Wikilink     Rule = "wikilink"      // "[[" in text: a link that was not rendered
	Comment      Rule = "comment"       // "%%": an Obsidian comment that shows
	BlockID      Rule = "block-id"      // " ^abc123" / "^1684…": a block id that shows
	SyncComment  Rule = "sync-comment"  // "<!--SR:" / "<!--ID:" as text or kept as a comment (14)
	DisplayMath  Rule = "display-math"  // "$$" in text: display math not recognised (2, 5)
	InlineMath   Rule = "inline-math"   // "$x^2$" in text: inline math not recognised (5)
	MathError    Rule = "math-error"    // TeX that did not convert: <merror> or .math-error (11)
	MathQuote    Rule = "math-quote"    // a line of a formula's TeX starting with ">" (2)
	CardTag      Rule = "card-tag"      // "#card", "#fc", "#flashcards" … visible (9, 10, 14)
	Separator    Rule = "separator"     // "::" in a question, " :: " in text: a card not made (8, 9)
	Property     Rule = "property"      // Logseq "id::" / "collapsed::" lines (14)
	Logbook      Rule = "logbook"       // Logseq ":LOGBOOK:" drawers (14)
	Cloze        Rule = "cloze"         // "{{c1::", "{{cloze", "{1: x}" shown raw (6, 14)
	BlockRef     Rule = "block-ref"     // Logseq "((uuid))" block references (14)
	AnkiBlock    Rule = "anki-block"    // an Obsidian_to_Anki "START" / "END" line (14)
	EmptyCallout Rule = "empty-callout" // a callout with nothing inside (3, 4)
	PluginCode   Rule = "plugin-code"   // a dataview, tasks … block shown as code (13)
	Admonition   Rule = "admonition"    // an ad-<type> block shown as code (12)
	ListAsCode   Rule = "list-as-code"  // list lines shown as an indented code block (1)
	EncodedName  Rule = "encoded-name"  // "%2F" in a title (17)
	MarkdownLink Rule = "markdown-link" // "[text](url)" in text: a link that was not rendered
	Emphasis     Rule = "emphasis"      // "**bold**" in text: emphasis that was not rendered
	Escape       Rule = "escape"        // "\[", "\#" …: a Markdown escape that was not applied
	Icon         Rule = "icon"          // ":RiHistoryLine:": an Iconize plugin icon shortcode
	Footnote     Rule = "footnote"      // "[^1]" in text: a footnote reference that was not rendered
	TitleDeck    Rule = "title-deck"    // "::" in a page's <title> (17)
)

// Rules lists every rule, in the order reports show them.
var Rules = []Rule{
	Embed, Wikilink, Comment, BlockID, SyncComment, DisplayMath, InlineMath,
	MathError, MathQuote, CardTag, Separator, Property, Logbook, Cloze,
	BlockRef, AnkiBlock, EmptyCallout, PluginCode, Admonition, ListAsCode,
	EncodedName, TitleDeck, MarkdownLink, Emphasis, Escape, Icon, Footnote,
}

// Finding is one leak: the output file it is in, the note it belongs to
// (its source path, from the deck page's note header; "" outside notes),
// the rule, and a short excerpt of the text around it.
type Finding struct {
	File, Note string
	Rule       Rule
	Excerpt    string
}

func (f Finding) String() string {
	where := f.File
	if f.Note != "" {
		where += " (" + f.Note + ")"
	}
	return where + ": " + string(f.Rule) + ": " + f.Excerpt
}
