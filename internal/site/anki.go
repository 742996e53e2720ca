package site

import (
	"strings"
	"unicode"

	"github.com/flipdeck/flipdeck/internal/notes"
)

// Each deck is also offered as a text file Anki can import
// (File › Import): tab-separated, HTML fields, with Anki's header lines
// naming the separator, the note type and which columns hold the deck and
// the tags. Media are referenced by file name, as Anki expects once the
// files are in its collection.media folder.

// ankiHeader starts every Anki file: Anki's importer reads these lines
// as its settings.
const ankiHeader = "#separator:tab\n#html:true\n#notetype:Basic\n#deck column:3\n#tags column:4\n" +
	"#columns:Front\tBack\tDeck\tTags\n"

// deckAnkiLines are the Anki lines of deck d's own notes; the file of a
// top-level deck joins those of its whole subtree. d's notes must be
// rendered.
func (p *pageBuilder) deckAnkiLines(d *DeckNode) []byte {
	var lines [][]byte
	size := 0
	for _, n := range p.tree.notes[d] {
		if p.note(n.Path) != nil {
			l := p.ankiLines(n)
			lines = append(lines, l)
			size += len(l)
		}
	}
	b := make([]byte, 0, size)
	for _, l := range lines {
		b = append(b, l...)
	}
	return b
}

// ankiLines are note n's lines of an Anki file.
func (p *pageBuilder) ankiLines(n *notes.Note) []byte {
	rn := p.note(n.Path)
	return p.memo.fragment(fragKey{"anki", rn, ""}, func() []byte {
		b := make([]byte, 0, rn.cardsSize()*9/8+100*len(n.Cards)) // doubled quotes, deck, tags
		for i, c := range n.Cards {
			tags := make([]string, 0, len(c.Tags))
			for _, t := range c.Tags {
				if t = ankiText(t, "_"); t != "" {
					tags = append(tags, t)
				}
			}
			deck := make([]string, len(c.Deck))
			for j, level := range c.Deck {
				deck[j] = ankiText(level, " ")
			}
			fields := []string{ankiHTML(rn.cards[i].question), ankiHTML(rn.cards[i].answer),
				strings.Join(deck, "::"), strings.Join(tags, " ")}
			for j, f := range fields {
				if j > 0 {
					b = append(b, '\t')
				}
				b = append(b, ankiField(f)...)
			}
			b = append(b, '\n')
		}
		return b
	})
}

// ankiHTML rewrites card HTML for Anki: copied media are referenced by
// file name (Anki looks them up in its collection.media folder), links
// to other pages of the site, which mean nothing there, go nowhere, and
// formulas are TeX for Anki's MathJax (see ankiMath).
func ankiHTML(h string) string {
	h = strings.TrimSpace(h)
	if strings.Contains(h, "<math") {
		h = ankiMath(h)
	}
	h = strings.ReplaceAll(h, `src="../media/`, `src="`)
	h = strings.ReplaceAll(h, `href="../media/`, `href="`)
	if !strings.Contains(h, `href="../`) {
		return h
	}
	var b strings.Builder
	for {
		i := strings.Index(h, `href="../`)
		if i < 0 {
			break
		}
		j := strings.IndexByte(h[i+6:], '"')
		if j < 0 {
			break
		}
		b.WriteString(h[:i])
		b.WriteString(`href="#"`)
		h = h[i+6+j+1:]
	}
	b.WriteString(h)
	return b.String()
}

// ankiMath replaces each MathML formula that carries its TeX source (the
// <annotation encoding="application/x-tex"> texmath writes) by that TeX
// between Anki's MathJax delimiters: \(…\) inline, \[…\] for display
// math. Anki renders those itself, on every platform, and its editor
// shows them as TeX the user can change; MathML would be neither. The
// annotation's text is already escaped HTML, as a field wants. Formulas
// without a TeX annotation stay MathML.
func ankiMath(h string) string {
	const texOpen, texClose = `<annotation encoding="application/x-tex">`, "</annotation>"
	var b strings.Builder
	for {
		i := strings.Index(h, "<math")
		if i < 0 {
			break
		}
		tagEnd := strings.IndexByte(h[i:], '>')
		end := strings.Index(h[i:], "</math>")
		if tagEnd < 0 || end < 0 {
			break
		}
		tagEnd, end = i+tagEnd, i+end
		t := strings.Index(h[i:end], texOpen)
		if t < 0 {
			b.WriteString(h[:end+len("</math>")])
			h = h[end+len("</math>"):]
			continue
		}
		t += i + len(texOpen)
		te := strings.Index(h[t:end], texClose)
		if te < 0 {
			b.WriteString(h[:end+len("</math>")])
			h = h[end+len("</math>"):]
			continue
		}
		open, close := `\(`, `\)`
		if strings.Contains(h[i:tagEnd], `display="block"`) {
			open, close = `\[`, `\]`
		}
		b.WriteString(h[:i])
		b.WriteString(open)
		b.WriteString(h[t : t+te])
		b.WriteString(close)
		h = h[end+len("</math>"):]
	}
	if b.Len() == 0 {
		return h
	}
	b.WriteString(h)
	return b.String()
}

// ankiField quotes a field holding a tab, newline or quote, or starting
// with '#' (a comment line to Anki's importer), doubling the quotes
// inside, as Anki's importer reads it.
func ankiField(s string) string {
	if !strings.ContainsAny(s, "\t\n\r\"") && !strings.HasPrefix(s, "#") {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// ankiText makes a deck level or a tag one line of plain text: white
// space and control characters at its ends are dropped and every run of
// them inside becomes sep (a tag is one word to Anki, which splits the
// tags column at any white space).
func ankiText(s, sep string) string {
	blank := func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }
	if !strings.ContainsFunc(s, blank) {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, blank), sep)
}
