package markdown

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/dlclark/regexp2/v2"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/flipdeck/flipdeck/bench/vaultgen"
	"github.com/flipdeck/flipdeck/internal/corpus"
)

// The driver (lexdriver.go) must give chroma's tokens, type and value,
// for any code: these tests compare the two on chroma's own test files,
// the code blocks of the real-world notes and of the benchmark vault,
// and mutations of them.

// codeSample is code in a lexer's language.
type codeSample struct {
	name  string
	lexer chroma.Lexer
	code  string
}

// chromaTestdata returns chroma's lexer test inputs in the module cache,
// each with its lexer (as chroma's TestLexers maps them), or skips.
func chromaTestdata(t testing.TB) []codeSample {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Skip("no go env GOMODCACHE:", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "github.com/alecthomas/chroma/v2@v2.27.0/lexers/testdata")
	files, err := os.ReadDir(dir)
	if err != nil {
		t.Skip("chroma's test files are not in the module cache:", err)
	}
	var samples []codeSample
	add := func(path string, l chroma.Lexer) {
		if l == nil {
			t.Errorf("no lexer for %s", path)
			return
		}
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		samples = append(samples, codeSample{filepath.Base(path), l, string(src)})
	}
	for _, f := range files {
		if f.IsDir() {
			if f.Name() == "analysis" {
				continue
			}
			subs, err := os.ReadDir(filepath.Join(dir, f.Name()))
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range subs {
				if strings.HasSuffix(s.Name(), ".actual") {
					add(filepath.Join(dir, f.Name(), s.Name()), lexers.Get(f.Name()))
				}
			}
		} else if name, ok := strings.CutSuffix(f.Name(), ".actual"); ok {
			add(filepath.Join(dir, f.Name()), lexers.Get(strings.Split(name, ".")[0]))
		}
	}
	return samples
}

// fencedCode returns the fenced code blocks of a note that have a lexer.
func fencedCode(name string, src []byte) []codeSample {
	doc := goldmark.New().Parser().Parse(text.NewReader(src))
	var out []codeSample
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		fc, ok := n.(*ast.FencedCodeBlock)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		l := lookupLexer(string(fc.Language(src)))
		if l == nil {
			return ast.WalkSkipChildren, nil
		}
		var b strings.Builder
		for i := 0; i < fc.Lines().Len(); i++ {
			seg := fc.Lines().At(i)
			b.Write(seg.Value(src))
		}
		out = append(out, codeSample{name, l, b.String()})
		return ast.WalkSkipChildren, nil
	})
	return out
}

// vaultCode returns the code blocks of the benchmark vault, one of each.
func vaultCode() []codeSample {
	v := vaultgen.Generate(vaultgen.Config{Notes: 200, Cards: 10, Seed: 1})
	seen := map[string]bool{}
	var out []codeSample
	for _, f := range v.Notes {
		for _, s := range fencedCode(f.Path, f.Data) {
			if !seen[s.code] {
				seen[s.code] = true
				out = append(out, s)
			}
		}
	}
	return out
}

// regexLexers returns chroma's lexers that the driver drives.
func regexLexers() []chroma.Lexer {
	var out []chroma.Lexer
	for _, l := range lexers.GlobalLexerRegistry.Lexers {
		if _, ok := drivenLexer(l).(*lexDriver); ok {
			out = append(out, l)
		}
	}
	return out
}

// tokens returns l's tokens of code, at most limit of them: some of
// chroma's lexers never end on some code (a rule that matches nothing
// and leaves the state as it is).
func tokens(l chroma.Lexer, code string, limit int) ([]chroma.Token, error) {
	it, err := l.Tokenise(nil, code)
	if err != nil {
		return nil, err
	}
	var out []chroma.Token
	for t := it(); t != chroma.EOF && len(out) < limit; t = it() {
		out = append(out, t)
	}
	return out, nil
}

