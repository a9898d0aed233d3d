// Package load reads a site's data/ and content/ folders into the model of
// package plan, with every problem placed at its file, line and column.
// It never computes, renders or writes.
package load

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/plansite/plansite/internal/diag"
	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/plan"
)

// Site is everything read from a site folder.
type Site struct {
	Config plan.Site
	// Orgs are sorted by ID; each holds its plans, oldest first.
	Orgs     []*plan.Org
	Glossary plan.Glossary
	// Home is content/_index.*.md, the home page's introduction.
	Home plan.Page
	// Pages are the other pages of content/ (content/about.ja.md), by path.
	Pages map[string]*plan.Page
	// Theme holds the site's own layouts/ and assets/ files, to lay over
	// the built-in theme.
	Theme fs.FS
	// Digests fingerprint each part of the site, for incremental builds.
	Digests Digests
}

// Digests fingerprint the parts of a site, so that a builder can tell
// which parts changed between two loads: each is the Mix of the digests
// of the files the part was read from. A part with no files has the zero
// digest.
type Digests struct {
	// Config is data/site.toml, Glossary data/glossary.toml, and Home the
	// home page's content/_index.*.md.
	Config, Glossary, Home Digest
	// Orgs covers, per organization ID, everything about it:
	// data/orgs/<id>.toml, its plans data/plans/<id>/ and its prose
	// content/<id>/.
	Orgs map[string]Digest
	// OrgData covers, per organization ID, its data without prose:
	// data/orgs/<id>.toml and data/plans/<id>/.
	OrgData map[string]Digest
	// AllOrgs mixes every digest of Orgs.
	AllOrgs Digest
	// Plans covers, per "<org>/<year>", the plan's file, its prose and
	// its organization's file.
	Plans map[string]Digest
	// Pages covers, per page name, the page's Markdown files.
	Pages map[string]Digest
	// Layouts mixes every file of the site's layouts/.
	Layouts Digest
	// Theme has the digest of each file of the site's layouts/ and
	// assets/, by slash path.
	Theme map[string]Digest
}

// Load reads the site rooted at root. Problems are returned together; the
// Site is incomplete when the list holds errors. Files are named in
// problems by their path relative to root, with forward slashes.
func Load(root string) (*Site, *diag.List) {
	return NewCache(root).Load()
}

// Load reads what changed since the last Load (everything, the first
// time) and returns the whole site, as Load(root) would. The model values
// of files that did not change are shared between the Sites of successive
// loads, and relinked by each: treat them as read-only, and a Site as
// valid only until the next Load.
func (c *Cache) Load() (*Site, *diag.List) {
	site, problems, ok := c.relink(c.refresh())
	if ok {
		c.relinks++
	} else {
		site, problems = c.link()
	}
	if c.see != nil {
		c.hollowProse(site)
	}
	return site, problems
}

// A role is what a file is to the site, known from its path alone.
type role int

const (
	roleNone     role = iota // not read into the site
	roleConfig               // data/site.toml
	roleGlossary             // data/glossary.toml
	roleOrg                  // data/orgs/<org>.toml
	rolePlan                 // data/plans/<org>/<year>.toml
	roleStray                // data/plans/<name>.toml, misplaced
	roleContent              // content/**/*.md
	roleTheme                // layouts/** and assets/**
)

// parsed is what one file holds for the site.
type parsed struct {
	role role
	// org and year are the organization ID and fiscal year folder the
	// path names, for plans and for content under content/<org>/; plan
	// is "<org>/<year>", the key of Digests.Plans.
	org, year, plan string
	// value is plan.Site, plan.Glossary, *plan.Org, *plan.Plan or
	// *contentFile; nil when the file cannot be used.
	value    any
	problems []diag.Problem
}

// classify tells a file's role from its path.
func classify(name string) parsed {
	parts := strings.Split(name, "/")
	switch {
	case name == "data/site.toml":
		return parsed{role: roleConfig}
	case name == "data/glossary.toml":
		return parsed{role: roleGlossary}
	case len(parts) == 3 && parts[1] == "orgs" && parts[0] == "data" && strings.HasSuffix(name, ".toml"):
		return parsed{role: roleOrg, org: strings.TrimSuffix(parts[2], ".toml")}
	case len(parts) == 4 && parts[1] == "plans" && parts[0] == "data" && strings.HasSuffix(name, ".toml"):
		year := strings.TrimSuffix(parts[3], ".toml")
		return parsed{role: rolePlan, org: parts[2], year: year, plan: parts[2] + "/" + year}
	case len(parts) == 3 && parts[1] == "plans" && parts[0] == "data" && strings.HasSuffix(name, ".toml"):
		return parsed{role: roleStray}
	case parts[0] == "content" && strings.HasSuffix(name, ".md"):
		p := parsed{role: roleContent}
		if len(parts) >= 3 {
			p.org = parts[1]
		}
		if len(parts) >= 4 {
			p.year, p.plan = parts[2], parts[1]+"/"+parts[2]
		}
		return p
	case parts[0] == "layouts" || parts[0] == "assets":
		return parsed{role: roleTheme}
	}
	return parsed{}
}

