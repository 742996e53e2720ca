package markdown

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/dlclark/regexp2/v2"
)

// Driving chroma's regexp lexers ourselves.
//
// chroma's RegexLexer tokenises by trying, at each place in the code,
// every rule of the current state in turn until one matches
// (regexp2's FindRunesMatchStartingAt, with the pattern anchored by
// \G). Most tries fail, and each costs regexp2 a runner, a match text
// and an interpreted run: on a build's code blocks that is over a
// third of the build's CPU. Most of these rules can only match when the
// code at that place starts with one of a few characters (a keyword,
// a quote, a digit), which Go's regexp/syntax can tell from the
// pattern.
//
// lexDriver tokenises as RegexLexer.Tokenise does, with the same rules
// (from the lexer's public Rules, compiled as chroma compiles them,
// with the same LexerMutators applied), the same emitters and mutators
// and the same LexerState, but skips a rule when the character at the
// place is ASCII and not one a match of the rule can start with. A
// rule is always tried when Go cannot parse its pattern (look-arounds,
// back-references, regexp2-only syntax), when it can match the empty
// string or starts with an assertion (^, $, \b), or when its first
// characters cannot be told as regexp2 reads them (see firstASCII).
// Rules that a mutator puts in a state while lexing (Raku does) are
// always tried. On the benchmark vault's code, four tries in five are
// skipped, and a build takes about a quarter less CPU.
//
// The tokens are chroma's, type and value, token for token
// (TestLexDriverEquivalence and the tests beside it compare them on
// every regexp lexer). One difference is not seen in tokens: chroma
// gives each match a NamedGroups map of all its groups; the driver
// does so only for a lexer with a named group in some pattern (Raku:
// its mutators and ByGroupNames read them), and leaves it nil
// otherwise. Lexers that are not RegexLexers or not in chroma's
// registry, and the lexers that emitters call (Using, UsingSelf), are
// chroma's own. A regexp that runs out of time (MatchTimeout, as
// chroma sets it) is tried again (matchTries): on a loaded machine it
// may only have been kept waiting. One that runs out of time every time
// counts as no match, as in chroma; codelimit.go tells such a block by
// its time.

// chromaRuleTimeout is the MatchTimeout chroma sets on every rule.
const chromaRuleTimeout = 250 * time.Millisecond

// lexDriver is a RegexLexer driven with rules that are skipped where
// they cannot match. It is a chroma.Lexer (Config, AnalyseText and
// SetRegistry are the RegexLexer's).
type lexDriver struct {
	*chroma.RegexLexer
	rules chroma.CompiledRules
	// states holds, for each state, its rules as compiled here and the
	// ASCII characters a match of each can start with.
	states map[string]*stateSkips
	// named: some pattern has named groups, so that NamedGroups is
	// filled for every match as chroma does (Raku's mutators and
	// ByGroupNames read it); otherwise it is left nil.
	named bool
	// find runs a rule's regexp at a place: regexp2's
	// FindRunesMatchStartingAt (tests put in one that times out).
	find func(re *regexp2.Regexp, text []rune, pos int) (*regexp2.Match, error)
}

// matchTries is how many times a match that runs out of time is tried.
// regexp2 times a match by the wall clock (chroma's 250 ms), so on a
// loaded machine a match that was only kept waiting can run out of
// time, and chroma then takes it for no match: the code gets other
// colours than on a quiet machine. Trying again gives the match its
// time; a match that runs out of time every time is slow in itself
// and counts as no match, as in chroma.
const matchTries = 3

// findRunes is regexp2's own search, the driver's find.
func findRunes(re *regexp2.Regexp, text []rune, pos int) (*regexp2.Match, error) {
	return re.FindRunesMatchStartingAt(text, pos)
}

// drivenLexer returns lexer l driven by a lexDriver, made once per
// process, or l itself when it is not a RegexLexer or its rules cannot
// be compiled here.
func drivenLexer(l chroma.Lexer) chroma.Lexer {
	f, _ := driverCache.LoadOrStore(l, sync.OnceValue(func() chroma.Lexer {
		rl, ok := l.(*chroma.RegexLexer)
		if !ok || !inGlobalRegistry(rl) {
			return l
		}
		d, err := newLexDriver(rl)
		if err != nil {
			return l
		}
		return d
	}))
	return f.(func() chroma.Lexer)()
}

