package notes

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/flipdeck/flipdeck/internal/diag"
)

// frontmatter is what the note's YAML header tells us.
type frontmatter struct {
	deck     string   // raw cards-deck value ("" when missing)
	hasDeck  bool     // cards-deck was present and not empty
	tags     []string // tags without '#'
	broken   bool     // the YAML did not parse
	firstErr string
}

// splitFrontmatter cuts a leading "---" block off text. It returns the
// YAML, the body after the closing line and the 1-based file line where
// the body starts. Without a closing "---" (or "...") line the file has no
// frontmatter, as in Obsidian. The closing line may be followed directly
// by text (the seed has no blank line after it).
func splitFrontmatter(text []byte) (yml, body []byte, bodyLine int, ok bool) {
	first, rest, more := bytes.Cut(text, []byte{'\n'})
	if string(bytes.TrimRight(first, " \t")) != "---" || !more {
		return nil, text, 1, false
	}
	line := 2
	pos := 0
	for pos <= len(rest) {
		ln, _, hasNL := bytes.Cut(rest[pos:], []byte{'\n'})
		t := bytes.TrimRight(ln, " \t")
		if string(t) == "---" || string(t) == "..." {
			yml = rest[:pos]
			if hasNL {
				body = rest[pos+len(ln)+1:]
			}
			return yml, body, line + 1, true
		}
		if !hasNL {
			break
		}
		pos += len(ln) + 1
		line++
	}
	return nil, text, 1, false
}

// yamlLineRE finds the line number in yaml.v3 error messages
// ("yaml: line 3: ..."); compiled once, regexps are safe to share.
var yamlLineRE = regexp.MustCompile(`line (\d+)`)

// readFrontmatter decodes the YAML header. Broken YAML is a warning and the
// note is still read, with what can be salvaged of the header (see
// brokenFrontmatter), so that one typo elsewhere does not move the cards
// to another deck.
func readFrontmatter(path, yml string, diags *[]diag.Diagnostic) frontmatter {
	entries, err := decodeYAML(yml)
	if err != nil {
		return brokenFrontmatter(path, yml, err, diags)
	}
	return frontmatterOf(entries)
}

// frontmatterOf reads the keys we use from the header's entries.
func frontmatterOf(entries []fmEntry) frontmatter {
	var fm frontmatter
	// Sorted keys keep the tag order stable when both tags: and tag: exist.
	slices.SortStableFunc(entries, func(a, b fmEntry) int { return strings.Compare(a.key, b.key) })
	for _, e := range entries {
		switch strings.ToLower(e.key) {
		case "cards-deck":
			if s := scalarString(e.value); strings.TrimSpace(s) != "" {
				fm.deck, fm.hasDeck = s, true
			}
		case "tags", "tag":
			fm.tags = append(fm.tags, yamlTags(e.value)...)
		}
	}
	fm.tags = dedupe(fm.tags)
	return fm
}

// fmEntry is one top-level key of the frontmatter and its value as
// yaml.v3 decodes it into an any: a string, a []any, a map or nil.
type fmEntry struct {
	key   string
	value any
}

// decodeYAML reads the frontmatter's top-level entries with yaml.v3, or
// without it when the YAML is simple (simpleyaml.go).
func decodeYAML(yml string) ([]fmEntry, error) {
	if entries, ok := simpleYAML(yml); ok {
		return entries, nil
	}
	var m map[string]any
	if err := yaml.Unmarshal([]byte(yml), &m); err != nil {
		return nil, err
	}
	entries := make([]fmEntry, 0, len(m))
	for k, v := range m {
		entries = append(entries, fmEntry{k, v})
	}
	return entries, nil
}

