package render

import (
	"strings"

	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/plan"
)

// OpenData lists the site's open-data files, for the pages to link. Paths
// are slash paths relative to the site root, such as
// data/meyasubako/2024/plan.json.
type OpenData struct {
	// Index lists every organization, plan and file of the site.
	Index string
	// Schema is the JSON Schema of a plan's JSON.
	Schema string
	// Plan lists the data of a plan, whole.
	Plan func(*plan.Plan) []Dataset
}

// A Dataset is one kind of data of a plan: the whole plan, its targets or
// its staffing.
type Dataset struct {
	// Kind is "plan", "targets" or "staffing".
	Kind string
	// Format names the file format beside the link: JSON, CSV.
	Format string
	// Files holds the file per language, or under "" the one file that
	// holds both languages.
	Files map[lang.Lang]string
}

// A datasetLink is a Dataset as a plan page links it.
type datasetLink struct {
	// Label is the theme string naming the data.
	Label  string
	Format string
	URL    string
	// OtherURL is the same data in the page's other language, "" when
	// one file holds both.
	OtherURL string
}

// datasetLabels are the theme strings naming each kind of data.
var datasetLabels = map[string]string{"plan": "dataPlan", "targets": "dataTargets", "staffing": "dataStaffing"}

// OpenData lists the data files of the page's plan, in the page's
// language first; nil when the build published none. The table of
// contents asks, and the section: it is made once.
func (d *pageData) OpenData() []datasetLink {
	if d.openData == nil {
		links := d.openDataLinks()
		d.openData = &links
	}
	return *d.openData
}

func (d *pageData) openDataLinks() []datasetLink {
	od := d.Site.OpenData
	if od == nil || d.Page.Plan == nil {
		return nil
	}
	var links []datasetLink
	for _, ds := range od.Plan(d.Page.Plan) {
		link := datasetLink{Label: datasetLabels[ds.Kind], Format: ds.Format}
		if f, ok := ds.Files[""]; ok {
			link.URL = d.L.Root(f)
		} else if f, ok := ds.Files[d.Page.Lang]; ok {
			link.URL = d.L.Root(f)
			if f, ok := ds.Files[d.Page.Lang.Other()]; ok {
				link.OtherURL = d.L.Root(f)
			}
		} else {
			continue
		}
		links = append(links, link)
	}
	return links
}

// SchemaURL is the address of the JSON Schema of a plan's JSON.
func (d *pageData) SchemaURL() string { return d.L.Root(d.Site.OpenData.Schema) }

// DataIndexURL is the address of the site's list of data.
func (d *pageData) DataIndexURL() string { return d.L.Root(d.Site.OpenData.Index) }

// URL is the address of a page of language l under basePath ("/" or
// "/keikaku/"), as the pages link it: URL("/keikaku/", lang.Ja,
// "meyasubako/2024/") is /keikaku/ja/meyasubako/2024/.
func URL(basePath string, l lang.Lang, path string) string {
	loc := &Localizer{Lang: l, basePath: strings.TrimSuffix(basePath, "/")}
	return loc.URL(path)
}
