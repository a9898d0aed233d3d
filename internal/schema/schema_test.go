package schema

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/plansite/plansite/internal/lang"
	"github.com/plansite/plansite/internal/plan"
)

var update = flag.Bool("update", false, "rewrite the example site's schema/ files")

// root is the repository root, which is the example site.
const root = "../.."

// TestEveryFieldDocumented walks the model: every toml key of every type
// reached from a kind's root has a description in both languages, and
// every description belongs to a key that exists.
func TestEveryFieldDocumented(t *testing.T) {
	seen := map[string]bool{}
	types := map[string]bool{}
	var walk func(t reflect.Type)
	walk = func(rt reflect.Type) {
		for rt.Kind() == reflect.Pointer || rt.Kind() == reflect.Slice || rt.Kind() == reflect.Map {
			rt = rt.Elem()
		}
		if rt.Kind() != reflect.Struct || rt == textType || rt == dateType || rt == yearMonthType || types[rt.Name()] {
			return
		}
		types[rt.Name()] = true
		for i := 0; i < rt.NumField(); i++ {
			f := rt.Field(i)
			key, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
			if f.Anonymous {
				walk(f.Type)
				continue
			}
			if key == "" || key == "-" {
				continue
			}
			owner := rt.Name() + "." + key
			seen[owner] = true
			if d := fieldDocs[owner]; d.Ja == "" || d.En == "" {
				t.Errorf("%s has no description in both languages: add it to fieldDocs in descriptions.go", owner)
			}
			walk(f.Type)
		}
	}
	for _, k := range Kinds {
		walk(k.root)
	}
	for owner := range fieldDocs {
		if !seen[owner] {
			t.Errorf("fieldDocs describes %s, which the model does not have", owner)
		}
	}
	for name := range types {
		if d := typeDocs[name]; name != "Blocks" && (d.Ja == "" || d.En == "") {
			t.Errorf("type %s has no description in both languages", name)
		}
	}
}

func TestIDPatternMatchesValidation(t *testing.T) {
	re := regexp.MustCompile(IDPattern)
	for _, id := range []string{"somu", "new-consultations", "2024", "a", "", "Somu", "-a", "総務", "a b", "a_b"} {
		if re.MatchString(id) != plan.ValidID(id) {
			t.Errorf("%q: schema says %v, validation says %v", id, re.MatchString(id), plan.ValidID(id))
		}
	}
}

func TestGenerateIsValidJSONAndStable(t *testing.T) {
	for _, k := range Kinds {
		a, b := k.Generate(), k.Generate()
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between runs", k.File)
		}
		var v map[string]any
		if err := json.Unmarshal(a, &v); err != nil {
			t.Fatalf("%s: %v", k.File, err)
		}
		if v["$schema"] != "http://json-schema.org/draft-04/schema#" {
			t.Errorf("%s: $schema = %v", k.File, v["$schema"])
		}
		// Keywords newer than draft 4 would be ignored by Taplo.
		for _, kw := range []string{`"const"`, `"examples"`, `"$defs"`, `"if"`, `"exclusiveMinimum": 0`} {
			if bytes.Contains(a, []byte(kw)) {
				t.Errorf("%s uses %s, which is not draft 4", k.File, kw)
			}
		}
	}
	plan := string(Kinds[1].Generate())
	for _, want := range []string{`"#/definitions/Section"`, `"enum": [`, `"circled"`, "開催頻度", "How often it takes place"} {
		if !strings.Contains(plan, want) {
			t.Errorf("plan schema lacks %s", want)
		}
	}
	_ = lang.Ja
}

// TestCommittedSchemas: the example site's schema/ files are what the
// model generates (go test ./internal/schema -update rewrites them).
func TestCommittedSchemas(t *testing.T) {
	dir := filepath.Join(root, Dir)
	if *update {
		if _, err := Write(dir); err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range Kinds {
		got, err := os.ReadFile(filepath.Join(dir, k.File))
		if err != nil {
			t.Fatalf("%v: run go test ./internal/schema -update", err)
		}
		if !bytes.Equal(got, k.Generate()) {
			t.Errorf("%s/%s is out of date: run go test ./internal/schema -update (or plansite schema)", Dir, k.File)
		}
	}
}

// TestSchemaDirectives: every example data file starts with a #:schema
// line naming its schema, by a path relative to the file, so editors find it.
func TestSchemaDirectives(t *testing.T) {
	for _, k := range Kinds {
		files, _ := filepath.Glob(filepath.Join(root, filepath.FromSlash(k.Matches)))
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			first, _, _ := strings.Cut(string(src), "\n")
			ref, ok := strings.CutPrefix(first, "#:schema ")
			if !ok {
				t.Errorf("%s does not start with a #:schema line naming %s/%s", f, Dir, k.File)
				continue
			}
			target := filepath.Join(filepath.Dir(f), filepath.FromSlash(strings.TrimSpace(ref)))
			if filepath.Clean(target) != filepath.Join(root, Dir, k.File) {
				t.Errorf("%s: #:schema %s should name %s/%s", f, ref, Dir, k.File)
			}
		}
	}
}

