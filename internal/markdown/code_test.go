package markdown

import "testing"

// TestLexerCached checks that an unknown language is looked up once (a
// miss costs milliseconds in chroma) and that mermaid stays plain.
func TestLexerCached(t *testing.T) {
	var c lexerCache
	if c.lexer("no-such-language-x") != nil || c.lexer("mermaid") != nil || c.lexer("") != nil {
		t.Fatal("want no lexer")
	}
	c.mu.RLock()
	l, ok := c.m["no-such-language-x"]
	c.mu.RUnlock()
	if !ok || l != nil {
		t.Fatal("miss not cached")
	}
	if c.lexer("go") == nil || c.lexer("GO") == nil {
		t.Fatal("no lexer for go")
	}
}
