// Current grades or a scenario's (issue 18, docs/risk-model.md §11): the
// segments can be drawn from a what-if run of gasrisk analyze --scenario
// instead of the current run. The selector lists GET /api/v1/scenarios;
// choosing one points the segments' tiles at ?scenario=NAME.
import { esc, fmt } from "./panel.js";

// scenarios is what the server listed and which one the map shows ("" is
// the current run).
export const scenarios = { list: [], shown: "" };

// withScenario adds ?scenario=NAME to tile URLs (none for the current run).
export function withScenario(urls, name) {
  if (!name) return urls;
  return urls.map((u) => u + (u.includes("?") ? "&" : "?") + "scenario=" + encodeURIComponent(name));
}

// segmentURL is the segment API's URL of segment id of the map's run: a
// scenario's segment with ?scenario=NAME (its ids are the scenario's).
export function segmentURL(id) {
  const u = "/api/v1/segments/" + encodeURIComponent(id);
  return scenarios.shown ? u + "?scenario=" + encodeURIComponent(scenarios.shown) : u;
}

// scenarioOptions is the selector's options in the page's language.
export function scenarioOptions(t) {
  const opt = (v, label) => `<option value="${esc(v)}"${v === scenarios.shown ? " selected" : ""}>${esc(label)}</option>`;
  return opt("", t("scenarioCurrent")) + scenarios.list.map((s) =>
    opt(s.name, fmt(t(s.plan ? "scenarioOfPlan" : "scenarioOption"), { name: s.name, plan: s.plan, asOf: s.as_of }))).join("");
}

// startScenarios lists the scenarios and, when there are any, shows the
// selector; choosing one redraws map m's segments from tiles (the current
// run's tile URLs) and calls onChange.
export async function startScenarios(m, tiles, { getJSON, onChange }) {
  let r;
  try {
    r = await getJSON("/api/v1/scenarios");
  } catch (e) {
    return; // this server keeps no plans or scenarios
  }
  scenarios.list = r.scenarios || [];
  const sel = document.getElementById("scenario");
  document.getElementById("scenarios").hidden = scenarios.list.length === 0;
  sel.onchange = () => {
    scenarios.shown = sel.value;
    // onChange closes the panel: a selected segment's filter changes, and
    // MapLibre re-parses the segments' tiles it holds. The new tiles are
    // asked for once that is done: a re-parse of the old run's tiles that
    // ended after the new tiles came would draw the old run again.
    onChange();
    m.once("idle", () => m.getSource("segments").setTiles(withScenario(tiles, scenarios.shown)));
    m.triggerRepaint();
  };
  onChange();
}
