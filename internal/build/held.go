package build

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/plansite/plansite/internal/export"
	"github.com/plansite/plansite/internal/plan"
	"github.com/plansite/plansite/internal/render"
	"github.com/plansite/plansite/internal/search"
)

// A heldOrg is an organization as its outputs and the search index need
// it. In a lean build (plansite build) the loaded organization's plans
// are hollow (plan.Plan.Hollow): the first output to be made reads them
// again in full (read), for itself and the others, and the last to need
// them lets them go, so that a build holds only the organizations being
// made. Otherwise the organization is whole as loaded.
type heldOrg struct {
	org  *plan.Org
	read func(*plan.Org) (*plan.Org, error) // nil: org is whole

	mu   sync.Mutex
	full *plan.Org
	err  error

	// renders counts the outputs not made yet; rendered, made with the
	// first, is closed when none is left. indexing is set when the
	// search index will read the organization too, after its outputs.
	renders  atomic.Int32
	rendered chan struct{}
	indexing bool
}

// heldOrgs returns a heldOrg for each of orgs, made in one allocation:
// every build makes one per organization, most of them with no output
// to make.
func heldOrgs(orgs []*plan.Org, read func(*plan.Org) (*plan.Org, error)) []*heldOrg {
	slab := make([]heldOrg, len(orgs))
	held := make([]*heldOrg, len(orgs))
	for i, o := range orgs {
		slab[i].org, slab[i].read = o, read
		held[i] = &slab[i]
	}
	return held
}

// get returns the organization whole, reading it when it is not held.
func (h *heldOrg) get() (*plan.Org, error) {
	if h.read == nil {
		return h.org, nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.full == nil && h.err == nil {
		h.full, h.err = h.read(h.org)
	}
	return h.full, h.err
}

// whole returns the organization whole and, when p is not nil, its plan
// that p, a plan of the organization as loaded, is.
func (h *heldOrg) whole(p *plan.Plan) (*plan.Org, *plan.Plan, error) {
	full, err := h.get()
	if err != nil {
		return nil, nil, err
	}
	return full, planIn(full, h.org, p), nil
}

// planIn returns the plan of full that p, a plan of loaded, is: the same
// organization, loaded hollow and read whole; nil for nil.
func planIn(full, loaded *plan.Org, p *plan.Plan) *plan.Plan {
	if p == nil || full == loaded {
		return p
	}
	return full.Plans[slices.Index(loaded.Plans, p)]
}

// page returns p, a page of the organization, with the organization
// whole.
func (h *heldOrg) page(p render.Page) (render.Page, error) {
	var err error
	p.Org, p.Plan, err = h.whole(p.Plan)
	return p, err
}

// rendering counts one more output to make. It is called while the
// build gathers its outputs, before any is made.
func (h *heldOrg) rendering() {
	if h.renders.Add(1) == 1 {
		h.rendered = make(chan struct{})
	}
}

// done tells that one output was made, or will not be.
func (h *heldOrg) done() {
	if h.renders.Add(-1) == 0 {
		close(h.rendered)
		if !h.indexing {
			h.let()
		}
	}
}

// indexed waits for the outputs to be made, as they read the
// organization first, and returns it whole for the index; call let after.
func (h *heldOrg) indexed(ctx context.Context) (*plan.Org, error) {
	if h.read != nil && h.renders.Load() > 0 {
		select {
		case <-h.rendered:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return h.get()
}

// let lets the organization read whole go.
func (h *heldOrg) let() {
	h.mu.Lock()
	h.full, h.err = nil, nil
	h.mu.Unlock()
}

// planFacts are what a lean build learns of each plan while the load
// holds it whole, for when it is hollow: how many search documents it
// makes and which open-data files it has. see may be called from
// several goroutines at once, during the load; the facts are read after
// it, without a lock.
type planFacts struct {
	mu    sync.Mutex
	docs  map[*plan.Plan]int
	kinds map[*plan.Plan]export.Kinds
}

// see records the facts of p, whole.
func (f *planFacts) see(p *plan.Plan) {
	docs, kinds := search.DocCount(p), export.KindsOf(p)
	f.mu.Lock()
	f.docs[p], f.kinds[p] = docs, kinds
	f.mu.Unlock()
}

// docCount is the number of search documents of p.
func (f *planFacts) docCount(p *plan.Plan) int { return f.docs[p] }
