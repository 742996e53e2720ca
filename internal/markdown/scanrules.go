package markdown

import (
	"iter"
	"regexp"
	"regexp/syntax"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// Scan rules: why some code takes chroma seconds, told without timing it.
//
// chroma's lexers are lists of regexps (dlclark/regexp2, which
// backtracks), tried in turn at each place in the code. Most read a
// word or a line. Some read on across lines until something ends them:
// Go's block comment `/(\\\n)?[*](.|\n)*?[*](\\\n)?/`, Java's
// declaration rule, HTML's `<?…?>`. Where the end never comes, the rule
// reads to the end of the block, fails, and the lexer goes on one token
// later; a block that opens such a rule on every line ("/* x" 3,000
// times) makes it read the rest of the block each time: quadratic, with
// a large constant (chroma reads a character of `(.|\n)*?` in about
// 0.1–0.2 µs), so 16 KB took seconds and 64 KB minutes.
//
// scanRulesOf finds the rules of a lexer that read on that way, as
// three parts: pre, what starts the rule; elem, what it reads any
// number of times, able to cross a line end; post, what must follow.
// Go's regexp/syntax reads most of chroma's patterns; those it cannot
// (look-arounds, back-references) are left out, and so are reads that
// cannot pass a place where the rule starts again (`(import)(\s+)`),
// which read each part of the code once. scanCost then adds up, over
// every place where a rule's pre matches in a block, how far the rule
// reads from there: to its post when it is lazy, as far as elem goes
// when it is greedy, weighted by how fast regexp2 reads that elem.
// That sum is what makes a block slow, and it depends on the block
// alone, so whether a block is highlighted does not depend on the
// machine.
//
// The sum is an estimate. It ignores the lexer's states: a "/*" inside
// a string counts, and so does a rule of a state the code never
// enters, which errs on the safe side. Ordinary code stays far below
// the limit (maxScanCost): on 64 KiB of chroma's test file for each
// language it comes to at most 28 times the size, and reading it takes
// a few milliseconds. Code it does not foresee is left to
// highlighting's time failsafe (codelimit.go).

// scanRule is a lexer rule that reads on across lines: pre, then elem
// any number of times, then post.
type scanRule struct {
	pre *regexp.Regexp
	// preLit is pre when pre is a plain string (`"`, `/*`), and preLine
	// says pre is just `^` (Python's strings): places finds those
	// without running the regexp, which tries every place in the code.
	preLit  string
	preLine bool
	// chars, when elem is one character, are those it takes (ranges);
	// any says it takes every one. Otherwise elem is `\A(?:elem)*`.
	chars []rune
	any   bool
	elem  *regexp.Regexp
	post  *regexp.Regexp // nil: nothing after elem
	lazy  bool
	// weight is the cost of reading a byte: 1 for a character class,
	// scanGroupWeight for a group, which regexp2 reads 6 times slower
	// (`(.|\n)*?` takes 0.1 µs a character, `[\w\W]*?` 0.016 µs).
	weight int
	// fallback: a later rule of the same state with the same pre and
	// nothing after its elem, which takes what this one fails on (C's
	// unclosed comment, read to the end of the block as a comment).
	fallback *scanRule
	preSrc   string // pre's source, to find fallbacks
	// starts, when there is no pre, are the characters the read starts
	// with: it is counted at the start of each run of them. startsASCII
	// holds the ASCII ones as a bit set, so that places tests most of a
	// block's characters with one lookup, not a walk through starts.
	starts      []rune
	startsASCII [2]uint64
}

// scanRulesOf returns the scan rules of lexer l (nil when it has none
// or is not made of regexps).
func scanRulesOf(l chroma.Lexer) []*scanRule {
	rl, ok := l.(*chroma.RegexLexer)
	if !ok {
		return nil
	}
	rules, err := rl.Rules()
	if err != nil {
		return nil
	}
	flags := syntaxFlags(rl.Config())
	states := make([]string, 0, len(rules))
	for s := range rules {
		states = append(states, s)
	}
	sort.Strings(states)
	var out []*scanRule
	for _, s := range states {
		var inState []*scanRule
		for _, r := range rules[s] {
			for _, sr := range newScanRules(r.Pattern, flags) {
				for _, earlier := range inState {
					if sr.preSrc != "" && earlier.preSrc == sr.preSrc && sr.post == nil && !sr.lazy && earlier.fallback == nil {
						earlier.fallback = sr
					}
				}
				inState = append(inState, sr)
			}
		}
		out = append(out, inState...)
	}
	return out
}

// syntaxFlags are the regexp/syntax flags for the patterns of a lexer
// with config cfg, as chroma compiles them (multi-line unless
// NotMultiline, i and s as configured).
func syntaxFlags(cfg *chroma.Config) syntax.Flags {
	flags := syntax.Perl
	if !cfg.NotMultiline {
		flags &^= syntax.OneLine
	}
	if cfg.CaseInsensitive {
		flags |= syntax.FoldCase
	}
	if cfg.DotAll {
		flags |= syntax.DotNL
	}
	return flags
}

// newScanRules reads pattern as pre elem* post, once for each part of
// it that reads across lines (Java's declaration rule
// `^(\s*(?:[a-zA-Z_][\w.\[\]]*\s+)+?)…` has two).
func newScanRules(pattern string, flags syntax.Flags) []*scanRule {
	if pattern == "" {
		return nil
	}
	re, err := syntax.Parse(pattern, flags)
	if err != nil {
		return nil
	}
	// regexp/syntax makes `(.|\n)` a character class; regexp2 reads it
	// as a group, six times slower.
	slow := strings.Contains(pattern, "|\\n)") || strings.Contains(pattern, "(\\n|")
	parts := flatten(re)
	var out []*scanRule
	for i := 0; i < len(parts); i++ {
		if crossesLines(parts[i]) {
			if sr := newScanRule(parts, i, slow); sr != nil {
				out = append(out, sr)
			}
		}
	}
	return out
}

// newScanRule makes the scan rule that reads with parts[i], or nil when
// that read cannot cost more than the code's length.
func newScanRule(parts []*syntax.Regexp, i int, slow bool) *scanRule {
	scan, elem := parts[i], parts[i].Sub[0]
	holds := heldRunes(elem)
	sr := &scanRule{lazy: scan.Flags&syntax.NonGreedy != 0, weight: 1}
	if i == 0 {
		// Nothing before the read: it starts wherever the lexer is, which
		// is counted as every start of a run of what it starts with
		// (Java's `((?:(?:[^\W\d]|\$)[\w.\[\]$<>?]*\s+)+?)(name)(\s*)(\()`
		// at every word).
		sr.starts, _ = firstRunes(elem)
		for c := range rune(utf8.RuneSelf) {
			if classHas(sr.starts, c) {
				sr.startsASCII[c>>6] |= 1 << (c & 63)
			}
		}
	} else {
		sr.preSrc = concat(parts[:i])
		var err error
		if sr.pre, err = regexp.Compile(sr.preSrc); err != nil {
			return nil
		}
		if lit, whole := sr.pre.LiteralPrefix(); whole && lit != "" {
			sr.preLit = lit
		}
		sr.preLine = i == 1 && parts[0].Op == syntax.OpBeginLine
		// A pre that can be empty starts a read anywhere; only one tied
		// to the start of a line is kept (Java's `^(\s*)(default)(:)`).
		if sr.pre.MatchString("") && parts[0].Op != syntax.OpBeginLine && parts[0].Op != syntax.OpBeginText {
			return nil
		}
		// A read that cannot pass a place where pre starts reads each
		// part of the code once: it is not kept.
		starts, empty := firstRunes(concatRE(parts[:i]))
		if !overlaps(starts, holds) && !(empty && classHas(holds, '\n')) {
			return nil
		}
	}
	if elem.Op == syntax.OpCapture || slow {
		sr.weight = scanGroupWeight
	}
	for elem.Op == syntax.OpCapture {
		elem = elem.Sub[0]
	}
	if _, canBeEmpty := firstRunes(elem); canBeEmpty {
		// Go's regexp ends a repetition at an empty match, where regexp2
		// goes on: count it as reading every character it can hold.
		sr.chars = holds
	} else if sr.chars = oneChar(elem); sr.chars == nil {
		sr.weight = scanGroupWeight
		var err error
		if sr.elem, err = regexp.Compile(`\A(?:` + elem.String() + `)*`); err != nil {
			return nil
		}
	}
	sr.any = sr.chars != nil && !leavesOut(sr.chars)
	if rest := parts[i+1:]; len(rest) > 0 {
		post, err := regexp.Compile(concat(rest))
		if err != nil {
			return nil
		}
		if !post.MatchString("") { // a post that can be empty ends nothing
			sr.post = post
		}
	}
	if sr.lazy && sr.post == nil { // reads as little as it can
		return nil
	}
	return sr
}

// flatten lists the parts of a concatenation, groups opened.
func flatten(re *syntax.Regexp) []*syntax.Regexp {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	if re.Op != syntax.OpConcat {
		return []*syntax.Regexp{re}
	}
	var out []*syntax.Regexp
	for _, s := range re.Sub {
		out = append(out, flatten(s)...)
	}
	return out
}

func concat(parts []*syntax.Regexp) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteString("(?:" + p.String() + ")")
	}
	return b.String()
}

