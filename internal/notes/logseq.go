package notes

import (
	"strings"
)

// Logseq pages. Logseq writes Markdown outlines: every block is a "- "
// list item, nested by indentation, with Logseq's own syntax around it:
//
//	- What is a monad? #card          a flashcard: the block is the question,
//	  id:: 64f1a2b3-…                 its child blocks the answer
//	  collapsed:: true                (property lines, written by Logseq)
//	  card-last-score:: 5             (Logseq's scheduling, on cards)
//		- A monoid in the category of endofunctors.
//	- The {{cloze mitochondria}} is the powerhouse.   a cloze card
//	- See ((64f1a2b3-…)).             a reference to a block
//	- DONE write notes
//	  :LOGBOOK:                        a drawer of time records
//	  CLOCK: [2023-09-01 Fri 10:00]--[2023-09-01 Fri 10:05] =>  00:05:00
//	  :END:
//
// A note is read as a Logseq page when it holds Logseq's own property
// lines (id:: with a block uuid, collapsed:: true/false, card-*:: ) or a
// :LOGBOOK: drawer; Obsidian notes never hold those, so they are not
// changed (a Dataview "key:: value" field is not one of them).
//
// In a Logseq page:
//   - Logseq's internal property lines and drawers are removed from Body
//     the way %%comments%% are (their lines stay, empty), so they never
//     show on a page or in a card; so are the property lines that open
//     the page (its properties, like frontmatter; tags:: apply to every
//     card, as frontmatter tags do);
//   - a block tagged #card (or #flashcard, Logseq users' other tag, or a
//     configured card tag) is a card: the block's text without the tag is
//     the question, its child blocks the answer; its id:: uuid, when it
//     has one, is the card's id;
//   - a block holding {{cloze text}} is a cloze card hiding all its
//     clozes at once, as Logseq asks them (its children show with the
//     answer);
//   - a block reference ((uuid)) (or {{embed ((uuid))}}) shows the
//     referenced block's text when the block is in the same page, else
//     a muted "block reference"; {{embed [[page]]}} embeds the page.

// logseqPage is what reading learnt of a Logseq page.
type logseqPage struct {
	// blockUUID maps the body line of a block's first line to the uuid of
	// its id:: property.
	blockUUID map[int]string
}

// logseqTags are the card tags of every Logseq page, besides the
// configured ones.
var logseqTags = []string{"card", "flashcard"}

// logseqKey reports whether key (of a "key:: value" line) is one of
// Logseq's internal properties, which are not content.
func logseqKey(key string) bool {
	switch key {
	case "id", "collapsed", "heading", "background-color", "hl-page", "hl-stamp", "hl-color", "hl-type",
		"ls-type", "query-table", "query-properties", "query-sort-by", "query-sort-desc":
		return true
	}
	return strings.HasPrefix(key, "card-") || strings.HasPrefix(key, "logseq.")
}

// propertyLine reads a "key:: value" line (indentation allowed): its key
// and value.
func propertyLine(mask string) (key, value string, ok bool) {
	t := strings.TrimLeft(mask, " \t")
	k := 0
	for k < len(t) && (isWordByte(t[k]) || t[k] == '-' || t[k] == '.') {
		k++
	}
	if k == 0 || !strings.HasPrefix(t[k:], "::") || (len(t) > k+2 && t[k+2] != ' ' && t[k+2] != '\t') {
		return "", "", false
	}
	return t[:k], strings.TrimSpace(t[k+2:]), true
}

// logseqSignal reports a property line that only Logseq writes: one of
// them makes a note a Logseq page.
func logseqSignal(key, value string) bool {
	switch key {
	case "id":
		return isUUID(value)
	case "collapsed":
		return value == "true" || value == "false"
	case "card-last-interval", "card-repeats", "card-ease-factor", "card-next-schedule",
		"card-last-reviewed", "card-last-score":
		return true
	}
	return false
}

// isUUID reports a uuid such as 64f1a2b3-1234-4abc-9def-0123456789ab.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
	}
	return true
}

// drawerName reads a drawer opening line such as ":LOGBOOK:" and returns
// its name; ":END:" closes a drawer and opens none.
func drawerName(mask string) string {
	t := strings.TrimSpace(mask)
	if len(t) < 3 || t[0] != ':' || t[len(t)-1] != ':' {
		return ""
	}
	name := t[1 : len(t)-1]
	for i := 0; i < len(name); i++ {
		if c := name[i]; !(c >= 'A' && c <= 'Z' || c == '_') {
			return ""
		}
	}
	if name == "END" {
		return ""
	}
	return name
}

