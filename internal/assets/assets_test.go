package assets

import (
	"strings"
	"testing"
)

func TestFingerprint(t *testing.T) {
	a, sriA := Fingerprint("css/main.css", []byte("body{color:#111}"))
	b, _ := Fingerprint("css/main.css", []byte("body{color:#111}"))
	c, _ := Fingerprint("css/main.css", []byte("body{color:#222}"))
	if a != b {
		t.Errorf("same content, different names: %s %s", a, b)
	}
	if a == c {
		t.Errorf("different content, same name %s", a)
	}
	if !strings.HasPrefix(a, "css/main.") || !strings.HasSuffix(a, ".css") || len(a) != len("css/main.")+12+len(".css") {
		t.Errorf("name %q", a)
	}
	if !strings.HasPrefix(sriA, "sha384-") || len(sriA) != len("sha384-")+64 {
		t.Errorf("integrity %q", sriA)
	}
}

func TestMinify(t *testing.T) {
	m := NewMinifier()
	out, err := m.Minify("ja/index.html", []byte("<!DOCTYPE html>\n<html lang=\"ja\">\n<head><title>計画</title></head>\n<body>\n  <p>  令和4年度  </p>\n</body>\n</html>\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	for _, want := range []string{`<html lang="ja">`, "<p>令和4年度</p>", "</body>"} {
		if !strings.Contains(got, want) && !strings.Contains(got, strings.ReplaceAll(want, `"`, "")) {
			t.Errorf("missing %q in %q", want, got)
		}
	}
	raw := []byte{0x89, 'P', 'N', 'G'}
	if out, _ := m.Minify("img/logo.png", raw); string(out) != string(raw) {
		t.Error("binary file changed")
	}
}
