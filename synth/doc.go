// Package synth generates a deterministic synthetic city gas network — the
// districts, gas pipes, sewers and water mains, buildings, dense-occupancy
// places, stations, leak detectors, valves and customers of an imaginary
// city — at any scale,
// as GeoJSON or CSV-with-WKT files that the gasrisk importer reads.
//
// The city is laid out in a local metric plane (metres east and north of the
// centre) and projected to EPSG:4326 with a local equirectangular projection.
// Every random choice comes from a PCG stream keyed by the seed and by the
// entity it decides (a grid node, a street edge, a block), so the output of
// one Config is byte-identical on every run and the city can be generated
// row by row in bounded memory.
package synth
