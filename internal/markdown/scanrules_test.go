package markdown

import (
	"math/rand/v2"
	"reflect"
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

// TestPlacesFast: places, which finds a literal or `^` pre without the
// regexp, tests ASCII start characters with a bit set and yields as it
// goes, gives the places the plain list of before gave (placesSlow), for
// every scan rule of every chroma lexer, on code of each kind, non-ASCII
// letters and invalid UTF-8 among it.
func TestPlacesFast(t *testing.T) {
	inputs := []string{
		"",
		"x",
		"class A { int f(int x) { return x; } }\n",
		"import java.util.List;\n\npublic static void main(String[] args) {}\n",
		"/* x\n<? y ?>\n\"s\" 'c' `r` # h\n",
		"naïve café 日本語 ǅx Ωmega\u00a0nbsp\u2028ls\n",
		"bad \xff\xfe utf8 \xe6\x97 cut \xc3",
		"\n", "\n\n", "a\n", "\na\n\n", "//*/**/", "''''''", `"""""`, "$'$''",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "Z", "//", "/*", "*/", "\n\n", "$'", `"""`, "'''", "_", "$", "0", "9", " ", "\t", "\n", "(", ")", "/", "*", "<", ">", "?", "\"", "'", ".", "[", "]",
		"é", "日", "ǅ", "Ω", "\u00a0", "\xff", "\xe6\x97", "\x80"}
	for range 200 {
		var b strings.Builder
		for range rng.IntN(200) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		inputs = append(inputs, b.String())
	}
	rules, lits, lines := 0, 0, 0
	for _, l := range lexers.GlobalLexerRegistry.Lexers {
		for _, sr := range scanRulesFor(l) {
			rules++
			if sr.preLit != "" {
				lits++
			}
			if sr.preLine {
				lines++
			}
			for _, code := range inputs {
				var got [][]int
				for p, q := range sr.places(code) {
					got = append(got, []int{p, q})
				}
				if want := placesSlow(sr, code); !reflect.DeepEqual(got, want) {
					t.Fatalf("%s, rule pre %q starts %q, code %q: places %v, want %v", l.Config().Name, sr.preSrc, sr.starts, code, got, want)
				}
			}
		}
	}
	if rules < 20 || lits < 10 || lines < 2 {
		t.Fatalf("only %d scan rules, %d with a literal pre, %d with `^`", rules, lits, lines)
	}
}

// placesSlow is places as a list, each start character tested by a walk
// through sr.starts.
func placesSlow(sr *scanRule, code string) [][]int {
	if sr.pre != nil {
		return sr.pre.FindAllStringIndex(code, -1)
	}
	var out [][]int
	in := false
	for p, r := range code {
		now := classHas(sr.starts, r)
		if now && !in {
			out = append(out, []int{p, p})
		}
		in = now
	}
	return out
}

// BenchmarkScanCost: scanCost on a short block of each language the
// benchmark vault (bench/vaultgen) has: a Java declaration rule starts
// at every word, Python's string rules at every line, Go's and
// JavaScript's at every quote or slash.
func BenchmarkScanCost(b *testing.B) {
	blocks := []struct{ lang, code string }{
		{"java", "class A { int f(int x) { return x; } } // naïve\n"},
		{"python", "def f(xs):\n    \"\"\"Sum xs.\"\"\"\n    return sum(x * 2 for x in xs)  # 'q'\n"},
		{"go", "// Sum adds.\nfunc Sum(a, b int) int { /* ok */ return a + b }\nvar s = \"x/y\"\n"},
		{"js", "const f = (a, b) => a / b; // 'x'\nlet s = \"y\"; /* z */\n"},
		{"bash", "for f in *.md; do echo \"$f\" | wc -l; done # 'x'\n"},
		{"sql", "SELECT name, count(*) FROM cards WHERE deck = 'x' GROUP BY name;\n"},
	}
	for _, c := range blocks {
		code := strings.Repeat(c.code, 20)
		rules := scanRulesFor(lexers.Get(c.lang))
		b.Run(c.lang, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				scanCost(rules, code, maxScanCost)
			}
		})
	}
}
