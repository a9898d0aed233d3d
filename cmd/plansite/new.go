package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/plansite/plansite/internal/diag"
	"github.com/plansite/plansite/internal/scaffold"
)

// newCommand starts an organization or a plan: plansite new org ID,
// plansite new plan ORG YEAR. It never overwrites a file.
func newCommand() *command {
	fs := flag.NewFlagSet("new", flag.ContinueOnError)
	source := fs.String("source", ".", "site folder holding content/ and data/")
	c := &command{name: "new", short: "start an organization or a year's plan", flags: fs}
	c.run = func(ctx context.Context, args []string, stdout, stderr io.Writer) int {
		loc := diag.LocaleFromEnv(os.Getenv)
		fs.SetOutput(stderr)
		if err := fs.Parse(args); err != nil {
			return 2
		}
		var res *scaffold.Result
		var err error
		switch a := fs.Args(); {
		case len(a) == 2 && a[0] == "org":
			res, err = scaffold.NewOrg(*source, a[1])
		case len(a) == 3 && a[0] == "plan":
			year, convErr := strconv.Atoi(a[2])
			if convErr != nil {
				fmt.Fprintln(stderr, loc.Sprintf("plansite new plan: the year %q is not a number: write the western year the plan's April falls in (令和7年度 = 2025)", a[2]))
				return 2
			}
			res, err = scaffold.NewPlan(*source, a[1], year)
		default:
			fmt.Fprintln(stderr, loc.Sprintf("usage: plansite new [-source DIR] org ID, or plansite new [-source DIR] plan ORG YEAR"))
			return 2
		}
		if res != nil {
			for _, f := range res.Created {
				fmt.Fprintln(stdout, loc.Sprintf("created %s", f))
			}
		}
		if err != nil {
			fmt.Fprintln(stderr, loc.Sprintf("plansite: error: %v", err))
			return 1
		}
		if res.From != "" {
			fmt.Fprintln(stdout, loc.Sprintf("started from %s: actual results became previous values, and dates moved to the new year", res.From))
		}
		if len(res.Review) > 0 {
			fmt.Fprintln(stdout, loc.Sprintf("check these lines:"))
			for _, p := range res.Review {
				fmt.Fprintf(stdout, "%s: %s\n", p.Pos, loc.Translate(p.Message))
			}
		}
		fmt.Fprintln(stdout, loc.Sprintf("next: edit the new files, then run plansite check"))
		return 0
	}
	return c
}
