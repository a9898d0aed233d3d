package browsertest

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ContentSecurityPolicy is the header every page is served with. It is
// what a careful host would send: everything from the site's own origin,
// nothing inline (no <script> or <style> elements with content, no style=""
// or onclick="" attributes), nothing from other hosts, no plugins, no
// framing. A page that breaks it gets a securitypolicyviolation event,
// which a Tab records as a problem.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
	"font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// Serve serves the folder dir on 127.0.0.1 under the path prefix (such as
// "/keikaku/", the path of the -baseURL the site was built with), with
// ContentSecurityPolicy on every response. The server stops when the test
// ends. Paths outside the prefix are 404.
func Serve(t testing.TB, dir, prefix string) *httptest.Server {
	return ServeNotFound(t, dir, prefix, nil)
}

// ServeNotFound is Serve answering every missing file, inside the prefix or
// not, with the page notFound and status 404, as a host configured with
// the site's 404.html does. A nil notFound is Go's plain 404.
func ServeNotFound(t testing.TB, dir, prefix string, notFound []byte) *httptest.Server {
	t.Helper()
	files := http.StripPrefix(strings.TrimSuffix(prefix, "/"), http.FileServer(http.Dir(dir)))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", ContentSecurityPolicy)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		missing := !strings.HasPrefix(r.URL.Path, prefix)
		if !missing && notFound != nil {
			_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(r.URL.Path, prefix))))
			missing = err != nil
		}
		switch {
		case missing && notFound != nil:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write(notFound)
		case missing:
			http.NotFound(w, r)
		default:
			files.ServeHTTP(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}
