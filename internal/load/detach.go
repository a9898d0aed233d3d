package load

import "reflect"

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
	eachString(rv, func(s string) string {
		if _, ok := offsets[s]; !ok {
			offsets[s] = len(text)
			text = append(text, s...)
		}
		return s
	})
	own := string(text)
	eachString(rv, func(s string) string {
		off := offsets[s]
		return own[off : off+len(s)]
	})
}

// eachString replaces every string reachable from v through pointers,
// exported struct fields, slices, arrays and maps (keys too) with f's
// result. Maps are made anew, since their entries cannot be set in place.
func eachString(v reflect.Value, f func(string) string) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() {
			v.SetString(f(v.String()))
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			eachString(v.Elem(), f)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			if t.Field(i).IsExported() {
				eachString(v.Field(i), f)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			eachString(v.Index(i), f)
		}
	case reflect.Map:
		if v.IsNil() || !v.CanSet() {
			return
		}
		m := reflect.MakeMapWithSize(v.Type(), v.Len())
		for iter := v.MapRange(); iter.Next(); {
			k := reflect.New(v.Type().Key()).Elem()
			k.Set(iter.Key())
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(iter.Value())
			eachString(k, f)
			eachString(e, f)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	}
}
