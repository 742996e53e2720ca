package notes

import (
	"bytes"
	"strings"

	"github.com/flipdeck/flipdeck/internal/diag"
)

// Obsidian_to_Anki blocks: the Obsidian_to_Anki plugin's note syntax,
// met in vaults that were synced to Anki with it.
//
//	START
//	Basic                      the Anki note type
//	What is the question?      the first field ("Front: " may prefix it)
//	Back: The answer, which    the back field, which may go on
//	may go on over more lines  over more lines
//	Tags: tag1 tag2            optional
//	<!--ID: 1566052191670-->   written by the plugin once the note is in Anki
//	END
//
// A block is one card segment: the START, type, Tags and END lines are
// syntax and never show. A type naming a reversed card ("Basic (and
// reversed card)") makes a reversed pair; a cloze type ("Cloze") makes
// one card per {{cN::…}} number, read by the cloze reader. "Back Extra:"
// (a cloze type's second field) and "Extra:" are shown below the answer.
// The plugin's field names are those of the Anki note type, which we do
// not know; other field lines are kept as text of the field above them.
//
// The Anki note id in the <!--ID: …--> comment is the card's id ("a" +
// the digits), as it stays the same while the question is edited: the
// plugin writes it when it first syncs the note and keeps it after.

// ankiField is a field of an Obsidian_to_Anki block.
type ankiField uint8

const (
	ankiFront ankiField = iota
	ankiBack
	ankiExtra      // "Extra:" / "Back Extra:", shown below the answer
	ankiAddReverse // "Add Reverse:", of "Basic (optional reversed card)"
	ankiTags       // "Tags:"
	ankiText       // not a field line: text of the field above
)

// ankiFieldPrefixes are the field prefixes we know, lower-case; a field
// line starts with one of them at the start of the line.
var ankiFieldPrefixes = [...]struct {
	prefix string
	field  ankiField
}{
	{"front:", ankiFront},
	{"text:", ankiFront},
	{"back:", ankiBack},
	{"back extra:", ankiExtra},
	{"extra:", ankiExtra},
	{"add reverse:", ankiAddReverse},
	{"tags:", ankiTags},
}

// ankiFieldOf reads a field prefix at the start of a masked line and
// returns the field and the length of the prefix.
func ankiFieldOf(mask string) (ankiField, int) {
	for _, f := range ankiFieldPrefixes {
		if len(mask) >= len(f.prefix) && strings.EqualFold(mask[:len(f.prefix)], f.prefix) {
			return f.field, len(f.prefix)
		}
	}
	return ankiText, 0
}

// isAnkiMarker reports a line holding only START or END (marker): the
// plugin asks for an exact match, we allow trailing blanks.
func isAnkiMarker(l *line, marker string) bool {
	return !l.code && len(l.mask) >= len(marker) && l.mask[0] == marker[0] && trimRightBlanks(l.mask) == marker
}

// isAnkiNoteType reports a plausible Anki note type name on the line
// after START ("Basic", "Basic (and reversed card)", "Cloze", a custom
// type): one short line of text, not Markdown block syntax or a field.
func isAnkiNoteType(l *line) bool {
	t := strings.TrimSpace(l.mask)
	if l.code || t == "" || len(t) > 80 || t != trimRightBlanks(l.mask) || strings.Contains(t, "::") {
		return false
	}
	switch t[0] {
	case '#', '-', '*', '+', '>', '|', '`', '~', '<', '!', '[', '$', maskByte:
		return false
	}
	if f, _ := ankiFieldOf(t); f != ankiText {
		return false
	}
	return t != "START" && t != "END"
}

