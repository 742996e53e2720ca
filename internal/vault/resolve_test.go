package vault

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func testVault(paths ...string) *Vault {
	var files []*File
	for _, p := range paths {
		files = append(files, &File{Path: p})
	}
	return New("/vault", files)
}

func TestResolve(t *testing.T) {
	v := testVault(
		"Kinesis.md",
		"AWS/Kinesis.md",
		"AWS/S3.md",
		"attachments/kinesis-firehose.png",
		"AWS/attachments/diagram.png",
		"Other/diagram.png",
		"deep/a/b/diagram.png",
		"Notes/v1.2.md",
		"Notes/Spaces In Name.md",
		"_Figures/Beispiel Präfix-Baum.png",
	)
	tests := []struct {
		name, from, target, want string
		err                      error
	}{
		{"exact path from root", "x.md", "AWS/S3", "AWS/S3.md", nil},
		{"extension optional", "x.md", "AWS/S3.md", "AWS/S3.md", nil},
		{"case-insensitive", "x.md", "aws/s3", "AWS/S3.md", nil},
		{"root file wins over shortest", "AWS/S3.md", "Kinesis", "Kinesis.md", nil},
		{"same folder by name", "AWS/attachments/n.md", "diagram.png", "AWS/attachments/diagram.png", nil},
		{"shortest path otherwise", "x.md", "diagram.png", "Other/diagram.png", nil},
		{"partial path suffix", "x.md", "b/diagram.png", "deep/a/b/diagram.png", nil},
		{"relative to note", "AWS/S3.md", "attachments/diagram.png", "AWS/attachments/diagram.png", nil},
		{"dot in note name", "x.md", "v1.2", "Notes/v1.2.md", nil},
		{"spaces and umlauts", "x.md", "Beispiel Präfix-Baum.png", "_Figures/Beispiel Präfix-Baum.png", nil},
		{"backslashes", "x.md", `AWS\S3`, "AWS/S3.md", nil},
		{"missing", "x.md", "nope.png", "", nil},
		{"empty", "x.md", "", "", nil},
		{"outside the vault", "x.md", "../../etc/passwd", "", ErrOutside},
		{"outside from a subfolder", "AWS/S3.md", "../../secret.png", "", ErrOutside},
		{"up but inside", "AWS/attachments/n.md", "../S3", "AWS/S3.md", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := v.Resolve(tt.from, tt.target)
			if !errors.Is(err, tt.err) {
				t.Fatalf("Resolve(%q, %q) error = %v, want %v", tt.from, tt.target, err, tt.err)
			}
			got := ""
			if f != nil {
				got = f.Path
			}
			if got != tt.want {
				t.Errorf("Resolve(%q, %q) = %q, want %q", tt.from, tt.target, got, tt.want)
			}
		})
	}
}

func TestScanSkipsHiddenTemplatesOutputAndEscapingLinks(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	write := func(p string) {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []string{"a.md", "dir/b.md", "dir/img.png", ".obsidian/app.json", ".trash/old.md",
		"Templates/t.md", "public/index.html", "emoji 🔴/ʼ？.md"} {
		write(p)
	}
	if err := os.WriteFile(filepath.Join(outside, "secret.md"), []byte("s"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(root, "link.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "a.md"), filepath.Join(root, "inside.md")); err != nil {
		t.Fatal(err)
	}
	v, diags, err := Scan(root, ScanOptions{Skip: []string{filepath.Join(root, "public")}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range v.Files {
		got = append(got, f.Path)
	}
	want := []string{"a.md", "dir/b.md", "dir/img.png", "emoji 🔴/ʼ？.md", "inside.md"}
	if len(got) != len(want) {
		t.Fatalf("files = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("files = %q, want %q", got, want)
		}
	}
	if len(v.Notes) != 4 {
		t.Errorf("notes = %d, want 4", len(v.Notes))
	}
	if len(diags) != 1 || diags[0].File != "link.md" {
		t.Errorf("diags = %v, want one for link.md", diags)
	}
}

// BenchmarkResolve resolves wikilinks by note name in a vault of 5,000
// notes in 250 folders, as a build does for every link of every note.
func BenchmarkResolve(b *testing.B) {
	var files []*File
	for i := range 5000 {
		p := fmt.Sprintf("Subject %d/Course %d/Title %d.md", i%10, i%250, i)
		files = append(files, &File{Path: p})
		if i%50 == 0 { // a few names that several folders hold
			files = append(files, &File{Path: fmt.Sprintf("Other %d/Title %d.md", i%7, i)})
		}
	}
	v := New("/v", files)
	b.ResetTimer()
	for i := range b.N {
		from := files[i%len(files)].Path
		if f, err := v.Resolve(from, fmt.Sprintf("Title %d", (i*7)%5000)); f == nil || err != nil {
			b.Fatal(f, err)
		}
	}
}