// sameTokens compares chroma's tokens of code with the driver's.
func sameTokens(t testing.TB, s codeSample) bool {
	t.Helper()
	limit := 4*len(s.code) + 1000
	want, werr := tokens(s.lexer, s.code, limit)
	got, gerr := tokens(drivenLexer(s.lexer), s.code, limit)
	name := s.name + " (" + s.lexer.Config().Name + ")"
	if len(want) == limit {
		t.Logf("%s: chroma gives over %d tokens for %d bytes; compared the first", name, limit, len(s.code))
	}
	if (werr == nil) != (gerr == nil) {
		t.Errorf("%s: chroma's error %v, the driver's %v", name, werr, gerr)
		return false
	}
	for i := range max(len(want), len(got)) {
		if i >= len(want) || i >= len(got) || want[i] != got[i] {
			w, g := chroma.EOF, chroma.EOF
			if i < len(want) {
				w = want[i]
			}
			if i < len(got) {
				g = got[i]
			}
			t.Errorf("%s: token %d is %v, the driver's %v (of %d and %d tokens); code %q", name, i, w, g, len(want), len(got), clip(s.code, 300))
			return false
		}
	}
	return true
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// mutate returns a variant of code: cut short, something that opens a
// string or comment or a line end put in, a part left out, or a line
// repeated, at a place picked by r.
func mutate(r *rand.Rand, code string) string {
	at := func() int {
		if code == "" {
			return 0
		}
		i := r.IntN(len(code) + 1)
		for i < len(code) && !utf8.RuneStart(code[i]) {
			i++
		}
		return i
	}
	openers := []string{`"`, `'`, "`", "/*", "*/", "<!--", "#", "//", "\n", "\n\n", "{", "}", "(*", `"""`, "<", "${", "\\", "--", "%", "\r\n", "\t", "é", "0x", "1.5e"}
	switch r.IntN(5) {
	case 0:
		return code[:at()]
	case 1, 2:
		i := at()
		return code[:i] + openers[r.IntN(len(openers))] + code[i:]
	case 3:
		i := at()
		j := i + r.IntN(64)
		for j < len(code) && !utf8.RuneStart(code[j]) {
			j++
		}
		return code[:i] + code[min(j, len(code)):]
	}
	lines := strings.SplitAfter(code, "\n")
	k := r.IntN(len(lines))
	return strings.Join(slices.Insert(lines, k, lines[k]), "")
}

// window returns at most n bytes of code from a place picked by r.
func window(r *rand.Rand, code string, n int) string {
	if len(code) <= n {
		return code
	}
	i := r.IntN(len(code) - n)
	for i > 0 && !utf8.RuneStart(code[i]) {
		i--
	}
	return strings.ToValidUTF8(code[i:i+n], "")
}

// checkSamples compares each sample and mutants of windows of it.
func checkSamples(t *testing.T, samples []codeSample, mutants int, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 1))
	failed := 0
	for _, s := range samples {
		if !sameTokens(t, s) {
			failed++
		}
		for range mutants {
			m := s
			m.name += " (mutated)"
			m.code = window(r, s.code, 2048)
			for range 1 + r.IntN(3) {
				m.code = mutate(r, m.code)
			}
			if !sameTokens(t, m) {
				failed++
			}
		}
		if failed > 10 {
			t.Fatal("too many differences")
		}
	}
}

// TestLexDriverEquivalence: chroma's test file for each language, and
// mutations of windows of it.
func TestLexDriverEquivalence(t *testing.T) {
	mutants := 4
	if testing.Short() {
		mutants = 1
	}
	samples := chromaTestdata(t)
	if len(samples) < 100 {
		t.Fatalf("only %d of chroma's test files", len(samples))
	}
	checkSamples(t, samples, mutants, 1)
}

