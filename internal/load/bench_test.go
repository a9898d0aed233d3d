package load

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/plansite/plansite/internal/synth"
)

// BenchmarkParsePlan parses one synthetic plan file (about forty
// programs), as a build does for every plan.
func BenchmarkParsePlan(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Write(dir, synth.Options{Orgs: 1, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	const name = "data/plans/org-00001/2024.toml"
	src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if p := parse(name, src); len(p.problems) > 0 {
			b.Fatal(p.problems)
		}
	}
}
