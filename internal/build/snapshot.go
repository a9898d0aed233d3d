package build

import (
	"fmt"
	"hash/maphash"
	"maps"
	"runtime"
	"slices"
	"sync"

	tempfile "github.com/plansite/plansite/internal/scratch"
)

// A Snapshot is the output of one good build, as plansite serve serves
// it: file contents by slash path under the output root. It never changes
// once made. A Builder's next build makes a new one that shares the files
// that did not change, so keeping the last build costs a build time and
// memory in proportion to what changed, not to the site.
//
// The files' bytes are in a temporary file (a store), read back when
// asked for, so that plansite serve's memory does not grow with the
// size of the site: at 1,000 organizations the output is 620 MB. A
// Snapshot is safe for concurrent use.
type Snapshot struct {
	store *store
	base  map[string]blob // shared between snapshots, never changed
	over  map[string]blob // laid over base; a gone blob: the file is gone
	n     int             // the number of files
	size  int64           // their bytes
}

// File returns the contents of the file name, and whether there is one.
// A file whose bytes cannot be read back is reported missing.
func (s *Snapshot) File(name string) ([]byte, bool) {
	data, ok, err := s.read(name)
	return data, ok && err == nil
}

// read returns the contents of the file name and whether there is one,
// or the error reading them back.
func (s *Snapshot) read(name string) ([]byte, bool, error) {
	b, ok := s.blob(name)
	if !ok {
		return nil, false, nil
	}
	data, err := s.readBlob(nil, name, b)
	return data, true, err
}

// readBlob returns the bytes of the file name, which b says where are,
// read into buf's space (see store.read).
func (s *Snapshot) readBlob(buf []byte, name string, b blob) ([]byte, error) {
	data, err := s.store.read(buf, b)
	if err != nil {
		return nil, fmt.Errorf("reading %s back from the temporary copy of the site: %w", name, err)
	}
	return data, nil
}

// blob returns where the file name is, and whether there is one.
func (s *Snapshot) blob(name string) (blob, bool) {
	if s == nil {
		return blob{}, false
	}
	if b, ok := s.over[name]; ok {
		return b, !b.gone()
	}
	b, ok := s.base[name]
	return b, ok
}

// Len is the number of files.
func (s *Snapshot) Len() int {
	if s == nil {
		return 0
	}
	return s.n
}

// Names lists the files, sorted.
func (s *Snapshot) Names() []string {
	if s == nil {
		return nil
	}
	return slices.Sorted(maps.Keys(s.blobs()))
}

// Map returns the files as a new Output, which the caller may change; it
// reads every file. A file whose bytes cannot be read back is left out.
func (s *Snapshot) Map() Output {
	out := make(Output, s.Len())
	for name, b := range s.blobs() {
		if data, err := s.store.read(nil, b); err == nil {
			out[name] = data
		}
	}
	return out
}

// blobs returns where every file is, as a new map.
func (s *Snapshot) blobs() map[string]blob {
	if s == nil {
		return nil
	}
	all := maps.Clone(s.base)
	if all == nil {
		all = map[string]blob{}
	}
	for name, b := range s.over {
		if b.gone() {
			delete(all, name)
		} else {
			all[name] = b
		}
	}
	return all
}

// with returns s with changes, in s's store, laid over it: a gone blob
// removes a file. The changes are laid over the shared base until they
// outgrow a quarter of it; then the files are gathered into a new base.
func (s *Snapshot) with(changes map[string]blob) *Snapshot {
	st := s.store
	next := &Snapshot{store: st, base: s.base, over: make(map[string]blob, len(s.over)+len(changes)), n: s.n, size: s.size}
	maps.Copy(next.over, s.over)
	for name, b := range changes {
		if old, had := s.blob(name); had {
			next.n--
			next.size -= old.sp.N
		}
		if !b.gone() {
			next.n++
			next.size += b.sp.N
		}
		if _, inBase := s.base[name]; b.gone() && !inBase {
			delete(next.over, name)
		} else {
			next.over[name] = b
		}
	}
	if len(next.over) > 256 && len(next.over) > len(next.base)/4 {
		next = &Snapshot{store: st, base: next.blobs(), n: next.n, size: next.size}
	}
	return next
}

// compacted returns s, or, when the files replaced by later builds
// outgrow s's own in its store by compactSlack, s in a store of its own
// that holds only its files. It keeps s when that fails.
func (s *Snapshot) compacted() *Snapshot {
	if s == nil || s.store.file == nil || s.store.file.Size() <= 2*s.size+compactSlack {
		return s
	}
	st := newStore()
	if st.file == nil {
		return s
	}
	base := s.blobs()
	var buf []byte // each file is written before the next is read
	for name, b := range base {
		var err error
		buf, err = s.store.read(buf, b)
		if err == nil {
			base[name], err = st.add(buf, b.sum)
		}
		if err != nil {
			return s
		}
	}
	return &Snapshot{store: st, base: base, n: s.n, size: s.size}
}

