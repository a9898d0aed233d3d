package diag

// buildMessages are the messages of package build: flags, output folders
// and assets.
var buildMessages = map[string]string{
	"-baseURL %q: expected a path such as / or /keikaku/, or an address such as https://example.jp/keikaku/": "-baseURL %q: / や /keikaku/ のようなパスか、https://example.jp/keikaku/ のようなアドレスを指定してください",
	"%s: minify: %w":       "%s: 圧縮できません: %v",
	"rendering failed: %v": "ページを作れませんでした: %v",
	"assets: %w":           "assets: %v",
	"%s: %w":               "%s: %v",
	"assets/%s is missing: the layouts link it from every page": "assets/%s がありません。レイアウトがすべてのページからリンクしています",
	"removing stale %s: %w": "古い %s を消せません: %v",
	"the destination %s holds files that plansite did not write (it has no %s); to protect them, nothing was written: choose an empty or new folder, or empty this one": "出力先 %s には plansite が書いていないファイルがあります（%s がありません）。それらを守るため何も書きませんでした。空のフォルダか新しいフォルダを選ぶか、このフォルダを空にしてください",
	"writing %s: %w": "%s を書けません: %v",
	"keeping %s in the temporary copy of the site: %w":        "%s をサイトの一時的な写しに入れられません: %v",
	"reading %s back from the temporary copy of the site: %w": "%s をサイトの一時的な写しから読み戻せません: %v",
	"open data: %w": "オープンデータ: %v",
	"sitemap.xml, robots.txt and the Atom feeds were not made, and pages have no canonical or og:url links: these need the site's full address; build with -baseURL set to it, such as -baseURL https://example.jp/keikaku/": "sitemap.xml・robots.txt・Atom フィードを作らず、各ページに canonical・og:url のリンクも付けませんでした。これらにはサイトの完全なアドレスが要ります。-baseURL https://example.jp/keikaku/ のように指定してビルドしてください",
}
