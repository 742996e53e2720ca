package layout

import (
	"strings"
	"testing"
)

func TestContentsText(t *testing.T) {
	if got := ContentsText("  What is\n\nKinesis?  "); got != "What is Kinesis?" {
		t.Errorf("got %q", got)
	}
	if got := ContentsText(""); got == "" {
		t.Error("a card without question text has no line in the contents")
	}
	long := strings.Repeat("word ", 60)
	got := ContentsText(long)
	if r := []rune(got); len(r) > contentsMax+1 || !strings.HasSuffix(got, "word…") {
		t.Errorf("long question cut to %q (%d runes)", got, len(r))
	}
}
