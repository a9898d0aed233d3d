package diag

// checkMessages are the messages of plansite check.
var checkMessages = map[string]string{
	"broken link %q: it is not a valid address":                        "リンク %q が壊れています。アドレスとして正しくありません",
	"broken link %q: the site has no page or file %q%s":                "リンク %q が壊れています。サイトに %q というページもファイルもありません%s",
	"broken link %q: %s has no anchor %q%s":                            "リンク %q が壊れています。%s に %q という位置がありません%s",
	"%d error(s) and %d warning(s) in %d file(s)":                      "エラー %d 件、警告 %d 件（%d ファイル）",
	"links to anchors and files are checked once the errors are fixed": "ページ内の位置やファイルへのリンクは、エラーを直した後で確認します",
	"Translation coverage (texts with English / all texts):":           "翻訳の状況（英訳のある文 / すべての文）:",
	"plan":                   "計画",
	"translated":             "英訳あり",
	"share":                  "割合",
	"not yet translated: %s": "英訳のない文: %s",
}

// editMessages are the messages of plansite new and plansite schema.
var editMessages = map[string]string{
	"%q cannot be an organization id: use lower-case letters a-z, digits and hyphens, such as \"meyasubako\"": "%q は法人・団体の id にできません。\"meyasubako\" のように英小文字 a-z、数字、ハイフンで書いてください",
	"%d is not a plausible fiscal year: write the western year the plan's April falls in (令和7年度 = 2025)":      "%d は年度としてありえません。計画の4月が属する西暦年を書いてください（令和7年度 = 2025）",
	"there is no organization %q (data/orgs/%s.toml): create it first with \"plansite new org %s\"%s":         "法人・団体 %q（data/orgs/%s.toml）がありません。先に \"plansite new org %s\" で作ってください%s",
	"%s cannot be copied until it loads without errors; run plansite check":                                   "%s はエラーがあるため写せません。plansite check で確かめて直してください",
	"%s already exists: plansite new never overwrites a file; edit it, or move it away first":                 "%s はすでにあります。plansite new はファイルを上書きしません。そのファイルを編集するか、別の場所に移してください",
	"cannot write %s: %v": "%s を書けません: %v",
	"date moved from %s to %s: check it against the new year's calendar":                                              "日付を %s から %s に移しました。新しい年度の暦と合っているか確かめてください",
	"names the previous fiscal year (%s): change it if it should name the new one":                                    "前の年度（%s）が書かれています。新しい年度にすべきなら書き換えてください",
	"plansite new plan: the year %q is not a number: write the western year the plan's April falls in (令和7年度 = 2025)": "plansite new plan: 年度 %q が数字ではありません。計画の4月が属する西暦年を書いてください（令和7年度 = 2025）",
	"usage: plansite new [-source DIR] org ID, or plansite new [-source DIR] plan ORG YEAR":                           "使い方: plansite new [-source フォルダ] org ID、または plansite new [-source フォルダ] plan 法人ID 年度",
	"created %s": "%s を作りました",
	"wrote %s":   "%s を書きました",
	"started from %s: actual results became previous values, and dates moved to the new year": "%s をもとにしました。実績は前年度の値に移し、日付は新しい年度に移しました",
	"check these lines:": "次の行を確かめてください:",
	"next: edit the new files, then run plansite check": "次に、新しいファイルを編集してから plansite check を実行してください",
}

// cmdMessages are the messages of the plansite command itself.
var cmdMessages = map[string]string{
	"plansite: unknown command %q":                                 "plansite: %q というコマンドはありません",
	"plansite %s: unexpected argument %q":                          "plansite %s: 余分な引数 %q があります",
	"plansite: build failed with %d error(s); nothing was written": "plansite: エラーが %d 件あったため、何も書き出していません",
	"plansite: error: %v":                                          "plansite: エラー: %v",
}
