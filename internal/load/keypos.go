package load

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/plansite/plansite/internal/diag"
)

// keyPositions maps the key paths of a TOML document to where they are
// written. BurntSushi/toml reports positions for syntax errors only, so
// errors found after decoding (unknown keys, impossible values) look their
// keys up here. Paths carry array indices as validation reports them
// (divisions[0].sections[1].name); the same paths without indices are kept
// for the unknown keys that toml.MetaData.Undecoded reports.
//
// The scanner assumes the document has already parsed without error.
//
// Scanning costs as much as a third of decoding, and most files have no
// problems, so it happens on the first lookup.
type keyPositions struct {
	file    string
	src     []byte
	once    sync.Once
	exact   map[string]diag.Pos
	byShape map[string][]diag.Pos
}

func scanKeys(file string, src []byte) *keyPositions {
	return &keyPositions{file: file, src: src}
}

func (kp *keyPositions) scan() {
	kp.once.Do(func() { kp.scanNow() })
}

func (kp *keyPositions) scanNow() {
	s := &keyScanner{src: string(kp.src), line: 1, arrays: map[string]int{}}
	kp.exact, kp.byShape = map[string]diag.Pos{}, map[string][]diag.Pos{}
	file := kp.file
	s.record = func(path string, line, col int) {
		pos := diag.Pos{File: file, Line: line, Col: col}
		if _, seen := kp.exact[path]; !seen {
			kp.exact[path] = pos
		}
		shape := stripIndices(path)
		kp.byShape[shape] = append(kp.byShape[shape], pos)
	}
	s.document()
}

var indexPattern = regexp.MustCompile(`\[\d+\]`)

func stripIndices(path string) string { return indexPattern.ReplaceAllString(path, "") }

// Pos returns the position of path, or of its nearest written ancestor
// (a table header, an inline table) when the path itself is not written
// out, or the file when nothing matches.
func (kp *keyPositions) Pos(path string) diag.Pos {
	kp.scan()
	for p := path; p != ""; p = parentPath(p) {
		if pos, ok := kp.exact[p]; ok {
			return pos
		}
	}
	return diag.Pos{File: kp.file}
}

// Shaped returns every position of a path given without indices.
func (kp *keyPositions) Shaped(path string) []diag.Pos {
	kp.scan()
	return kp.byShape[path]
}

// parentPath drops the last key or index of path.
func parentPath(p string) string {
	if strings.HasSuffix(p, "]") {
		return p[:strings.LastIndexByte(p, '[')]
	}
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		return p[:i]
	}
	return ""
}

type keyScanner struct {
	src    string
	off    int
	line   int
	lineAt int // byte offset where the current line starts
	arrays map[string]int
	record func(path string, line, col int)
	// span, when set, receives the byte offsets of each key-value pair:
	// where the key starts and where its value starts and ends.
	span func(path string, key, valueStart, valueEnd int)
}

func (s *keyScanner) col() int { return utf8.RuneCountInString(s.src[s.lineAt:s.off]) + 1 }

func (s *keyScanner) peek() byte {
	if s.off < len(s.src) {
		return s.src[s.off]
	}
	return 0
}

func (s *keyScanner) advance() {
	if s.src[s.off] == '\n' {
		s.line++
		s.lineAt = s.off + 1
	}
	s.off++
}

// skip passes spaces and tabs, and newlines and comments when multiline is set.
func (s *keyScanner) skip(multiline bool) {
	for s.off < len(s.src) {
		switch c := s.peek(); {
		case c == ' ' || c == '\t' || c == '\r':
			s.advance()
		case c == '\n' && multiline:
			s.advance()
		case c == '#' && multiline:
			for s.off < len(s.src) && s.peek() != '\n' {
				s.advance()
			}
		default:
			return
		}
	}
}

func (s *keyScanner) document() {
	table := ""
	for s.off < len(s.src) {
		s.skip(true)
		if s.off >= len(s.src) {
			return
		}
		if s.peek() == '[' {
			table = s.header()
			continue
		}
		s.keyValue(table)
	}
}

