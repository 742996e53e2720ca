package notes

import (
	"strings"
	"testing"
)

// TestCardTagSetLikeMap checks cardTagSet against a map holding every
// variant of every tag, written in Options order (later tags win).
func TestCardTagSetLikeMap(t *testing.T) {
	optionSets := [][]string{
		{"card"}, {"card", "fc"}, {"card", "card-reverse"}, {"card-reverse", "card"},
		{"#Card ", "FC", ""}, {"karte", "Карточка"}, {"a", "a/spaced", "a-reverse"}, {""},
	}
	tags := []string{"card", "Card", "CARD-REVERSE", "card/reverse", "card-spaced", "card/Spaced", "cards",
		"card-reverse-reverse", "card-reverse", "fc", "fc-spaced", "FC/reverse", "карточка", "Карточка-spaced",
		"karte", "a", "a/spaced", "a/spaced-reverse", "a-reverse", "a-reverse/spaced", "", "c\u212Aard", "İ"}
	for _, opts := range optionSets {
		want := map[string]tagKind{}
		for _, t := range opts {
			t = strings.ToLower(strings.TrimLeft(strings.TrimSpace(t), "#"))
			if t == "" {
				continue
			}
			want[t] = tagBasic
			want[t+"-reverse"], want[t+"/reverse"] = tagReverse, tagReverse
			want[t+"-spaced"], want[t+"/spaced"] = tagSpaced, tagSpaced
		}
		set := appendCardTags(nil, opts)
		for _, tag := range tags {
			if got, w := set.kind(tag), want[strings.ToLower(tag)]; got != w {
				t.Errorf("tags %q: kind(%q) = %d, want %d", opts, tag, got, w)
			}
		}
	}
}
