package markdown

import (
	"math/rand/v2"
	"testing"
)

// TestPlainLine: what plainLine takes, and that its HTML is the full
// pipeline's (every gate open) for each text it takes.
func TestPlainLine(t *testing.T) {
	r := New()
	opt := Options{Root: "../", File: "n.md", Line: 3, HeadingIDPrefix: "n1-", Budget: NewBudget()}
	for _, c := range []struct {
		src   string
		plain bool
	}{
		{"What is log compaction in Determinants 2205, part 2?", true},
		{`Why "quote" it's (so) -- odd; no.`, true},
		{"a  b", true},
		{"x", true},
		{"", false},
		{"1. ordered", false},
		{"2205 starts with a digit", false},
		{"- item", false},
		{" leading space", false},
		{"trailing space ", false},
		{"two\nlines", false},
		{"tab\there", false},
		{"see www.example.com", false},
		{"see WWW.example.com", false},
		{"wwwx.y is fine", true},
		{"a #card tag", false},
		{"a [[link]]", false},
		{"some *emphasis*", false},
		{"a `code` span", false},
		{"math $x$", false},
		{"a ==highlight==", false},
		{"Q::A", false},
		{"a %%comment%%", false},
		{"a & b", false},
		{"a < b", false},
		{"caf\u00e9", false},
		{"block id ^abc", false},
		{"cloze {x}", false},
		{"a|b", false},
		{"back\\slash", false},
		{"a ~~strike~~", false},
		{"mail a@b.org", false},
		{"a/b", false},
		{"a: b", false},
		{"bang!", false},
	} {
		got, ok := plainLine(c.src)
		if ok != c.plain {
			t.Errorf("plainLine(%q) ok = %v, want %v", c.src, ok, c.plain)
			continue
		}
		if !ok {
			continue
		}
		if want := renderGatedOpt(r, c.src, opt, true, true); got != want {
			t.Errorf("plainLine(%q) = %q, the pipeline writes %q", c.src, got, want)
		}
	}
}

// TestPlainLineRandom compares plainLine with the full pipeline on random
// texts of the bytes it takes, and a few it does not.
func TestPlainLineRandom(t *testing.T) {
	r := New()
	const alphabet = "aZw.W 09,?;'\"()-:#*_\n"
	rng := rand.New(rand.NewPCG(5, 6))
	taken := 0
	for round := 0; round < 20000; round++ {
		b := make([]byte, 1+rng.IntN(12))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		src := string(b)
		got, ok := plainLine(src)
		if !ok {
			continue
		}
		taken++
		if want := renderGatedOpt(r, src, Options{}, true, true); got != want {
			t.Fatalf("plainLine(%q) = %q, the pipeline writes %q", src, got, want)
		}
	}
	if taken < 1000 {
		t.Fatalf("only %d random texts were plain: the test checks little", taken)
	}
}
