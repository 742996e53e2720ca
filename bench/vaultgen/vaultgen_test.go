package vaultgen

import (
	"bytes"
	"image/png"
	"strings"
	"testing"
)

func TestDeterministic(t *testing.T) {
	cfg := Config{Notes: 60, Cards: 10, Seed: 42}
	a, b := Generate(cfg).Files(), Generate(cfg).Files()
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("file %d differs: %s / %s", i, a[i].Path, b[i].Path)
		}
	}
	other := Generate(Config{Notes: 60, Cards: 10, Seed: 43}).Notes
	if bytes.Equal(other[0].Data, a[0].Data) {
		t.Error("another seed gives the same first note")
	}
}

func TestShape(t *testing.T) {
	v := Generate(Config{Notes: 200, Cards: 10, Seed: 1})
	decks := map[string]bool{}
	paths := map[string]bool{}
	for _, f := range v.Notes {
		if paths[f.Path] {
			t.Errorf("duplicate path %s", f.Path)
		}
		paths[f.Path] = true
		s := string(f.Data)
		_, rest, ok := strings.Cut(s, "cards-deck: ")
		if !ok {
			t.Fatalf("%s: no cards-deck", f.Path)
		}
		deck, _, _ := strings.Cut(rest, "\n")
		if l := len(strings.Split(deck, "::")); l < 2 || l > 3 {
			t.Errorf("%s: deck %q has %d levels", f.Path, deck, l)
		}
		decks[deck] = true
	}
	if len(decks) != 10 {
		t.Errorf("%d decks, want 10", len(decks))
	}
	all := string(bytes.Join(func() [][]byte {
		var bs [][]byte
		for _, f := range v.Notes {
			bs = append(bs, f.Data)
		}
		return bs
	}(), nil))
	for _, want := range []string{"```go", "```python", "```sql", "```js", "```bash", "$$", `\begin{aligned}`,
		"==", "[[", "![[img-", "| --- |", " #card\n", "\n#card\n", "::", "}", "\n^16"} {
		if !strings.Contains(all, want) {
			t.Errorf("no %q in the vault", want)
		}
	}
	if len(v.Attachments) != 36 {
		t.Errorf("%d attachments", len(v.Attachments))
	}
	for _, f := range v.Attachments {
		if _, err := png.Decode(bytes.NewReader(f.Data)); err != nil {
			t.Errorf("%s: %v", f.Path, err)
		}
	}
}
