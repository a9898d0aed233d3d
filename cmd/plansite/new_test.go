package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyExample copies the example site's data and content into a new folder.
func copyExample(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, sub := range []string{"data", "content"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(exampleSite, sub))); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestNewPlanBuildsAndShowsChanges is the editing workflow: start next
// year from this year's plan, build it (no changes yet), edit a target,
// build again, and the plan page lists the change in both languages.
func TestNewPlanBuildsAndShowsChanges(t *testing.T) {
	setLocale(t, "C")
	site := copyExample(t)
	code, stdout, stderr := runPlansite(t, "new", "-source", site, "plan", "meyasubako", "2025")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{
		"created data/plans/meyasubako/2025.toml",
		"created content/meyasubako/2025/_index.ja.md",
		"started from data/plans/meyasubako/2024.toml",
		"data/plans/meyasubako/2025.toml:491:9: date moved from 2024-04-01 to 2025-04-01",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	dest := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runPlansite(t, "build", "-source", site, "-destination", dest); code != 0 {
		t.Fatalf("the new plan does not build: exit %d\n%s", code, stderr)
	}
	page := func(lang string) string {
		b, err := os.ReadFile(filepath.Join(dest, lang, "meyasubako/2025/index.html"))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if strings.Contains(page("ja"), "id=changes") {
		t.Error("an unedited new year shows a changes section")
	}

	file := filepath.Join(site, "data/plans/meyasubako/2025.toml")
	src, _ := os.ReadFile(file)
	edited := strings.Replace(string(src), "value = 1548\n", "value = 1600\n", 1)
	if edited == string(src) {
		t.Fatal("the target to edit is not in the plan")
	}
	os.WriteFile(file, []byte(edited), 0o644)
	if code, _, stderr := runPlansite(t, "build", "-source", site, "-destination", dest); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for lang, wants := range map[string][]string{
		"ja": {"<h2 id=changes-title>令和6年度（2024年度）からの変更</h2>", "新規相談件数</a></th><td class=num>1,548件</td><td class=num>1,600件</td>"},
		"en": {"<h2 id=changes-title>Changes since FY2024</h2>", "New consultations</a></th><td class=num>1,548 cases</td><td class=num>1,600 cases</td>"},
	} {
		p := page(lang)
		for _, want := range wants {
			if !strings.Contains(p, want) {
				t.Errorf("%s page lacks %s", lang, want)
			}
		}
	}

	// A second run refuses, and leaves the edited file alone.
	code, _, stderr = runPlansite(t, "new", "-source", site, "plan", "meyasubako", "2025")
	if code != 1 || !strings.Contains(stderr, "data/plans/meyasubako/2025.toml already exists") {
		t.Errorf("second run: exit %d, %s", code, stderr)
	}
	if now, _ := os.ReadFile(file); string(now) != edited {
		t.Error("the second run changed the plan")
	}
}

func TestNewInJapanese(t *testing.T) {
	setLocale(t, "ja_JP.UTF-8")
	site := copyExample(t)
	code, stdout, stderr := runPlansite(t, "new", "-source", site, "org", "mihon")
	if code != 0 || !strings.Contains(stdout, "data/orgs/mihon.toml を作りました") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
	code, _, stderr = runPlansite(t, "new", "-source", site, "plan", "mihn", "2025")
	if want := `plansite: エラー: 法人・団体 "mihn"（data/orgs/mihn.toml）がありません。先に "plansite new org mihn" で作ってください（"mihon" の誤りではありませんか？）`; code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("exit %d\n%s\nwant %s", code, stderr, want)
	}
}
