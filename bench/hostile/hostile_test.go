package hostile

import (
	"testing"
)

// TestCases: each case is the same every time, and every file fits under
// gen's default -max-file-size (10 MiB), so that gen reads it.
func TestCases(t *testing.T) {
	for _, c := range Cases {
		a, b := c.Files(), c.Files()
		if len(a) == 0 || len(a) != len(b) {
			t.Errorf("%s: %d then %d files", c.Name, len(a), len(b))
		}
		for name, text := range a {
			if b[name] != text {
				t.Errorf("%s: %s differs between two runs", c.Name, name)
			}
			if len(text) > 10<<20 {
				t.Errorf("%s: %s has %d bytes, over 10 MiB", c.Name, name, len(text))
			}
		}
	}
}
