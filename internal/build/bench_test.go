package build

import (
	"context"
	"testing"

	"github.com/plansite/plansite/internal/synth"
)

// BenchmarkBuild renders and publishes a synthetic site of 100
// organizations (200 plans, 603 pages per build) into a fresh folder.
func BenchmarkBuild(b *testing.B) {
	src := b.TempDir()
	if err := synth.Write(src, synth.Options{Orgs: 100, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		dest := b.TempDir()
		b.StartTimer()
		if _, err := Run(context.Background(), Options{Source: src, Destination: dest}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRebuildUnchanged builds into a folder that already holds the
// same site, so every file compares equal and none is written.
func BenchmarkRebuildUnchanged(b *testing.B) {
	src, dest := b.TempDir(), b.TempDir()
	if err := synth.Write(src, synth.Options{Orgs: 100, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	if _, err := Run(context.Background(), Options{Source: src, Destination: dest}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(context.Background(), Options{Source: src, Destination: dest}); err != nil {
			b.Fatal(err)
		}
	}
}