// taplo finds Taplo's command line: .ci/node_modules (npm ci --prefix .ci)
// or the PATH. CI sets PLANSITE_REQUIRE_TAPLO so that a missing Taplo
// fails rather than skips.
func taplo(t *testing.T) string {
	t.Helper()
	if p, err := filepath.Abs(filepath.Join(root, ".ci/node_modules/.bin/taplo")); err == nil {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("taplo"); err == nil {
		return p
	}
	if os.Getenv("PLANSITE_REQUIRE_TAPLO") != "" {
		t.Fatal("Taplo is not installed: run npm ci --prefix .ci")
	}
	t.Skip("Taplo is not installed (npm ci --prefix .ci); CI runs this test")
	return ""
}

// TestTaploValidatesExampleSite checks every TOML file of the example site
// and of the build tests' site against freshly generated schemas with
// Taplo, the validator Even Better TOML uses, following the files' own
// #:schema lines, and checks that broken files fail. Taplo starts slowly,
// so one run checks every file, and its "invalid file" lines must name
// exactly the broken ones.
func TestTaploValidatesExampleSite(t *testing.T) {
	bin := taplo(t)
	dir := t.TempDir()
	var config strings.Builder
	var files []string
	want := map[string]bool{}     // the files that must fail
	origin := map[string]string{} // the example file each copy is of
	add := func(rel, src string, broken bool) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, rel)
		if broken {
			want[p] = true
		}
	}
	// Each site is copied with its layout, beside freshly generated
	// schemas, so that the files' own #:schema lines are followed; files
	// without one get their schema from the configuration's rules.
	sites := []string{root, filepath.Join(root, "internal/build/testdata/site")}
	for n, site := range sites {
		if _, err := Write(filepath.Join(dir, fmt.Sprintf("site%d", n), Dir)); err != nil {
			t.Fatal(err)
		}
		for _, k := range Kinds {
			matches, _ := filepath.Glob(filepath.Join(site, filepath.FromSlash(k.Matches)))
			for _, m := range matches {
				src, err := os.ReadFile(m)
				if err != nil {
					t.Fatal(err)
				}
				rel, _ := filepath.Rel(site, m)
				copyRel := fmt.Sprintf("site%d/%s", n, filepath.ToSlash(rel))
				add(copyRel, string(src), false)
				origin[filepath.Join(dir, filepath.FromSlash(copyRel))] = m
			}
		}
	}
	for _, k := range Kinds {
		abs, _ := filepath.Abs(filepath.Join(dir, "site0", Dir, k.File))
		fmt.Fprintf(&config, "[[rule]]\ninclude = [\"site*/%s\"]\n[rule.schema]\npath = %q\n\n", k.Matches, "file://"+filepath.ToSlash(abs))
	}
	// Broken plans: an unknown key, a wrong type, a value out of range.
	for name, src := range map[string]string{
		"typo":   "fiscal_year = 2024\ntitel = \"事業計画\"\n",
		"type":   "fiscal_year = \"2024\"\n",
		"marker": "fiscal_year = 2024\n[[divisions]]\nid = \"somu\"\nname = \"総務課\"\n[[divisions.sections]]\nname = \"係\"\n[[divisions.sections.programs]]\nname = \"理事会\"\nmarker = \"maru\"\n",
		"month":  "fiscal_year = 2024\n[[schedule]]\nname = \"理事会\"\nmonths = [4, 13]\n",
		"lang":   "fiscal_year = 2024\ntitle = { ja = \"事業計画\", fr = \"Plan\" }\n",
		"id":     "fiscal_year = 2024\n[[divisions]]\nid = \"Somu\"\nname = \"総務課\"\n",
	} {
		add("site0/data/plans/broken/"+name+".toml", src, true)
	}
	add("site0/data/orgs/broken-legal-type.toml", "name = \"社会福祉法人 見本会\"\nlegal_type = \"kaisha\"\n", true)
	if len(origin) < 8 {
		t.Fatalf("found only %d example files", len(origin))
	}
	if err := os.WriteFile(filepath.Join(dir, "taplo.toml"), []byte(config.String()), 0o644); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(bin, append([]string{"check", "--config", "taplo.toml", "--colors", "never"}, files...)...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if _, isExit := err.(*exec.ExitError); err != nil && !isExit {
		t.Fatalf("taplo: %v", err)
	}
	got := map[string]bool{}
	for _, m := range regexp.MustCompile(`invalid file error=.* path="([^"]+)"`).FindAllStringSubmatch(string(out), -1) {
		got[m[1]] = true
	}
	for f := range want {
		if !got[f] {
			t.Errorf("Taplo accepts %s, which is broken", filepath.Base(f))
		}
	}
	for f := range got {
		if !want[f] {
			t.Errorf("Taplo rejects %s (copied to %s)", origin[f], f)
		}
	}
	if t.Failed() {
		t.Logf("taplo output:\n%s", out)
	}
}
