package load

import "strings"

// A KeySpan is where a key-value pair is written in a TOML file, in byte
// offsets: Key is where the key starts, and the value runs from
// ValueStart to ValueEnd (trailing spaces excluded). Path is the key's
// path with array indices, as validation writes it
// (divisions[0].sections[1].targets[0].actual).
type KeySpan struct {
	Path                      string
	Key, ValueStart, ValueEnd int
}

// KeySpans lists the key-value pairs of src, a TOML document that parses,
// in file order, for tools that edit a file while keeping its comments
// and layout (plansite new).
func KeySpans(src []byte) []KeySpan {
	var out []KeySpan
	s := &keyScanner{src: string(src), line: 1, arrays: map[string]int{}}
	s.record = func(string, int, int) {}
	s.span = func(path string, key, start, end int) {
		end = start + len(strings.TrimRight(string(src[start:end]), " \t\r"))
		out = append(out, KeySpan{Path: path, Key: key, ValueStart: start, ValueEnd: end})
	}
	s.document()
	return out
}
