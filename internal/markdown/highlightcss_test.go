package markdown

import (
	"strings"
	"testing"
)

// TestHighlightCSSDarkCoversLight checks that every token class the light
// theme colours has a colour in the dark block too; a class left out
// keeps the light theme's dark text on the dark background.
func TestHighlightCSSDarkCoversLight(t *testing.T) {
	css := HighlightCSS()
	i := strings.Index(css, "@media (prefers-color-scheme: dark)")
	if i < 0 {
		t.Fatal("no dark block")
	}
	light, dark := css[:i], css[i:]
	for _, line := range strings.Split(light, "\n") {
		j := strings.Index(line, ".chroma .")
		if j < 0 || !strings.Contains(line, "color:") || strings.Contains(line, "background-color") && !strings.Contains(line, "{ color:") {
			continue
		}
		class := strings.Fields(line[j+len(".chroma "):])[0]
		if !strings.Contains(dark, ".chroma "+class+" {") {
			t.Errorf("dark theme has no rule for %s (light: %s)", class, strings.TrimSpace(line))
		}
	}
	if HighlightCSS() != css {
		t.Error("HighlightCSS is not deterministic")
	}
}
