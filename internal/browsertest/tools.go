package browsertest

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Tools are the programs and files the checks run: Debian's Chromium, the
// axe-core script and the Nu HTML Checker's jar (both installed by npm into
// .ci/node_modules), a Java runtime for the jar, and poppler's pdftotext
// to read printed pages back.
type Tools struct {
	Chromium  string // the browser binary
	Axe       string // axe.min.js
	VNU       string // vnu.jar
	Java      string // the java binary
	PDFToText string // the pdftotext binary
}

// FindTools looks for the tools. root is the repository root, the folder
// holding .ci/. $PLANSITE_CHROMIUM names another browser binary. The error
// lists everything missing and how to install it.
func FindTools(root string) (Tools, error) {
	var tools Tools
	var missing []string
	tools.Chromium = os.Getenv("PLANSITE_CHROMIUM")
	if tools.Chromium == "" {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				tools.Chromium = p
				break
			}
		}
	}
	if tools.Chromium == "" {
		missing = append(missing, "Chromium (apt-get install chromium fonts-noto-cjk)")
	}
	modules := filepath.Join(root, ".ci", "node_modules")
	tools.Axe = filepath.Join(modules, "axe-core", "axe.min.js")
	tools.VNU = filepath.Join(modules, "vnu-jar", "build", "dist", "vnu.jar")
	for _, f := range []string{tools.Axe, tools.VNU} {
		if _, err := os.Stat(f); err != nil {
			missing = append(missing, f+" (npm ci --prefix .ci)")
		}
	}
	for _, c := range []struct {
		path        *string
		name, debpk string
	}{{&tools.Java, "java", "default-jre-headless"}, {&tools.PDFToText, "pdftotext", "poppler-utils"}} {
		if p, err := exec.LookPath(c.name); err == nil {
			*c.path = p
		} else {
			missing = append(missing, c.name+" (apt-get install "+c.debpk+")")
		}
	}
	if len(missing) > 0 {
		return tools, errors.New("missing " + strings.Join(missing, ", ") + "; .ci/run installs them all")
	}
	return tools, nil
}

// Require returns the tools, or stops the test when one is missing: it
// fails when the environment variable CI is "true", so a CI machine without
// a browser cannot pass by skipping, and skips elsewhere.
func Require(t testing.TB, root string) Tools {
	t.Helper()
	tools, err := FindTools(root)
	if err == nil {
		return tools
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("browser tests cannot run: %v", err)
	}
	t.Skipf("skipping browser tests (CI is not \"true\"): %v", err)
	return tools
}

// RepoRoot returns the folder holding go.mod, searching up from the
// working directory, which go test sets to the package's folder.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}
