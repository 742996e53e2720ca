package notes

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// FuzzSimpleYAML checks simpleYAML against yaml.v3: whenever it reads a
// frontmatter, yaml.v3 must read it too, with the same keys and the same
// values for the keys readFrontmatter uses.
func FuzzSimpleYAML(f *testing.F) {
	for _, s := range []string{
		"",
		"\n  \n",
		"tags: uni dsa practical-cs\ncards-deck: Uni::Courses::DSA\ncompleted: true\naliases: Patricia-Baum\ndate-of-creation: 2022-07-22\n",
		"tags: cloud-aws reading\ncards-deck: Cloud · AWS::Automata::Reading\naliases:\n  - MVCC\ncreated: 2022-03-25\n",
		"tags:\n- a\n- b\nTags: c\ntag: d\n",
		"cards-deck: true\n",
		"cards-deck: 12\ntags: [a, b]\n",
		"cards-deck: a: b\n",
		"cards-deck: a #c\n",
		"tags:\n  - x\n   - y\n",
		"key: 'q'\n",
		"a: 1\na: 2\n",
		"cards-deck: 🌱 Garden::CJK 漢字 & more, too\n",
		"tags:\n\n  - Null\n  - nullable\n",
		"k: v\n  continued\n",
		"cards-deck:\ntags:\n",
		"tags: [algorithms, lecture-notes, study-note]\ncards-deck: A::B\n",
		"tags: [ a b ,c]\nx: []\ny: [ ]\nz: [a,,b]\n",
		"tags: [a, b,]\n",
		"tags: [a, [b]]\n",
		"tags: [a #b]\n",
		"tags: [a: b]\n",
		"tags: [a:b, ?c, d?]\n",
		"A: [0?]",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, yml string) {
		entries, ok := simpleYAML(yml)
		if !ok {
			return
		}
		want, err := decodeYAML(yml)
		if err != nil {
			t.Fatalf("simpleYAML reads %q, yaml.v3 fails: %v", yml, err)
		}
		byKey := func(a, b fmEntry) int { return strings.Compare(a.key, b.key) }
		slices.SortFunc(entries, byKey)
		slices.SortFunc(want, byKey)
		if len(entries) != len(want) {
			t.Fatalf("%q: simpleYAML %v, yaml.v3 %v", yml, entries, want)
		}
		for i, e := range entries {
			if list, ok := e.value.([]string); ok {
				seq := make([]any, len(list))
				for k, s := range list {
					seq[k] = s
				}
				e.value = seq
			}
			w := want[i]
			if e.key != w.key || readsValue(e.key) && !reflect.DeepEqual(e.value, w.value) {
				t.Fatalf("%q: simpleYAML %#v, yaml.v3 %#v", yml, e, w)
			}
		}
	})
}

// TestSimpleYAMLCovers makes sure the usual frontmatter takes the fast
// path (a change that sent it back to yaml.v3 would go unnoticed).
func TestSimpleYAMLCovers(t *testing.T) {
	for _, yml := range []string{
		"tags: uni dsa practical-cs\ncards-deck: Uni::Courses::DSA\ncompleted: true\naliases:\n  - Threads\n  - TCB\nmod-date: 2023-01-02\n",
		"cards-deck: Cloud · AWS::Automata::Reading\ntags:\n- card\n",
		"tags: [algorithms, lecture-notes, study-note]\ncards-deck: A::B\n",
	} {
		if _, ok := simpleYAML(yml); !ok {
			t.Errorf("simpleYAML does not read %q", yml)
		}
	}
}
