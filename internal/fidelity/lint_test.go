package fidelity

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// notePage is a deck page holding one note, n.md, whose body is body.
func notePage(title, body string) string {
	return `<!doctype html><html><head><title>` + title + `</title></head><body><main>` +
		`<article class="note" id="note-n"><header class="note-header"><h2 class="note-title">N</h2>` +
		`<p class="note-path">n.md</p></header><div class="note-body prose">` + body +
		`</div></article></main></body></html>`
}

// card is the markup cardHTML writes for a flip card.
func card(ctx, question, answer string) string {
	return `<details class="card" id="card-1" data-card-ids="1" data-kind="basic"><summary class="card-front">` +
		`<span class="card-ctx"><span>N</span><span class="sep" aria-hidden="true"> › </span><span>` + ctx + `</span></span>` +
		"\n" + `<span class="card-q">` + question + `</span></summary><div class="card-back">` + answer + `</div></details>`
}

// math is a formula as texmath writes it, with its TeX in the annotation.
func math(mrow, tex string) string {
	return `<math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow>` + mrow +
		`</mrow><annotation encoding="application/x-tex">` + tex + `</annotation></semantics></math>`
}

// TestRules gives each rule a note body it must flag (the garbled output
// seen for issue 11, or a hand-written one) and one it must leave alone:
// the negative case holds look-alikes that are fine, and must give no
// finding of any rule.
func TestRules(t *testing.T) {
	for _, c := range []struct {
		rule    Rule
		yes, no string
		title   string // the page title of the "yes" page, if not "T"
	}{
		{rule: Embed,
			yes: `<p>See ![[diagram.png|300]] here</p>`,
			no:  `<p>An <img src="x.png" alt="![[x]]"> and <code>![[x.png]]</code></p>`},
		{rule: Wikilink,
			yes: `<p>Linked to [[Other note|alias]].</p>`,
			no:  `<p>Linked to <a class="wikilink" href="#x">alias</a>, <code>[[x]]</code>, a[0][1]</p>`},
		{rule: Wikilink, // a card's context shows the heading's source
			yes: card(`[[../../OS|Ring-3]]`, `<p>Q</p>`, `<p>A</p>`),
			no:  card(`Ring-3`, `<p>Q</p>`, `<p>A</p>`)},
		{rule: Comment,
			yes: `<p>text %%hidden%% text</p>`,
			no:  `<p>50% of 20% off</p><pre><code>%%comment in code%%</code></pre>`},
		{rule: BlockID,
			yes: `<p>The answer.<br>^1684123456789</p><p>Text ^abc123</p>`,
			no:  `<p>2^10 is 1024, x ^ 2, ^ab, a^bcdefgh</p>`},
		{rule: SyncComment, // kept as a comment
			yes: `<p>A</p><!--SR:!2023-01-01,3,250-->`,
			no:  `<!-- a comment of the page --><p>An SR: line and ID: 5</p>`},
		{rule: SyncComment, // shown as text
			yes: `<p>A &lt;!--ID: 1686--&gt;</p>`,
			no:  `<p>A <code>&lt;!--ID: 1686--&gt;</code></p>`},
		{rule: DisplayMath,
			yes: `<p>Before.</p><p>$$<br>a = b</p><p>c = d<br>$$</p>`,
			no:  `<p>Costs $5 and $6.</p><p>` + math(`<mi>x</mi>`, `$$`) + `</p>`},
		{rule: InlineMath,
			yes: `<p>Power $x^2$ and $\alpha$ and $n$ here</p>`,
			no:  `<p>Prices $5 and $10, US$ 3, a $ x $ gap, a$<code>x^2</code>$b</p><p>` + math(`<mi>n</mi>`, `n`) + `</p>`},
		{rule: MathError, // a command texmath does not know
			yes: `<p>` + math(`<merror><mtext>\lparen</mtext></merror><mi>a</mi>`, `\lparen a`) + `</p>`,
			no:  `<p>` + math(`<mi>a</mi><mo>≠</mo><mi>b</mi>`, `a \neq b`) + `</p>`},
		{rule: MathError, // TeX that did not parse, shown as its source
			yes: `<p><code class="math-error">\frac{</code></p>`,
			no:  `<p><code class="language-tex">\frac{</code></p>`},
		{rule: MathQuote,
			yes: `<div class="callout-content">` + math(`<mo>&gt;</mo><mi>a</mi>`, "&gt; a = b \\\\\n&gt; c = d\n&gt;") + `</div>`,
			no:  math(`<mi>a</mi><mo>&gt;</mo><mi>b</mi>`, "a &gt; b \\\\\nc &gt; d")},
		{rule: CardTag,
			yes: `<p>Question <span class="tag">#card</span></p><p>Q #card-reverse</p><p>#flashcards/deck</p><p>x #FC</p><p>(#card/reverse)</p>` +
				`<ul><li>block <span class="tag">#flashcard</span></li></ul>`,
			no: `<p>The #cards, the #cardigan, <span class="tag">#study-note</span>, C#card, <code>#card</code></p>` +
				`<p>Copied from reading view: <a href="app://obsidian.md/index.html#card">#card</a></p>`},
		{rule: Separator, // item 8: an inline card dropped as a Dataview field
			yes: `<p>Hypertext Markup Language (HTML) :: a markup language</p>`,
			no: `<h5>Attempt #3 :: 📆 2023-09-17 :: ✅</h5><p>std::cout and a::b outside code</p>` +
				card("", `<p>Q</p>`, `<p>LeetCode :: Editorial</p>`)},
		{rule: Separator, // item 9: a tagged "Q::A" line taken whole as the question
			yes: card("", `<p>Q1::A1</p>`, `<p class="card-noanswer">No answer</p>`),
			no:  card("", `<p>What does <code>std::map</code> keep?</p>`, `<p>A</p>`)},
		{rule: Property,
			yes: `<ul><li>block<br>id:: 64a1b2c3-1234-5678-9abc-def012345678<br>collapsed:: true</li></ul>`,
			no:  `<p>The id: 5, an idea:: here, <code>id:: x</code></p>`},
		{rule: Logbook,
			yes: `<ul><li>child<br>:LOGBOOK:<br>CLOCK: [2023-01-01]<br>:END:</li></ul>`,
			no:  `<pre><code>:LOGBOOK:</code></pre><p>a logbook</p>`},
		{rule: Cloze,
			yes: `<p>France is {1: Paris} and Spain {2:Madrid }.</p><p>{{c1::Rome}} and {{cloze hidden}}</p>`,
			no:  `<p>The set {1, 2}, a map {a: b}, <code>{{c1::x}}</code></p>`},
		{rule: BlockRef,
			yes: `<ul><li>ref ((64a1b2c3-1234-5678-9abc-def012345678))</li></ul>`,
			no:  `<p>((a)) and f(g(x))</p>`},
		{rule: AnkiBlock,
			yes: `<p>START<br>Basic<br>Front text<br>Back: Back text<br>END</p>`,
			no:  `<p>START here to begin.</p><p>This is THE END</p>`},
		{rule: EmptyCallout, // item 3: the card took the callout's content
			yes: `<details class="callout callout-tip" data-callout="tip"><summary class="callout-title">Folded</summary><div class="callout-content"></div></details>` +
				card("", `<p>What is b?</p>`, `<blockquote><p>The answer b.</p></blockquote>`),
			no: `<div class="callout callout-failure" data-callout="failure"><div class="callout-title">Title only</div><div class="callout-content"></div></div><hr>` +
				`<div class="callout callout-note" data-callout="note"><div class="callout-title">Note</div><div class="callout-content"><p>x</p></div></div><p>After.</p>`},
		{rule: EmptyCallout, // item 4: lazy lines fell out
			yes: `<div class="callout callout-note" data-callout="note"><div class="callout-title">Title</div><div class="callout-content"></div></div><p>first line<br>lazy line</p>`,
			no:  `<div class="callout callout-note" data-callout="note"><div class="callout-title">Title</div><div class="callout-content"></div></div>`},
		{rule: PluginCode,
			yes: `<pre><code class="language-dataview">TABLE file.name FROM "x"</code></pre><pre><code class="language-tasks">not done</code></pre>`,
			no: `<details class="plugin-block"><summary>Dynamic content from an Obsidian plugin</summary><pre><code class="language-dataview">TABLE x</code></pre></details>` +
				`<pre class="chroma"><code class="language-go">x := 1</code></pre>`},
		{rule: Admonition,
			yes: `<pre><code class="language-ad-note">title: Note title
What is c? #card</code></pre>`,
			no: `<pre><code class="language-adoc">= Title</code></pre>`},
		{rule: ListAsCode,
			yes: "<ul><li>Topic</li></ul><pre><code>- Next item\n\tdeeper text\n</code></pre>",
			no:  "<pre><code class=\"language-markdown\">- item</code></pre><pre><code>-- SQL comment\nx := 1 - 2</code></pre>"},
		{rule: EncodedName,
			yes: `<h3>17 a%2Fb</h3>`,
			no:  `<p>100% 2F, <a href="a%2Fb.html">a/b</a></p>`},
		{rule: TitleDeck, title: "Quiz: A::B · Flashcards",
			no: `<p>Deck A::B in text is the separator rule's business, and std::map</p>`},
		{rule: MarkdownLink,
			yes: card(`0.1: [Introduction](https://www.learncpp.com/intro/)`, `<p>Q</p>`, `<p>A</p>`),
			no:  `<p>[1] and [a] (b), <a href="https://x.org">Introduction</a></p>`},
		{rule: Emphasis,
			yes: `<p>**Introduction to Databases**</p><p>a __bold__ word</p>`,
			no:  `<p>a * b ** c, snake__case__name, ** x</p><p><strong>bold</strong></p>`},
		{rule: Escape,
			yes: card(`Solution (C\#) \[Author\]`, `<p>Q</p>`, `<p>A</p>`),
			no:  `<p>C:\Users\me, a\b, \n, 5 \ 2</p>`},
		{rule: Icon,
			yes: `<h2>:RiHistoryLine: Submissions</h2>`,
			no:  `<p>:smile: and Note:Title: at 12:30:45, :FOO:</p>`},
		{rule: Footnote,
			yes: `<ul><li>aufzählbar ist[^1]</li></ul>`,
			no:  `<p>x<sup class="footnote-ref"><a href="#fn:1">1</a></sup>, a[^] b, x^[2]</p>`},
	} {
		t.Run(string(c.rule), func(t *testing.T) {
			title := c.title
			if title == "" {
				title = "T"
			}
			yes := LintPage("yes.html", []byte(notePage(title, c.yes)), Options{})
			if n := count(yes, c.rule); n == 0 {
				t.Errorf("%s not found in\n%s\nfindings: %v", c.rule, c.yes, yes)
			}
			for _, f := range yes {
				if f.Rule == c.rule && c.rule != TitleDeck && f.Note != "n.md" {
					t.Errorf("finding %v is not in note n.md", f)
				}
			}
			if no := LintPage("no.html", []byte(notePage("T", c.no)), Options{}); len(no) > 0 {
				t.Errorf("findings in the negative case\n%s:\n%v", c.no, no)
			}
		})
	}
}

