package leaflet

import (
	"bytes"
	"context"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"
)

// benchPrinter returns a warm Printer: every locale rendered twice, so that what a Printer
// prepares once and keeps (fonts, catalogues, designs, the paragraphs it shaped: see
// typeset.Cache) is ready and only a rendering's own work is timed.
func benchPrinter(b *testing.B) *Printer {
	b.Helper()
	p, err := New(Config{})
	if err != nil {
		b.Fatal(err)
	}
	for range 2 {
		for _, t := range p.Locales() {
			if _, err := p.Render(context.Background(), new(bytes.Buffer), t.String(), Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
	return p
}

// BenchmarkRender renders each locale with one warm Printer. Besides time and allocations it
// reports the CPU time of the whole process per rendering (cpu-ns/op: the garbage collector's
// work on other cores included) and the most heap one rendering holds at once (held-B: see
// held; the median of five renderings).
func BenchmarkRender(b *testing.B) {
	p := benchPrinter(b)
	for _, t := range p.Locales() {
		tag := t.String()
		b.Run(tag, func(b *testing.B) {
			var buf bytes.Buffer
			b.ReportAllocs()
			cpu := cpuTime()
			for b.Loop() {
				buf.Reset()
				if _, err := p.Render(context.Background(), &buf, tag, Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64((cpuTime()-cpu).Nanoseconds())/float64(b.N), "cpu-ns/op")
			var hs []uint64
			for range 5 {
				hs = append(hs, held(b, func() {
					buf.Reset()
					if _, err := p.Render(context.Background(), &buf, tag, Options{}); err != nil {
						b.Fatal(err)
					}
				}))
			}
			slices.Sort(hs)
			b.ReportMetric(float64(hs[len(hs)/2]), "held-B")
		})
	}
}

// BenchmarkBatch renders every locale with one warm Printer as the batch printer
// (examples/internal/batch) does: in parallel, as many at once as GOMAXPROCS.
func BenchmarkBatch(b *testing.B) {
	p := benchPrinter(b)
	tags := p.Locales()
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		var wg sync.WaitGroup
		sem := make(chan struct{}, runtime.GOMAXPROCS(0))
		errs := make([]error, len(tags))
		for i, t := range tags {
			wg.Go(func() {
				sem <- struct{}{}
				defer func() { <-sem }()
				_, errs[i] = p.Render(context.Background(), new(bytes.Buffer), t.String(), Options{})
			})
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64((cpuTime()-cpu).Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// cpuTime returns the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// held returns the most live heap, above what was live before, that f holds at once: it runs f
// with the garbage collector at its most eager and samples the live heap each collection
// marked, while f runs. What is allocated while a collection marks counts as live in it, so
// the figure is somewhat above the truth, and varies by some 15% from run to run.
func held(b *testing.B, f func()) uint64 {
	b.Helper()
	b.StopTimer()
	defer b.StartTimer()
	runtime.GC()
	before := liveHeap()
	defer debug.SetGCPercent(debug.SetGCPercent(1))
	done := make(chan struct{})
	peak := before
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			peak = max(peak, liveHeap())
			select {
			case <-done:
				return
			default:
				time.Sleep(20 * time.Microsecond)
			}
		}
	})
	f()
	runtime.GC() // the last collection during f: what f held when it returned, its result gone
	close(done)
	wg.Wait()
	if peak < before {
		return 0
	}
	return peak - before
}

// liveHeap is the heap the last collection found live.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}
