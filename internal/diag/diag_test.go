package diag

import "testing"

func TestStringIsOneLine(t *testing.T) {
	for _, c := range []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{File: "a.md", Line: 3, Message: "plain"}, "a.md:3: warning: plain"},
		{Diagnostic{File: "a\nb.md", Line: 3, Message: "x"}, `a\nb.md:3: warning: x`},
		{Diagnostic{File: "a.md", Message: "yaml: unmarshal errors:\r\n  line 3: dup\tkey"}, `a.md: warning: yaml: unmarshal errors:\r\n  line 3: dup` + "\t" + `key`},
		{Diagnostic{File: "\x1b[31mred.md", Line: 1, Severity: Error, Message: "é\u2028ü\u0085"}, `\x1b[31mred.md:1: error: é\u2028ü\x85`},
	} {
		if got := c.d.String(); got != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.d, got, c.want)
		}
	}
}
