// Command plansite-bench measures plansite on synthetic sites of issue 10's
// shape and prints one table with Hugo's figures beside plansite's. Run it
// from the repository root:
//
//	go run ./cmd/plansite-bench                      # 100 and 1,000 orgs, 3 runs, serve edits at 1,000
//	go run ./cmd/plansite-bench -orgs 100,1000,5000  # adds 5,000 orgs
//	go run ./cmd/plansite-bench -orgs 100 -runs 5 -serve=false
//
// It builds plansite (go build into a temporary folder) and, for each size,
// writes a site with the hidden "plansite gen" and times, runs times each:
// a full "plansite build" into an empty folder (wall time, CPU time as
// user+sys of the child, peak RSS of the child) and "cp -r" of the built
// tree, the I/O floor; then a second build into the same folder, with no
// change (wall time, files written). Medians are reported. Last, unless
// -serve=false, it runs BenchmarkServeEdit (cmd/plansite) as a compiled test
// binary: the time from saving a file to the open page being served with the
// change, for a data and a Markdown edit and two layout edits: one of the
// layout every plan page uses, one of the home pages' layout.
//
// Wall times depend on what else the machine is doing; CPU time and peak
// RSS much less. Never assert them in tests.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

const usage = `Usage: go run ./cmd/plansite-bench [flags]

Builds synthetic sites of issue 10's shape with a freshly built plansite and
prints wall time, CPU time, peak RSS, pages, bytes, the cp -r floor, the
no-change rebuild and serve's edit-to-page latency, beside Hugo's figures.

Flags:`

// hugo holds Hugo's figures from issue 10, measured on a 2-core machine.
var hugo = map[int]struct {
	pages int
	build time.Duration
	rss   int64 // bytes
	cp    time.Duration
}{
	100:  {610, 1390 * time.Millisecond, 124 << 20, 360 * time.Millisecond},
	1000: {6028, 12400 * time.Millisecond, 706 << 20, 1390 * time.Millisecond},
	5000: {30108, 77 * time.Second, 3 << 30, 2600 * time.Millisecond},
}

// hugoServe is Hugo's edit-to-page latency at 1,000 organizations.
var hugoServe = map[string]string{"data": "1.3 s", "markdown": "28 s", "layout": "-"}

type config struct {
	orgs       []int
	runs       int
	serve      bool
	serveOrgs  int
	serveEdits int
	work       string
	keep       bool
}

func main() {
	var cfg config
	sizes := flag.String("orgs", "100,1000", "comma-separated site sizes, in organizations")
	flag.IntVar(&cfg.runs, "runs", 3, "runs per size; medians are reported")
	flag.BoolVar(&cfg.serve, "serve", true, "also measure plansite serve's edit-to-page latency")
	flag.IntVar(&cfg.serveOrgs, "serve-orgs", 1000, "organizations in the site of the serve measurement")
	flag.IntVar(&cfg.serveEdits, "serve-edits", 5, "edits of each kind in the serve measurement")
	flag.StringVar(&cfg.work, "work", "", "folder for the sites and builds (default: a new temporary folder, removed at the end)")
	flag.BoolVar(&cfg.keep, "keep", false, "keep the work folder")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, usage)
		flag.PrintDefaults()
	}
	flag.Parse()
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			fatalf("-orgs: %q is not a number of organizations", s)
		}
		cfg.orgs = append(cfg.orgs, n)
	}
	if cfg.runs < 1 {
		fatalf("-runs must be at least 1")
	}
	if err := run(cfg, os.Stdout, os.Stderr); err != nil {
		fatalf("%v", err)
	}
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "plansite-bench: "+format+"\n", args...)
	os.Exit(1)
}

// A sizeResult is the measurements of one site size.
type sizeResult struct {
	orgs, pages, files int
	bytes              int64
	wall, cpu, cp      time.Duration
	rss                int64
	rebuildWall        time.Duration
	rebuildWritten     int
}

