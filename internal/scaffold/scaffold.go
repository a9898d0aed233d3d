// Package scaffold starts new files for the people who keep a site:
// plansite new org ID and plansite new plan ORG YEAR.
//
// A new year starts from the organization's previous plan when there is
// one: the TOML file is copied as text, so its comments and layout stay,
// with the fiscal year updated, each target's actual result moved to its
// previous value (last year's result is this year's "previous"), schedule
// dates and staffing dates moved by the years between the plans, and the
// plan's prose copied. Lines that still name the previous year are listed
// for the editor to review. Without a previous plan, the files come from
// commented templates.
//
// Nothing is ever overwritten: if any file to be created exists, nothing
// is written. Every file created starts with a #:schema line, so editors
// with Taplo (Even Better TOML) complete and check its keys.
package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/plansite/plansite/internal/diag"
	"github.com/plansite/plansite/internal/fiscal"
	"github.com/plansite/plansite/internal/load"
	"github.com/plansite/plansite/internal/plan"
	"github.com/plansite/plansite/internal/schema"
)

// A Result says what was created and what to review.
type Result struct {
	// Created are the new files, slash paths relative to the site root.
	Created []string
	// From is the plan file a new plan was copied from, or "".
	From string
	// Review are lines of the new files to look at: mentions of the
	// previous year, and moved dates.
	Review []diag.Problem
}

// file is one file to create.
type file struct {
	path string // slash path under the root
	data []byte
}

// OrgSchemaPath and PlanSchemaPath are where plansite schema writes the
// schemas, relative to the site root; new files point at them.
const (
	OrgSchemaPath  = schema.Dir + "/org.schema.json"
	PlanSchemaPath = schema.Dir + "/plan.schema.json"
)

// NewOrg starts data/orgs/<id>.toml from a commented template.
func NewOrg(root, id string) (*Result, error) {
	if !plan.ValidID(id) {
		return nil, diag.Errorf("%q cannot be an organization id: use lower-case letters a-z, digits and hyphens, such as \"meyasubako\"", id)
	}
	name := "data/orgs/" + id + ".toml"
	return write(root, withSchemas(root, []file{{name, []byte(schemaLine(name, OrgSchemaPath) + orgTemplate)}}))
}

const orgTemplate = `# 法人・団体の基本情報です。「〇〇」を書き換えてください。英語は en に書きます。
# The organization's basic facts: replace the 〇〇 parts; English goes in en.

name = { ja = "社会福祉法人 〇〇会", en = "" }
short_name = { ja = "〇〇会", en = "" }
# council = 社会福祉協議会, corporation = 社会福祉法人
legal_type = "corporation"
prefecture = { ja = "〇〇県", en = "" }
city = { ja = "〇〇市", en = "" }
# address = { ja = "", en = "" }
# postcode = "000-0000"
# phone = "000-000-0000"
# website = "https://"
# summary = { ja = "", en = "" }
`

