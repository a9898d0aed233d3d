// Package serve is plansite's development server. It serves the last good
// build of a site from memory, rebuilds it when asked (the caller watches
// the files), and tells open pages what changed over Server-Sent Events:
// a page reloads when its bytes changed, restyles in place when only its
// stylesheet did, and shows the problems of a failed build over itself
// while the server keeps serving the last good site.
//
// The server never builds by itself: it receives a RebuildFunc, so it can
// be tested without a site. It serves only the files of the build it was
// given, looked up by name in memory, so no request can reach a file
// outside the output. The live-reload script is added to HTML responses
// as they are served; built files never contain it.
package serve

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/plansite/plansite/internal/diag"
)

// A Site is one good build, as the server serves it.
type Site struct {
	// Files are the site's files by slash path under the output root,
	// such as "ja/index.html". They must not change while served.
	Files Files
}

// Files looks up the files of a build by name. It must be safe for
// concurrent use.
type Files interface {
	File(name string) ([]byte, bool)
}

// Map is Files held in a map, which must not change while served.
type Map map[string][]byte

// File returns the file name of m.
func (m Map) File(name string) ([]byte, bool) {
	b, ok := m[name]
	return b, ok
}

// A RebuildFunc brings the site up to date and returns it. It should stop
// early, returning ctx.Err(), when ctx is cancelled: the server cancels a
// rebuild when a newer change arrives. A *diag.Errors error is shown on
// open pages problem by problem, with file, line and column.
type RebuildFunc func(ctx context.Context) (*Site, error)

// Options configure a Server.
type Options struct {
	// Addr is the host:port to listen on; port 0 picks a free port.
	Addr string
	// BasePath is the path the site is served under: "/" or "/keikaku/".
	BasePath string
	// Rebuild builds the site; it is called once at the start and after
	// every call of Server.Rebuild.
	Rebuild RebuildFunc
	// Locale is the language of the problems shown on open pages.
	Locale diag.Locale
}

// Reserved is the path prefix of the server's own files; no page of a
// site can have it, since page names hold only a-z, 0-9 and hyphens.
const Reserved = "/_plansite/"

//go:embed live.js
var liveJS []byte

// ErrPortInUse is returned by Listen when the address is taken.
var ErrPortInUse = errors.New("address in use")

// A Server serves one site.
type Server struct {
	opts     Options
	basePath string
	listener net.Listener
	kick     chan struct{}
	done     chan struct{} // closed when Run returns, ending event streams

	mu       sync.Mutex
	site     *Site
	problems []problem // of the last build, if it failed
	cancel   context.CancelFunc
	clients  map[*client]bool
}

// A client is one open page listening for events.
type client struct {
	file   string      // the output file the page shows
	events chan string // formatted events, dropped when full
}

// problem is a diag.Problem as the overlay script reads it.
type problem struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Col     int    `json:"col,omitempty"`
	Message string `json:"message"`
}

// New returns a server; Listen and Run start it.
func New(opts Options) *Server {
	bp := "/" + strings.Trim(opts.BasePath, "/") + "/"
	if bp == "//" {
		bp = "/"
	}
	return &Server{opts: opts, basePath: bp, kick: make(chan struct{}, 1), done: make(chan struct{}), clients: map[*client]bool{}}
}

// Listen binds the server's address. A taken port gives an error that
// wraps ErrPortInUse and says what to do.
func (s *Server) Listen() error {
	l, err := net.Listen("tcp", s.opts.Addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return fmt.Errorf("%w: %s is already taken, perhaps by another plansite serve: choose another port with -port, or -port 0 to pick a free one", ErrPortInUse, s.opts.Addr)
	}
	if err != nil {
		return err
	}
	s.listener = l
	return nil
}

// URL is the address of the site, once Listen has succeeded.
func (s *Server) URL() string {
	return "http://" + s.listener.Addr().String() + s.basePath
}

