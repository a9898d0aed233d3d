package lang_test

import (
	"fmt"

	"github.com/plansite/plansite/internal/lang"
)

func ExampleText_In() {
	both := lang.T("理事会", "Board of Directors")
	jaOnly := lang.T("評議員会", "")
	fmt.Println(both.In(lang.En).Value)
	l := jaOnly.In(lang.En)
	fmt.Println(l.Value, l.Lang, l.Fallback)
	// Output:
	// Board of Directors
	// 評議員会 ja true
}
