package load

import (
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"path"
	"strings"
	"sync"

	"github.com/plansite/plansite/internal/diag"
	"github.com/plansite/plansite/internal/plan"
	"github.com/plansite/plansite/internal/scratch"
	"github.com/plansite/plansite/internal/workers"
)

// A Digest is the SHA-256 of a file's path and bytes, or a combination of
// such digests. Two loads that give a part of the site the same digest
// read the same files with the same bytes for it.
type Digest [sha256.Size]byte

// Mix combines d with other. Mixing is order-independent (exclusive or),
// so a set of files has one digest however it was listed; since every
// file's digest covers its path, no two files cancel out.
func (d *Digest) Mix(other Digest) {
	for i := range d {
		d[i] ^= other[i]
	}
}

// fileDigest is the digest of the file at slash path name with content b.
func fileDigest(name string, b []byte) Digest {
	h := sha256.New()
	h.Write([]byte(name))
	h.Write([]byte{0})
	h.Write(b)
	var d Digest
	h.Sum(d[:0])
	return d
}

// Folders are the folders of a site that Load reads, relative to its root.
var Folders = []string{"data", "content", "layouts", "assets"}

// A Cache remembers what Load read from one site folder, file by file:
// each file's digest, and the model values parsed from it. Loading again
// after Forget re-reads only the forgotten files and folders, and parses
// again only the files whose bytes changed, so an edit of one plan costs
// the parsing of one plan. Forget may be called from any goroutine; Load
// must not be called concurrently with itself.
type Cache struct {
	root string
	fsys fs.FS

	mu      sync.Mutex
	all     bool            // the next Load reads every file
	pending map[string]bool // paths to read again, when not all

	files map[string]*file // every file Load read, by slash path
	// orgs is how many organizations the last Load found, to size the
	// next one's maps.
	orgs int
	// parses counts files parsed, and relinks the Loads that relinked
	// only some organizations, so tests can see what a Load redid.
	parses, relinks int

	// see, when not nil, makes the cache lean (Lean): it is shown each
	// plan in full before the plan is hollowed.
	see func(*plan.Plan)
	// plans says where to read each hollow plan again (ReadOrg): its
	// snapshot in snaps or, failing that, its file.
	plans map[*plan.Plan]planSource
	snaps *scratch.File
	// intros says where each organization's introduction (by its ID)
	// went in snaps; planSource says where a plan's prose went.
	intros map[string]scratch.Span

	// reshaped is set when a refresh finds a file added or removed (or
	// reads every file again), which only a full link can follow.
	reshaped bool
	// last is what the last link made.
	last *linked
}

// A file is one source file as last read.
type file struct {
	digest Digest
	// raw holds the bytes of layouts/ and assets/ files, which the theme
	// reads; data/ and content/ files are kept only as parsed.
	raw []byte
	// parsed is what parse made of a data/ or content/ file.
	parsed parsed
}

// NewCache returns a cache of the site folder root. Its first Load reads
// everything.
func NewCache(root string) *Cache {
	return &Cache{root: root, fsys: os.DirFS(root), all: true, pending: map[string]bool{}, files: map[string]*file{}}
}

// Forget marks the files or folders at the slash paths (relative to the
// site folder) as possibly changed, created or deleted, so that the next
// Load reads them again. Paths outside the site's folders are ignored.
func (c *Cache) Forget(paths ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range paths {
		c.pending[path.Clean(p)] = true
	}
}

// ForgetAll makes the next Load read every file again, for when changes
// may have been missed. Files whose bytes did not change are not parsed
// again.
func (c *Cache) ForgetAll() {
	c.mu.Lock()
	c.all = true
	c.mu.Unlock()
}

// refresh brings the cache up to date with the folder: it reads what was
// forgotten and parses what changed. It returns the files whose bytes
// changed, and sets reshaped.
func (c *Cache) refresh() (changed []string) {
	c.mu.Lock()
	all, pending := c.all || c.pending["."], c.pending
	c.all, c.pending = false, map[string]bool{}
	c.mu.Unlock()

	c.reshaped = all
	if all {
		// Every file is read again; those whose bytes are the same keep
		// what was parsed from them.
		old := c.files
		c.files = map[string]*file{}
		for _, dir := range Folders {
			c.walk(dir, old, &changed)
		}
	} else {
		for p := range pending {
			if inFolders(p) {
				c.update(p, &changed)
			}
		}
		c.parse(changed) // the files read alone; walkSeen parses folders' as it reads them
	}
	return changed
}

// parse parses the data/ and content/ files among names that were read
// and not parsed yet, on all cores, and lets go of their bytes.
func (c *Cache) parse(names []string) {
	fresh := func(name string) *file {
		if f := c.files[name]; f != nil && f.raw != nil && isSource(name) {
			return f
		}
		return nil
	}
	parsedFiles := make([]parsed, len(names))
	spans := make([]scratch.Span, len(names))
	// Each worker encodes the plans' snapshots in a buffer of its own.
	workers.EachWith(len(names), func() *[]byte { return new([]byte) }, func(buf *[]byte, i int) {
		if f := fresh(names[i]); f != nil {
			parsedFiles[i] = parse(names[i], f.raw)
			if p, ok := parsedFiles[i].value.(*plan.Plan); ok && c.see != nil {
				c.see(p)
				spans[i] = c.snapshot(buf, p)
				p.Hollow()
				detach(p) // the strings kept, out of the plan's whole text
			}
		}
	})
	for i, name := range names {
		if f := fresh(name); f != nil {
			f.parsed, f.raw = parsedFiles[i], nil
			c.parses++
			if p, ok := f.parsed.value.(*plan.Plan); ok && c.see != nil {
				c.plans[p] = planSource{file: name, snap: spans[i]}
			}
		}
	}
}