// drawerEnd returns the ":END:" line of the drawer that opens at line i,
// or -1. A drawer holds no blank line, no other drawer and no other
// block, so the search stops at any of them, which keeps the searches
// from all the lines of a note linear.
func (p *parser) drawerEnd(i int) int {
	for j := i + 1; j < len(p.lines); j++ {
		l := &p.lines[j]
		if l.code || l.blank() || drawerName(l.mask) != "" {
			return -1
		}
		if strings.TrimSpace(l.mask) == ":END:" {
			return j
		}
		if _, item := itemPrefix(l.mask); item {
			return -1
		}
	}
	return -1
}

// mayBeLogseqLine is a cheap test for lines that may be a property line
// or a drawer: most lines are ruled out by their first byte.
func mayBeLogseqLine(l *line) bool {
	if l.code {
		return false
	}
	t := l.mask
	i := 0
	for i < len(t) && (t[i] == ' ' || t[i] == '\t') {
		i++
	}
	if i == len(t) {
		return false
	}
	c := t[i]
	return c == ':' || c >= 'a' && c <= 'z' && strings.Contains(t[i:], "::")
}

// readLogseq finds out whether the note is a Logseq page and, if so,
// removes Logseq's property lines and drawers from Body, rewrites block
// references and embeds, reads Body's lines again and accepts Logseq's
// card tags. It must run before the other passes.
func (p *parser) readLogseq() {
	if !p.isLogseqPage() {
		return
	}
	page := &logseqPage{blockUUID: map[int]string{}}
	p.logseq = page
	for _, t := range logseqTags {
		p.tags = appendCardTags(p.tags, []string{t})
	}
	removed, uuidLine := p.logseqRemovals(page)
	p.rewriteLogseqBody(removed, uuidLine)
}

// isLogseqPage reports whether the note holds a line only Logseq writes:
// one of its property lines or a :LOGBOOK: drawer.
func (p *parser) isLogseqPage() bool {
	for i := range p.lines {
		l := &p.lines[i]
		if !mayBeLogseqLine(l) {
			continue
		}
		if key, value, ok := propertyLine(l.mask); ok && logseqSignal(key, value) {
			return true
		}
		if drawerName(l.mask) == "LOGBOOK" && p.drawerEnd(i) >= 0 {
			return true
		}
	}
	return false
}

// logseqRemovals finds which lines go, and which block each id:: belongs
// to (in page.blockUUID, and uuidLine the other way round). The property
// lines that open the page are the page's properties, like frontmatter:
// they all go, and their tags:: apply to every card.
func (p *parser) logseqRemovals(page *logseqPage) (removed []bool, uuidLine map[string]int) {
	removed = make([]bool, len(p.lines))
	uuidLine = map[string]int{}
	top := 0
	for ; top < len(p.lines) && !p.lines[top].code; top++ {
		key, value, ok := propertyLine(p.lines[top].mask)
		if !ok {
			break
		}
		removed[top] = true
		if key == "tags" {
			p.n.Tags = dedupe(append(p.n.Tags, pageTags(value)...))
		}
	}
	block := -1 // the block the lines belong to: its first line, a list item
	for i := top; i < len(p.lines); i++ {
		l := &p.lines[i]
		if !mayBeLogseqLine(l) {
			if l.blank() {
				block = -1
			} else if _, item := itemPrefix(l.mask); item && !l.code {
				block = i
			}
			continue
		}
		if key, value, ok := propertyLine(l.mask); ok && logseqKey(key) {
			removed[i] = true
			if key == "id" && isUUID(value) && block >= 0 {
				page.blockUUID[block] = strings.ToLower(value)
				uuidLine[strings.ToLower(value)] = block
			}
			continue
		}
		if drawerName(l.mask) != "" {
			if end := p.drawerEnd(i); end >= 0 {
				for k := i; k <= end; k++ {
					removed[k] = true
				}
				i = end
			}
		}
	}
	return removed, uuidLine
}

