package load

import (
	"bytes"
	"errors"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/plansite/plansite/internal/diag"
	"github.com/plansite/plansite/internal/plan"
)

// decodeTOML decodes src strictly into v, a pointer to a model struct. It
// reports a syntax or type error (the TOML library stops at the first), or
// every unknown key with a "did you mean" hint. The returned key positions
// let callers place the errors they find after decoding.
func decodeTOML(file string, src []byte, v any) (*keyPositions, []diag.Problem) {
	md, err := toml.NewDecoder(bytes.NewReader(src)).Decode(v)
	if err != nil {
		return nil, []diag.Problem{decodeProblem(file, src, err)}
	}
	detach(v)
	kp := scanKeys(file, src)
	var problems []diag.Problem
	seen := map[diag.Pos]bool{}
	for _, key := range md.Undecoded() {
		path := key.String()
		parent, name := splitLast(key)
		msg := diag.Message("unknown key %q", name)
		if known := knownKeys(reflect.TypeOf(v), parent); len(known) > 0 {
			if s := diag.Suggest(name, known); s != "" {
				msg = diag.Message("unknown key %q: did you mean %q?", name, s)
			} else {
				msg = diag.Message("unknown key %q: expected one of %s", name, strings.Join(known, ", "))
			}
		}
		positions := kp.Shaped(path)
		if len(positions) == 0 {
			positions = []diag.Pos{{File: file}}
		}
		for _, pos := range positions {
			if !seen[pos] {
				seen[pos] = true
				problems = append(problems, diag.Problem{Pos: pos, Message: msg})
			}
		}
	}
	return kp, problems
}

func splitLast(key toml.Key) ([]string, string) {
	if len(key) == 0 {
		return nil, ""
	}
	return key[:len(key)-1], key[len(key)-1]
}

// typeErrorPattern matches the TOML library's decoding errors, which carry a
// line but are not ParseErrors.
var typeErrorPattern = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)

var typeNames = strings.NewReplacer(
	"incompatible types: TOML value has type ", "expected ",
	"; destination has type ", ", found ",
)

func decodeProblem(file string, src []byte, err error) diag.Problem {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return diag.Problem{
			Pos:     diag.Pos{File: file, Line: pe.Position.Line, Col: runeCol(src, pe.Position.Start)},
			Message: keyed(pe.LastKey, pe.Message),
		}
	}
	if m := typeErrorPattern.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		pos := diag.Pos{File: file, Line: line}
		// The document parsed, so its keys can be scanned for the column.
		for _, p := range scanKeys(file, src).Shaped(m[2]) {
			if p.Line == line {
				pos = p
				break
			}
		}
		return diag.Problem{Pos: pos, Message: keyed(m[2], explainType(m[3]))}
	}
	return diag.Problem{Pos: diag.Pos{File: file}, Message: err.Error()}
}

// explainType turns "incompatible types: TOML value has type string;
// destination has type integer" into "expected an integer, found text".
func explainType(msg string) string {
	const prefix = "incompatible types: TOML value has type "
	if !strings.HasPrefix(msg, prefix) {
		return msg
	}
	found, want, ok := strings.Cut(strings.TrimPrefix(msg, prefix), "; destination has type ")
	if !ok {
		return msg
	}
	return diag.Message("expected %s, found %s", describeType(want), describeType(found))
}

func describeType(t string) string {
	switch t {
	case "string":
		return diag.Message("text in quotes")
	case "integer", "int", "int64":
		return diag.Message("a whole number")
	case "float", "float64":
		return diag.Message("a number")
	case "bool", "boolean":
		return diag.Message("true or false")
	case "array", "slice":
		return diag.Message("an array [ … ]")
	case "table", "map", "struct":
		return diag.Message("a table { … }")
	}
	return t
}

func keyed(key, msg string) string {
	if key == "" {
		return msg
	}
	return diag.Message("%s: %s", key, msg)
}

// runeCol converts a byte offset into a 1-based column counted in runes.
func runeCol(src []byte, off int) int {
	off = max(0, min(off, len(src)))
	start := strings.LastIndexByte(string(src[:off]), '\n') + 1
	return len([]rune(string(src[start:off]))) + 1
}

// knownKeys lists the TOML keys allowed in the table at path (keys without
// indices) of the model type t.
func knownKeys(t reflect.Type, path []string) []string {
	for _, key := range path {
		t = elem(t)
		if t.Kind() != reflect.Struct {
			return nil
		}
		f, ok := fieldByKey(t, key)
		if !ok {
			return nil
		}
		t = f.Type
	}
	t = elem(t)
	if t.Kind() != reflect.Struct {
		return nil
	}
	var keys []string
	collectKeys(t, &keys)
	return keys
}

func elem(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	return t
}

func fieldByKey(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous {
			if sub, ok := fieldByKey(f.Type, key); ok {
				return sub, true
			}
			continue
		}
		if tomlName(f) == key {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

func collectKeys(t reflect.Type, keys *[]string) {
	if t == reflect.TypeOf(plan.Text{}) {
		*keys = append(*keys, "ja", "en")
		return
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous {
			collectKeys(f.Type, keys)
			continue
		}
		if name := tomlName(f); name != "" && name != "-" {
			*keys = append(*keys, name)
		}
	}
}

func tomlName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
	return name
}
