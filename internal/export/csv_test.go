package export

import (
	"encoding/csv"
	"strings"
	"testing"
)

// TestCSVDefusesFormulas checks that text a spreadsheet would run as a
// formula comes out as text, and that numbers and ordinary text, Japanese
// included, come out as they went in.
func TestCSVDefusesFormulas(t *testing.T) {
	cells := map[string]string{
		"=HYPERLINK(\"http://example.com\")": "'=HYPERLINK(\"http://example.com\")",
		"+81-97-422-1000":                    "'+81-97-422-1000",
		"-SUM(A1:A9)":                        "'-SUM(A1:A9)",
		"@SUM(A1)":                           "'@SUM(A1)",
		"\t=1+1":                             "'\t=1+1",
		"-0.5":                               "-0.5",
		"+12":                                "+12",
		"1548":                               "1548",
		"－１":                                 "－１", // full-width: not a formula
		"地域福祉課 ＞ 5. 事業目標値":                   "地域福祉課 ＞ 5. 事業目標値",
		"":                                   "",
	}
	var in []string
	for c := range cells {
		in = append(in, c)
	}
	out := CSV([]string{"header"}, [][]string{in})
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(out), BOM)))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range in {
		if got, want := rows[1][i], cells[c]; got != want {
			t.Errorf("cell %q: got %q, want %q", c, got, want)
		}
	}
}
