package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/plansite/plansite/internal/build"
	"github.com/plansite/plansite/internal/diag"
	"github.com/plansite/plansite/internal/load"
	"github.com/plansite/plansite/internal/serve"
	"github.com/plansite/plansite/internal/watch"
)

// serveCommand builds the site into memory, serves it, and rebuilds what
// changed whenever a file under content/, data/, layouts/ or assets/ is
// saved; open pages reload themselves.
func serveCommand() *command {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	opts := build.Options{}
	bind := fs.String("bind", "127.0.0.1", "address to listen on; the default keeps the site to this computer")
	port := fs.Int("port", 1313, "port to listen on; 0 picks a free one")
	fs.StringVar(&opts.Source, "source", ".", "site folder holding content/, data/, layouts/ and assets/")
	fs.StringVar(&opts.Destination, "destination", "", "also write the site into this folder after every good build (by default it is kept in memory)")
	fs.StringVar(&opts.BaseURL, "baseURL", "/", "where the site will be hosted: / or a subfolder such as https://example.jp/keikaku/")
	c := &command{name: "serve", short: "serve the site and rebuild it on every save", flags: fs}
	c.run = func(ctx context.Context, args []string, stdout, stderr io.Writer) int {
		loc := diag.LocaleFromEnv(os.Getenv)
		fs.SetOutput(stderr)
		if err := fs.Parse(args); err != nil {
			return 2
		}
		if fs.NArg() > 0 {
			fmt.Fprintln(stderr, loc.Sprintf("plansite %s: unexpected argument %q", "serve", fs.Arg(0)))
			return 2
		}
		if err := runServe(ctx, opts, net.JoinHostPort(*bind, strconv.Itoa(*port)), loc, stdout, stderr); err != nil {
			fmt.Fprintln(stderr, loc.Sprintf("plansite serve: %v", err))
			return 1
		}
		return 0
	}
	return c
}

// runServe wires the builder, the watcher and the server together until
// ctx is done.
func runServe(ctx context.Context, opts build.Options, addr string, loc diag.Locale, stdout, stderr io.Writer) error {
	builder, err := build.NewBuilder(opts)
	if err != nil {
		return err
	}
	defer builder.Close()
	out := &lockedWriter{w: stdout}
	errOut := &lockedWriter{w: stderr}
	var srv *serve.Server
	srv = serve.New(serve.Options{Addr: addr, BasePath: builder.BasePath(), Locale: loc, Rebuild: func(ctx context.Context) (*serve.Site, error) {
		// The pages open in a browser are made first and shown at once.
		preview := build.Preview{Files: srv.Clients(), Show: func(files *build.Snapshot) { srv.Preview(&serve.Site{Files: files}) }}
		return rebuild(ctx, builder, preview, loc, out, errOut)
	}})
	if err := srv.Listen(); err != nil {
		return err
	}
	w, err := watch.New(watch.Options{Root: opts.Source, Dirs: load.Folders, Ignore: ignoreDestination(opts.Source, opts.Destination)})
	if err != nil {
		return err
	}
	defer w.Close()
	go w.Run(ctx, func(b watch.Batch) {
		if b.Overflow {
			builder.ForgetAll()
		} else {
			builder.Forget(b.Paths...)
		}
		srv.Rebuild()
	}, func(err error) { fmt.Fprintln(errOut, loc.Sprintf("plansite serve: watching: %v", err)) })
	fmt.Fprintln(out, loc.Sprintf("serving %s (press Ctrl-C to stop)", srv.URL()))
	if err := srv.Run(ctx); err != nil {
		return err
	}
	fmt.Fprintln(out, loc.Sprintf("stopped"))
	return nil
}

// rebuild runs one build and reports it: a summary line when it succeeds,
// every problem when it fails.
func rebuild(ctx context.Context, builder *build.Builder, preview build.Preview, loc diag.Locale, stdout, stderr io.Writer) (*serve.Site, error) {
	start := time.Now()
	res, err := builder.BuildWithPreview(ctx, preview)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err != nil {
		var list *diag.Errors
		if errors.As(err, &list) {
			for _, p := range list.List {
				fmt.Fprintln(stderr, p.Localized(loc))
			}
			fmt.Fprintln(stderr, loc.Sprintf("plansite: build failed with %d error(s); still serving the last good site", len(list.List)))
		} else {
			fmt.Fprintln(stderr, loc.Sprintf("plansite: build failed: %v; still serving the last good site", err))
		}
		return nil, err
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, w.Localized(loc))
	}
	fmt.Fprintln(stdout, loc.Sprintf("built in %s: %d of %d files rendered, %d changed",
		time.Since(start).Round(100*time.Microsecond), res.Rendered, res.Files, len(res.Changed)))
	return &serve.Site{Files: builder.Files()}, nil
}

// ignoreDestination keeps the watcher from reporting the server's own
// writes when the destination lies inside a watched folder.
func ignoreDestination(source, dest string) func(string) bool {
	if dest == "" {
		return nil
	}
	src, err1 := filepath.Abs(source)
	dst, err2 := filepath.Abs(dest)
	if err1 != nil || err2 != nil {
		return nil
	}
	rel, err := filepath.Rel(src, dst)
	if err != nil || !filepath.IsLocal(rel) {
		return nil
	}
	rel = filepath.ToSlash(rel)
	return func(p string) bool { return p == rel || strings.HasPrefix(p, rel+"/") }
}

// lockedWriter serializes writes from the builder's and the watcher's
// goroutines.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}
