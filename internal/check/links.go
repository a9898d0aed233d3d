package check

import (
	"bytes"
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tdewolff/parse/v2"
	htmllex "github.com/tdewolff/parse/v2/html"

	"github.com/plansite/plansite/internal/build"
	"github.com/plansite/plansite/internal/diag"
	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/load"
	"github.com/plansite/plansite/internal/markdown"
	"github.com/plansite/plansite/internal/plan"
	"github.com/plansite/plansite/internal/theme"
)

// A linkChecker follows the site-internal links of every Markdown text.
type linkChecker struct {
	root string
	site *load.Site
	md   *markdown.Converter
	// files are the site's output files by slash path ("ja/about/index.html");
	// rendered says they are the real output rather than the pages the
	// data implies.
	files    map[string]bool
	rendered bool
	out      build.Output
	ids      map[string]map[string]bool // anchors of each rendered page, read when needed
	pos      map[string]load.Positions  // key positions of TOML files, read when needed
	problems *diag.List
	reported map[string]bool
}

func newLinkChecker(root string, site *load.Site, out build.Output) *linkChecker {
	lc := &linkChecker{
		root: root, site: site, md: markdown.New(markdown.Options{}),
		files: map[string]bool{}, out: out, rendered: out != nil,
		ids: map[string]map[string]bool{}, pos: map[string]load.Positions{},
		reported: map[string]bool{},
	}
	if lc.rendered {
		for f := range out {
			lc.files[f] = true
		}
		return lc
	}
	for _, l := range lang.All {
		lc.files[string(l)+"/index.html"] = true
		for _, o := range site.Orgs {
			lc.files[string(l)+"/"+o.ID+"/index.html"] = true
			for _, p := range o.Plans {
				lc.files[string(l)+"/"+planPath(p)+"index.html"] = true
			}
		}
		if len(site.Glossary.Terms) > 0 {
			lc.files[string(l)+"/glossary/index.html"] = true
		}
		for name := range site.Pages {
			lc.files[string(l)+"/"+name+"/index.html"] = true
		}
	}
	if assets, err := theme.Files(theme.Overlay(root), "assets"); err == nil {
		for _, a := range assets {
			lc.files[strings.TrimPrefix(a, "assets/")] = true
		}
	}
	return lc
}

func planPath(p *plan.Plan) string { return p.OrgID + "/" + strconv.Itoa(int(p.FiscalYear)) + "/" }

// check follows every link of the site's data and content.
func (lc *linkChecker) check(problems *diag.List) {
	lc.problems = problems
	site := lc.site
	for _, o := range site.Orgs {
		lc.page(o.Intro, o.ID+"/")
		for _, p := range o.Plans {
			file := "data/plans/" + planPath(p)
			file = strings.TrimSuffix(file, "/") + ".toml"
			walkTexts(reflect.ValueOf(p).Elem(), "", func(keyPath string, t lang.Text) {
				lc.text(file, keyPath, t, planPath(p))
			})
			lc.page(p.Body, planPath(p))
		}
	}
	for i, term := range site.Glossary.Terms {
		lc.text("data/glossary.toml", fmt.Sprintf("terms[%d].note", i), term.Note, "glossary/")
	}
	lc.page(site.Home, "")
	names := make([]string, 0, len(site.Pages))
	for name := range site.Pages {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		lc.page(*site.Pages[name], name+"/")
	}
}

// shownOn lists the pages text in language l appears on: its own
// language's, and the English page too when Japanese stands in for a
// missing translation.
func shownOn(l lang.Lang, hasEnglish bool, pagePath string) []string {
	pages := []string{"/" + string(l) + "/" + pagePath}
	if l == lang.Ja && !hasEnglish {
		pages = append(pages, "/en/"+pagePath)
	}
	return pages
}

// text follows the links of a text of a TOML file at keyPath.
func (lc *linkChecker) text(file, keyPath string, t lang.Text, pagePath string) {
	for _, l := range lang.All {
		src := t.Ja
		if l == lang.En {
			src = t.En
		}
		if !strings.Contains(src, "](") && !strings.Contains(src, "]:") {
			continue // no link syntax: skip parsing
		}
		for _, link := range lc.md.Links(src) {
			lc.follow(link.Dest, pagePath, shownOn(l, t.En != "", pagePath), func() diag.Pos {
				return lc.tomlPos(file, keyPath+"."+string(l))
			})
		}
	}
}

// page follows the links of a content page.
func (lc *linkChecker) page(pg plan.Page, pagePath string) {
	for _, l := range lang.All {
		src, file := pg.Source[l], pg.File[l]
		if src == "" || file == "" {
			continue
		}
		for _, link := range lc.md.Links(src) {
			lc.follow(link.Dest, pagePath, shownOn(l, pg.Source[lang.En] != "", pagePath), func() diag.Pos {
				return lc.contentPos(file, src, link.Offset)
			})
		}
	}
}