// brokenFrontmatter reports YAML that does not parse and keeps what it
// can of it: each top-level entry that parses on its own, and failing
// that a plain "cards-deck: value" line. The warning says which of the
// keys we use were kept.
func brokenFrontmatter(path, yml string, err error, diags *[]diag.Diagnostic) frontmatter {
	line := 1
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if sm := yamlLineRE.FindStringSubmatch(msg); sm != nil {
		n, e := strconv.Atoi(sm[1])
		if e == nil && yamlParserError(msg) {
			n++ // yaml.v3 counts parser error lines from 0, scanner error lines from 1
		}
		if e == nil && n > 0 && n <= strings.Count(yml, "\n")+1 {
			line = n + 1 // the YAML starts on file line 2
			msg = strings.TrimPrefix(msg, sm[0]+": ")
		}
	}
	msg = strings.Join(strings.Fields(msg), " ") // "unmarshal errors:\n  line 3: …"
	var entries []fmEntry
	for _, chunk := range topLevelEntries(yml) {
		if es, err := decodeYAML(chunk); err == nil {
			entries = append(entries, es...)
		}
	}
	fm := frontmatterOf(entries)
	if !fm.hasDeck {
		fm.deck, fm.hasDeck = scanDeckLine(yml)
	}
	fm.broken = true
	var kept []string
	if fm.hasDeck {
		kept = append(kept, "cards-deck")
	}
	if len(fm.tags) > 0 {
		kept = append(kept, "tags")
	}
	salvage := "ignored all of it"
	if len(kept) > 0 {
		salvage = "kept " + strings.Join(kept, " and ") + ", ignored the rest"
	}
	*diags = append(*diags, diag.Diagnostic{
		File: path, Line: line, Kind: diag.KindYAML, Severity: diag.Warning,
		Message: "frontmatter is not valid YAML (" + msg + "): " + salvage +
			"; fix the YAML between the --- lines",
	})
	return fm
}

// topLevelEntries cuts YAML into its top-level entries: a line that
// starts in the first column with a key opens one, and the indented,
// blank, comment and "- item" lines after it belong to it.
func topLevelEntries(yml string) []string {
	var chunks []string
	start := -1
	pos := 0
	for pos < len(yml) {
		ln, _, _ := strings.Cut(yml[pos:], "\n")
		opens := ln != "" && ln[0] != ' ' && ln[0] != '\t' && ln[0] != '#' && ln[0] != '-' && strings.Contains(ln, ":")
		if opens {
			if start >= 0 {
				chunks = append(chunks, yml[start:pos])
			}
			start = pos
		}
		pos += len(ln) + 1
	}
	if start >= 0 {
		chunks = append(chunks, yml[start:min(pos, len(yml))])
	}
	return chunks
}

// yamlParserError reports the messages of yaml.v3's parser (as opposed
// to its scanner), whose line numbers are 0-based.
func yamlParserError(msg string) bool {
	for _, m := range []string{"did not find expected ',' or", "did not find expected '-' indicator",
		"did not find expected <", "did not find expected key", "did not find expected node content",
		"found duplicate %", "found incompatible YAML document", "found undefined tag handle"} {
		if strings.Contains(msg, m) {
			return true
		}
	}
	return false
}

// scanDeckLine finds "cards-deck: value" in YAML that did not parse.
func scanDeckLine(yml string) (string, bool) {
	for _, ln := range strings.Split(yml, "\n") {
		k, v, ok := strings.Cut(ln, ":")
		if !ok || strings.TrimSpace(k) != "cards-deck" {
			continue
		}
		v = strings.Trim(strings.TrimSpace(v), `"'`)
		if v != "" {
			return v, true
		}
	}
	return "", false
}

func scalarString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []any, map[string]any:
		return ""
	default:
		return fmt.Sprint(x)
	}
}

// yamlTags accepts the three ways people write tags: a YAML list, an
// inline list, or one string of tags separated by spaces or commas.
func yamlTags(v any) []string {
	var out []string
	add := func(s string) {
		for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' }) {
			f = strings.TrimLeft(f, "#")
			if f != "" {
				out = append(out, f)
			}
		}
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			add(scalarString(e))
		}
	default:
		add(scalarString(x))
	}
	return out
}

// dedupe drops repeated strings from ss, keeping the first of each, in
// place (callers pass slices of their own).
func dedupe(ss []string) []string {
	if len(ss) < 2 {
		return ss
	}
	out := ss[:0]
	if len(ss) <= 16 {
		// A few tags: comparing is cheaper than a map.
	next:
		for _, s := range ss {
			for _, o := range out {
				if o == s {
					continue next
				}
			}
			out = append(out, s)
		}
		return out
	}
	seen := make(map[string]bool, len(ss))
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
