package e2e

// Browser tests of the Anki export a deck page makes on demand
// (assets/js/anki.js, ankidownload.js).

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/flipdeck/flipdeck/internal/browsertest"
)

var updateAnki = flag.Bool("update-anki", false, "rewrite testdata/anki/ from the files the browser downloads")

// ankiVault holds what an Anki field must survive: quotes, a tab and new
// lines in an answer (in code: elsewhere the page's HTML has them as
// spaces), a picture, a link to another note, inline and
// display formulas, clozes with several numbers and a hint, a deck from a
// #flashcards tag, and deck names and tags with tabs, line breaks, quotes
// and other white space, and a field starting with '#'.
var ankiVault = map[string]string{
	"Deck/Quotes.md": "---\ncards-deck: Top::Sub Deck\n---\n" +
		"## Who said \"hello\"? #card #greeting #multi-word\n\nIt was \"me\".\n\n```\ncode\twith a tab\nand two lines\n```\n\nSecond paragraph with ![[pic.png]] and a [[Other]] link.\n",
	"Deck/Inline.md": "---\ncards-deck: Top::Sub Deck\n---\nPlain question :: plain answer\n\n" +
		"Maths $x^2 < 1$ and {hidden $y$} and {1:a} {2:b [x]} here.\n\n$$\n\\sum_i x_i\n$$\n#card\nDisplay answer & more\n",
	"Deck/Hints.md": "---\ncards-deck: Top::Sub Deck\n---\n{{c1::Canberra}} is the capital of {{c2::Australia::country}}.\n\n" +
		"The {2:second} comes before the {1:**first**} and {2:again}.\n",
	"Deck/Mixed.md": "---\ncards-deck: Top\n---\n#flashcards/Elsewhere/Deep\n\nq1 :: a1\n",
	"Deck/Other.md": "Other note.\n",
	"a.md": "---\ncards-deck: \"A\\tB\\nC \\\"q\\\" \\r::  sub\\u2028x \"\n" +
		"tags: [\"t\\ta\", \"x\\\"y\", \"two words\", \"a\\u3000b\", \"n\\u00a0b\", \"l\\nm\"]\n---\nQ? #card\nA\n",
	"b.md": "---\ncards-deck: \"#hash\"\n---\nWhat :: #1\n",
}

// ankiDownloads are the files a test downloads: from which vault, on
// which deck page, and the file (named by its top-level deck).
var ankiDownloads = []struct{ vault, page, file string }{
	{"content", "flipdeck-tour--keyboard", "flipdeck-tour.txt"}, // a subdeck: the whole top-level deck
	{"content", kinesisSlug, "aws-exams.txt"},
	{"escapes", "top--sub-deck", "top.txt"},
	{"escapes", "a-b-c-q--sub-x", "a-b-c-q.txt"},
	{"escapes", "hash", "hash.txt"},
}

// waitDownload waits for the file name to be downloaded into dir and
// returns its bytes, removing it (the next download may have its name).
func waitDownload(t *testing.T, dir, name string) []byte {
	t.Helper()
	path := filepath.Join(dir, name)
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if b, err := os.ReadFile(path); err == nil && len(b) > 0 {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	ents, _ := os.ReadDir(dir)
	t.Fatalf("%s was not downloaded (folder holds %v)", name, ents)
	return nil
}

// TestAnkiDownload clicks "Download the cards for Anki" on deck pages of
// the sample and of ankiVault at phone size. The file is made in the
// browser from the deck pages (no anki/ folder is written) and must equal
// testdata/anki/ byte for byte: that is the file gen wrote before the
// export moved to the browser (anki/<deck>.txt), each HTML field as the
// deck page's HTML gives it (minified, as a browser serialises it); the
// two were compared field by field when the export moved. It must also
// read as Anki's importer reads it.
func TestAnkiDownload(t *testing.T) {
	pic, err := os.ReadFile("../content/attachments/flipdeck-card.png")
	if err != nil {
		t.Fatal(err)
	}
	vault := map[string]string{"Deck/pic.png": string(pic)}
	for k, v := range ankiVault {
		vault[k] = v
	}
	outs := map[string]string{"content": studyBuild(t, "../content"), "escapes": studyBuild(t, writeVault(t, vault))}
	for _, out := range outs {
		if _, err := os.Stat(filepath.Join(out, "anki")); err == nil {
			t.Errorf("%s/anki was written", out)
		}
	}
	ctx := browsertest.Chrome(t, 390, 844)
	dl := t.TempDir()
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dl}); err != nil {
		t.Fatalf("download behaviour: %v", err)
	}
	errs := browsertest.WatchErrors(ctx)
	bases := map[string]string{}
	for name, out := range outs {
		bases[name] = browsertest.Serve(t, out, "/"+name+"/")
	}
	for _, d := range ankiDownloads {
		if err := chromedp.Do(ctx, chromedp.Navigate(bases[d.vault]+"decks/"+d.page+".html")); err != nil {
			t.Fatal(err)
		}
		browsertest.WaitJS(t, ctx, `!document.querySelector(".anki-link").hidden`, "the Anki button", 10*time.Second)
		browsertest.Click(t, ctx, ".anki-download")
		got := waitDownload(t, dl, d.file)
		golden := filepath.Join("testdata", "anki", d.vault+"-"+d.file)
		if *updateAnki {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s from %s differs from %s:\n%s", d.file, d.page, golden, firstLineDiff(string(got), string(want)))
		}
		checkAnkiFile(t, d.file, got, outs[d.vault])
	}
	for _, e := range errs() {
		if strings.Contains(e, "Failed to load resource") && strings.Contains(e, "https://") && !strings.Contains(e, "127.0.0.1") {
			continue // a remote image the sample embeds; the test machine may be offline
		}
		t.Errorf("browser error: %s", e)
	}
}

