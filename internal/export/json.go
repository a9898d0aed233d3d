package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/plan"
)

// A member is one key and value of a JSON object.
type member struct {
	key   string
	value any
}

// object is a JSON object that keeps its keys in the order given.
type object []member

// marshal writes v, built of object, []any, model, string, bool, nil and
// numbers, as a JSON document ending in a newline: indented by two spaces
// when indent is set, otherwise compact. Strings are not HTML-escaped:
// the files are data, not markup, and "&" should read as "&". A non-nil
// scratch is a buffer to write in, kept for the next call; the result is
// then a copy of exactly its size.
func marshal(v any, indent bool, scratch *[]byte) ([]byte, error) {
	w := &jsonWriter{indent: indent}
	if scratch != nil {
		w.buf = (*scratch)[:0]
	} else {
		w.buf = make([]byte, 0, 16<<10)
	}
	if err := w.value(v); err != nil {
		return nil, err
	}
	w.buf = append(w.buf, '\n')
	if scratch == nil {
		return w.buf, nil
	}
	*scratch = w.buf
	return bytes.Clone(w.buf), nil
}

// jsonWriter writes JSON in one pass over the values, which is several
// times faster than nesting json.Marshaler values, each of whose output
// encoding/json would scan again.
type jsonWriter struct {
	buf    []byte
	indent bool
	depth  int
}

func (w *jsonWriter) value(v any) error {
	switch x := v.(type) {
	case object:
		if len(x) == 0 {
			w.buf = append(w.buf, "{}"...)
			return nil
		}
		w.buf = append(w.buf, '{')
		w.depth++
		for i, m := range x {
			w.separator(i)
			w.buf = appendString(w.buf, m.key)
			w.buf = append(w.buf, ':')
			if w.indent {
				w.buf = append(w.buf, ' ')
			}
			if err := w.value(m.value); err != nil {
				return err
			}
		}
		w.depth--
		w.newline()
		w.buf = append(w.buf, '}')
	case []any:
		if len(x) == 0 {
			w.buf = append(w.buf, "[]"...)
			return nil
		}
		w.buf = append(w.buf, '[')
		w.depth++
		for i, e := range x {
			w.separator(i)
			if err := w.value(e); err != nil {
				return err
			}
		}
		w.depth--
		w.newline()
		w.buf = append(w.buf, ']')
	case model:
		return w.model(x.v)
	case string:
		w.buf = appendString(w.buf, x)
	case int64:
		w.buf = strconv.AppendInt(w.buf, x, 10)
	case int:
		w.buf = strconv.AppendInt(w.buf, int64(x), 10)
	case float64:
		if a := math.Abs(x); a == 0 || a >= 1e-6 && a < 1e21 { // as encoding/json writes it
			w.buf = strconv.AppendFloat(w.buf, x, 'f', -1, 64)
			return nil
		}
		b, err := json.Marshal(x) // exponents, and the error for NaN
		if err != nil {
			return err
		}
		w.buf = append(w.buf, b...)
	default: // bool, nil
		b, err := json.Marshal(x)
		if err != nil {
			return err
		}
		w.buf = append(w.buf, b...)
	}
	return nil
}

// separator starts element i of an object or array.
func (w *jsonWriter) separator(i int) {
	if i > 0 {
		w.buf = append(w.buf, ',')
	}
	w.newline()
}

func (w *jsonWriter) newline() {
	if !w.indent {
		return
	}
	w.buf = append(w.buf, '\n')
	for range w.depth {
		w.buf = append(w.buf, "  "...)
	}
}

// appendString appends s as a JSON string: quotes, backslashes and
// control characters escaped, everything else as it is, in UTF-8. A run
// of invalid UTF-8 becomes one U+FFFD.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r == '\n':
			b = append(b, '\\', 'n')
		case r == '\r':
			b = append(b, '\\', 'r')
		case r == '\t':
			b = append(b, '\\', 't')
		case r < 0x20 || r == '\u2028' || r == '\u2029':
			b = append(b, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return append(b, '"')
}

var (
	textType      = reflect.TypeFor[lang.Text]()
	dateType      = reflect.TypeFor[plan.Date]()
	yearMonthType = reflect.TypeFor[plan.YearMonth]()
)

// model is a value of the model that the writer converts as it reaches
// it: objects keyed by the fields' TOML names in field order, with the
// fields of embedded structs (Blocks) inline, empty fields left out (see
// empty), and the figures plansite computes added (see ComputedKeys).
// Fields tagged toml:"-" are not data of the file and are skipped.
type model struct{ v reflect.Value }

// empty reports whether a field's value is left out of its object: an
// empty string, text, list, map or date, false, nil, or a struct with
// nothing to write. Numbers are never empty, since 0 is a figure.
func empty(v reflect.Value) bool {
	switch v.Type() {
	case textType:
		return valueOf[lang.Text](v).IsZero()
	case dateType:
		return !valueOf[plan.Date](v).IsSet()
	case yearMonthType:
		return !valueOf[plan.YearMonth](v).IsSet()
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		return v.IsNil() || empty(v.Elem())
	case reflect.Struct:
		if ComputedKeys[v.Type()] != nil {
			return false
		}
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if f.IsExported() && (f.Anonymous || dataField(f)) && !empty(v.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Slice, reflect.Array, reflect.Map, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	}
	return false
}

// valueOf returns the T that v holds, through its address where it has
// one, which spares copying it into an interface.
func valueOf[T any](v reflect.Value) T {
	if v.CanAddr() {
		return *v.Addr().Interface().(*T)
	}
	return v.Interface().(T)
}

// dataField reports whether a struct field is written to the file.
func dataField(f reflect.StructField) bool {
	name := TOMLName(f)
	return f.IsExported() && name != "" && name != "-"
}

// appendFields adds the struct's data fields to o, leaving out empty ones.
func appendFields(o *object, v reflect.Value) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		switch {
		case f.Anonymous && f.Type.Kind() == reflect.Struct:
			appendFields(o, v.Field(i))
		case dataField(f) && !empty(v.Field(i)):
			*o = append(*o, member{TOMLName(f), model{v.Field(i)}})
		}
	}
}

