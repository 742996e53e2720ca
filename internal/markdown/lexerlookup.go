package markdown

import (
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// Finding the lexer for a fence language. chroma's lexers.Get looks a
// name up among its lexers' names and aliases, then tries it as a file
// name: it matches "filename.<name>" and "<name>" against every glob of
// every lexer (about 640, each also with 13 backup suffixes such as
// ".bak"), which takes about 5 ms of CPU per name, and seconds for a
// name of 3,000 characters. A note of 2,000 fences, each with a language
// of its own, took minutes. lookupLexer gives lexers.Get's answer from
// an index of the globs instead, in microseconds.
//
// It differs from lexers.Get only for a language with a dot followed by
// one of chroma's backup suffixes ("x.py.bak"), which it does not know
// (a fence language has no '~'), and for languages over
// maxFenceLanguage characters, which are no lexer's name.

// maxFenceLanguage is the longest fence language looked up (chroma's
// longest name or alias has 27 characters).
const maxFenceLanguage = 64

// globIndex holds the file name globs of chroma's lexers.
type globIndex struct {
	names map[string]bool // lexer names and aliases, lower-cased
	// byExt maps "ext" to the globs "*.ext"; byLiteral maps a glob
	// without wildcards to itself; other holds the other globs.
	byExt, byLiteral map[string][]globRef
	other            []globRef
	lexers           []chroma.Lexer
}

// globRef is the glob-th glob of the lexer-th lexer (in registry
// order), among its Filenames, or its AliasFilenames when alias is set.
type globRef struct {
	lexer, glob int
	alias       bool
	pattern     string
}

var globs = sync.OnceValue(func() *globIndex {
	ix := &globIndex{names: map[string]bool{}, byExt: map[string][]globRef{}, byLiteral: map[string][]globRef{}}
	ix.lexers = lexers.GlobalLexerRegistry.Lexers
	for li, l := range ix.lexers {
		c := l.Config()
		ix.names[strings.ToLower(c.Name)] = true
		for _, a := range c.Aliases {
			ix.names[strings.ToLower(a)] = true
		}
		add := func(gi int, g string, alias bool) {
			ref := globRef{lexer: li, glob: gi, alias: alias, pattern: g}
			switch ext, ok := strings.CutPrefix(g, "*."); {
			case ok && !strings.ContainsAny(ext, `*?[\`):
				ix.byExt[ext] = append(ix.byExt[ext], ref)
			case !strings.ContainsAny(g, `*?[\`):
				ix.byLiteral[g] = append(ix.byLiteral[g], ref)
			default:
				ix.other = append(ix.other, ref)
			}
		}
		for gi, g := range c.Filenames {
			add(gi, g, false)
		}
		for gi, g := range c.AliasFilenames {
			add(gi, g, true)
		}
	}
	return ix
})

// lookupLexer returns the lexer lexers.Get returns for lang, or nil.
func lookupLexer(lang string) chroma.Lexer {
	if lang == "" || len(lang) > maxFenceLanguage {
		return nil
	}
	ix := globs()
	if ix.names[strings.ToLower(lang)] {
		return lexers.Get(lang) // a name or an alias: found without globs
	}
	// As lexers.Get: the best of what "filename.<lang>" and "<lang>"
	// match as file names.
	var candidates chroma.PrioritisedLexers
	if l := ix.match("filename." + lang); l != nil {
		candidates = append(candidates, l)
	}
	if l := ix.match(lang); l != nil {
		candidates = append(candidates, l)
	}
	if len(candidates) == 0 {
		return nil
	}
	sort.Sort(candidates)
	return candidates[0]
}

// match is LexerRegistry.Match for a file name without a slash: the lexers
// with a glob matching name, in registry order, sorted by priority; if
// none, the same with their alias globs.
func (ix *globIndex) match(name string) chroma.Lexer {
	var refs []globRef
	// "*.ext" matches a name ending in ".ext" (ext may hold dots).
	for i := 0; i < len(name); i++ {
		if name[i] == '.' {
			refs = append(refs, ix.byExt[name[i+1:]]...)
		}
	}
	refs = append(refs, ix.byLiteral[name]...)
	for _, r := range ix.other {
		if ok, _ := filepath.Match(r.pattern, name); ok {
			refs = append(refs, r)
		}
	}
	for _, alias := range []bool{false, true} {
		var matched chroma.PrioritisedLexers
		var in []globRef
		for _, r := range refs {
			if r.alias == alias {
				in = append(in, r)
			}
		}
		sort.Slice(in, func(i, j int) bool {
			if in[i].lexer != in[j].lexer {
				return in[i].lexer < in[j].lexer
			}
			return in[i].glob < in[j].glob
		})
		for _, r := range in {
			matched = append(matched, ix.lexers[r.lexer])
		}
		if len(matched) > 0 {
			sort.Sort(matched)
			return matched[0]
		}
	}
	return nil
}