// parse reads one data/ or content/ file into model values. It checks
// everything the file alone can tell; link checks the rest.
func parse(name string, src []byte) parsed {
	p := classify(name)
	switch p.role {
	case roleConfig:
		var s plan.Site
		_, p.problems = decodeTOML(name, src, &s)
		p.value = s
	case roleGlossary:
		var g plan.Glossary
		_, p.problems = decodeTOML(name, src, &g)
		p.value = g
	case roleOrg:
		p.value, p.problems = parseOrg(name, p.org, src)
	case rolePlan:
		p.value, p.problems = parsePlan(name, p.org, p.year, src)
	case roleContent:
		p.value, p.problems = parseContent(name, src)
	}
	return p
}

// sitePageNames are the addresses under each language that the site's
// own pages take (build's glossary and search pages): no organization or
// content page may have them.
var sitePageNames = []string{"glossary", "search"}

// takenName is the problem with a file naming an organization or a page
// by one of sitePageNames, or nil.
func takenName(file, name string) []diag.Problem {
	if !slices.Contains(sitePageNames, name) {
		return nil
	}
	return []diag.Problem{errorf(diag.Pos{File: file}, "the name %q is taken by the site's own pages (/ja/%s/, /en/%s/): rename the file", name, name, name)}
}

func parseOrg(file, id string, src []byte) (any, []diag.Problem) {
	if !plan.ValidID(id) {
		return nil, []diag.Problem{errorf(diag.Pos{File: file}, "the file name %q is used in web addresses: rename it with lower-case letters a-z, digits and hyphens only", id+".toml")}
	}
	if problems := takenName(file, id); problems != nil {
		return nil, problems
	}
	o := &plan.Org{ID: id}
	kp, problems := decodeTOML(file, src, o)
	if kp != nil {
		problems = append(problems, issues(kp, plan.ValidateOrg(o))...)
	}
	return o, problems
}

func parsePlan(file, orgID, yearName string, src []byte) (any, []diag.Problem) {
	year, err := strconv.Atoi(yearName)
	if err != nil {
		return nil, []diag.Problem{errorf(diag.Pos{File: file}, "a plan file is named by its fiscal year, such as 2024.toml (令和6年度)")}
	}
	p := &plan.Plan{OrgID: orgID}
	kp, problems := decodeTOML(file, src, p)
	if kp == nil {
		return nil, problems
	}
	problems = append(problems, issues(kp, plan.ValidatePlan(p))...)
	if int(p.FiscalYear) != year {
		problems = append(problems, errorf(kp.Pos("fiscal_year"), "fiscal_year = %d does not match the file name %s; name the file after the fiscal year", p.FiscalYear, path.Base(file)))
		return nil, problems
	}
	return p, problems
}

// errorf is a problem at pos; format is a catalog message.
func errorf(pos diag.Pos, format string, args ...any) diag.Problem {
	return diag.Problem{Pos: pos, Message: fmt.Sprintf(format, args...)}
}

func issues(kp *keyPositions, issues []plan.Issue) []diag.Problem {
	var out []diag.Problem
	for _, is := range issues {
		sev := diag.Error
		if is.Warning {
			sev = diag.Warning
		}
		out = append(out, diag.Problem{Pos: kp.Pos(is.Path), Severity: sev, Message: is.Message})
	}
	return out
}

// A contentFile is one Markdown file of content/, parsed.
type contentFile struct {
	// stem is the path under content/ without language and extension:
	// "_index", "about", "<org>/_index" or "<org>/<year>/_index".
	stem  string
	lang  lang.Lang
	title string
	desc  string
	body  string
}

