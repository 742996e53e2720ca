package serve

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"sync"
)

// The live-reload parts exist only in the preview server: built sites
// never contain them. HTML pages are served with one extra script tag,
// which listens to a server-sent event stream and reloads the page after
// each rebuild.

const (
	reloadScriptPath = "/__flipdeck/livereload.js"
	reloadEventsPath = "/__flipdeck/events"
)

// reloadScript is served at reloadScriptPath. It is a same-origin file,
// so the site's Content-Security-Policy (script-src 'self') allows it.
const reloadScript = `(() => {
  const es = new EventSource("` + reloadEventsPath + `");
  es.addEventListener("reload", () => location.reload());
})();
`

// previewWorker replaces the site's service worker while previewing: a
// cache-first worker would show stale pages after every rebuild. It
// removes itself and any caches the real one made on this origin.
const previewWorker = `self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (e) => e.waitUntil((async () => {
  for (const k of await caches.keys()) if (k.startsWith("flipdeck:")) await caches.delete(k);
  await self.registration.unregister();
})()));
`

// broadcaster fans a reload out to every open page.
type broadcaster struct {
	mu      sync.Mutex
	clients map[chan struct{}]bool
}

func newBroadcaster() *broadcaster { return &broadcaster{clients: map[chan struct{}]bool{}} }

func (b *broadcaster) subscribe() chan struct{} {
	ch := make(chan struct{}, 1)
	b.mu.Lock()
	b.clients[ch] = true
	b.mu.Unlock()
	return ch
}

func (b *broadcaster) unsubscribe(ch chan struct{}) {
	b.mu.Lock()
	delete(b.clients, ch)
	b.mu.Unlock()
}

// reload tells every subscribed page to reload; a page that already has
// a reload pending is not sent a second one.
func (b *broadcaster) reload() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.clients {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

func (b *broadcaster) serveEvents(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	ch := b.subscribe()
	defer b.unsubscribe(ch)
	fmt.Fprint(w, ": connected\n\n")
	fl.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-ch:
			fmt.Fprint(w, "event: reload\ndata: 1\n\n")
			fl.Flush()
		}
	}
}

// injectReload puts the live-reload script tag before </body>.
func injectReload(page []byte) []byte {
	tag := []byte(`<script src="` + reloadScriptPath + `"></script>`)
	if i := bytes.LastIndex(page, []byte("</body>")); i >= 0 {
		out := make([]byte, 0, len(page)+len(tag))
		out = append(out, page[:i]...)
		out = append(out, tag...)
		return append(out, page[i:]...)
	}
	return append(page, tag...)
}

func isHTML(path string) bool {
	return path == "" || strings.HasSuffix(path, "/") || strings.HasSuffix(path, ".html")
}
