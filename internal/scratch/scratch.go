// Package scratch is a temporary file that a build writes what it need
// not hold in memory to, and reads back by offset: the lean load's
// snapshots of plans, the search index's postings beyond its budget.
package scratch

import (
	"os"
	"sync"
)

// A File is a temporary file, removed at once where the system allows
// (the open file stays readable and writable), or else by Close. Append
// is safe for concurrent use; Read too.
type File struct {
	mu      sync.Mutex
	f       *os.File
	end     int64
	removed bool
}

// A Span is where bytes appended are in their File.
type Span struct{ Off, N int64 }

// New makes a File in the system's temporary folder.
func New() (*File, error) {
	f, err := os.CreateTemp("", "plansite-*")
	if err != nil {
		return nil, err
	}
	return &File{f: f, removed: os.Remove(f.Name()) == nil}, nil
}

// Append writes b after what was appended before.
func (s *File) Append(b []byte) (Span, error) {
	s.mu.Lock()
	off := s.end
	s.end += int64(len(b))
	s.mu.Unlock()
	_, err := s.f.WriteAt(b, off)
	return Span{off, int64(len(b))}, err
}

// Read appends the bytes at sp to buf.
func (s *File) Read(buf []byte, sp Span) ([]byte, error) {
	n := len(buf)
	buf = append(buf, make([]byte, sp.N)...)
	_, err := s.f.ReadAt(buf[n:], sp.Off)
	return buf, err
}

// Size is the number of bytes appended.
func (s *File) Size() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.end
}

// Close closes and removes the file. A nil File has nothing to close.
func (s *File) Close() error {
	if s == nil {
		return nil
	}
	err := s.f.Close()
	if !s.removed {
		if rerr := os.Remove(s.f.Name()); err == nil {
			err = rerr
		}
	}
	return err
}
