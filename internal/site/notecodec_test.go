package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/flipdeck/flipdeck/internal/diag"
	"github.com/flipdeck/flipdeck/internal/notes"
)

// TestNoteCodecRoundTrip parses every note of the sample vault (and of
// the corpus, when it is there), stores and reads it back, and wants
// every exported field as parsed. It fails too when a type the codec
// writes gains a field, until the codec writes it.
func TestNoteCodecRoundTrip(t *testing.T) {
	for _, c := range []struct {
		v    any
		want int
	}{{notes.Note{}, 12}, {notes.Card{}, 13}, {notes.Segment{}, 7}, {notes.Footnote{}, 2}, {diag.Diagnostic{}, 5}} {
		typ := reflect.TypeOf(c.v)
		n := 0
		for i := 0; i < typ.NumField(); i++ {
			if typ.Field(i).IsExported() {
				n++
			}
		}
		if n != c.want {
			t.Errorf("%s has %d exported fields, notecodec.go writes %d: update it and this test", typ, n, c.want)
		}
	}
	roots := []string{"../../content"}
	if _, err := os.Stat("../../../shared/corpus"); err == nil {
		roots = append(roots, "../../../shared/corpus")
	}
	opts := notes.DefaultOptions()
	count := 0
	for _, root := range roots {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return nil
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return nil
			}
			n, crash := parseNote(filepath.ToSlash(p), src, opts)
			if crash != nil {
				return nil
			}
			got, ok := decodeNote(encodeNote(n))
			if !ok {
				t.Errorf("%s: stored note does not decode", p)
				return nil
			}
			if path := sameExported(reflect.ValueOf(*n), reflect.ValueOf(*got), "Note"); path != "" {
				t.Errorf("%s: %s differs after a round trip", p, path)
			}
			count++
			return nil
		})
	}
	if count == 0 {
		t.Fatal("no notes read")
	}
	if _, ok := decodeNote([]byte("\xff\xff\xff\xff\xff\xff")); ok {
		t.Error("garbage decoded as a note")
	}
}

// sameExported compares the exported fields of a and b, deeply (a nil
// and an empty list of structs are the same); it returns the path of the
// first difference, or "".
func sameExported(a, b reflect.Value, path string) string {
	switch a.Kind() {
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if f := a.Type().Field(i); f.IsExported() {
				if p := sameExported(a.Field(i), b.Field(i), path+"."+f.Name); p != "" {
					return p
				}
			}
		}
		return ""
	case reflect.Slice:
		if a.Len() != b.Len() || (a.Type().Elem().Kind() != reflect.Struct && a.IsNil() != b.IsNil()) {
			return path
		}
		for i := 0; i < a.Len(); i++ {
			if p := sameExported(a.Index(i), b.Index(i), path+"[]"); p != "" {
				return p
			}
		}
		return ""
	default:
		if !reflect.DeepEqual(a.Interface(), b.Interface()) {
			return path
		}
		return ""
	}
}
