package diag

import (
	"strconv"
	"strings"
)

// A verb is one fmt verb in a format, such as %q, %5.1f or %[2]d.
type verb struct {
	start, end int    // byte offsets of the verb in the format
	flags      string // flags, width and precision, as written
	index      int    // explicit argument index [n], 1-based; 0 when absent
	verb       byte
}

// parseVerbs lists the verbs of format in order; "%%" is not a verb.
func parseVerbs(format string) []verb {
	var out []verb
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		start := i
		i++
		if i < len(format) && format[i] == '%' {
			continue
		}
		v := verb{start: start}
		flagStart := i
		for i < len(format) && strings.IndexByte("+-# 0123456789.", format[i]) >= 0 {
			i++
		}
		v.flags = format[flagStart:i]
		if i < len(format) && format[i] == '[' {
			if end := strings.IndexByte(format[i:], ']'); end > 0 {
				v.index, _ = strconv.Atoi(format[i+1 : i+end])
				i += end + 1
			}
		}
		if i < len(format) {
			v.verb = format[i]
		}
		v.end = i + 1
		out = append(out, v)
	}
	return out
}

// literal returns the text of format between from and to with "%%" unescaped.
func literal(format string, from, to int) string {
	return strings.ReplaceAll(format[from:to], "%%", "%")
}

// fill formats the template tmpl (a Japanese catalog entry) with captures,
// the English text of each argument of the English format whose verbs are
// src. A template verb takes the capture of its explicit index, or of its
// position. Captures of %s and %v that are catalog messages are
// translated.
func fill(tmpl string, src []verb, captures []string) string {
	var b strings.Builder
	last := 0
	for i, v := range parseVerbs(tmpl) {
		b.WriteString(literal(tmpl, last, v.start))
		last = v.end
		n := i
		if v.index > 0 {
			n = v.index - 1
		}
		if n < 0 || n >= len(captures) {
			b.WriteString(tmpl[v.start:v.end])
			continue
		}
		c := captures[n]
		if sv := src[n].verb; (sv == 's' || sv == 'v') && c != "" {
			if t, ok := translate(c); ok {
				c = t
			}
		}
		b.WriteString(c)
	}
	b.WriteString(literal(tmpl, last, len(tmpl)))
	return b.String()
}

// translate finds the most specific catalog format that msg was made from
// and returns msg in Japanese.
func translate(msg string) (string, bool) {
	best, bestScore := "", -1
	var bestCaptures []string
	for _, c := range catalogs {
		for format := range c {
			score := specificity(format)
			if score < bestScore || score == bestScore && format > best {
				continue
			}
			if caps, ok := match(format, msg); ok {
				best, bestScore, bestCaptures = format, score, caps
			}
		}
	}
	if bestScore < 0 {
		return "", false
	}
	ja, _ := lookup(best)
	return fill(ja, parseVerbs(best), bestCaptures), true
}

// specificity is the length of a format's literal text: among formats that
// match a message, the one with the most literal text is the one it was
// made from.
func specificity(format string) int {
	n := len(format)
	for _, v := range parseVerbs(format) {
		n -= v.end - v.start
	}
	return n
}

// match reports whether msg is format formatted with some arguments, and
// returns their text. %q matches a Go-quoted string, %d an integer, and
// any other verb the shortest text that lets the rest match.
func match(format, msg string) ([]string, bool) {
	verbs := parseVerbs(format)
	caps := make([]string, len(verbs))
	var rec func(vi, fpos, mpos int) bool
	rec = func(vi, fpos, mpos int) bool {
		if vi == len(verbs) {
			return literal(format, fpos, len(format)) == msg[mpos:]
		}
		v := verbs[vi]
		lit := literal(format, fpos, v.start)
		if !strings.HasPrefix(msg[mpos:], lit) {
			return false
		}
		mpos += len(lit)
		switch v.verb {
		case 'q':
			q, err := strconv.QuotedPrefix(msg[mpos:])
			if err != nil {
				return false
			}
			caps[vi] = q
			return rec(vi+1, v.end, mpos+len(q))
		case 'd':
			end := mpos
			if end < len(msg) && msg[end] == '-' {
				end++
			}
			digits := end
			for end < len(msg) && msg[end] >= '0' && msg[end] <= '9' {
				end++
			}
			if end == digits {
				return false
			}
			caps[vi] = msg[mpos:end]
			return rec(vi+1, v.end, end)
		}
		for end := mpos; end <= len(msg); end++ {
			if rec(vi+1, v.end, end) {
				caps[vi] = msg[mpos:end]
				return true
			}
		}
		return false
	}
	if !rec(0, 0, 0) {
		return nil, false
	}
	return caps, true
}

// lookup returns the Japanese template of an English catalog format.
func lookup(format string) (string, bool) {
	for _, c := range catalogs {
		if ja, ok := c[format]; ok {
			return ja, true
		}
	}
	return "", false
}
