package notes

import "strings"

// A card tag followed on its line only by image embeds, as in a real
// vault's "\t点火公式 #card \t![[….png]]": FORMAT.md has the tag end its
// line, so no card was made and the tag showed in the text. Such a line is
// a paragraph card whose answer starts with those embeds (the picture is
// the answer), then goes on as usual with the lines below.

// cardTailBeforeEmbeds reads the card tag run of a masked line that ends
// with image embeds ("![[x.png]]", "![alt](x.png)", separated from the
// tags and each other by blanks). The run found has after set to the
// embeds, cut from text. A spaced tag is not read this way: a prompt has
// no answer to put the embeds in.
func (set cardTagSet) cardTailBeforeEmbeds(mask, text string) (tagTail, bool) {
	end := len(trimRightBlanks(mask))
	from := trailingEmbeds(mask[:end])
	if from <= 0 || (mask[from-1] != ' ' && mask[from-1] != '\t') {
		return tagTail{}, false
	}
	t, ok := set.cardTail(mask[:from], text)
	if !ok || t.kind == tagSpaced {
		return tagTail{}, false
	}
	t.after = text[from:end]
	return t, true
}

// trailingEmbeds returns where the run of image embeds that ends s (with
// blanks between them) starts, or -1 when s does not end with one.
func trailingEmbeds(s string) int {
	start := -1
	for end := len(s); end > 0; end = len(trimRightBlanks(s[:start])) {
		n := embedBefore(s[:end])
		if n == 0 {
			break
		}
		start = end - n
	}
	return start
}

// embedBefore returns the length of the image embed that s ends with:
// "![[target]]" or "![alt](url)", neither holding its own closing
// brackets; 0 when s ends otherwise.
func embedBefore(s string) int {
	switch {
	case strings.HasSuffix(s, "]]"):
		i := strings.LastIndex(s, "![[")
		if i < 0 || strings.Contains(s[i+3:len(s)-2], "]") {
			return 0
		}
		return len(s) - i
	case strings.HasSuffix(s, ")"):
		i := strings.LastIndex(s, "![")
		if i < 0 {
			return 0
		}
		alt, url, ok := strings.Cut(s[i+2:len(s)-1], "](")
		if !ok || strings.ContainsAny(alt, "[]") || strings.ContainsAny(url, "() \t") {
			return 0
		}
		return len(s) - i
	}
	return 0
}
