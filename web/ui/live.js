// Live detectors on the map (issue 20): each detector a dot in the colour
// of its status, kept current by the server's event stream
// (/api/v1/sensors/stream; polled instead when the page sends a key, which
// an EventSource cannot), and on a click a popup with its latest reading,
// the readings of the last 24 hours as a chart and its alarms.
import * as maplibregl from "./vendor/maplibre-gl.mjs";
import { esc } from "./panel.js";

export const SENSOR_COLORS = { ok: "#1a9850", alarm: "#d7191c", silent: "#737373", no_data: "#ffffff" };

// live is what the stream last said: {sensors, alarms, at}.
export const live = { state: null };

function toGeoJSON(st) {
  const open = new Map();
  for (const a of st.alarms || []) open.set(a.sensor_id, (open.get(a.sensor_id) || 0) + 1);
  return {
    type: "FeatureCollection",
    features: (st.sensors || []).map((s) => ({
      type: "Feature",
      geometry: { type: "Point", coordinates: [s.lon, s.lat] },
      properties: { id: s.id, kind: s.kind, status: s.status, alarms: open.get(s.id) || 0 }
    }))
  };
}

// startLive adds the detectors' layer to map m and keeps it current.
// getJSON fetches with the page's key; keyed tells whether it sends one.
export async function startLive(m, { getJSON, keyed, onChange }) {
  let first;
  try {
    first = await getJSON("/api/v1/sensors");
  } catch (e) {
    return; // this server keeps no live detectors
  }
  m.addSource("sensors", { type: "geojson", data: toGeoJSON({ sensors: first.sensors }) });
  m.addLayer({
    id: "sensors", type: "circle", source: "sensors",
    paint: {
      "circle-radius": ["case", ["==", ["get", "status"], "alarm"], 7, 4.5],
      "circle-color": ["match", ["get", "status"], "ok", SENSOR_COLORS.ok, "alarm", SENSOR_COLORS.alarm,
        "silent", SENSOR_COLORS.silent, SENSOR_COLORS.no_data],
      "circle-stroke-color": "#222", "circle-stroke-width": 1
    }
  });
  const apply = (st) => {
    live.state = st;
    m.getSource("sensors").setData(toGeoJSON(st));
    if (onChange) onChange(st);
  };
  if (keyed()) {
    const poll = async () => {
      try {
        const [s, a] = await Promise.all([getJSON("/api/v1/sensors"), getJSON("/api/v1/alarms?state=open&limit=5000")]);
        apply({ sensors: s.sensors, alarms: a.alarms, at: new Date().toISOString() });
      } catch (e) { /* the next poll tries again */ }
    };
    poll();
    setInterval(poll, 10000);
    return;
  }
  const es = new EventSource("/api/v1/sensors/stream");
  es.addEventListener("sensors", (e) => apply(JSON.parse(e.data)));
}

// pickSensor is the id of the detector drawn at point p, if any.
export function pickSensor(m, p) {
  if (!m.getLayer("sensors")) return null;
  const fs = m.queryRenderedFeatures([[p.x - 4, p.y - 4], [p.x + 4, p.y + 4]], { layers: ["sensors"] });
  return fs.length ? { id: fs[0].properties.id, lngLat: fs[0].geometry.coordinates } : null;
}

// chart draws readings as an SVG line, with the time axis of the last 24 h.
function chart(readings, t) {
  if (!readings.length) return `<p class="muted">${esc(t("sensor.noReadings"))}</p>`;
  const w = 260, h = 80;
  const t1 = Date.now(), t0 = t1 - 24 * 3600e3;
  const vs = readings.map((r) => r.value);
  const lo = Math.min(0, ...vs), hi = Math.max(...vs, lo + 1);
  const pts = readings.map((r) => {
    const x = ((Date.parse(r.at) - t0) / (t1 - t0)) * w;
    const y = h - ((r.value - lo) / (hi - lo)) * h;
    return `${x.toFixed(1)},${y.toFixed(1)}`;
  }).join(" ");
  return `<svg class="sensor-chart" width="${w}" height="${h + 14}" viewBox="0 0 ${w} ${h + 14}">` +
    `<polyline fill="none" stroke="#2c7bb6" stroke-width="1.5" points="${pts}"/>` +
    `<text x="0" y="${h + 12}" font-size="10">-24h</text><text x="${w - 24}" y="${h + 12}" font-size="10">${esc(t("sensor.now"))}</text>` +
    `<text x="2" y="10" font-size="10">${hi.toFixed(1)} ${esc(readings[0].unit)}</text></svg>`;
}

// showSensor opens the popup of detector id at lngLat.
export async function showSensor(m, { id, lngLat }, { t, lang, getJSON }) {
  const popup = new maplibregl.Popup({ maxWidth: "320px", className: "sensor-popup" }).setLngLat(lngLat)
    .setHTML(`<b>${esc(id)}</b>`).addTo(m);
  try {
    const [r, a] = await Promise.all([getJSON(`/api/v1/sensors/${encodeURIComponent(id)}/readings`),
      getJSON(`/api/v1/alarms?sensor_id=${encodeURIComponent(id)}&limit=20`)]);
    const s = (live.state?.sensors || []).find((x) => x.id === id) || {};
    const last = s.last_value != null ? `${s.last_value} ${esc(s.unit)}` : "—";
    const alarms = a.alarms.length ? a.alarms.map((x) => `<li data-alarm="${x.id}">${esc(x.code)} · ` +
      `${esc(lang === "zh" ? x.level_name_zh : x.level_name)} · ${esc(t("alarmState." + x.state))} · ${esc(x.first_at.slice(0, 16).replace("T", " "))}</li>`).join("")
      : `<li class="muted">${esc(t("sensor.noAlarms"))}</li>`;
    popup.setHTML(`<div class="sensor" data-sensor="${esc(id)}"><b>${esc(t("sensor.kind." + s.kind))} ${esc(id)}</b>` +
      `<p>${esc(t("sensor.status"))}: <span class="status">${esc(t("sensor.status." + (s.status || "no_data")))}</span> · ` +
      `${esc(t("sensor.last"))}: ${last}</p>` +
      `<p class="muted">${esc(t("sensor.readings24h"))}</p>${chart(r.readings, t)}` +
      `<p class="muted">${esc(t("sensor.alarms"))}</p><ul class="alarms">${alarms}</ul></div>`);
  } catch (e) {
    popup.setHTML(`<p class="error">${esc(e.message)}</p>`);
  }
}