var driverCache sync.Map // chroma.Lexer → func() chroma.Lexer

// newLexDriver compiles rl's rules as chroma's RegexLexer.maybeCompile
// does.
func newLexDriver(rl *chroma.RegexLexer) (*lexDriver, error) {
	raw, err := rl.Rules()
	if err != nil {
		return nil, err
	}
	cfg := rl.Config()
	flags := ""
	if !cfg.NotMultiline {
		flags += "m"
	}
	if cfg.CaseInsensitive {
		flags += "i"
	}
	if cfg.DotAll {
		flags += "s"
	}
	d := &lexDriver{RegexLexer: rl, rules: chroma.CompiledRules{}, states: map[string]*stateSkips{}, find: findRunes}
	skips := map[*regexp2.Regexp][2]uint64{}
	for state, rules := range raw {
		d.rules[state] = nil
		for _, rule := range rules {
			cr := &chroma.CompiledRule{Rule: rule}
			pattern := "(?:" + rule.Pattern + ")"
			if flags != "" {
				pattern = "(?" + flags + ")" + pattern
			}
			if cr.Regexp, err = regexp2.Compile(`\G` + pattern); err != nil {
				return nil, err
			}
			cr.Regexp.MatchTimeout = chromaRuleTimeout
			set := alwaysTry
			if first, ok := firstASCII(rule.Pattern, cfg); ok {
				set = *first
			}
			skips[cr.Regexp] = set
			if hasNamedGroup(cr.Regexp) {
				d.named = true
			}
			d.rules[state] = append(d.rules[state], cr)
		}
	}
	// chroma's LexerMutators (Include, Combined) change the rules once
	// compiled, one at a time, starting over after each.
restart:
	for state := range d.rules {
		for i := range len(d.rules[state]) {
			if m, ok := d.rules[state][i].Mutator.(chroma.LexerMutator); ok {
				if err := m.MutateLexer(d.rules, state, i); err != nil {
					return nil, err
				}
				goto restart
			}
		}
	}
	for state, rules := range d.rules {
		ss := &stateSkips{regexps: make([]*regexp2.Regexp, len(rules)), sets: make([][2]uint64, len(rules))}
		for i, r := range rules {
			ss.regexps[i], ss.sets[i] = r.Regexp, skips[r.Regexp]
		}
		d.states[state] = ss
	}
	return d, nil
}

// stateSkips is a state's rules as compiled: each rule's regexp, and
// the ASCII characters a match of it can start with.
type stateSkips struct {
	regexps []*regexp2.Regexp
	sets    [][2]uint64
}

// alwaysTry is the set of a rule that is always tried.
var alwaysTry = [2]uint64{^uint64(0), ^uint64(0)}

// hasNamedGroup tells whether re has a group with a name that is not its
// number.
func hasNamedGroup(re *regexp2.Regexp) bool {
	for _, n := range re.GetGroupNames() {
		if n == "" || n[0] < '0' || n[0] > '9' {
			return true
		}
	}
	return false
}

