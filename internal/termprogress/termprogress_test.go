package termprogress

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"
)

func TestSilentWhenNotATerminal(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := New(f, false)
	r.start = time.Now().Add(-time.Hour)
	r.Update("rendering", 1, 2)
	r.Done()
	if st, _ := f.Stat(); st.Size() != 0 {
		t.Errorf("wrote %d bytes to a plain file", st.Size())
	}
}

func TestShowsAfterDelayAndClears(t *testing.T) {
	var buf bytes.Buffer
	r := &Reporter{w: &buf, enabled: true, delay: time.Second, every: 0, start: time.Now()}
	r.Update("reading", 1, 10)
	if buf.Len() != 0 {
		t.Fatalf("printed before the delay: %q", buf.String())
	}
	r.start = time.Now().Add(-2 * time.Second)
	r.Update("rendering", 5, 10)
	if !strings.Contains(buf.String(), "rendering 5/10 (50%)") {
		t.Fatalf("got %q", buf.String())
	}
	r.Done()
	if !strings.HasSuffix(buf.String(), "\r\033[K") {
		t.Errorf("line not cleared: %q", buf.String())
	}
}

func TestQuiet(t *testing.T) {
	r := New(os.Stderr, true)
	if r.enabled {
		t.Error("quiet reporter is enabled")
	}
}
