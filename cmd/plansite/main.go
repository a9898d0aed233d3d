// Command plansite builds the annual plans of social welfare organizations
// into a bilingual static website.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"

	"github.com/plansite/plansite/internal/build"
	"github.com/plansite/plansite/internal/diag"
)

const usage = `Usage: plansite <command> [flags]

Commands:
  build     build the site into a folder (default public/)
  check     check every file and report translation coverage; writes nothing
  new       start an organization (new org ID) or a year's plan (new plan ORG YEAR)
  schema    write JSON Schemas of the TOML files into schema/, for editors
  serve     serve the site at http://127.0.0.1:1313/ and rebuild it on every save
  version   print the version

Run "plansite <command> -h" for a command's flags.`

// A command is one subcommand with its own flags.
type command struct {
	name  string
	short string
	flags *flag.FlagSet
	run   func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "help" {
		fmt.Fprintln(stderr, usage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "%s\n\n%s\n", diag.LocaleFromEnv(os.Getenv).Sprintf("plansite: unknown command %q", args[0]), usage)
	return 2
}

func commands() []*command {
	return []*command{buildCommand(), serveCommand(), checkCommand(), newCommand(), schemaCommand(), versionCommand(), genCommand()}
}

func buildCommand() *command {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	opts := build.Options{}
	fs.StringVar(&opts.Source, "source", ".", "site folder holding content/, data/, layouts/ and assets/")
	fs.StringVar(&opts.Destination, "destination", "public", "output folder")
	fs.StringVar(&opts.BaseURL, "baseURL", "/", "where the site is hosted: / or a subfolder such as https://example.jp/keikaku/")
	minify := fs.Bool("minify", true, "minify HTML, CSS and other text output")
	c := &command{name: "build", short: "build the site", flags: fs}
	c.run = func(ctx context.Context, args []string, stdout, stderr io.Writer) int {
		loc := diag.LocaleFromEnv(os.Getenv)
		fs.SetOutput(stderr)
		if err := fs.Parse(args); err != nil {
			return 2
		}
		if fs.NArg() > 0 {
			fmt.Fprintln(stderr, loc.Sprintf("plansite %s: unexpected argument %q", "build", fs.Arg(0)))
			return 2
		}
		opts.NoMinify = !*minify
		res, err := build.Run(ctx, opts)
		if res != nil {
			for _, w := range res.Warnings {
				fmt.Fprintln(stderr, w.Localized(loc))
			}
		}
		if err != nil {
			reportError(stderr, err, loc)
			return 1
		}
		fmt.Fprintln(stdout, res.Summary())
		return 0
	}
	return c
}

// reportError prints every problem of a failed build, one per line, in
// the file:line:col: message form editors understand.
func reportError(stderr io.Writer, err error, loc diag.Locale) {
	var list *diag.Errors
	if errors.As(err, &list) {
		for _, p := range list.List {
			fmt.Fprintln(stderr, p.Localized(loc))
		}
		fmt.Fprintln(stderr, loc.Sprintf("plansite: build failed with %d error(s); nothing was written", len(list.List)))
		return
	}
	fmt.Fprintln(stderr, loc.Sprintf("plansite: error: %v", err))
}

func versionCommand() *command {
	c := &command{name: "version", short: "print the version", flags: flag.NewFlagSet("version", flag.ContinueOnError)}
	c.run = func(ctx context.Context, args []string, stdout, stderr io.Writer) int {
		fmt.Fprintln(stdout, "plansite", version())
		return 0
	}
	return c
}

// version is the module version, or the VCS revision of a development build.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return "devel " + s.Value[:12]
		}
	}
	return "devel"
}