// TestLexDriverEveryLexer: every lexer the driver drives, on code in
// other languages (the vault's snippets, and C, HTML, shell and
// Markdown with strings and comments left open).
func TestLexDriverEveryLexer(t *testing.T) {
	var mixed strings.Builder
	for _, s := range vaultCode()[:10] {
		mixed.WriteString(s.code + "\n")
	}
	mixed.WriteString("#include <stdio.h>\n/* open\nint main() { printf(\"%d\\n\", 0x1F); } // done\n" +
		"<div class=\"a\">&amp; <!-- c --> <?php echo $x; ?></div>\n" +
		"if [ -n \"$X\" ]; then echo 'it''s' `date`; fi # ok\n" +
		"# Title\n\n```go\nfunc f() {}\n```\n* item **bold** _it_\n" +
		"SELECT * FROM t WHERE a = 'x' -- c\n\"unclosed\n'also\n(* pascal *) {$I x} #[attr] @decorator\n" +
		"K İ ı ſ é 漢字 \t\v\f\r\n 1e10 .5 0b101 1_000 \"\"\"doc\"\"\" r#\"raw\"# <<EOF\nhere\nEOF\n")
	code := mixed.String()
	r := rand.New(rand.NewPCG(2, 2))
	ls := regexLexers()
	if len(ls) < 200 {
		t.Fatalf("the driver drives only %d lexers", len(ls))
	}
	for _, l := range ls {
		sameTokens(t, codeSample{"mixed", l, code})
		m := mutate(r, mutate(r, code))
		sameTokens(t, codeSample{"mixed (mutated)", l, m})
	}
}

// TestLexDriverNotes: the code blocks of the benchmark vault and of the
// real-world notes (when they are beside the project), and mutations.
func TestLexDriverNotes(t *testing.T) {
	checkSamples(t, vaultCode(), 8, 3)
	files, err := corpus.ReadRealworld()
	if err != nil {
		t.Skip("real-world notes:", err)
	}
	var samples []codeSample
	for _, f := range files {
		samples = append(samples, fencedCode(f.Path, f.Src)...)
	}
	t.Logf("%d code blocks in the real-world notes", len(samples))
	mutants := 2
	if testing.Short() {
		mutants = 0
	}
	checkSamples(t, samples, mutants, 4)
}

// FuzzLexDriver compares chroma's tokens with the driver's for a lexer
// picked by number.
func FuzzLexDriver(f *testing.F) {
	ls := regexLexers()
	for i, s := range vaultCode() {
		f.Add(uint16(slices.Index(ls, s.lexer)), s.code)
		if i > 20 {
			break
		}
	}
	f.Add(uint16(0), "/* x\n\"y")
	f.Fuzz(func(t *testing.T, n uint16, code string) {
		if len(code) > 4096 {
			return
		}
		sameTokens(t, codeSample{"fuzz", ls[int(n)%len(ls)], code})
	})
}

// TestFoldsToASCII checks the list made from unicode.CaseRanges against
// every character.
func TestFoldsToASCII(t *testing.T) {
	var want []rune
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if foldsToASCIIRune(r) {
			want = append(want, r)
		}
	}
	if got := foldsToASCII(); !slices.Equal(got, want) {
		t.Errorf("foldsToASCII() = %q, want %q", got, want)
	}
}

