package riskmodel

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDocumentedExampleLoads keeps the model-file example in
// docs/risk-model.md valid.
func TestDocumentedExampleLoads(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "docs", "risk-model.md"))
	if err != nil {
		t.Skipf("docs not found: %v", err)
	}
	_, rest, ok := strings.Cut(string(b), "Example model file:\n\n```json\n")
	if !ok {
		t.Fatal("example model file not found in docs/risk-model.md")
	}
	example, _, _ := strings.Cut(rest, "```")
	c, err := LoadConfig(strings.NewReader(example))
	if err != nil {
		t.Fatal(err)
	}
	if c.Detection.ControlRangeM[ClassSHPB] != 10 || c.Likelihood.TemporaryMeasures["guard"] != 0.6 {
		t.Fatal("example overrides not applied")
	}
}

// TestDocumentedJSONBlocksLoad checks every JSON block of the model docs is
// a valid model file.
func TestDocumentedJSONBlocksLoad(t *testing.T) {
	for _, name := range []string{"risk-model.md", "calibration.md"} {
		b, err := os.ReadFile(filepath.Join("..", "docs", name))
		if err != nil {
			t.Skipf("docs not found: %v", err)
		}
		blocks := strings.Split(string(b), "```json\n")[1:]
		if len(blocks) == 0 {
			t.Fatalf("%s has no JSON example", name)
		}
		for i, blk := range blocks {
			js, _, _ := strings.Cut(blk, "```")
			if _, err := LoadConfig(strings.NewReader(js)); err != nil {
				t.Errorf("%s JSON block %d: %v", name, i+1, err)
			}
		}
	}
}
