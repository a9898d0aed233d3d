// Package markdown turns Markdown into safe HTML fragments with goldmark:
// GitHub tables, heading IDs that keep Japanese text, headings shifted to
// fit the page they sit in, site-relative links under the base path, and
// raw HTML escaped unless the site allows it. It reads no files.
package markdown

import (
	"bytes"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options configure a Converter. The zero value is safe: raw HTML is
// escaped and links are left as written.
type Options struct {
	// UnsafeHTML passes raw HTML through instead of escaping it.
	UnsafeHTML bool
	// BasePath is prefixed to site-absolute links (/ja/…), for sites
	// hosted in a subfolder; "/" or "" leaves them alone.
	BasePath string
}

// A Converter renders Markdown. It is safe for concurrent use.
type Converter struct {
	md       goldmark.Markdown
	basePath string
}

// New returns a Converter for opts.
func New(opts Options) *Converter {
	var rendererOpts []renderer.Option
	if opts.UnsafeHTML {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	} else {
		rendererOpts = append(rendererOpts, renderer.WithNodeRenderers(util.Prioritized(escapedHTML{}, 100)))
	}
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return &Converter{md: md, basePath: strings.TrimSuffix(opts.BasePath, "/")}
}

// Render converts src to HTML. topLevel is the heading level the
// document's largest heading becomes (3 for prose under a page's h2; 0
// keeps levels as written), and ids holds the IDs already used on the page
// the fragment goes into, so that heading IDs stay unique.
func (c *Converter) Render(src string, topLevel int, ids *IDs) (string, error) {
	if strings.TrimSpace(src) == "" {
		return "", nil
	}
	if html, ok := plainParagraphs(src); ok {
		return html, nil
	}
	return c.parseAndRender(src, topLevel, ids)
}

// parseAndRender converts src to HTML with goldmark, as Render does for
// any src that is not plain paragraphs.
func (c *Converter) parseAndRender(src string, topLevel int, ids *IDs) (string, error) {
	source := []byte(src)
	ctx := parser.NewContext(parser.WithIDs(ids))
	doc := c.md.Parser().Parse(text.NewReader(source), parser.WithContext(ctx))
	c.adjust(doc, source, topLevel, ctx)
	// Rendering into a util.BufWriter spares goldmark the 4 KB
	// bufio.Writer it would wrap any other writer in.
	buf := bufWriter{new(bytes.Buffer)}
	buf.Grow(len(source) + len(source)/4 + 32)
	if err := c.md.Renderer().Render(buf, source, doc); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// bufWriter is a bytes.Buffer as goldmark's util.BufWriter: writes land in
// the buffer at once, so there is nothing to flush.
type bufWriter struct{ *bytes.Buffer }

func (bufWriter) Buffered() int { return 0 }
func (bufWriter) Flush() error  { return nil }

// adjust shifts heading levels, gives headings IDs, and roots site links.
func (c *Converter) adjust(doc ast.Node, source []byte, topLevel int, ctx parser.Context) {
	minLevel := 7
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			minLevel = min(minLevel, h.Level)
		}
		return ast.WalkContinue, nil
	})
	shift := 0
	if topLevel > 0 && minLevel < 7 {
		shift = topLevel - minLevel
	}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			n.Level = max(1, min(6, n.Level+shift))
			id := ctx.IDs().Generate(headingText(n, source), ast.KindHeading)
			n.SetAttributeString("id", id)
		case *ast.Link:
			n.Destination = c.root(n.Destination)
		case *ast.Image:
			n.Destination = c.root(n.Destination)
		}
		return ast.WalkContinue, nil
	})
}

func (c *Converter) root(dest []byte) []byte {
	if c.basePath == "" || !bytes.HasPrefix(dest, []byte("/")) || bytes.HasPrefix(dest, []byte("//")) {
		return dest
	}
	return append([]byte(c.basePath), dest...)
}

func headingText(n ast.Node, source []byte) []byte {
	var buf bytes.Buffer
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			buf.Write(t.Segment.Value(source))
		}
		return ast.WalkContinue, nil
	})
	return buf.Bytes()
}

// IDs makes heading IDs from heading text, keeping letters and digits of
// any script (基本方針 stays 基本方針), lower-casing ASCII, and joining
// words with hyphens; repeats get -1, -2. One IDs serves one page and is
// not safe for concurrent use.
type IDs struct {
	prefix string
	used   map[string]bool
}

// NewIDs returns an empty set whose generated IDs start with prefix.
func NewIDs(prefix string) *IDs { return &IDs{prefix: prefix, used: map[string]bool{}} }

// Generate returns a new unique ID for a heading.
func (ids *IDs) Generate(value []byte, _ ast.NodeKind) []byte {
	var b strings.Builder
	dash := false
	for _, r := range string(value) {
		switch {
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	base := ids.prefix + b.String()
	if b.Len() == 0 {
		base = ids.prefix + "section"
	}
	id := base
	for n := 1; ids.used[id]; n++ {
		id = base + "-" + itoa(n)
	}
	ids.used[id] = true
	return []byte(id)
}

// Put marks an ID as used, such as an anchor the page sets itself.
func (ids *IDs) Put(value []byte) { ids.used[string(value)] = true }

func itoa(n int) string {
	var d [20]byte
	i := len(d)
	for n >= 10 {
		i--
		d[i] = byte('0' + n%10)
		n /= 10
	}
	i--
	d[i] = byte('0' + n)
	return string(d[i:])
}

var _ util.BufWriter = bufWriter{}

// escapedHTML renders raw HTML as visible, escaped text, so that a pasted
// tag can neither run script nor vanish silently.
type escapedHTML struct{}

func (escapedHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, renderHTMLBlock)
	reg.Register(ast.KindRawHTML, renderRawHTML)
}

func renderHTMLBlock(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	b := n.(*ast.HTMLBlock)
	if entering {
		w.WriteString("<p>")
		lines := b.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			w.Write(util.EscapeHTML(seg.Value(source)))
		}
		if b.HasClosure() {
			w.Write(util.EscapeHTML(b.ClosureLine.Value(source)))
		}
	} else {
		w.WriteString("</p>\n")
	}
	return ast.WalkContinue, nil
}

func renderRawHTML(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	segs := n.(*ast.RawHTML).Segments
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		w.Write(util.EscapeHTML(seg.Value(source)))
	}
	return ast.WalkSkipChildren, nil
}
