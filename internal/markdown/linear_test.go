package markdown

import (
	"bytes"
	"strings"
	"testing"
)

// scanWikilinkOld is scanWikilink as it was, looking for "]]" from each
// "[[" to the end of the line.
func scanWikilinkOld(line []byte) (n int, target, alias string, hasAlias, ok bool) {
	if !bytes.HasPrefix(line, []byte("[[")) {
		return 0, "", "", false, false
	}
	end := bytes.Index(line[2:], []byte("]]"))
	if end < 0 {
		return 0, "", "", false, false
	}
	inner := line[2 : 2+end]
	if len(bytes.TrimSpace(inner)) == 0 || bytes.ContainsAny(inner, "[\n") {
		return 0, "", "", false, false
	}
	s := string(inner)
	if i := strings.IndexByte(s, '|'); i >= 0 {
		t := strings.TrimSuffix(s[:i], `\`)
		target, alias, hasAlias = t, s[i+1:], true
	} else {
		target = s
	}
	target, alias = strings.TrimSpace(target), strings.TrimSpace(alias)
	if target == "" {
		return 0, "", "", false, false
	}
	return 2 + end + 2, target, alias, hasAlias, true
}

// TestScanWikilinkSame: scanWikilink stops at a '[' (issue 15: a line of
// many "[[" was quadratic) and finds what it found before.
func TestScanWikilinkSame(t *testing.T) {
	pieces := []string{"[[", "]]", "[", "]", "a", " ", "|", `\|`, "\n", "#", "^"}
	seed := uint64(7)
	for range 50000 {
		var b strings.Builder
		b.WriteString("[[")
		seed = seed*6364136223846793005 + 1442695040888963407
		for k, s := 0, seed; k < int(s>>60); k++ {
			b.WriteString(pieces[(s>>(4*k))%uint64(len(pieces))])
		}
		line := []byte(b.String())
		n1, t1, a1, h1, ok1 := scanWikilink(line)
		n2, t2, a2, h2, ok2 := scanWikilinkOld(line)
		if n1 != n2 || t1 != t2 || a1 != a2 || h1 != h2 || ok1 != ok2 {
			t.Fatalf("%q: got %d %q %q %v %v, want %d %q %q %v %v", line, n1, t1, a1, h1, ok1, n2, t2, a2, h2, ok2)
		}
	}
}
