// Package vaultgen generates deterministic synthetic Obsidian vaults for
// the flipdeck benchmarks: N notes of M cards each, in nested folders,
// with `cards-deck:` frontmatter over about N/20 decks of 2 or 3 levels,
// answers modelled on the real-world corpus (paragraphs, lists, GFM
// tables, code fences, inline, display and aligned math, highlights,
// wikilinks, image embeds, callouts) and a few dozen small PNG
// attachments. The same Config always gives byte-identical files.
//
// Every note has exactly Config.Cards cards: heading cards (`## Q #card`
// with ^13-digit block ids, some nested `###`), paragraph cards (some with
// the tag on its own line), inline `Question::Answer` cards and cloze lines
// with one hidden span. Reversed cards are avoided so the count is exact.
package vaultgen

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
)

// Config says what to generate.
type Config struct {
	Notes int    // number of notes (>= 1)
	Cards int    // cards per note (>= 0)
	Seed  uint64 // same seed, same vault
	// Images is the number of shared attachments (0: 36, fewer for tiny vaults).
	Images int
}

// File is one generated file; Path is slash-separated and relative to the
// vault root.
type File struct {
	Path string
	Data []byte
}

// Vault is a generated vault held in memory.
type Vault struct {
	Notes       []File // Markdown notes, in generation order
	Attachments []File // PNG images under attachments/
}

// Files returns notes then attachments.
func (v *Vault) Files() []File {
	return append(append([]File(nil), v.Notes...), v.Attachments...)
}

// Size is the total number of bytes of all files.
func (v *Vault) Size() int64 {
	var n int64
	for _, f := range v.Files() {
		n += int64(len(f.Data))
	}
	return n
}

// rng is splitmix64: tiny, fast, and fixed forever (math/rand's streams
// are not guaranteed across Go versions, this one is).
type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// chance is true with probability pct/100.
func (r *rng) chance(pct int) bool { return r.intn(100) < pct }

func pick[T any](r *rng, xs []T) T { return xs[r.intn(len(xs))] }

// sub derives an independent stream for one item, so that changing how
// much one note consumes never shifts the others.
func sub(seed uint64, kind, i int) *rng {
	r := &rng{s: seed ^ uint64(kind)<<56 ^ uint64(i)*0x2545f4914f6cdd1d}
	r.next()
	return r
}

// Generate builds the vault in memory.
func Generate(cfg Config) *Vault {
	if cfg.Notes < 1 {
		cfg.Notes = 1
	}
	if cfg.Cards < 0 {
		cfg.Cards = 0
	}
	if cfg.Images <= 0 {
		cfg.Images = 36
		if cfg.Notes < 36 {
			cfg.Images = max(4, cfg.Notes)
		}
	}
	g := &gen{cfg: cfg, used: map[string]bool{}}
	g.planDecks()
	g.titles = make([]string, cfg.Notes)
	for i := range g.titles {
		r := sub(cfg.Seed, 1, i)
		g.titles[i] = fmt.Sprintf("%s %d", pick(r, topics), i+1)
	}
	v := &Vault{}
	for i := 0; i < cfg.Notes; i++ {
		d := g.decks[i%len(g.decks)]
		p := strings.Join(d, "/") + "/" + g.titles[i] + ".md"
		v.Notes = append(v.Notes, File{Path: p, Data: g.note(i, d)})
	}
	for k := 0; k < cfg.Images; k++ {
		v.Attachments = append(v.Attachments, File{Path: "attachments/" + imageName(k), Data: makePNG(cfg.Seed, k)})
	}
	return v
}