// Rebuild asks for a rebuild. A rebuild still running is cancelled and
// started again, so the newest change wins. It does not block.
func (s *Server) Rebuild() {
	s.mu.Lock()
	if s.cancel != nil {
		s.cancel()
	}
	s.mu.Unlock()
	select {
	case s.kick <- struct{}{}:
	default: // a rebuild is already asked for
	}
}

// Run builds the site, serves it, and rebuilds it when asked, until ctx is
// done; then it closes the event streams and shuts the server down,
// waiting at most five seconds for requests in flight. The first build
// may fail: the server then shows its problems until a build succeeds.
func (s *Server) Run(ctx context.Context) error {
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(s.listener) }()
	select {
	case s.kick <- struct{}{}: // the first build
	default: // already asked for
	}
	s.rebuildLoop(ctx)
	close(s.done)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := srv.Shutdown(shutdownCtx)
	if serveErr := <-served; !errors.Is(serveErr, http.ErrServerClosed) {
		return serveErr
	}
	return err
}

func (s *Server) rebuildLoop(ctx context.Context) {
	idle := time.NewTimer(time.Hour)
	idle.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-idle.C:
			// Collect garbage while no one is waiting, so that the
			// collector seldom has to run during the next edit's build.
			go runtime.GC()
			continue
		case <-s.kick:
			idle.Stop()
		}
		bctx, cancel := context.WithCancel(ctx)
		s.mu.Lock()
		s.cancel = cancel
		s.mu.Unlock()
		site, err := s.opts.Rebuild(bctx)
		s.mu.Lock()
		s.cancel = nil
		s.mu.Unlock()
		cancel()
		switch {
		case ctx.Err() != nil:
			return
		case errors.Is(err, context.Canceled):
			continue // a newer change asked for another rebuild
		case err != nil:
			s.failed(err)
		default:
			s.succeeded(site)
		}
		idle.Reset(idleCollect)
	}
}

// idleCollect is how long the server waits, after a build, for another
// change before it collects garbage.
const idleCollect = time.Second

// failed keeps the last good site and shows the problems on open pages.
func (s *Server) failed(err error) {
	var ps []problem
	var list *diag.Errors
	if errors.As(err, &list) {
		for _, p := range list.List {
			ps = append(ps, problem{File: p.Pos.File, Line: p.Pos.Line, Col: p.Pos.Col, Message: s.opts.Locale.Translate(p.Message)})
		}
	} else {
		ps = []problem{{File: "plansite", Message: s.opts.Locale.Translate(err.Error())}}
	}
	data, _ := json.Marshal(ps)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.problems = ps
	for c := range s.clients {
		c.send(event("problems", string(data)))
	}
}

// Preview serves site, a build still in progress whose open pages are
// already made, and tells those pages to reload. The RebuildFunc may call
// it any number of times before it returns.
func (s *Server) Preview(site *Site) { s.succeeded(site) }

// succeeded serves the new site and tells each open page what changed in
// it: the page's own bytes are compared, so a page shown first by Preview
// is not reloaded again when the build completes.
func (s *Server) succeeded(site *Site) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old, hadProblems := s.site, s.problems != nil
	s.site, s.problems = site, nil
	for c := range s.clients {
		if hadProblems {
			c.send(event("ok", ""))
		}
		after, exists := site.Files.File(c.file)
		if old == nil {
			c.send(event("reload", "")) // opened before the first build
			continue
		}
		before, existed := old.Files.File(c.file)
		switch {
		case exists == existed && bytes.Equal(before, after):
		case exists && existed && stylesheetsOnly(before, after):
			c.send(event("css", ""))
		default:
			c.send(event("reload", ""))
		}
	}
}

// stylesheetLink matches a <link rel=stylesheet> tag, minified or not.
var stylesheetLink = regexp.MustCompile(`<link\b[^>]*\brel=("stylesheet"|'stylesheet'|stylesheet)[^>]*>`)

// stylesheetsOnly reports whether two versions of a page differ only in
// their stylesheet links, as every page does when the stylesheet changes
// and its fingerprinted name with it.
func stylesheetsOnly(a, b []byte) bool {
	return bytes.Equal(stylesheetLink.ReplaceAll(a, nil), stylesheetLink.ReplaceAll(b, nil))
}

