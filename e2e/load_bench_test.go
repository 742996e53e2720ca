package e2e

// BenchmarkPageLoadBlocking loads the deck page and the quiz page of the
// sample's kinesis deck in Chromium at phone size, the CPU slowed down 4×
// (as Lighthouse's mobile profile does), and traces each load. It
// reports, per page, the medians over the runs of
//
//	<page>-tbt-ms      the main thread's time past 50 ms in its tasks
//	                   longer than 50 ms (Total Blocking Time, as
//	                   Lighthouse counts it, but over the whole load)
//	<page>-longest-ms  the longest task (Lighthouse's max potential FID)
//	<page>-long-ms     the time in tasks over 50 ms
//	<page>-cpu-tbt-ms  tbt-ms of the tasks' CPU time (the thread's
//	                   time, not the clock's) times 4: what Lighthouse's
//	                   simulation does with an unthrottled trace, and
//	                   steadier than tbt-ms on a busy machine. Only with
//	                   FLIPDECK_TRACE_RATE=1 (no throttling): a
//	                   throttled task's CPU time counts its throttling.
//	<page>-cpu-longest-ms  longest-ms so
//	<page>-layout-objects  the layout objects laid out in the load (the
//	                   Layout events' dirty objects, summed)
//	<page>-max-layout-objects  those of its largest layout
//
// FLIPDECK_TRACE_DUMP=dir writes each run's trace events there, and
// FLIPDECK_TRACE_DETAIL=1 logs every long task of every run, with the
// events inside it that took the most time.
//
//	go test ./e2e -run '^$' -bench PageLoadBlocking -benchtime 9x
//
// A trace is noisy on a shared machine; the median of nine or more runs
// is what to compare before and after a change.

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

const loadBenchDeck = "aws-exams--solutions-architect--associate--aws-kinesis"

func BenchmarkPageLoadBlocking(b *testing.B) {
	p := studyOpen(b, 412, 823, true, "")
	if _, err := chromedp.Call(p.ctx, network.Enable, network.EnableParams{}); err != nil {
		b.Fatal(err)
	}
	if _, err := chromedp.Call(p.ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		b.Fatal(err)
	}
	pages := []struct{ name, path, ready string }{
		{"deck", "decks/" + loadBenchDeck + ".html", deckReady},
		{"quiz", "decks/" + loadBenchDeck + ".html#quiz", studyQuizReady},
	}
	detail := os.Getenv("FLIPDECK_TRACE_DETAIL") != ""
	res := map[string][][7]float64{}
	b.ResetTimer()
	for i := range b.N {
		for _, pg := range pages {
			tr := loadTrace(b, p, pg.path, pg.ready)
			if dir := os.Getenv("FLIPDECK_TRACE_DUMP"); dir != "" {
				raw, _ := json.Marshal(tr)
				_ = os.WriteFile(fmt.Sprintf("%s/%s-%d.json", dir, pg.name, i), raw, 0o644)
			}
			tbt, longest, long, report := tr.blocking(false)
			ctbt, clongest, _, _ := tr.blocking(true)
			objs, maxObjs := tr.layoutObjects()
			res[pg.name] = append(res[pg.name], [7]float64{tbt, longest, long, ctbt, clongest, objs, maxObjs})
			if detail {
				b.Logf("%s run %d: tbt %.0f ms, longest %.0f ms\n%s", pg.name, i, tbt, longest, report)
			}
		}
	}
	b.StopTimer()
	for _, pg := range pages {
		for k, unit := range []string{"tbt-ms", "longest-ms", "long-ms", "cpu-tbt-ms", "cpu-longest-ms", "layout-objects", "max-layout-objects"} {
			var xs []float64
			for _, r := range res[pg.name] {
				xs = append(xs, r[k])
			}
			slices.Sort(xs)
			b.ReportMetric(xs[len(xs)/2], pg.name+"-"+unit)
		}
	}
	p.noErrors()
}

// loadTraceRate is the CPU slowdown: FLIPDECK_TRACE_RATE=1 traces
// unthrottled, for the cpu- metrics (the tasks' CPU time times 4, as
// Lighthouse simulates); the CPU time of a throttled task counts its
// throttling too.
func loadTraceRate() float64 {
	if os.Getenv("FLIPDECK_TRACE_RATE") == "1" {
		return 1
	}
	return 4
}

// traceEvent is one event of a Chromium trace (the fields used here).
type traceEvent struct {
	Name string          `json:"name"`
	Ph   string          `json:"ph"`
	Pid  int             `json:"pid"`
	Tid  int             `json:"tid"`
	Ts   float64         `json:"ts"`   // µs
	Dur  float64         `json:"dur"`  // µs
	TDur float64         `json:"tdur"` // µs of the thread's CPU time
	Args json.RawMessage `json:"args"`
}

type loadTraceEvents []traceEvent

