package serve

import (
	"context"
	"fmt"
	"io"
	"net"

	"github.com/flipdeck/flipdeck/internal/diag"
)

// Preview is what `gen -serve` runs: serve the output folder with live
// reload, watch the source, and after each change rebuild and reload the
// open pages.
type Preview struct {
	Addr string // e.g. "localhost:8080"
	Out  string // the output folder served
	Src  string // the source folder watched
	Skip []string
	// Rebuild builds the site again; its error (bad input) is shown and
	// the previous site keeps being served.
	Rebuild func() error
	Log     io.Writer
	// Listener, when set, is used instead of listening on Addr (tests
	// listen on port 0 and read the address from it).
	Listener net.Listener
}

// Run serves until ctx ends.
func (p Preview) Run(ctx context.Context) error {
	ln := p.Listener
	if ln == nil {
		var err error
		if ln, err = Listen(p.Addr); err != nil {
			return err
		}
	}
	srv := New(p.Out, true)
	if host, _, err := net.SplitHostPort(p.Addr); err == nil && host != "" {
		srv.AllowHost(host)
	}
	fmt.Fprintf(p.Log, "serving %s at http://%s/ ; watching %s for changes (Ctrl+C stops)\n", diag.OneLine(p.Out), ln.Addr(), diag.OneLine(p.Src))
	// A rebuild under way when serving ends is let finish (an
	// interrupted one cleans up after itself) before Run returns.
	wctx, cancel := context.WithCancel(ctx)
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		Watch(wctx, p.Src, p.Skip, func(changed []string) {
			if err := p.Rebuild(); err != nil {
				fmt.Fprintln(p.Log, "gen: rebuild failed, still serving the previous site:", diag.OneLine(err.Error()))
				return
			}
			srv.Reload()
		})
	}()
	err := srv.Serve(ctx, ln)
	cancel()
	<-watched
	return err
}
