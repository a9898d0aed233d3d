package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/plansite/plansite/internal/sitetest"
)

// TestSnapshotStores builds a site and edits it, as plansite serve does,
// with the files kept in a temporary file that is compacted whenever it
// holds any file replaced (compactSlack 0), and kept in memory when no
// temporary file can be made; each build's output must be a fresh
// build's.
func TestSnapshotStores(t *testing.T) {
	defer func(slack int64) { compactSlack = slack }(compactSlack)
	compactSlack = 0
	for _, inMemory := range []bool{false, true} {
		t.Run(fmt.Sprintf("in memory %v", inMemory), func(t *testing.T) {
			dir := sitetest.Write(t, incrementalSite)
			tmp, hadTmp := os.LookupEnv("TMPDIR")
			if inMemory {
				t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
			}
			b, err := NewBuilder(Options{Source: dir})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := b.Build(context.Background()); err != nil {
				t.Fatal(err)
			}
			// The builder keeps its store; the full builds compared
			// with it have temporary files.
			if hadTmp {
				os.Setenv("TMPDIR", tmp)
			} else {
				os.Unsetenv("TMPDIR")
			}
			first, firstFiles := b.files.store, b.files
			firstOutput := firstFiles.Map()
			if got := first.file == nil; got != inMemory {
				t.Fatalf("files kept in memory: %v, want %v", got, inMemory)
			}
			for i := range 5 {
				// Every page shows the site's title: each edit replaces
				// most files. The last removes a page.
				change := edits("data/site.toml", fmt.Sprintf("title = { ja = \"事業計画ポータル第%d版\", en = \"Plans Portal %d\" }\n", i, i))
				if i == 4 {
					change = removal("content/about.ja.md")
				}
				b.Forget(change(t, dir)...)
				if _, err := b.Build(context.Background()); err != nil {
					t.Fatal(err)
				}
				fresh, _, err := Render(context.Background(), Options{Source: dir})
				if err != nil {
					t.Fatal(err)
				}
				if !sameOutput(b.Output(), fresh) {
					t.Fatalf("edit %d: output differs from a full build: %s", i, outputDiff(b.Output(), fresh))
				}
				var size int64
				for _, data := range fresh {
					size += int64(len(data))
				}
				if b.files.Len() != len(fresh) || b.files.size != size {
					t.Errorf("edit %d: the snapshot counts %d files of %d bytes, a full build has %d of %d", i, b.files.Len(), b.files.size, len(fresh), size)
				}
				if st := b.files.store; st.file != nil && st.file.Size() > 2*size {
					t.Errorf("edit %d: the temporary file holds %d bytes for files of %d", i, st.file.Size(), size)
				}
			}
			if compacted := b.files.store != first; compacted == inMemory {
				t.Errorf("compacted: %v, want %v", compacted, !inMemory)
			}
			// The first build's files, in a store compacted away, are
			// still there for whoever holds them.
			runtime.GC()
			runtime.GC()
			if !sameOutput(firstFiles.Map(), firstOutput) {
				t.Error("the first build's snapshot changed after its store was compacted away")
			}
			if err := b.Close(); err != nil {
				t.Error(err)
			}
		})
	}
}
