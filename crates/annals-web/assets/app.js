// annals web page: a timeline (vague dates drawn as bands), a network of who acted on whom,
// and a reader. Everything comes from the JSON API of `annals serve`.
"use strict";

const $ = (s) => document.querySelector(s);
const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

let timeline = null;
let items = null;
let groups = null;
let network = null;

function params() {
  const p = new URLSearchParams();
  for (const [id, key] of [["f-type", "type"], ["f-actor", "actor"], ["f-from", "from"], ["f-to", "to"], ["f-q", "q"]]) {
    const v = $("#" + id).value.trim();
    if (v) p.set(key, v);
  }
  return p;
}

async function api(path) {
  const r = await fetch(path);
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

function showError(e) {
  $("#error").textContent = e ? String(e.message || e) : "";
}

// Marks spans [start, end) of `text` with <mark class=…>, spans given relative to the text.
function marked(text, spans) {
  const cuts = [];
  for (const [span, cls] of spans) if (span) cuts.push([span[0], span[1], cls]);
  cuts.sort((a, b) => a[0] - b[0]);
  let out = "", at = 0;
  const enc = new TextEncoder(), dec = new TextDecoder();
  const bytes = enc.encode(text);
  for (const [s, e, cls] of cuts) {
    if (s < at) continue;
    out += esc(dec.decode(bytes.slice(at, s))) + `<mark class="${cls}">` + esc(dec.decode(bytes.slice(s, e))) + "</mark>";
    at = e;
  }
  return out + esc(dec.decode(bytes.slice(at)));
}

async function loadTimeline() {
  showError(null);
  let events;
  try {
    events = await api("/api/events?" + params().toString());
  } catch (e) {
    showError(e);
    return;
  }
  const lanes = $("#f-lanes").value;
  const laneOf = (e) => (lanes === "type" ? e.type : (e.actors[0] || "(no actor)"));
  const laneNames = [...new Set(events.map(laneOf))].sort();
  groups = new vis.DataSet(laneNames.map((g) => ({ id: g, content: esc(g) })));
  items = new vis.DataSet(
    events.filter((e) => e.start).map((e) => {
      const label = `${e.type}: ${e.actors.slice(0, 2).join(", ")}`;
      const item = { id: e.id, group: laneOf(e), content: esc(label), title: esc(`${e.date} — ${e.summary}`), start: e.start };
      if (e.vague) {
        item.end = e.end;
        item.type = "range";
        item.className = "vague";
      } else {
        item.type = "point";
      }
      if (e.negated) item.className = (item.className || "") + " negated";
      return item;
    }),
  );
  const options = { stack: true, zoomable: true, maxHeight: "70vh", orientation: "top" };
  if (events.length > 1000) options.cluster = { maxItems: 5, titleTemplate: "{count} events" };
  if (timeline) {
    timeline.setGroups(groups);
    timeline.setItems(items);
    timeline.fit({ animation: false });
  } else {
    timeline = new vis.Timeline($("#timeline"), items, groups, options);
    timeline.on("select", (p) => { if (p.items.length && String(p.items[0]).startsWith("E")) showEvent(p.items[0]); });
  }
  // one page of the server's (10,000 events): say so when there may be more
  const capped = events.length >= 10000 ? " (the first 10,000; narrow the filters to see others)" : "";
  $("#count").textContent = `${items.length} events${capped}`;
  $("#count").dataset.n = items.length;
  return events;
}

async function showEvent(id) {
  let e;
  try {
    e = await api("/api/events/" + encodeURIComponent(id));
  } catch (err) {
    showError(err);
    return;
  }
  const who = e.targets.length ? `${e.actors.join(", ")} → ${e.targets.join(", ")}` : e.actors.join(", ");
  let html = `<h2>${esc(e.id)} · ${esc(e.type)}${e.negated ? " (did not happen)" : ""}</h2>`;
  html += `<p><b>${esc(e.date)}</b> [${esc(e.start)}, ${esc(e.end)})${e.vague ? " — vague date" : ""}</p>`;
  html += `<p>${esc(who)}</p>`;
  if (e.place) html += `<p>Place: ${esc(e.place)}</p>`;
  if (e.instrument) html += `<p>Under: ${esc(e.instrument)}</p>`;
  for (const c of e.claims) {
    const spans = [[c.date_span, "date"], [c.trigger_span, "trigger"], ...c.actor_spans.map((m) => [m.span, "entity"])];
    html += `<div class="claim"><p class="evidence">${marked(c.evidence, spans)}</p>`;
    html += `<p class="sources">${esc(c.doc)}, bytes ${c.evidence_start}–${c.evidence_end}; date from the ${esc(c.date_source)}; `;
    html += c.sources.length ? `sources: ${c.sources.map(esc).join("; ")}` : "source: the author";
    html += "</p></div>";
  }
  if (e.rivals.length) {
    html += `<h3>Rival claims</h3><div class="rivals"><div><b>${esc(e.date)}</b><br>${esc(e.summary)}</div>`;
    for (const r of e.rivals) html += `<div><b>${esc(r.date)}</b><br>${esc(r.summary)} <small>(${esc(r.doc)})</small></div>`;
    html += "</div>";
  }
  $("#details").innerHTML = html;
}

// cytoscape (440 kB) is fetched when the network view is first opened, not with the page
let cytoscapeLoading;
function needCytoscape() {
  if (typeof cytoscape !== "undefined") return Promise.resolve();
  cytoscapeLoading ||= new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = "/assets/vendor/cytoscape.min.js";
    s.onload = resolve;
    s.onerror = () => reject(new Error("could not load the network view's script"));
    document.head.appendChild(s);
  });
  return cytoscapeLoading;
}

