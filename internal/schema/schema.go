// Package schema generates JSON Schemas for a site's TOML files from the
// Go model, so that they never drift from what plansite reads: each
// struct of package plan becomes an object whose properties are its toml
// keys, with additionalProperties false (an unknown key is flagged as you
// type), the allowed values of enumerations taken from plan's own tables,
// and a description of every key in Japanese and English.
//
// The schemas keep to JSON Schema draft 4, the draft Taplo documents full
// support for; Taplo is the TOML engine of VS Code's Even Better TOML
// extension, which reads a file's schema from a "#:schema" line at its
// top. Dates are strings to a schema: Taplo hands TOML dates to the
// validator as text.
package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"github.com/plansite/plansite/internal/fiscal"
	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/plan"
)

// A Kind is one kind of TOML file of a site.
type Kind struct {
	// File is the schema's file name under schema/.
	File string
	// Matches describes which files of a site use it.
	Matches string
	root    reflect.Type
}

// Kinds are the site's TOML files with a schema.
var Kinds = []Kind{
	{File: "org.schema.json", Matches: "data/orgs/*.toml", root: reflect.TypeOf(plan.Org{})},
	{File: "plan.schema.json", Matches: "data/plans/*/*.toml", root: reflect.TypeOf(plan.Plan{})},
	{File: "site.schema.json", Matches: "data/site.toml", root: reflect.TypeOf(plan.Site{})},
	{File: "glossary.schema.json", Matches: "data/glossary.toml", root: reflect.TypeOf(plan.Glossary{})},
}

// Dir is where plansite schema writes the schemas, under the site root.
const Dir = "schema"

// Generate returns the schema of k as indented JSON. The same model
// always gives the same bytes.
func (k Kind) Generate() []byte {
	g := &generator{defs: map[string]any{}}
	root := g.object(k.root)
	root["$schema"] = "http://json-schema.org/draft-04/schema#"
	root["title"] = "plansite: " + strings.TrimSuffix(k.File, ".schema.json")
	if len(g.defs) > 0 {
		root["definitions"] = g.defs
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(root); err != nil {
		panic(err) // maps of strings, numbers and bools always encode
	}
	return buf.Bytes()
}

// Write writes every schema into dir, replacing earlier versions, and
// returns the files written.
func Write(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var files []string
	for _, k := range Kinds {
		p := filepath.Join(dir, k.File)
		if err := os.WriteFile(p, k.Generate(), 0o644); err != nil {
			return files, err
		}
		files = append(files, p)
	}
	return files, nil
}

// description joins the two languages, Japanese first, for editors that
// show one text on hover.
func description(d doc) string { return d.Ja + "\n\n" + d.En }

type generator struct {
	defs map[string]any
}

var (
	textType      = reflect.TypeOf(lang.Text{})
	dateType      = reflect.TypeOf(plan.Date{})
	yearMonthType = reflect.TypeOf(plan.YearMonth{})
	yearType      = reflect.TypeOf(fiscal.Year(0))
)

// object is the schema of a struct type: its toml keys, with embedded
// structs' keys merged in.
func (g *generator) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []string
	var add func(t reflect.Type)
	add = func(t reflect.Type) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.Anonymous {
				add(f.Type)
				continue
			}
			key, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
			if key == "" || key == "-" {
				continue
			}
			owner := t.Name() + "." + key
			s := g.field(owner, f.Type)
			if d, ok := fieldDocs[owner]; ok {
				s["description"] = description(d)
			}
			props[key] = s
			if requiredKeys[owner] {
				required = append(required, key)
			}
		}
	}
	add(t)
	s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if d, ok := typeDocs[t.Name()]; ok {
		s["description"] = description(d)
	}
	if len(required) > 0 {
		sort.Strings(required)
		s["required"] = required
	}
	return s
}

// field is the schema of the value of key owner ("Program.marker") of type t.
func (g *generator) field(owner string, t reflect.Type) map[string]any {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	s := g.value(owner, t)
	for k, v := range constraints(owner) {
		s[k] = v
	}
	return s
}

