package build

import (
	"context"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// exampleSite is the repository root, which is the example site.
const exampleSite = "../.."

var (
	tagPattern   = regexp.MustCompile(`(?s)<[^>]*>`)
	spacePattern = regexp.MustCompile(`\s+`)
)

// pageText is the visible text of an HTML page, whitespace collapsed.
func pageText(page []byte) string {
	body := string(page)
	if i := strings.Index(body, "<main"); i >= 0 {
		body = body[i:]
	}
	text := html.UnescapeString(tagPattern.ReplaceAllString(body, " "))
	return spacePattern.ReplaceAllString(text, " ")
}

// TestFidelity checks that every fact of the source plans, listed in
// testdata/fidelity/<org>-<year>.tsv as "Japanese<TAB>English", appears on
// the built plan page of each language.
func TestFidelity(t *testing.T) {
	out, _, err := Render(context.Background(), Options{Source: exampleSite})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("testdata/fidelity/*.tsv")
	if len(files) == 0 {
		t.Fatal("no fidelity lists in testdata/fidelity")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".tsv")
		i := strings.LastIndexByte(name, '-')
		org, year := name[:i], name[i+1:]
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			ja := pageText(out["ja/"+org+"/"+year+"/index.html"])
			en := pageText(out["en/"+org+"/"+year+"/index.html"])
			if ja == "" || en == "" {
				t.Fatalf("no plan page for %s %s", org, year)
			}
			facts := 0
			for n, line := range strings.Split(string(data), "\n") {
				if line = strings.TrimRight(line, "\r"); line == "" || strings.HasPrefix(line, "#") {
					continue
				}
				jaFact, enFact, ok := strings.Cut(line, "\t")
				if !ok {
					t.Errorf("%s:%d: want Japanese<TAB>English", file, n+1)
					continue
				}
				facts++
				if !strings.Contains(ja, spacePattern.ReplaceAllString(jaFact, " ")) {
					t.Errorf("%s:%d: Japanese page lacks %q", file, n+1, jaFact)
				}
				if !strings.Contains(en, spacePattern.ReplaceAllString(enFact, " ")) {
					t.Errorf("%s:%d: English page lacks %q", file, n+1, enFact)
				}
			}
			t.Logf("%d facts checked", facts)
		})
	}
}
