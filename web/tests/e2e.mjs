// End-to-end tests of `annals serve` in a real browser: Debian's chromium driven by
// playwright-core, against servers this test starts on loopback ports.
//
// Run: node --test web/tests/  (from the repository root, after `cargo build --release`)
// Env: ANNALS_BIN (default target/release/annals), CHROMIUM (default /usr/bin/chromium).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import Graph from "graphology";
import gexf from "graphology-gexf";

const ROOT = resolve(import.meta.dirname, "../..");
const BIN = process.env.ANNALS_BIN || join(ROOT, "target/release/annals");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const DAY = 86400000;
const work = mkdtempSync(join(tmpdir(), "annals-e2e-"));
const servers = [];
let browser;

function build(db, inputs) {
  execFileSync(BIN, ["build", ...inputs, "--db", db], { stdio: ["ignore", "ignore", "pipe"] });
}

// Starts `annals serve` on a free loopback port; resolves with its base URL.
function serve(db) {
  return new Promise((ok, fail) => {
    const p = spawn(BIN, ["serve", "--db", db, "--addr", "127.0.0.1:0"], { stdio: ["ignore", "ignore", "pipe"] });
    servers.push(p);
    let err = "";
    const timer = setTimeout(() => fail(new Error("server did not start: " + err)), 10000);
    p.stderr.on("data", (d) => {
      err += d;
      const m = /on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(err);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    p.on("exit", (code) => fail(new Error(`server exited ${code}: ${err}`)));
  });
}

// Opens the page and waits until it says it is ready; `problems` collects console errors,
// uncaught exceptions and every answer of 400 or more (a missing favicon included).
async function open(url) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`exception: ${e}`));
  page.on("response", (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`); });
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForSelector("body[data-ready='1']", { timeout: 30000 });
  return { page, ms: Date.now() - t0, problems };
}

// The timeline's visible window, in ms since the epoch.
async function windowOf(page) {
  return page.evaluate(() => {
    const w = window.annals.timeline.getWindow();
    return { start: w.start.valueOf(), end: w.end.valueOf() };
  });
}

// The 2nd and 98th percentiles of the events' starts, as the page computes its bulk.
function bulkOf(events) {
  const t = events.filter((e) => e.start).map((e) => Date.parse(e.start)).sort((a, b) => a - b);
  const at = (f) => t[Math.round(f * (t.length - 1))];
  return { lo: at(0.02), hi: at(0.98), min: t[0], max: t[t.length - 1] };
}

// Submits the filter form and waits until the page has drawn the new answer.
async function apply(page) {
  await page.evaluate(() => { document.querySelector("#count").dataset.n = "-1"; });
  await page.click("#filters button[type=submit]");
  await page.waitForFunction(() => document.querySelector("#count").dataset.n !== "-1", null, { timeout: 15000 });
}

async function count(page) {
  return Number(await page.getAttribute("#count", "data-n"));
}

// Opens the network view and waits until it is drawn.
async function showNetwork(page) {
  await page.click("nav button[data-view=network]");
  await page.waitForFunction(() => /actors/.test(document.querySelector("#count").textContent), null, { timeout: 15000 });
}

// How many pairs of the `k` busiest actors of the network overlap, node and label boxes
// (`Infinity`: all of them).
function overlappingLabels(page, k) {
  return page.evaluate((k) => {
    const cy = window.annals.network;
    const top = cy.nodes().sort((a, b) => b.data("w") - a.data("w")).slice(0, k);
    const boxes = top.map((n) => n.renderedBoundingBox({ includeNodes: true, includeLabels: true }));
    let n = 0;
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) n++;
      }
    return n;
  }, k);
}

let corpusUrl, bigUrl, bandsUrl, crowdUrl;

before(async () => {
  assert.ok(existsSync(BIN), `no annals binary at ${BIN}; run cargo build --release`);
  const corpus = join(work, "corpus.db");
  build(corpus, [join(ROOT, "examples/frus")]);
  // 10,000 events: one dated protest a day
  const lines = [];
  const d0 = Date.UTC(1950, 0, 1);
  const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  for (let i = 0; i < 10000; i++) {
    const d = new Date(d0 + i * 86400000);
    lines.push(`On ${months[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}, Japan protested to the Soviet Union.`);
  }
  const big = join(work, "big.txt");
  writeFileSync(big, "Ten thousand protests\n\n" + lines.join("\n\n") + "\n");
  const bigDb = join(work, "big.db");
  build(bigDb, [big]);
  // long vague dates among points, in one lane (all protests), and an outlier
  const bands = join(work, "bands.txt");
  writeFileSync(
    bands,
    "Protests\n\nBetween 1950 and 1953, Japan protested to the Soviet Union about the fisheries.\n\n" +
      "On March 3, 1951, Japan protested to the Soviet Union.\n\nOn June 9, 1952, Japan protested to the Soviet Union.\n\n" +
      "On October 2, 1952, Japan protested to the Soviet Union.\n\nOn April 4, 1953, Japan protested to the Soviet Union.\n\n" +
      "On May 5, 1953, Japan protested to the Soviet Union.\n",
  );
  const bandsDb = join(work, "bands.db");
  build(bandsDb, [bands]);
  // a network of ~200 actors: protests between people named by title, a few busy ones
  const syl = ["ka", "to", "mi", "ra", "no", "be", "lu", "sa", "vi", "do", "ze", "ro", "ta", "ni", "go", "pe", "li", "mo", "ha", "ku"];
  let seed = 7; // mulberry32
  const rnd = (n) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
  const cap = (w) => w[0].toUpperCase() + w.slice(1);
  const people = new Set();
  while (people.size < 200) people.add(`${cap(syl[rnd(20)] + syl[rnd(20)])} ${cap(syl[rnd(20)] + syl[rnd(20)] + syl[rnd(20)])}`);
  const who = [...people];
  const protests = [];
  for (let i = 0; i < 600; i++) {
    const a = who[rnd(3) ? rnd(40) : rnd(200)], b = who[rnd(200)];
    if (a !== b) protests.push(`On ${months[i % 12]} ${1 + (i % 28)}, ${1950 + Math.floor(i / 12)}, Ambassador ${a} protested to Ambassador ${b}.`);
  }
  const crowd = join(work, "crowd.txt");
  writeFileSync(crowd, "Protests\n\n" + protests.join("\n\n") + "\n");
  const crowdDb = join(work, "crowd.db");
  build(crowdDb, [crowd]);
  corpusUrl = await serve(corpus);
  bigUrl = await serve(bigDb);
  bandsUrl = await serve(bandsDb);
  crowdUrl = await serve(crowdDb);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  if (browser) await browser.close();
  for (const s of servers) s.kill();
});

test("the timeline shows every event of the bundled corpus, and is ready in under a second", async () => {
  const api = await (await fetch(corpusUrl + "api/events")).json();
  // the browser's first page pays for starting its renderer and compiling the scripts,
  // which depends on the machine more than on the page: warm it, then take the best of
  // three loads (a shared 2-core machine adds hundreds of milliseconds of noise to any one)
  const warm = await open(corpusUrl);
  await warm.page.close();
  let best;
  for (let i = 0; i < 3; i++) {
    const load = await open(corpusUrl);
    if (!best || load.ms < best.ms) {
      if (best) await best.page.close();
      best = load;
    } else {
      await load.page.close();
    }
  }
  const { page, ms } = best;
  assert.equal(await count(page), api.length);
  assert.ok(api.length > 300);
  const drawn = await page.locator(".vis-item").count();
  assert.ok(drawn > 0, "items are drawn");
  console.log(`bundled corpus (${api.length} events): page ready in ${ms} ms`);
  // the first-run bar is ready (drawn on the bulk of the dates) in under a second on an idle
  // 2-core machine (about 0.55 s there); a shared CI machine runs this 1.5 times slower, so
  // the test fails at 1.5 s: it guards against a regression (a second drawing, a fit that
  // waits for a timer), the number printed above is the measurement
  assert.ok(ms < 1500, `page ready in ${ms} ms`);
  // vague dates are bands
  assert.ok((await page.locator(".vis-item.vague.vis-range").count()) > 0);
  await page.close();
});

test("clicking an event shows its evidence and sources", async () => {
  const { page } = await open(corpusUrl);
  await page.locator(".vis-item.vis-point, .vis-item.vis-range").first().click();
  await page.waitForSelector("#details .evidence", { timeout: 10000 });
  const text = await page.textContent("#details .evidence");
  assert.ok(text.trim().length > 10, text);
  assert.ok((await page.textContent("#details .sources")).includes("bytes"));
  // the date, the trigger or an actor is marked in the evidence
  assert.ok((await page.locator("#details .evidence mark").count()) > 0);
  await page.close();
});

test("a filter narrows the list", async () => {
  const { page } = await open(corpusUrl);
  const all = await count(page);
  // a type the corpus has, not its commonest (the options list the types present)
  const types = await page.$$eval("#f-type option", (os) => os.map((o) => o.value).filter((v) => v && v !== "statement"));
  assert.ok(types.length > 0, "the type filter lists the corpus's types");
  const type = types.includes("agree") ? "agree" : types[0];
  await page.selectOption("#f-type", type);
  await page.click("#filters button[type=submit]");
  await page.waitForFunction((n) => Number(document.querySelector("#count").dataset.n) < n, all, { timeout: 10000 });
  const some = await count(page);
  const api = await (await fetch(corpusUrl + "api/events?type=" + type)).json();
  assert.equal(some, api.length);
  assert.ok(some > 0 && some < all);
  await page.close();
});

test("the network and the reader render", async () => {
  const { page } = await open(corpusUrl);
  await showNetwork(page);
  await page.click("nav button[data-view=reader]");
  await page.waitForSelector("#reader mark.timex", { timeout: 10000 });
  await page.close();
});

test("the page opens on the bulk of the events, and says it is ready only when it is drawn so", async () => {
  const api = await (await fetch(corpusUrl + "api/events")).json();
  const { page, problems } = await open(corpusUrl);
  const { lo, hi, min, max } = bulkOf(api);
  const w = await windowOf(page);
  // the window holds the 2nd-98th percentile of the starts, not much more: the outliers
  // (1945, 1957) are outside it (and "Fit all" reaches them)
  assert.ok(w.start <= lo && w.end >= hi, `window ${new Date(w.start).toISOString()} – ${new Date(w.end).toISOString()}`);
  assert.ok(w.end - w.start < (hi - lo) * 1.2 + 60 * DAY, "the window is the bulk, not every event");
  assert.ok(w.start > min || w.end < max, "this corpus has outliers beyond the bulk");
  // what is drawn at "ready" is that window: the axis names its years, not today's
  const axis = await page.textContent(".vis-time-axis.vis-foreground");
  assert.match(axis, /195[456]/);
  assert.doesNotMatch(axis, new RegExp(String(new Date().getFullYear())));
  // vis-timeline draws only the rows in view; those it drew stand inside the rows' panel
  const drawn = await page.evaluate(() => {
    const panel = document.querySelector(".vis-panel.vis-center").getBoundingClientRect();
    const dots = [...document.querySelectorAll(".vis-item.vis-dot")].map((d) => d.getBoundingClientRect());
    return { n: dots.length, outside: dots.filter((d) => d.right < panel.left || d.left > panel.right).length };
  });
  assert.ok(drawn.n > 20, `${drawn.n} points drawn`);
  assert.equal(drawn.outside, 0, "no point drawn at a stale place outside the window");
  await page.click("#fit-all");
  const all = await windowOf(page);
  assert.ok(all.start <= min && all.end >= max, "Fit all shows the outliers");
  assert.deepEqual(problems, []);
  await page.close();
});

test("a filter sets the window to the bulk of the filtered events", async () => {
  const { page } = await open(corpusUrl);
  await page.fill("#f-from", "1955-06");
  await page.fill("#f-to", "1955-12");
  await apply(page);
  const w = await windowOf(page);
  const api = await (await fetch(corpusUrl + "api/events?from=1955-06&to=1955-12")).json();
  const { lo, hi } = bulkOf(api);
  assert.ok(w.start <= lo && w.end >= hi);
  assert.ok(w.start >= Date.UTC(1955, 4, 1) && w.end <= Date.UTC(1956, 1, 1), `window ${new Date(w.start).toISOString()} – ${new Date(w.end).toISOString()}`);
  await page.close();
});

test("no item's label ends in a bare colon", async () => {
  const { page } = await open(corpusUrl);
  const bare = await page.evaluate(() =>
    window.annals.items.get().map((i) => i.content).filter((c) => /:\s*$/.test(c)));
  assert.deepEqual(bare, []);
  const api = await (await fetch(corpusUrl + "api/events")).json();
  const noActor = api.filter((e) => e.start && !e.actors.length);
  assert.ok(noActor.length > 0, "the corpus has events without an actor");
  // those are labelled with their type and the summary's first words
  const e = noActor[0];
  const content = await page.evaluate((id) => window.annals.items.get(id).content, e.id);
  assert.ok(content.startsWith(`${e.type}: `) && content.length > e.type.length + 3, content);
  const drawnBare = await page.$$eval(".vis-item-content", (els) => els.map((x) => x.textContent.trim()).filter((t) => t.endsWith(":")));
  assert.deepEqual(drawnBare, []);
  await page.close();
});

test("lane labels stay beside their rows through clicks, scrolling and zooming", async () => {
  const { page } = await open(corpusUrl);
  await page.selectOption("#f-lanes", "actor");
  await apply(page);
  const measure = () => {
    const labels = [...document.querySelectorAll(".vis-labelset .vis-label")].map((e) => e.getBoundingClientRect().top);
    const rows = [...document.querySelectorAll(".vis-foreground .vis-group")].map((e) => e.getBoundingClientRect().top);
    return { n: labels.length, worst: Math.max(0, ...labels.map((t, i) => Math.abs(t - rows[i]))) };
  };
  // the labels follow a native scroll of the rows on the next scroll event and redraw: give
  // them a second (a loaded machine takes a few frames), then measure
  const offset = async () => {
    await page
      .waitForFunction(`(${measure})().worst < 2`, null, { timeout: 1000, polling: "raf" })
      .catch(() => {});
    return page.evaluate(measure);
  };
  const first = await offset();
  assert.ok(first.n > 20, `${first.n} lanes: more than the view holds`);
  assert.ok(first.worst < 2);
  // clicks on items low in the list scroll the rows: the labels must follow
  const points = page.locator(".vis-item.vis-point");
  const n = await points.count();
  for (let k = 0; k < 4; k++) {
    await points.nth(n - 1 - 3 * k).click({ timeout: 5000 });
    const o = await offset();
    assert.ok(o.worst < 2, `after click ${k + 1}: labels ${o.worst}px off their rows`);
  }
  await page.mouse.move(500, 400);
  await page.mouse.wheel(0, 400);
  await page.evaluate(() => window.annals.timeline.zoomIn(0.5, { animation: false }));
  await page.waitForTimeout(200);
  const z = await offset();
  assert.ok(z.worst < 2, `after zooming: labels ${z.worst}px off their rows`);
  await page.close();
});

test("a long vague date is shaded behind its lane's points, and a click on it shows its event", async () => {
  const { page, problems } = await open(bandsUrl);
  const band = page.locator(".vis-item.vis-background.vague.long");
  assert.equal(await band.count(), 1, "1950–1953 is one band");
  assert.ok((await page.locator(".vis-item.vis-point").count()) >= 5, "the points stay drawn over it");
  // the points sit over the band, not beside it: the band's box contains a point
  const b = await band.boundingBox();
  const inside = await page.$$eval(".vis-item.vis-point", (els, b) =>
    els.map((e) => e.getBoundingClientRect()).filter((r) => r.left >= b.x && r.right <= b.x + b.width && r.top >= b.y && r.bottom <= b.y + b.height).length, b);
  assert.ok(inside > 0, "a point drawn over the band");
  // click the shading where no point is
  await page.mouse.click(b.x + 5, b.y + b.height - 3);
  await page.waitForSelector("#details .evidence", { timeout: 10000 });
  assert.match(await page.textContent("#details"), /fisheries/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the network takes the page's filters; a click on an actor lists its events", async () => {
  const { page, problems } = await open(corpusUrl);
  await showNetwork(page);
  const everyone = await (await fetch(corpusUrl + "api/network")).json();
  assert.equal(await page.evaluate(() => window.annals.network.nodes().length), everyone.nodes.length);
  assert.equal(await overlappingLabels(page, Infinity), 0, "two actors overlap (node or label)");
  await page.fill("#f-actor", "Moscow");
  await apply(page);
  const moscow = await (await fetch(corpusUrl + "api/network?actor=Moscow")).json();
  assert.ok(moscow.nodes.length > 2 && moscow.nodes.length < everyone.nodes.length);
  const ids = await page.evaluate(() => window.annals.network.nodes().map((n) => n.id()).sort());
  assert.deepEqual(ids, moscow.nodes.map((n) => n.id).sort());
  assert.ok(ids.includes("USSR"));
  assert.equal(await overlappingLabels(page, Infinity), 0, "two actors overlap (node or label)");
  // a click on the USSR lists its events (with the page's filters) in the evidence panel
  const at = await page.evaluate(() => {
    const p = window.annals.network.getElementById("USSR").renderedPosition();
    const r = document.querySelector("#network").getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  });
  await page.mouse.click(at.x, at.y);
  await page.waitForSelector("#details .actor-events li", { timeout: 10000 });
  const listed = await page.locator("#details .actor-events li").count();
  const api = await (await fetch(corpusUrl + "api/events?actor=USSR&limit=200")).json();
  assert.equal(listed, api.length);
  await page.locator("#details .actor-events a").first().click();
  await page.waitForSelector("#details .evidence", { timeout: 10000 });
  assert.deepEqual(problems, []);
  await page.close();
});

test("a network of 200 actors: the labels drawn do not overlap, the busiest are named", async () => {
  const { page, problems } = await open(crowdUrl);
  const t0 = Date.now();
  await showNetwork(page);
  const ms = Date.now() - t0;
  const r = await page.evaluate(() => {
    const cy = window.annals.network;
    // a label is drawn when it is at least 8 px on screen (min-zoomed-font-size)
    const shown = cy.nodes().filter((n) => parseFloat(n.style("font-size")) * cy.zoom() >= 8);
    const boxes = shown.map((n) => n.renderedBoundingBox({ includeNodes: false, includeLabels: true }));
    let overlaps = 0;
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) overlaps++;
      }
    const busiest = cy.nodes().sort((a, b) => b.data("w") - a.data("w")).slice(0, 5).map((n) => n.id());
    return { nodes: cy.nodes().length, shown: shown.map((n) => n.id()), overlaps, busiest };
  });
  console.log(`${r.nodes} actors: network drawn in ${ms} ms, ${r.shown.length} labels at first sight`);
  assert.ok(r.nodes > 150, `${r.nodes} actors`);
  assert.equal(r.overlaps, 0, "labels drawn on top of one another");
  assert.ok(r.shown.length >= 10 && r.shown.length < r.nodes / 2, `${r.shown.length} labels shown`);
  for (const b of r.busiest) assert.ok(r.shown.includes(b), `${b}, among the busiest, is not named`);
  assert.deepEqual(problems, []);
  await page.close();
});

test("no console error and no failed request in any view", async () => {
  const { page, problems } = await open(corpusUrl);
  await showNetwork(page);
  await page.click("nav button[data-view=reader]");
  await page.waitForSelector("#reader mark.timex", { timeout: 10000 });
  await page.click("nav button[data-view=timeline]");
  await page.waitForTimeout(300);
  assert.deepEqual(problems, []);
  // one line of header in every view
  for (const view of ["timeline", "network", "reader"]) {
    await page.click(`nav button[data-view=${view}]`);
    await page.waitForTimeout(200);
    const h = await page.evaluate(() => document.querySelector("header").getBoundingClientRect().height);
    assert.ok(h < 50, `${view}: the header is ${h}px high (wrapped)`);
  }
  await page.close();
});

test("10,000 events: the page stays responsive", async () => {
  const { page, ms } = await open(bigUrl);
  assert.equal(await count(page), 10000);
  const t0 = Date.now();
  await page.fill("#f-from", "1960");
  await page.fill("#f-to", "1960");
  await page.click("#filters button[type=submit]");
  await page.waitForFunction(() => Number(document.querySelector("#count").dataset.n) === 366, null, { timeout: 10000 });
  const filterMs = Date.now() - t0;
  console.log(`10,000 events: page ready in ${ms} ms, filter applied in ${filterMs} ms`);
  assert.ok(ms < 3000, `page ready in ${ms} ms`);
  assert.ok(filterMs < 3000, `filter took ${filterMs} ms`);
  await page.close();
});

test("TimelineJS loads the timelinejs export", async () => {
  const db = join(work, "corpus.db");
  const data = execFileSync(BIN, ["export", "--format", "timelinejs", "--db", db, "--from", "1956-08", "--to", "1956-09"]).toString();
  const n = JSON.parse(data).events.length;
  assert.ok(n > 0);
  const tl = join(ROOT, "web/node_modules/@knight-lab/timelinejs/dist");
  const html = join(work, "timelinejs.html");
  writeFileSync(
    html,
    `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="file://${tl}/css/timeline.css"></head>
     <body><div id="tl" style="width: 1000px; height: 600px"></div>
     <script src="file://${tl}/js/timeline.js"></script>
     <script>window.tl = new TL.Timeline("tl", ${data});</script></body></html>`,
  );
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto("file://" + html);
  // one slide per event, plus the title slide
  await page.waitForFunction((n) => document.querySelectorAll(".tl-slide").length >= n, n + 1, { timeout: 15000 });
  assert.deepEqual(errors, []);
  await page.close();
});

test("a GEXF reader (graphology-gexf) reads the gexf export with its dated edges", () => {
  const db = join(work, "corpus.db");
  const xml = execFileSync(BIN, ["export", "--format", "gexf", "--db", db], { maxBuffer: 256 << 20 }).toString();
  const g = gexf.parse(Graph, xml, { allowUndeclaredAttributes: false });
  assert.ok(g.order > 10, `${g.order} nodes`);
  assert.ok(g.size > 10, `${g.size} edges`);
  g.forEachEdge((e, attrs) => {
    assert.ok(attrs.evidence && attrs.source && attrs.date_written && attrs.event, "every edge has evidence, source, date");
  });
  // the reader ignores GEXF dynamics; the edges carry them as start/end attributes
  const edges = xml.match(/<edge [^>]*>/g);
  assert.equal(edges.length, g.size);
  assert.ok(edges.every((e) => /start="\d{4}-\d{2}-\d{2}" end="\d{4}-\d{2}-\d{2}"/.test(e)));
});
