package workers

import (
	"sync/atomic"
	"testing"
)

func TestEachCallsEveryIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		calls := make([]atomic.Int32, n)
		Each(n, func(i int) { calls[i].Add(1) })
		for i := range calls {
			if c := calls[i].Load(); c != 1 {
				t.Errorf("n=%d: f(%d) called %d times", n, i, c)
			}
		}
	}
}

func TestEachWithStatePerWorker(t *testing.T) {
	const n = 500
	var states atomic.Int32
	out := make([]int, n)
	EachWith(n, func() *[]byte { states.Add(1); return new([]byte) }, func(buf *[]byte, i int) {
		*buf = append((*buf)[:0], byte(i))
		out[i] = int((*buf)[0])
	})
	for i, v := range out {
		if v != i%256 {
			t.Fatalf("out[%d] = %d", i, v)
		}
	}
	if s := states.Load(); s < 1 || s > n {
		t.Errorf("%d states made", s)
	}
}
