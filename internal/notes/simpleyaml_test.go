package notes

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/flipdeck/flipdeck/bench/vaultgen"
	"github.com/flipdeck/flipdeck/internal/corpus"
)

// simpleYAMLCases are frontmatters at the edges of simpleYAML's grammar,
// with whether it takes them (else yaml.v3 does).
var simpleYAMLCases = []struct {
	yml    string
	simple bool
}{
	{"", true},
	{"\n\n", true},
	{"cards-deck: Cloud · AWS::Caching 2 Lab\ncreated: 2024-03-05\n", true},
	{"tags: [cloud-aws, caching-2-lab, study-note]\n", true},
	{"tags: cloud-aws reading\naliases:\n", true},
	{"tags:\n  - cloud-aws\n  - cloud-aws/exam-prep\naliases:\n  - Caching 2\n", true},
	{"tags:\n- a\n- b\n", true},
	{"Tags: a\ntags: b\ntag: c, d\n", true},
	{"draft: true\nweight: 0x1F\nalias: 3.5e2\n", true}, // values frontmatterOf does not read
	{"cards-deck: 日本語::🧪 Lab\n", true},
	{"tags: a, b\n", true},
	{"title: It's (really) fine.\n", true},

	{"tags: true\n", false},
	{"tags: [a, yes]\n", false},
	{"tags: 2024\n", false},
	{"tags:\n  - 2024\n", false},
	{"cards-deck: 1::2\n", false},
	{"cards-deck: Null\n", false},
	{"tags: #a #b\n", false},
	{"tags: a # note\n", false},
	{"tags: 'a'\n", false},
	{"tags: \"a\"\n", false},
	{"tags: a \n", false},
	{"tags:  a\n", false},
	{"tags:\ta\n", false},
	{"tags: a\tb\n", false},
	{"tags: a\r\n", false},
	{"tags:a\n", false},
	{"tags: a: b\n", false},
	{"tags: a:\n", false},
	{"tags: [a,b]\n", false},
	{"tags: [a, b] c\n", false},
	{"tags: []\n", false},
	{"tags: [a, [b]]\n", false},
	{"tags: {a: b}\n", false},
	{"tags: |\n  a\n", false},
	{"tags: &x a\n", false},
	{"tags: *x\n", false},
	{"tags: a\n  b\n", false},
	{"tags: a\n  - b\n", false},
	{"tags:\n  - a\n    - b\n", false},
	{"tags:\n  - a\n - b\n", false},
	{"tags:\n  - a\n\n  - b\n", false},
	{"tags:\n  -a\n", false},
	{"tags:\n  - - a\n", false},
	{"tags:\n  -\n", false},
	{"tags:\n  key: a\n", false},
	{"tags: a\ntags: b\n", false}, // yaml.v3: key already defined
	{" tags: a\n", false},
	{"# comment\ntags: a\n", false},
	{"- a\n", false},
	{"true: a\n", false},
	{"y: a\n", false},
	{"2024: a\n", false},
	{"a b: c\n", false},
	{strings.Repeat("k", 1100) + ": a\n", false},
	{"tags: a\u2028b\n", false},
	{"tags: a\u0085b\n", false},
	{"tags: \ufeffa\n", false},
	{"tags: a\xffb\n", false},
	{"? tags\n: a\n", false},
	{"%YAML 1.2\n", false},
	{"tags: a  b\n", false},
}

// TestSimpleYAMLAgreesWithYAMLv3 checks that whatever frontmatter
// simpleYAML takes, yaml.v3 takes too, with the same keys and, for the
// keys frontmatterOf reads, the same values: the edge cases above, the
// benchmarks' generated vault and the real-world corpus (when there).
// The generated vault's frontmatter must all be simple.
func TestSimpleYAMLAgreesWithYAMLv3(t *testing.T) {
	for _, tc := range simpleYAMLCases {
		_, ok := agreeWithYAMLv3(t, tc.yml)
		if ok != tc.simple {
			t.Errorf("simpleYAML(%q) took it: %v, want %v", tc.yml, ok, tc.simple)
		}
	}
	v := vaultgen.Generate(vaultgen.Config{Notes: 500, Cards: 2, Seed: 3})
	for _, f := range v.Notes {
		yml, _, _, found := splitFrontmatter(f.Data)
		if !found {
			continue
		}
		if _, ok := agreeWithYAMLv3(t, string(yml)); !ok {
			t.Errorf("%s: simpleYAML did not take the generated frontmatter %q", f.Path, yml)
		}
	}
	if dir, ok := corpus.Dir(); ok {
		files, err := corpus.Markdown(dir)
		if err != nil {
			t.Fatal(err)
		}
		taken := 0
		for _, f := range files {
			src, _ := normaliseSource(f.Path, f.Src)
			if yml, _, _, found := splitFrontmatter(src); found {
				if _, ok := agreeWithYAMLv3(t, string(yml)); ok {
					taken++
				}
			}
		}
		t.Logf("real-world corpus: simpleYAML took %d frontmatters of %d notes", taken, len(files))
	}
}

// agreeWithYAMLv3 decodes yml with simpleYAML and, when it takes it,
// fails t unless yaml.v3 decodes it to the same keys, the same values of
// the keys read, and the same frontmatter.
func agreeWithYAMLv3(t *testing.T, yml string) ([]fmEntry, bool) {
	t.Helper()
	simple, ok := simpleYAML(yml)
	if !ok {
		return nil, false
	}
	var m map[string]any
	if err := yaml.Unmarshal([]byte(yml), &m); err != nil {
		t.Errorf("simpleYAML took %q, which yaml.v3 refuses: %v", yml, err)
		return simple, true
	}
	keys := make([]string, 0, len(simple))
	for _, e := range simple {
		keys = append(keys, e.key)
		if want, in := m[e.key]; !in || readKey(e.key) && !reflect.DeepEqual(e.value, want) {
			t.Errorf("simpleYAML(%q): %s is %#v, yaml.v3 has %#v", yml, e.key, e.value, want)
		}
	}
	if len(keys) != len(m) {
		t.Errorf("simpleYAML(%q) has keys %q, yaml.v3 %d", yml, keys, len(m))
	}
	var v3 []fmEntry
	for k, v := range m {
		v3 = append(v3, fmEntry{k, v})
	}
	if got, want := frontmatterOf(slices.Clone(simple)), frontmatterOf(v3); !reflect.DeepEqual(got, want) {
		t.Errorf("simpleYAML(%q) reads as %+v, yaml.v3 as %+v", yml, got, want)
	}
	return simple, true
}

// TestSimpleYAMLInParse: a header simpleYAML leaves to yaml.v3 (a quoted
// tag) still gives the note its deck and tags.
func TestSimpleYAMLInParse(t *testing.T) {
	src := "---\ncards-deck: A::B\ntags:\n  - x\n  - '#y'\n---\n# Q? #card\nA\n"
	n := Parse("N.md", []byte(src), DefaultOptions())
	if got := strings.Join(n.Deck, "/"); got != "A/B" || !slices.Equal(n.Tags, []string{"x", "y"}) {
		t.Errorf("deck %q tags %q, want A/B and [x y]", got, n.Tags)
	}
}

// FuzzSimpleYAML looks for frontmatter simpleYAML takes and reads
// otherwise than yaml.v3: go test ./internal/notes -fuzz FuzzSimpleYAML
func FuzzSimpleYAML(f *testing.F) {
	for _, tc := range simpleYAMLCases {
		f.Add(tc.yml)
	}
	f.Fuzz(func(t *testing.T, yml string) {
		agreeWithYAMLv3(t, yml)
	})
}