func (g *generator) value(owner string, t reflect.Type) map[string]any {
	switch t {
	case textType:
		return textSchema()
	case dateType:
		return map[string]any{"type": "string", "pattern": `^\d{4}-\d{2}-\d{2}$`}
	case yearMonthType:
		return map[string]any{"type": "string", "pattern": `^\d{4}-(0[1-9]|1[0-2])$`}
	case yearType:
		return map[string]any{"type": "integer", "minimum": plan.MinFiscalYear, "maximum": plan.MaxFiscalYear}
	}
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int64:
		return map[string]any{"type": "integer"}
	case reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice:
		return map[string]any{"type": "array", "items": g.items(owner, t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.items(owner, t.Elem())}
	case reflect.Struct:
		return g.object(t)
	}
	panic(fmt.Sprintf("schema: %s has a type the generator does not know: %s", owner, t))
}

// items is the schema of the elements of a list or map: a reference to
// a definition for structs, which may nest (sections hold sections).
func (g *generator) items(owner string, t reflect.Type) map[string]any {
	if t.Kind() == reflect.Struct && t != textType && t != dateType && t != yearMonthType {
		name := t.Name()
		if _, ok := g.defs[name]; !ok {
			g.defs[name] = true // placeholder: breaks the recursion
			g.defs[name] = g.object(t)
		}
		return map[string]any{"$ref": "#/definitions/" + name}
	}
	s := g.value(owner, t)
	for k, v := range itemConstraints(owner) {
		s[k] = v
	}
	return s
}

func textSchema() map[string]any {
	return map[string]any{
		"anyOf": []any{
			map[string]any{"type": "string"},
			map[string]any{
				"type": "object",
				"properties": map[string]any{
					"ja": map[string]any{"type": "string", "description": "日本語\n\nJapanese"},
					"en": map[string]any{"type": "string", "description": "英語\n\nEnglish"},
				},
				"additionalProperties": false,
			},
		},
	}
}

// IDPattern is what plan.ValidID accepts: ids and keys used in web
// addresses and anchors.
const IDPattern = `^[a-z0-9][a-z0-9-]*$`

// requiredKeys are the keys validation requires.
var requiredKeys = map[string]bool{
	"Org.name": true, "Org.legal_type": true,
	"Plan.fiscal_year": true,
	"Division.id":      true, "Division.name": true,
	"Section.name": true, "Program.name": true, "Priority.title": true,
	"Target.key": true, "Target.name": true,
	"Fee.name": true, "Facility.name": true, "Event.name": true,
	"Column.key": true, "Role.key": true,
}

// constraints are the allowed values of a key beyond its type, from
// plan's tables where it has them.
func constraints(owner string) map[string]any {
	_, key, _ := strings.Cut(owner, ".")
	switch {
	case key == "id" || owner == "Target.key":
		return map[string]any{"pattern": IDPattern}
	case key == "marker":
		return map[string]any{"enum": plan.Markers}
	case owner == "Frequency.per":
		return map[string]any{"enum": plan.FrequencyPeriods}
	case owner == "Frequency.count":
		return map[string]any{"minimum": 1}
	case owner == "Org.legal_type":
		types := make([]string, 0, len(plan.LegalTypes))
		for t := range plan.LegalTypes {
			types = append(types, t)
		}
		sort.Strings(types)
		return map[string]any{"enum": types}
	case owner == "Org.website":
		return map[string]any{"pattern": `^https?://`}
	case owner == "Target.period_months":
		return map[string]any{"minimum": 1, "maximum": 60}
	case owner == "Target.value", owner == "Target.actual", owner == "Fee.amount",
		owner == "Program.sites", owner == "Program.areas", owner == "Program.classes":
		return map[string]any{"minimum": 0}
	}
	return nil
}

// itemConstraints are the allowed values of the elements of a list or map.
func itemConstraints(owner string) map[string]any {
	switch owner {
	case "Event.months":
		return map[string]any{"minimum": 1, "maximum": 12}
	case "StaffRow.cells":
		return map[string]any{"minimum": 0}
	}
	return nil
}
