// The topology check (issue 17) as a map layer: the findings of
// GET /api/v1/topology.geojson — dangling ends, islands no source feeds,
// pressure-class changes without a regulator, valves off the pipes — as
// points coloured by finding, fetched the first time its box in the layer
// switch is ticked (the check builds the network's graph).
import { esc, fmt } from "./panel.js";

// TOPOLOGY_ISSUES are the findings in the legend's order, with colours.
export const TOPOLOGY_ISSUES = ["class_change", "island", "dangle", "valve_off_pipe"];
export const TOPOLOGY_COLORS = { dangle: "#1f78b4", island: "#33a02c", class_change: "#e31a1c", valve_off_pipe: "#ff7f00" };

// topologyLayer is the MapLibre layer of source "topology".
export function topologyLayer() {
  return {
    id: "topology", type: "circle", source: "topology", layout: { visibility: "none" },
    paint: {
      "circle-radius": ["interpolate", ["linear"], ["zoom"], 10, 3, 16, 7],
      "circle-color": ["match", ["get", "issue"], ...TOPOLOGY_ISSUES.flatMap((k) => [k, TOPOLOGY_COLORS[k]]), "#666666"],
      "circle-stroke-color": "#ffffff", "circle-stroke-width": 1.5
    }
  };
}

// topologyLegend is the layer's legend: per finding its colour, name and
// count (when fetched).
export function topologyLegend(t, counts) {
  return TOPOLOGY_ISSUES.map((k) => `<tr data-issue="${k}"><td><span class="mark" style="background:${TOPOLOGY_COLORS[k]}"></span>` +
    `${esc(t("topo." + k))}</td><td class="num">${counts ? esc(counts[k] || 0) : ""}</td></tr>`).join("");
}

// startTopology adds the (empty, hidden) layer to map m and returns
// show(on): it fetches the findings once with getJSON, then shows or hides
// the layer; legend is the table the legend goes in, rendered again by
// render() in the page's language.
export function startTopology(m, { getJSON, t, legend }) {
  let counts = null;
  let error = "";
  let fetched = null;
  m.addSource("topology", { type: "geojson", data: { type: "FeatureCollection", features: [] } });
  m.addLayer(topologyLayer());
  const render = () => {
    legend.innerHTML = error ? `<tr><td class="error">${esc(fmt(t("topo.failed"), { msg: error }))}</td></tr>` : topologyLegend(t, counts);
  };
  const show = async (on) => {
    legend.hidden = !on;
    m.setLayoutProperty("topology", "visibility", on ? "visible" : "none");
    if (!on || fetched) return render();
    fetched = getJSON("/api/v1/topology.geojson").then((gj) => {
      counts = {};
      for (const f of gj.features) counts[f.properties.issue] = (counts[f.properties.issue] || 0) + 1;
      m.getSource("topology").setData(gj);
    }).catch((e) => { error = e.message; fetched = null; });
    render();
    await fetched;
    render();
  };
  return { show, render };
}
