package markdown

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/flipdeck/flipdeck/internal/corpus"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/flipdeck/flipdeck/internal/diag"
)

// fakeResolver knows a few notes and files.
type fakeResolver struct{}

var fakeLinks = map[string]string{
	"Note":               "decks/note.html#note",
	"Note#Heading":       "decks/note.html#n1-heading",
	"Note#^abc123":       "decks/note.html#card-abc123",
	"dir/Note":           "decks/dir-note.html#note",
	"#Heading":           "decks/this.html#n1-heading",
	"Other Note.md":      "decks/other.html#other-note",
	"Other Note.md#Part": "decks/other.html#part",
	"doc.pdf":            "media/doc.pdf",
	"Self":               "decks/self.html#self",
}

func (fakeResolver) Link(from, target string) (Target, bool) {
	u, ok := fakeLinks[target]
	if !ok {
		return Target{}, false
	}
	return Target{URL: u, Kind: EmbedNote}, true
}

func (fakeResolver) Embed(from, target string) (Target, bool, error) {
	switch target {
	case "x.png", "dir/x.png":
		return Target{URL: "media/" + strings.ReplaceAll(target, "/", "-"), Kind: EmbedImage}, true, nil
	case "x y.png":
		return Target{URL: "media/x%20y.png", Kind: EmbedImage}, true, nil
	case "sized.png":
		return Target{URL: "media/sized.png", Kind: EmbedImage, Width: 800, Height: 600}, true, nil
	case "song.mp3":
		return Target{URL: "media/song.mp3", Kind: EmbedAudio}, true, nil
	case "clip.mp4":
		return Target{URL: "media/clip.mp4", Kind: EmbedVideo}, true, nil
	case "doc.pdf#page=3":
		return Target{URL: "media/doc.pdf#page=3", Kind: EmbedPDF}, true, nil
	case "data.csv":
		return Target{URL: "media/data.csv", Kind: EmbedOther}, true, nil
	case "Note", "Note#Heading":
		return Target{URL: "decks/note.html#note", Kind: EmbedNote,
			Markdown: "## Embedded heading\nEmbedded **text** ![[nothere.png]]", NoteFile: "Note.md", NoteLine: 5}, true, nil
	case "Self":
		return Target{URL: "decks/self.html#self", Kind: EmbedNote,
			Markdown: "self text\n\n![[Self]]", NoteFile: "Self.md", NoteLine: 1}, true, nil
	}
	if strings.HasPrefix(target, "../") {
		return Target{}, false, errors.New("path leaves the source folder")
	}
	return Target{}, false, nil
}

// permissiveResolver resolves everything.
type permissiveResolver struct{}

func (permissiveResolver) Link(from, target string) (Target, bool) {
	return Target{URL: "decks/x.html#" + target, Kind: EmbedNote}, true
}

func (permissiveResolver) Embed(from, target string) (Target, bool, error) {
	kinds := []EmbedKind{EmbedImage, EmbedAudio, EmbedVideo, EmbedPDF, EmbedNote, EmbedOther}
	k := kinds[len(target)%len(kinds)]
	t := Target{URL: "media/" + target, Kind: k}
	if k == EmbedNote {
		t.Markdown = "embedded *note* ![[" + target + "]] $x$"
		t.NoteFile = target + ".md"
	}
	return t, true, nil
}

