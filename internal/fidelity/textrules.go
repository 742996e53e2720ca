package fidelity

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The rules over visible text. Each looks at one run (the text of one
// block, see linter); a run never holds code or math, which a placeholder
// replaces.

// textPatterns are the rules that a regular expression finds.
var textPatterns = []struct {
	rule Rule
	re   *regexp.Regexp
}{
	{Embed, regexp.MustCompile(`!\[\[`)},
	{Wikilink, regexp.MustCompile(`(?:^|[^!])(\[\[)`)},
	{Comment, regexp.MustCompile(`%%`)},
	{SyncComment, regexp.MustCompile(`<!--\s*(?:SR|ID):`)},
	{Property, regexp.MustCompile(`(?:^|\s)(?:id|collapsed)::`)},
	{Logbook, regexp.MustCompile(`:LOGBOOK:`)},
	{Cloze, regexp.MustCompile(`\{\{c\d+::|\{\{cloze[\s}]|\{\d\s*:[^{}]*\}`)},
	{BlockRef, regexp.MustCompile(`\(\([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\)\)`)},
	{EncodedName, regexp.MustCompile(`(?i)%2F`)},
	{MarkdownLink, regexp.MustCompile(`\[[^\]\n]+\]\([^)\s]+\)`)},
	{Emphasis, regexp.MustCompile(`\*\*[^*\s][^*\n]*\*\*|(?:^|\s)(__[^_\s][^_\n]*__)`)},
	{Escape, regexp.MustCompile(`\\[!-/:-@\[-` + "`" + `{-~]`)},
	{Icon, regexp.MustCompile(`:[A-Z][a-z]{1,2}[A-Z][A-Za-z0-9]*:`)},
	{Footnote, regexp.MustCompile(`\[\^[^\]\s]+\]`)},
}

// spacedSeparator in reading text is an inline card that was not made.
// Headings and the text of cards use " :: " as punctuation, and
// questionSeparator covers a card's question.
var spacedSeparator = regexp.MustCompile(`\s:::?\s`)

// questionSeparator in a card's question: the question line was not
// split into question and answer.
var questionSeparator = regexp.MustCompile(`::`)

// lintText applies the text rules to one run.
func lintText(l *linter, run string, where place) {
	for _, p := range textPatterns {
		for _, m := range p.re.FindAllStringSubmatchIndex(run, -1) {
			start, end := m[0], m[1]
			if len(m) > 2 && m[2] >= 0 { // the rule's own part, without its context
				start, end = m[2], m[3]
			}
			l.add(p.rule, excerpt(run, start, end))
		}
	}
	switch {
	case where.question:
		if m := questionSeparator.FindStringIndex(run); m != nil {
			l.add(Separator, excerpt(run, m[0], m[1]))
		}
	case !where.card && !where.heading:
		if m := spacedSeparator.FindStringIndex(run); m != nil {
			l.add(Separator, excerpt(run, m[0], m[1]))
		}
	}
	lintDollars(l, run)
	lintWords(l, run)
	lintAnkiLines(l, run)
}

// lintDollars finds math left as text: "$$" anywhere, and "$…$" spans
// that read as TeX (they hold \ ^ _ { or are one letter), with no space
// inside either dollar as Obsidian requires, so prices ("$5 and $6")
// are not math.
func lintDollars(l *linter, run string) {
	for i := 0; i < len(run); i++ {
		if run[i] != '$' {
			continue
		}
		if i+1 < len(run) && run[i+1] == '$' {
			l.add(DisplayMath, excerpt(run, i, i+2))
			i++
			continue
		}
		j := closingDollar(run, i)
		if j < 0 {
			continue
		}
		if body := run[i+1 : j]; isTeXish(body) {
			l.add(InlineMath, excerpt(run, i, j+1))
			i = j
		}
	}
}

// closingDollar returns the index of the '$' that closes the one at i, or
// -1: the next '$' before any placeholder or line break, with no space
// just inside either dollar.
func closingDollar(run string, i int) int {
	rest := run[i+1:]
	if rest == "" || rest[0] == ' ' || rest[0] == '\t' || rest[0] == '\n' {
		return -1
	}
	end := strings.IndexAny(rest, "$\n"+string(placeholder))
	if end <= 0 || rest[end] != '$' {
		return -1
	}
	if c := rest[end-1]; c == ' ' || c == '\t' {
		return -1
	}
	return i + 1 + end
}

// isTeXish reports whether the text between two dollars reads as TeX.
func isTeXish(s string) bool {
	if len(s) == 1 {
		return s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z'
	}
	return strings.ContainsAny(s, `\^_{`)
}

// lintWords looks at each word of a run: visible card tags and block ids.
func lintWords(l *linter, run string) {
	isSep := func(r rune) bool { return unicode.IsSpace(r) || r == placeholder }
	for i := 0; i < len(run); {
		r, size := utf8.DecodeRuneInString(run[i:])
		if isSep(r) {
			i += size
			continue
		}
		j := i
		for j < len(run) {
			r, size := utf8.DecodeRuneInString(run[j:])
			if isSep(r) {
				break
			}
			j += size
		}
		word := strings.TrimRight(strings.TrimLeft(run[i:j], "(["), ".,;:!?)]")
		switch {
		case l.isCardTag(word):
			l.add(CardTag, excerpt(run, i, j))
		case isBlockID(word):
			l.add(BlockID, excerpt(run, i, j))
		}
		i = j
	}
}

// cardTagSet is the set of card tags, lower-case, without '#'.
func cardTagSet(extra []string) map[string]bool {
	set := map[string]bool{"card": true, "card-reverse": true, "card-spaced": true,
		"flashcard": true, "flashcards": true, "fc": true}
	for _, t := range extra {
		set[strings.ToLower(strings.TrimPrefix(t, "#"))] = true
	}
	return set
}

// isCardTag reports whether word is a card tag: one of the set, or a
// "#card/…" or "#flashcards/…" tag (reversed cards, Spaced Repetition's
// decks).
func (l *linter) isCardTag(word string) bool {
	name, ok := strings.CutPrefix(word, "#")
	if !ok {
		return false
	}
	name = strings.ToLower(name)
	base, _, sub := strings.Cut(name, "/")
	return l.tags[name] || sub && (base == "card" || base == "flashcards" || l.tags[base])
}

// isBlockID reports whether word is a block id: "^" and at least six
// letters, digits or '-' (Obsidian writes six, the Flashcards plugin 13
// digits).
func isBlockID(word string) bool {
	id, ok := strings.CutPrefix(word, "^")
	if !ok || len(id) < 6 {
		return false
	}
	for _, c := range []byte(id) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// lintAnkiLines finds Obsidian_to_Anki's block markers: a run that starts
// with a "START" line or ends with an "END" line.
func lintAnkiLines(l *linter, run string) {
	t := strings.TrimSpace(run)
	first, _, _ := strings.Cut(t, "\n")
	if strings.TrimSpace(first) == "START" {
		l.add(AnkiBlock, excerpt(run, strings.Index(run, "START"), strings.Index(run, "START")+5))
	}
	if i := strings.LastIndexByte(t, '\n'); strings.TrimSpace(t[i+1:]) == "END" {
		k := strings.LastIndex(run, "END")
		l.add(AnkiBlock, excerpt(run, k, k+3))
	}
}

// excerptContext is how many characters an excerpt shows on each side of
// a match.
const excerptContext = 30

// excerpt is run[start:end] with some context, on one line.
func excerpt(run string, start, end int) string {
	from, to := start, end
	for n := 0; n < excerptContext && from > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(run[:from])
		from -= size
	}
	for n := 0; n < excerptContext && to < len(run); n++ {
		_, size := utf8.DecodeRuneInString(run[to:])
		to += size
	}
	s := oneLine(run[from:to])
	if from > 0 {
		s = "…" + s
	}
	if to < len(run) {
		s += "…"
	}
	return s
}

// clip is s on one line, cut to a short excerpt.
func clip(s string) string {
	s = oneLine(s)
	if utf8.RuneCountInString(s) <= 2*excerptContext+10 {
		return s
	}
	n := 0
	for i := range s {
		if n == 2*excerptContext {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// oneLine joins s's lines and white space with single spaces and shows
// the placeholder of skipped content as "⟨…⟩".
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.ReplaceAll(s, string(placeholder), "⟨…⟩")
}
