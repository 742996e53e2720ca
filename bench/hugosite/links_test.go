package hugosite

import "testing"

// fakeResolver knows the note "Heaps 2" and the image "img-1.png".
type fakeResolver struct{}

func (fakeResolver) note(title string) (string, bool) {
	if title == "Heaps 2" {
		return "/cs/heaps-2/", true
	}
	return "", false
}

func (fakeResolver) attachment(name string) (string, bool) {
	if name == "img-1.png" {
		return "/attachments/img-1.png", true
	}
	return "", false
}

func TestRewriteLinks(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"see [[Heaps 2]].\n", "see [Heaps 2](/cs/heaps-2/).\n"},
		{"see [[Heaps 2|heaps]]\n", "see [heaps](/cs/heaps-2/)\n"},
		{"see [[Heaps 2#Time & Space]]\n", "see [Heaps 2 > Time & Space](/cs/heaps-2/#time--space)\n"},
		{"![[img-1.png|300]]\n", "![img-1.png](/attachments/img-1.png)\n"},
		{"[[Nowhere_1]] and ![[gone.png]]\n", "Nowhere\\_1 and gone.png\n"},
		{"```bash\nif [[ -f x ]]; then\n```\n[[Heaps 2]]", "```bash\nif [[ -f x ]]; then\n```\n[Heaps 2](/cs/heaps-2/)"},
		{"~~~~\n```\n[[Heaps 2]]\n~~~~\n", "~~~~\n```\n[[Heaps 2]]\n~~~~\n"},
	} {
		if got := string(rewriteLinks([]byte(tc.in), fakeResolver{})); got != tc.want {
			t.Errorf("rewriteLinks(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestSlugs(t *testing.T) {
	n := namer{}
	for _, tc := range []struct{ in, want string }{
		{"Data Structures", "data-structures"},
		{"Maths & Stats · 🧮", "maths-stats"},
		{"maths stats", "maths-stats-2"},
		{"🧮", "x"},
		{"🎲", "x-2"},
	} {
		if got := n.unique(tc.in); got != tc.want {
			t.Errorf("unique(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTagList(t *testing.T) {
	for _, tc := range []struct {
		yaml string
		want []string
	}{
		{"tags: [a, b/c, study-note]\n", []string{"a", "b/c", "study-note"}},
		{"tags:\n  - a\n  - '#b'\n", []string{"a", "b"}},
		{"tags: a b, c\n", []string{"a", "b", "c"}},
	} {
		n, err := parseNote("d/T.md", []byte("---\n"+tc.yaml+"---\nbody"))
		if err != nil {
			t.Fatal(err)
		}
		if len(n.tags) != len(tc.want) {
			t.Errorf("%q: tags %q, want %q", tc.yaml, n.tags, tc.want)
			continue
		}
		for i := range n.tags {
			if n.tags[i] != tc.want[i] {
				t.Errorf("%q: tags %q, want %q", tc.yaml, n.tags, tc.want)
			}
		}
		if string(n.body) != "body" || n.title != "T" || len(n.deck) != 1 || n.deck[0] != "d" {
			t.Errorf("%q: note %+v; want body \"body\", title T, the folder d as deck", tc.yaml, n)
		}
	}
}
