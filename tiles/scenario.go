package tiles

import (
	"context"
	"sync"
	"time"

	"gasrisk"
)

// ScenarioSource is a Source that can also draw a what-if run (a scenario
// of gasrisk analyze --scenario) instead of the current one.
type ScenarioSource interface {
	Source
	// ScenarioVersion returns the version of layer's data in the named
	// scenario, a version TileMVT draws that scenario's run from: EINVALID
	// for a bad name or a layer without scenarios, ENOTFOUND for no such
	// scenario.
	ScenarioVersion(ctx context.Context, layer, name string) (string, error)
}

// scenarioVersions remembers the scenarios' versions for the Service's
// VersionTTL, as versions does the current ones.
type scenarioVersions struct {
	mu   sync.Mutex
	ttl  time.Duration
	seen map[[2]string]scenarioVersion
}

type scenarioVersion struct {
	version string
	at      time.Time
}

// scenarioVersion returns the version of layer in scenario name: the tile cache
// keys a scenario's tiles by it (its run), apart from the current run's.
func (s *Service) scenarioVersion(ctx context.Context, layer, name string) (string, error) {
	src, ok := s.src.(ScenarioSource)
	if !ok {
		return "", gasrisk.Errorf(gasrisk.ENOTFOUND, "scenario %q: this tile server draws no scenarios", name)
	}
	sv := &s.scenarios
	k := [2]string{layer, name}
	sv.mu.Lock()
	v, ok := sv.seen[k]
	sv.mu.Unlock()
	if ok && time.Since(v.at) < sv.ttl {
		return v.version, nil
	}
	version, err := src.ScenarioVersion(ctx, layer, name)
	if err != nil {
		return "", sourceErr(err)
	}
	sv.mu.Lock()
	defer sv.mu.Unlock()
	if sv.seen == nil || len(sv.seen) > 1000 {
		sv.seen = map[[2]string]scenarioVersion{}
	}
	sv.seen[k] = scenarioVersion{version, time.Now()}
	return version, nil
}
