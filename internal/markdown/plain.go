package markdown

import (
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// FirstParagraph returns the text of the first paragraph of src, without
// markup, for a page's description: emphasis, links and code spans give
// their text, raw HTML and images nothing. A line break inside the
// paragraph becomes a space between two Latin letters or digits and
// nothing between Japanese characters, which are written without spaces.
// It returns "" when src has no paragraph.
func (c *Converter) FirstParagraph(src string) string {
	source := []byte(src)
	doc := c.md.Parser().Parse(text.NewReader(source))
	var para ast.Node
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && (n.Kind() == ast.KindParagraph || n.Kind() == ast.KindTextBlock) {
			para = n
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if para == nil {
		return ""
	}
	var b strings.Builder
	ast.Walk(para, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Image, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			b.Write(n.Segment.Value(source))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte('\n')
			}
		case *ast.String:
			b.Write(n.Value)
		}
		return ast.WalkContinue, nil
	})
	return joinLines(b.String())
}

// joinLines joins the lines of s, with a space only between two
// characters that are both ASCII letters, digits or punctuation.
func joinLines(s string) string {
	lines := strings.Split(s, "\n")
	var b strings.Builder
	for _, line := range lines {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if b.Len() > 0 {
			last, _ := utf8.DecodeLastRuneInString(b.String())
			first, _ := utf8.DecodeRuneInString(line)
			if last < utf8.RuneSelf && first < utf8.RuneSelf {
				b.WriteByte(' ')
			}
		}
		b.WriteString(line)
	}
	return b.String()
}