// firstLineDiff shows the first line where got and want differ.
func firstLineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		gl, wl := "", ""
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + itoa(i+1) + ":\n got  " + gl + "\n want " + wl
		}
	}
	return "(same lines)"
}

// checkAnkiFile reads file as Anki's importer does (its header lines,
// then tab-separated records of four fields, quoted where they must be)
// and checks the deck and tags columns, that media are named by file
// name (and were published), that no page-relative link is left, and
// that formulas with TeX are TeX.
func checkAnkiFile(t *testing.T, name string, file []byte, out string) {
	t.Helper()
	const header = "#separator:tab\n#html:true\n#notetype:Basic\n#deck column:3\n#tags column:4\n#columns:Front\tBack\tDeck\tTags\n"
	if !bytes.HasPrefix(file, []byte(header)) {
		t.Errorf("%s: header %q", name, file[:min(len(file), len(header))])
	}
	r := csv.NewReader(bytes.NewReader(file))
	r.Comma, r.Comment, r.FieldsPerRecord = '\t', '#', 4
	records, err := r.ReadAll()
	if err != nil || len(records) == 0 {
		t.Fatalf("%s: %v (%d records)", name, err, len(records))
	}
	src := regexp.MustCompile(`(?:src|href)="([^"#:]+)"`)
	for _, rec := range records {
		deck, tags := rec[2], rec[3]
		if deck == "" || strings.ContainsFunc(deck, func(r rune) bool { return unicode.IsControl(r) || unicode.IsSpace(r) && r != ' ' }) ||
			strings.Contains(deck, "  ") || strings.Contains(deck, " ::") || strings.Contains(deck, ":: ") {
			t.Errorf("%s: deck %q: want one line with single spaces, none around ::", name, deck)
		}
		for _, tag := range strings.FieldsFunc(tags, unicode.IsSpace) {
			if strings.HasPrefix(tag, "_") || strings.HasSuffix(tag, "_") || strings.HasPrefix(tag, "#") {
				t.Errorf("%s: tag %q", name, tag)
			}
		}
		for _, f := range rec[:2] {
			if strings.Contains(f, "../") || strings.Contains(f, "<annotation") {
				t.Errorf("%s: a page-relative URL or a MathML formula with TeX left in %q", name, f)
			}
			for _, m := range src.FindAllStringSubmatch(f, -1) {
				if _, err := os.Stat(filepath.Join(out, "media", m[1])); err != nil {
					t.Errorf("%s: %q names %s, which is not in media/", name, f, m[1])
				}
			}
		}
	}
	switch name {
	case "top.txt":
		byQ := map[string][]string{}
		for _, rec := range records {
			byQ[rec[0]] = rec
		}
		q := byQ[`<p>Who said "hello"?</p>`]
		if q == nil || !strings.Contains(q[1], "code\twith a tab\nand two lines") || !strings.Contains(q[1], `src="pic.png"`) || !strings.Contains(q[1], `href="#"`) || q[3] != "greeting multi-word" {
			t.Errorf("top.txt: the quotes card is %q", q)
		}
		if !bytes.Contains(file, []byte("\t\"<p>It was \"\"me\"\".</p>")) {
			t.Errorf("top.txt: the answer with quotes and a tab is not quoted:\n%s", file)
		}
		if q := byQ[`<p>q1</p>`]; q == nil || q[2] != "Elsewhere::Deep" {
			t.Errorf("top.txt: the card of a #flashcards deck is %q, want deck Elsewhere::Deep", q)
		}
		if !bytes.Contains(file, []byte(`\(x^2 &lt; 1\)`)) || !bytes.Contains(file, []byte(`\[\sum_i x_i\]`)) {
			t.Errorf("top.txt: formulas are not TeX:\n%s", file)
		}
		if !bytes.Contains(file, []byte(`Canberra is the capital of <span class=""cloze-gap"">[country]</span>.`)) {
			t.Errorf("top.txt: cloze 2 with its hint is missing:\n%s", file)
		}
	case "a-b-c-q.txt":
		// Frontmatter tags are split at spaces and tabs (as in Obsidian);
		// what is left with other white space inside stays one tag.
		want := []string{"t", "a", `x"y`, "two", "words", "a_b", "n_b", "l_m"}
		if got := strings.FieldsFunc(records[0][3], unicode.IsSpace); !slices.Equal(got, want) || records[0][2] != `A B C "q"::sub x` {
			t.Errorf("a-b-c-q.txt: deck %q tags %q, want tags %q", records[0][2], got, want)
		}
	case "hash.txt":
		if records[0][1] != "<p>#1</p>" || !bytes.Contains(file, []byte("\t\"#hash\"\t")) {
			t.Errorf("hash.txt: a field starting with '#' must be quoted:\n%s", file)
		}
	}
}

