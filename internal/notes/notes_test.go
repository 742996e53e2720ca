package notes

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/flipdeck/flipdeck/internal/corpus"

	"github.com/rogpeppe/go-internal/txtar"
	"gopkg.in/yaml.v3"
)

// Test cases live in testdata/*.txtar, grouped by form. Each archive holds
// pairs of files: NAME.md is a note and NAME.yaml what Parse must make of
// it (see caseSpec). Only the card fields a case names are compared; the
// number of cards and the diagnostics (kind@line) are always compared.

type caseSpec struct {
	Path      string   `yaml:"path"`      // note path, default "Note.md"
	Tags      []string `yaml:"tags"`      // Options.Tags, default ["card"]
	Highlight bool     `yaml:"highlight"` // Options.HighlightCloze
	CRLF      bool     `yaml:"crlf"`      // convert the note to CRLF first
	Invalid   string   `yaml:"invalid"`   // replace this string by byte 0xFF
	Deck      *string  `yaml:"deck"`      // Note.Deck joined by "::"
	DeckSet   *bool    `yaml:"deckset"`
	NoteTags  []string `yaml:"notetags"`
	Template  bool     `yaml:"template"`
	Body      *string  `yaml:"body"` // Note.Body
	Cards     []cardSpec
	Diags     []string // "kind@line"
	// Segments, when given, lists every segment as "L<line>-<last>" for
	// reading text or "L<line>-<last>:<i,j>" for card segments.
	Segments []string
	// Footnotes, when given, lists Note.Footnotes as "label: text".
	Footnotes []string
}

type cardSpec struct {
	Kind  *string   `yaml:"kind"`
	Q     *string   `yaml:"q"`
	A     *string   `yaml:"a"`
	Deck  *string   `yaml:"deck"`
	Tags  *[]string `yaml:"tags"`
	Line  *int      `yaml:"line"`
	Block *string   `yaml:"block"`
	ID    *string   `yaml:"id"`
	Ctx   *string   `yaml:"ctx"`
	Level *int      `yaml:"level"`
	Pair  *int      `yaml:"pair"`
	Cloze *[]string `yaml:"cloze"`
}

type testCase struct {
	name string
	src  []byte
	spec caseSpec
}

