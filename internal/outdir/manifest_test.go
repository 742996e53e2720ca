package outdir

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSafeRel(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"index.html", true},
		{"decks/a b.html", true},
		{"a/./b", true},
		{".nojekyll", true},
		{"", false},
		{".", false},
		{"..", false},
		{"../elsewhere/keep.txt", false},
		{"a/../../x", false},
		{"/etc/passwd", false},
		{`media\x.png`, false},
		{"a\x00b", false},
	}
	for _, tt := range tests {
		if got := safeRel(tt.path); got != tt.want {
			t.Errorf("safeRel(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

// TestOpenRefuses wants Open to refuse a folder that is not gen's, and
// to leave it as it was.
func TestOpenRefuses(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string // in the error; "" for none
	}{
		{"empty", map[string]string{}, ""},
		{"gen's", map[string]string{ManifestName: `{"generator":"flipdeck","files":["a.html"]}`, "a.html": "a"}, ""},
		{"someone else's", map[string]string{"notes.md": "mine"}, "is not empty and was not written by gen"},
		{"a damaged manifest", map[string]string{ManifestName: "{", "a.html": "a"}, "is damaged"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			if err := os.Mkdir(out, 0o755); err != nil {
				t.Fatal(err)
			}
			for name, data := range tt.files {
				if err := os.WriteFile(filepath.Join(out, name), []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			before := snapshot(t, filepath.Dir(out))
			w, err := Open(out, nil)
			if err == nil {
				err = w.Abort()
			}
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Open: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("Open = %v, want %q", err, tt.want)
			}
			if got := snapshot(t, filepath.Dir(out)); got != before {
				t.Errorf("the folder changed:\n%s\n%s", before, got)
			}
		})
	}
}