// header reads [a.b] or [[a.b]] and returns the indexed path of the table.
func (s *keyScanner) header() string {
	line, col := s.line, s.col()
	s.advance()
	isArray := s.peek() == '['
	if isArray {
		s.advance()
	}
	keys := s.keys()
	for s.off < len(s.src) && s.peek() != '\n' {
		s.advance()
	}
	path := ""
	for i, k := range keys {
		path = joinKey(path, k)
		last := i == len(keys)-1
		if last && isArray {
			s.arrays[path]++
		}
		if n, ok := s.arrays[path]; ok {
			path += "[" + strconv.Itoa(n-1) + "]"
		}
	}
	s.record(path, line, col)
	return path
}

func (s *keyScanner) keyValue(table string) {
	line, col, start := s.line, s.col(), s.off
	path := table
	for _, k := range s.keys() {
		path = joinKey(path, k)
	}
	s.record(path, line, col)
	s.skip(false)
	if s.peek() == '=' {
		s.advance()
	}
	s.skip(false)
	valueStart := s.off
	s.value(path)
	if s.span != nil {
		s.span(path, start, valueStart, s.off)
	}
}

// keys reads a dotted key, bare or quoted, and stops at '=' or ']'.
func (s *keyScanner) keys() []string {
	var keys []string
	for s.off < len(s.src) {
		s.skip(false)
		var k string
		switch s.peek() {
		case '"', '\'':
			k = s.quoted()
		default:
			start := s.off
			for s.off < len(s.src) && isBare(s.peek()) {
				s.advance()
			}
			k = s.src[start:s.off]
		}
		keys = append(keys, k)
		s.skip(false)
		if s.peek() != '.' {
			return keys
		}
		s.advance()
	}
	return keys
}

func isBare(c byte) bool {
	return c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// quoted reads a basic or literal string, single- or multi-line, and returns its raw content.
func (s *keyScanner) quoted() string {
	q := s.peek()
	if strings.HasPrefix(s.src[s.off:], strings.Repeat(string(q), 3)) {
		s.off += 3
		end := strings.Index(s.src[s.off:], strings.Repeat(string(q), 3))
		if end < 0 {
			end = len(s.src) - s.off
		}
		for stop := s.off + end; s.off < stop; {
			if q == '"' && s.peek() == '\\' {
				s.advance()
				stop = max(stop, s.off+1)
			}
			s.advance()
		}
		for s.off < len(s.src) && s.peek() == q { // closing quotes, and quotes just before them
			s.advance()
		}
		return ""
	}
	s.advance()
	start := s.off
	for s.off < len(s.src) && s.peek() != q && s.peek() != '\n' {
		if q == '"' && s.peek() == '\\' {
			s.advance()
		}
		s.advance()
	}
	k := s.src[start:s.off]
	if s.off < len(s.src) && s.peek() == q {
		s.advance()
	}
	return k
}

func (s *keyScanner) value(path string) {
	switch s.peek() {
	case '"', '\'':
		s.quoted()
	case '{':
		s.advance()
		for s.off < len(s.src) {
			s.skip(true)
			if s.peek() == '}' {
				s.advance()
				return
			}
			if s.peek() == ',' {
				s.advance()
				continue
			}
			s.keyValue(path)
		}
	case '[':
		s.advance()
		for i := 0; s.off < len(s.src); {
			s.skip(true)
			switch s.peek() {
			case ']':
				s.advance()
				return
			case ',':
				s.advance()
				continue
			}
			elem := path + "[" + strconv.Itoa(i) + "]"
			s.record(elem, s.line, s.col())
			s.value(elem)
			i++
		}
	default:
		for s.off < len(s.src) {
			switch s.peek() {
			case ',', ']', '}', '\n', '#':
				return
			}
			s.advance()
		}
	}
}

func joinKey(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
