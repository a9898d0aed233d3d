package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/plansite/plansite/internal/diag"
	"github.com/plansite/plansite/internal/schema"
)

// schemaCommand writes the JSON Schemas of the site's TOML files into
// schema/, for completion and checking in editors.
func schemaCommand() *command {
	fs := flag.NewFlagSet("schema", flag.ContinueOnError)
	source := fs.String("source", ".", "site folder; the schemas are written to its schema/ folder")
	c := &command{name: "schema", short: "write JSON Schemas of the TOML files for editors", flags: fs}
	c.run = func(ctx context.Context, args []string, stdout, stderr io.Writer) int {
		loc := diag.LocaleFromEnv(os.Getenv)
		fs.SetOutput(stderr)
		if err := fs.Parse(args); err != nil {
			return 2
		}
		if fs.NArg() > 0 {
			fmt.Fprintln(stderr, loc.Sprintf("plansite %s: unexpected argument %q", "schema", fs.Arg(0)))
			return 2
		}
		files, err := schema.Write(filepath.Join(*source, schema.Dir))
		for _, f := range files {
			fmt.Fprintln(stdout, loc.Sprintf("wrote %s", filepath.ToSlash(f)))
		}
		if err != nil {
			fmt.Fprintln(stderr, loc.Sprintf("plansite: error: %v", err))
			return 1
		}
		return 0
	}
	return c
}
