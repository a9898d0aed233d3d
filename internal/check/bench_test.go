package check

import (
	"context"
	"testing"

	"github.com/plansite/plansite/internal/synth"
)

// BenchmarkCheck checks a synthetic site of 100 organizations (200
// plans): load, render in memory, follow links, measure coverage.
func BenchmarkCheck(b *testing.B) {
	src := b.TempDir()
	if err := synth.Write(src, synth.Options{Orgs: 100, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		r, err := Run(context.Background(), Options{Source: src})
		if err != nil {
			b.Fatal(err)
		}
		if r.Problems.HasErrors() {
			b.Fatal(r.Problems.Err())
		}
	}
}
