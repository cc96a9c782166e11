// The MapLibre style of the risk map: gasrisk's own context layers form the
// base map (no tiles from the internet), the segments on top in the four
// risk colours (the same palette as the raster tiles, tiles/style.go).

export const GRADES = ["red", "orange", "yellow", "blue"];
export const COLORS = { red: "#d7191c", orange: "#fdae61", yellow: "#ffd92f", blue: "#2c7bb6" };

// The hazards layer draws the ledger (data.HazardStates): a halo under the
// pipe in the colour of the hazard's state, a dot at a station in its
// grade's colour ringed in its state's. Open and overdue hazards stand out;
// those in rectification less; closed ones are faint (and filtered out by
// default, app.js).
export const STATES = ["open", "planned", "rectified", "rechecked", "closed"];
export const STATE_COLORS = { open: "#c51b7d", planned: "#e08214", rectified: "#5aae61", rechecked: "#1b7837", closed: "#9e9e9e" };
export const OVERDUE_COLOR = "#67001f";

// byState picks a value per state, overdue first.
const byState = (overdue, open, planned, rectified, rechecked, closed) => ["case", ["==", ["get", "overdue"], true], overdue,
  ["match", ["get", "state"], "open", open, "planned", planned, "rectified", rectified, "rechecked", rechecked, closed]];
const stateColor = byState(OVERDUE_COLOR, ...STATES.map((s) => STATE_COLORS[s]));

// The tile layers the page draws.
export const LAYERS = ["districts", "buildings", "sewers", "segments", "stations", "hazards", "field_records"];

// RECORD_COLORS are the symbols of the field records (from zoom 13): a dot
// per leak, patrol observation and CP reading in its record's colour,
// ringed red while a leak is unrepaired or a CP reading failed.
export const RECORD_COLORS = { leaks: "#7b3294", patrols: "#0571b0", cp_readings: "#1a9641" };

const gradeColor = (fallback) => ["match", ["get", "grade"],
  "red", COLORS.red, "orange", COLORS.orange, "yellow", COLORS.yellow, "blue", COLORS.blue, fallback];

// HAZARD_LAYERS draw the hazards tile layer; HAZARD_PICK are those a click
// picks from. Zoomed out (below MARKER_ZOOM) a hazard along a pipe is a
// small marker at the middle of its stretch (hazards-marker: a ring in its
// state's colour round a disc in its grade's, the most urgent kept where
// they crowd), so that the four risk colours of the segments stay
// readable; from MARKER_ZOOM its stretch is drawn as a halo.
export const HAZARD_LAYERS = ["hazards-line", "hazards-selected", "hazards-point", "hazards-marker"];
export const HAZARD_PICK = ["hazards-line", "hazards-point", "hazards-marker"];
export const MARKER_ZOOM = 14;

// markerImage is the name of the marker of a hazard in a state (or
// "overdue") and a grade; markerPixels draws it (size × size RGBA).
export const markerImage = ["concat", "hazard-",
  ["case", ["==", ["get", "overdue"], true], "overdue", ["get", "state"]], "-", ["get", "grade"]];
export function markerPixels(name, size) {
  const m = /^hazard-(\w+)-(\w+)$/.exec(name);
  if (!m) return null;
  const ring = m[1] === "overdue" ? OVERDUE_COLOR : STATE_COLORS[m[1]];
  const dot = COLORS[m[2]];
  if (!ring || !dot) return null;
  const c = new OffscreenCanvas(size, size);
  const g = c.getContext("2d");
  const r = size / 2;
  g.beginPath(); g.arc(r, r, r - 1, 0, 2 * Math.PI); g.fillStyle = ring; g.fill();
  g.beginPath(); g.arc(r, r, r * 0.62, 0, 2 * Math.PI); g.fillStyle = dot; g.fill();
  return g.getImageData(0, 0, size, size);
}

// LINES and POINTS tell the geometry types apart (Multi* included).
export const LINES = ["in", ["geometry-type"], ["literal", ["LineString", "MultiLineString"]]];
export const POINTS = ["in", ["geometry-type"], ["literal", ["Point", "MultiPoint"]]];

// byGrade picks a value per grade, red first.
const byGrade = (red, orange, yellow, blue) => ["match", ["get", "grade"],
  "red", red, "orange", orange, "yellow", yellow, blue];

// source turns a layer's TileJSON into a vector source.
function source(tj) {
  return { type: "vector", tiles: tj.tiles, minzoom: tj.minzoom, maxzoom: tj.maxzoom, bounds: tj.bounds };
}

