package search

// SetSpillBudget sets how many bytes of postings a Writer holds before
// it writes them out, until the returned function restores it.
func SetSpillBudget(n int) (restore func()) {
	old := spillBudget
	spillBudget = n
	return func() { spillBudget = old }
}
