package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/plansite/plansite/internal/synth"
)

// genCommand writes a synthetic site for benchmarks. It is not listed in
// the usage: residents' sites never need it.
func genCommand() *command {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	orgs := fs.Int("orgs", 100, "number of organizations")
	seed := fs.Uint64("seed", 1, "random seed; the same seed gives the same site")
	c := &command{name: "gen", short: "write a synthetic site for benchmarks", flags: fs}
	c.run = func(ctx context.Context, args []string, stdout, stderr io.Writer) int {
		fs.SetOutput(stderr)
		if err := fs.Parse(args); err != nil {
			return 2
		}
		if fs.NArg() != 1 {
			fmt.Fprintln(stderr, "usage: plansite gen [-orgs N] [-seed S] DIR")
			return 2
		}
		if err := synth.Write(fs.Arg(0), synth.Options{Orgs: *orgs, Seed: *seed}); err != nil {
			fmt.Fprintf(stderr, "plansite gen: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "wrote a synthetic site of %d organizations to %s\n", *orgs, fs.Arg(0))
		return 0
	}
	return c
}