// mapStyle is the style over the layers' TileJSON documents.
export function mapStyle(tilejson) {
  const sources = {};
  for (const l of LAYERS) sources[l] = source(tilejson[l]);
  return {
    version: 8,
    sources,
    layers: [
      { id: "background", type: "background", paint: { "background-color": "#eceae4" } },
      { id: "districts-fill", type: "fill", source: "districts", "source-layer": "districts",
        paint: { "fill-color": "#fbfaf7" } },
      { id: "sewers", type: "line", source: "sewers", "source-layer": "sewers", minzoom: 13,
        paint: { "line-color": "#9fb3c4", "line-width": ["interpolate", ["linear"], ["zoom"], 13, 0.5, 18, 2] } },
      { id: "buildings", type: "fill", source: "buildings", "source-layer": "buildings", minzoom: 14,
        paint: { "fill-color": "#d9d6cf", "fill-outline-color": "#bdb9b0" } },
      { id: "districts-line", type: "line", source: "districts", "source-layer": "districts",
        paint: { "line-color": "#8a8780", "line-width": ["interpolate", ["linear"], ["zoom"], 10, 1, 16, 2],
          "line-dasharray": [4, 2] } },
      { id: "hazards-line", type: "line", source: "hazards", "source-layer": "hazards", minzoom: MARKER_ZOOM,
        filter: LINES, layout: { visibility: "none", "line-cap": "round", "line-join": "round",
          "line-sort-key": byState(5, 4, 3, 2, 2, 1) }, // overdue and open on top
        paint: { "line-color": stateColor, "line-opacity": byState(0.8, 0.65, 0.5, 0.4, 0.4, 0.25),
          "line-width": ["interpolate", ["exponential", 1.5], ["zoom"],
            10, byState(9, 8, 6, 5, 5, 4), 14, byState(14, 12, 9, 8, 8, 6), 18, byState(30, 28, 22, 20, 20, 16)] } },
      { id: "hazards-selected", type: "line", source: "hazards", "source-layer": "hazards",
        filter: ["==", ["id"], -1], layout: { visibility: "none", "line-cap": "round", "line-join": "round" },
        paint: { "line-color": "#111111", "line-dasharray": [1, 1],
          "line-width": ["interpolate", ["exponential", 1.5], ["zoom"], 10, 3, 18, 8] } },
      { id: "segments-selected", type: "line", source: "segments", "source-layer": "segments",
        filter: ["==", ["get", "segment_id"], -1], layout: { "line-cap": "round", "line-join": "round" },
        paint: { "line-color": "#111111", "line-width": ["interpolate", ["exponential", 1.5], ["zoom"], 10, 7, 18, 22] } },
      { id: "segments", type: "line", source: "segments", "source-layer": "segments",
        layout: { "line-cap": "round", "line-join": "round",
          "line-sort-key": byGrade(3, 2, 1, 0) }, // red on top
        paint: {
          "line-color": gradeColor("#999999"),
          "line-width": ["interpolate", ["exponential", 1.5], ["zoom"],
            10, byGrade(4, 3, 1.5, 1), 14, byGrade(6, 5, 3, 2.5), 18, byGrade(14, 12, 10, 8)]
        } },
      { id: "hazards-point", type: "circle", source: "hazards", "source-layer": "hazards",
        filter: POINTS, layout: { visibility: "none", "circle-sort-key": byState(5, 4, 3, 2, 2, 1) },
        paint: { "circle-radius": ["interpolate", ["linear"], ["zoom"], 10, 4, 16, 9],
          "circle-color": gradeColor("#999999"), "circle-opacity": byState(1, 1, 0.85, 0.7, 0.7, 0.4),
          "circle-stroke-color": stateColor, "circle-stroke-width": ["interpolate", ["linear"], ["zoom"], 10, 2, 16, 4] } },
      { id: "hazards-marker", type: "symbol", source: "hazards", "source-layer": "hazards", maxzoom: MARKER_ZOOM,
        filter: LINES, layout: { visibility: "none", "symbol-placement": "line-center", "icon-image": markerImage,
          "icon-size": ["interpolate", ["linear"], ["zoom"], 10, 0.45, 13, 0.6, 14, 0.85], "icon-allow-overlap": false,
          "icon-padding": 1, "symbol-sort-key": byState(0, 1, 2, 3, 3, 4) } },
      { id: "field-records", type: "circle", source: "field_records", "source-layer": "field_records", minzoom: 13,
        paint: { "circle-radius": ["interpolate", ["linear"], ["zoom"], 13, 2.5, 16, 4.5, 18, 7],
          "circle-color": ["match", ["get", "record"], "leaks", RECORD_COLORS.leaks, "patrols", RECORD_COLORS.patrols,
            "cp_readings", RECORD_COLORS.cp_readings, "#999999"],
          "circle-stroke-color": ["case", ["==", ["get", "open"], true], COLORS.red, "#ffffff"],
          "circle-stroke-width": ["interpolate", ["linear"], ["zoom"], 13, 1, 18, 2.5] } },
      { id: "stations", type: "circle", source: "stations", "source-layer": "stations",
        paint: { "circle-radius": ["interpolate", ["linear"], ["zoom"], 10, 2.5, 14, 4, 18, 8],
          "circle-color": "#3d3d3d", "circle-stroke-width": ["interpolate", ["linear"], ["zoom"], 10, 1, 16, 2],
          "circle-stroke-color": ["case", ["!=", ["coalesce", ["get", "findings"], ""], ""], COLORS.red, "#ffffff"] } }
    ]
  };
}

// dataBounds is the extent to open the map on: the segments', else the
// districts' or stations' (an empty layer's TileJSON spans the world).
export function dataBounds(tilejson) {
  for (const l of ["segments", "districts", "stations"]) {
    const b = tilejson[l] && tilejson[l].bounds;
    if (b && b[2] - b[0] < 180) return [[b[0], b[1]], [b[2], b[3]]];
  }
  return null;
}
