package markdown

import (
	"bufio"
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/yuin/goldmark/util"
	nethtml "golang.org/x/net/html"
)

// The tests here compare faster code with the plain code it replaced.

// balanceByTokenizer is balance as it was before sanitised HTML was kept
// as tokens: it tokenises s on every call.
func balanceByTokenizer(open *[]string, s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	z := nethtml.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			break
		}
		raw := string(z.Raw())
		switch tt {
		case nethtml.StartTagToken:
			name, _ := z.TagName()
			if !voidElements[string(name)] {
				*open = append(*open, string(name))
			}
		case nethtml.EndTagToken:
			name, _ := z.TagName()
			i := len(*open) - 1
			for i >= 0 && (*open)[i] != string(name) {
				i--
			}
			if i < 0 {
				continue
			}
			for j := len(*open) - 1; j > i; j-- {
				b.WriteString("</" + (*open)[j] + ">")
			}
			*open = (*open)[:i]
		}
		b.WriteString(raw)
	}
	return b.String()
}

func TestBalanceAsTokenizer(t *testing.T) {
	pieces := []string{"<span class=\"cloze-gap\">", "</span>", "<mark class=\"cloze\">", "</mark>", "<div>", "</div>",
		"<b onclick=x>", "</b>", "<br>", "<img src=x onerror=y>", "text & more", "<details open>", "</details>",
		"<p>a</p>", "</p>", "<i><u>x</i>", "<!-- c -->", "<sup>2</sup>", "</SPAN>", "<table><tr><td>x", "</td></tr></table>",
		"<a href=\"http://x\">", "</a>", "<font color=red>", "<span>a</div>b</span>", "< notatag", "<em", "</ span>"}
	r := New()
	rng := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 2000; round++ {
		st := &state{r: r}
		var open []string
		for k := 0; k < 1+rng.IntN(6); k++ {
			raw := pieces[rng.IntN(len(pieces))]
			if rng.IntN(4) == 0 {
				raw += pieces[rng.IntN(len(pieces))]
			}
			got := st.balance(r.sanitised([]byte(raw)))
			want := balanceByTokenizer(&open, policy.Sanitize(raw))
			if got != want || strings.Join(st.open, ",") != strings.Join(open, ",") {
				t.Fatalf("%q: got %q open %v, want %q open %v", raw, got, st.open, want, open)
			}
		}
	}
}

func TestNormaliseNewlines(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		b := make([]byte, rng.IntN(12))
		for i := range b {
			b[i] = "\r\na"[rng.IntN(3)]
		}
		want := strings.ReplaceAll(strings.ReplaceAll(string(b), "\r\n", "\n"), "\r", "\n")
		if got := string(normaliseNewlines(bytes.Clone(b))); got != want {
			t.Fatalf("%q: got %q, want %q", b, got, want)
		}
	}
}

func TestWriteEscaped(t *testing.T) {
	for _, s := range []string{"", "plain", `<a href="x">&amp;'</a>`, "&&<<>>\"\"", "é<ü>"} {
		var b bytes.Buffer
		w := bufio.NewWriter(&b)
		writeEscaped(w, s)
		_ = w.Flush()
		want := string(util.EscapeHTML([]byte(s)))
		if b.String() != want {
			t.Errorf("%q: got %q, want %q", s, b.String(), want)
		}
	}
}