// crossesLines tells a repetition without bound of something that can
// hold a line end.
func crossesLines(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpStar, syntax.OpPlus:
	case syntax.OpRepeat:
		if re.Max != -1 {
			return false
		}
	default:
		return false
	}
	return holdsNewline(re.Sub[0])
}

func holdsNewline(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpAnyChar:
		return true
	case syntax.OpLiteral:
		return strings.ContainsRune(string(re.Rune), '\n')
	case syntax.OpCharClass:
		return classHas(re.Rune, '\n')
	}
	for _, s := range re.Sub {
		if holdsNewline(s) {
			return true
		}
	}
	return false
}

func classHas(ranges []rune, r rune) bool {
	for i := 0; i+1 < len(ranges); i += 2 {
		if ranges[i] <= r && r <= ranges[i+1] {
			return true
		}
	}
	return false
}

// scanGroupWeight is the cost of reading a byte with a group.
const scanGroupWeight = 6

// oneChar returns, for an element that is one character, the characters
// it takes (ranges); nil for a longer one.
func oneChar(re *syntax.Regexp) []rune {
	switch re.Op {
	case syntax.OpAnyChar:
		return anyRune
	case syntax.OpAnyCharNotNL:
		return []rune{0, '\n' - 1, '\n' + 1, utf8.MaxRune}
	case syntax.OpCharClass:
		return re.Rune
	case syntax.OpLiteral:
		if len(re.Rune) == 1 {
			return foldRanges(re.Rune[0], re.Flags&syntax.FoldCase != 0)
		}
	}
	return nil
}

