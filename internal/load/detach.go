package load

import (
	"reflect"
	"sync"
)

// detach makes the strings of v, a value just decoded from TOML, point
// into one new string of their own instead of into the source. The
// decoder's strings are slices of the whole file, so any one of them keeps
// all of it in memory for as long as the model holds it: names and
// descriptions are about half of a plan file, and a site's plans are kept
// for the whole build. Equal strings share their bytes.
func detach(v any) {
	rv := reflect.ValueOf(v)
	offsets := map[string]int{}
	var text []byte
	walkStrings(rv, false, func(s string) string {
		if _, ok := offsets[s]; !ok {
			offsets[s] = len(text)
			text = append(text, s...)
		}
		return s
	})
	own := string(text)
	walkStrings(rv, true, func(s string) string {
		off := offsets[s]
		return own[off : off+len(s)]
	})
}

// walkStrings calls f with every string reachable from v through
// pointers, exported struct fields, slices, arrays and maps (keys too),
// and when replace is set puts f's result in its place. Maps are then made
// anew, since their entries cannot be set in place.
func walkStrings(v reflect.Value, replace bool, f func(string) string) {
	switch v.Kind() {
	case reflect.String:
		s := f(v.String())
		if replace && v.CanSet() {
			v.SetString(s)
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkStrings(v.Elem(), replace, f)
		}
	case reflect.Struct:
		for _, i := range stringFields(v.Type()) {
			walkStrings(v.Field(i), replace, f)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walkStrings(v.Index(i), replace, f)
		}
	case reflect.Map:
		if !replace {
			for iter := v.MapRange(); iter.Next(); {
				walkStrings(iter.Key(), false, f)
				walkStrings(iter.Value(), false, f)
			}
			return
		}
		if v.IsNil() || !v.CanSet() {
			return
		}
		m := reflect.MakeMapWithSize(v.Type(), v.Len())
		for iter := v.MapRange(); iter.Next(); {
			k := reflect.New(v.Type().Key()).Elem()
			k.Set(iter.Key())
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(iter.Value())
			walkStrings(k, true, f)
			walkStrings(e, true, f)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	}
}

// fieldsByType holds stringFields' answers, by struct type.
var fieldsByType sync.Map

// stringFields lists the exported fields of struct type t that can hold a
// string, so that the walk skips dates, numbers and flags: a plan has
// thousands of structs.
func stringFields(t reflect.Type) []int {
	return cachedFields(&fieldsByType, t, func(sf reflect.StructField) bool {
		return sf.IsExported() && holdsStrings(sf.Type, map[reflect.Type]bool{})
	})
}

// cachedFields lists the indexes of the fields of struct type t that keep
// accepts, remembering the answer in cache.
func cachedFields(cache *sync.Map, t reflect.Type, keep func(reflect.StructField) bool) []int {
	if fields, ok := cache.Load(t); ok {
		return fields.([]int)
	}
	var fields []int
	for i := range t.NumField() {
		if keep(t.Field(i)) {
			fields = append(fields, i)
		}
	}
	cache.Store(t, fields)
	return fields
}

// holdsStrings reports whether a value of type t can hold a string that
// walkStrings reaches. seen holds the struct types being looked at, which
// a recursive type meets again.
func holdsStrings(t reflect.Type, seen map[reflect.Type]bool) bool {
	switch t.Kind() {
	case reflect.String, reflect.Interface:
		return true
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return holdsStrings(t.Elem(), seen)
	case reflect.Map:
		return holdsStrings(t.Key(), seen) || holdsStrings(t.Elem(), seen)
	case reflect.Struct:
		if seen[t] {
			return false // its other fields decide
		}
		seen[t] = true
		for i := range t.NumField() {
			if sf := t.Field(i); sf.IsExported() && holdsStrings(sf.Type, seen) {
				return true
			}
		}
	}
	return false
}
