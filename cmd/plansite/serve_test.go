package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/sitetest"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// devServer is "plansite serve" running in this process on a random port
// of 127.0.0.1, over a site folder of real files.
type devServer struct {
	t              testing.TB
	dir, url       string
	patience       time.Duration // how long to wait for a page or an event
	stdout, stderr *syncBuffer
	stop           context.CancelFunc
	exit           chan int
}

var servingLine = regexp.MustCompile(`serving (http://127\.0\.0\.1:\d+/\S*)`)

func startServe(t testing.TB, dir string, args ...string) *devServer {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &devServer{t: t, dir: dir, patience: 30 * time.Second, stdout: &syncBuffer{}, stderr: &syncBuffer{}, stop: cancel, exit: make(chan int, 1)}
	go func() {
		s.exit <- run(ctx, append([]string{"serve", "-source", dir, "-port", "0"}, args...), s.stdout, s.stderr)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-s.exit:
		case <-time.After(10 * time.Second):
			t.Error("plansite serve did not stop within 10s of Ctrl-C")
		}
	})
	s.waitFor("the server to start", func() bool { return servingLine.MatchString(s.stdout.String()) })
	s.url = servingLine.FindStringSubmatch(s.stdout.String())[1]
	s.patience = 10 * time.Minute // a large site's first build
	s.waitFor("the first build", func() bool { return s.builds() == 1 })
	s.patience = 30 * time.Second
	return s
}

// builds counts the builds that succeeded.
func (s *devServer) builds() int { return strings.Count(s.stdout.String(), "built in ") }

// settle waits until no build has finished for half a second: a page
// made first (a preview) is served before its build finishes.
func (s *devServer) settle() {
	s.t.Helper()
	n, since := s.builds(), time.Now()
	for time.Since(since) < 500*time.Millisecond {
		time.Sleep(20 * time.Millisecond)
		if m := s.builds(); m != n {
			n, since = m, time.Now()
		}
	}
}