// ankiBlockEnd returns the END line of the Obsidian_to_Anki block that
// opens at line i, or -1 when line i does not open one. missing reports a
// START and a note type line with no END before the next START or the
// end of the note. The search stops at the next START, so that looking
// from every START of a note stays linear.
func (p *parser) ankiBlockEnd(i int) (end int, missing bool) {
	if !isAnkiMarker(&p.lines[i], "START") || i+1 >= len(p.lines) || !isAnkiNoteType(&p.lines[i+1]) {
		return -1, false
	}
	for j := i + 2; j < len(p.lines); j++ {
		l := &p.lines[j]
		switch {
		case isAnkiMarker(l, "END"):
			return j, false
		case isAnkiMarker(l, "START"):
			return -1, true
		}
	}
	return -1, true
}

// ankiFields are the fields of an Obsidian_to_Anki block, as lines.
type ankiFields struct {
	front, back, extra []string
	frontLines         []int // the body line of each entry of front
	frontAt, backAt    int   // the first non-blank line of each, or -1
	addReverse         bool
	tags               []string
}

// ankiBlock reads the Obsidian_to_Anki block that opens at line i, if
// any, and reports whether it made it a card segment.
func (p *parser) ankiBlock(i int) bool {
	if l := &p.lines[i]; len(l.mask) < 5 || l.mask[0] != 'S' {
		return false // the usual line, cheaply
	}
	end, missing := p.ankiBlockEnd(i)
	if missing {
		p.warn(i, diag.KindSyntax, "Obsidian_to_Anki block has no END line: end the block with a line holding only END")
	}
	if end < 0 {
		return false
	}
	noteType := strings.TrimSpace(p.lines[i+1].text)
	f := p.readAnkiFields(i, end)
	q := joinTrim(f.front)
	if f.frontAt < 0 || q == "" {
		p.warn(i, diag.KindSyntax, "Obsidian_to_Anki block has no front text: write the question on the line after the note type %q", noteType)
		return false
	}
	a := joinTrim(f.back)
	if x := joinTrim(f.extra); x != "" {
		if a != "" {
			a += "\n\n"
		}
		a += x
	}
	fixed := ""
	if id := p.ankiNoteID(i, end); id != "" {
		fixed = "a" + id
	}
	lower := strings.ToLower(noteType)
	if strings.HasPrefix(lower, "cloze") {
		if cards := p.ankiClozeCards(i, f.frontAt, f.front, f.frontLines, a, f.tags, fixed); len(cards) > 0 {
			p.addBlock(i, end, cards...)
			return true
		}
		p.warn(f.frontAt, diag.KindSyntax, "Obsidian_to_Anki %s block has no cloze: mark the hidden text as {{c1::text}}; it is read as a basic card meanwhile", noteType)
	}
	// Cards are made at the START line, whose breadcrumb is known by now,
	// and asked at the front's first line.
	c := p.newCard(KindBasic, i, q, a, f.tags)
	c.Line = p.base + f.frontAt
	c.fixedID = fixed
	if f.backAt >= 0 {
		c.AnswerLine = p.base + f.backAt
	}
	if a == "" {
		p.warnEmpty(f.frontAt, q)
	}
	if strings.Contains(lower, "and reversed") || f.addReverse {
		front, back := pair(c)
		p.addBlock(i, end, front, back)
		return true
	}
	p.addBlock(i, end, c)
	return true
}

// readAnkiFields sorts the lines of the block that opens at line i, between
// its note type line and its END line, into fields.
func (p *parser) readAnkiFields(i, end int) ankiFields {
	f := ankiFields{frontAt: -1, backAt: -1}
	cur := ankiFront
	for k := i + 2; k < end; k++ {
		l := &p.lines[k]
		t := l.text
		field, n := ankiText, 0
		if !l.code {
			field, n = ankiFieldOf(l.mask)
		}
		if field == ankiFront && (cur != ankiFront || f.frontAt >= 0) {
			field, n = ankiText, 0 // "Front:" / "Text:" only names the first field
		}
		if field != ankiText {
			cur = field
			t = strings.TrimLeft(t[n:], " \t")
		}
		switch cur {
		case ankiFront:
			if f.frontAt < 0 && !isBlank(t) {
				f.frontAt = k
			}
			f.front = append(f.front, t)
			f.frontLines = append(f.frontLines, k)
		case ankiBack:
			if f.backAt < 0 && !isBlank(t) {
				f.backAt = k
			}
			f.back = append(f.back, t)
		case ankiExtra:
			f.extra = append(f.extra, t)
		case ankiAddReverse:
			f.addReverse = f.addReverse || !isBlank(t)
		case ankiTags:
			for _, tag := range strings.Fields(t) {
				if tag = strings.TrimLeft(tag, "#"); tag != "" {
					f.tags = append(f.tags, tag)
				}
			}
			cur = ankiText // lines after Tags: go back to no field
		case ankiText:
			// After Tags: only the plugin's id comment (already removed)
			// is expected; other text is kept with the back.
			if !isBlank(t) {
				f.back = append(f.back, t)
				if f.backAt < 0 {
					f.backAt = k
				}
			}
		}
	}
	return f
}