// TestCases runs testdata/cases.txtar. Each case is "NAME.md" (input)
// and "NAME.want", whose lines are:
//
//	text          the HTML must contain text
//	! text        the HTML must not contain text
//	diag: KIND N  a diagnostic of KIND at line N (inputs start at line 10)
//	nodiag        no diagnostics
//	option: unsafe | noresolver | footnote-prefix PREFIX
func TestCases(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/cases.txtar")
	if err != nil {
		t.Fatal(err)
	}
	inputs := map[string]string{}
	var names []string
	wants := map[string]string{}
	for _, f := range ar.Files {
		switch {
		case strings.HasSuffix(f.Name, ".md"):
			name := strings.TrimSuffix(f.Name, ".md")
			inputs[name] = string(f.Data)
			names = append(names, name)
		case strings.HasSuffix(f.Name, ".want"):
			wants[strings.TrimSuffix(f.Name, ".want")] = string(f.Data)
		default:
			t.Fatalf("unexpected file %s", f.Name)
		}
	}
	r := New()
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			want, ok := wants[name]
			if !ok {
				t.Fatalf("no %s.want", name)
			}
			opt := Options{Resolver: fakeResolver{}, Root: "../", File: "deck/a.md", Line: 10, HeadingIDPrefix: "n1-"}
			var checks []func(Result)
			for _, line := range strings.Split(want, "\n") {
				line = strings.TrimRight(line, " ")
				switch {
				case line == "":
				case line == "option: unsafe":
					opt.UnsafeHTML = true
				case line == "option: noresolver":
					opt.Resolver = nil
				case strings.HasPrefix(line, "option: footnote-prefix "):
					opt.FootnoteIDPrefix = strings.TrimPrefix(line, "option: footnote-prefix ")
				case line == "nodiag":
					checks = append(checks, func(res Result) {
						if len(res.Diags) > 0 {
							t.Errorf("want no diagnostics, got %v", res.Diags)
						}
					})
				case strings.HasPrefix(line, "diag: "):
					f := strings.Fields(strings.TrimPrefix(line, "diag: "))
					kind := f[0]
					ln, _ := strconv.Atoi(f[1])
					checks = append(checks, func(res Result) {
						for _, d := range res.Diags {
							if d.Kind == kind && d.Line == ln && d.File == "deck/a.md" && d.Severity == diag.Warning {
								return
							}
						}
						t.Errorf("want diagnostic %s at line %d, got %v", kind, ln, res.Diags)
					})
				case strings.HasPrefix(line, "! "):
					s := strings.TrimPrefix(line, "! ")
					checks = append(checks, func(res Result) {
						if strings.Contains(strings.ToLower(res.HTML), strings.ToLower(s)) {
							t.Errorf("HTML contains %q:\n%s", s, res.HTML)
						}
					})
				default:
					s := line
					checks = append(checks, func(res Result) {
						if !strings.Contains(res.HTML, s) {
							t.Errorf("HTML lacks %q:\n%s", s, res.HTML)
						}
					})
				}
			}
			res := r.Render(inputs[name], opt)
			for _, c := range checks {
				c(res)
			}
		})
	}
}

func TestDiagMessages(t *testing.T) {
	res := New().Render("a\n\n![[x.png]] ![[gone.png]]\n[[Nowhere]]\n![[../../etc/passwd]]\n$\\bad$\n![[x.pdf#page=3|label]] [[y.pdf]] [t](z.png) ![[Gone#H]]", Options{
		Resolver: fakeResolver{}, File: "n.md", Line: 3})
	var got []string
	for _, d := range res.Diags {
		got = append(got, d.String()+" ["+d.Kind+"]")
	}
	want := []string{
		"n.md:5: warning: attachment gone.png not found: add it to the vault or fix the name [missing-embed]",
		"n.md:6: warning: link target [[Nowhere]] not found; create the note or fix the name [missing-link]",
		"n.md:7: warning: embedded file ../../etc/passwd is outside the source folder; embed only files inside it [outside-source]",
		"n.md:9: warning: attachment x.pdf not found: add it to the vault or fix the name [missing-embed]",
		"n.md:9: warning: attachment y.pdf not found: add it to the vault or fix the name [missing-link]",
		"n.md:9: warning: attachment z.png not found: add it to the vault or fix the name [missing-link]",
		"n.md:9: warning: embedded note Gone not found: create the note or fix the name [missing-embed]",
	}
	for _, w := range want {
		found := false
		for _, g := range got {
			if g == w {
				found = true
			}
		}
		if !found {
			t.Errorf("missing %q in\n%s", w, strings.Join(got, "\n"))
		}
	}
	mathFound := false
	for _, d := range res.Diags {
		if d.Kind == diag.KindMath && d.Line == 8 {
			mathFound = true
		}
	}
	if !mathFound {
		t.Errorf("no math diagnostic at line 8: %v", got)
	}
}

func TestHighlightCSS(t *testing.T) {
	a, b := HighlightCSS(), HighlightCSS()
	if a != b || !strings.Contains(a, ".chroma") || !strings.Contains(a, "@media (prefers-color-scheme: dark) {") {
		t.Fatalf("bad CSS:\n%s", a)
	}
	if i := strings.Index(a, "@media"); i < 100 {
		t.Fatalf("light rules missing before the dark ones")
	}
}

