package plan

import (
	"time"

	"github.com/plansite/plansite/internal/lang"
)

// PublishedOn is the day the plan was published: Published when given,
// otherwise the first day of its fiscal year (1 April), so that the date
// comes from the data and a build never reads the clock.
func (p *Plan) PublishedOn() time.Time {
	if p.Published.IsSet() {
		return p.Published.Time
	}
	return p.FiscalYear.Start()
}

// EraYear is the plan's fiscal year in 和暦 (令和6年度), or the label the
// plan gives it (EraLabel).
func (p *Plan) EraYear() string {
	if p.EraLabel != "" {
		return p.EraLabel
	}
	return p.FiscalYear.EraLabel()
}

// YearLabel is the plan's fiscal year in language l, short: 令和6年度
// (EraYear) or FY2024.
func (p *Plan) YearLabel(l lang.Lang) string {
	if l == lang.En {
		return p.FiscalYear.EnLabel()
	}
	return p.EraYear()
}
