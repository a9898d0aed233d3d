package render

import (
	"slices"
	"testing"
	"testing/fstest"

	"github.com/plansite/plansite/internal/theme"
)

func TestUsesDefaultTheme(t *testing.T) {
	r, err := New(theme.Default(), Options{BasePath: "/"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		kind              string
		files, notFiles   []string
		fields, notFields []string
	}{
		{kind: KindHome, files: []string{"layouts/baseof.html", "layouts/home.html"}, notFiles: []string{"layouts/plan.html", "layouts/partials/program.html"}, fields: []string{"Orgs", "Home", "Config"}},
		{kind: KindPlan, files: []string{"layouts/baseof.html", "layouts/plan.html", "layouts/partials/program.html", "layouts/partials/section.html"}, notFiles: []string{"layouts/home.html"}, fields: []string{"Plan", "Divisions"}, notFields: []string{"Orgs", "Glossary"}},
		{kind: KindGlossary, files: []string{"layouts/glossary.html"}, notFiles: []string{"layouts/partials/program.html"}, fields: []string{"Glossary"}, notFields: []string{"Orgs"}},
		{kind: KindRoot, files: []string{"layouts/root.html"}, notFields: []string{"Orgs", "Home", "Glossary"}},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			u := r.Uses(tt.kind)
			for _, f := range tt.files {
				if !slices.Contains(u.Files, f) {
					t.Errorf("Files = %v, missing %s", u.Files, f)
				}
			}
			for _, f := range tt.notFiles {
				if slices.Contains(u.Files, f) {
					t.Errorf("Files = %v, should not hold %s", u.Files, f)
				}
			}
			for _, f := range tt.fields {
				if !u.Fields[f] {
					t.Errorf("Fields lacks %s", f)
				}
			}
			for _, f := range tt.notFields {
				if u.Fields[f] {
					t.Errorf("Fields holds %s", f)
				}
			}
		})
	}
}

// A site's own layout that lists every organization on its plan pages
// makes them depend on every organization, however it reaches them.
func TestUsesOverriddenLayout(t *testing.T) {
	tests := map[string]string{
		"field":    `{{define "main"}}{{range .Site.Orgs}}{{.ID}}{{end}}{{end}}`,
		"variable": `{{define "main"}}{{$s := .Site}}{{range $s.Orgs}}{{.ID}}{{end}}{{end}}`,
		"with":     `{{define "main"}}{{with .Site}}{{len .Orgs}}{{end}}{{end}}`,
		"partial":  `{{define "main"}}{{template "nav" .Site}}{{end}}`,
	}
	for name, layout := range tests {
		t.Run(name, func(t *testing.T) {
			top := fstest.MapFS{
				"layouts/plan.html":         {Data: []byte(layout)},
				"layouts/partials/nav.html": {Data: []byte(`{{define "nav"}}{{range .Orgs}}{{.ID}}{{end}}{{end}}`)},
			}
			r, err := New(theme.Over(top), Options{BasePath: "/"})
			if err != nil {
				t.Fatal(err)
			}
			u := r.Uses(KindPlan)
			if !u.Fields["Orgs"] {
				t.Errorf("Fields = %v, want Orgs", u.Fields)
			}
			if want := name == "partial"; slices.Contains(u.Files, "layouts/partials/nav.html") != want {
				t.Errorf("Files = %v; holding partials/nav.html should be %v", u.Files, want)
			}
			if slices.Contains(r.Uses(KindHome).Files, "layouts/partials/nav.html") {
				t.Error("the home page does not use partials/nav.html")
			}
		})
	}
}