func run(cfg config, stdout, stderr io.Writer) error {
	if _, err := os.Stat(filepath.Join("cmd", "plansite", "main.go")); err != nil {
		return fmt.Errorf("run me from the plansite repository's root: %v", err)
	}
	work := cfg.work
	if work == "" {
		dir, err := os.MkdirTemp("", "plansite-bench-")
		if err != nil {
			return err
		}
		work = dir
		if !cfg.keep {
			defer os.RemoveAll(work)
		}
	}
	bin := filepath.Join(work, "plansite")
	fmt.Fprintf(stderr, "building %s\n", bin)
	if err := command(stderr, "go", "build", "-o", bin, "./cmd/plansite"); err != nil {
		return err
	}
	var results []sizeResult
	for _, n := range cfg.orgs {
		r, err := measureSize(cfg, bin, work, n, stderr)
		if err != nil {
			return err
		}
		results = append(results, r)
	}
	printTable(stdout, cfg, results)
	if cfg.serve {
		edits, err := measureServe(cfg, work, stderr)
		if err != nil {
			return err
		}
		printServe(stdout, cfg, edits)
	}
	return nil
}

func measureSize(cfg config, bin, work string, orgs int, log io.Writer) (sizeResult, error) {
	r := sizeResult{orgs: orgs}
	src := filepath.Join(work, fmt.Sprintf("site-%d", orgs))
	dest := filepath.Join(work, fmt.Sprintf("public-%d", orgs))
	copyDest := dest + "-copy"
	if err := os.RemoveAll(src); err != nil {
		return r, err
	}
	fmt.Fprintf(log, "%d orgs: writing the site\n", orgs)
	if err := command(log, bin, "gen", "-orgs", strconv.Itoa(orgs), src); err != nil {
		return r, err
	}
	var walls, cpus, cps []time.Duration
	for i := 0; i < cfg.runs; i++ {
		for _, d := range []string{dest, copyDest} {
			if err := os.RemoveAll(d); err != nil {
				return r, err
			}
		}
		flushDisk()
		fmt.Fprintf(log, "%d orgs: build %d of %d", orgs, i+1, cfg.runs)
		m, _, err := measure(bin, "build", "-source", src, "-destination", dest)
		if err != nil {
			return r, err
		}
		walls, cpus = append(walls, m.wall), append(cpus, m.cpu)
		r.rss = max(r.rss, m.rss)
		flushDisk()
		start := time.Now()
		if err := command(log, "cp", "-r", dest, copyDest); err != nil {
			return r, err
		}
		cp := time.Since(start)
		cps = append(cps, cp)
		fmt.Fprintf(log, ": %s wall, %s CPU, %s RSS; cp -r %s\n", secs(m.wall), secs(m.cpu), mib(m.rss), secs(cp))
	}
	r.wall, r.cpu, r.cp = median(walls), median(cpus), median(cps)
	if err := os.RemoveAll(copyDest); err != nil {
		return r, err
	}
	var err error
	if r.pages, r.files, r.bytes, err = countOutput(dest); err != nil {
		return r, err
	}
	flushDisk()
	m, out, err := measure(bin, "build", "-source", src, "-destination", dest)
	if err != nil {
		return r, err
	}
	r.rebuildWall = m.wall
	if w := writtenRe.FindStringSubmatch(out); w != nil {
		r.rebuildWritten, _ = strconv.Atoi(w[1])
	} else {
		r.rebuildWritten = -1
	}
	fmt.Fprintf(log, "%d orgs: no-change rebuild %s, %d files written\n", orgs, secs(m.wall), r.rebuildWritten)
	return r, nil
}

// writtenRe finds the count of written files in a build's summary.
var writtenRe = regexp.MustCompile(`files: (\d+) written`)

// A measurement is what one run of a child process took.
type measurement struct {
	wall, cpu time.Duration
	rss       int64 // peak resident set size, bytes; 0 where unknown
}

// measure runs bin with args and returns its wall time, CPU time, peak RSS
// and standard output.
func measure(bin string, args ...string) (measurement, string, error) {
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	m := measurement{wall: time.Since(start)}
	if err != nil {
		return m, "", fmt.Errorf("%s %s: %v\n%s", bin, strings.Join(args, " "), err, stderr.String())
	}
	m.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	m.rss = maxRSS(cmd.ProcessState)
	return m, stdout.String(), nil
}

func command(log io.Writer, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return nil
}

// countOutput counts the HTML pages, the files and their bytes under dir.
func countOutput(dir string) (pages, files int, size int64, err error) {
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		size += info.Size()
		if strings.HasSuffix(p, ".html") {
			pages++
		}
		return nil
	})
	return pages, files, size, err
}

