package markdown

import "testing"

func TestFirstParagraph(t *testing.T) {
	c := New(Options{})
	for _, tt := range []struct{ src, want string }{
		{"", ""},
		{"# 見出し\n\n本文の**最初**の段落。\n二行目。\n\n次の段落。", "本文の最初の段落。二行目。"},
		{"We walk\ntogether, [side by side](/ja/) & `more`.", "We walk together, side by side & more."},
		{"<b>raw</b> text ![image](x.png)", "raw text"},
		{"- a list only", "a list only"},
	} {
		if got := c.FirstParagraph(tt.src); got != tt.want {
			t.Errorf("FirstParagraph(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}