func loadCases(t testing.TB) []testCase {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/*.txtar: %v", err)
	}
	var out []testCase
	for _, f := range files {
		ar, err := txtar.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		notes := map[string][]byte{}
		var order []string
		specs := map[string][]byte{}
		for _, fl := range ar.Files {
			switch {
			case strings.HasSuffix(fl.Name, ".md"):
				name := strings.TrimSuffix(fl.Name, ".md")
				notes[name] = fl.Data
				order = append(order, name)
			case strings.HasSuffix(fl.Name, ".yaml"):
				specs[strings.TrimSuffix(fl.Name, ".yaml")] = fl.Data
			default:
				t.Fatalf("%s: unexpected file %s", f, fl.Name)
			}
		}
		for _, name := range order {
			sy, ok := specs[name]
			if !ok {
				t.Fatalf("%s: %s.md has no %s.yaml", f, name, name)
			}
			var spec caseSpec
			dec := yaml.NewDecoder(bytes.NewReader(sy))
			dec.KnownFields(true)
			if err := dec.Decode(&spec); err != nil && err.Error() != "EOF" {
				t.Fatalf("%s: %s.yaml: %v", f, name, err)
			}
			src := notes[name]
			if spec.CRLF {
				src = bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n"))
			}
			if spec.Invalid != "" {
				src = bytes.ReplaceAll(src, []byte(spec.Invalid), []byte{0xFF})
			}
			out = append(out, testCase{name: strings.TrimSuffix(filepath.Base(f), ".txtar") + "/" + name, src: src, spec: spec})
		}
	}
	return out
}

func (s caseSpec) options() Options {
	o := DefaultOptions()
	if len(s.Tags) > 0 {
		o.Tags = s.Tags
	}
	o.HighlightCloze = s.Highlight
	return o
}

func (s caseSpec) path() string {
	if s.Path == "" {
		return "Note.md"
	}
	return s.Path
}

func TestCases(t *testing.T) {
	for _, tc := range loadCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			n := Parse(tc.spec.path(), tc.src, tc.spec.options())
			checkInvariants(t, tc.src, n)
			checkSpec(t, tc.spec, n)
		})
	}
}

func checkSpec(t *testing.T, s caseSpec, n *Note) {
	t.Helper()
	if s.Deck != nil && strings.Join(n.Deck, "::") != *s.Deck {
		t.Errorf("note deck = %q, want %q", strings.Join(n.Deck, "::"), *s.Deck)
	}
	if s.DeckSet != nil && n.DeckSet != *s.DeckSet {
		t.Errorf("DeckSet = %v, want %v", n.DeckSet, *s.DeckSet)
	}
	if s.NoteTags != nil && !reflect.DeepEqual(n.Tags, s.NoteTags) {
		t.Errorf("note tags = %q, want %q", n.Tags, s.NoteTags)
	}
	if s.Body != nil && n.Body != *s.Body {
		t.Errorf("body = %q, want %q", n.Body, *s.Body)
	}
	if n.Template != s.Template {
		t.Errorf("Template = %v, want %v", n.Template, s.Template)
	}
	var diags []string
	for _, d := range n.Diags {
		diags = append(diags, fmt.Sprintf("%s@%d", d.Kind, d.Line))
	}
	if strings.Join(diags, " ") != strings.Join(s.Diags, " ") {
		t.Errorf("diags = %v, want %v", diags, s.Diags)
		for _, d := range n.Diags {
			t.Logf("  %s", d)
		}
	}
	if s.Segments != nil {
		var got []string
		for _, sg := range n.Segments {
			g := fmt.Sprintf("L%d-%d", sg.Line, sg.LastLine)
			if len(sg.Cards) > 0 {
				g += ":" + strings.Trim(strings.Join(strings.Fields(fmt.Sprint(sg.Cards)), ","), "[]")
			}
			got = append(got, g)
		}
		if !reflect.DeepEqual(got, s.Segments) {
			t.Errorf("segments = %q, want %q", got, s.Segments)
		}
	}
	if s.Footnotes != nil {
		var got []string
		for _, f := range n.Footnotes {
			got = append(got, f.Label+": "+f.Text)
		}
		if len(got)+len(s.Footnotes) > 0 && !reflect.DeepEqual(got, s.Footnotes) {
			t.Errorf("footnotes = %q, want %q", got, s.Footnotes)
		}
	}
	if len(n.Cards) != len(s.Cards) {
		t.Errorf("got %d cards, want %d", len(n.Cards), len(s.Cards))
		for i, c := range n.Cards {
			t.Logf("  card %d: %s L%d q=%q a=%q", i, c.Kind, c.Line, c.Question, c.Answer)
		}
		return
	}
	for i, w := range s.Cards {
		c := n.Cards[i]
		errf := func(field string, got, want any) {
			t.Errorf("card %d (line %d, %q): %s = %#v, want %#v", i, c.Line, c.Question, field, got, want)
		}
		if w.Kind != nil && string(c.Kind) != *w.Kind {
			errf("kind", c.Kind, *w.Kind)
		}
		if w.Q != nil && c.Question != *w.Q {
			errf("question", c.Question, *w.Q)
		}
		if w.A != nil && c.Answer != *w.A {
			errf("answer", c.Answer, *w.A)
		}
		if w.Deck != nil && strings.Join(c.Deck, "::") != *w.Deck {
			errf("deck", strings.Join(c.Deck, "::"), *w.Deck)
		}
		if w.Tags != nil && !(len(c.Tags) == 0 && len(*w.Tags) == 0) && !reflect.DeepEqual(c.Tags, *w.Tags) {
			errf("tags", c.Tags, *w.Tags)
		}
		if w.Line != nil && c.Line != *w.Line {
			errf("line", c.Line, *w.Line)
		}
		if w.Block != nil && c.BlockID != *w.Block {
			errf("block id", c.BlockID, *w.Block)
		}
		if w.ID != nil && c.ID != *w.ID {
			errf("id", c.ID, *w.ID)
		}
		if w.Ctx != nil && strings.Join(c.Context, " › ") != *w.Ctx {
			errf("context", strings.Join(c.Context, " › "), *w.Ctx)
		}
		if w.Level != nil && c.HeadingLevel != *w.Level {
			errf("heading level", c.HeadingLevel, *w.Level)
		}
		if w.Pair != nil && c.Pair != *w.Pair {
			errf("pair", c.Pair, *w.Pair)
		}
		if w.Cloze != nil && !reflect.DeepEqual(c.ClozeText, *w.Cloze) {
			errf("cloze", c.ClozeText, *w.Cloze)
		}
	}
}

// checkInvariants holds for every note, whatever its bytes: segments
// cover Body in order without overlap, card lines lie in the file, ids
// are unique and pairs point at each other.
func checkInvariants(t testing.TB, src []byte, n *Note) {
	t.Helper()
	fileLines := bytes.Count(src, []byte("\n")) + bytes.Count(src, []byte("\r")) + 1
	bodyLines := strings.Split(n.Body, "\n")
	if strings.HasSuffix(n.Body, "\n") || n.Body == "" {
		bodyLines = bodyLines[:len(bodyLines)-1]
	}
	next := n.BodyLine
	var covered strings.Builder
	inCard := make([]bool, len(n.Cards))
	for i, s := range n.Segments {
		if s.Line != next {
			t.Fatalf("segment %d starts at line %d, want %d (segments must cover Body in order)", i, s.Line, next)
		}
		if s.LastLine < s.Line {
			t.Fatalf("segment %d: last line %d before first %d", i, s.LastLine, s.Line)
		}
		var text strings.Builder
		for l := s.Line; l <= s.LastLine; l++ {
			k := l - n.BodyLine
			if k < 0 || k >= len(bodyLines) {
				t.Fatalf("segment %d: line %d outside Body", i, l)
			}
			text.WriteString(bodyLines[k])
			if k < len(bodyLines)-1 || strings.HasSuffix(n.Body, "\n") {
				text.WriteByte('\n')
			}
		}
		if len(s.Cards) == 0 && s.Text != text.String() {
			t.Fatalf("segment %d: Text %q is not Body lines %d-%d %q", i, s.Text, s.Line, s.LastLine, text.String())
		}
		if len(s.Cards) > 0 && s.Text != "" {
			t.Fatalf("card segment %d has Text", i)
		}
		for _, c := range s.Cards {
			if c < 0 || c >= len(n.Cards) || inCard[c] {
				t.Fatalf("segment %d: bad or repeated card index %d", i, c)
			}
			inCard[c] = true
			if l := n.Cards[c].Line; l < s.Line || l > s.LastLine {
				t.Fatalf("card %d line %d outside its segment %d-%d", c, l, s.Line, s.LastLine)
			}
		}
		covered.WriteString(text.String())
		next = s.LastLine + 1
	}
	if covered.String() != n.Body {
		t.Fatalf("segments cover %q, Body is %q", covered.String(), n.Body)
	}
	ids := map[string]bool{}
	for i, c := range n.Cards {
		if !inCard[i] {
			t.Fatalf("card %d is in no segment", i)
		}
		if c.Line < 1 || c.Line > fileLines {
			t.Fatalf("card %d line %d outside the file (%d lines)", i, c.Line, fileLines)
		}
		if c.ID == "" || ids[c.ID] {
			t.Fatalf("card %d id %q empty or not unique", i, c.ID)
		}
		ids[c.ID] = true
		if len(c.Deck) == 0 {
			t.Fatalf("card %d has no deck", i)
		}
		if c.Pair >= 0 && (c.Pair >= len(n.Cards) || n.Cards[c.Pair].Pair != i) {
			t.Fatalf("card %d pair %d does not point back", i, c.Pair)
		}
	}
	if len(n.Deck) == 0 {
		t.Fatal("note has no deck")
	}
	for _, d := range n.Diags {
		if d.File != n.Path || d.Line < 0 || d.Line > fileLines || d.Message == "" || d.Kind == "" {
			t.Fatalf("bad diagnostic %+v", d)
		}
	}
}

// seedPath is the seed note (the project's shared seed/ file), which the
// sample vault holds unchanged; TestSeedIsSample checks that it still does.
const seedPath = "../../content/AWS/Kinesis.md"

const sharedSeedPath = "../../../shared/seed/000_80d3d6872b9e8a09.txt"

func TestSeedIsSample(t *testing.T) {
	shared, err := os.ReadFile(sharedSeedPath)
	if os.IsNotExist(err) {
		t.Skipf("no shared seed at %s to compare the sample with", sharedSeedPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	own, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	if string(own) != string(shared) {
		t.Errorf("%s is no longer the seed note %s", seedPath, sharedSeedPath)
	}
}

func TestSeed(t *testing.T) {
	src, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	n := Parse("AWS/Kinesis.md", src, DefaultOptions())
	checkInvariants(t, src, n)
	if len(n.Diags) != 0 {
		t.Errorf("diags: %v", n.Diags)
	}
	if got, want := strings.Join(n.Deck, "::"), "AWS Exams::Solutions Architect::Associate::AWS Kinesis"; got != want {
		t.Errorf("deck %q, want %q", got, want)
	}
	wantQ := []string{
		"What is Kinesis?",
		"What are Kinesis Data Streams?",
		"What is Kinesis Data Firehose?",
		"Kinesis Architecture",
		"SQS vs Kinesis",
		"What is Kinesis Data Analytics?",
		"What is Amazon Kinesis Video Streams?",
	}
	if len(n.Cards) != len(wantQ) {
		t.Fatalf("%d cards, want %d", len(n.Cards), len(wantQ))
	}
	for i, q := range wantQ {
		c := n.Cards[i]
		if c.Question != q || c.Kind != KindBasic {
			t.Errorf("card %d: %s %q, want basic %q", i, c.Kind, c.Question, q)
		}
	}
	first := n.Cards[0]
	if first.HeadingLevel != 2 || first.Line != 4 {
		t.Errorf("first card level %d line %d, want 2 and 4", first.HeadingLevel, first.Line)
	}
	for _, s := range []string{"Kinesis is a group of services related to scalable data streaming.", "| **PRODUCT**", "Amazon Managed Service for Apache Flink pricing", "https://aws.amazon.com/pm/kinesis/"} {
		if !strings.Contains(first.Answer, s) {
			t.Errorf("first answer lacks %q", s)
		}
	}
	if !strings.HasSuffix(first.Answer, "https://aws.amazon.com/pm/kinesis/") || strings.Contains(first.Answer, "Kinesis Data Streams?") {
		t.Errorf("first answer must stop before the ### card heading:\n%s", first.Answer)
	}
	if got := strings.Join(n.Cards[1].Context, " › "); got != "Kinesis › What is Kinesis?" {
		t.Errorf("second card context %q", got)
	}
	last := n.Segments[len(n.Segments)-1]
	if len(last.Cards) != 0 || !strings.HasPrefix(last.Text, "## Data Streams vs Firehose") {
		t.Errorf("last segment should be the reading text '## Data Streams vs Firehose', got %+v", last.Line)
	}
}

func TestCorpus(t *testing.T) {
	cards := map[string]int{}
	notes := map[string]int{}
	diags := map[string]int{}
	opt := Options{Tags: []string{"card", "fc"}}
	for _, f := range corpus.Realworld(t) {
		repo, inRepo, _ := strings.Cut(f.Path, "/")
		n := Parse(inRepo, f.Src, opt)
		checkInvariants(t, f.Src, n)
		cards[repo] += len(n.Cards)
		notes[repo]++
		kinds := map[Kind]int{}
		for _, c := range n.Cards {
			kinds[c.Kind]++
		}
		t.Logf("%s/%s: %d cards %v", repo, inRepo, len(n.Cards), kinds)
		for _, d := range n.Diags {
			diags[d.Kind]++
			t.Logf("  %s", d)
		}
	}
	repos := make([]string, 0, len(cards))
	for r := range notes {
		repos = append(repos, r)
	}
	sort.Strings(repos)
	for _, r := range repos {
		t.Logf("%-45s %3d notes %4d cards", r, notes[r], cards[r])
	}
	kinds := make([]string, 0, len(diags))
	for k := range diags {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		t.Logf("diag %-20s %d", k, diags[k])
	}
}

func FuzzParse(f *testing.F) {
	for _, tc := range loadCases(f) {
		f.Add(tc.src, tc.spec.HighlightCloze())
	}
	if src, err := os.ReadFile(seedPath); err == nil {
		f.Add(src, false)
	}
	f.Fuzz(func(t *testing.T, src []byte, highlight bool) {
		n := Parse("dir/Note.md", src, Options{Tags: []string{"card", "fc"}, HighlightCloze: highlight})
		checkInvariants(t, src, n)
	})
}

func (s caseSpec) HighlightCloze() bool { return s.Highlight }
