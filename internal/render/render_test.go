package render

import (
	"html/template"
	"testing"
)

func TestHeading(t *testing.T) {
	for _, tt := range []struct {
		level int
		id    string
		text  any
		want  template.HTML
	}{
		{2, "", "重点施策", "<h2>重点施策</h2>"},
		{4, "somu-1-title", template.HTML(`<span lang="ja">総務課</span>`), `<h4 id="somu-1-title"><span lang="ja">総務課</span></h4>`},
		{9, "", "<b>&", "<h6>&lt;b&gt;&amp;</h6>"},
		{1, `a"b`, "Plan", `<h2 id="a&#34;b">Plan</h2>`},
	} {
		got, err := heading(tt.level, tt.id, tt.text)
		if err != nil || got != tt.want {
			t.Errorf("heading(%d, %q, %q) = %q, %v; want %q", tt.level, tt.id, tt.text, got, err, tt.want)
		}
	}
	if _, err := heading(3, "", 42); err == nil {
		t.Error("heading with a number as text: no error")
	}
}
