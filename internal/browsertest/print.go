package browsertest

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strings"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// PrintToPDF prints the page as the browser's Print button does, with
// the page's own @page size and margins (A4 where the stylesheet says
// nothing), and returns the PDF.
func (tab *Tab) PrintToPDF() ([]byte, error) {
	return Run(tab, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), func(p *page.PrintToPDFParams) {
		p.PreferCSSPageSize = new(true)
	}))
}

// PDFText extracts the text of each sheet of a PDF with poppler's
// pdftotext, keeping the layout, so a sheet's running head is its first
// line and its page number its last.
func PDFText(ctx context.Context, tools Tools, pdf []byte) ([]string, error) {
	cmd := exec.CommandContext(ctx, tools.PDFToText, "-layout", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("pdftotext: %v: %s", err, stderr.String())
	}
	sheets := strings.Split(string(out), "\f")
	if n := len(sheets); n > 0 && strings.TrimSpace(sheets[n-1]) == "" {
		sheets = sheets[:n-1]
	}
	return sheets, nil
}
