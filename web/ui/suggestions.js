// Where to put the next detectors (issue 20): the ranked suggestions of
// GET /api/v1/sensors/suggestions as their own layer — a dashed blue ring
// at each candidate crossing with its rank beside it (HTML labels: the
// page needs no glyph server) — shown or hidden by its box in the layer
// switch.
import * as maplibregl from "./vendor/maplibre-gl.mjs";
import { fmt } from "./panel.js";

// SUGGESTIONS is how many suggestions the layer asks for.
export const SUGGESTIONS = 20;

// SUGGESTION_COLOR is the rings' and labels' colour.
export const SUGGESTION_COLOR = "#2b83ba";

// suggestionsGeoJSON turns the API's candidates into points carrying
// their rank.
export function suggestionsGeoJSON(candidates) {
  return {
    type: "FeatureCollection",
    features: (candidates || []).map((c) => ({
      type: "Feature",
      geometry: { type: "Point", coordinates: [c.lon, c.lat] },
      properties: { rank: c.rank, score: c.score, grade: c.grade, pipe_id: c.pipe_id, sewer_id: c.sewer_id, sewer_kind: c.sewer_kind }
    }))
  };
}

// startSuggestions adds the suggestions' layer (source and layer
// "suggestions") and their rank labels to map m, shown when visible().
// getJSON fetches with the page's key.
export async function startSuggestions(m, { getJSON, visible, t }) {
  let res;
  try {
    res = await getJSON(`/api/v1/sensors/suggestions?count=${SUGGESTIONS}`);
  } catch (e) {
    return; // this server keeps no detectors' suggestions
  }
  const data = suggestionsGeoJSON(res.candidates);
  m.addSource("suggestions", { type: "geojson", data });
  m.addLayer({
    id: "suggestions", type: "circle", source: "suggestions",
    paint: {
      "circle-radius": 9, "circle-color": "rgba(43, 131, 186, 0.15)",
      "circle-stroke-color": SUGGESTION_COLOR, "circle-stroke-width": 2.5
    }
  });
  for (const f of data.features) {
    const el = document.createElement("div");
    el.className = "suggestion-label";
    el.dataset.rank = f.properties.rank;
    el.dataset.score = f.properties.score.toFixed(1);
    el.dataset.sewerKind = f.properties.sewer_kind;
    el.textContent = f.properties.rank;
    new maplibregl.Marker({ element: el, anchor: "left", offset: [10, 0] }).setLngLat(f.geometry.coordinates).addTo(m);
  }
  showSuggestions(m, visible());
  translateSuggestions(t);
}

// showSuggestions shows or hides the layer and its labels.
export function showSuggestions(m, on) {
  if (m.getLayer("suggestions")) m.setLayoutProperty("suggestions", "visibility", on ? "visible" : "none");
  document.querySelectorAll(".suggestion-label").forEach((el) => { el.hidden = !on; });
}

// translateSuggestions puts the labels' tooltips in the page's language.
export function translateSuggestions(t) {
  document.querySelectorAll(".suggestion-label").forEach((el) => {
    el.title = fmt(t("suggestion.title"), { rank: el.dataset.rank, score: el.dataset.score,
      sewer: t("sewer." + el.dataset.sewerKind) });
  });
}
