package render

import (
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/markdown"
	"github.com/plansite/plansite/internal/plan"
)

// Page kinds, each rendered by the layout of the same name.
const (
	KindRoot     = "root"
	KindHome     = "home"
	KindOrg      = "org"
	KindPlan     = "plan"
	KindPage     = "page"
	KindGlossary = "glossary"
	// KindSearch is the search page of a language (layout search.html),
	// at search/ under the language.
	KindSearch = "search"
)

var kinds = []string{KindRoot, KindHome, KindOrg, KindPlan, KindPage, KindGlossary, KindCalendar, KindNotFound, KindSearch}

// Site is what every page can see.
type Site struct {
	Config   plan.Site
	Orgs     []*plan.Org
	Glossary plan.Glossary
	Home     plan.Page
	// Stylesheet is the fingerprinted CSS file.
	Stylesheet Asset
	// SearchScript is the fingerprinted script of the search page.
	SearchScript Asset
	// BaseURL is the site's absolute address, such as
	// https://example.jp/keikaku/, or "" when -baseURL gives only a path.
	BaseURL string
	// OpenData lists the data files published with the pages; nil when
	// there are none.
	OpenData *OpenData
}

// An Asset is a file with a content-hashed path and its SRI digest.
type Asset struct {
	// Path is relative to the site root, such as css/main.1a2b3c4d.css.
	Path      string
	Integrity string
}

// A Page is one page to render.
type Page struct {
	Kind string
	Lang lang.Lang
	// Path is the page's folder under its language, such as
	// "meyasubako/2024/"; "" for the home page.
	Path    string
	Org     *plan.Org
	Plan    *plan.Plan
	Content *plan.Page
}

// OutputPath is the file the page is written to, relative to the output root.
func (p Page) OutputPath() string {
	switch p.Kind {
	case KindRoot:
		return "index.html"
	case KindNotFound:
		return "404.html"
	}
	return path.Join(string(p.Lang), p.Path, "index.html")
}

// Options configure a Renderer.
type Options struct {
	// BasePath is the path of the site's root on its host, "/" or "/keikaku/".
	BasePath   string
	UnsafeHTML bool
}

// A Renderer renders pages with the templates of one layouts folder. Its
// templates are parsed once, in New; Render is safe for concurrent use.
type Renderer struct {
	templates map[string]*template.Template
	md        *markdown.Converter
	basePath  string
	uses      map[string]Uses
}

// New parses layouts/*.html and layouts/partials/*.html from fsys.
func New(fsys fs.FS, opts Options) (*Renderer, error) {
	base := strings.TrimSuffix(opts.BasePath, "/")
	r := &Renderer{
		templates: map[string]*template.Template{},
		md:        markdown.New(markdown.Options{UnsafeHTML: opts.UnsafeHTML, BasePath: base}),
		basePath:  base,
		uses:      map[string]Uses{},
	}
	partials, err := fs.Glob(fsys, "layouts/partials/*.html")
	if err != nil {
		return nil, err
	}
	shared := template.New("baseof.html").Funcs(funcs)
	if shared, err = shared.ParseFS(fsys, append([]string{"layouts/baseof.html"}, partials...)...); err != nil {
		return nil, fmt.Errorf("layouts: %w", err)
	}
	for _, kind := range kinds {
		t, err := shared.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := t.ParseFS(fsys, "layouts/"+kind+".html"); err != nil {
			return nil, fmt.Errorf("layouts: %w", err)
		}
		r.uses[kind] = usesOf(t, append([]string{"layouts/baseof.html", "layouts/" + kind + ".html"}, partials...))
		r.templates[kind] = t
	}
	return r, nil
}

// Render writes the page's HTML to w. A failed render may have written
// part of the page: render into a buffer.
func (r *Renderer) Render(w io.Writer, site *Site, p Page) error {
	t, ok := r.templates[p.Kind]
	if !ok {
		return fmt.Errorf("no layout for page kind %q", p.Kind)
	}
	ids := markdown.NewIDs("")
	l := &Localizer{Lang: p.Lang, basePath: r.basePath, md: r.md, ids: ids}
	d := &pageData{L: l, Site: site, Page: p}
	d.prepare(ids)
	if err := t.ExecuteTemplate(w, "baseof.html", d); err != nil {
		return fmt.Errorf("%s: %w", p.OutputPath(), err)
	}
	return nil
}

var funcs = template.FuncMap{
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, fmt.Errorf("dict needs key, value pairs")
		}
		m := make(map[string]any, len(kv)/2)
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict key %v is not a string", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
	"add":     func(a, b int) int { return a + b },
	"heading": heading,
	"fte":     plan.FormatFTE,
	"termID":  TermID,
}

// heading writes a heading element: h2 to h6 by level (deeper levels are
// h6), with id when it is not "", and text, which is escaped unless it is
// template.HTML. It is made here rather than in a partial because a plan
// page has hundreds of headings, and a template can only pick a tag name
// by testing the level against each one: the partial's dict, template call
// and comparisons were an eighth of a plan page's rendering.
func heading(level int, id string, text any) (template.HTML, error) {
	var body string
	switch t := text.(type) {
	case template.HTML:
		body = string(t)
	case string:
		body = template.HTMLEscapeString(t)
	default:
		return "", fmt.Errorf("heading: text is %T, expected a string or HTML", text)
	}
	tag := "h" + strconv.Itoa(min(max(level, 2), 6))
	var b strings.Builder
	b.Grow(2*len(tag) + len(id) + len(body) + 16)
	b.WriteString("<" + tag)
	if id != "" {
		b.WriteString(` id="`)
		b.WriteString(template.HTMLEscapeString(id))
		b.WriteByte('"')
	}
	b.WriteByte('>')
	b.WriteString(body)
	b.WriteString("</" + tag + ">")
	return template.HTML(b.String()), nil
}
