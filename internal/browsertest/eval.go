package browsertest

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Eval evaluates the JavaScript expression expr in the tab of ctx,
// awaiting it when it yields a promise, and decodes the result into T.
// It fails t when evaluation fails or takes over 30 seconds.
func Eval[T any](t testing.TB, ctx context.Context, expr string) T {
	t.Helper()
	ectx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ectx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v", firstLine(expr), err)
	}
	return v
}

// TryWaitJS polls the expression cond in the tab of ctx until it is
// truthy and reports whether it became so within timeout. It polls from
// the test, not in the page, so a page that reloads meanwhile is fine; an
// expression that throws counts as false.
func TryWaitJS(ctx context.Context, cond string, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	expr := "(() => { try { return !!(" + cond + "); } catch (e) { return false; } })()"
	for {
		ectx, cancel := context.WithTimeout(ctx, 5*time.Second)
		ok, err := chromedp.Run(ectx, chromedp.Evaluate[bool](expr))
		cancel()
		if err == nil && ok {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// WaitJS is TryWaitJS that fails t on timeout, naming what it waited for.
func WaitJS(t testing.TB, ctx context.Context, cond, what string, timeout time.Duration) {
	t.Helper()
	if !TryWaitJS(ctx, cond, timeout) {
		t.Fatalf("timed out after %v waiting for %s (%s)", timeout, what, cond)
	}
}

// JSString returns s as a JavaScript string literal, to splice test data
// into an expression.
func JSString(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return string(b)
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + "…"
	}
	return s
}
