package serve

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/plansite/plansite/internal/diag"
)

// fakeBuilds hands the server one prepared result per rebuild.
type fakeBuilds struct {
	results chan result
}

type result struct {
	site *Site
	err  error
}

func (f *fakeBuilds) rebuild(ctx context.Context) (*Site, error) {
	select {
	case r := <-f.results:
		return r.site, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

const (
	pageV1 = `<!DOCTYPE html><html><head><link rel=stylesheet href=/css/main.111.css integrity=sha384-a></head><body><p>version 1</p></body></html>`
	pageV2 = `<!DOCTYPE html><html><head><link rel=stylesheet href=/css/main.111.css integrity=sha384-a></head><body><p>version 2</p></body></html>`
	// pageV2CSS is pageV2 after a stylesheet edit: only the link differs.
	pageV2CSS = `<!DOCTYPE html><html><head><link rel=stylesheet href=/css/main.222.css integrity=sha384-b></head><body><p>version 2</p></body></html>`
)

func site(page string) *Site {
	return &Site{Files: Map{
		"ja/index.html":       []byte(page),
		"ja/other/index.html": []byte("<html><body>other</body></html>"),
		"css/main.111.css":    []byte("p{color:red}"),
		"favicon.svg":         []byte("<svg/>"),
	}}
}

// siteWith is site(page) with one more file changed.
func siteWith(page, name, content string) *Site {
	s := site(page)
	s.Files.(Map)[name] = []byte(content)
	return s
}

// start runs a server on a random port of 127.0.0.1 and waits for its first
// build, which is first.
func start(t *testing.T, basePath string, first result) (*Server, *fakeBuilds, context.CancelFunc, chan error) {
	t.Helper()
	t.Parallel()
	fb := &fakeBuilds{results: make(chan result, 1)}
	s := New(Options{Addr: "127.0.0.1:0", BasePath: basePath, Rebuild: fb.rebuild})
	if err := s.Listen(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("the server did not stop within 10s")
		}
	})
	fb.results <- first
	waitFor(t, func() bool { return len(fb.results) == 0 })
	return s, fb, cancel, done
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 10s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func get(t *testing.T, url string) (int, string, http.Header) {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b), resp.Header
}

// getBody waits until the page's body holds want, as a person reloading
// would; a rebuild takes a moment.
func getBody(t *testing.T, url, want string) string {
	t.Helper()
	var body string
	waitFor(t, func() bool {
		_, body, _ = get(t, url)
		return strings.Contains(body, want)
	})
	return body
}

// listen opens an event stream for the page at pagePath and returns its
// events by name, with their data.
func listen(t *testing.T, s *Server, pagePath string) <-chan [2]string {
	t.Helper()
	n := len(s.Clients())
	resp, err := http.Get(strings.TrimSuffix(s.URL(), s.basePath) + Reserved + "events?page=" + pagePath)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("event stream Content-Type = %q", ct)
	}
	events := make(chan [2]string, 16)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var name, data string
		for sc.Scan() {
			line := sc.Text()
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
		close(events)
	}()
	waitFor(t, func() bool { return len(s.Clients()) > n })
	return events
}

func expectEvent(t *testing.T, events <-chan [2]string, name string) string {
	t.Helper()
	select {
	case ev := <-events:
		if ev[0] != name {
			t.Fatalf("event %q (%s), want %q", ev[0], ev[1], name)
		}
		return ev[1]
	case <-time.After(10 * time.Second):
		t.Fatalf("no %q event within 10s", name)
	}
	return ""
}

func expectNoEvent(t *testing.T, events <-chan [2]string) {
	t.Helper()
	select {
	case ev := <-events:
		t.Fatalf("unexpected event %q", ev[0])
	case <-time.After(200 * time.Millisecond):
	}
}