func count(fs []Finding, r Rule) int {
	n := 0
	for _, f := range fs {
		if f.Rule == r {
			n++
		}
	}
	return n
}

// TestEveryRuleTested wants a TestRules case for every rule.
func TestEveryRuleTested(t *testing.T) {
	src, err := os.ReadFile("lint_test.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Rules {
		name := ruleIdent(r)
		if !strings.Contains(string(src), "{rule: "+name+",") {
			t.Errorf("rule %s (%s) has no case in TestRules", r, name)
		}
	}
}

// ruleIdent is the Go name of a rule's constant: "empty-callout" is
// EmptyCallout.
func ruleIdent(r Rule) string {
	switch r {
	case BlockID:
		return "BlockID"
	case TitleDeck:
		return "TitleDeck"
	}
	var b strings.Builder
	for part := range strings.SplitSeq(string(r), "-") {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

// TestCardTags: the configured tags are card tags too.
func TestCardTags(t *testing.T) {
	page := []byte(notePage("T", `<p>Q <span class="tag">#Karte</span> and #karte/reverse</p>`))
	if fs := LintPage("p.html", page, Options{}); len(fs) > 0 {
		t.Errorf("#karte is not a card tag by default: %v", fs)
	}
	if fs := LintPage("p.html", page, Options{CardTags: []string{"karte"}}); count(fs, CardTag) != 2 {
		t.Errorf("with -tags karte: %v, want 2 card tags", fs)
	}
}

// TestContextOnce: a leak in a heading is reported once, not once for
// every card whose context repeats the heading.
func TestContextOnce(t *testing.T) {
	body := card(`**Bold heading**`, `<p>Q1</p>`, `<p>A</p>`) + card(`**Bold heading**`, `<p>Q2</p>`, `<p>A</p>`)
	fs := LintPage("p.html", []byte(notePage("T", body)), Options{})
	if count(fs, Emphasis) != 1 {
		t.Errorf("findings %v, want one emphasis", fs)
	}
}

// TestLintDir lints a site folder: .html files only, named by their
// slash path, in path order.
func TestLintDir(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"decks/b.html":  notePage("B", `<p>x %% y</p>`),
		"decks/a.html":  notePage("A", `<p>[[x]]</p>`),
		"data/a.json":   `{"html":"<p>[[x]]</p>"}`,
		"index.html":    notePage("Flashcards", `<p>fine</p>`),
		"assets/x.html": notePage("X::Y", ``),
	}
	for name, s := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fs, err := LintDir(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range fs {
		got = append(got, f.File+" "+string(f.Rule))
	}
	want := []string{"assets/x.html title-deck", "decks/a.html wikilink", "decks/b.html comment"}
	if !slices.Equal(got, want) {
		t.Errorf("LintDir found %q, want %q", got, want)
	}
	if _, err := LintDir(filepath.Join(dir, "missing"), Options{}); err == nil {
		t.Error("LintDir of a missing folder gave no error")
	}
}
