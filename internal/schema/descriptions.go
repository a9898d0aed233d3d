package schema

// A doc is a description in both languages.
type doc struct{ Ja, En string }

// typeDocs describe each model type, shown for the tables of that type.
var typeDocs = map[string]doc{
	"Site":      {"サイト全体の設定（data/site.toml）。", "Site settings (data/site.toml)."},
	"Org":       {"法人・団体の基本情報（data/orgs/<id>.toml）。ファイル名の id がウェブアドレスになります。", "An organization's basic facts (data/orgs/<id>.toml). The file name is its id in web addresses."},
	"Plan":      {"ある年度の事業計画（data/plans/<法人id>/<年度>.toml）。", "One fiscal year's plan (data/plans/<org id>/<year>.toml)."},
	"Glossary":  {"用語集（data/glossary.toml）。", "The glossary (data/glossary.toml)."},
	"Slogan":    {"計画のスローガンと出典。", "The plan's slogan and where it comes from."},
	"Priority":  {"重点施策の1項目。", "One priority measure (重点施策)."},
	"Division":  {"課・センター・部門、または事業ごとの計画書。", "A division (課, センター, 部門), or a project's own plan."},
	"Section":   {"係や (1)、① などの見出し。4段まで入れ子にできます。", "A unit (係) or a numbered heading such as (1) or ①; nests up to four deep."},
	"Program":   {"事業計画の1行（事業計画名と具体的な内容）。", "One row of the program table (事業計画名 / 具体的な内容)."},
	"Frequency": {"開催頻度。年5回 は { count = 5, per = \"year\" }。", "How often it takes place: 年5回 is { count = 5, per = \"year\" }."},
	"Goal":      {"目標の見出しと項目。", "A goal heading with its points."},
	"List":      {"見出しつきの列挙（評価項目 ア〜エ など）。", "A titled enumeration (evaluation criteria ア to エ)."},
	"Field":     {"概要の1項目（施設の名称、所在地 など）。", "One item of a profile (施設の名称, 所在地)."},
	"Table":     {"表。最初の列が各行の見出しになります。", "A table; the first column heads each row."},
	"Column":    {"表の列。rows ではこの key で値を書きます。", "A table column; rows give their cells under its key."},
	"Fee":       {"会費・料金（円）。", "A fee or charge, in yen."},
	"Facility":  {"運営する施設と契約期間。", "A facility the organization runs, with its contract period."},
	"Target":    {"数値目標。key で年度をまたいで追います。", "A numeric target, followed across years by its key."},
	"Ratio":     {"率の算出方法（分子 / 分母）。", "How a rate is computed: numerator over denominator."},
	"Staffing":  {"職員配置表。職種（列）×雇用形態（行）、常勤換算。", "A staffing table: roles (columns) by employment type (rows), in full-time equivalents."},
	"Role":      {"職員配置表の職種（列）。", "A staffing role (column)."},
	"StaffRow":  {"職員配置表の雇用形態（行）。", "An employment type (row) of a staffing table."},
	"Event":     {"年間予定の1件。months・every_month・date・as_needed のどれか1つで時期を書きます。", "A schedule entry: exactly one of months, every_month, date or as_needed says when."},
	"Term":      {"用語集の1語。", "One glossary term."},
}