// TestFirstASCII: what rules may start with, and rules always tried.
func TestFirstASCII(t *testing.T) {
	set := func(chars string) *[2]uint64 {
		var s [2]uint64
		for _, c := range chars {
			s[c>>6] |= 1 << (c & 63)
		}
		return &s
	}
	plain, fold := &chroma.Config{}, &chroma.Config{CaseInsensitive: true}
	for _, c := range []struct {
		pattern string
		cfg     *chroma.Config
		want    *[2]uint64 // nil: always tried
	}{
		{`if|else`, plain, set("ie")},
		{`(?:"|')+x`, plain, set(`"'`)},
		{`[^\W\d]\w*`, plain, set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz")}, // regexp2's [^\W\d] holds the digits
		{`\s+`, plain, set("\t\n\v\f\r ")}, // and its \s \v
		{`[[:alpha:]]`, plain, nil},        // regexp2 reads it its own way
		{`[\[]:`, plain, set("[")},
		{`[a-z-[aeiou]]x`, plain, set("bcdfghjklmnpqrstvwxyz")},
		{`kw`, fold, set("kK")},
		{`(?i)select`, plain, set("sS")},
		{"\u212A", fold, set("kK")},       // the Kelvin sign folds to k
		{"(?i)\u0130x", plain, set("iI")}, // and İ lowers to i
		{`a*`, plain, nil},                // can be empty
		{`\bif\b`, plain, nil},            // an assertion first
		{`^#`, plain, nil},
		{`(?=x)x`, plain, nil}, // Go cannot parse it
		{`(a)\1`, plain, nil},  // a back-reference
		{`x\1`, plain, nil},    // a back-reference
		{`\pL+`, plain, set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")},
		{`\d`, plain, set("0123456789")},
	} {
		got, ok := firstASCII(c.pattern, c.cfg)
		if !ok {
			got = nil
		}
		if (got == nil) != (c.want == nil) || got != nil && *got != *c.want {
			t.Errorf("firstASCII(%q) = %v, want %v", c.pattern, got, c.want)
		}
	}
}

// TestSkipSound: for every rule of every lexer the driver drives, and
// every ASCII character its skip set leaves out, regexp2 finds no match
// of the rule on a few texts starting with that character.
func TestSkipSound(t *testing.T) {
	tails := []string{"", "a", "abc 123 _x(\"'\n", "\n\n", "0", " "}
	if testing.Short() {
		tails = tails[2:3]
	}
	rules, skipped := 0, 0
	for _, l := range regexLexers() {
		d := drivenLexer(l).(*lexDriver)
		for state, ss := range d.states {
			for i, re := range ss.regexps {
				rules++
				for c := rune(0); c < utf8.RuneSelf; c++ {
					if ss.sets[i][c>>6]&(1<<(c&63)) != 0 {
						continue
					}
					skipped++
					for _, tail := range tails {
						if m, _ := re.FindRunesMatchStartingAt([]rune(string(c)+tail), 0); m != nil {
							t.Errorf("%s: %s rule %d (%q) skipped at %q, but matches %q", l.Config().Name, state, i, d.rules[state][i].Pattern, c, m.String())
						}
					}
				}
			}
		}
	}
	t.Logf("%d rules, %.0f%% of rule × ASCII character pairs skipped", rules, 100*float64(skipped)/float64(rules*128))
}

// TestLexDriverConcurrent: drivers made and used by goroutines at once
// (for the race detector).
func TestLexDriverConcurrent(t *testing.T) {
	code := "x = \"a\" # c\nfunc f() { return 1 } /* d */\n"
	var wg sync.WaitGroup
	for _, name := range []string{"python", "go", "ruby", "c", "python", "go", "ruby", "c"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sameTokens(t, codeSample{"concurrent", lexers.Get(name), code})
		}()
	}
	wg.Wait()
}

// TestLexDriverRetriesTimeouts: a match that runs out of time (as on a
// loaded machine, where regexp2's wall-clock timeout can stop a match
// that was only kept waiting) is tried again, so the tokens are still
// chroma's; one that runs out of time every time is no match.
func TestLexDriverRetriesTimeouts(t *testing.T) {
	code := "package main\n\n// Sum adds.\nfunc Sum(a, b int) int {\n\treturn a + b /* ok */\n}\nvar s = \"x\"\n"
	lexer := lexers.Get("go")
	want, err := tokens(lexer, code, 10000)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		timeouts int // how many times each match runs out of time first
		same     bool
	}{
		{"once", 1, true},
		{"up to the last try", matchTries - 1, true},
		{"every try", matchTries, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := newLexDriver(lexer.(*chroma.RegexLexer))
			if err != nil {
				t.Fatal(err)
			}
			failed := 0
			tries := map[*regexp2.Regexp]int{}
			d.find = func(re *regexp2.Regexp, text []rune, pos int) (*regexp2.Match, error) {
				if tries[re]++; tries[re] <= tc.timeouts {
					failed++
					return nil, errors.New("match timeout")
				}
				tries[re] = 0
				return re.FindRunesMatchStartingAt(text, pos)
			}
			got, err := tokens(d, code, 10000)
			if err != nil {
				t.Fatal(err)
			}
			if failed == 0 {
				t.Fatal("no match ran out of time")
			}
			if same := fmt.Sprint(got) == fmt.Sprint(want); same != tc.same {
				t.Errorf("tokens the same as chroma's: %v, want %v\ngot  %v\nwant %v", same, tc.same, got, want)
			}
		})
	}
}
