package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// setLocale sets the environment a user's shell would, for one test.
func setLocale(t *testing.T, lang string) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", lang)
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/plansite -update)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run go test ./cmd/plansite -update and review the diff):\n%s", file, got)
	}
}

// TestCheckMistakes runs check on a site with a dozen different mistakes,
// in English and in Japanese. Each must be listed with its file and line.
func TestCheckMistakes(t *testing.T) {
	for _, tt := range []struct{ lang, golden string }{
		{"C.UTF-8", "check/mistakes.en.golden"},
		{"ja_JP.UTF-8", "check/mistakes.ja.golden"},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			setLocale(t, tt.lang)
			code, stdout, stderr := runPlansite(t, "check", "-source", "testdata/check/mistakes")
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			golden(t, tt.golden, fmt.Sprintf("exit %d\n-- stdout --\n%s-- stderr --\n%s", code, stdout, stderr))
		})
	}
	// Every mistake of the site, by its place; the golden files hold the words.
	setLocale(t, "C")
	_, _, stderr := runPlansite(t, "check", "-source", "testdata/check/mistakes")
	for _, want := range []string{
		"content/mihon/2024/_index.ja.md:7:20: broken link",
		"data/orgs/mihon.toml: legal_type is missing",
		"data/orgs/mihon.toml:2:1: unknown key \"legal_typ\"",
		"data/orgs/tsugi.toml:3:1: website must be",
		"data/plans/mihon/2023.toml:12:1: divisions.sections.programs.sites: expected a whole number",
		"data/plans/mihon/2024.toml:2:1: unknown key \"titel\": did you mean \"title\"?",
		"data/plans/mihon/2024.toml:7:1: broken link \"/ja/mihon/2022/\"",
		"data/plans/mihon/2024.toml:15:26: frequency.per must be",
		"data/plans/mihon/2024.toml:16:1: marker must be",
		"data/plans/mihon/2024.toml:19:1: id \"rijikai\" is already used",
		"data/plans/mihon/2024.toml:29:1: target key \"soudan\" is used twice",
		"data/plans/mihon/2024.toml:39:11: staff numbers cannot be negative",
		"data/plans/mihon/2024.toml:44:14: months[1] is 13",
		"data/plans/mihon/2024.toml:40:1: warning: the stated total 3 differs",
		"data/plans/mihon/2024.toml:48:1: warning: 2025-06-01 is outside fiscal year 2024",
		"data/plans/mihonn/2024.toml: this plan is for organization \"mihonn\"",
		"data/plans/tsugi/2024.toml:3:1: title: Key 'title' has already been defined.",
		"15 error(s) and 2 warning(s) in 7 file(s)",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q", want)
		}
	}
}

func TestCheckExampleSite(t *testing.T) {
	setLocale(t, "C")
	code, stdout, stderr := runPlansite(t, "check", "-source", exampleSite)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "0 error(s)") {
		t.Errorf("stderr = %q", stderr)
	}
	for _, want := range []string{"Translation coverage", "bungoono-shakyo/2022", "meyasubako/2024"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
}