// model writes a value of the model.
func (w *jsonWriter) model(v reflect.Value) error {
	switch v.Type() {
	case textType:
		return w.value(text(valueOf[lang.Text](v)))
	case dateType:
		d := valueOf[plan.Date](v)
		if !d.IsSet() {
			return w.value("")
		}
		return w.value(d.Format(time.DateOnly))
	case yearMonthType:
		s, _ := valueOf[plan.YearMonth](v).MarshalText()
		return w.value(string(s))
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return w.value(nil)
		}
		return w.model(v.Elem())
	case reflect.Struct:
		var o object
		appendFields(&o, v)
		return w.value(append(o, computed(v)...))
	case reflect.Slice, reflect.Array:
		list := make([]any, v.Len())
		for i := range list {
			list[i] = model{v.Index(i)}
		}
		return w.value(list)
	case reflect.Map:
		keys := make([]string, 0, v.Len())
		for _, k := range v.MapKeys() {
			keys = append(keys, k.String())
		}
		slices.Sort(keys)
		o := make(object, 0, len(keys))
		for _, k := range keys {
			o = append(o, member{k, model{v.MapIndex(reflect.ValueOf(k).Convert(v.Type().Key()))}})
		}
		return w.value(o)
	case reflect.String:
		return w.value(v.String())
	case reflect.Bool:
		return w.value(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return w.value(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return w.value(int64(v.Uint()))
	case reflect.Float32, reflect.Float64:
		return w.value(v.Float())
	}
	return fmt.Errorf("plan.json cannot hold a %s", v.Type())
}

// TOMLName is the key of a model field in TOML, and so in plan.json.
func TOMLName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
	return name
}

// ComputedKeys names the read-only keys plan.json adds to an object of
// the model type, after its fields: the figures plansite computes.
var ComputedKeys = map[reflect.Type][]string{
	reflect.TypeFor[plan.StaffRow](): {"total"},
	reflect.TypeFor[plan.Staffing](): {"role_totals", "total"},
}

// computed returns the figures plansite computes for v, under the keys
// ComputedKeys lists.
func computed(v reflect.Value) []member {
	switch v.Type() {
	case reflect.TypeFor[plan.StaffRow]():
		return []member{{"total", valueOf[plan.StaffRow](v).Total()}}
	case reflect.TypeFor[plan.Staffing]():
		x := valueOf[plan.Staffing](v)
		totals := object{}
		for _, r := range x.Roles {
			if x.RoleHas(r.Key) {
				totals = append(totals, member{r.Key, x.RoleTotal(r.Key)})
			}
		}
		return []member{{"role_totals", totals}, {"total", x.Total()}}
	}
	return nil
}

// text writes a text as { "ja": …, "en": … }, leaving out a missing
// language.
func text(t lang.Text) object {
	o := object{}
	if t.Ja != "" {
		o = append(o, member{"ja", t.Ja})
	}
	if t.En != "" {
		o = append(o, member{"en", t.En})
	}
	return o
}

// page writes Markdown content: its front matter title and description,
// and the Markdown per language.
func page(p plan.Page) (object, bool) {
	var o object
	if !p.Title.IsZero() {
		o = append(o, member{"title", text(p.Title)})
	}
	if !p.Description.IsZero() {
		o = append(o, member{"description", text(p.Description)})
	}
	if md := p.Markdown(); !md.IsZero() {
		o = append(o, member{"markdown", text(md)})
	}
	return o, len(o) > 0
}

// PlanJSON returns the whole plan as JSON: the organization under "org",
// the plan's fields as in its TOML file, and its prose under "body".
// schemaRef is written as "$schema", the address of the JSON Schema
// relative to the file, for editors that validate with it. indent writes
// the JSON for people to read; otherwise it is compact.
func PlanJSON(p *plan.Plan, schemaRef string, indent bool) ([]byte, error) {
	return planJSON(p, schemaRef, indent, nil)
}

func planJSON(p *plan.Plan, schemaRef string, indent bool, scratch *[]byte) ([]byte, error) {
	o := object{{"$schema", schemaRef}}
	if p.Org != nil {
		org := object{{"id", p.Org.ID}}
		appendFields(&org, reflect.ValueOf(p.Org).Elem())
		if intro, ok := page(p.Org.Intro); ok {
			org = append(org, member{"intro", intro})
		}
		o = append(o, member{"org", org})
	}
	appendFields(&o, reflect.ValueOf(p).Elem())
	if body, ok := page(p.Body); ok {
		o = append(o, member{"body", body})
	}
	return marshal(o, indent, scratch)
}
