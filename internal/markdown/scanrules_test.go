package markdown

import (
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2/lexers"
)

// TestScanCost: what scanCost says of code that makes chroma's rules
// read to the end of the block at every line (over maxScanCost: the
// block is shown plain), and of ordinary code and code whose open
// comment or string a rule takes in one go (far below).
func TestScanCost(t *testing.T) {
	lines := func(line string, size int) string { return strings.Repeat(line, size/len(line)) }
	ordinaryGo := lines("// Sum adds.\nfunc Sum(a, b int) int { /* fine */ return a + b } // \"/*\"\nvar s = \"a/*b\" + `raw`\n", 64<<10)
	cases := []struct {
		lang, code string
		over       bool
	}{
		// Go's block comment is `/(\\\n)?[*](.|\n)*?[*](\\\n)?/`, with no
		// rule for one left open (bench/hostile's chroma-openers).
		{"go", lines("/* x\n", 16<<10), true},
		{"go", lines("/* x\n", 8<<10), true},
		{"go", ordinaryGo, false},
		{"go", "/* never closed\n" + ordinaryGo[:60<<10], false},
		// C takes an unclosed comment to the end of the block in one go.
		{"c", "/* never closed\n" + lines("int f(int x) { /* ok */ return x; } // x\n", 60<<10), false},
		// But its preprocessor state's comment rule has no such fallback
		// (states are not told apart: the estimate is on the safe side).
		{"c", lines("#x /* x\n", 32<<10), true},
		// Java's declaration rule reads words and spaces, across lines,
		// looking for "name(".
		{"java", lines("import x\n", 32<<10), true},
		{"java", lines("class A { int f(int x) { return x; } }\n", 64<<10), false},
		{"html", lines("<? x\n", 16<<10), true},
		{"css", lines("/* x\n", 16<<10), true},
		{"javascript", lines("/* x\n", 16<<10), true},
		// vhs's `(?s)".*"` takes from a block's first quote to its last.
		{"vhs", lines("Type \"x\"\n", 64<<10), false},
		{"python", lines("x = '''\n", 64<<10), false},
	}
	for _, c := range cases {
		l := lexers.Get(c.lang)
		cost := scanCost(scanRulesFor(l), c.code, maxScanCost)
		if (cost > maxScanCost) != c.over {
			t.Errorf("%s %q…: cost %d, over %d is %v, want %v", c.lang, c.code[:min(20, len(c.code))], cost, maxScanCost, cost > maxScanCost, c.over)
		}
	}
}

// TestScanRulesFound: the rules behind chroma's slow cases are found.
func TestScanRulesFound(t *testing.T) {
	for _, lang := range []string{"go", "java", "css", "html", "javascript", "typescript", "php", "kotlin"} {
		if len(scanRulesFor(lexers.Get(lang))) == 0 {
			t.Errorf("%s: no scan rules", lang)
		}
	}
	if n := len(scanRulesFor(lexers.Get("markdown"))); n != 0 { // not a RegexLexer
		t.Errorf("markdown: %d scan rules", n)
	}
}