func printTable(w io.Writer, cfg config, results []sizeResult) {
	fmt.Fprintf(w, "\nplansite build, synthetic sites (medians of %d runs; CPU = user+sys; RSS = peak of the runs)\n\n", cfg.runs)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "orgs\tpages\tfiles\tMB written\tbuild\tCPU\tpeak RSS\tcp -r\tbuild/cp\trebuild\trebuild writes\tHugo pages\tHugo build\tHugo RSS\tHugo cp -r\t")
	for _, r := range results {
		h, ok := hugo[r.orgs]
		hp, hb, hr, hc := "-", "-", "-", "-"
		if ok {
			hp, hb, hr, hc = strconv.Itoa(h.pages), secs(h.build), mib(h.rss), secs(h.cp)
		}
		ratio := "-"
		if r.cp > 0 {
			ratio = fmt.Sprintf("%.1fx", float64(r.wall)/float64(r.cp))
		}
		fmt.Fprintf(tw, "%d\t%d\t%d\t%.1f\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\t\n",
			r.orgs, r.pages, r.files, float64(r.bytes)/1e6, secs(r.wall), secs(r.cpu), mib(r.rss), secs(r.cp), ratio,
			secs(r.rebuildWall), r.rebuildWritten, hp, hb, hr, hc)
	}
	tw.Flush()
}

// An editResult is BenchmarkServeEdit's figures for one kind of edit.
type editResult struct {
	kind                                         string
	median, worst, build, pagesEdit, changedEdit float64
}

// measureServe compiles cmd/plansite's tests and runs BenchmarkServeEdit.
func measureServe(cfg config, work string, log io.Writer) ([]editResult, error) {
	test := filepath.Join(work, "plansite.test")
	fmt.Fprintf(log, "serve: compiling BenchmarkServeEdit\n")
	if err := command(log, "go", "test", "-c", "-o", test, "./cmd/plansite"); err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "serve: %d orgs, %d edits of each kind\n", cfg.serveOrgs, cfg.serveEdits)
	cmd := exec.Command(test, "-test.run", "^$", "-test.bench", "ServeEdit", "-test.benchtime", fmt.Sprintf("%dx", cfg.serveEdits),
		"-test.timeout", "60m", "-bench-orgs", strconv.Itoa(cfg.serveOrgs))
	cmd.Dir = filepath.Join("cmd", "plansite") // where go test would run it
	cmd.Env = append(os.Environ(), "TMPDIR="+work)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("BenchmarkServeEdit: %v\n%s%s", err, out, stderr.String())
	}
	var edits []editResult
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "BenchmarkServeEdit/") {
			continue
		}
		kind, _, _ := strings.Cut(strings.TrimPrefix(f[0], "BenchmarkServeEdit/"), "-")
		e := editResult{kind: kind}
		for i := 2; i+1 < len(f); i += 2 {
			v, _ := strconv.ParseFloat(f[i], 64)
			switch f[i+1] {
			case "ms-median":
				e.median = v
			case "ms-worst":
				e.worst = v
			case "build-ms-median":
				e.build = v
			case "pages/edit":
				e.pagesEdit = v
			case "changed/edit":
				e.changedEdit = v
			}
		}
		edits = append(edits, e)
	}
	if len(edits) == 0 {
		return nil, fmt.Errorf("BenchmarkServeEdit printed no results:\n%s", out)
	}
	return edits, nil
}

func printServe(w io.Writer, cfg config, edits []editResult) {
	fmt.Fprintf(w, "\nplansite serve, %d orgs: saving a file to the open page served with the change (%d edits each)\n\n", cfg.serveOrgs, cfg.serveEdits)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "edit\tmedian\tworst\tbuild (median)\tfiles made\tfiles changed\tHugo (1,000 orgs)\t")
	for _, e := range edits {
		h := hugoServe[e.kind]
		if h == "" {
			h = "-"
		}
		fmt.Fprintf(tw, "%s\t%.1f ms\t%.1f ms\t%.1f ms\t%.0f\t%.0f\t%s\t\n", e.kind, e.median, e.worst, e.build, e.pagesEdit, e.changedEdit, h)
	}
	tw.Flush()
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

func mib(b int64) string {
	if b <= 0 {
		return "-"
	}
	return fmt.Sprintf("%d MiB", b>>20)
}
