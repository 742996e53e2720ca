package hugosite

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"gopkg.in/yaml.v3"
)

// note is one Markdown note of the vault, read for conversion.
type note struct {
	rel   string   // slash-separated path in the vault, for messages
	title string   // the file name without .md, as Obsidian shows it
	deck  []string // cards-deck: levels, or the note's folders
	tags  []string
	date  string // created:, when it is there
	body  []byte // the Markdown after the frontmatter
}

// frontmatter holds the fields of a note's YAML that the Hugo page keeps.
type frontmatter struct {
	Tags    any    `yaml:"tags"` // a list, or words separated by spaces or commas
	Deck    string `yaml:"cards-deck"`
	Created string `yaml:"created"`
}

// parseNote reads a note's frontmatter and body. rel is its path in the
// vault (slash-separated).
func parseNote(rel string, data []byte) (note, error) {
	n := note{rel: rel, title: strings.TrimSuffix(path.Base(rel), path.Ext(rel))}
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	yml, body, ok := splitFrontmatter(data)
	n.body = body
	if ok {
		var fm frontmatter
		if err := yaml.Unmarshal(yml, &fm); err != nil {
			// yaml.v3 numbers its lines from the first line after "---".
			return n, fmt.Errorf("%s: frontmatter (from line 2): %v; fix the YAML between the --- lines", rel, err)
		}
		n.tags = tagList(fm.Tags)
		n.date = fm.Created
		for _, level := range strings.Split(fm.Deck, "::") {
			if level = strings.TrimSpace(level); level != "" {
				n.deck = append(n.deck, level)
			}
		}
	}
	if len(n.deck) == 0 { // no cards-deck: the folders are the deck, as in gen
		if dir := path.Dir(rel); dir != "." {
			n.deck = strings.Split(dir, "/")
		}
	}
	return n, nil
}

// splitFrontmatter splits a leading block between "---" lines from the
// rest; ok is false when the note has none (or never closes it).
func splitFrontmatter(data []byte) (yml, body []byte, ok bool) {
	if !bytes.HasPrefix(data, []byte("---\n")) {
		return nil, data, false
	}
	for start := 4; start <= len(data); {
		end := bytes.IndexByte(data[start:], '\n')
		if end < 0 {
			end = len(data) - start
		}
		if strings.TrimRight(string(data[start:start+end]), " \t") == "---" {
			return data[4:start], data[min(start+end+1, len(data)):], true
		}
		start += end + 1
	}
	return nil, data, false
}

// tagList turns the three styles of tags: (a YAML list, a flow list, or
// words in one string) into one list, without '#'.
func tagList(v any) []string {
	var words []string
	switch t := v.(type) {
	case string:
		words = strings.FieldsFunc(t, func(r rune) bool { return r == ' ' || r == ',' })
	case []any:
		for _, x := range t {
			words = append(words, fmt.Sprint(x))
		}
	}
	var tags []string
	for _, w := range words {
		if w = strings.TrimPrefix(strings.TrimSpace(w), "#"); w != "" {
			tags = append(tags, w)
		}
	}
	return tags
}