async function loadNetwork() {
  await needCytoscape();
  const p = params();
  p.delete("actor");
  p.delete("q");
  let net;
  try {
    net = await api("/api/network?" + p.toString());
  } catch (e) {
    showError(e);
    return;
  }
  const elements = [
    ...net.nodes.map((n) => ({ data: { id: n.id, label: n.id, w: n.events, kind: n.kind || "" } })),
    ...net.edges.map((e, i) => ({ data: { id: "x" + i, source: e.source, target: e.target, w: e.events } })),
  ];
  if (network) network.destroy();
  network = cytoscape({
    container: $("#network"),
    elements,
    layout: { name: "cose", animate: false },
    style: [
      { selector: "node", style: { label: "data(label)", "font-size": 10, width: "mapData(w, 1, 100, 10, 60)", height: "mapData(w, 1, 100, 10, 60)", "background-color": "#4a78a8" } },
      { selector: 'node[kind = "person"]', style: { "background-color": "#a86a4a" } },
      { selector: "edge", style: { width: "mapData(w, 1, 20, 1, 8)", "curve-style": "bezier", "target-arrow-shape": "triangle", "line-color": "#bbb", "target-arrow-color": "#bbb" } },
    ],
  });
  $("#count").textContent = `${net.nodes.length} actors, ${net.edges.length} relations`;
}

async function loadReader() {
  const select = $("#doc-select");
  if (!select.options.length) {
    const docs = await api("/api/documents");
    for (const d of docs) select.add(new Option(d.name.split("/").pop(), d.id));
  }
  if (!select.value) return;
  // the server answers a page of the text at a time (256 KiB); a long document is read on
  // with "more", each page drawn with its own mentions and dates
  const reader = $("#reader");
  reader.innerHTML = "";
  let shown = { mentions: 0, timexes: 0 };
  const page = async (offset) => {
    const d = await api(`/api/documents/${select.value}?offset=${offset}`);
    const rel = (a, b) => [a - d.offset, b - d.offset];
    const spans = [
      ...d.mentions.map((m) => [rel(m.start, m.end), "entity"]),
      ...d.timexes.map((t) => [rel(t.start, t.end), "timex"]),
    ];
    const part = document.createElement("span");
    part.innerHTML = marked(d.text, spans);
    reader.querySelector("button.more")?.remove();
    reader.append(part);
    shown.mentions += d.mentions.length;
    shown.timexes += d.timexes.length;
    const of = d.next_offset == null ? "" : ` (${d.next_offset} of ${d.bytes} bytes)`;
    $("#count").textContent = `${shown.mentions} mentions, ${shown.timexes} dates${of}`;
    if (d.next_offset != null) {
      const more = document.createElement("button");
      more.className = "more";
      more.textContent = "more";
      more.addEventListener("click", () => page(d.next_offset).catch(showError));
      reader.append(more);
    }
  };
  await page(0);
}

function showView(name) {
  for (const b of document.querySelectorAll("nav button")) b.classList.toggle("active", b.dataset.view === name);
  for (const v of ["timeline", "network", "reader"]) $("#" + v + "-view").classList.toggle("hidden", v !== name);
  ({ timeline: loadTimeline, network: loadNetwork, reader: loadReader })[name]().catch(showError);
}

async function init() {
  for (const b of document.querySelectorAll("nav button")) b.addEventListener("click", () => showView(b.dataset.view));
  $("#filters").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const active = document.querySelector("nav button.active").dataset.view;
    showView(active);
  });
  $("#doc-select").addEventListener("change", () => loadReader().catch(showError));
  const events = await loadTimeline();
  // the type filter offers the types of the whole chronology (the first load is unfiltered)
  for (const t of [...new Set((events || []).map((e) => e.type))].sort()) $("#f-type").add(new Option(t, t));
  document.body.dataset.ready = "1";
}

init();
