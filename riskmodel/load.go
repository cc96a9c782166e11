package riskmodel

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// LoadConfig reads a model file (JSON in the shape of Config) over
// DefaultConfig: absent fields keep their defaults, objects merge key by key
// (a map entry given replaces that entry only), arrays replace the default
// wholesale. Unknown fields, trailing data and invalid values are errors.
//
// The deprecated keys likelihood.third_party_per_work and
// likelihood.third_party_max_works are read as evidence.permit_weight and
// evidence.permit_max_works (docs/risk-model.md §9).
func LoadConfig(r io.Reader) (Config, error) {
	c := DefaultConfig()
	raw, err := io.ReadAll(r)
	if err != nil {
		return Config{}, fmt.Errorf("model config: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return Config{}, fmt.Errorf("model config: %w", describeJSONError(err))
	}
	if err := dec.Decode(&struct{}{}); err != io.EOF {
		return Config{}, errors.New("model config: unexpected data after the JSON object")
	}
	if err := c.Validate(); err != nil {
		return Config{}, fmt.Errorf("model config: %w", err)
	}
	if err := c.movePermitKeys(raw); err != nil {
		return Config{}, fmt.Errorf("model config: %w", err)
	}
	return c, nil
}

// describeJSONError makes decoding errors name the offending field or
// position.
func describeJSONError(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Errorf("invalid JSON at byte %d: %v", syn.Offset, syn)
	case errors.As(err, &typ):
		return fmt.Errorf("field %q: cannot use JSON %s as %s", typ.Field, typ.Value, typ.Type)
	case errors.Is(err, io.EOF):
		return errors.New("empty file")
	}
	return err
}
