package diag

// checkMessages are the messages of plansite check.
var checkMessages = map[string]string{}

// editMessages are the messages of plansite new and plansite schema.
var editMessages = map[string]string{}

// cmdMessages are the messages of the plansite command itself.
var cmdMessages = map[string]string{}
