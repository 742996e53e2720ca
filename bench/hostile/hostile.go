// Package hostile generates the pathological vaults of issue 15: inputs
// built to make a build slow or big (an embed bomb, code that makes
// chroma's regexps backtrack, a note of 200,000 cards, …). bench/hostile/
// run.sh builds each with gen and reports its time and peak memory;
// every case must build in under 2 s and 200 MiB on two cores.
//
// The vaults are made here, not committed: some are megabytes. The same
// case always gives the same bytes.
package hostile

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Case is one pathological vault.
type Case struct {
	Name string // the case's name on the command line and in the table
	Item string // the item of issue 15 it comes from
	What string // one line: what the vault holds
	// Files returns the vault: slash path → content.
	Files func() map[string]string
}

// Cases are every case, in the order of the table.
var Cases = []Case{
	{"embed-bomb", "1", "5 notes, each embedding the next 40 times (40³ expansions of one note in the first)", embedBomb},
	{"chroma-unclosed-1mb", "2", "a 1 MB go block opening a /* comment it never closes", chromaUnclosed},
	{"chroma-openers", "2", "64 go blocks of 16 KB, each a /* comment opened on every line and never closed", chromaOpeners},
	{"chroma-languages", "2", "blocks of 16 KB in 8 languages, each opening on every line what the language's lexer reads to the end of the block looking for its end", chromaLanguages},
	{"cards-200k", "4", "one note of 200,000 inline cards", manyCards},
	{"fence-lang-3000", "10", "2,000 fences, each with a different 3,000-character language name", longFenceLanguages},
	{"fence-lang-many", "10", "20,000 fences, each with a different short language chroma does not know", manyFenceLanguages},
	{"link-openers", "10", `"[a](" repeated over 200 KB in one paragraph`, linkOpeners},
	{"footnotes", "10", "1.4 MB of footnotes: 20,000 definitions, a paragraph referring to all, 500 cards referring to one each", footnotes},
	{"list-3000", "10", "a list nested 3,000 levels deep, one level per line", nestedList},
	{"list-inline-3000", "10", `3,000 list markers on one line ("- - - … x")`, inlineList},
	{"quote-3000", "10", "a block quote nested 3,000 levels deep", nestedQuote},
	{"brackets-200k", "10", `"[", "](", "[[a", "![[a|", "[x]" and "[a]" lines, each over 120–400 KB`, brackets},
	{"emphasis-200k", "10", "unclosed emphasis, highlights, math and code over 200 KB, backtick runs of 1 to 1,000, 3,000 nested callouts", emphasis},
}

// Find returns the case named name.
func Find(name string) (Case, bool) {
	for _, c := range Cases {
		if c.Name == name {
			return c, true
		}
	}
	return Case{}, false
}

// Write writes case c's vault to dir, which must not exist or be empty.
func Write(dir string, c Case) (int64, error) {
	if ents, err := os.ReadDir(dir); err == nil && len(ents) > 0 {
		return 0, fmt.Errorf("%s is not empty", dir)
	}
	files := c.Files()
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	var size int64
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return size, err
		}
		if err := os.WriteFile(p, []byte(files[name]), 0o644); err != nil {
			return size, err
		}
		size += int64(len(files[name]))
	}
	return size, nil
}

const deck = "---\ncards-deck: Hostile\n---\n"

// embedBomb: note A embeds B 40 times, B embeds C 40 times, … E. Before
// a budget, A alone expanded to 40³ copies of D (embeds stop at depth 3).
func embedBomb() map[string]string {
	const n = 40
	names := []string{"A", "B", "C", "D", "E"}
	files := map[string]string{}
	for i, name := range names {
		var b strings.Builder
		b.WriteString(deck)
		fmt.Fprintf(&b, "## Note %s #card\n\n", name)
		if i+1 < len(names) {
			for range n {
				fmt.Fprintf(&b, "![[%s]]\n\n", names[i+1])
			}
		} else {
			b.WriteString("The bottom of the bomb: a sentence of text.\n")
		}
		files[name+".md"] = b.String()
	}
	return files
}

// chromaUnclosed: a 1 MB go block whose first line opens a comment that
// nothing closes; chroma's comment rule scanned to the end of the block
// and failed.
func chromaUnclosed() map[string]string {
	var b strings.Builder
	b.WriteString(deck + "## Code #card\n\n```go\n/* an unclosed comment\n")
	for i := 0; b.Len() < 1<<20; i++ {
		fmt.Fprintf(&b, "x%d := f(%d) + \"s\" // line %d\n", i, i, i)
	}
	b.WriteString("```\n")
	return map[string]string{"Unclosed.md": b.String()}
}

// chromaOpeners: each line of each block opens a comment; every opener
// makes the comment rule scan to the end of the block: quadratic per
// block, with a large constant (16 KB took seconds).
func chromaOpeners() map[string]string {
	var b strings.Builder
	b.WriteString(deck)
	for i := range 64 {
		fmt.Fprintf(&b, "## Block %d #card\n\n```go\n", i)
		b.WriteString(strings.Repeat("/* x\n", 16<<10/5))
		b.WriteString("```\n\n")
	}
	return map[string]string{"Openers.md": b.String()}
}

// chromaLanguages: for each of several lexers, a block that makes one
// of its rules read to the end of the block at every line: Java's
// declaration rule on words without "name(", comments and processing
// instructions never closed, C's preprocessor state's comment rule.
func chromaLanguages() map[string]string {
	blocks := []struct{ lang, line string }{
		{"java", "import x\n"}, {"css", "/* x\n"}, {"javascript", "/* x\n"}, {"html", "<? x\n"},
		{"c", "#x /* x\n"}, {"php", "<?php /* x\n"}, {"kotlin", "/* x\n"}, {"typescript", "/* x\n"},
	}
	files := map[string]string{}
	for _, bl := range blocks {
		var b strings.Builder
		b.WriteString(deck)
		fmt.Fprintf(&b, "## %s #card\n\n```%s\n", bl.lang, bl.lang)
		b.WriteString(strings.Repeat(bl.line, 16<<10/len(bl.line)))
		b.WriteString("```\n")
		files["Lang "+bl.lang+".md"] = b.String()
	}
	return files
}

