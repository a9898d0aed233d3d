package browsertest

import (
	"encoding/json"
	"fmt"
	"strings"
)

// WCAG is the axe-core rule tags of WCAG 2.0, 2.1 and 2.2 at levels A and
// AA. JIS X 8341-3:2016 is WCAG 2.0; the later versions add rules such as
// target size and reflow that residents on phones need as much.
var WCAG = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// BestPractice is axe-core's tag for rules outside WCAG that it still
// recommends: one main landmark, all content inside landmarks, heading
// order, unique landmark names.
const BestPractice = "best-practice"

// A Violation is one failed axe-core rule and the elements that fail it.
type Violation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  json.RawMessage `json:"target"`
		HTML    string          `json:"html"`
		Summary string          `json:"failureSummary"`
	} `json:"nodes"`
}

// String describes the violation and up to three of its elements, enough
// to find them in the templates.
func (v Violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s", v.ID, v.Impact, v.Help)
	for i, n := range v.Nodes {
		if i == 3 {
			fmt.Fprintf(&b, "\n    … and %d more", len(v.Nodes)-3)
			break
		}
		fmt.Fprintf(&b, "\n    %s %s\n      %s", n.Target, n.HTML, strings.ReplaceAll(n.Summary, "\n", " "))
	}
	return b.String()
}

// experimental are axe-core rules it leaves out by default, still being
// tuned, that the harness runs with the tags: td-has-header is the one
// that fails a data table without header cells (WCAG 1.3.1).
var experimental = []string{"td-has-header"}

// Axe runs the axe-core rules of the given tags (WCAG, BestPractice), and
// the experimental rules the harness adds, on the tab's page and returns
// the violations.
func (tab *Tab) Axe(tags ...string) ([]Violation, error) {
	return tab.axe("tag", tags)
}

// AxeRules runs the named axe-core rules alone, such as "color-contrast".
func (tab *Tab) AxeRules(rules ...string) ([]Violation, error) {
	return tab.axe("rule", rules)
}

func (tab *Tab) axe(kind string, values []string) ([]Violation, error) {
	opts := map[string]any{
		"runOnly":     map[string]any{"type": kind, "values": values},
		"resultTypes": []string{"violations"},
	}
	if kind == "tag" {
		rules := map[string]any{}
		for _, r := range experimental {
			rules[r] = map[string]bool{"enabled": true}
		}
		opts["rules"] = rules
	}
	js, err := json.Marshal(opts)
	if err != nil {
		return nil, err
	}
	raw, err := Eval[[]byte](tab, `typeof axe === 'undefined' ? Promise.reject(new Error('axe-core is not in the page')) :
		axe.run(document, `+string(js)+`).then(r => r.violations)`)
	if err != nil {
		return nil, fmt.Errorf("axe: %w", err)
	}
	var vs []Violation
	if err := json.Unmarshal(raw, &vs); err != nil {
		return nil, fmt.Errorf("axe: %w", err)
	}
	return vs, nil
}
