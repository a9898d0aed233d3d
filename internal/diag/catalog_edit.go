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
var editMessages = map[string]string{}

// cmdMessages are the messages of the plansite command itself.
var cmdMessages = map[string]string{
	"plansite: unknown command %q":                                 "plansite: %q というコマンドはありません",
	"plansite %s: unexpected argument %q":                          "plansite %s: 余分な引数 %q があります",
	"plansite: build failed with %d error(s); nothing was written": "plansite: エラーが %d 件あったため、何も書き出していません",
	"plansite: error: %v":                                          "plansite: エラー: %v",
}
