package load

import (
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/plansite/plansite/internal/diag"
	"github.com/plansite/plansite/internal/plan"
)

// linked is what the last link made, kept so that a Load after edits of
// organizations' files can relink those organizations alone (relink).
type linked struct {
	site     *Site
	problems []diag.Problem
	// orgFiles lists, per organization ID, the files of that
	// organization: data/orgs/<id>.toml, data/plans/<id>/ and
	// content/<id>/.
	orgFiles map[string][]string
}

// orgScoped reports whether the file p describes belongs to the
// organization it names (p.org) alone: the organization's file, its
// plans and its prose.
func orgScoped(p parsed) bool {
	return p.org != "" && (p.role == roleOrg || p.role == rolePlan || p.role == roleContent)
}

// link assembles the site from the cached files: organizations get their
// plans, pages their prose, and every cross-file reference is checked.
// Organizations are copied before they are linked, so the cached ones
// stay as parsed (but for the prose a lean cache sets aside: see Lean);
// plans are linked in place, their links reset first.
func (c *Cache) link() (*Site, *diag.List) {
	problems := &diag.List{}
	site := &Site{Pages: map[string]*plan.Page{}}
	d := &site.Digests
	d.Orgs, d.OrgData, d.Plans = make(map[string]Digest, c.orgs), make(map[string]Digest, c.orgs), make(map[string]Digest, 2*c.orgs)
	d.Pages = map[string]Digest{}
	var themeFiles []string
	orgFiles := make(map[string][]string, c.orgs)
	var contents []string
	for name, f := range c.files {
		p := f.parsed
		if p.role == roleNone {
			p = classify(name) // layouts/ and assets/ files are not parsed
		}
		if orgScoped(p) {
			orgFiles[p.org] = append(orgFiles[p.org], name)
			continue
		}
		switch p.role {
		case roleConfig:
			d.Config = f.digest
			if s, ok := p.value.(plan.Site); ok {
				site.Config = s
			}
		case roleGlossary:
			d.Glossary = f.digest
			if g, ok := p.value.(plan.Glossary); ok {
				site.Glossary = g
			}
		case roleStray:
			problems.Errorf(diag.Pos{File: name}, "plans go in a folder per organization: move this file to data/plans/<organization id>/<fiscal year>.toml")
		case roleContent:
			if cf, ok := p.value.(*contentFile); ok {
				if cf.stem == "_index" {
					d.Home.Mix(f.digest)
				} else if !strings.Contains(cf.stem, "/") {
					mix(d.Pages, cf.stem, f.digest)
				}
			}
			contents = append(contents, name)
			continue // its problems depend on what it belongs to
		case roleTheme:
			themeFiles = append(themeFiles, name)
		default:
			continue
		}
		problems.Add(p.problems...)
	}
	c.linkTheme(site, themeFiles)

	// Organizations are copied from their files first, so that a plan of
	// an organization that does not exist can be told of those that do.
	byID := map[string]*plan.Org{}
	anyOrgFile := false
	for id, files := range orgFiles {
		o, hasFile := c.orgCopy(files)
		if o != nil {
			byID[id] = o
		}
		anyOrgFile = anyOrgFile || hasFile
	}
	if len(byID) == 0 && !anyOrgFile {
		problems.Errorf(diag.Pos{File: "data/orgs"}, "no organizations: add a file data/orgs/<id>.toml for each organization")
	}
	for id, files := range orgFiles {
		c.linkOrg(site, id, files, byID, problems)
	}
	for _, od := range d.Orgs {
		d.AllOrgs.Mix(od)
	}
	site.Orgs = make([]*plan.Org, 0, len(byID))
	for _, o := range byID {
		site.Orgs = append(site.Orgs, o)
	}
	c.orgs = len(byID)
	sort.Slice(site.Orgs, func(i, j int) bool { return site.Orgs[i].ID < site.Orgs[j].ID })
	for _, name := range contents {
		linkContent(site, byID, name, c.files[name].parsed, problems)
	}
	c.last = &linked{site: site, problems: problems.Problems(), orgFiles: orgFiles}
	return site, problems
}

// orgCopy returns a copy of the organization read from its file among
// files (nil when it could not be read), and whether there is such a file.
func (c *Cache) orgCopy(files []string) (org *plan.Org, hasFile bool) {
	for _, name := range files {
		if p := c.files[name].parsed; p.role == roleOrg {
			if o, ok := p.value.(*plan.Org); ok {
				o := *o
				return &o, true
			}
			return nil, true
		}
	}
	return nil, false
}

