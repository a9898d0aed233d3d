package search

import (
	"encoding/json"
	"os"
	"slices"
	"testing"
)

// A specCase is one case of testdata/spec.json, which the browser test
// runs through the search script too (internal/browsertest).
type specCase struct {
	Name  string   `json:"name"`
	Input string   `json:"input"`
	Norm  string   `json:"normalized"`
	Doc   []string `json:"doc"`
	Query []string `json:"query"`
}

func readSpec(t *testing.T) []specCase {
	t.Helper()
	data, err := os.ReadFile("testdata/spec.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []specCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	return cases
}

// TestSpec checks Normalize, DocTokens and QueryTokens against the cases
// shared with the search script.
func TestSpec(t *testing.T) {
	for _, c := range readSpec(t) {
		t.Run(c.Name, func(t *testing.T) {
			norm := Normalize(c.Input)
			if norm != c.Norm {
				t.Errorf("Normalize(%q) = %q, want %q", c.Input, norm, c.Norm)
			}
			doc := DocTokens(norm)
			if doc == nil {
				doc = []string{}
			}
			if !slices.Equal(doc, c.Doc) {
				t.Errorf("DocTokens(%q) = %q, want %q", norm, doc, c.Doc)
			}
			q := []string{}
			for _, tok := range QueryTokens(c.Input) {
				q = append(q, tok.String())
			}
			if !slices.Equal(q, c.Query) {
				t.Errorf("QueryTokens(%q) = %q, want %q", c.Input, q, c.Query)
			}
		})
	}
}
