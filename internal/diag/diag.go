// Package diag holds source positions and the problems found in a build:
// every error and warning of a run is collected in a List and reported
// together, each naming the file, line and column it concerns.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Pos is a position in a source file. Line and Col are 1-based; Col counts
// characters (runes), not bytes, so it matches what an editor shows for
// Japanese text. A zero Line means the whole file; a zero Col means the
// whole line.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats p as file:line:col, file:line or file.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Severity tells an error, which fails the build, from a warning, which does not.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// A Problem is one error or warning with its position and a message that
// says what was expected.
type Problem struct {
	Pos      Pos
	Severity Severity
	Message  string
}

func (p Problem) Error() string {
	if p.Severity == Warning {
		return fmt.Sprintf("%s: warning: %s", p.Pos, p.Message)
	}
	return fmt.Sprintf("%s: %s", p.Pos, p.Message)
}

// A List collects the problems of a run. The zero value is an empty list.
// A List is not safe for concurrent use.
type List struct {
	problems []Problem
}

// Errorf adds an error at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) {
	l.problems = append(l.problems, Problem{Pos: pos, Severity: Error, Message: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning at pos.
func (l *List) Warnf(pos Pos, format string, args ...any) {
	l.problems = append(l.problems, Problem{Pos: pos, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}

// Add appends problems to the list.
func (l *List) Add(ps ...Problem) { l.problems = append(l.problems, ps...) }

// Merge appends every problem of other.
func (l *List) Merge(other *List) {
	if other != nil {
		l.problems = append(l.problems, other.problems...)
	}
}

// Problems returns the problems sorted by file, line and column, errors
// before warnings at the same place.
func (l *List) Problems() []Problem {
	out := append([]Problem(nil), l.problems...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Severity < b.Severity
	})
	return out
}

// Errors returns only the errors, sorted as in Problems.
func (l *List) Errors() []Problem { return l.filter(Error) }

// Warnings returns only the warnings, sorted as in Problems.
func (l *List) Warnings() []Problem { return l.filter(Warning) }

func (l *List) filter(s Severity) []Problem {
	var out []Problem
	for _, p := range l.Problems() {
		if p.Severity == s {
			out = append(out, p)
		}
	}
	return out
}

// HasErrors reports whether any problem is an error.
func (l *List) HasErrors() bool {
	for _, p := range l.problems {
		if p.Severity == Error {
			return true
		}
	}
	return false
}

// Err returns nil when the list holds no error, and otherwise an error
// whose message lists every error, one per line.
func (l *List) Err() error {
	errs := l.Errors()
	if len(errs) == 0 {
		return nil
	}
	return &Errors{List: errs}
}

// Errors is the error returned by List.Err.
type Errors struct {
	List []Problem
}

func (e *Errors) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d error(s):", len(e.List))
	for _, p := range e.List {
		b.WriteString("\n")
		b.WriteString(p.Error())
	}
	return b.String()
}

// Suggest returns the candidate closest to word, for "did you mean" hints,
// or "" when none is close enough to be a likely typo.
func Suggest(word string, candidates []string) string {
	best, bestDist := "", -1
	for _, c := range candidates {
		d := editDistance(strings.ToLower(word), strings.ToLower(c))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	limit := len([]rune(word))/3 + 1
	if limit > 3 {
		limit = 3
	}
	if bestDist < 0 || bestDist > limit {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, by runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Hint returns " (did you mean "x"?)" for the candidate closest to word, or
// "" when none is close enough: the suffix every "unknown name" message uses.
func Hint(word string, candidates []string) string {
	if s := Suggest(word, candidates); s != "" {
		return Message(" (did you mean %q?)", s)
	}
	return ""
}