func (s *devServer) waitFor(what string, cond func() bool) {
	s.t.Helper()
	deadline := time.Now().Add(s.patience)
	for !cond() {
		if time.Now().After(deadline) {
			s.t.Fatalf("waited %s for %s\nstdout:\n%s\nstderr:\n%s", s.patience, what, s.stdout, s.stderr)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (s *devServer) get(page string) (int, string) {
	s.t.Helper()
	resp, err := http.Get(s.url + page)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// waitPage waits until the page answers with status and a body holding
// want.
func (s *devServer) waitPage(page string, status int, want string) {
	s.t.Helper()
	s.waitFor(fmt.Sprintf("%s to answer %d with %q", page, status, want), func() bool {
		code, body := s.get(page)
		return code == status && strings.Contains(body, want)
	})
}

// listen opens the live-reload event stream of a page, as its script does,
// and returns the names and data of the events that arrive.
func (s *devServer) listen(page string) <-chan [2]string {
	s.t.Helper()
	u := strings.TrimSuffix(s.url, "/") + "/_plansite/events?page=/" + page
	resp, err := http.Get(u)
	if err != nil {
		s.t.Fatal(err)
	}
	events := make(chan [2]string, 64)
	lines := bufio.NewScanner(resp.Body)
	if !lines.Scan() { // the stream's opening comment: the page is registered
		s.t.Fatal("the event stream closed at once")
	}
	go func() {
		defer resp.Body.Close()
		var name, data string
		for lines.Scan() {
			line := lines.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data += strings.TrimPrefix(line, "data: ")
			case line == "" && name != "":
				events <- [2]string{name, data}
				name, data = "", ""
			}
		}
	}()
	return events
}

func (s *devServer) expectEvent(events <-chan [2]string, name string) string {
	s.t.Helper()
	select {
	case ev := <-events:
		if ev[0] != name {
			s.t.Fatalf("event %q (%s), want %q", ev[0], ev[1], name)
		}
		return ev[1]
	case <-time.After(s.patience):
		s.t.Fatalf("no %q event within %s\nstdout:\n%s\nstderr:\n%s", name, s.patience, s.stdout, s.stderr)
	}
	return ""
}

func (s *devServer) write(name, content string) {
	s.t.Helper()
	p := filepath.Join(s.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// atomicWrite saves as many editors do: into a temporary file beside the
// original, renamed over it.
func (s *devServer) atomicWrite(name, content string) {
	s.t.Helper()
	tmp := filepath.Join(s.dir, filepath.FromSlash(name)+".tmp.12345")
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		s.t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(s.dir, filepath.FromSlash(name))); err != nil {
		s.t.Fatal(err)
	}
}

const serveSite = `
-- data/site.toml --
title = { ja = "計画ポータル", en = "Plans Portal" }
-- data/orgs/mihon.toml --
name = { ja = "見本会", en = "Mihon Association" }
legal_type = "corporation"
-- data/plans/mihon/2024.toml --
fiscal_year = 2024
title = { ja = "事業計画", en = "Business Plan" }
slogan = { text = { ja = "はじめのスローガン", en = "First slogan" } }
-- content/mihon/2024/_index.ja.md --
基本方針の本文。
`

func plan(slogan string) string {
	return "fiscal_year = 2024\ntitle = { ja = \"事業計画\", en = \"Business Plan\" }\nslogan = { text = { ja = \"" + slogan + "\", en = \"Slogan\" } }\n"
}

// TestServeEditing walks through an editing session against a running
// server, as the acceptance of issue 6 lists it.
func TestServeEditing(t *testing.T) {
	t.Parallel()
	s := startServe(t, sitetest.Write(t, serveSite))
	s.waitPage("ja/mihon/2024/", 200, "はじめのスローガン")
	events := s.listen("ja/mihon/2024/")

	t.Run("edit a TOML value", func(t *testing.T) {
		s.t = t
		s.write("data/plans/mihon/2024.toml", plan("二番目のスローガン"))
		s.expectEvent(events, "reload")
		s.waitPage("ja/mihon/2024/", 200, "二番目のスローガン")
	})
	t.Run("save by atomic rename", func(t *testing.T) {
		s.t = t
		s.atomicWrite("data/plans/mihon/2024.toml", plan("三番目のスローガン"))
		s.expectEvent(events, "reload")
		s.waitPage("ja/mihon/2024/", 200, "三番目のスローガン")
	})
	t.Run("new organization folder with a plan", func(t *testing.T) {
		s.t = t
		if code, _ := s.get("ja/shin/2025/"); code != 404 {
			t.Fatalf("the new page exists before it was written: %d", code)
		}
		s.write("data/orgs/shin.toml", "name = \"新しい会\"\nlegal_type = \"council\"\n")
		s.write("data/plans/shin/2025.toml", "fiscal_year = 2025\ntitle = \"新しい事業計画\"\n")
		s.waitPage("ja/shin/2025/", 200, "新しい事業計画")
		s.waitPage("ja/", 200, "新しい会")
	})
	t.Run("delete it", func(t *testing.T) {
		s.t = t
		os.RemoveAll(filepath.Join(s.dir, "data/plans/shin"))
		os.Remove(filepath.Join(s.dir, "data/orgs/shin.toml"))
		s.waitPage("ja/shin/2025/", 404, "")
		s.waitFor("the home page to drop it", func() bool { _, body := s.get("ja/"); return !strings.Contains(body, "新しい会") })
	})
	t.Run("break a file, then fix it", func(t *testing.T) {
		s.t = t
		s.write("data/plans/mihon/2024.toml", "fiscal_year = 2024\ntitle = \n")
		data := s.expectEvent(events, "problems")
		if !strings.Contains(data, `"file":"data/plans/mihon/2024.toml","line":2`) {
			t.Errorf("overlay data = %s, want the file and line", data)
		}
		if code, body := s.get("ja/mihon/2024/"); code != 200 || !strings.Contains(body, "三番目のスローガン") {
			t.Errorf("the last good page is not served while the build is broken: %d", code)
		}
		if !strings.Contains(s.stderr.String(), "data/plans/mihon/2024.toml:2:") {
			t.Errorf("the terminal does not show the problem: %s", s.stderr)
		}
		s.write("data/plans/mihon/2024.toml", plan("直したスローガン"))
		s.expectEvent(events, "ok")
		s.expectEvent(events, "reload")
		s.waitPage("ja/mihon/2024/", 200, "直したスローガン")
	})
	t.Run("300 files at once are one rebuild", func(t *testing.T) {
		s.t = t
		s.settle()
		before := s.builds()
		for i := range 300 {
			s.write(fmt.Sprintf("content/page-%03d.ja.md", i), fmt.Sprintf("+++\ntitle = \"ページ%d\"\n+++\n本文%d\n", i, i))
		}
		s.waitPage("ja/page-299/", 200, "本文299")
		time.Sleep(time.Second) // time for a second build, if there were one
		if got := s.builds() - before; got != 1 {
			t.Errorf("%d builds for one checkout of 300 files, want 1\n%s", got, s.stdout)
		}
	})
}

// TestServeScriptOnlyInServedPages runs the server with -destination and
// checks that the live-reload script is in the pages served, never in the
// files written.
func TestServeScriptOnlyInServedPages(t *testing.T) {
	t.Parallel()
	dest := filepath.Join(t.TempDir(), "public")
	s := startServe(t, sitetest.Write(t, serveSite), "-destination", dest)
	s.waitPage("ja/mihon/2024/", 200, `<script src="/_plansite/live.js"`)
	s.write("data/plans/mihon/2024.toml", plan("書き出し後のスローガン"))
	s.waitPage("ja/mihon/2024/", 200, "書き出し後のスローガン")
	s.waitFor("the destination to be updated", func() bool {
		b, _ := os.ReadFile(filepath.Join(dest, "ja/mihon/2024/index.html"))
		return bytes.Contains(b, []byte("書き出し後のスローガン"))
	})
	written := sitetest.Snapshot(t, dest)
	if len(written) < 5 {
		t.Fatalf("only %d files written", len(written))
	}
	for name, content := range written {
		if strings.Contains(content, "_plansite") {
			t.Errorf("%s holds the live-reload script", name)
		}
	}
}

func TestServePortTaken(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	_, port, _ := net.SplitHostPort(l.Addr().String())
	code, _, stderr := runPlansite(t, "serve", "-source", sitetest.Write(t, serveSite), "-port", port)
	if code != 1 || !strings.Contains(stderr, "127.0.0.1:"+port+" is already taken") || !strings.Contains(stderr, "-port 0") {
		t.Errorf("exit %d, stderr %q: want 1 and a message saying how to choose another port", code, stderr)
	}
}

// TestServeStopsOnInterrupt stops the server as Ctrl-C does, with a page
// listening for events, and expects a clean exit.
func TestServeStopsOnInterrupt(t *testing.T) {
	t.Parallel()
	s := startServe(t, sitetest.Write(t, serveSite))
	s.listen("ja/")
	s.stop()
	select {
	case code := <-s.exit:
		if code != 0 || !strings.HasSuffix(s.stdout.String(), "stopped\n") {
			t.Errorf("exit %d, stdout %q", code, s.stdout)
		}
		s.exit <- code
	case <-time.After(10 * time.Second):
		t.Fatal("no exit within 10s")
	}
}

// TestMain runs the tests in the English locale, whatever the developer's
// is: the serve tests read the server's English reports. Tests of the
// Japanese messages set the locale themselves.
func TestMain(m *testing.M) {
	os.Setenv("LC_ALL", "C")
	os.Exit(m.Run())
}
