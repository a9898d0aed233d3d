package diag

import (
	"strings"
	"testing"
)

func TestPosString(t *testing.T) {
	tests := []struct {
		pos  Pos
		want string
	}{
		{Pos{File: "a.toml"}, "a.toml"},
		{Pos{File: "a.toml", Line: 3}, "a.toml:3"},
		{Pos{File: "a.toml", Line: 3, Col: 7}, "a.toml:3:7"},
	}
	for _, tt := range tests {
		if got := tt.pos.String(); got != tt.want {
			t.Errorf("%#v: got %q, want %q", tt.pos, got, tt.want)
		}
	}
}

func TestListSortsAndJoins(t *testing.T) {
	var l List
	l.Warnf(Pos{File: "b.toml", Line: 1}, "stated total differs")
	l.Errorf(Pos{File: "b.toml", Line: 9, Col: 2}, "month 13 is not a month")
	l.Errorf(Pos{File: "a.toml", Line: 4}, "unknown key")
	if !l.HasErrors() {
		t.Fatal("HasErrors = false")
	}
	err := l.Err()
	if err == nil {
		t.Fatal("Err = nil with two errors")
	}
	want := "2 error(s):\na.toml:4: unknown key\nb.toml:9:2: month 13 is not a month"
	if err.Error() != want {
		t.Errorf("got\n%s\nwant\n%s", err, want)
	}
	if w := l.Warnings(); len(w) != 1 || !strings.Contains(w[0].Error(), "warning:") {
		t.Errorf("warnings = %v", w)
	}
	var empty List
	if empty.Err() != nil {
		t.Error("empty list has an error")
	}
}

func TestSuggest(t *testing.T) {
	keys := []string{"fiscal_year", "title", "divisions", "targets", "staffing"}
	tests := []struct{ word, want string }{
		{"fiscal_yaer", "fiscal_year"},
		{"target", "targets"},
		{"Title", "title"},
		{"staffs", "staffing"},
		{"zzzzzz", ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.word, keys); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}
