package markdown

import (
	"strings"
	"testing"
)

func TestRender(t *testing.T) {
	tests := []struct {
		name     string
		opts     Options
		src      string
		topLevel int
		want     []string
		not      []string
	}{
		{
			name:     "japanese heading ids and shift",
			src:      "## 基本方針\n\n本文\n\n### 重点施策 その１\n\n## 基本方針\n",
			topLevel: 3,
			want:     []string{`<h3 id="p-基本方針">基本方針</h3>`, `<h4 id="p-重点施策-その１">`, `<h3 id="p-基本方針-1">`},
		},
		{
			name: "raw html escaped by default",
			src:  "前文<script>alert(1)</script>\n\n<ul><li>項目</li></ul>\n",
			want: []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;ul&gt;&lt;li&gt;項目&lt;/li&gt;&lt;/ul&gt;"},
			not:  []string{"<script>", "<ul>"},
		},
		{
			name: "raw html allowed by the site",
			opts: Options{UnsafeHTML: true},
			src:  "<ul><li>項目</li></ul>\n",
			want: []string{"<ul><li>項目</li></ul>"},
		},
		{
			name: "gfm table",
			src:  "| 月 | 活動 |\n|---|---|\n| 4月 | 支援調整会議 |\n",
			want: []string{"<table>", "<th>月</th>", "<td>支援調整会議</td>"},
		},
		{
			name: "site links under the base path",
			opts: Options{BasePath: "/keikaku/"},
			src:  "[用語集](/ja/glossary/) [外部](https://example.jp/) [相対](other/)\n",
			want: []string{`href="/keikaku/ja/glossary/"`, `href="https://example.jp/"`, `href="other/"`},
		},
		{
			name: "long unbroken japanese line",
			src:  strings.Repeat("生活困窮者自立相談支援事業", 40) + "\n",
			want: []string{"<p>生活困窮者自立相談支援事業"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := New(tt.opts).Render(tt.src, tt.topLevel, NewIDs("p-"))
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %q in\n%s", w, got)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(got, n) {
					t.Errorf("unexpected %q in\n%s", n, got)
				}
			}
		})
	}
}

func FuzzRender(f *testing.F) {
	f.Add("## 見出し\n\n- 項目 <b>太字</b>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
	f.Add("[リンク](/ja/)")
	c := New(Options{BasePath: "/sub/"})
	f.Fuzz(func(t *testing.T, src string) {
		out, err := c.Render(src, 3, NewIDs("x-"))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(out, "<script") {
			t.Errorf("raw script passed through: %q", out)
		}
	})
}
