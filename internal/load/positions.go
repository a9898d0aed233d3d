package load

import "github.com/plansite/plansite/internal/diag"

// Positions finds where the keys of a TOML file are written, for problems
// found after loading, such as a broken link in a plan's description.
type Positions struct{ kp *keyPositions }

// NewPositions scans src, the text of file, which must parse as TOML. The
// scan happens on the first lookup.
func NewPositions(file string, src []byte) Positions {
	return Positions{kp: scanKeys(file, src)}
}

// Of returns the position of a key path as validation writes it
// (divisions[0].sections[1].programs[2].description.ja), or of its nearest
// written ancestor, or the file.
func (p Positions) Of(path string) diag.Pos { return p.kp.Pos(path) }
