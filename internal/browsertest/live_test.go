package browsertest

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
)

// TestCheckersAreLive shows each checker failing a page made to fail it,
// and passing a correct page, so a harness that reports nothing is
// reporting a clean site, not a checker that never ran.
func TestCheckersAreLive(t *testing.T) {
	t.Parallel()
	root, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	tools := Require(t, root)
	const dir = "testdata/broken"
	url := Serve(t, dir, "/").URL + "/"
	tab := Start(t, tools).NewTab(t)

	tests := []struct {
		page string
		axe  []string // axe-core rules that must fail
		csp  bool     // the page must break the Content-Security-Policy
		wide bool     // the page must scroll sideways at 360 px
		// focus is the keyboard problem the page must have: no skip link,
		// or no visible focus indicator.
		focus string
		vnu   bool // the Nu HTML Checker must report errors
		dark  bool // the text must fail contrast in the dark scheme
	}{
		{page: "ok.html"},
		{page: "image-without-alt.html", axe: []string{"image-alt"}, vnu: true, focus: "skip"},
		{page: "table-without-headers.html", axe: []string{"td-has-header"}, focus: "skip"},
		{page: "missing-lang.html", axe: []string{"html-has-lang"}, focus: "skip"},
		{page: "inline-code.html", csp: true, focus: "skip"},
		{page: "invalid-html.html", vnu: true, focus: "skip"},
		{page: "too-wide.html", wide: true, focus: "skip"},
		{page: "no-focus-indicator.html", focus: "indicator"},
		{page: "dark-low-contrast.html", dark: true},
	}
	// The checker runs while the browser works; each subtest waits for it.
	var vnu sync.WaitGroup
	var vnuErrs []string
	var vnuErr error
	vnu.Go(func() { vnuErrs, vnuErr = VNU(context.Background(), tools, dir) })
	t.Cleanup(vnu.Wait)
	for _, tt := range tests {
		t.Run(strings.TrimSuffix(tt.page, ".html"), func(t *testing.T) {
			problems, err := tab.Open(url+tt.page, View{Width: 360, Height: 740})
			if err != nil {
				t.Fatal(err)
			}
			if csp := slices.ContainsFunc(problems, func(p string) bool { return strings.HasPrefix(p, "Content-Security-Policy") }); csp != tt.csp {
				t.Errorf("CSP violation reported: %v, want %v (problems: %q)", csp, tt.csp, problems)
			}
			if !tt.csp && len(problems) > 0 {
				t.Errorf("problems loading the page: %q", problems)
			}

			vs, err := tab.Axe(append(WCAG, BestPractice)...)
			if err != nil {
				t.Fatal(err)
			}
			var failed []string
			for _, v := range vs {
				failed = append(failed, v.ID)
			}
			for _, rule := range tt.axe {
				if !slices.Contains(failed, rule) {
					t.Errorf("axe did not report %s; it reported %v", rule, failed)
				}
			}
			if len(tt.axe) == 0 && len(failed) > 0 {
				t.Errorf("axe reported %v on a page made to pass it", failed)
			}

			o, err := tab.HorizontalOverflow()
			if err != nil {
				t.Fatal(err)
			}
			if (o != nil) != tt.wide {
				t.Errorf("horizontal overflow at 360 px: %v, want %v", o, tt.wide)
			}

			if err := tab.Show(View{Width: 360, Height: 740, Dark: true}); err != nil {
				t.Fatal(err)
			}
			dark, err := tab.AxeRules("color-contrast")
			if err != nil {
				t.Fatal(err)
			}
			if (len(dark) > 0) != tt.dark {
				t.Errorf("contrast violations in the dark scheme: %v, want some: %v", dark, tt.dark)
			}

			if _, err := tab.Open(url+tt.page, View{Width: 1280, Height: 900, ReducedMotion: true}); err != nil {
				t.Fatal(err)
			}
			stops, err := tab.TabThrough(20)
			if err != nil {
				t.Fatal(err)
			}
			skip := len(stops) > 0 && strings.HasSuffix(stops[0].Href, "#main")
			indicators := !slices.ContainsFunc(stops, func(s FocusStop) bool { return s.Indicator == "" })
			if got := focusProblem(skip, indicators); got != tt.focus {
				t.Errorf("keyboard problem %q, want %q (stops: %v)", got, tt.focus, stops)
			}

			if vnu.Wait(); vnuErr != nil {
				t.Fatal(vnuErr)
			}
			var pageVNU []string
			for _, e := range vnuErrs {
				if strings.HasPrefix(e, tt.page+":") {
					pageVNU = append(pageVNU, e)
				}
			}
			if (len(pageVNU) > 0) != tt.vnu {
				t.Errorf("Nu HTML Checker errors %q, want errors: %v", pageVNU, tt.vnu)
			}
		})
	}
}

// focusProblem names the first keyboard problem of a page, as the
// fixtures expect it, or "" for none.
func focusProblem(skipLinkFirst, indicatorsVisible bool) string {
	switch {
	case !indicatorsVisible:
		return "indicator"
	case !skipLinkFirst:
		return "skip"
	}
	return ""
}
