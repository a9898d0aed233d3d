package plan

import "time"

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
