package export

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"strconv"

	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/plan"
	"github.com/plansite/plansite/internal/workers"
)

// Dir is the folder of the open data under the output root.
const Dir = "data"

// Paths of the site-wide files under the output root.
const (
	IndexPath       = Dir + "/index.json"
	PlanSchemaPath  = Dir + "/plan.schema.json"
	IndexSchemaPath = Dir + "/index.schema.json"
)

// Kinds of file.
const (
	KindPlan     = "plan"
	KindTargets  = "targets"
	KindStaffing = "staffing"
	KindIndex    = "index"
	KindSchema   = "schema"
)

// A File is one file of open data.
type File struct {
	// Path is a slash path under the output root, such as
	// data/meyasubako/2024/plan.json.
	Path string
	Kind string
	// Format is "json" or "csv".
	Format string
	// Lang is the file's language, or "" when it holds both.
	Lang lang.Lang
	// Plan is the plan the file holds; nil for the site's files.
	Plan *plan.Plan
	Data []byte
	// Size and SHA256 stand for Data in Index when Data is nil, so that a
	// caller may list files it no longer holds.
	Size   int
	SHA256 [32]byte
}

// Options configure Site.
type Options struct {
	// BasePath is the path of the site's root on its host, "/" or
	// "/keikaku/"; index.json gives addresses under it.
	BasePath string
	// PageURL is the address of an organization's page (p is nil) or of a
	// plan's page in language l, for index.json.
	PageURL func(l lang.Lang, o *plan.Org, p *plan.Plan) string
	// Indent writes JSON for people to read; otherwise it is compact.
	Indent bool
}

//go:embed plan.schema.json index.schema.json
var schemas embed.FS

// PlanDir is the folder of a plan's files: data/meyasubako/2024.
func PlanDir(p *plan.Plan) string {
	return path.Join(Dir, p.OrgID, strconv.Itoa(int(p.FiscalYear)))
}

// Site writes the open data of every plan of orgs, then the site's index
// and the schemas. Files come in a fixed order, plans in the order of orgs
// and their Plans. It fails only on a figure JSON cannot hold (NaN, which
// validation rejects first).
func Site(cfg plan.Site, orgs []*plan.Org, opts Options) ([]File, error) {
	var plans []*plan.Plan
	for _, o := range orgs {
		plans = append(plans, o.Plans...)
	}
	// Plans are written on all cores, each into its own slot.
	perPlan := make([][]File, len(plans))
	errs := make([]error, len(plans))
	workers.EachWith(len(plans), func() *[]byte { return new([]byte) }, func(scratch *[]byte, i int) {
		perPlan[i], errs[i] = planFiles(plans[i], opts.Indent, scratch)
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var files []File
	for _, pf := range perPlan {
		files = append(files, pf...)
	}
	index, err := Index(cfg, orgs, files, opts)
	if err != nil {
		return nil, err
	}
	files = append(files, File{Path: IndexPath, Kind: KindIndex, Format: "json", Data: index})
	schemaFiles, err := Schemas(opts.Indent)
	if err != nil {
		return nil, err
	}
	return append(files, schemaFiles...), nil
}

// Schemas returns the JSON Schemas of plan.json and index.json, compact
// unless indent is set.
func Schemas(indent bool) ([]File, error) {
	var files []File
	for _, name := range []string{PlanSchemaPath, IndexSchemaPath} {
		data, err := schemas.ReadFile(path.Base(name))
		if err != nil {
			return nil, err
		}
		if !indent {
			var buf bytes.Buffer
			if err := json.Compact(&buf, data); err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			data = append(buf.Bytes(), '\n')
		}
		files = append(files, File{Path: name, Kind: KindSchema, Format: "json", Data: data})
	}
	return files, nil
}

// Plan writes one plan's files: plan.json, and targets and staffing CSV
// files per language when the plan has targets or staffing.
func Plan(p *plan.Plan, indent bool) ([]File, error) { return planFiles(p, indent, nil) }

// planFiles is Plan, writing the JSON in scratch when it is not nil.
func planFiles(p *plan.Plan, indent bool, scratch *[]byte) ([]File, error) {
	dir := PlanDir(p)
	js, err := planJSON(p, relative(dir, PlanSchemaPath), indent, scratch)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path.Join(dir, "plan.json"), err)
	}
	var files []File
	for _, f := range List(p) {
		switch f.Kind {
		case KindPlan:
			f.Data = js
		case KindTargets:
			f.Data = TargetsCSV(p, f.Lang)
		case KindStaffing:
			f.Data = StaffingCSV(p, f.Lang)
		}
		if f.Data != nil {
			files = append(files, f)
		}
	}
	return files, nil
}

// relative returns the path of target as seen from the folder dir, both
// slash paths under the same root: from data/a/2024 to data/x.json is
// ../../x.json.
func relative(dir, target string) string {
	up := ""
	for d := dir; d != path.Dir(target) && d != "." && d != "/"; d = path.Dir(d) {
		up += "../"
	}
	return up + path.Base(target)
}

// Index lists every organization and plan with their pages and the
// files written for them, with each file's size and SHA-256 digest.
func Index(cfg plan.Site, orgs []*plan.Org, files []File, opts Options) ([]byte, error) {
	byPlan := map[*plan.Plan][]File{}
	for _, f := range files {
		byPlan[f.Plan] = append(byPlan[f.Plan], f)
	}
	url := func(p string) string { return opts.BasePath + p }
	site := object{}
	for _, m := range []member{{"title", cfg.Title}, {"description", cfg.Description}, {"publisher", cfg.Publisher}} {
		if t := m.value.(lang.Text); !t.IsZero() {
			site = append(site, member{m.key, text(t)})
		}
	}
	orgList := []any{}
	for _, o := range orgs {
		plans := []any{}
		for _, p := range o.Plans {
			list := []any{}
			for _, f := range byPlan[p] {
				entry := object{{"kind", f.Kind}, {"format", f.Format}}
				if f.Lang != "" {
					entry = append(entry, member{"lang", string(f.Lang)})
				}
				size, sum := f.Size, f.SHA256
				if f.Data != nil {
					size, sum = len(f.Data), sha256.Sum256(f.Data)
				}
				entry = append(entry, member{"url", url(f.Path)}, member{"bytes", size}, member{"sha256", hex.EncodeToString(sum[:])})
				list = append(list, entry)
			}
			plans = append(plans, object{
				{"fiscal_year", int(p.FiscalYear)},
				{"title", text(p.Title)},
				{"pages", pages(opts, o, p)},
				{"files", list},
			})
		}
		orgList = append(orgList, object{
			{"id", o.ID},
			{"name", text(o.Name)},
			{"legal_type", o.LegalType},
			{"pages", pages(opts, o, nil)},
			{"plans", plans},
		})
	}
	return marshal(object{
		{"$schema", relative(Dir, IndexSchemaPath)},
		{"site", site},
		{"plan_schema", url(PlanSchemaPath)},
		{"organizations", orgList},
	}, opts.Indent, nil)
}

func pages(opts Options, o *plan.Org, p *plan.Plan) object {
	out := object{}
	if opts.PageURL == nil {
		return out
	}
	for _, l := range lang.All {
		out = append(out, member{string(l), opts.PageURL(l, o, p)})
	}
	return out
}