func event(name, data string) string {
	var b strings.Builder
	b.WriteString("event: " + name + "\n")
	for _, line := range strings.Split(data, "\n") {
		b.WriteString("data: " + line + "\n")
	}
	b.WriteString("\n")
	return b.String()
}

// send queues an event; a page too slow to take it misses it rather than
// holding up the others.
func (c *client) send(ev string) {
	select {
	case c.events <- ev:
	default:
	}
}

// ServeHTTP serves the site's files, the live-reload script and the event
// streams.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-cache")
	switch r.URL.Path {
	case Reserved + "live.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(liveJS)
		return
	case Reserved + "events":
		s.events(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "only GET and HEAD are served", http.StatusMethodNotAllowed)
		return
	}
	if r.URL.Path == "/" && s.basePath != "/" {
		http.Redirect(w, r, s.basePath, http.StatusFound)
		return
	}
	name, ok := s.fileName(r.URL.Path)
	s.mu.Lock()
	site := s.site
	s.mu.Unlock()
	if site == nil {
		s.write(w, r, http.StatusServiceUnavailable, "index.html", []byte("<!DOCTYPE html><title>plansite</title><body><p>The site has not been built yet: see the problems shown here or in the terminal.</p></body>"))
		return
	}
	if ok {
		if b, found := site.Files.File(name); found {
			s.write(w, r, http.StatusOK, name, b)
			return
		}
		if _, isDir := site.Files.File(name + "/index.html"); isDir && !strings.HasSuffix(r.URL.Path, "/") {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
	}
	if b, found := site.Files.File("404.html"); found {
		s.write(w, r, http.StatusNotFound, "404.html", b)
		return
	}
	s.write(w, r, http.StatusNotFound, "404.html", []byte("<!DOCTYPE html><title>404</title><body><p>404: there is no such page in this build.</p></body>"))
}

// fileName maps a request path to the name of a file of the site, or
// reports false for paths outside the base path or not in clean form
// (.., //, backslashes): the site's files are looked up by exact name, so
// nothing outside them can be reached.
func (s *Server) fileName(p string) (string, bool) {
	if !strings.HasPrefix(p, s.basePath) || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	rel := p[len(s.basePath):]
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	if path.Clean("/"+rel) != "/"+rel {
		return "", false
	}
	return rel, true
}

// write sends a file, with the live-reload script added to HTML.
func (s *Server) write(w http.ResponseWriter, r *http.Request, status int, name string, b []byte) {
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ctype)
	if path.Ext(name) == ".html" {
		b = inject(b)
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(b)
	}
}

// script is what inject adds to every HTML page served.
const script = `<script src="` + Reserved + `live.js" defer></script>`

// inject adds the live-reload script before the page's last </body>, or
// at its end.
func inject(page []byte) []byte {
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(script))
	out = append(out, page[:i]...)
	out = append(out, script...)
	return append(out, page[i:]...)
}

// events streams events to one open page until it closes or the server
// stops. The page names itself by its path, in the "page" parameter.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	name, _ := s.fileName(r.URL.Query().Get("page"))
	c := &client{file: name, events: make(chan string, 16)}
	s.mu.Lock()
	s.clients[c] = true
	if s.problems != nil {
		data, _ := json.Marshal(s.problems)
		c.send(event("problems", string(data)))
	}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, ": plansite live reload\n\n")
	flusher.Flush()
	keepAlive := time.NewTicker(30 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		case ev := <-c.events:
			if _, err := fmt.Fprint(w, ev); err != nil {
				return
			}
			flusher.Flush()
		case <-keepAlive.C:
			fmt.Fprint(w, ": keep-alive\n\n")
			flusher.Flush()
		}
	}
}

// Clients returns the files shown by the open pages, sorted: the files a
// rebuild should make first.
func (s *Server) Clients() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var files []string
	for c := range s.clients {
		files = append(files, c.file)
	}
	sort.Strings(files)
	return files
}
