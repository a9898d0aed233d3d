package diag

// serveMessages are the messages of plansite serve and of packages serve
// and watch: the server's address, each rebuild, the watcher's limits.
var serveMessages = map[string]string{
	"plansite serve: %v":                                                        "plansite serve: %v",
	"serving %s (press Ctrl-C to stop)":                                         "%s で表示しています（Ctrl-C で終了します）",
	"built in %s: %d of %d files rendered, %d changed":                          "%s で作成しました: %d / %d ファイルを作り直し、%d ファイルが変わりました",
	"plansite: build failed with %d error(s); still serving the last good site": "plansite: エラーが %d 件あります。直前の正しいサイトを表示し続けます",
	"plansite: build failed: %v; still serving the last good site":              "plansite: 作成できませんでした: %v。直前の正しいサイトを表示し続けます",
	"plansite serve: watching: %v":                                              "plansite serve: ファイルの監視: %v",
	"stopped":                                                                   "終了しました",
	"%w: %s is already taken, perhaps by another plansite serve: choose another port with -port, or -port 0 to pick a free one":    "%v: %s は使用中です（別の plansite serve かもしれません）。-port で別のポートを選ぶか、-port 0 で空いているポートを使ってください",
	"%w: the system's limit of watched folders is reached; raise it with: sudo sysctl fs.inotify.max_user_watches=524288":          "%v: 監視できるフォルダ数がシステムの上限に達しました。次のコマンドで上限を上げてください: sudo sysctl fs.inotify.max_user_watches=524288",
	"%w: too many programs are watching files; close some, or raise the limit with: sudo sysctl fs.inotify.max_user_instances=512": "%v: ファイルを監視しているプログラムが多すぎます。いくつか終了するか、次のコマンドで上限を上げてください: sudo sysctl fs.inotify.max_user_instances=512",
	"watching %s: %w": "%s を監視できません: %v",
}
