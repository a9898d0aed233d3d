// Package synth writes deterministic synthetic sites of any size, shaped
// like real plans, for benchmarks: N organizations with two fiscal-year
// plans each, every plan with about forty programs, five targets, a
// staffing table, a year of schedule entries and Markdown prose in both
// languages. The same seed gives the same files.
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Options size the site.
type Options struct {
	Orgs int
	Seed uint64
	// FirstYear is the fiscal year of each organization's first plan.
	FirstYear int
}

var (
	towns     = []string{"三重町", "清川町", "緒方町", "朝地町", "大野町", "千歳町", "犬飼町", "中央町", "北町", "南町"}
	subjects  = []string{"地域福祉", "ボランティア", "生活支援", "相談支援", "権利擁護", "介護予防", "子育て支援", "就労支援", "災害支援", "見守り"}
	actions   = []string{"推進事業", "支援事業", "運営", "連絡会", "研修会", "相談会", "講座", "交流会"}
	sentences = []string{
		"地域住民が身近な福祉活動に参加・協力することにより、住民生活に根ざした支えあいを推進する。",
		"関係機関と連携し、生活困窮者の早期発見・早期支援を実践する。",
		"高齢者が住み慣れた地域で安心して暮らし続けられるよう、包括的かつ継続的な支援を行う。",
		"研修会を開催し、職員の専門性の向上を図る。",
		"広報紙やホームページを通じて、福祉に対する関心と理解を深める。",
		"相談者の意思を尊重し、寄り添い・伴走型の支援を行う。",
	}
)

