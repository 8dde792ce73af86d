// annals web page: a timeline (vague dates drawn as bands), a network of who acted on whom,
// and a reader. Everything comes from the JSON API of `annals serve`.
"use strict";

const $ = (s) => document.querySelector(s);
const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

let timeline = null;
let items = null;
let groups = null;
let network = null;
// the page's live objects, for the browser tests and for a curious reader's console
window.annals = {};

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

const DAY = 86400000;

// The window the timeline opens on, and returns to after every filter: the bulk of the
// events' starts (their 2nd to 98th percentile), so that one outlier ("1943/1955", a misread
// year) does not squash the rest against an edge. The outliers stay reachable by scrolling,
// zooming out or "Fit all".
function bulkWindow(starts) {
  if (!starts.length) return null;
  const t = [...starts].sort((a, b) => a - b);
  const at = (f) => t[Math.round(f * (t.length - 1))];
  const lo = at(0.02), hi = at(0.98);
  const pad = Math.max((hi - lo) * 0.04, 20 * DAY);
  return { start: new Date(lo - pad), end: new Date(hi + pad) };
}

// An item's label: the type and its first actors; without an actor, the type and the
// summary's first words (never a bare "sign:").
function label(e) {
  const who = e.actors.slice(0, 2).join(", ");
  if (who) return `${e.type}: ${who}`;
  const words = String(e.summary || "").split(/\s+/).filter(Boolean);
  if (!words.length) return e.type;
  return `${e.type}: ${words.slice(0, 5).join(" ")}${words.length > 5 ? " …" : ""}`;
}

// A vague date longer than this ("the early 1950s", "1943/1955") is drawn as a band behind
// its lane's points rather than as a box that takes a row across the window.
const LONG_BAND = 365 * DAY;

function timelineItem(e, lane) {
  const item = { id: e.id, group: lane, content: esc(label(e)), title: esc(`${e.date} — ${e.summary}`), start: e.start };
  if (e.vague) {
    item.end = e.end;
    const long = Date.parse(e.end) - Date.parse(e.start) > LONG_BAND;
    item.type = long ? "background" : "range";
    item.className = long ? "vague long" : "vague";
  } else {
    item.type = "point";
  }
  if (e.negated) item.className = (item.className || "") + " negated";
  return item;
}

// Resolves after the timeline has drawn what it was just given: vis-timeline draws on a
// later frame, and says so with "changed" (the first drawing: `onInitialDrawComplete`).
function nextDrawing(tl) {
  return new Promise((resolve) => {
    const done = () => {
      tl.off("changed", done);
      requestAnimationFrame(() => resolve());
    };
    tl.on("changed", done);
  });
}

let bulk = null;

async function loadTimeline() {
  showError(null);
  let events;
  try {
    const query = params().toString();
    // the first, unfiltered load takes the answer index.html asked for while the scripts loaded
    const early = window.annalsFirstEvents;
    window.annalsFirstEvents = null;
    events = (early && !query && (await early)) || (await api("/api/events?" + query));
  } catch (e) {
    showError(e);
    return;
  }
  performance.mark("annals:events-fetched");
  const lanes = $("#f-lanes").value;
  const laneOf = (e) => (lanes === "type" ? e.type : (e.actors[0] || "(no actor)"));
  const dated = events.filter((e) => e.start);
  const laneNames = [...new Set(dated.map(laneOf))].sort();
  groups = new vis.DataSet(laneNames.map((g) => ({ id: g, content: esc(g) })));
  items = new vis.DataSet(dated.map((e) => timelineItem(e, laneOf(e))));
  bulk = bulkWindow(dated.map((e) => Date.parse(e.start)));
  if (timeline) {
    const drawing = nextDrawing(timeline);
    timeline.setGroups(groups);
    timeline.setItems(items);
    if (bulk) timeline.setWindow(bulk.start, bulk.end, { animation: false });
    await drawing;
  } else {
    const options = {
      stack: true,
      zoomable: true,
      maxHeight: "70vh",
      // the lane labels scroll with the rows (without it a click that scrolls the rows
      // into view leaves the labels beside the wrong rows)
      verticalScroll: true,
      orientation: "top",
    };
    if (events.length > 1000) options.cluster = { maxItems: 5, titleTemplate: "{count} events" };
    // Created empty and then given its window and its items: created with `start`/`end`,
    // vis-timeline waits about a second before its first drawing; created with the items,
    // it first draws all of them at the fit-all scale (and leaves some stale when the
    // window then narrows).
    const box = $("#timeline");
    box.style.visibility = "hidden";
    await new Promise((resolve) => {
      options.onInitialDrawComplete = resolve;
      timeline = new vis.Timeline(box, new vis.DataSet(), options);
    });
    performance.mark("annals:timeline-created");
    const drawing = nextDrawing(timeline);
    timeline.setGroups(groups);
    timeline.setItems(items);
    if (bulk) timeline.setWindow(bulk.start, bulk.end, { animation: false });
    await drawing;
    performance.mark("annals:items-drawn");
    box.style.visibility = "";
    timeline.on("select", (p) => { if (p.items.length && String(p.items[0]).startsWith("E")) showEvent(p.items[0]); });
    timeline.on("click", clickBand);
    keepLanesAligned(box);
    window.annals.timeline = timeline;
  }
  window.annals.items = items;
  // one page of the server's (10,000 events): say so when there may be more
  const capped = events.length >= 10000 ? " (the first 10,000; narrow the filters to see others)" : "";
  $("#count").textContent = `${items.length} events${capped}`;
  $("#count").dataset.n = items.length;
  return events;
}

