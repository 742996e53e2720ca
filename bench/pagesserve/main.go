// Command pagesserve serves a built site the way GitHub Pages serves it
// (internal/pageshost), for measuring its pages (bench/lighthouse.sh),
// and, given -cert and -key, over HTTPS, which Go speaks as HTTP/2 as
// Pages does. Over HTTP/2 a browser fetches
// a page's many modules on one connection at once; over plain HTTP it
// opens at most six connections, one file at a time on each, and
// Lighthouse's simulated slow network charges a round trip per file and
// connection.
//
//	go run ./bench/pagesserve -dir public -addr 127.0.0.1:8099 -cert cert.pem -key key.pem
package main

import (
	"flag"
	"io"
	"log"
	"net/http"
	"time"

	"github.com/flipdeck/flipdeck/internal/pageshost"
)

func main() {
	dir := flag.String("dir", "public", "the built site")
	addr := flag.String("addr", "127.0.0.1:8099", "address to listen on")
	cert := flag.String("cert", "", "TLS certificate file (with -key): HTTPS and HTTP/2")
	key := flag.String("key", "", "TLS key file")
	flag.Parse()
	srv := &http.Server{
		Addr:    *addr,
		Handler: pageshost.Handler(*dir),
		// Lighthouse's probes drop connections before a request; that is
		// not worth a line each.
		ErrorLog:          log.New(io.Discard, "", 0),
		ReadHeaderTimeout: 10 * time.Second,
	}
	if *cert != "" {
		log.Fatal(srv.ListenAndServeTLS(*cert, *key))
	}
	log.Fatal(srv.ListenAndServe())
}