// firstASCII returns the ASCII characters a match of pattern (with the
// lexer's flags) can start with, as a bit set, or false when the rule
// must always be tried.
//
// Go's regexp/syntax reads the pattern's structure; what its character
// classes and escapes (\s, \w, [^\W\d]) hold is asked of regexp2
// itself (asciiClasses), since the two differ: regexp2's \s holds \v,
// and its [^\W\d] holds the digits.
func firstASCII(pattern string, cfg *chroma.Config) (*[2]uint64, bool) {
	// regexp2 reads [:alpha:] in a class in a way of its own; \Q…\E is
	// Go's alone.
	if pattern == "" || strings.Contains(pattern, "[:") || strings.Contains(pattern, `\Q`) {
		return nil, false
	}
	fold := cfg.CaseInsensitive || inlineFold.MatchString(pattern)
	goPattern, ok := asciiClasses(pattern, cfg.CaseInsensitive)
	if !ok {
		return nil, false
	}
	re, err := syntax.Parse(goPattern, syntaxFlags(cfg))
	if err != nil {
		return nil, false
	}
	first, empty, asserts := firstOf(re)
	if empty || asserts {
		// A rule that can match nothing is tried everywhere; so is one
		// with ^, $ or \b first, where regexp/syntax and regexp2 may not
		// agree.
		return nil, false
	}
	var set [2]uint64
	add := func(c rune) { set[c>>6] |= 1 << (c & 63) }
	for c := range rune(utf8.RuneSelf) {
		if classHas(first, c) {
			add(c)
		}
	}
	if fold {
		// regexp2 compares lower case: either case of a letter, and the
		// few non-ASCII characters that lower to ASCII (K, İ), start
		// what the letter starts.
		for c := range rune(utf8.RuneSelf) {
			if classHas(first, c) {
				add(unicode.ToLower(c))
				add(unicode.ToUpper(c))
			}
		}
		for _, r := range foldsToASCII() {
			if !classHas(first, r) {
				continue
			}
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				if f < utf8.RuneSelf {
					add(unicode.ToLower(f))
					add(unicode.ToUpper(f))
				}
			}
			if lo := unicode.ToLower(r); lo < utf8.RuneSelf {
				add(lo)
				add(unicode.ToUpper(lo))
			}
		}
	}
	return &set, true
}

// inlineFold finds a group that sets the i flag: (?i), (?mi:…).
var inlineFold = regexp.MustCompile(`\(\?[a-zA-Z]*i`)

