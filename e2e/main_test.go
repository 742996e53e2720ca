package e2e

import (
	"os"
	"testing"

	"github.com/flipdeck/flipdeck/internal/browsertest"
)

// TestMain says so when the browser tests were skipped (no Chromium):
// go test would otherwise print only "ok" for this package.
func TestMain(m *testing.M) {
	os.Exit(browsertest.RunMain(m, "flipdeck/e2e"))
}