// fieldDocs describe every TOML key of every model type, as "Type.key".
// TestEveryFieldDocumented fails when a field of the model has none.
var fieldDocs = map[string]doc{
	"Site.title":       {"サイトの名前。", "The site's name."},
	"Site.description": {"サイトの説明。検索結果などに表示されます。", "A one-line description of the site, for search results."},
	"Site.publisher":   {"サイトの運営者。フッターに表示されます。", "Who runs the site, shown in the footer."},
	"Site.unsafe_html": {"true にすると Markdown の中の HTML をそのまま出力します。ふつうは false のままにします。", "true lets raw HTML in Markdown through; leave it false unless you must."},

	"Org.name":       {"正式名称（例: 社会福祉法人 めやす箱）。", "The full name (社会福祉法人 めやす箱)."},
	"Org.short_name": {"略称。", "A short name."},
	"Org.legal_type": {"法人種別: \"council\"（社会福祉協議会）か \"corporation\"（社会福祉法人）。", "Legal type: \"council\" (社会福祉協議会) or \"corporation\" (社会福祉法人)."},
	"Org.prefecture": {"都道府県。", "Prefecture."},
	"Org.city":       {"市区町村。", "City, town or village."},
	"Org.address":    {"所在地。", "Address."},
	"Org.postcode":   {"郵便番号（例: 710-0055）。", "Postcode (710-0055)."},
	"Org.phone":      {"電話番号。", "Telephone number."},
	"Org.website":    {"ウェブサイトのアドレス。https:// から書きます。", "Website address, starting with https://."},
	"Org.summary":    {"一覧に表示する紹介文。", "A short introduction shown in listings."},

	"Plan.fiscal_year": {"年度（西暦）。令和6年度は 2024。ファイル名と同じにします。", "The fiscal year as the western year its April falls in (令和6年度 = 2024); must match the file name."},
	"Plan.era_label":   {"和暦の表示を上書きします（平成31年度 など、改元前に作られた計画）。", "Overrides the computed 和暦 label, for plans written before an era change (平成31年度)."},
	"Plan.published":   {"公表日（2024-04-01）。サイトの更新情報（Atom フィード）の日付になります。省略すると年度の初日（4月1日）。", "The day the plan was published (2024-04-01): the date of its entry in the site's Atom feed. Without it, the first day of the fiscal year (1 April)."},
	"Plan.title":       {"計画の題名。", "The plan's title."},
	"Plan.subtitle":    {"副題（部門名など）。", "A subtitle, such as the department."},
	"Plan.slogan":      {"スローガン。", "The plan's slogan."},
	"Plan.priorities":  {"重点施策。", "Priority measures (重点施策)."},
	"Plan.divisions":   {"課・センター・部門ごとの計画。", "The plan of each division (課, センター, 部門)."},

	"Slogan.text":   {"スローガンの文。", "The slogan."},
	"Slogan.source": {"出典（第4次地域福祉活動計画 など）。", "Where it comes from (第4次地域福祉活動計画)."},

	"Priority.title": {"重点施策の見出し。", "The measure's heading."},
	"Priority.body":  {"説明（Markdown）。", "Its description, in Markdown."},

	"Blocks.goals":      {"目標。", "Goals."},
	"Blocks.profile":    {"概要（項目と値の組）。", "A profile: label and value pairs."},
	"Blocks.tables":     {"表。", "Tables."},
	"Blocks.fees":       {"会費・料金。", "Fees."},
	"Blocks.facilities": {"施設。", "Facilities."},
	"Blocks.targets":    {"数値目標。", "Numeric targets."},
	"Blocks.staffing":   {"職員配置表。", "Staffing tables."},
	"Blocks.schedule":   {"年間予定。", "The annual schedule."},
	"Blocks.lists":      {"見出しつきの列挙。", "Titled enumerations."},
	"Blocks.notes":      {"注記（※）。Markdown。", "Notes (※), in Markdown."},

	"Division.id":       {"ページ内の位置を示す id。英小文字・数字・ハイフン。計画の中で重ならないようにします。", "The division's anchor: lower-case letters, digits and hyphens, unique in the plan."},
	"Division.name":     {"名前（総務課 など）。", "Its name (総務課)."},
	"Division.intro":    {"名前の下に表示する説明（Markdown）。", "An introduction under the name, in Markdown."},
	"Division.policy":   {"部門の基本方針（Markdown）。", "The division's own basic policy, in Markdown."},
	"Division.sections": {"係・見出し。", "Units (係) and numbered headings."},

	"Section.id":       {"ページ内の位置を示す id（省略可）。", "An optional anchor id."},
	"Section.name":     {"見出し（法人運営・財務人事係、(1) など）。", "The heading (法人運営・財務人事係, (1) …)."},
	"Section.intro":    {"見出しの下の説明（Markdown）。", "An introduction under the heading, in Markdown."},
	"Section.programs": {"事業。", "Programs."},
	"Section.sections": {"下の段の見出し。", "Sections one level down."},

	"Program.id":              {"事業の id。年度をまたいで同じ事業を追うのに使います。英小文字・数字・ハイフン。", "The program's id, used to follow it across years: lower-case letters, digits and hyphens."},
	"Program.name":            {"事業計画名。", "The program's name (事業計画名)."},
	"Program.description":     {"具体的な内容（Markdown）。", "What it does (具体的な内容), in Markdown."},
	"Program.items":           {"列挙する項目。", "Enumerated points."},
	"Program.marker":          {"項目の記号: bullet（・）、number（1.）、circled（①）、katakana（ア）、paren（(1)）。", "How items are marked: bullet, number, circled (①), katakana (ア) or paren ((1))."},
	"Program.frequency":       {"開催頻度（年5回 など）。", "How often it takes place (年5回)."},
	"Program.commissioned_by": {"受託元（市の受託 など）。", "Who commissions it (市の受託)."},
	"Program.sites":           {"施設数。", "Number of sites."},
	"Program.areas":           {"地域数。", "Number of areas."},
	"Program.classes":         {"教室数。", "Number of classes."},

	"Frequency.count": {"回数。", "How many times."},
	"Frequency.per":   {"期間: year（年）、month（月）、week（週）。", "Per what: year, month or week."},

	"Goal.title":  {"目標の見出し。", "The goal's heading."},
	"Goal.items":  {"目標の項目（Markdown）。", "Its points, in Markdown."},
	"Goal.marker": {"項目の記号。", "How items are marked."},

	"List.id":     {"ページ内の位置を示す id（省略可）。", "An optional anchor id."},
	"List.title":  {"見出し。", "The heading."},
	"List.intro":  {"見出しの下の説明（Markdown）。", "An introduction, in Markdown."},
	"List.items":  {"項目（Markdown）。", "The items, in Markdown."},
	"List.marker": {"項目の記号。", "How items are marked."},

	"Field.label": {"項目名（施設の名称 など）。", "The label (施設の名称)."},
	"Field.value": {"値（Markdown）。", "The value, in Markdown."},

	"Table.id":      {"ページ内の位置を示す id（省略可）。", "An optional anchor id."},
	"Table.caption": {"表の題名。", "The table's caption."},
	"Table.columns": {"列: [{ key = \"town\", label = \"町\" }, …]。", "Columns: [{ key = \"town\", label = \"町\" }, …]."},
	"Table.rows":    {"行。列の key ごとに値（Markdown）を書きます。", "Rows: a cell (Markdown) under each column key."},

	"Column.key":   {"列の key。rows で使います。", "The column's key, used by the rows."},
	"Column.label": {"列の見出し。", "The column heading."},

	"Fee.name":   {"区分（会費 など）。", "What it is (会費)."},
	"Fee.amount": {"金額（円）。数字だけを書きます。", "The amount in yen, a number."},
	"Fee.per":    {"単位（1世帯 一口 など）。", "What the amount is for (1世帯 一口)."},
	"Fee.note":   {"備考（Markdown）。", "A note, in Markdown."},

	"Facility.id":   {"ページ内の位置を示す id（省略可）。", "An optional anchor id."},
	"Facility.name": {"施設名。", "The facility's name."},
	"Facility.from": {"契約期間の最初の月（\"2022-04\"）。", "The first month of the contract (\"2022-04\")."},
	"Facility.to":   {"契約期間の最後の月（\"2025-03\"）。", "The last month of the contract (\"2025-03\")."},
	"Facility.note": {"備考（Markdown）。", "A note, in Markdown."},

	"Target.key":           {"目標の key。計画の中で重ならず、年度をまたいで同じにします（new-consultations など）。", "The target's key, unique in the plan and kept across years (new-consultations)."},
	"Target.name":          {"項目名。", "What is measured."},
	"Target.value":         {"目標値。", "The target value."},
	"Target.unit":          {"単位（件、人、% など）。% は率になります。", "The unit (件, 人, %); % makes it a rate."},
	"Target.period_months": {"期間（か月）。", "The period, in months."},
	"Target.definition":    {"率の算出方法。", "How the rate is computed."},
	"Target.previous":      {"前年度の値。", "The previous year's figure."},
	"Target.actual":        {"実績。", "The actual result."},
	"Target.note":          {"備考（Markdown）。", "A note, in Markdown."},

	"Ratio.numerator":   {"分子。", "The numerator."},
	"Ratio.denominator": {"分母。", "The denominator."},

	"Staffing.id":      {"ページ内の位置を示す id（省略可）。", "An optional anchor id."},
	"Staffing.caption": {"表の題名。", "The table's caption."},
	"Staffing.as_of":   {"基準日（2024-04-01）。", "The date it is as of (2024-04-01)."},
	"Staffing.unit":    {"単位（名、人 など）。", "The unit (名, 人)."},
	"Staffing.roles":   {"職種（列）。", "Roles (columns)."},
	"Staffing.rows":    {"雇用形態（行）。", "Employment types (rows)."},

	"Role.key":  {"職種の key。cells で使います。", "The role's key, used in cells."},
	"Role.name": {"職種名。", "The role's name."},

	"StaffRow.type":         {"雇用形態（常勤、非常勤 など）。", "The employment type (常勤, 非常勤)."},
	"StaffRow.cells":        {"職種の key ごとの人数（常勤換算、0.9 など）。", "Staff per role key, in full-time equivalents (0.9)."},
	"StaffRow.stated_total": {"計画書に書かれた合計。計算した合計と違えば check が知らせます。", "The total printed in the document; check reports it when it differs from the computed one."},

	"Event.id":          {"id（省略可）。", "An optional id."},
	"Event.name":        {"予定の名前。", "What takes place."},
	"Event.months":      {"行う月（4 = 4月）。", "The months it takes place in (4 = April)."},
	"Event.every_month": {"毎月行うなら true。", "true for a monthly event (毎月)."},
	"Event.date":        {"日付（2024-06-01）。", "The date (2024-06-01)."},
	"Event.end":         {"複数日にわたるときの最終日。", "The last day, for an event of several days."},
	"Event.as_needed":   {"随時行うなら true。", "true for an event held as needed (随時)."},
	"Event.note":        {"備考（Markdown）。", "A note, in Markdown."},

	"Glossary.terms": {"用語。", "The terms."},

	"Term.ja":      {"日本語の用語。", "The Japanese term."},
	"Term.reading": {"読み（ひらがな）。", "Its reading, in hiragana."},
	"Term.en":      {"サイト全体で使う英訳。", "The English used for it throughout the site."},
	"Term.note":    {"説明（Markdown）。", "An explanation, in Markdown."},
}
