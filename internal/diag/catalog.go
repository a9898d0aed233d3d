package diag

// catalogs map each message's English format, its ID, to its Japanese
// template. A Japanese template may reorder arguments with explicit
// indices (%[2]d). They are split by the package that writes the
// messages, so that changes to different packages touch different files.
// TestCatalogComplete checks every entry; TestCatalogCovers checks that
// every message in the source has one.
var catalogs = []map[string]string{
	planMessages,
	loadMessages,
	tomlMessages,
	buildMessages,
	checkMessages,
	editMessages,
	cmdMessages,
	serveMessages,
}