// Write writes v under dir, which must not exist or be empty.
func Write(dir string, v *Vault) error {
	if ents, err := os.ReadDir(dir); err == nil && len(ents) > 0 {
		return fmt.Errorf("%s is not empty", dir)
	}
	made := map[string]bool{}
	for _, f := range v.Files() {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if d := filepath.Dir(p); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func imageName(k int) string { return fmt.Sprintf("img-%d.png", k+1) }

type gen struct {
	cfg    Config
	decks  [][]string
	titles []string
	// used holds every question and cloze sentence so far: real decks do
	// not ask the same thing twice (gen warns about duplicates in a deck).
	used map[string]bool
}

// planDecks makes about Notes/20 decks: pairs of decks share a course;
// half the pairs are Subject::Course::Chapter, the others
// Subject::Course Part.
func (g *gen) planDecks() {
	n := max(1, g.cfg.Notes/20)
	nSubj := 1
	for nSubj*nSubj < n {
		nSubj++
	}
	nSubj = min(nSubj, len(subjects))
	for d := 0; d < n; d++ {
		grp := d / 2
		subj := subjects[grp%nSubj]
		course := courses[grp%len(courses)]
		if grp >= len(courses) {
			course = fmt.Sprintf("%s %d", course, grp/len(courses)+1)
		}
		if sub(g.cfg.Seed, 2, grp).chance(50) {
			g.decks = append(g.decks, []string{subj, course, chapters[(d%2+grp)%len(chapters)]})
		} else {
			g.decks = append(g.decks, []string{subj, course + " " + courseParts[d%2]})
		}
	}
}

// note writes note i of deck d.
func (g *gen) note(i int, deck []string) []byte {
	r := sub(g.cfg.Seed, 3, i)
	w := &noteWriter{g: g, r: r, self: i}
	b := &w.b

	// Frontmatter in the styles seen in the corpus.
	b.WriteString("---\n")
	t1, t2 := slugWord(deck[0]), slugWord(deck[len(deck)-1])
	switch r.intn(3) {
	case 0:
		fmt.Fprintf(b, "tags: [%s, %s, study-note]\n", t1, t2)
	case 1:
		fmt.Fprintf(b, "tags:\n  - %s\n  - %s/%s\n", t1, t1, t2)
	default:
		fmt.Fprintf(b, "tags: %s %s\n", t1, t2)
	}
	fmt.Fprintf(b, "cards-deck: %s\n", strings.Join(deck, "::"))
	if r.chance(50) {
		fmt.Fprintf(b, "aliases:\n  - %s\n", strings.TrimRight(g.titles[i], "0123456789 "))
	}
	fmt.Fprintf(b, "created: 20%02d-%02d-%02d\n", 21+r.intn(4), 1+r.intn(12), 1+r.intn(28))
	b.WriteString("---\n")
	if r.chance(70) { // the seed has no blank line after the closing ---
		b.WriteString("\n")
	}
	fmt.Fprintf(b, "# %s\n\n", g.titles[i])

	// A reading section every note has (wikilinks target [[T#Overview]]).
	b.WriteString("## Overview\n\n")
	w.paragraph(2 + r.intn(3))
	if r.chance(40) {
		w.callout()
	}
	if r.chance(30) {
		w.image()
	}

	// Cards: heading cards inline, the other forms grouped in practice
	// sections opened by a plain heading.
	inPractice, lastHeadingCard := false, false
	for j := 0; j < g.cfg.Cards; j++ {
		form := r.intn(100)
		switch {
		case form < 60: // heading card
			level := 2
			if lastHeadingCard && r.chance(20) {
				level = 3
			}
			w.headingCard(level, j)
			inPractice, lastHeadingCard = false, true
		default:
			if !inPractice {
				fmt.Fprintf(b, "## %s\n\n", pick(r, practiceHeadings))
				if r.chance(50) {
					w.paragraph(1)
				}
				inPractice = true
			}
			switch {
			case form < 75:
				w.paragraphCard(j)
			case form < 90:
				w.inlineCard(j)
			default:
				w.clozeCard(j)
			}
			lastHeadingCard = false
		}
		if r.chance(12) { // a reading section between cards
			fmt.Fprintf(b, "## %s\n\n", pick(r, readingHeadings))
			w.readingBlocks()
			inPractice, lastHeadingCard = false, false
		}
	}

	// Closing reading section with links, as many real notes have.
	b.WriteString("## See also\n\n")
	for k := 0; k < 2+r.intn(3); k++ {
		fmt.Fprintf(b, "- %s\n", w.wikilink())
	}
	return bytes.Clone(b.Bytes())
}

type noteWriter struct {
	g    *gen
	r    *rng
	self int
	b    bytes.Buffer
}

// sentence is one sentence with inline decorations.
func (w *noteWriter) sentence() string {
	r := w.r
	var s strings.Builder
	if r.chance(30) {
		s.WriteString(pick(r, connectors) + " ")
		s.WriteString(pick(r, nouns))
	} else {
		n := pick(r, nouns)
		s.WriteString(strings.ToUpper(n[:1]) + n[1:])
	}
	s.WriteString(" " + pick(r, verbs) + " ")
	obj := pick(r, objects)
	switch r.intn(10) {
	case 0:
		obj = "==" + obj + "=="
	case 1:
		obj = "**" + obj + "**"
	case 2:
		obj = "*" + obj + "*"
	}
	s.WriteString(obj + " " + pick(r, tails))
	switch r.intn(8) {
	case 0:
		s.WriteString(", which costs " + pick(r, inlineMath))
	case 1:
		s.WriteString(" (see " + w.wikilink() + ")")
	case 2:
		s.WriteString(", e.g. `" + pick(r, []string{"lock.acquire()", "SELECT 1", "git rebase -i", "O_DIRECT", "fsync(fd)", "x := <-ch"}) + "`")
	}
	s.WriteString(".")
	return s.String()
}

// paragraph writes n sentences hard-wrapped near 80 columns.
func (w *noteWriter) paragraph(n int) {
	line := 0
	for k := 0; k < n; k++ {
		s := w.sentence()
		if line > 0 && line+len(s) > 80 {
			w.b.WriteString("\n")
			line = 0
		} else if line > 0 {
			w.b.WriteString(" ")
			line++
		}
		w.b.WriteString(s)
		line += len(s)
	}
	w.b.WriteString("\n\n")
}

func (w *noteWriter) wikilink() string {
	r := w.r
	t := w.g.titles[r.intn(len(w.g.titles))]
	switch r.intn(4) {
	case 0:
		return "[[" + t + "|" + strings.ToLower(strings.TrimRight(t, "0123456789 ")) + "]]"
	case 1:
		return "[[" + t + "#Overview]]"
	default:
		return "[[" + t + "]]"
	}
}

func (w *noteWriter) image() {
	name := imageName(w.r.intn(w.g.cfg.Images))
	if w.r.chance(40) {
		fmt.Fprintf(&w.b, "![[%s|%d]]\n\n", name, 200+50*w.r.intn(5))
	} else {
		fmt.Fprintf(&w.b, "![[%s]]\n\n", name)
	}
}

func (w *noteWriter) list() {
	r := w.r
	for k := 0; k < 2+r.intn(4); k++ {
		fmt.Fprintf(&w.b, "- %s\n", w.sentence())
		if r.chance(20) {
			fmt.Fprintf(&w.b, "\t- %s\n", w.sentence())
		}
	}
	w.b.WriteString("\n")
}

func (w *noteWriter) table() {
	r := w.r
	head := pick(r, tableHeads)
	w.b.WriteString("| " + strings.Join(head, " | ") + " |\n")
	w.b.WriteString(strings.Repeat("| --- ", len(head)) + "|\n")
	for k := 0; k < 3+r.intn(3); k++ {
		w.b.WriteString("|")
		for c := range head {
			cell := pick(r, tableCells)
			if c == 0 && r.chance(20) {
				cell = "==" + cell + "=="
			}
			w.b.WriteString(" " + cell + " |")
		}
		w.b.WriteString("\n")
	}
	w.b.WriteString("\n")
}

func (w *noteWriter) code() {
	lang := pick(w.r, codeLangs)
	fmt.Fprintf(&w.b, "```%s\n%s\n```\n\n", lang, pick(w.r, codeSnippets[lang]))
}

func (w *noteWriter) math() {
	if w.r.chance(50) {
		w.b.WriteString(pick(w.r, displayMath) + "\n\n")
	} else {
		w.b.WriteString(pick(w.r, alignedMath) + "\n\n")
	}
}

func (w *noteWriter) callout() {
	typ := pick(w.r, calloutTypes)
	fold := pick(w.r, []string{"", "-", "+"})
	fmt.Fprintf(&w.b, "> [!%s]%s %s\n> %s\n> %s\n\n", typ, fold, strings.ToUpper(typ[:1])+typ[1:], w.sentence(), w.sentence())
}

// block writes one answer or reading block of a random kind.
func (w *noteWriter) block() {
	switch k := w.r.intn(100); {
	case k < 30:
		w.paragraph(1 + w.r.intn(3))
	case k < 50:
		w.list()
	case k < 62:
		w.code()
	case k < 72:
		w.table()
	case k < 82:
		w.math()
	case k < 90:
		w.image()
	default:
		w.callout()
	}
}

func (w *noteWriter) readingBlocks() {
	w.paragraph(1 + w.r.intn(3))
	for k := 0; k < w.r.intn(3); k++ {
		w.block()
	}
}

// question returns a question unique in the vault.
func (w *noteWriter) question(j int) string {
	q := fmt.Sprintf(pick(w.r, questionForms), pick(w.r, concepts))
	if w.g.used[q] {
		q = fmt.Sprintf("%s in %s, part %d?", strings.TrimSuffix(q, "?"), w.g.titles[w.self], j+1)
	}
	w.g.used[q] = true
	return q
}

// blockID is a 13-digit id, unique in the vault.
func (w *noteWriter) blockID(j int) string {
	n := uint64(1650000000000) + uint64(w.self*w.g.cfg.Cards+j)*1009 + uint64(w.r.intn(1000))
	return fmt.Sprintf("^%013d", n)
}

func (w *noteWriter) headingCard(level, j int) {
	r := w.r
	fmt.Fprintf(&w.b, "%s %s #card", strings.Repeat("#", level), w.question(j))
	if r.chance(10) {
		w.b.WriteString(" #exam")
	}
	w.b.WriteString("\n")
	if r.chance(50) {
		w.b.WriteString("\n")
	}
	nb := 1 + r.intn(3)
	for k := 0; k < nb; k++ {
		w.block()
		if k == 0 && level == 2 && r.chance(10) {
			fmt.Fprintf(&w.b, "%s Example\n\n", strings.Repeat("#", level+2))
		}
	}
	// End with a paragraph or list, then the plugin's block id.
	if r.chance(50) {
		w.paragraph(1 + r.intn(2))
	} else {
		w.list()
	}
	if r.chance(85) {
		trimBlank(&w.b)
		w.b.WriteString(w.blockID(j) + "\n\n")
	}
}

func (w *noteWriter) paragraphCard(j int) {
	r := w.r
	q := w.question(j)
	if r.chance(25) { // the tag alone on the line under the question
		fmt.Fprintf(&w.b, "%s\n#card\n", q)
	} else {
		fmt.Fprintf(&w.b, "%s #card\n", q)
	}
	if r.chance(60) {
		w.b.WriteString(w.sentence() + "\n")
		if r.chance(40) {
			w.b.WriteString(w.sentence() + "\n")
		}
	} else {
		for k := 0; k < 2+r.intn(2); k++ {
			fmt.Fprintf(&w.b, "- %s\n", w.sentence())
		}
	}
	if r.chance(60) {
		w.b.WriteString(w.blockID(j) + "\n")
	}
	w.b.WriteString("\n")
}

func (w *noteWriter) inlineCard(j int) {
	q := strings.TrimSuffix(w.question(j), "?")
	var a string
	switch w.r.intn(3) {
	case 0:
		a = pick(w.r, inlineMath)
	case 1:
		a = "==" + pick(w.r, objects) + "=="
	default:
		a = pick(w.r, objects) + " " + pick(w.r, tails)
	}
	// "Q::A" is a card when a side does not end or start with a word
	// character; between plain words flipdeck wants a space ("std::cout"
	// is code), so use the spaced forms there, as FORMAT.md suggests.
	sep := "::"
	if c := a[0]; c >= 'a' && c <= 'z' {
		sep = pick(w.r, []string{" :: ", ":: "})
	}
	fmt.Fprintf(&w.b, "- %s%s%s\n\n", q, sep, a)
}

func (w *noteWriter) clozeCard(j int) {
	r := w.r
	f := pick(r, clozeFacts)
	if r.chance(70) || w.g.used[f[0]+f[1]+f[2]] {
		n := pick(r, nouns)
		f = [3]string{strings.ToUpper(n[:1]) + n[1:] + " " + pick(r, verbs) + " ", pick(r, objects), " " + pick(r, tails) + "."}
		if r.chance(50) {
			f = [3]string{f[0] + f[1] + " ", strings.TrimSuffix(f[2][1:], "."), "."}
		}
		if w.g.used[f[0]+f[1]+f[2]] {
			f[2] = strings.TrimSuffix(f[2], ".") + fmt.Sprintf(" in %s, part %d.", w.g.titles[w.self], j+1)
		}
	}
	w.g.used[f[0]+f[1]+f[2]] = true
	switch r.intn(3) {
	case 0:
		fmt.Fprintf(&w.b, "%s{%s}%s\n\n", f[0], f[1], f[2])
	case 1:
		fmt.Fprintf(&w.b, "%s{1:%s}%s\n\n", f[0], f[1], f[2])
	default:
		fmt.Fprintf(&w.b, "%s{{c1::%s}}%s\n\n", f[0], f[1], f[2])
	}
}

// trimBlank removes trailing blank lines, keeping one final newline, so
// that a block id sits right under the answer as the plugin writes it.
func trimBlank(b *bytes.Buffer) {
	s := b.Bytes()
	n := len(s)
	for n > 1 && s[n-1] == '\n' && s[n-2] == '\n' {
		n--
	}
	b.Truncate(n)
}

func slugWord(s string) string {
	var out []rune
	for _, c := range strings.ToLower(s) {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			out = append(out, c)
		case c == ' ' || c == '-':
			if len(out) > 0 && out[len(out)-1] != '-' {
				out = append(out, '-')
			}
		}
	}
	return strings.Trim(string(out), "-")
}

// makePNG draws image k: a small gradient with stripes and a box, a few
// hundred bytes to a few KB, like diagram screenshots in miniature.
func makePNG(seed uint64, k int) []byte {
	r := sub(seed, 4, k)
	wd, ht := 96+16*r.intn(5), 64+16*r.intn(4)
	img := image.NewNRGBA(image.Rect(0, 0, wd, ht))
	c0 := color.NRGBA{uint8(r.intn(256)), uint8(r.intn(256)), uint8(r.intn(256)), 255}
	c1 := color.NRGBA{uint8(r.intn(256)), uint8(r.intn(256)), uint8(r.intn(256)), 255}
	stripe := 4 + r.intn(12)
	bx, by := r.intn(wd/2), r.intn(ht/2)
	for y := 0; y < ht; y++ {
		for x := 0; x < wd; x++ {
			t := x * 255 / wd
			c := color.NRGBA{
				uint8((int(c0.R)*(255-t) + int(c1.R)*t) / 255),
				uint8((int(c0.G)*(255-t) + int(c1.G)*t) / 255),
				uint8((int(c0.B)*(255-t) + int(c1.B)*t) / 255), 255}
			if (x+y)/stripe%2 == 0 {
				c.R, c.G = c.R/2+64, c.G/2+64
			}
			if x >= bx && x < bx+wd/3 && y >= by && y < by+ht/3 {
				c = color.NRGBA{255, 255, 255, 255}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err) // cannot happen with a bytes.Buffer
	}
	return buf.Bytes()
}
