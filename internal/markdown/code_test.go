package markdown

import "testing"

// TestLexerCached checks that an unknown language is looked up once (a
// miss costs milliseconds in chroma) and that mermaid stays plain.
func TestLexerCached(t *testing.T) {
	var c lexerCache
	lexer := func(lang string) bool { l, _ := c.lexer(lang); return l != nil }
	if lexer("no-such-language-x") || lexer("mermaid") || lexer("") {
		t.Fatal("want no lexer")
	}
	c.mu.RLock()
	l, ok := c.m["no-such-language-x"]
	c.mu.RUnlock()
	if !ok || l.lexer != nil {
		t.Fatal("miss not cached")
	}
	if !lexer("go") || !lexer("GO") {
		t.Fatal("no lexer for go")
	}
	if _, scans := c.lexer("go"); len(scans) == 0 {
		t.Fatal("no scan rules for go (its block comment is one)")
	}
}
