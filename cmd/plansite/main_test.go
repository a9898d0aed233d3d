package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// runPlansite runs the command as a user would and returns its exit code
// and output.
func runPlansite(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// exampleSite is the repository root, which is the example site.
const exampleSite = "../.."

func TestBuildExampleSite(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	code, stdout, stderr := runPlansite(t, "build", "-source", exampleSite, "-destination", dest)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !regexp.MustCompile(`^pages: \d+ ja, \d+ en; files: \d+ written, 0 unchanged, 0 removed;`).MatchString(stdout) {
		t.Errorf("summary = %q", stdout)
	}
	for _, p := range []string{"index.html", "ja/index.html", "en/index.html", "ja/meyasubako/2024/index.html", "en/meyasubako/2024/index.html"} {
		if _, err := os.Stat(filepath.Join(dest, p)); err != nil {
			t.Error(err)
		}
	}
	code, stdout, _ = runPlansite(t, "build", "-source", exampleSite, "-destination", dest)
	if code != 0 || !strings.Contains(stdout, " 0 written,") {
		t.Errorf("second build: exit %d, %q", code, stdout)
	}
}

func TestBuildReportsErrors(t *testing.T) {
	src := t.TempDir()
	os.MkdirAll(filepath.Join(src, "data/orgs"), 0o755)
	os.WriteFile(filepath.Join(src, "data/orgs/a.toml"), []byte("name = \"社会福祉法人 あ\"\nlegal_typ = \"council\"\n"), 0o644)
	dest := filepath.Join(t.TempDir(), "public")
	code, _, stderr := runPlansite(t, "build", "-source", src, "-destination", dest)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{
		`data/orgs/a.toml:2:1: unknown key "legal_typ": did you mean "legal_type"?`,
		"data/orgs/a.toml: legal_type is missing",
		"build failed with 2 error(s); nothing was written",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Error("a failed build created the destination")
	}
}

func TestUsage(t *testing.T) {
	if code, _, stderr := runPlansite(t); code != 2 || !strings.HasPrefix(stderr, "Usage: plansite") {
		t.Errorf("no args: exit %d, %q", code, stderr)
	}
	if code, _, stderr := runPlansite(t, "biuld"); code != 2 || !strings.Contains(stderr, `unknown command "biuld"`) {
		t.Errorf("typo: exit %d, %q", code, stderr)
	}
	if code, stdout, _ := runPlansite(t, "version"); code != 0 || !strings.HasPrefix(stdout, "plansite ") {
		t.Errorf("version: exit %d, %q", code, stdout)
	}
}
