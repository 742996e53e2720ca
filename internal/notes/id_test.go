package notes

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
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
