// Package export writes a site's plans as open data: bytes out, no files.
//
// For every plan it writes
//
//	data/<org>/<year>/plan.json          the whole plan, both languages
//	data/<org>/<year>/targets.<lang>.csv its targets, one file per language
//	data/<org>/<year>/staffing.<lang>.csv its staffing tables, one file per language
//
// and for the site
//
//	data/index.json                      every organization, plan and file
//	data/plan.schema.json                the JSON Schema of plan.json
//	data/index.schema.json               the JSON Schema of index.json
//
// A CSV file is written only when the plan has targets or staffing.
//
// plan.json mirrors the plan's TOML file: the same keys, in the model's
// order, with every text as an object { "ja": …, "en": … } (a missing
// translation is left out, never filled in), dates as "2024-04-01" and
// months as "2022-04". Empty values are left out, but numbers are always
// written, since 0 is a figure (a free fee, an empty staffing cell). It
// adds what a reader of the file alone needs: the organization ("org"),
// the plan's prose ("body"), and the staffing totals that plansite
// computes ("total", "role_totals"), which the schema marks read-only. The
// JSON is built by reflection over the model, so a field added to the
// model is exported at once; the schema forbids unknown keys, and a test
// checks that it names every field of the model.
//
// The CSV files are for spreadsheets: UTF-8 with a byte order mark (so
// Excel reads the Japanese), CRLF line ends, RFC 4180 quoting, and a
// header row in the file's language. Numbers are plain (1548, 0.9) so a
// spreadsheet can compute with them. Texts missing in English are given in
// Japanese, as the pages do.
package export