// TestAnkiFields checks anki.js's field functions in the browser.
func TestAnkiFields(t *testing.T) {
	p := studyOpen(t, 390, 844, false, "")
	p.open("index.html", `document.querySelector(".deck-list[data-ready]")`)
	cases := []struct{ expr, want string }{
		{`ankiHTML('<img src="../media/a.png" alt="x">')`, `<img src="a.png" alt="x">`},
		{`ankiHTML('<a href="../media/doc.pdf">pdf</a>')`, `<a href="doc.pdf">pdf</a>`},
		{`ankiHTML('<a href="../decks/x.html#card-q1">x</a> and <a href="../decks/y.html">y</a>')`, `<a href="#">x</a> and <a href="#">y</a>`},
		{`ankiHTML('<a href="https://example.com/">web</a>')`, `<a href="https://example.com/">web</a>`},
		{`ankiHTML('<p>If <math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><msup><mi>x</mi><mn>2</mn></msup></mrow><annotation encoding="application/x-tex">x^2 &lt; 1</annotation></semantics></math> then</p>')`,
			`<p>If \(x^2 &lt; 1\) then</p>`},
		{`ankiHTML('<math display="block"><semantics><mrow><mi>a</mi></mrow><annotation encoding="application/x-tex">a</annotation></semantics></math> and <math><mi>b</mi></math>')`,
			`\[a\] and <math><mi>b</mi></math>`},
		{`ankiHTML('  <p>x</p>\n')`, `<p>x</p>`},
		{`ankiField("plain")`, "plain"},
		{`ankiField("a\tb")`, "\"a\tb\""},
		{`ankiField("line\nbreak")`, "\"line\nbreak\""},
		{`ankiField('say "hi"')`, `"say ""hi"""`},
		{`ankiField("#1 rule")`, `"#1 rule"`},
		{`ankiField("a#b")`, "a#b"},
		{`ankiText(" a\tb\u3000c\u0085d\u00a0 ", "_")`, "a_b_c_d"},
		{`ankiText("x\u0007y", " ")`, "x y"},
		{`ankiText("\ufeffz", " ")`, "\ufeffz"}, // not white space to Go's unicode.IsSpace either
	}
	for _, c := range cases {
		got := p.str(`import("./assets/js/anki.js").then(({ ankiHTML, ankiField, ankiText }) => ` + c.expr + `)`)
		if got != c.want {
			t.Errorf("%s = %q, want %q", c.expr, got, c.want)
		}
	}
}
