package markdown

import "strings"

// plainParagraphs renders src as goldmark does when src is only
// paragraphs of plain text: lines with no ASCII character that can begin
// Markdown syntax, no leading or trailing blanks (indented code, hard line
// breaks) and no line that starts like an ordered list item, separated by
// empty lines. Most descriptions in a plan are such text, and the parse is
// most of what rendering them costs. ok is false when src needs the parser.
func plainParagraphs(src string) (html string, ok bool) {
	for line := range strings.Lines(src) {
		if line = strings.TrimSuffix(line, "\n"); line != "" && !plainLine(line) {
			return "", false
		}
	}
	var b strings.Builder
	b.Grow(len(src) + len(src)/8 + 16)
	open := false // within a paragraph
	for line := range strings.Lines(src) {
		line = strings.TrimSuffix(line, "\n")
		if line == "" {
			if open {
				b.WriteString("</p>\n")
				open = false
			}
			continue
		}
		if open {
			b.WriteByte('\n')
		} else {
			b.WriteString("<p>")
			open = true
		}
		for {
			i := strings.IndexByte(line, '"')
			if i < 0 {
				b.WriteString(line)
				break
			}
			b.WriteString(line[:i])
			b.WriteString("&quot;")
			line = line[i+1:]
		}
	}
	if open {
		b.WriteString("</p>\n")
	}
	return b.String(), true
}

// plainLine reports whether line, not empty, is plain paragraph text
// wherever it stands in a paragraph.
func plainLine(line string) bool {
	if c := line[0]; c == ' ' || c == '\t' {
		return false
	}
	if c := line[len(line)-1]; c == ' ' || c == '\t' {
		return false
	}
	digits := 0
	for digits < len(line) && '0' <= line[digits] && line[digits] <= '9' {
		digits++
	}
	if digits > 0 && digits < len(line) && (line[digits] == '.' || line[digits] == ')') {
		return false // 1. or 1) starts an ordered list
	}
	for i := 0; i < len(line); i++ {
		if c := line[i]; c < ' ' || c == 0x7f || strings.IndexByte(syntaxBytes, c) >= 0 {
			return false
		}
	}
	return true
}

// syntaxBytes are the ASCII characters that can begin or end Markdown
// syntax (emphasis, code, links, images, autolinks, raw HTML, entities,
// escapes, headings, block quotes, lists, rules, setext underlines, tables,
// strikethrough).
const syntaxBytes = "\\`*_[]!<>&#~|=+-"