// leavesOut tells whether some character is in none of the ranges.
func leavesOut(ranges []rune) bool {
	next := rune(0) // every character below next is in a range
	for {
		grown := false
		for i := 0; i+1 < len(ranges); i += 2 {
			if ranges[i] <= next && ranges[i+1] >= next {
				next, grown = ranges[i+1]+1, true
			}
		}
		if next > utf8.MaxRune {
			return false
		}
		if !grown {
			return true
		}
	}
}

// reach returns where elem, read over and over from q, stops (at most
// limit).
func (sr *scanRule) reach(code string, q, limit int) int {
	switch {
	case sr.any:
		return limit
	case sr.chars == nil:
		m := sr.elem.FindStringIndex(code[q:limit])
		return q + m[1]
	}
	for q < limit {
		r, n := utf8.DecodeRuneInString(code[q:])
		if !classHas(sr.chars, r) {
			break
		}
		q += n
	}
	return q
}

// scanCost adds up how far rules read in code (in bytes), stopping once
// the sum is over max.
func scanCost(rules []*scanRule, code string, max int) int {
	cost := 0
	for _, sr := range rules {
		if cost += sr.cost(code, max-cost); cost > max {
			break
		}
	}
	return cost
}

// cost is how far sr reads in code, at every place its pre matches
// (past what it takes when it matches), stopping once over max.
func (sr *scanRule) cost(code string, max int) int {
	posts := postFinder{re: sr.post, code: code}
	cost, taken := 0, 0
	for p, q := range sr.places(code) {
		if p < taken {
			continue
		}
		end, took, matched := sr.read(code, q, &posts)
		cost += (end - p) * sr.weight
		if cost > max {
			return cost
		}
		switch {
		case matched:
			taken = took
		case sr.fallback != nil:
			// The fallback takes the rest of what it can read: the
			// places in it are not tried.
			taken = sr.fallback.reach(code, q, len(code))
			cost += (taken - p) * sr.fallback.weight
		}
	}
	return cost
}

