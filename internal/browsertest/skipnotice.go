package browsertest

import (
	"fmt"
	"io"
	"os"
	"testing"
)

// RunMain runs a package's tests (call it from TestMain) and, when no
// browser was found and RequireEnv is unset, so that the browser tests
// skipped, says so where the person who ran `go test ./...` sees it.
//
// go test shows a passing package's output only with -v, so a skipped
// browser suite would look like a passing one: the notice goes to the
// terminal (/dev/tty) when there is one, else to stderr.
func RunMain(m *testing.M, pkg string) int {
	code := m.Run()
	if FindBrowser() == "" && os.Getenv(RequireEnv) == "" {
		w := io.Writer(os.Stderr)
		if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
			defer tty.Close()
			w = tty
		}
		fmt.Fprint(w, SkipNotice(pkg))
	}
	return code
}

// SkipNotice is the line RunMain prints when pkg's browser tests skipped.
func SkipNotice(pkg string) string {
	return fmt.Sprintf("%s: browser tests SKIPPED, not passed: no Chromium found (apt-get install -y chromium, or set %s); set %s=1 to make this a failure\n",
		pkg, BrowserEnv, RequireEnv)
}
