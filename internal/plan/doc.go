// Package plan is the content model: organizations, their yearly plans,
// and what a plan holds (divisions, sections, programs, tables, fees,
// facilities, targets, staffing, schedule). It validates values and
// computes derived figures such as staffing totals. It does no I/O and
// knows nothing of HTML.
//
// The model's fields carry toml tags: the TOML files under data/ are
// decoded straight into these types by package load, which maps the paths
// in validation Issues back to file positions.
//
// Validation reports each problem as an Issue whose Path names the value
// the way the TOML file does, such as divisions[0].sections[1].programs[2].frequency.per,
// with array indices counted from zero in file order.
package plan
