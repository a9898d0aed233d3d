package render

import (
	"github.com/plansite/plansite/internal/changes"
	"github.com/plansite/plansite/internal/lang"
	"strings"
)

// anchorChanges is the plan page's "what changed since the previous plan" section.
const anchorChanges = "changes"

// changeFieldLabels name the parts of a program that can change, by TOML
// key, with the theme strings the program's own layout uses for them.
var changeFieldLabels = map[string]string{
	"name":            "program",
	"description":     "details",
	"items":           "details",
	"marker":          "details",
	"frequency":       "frequency",
	"commissioned_by": "commissionedBy",
	"sites":           "sites",
	"areas":           "areas",
	"classes":         "classes",
	"goals":           "goals",
	"profile":         "profile",
	"tables":          "changedTables",
	"fees":            "fees",
	"facilities":      "facilities",
	"lists":           "changedLists",
	"notes":           "notes",
}

// ChangedFields names what changed in a program, in the page's language,
// each part once, as a list: 事業計画名、具体的な内容 / name, description.
// A plan page lists dozens of changed programs: the list is joined here
// rather than by the template, item by item.
func (d *pageData) ChangedFields(pc changes.ProgramChange) string {
	var names []string
	seen := map[string]bool{}
	for _, f := range pc.Fields {
		key, ok := changeFieldLabels[f]
		if !ok {
			key = "details"
		}
		if !seen[key] {
			seen[key] = true
			names = append(names, d.L.T(key))
		}
	}
	return strings.Join(names, d.L.T("listSep"))
}

// ChangesTitle heads the section: 令和5年度からの変更 / Changes since FY2023.
func (d *pageData) ChangesTitle(c *changes.Plan) string {
	return d.L.Tf("changesSince", d.L.FiscalYear(c.FromPlan))
}

// FromPlanURL links to the earlier plan's page, at anchor id when given.
func (d *pageData) FromPlanURL(c *changes.Plan, id string) string {
	u := d.PlanURL(c.FromPlan)
	if id != "" {
		u += "#" + id
	}
	return u
}

// changesTOC is the table of contents entry of the changes section, if any.
func changesTOC(c *changes.Plan) []tocEntry {
	if c == nil {
		return nil
	}
	return []tocEntry{{ID: anchorChanges, Name: changeStrings["changes"]}}
}

// changeStrings are the theme strings of the changes section.
var changeStrings = map[string]lang.Text{
	"changes":         lang.T("前年度からの変更", "What changed since last year"),
	"changesSince":    lang.T("%sからの変更", "Changes since %s"),
	"programsAdded":   lang.T("新しい事業", "New programs"),
	"programsRemoved": lang.T("終了した事業", "Programs no longer in the plan"),
	"programsChanged": lang.T("内容が変わった事業", "Programs that changed"),
	"targetsChanged":  lang.T("数値目標の変更", "Changed targets"),
	"staffingChanged": lang.T("職員配置の変更", "Staffing changes"),
	"before":          lang.T("前の計画", "Before"),
	"after":           lang.T("この計画", "This plan"),
	"newTarget":       lang.T("新しい目標", "new target"),
	"droppedTarget":   lang.T("目標から外れました", "no longer a target"),
	"newTable":        lang.T("新しい表", "new table"),
	"droppedTable":    lang.T("表がなくなりました", "table removed"),
	"none":            lang.T("なし", "none"),
	"changedTables":   lang.T("表", "Tables"),
	"changedLists":    lang.T("一覧", "Lists"),
	"listSep":         lang.T("、", ", "),
}
