package render

import "testing"

func TestChangeStrings(t *testing.T) {
	for key, s := range changeStrings {
		if s.Ja == "" || s.En == "" {
			t.Errorf("%q lacks a language: %+v", key, s)
		}
		if _, dup := uiStrings[key]; dup {
			t.Errorf("%q is defined twice", key)
		}
	}
	for field, key := range changeFieldLabels {
		_, a := uiStrings[key]
		_, b := changeStrings[key]
		if !a && !b {
			t.Errorf("the label of %s, %q, is not a theme string", field, key)
		}
	}
}