// vis-timeline scrolls its rows itself and its lane labels with them, but the browser can
// scroll the rows' panel natively too (bringing a clicked or focused item into view), and
// then the labels stay put beside the wrong rows. A native scroll of the rows is handed to
// the labels' panel, whose scroll vis-timeline follows with the rows.
function keepLanesAligned(box) {
  const rows = box.querySelector(".vis-panel.vis-center");
  const labels = box.querySelector(".vis-panel.vis-left");
  if (!rows || !labels) return;
  rows.addEventListener("scroll", () => {
    const d = rows.scrollTop;
    if (!d) return;
    rows.scrollTop = 0;
    labels.scrollTop += d;
  });
}

// Bands are backgrounds, which vis-timeline does not select: a click on one shows the
// shortest band of that lane under the pointer.
function clickBand(p) {
  if (p.what !== "background" || p.group == null || !p.time) return;
  const t = p.time.valueOf();
  const hit = items
    .get({ filter: (i) => i.type === "background" && i.group === p.group && Date.parse(i.start) <= t && t < Date.parse(i.end) })
    .sort((a, b) => (Date.parse(a.end) - Date.parse(a.start)) - (Date.parse(b.end) - Date.parse(b.start)))[0];
  if (hit) showEvent(hit.id);
}

function fitAll() {
  if (timeline) timeline.fit({ animation: false });
}

function fitBulk() {
  if (timeline && bulk) timeline.setWindow(bulk.start, bulk.end, { animation: false });
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

// cytoscape and its fcose layout are fetched when the network view is first opened, not
// with the page
let cytoscapeLoading;
function script(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error("could not load the network view's script " + src));
    document.head.appendChild(s);
  });
}
function needCytoscape() {
  cytoscapeLoading ||= (async () => {
    await script("/assets/vendor/cytoscape.min.js");
    await script("/assets/vendor/cytoscape-fcose.js");
    cytoscape.use(cytoscapeFcose);
  })();
  return cytoscapeLoading;
}

