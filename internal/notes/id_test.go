package notes

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestCardID(t *testing.T) {
	deck := []string{"A", "B"}
	sum := sha256.Sum256([]byte("A::B\nwhat is über?"))
	want := "q" + hex.EncodeToString(sum[:])[:16]
	same := []string{
		"What is über?",
		"what is u\u0308ber?", // decomposed (macOS) form
		"What is **über**?",
		"What  is\n_über_?  #tag",
		"What is <u>über</u>?",
		"WHAT IS ÜBER?",
	}
	for _, q := range same {
		if got := CardID(deck, q); got != want {
			t.Errorf("CardID(%q) = %s, want %s", q, got, want)
		}
	}
	if CardID([]string{"A"}, "What is über?") == want {
		t.Error("the deck must be part of the id")
	}
	if CardID(deck, "What is uber?") == want {
		t.Error("different letters must give different ids")
	}
}

// normaliseQuestionRef is the plain statement of appendQuestion's
// normalisation, which the one-pass version must match.
func normaliseQuestionRef(q string) string {
	q = strings.ToLower(norm.NFC.String(q))
	var b strings.Builder
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch c {
		case '*', '_', '~', '=', '`', '[', ']':
			continue
		case '<':
			if i+1 < len(q) && (q[i+1] == '/' || q[i+1] >= 'a' && q[i+1] <= 'z') {
				if j := strings.IndexByte(q[i:], '>'); j > 0 && strings.IndexByte(q[i:i+j], '\n') < 0 {
					if strings.HasPrefix(q[i:], "<br") {
						b.WriteByte(' ')
					}
					i += j
					continue
				}
			}
		}
		b.WriteByte(c)
	}
	var out []string
	for _, f := range strings.Fields(b.String()) {
		if !isTagToken(f) {
			out = append(out, f)
		}
	}
	return strings.Join(out, " ")
}

func FuzzNormaliseQuestion(f *testing.F) {
	for _, q := range []string{"What  is\n_über_?  #tag", "A<BR>b</U> c", "x\u00a0y\u2003z #t/x", "Ǆ<Br/>", "\xff<b>\xfe", "<a\n>b"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if got, want := string(appendQuestion(nil, q)), normaliseQuestionRef(q); got != want {
			t.Fatalf("appendQuestion(%q) = %q, want %q", q, got, want)
		}
	})
}

// FuzzIsLayoutOnly checks isLayoutOnly against its plain statement.
func FuzzIsLayoutOnly(f *testing.F) {
	for _, s := range []string{"", " ", "﹇<br>", "<br>﹈<br>", "<<br>br>", "⌂ <br />", "<br/>x", "\u00a0<br>\u3000", "\xef\xb9"} {
		f.Add(s)
	}
	ref := strings.NewReplacer("<br>", "", "<br/>", "", "<br />", "", "﹇", "", "﹈", "", "⌂", "")
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.TrimSpace(s) == "" || strings.ContainsAny(s, "<﹇﹈⌂") && strings.TrimSpace(ref.Replace(s)) == ""
		if got := isLayoutOnly(s); got != want {
			t.Fatalf("isLayoutOnly(%q) = %v, want %v", s, got, want)
		}
	})
}
