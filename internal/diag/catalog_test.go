package diag

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestCatalogComplete checks every catalog entry: both languages present,
// the Japanese template uses each argument of the English format and no
// other, and the English format has literal text (a format of verbs alone
// would match any message).
func TestCatalogComplete(t *testing.T) {
	n := 0
	for _, c := range catalogs {
		for en, ja := range c {
			n++
			if strings.TrimSpace(ja) == "" {
				t.Errorf("%q has no Japanese", en)
				continue
			}
			src := parseVerbs(en)
			if specificity(en) == 0 {
				t.Errorf("%q has no literal text", en)
			}
			for i := 1; i < len(src); i++ {
				if prev := src[i-1]; prev.end == src[i].start && prev.verb != 'q' && prev.verb != 'd' {
					t.Errorf("%q: %%%c is followed directly by another verb, so a message cannot tell where one ends", en, prev.verb)
				}
			}
			used := make([]bool, len(src))
			for i, v := range src {
				if v.index != 0 {
					t.Errorf("%q: English formats take their arguments in order; found %%[%d]", en, v.index)
				}
				_ = i
			}
			for i, v := range parseVerbs(ja) {
				k := i
				if v.index > 0 {
					k = v.index - 1
				}
				if k >= len(src) {
					t.Errorf("%q: the Japanese %q uses argument %d of %d", en, ja, k+1, len(src))
					continue
				}
				used[k] = true
			}
			for i, u := range used {
				if !u {
					t.Errorf("%q: the Japanese %q leaves out argument %d", en, ja, i+1)
				}
			}
		}
	}
	if n < 100 {
		t.Errorf("the catalog has only %d entries", n)
	}
}

// messagePackages are the folders whose messages reach the people who keep
// a site. Their calls of errorf, warnf, Errorf, Warnf (fmt's included),
// Message, and a Locale's Sprintf are the catalog's IDs.
var messagePackages = []string{
	"internal/diag", "internal/lang", "internal/plan", "internal/load",
	"internal/build", "internal/check", "internal/scaffold", "internal/schema",
	"cmd/plansite", "internal/serve", "internal/watch",
}

// TestCatalogCovers finds every message format in the source and checks
// the catalog has it, so a new English message without a Japanese
// template fails here.
func TestCatalogCovers(t *testing.T) {
	root := filepath.Join("..", "..")
	formats := map[string]string{} // format -> where
	for _, dir := range messagePackages {
		files, _ := filepath.Glob(filepath.Join(root, dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			collectFormats(t, f, formats)
		}
	}
	if len(formats) < 80 {
		t.Fatalf("found only %d message formats: is the source where the test looks?", len(formats))
	}
	var missing []string
	for f, where := range formats {
		if _, ok := lookup(f); !ok {
			missing = append(missing, where+": "+strconv.Quote(f)+`: "",`)
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("message without Japanese; add it to a catalog in internal/diag/catalog*.go:\n%s", m)
	}
}

func collectFormats(t *testing.T, file string, formats map[string]string) {
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, src, 0)
	if err != nil {
		t.Fatal(err)
	}
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		i := formatArg(call.Fun)
		if i < 0 || i >= len(call.Args) {
			return true
		}
		if s, ok := stringLiteral(call.Args[i]); ok {
			if _, seen := formats[s]; !seen {
				formats[s] = fset.Position(call.Args[i].Pos()).String()
			}
		}
		return true
	})
}

// formatArg returns the index of the format among the arguments of a
// message call, or -1 for other calls: fmt.Errorf, diag.Errorf,
// diag.Message and a Locale's Sprintf take the format first; the errorf
// and warnf of a checker or loader, and a List's Errorf and Warnf, take a
// position or path first.
func formatArg(fun ast.Expr) int {
	var name, pkg string
	switch f := fun.(type) {
	case *ast.Ident:
		name, pkg = f.Name, "diag"
	case *ast.SelectorExpr:
		name = f.Sel.Name
		if x, ok := f.X.(*ast.Ident); ok && (x.Name == "fmt" || x.Name == "diag") {
			pkg = x.Name
		}
	default:
		return -1
	}
	switch {
	case pkg == "fmt":
		if name == "Errorf" {
			return 0
		}
		return -1
	case name == "Sprintf" || pkg == "diag" && (name == "Errorf" || name == "Message"):
		return 0
	case name == "errorf" || name == "warnf" || name == "Errorf" || name == "Warnf":
		return 1
	}
	return -1
}

// stringLiteral returns the value of a string literal or a sum of them.
func stringLiteral(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		a, ok1 := stringLiteral(e.X)
		b, ok2 := stringLiteral(e.Y)
		return a + b, ok1 && ok2
	case *ast.ParenExpr:
		return stringLiteral(e.X)
	}
	return "", false
}
