// Package check is plansite check: it loads a site, validates it, renders
// it in memory without writing anything, follows the links written in its
// Markdown, and measures how much of each plan has an English
// translation. Every problem is collected, so one run reports them all.
//
// Loading and validation are package load's: check adds the checks that
// need the whole site (links to pages and anchors) and the coverage
// report. Links are checked against the rendered site, which is the only
// complete list of the pages, files and anchors it will have; when the
// site cannot be rendered because of errors, links to pages are checked
// against the pages the data implies, and anchors and files wait for a
// run without errors.
package check

import (
	"context"
	"errors"
	"sort"
	"strconv"

	"github.com/plansite/plansite/internal/build"
	"github.com/plansite/plansite/internal/diag"
	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/load"
	"github.com/plansite/plansite/internal/plan"
)

// Options say which site to check.
type Options struct {
	// Source is the site folder.
	Source string
}

// A Report is what a check found.
type Report struct {
	// Problems are every error and warning, with positions.
	Problems diag.List
	// Coverage is the translation coverage of each plan, by organization
	// and fiscal year.
	Coverage []PlanCoverage
	// Rendered says the site rendered, so that links to files and
	// anchors were checked too.
	Rendered bool
}

// PlanCoverage is the translation coverage of one plan: its data and its
// prose (content/<org>/<year>/_index.*.md).
type PlanCoverage struct {
	// Plan names the plan as its data file does, "meyasubako/2024".
	Plan string
	lang.Coverage
}

// Run checks the site. It fails only when ctx is cancelled; everything
// wrong with the site is in the report.
func Run(ctx context.Context, opts Options) (*Report, error) {
	r := &Report{}
	site, problems := load.Load(opts.Source)
	r.Problems.Merge(problems)
	r.Coverage = coverage(site)

	var out build.Output
	if !problems.HasErrors() {
		var err error
		out, _, err = build.Render(ctx, build.Options{Source: opts.Source, BaseURL: "/", NoMinify: true})
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var list *diag.Errors
		switch {
		case errors.As(err, &list):
			r.Problems.Add(list.List...)
		case err != nil:
			r.Problems.Errorf(diag.Pos{File: opts.Source}, "rendering failed: %v", err)
		default:
			r.Rendered = true
		}
	}
	lc := newLinkChecker(opts.Source, site, out)
	lc.check(&r.Problems)
	return r, nil
}

// coverage measures each plan's translation, oldest organization first.
func coverage(site *load.Site) []PlanCoverage {
	var out []PlanCoverage
	for _, o := range site.Orgs {
		for _, p := range o.Plans {
			var c lang.Coverage
			plan.EachText(p, c.Count)
			c.Count(p.Body.Markdown())
			out = append(out, PlanCoverage{Plan: o.ID + "/" + strconv.Itoa(int(p.FiscalYear)), Coverage: c})
		}
	}
	return out
}

// FileProblems are the problems of one file, errors first.
type FileProblems struct {
	File     string
	Errors   []diag.Problem
	Warnings []diag.Problem
}

// ByFile groups the problems by file, in file order; within a file,
// errors come before warnings, each in line order.
func (r *Report) ByFile() []FileProblems {
	byFile := map[string]*FileProblems{}
	var files []string
	for _, p := range r.Problems.Problems() {
		f := byFile[p.Pos.File]
		if f == nil {
			f = &FileProblems{File: p.Pos.File}
			byFile[p.Pos.File] = f
			files = append(files, p.Pos.File)
		}
		if p.Severity == diag.Error {
			f.Errors = append(f.Errors, p)
		} else {
			f.Warnings = append(f.Warnings, p)
		}
	}
	sort.Strings(files)
	out := make([]FileProblems, len(files))
	for i, f := range files {
		out[i] = *byFile[f]
	}
	return out
}
