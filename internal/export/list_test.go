package export

import "testing"

// TestListMatchesPlan checks that List names exactly the files Plan makes,
// for every plan of the example site.
func TestListMatchesPlan(t *testing.T) {
	_, plans := loadPlans(t, "../..")
	n := 0
	for _, p := range plans {
		made, err := Plan(p, false)
		if err != nil {
			t.Fatal(err)
		}
		listed := List(p)
		if len(listed) != len(made) {
			t.Fatalf("%s: List names %d files, Plan makes %d", PlanDir(p), len(listed), len(made))
		}
		for i, f := range made {
			l := listed[i]
			if l.Path != f.Path || l.Kind != f.Kind || l.Format != f.Format || l.Lang != f.Lang || l.Data != nil {
				t.Errorf("file %d: listed %+v, made %s %s %s %s", i, l, f.Path, f.Kind, f.Format, f.Lang)
			}
			n++
		}
	}
	if n == 0 {
		t.Fatal("no plan files in the example site")
	}
}
