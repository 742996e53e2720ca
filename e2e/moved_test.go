package e2e

// Browser test of 404.html's script (assets/js/moved.js): on a site
// published with -base-url, served as GitHub Pages serves it (404.html
// for a missing address), a bookmark of a quiz page of an earlier build
// (quiz/<deck>.html, quiz/all-decks.html) lands on the quiz, now in place
// on its deck page or the index; another missing page stays "not found".

import (
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/flipdeck/flipdeck/internal/browsertest"
	"github.com/flipdeck/flipdeck/internal/pageshost"
	"github.com/flipdeck/flipdeck/internal/site"
)

func TestOldQuizAddressesLandOnTheQuiz(t *testing.T) {
	ctx := browsertest.Chrome(t, 390, 844) // skips the test where there is no browser
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String() + "/site/"
	out := t.TempDir()
	if _, err := site.Build(site.Options{Src: "../content", Out: out, Title: "Flashcards", BaseURL: base}); err != nil {
		t.Fatalf("build: %v", err)
	}
	srv := &http.Server{ReadHeaderTimeout: 10 * time.Second, Handler: http.StripPrefix("/site", pageshost.Handler(out))}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })

	for _, tc := range []struct{ old, want string }{
		{"quiz/" + syntaxDeck + ".html", "decks/" + syntaxDeck + ".html#quiz"},
		{"quiz/all-decks.html", "index.html#quiz"},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+tc.old)); err != nil {
			t.Fatal(err)
		}
		browsertest.WaitJS(t, ctx, `location.href === `+browsertest.JSString(base+tc.want)+` && document.querySelector("#quiz[data-state]:not([data-state=loading])")`,
			tc.old+" to land on its quiz, "+tc.want, 10*time.Second)
	}
	// A page that is not a moved one stays where it is.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"decks/no-such-deck.html")); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if got := browsertest.Eval[string](t, ctx, `location.href + " " + document.body.className`); !strings.HasSuffix(got, "decks/no-such-deck.html page-404") {
		t.Errorf("a missing page moved on: %s", got)
	}
}