// TestConcurrent renders from many goroutines at once (run with -race).
func TestConcurrent(t *testing.T) {
	r := New()
	src := "# H\n# H\n==x== [[Note]] ![[x.png|20]] $a$ #t\n```go\nx := 1\n```\n<b onclick=x>b</b>"
	want := r.Render(src, Options{Resolver: fakeResolver{}, File: "a.md", Line: 1, HeadingIDPrefix: "p-"})
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				got := r.Render(src, Options{Resolver: fakeResolver{}, File: "a.md", Line: 1, HeadingIDPrefix: "p-"})
				if got.HTML != want.HTML || len(got.Diags) != len(want.Diags) {
					t.Errorf("render differs")
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestCorpus renders every real note body: no panic, no script.
func TestCorpus(t *testing.T) {
	r := New()
	files := corpus.Realworld(t)
	for _, f := range files {
		for _, opt := range []Options{
			{Resolver: permissiveResolver{}, File: f.Path, Line: 1, Root: "../"},
			{Resolver: fakeResolver{}, File: f.Path, Line: 1},
		} {
			res := r.Render(string(f.Src), opt)
			if strings.Contains(strings.ToLower(res.HTML), "<script") {
				t.Errorf("%s: <script> in output", f.Path)
			}
			if len(f.Src) > 0 && res.HTML == "" {
				t.Errorf("%s: empty output", f.Path)
			}
		}
	}
	t.Logf("rendered %d notes", len(files))
}

func FuzzRender(f *testing.F) {
	ar, err := txtar.ParseFile("testdata/cases.txtar")
	if err == nil {
		for _, file := range ar.Files {
			if strings.HasSuffix(file.Name, ".md") {
				f.Add(string(file.Data))
			}
		}
	}
	f.Add("<scr<script>ipt>alert(1)</script> %%x\n\n%% > [!a]- t\n> ![[x.png|1x2]] $$\\x$$")
	r := New()
	f.Fuzz(func(t *testing.T, src string) {
		for _, res := range []Result{
			r.Render(src, Options{Resolver: permissiveResolver{}, File: "f.md", Line: 1}),
			r.Render(src, Options{Resolver: fakeResolver{}, File: "f.md", Line: 1}),
		} {
			if strings.Contains(strings.ToLower(res.HTML), "<script") {
				t.Fatalf("script in output of %q:\n%s", src, res.HTML)
			}
			for _, d := range res.Diags {
				if d.Line < 1 || d.Line > 1+strings.Count(src, "\n")+strings.Count(src, "\r") {
					t.Fatalf("diagnostic line %d out of range for %q", d.Line, src)
				}
			}
		}
	})
}

func BenchmarkRender(b *testing.B) {
	src := strings.Repeat("## Q? #card\nSome **bold** ==mark== [[Note]] $x^2$ and `code`.\n\n```go\nfunc f() {}\n```\n\n", 20)
	r := New()
	opt := Options{Resolver: fakeResolver{}, File: "a.md", Line: 1}
	b.SetBytes(int64(len(src)))
	for i := 0; i < b.N; i++ {
		_ = r.Render(src, opt)
	}
}

var _ = fmt.Sprint

var mathInCorpus = regexp.MustCompile(`\$\$[^$]+\$\$|\$[^$\n]+\$`)

// TestMathSurvivesSanitiser checks that the sanitiser keeps texmath's
// MathML exactly (so a new attribute in texmath is noticed here).
func TestMathSurvivesSanitiser(t *testing.T) {
	texs := []string{`x^2`, `\frac{a}{b}`, `\sqrt[3]{x}`, `\mathbb{R}`, `\text{\textbf{bold} and \textit{it}}`,
		`\begin{alignat*}{2} a &= b \\ c &= d \end{alignat*}`, `\begin{array}{|l|r|} \hline a & b \\ \hline \end{array}`,
		`\boxed{x}`, `\cancel{y}`, `\left( \frac{1}{2} \right)`, `\sum_{i=1}^n i`, `\overbrace{a+b}^{c}`,
		`\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}`, `\operatorname{lim}_{x\to 0}`, `\mathtt{code} \mathsf{s}`,
		`\begin{align} a &= b \tag{1} \end{align}`, `\bad`, `a < b > c & d`}
	if dir, ok := corpus.Dir(); !ok {
		t.Log("without the real-world corpus's math")
	} else if b, err := os.ReadFile(filepath.Join(dir, "becknik__Universus-Uni/SysKon/Betriebssystem/Scheduling/Uniprozessoren-Scheduling.md")); err != nil {
		t.Fatal(err)
	} else {
		for _, m := range mathInCorpus.FindAllString(string(b), -1) {
			texs = append(texs, strings.Trim(m, "$"))
		}
	}
	for _, tex := range texs {
		for _, display := range []bool{false, true} {
			out, _ := toMathML(tex, display)
			// bluemonday rewrites CSS as "a: b; c: d".
			norm := strings.NewReplacer(": ", ":", "; ", ";")
			if got := sanitiseMath(out); norm.Replace(got) != norm.Replace(out) {
				t.Errorf("sanitiser changed MathML of %q:\n%s\n%s", tex, out, got)
			}
		}
	}
}
