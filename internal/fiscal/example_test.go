package fiscal_test

import (
	"fmt"

	"github.com/plansite/plansite/internal/fiscal"
)

func ExampleYear_JaLabel() {
	fmt.Println(fiscal.Year(2022).JaLabel())
	fmt.Println(fiscal.Year(2019).JaLabel())
	fmt.Println(fiscal.Year(2022).EnLabel(), "("+fiscal.Year(2022).EnRange()+")")
	// Output:
	// 令和4年度（2022年度）
	// 令和元年度（2019年度）
	// FY2022 (April 2022 – March 2023)
}