// loadTrace opens about:blank, then traces the load of path with the CPU
// slowed down 4× until ready holds and 1.5 s more (the work a page leaves
// for after its load: idle callbacks, the service worker).
func loadTrace(b *testing.B, p *studyPage, path, ready string) loadTraceEvents {
	b.Helper()
	p.do(chromedp.Navigate("about:blank"))
	var (
		mu     sync.Mutex
		events loadTraceEvents
		done   = make(chan struct{})
	)
	ctx, cancel := context.WithCancel(p.ctx)
	defer cancel()
	if err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *tracing.EventDataCollected:
			mu.Lock()
			for _, v := range ev.Value {
				var e traceEvent
				if json.Unmarshal(v, &e) == nil {
					events = append(events, e)
				}
			}
			mu.Unlock()
		case *tracing.EventTracingComplete:
			close(done)
		}
	}); err != nil {
		b.Fatal(err)
	}
	if _, err := chromedp.Call(p.ctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: loadTraceRate()}); err != nil {
		b.Fatal(err)
	}
	if _, err := chromedp.Call(p.ctx, tracing.Start, tracing.StartParams{TraceConfig: &tracing.TraceConfig{
		IncludedCategories: []string{"devtools.timeline", "disabled-by-default-devtools.timeline", "toplevel", "v8.execute", "blink", "loading", "__metadata"},
	}}); err != nil {
		b.Fatal(err)
	}
	p.open(path, ready)
	time.Sleep(1500 * time.Millisecond)
	if _, err := chromedp.Call(p.ctx, tracing.End, struct{}{}); err != nil {
		b.Fatal(err)
	}
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		b.Fatal("trace did not complete")
	}
	if _, err := chromedp.Call(p.ctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: 1}); err != nil {
		b.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	return events
}

// mainThread is the renderer's main thread: the CrRendererMain thread
// busiest in the trace.
func (evs loadTraceEvents) mainThread() [2]int {
	main := map[[2]int]bool{}
	for _, e := range evs {
		if e.Ph == "M" && e.Name == "thread_name" && strings.Contains(string(e.Args), "CrRendererMain") {
			main[[2]int{e.Pid, e.Tid}] = true
		}
	}
	busy := map[[2]int]float64{}
	for _, e := range evs {
		if k := [2]int{e.Pid, e.Tid}; main[k] && e.Ph == "X" && e.Name == "RunTask" {
			busy[k] += e.Dur
		}
	}
	var thread [2]int
	for k, d := range busy {
		if d > busy[thread] {
			thread = k
		}
	}
	return thread
}

// layoutObjects sums the objects the main thread's layouts laid out, and
// gives those of the largest.
func (evs loadTraceEvents) layoutObjects() (n, most float64) {
	thread := evs.mainThread()
	for _, e := range evs {
		if [2]int{e.Pid, e.Tid} == thread && e.Name == "Layout" {
			var a struct {
				BeginData struct {
					DirtyObjects float64 `json:"dirtyObjects"`
				} `json:"beginData"`
			}
			if json.Unmarshal(e.Args, &a) == nil {
				n += a.BeginData.DirtyObjects
				most = max(most, a.BeginData.DirtyObjects)
			}
		}
	}
	return n, most
}

// blocking sums the long tasks of the renderer's main thread and
// describes them; cpu takes each task's CPU time times 4 for its length.
func (evs loadTraceEvents) blocking(cpu bool) (tbt, longest, long float64, report string) {
	thread := evs.mainThread()
	var on []traceEvent
	for _, e := range evs {
		if [2]int{e.Pid, e.Tid} == thread && e.Ph == "X" {
			on = append(on, e)
		}
	}
	sort.Slice(on, func(i, j int) bool { return on[i].Ts < on[j].Ts || on[i].Ts == on[j].Ts && on[i].Dur > on[j].Dur })
	// The load starts with the page's parsing: the tasks before it
	// (committing the navigation, detaching the page before) are the
	// browser's, whatever the page.
	parse := 0.0
	for _, e := range on {
		if e.Name == "ParseHTML" {
			parse = e.Ts
			break
		}
	}
	var sb strings.Builder
	var t0 float64
	for i, e := range on {
		if e.Name != "RunTask" || e.Ts+e.Dur < parse {
			continue
		}
		if t0 == 0 {
			t0 = e.Ts
		}
		ms := e.Dur / 1000
		if cpu {
			ms = 4 * e.TDur / 1000
		}
		if ms <= 50 {
			continue
		}
		tbt += ms - 50
		long += ms
		longest = max(longest, ms)
		// The events inside the task, by name, the costliest first
		// (nested events count in their parents too).
		inside := map[string]float64{}
		for _, c := range on[i+1:] {
			if c.Ts >= e.Ts+e.Dur {
				break
			}
			if c.Name != "RunTask" {
				name := c.Name
				if u := loadTraceURL(c.Args); u != "" {
					name += " " + u
				}
				inside[name] += c.Dur / 1000
			}
		}
		var names []string
		for n := range inside {
			names = append(names, n)
		}
		sort.Slice(names, func(i, j int) bool { return inside[names[i]] > inside[names[j]] })
		fmt.Fprintf(&sb, "  task at %.0f ms: %.0f ms\n", (e.Ts-t0)/1000, ms)
		for _, n := range names[:min(len(names), 8)] {
			fmt.Fprintf(&sb, "    %6.1f %s\n", inside[n], n)
		}
	}
	return tbt, longest, long, sb.String()
}

// loadTraceURL is the script or page an event names, if any (its last
// path element).
func loadTraceURL(args json.RawMessage) string {
	var a struct {
		Data struct {
			URL string `json:"url"`
		} `json:"data"`
		BeginData struct {
			URL string `json:"url"`
		} `json:"beginData"`
	}
	if json.Unmarshal(args, &a) != nil {
		return ""
	}
	u := a.Data.URL
	if u == "" {
		u = a.BeginData.URL
	}
	return u[strings.LastIndex(u, "/")+1:]
}