// linkOrg links the files of organization id (those of orgFiles): its
// plans and prose go to its copy in byID, and its digests to site's. Its
// plans and prose are errors when the organization does not exist.
func (c *Cache) linkOrg(site *Site, id string, files []string, byID map[string]*plan.Org, problems *diag.List) {
	d := &site.Digests
	var orgDigest Digest
	var plans, contents, planKeys []string
	for _, name := range files {
		f := c.files[name]
		p := f.parsed
		mix(d.Orgs, id, f.digest)
		switch p.role {
		case roleOrg:
			mix(d.OrgData, id, f.digest)
			orgDigest = f.digest
			problems.Add(p.problems...)
		case rolePlan:
			mix(d.OrgData, id, f.digest)
			mix(d.Plans, p.plan, f.digest)
			planKeys = append(planKeys, p.plan)
			plans = append(plans, name)
		case roleContent:
			if p.year != "" {
				mix(d.Plans, p.plan, f.digest)
				planKeys = append(planKeys, p.plan)
			}
			contents = append(contents, name)
		}
	}
	// A plan's digest covers its organization's file too.
	for _, k := range slices.Compact(slices.Sorted(slices.Values(planKeys))) {
		mix(d.Plans, k, orgDigest)
	}

	org := byID[id]
	unread := map[string]bool{} // plans whose files have errors that keep them out
	for _, name := range plans {
		p := c.files[name].parsed
		if org == nil {
			problems.Errorf(diag.Pos{File: name}, "this plan is for organization %q, but there is no data/orgs/%s.toml%s", p.org, p.org, diag.Hint(p.org, slices.Sorted(maps.Keys(byID))))
			continue
		}
		problems.Add(p.problems...)
		if pl, ok := p.value.(*plan.Plan); ok {
			// Plans are linked in place, not copied: they keep their
			// schedule's count, and a lean cache and the build know
			// them by pointer.
			pl.Org, pl.Body = org, plan.Page{}
			org.Plans = append(org.Plans, pl)
		} else {
			unread[p.plan] = true
		}
	}
	if org != nil {
		sort.Slice(org.Plans, func(i, j int) bool { return org.Plans[i].FiscalYear < org.Plans[j].FiscalYear })
	}
	for _, name := range contents {
		p := c.files[name].parsed
		if unread[p.plan] {
			// Its plan's own errors say what to fix; "there is no plan"
			// would send the reader to the wrong file.
			problems.Add(p.problems...)
			continue
		}
		linkContent(site, byID, name, p, problems)
	}
}

// linkTheme gathers the site's own layouts/ and assets/ files, names,
// into site.Theme, with their digests.
func (c *Cache) linkTheme(site *Site, names []string) {
	d := &site.Digests
	d.Layouts, d.Theme = Digest{}, make(map[string]Digest, len(names))
	theme := memFS{}
	for _, name := range names {
		f := c.files[name]
		if strings.HasPrefix(name, "layouts/") {
			d.Layouts.Mix(f.digest)
		}
		d.Theme[name] = f.digest
		if f.raw != nil {
			theme[name] = f.raw
		}
	}
	site.Theme = theme
}

// relink is link after edits of the files of some organizations, or of
// the site's layouts/ and assets/, and of nothing else: it relinks those
// organizations alone, and the theme's files, over what the last link
// made, which keeps an edit's cost from growing with the number of
// organizations. changed lists the files whose bytes changed. ok is false
// when relinking cannot do: the first load, files added or removed, a
// file that is neither an organization's nor the theme's, or an
// organization that is not (or no longer) valid; link must then do it
// all.
func (c *Cache) relink(changed []string) (site *Site, problems *diag.List, ok bool) {
	last := c.last
	if last == nil || c.reshaped {
		return nil, nil, false
	}
	edited := map[string]bool{}
	themeEdited := false
	for _, name := range changed {
		switch p := c.files[name].parsed; {
		case orgScoped(p) && last.orgFiles[p.org] != nil:
			edited[p.org] = true
		case classify(name).role == roleTheme:
			themeEdited = true
		default:
			return nil, nil, false
		}
	}
	next := *last.site
	site = &next
	problems = &diag.List{}
	d := &site.Digests
	if len(edited) == 0 {
		// The theme's files alone: the organizations, their digests and
		// the problems are the last link's, shared as they are.
		problems.Add(last.problems...)
	} else {
		site.Orgs = slices.Clone(last.site.Orgs)
		d.Orgs, d.OrgData, d.Plans = maps.Clone(d.Orgs), maps.Clone(d.OrgData), maps.Clone(d.Plans)
		for _, p := range last.problems {
			if f := classify(p.Pos.File); !orgScoped(f) || !edited[f.org] {
				problems.Add(p)
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(edited)) {
		i, found := slices.BinarySearchFunc(site.Orgs, id, func(o *plan.Org, id string) int { return strings.Compare(o.ID, id) })
		if !found {
			return nil, nil, false // its plans were errors: link tells them
		}
		files := last.orgFiles[id]
		org, _ := c.orgCopy(files)
		if org == nil {
			return nil, nil, false
		}
		d.AllOrgs.Mix(d.Orgs[id]) // mixing is exclusive or: this takes it out
		delete(d.Orgs, id)
		delete(d.OrgData, id)
		for _, name := range files {
			if p := c.files[name].parsed; p.plan != "" {
				delete(d.Plans, p.plan)
			}
		}
		c.linkOrg(site, id, files, map[string]*plan.Org{id: org}, problems)
		d.AllOrgs.Mix(d.Orgs[id])
		site.Orgs[i] = org
	}
	if themeEdited {
		// The same files as the last link's (none was added or removed).
		c.linkTheme(site, slices.Collect(maps.Keys(last.site.Digests.Theme)))
	}
	c.last = &linked{site: site, problems: problems.Problems(), orgFiles: last.orgFiles}
	return site, problems, true
}