// follow checks dest as linked from each of pages, and reports it once if
// it is broken on any.
func (lc *linkChecker) follow(dest, pagePath string, pages []string, pos func() diag.Pos) {
	u, err := url.Parse(dest)
	if err != nil {
		lc.report(pos(), dest, diag.Message("broken link %q: it is not a valid address", dest))
		return
	}
	if u.Scheme != "" || u.Host != "" || u.Path == "" && u.Fragment == "" {
		return // another site, mail, telephone, or nothing to follow
	}
	for _, page := range pages {
		base := &url.URL{Path: page}
		target := base.ResolveReference(u)
		file, ok := lc.resolve(strings.TrimPrefix(target.Path, "/"))
		if !ok {
			if !lc.rendered && !pageLike(target.Path) {
				return // a file the output will show; checked when the site renders
			}
			lc.report(pos(), dest, diag.Message("broken link %q: the site has no page or file %q%s", dest, target.Path, lc.suggestPage(target.Path)))
			return
		}
		if u.Fragment == "" || !lc.rendered || !strings.HasSuffix(file, ".html") {
			continue
		}
		ids := lc.anchors(file)
		if !ids[u.Fragment] {
			hint := ""
			if s := diag.Suggest(u.Fragment, sortedKeys(ids)); s != "" {
				hint = diag.Message(" (did you mean %q?)", "#"+s)
			}
			lc.report(pos(), dest, diag.Message("broken link %q: %s has no anchor %q%s", dest, target.Path, "#"+u.Fragment, hint))
			return
		}
	}
}

func (lc *linkChecker) report(pos diag.Pos, dest, msg string) {
	key := pos.String() + "\x00" + dest
	if lc.reported[key] {
		return
	}
	lc.reported[key] = true
	lc.problems.Add(diag.Problem{Pos: pos, Severity: diag.Error, Message: msg})
}

// resolve maps a site path to an output file: folders to their
// index.html, and a page named without its final slash to its folder.
func (lc *linkChecker) resolve(p string) (string, bool) {
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	if lc.files[p] {
		return p, true
	}
	if idx := p + "/index.html"; lc.files[idx] {
		return idx, true
	}
	return "", false
}

// pageLike reports whether a path names a page rather than a file.
func pageLike(p string) bool {
	return strings.HasSuffix(p, "/") || path.Ext(p) == "" || path.Ext(p) == ".html"
}

// suggestPage offers the nearest page for a " (did you mean …?)" hint.
func (lc *linkChecker) suggestPage(target string) string {
	var pages []string
	for f := range lc.files {
		if strings.HasSuffix(f, "/index.html") {
			pages = append(pages, "/"+strings.TrimSuffix(f, "index.html"))
		}
	}
	sort.Strings(pages)
	if !strings.HasSuffix(target, "/") && path.Ext(target) == "" {
		target += "/"
	}
	return diag.Hint(target, pages)
}

// anchors returns the id attributes of a rendered page.
func (lc *linkChecker) anchors(file string) map[string]bool {
	if ids, ok := lc.ids[file]; ok {
		return ids
	}
	ids := map[string]bool{}
	lx := htmllex.NewLexer(parse.NewInputBytes(lc.out[file]))
	for {
		tt, _ := lx.Next()
		if tt == htmllex.ErrorToken {
			break
		}
		if tt == htmllex.AttributeToken && string(lx.AttrKey()) == "id" {
			v := bytes.Trim(lx.AttrVal(), `"'`)
			ids[html.UnescapeString(string(v))] = true
		}
	}
	lc.ids[file] = ids
	return ids
}

// tomlPos places a key path of a TOML file.
func (lc *linkChecker) tomlPos(file, keyPath string) diag.Pos {
	p, ok := lc.pos[file]
	if !ok {
		src, err := os.ReadFile(filepath.Join(lc.root, filepath.FromSlash(file)))
		if err != nil {
			return diag.Pos{File: file}
		}
		p = load.NewPositions(file, src)
		lc.pos[file] = p
	}
	return p.Of(keyPath)
}

// contentPos places a byte offset of a content file's Markdown body,
// which follows the file's front matter.
func (lc *linkChecker) contentPos(file, body string, off int) diag.Pos {
	src, err := fs.ReadFile(os.DirFS(lc.root), file)
	if err != nil || !bytes.HasSuffix(src, []byte(body)) {
		return diag.Pos{File: file}
	}
	abs := len(src) - len(body) + off
	line := 1 + bytes.Count(src[:abs], []byte("\n"))
	lineStart := bytes.LastIndexByte(src[:abs], '\n') + 1
	return diag.Pos{File: file, Line: line, Col: utf8.RuneCount(src[lineStart:abs]) + 1}
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

var textType = reflect.TypeOf(lang.Text{})

// walkTexts calls f for every Text in v with its key path as validation
// writes it (divisions[0].sections[1].programs[2].description).
func walkTexts(v reflect.Value, keyPath string, f func(string, lang.Text)) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			walkTexts(v.Elem(), keyPath, f)
		}
	case reflect.Struct:
		if v.Type() == textType {
			f(keyPath, v.Interface().(lang.Text))
			return
		}
		for i := 0; i < v.NumField(); i++ {
			field := v.Type().Field(i)
			name, _, _ := strings.Cut(field.Tag.Get("toml"), ",")
			if !field.IsExported() || name == "-" {
				continue
			}
			if field.Anonymous {
				walkTexts(v.Field(i), keyPath, f)
				continue
			}
			walkTexts(v.Field(i), join(keyPath, name), f)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			walkTexts(v.Index(i), fmt.Sprintf("%s[%d]", keyPath, i), f)
		}
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		for _, k := range keys {
			walkTexts(v.MapIndex(k), join(keyPath, k.String()), f)
		}
	}
}

func join(keyPath, key string) string {
	if keyPath == "" {
		return key
	}
	return keyPath + "." + key
}