func parseContent(file string, src []byte) (any, []diag.Problem) {
	rel := strings.TrimPrefix(file, "content/")
	stem, lng, ok := splitLang(rel)
	if !ok {
		return nil, []diag.Problem{errorf(diag.Pos{File: file}, "a content file is named for its language: rename it to %s.ja.md or %s.en.md", strings.TrimSuffix(rel, ".md"), strings.TrimSuffix(rel, ".md"))}
	}
	parts := strings.Split(stem, "/")
	switch {
	case stem == "_index":
	case len(parts) == 1:
		if !plan.ValidID(stem) {
			return nil, []diag.Problem{errorf(diag.Pos{File: file}, "the file name is used in the page's address: use lower-case letters a-z, digits and hyphens")}
		}
		if problems := takenName(file, stem); problems != nil {
			return nil, problems
		}
	case len(parts) == 2 && parts[1] == "_index":
	case len(parts) == 3 && parts[2] == "_index":
	default:
		return nil, []diag.Problem{errorf(diag.Pos{File: file}, "unexpected content file: content/ holds _index.<lang>.md, <page>.<lang>.md, <org>/_index.<lang>.md and <org>/<year>/_index.<lang>.md")}
	}
	fm, body, fmLine, ok := splitFrontMatter(src)
	if !ok {
		return nil, []diag.Problem{errorf(diag.Pos{File: file, Line: 1}, "the front matter opened with +++ is not closed: add a line with +++ after it")}
	}
	var meta frontMatter
	var problems []diag.Problem
	if fm != nil {
		_, ps := decodeTOML(file, fm, &meta)
		for _, p := range ps {
			if p.Pos.Line > 0 {
				p.Pos.Line += fmLine - 1
			}
			problems = append(problems, p)
		}
	}
	return &contentFile{stem: stem, lang: lng, title: meta.Title, desc: meta.Description, body: string(body)}, problems
}

func mix(m map[string]Digest, key string, d Digest) {
	v := m[key]
	v.Mix(d)
	m[key] = v
}

// linkContent puts a content file's prose on the page it belongs to.
func linkContent(site *Site, orgs map[string]*plan.Org, file string, p parsed, problems *diag.List) {
	cf, _ := p.value.(*contentFile)
	if cf == nil {
		problems.Add(p.problems...) // misnamed, or the front matter is not closed
		return
	}
	var page *plan.Page
	switch {
	case cf.stem == "_index":
		problems.Add(p.problems...)
		page = &site.Home
	case p.org == "":
		problems.Add(p.problems...)
		if _, ok := orgs[cf.stem]; ok {
			problems.Errorf(diag.Pos{File: file}, "this page would have the address of organization %q's page (/%s/%s/): rename one of them", cf.stem, cf.lang, cf.stem)
			return
		}
		if site.Pages[cf.stem] == nil {
			site.Pages[cf.stem] = &plan.Page{}
		}
		page = site.Pages[cf.stem]
	default:
		org, ok := orgs[p.org]
		if !ok {
			problems.Errorf(diag.Pos{File: file}, "content/%s/ is for organization %q, but there is no data/orgs/%s.toml%s", p.org, p.org, p.org, diag.Hint(p.org, slices.Sorted(maps.Keys(orgs))))
			return
		}
		problems.Add(p.problems...)
		if p.year == "" {
			page = &org.Intro
			break
		}
		pl := findPlan(org, p.year)
		if pl == nil {
			problems.Errorf(diag.Pos{File: file}, "there is no plan data/plans/%s/%s.toml for this prose", p.org, p.year)
			return
		}
		page = &pl.Body
	}
	if page.Source == nil {
		page.Source = map[lang.Lang]string{}
		page.File = map[lang.Lang]string{}
	}
	setLang(&page.Title, cf.lang, cf.title)
	setLang(&page.Description, cf.lang, cf.desc)
	page.Source[cf.lang] = cf.body
	page.File[cf.lang] = file
}

func findPlan(org *plan.Org, year string) *plan.Plan {
	for _, p := range org.Plans {
		if strconv.Itoa(int(p.FiscalYear)) == year {
			return p
		}
	}
	return nil
}

// splitLang splits "meyasubako/_index.ja.md" into "meyasubako/_index" and ja.
func splitLang(rel string) (string, lang.Lang, bool) {
	base := strings.TrimSuffix(rel, ".md")
	i := strings.LastIndexByte(base, '.')
	if i < 0 {
		return "", "", false
	}
	l := lang.Lang(base[i+1:])
	if !slices.Contains(lang.All, l) {
		return "", "", false
	}
	return base[:i], l, true
}

// frontMatter is what a content file may set between its +++ lines.
type frontMatter struct {
	Title       string `toml:"title"`
	Description string `toml:"description"`
}

func setLang(t *plan.Text, l lang.Lang, s string) {
	if l == lang.Ja {
		t.Ja = s
	} else {
		t.En = s
	}
}

// splitFrontMatter separates TOML front matter between +++ lines from the
// Markdown body. fmLine is the line the front matter starts on. ok is false
// when the front matter is not closed.
func splitFrontMatter(src []byte) (fm, body []byte, fmLine int, ok bool) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	if !bytes.HasPrefix(src, []byte("+++")) {
		return nil, src, 0, true
	}
	nl := bytes.IndexByte(src, '\n')
	if nl < 0 {
		return nil, nil, 0, false
	}
	rest := src[nl+1:]
	for off := 0; off < len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		if end < 0 {
			end = len(rest) - off
		}
		if string(bytes.TrimRight(rest[off:off+end], " \t\r")) == "+++" {
			return rest[:off], rest[min(off+end+1, len(rest)):], 2, true
		}
		off += end + 1
	}
	return nil, nil, 0, false
}
