package atom

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"
)

func TestEncode(t *testing.T) {
	jst := time.FixedZone("JST", 9*60*60)
	day := time.Date(2024, 4, 1, 0, 0, 0, 0, jst)
	f := Feed{Lang: "ja", ID: "https://example.jp/ja/", Title: "計画 <&> \"ポータル\"", Updated: day, Author: "見本市",
		Self: "https://example.jp/ja/feed.xml", Alternate: "https://example.jp/ja/",
		Entries: []Entry{{ID: "https://example.jp/ja/a/2024/", Title: "法人A", Link: "https://example.jp/ja/a/2024/?x=1&y=2", Author: "法人A", Published: day, Updated: day}}}
	data := f.Encode()
	var back struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Title   string   `xml:"title"`
		Updated string   `xml:"updated"`
		Entry   struct {
			Link struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
			Summary *string `xml:"summary"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(data, &back); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if back.Title != f.Title || back.Updated != "2024-04-01T00:00:00+09:00" || back.Entry.Link.Href != f.Entries[0].Link {
		t.Errorf("read back %+v from\n%s", back, data)
	}
	if back.Entry.Summary != nil {
		t.Error("an empty summary is written")
	}
	if !strings.Contains(string(data), `xml:lang="ja"`) {
		t.Errorf("no xml:lang:\n%s", data)
	}
}