// rewriteLogseqBody writes Body again without the removed lines (their
// newlines stay) and with block references rewritten, then reads its
// lines again.
func (p *parser) rewriteLogseqBody(removed []bool, uuidLine map[string]int) {
	var b strings.Builder
	b.Grow(len(p.n.Body))
	for i := range p.lines {
		l := &p.lines[i]
		if i > 0 {
			b.WriteByte('\n')
		}
		switch {
		case removed[i]:
		case !l.code && strings.Contains(l.mask, "(("), !l.code && strings.Contains(l.mask, "{{embed"):
			p.writeReferences(&b, l, uuidLine)
		default:
			b.WriteString(l.text)
		}
	}
	if strings.HasSuffix(p.n.Body, "\n") {
		b.WriteByte('\n')
	}
	// Reading the rewritten body again gives every line its text and mask
	// afresh; it removes nothing more (comments are gone already) and
	// keeps every line where it was.
	p.n.Body, p.lines = scanBody([]byte(b.String()), p.lines[:0])
}

// pageTags reads the value of a page's tags:: property: tags separated
// by commas, each maybe written as #tag or [[tag]].
func pageTags(value string) []string {
	var tags []string
	for _, t := range strings.Split(value, ",") {
		t = strings.TrimSpace(t)
		t = strings.TrimPrefix(t, "#")
		if strings.HasPrefix(t, "[[") && strings.HasSuffix(t, "]]") {
			t = t[2 : len(t)-2]
		}
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, strings.Clone(t))
		}
	}
	return tags
}

// writeReferences writes line l to b with its block references
// ((uuid)) and embeds {{embed ((uuid))}} / {{embed [[page]]}} rewritten.
func (p *parser) writeReferences(b *strings.Builder, l *line, uuidLine map[string]int) {
	text, mask := l.text, l.mask
	pos := 0
	for i := 0; i < len(mask); {
		var end int
		var out string
		switch {
		case strings.HasPrefix(mask[i:], "(("):
			if i+40 <= len(mask) && isUUID(mask[i+2:i+38]) && mask[i+38:i+40] == "))" {
				end, out = i+40, p.blockRef(mask[i+2:i+38], uuidLine)
			}
		case strings.HasPrefix(mask[i:], "{{embed "):
			if j := strings.Index(mask[i:], "}}"); j > 0 {
				arg := strings.TrimSpace(mask[i+len("{{embed ") : i+j])
				switch {
				case len(arg) == 40 && strings.HasPrefix(arg, "((") && strings.HasSuffix(arg, "))") && isUUID(arg[2:38]):
					end, out = i+j+2, p.blockRef(arg[2:38], uuidLine)
				case strings.HasPrefix(arg, "[[") && strings.HasSuffix(arg, "]]") && len(arg) > 4:
					end, out = i+j+2, "!"+text[i+len("{{embed ")+strings.Index(mask[i+len("{{embed "):], "[["):i+j]
				}
			}
		}
		if end == 0 {
			i++
			continue
		}
		b.WriteString(text[pos:i])
		b.WriteString(out)
		pos, i = end, end
	}
	b.WriteString(text[pos:])
}

// blockRef is what a reference to block uuid shows: the text of the
// block when it is in this page, else a muted "block reference" (the
// block is in another page, which Logseq would look up in its database).
func (p *parser) blockRef(uuid string, uuidLine map[string]int) string {
	j, ok := uuidLine[strings.ToLower(uuid)]
	if !ok {
		return `<span class="block-ref">block reference</span>`
	}
	l := &p.lines[j]
	t, _ := stripBlockID(l)
	m := l.mask[:len(t)]
	if tail, ok := p.tags.cardTail(m, t); ok {
		t, m = t[:tail.textEnd], m[:tail.textEnd]
	}
	pre, _ := itemPrefix(m)
	t = strings.TrimSpace(t[min(pre, len(t)):])
	// A reference inside the referenced text is not followed (it could
	// loop); Logseq's cloze braces show their text.
	var b strings.Builder
	for rest := t; rest != ""; {
		i := strings.IndexAny(rest, "({")
		if i < 0 {
			b.WriteString(rest)
			break
		}
		b.WriteString(rest[:i])
		rest = rest[i:]
		switch {
		case len(rest) >= 40 && strings.HasPrefix(rest, "((") && isUUID(rest[2:38]) && rest[38:40] == "))":
			b.WriteString("…")
			rest = rest[40:]
		case strings.HasPrefix(rest, "{{cloze ") && strings.Contains(rest, "}}"):
			k := strings.Index(rest, "}}")
			b.WriteString(strings.TrimSpace(rest[len("{{cloze "):k]))
			rest = rest[k+2:]
		default:
			b.WriteByte(rest[0])
			rest = rest[1:]
		}
	}
	if b.Len() == 0 {
		return `<span class="block-ref">block reference</span>`
	}
	return `<span class="block-ref">` + b.String() + `</span>`
}