async function loadNetwork() {
  await needCytoscape();
  showError(null);
  let net;
  try {
    net = await api("/api/network?" + params().toString());
  } catch (e) {
    showError(e);
    return;
  }
  const maxW = Math.max(1, ...net.nodes.map((n) => n.events));
  const maxE = Math.max(1, ...net.edges.map((e) => e.events));
  const elements = [
    ...net.nodes.map((n) => ({ data: { id: n.id, label: n.id, w: n.events, kind: n.kind || "" } })),
    ...net.edges.map((e, i) => ({ data: { id: "x" + i, source: e.source, target: e.target, w: e.events } })),
  ];
  if (network) network.destroy();
  network = cytoscape({
    container: $("#network"),
    elements,
    // node size and label size by events, edge width by events; a label is drawn only when
    // it is at least 7 px on screen, so the busiest actors are named first and the others
    // appear as one zooms in
    style: [
      {
        selector: "node",
        style: {
          label: "data(label)",
          width: `mapData(w, 1, ${maxW}, 8, 56)`,
          height: `mapData(w, 1, ${maxW}, 8, 56)`,
          "font-size": `mapData(w, 1, ${maxW}, 10, 22)`,
          "min-zoomed-font-size": MIN_LABEL_PX,
          "text-valign": "bottom",
          "text-margin-y": 2,
          "text-background-color": "#fff",
          "text-background-opacity": 0.7,
          "background-color": "#4a78a8",
        },
      },
      { selector: 'node[kind = "person"]', style: { "background-color": "#a86a4a" } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#222" } },
      {
        selector: "edge",
        style: {
          width: `mapData(w, 1, ${maxE}, 1, 9)`,
          "curve-style": "bezier",
          "target-arrow-shape": "triangle",
          "line-color": "#bbb",
          "target-arrow-color": "#bbb",
          opacity: 0.8,
        },
      },
    ],
  });
  layOut(network);
  network.on("tap", "node", (ev) => showActorEvents(ev.target.id()).catch(showError));
  window.annals.network = network;
  $("#count").textContent = `${net.nodes.length} actors, ${net.edges.length} relations`;
  $("#count").dataset.n = net.nodes.length;
}

// fcose with the labels counted in each node's size, then a pass that moves apart the nodes
// whose boxes (labels included) still overlap; nodes without a relation to another are set
// aside in a column at the right. fcose draws random numbers: a seeded generator makes the
// same network come out the same way every time.
function layOut(cy) {
  const alone = cy.nodes().filter((n) => n.connectedEdges().filter((e) => e.source().id() !== e.target().id()).empty());
  const linked = cy.elements().difference(alone);
  if (linked.nonempty()) {
    seeded(1956, () =>
      linked.layout({
        name: "fcose",
        quality: "default",
        randomize: true,
        animate: false,
        nodeDimensionsIncludeLabels: true,
        packComponents: true,
        // busier actors push harder: without it the few large nodes (a state and its
        // leaders) end up on top of one another
        nodeRepulsion: (n) => 50000 + 5000 * n.data("w"),
        idealEdgeLength: () => 200,
        nodeSeparation: 150,
        fit: false,
      }).run());
    separate(linked.nodes());
  }
  const box = linked.nonempty() ? linked.boundingBox() : { x2: 0, y1: 0 };
  alone.forEach((n, i) => n.position({ x: box.x2 + 120 + 160 * Math.floor(i / 20), y: box.y1 + 30 * (i % 20) }));
  cy.fit(undefined, 20);
  // in a large network not every overlap can go; those of the labels drawn at this zoom
  // (the busier actors') must
  for (let pass = 0; pass < 3; pass++) {
    const shown = linked.nodes().filter((n) => parseFloat(n.style("font-size")) * cy.zoom() >= MIN_LABEL_PX);
    if (!separate(shown)) break;
    cy.fit(undefined, 20);
  }
}

// Labels smaller than this on screen are not drawn (cytoscape's min-zoomed-font-size).
const MIN_LABEL_PX = 8;

// Runs `f` with Math.random replaced by a seeded generator (mulberry32).
function seeded(seed, f) {
  const random = Math.random;
  let a = seed;
  Math.random = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  try {
    return f();
  } finally {
    Math.random = random;
  }
}

// Moves apart, a little at a time, every two nodes whose boxes (node and label) overlap:
// each goes half the way out, along the axis where the overlap is smaller. Stops when none
// overlap (or after 100 rounds). Returns whether it moved any.
function separate(nodes) {
  const list = nodes.toArray();
  const boxOf = (n) => n.boundingBox({ includeLabels: true, includeNodes: true });
  let any = false;
  for (let round = 0; round < 100; round++) {
    const boxes = list.map(boxOf);
    let moved = false;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = boxes[i], b = boxes[j];
        const dx = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
        const dy = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
        if (dx <= 0 || dy <= 0) continue;
        // a goes toward its side of b, b toward the other
        const horizontal = dx < dy;
        const side = horizontal ? Math.sign(a.x1 + a.x2 - b.x1 - b.x2) || 1 : Math.sign(a.y1 + a.y2 - b.y1 - b.y2) || 1;
        const step = (horizontal ? dx : dy) / 2 + 2;
        for (const [k, dir] of [[i, side], [j, -side]]) {
          const p = list[k].position();
          list[k].position(horizontal ? { x: p.x + dir * step, y: p.y } : { x: p.x, y: p.y + dir * step });
          boxes[k] = boxOf(list[k]);
        }
        moved = any = true;
      }
    }
    if (!moved) return any;
  }
  return any;
}

// A node's events (with the page's other filters) listed in the evidence panel.
async function showActorEvents(name) {
  const p = params();
  p.set("actor", name);
  p.set("limit", "200");
  const events = await api("/api/events?" + p.toString());
  let html = `<h2>${esc(name)}</h2><p>${events.length}${events.length === 200 ? "+" : ""} events</p><ul class="actor-events">`;
  for (const e of events) html += `<li><a href="#" data-event="${esc(e.id)}">${esc(e.date)} · ${esc(label(e))}</a></li>`;
  $("#details").innerHTML = html + "</ul>";
  for (const a of document.querySelectorAll("#details a[data-event]")) {
    a.addEventListener("click", (ev) => {
      ev.preventDefault();
      showEvent(a.dataset.event);
    });
  }
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
  $("#fit-all").addEventListener("click", fitAll);
  $("#fit-bulk").addEventListener("click", fitBulk);
  const events = await loadTimeline();
  // the type filter offers the types of the whole chronology (the first load is unfiltered)
  for (const t of [...new Set((events || []).map((e) => e.type))].sort()) $("#f-type").add(new Option(t, t));
  document.body.dataset.ready = "1";
}

init();