func TestServesTheBuildWithTheScriptInHTMLOnly(t *testing.T) {
	first := site(pageV1)
	s, _, _, _ := start(t, "/", result{site: first})
	code, body, h := get(t, s.URL()+"ja/")
	if code != 200 || !strings.Contains(body, "version 1") || !strings.Contains(h.Get("Content-Type"), "text/html") {
		t.Fatalf("GET /ja/ = %d %q %v", code, body, h)
	}
	if !strings.HasSuffix(body, script+"</body></html>") {
		t.Errorf("the script is not injected before </body>: %s", body)
	}
	if strings.Contains(string(first.Files.(Map)["ja/index.html"]), Reserved) {
		t.Error("injecting changed the build's own bytes")
	}
	code, body, h = get(t, s.URL()+"css/main.111.css")
	if code != 200 || body != "p{color:red}" || !strings.HasPrefix(h.Get("Content-Type"), "text/css") {
		t.Errorf("GET the stylesheet = %d %q %q", code, body, h.Get("Content-Type"))
	}
	if code, _, h = get(t, s.URL()+"ja/other"); code != http.StatusMovedPermanently || h.Get("Location") != "/ja/other/" {
		t.Errorf("GET /ja/other = %d to %q, want a redirect to /ja/other/", code, h.Get("Location"))
	}
	code, body, _ = get(t, s.URL()+"ja/missing/")
	if code != 404 || !strings.Contains(body, script) {
		t.Errorf("GET a missing page = %d %q, want 404 with the script, to reload when it appears", code, body)
	}
	if code, body, _ = get(t, s.URL()+"_plansite/live.js"); code != 200 || !strings.Contains(body, "EventSource") {
		t.Errorf("GET live.js = %d", code)
	}
}

func TestLiveReloadEvents(t *testing.T) {
	s, fb, _, _ := start(t, "/", result{site: site(pageV1)})
	events := listen(t, s, "/ja/")

	// A page that did not change is not reloaded.
	fb.results <- result{site: siteWith(pageV1, "ja/other/index.html", "<html><body>other, changed</body></html>")}
	s.Rebuild()
	expectNoEvent(t, events)

	// A page that changed is.
	fb.results <- result{site: site(pageV2)}
	s.Rebuild()
	expectEvent(t, events, "reload")
	getBody(t, s.URL()+"ja/", "version 2")

	// A stylesheet edit changes every page, but only in its link: the
	// page restyles in place.
	css := site(pageV2CSS)
	delete(css.Files.(Map), "css/main.111.css")
	css.Files.(Map)["css/main.222.css"] = []byte("p{color:blue}")
	fb.results <- result{site: css}
	s.Rebuild()
	expectEvent(t, events, "css")

	// A failed build shows its problems and keeps the last good site.
	broken := &diag.Errors{List: []diag.Problem{{Pos: diag.Pos{File: "data/plans/a/2024.toml", Line: 3, Col: 9}, Message: "expected a value"}}}
	fb.results <- result{err: broken}
	s.Rebuild()
	data := expectEvent(t, events, "problems")
	if !strings.Contains(data, `"file":"data/plans/a/2024.toml","line":3,"col":9`) || !strings.Contains(data, "expected a value") {
		t.Errorf("problems event = %s", data)
	}
	if _, body, _ := get(t, s.URL()+"ja/"); !strings.Contains(body, "version 2") {
		t.Errorf("the last good page is not served during the error: %s", body)
	}
	// A page opened while the build is broken shows the problems at once.
	late := listen(t, s, "/ja/other/")
	expectEvent(t, late, "problems")

	// Fixing the file removes the overlay.
	fb.results <- result{site: css}
	s.Rebuild()
	expectEvent(t, events, "ok")
	expectEvent(t, late, "ok")
	expectNoEvent(t, events)

	// A page shown first by a preview is not reloaded again when the
	// build completes with the same page.
	fb.results <- result{site: site(pageV1)}
	s.Preview(site(pageV1))
	expectEvent(t, events, "reload")
	s.Rebuild()
	expectNoEvent(t, events)
}

