// Package workers runs a loop's bodies on all cores: the one worker pool
// of the pipeline's stages (load parses files, export writes plans).
package workers

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls f(i) for every i in [0, n), on up to GOMAXPROCS goroutines,
// and returns when all calls have returned. Calls run in no set order, so
// f should write only its own slot of a result slice.
func Each(n int, f func(i int)) {
	EachWith(n, func() struct{} { return struct{}{} }, func(_ struct{}, i int) { f(i) })
}

// EachWith is Each with per-worker state: every worker calls newState
// once and passes the result to each of its calls of f, so that scratch
// buffers are reused without locking.
func EachWith[S any](n int, newState func() S, f func(s S, i int)) {
	workers := min(n, runtime.GOMAXPROCS(0))
	if workers <= 1 {
		if n > 0 {
			s := newState()
			for i := range n {
				f(s, i)
			}
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			s := newState()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(s, i)
			}
		})
	}
	wg.Wait()
}
