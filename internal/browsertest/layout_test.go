package browsertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// screenshot writes a PNG of the tab, the whole page or the viewport, to
// out/<site>_<page>.<suffix>.png.
func (h *harness) screenshot(t *testing.T, tab *Tab, p webPage, suffix string, full bool) {
	t.Helper()
	png, err := tab.Screenshot(full)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	writeOut(t, p, "."+suffix+".png", png)
}

// pdf prints the page to A4 in the size and margins of the page's print
// stylesheet, writes it to out/<site>_<page>.pdf, and returns it.
func (h *harness) pdf(t *testing.T, tab *Tab, p webPage) []byte {
	t.Helper()
	pdf, err := tab.PrintToPDF()
	if err != nil {
		t.Fatalf("printing to PDF: %v", err)
	}
	writeOut(t, p, ".pdf", pdf)
	return pdf
}

// writeOut writes out/<site>_<page><suffix>.
func writeOut(t *testing.T, p webPage, suffix string, data []byte) {
	t.Helper()
	name := strings.ReplaceAll(p.name(), "/", "_") + suffix
	if err := os.WriteFile(filepath.Join(outDir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
}
