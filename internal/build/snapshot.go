package build

import (
	"bytes"
	"sync"
)

// A Snapshot is the output of one good build held in memory, as plansite
// serve serves it: file contents by slash path under the output root. It
// never changes once made. A Builder's next build makes a new one that
// shares the files that did not change, so keeping the last build costs
// a build time and memory in proportion to what changed, not to the site.
// A Snapshot is safe for concurrent use.
type Snapshot struct {
	base map[string][]byte // shared between snapshots, never changed
	over map[string][]byte // laid over base; a nil value: the file is gone
	n    int               // the number of files
}

// File returns the contents of the file name, and whether there is one.
func (s *Snapshot) File(name string) ([]byte, bool) {
	if s == nil {
		return nil, false
	}
	if b, ok := s.over[name]; ok {
		return b, b != nil
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

// Map returns the files as a new Output, which the caller may change.
func (s *Snapshot) Map() Output {
	out := make(Output, s.Len())
	if s == nil {
		return out
	}
	for name, b := range s.base {
		out[name] = b
	}
	for name, b := range s.over {
		if b == nil {
			delete(out, name)
		} else {
			out[name] = b
		}
	}
	return out
}

// with returns s with changes laid over it: a nil value removes a file.
// The changes are laid over the shared base until they outgrow a quarter
// of it; then the files are gathered into a new base.
func (s *Snapshot) with(changes map[string][]byte) *Snapshot {
	if s == nil {
		s = &Snapshot{}
	}
	next := &Snapshot{base: s.base, over: make(map[string][]byte, len(s.over)+len(changes)), n: s.n}
	for name, b := range s.over {
		next.over[name] = b
	}
	for name, b := range changes {
		_, had := s.File(name)
		switch {
		case had && b == nil:
			next.n--
		case !had && b != nil:
			next.n++
		}
		if _, inBase := s.base[name]; b == nil && !inBase {
			delete(next.over, name)
		} else {
			next.over[name] = b
		}
	}
	if len(next.over) > 256 && len(next.over) > len(next.base)/4 {
		next = &Snapshot{base: next.Map(), n: next.n}
	}
	return next
}

// memSink keeps the outputs of a build in memory, over the last good
// build's Snapshot.
type memSink struct {
	last *Snapshot
	mu   sync.Mutex
	// changes are the files made that differ from last, and the files
	// removed (nil).
	changes map[string][]byte
}

// intact and intactAll are always true: the files kept in memory change
// only with the state that describes them.
func (m *memSink) intact(string, entry) bool { return true }

func (m *memSink) intactAll(map[string]entry) bool { return true }

// keeps is true: the bytes are the site's files in memory.
func (m *memSink) keeps() bool { return true }

func (m *memSink) put(path string, data []byte, _ entry) (entry, bool, error) {
	e := entry{none: data == nil}
	if data != nil {
		e.size = int64(len(data))
		// Only the files the open-data index lists need their SHA-256.
		// The others are compared by their bytes: hashing them all (the
		// search index is hundreds of megabytes) would cost plansite serve
		// after every save.
		if isOpenData(path) {
			e.sum = sumOf(data)
		}
	}
	old, had := m.last.File(path)
	if had == (data != nil) && bytes.Equal(old, data) {
		return e, false, nil
	}
	m.mu.Lock()
	m.changes[path] = data
	m.mu.Unlock()
	return e, true, nil
}

func (m *memSink) remove(path string) {
	if _, had := m.last.File(path); had {
		m.changes[path] = nil
	}
}