// Write writes the site into dir, which should be empty.
func Write(dir string, opts Options) error {
	if opts.FirstYear == 0 {
		opts.FirstYear = 2023
	}
	r := rand.New(rand.NewPCG(opts.Seed, 0x706c616e73697465))
	files := map[string]string{
		"data/site.toml": "title = { ja = \"福祉事業計画ポータル（合成）\", en = \"Welfare Plans Portal (synthetic)\" }\n",
	}
	for i := 0; i < opts.Orgs; i++ {
		id := fmt.Sprintf("org-%05d", i+1)
		town := towns[i%len(towns)]
		files["data/orgs/"+id+".toml"] = fmt.Sprintf(
			"name = { ja = \"社会福祉法人 %s社会福祉協議会 %d\", en = \"%s Social Welfare Council %d\" }\nlegal_type = \"council\"\nprefecture = { ja = \"大分県\", en = \"Ōita\" }\ncity = { ja = \"%s\", en = \"Town %d\" }\n",
			town, i+1, romanTown(i), i+1, town, i+1)
		for y := 0; y < 2; y++ {
			year := opts.FirstYear + y
			files[fmt.Sprintf("data/plans/%s/%d.toml", id, year)] = planTOML(r, year)
			for _, l := range []string{"ja", "en"} {
				files[fmt.Sprintf("content/%s/%d/_index.%s.md", id, year, l)] = prose(r, l)
			}
		}
	}
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func romanTown(i int) string { return fmt.Sprintf("District %d", i%len(towns)+1) }

func planTOML(r *rand.Rand, year int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "fiscal_year = %d\ntitle = { ja = \"事業計画\", en = \"Business Plan\" }\n", year)
	fmt.Fprintf(&b, "slogan = { text = { ja = \"よりそい つながろう あなたとわたし\", en = \"Close by, connected: you and me\" } }\n")
	for p := 1; p <= 3; p++ {
		fmt.Fprintf(&b, "\n[[priorities]]\ntitle = { ja = \"重点施策%d\", en = \"Priority %d\" }\nbody = %q\n", p, p, pick(r, sentences))
	}
	programs := 38 + r.IntN(5)
	perDivision := (programs + 2) / 3
	n := 0
	for d := 1; d <= 3; d++ {
		fmt.Fprintf(&b, "\n[[divisions]]\nid = \"division-%d\"\nname = { ja = \"第%d課\", en = \"Division %d\" }\nintro = %q\n", d, d, d, pick(r, sentences))
		for s := 1; s <= 2; s++ {
			fmt.Fprintf(&b, "\n[[divisions.sections]]\nname = { ja = \"第%d係\", en = \"Unit %d\" }\n", s, s)
			for k := 0; k < perDivision/2+1 && n < programs; k++ {
				n++
				subject := pick(r, subjects)
				action := pick(r, actions)
				fmt.Fprintf(&b, "\n[[divisions.sections.programs]]\nid = \"p%d\"\nname = { ja = \"%s%s\", en = \"Program %d\" }\n", n, subject, action, n)
				// Two or three sentences; a third starts a new line (a
				// soft line break), as plans are typed.
				desc := pick(r, sentences) + pick(r, sentences)
				if r.IntN(2) == 0 {
					desc += "\n" + pick(r, sentences)
				}
				fmt.Fprintf(&b, "description = \"\"\"\n%s\n\"\"\"\n", desc)
				if r.IntN(3) == 0 {
					fmt.Fprintf(&b, "frequency = { count = %d, per = \"year\" }\n", 1+r.IntN(6))
				}
			}
		}
	}
	b.WriteString("\n[[divisions.targets]]\n")
	for t := 1; t <= 5; t++ {
		if t > 1 {
			b.WriteString("\n[[divisions.targets]]\n")
		}
		fmt.Fprintf(&b, "key = \"target-%d\"\nname = { ja = \"目標%d\", en = \"Target %d\" }\nvalue = %d\nunit = { ja = \"件\", en = \"cases\" }\nperiod_months = 12\n", t, t, t, 10+r.IntN(2000))
	}
	b.WriteString("\n[[divisions.staffing]]\nas_of = " + fmt.Sprintf("%d-04-01", year) + "\nunit = { ja = \"名\", en = \"staff\" }\n")
	b.WriteString("roles = [\n  { key = \"lead\", name = { ja = \"センター長\", en = \"Director\" } },\n  { key = \"counselor\", name = { ja = \"相談員\", en = \"Counselor\" } },\n  { key = \"employment\", name = { ja = \"就労支援員\", en = \"Employment adviser\" } },\n  { key = \"finance\", name = { ja = \"家計相談支援員\", en = \"Household finance adviser\" } },\n]\n")
	for _, typ := range []string{"{ ja = \"常勤職員\", en = \"Full-time\" }", "{ ja = \"非常勤職員\", en = \"Part-time\" }"} {
		fmt.Fprintf(&b, "\n[[divisions.staffing.rows]]\ntype = %s\ncells = { lead = %d.%d, counselor = %d.%d, employment = %d, finance = 0.%d }\n",
			typ, r.IntN(2), r.IntN(10), 1+r.IntN(6), r.IntN(10), r.IntN(3), 1+r.IntN(9))
	}
	for m := 1; m <= 12; m++ {
		for e := 0; e < 1+r.IntN(3); e++ {
			fmt.Fprintf(&b, "\n[[divisions.schedule]]\nname = { ja = \"%s会議\", en = \"Meeting %d\" }\nmonths = [%d]\n", pick(r, subjects), e+1, m)
		}
	}
	return b.String()
}

func prose(r *rand.Rand, lang string) string {
	var b strings.Builder
	if lang == "ja" {
		b.WriteString("+++\ntitle = \"基本方針\"\n+++\n\n")
		for b.Len() < 1500 {
			b.WriteString(pick(r, sentences))
			if r.IntN(3) == 0 {
				b.WriteString("\n\n")
			}
		}
		return b.String()
	}
	b.WriteString("+++\ntitle = \"Basic policy\"\n+++\n\n")
	words := []string{"the council", "residents", "will", "support", "local", "welfare", "activities", "together", "with", "partners", "in", "every", "district", "and", "strengthen", "consultation"}
	for b.Len() < 1500 {
		b.WriteString(pick(r, words))
		if r.IntN(12) == 0 {
			b.WriteString(".\n\n")
		} else {
			b.WriteString(" ")
		}
	}
	return b.String()
}

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }
