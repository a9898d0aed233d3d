package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// A Link is a link or image destination in Markdown source, as written.
type Link struct {
	Dest string
	// Offset is the byte offset in the source where the link starts (its
	// "[" or "!["), or where its text starts when that cannot be known.
	Offset int
	Image  bool
}

// Links lists the links and images of src in document order, with their
// destinations as written (before the base path is added). It parses as
// Render does, so link reference definitions are resolved.
func (c *Converter) Links(src string) []Link {
	source := []byte(src)
	doc := c.md.Parser().Parse(text.NewReader(source))
	var out []Link
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			out = append(out, Link{Dest: string(n.Destination), Offset: linkOffset(n, source, 1)})
		case *ast.Image:
			out = append(out, Link{Dest: string(n.Destination), Offset: linkOffset(n, source, 2), Image: true})
		}
		return ast.WalkContinue, nil
	})
	return out
}

// linkOffset is where the link n starts: before its first text, less the
// opening "[" or "![" (open bytes) when they are there.
func linkOffset(n ast.Node, source []byte, open int) int {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			start := t.Segment.Start
			if start >= open && string(source[start-open:start]) == "!["[2-open:] {
				return start - open
			}
			return start
		}
	}
	return 0
}
