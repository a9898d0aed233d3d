package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
)

// A vnuMessage is one message of the Nu HTML Checker's JSON output.
type vnuMessage struct {
	Type    string `json:"type"` // "error", or "non-document-error" for a file it could not read
	URL     string `json:"url"`  // file:/… of the checked file
	Line    int    `json:"lastLine"`
	Col     int    `json:"firstColumn"`
	Message string `json:"message"`
	Extract string `json:"extract"`
}

// relative is the message as file:line:col: text, with the file relative
// to the checked folder root.
func (m vnuMessage) relative(root string) string {
	file := m.URL
	if u, err := url.Parse(m.URL); err == nil && u.Scheme == "file" {
		file = u.Path
		if rel, err := filepath.Rel(root, file); err == nil {
			file = rel
		}
	}
	return fmt.Sprintf("%s:%d:%d: %s: %s «%s»", file, m.Line, m.Col, m.Type, m.Message, strings.TrimSpace(m.Extract))
}

// VNU checks every HTML file under dir (CSS, scripts and other files are
// skipped) with the Nu HTML Checker in one Java process, the JVM's start
// being most of the cost, and returns its errors; warnings are left out.
// The returned strings name the files relative to dir.
func VNU(ctx context.Context, tools Tools, dir string) ([]string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	// -Xss4m: the checker's regular expressions overflow the default stack
	// under TieredStopAtLevel=1, which is there to start the JVM faster.
	cmd := exec.CommandContext(ctx, tools.Java, "-Xss4m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
		"-jar", tools.VNU, "--errors-only", "--skip-non-html", "--format", "json", "--stdout", dir)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var out struct {
		Messages []vnuMessage `json:"messages"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		return nil, fmt.Errorf("vnu: %v: %v\n%s", runErr, err, stderr.String())
	}
	if runErr != nil && len(out.Messages) == 0 {
		return nil, fmt.Errorf("vnu failed with no message: %v\n%s", runErr, stderr.String())
	}
	var errs []string
	for _, m := range out.Messages {
		if m.Type == "error" || m.Type == "non-document-error" {
			errs = append(errs, m.relative(dir))
		}
	}
	return errs, nil
}
