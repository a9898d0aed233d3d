package lang

import "testing"

func TestUnmarshalTOML(t *testing.T) {
	tests := []struct {
		in      any
		want    Text
		wantErr bool
	}{
		{"相談支援", Text{Ja: "相談支援"}, false},
		{map[string]any{"ja": "相談", "en": "Consultation"}, Text{Ja: "相談", En: "Consultation"}, false},
		{map[string]any{"ja": "相談", "fr": "x"}, Text{}, true},
		{map[string]any{"ja": int64(3)}, Text{}, true},
		{int64(5), Text{}, true},
	}
	for _, tt := range tests {
		var got Text
		err := got.UnmarshalTOML(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("%v: err = %v, wantErr %v", tt.in, err, tt.wantErr)
			continue
		}
		if !tt.wantErr && got != tt.want {
			t.Errorf("%v: got %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestCoverage(t *testing.T) {
	var c Coverage
	c.Count(T("理事会", "Board"))
	c.Count(T("評議員会", ""))
	c.Count(Text{})
	if c.Total != 2 || c.Translated != 1 || c.Percent() != 50 || len(c.Missing) != 1 || c.Missing[0] != "評議員会" {
		t.Errorf("coverage = %+v", c)
	}
}
