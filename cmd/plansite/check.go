package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/plansite/plansite/internal/check"
	"github.com/plansite/plansite/internal/diag"
)

// checkCommand validates a site without writing anything: every problem
// to stderr, grouped by file, and the translation coverage to stdout.
func checkCommand() *command {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	source := fs.String("source", ".", "site folder holding content/, data/, layouts/ and assets/")
	c := &command{name: "check", short: "check the site and report translation coverage", flags: fs}
	c.run = func(ctx context.Context, args []string, stdout, stderr io.Writer) int {
		loc := diag.LocaleFromEnv(os.Getenv)
		fs.SetOutput(stderr)
		if err := fs.Parse(args); err != nil {
			return 2
		}
		if fs.NArg() > 0 {
			fmt.Fprintln(stderr, loc.Sprintf("plansite %s: unexpected argument %q", "check", fs.Arg(0)))
			return 2
		}
		report, err := check.Run(ctx, check.Options{Source: *source})
		if err != nil {
			fmt.Fprintln(stderr, loc.Sprintf("plansite: error: %v", err))
			return 1
		}
		report.WriteProblems(stderr, loc)
		report.WriteCoverage(stdout, loc)
		if report.Problems.HasErrors() {
			return 1
		}
		return 0
	}
	return c
}