// compactSlack is how many bytes replaced a store may hold beyond its
// files' own before a build gathers them into a new one.
var compactSlack int64 = 64 << 20

// A store holds the bytes of a Builder's output files: in a temporary
// file (scratch), which it closes once no Snapshot uses it, or in
// memory when no temporary file can be made.
type store struct {
	file    *tempfile.File // nil: each blob holds its bytes
	cleanup runtime.Cleanup
}

func newStore() *store {
	f, err := tempfile.New()
	if err != nil {
		return &store{}
	}
	st := &store{file: f}
	st.cleanup = runtime.AddCleanup(st, func(f *tempfile.File) { f.Close() }, f)
	return st
}

// close closes the store's file now rather than once it is unreachable.
func (st *store) close() error {
	st.cleanup.Stop()
	return st.file.Close()
}

// A blob is a file's bytes in a store: where they are, and their hash,
// which tells a file made again from the one it replaces.
type blob struct {
	sp  tempfile.Span
	sum uint64
	mem []byte // the bytes, when the store keeps them in memory
}

// goneBlob, laid over a file, removes it.
var goneBlob = blob{sp: tempfile.Span{N: -1}}

func (b blob) gone() bool { return b.sp.N < 0 }

// keeps reports whether the store keeps the bytes it is handed.
func (st *store) keeps() bool { return st.file == nil }

// add puts data, whose hash is sum, in the store.
func (st *store) add(data []byte, sum uint64) (blob, error) {
	if st.file == nil {
		return blob{sp: tempfile.Span{N: int64(len(data))}, sum: sum, mem: data}, nil
	}
	sp, err := st.file.Append(data)
	runtime.KeepAlive(st) // as in read
	return blob{sp: sp, sum: sum}, err
}

// read returns the bytes of b, read into buf's space (buf may be nil)
// unless the store keeps them in memory.
func (st *store) read(buf []byte, b blob) ([]byte, error) {
	if st.file == nil {
		return b.mem, nil
	}
	data, err := st.file.Read(buf[:0], b.sp)
	// The file is closed once st is unreachable: the caller may hold
	// only st's file by now.
	runtime.KeepAlive(st)
	return data, err
}

// hashSeed seeds the hashes that compare a file made again with the
// last build's.
var hashSeed = maphash.MakeSeed()

// memSink puts the outputs of a build in the store of the last good
// build's Snapshot, noting those that changed.
type memSink struct {
	last *Snapshot
	mu   sync.Mutex
	// changes are the files made that differ from last, and the files
	// removed (goneBlob).
	changes map[string]blob
}

// newMemSink returns a sink over last, or over an empty Snapshot in a new
// store when there is no last build.
func newMemSink(last *Snapshot) *memSink {
	if last == nil {
		last = &Snapshot{store: newStore()}
	}
	return &memSink{last: last, changes: map[string]blob{}}
}

// intact and intactAll are always true: the files kept change only with
// the state that describes them.
func (m *memSink) intact(string, entry) bool { return true }

func (m *memSink) intactAll(map[string]entry) bool { return true }

// keeps is true when the store keeps the bytes in memory.
func (m *memSink) keeps() bool { return m.last.store.keeps() }

// put compares data with the last build's file by size and a 64-bit hash:
// reading every file back (the search index is hundreds of megabytes)
// would cost plansite serve after every save, and a changed file that
// keeps both is not to be expected of this side of 2^64 files.
func (m *memSink) put(path string, data []byte, _ entry) (entry, bool, error) {
	e := entry{none: data == nil}
	var sum uint64
	if data != nil {
		e.size = int64(len(data))
		sum = maphash.Bytes(hashSeed, data)
		// Only the files the open-data index lists need their SHA-256.
		if isOpenData(path) {
			e.sum = sumOf(data)
		}
	}
	old, had := m.last.blob(path)
	if had == (data != nil) && (!had || old.sp.N == e.size && old.sum == sum) {
		return e, false, nil
	}
	b := goneBlob
	if data != nil {
		var err error
		if b, err = m.last.store.add(data, sum); err != nil {
			return e, false, fmt.Errorf("keeping %s in the temporary copy of the site: %w", path, err)
		}
	}
	m.mu.Lock()
	m.changes[path] = b
	m.mu.Unlock()
	return e, true, nil
}

func (m *memSink) remove(path string) {
	if _, had := m.last.blob(path); had {
		m.changes[path] = goneBlob
	}
}

// snapshot returns the last build's Snapshot with the changes made.
func (m *memSink) snapshot() *Snapshot { return m.last.with(m.changes) }