// ankiClozeCards makes the cards of the cloze block that starts at line
// start from its first field, whose texts are field and body lines
// fieldLines (the first one not blank is line at), with extra shown below
// each answer.
func (p *parser) ankiClozeCards(start, at int, field []string, fieldLines []int, extra string, tags []string, fixed string) []pcard {
	// The field's lines and masks, joined, so that the cloze reader sees
	// the field as one text with code and math masked. A field text is
	// the end of its line (a "Text:" prefix may be cut off), and a mask
	// is as long as its line, so the mask of a text is the end of the
	// line's mask.
	var text, mask strings.Builder
	for k, t := range field {
		if fieldLines[k] < at {
			continue // blank lines before the first text
		}
		if fieldLines[k] > at {
			text.WriteByte('\n')
			mask.WriteByte('\n')
		}
		lm := p.lines[fieldLines[k]].mask
		text.WriteString(t)
		mask.WriteString(lm[len(lm)-len(t):])
	}
	spans := p.findClozes(mask.String())
	if len(spans) == 0 {
		return nil
	}
	cards := p.clozeCards(start, text.String(), 0, spans, "")
	for k := range cards {
		c := &cards[k]
		c.Line, c.fixedID = p.base+at, fixed
		if len(tags) > 0 {
			c.Tags = dedupe(append(append([]string(nil), tags...), c.Tags...))
		}
		if extra != "" {
			c.appendAnswer("\n\n" + extra)
		}
	}
	return cards
}

// ankiNoteID returns the Anki note id of the block on lines start..end
// from its <!--ID: digits--> comment, which reading removed from Body:
// it is looked up in the lines as written.
func (p *parser) ankiNoteID(start, end int) string {
	for k := start; k <= end; k++ {
		raw := p.rawLine(k)
		i := bytes.Index(raw, []byte("<!--ID:"))
		if i < 0 {
			continue
		}
		rest := bytes.TrimLeft(raw[i+len("<!--ID:"):], " \t")
		d := runDigits(string(rest[:min(len(rest), 24)]), 0)
		if d > 0 && d <= 20 && bytes.HasPrefix(bytes.TrimLeft(rest[d:], " \t"), []byte("-->")) {
			return string(rest[:d])
		}
	}
	return ""
}

// rawLine returns body line k as it was written, before comments were
// removed (reading keeps every newline, so line k of Body is line k of
// the raw body). The lines asked for come in order, so a cursor makes
// every lookup of a note together linear.
func (p *parser) rawLine(k int) []byte {
	if k < p.rawAt {
		p.rawAt, p.rawOff = 0, 0
	}
	for p.rawAt < k && p.rawOff <= len(p.raw) {
		j := bytes.IndexByte(p.raw[p.rawOff:], '\n')
		if j < 0 {
			p.rawOff = len(p.raw) + 1
			break
		}
		p.rawOff += j + 1
		p.rawAt++
	}
	if p.rawOff > len(p.raw) {
		return nil
	}
	ln, _, _ := bytes.Cut(p.raw[p.rawOff:], []byte{'\n'})
	return ln
}