// NewPlan starts data/plans/<org>/<year>.toml and the plan's prose, from
// the organization's newest earlier plan when there is one.
func NewPlan(root, org string, year int) (*Result, error) {
	if !plan.ValidID(org) {
		return nil, diag.Errorf("%q cannot be an organization id: use lower-case letters a-z, digits and hyphens, such as \"meyasubako\"", org)
	}
	if year < plan.MinFiscalYear || year > plan.MaxFiscalYear {
		return nil, diag.Errorf("%d is not a plausible fiscal year: write the western year the plan's April falls in (令和7年度 = 2025)", year)
	}
	fsys := os.DirFS(root)
	if _, err := fs.Stat(fsys, "data/orgs/"+org+".toml"); err != nil {
		orgs, _ := fs.Glob(fsys, "data/orgs/*.toml")
		for i, o := range orgs {
			orgs[i] = strings.TrimSuffix(path.Base(o), ".toml")
		}
		return nil, diag.Errorf("there is no organization %q (data/orgs/%s.toml): create it first with \"plansite new org %s\"%s", org, org, org, diag.Hint(org, orgs))
	}
	name := fmt.Sprintf("data/plans/%s/%d.toml", org, year)
	prev := previousYear(fsys, org, year)
	if prev == 0 {
		files := []file{
			{name, []byte(schemaLine(name, PlanSchemaPath) + planTemplate(year))},
			{fmt.Sprintf("content/%s/%d/_index.ja.md", org, year), []byte("+++\ntitle = \"基本方針\"\n+++\n")},
		}
		return write(root, withSchemas(root, files))
	}
	prevName := fmt.Sprintf("data/plans/%s/%d.toml", org, prev)
	src, err := fs.ReadFile(fsys, prevName)
	if err != nil {
		return nil, diag.Errorf("cannot read: %v", err)
	}
	if _, err := toml.Decode(string(src), new(plan.Plan)); err != nil {
		// KeySpans needs a document that parses, and a broken file would be copied broken.
		return nil, diag.Errorf("%s cannot be copied until it loads without errors; run plansite check", prevName)
	}
	e := &editor{file: name, from: fiscal.Year(prev), to: fiscal.Year(year)}
	out := e.plan(src)
	files := []file{{name, out}}
	for _, l := range []string{"ja", "en"} {
		from := fmt.Sprintf("content/%s/%d/_index.%s.md", org, prev, l)
		md, err := fs.ReadFile(fsys, from)
		if err != nil {
			continue
		}
		to := fmt.Sprintf("content/%s/%d/_index.%s.md", org, year, l)
		files = append(files, file{to, md})
		e.file = to
		e.mentions(md)
	}
	res, err := write(root, withSchemas(root, files))
	if err != nil {
		return nil, err
	}
	res.From = prevName
	sort.SliceStable(e.review, func(i, j int) bool {
		a, b := e.review[i].Pos, e.review[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
	res.Review = e.review
	return res, nil
}

// withSchemas adds the site's schemas that are missing, so that the
// #:schema lines of new files point at files that exist.
func withSchemas(root string, files []file) []file {
	for _, k := range schema.Kinds {
		name := schema.Dir + "/" + k.File
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(name))); errors.Is(err, fs.ErrNotExist) {
			files = append(files, file{name, k.Generate()})
		}
	}
	return files
}

// previousYear is the newest plan of org before year, or 0.
func previousYear(fsys fs.FS, org string, year int) int {
	files, _ := fs.Glob(fsys, "data/plans/"+org+"/*.toml")
	best := 0
	for _, f := range files {
		y, err := strconv.Atoi(strings.TrimSuffix(path.Base(f), ".toml"))
		if err == nil && y < year && y > best {
			best = y
		}
	}
	return best
}

// schemaLine is the #:schema directive for a file at name (slash path
// under the root), pointing at the schema at schema (also under the root).
func schemaLine(name, schema string) string {
	up := strings.Repeat("../", strings.Count(name, "/"))
	return "#:schema " + up + schema + "\n"
}

func planTemplate(year int) string {
	fy := fiscal.Year(year)
	return fmt.Sprintf(`# %[1]s 事業計画 / %[2]s business plan
# 書き方は README の「A plan」にあります。# で始まる行は例です。行頭の # を消すと使えます。
# How to write a plan: see "A plan" in the README. Lines starting with # are examples:
# remove the # to use them.

fiscal_year = %[3]d
title = { ja = "事業計画", en = "Business Plan" }
# subtitle = { ja = "", en = "" }
# slogan = { text = { ja = "", en = "" }, source = "" }

# 重点施策 / Priority measures
# [[priorities]]
# title = { ja = "地域福祉活動の推進", en = "Promoting community welfare activities" }
# body = { ja = "", en = "" }

# 部門・課 / Divisions, their sections and programs
# [[divisions]]
# id = "somu"
# name = { ja = "総務課", en = "General Affairs Division" }
#
# [[divisions.sections]]
# name = { ja = "法人運営", en = "Management" }
#
# [[divisions.sections.programs]]
# id = "rijikai"
# name = { ja = "理事会", en = "Board of Directors" }
# description = { ja = "", en = "" }
# frequency = { count = 5, per = "year" }
#
# [[divisions.targets]]
# key = "new-consultations"
# name = { ja = "新規相談件数", en = "New consultations" }
# value = 100
# unit = { ja = "件", en = "cases" }
#
# [[divisions.schedule]]
# name = { ja = "理事会", en = "Board meeting" }
# months = [5, 11, 3]
`, fy.EraLabel(), fy.EnLabel(), year)
}

// write creates every file, or none: it first checks that none exists.
func write(root string, files []file) (*Result, error) {
	for _, f := range files {
		if _, err := os.Lstat(filepath.Join(root, filepath.FromSlash(f.path))); err == nil {
			return nil, diag.Errorf("%s already exists: plansite new never overwrites a file; edit it, or move it away first", f.path)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, diag.Errorf("cannot read: %v", err)
		}
	}
	res := &Result{}
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f.path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return res, diag.Errorf("cannot write %s: %v", f.path, err)
		}
		// O_EXCL: a file that appeared since the check is not overwritten either.
		w, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return res, diag.Errorf("cannot write %s: %v", f.path, err)
		}
		_, err = w.Write(f.data)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return res, diag.Errorf("cannot write %s: %v", f.path, err)
		}
		res.Created = append(res.Created, f.path)
	}
	sort.Strings(res.Created)
	return res, nil
}