// asciiClasses rewrites pattern for Go's regexp/syntax: each character
// class, and each escape that stands for one (\s, \W, \p{L}), becomes
// a Go class of what it holds to regexp2 among ASCII and the
// characters that fold to ASCII (foldsToASCII), plus one other
// character (none of which the skip test looks at). Classes are found
// as .NET reads them: '[' in a class is a character, and [a-z-[aeiou]]
// subtracts. fold is the lexer's i flag.
func asciiClasses(pattern string, fold bool) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(pattern); {
		c := pattern[i]
		switch {
		case c == '[':
			end, ok := classEnd(pattern, i)
			if !ok {
				return "", false
			}
			cls, ok := probeClass(pattern[i:end], fold)
			if !ok {
				return "", false
			}
			b.WriteString(cls)
			i = end
		case c == '\\' && i+1 < len(pattern):
			n := 2
			switch pattern[i+1] {
			case 'p', 'P':
				if i+2 < len(pattern) && pattern[i+2] == '{' {
					j := strings.IndexByte(pattern[i:], '}')
					if j < 0 {
						return "", false
					}
					n = j + 1
				} else {
					n = 3
				}
				fallthrough
			case 'w', 'W', 's', 'S', 'd', 'D':
				if i+n > len(pattern) {
					return "", false
				}
				cls, ok := probeClass(pattern[i:i+n], fold)
				if !ok {
					return "", false
				}
				b.WriteString(cls)
			case '1', '2', '3', '4', '5', '6', '7', '8', '9':
				return "", false // a back-reference to .NET, octal to Go
			default:
				b.WriteString(pattern[i : i+n])
			}
			i += n
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String(), true
}

// classEnd returns the end of the character class that starts at
// pattern[i] ('['), as .NET finds it.
func classEnd(pattern string, i int) (int, bool) {
	j := i + 1
	if j < len(pattern) && pattern[j] == '^' {
		j++
	}
	first := true
	for j < len(pattern) {
		switch c := pattern[j]; {
		case c == '\\':
			j += 2
		case c == ']' && !first:
			return j + 1, true
		case c == '-' && j+1 < len(pattern) && pattern[j+1] == '[':
			// Subtraction: [base-[sub]] ends after the inner class.
			end, ok := classEnd(pattern, j+1)
			if !ok || end >= len(pattern) || pattern[end] != ']' {
				return 0, false
			}
			return end + 1, true
		default:
			j++
		}
		first = false
	}
	return 0, false
}

// classProbes caches probeClass's answers (lexers share many classes).
var classProbes sync.Map // probeKey → string

type probeKey struct {
	class string
	fold  bool
}

// probeClass returns a Go class holding what class (regexp2 syntax)
// matches among ASCII and foldsToASCII, and U+10FFFF.
func probeClass(class string, fold bool) (string, bool) {
	key := probeKey{class, fold}
	if v, ok := classProbes.Load(key); ok {
		s := v.(string)
		return s, s != ""
	}
	expr := class
	if fold {
		expr = "(?i:" + class + ")"
	}
	out := ""
	if re, err := regexp2.Compile(expr); err == nil {
		probe := probeRunes()
		var b strings.Builder
		b.WriteString(`[\x{10FFFF}`)
		for at := 0; at < len(probe); at++ {
			m, err := re.FindRunesMatchStartingAt(probe, at)
			if err != nil {
				b.Reset()
				break
			}
			if m == nil {
				break
			}
			at = m.RuneIndex
			if m.RuneLength != 1 {
				b.Reset()
				break
			}
			fmt.Fprintf(&b, `\x{%x}`, probe[at])
		}
		if b.Len() > 0 {
			out = b.String() + "]"
		}
	}
	classProbes.Store(key, out)
	return out, out != ""
}

// probeRunes is ASCII followed by foldsToASCII.
var probeRunes = sync.OnceValue(func() []rune {
	var r []rune
	for c := range rune(utf8.RuneSelf) {
		r = append(r, c)
	}
	return append(r, foldsToASCII()...)
})

// foldsToASCII lists the non-ASCII characters that lower, upper or fold
// to an ASCII one (K, ſ, İ, ı). Those are among the characters that
// have a case, which unicode.CaseRanges lists.
var foldsToASCII = sync.OnceValue(func() []rune {
	var out []rune
	for _, cr := range unicode.CaseRanges {
		for r := max(rune(cr.Lo), utf8.RuneSelf); r <= rune(cr.Hi); r++ {
			if foldsToASCIIRune(r) {
				out = append(out, r)
			}
		}
	}
	return out
})

func foldsToASCIIRune(r rune) bool {
	ascii := unicode.ToLower(r) < utf8.RuneSelf || unicode.ToUpper(r) < utf8.RuneSelf
	for f := unicode.SimpleFold(r); f != r && !ascii; f = unicode.SimpleFold(f) {
		ascii = f < utf8.RuneSelf
	}
	return ascii
}

// Tokenise is chroma's RegexLexer.Tokenise, with the driver's rules.
func (d *lexDriver) Tokenise(options *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	if options == nil {
		options = &chroma.TokeniseOptions{State: "root", EnsureLF: true}
	}
	if options.EnsureLF {
		text = ensureLF(text)
	}
	newlineAdded := false
	if !options.Nested && d.Config().EnsureNL && !strings.HasSuffix(text, "\n") {
		text += "\n"
		newlineAdded = true
	}
	r := &lexRun{
		d:            d,
		root:         options.State,
		newlineAdded: newlineAdded,
		st: chroma.LexerState{
			Lexer:          d.RegexLexer,
			Registry:       lexers.GlobalLexerRegistry,
			Text:           []rune(text),
			Stack:          []string{options.State},
			Rules:          d.rules,
			MutatorContext: map[any]any{},
		},
	}
	return r.next, nil
}

// inGlobalRegistry tells whether rl is one of the lexers of chroma's
// global registry, which is then its LexerState.Registry (the registry
// a RegexLexer is registered in is private to it).
func inGlobalRegistry(rl *chroma.RegexLexer) bool {
	for _, l := range lexers.GlobalLexerRegistry.Lexers {
		if l == chroma.Lexer(rl) {
			return true
		}
	}
	return false
}

// ensureLF gives text with each \r\n and each lone \r as \n, as
// chroma's Tokenise does with EnsureLF (the replacer tries "\r\n"
// first at each place).
func ensureLF(text string) string {
	if !strings.Contains(text, "\r") {
		return text
	}
	return crlfToLF.Replace(text)
}

var crlfToLF = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// lexRun is one Tokenise: chroma's LexerState and what it keeps
// privately.
type lexRun struct {
	d            *lexDriver
	st           chroma.LexerState
	root         string
	newlineAdded bool
	iters        []chroma.Iterator
	// ss is the skip sets of state ssState.
	ss      *stateSkips
	ssState string
}

// next gives the run's next token, as chroma's LexerState.Iterator
// would: first what the emitters of the last match still have, then
// the next match at Pos in the state on top of the stack. A place no
// rule matches is one Error character, except that a newline there
// puts the lexer back in its first state (Pygments' recovery from an
// unclosed string). The newline Tokenise added (EnsureNL) is lexed
// with the text before it, but not matched on its own, and text left
// when the stack runs empty is one Error token.
func (r *lexRun) next() chroma.Token {
	st := &r.st
	limit := len(st.Text)
	if r.newlineAdded {
		limit--
	}
	for {
		if t, ok := r.drain(); ok {
			return t
		}
		if st.Pos >= limit || len(st.Stack) == 0 {
			break
		}
		st.State = st.Stack[len(st.Stack)-1]
		rules, ok := st.Rules[st.State]
		if !ok {
			panic("unknown state " + st.State)
		}
		i, rule, groups, named := r.match(rules)
		if groups == nil {
			if st.Text[st.Pos] == '\n' && st.State != r.root {
				st.Stack = []string{r.root}
				continue
			}
			st.Pos++
			return chroma.Token{Type: chroma.Error, Value: string(st.Text[st.Pos-1])}
		}
		st.Rule, st.Groups, st.NamedGroups = i, groups, named
		st.Pos += utf8.RuneCountInString(groups[0])
		if rule.Mutator != nil {
			if err := rule.Mutator.Mutate(st); err != nil {
				panic(err)
			}
		}
		if rule.Type != nil {
			r.iters = append(r.iters, rule.Type.Emit(st.Groups, st))
		}
	}
	if len(st.Stack) == 0 && st.Pos != len(st.Text) {
		rest := string(st.Text[st.Pos:])
		st.Pos = len(st.Text)
		return chroma.Token{Type: chroma.Error, Value: rest}
	}
	return chroma.EOF
}

// drain returns the next token of the emitters' iterators, if any.
func (r *lexRun) drain() (chroma.Token, bool) {
	for len(r.iters) > 0 {
		n := len(r.iters) - 1
		t := r.iters[n]()
		if t.Type == chroma.Ignore {
			continue
		}
		if t == chroma.EOF {
			r.iters = r.iters[:n]
			continue
		}
		return t, true
	}
	return chroma.Token{}, false
}

// match is chroma's matchRules, skipping rules that cannot match at
// the place. A rule is looked up in the state's skip sets by its place
// in the state and its regexp, so that rules a mutator put in the state
// are tried.
func (r *lexRun) match(rules []*chroma.CompiledRule) (int, *chroma.CompiledRule, []string, map[string]string) {
	text, pos := r.st.Text, r.st.Pos
	if r.ss == nil || r.ssState != r.st.State {
		r.ss, r.ssState = r.d.states[r.st.State], r.st.State
	}
	var regexps []*regexp2.Regexp
	var sets [][2]uint64
	c := text[pos]
	if r.ss != nil && c < utf8.RuneSelf {
		regexps, sets = r.ss.regexps, r.ss.sets
	}
	for i, rule := range rules {
		if i < len(regexps) && regexps[i] == rule.Regexp && sets[i][c>>6]&(1<<(c&63)) == 0 {
			continue
		}
		m, err := r.d.find(rule.Regexp, text, pos)
		for try := 1; err != nil && try < matchTries; try++ {
			m, err = r.d.find(rule.Regexp, text, pos)
		}
		if err != nil || m == nil || m.RuneIndex != pos {
			continue
		}
		gs := m.Groups()
		groups := make([]string, len(gs))
		var named map[string]string
		if r.d.named {
			named = make(map[string]string, len(gs))
		}
		for j := range gs {
			groups[j] = gs[j].String()
			if named != nil {
				named[gs[j].Name] = groups[j]
			}
		}
		return i, rule, groups, named
	}
	return 0, &chroma.CompiledRule{}, nil, nil
}
