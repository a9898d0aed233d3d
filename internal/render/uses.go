package render

import (
	"html/template"
	"path"
	"sort"
	"text/template/parse"
)

// Uses is what the pages of one kind can reach through their templates,
// found by walking the parsed templates from baseof.html. It lets a
// builder tell which pages a change can affect: a page of a kind whose
// templates never mention Orgs cannot show any organization but its own,
// and a page is not affected by a layout file none of its templates
// come from.
type Uses struct {
	// Files are the layout files whose templates the page may execute,
	// such as layouts/plan.html and layouts/partials/program.html, sorted.
	Files []string
	// Fields holds every field and method name the templates mention
	// (Site, Orgs, Title, Text …), wherever they appear.
	Fields map[string]bool
}

// Uses returns what pages of kind reach. It is computed once, in New, before
// any template runs: html/template rewrites templates as it first executes
// them.
func (r *Renderer) Uses(kind string) Uses { return r.uses[kind] }

// Kinds lists the page kinds the Renderer has layouts for, sorted.
func (r *Renderer) Kinds() []string {
	kinds := make([]string, 0, len(r.uses))
	for k := range r.uses {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	return kinds
}

// usesOf walks the templates of set t that baseof.html reaches. files are
// the layout files parsed into t, by which the templates' own file names
// (their ParseName, a base name) are mapped back to paths.
func usesOf(t *template.Template, files []string) Uses {
	u := Uses{Fields: map[string]bool{}}
	byBase := map[string][]string{}
	for _, f := range files {
		byBase[path.Base(f)] = append(byBase[path.Base(f)], f)
	}
	fileSet := map[string]bool{}
	seen := map[string]bool{}
	var visit func(name string)
	var walk func(n parse.Node)
	visit = func(name string) {
		if seen[name] {
			return
		}
		seen[name] = true
		tt := t.Lookup(name)
		if tt == nil || tt.Tree == nil {
			return
		}
		for _, f := range byBase[tt.Tree.ParseName] {
			fileSet[f] = true
		}
		walk(tt.Tree.Root)
	}
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.IfNode:
			walk(&n.BranchNode)
		case *parse.RangeNode:
			walk(&n.BranchNode)
		case *parse.WithNode:
			walk(&n.BranchNode)
		case *parse.BranchNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			walk(n.Pipe)
			visit(n.Name)
		case *parse.PipeNode:
			if n != nil {
				for _, c := range n.Cmds {
					walk(c)
				}
			}
		case *parse.CommandNode:
			for _, a := range n.Args {
				walk(a)
			}
		case *parse.FieldNode:
			for _, id := range n.Ident {
				u.Fields[id] = true
			}
		case *parse.ChainNode:
			walk(n.Node)
			for _, id := range n.Field {
				u.Fields[id] = true
			}
		case *parse.VariableNode:
			for _, id := range n.Ident[1:] {
				u.Fields[id] = true
			}
		}
	}
	visit("baseof.html")
	for f := range fileSet {
		u.Files = append(u.Files, f)
	}
	sort.Strings(u.Files)
	return u
}
