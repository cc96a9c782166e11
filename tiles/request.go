package tiles

import (
	"strconv"
	"strings"

	"gasrisk"
	"gasrisk/geo"
)

// Format is a tile encoding.
type Format int

// Tile formats.
const (
	MVT Format = iota // Mapbox Vector Tile 2.1
	PNG               // raster, 256 px per scale unit
)

// String is the format's file extension.
func (f Format) String() string {
	if f == PNG {
		return "png"
	}
	return "mvt"
}

// ContentType is the format's media type.
func (f Format) ContentType() string {
	if f == PNG {
		return "image/png"
	}
	return "application/vnd.mapbox-vector-tile"
}

// Request names one tile: a layer, its address, format and (for PNG) the
// scale, 1 for 256 px and 2 for 512 px.
type Request struct {
	Layer  string
	Tile   geo.Tile
	Format Format
	Scale  int
}

// ParseRequest validates the parts of a tile URL /tiles/{layer}/{z}/{x}/{file}
// where file is {y}.mvt (or .pbf), {y}.png or {y}@2x.png. An unknown layer
// or file type is ENOTFOUND; a non-numeric or out-of-range coordinate is
// EINVALID.
func ParseRequest(layer, z, x, file string) (Request, error) {
	if !isLayer(layer) {
		return Request{}, gasrisk.Errorf(gasrisk.ENOTFOUND, "no tile layer %q", layer)
	}
	req := Request{Layer: layer, Scale: 1}
	y, ext, ok := strings.Cut(file, ".")
	switch {
	case !ok:
		return req, gasrisk.Errorf(gasrisk.ENOTFOUND, "tile %q has no format (.mvt or .png)", file)
	case ext == "mvt" || ext == "pbf":
		req.Format = MVT
	case ext == "png":
		req.Format = PNG
		if base, scale, ok := strings.Cut(y, "@"); ok {
			switch scale {
			case "1x":
			case "2x":
				req.Scale = 2
			default:
				return req, gasrisk.Errorf(gasrisk.EINVALID, "tile scale %q: use @2x or none", scale)
			}
			y = base
		}
	default:
		return req, gasrisk.Errorf(gasrisk.ENOTFOUND, "tile format %q: use .mvt or .png", ext)
	}
	var err error
	if req.Tile.Z, err = coord("z", z, geo.MaxTileZoom); err != nil {
		return req, err
	}
	last := 1<<req.Tile.Z - 1
	if req.Tile.X, err = coord("x", x, last); err != nil {
		return req, err
	}
	if req.Tile.Y, err = coord("y", y, last); err != nil {
		return req, err
	}
	return req, nil
}

// coord parses a decimal tile coordinate in 0…max.
func coord(name, s string, max int) (int, error) {
	if s == "" || len(s) > 9 || strings.TrimLeft(s, "0123456789") != "" {
		return 0, gasrisk.Errorf(gasrisk.EINVALID, "tile %s %q is not a non-negative integer", name, s)
	}
	v, err := strconv.Atoi(s)
	if err != nil || v > max {
		return 0, gasrisk.Errorf(gasrisk.EINVALID, "tile %s %s is out of range 0–%d", name, s, max)
	}
	return v, nil
}

// isLayer reports whether name is one of Layers(), without building them.
func isLayer(name string) bool {
	switch name {
	case "buildings", "districts", "field_records", "hazards", "pipes", "segments", "sewers", "stations":
		return true
	}
	return false
}