// An editor rewrites a copied plan for its new year.
type editor struct {
	file     string
	from, to fiscal.Year
	review   []diag.Problem
}

var (
	actualPath   = regexp.MustCompile(`(^|\.)targets\[\d+\]\.actual$`)
	previousPath = regexp.MustCompile(`(^|\.)targets\[\d+\]\.previous$`)
	datePath     = regexp.MustCompile(`(^|\.)(schedule\[\d+\]\.(date|end)|staffing\[\d+\]\.as_of)$`)
	dateValue    = regexp.MustCompile(`^("?)(\d{4})-(\d{2})-(\d{2})("?)$`)
)

// An edit replaces src[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// plan rewrites the previous plan src for the new year.
func (e *editor) plan(src []byte) []byte {
	// A byte order mark is only allowed first, where the #:schema line goes.
	for _, bom := range []string{"\ufeff", "\xfe\xff", "\xff\xfe"} {
		src = bytes.TrimPrefix(src, []byte(bom))
	}
	spans := load.KeySpans(src)
	var edits []edit
	// The actual results of each target, by target path, become its
	// previous values.
	actual := map[string]load.KeySpan{}
	hasPrevious := map[string]load.KeySpan{}
	for _, s := range spans {
		switch {
		case actualPath.MatchString(s.Path):
			actual[strings.TrimSuffix(s.Path, ".actual")] = s
		case previousPath.MatchString(s.Path):
			hasPrevious[strings.TrimSuffix(s.Path, ".previous")] = s
		}
	}
	for _, s := range spans {
		value := string(src[s.ValueStart:s.ValueEnd])
		switch {
		case s.Path == "fiscal_year":
			edits = append(edits, edit{s.ValueStart, s.ValueEnd, strconv.Itoa(int(e.to))})
		case s.Path == "era_label", s.Path == "published": // the new plan is not published yet
			edits = append(edits, removal(src, s))
		case actualPath.MatchString(s.Path):
			target := strings.TrimSuffix(s.Path, ".actual")
			if p, ok := hasPrevious[target]; ok {
				edits = append(edits, edit{p.ValueStart, p.ValueEnd, value}, removal(src, s))
			} else {
				edits = append(edits, edit{s.Key, s.Key + len("actual"), "previous"})
			}
		case previousPath.MatchString(s.Path):
			if _, ok := actual[strings.TrimSuffix(s.Path, ".previous")]; !ok {
				// Two years back now: without last year's result, there is no previous value.
				edits = append(edits, removal(src, s))
			}
		case datePath.MatchString(s.Path):
			if moved, ok := e.moveDate(value); ok {
				edits = append(edits, edit{s.ValueStart, s.ValueEnd, moved})
			}
		}
	}
	out := apply(src, edits)
	if !bytes.Contains(out, []byte("#:schema")) {
		out = append([]byte(schemaLine(e.file, PlanSchemaPath)), out...)
	}
	// Notes are placed in the new file, once every edit is made.
	before := map[string]string{}
	for _, s := range spans {
		before[s.Path] = string(src[s.ValueStart:s.ValueEnd])
	}
	for _, s := range load.KeySpans(out) {
		if now := string(out[s.ValueStart:s.ValueEnd]); datePath.MatchString(s.Path) && before[s.Path] != now {
			e.note(out, s.ValueStart, diag.Message("date moved from %s to %s: check it against the new year's calendar", strings.Trim(before[s.Path], `"`), strings.Trim(now, `"`)))
		}
	}
	e.mentions(out)
	return out
}

