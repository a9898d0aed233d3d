package plan

import (
	"reflect"

	"github.com/plansite/plansite/internal/lang"
)

var textType = reflect.TypeOf(lang.Text{})

// EachText calls f for every localized text in v, a model value or a
// pointer to one, in field order. It does not follow the Org and Plans
// links between organizations and plans, nor Page content.
func EachText(v any, f func(lang.Text)) { eachText(reflect.ValueOf(v), f) }

func eachText(v reflect.Value, f func(lang.Text)) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			eachText(v.Elem(), f)
		}
	case reflect.Struct:
		if v.Type() == textType {
			f(v.Interface().(lang.Text))
			return
		}
		for i := 0; i < v.NumField(); i++ {
			field := v.Type().Field(i)
			if !field.IsExported() || field.Tag.Get("toml") == "-" {
				continue
			}
			eachText(v.Field(i), f)
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			eachText(v.Index(i), f)
		}
	case reflect.Map:
		iter := v.MapRange()
		keys := []reflect.Value{}
		for iter.Next() {
			keys = append(keys, iter.Key())
		}
		sortValues(keys)
		for _, k := range keys {
			eachText(v.MapIndex(k), f)
		}
	}
}

func sortValues(keys []reflect.Value) {
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j].String() < keys[j-1].String(); j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
}
