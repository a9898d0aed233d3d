package load

import (
	"os"
	"reflect"
	"testing"
	"unsafe"

	"github.com/BurntSushi/toml"
	"github.com/plansite/plansite/internal/plan"
)

// TestDetach decodes a real plan, with tables whose rows are maps, and
// checks that detach changes no value, and that afterwards the plan's
// strings sit together in their own text, as long as the distinct strings
// and no longer: not scattered through the source, keys and syntax and
// all.
func TestDetach(t *testing.T) {
	src, err := os.ReadFile("../../data/plans/bungoono-shakyo/2022.toml")
	if err != nil {
		t.Fatal(err)
	}
	var want, got plan.Plan
	if _, err := toml.Decode(string(src), &want); err != nil {
		t.Fatal(err)
	}
	if _, err := toml.Decode(string(src), &got); err != nil {
		t.Fatal(err)
	}
	detach(&got)
	if !reflect.DeepEqual(&got, &want) {
		t.Fatal("detach changed the plan")
	}

	distinct := map[string]bool{}
	var size int
	lo, hi := uintptr(0), uintptr(0)
	walkStrings(reflect.ValueOf(&got), false, func(s string) string {
		if s == "" {
			return s
		}
		if !distinct[s] {
			distinct[s] = true
			size += len(s)
		}
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		if lo == 0 || p < lo {
			lo = p
		}
		hi = max(hi, p+uintptr(len(s)))
		return s
	})
	if len(got.Divisions) == 0 || len(distinct) < 100 {
		t.Fatalf("the plan decoded to %d divisions and %d strings; expected a whole plan", len(got.Divisions), len(distinct))
	}
	if span := int(hi - lo); span != size {
		t.Errorf("the plan's strings span %d bytes; their distinct text is %d bytes (the source is %d)", span, size, len(src))
	}
}
