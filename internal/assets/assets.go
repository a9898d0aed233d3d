// Package assets minifies output files and fingerprints the theme's
// stylesheets and scripts: a content hash in the file name, so browsers can
// cache them forever, and a Subresource Integrity digest for the page.
// It does not parse content.
package assets

import (
	"bytes"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"path"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// A Minifier minifies files by their extension. The zero value is not
// usable; make one with NewMinifier. It is safe for concurrent use.
type Minifier struct {
	m *minify.M
}

// NewMinifier returns a Minifier for HTML, CSS, JS, JSON, SVG and XML. HTML
// keeps its document and end tags and the lang attribute of <html>.
func NewMinifier() *Minifier {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("application/json", json.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("application/xml", xml.Minify)
	return &Minifier{m: m}
}

var mediaTypes = map[string]string{
	".html": "text/html",
	".css":  "text/css",
	".js":   "application/javascript",
	".json": "application/json",
	".svg":  "image/svg+xml",
	".xml":  "application/xml",
}

// Minify returns the minified form of the file named name, or src itself
// for types it does not minify. The minifier reads src in place rather
// than copying it, and while it runs it may set the byte just past
// len(src), within cap(src), restoring it before it returns: do not pass
// a slice whose spare capacity someone else reads.
func (mf *Minifier) Minify(name string, src []byte) ([]byte, error) {
	return mf.MinifyInto(new(bytes.Buffer), name, src)
}

// MinifyInto is Minify writing the minified form into out, which it
// resets, and returning out's bytes; src itself for types it does not
// minify. A caller that makes many files can pass the same out for each
// once it is done with the last one's bytes.
func (mf *Minifier) MinifyInto(out *bytes.Buffer, name string, src []byte) ([]byte, error) {
	mt, ok := mediaTypes[path.Ext(name)]
	if !ok {
		return src, nil
	}
	out.Reset()
	out.Grow(len(src))
	// A reader with a Bytes method is read in place (tdewolff/parse's
	// NewInput); any other is first copied whole with io.ReadAll.
	if err := mf.m.Minify(mt, out, bytes.NewBuffer(src)); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// Fingerprint returns name with a content hash before its extension
// (css/main.css → css/main.3f2a9c1b7d4e.css) and the SRI integrity value
// of content.
func Fingerprint(name string, content []byte) (hashed, integrity string) {
	sum := sha256.Sum256(content)
	ext := path.Ext(name)
	hashed = strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:6]) + ext
	sri := sha512.Sum384(content)
	return hashed, "sha384-" + base64.StdEncoding.EncodeToString(sri[:])
}

// Fingerprinted reports whether files named name get a content hash.
func Fingerprinted(name string) bool {
	ext := path.Ext(name)
	return ext == ".css" || ext == ".js"
}