// manyCards: 200,000 inline cards in one note.
func manyCards() map[string]string {
	var b strings.Builder
	b.WriteString(deck)
	for i := range 200000 {
		fmt.Fprintf(&b, "Question %d :: Answer %d\n", i, i)
	}
	return map[string]string{"Cards.md": b.String()}
}

// longFenceLanguages: chroma looked an unknown language up as a file
// name, through filepath.Match against every lexer's patterns; each
// name here differs, so no cache helps.
func longFenceLanguages() map[string]string {
	var b strings.Builder
	b.WriteString(deck + "## Fences #card\n\n")
	for i := range 2000 {
		name := fmt.Sprintf("x%d", i) + strings.Repeat(".a", 1500)
		fmt.Fprintf(&b, "```%s\ncode %d\n```\n\n", name[:3000], i)
	}
	return map[string]string{"Fences.md": b.String()}
}

// manyFenceLanguages: every unknown language cost chroma's lexers.Get
// milliseconds (it tries the name against every lexer's file globs).
func manyFenceLanguages() map[string]string {
	var b strings.Builder
	b.WriteString(deck + "## Fences #card\n\n")
	for i := range 20000 {
		fmt.Fprintf(&b, "```lang%d\ncode\n```\n\n", i)
	}
	return map[string]string{"Languages.md": b.String()}
}

// linkOpeners: "[a](" 50,000 times: each opener looks for the end of its
// link destination in the rest of the paragraph.
func linkOpeners() map[string]string {
	return map[string]string{"Links.md": deck + "## Links #card\n\n" + strings.Repeat("[a](", 200<<10/4) + "\n"}
}

// footnotes: 1.4 MB of footnotes: 500 cards, each referring to a
// footnote, a paragraph referring to 20,000 of them, and their 20,000
// definitions at the end of the note.
func footnotes() map[string]string {
	const n = 20000
	var b strings.Builder
	b.WriteString(deck)
	for i := range 500 {
		fmt.Fprintf(&b, "Question %d[^f%d] :: Answer %d\n", i, i, i)
	}
	b.WriteString("\n## Reading\n\n")
	for i := range n {
		fmt.Fprintf(&b, "See[^f%d]. ", i)
	}
	b.WriteString("\n\n")
	for i := range n {
		fmt.Fprintf(&b, "[^f%d]: The definition of footnote %d, a line of text.\n", i, i)
	}
	return map[string]string{"Footnotes.md": b.String()}
}

// nestedList: a list 3,000 levels deep, each item on its own line
// indented two more spaces (9 MB of indentation).
func nestedList() map[string]string {
	var b strings.Builder
	b.WriteString(deck + "## Deep list #card\n\n")
	for i := range 3000 {
		b.WriteString(strings.Repeat("  ", i))
		fmt.Fprintf(&b, "- item %d\n", i)
	}
	return map[string]string{"List.md": b.String()}
}

// inlineList: 3,000 list markers on one line, "- - - … x", which nest
// as deep as separate lines would.
func inlineList() map[string]string {
	return map[string]string{
		"Inline.md": deck + "## Inline list #card\n\n" + strings.Repeat("- ", 3000) + "x\n\n" +
			strings.Repeat("1. ", 3000) + "y\n\n" + strings.Repeat("- [ ] ", 1000) + "z\n",
	}
}

// nestedQuote: 3,000 block quote markers on one line, and a callout
// nested 3,000 deep over 3,000 lines.
func nestedQuote() map[string]string {
	var b strings.Builder
	b.WriteString(deck + "## Deep quote #card\n\n" + strings.Repeat("> ", 3000) + "x\n\n")
	for i := range 3000 {
		b.WriteString(strings.Repeat(">", i+1))
		fmt.Fprintf(&b, " line %d\n", i)
	}
	return map[string]string{"Quote.md": b.String()}
}

// brackets: unclosed link brackets and wikilink and embed openers.
func brackets() map[string]string {
	return map[string]string{
		"Brackets.md": deck + "## Brackets #card\n\n" + strings.Repeat("[", 100<<10) + strings.Repeat("](", 50<<10) + "\n\n" +
			strings.Repeat("[[a", 60<<10) + "\n\n" + strings.Repeat("![[a|", 40<<10) + "\n\n" + strings.Repeat("[x]", 60<<10) + "\n\n" +
			strings.Repeat("[a]\n", 30<<10),
	}
}

// emphasis: delimiter runs that never close, and callouts nested deep.
func emphasis() map[string]string {
	var b strings.Builder
	b.WriteString(deck + "## Emphasis #card\n\n")
	b.WriteString(strings.Repeat("*a **b ", 200<<10/7) + "\n\n")
	b.WriteString(strings.Repeat("==a ", 50<<10) + "\n\n")
	b.WriteString(strings.Repeat("$a ", 50<<10) + "\n\n")
	b.WriteString(strings.Repeat("`a ", 50<<10) + "\n\n")
	for i := 1; i <= 1000; i++ {
		b.WriteString(strings.Repeat("`", i) + "a")
	}
	b.WriteString("\n\n")
	for i := range 3000 {
		b.WriteString(strings.Repeat(">", i+1))
		fmt.Fprintf(&b, " [!note] level %d\n", i)
	}
	return map[string]string{"Emphasis.md": b.String()}
}