// places yields where sr starts reading in code and where its pre ends:
// pre's matches, or the starts of runs of its first characters. It is an
// iterator rather than a list because a rule without pre (Java's
// declaration rule) starts at every word of every block: a []int for
// each was most of scanCost's allocations.
func (sr *scanRule) places(code string) iter.Seq2[int, int] {
	return func(yield func(p, q int) bool) {
		switch {
		case sr.preLit != "":
			// What FindAllStringIndex gives for a literal: its
			// occurrences, each search from the end of the last.
			for p := 0; ; {
				i := strings.Index(code[p:], sr.preLit)
				if i < 0 {
					return
				}
				p += i + len(sr.preLit)
				if !yield(p-len(sr.preLit), p) {
					return
				}
			}
		case sr.preLine:
			// `(?m:^)` matches at 0 and after each '\n', the end of the
			// code included; FindAllStringIndex gives each once.
			if !yield(0, 0) {
				return
			}
			for p := 0; ; {
				i := strings.IndexByte(code[p:], '\n')
				if i < 0 {
					return
				}
				p += i + 1
				if !yield(p, p) {
					return
				}
			}
		case sr.pre != nil:
			for _, m := range sr.pre.FindAllStringIndex(code, -1) {
				if !yield(m[0], m[1]) {
					return
				}
			}
			return
		}
		in := false
		for p := 0; p < len(code); {
			// As `for p, r := range code`: an invalid byte is
			// utf8.RuneError, one byte long.
			var now bool
			n := 1
			if c := code[p]; c < utf8.RuneSelf {
				now = sr.startsASCII[c>>6]&(1<<(c&63)) != 0
			} else {
				var r rune
				r, n = utf8.DecodeRuneInString(code[p:])
				now = classHas(sr.starts, r)
			}
			if now && !in && !yield(p, p) {
				return
			}
			in = now
			p += n
		}
	}
}

// read returns how far sr reads from q (just past pre), and whether it
// matches there and up to where.
func (sr *scanRule) read(code string, q int, posts *postFinder) (end, took int, matched bool) {
	if sr.post == nil { // greedy: takes all it can
		end = sr.reach(code, q, len(code))
		return end, end, true
	}
	if sr.lazy {
		if c, e, ok := posts.next(q); ok && sr.reach(code, q, c) == c {
			return e, e, true
		}
		return sr.reach(code, q, len(code)), 0, false
	}
	// Greedy: reads as far as elem goes, then back to the last post in
	// what it read, and takes up to there (vhs's `(?s)".*"` takes from
	// the first quote of a block to its last). A short read is counted
	// as failing, whatever it does: finding posts would cost more.
	end = sr.reach(code, q, len(code))
	if end-q < longRead {
		return end, 0, false
	}
	if e, ok := posts.last(q, end); ok {
		return end, e, true
	}
	return end, 0, false
}

// longRead is the read past which a greedy rule's posts are looked for.
const longRead = 256

// postFinder finds the first match of a rule's post at or after a place;
// asked about places in order, it reads the code once.
type postFinder struct {
	re         *regexp.Regexp
	code       string
	from       int // the last search started here…
	start, end int // …and found this match, or none (start < 0)
	searched   bool
	all        [][]int // every match, for last
}

