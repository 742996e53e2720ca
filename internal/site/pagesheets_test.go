package site

import (
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/flipdeck/flipdeck"
)

// TestPageSheetsHoldTheirRules: every page links the base stylesheet and
// its own (layout.PageSheets), and loads no rule it does not use (a deck
// page's first visit, issue 13). The other side, checked here: no page
// uses a class whose rules are in a sheet it does not link. The classes a
// page uses are those of its HTML (where it runs a quiz, also those of
// the deck pages' notes, whose cards the quiz shows) and those its
// scripts may set: the class-like string literals ("button primary", and
// "count-" + state as the prefix "count-") of every module the page
// loads, at start or on use. The sheets a page's quiz links when it
// opens (quizplace.js) count as linked.
func TestPageSheetsHoldTheirRules(t *testing.T) {
	files := buildSampleSite(t)
	sheets := sourceSheets(t)
	modules := sourceModules(t)

	var deckNotes []string // the classes of the deck pages' notes
	for name, b := range files {
		if strings.HasPrefix(name, "decks/") {
			if i := strings.Index(string(b), "<article"); i >= 0 {
				deckNotes = append(deckNotes, htmlClasses(string(b[i:]))...)
			}
		}
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	kinds := map[string]bool{}
	reported := map[string]bool{}
	for _, name := range names {
		page := string(files[name])
		m := pageKindRe.FindStringSubmatch(page)
		if !strings.HasSuffix(name, ".html") || m == nil || m[1] == "404" {
			continue
		}
		kind := m[1]
		kinds[kind] = true
		used := classUse{exact: map[string]string{}}
		for _, c := range htmlClasses(page) {
			used.add(c, name)
		}
		mods := pageModules(page, modules)
		// The quiz (on deck pages and the index) shows the cards of other
		// deck pages, and links its own sheets when it opens (quizplace.js).
		quizSheets := map[string]bool{}
		if slices.Contains(mods, "quizplace.js") {
			for _, c := range deckNotes {
				used.add(c, "the deck pages' notes")
			}
			for _, lit := range jsStringRe.FindAllStringSubmatch(modules["quizplace.js"], -1) {
				if s := lit[1] + lit[2]; strings.HasSuffix(s, ".css") {
					quizSheets[s] = true
				}
			}
			if !quizSheets["quiz.css"] {
				t.Errorf("quizplace.js does not name quiz.css among the sheets it links")
			}
		}
		for _, mod := range mods {
			for _, lit := range jsStringRe.FindAllStringSubmatch(modules[mod], -1) {
				s := lit[1] + lit[2]
				if !classListRe.MatchString(s) {
					continue
				}
				for _, c := range strings.Fields(s) {
					if strings.HasSuffix(c, "-") {
						used.prefixes = append(used.prefixes, c)
					} else {
						used.add(c, "assets/js/"+mod)
					}
				}
			}
		}
		linked := map[string]bool{}
		for _, l := range sheetLinkRe.FindAllStringSubmatch(page, -1) {
			linked[path.Base(l[1])] = true
		}
		if !linked["site.css"] || !linked[kind+".css"] {
			t.Errorf("%s links %v, not site.css and %s.css", name, linked, kind)
		}
		for sheet := range quizSheets {
			linked[sheet] = true
		}
		for _, sheet := range sortedKeys(sheets) {
			if linked[sheet] {
				continue
			}
			for _, r := range sheets[sheet] {
				why, ok := used.all(r.classes)
				key := kind + " " + sheet + " " + r.selector
				if !ok || reported[key] {
					continue
				}
				reported[key] = true
				t.Errorf("assets/%s:%d: %q styles %s pages (%s), which do not link %s: move the rule to a sheet they link (site.css when several kinds of page use it)",
					sheet, r.line, r.selector, kind, why, sheet)
			}
		}
	}
	for _, k := range []string{"index", "deck", "stats"} {
		if !kinds[k] {
			t.Errorf("the sample has no %s page to check", k)
		}
	}
}

var (
	pageKindRe  = regexp.MustCompile(`<body class="?page-(\w+)`)
	sheetLinkRe = regexp.MustCompile(`<link rel="?stylesheet"? href="?([^" >]+)`)
	classAttrRe = regexp.MustCompile(`class=(?:"([^"]*)"|([\w-]+))`)
	moduleSrcRe = regexp.MustCompile(`<script type="?module"? src="?([^" >]+)`)
	// importsRe finds a module's imports of our modules, static and
	// dynamic (import("./x.js")).
	importsRe = regexp.MustCompile(`(?:import|from)\s*\(?\s*["']\./([\w.-]+\.js)["']`)
	// jsStringRe finds the string literals of a module, double- or
	// single-quoted; classListRe keeps those that read as class names.
	jsStringRe  = regexp.MustCompile(`"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'`)
	classListRe = regexp.MustCompile(`^[a-z][a-z0-9_-]*( [a-z][a-z0-9_-]*)*$`)
)

// classUse is what a page uses: class names (with where they come from)
// and class prefixes a script completes ("count-" + state).
type classUse struct {
	exact    map[string]string
	prefixes []string
}

func (u classUse) add(class, from string) {
	if _, ok := u.exact[class]; !ok {
		u.exact[class] = from
	}
}

// all reports whether every class of a selector is used, and where from.
func (u classUse) all(classes []string) (string, bool) {
	var why []string
	for _, c := range classes {
		if from, ok := u.exact[c]; ok {
			why = append(why, c+" in "+from)
			continue
		}
		found := false
		for _, p := range u.prefixes {
			if strings.HasPrefix(c, p) {
				why = append(why, c+" as "+p+"… in a script")
				found = true
				break
			}
		}
		if !found {
			return "", false
		}
	}
	return strings.Join(why, ", "), len(classes) > 0
}

func htmlClasses(page string) []string {
	var out []string
	for _, m := range classAttrRe.FindAllStringSubmatch(page, -1) {
		out = append(out, strings.Fields(m[1]+m[2])...)
	}
	return out
}

// pageModules lists the modules a page may run: its module scripts and
// what they import, at start or on use. decklist.js runs only where there
// is a deck list (deck.js imports it then).
func pageModules(page string, modules map[string]string) []string {
	seen := map[string]bool{}
	var queue []string
	for _, m := range moduleSrcRe.FindAllStringSubmatch(page, -1) {
		queue = append(queue, path.Base(m[1]))
	}
	hasList := strings.Contains(page, "deck-list")
	for len(queue) > 0 {
		m := queue[0]
		queue = queue[1:]
		if seen[m] || (m == "decklist.js" && !hasList) {
			continue
		}
		seen[m] = true
		for _, i := range importsRe.FindAllStringSubmatch(modules[m], -1) {
			queue = append(queue, i[1])
		}
	}
	return sortedKeys(seen)
}

// cssRule is one rule's selector in a stylesheet (one of a selector
// list's selectors), with the classes an element must have for it to
// apply (those inside :not() left out).
type cssRule struct {
	line     int
	selector string
	classes  []string
}

var (
	cssCommentRe = regexp.MustCompile(`(?s)/\*.*?\*/`)
	cssNotRe     = regexp.MustCompile(`:not\([^()]*\)`)
	cssClassRe   = regexp.MustCompile(`\.([A-Za-z_][\w-]*)`)
)

// sourceSheets reads the stylesheets of assets/ and lists their rules.
func sourceSheets(t *testing.T) map[string][]cssRule {
	t.Helper()
	names, _ := fs.Glob(flipdeck.Assets, "assets/*.css")
	out := map[string][]cssRule{}
	for _, n := range names {
		b, err := fs.ReadFile(flipdeck.Assets, n)
		if err != nil {
			t.Fatal(err)
		}
		// Comments become spaces, so that lines keep their numbers.
		src := cssCommentRe.ReplaceAllStringFunc(string(b), func(c string) string {
			return strings.Map(func(r rune) rune {
				if r == '\n' {
					return r
				}
				return ' '
			}, c)
		})
		out[path.Base(n)] = cssRules(src, 0, src)
	}
	if len(out) < 2 {
		t.Fatalf("assets/ holds %d stylesheets", len(out))
	}
	return out
}

// cssRules lists the rules of block (which starts at offset off of src),
// going into @media and @supports, skipping @keyframes.
func cssRules(block string, off int, src string) []cssRule {
	var out []cssRule
	start := 0
	for i := 0; i < len(block); i++ {
		if block[i] != '{' {
			continue
		}
		depth, j := 1, i+1
		for ; j < len(block) && depth > 0; j++ {
			switch block[j] {
			case '{':
				depth++
			case '}':
				depth--
			}
		}
		sel := strings.TrimSpace(block[start:i])
		lead := len(block[start:i]) - len(strings.TrimLeft(block[start:i], " \t\n"))
		line := strings.Count(src[:off+start+lead], "\n") + 1
		switch {
		case strings.HasPrefix(sel, "@media"), strings.HasPrefix(sel, "@supports"):
			out = append(out, cssRules(block[i+1:j-1], off+i+1, src)...)
		case strings.HasPrefix(sel, "@"):
		default:
			for _, part := range splitSelectors(sel) {
				var classes []string
				for _, m := range cssClassRe.FindAllStringSubmatch(cssNotRe.ReplaceAllString(part, ""), -1) {
					classes = append(classes, m[1])
				}
				out = append(out, cssRule{line: line, selector: strings.Join(strings.Fields(part), " "), classes: classes})
			}
		}
		start, i = j, j-1
	}
	return out
}

// splitSelectors splits a selector list at its commas outside brackets
// (":is(.a, .b)" is one selector).
func splitSelectors(sel string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range sel {
		switch r {
		case '(', '[':
			depth++
		case ')', ']':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, sel[start:i])
				start = i + 1
			}
		}
	}
	return append(out, sel[start:])
}

// sourceModules reads assets/js/*.js.
func sourceModules(t *testing.T) map[string]string {
	t.Helper()
	names, _ := fs.Glob(flipdeck.Assets, "assets/js/*.js")
	out := map[string]string{}
	for _, n := range names {
		b, err := fs.ReadFile(flipdeck.Assets, n)
		if err != nil {
			t.Fatal(err)
		}
		out[path.Base(n)] = string(b)
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