func TestNewerChangeCancelsRebuild(t *testing.T) {
	s, fb, _, _ := start(t, "/", result{site: site(pageV1)})
	s.Rebuild() // starts a rebuild that waits for a result…
	time.Sleep(50 * time.Millisecond)
	s.Rebuild() // …and is cancelled by this one, which gets the result
	fb.results <- result{site: site(pageV2)}
	getBody(t, s.URL()+"ja/", "version 2")
}

// TestPathTraversal sends requests as written, not cleaned by an HTTP
// client, and expects none to reach outside the build.
func TestPathTraversal(t *testing.T) {
	s, _, _, _ := start(t, "/", result{site: site(pageV1)})
	addr := strings.TrimPrefix(strings.TrimSuffix(s.URL(), "/"), "http://")
	for _, target := range []string{
		"/../../../../etc/passwd",
		"/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
		"/ja/..%2f..%2f..%2fetc/passwd",
		"/ja/../../etc/passwd",
		"/..%5c..%5cetc%5cpasswd",
		"/ja//index.html",
		"/./ja/index.html",
		"/ja/index.html%00.css",
	} {
		t.Run(target, func(t *testing.T) {
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(10 * time.Second))
			io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: "+addr+"\r\nConnection: close\r\n\r\n")
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode == http.StatusOK || strings.Contains(string(body), "root:") {
				t.Errorf("GET %s = %d %q", target, resp.StatusCode, body)
			}
		})
	}
}

func TestBasePath(t *testing.T) {
	s, _, _, _ := start(t, "/keikaku/", result{site: site(pageV1)})
	root := strings.TrimSuffix(s.URL(), "keikaku/")
	if code, _, h := get(t, root); code != http.StatusFound || h.Get("Location") != "/keikaku/" {
		t.Errorf("GET / = %d to %q", code, h.Get("Location"))
	}
	if code, body, _ := get(t, s.URL()+"ja/"); code != 200 || !strings.Contains(body, "version 1") {
		t.Errorf("GET /keikaku/ja/ = %d", code)
	}
	if code, _, _ := get(t, root+"ja/"); code != 404 {
		t.Errorf("GET /ja/ outside the base path = %d, want 404", code)
	}
}

func TestPortInUse(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	s := New(Options{Addr: l.Addr().String()})
	err = s.Listen()
	if !errors.Is(err, ErrPortInUse) || !strings.Contains(err.Error(), "-port") {
		t.Errorf("Listen on a taken port = %v, want ErrPortInUse saying how to choose another", err)
	}
}

// TestShutdown stops the server while a page listens for events: Run must
// return promptly, closing the stream.
func TestShutdown(t *testing.T) {
	s, _, cancel, done := start(t, "/", result{site: site(pageV1)})
	events := listen(t, s, "/ja/")
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run = %v", err)
		}
		done <- nil // for the cleanup
	case <-time.After(6 * time.Second):
		t.Fatal("Run did not return within 6s of cancelling")
	}
	select {
	case _, open := <-events:
		if open {
			t.Error("unexpected event at shutdown")
		}
	case <-time.After(5 * time.Second):
		t.Error("the event stream was not closed")
	}
}

// FuzzFileName checks that no request path maps to a file name that could
// leave the site: every name found is clean, relative and without "..".
func FuzzFileName(f *testing.F) {
	for _, seed := range []string{"/", "/ja/", "/ja/a/2024/index.html", "/../etc/passwd", "/ja/..", "/keikaku/ja/", "//x", "/a\\b", "/a/./b"} {
		f.Add(seed)
	}
	servers := []*Server{New(Options{}), New(Options{BasePath: "/keikaku/"})}
	f.Fuzz(func(t *testing.T, p string) {
		for _, s := range servers {
			name, ok := s.fileName(p)
			if !ok {
				continue
			}
			if name == "" || strings.HasPrefix(name, "/") || path.Clean(name) != name || strings.Contains("/"+name+"/", "/../") || strings.ContainsAny(name, "\\\x00") {
				t.Errorf("fileName(%q) = %q", p, name)
			}
		}
	})
}
