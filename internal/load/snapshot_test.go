package load

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/plansite/plansite/internal/plan"
	"github.com/plansite/plansite/internal/scratch"
	"github.com/plansite/plansite/internal/synth"
)

// TestSnapshotRoundTrip checks that every plan of the example site, the
// build's test site, a synthetic site and a plan of fields those leave out
// decodes from its snapshot equal to the plan parsed,
// and that a snapshot cut short is an error, not a plan.
func TestSnapshotRoundTrip(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Orgs: 2, Seed: 4}); err != nil {
		t.Fatal(err)
	}
	// Fields the sites leave out: the targets' history, an era label, a
	// range of days.
	write(t, dir, "data/plans/extra/2019.toml", `fiscal_year = 2019
era_label = "平成31年度"
published = 2019-04-01
title = { ja = "計画" }
[[targets]]
key = "k"
name = { ja = "件数" }
value = 12.5
previous = 10
actual = -1.25
[[schedule]]
name = { ja = "行事" }
date = 2019-05-01
end = 2019-05-03
`)
	example, _ := filepath.Glob("../../data/plans/*/*.toml")
	testSite, _ := filepath.Glob("../build/testdata/site/data/plans/*/*.toml")
	synthetic, _ := filepath.Glob(filepath.Join(dir, "data/plans/*/*.toml"))
	files := append(append(example, testSite...), synthetic...)
	if len(example) == 0 || len(synthetic) == 0 {
		t.Fatalf("plans: %d of the example site, %d synthetic", len(example), len(synthetic))
	}
	sf, err := scratch.New()
	if err != nil {
		t.Fatal(err)
	}
	defer sf.Close()
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		name := "data/plans/" + filepath.Base(filepath.Dir(file)) + "/" + filepath.Base(file)
		p, ok := parse(name, src).value.(*plan.Plan)
		if !ok {
			t.Fatalf("%s does not parse", file)
		}
		b, err := encodeSnapshot(nil, reflect.ValueOf(p).Elem())
		if err != nil {
			t.Fatal(err)
		}
		span, err := sf.Append(b)
		if err != nil {
			t.Fatal(err)
		}
		got := &plan.Plan{}
		if err := readSnapshot(sf, span, got); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if !reflect.DeepEqual(got, p) {
			t.Errorf("%s: the plan decoded from its snapshot differs from the plan parsed", file)
		}
		span.N--
		if err := readSnapshot(sf, span, &plan.Plan{}); err == nil {
			t.Errorf("%s: a snapshot cut short decoded", file)
		}
	}
}

// TestSnapshotMapEntries checks that each entry of a map decodes to its
// own value, not keeping what the entry decoded before it held where it
// is empty.
func TestSnapshotMapEntries(t *testing.T) {
	type value struct {
		P *int
		S []string
	}
	one := 1
	want := map[string]value{"a": {&one, []string{"x"}}, "b": {}, "c": {S: []string{"y"}}, "d": {}}
	b, err := encodeSnapshot(nil, reflect.ValueOf(want))
	if err != nil {
		t.Fatal(err)
	}
	for range 20 { // map order varies from run to run
		var got map[string]value
		d := snapshotDecoder{data: b}
		if err := d.decode(reflect.ValueOf(&got).Elem()); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("decoded %v, want %v", got, want)
		}
	}
}