// update reads the file or folder p again, or forgets it and everything
// under it when it is gone.
func (c *Cache) update(p string, changed *[]string) {
	info, err := fs.Stat(c.fsys, p)
	if (err != nil || !info.IsDir()) && c.files[p] == nil {
		// p may have been a folder: a known file has nothing under it,
		// and a large site has tens of thousands of files to look at.
		c.dropUnder(p)
	}
	switch {
	case err != nil:
		c.remove(p)
	case info.IsDir():
		c.remove(p) // a file it replaced
		seen := map[string]bool{}
		c.walkSeen(p, c.files, changed, seen)
		for name := range c.files {
			if under(name, p) && !seen[name] {
				c.remove(name)
			}
		}
	case info.Mode().IsRegular() && !ignored(p):
		c.read(p, c.files[p], changed)
	default:
		c.remove(p)
	}
}

// dropUnder forgets every file under the folder p.
func (c *Cache) dropUnder(p string) {
	for name := range c.files {
		if under(name, p) {
			c.remove(name)
		}
	}
}

// remove forgets the file name, noting that the site lost a file.
func (c *Cache) remove(name string) {
	if _, ok := c.files[name]; ok {
		delete(c.files, name)
		c.reshaped = true
	}
}

func (c *Cache) walk(dir string, old map[string]*file, changed *[]string) {
	c.walkSeen(dir, old, changed, nil)
}

// walkSeen reads every file under dir into c.files, reusing the entries
// of old whose bytes did not change, and notes the paths it saw.
func (c *Cache) walkSeen(dir string, old map[string]*file, changed *[]string, seen map[string]bool) {
	names, _ := sourceFiles(c.fsys, dir) // a folder that vanished while walking: nothing to read
	// Files are read, digested and, when changed, parsed on all cores, a
	// batch at a time, so that the bytes of the files are not all held at
	// once.
	const batch = 256
	reads := make([]fileRead, min(len(names), batch))
	for start := 0; start < len(names); start += batch {
		chunk := names[start:min(start+batch, len(names))]
		before := len(*changed)
		workers.Each(len(chunk), func(i int) { reads[i] = c.readFile(chunk[i]) })
		for i, name := range chunk {
			if seen != nil {
				seen[name] = true
			}
			c.apply(name, old[name], reads[i], changed)
			reads[i] = fileRead{}
		}
		c.parse((*changed)[before:])
	}
}

// sourceFiles lists the regular files under dir that are part of the site
// (see ignored). A missing dir has none. A folder under it that cannot
// be read is left out, and the first such error returned.
func sourceFiles(fsys fs.FS, dir string) ([]string, error) {
	var names []string
	var first error
	fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p != dir && first == nil {
				first = err
			}
			return nil
		}
		if p != dir && ignored(p) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			names = append(names, p)
		}
		return nil
	})
	return names, first
}

// A fileRead is one file's bytes and digest, or the error reading it.
type fileRead struct {
	b      []byte
	digest Digest
	err    error
}

// readFile reads and digests one file; it is safe for concurrent use.
func (c *Cache) readFile(name string) fileRead {
	b, err := fs.ReadFile(c.fsys, name)
	if err != nil {
		return fileRead{err: err}
	}
	return fileRead{b: b, digest: fileDigest(name, b)}
}

// read reads one file into c.files. A file whose bytes are those of prev
// keeps prev; otherwise its path is added to changed, to be parsed.
func (c *Cache) read(name string, prev *file, changed *[]string) {
	c.apply(name, prev, c.readFile(name), changed)
}

// apply records the file read as r in c.files, as read describes.
func (c *Cache) apply(name string, prev *file, r fileRead, changed *[]string) {
	b, err := r.b, r.err
	if errors.Is(err, fs.ErrNotExist) {
		c.remove(name) // deleted since it was listed, as editors' temporary files are
		return
	}
	if err != nil {
		p := classify(name)
		p.problems = []diag.Problem{{Pos: diag.Pos{File: name}, Message: "cannot read: " + err.Error()}}
		c.files[name] = &file{parsed: p}
		c.reshaped = true // not a change relink follows
		return
	}
	d := r.digest
	if prev != nil && prev.digest == d {
		c.files[name] = prev
		return
	}
	if prev == nil {
		c.reshaped = true
	}
	c.files[name] = &file{digest: d, raw: b}
	*changed = append(*changed, name)
}

// inFolders reports whether slash path p is one of Folders or under one.
func inFolders(p string) bool {
	for _, dir := range Folders {
		if p == dir || under(p, dir) {
			return true
		}
	}
	return false
}

// under reports whether name is inside the folder dir.
func under(name, dir string) bool {
	return dir == "." || (len(name) > len(dir) && strings.HasPrefix(name, dir) && name[len(dir)] == '/')
}

// ignored reports whether a file or folder is hidden or an editor's
// backup or lock file (.#plan.toml, plan.toml~, #plan.toml#), or lies in
// such a folder: these are never part of the site.
func ignored(p string) bool {
	for _, part := range strings.Split(p, "/") {
		if strings.HasPrefix(part, ".") || strings.HasPrefix(part, "#") || strings.HasSuffix(part, "~") {
			return true
		}
	}
	return false
}

// isSource reports whether the file is read into the model rather than
// kept as bytes for the theme.
func isSource(name string) bool {
	return strings.HasPrefix(name, "data/") || strings.HasPrefix(name, "content/")
}
