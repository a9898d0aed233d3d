package load

import (
	"io/fs"
	"os"

	"github.com/plansite/plansite/internal/workers"
)

// Scan reads every file of the site folder root that Load would read and
// returns the Mix of their digests, and how many there are, without
// parsing anything. Two scans that give the same digest saw the same files
// with the same bytes, so a Load of either would give the same site and
// the same problems. A build uses it to tell, cheaply, that nothing
// changed since the last one.
func Scan(root string) (Digest, int, error) {
	fsys := os.DirFS(root)
	var names []string
	for _, dir := range Folders {
		found, err := sourceFiles(fsys, dir) // a site need not have every folder
		if err != nil {
			return Digest{}, 0, err
		}
		names = append(names, found...)
	}
	digests := make([]Digest, len(names))
	errs := make([]error, len(names))
	workers.Each(len(names), func(i int) {
		b, err := fs.ReadFile(fsys, names[i])
		digests[i], errs[i] = fileDigest(names[i], b), err
	})
	var all Digest
	for i, d := range digests {
		if errs[i] != nil {
			return Digest{}, 0, errs[i]
		}
		all.Mix(d)
	}
	return all, len(names), nil
}