// moveDate moves a date value by the years between the plans; 29
// February becomes 28 February in a common year.
func (e *editor) moveDate(value string) (string, bool) {
	m := dateValue.FindStringSubmatch(value)
	if m == nil {
		return "", false
	}
	y, _ := strconv.Atoi(m[2])
	mo, _ := strconv.Atoi(m[3])
	d, _ := strconv.Atoi(m[4])
	y += int(e.to - e.from)
	if last := time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day(); d > last {
		d = last
	}
	return fmt.Sprintf("%s%04d-%02d-%02d%s", m[1], y, mo, d, m[5]), true
}

// removal deletes a key-value pair: its whole line when it stands alone,
// or with its separating comma inside an inline table.
func removal(src []byte, s load.KeySpan) edit {
	lineStart := bytes.LastIndexByte(src[:s.Key], '\n') + 1
	lineEnd := len(src)
	if i := bytes.IndexByte(src[s.ValueEnd:], '\n'); i >= 0 {
		lineEnd = s.ValueEnd + i + 1
	}
	before := strings.TrimSpace(string(src[lineStart:s.Key]))
	after := strings.TrimSpace(string(src[s.ValueEnd:lineEnd]))
	if before == "" && (after == "" || strings.HasPrefix(after, "#")) {
		return edit{lineStart, lineEnd, ""}
	}
	// Inside an inline table: take the comma before, or else the one after.
	i := s.Key
	for i > lineStart && (src[i-1] == ' ' || src[i-1] == '\t') {
		i--
	}
	if i > 0 && src[i-1] == ',' {
		return edit{i - 1, s.ValueEnd, ""}
	}
	j := s.ValueEnd
	for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
		j++
	}
	if j < len(src) && src[j] == ',' {
		j++
		for j < len(src) && src[j] == ' ' {
			j++
		}
	}
	return edit{s.Key, j, ""}
}

// apply makes non-overlapping edits, in any order.
func apply(src []byte, edits []edit) []byte {
	sort.Slice(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var out bytes.Buffer
	last := 0
	for _, e := range edits {
		if e.start < last {
			continue
		}
		out.Write(src[last:e.start])
		out.WriteString(e.text)
		last = e.end
	}
	out.Write(src[last:])
	return out.Bytes()
}

// mentions lists the lines of src that name the previous fiscal year
// (2024年度, 令和6年度, FY2024): titles and prose that may need the new year.
func (e *editor) mentions(src []byte) {
	labels := []string{fmt.Sprintf("%d年度", e.from), e.from.EraLabel(), fmt.Sprintf("FY%d", e.from), fmt.Sprintf("FY %d", e.from)}
	for off := 0; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		line := string(src[off : off+end])
		start := off
		off += end + 1
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		for _, l := range labels {
			if i := strings.Index(line, l); i >= 0 {
				e.note(src, start+i, diag.Message("names the previous fiscal year (%s): change it if it should name the new one", l))
				break
			}
		}
	}
}

func (e *editor) note(src []byte, off int, msg string) {
	lineStart := bytes.LastIndexByte(src[:off], '\n') + 1
	pos := diag.Pos{File: e.file, Line: 1 + bytes.Count(src[:off], []byte("\n")), Col: len([]rune(string(src[lineStart:off]))) + 1}
	e.review = append(e.review, diag.Problem{Pos: pos, Severity: diag.Warning, Message: msg})
}
