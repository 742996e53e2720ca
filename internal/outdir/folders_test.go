package outdir

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckFolders(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes")
	if err := os.Mkdir(notes, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(notes, link); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, src, out string
		want           string // in the error; "" for none
	}{
		{"beside", notes, filepath.Join(dir, "public"), ""},
		{"inside the source", notes, filepath.Join(notes, "public"), ""},
		{"no source", "", filepath.Join(dir, "public"), "both -src and -out are required"},
		{"no output", notes, "", "both -src and -out are required"},
		{"the source", notes, notes, "is the source folder"},
		{"the source through a symlink", notes, link, "is the source folder"},
		{"holds the source", notes, dir, "contains the source folder"},
		{"holds the source, not yet made", filepath.Join(dir, "new", "notes"), filepath.Join(dir, "new"), "contains the source folder"},
		{"a name that starts like the source", notes, notes + "-site", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckFolders(tt.src, tt.out)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("CheckFolders(%q, %q) = %v, want nil", tt.src, tt.out, err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("CheckFolders(%q, %q) = %v, want %q", tt.src, tt.out, err, tt.want)
			}
		})
	}
}