// last returns the end of the last match of post starting in [q, end].
func (f *postFinder) last(q, end int) (int, bool) {
	if f.all == nil {
		f.all = f.re.FindAllStringIndex(f.code, -1)
		if f.all == nil {
			f.all = [][]int{}
		}
	}
	i := sort.Search(len(f.all), func(i int) bool { return f.all[i][0] > end }) - 1
	if i < 0 || f.all[i][0] < q {
		return 0, false
	}
	return f.all[i][1], true
}

func (f *postFinder) next(q int) (start, end int, ok bool) {
	if f.searched && q >= f.from && (f.start < 0 || q <= f.start) {
		return f.start, f.end, f.start >= 0
	}
	f.searched, f.from, f.start, f.end = true, q, -1, -1
	if m := f.re.FindStringIndex(f.code[q:]); m != nil {
		f.start, f.end = q+m[0], q+m[1]
	}
	return f.start, f.end, f.start >= 0
}

func concatRE(parts []*syntax.Regexp) *syntax.Regexp {
	if len(parts) == 1 {
		return parts[0]
	}
	return &syntax.Regexp{Op: syntax.OpConcat, Sub: parts}
}

// anyRune is the class of every character.
var anyRune = []rune{0, utf8.MaxRune}

// firstRunes returns the characters a match of re can start with (as
// ranges, maybe overlapping), and whether it can be empty.
func firstRunes(re *syntax.Regexp) ([]rune, bool) {
	set, empty, _ := firstOf(re)
	return set, empty
}

// firstOf is firstRunes, and tells whether an empty-width assertion (^,
// $, \b) can come before the first character of a match.
func firstOf(re *syntax.Regexp) (set []rune, empty, asserts bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return nil, true, false
		}
		return foldRanges(re.Rune[0], re.Flags&syntax.FoldCase != 0), false, false
	case syntax.OpCharClass:
		return re.Rune, false, false
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return anyRune, false, false
	case syntax.OpCapture, syntax.OpPlus:
		return firstOf(re.Sub[0])
	case syntax.OpStar, syntax.OpQuest:
		set, _, asserts := firstOf(re.Sub[0])
		return set, true, asserts
	case syntax.OpRepeat:
		set, empty, asserts := firstOf(re.Sub[0])
		return set, empty || re.Min == 0, asserts
	case syntax.OpConcat:
		for _, s := range re.Sub {
			first, e, a := firstOf(s)
			set, asserts = append(set, first...), asserts || a
			if !e {
				return set, false, asserts
			}
		}
		return set, true, asserts
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			first, e, a := firstOf(s)
			set = append(set, first...)
			empty, asserts = empty || e, asserts || a
		}
		return set, empty, asserts
	case syntax.OpEmptyMatch:
		return nil, true, false
	}
	// Anchors (^, $, \b), and a class of nothing: nothing read.
	return nil, true, true
}

// heldRunes returns every character a match of re can hold.
func heldRunes(re *syntax.Regexp) []rune {
	switch re.Op {
	case syntax.OpLiteral:
		var set []rune
		for _, r := range re.Rune {
			set = append(set, foldRanges(r, re.Flags&syntax.FoldCase != 0)...)
		}
		return set
	case syntax.OpCharClass:
		return re.Rune
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return anyRune
	}
	var set []rune
	for _, s := range re.Sub {
		set = append(set, heldRunes(s)...)
	}
	return set
}

func foldRanges(r rune, fold bool) []rune {
	set := []rune{r, r}
	if fold {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			set = append(set, f, f)
		}
	}
	return set
}

// overlaps tells whether two lists of ranges share a character.
func overlaps(a, b []rune) bool {
	for i := 0; i+1 < len(a); i += 2 {
		for j := 0; j+1 < len(b); j += 2 {
			if a[i] <= b[j+1] && b[j] <= a[i+1] {
				return true
			}
		}
	}
	return false
}
