// Regenerates the README's screenshots (docs/timeline.png, docs/network.png) from the
// bundled corpus: builds it into a scratch database, serves it on a loopback port and
// photographs the page in Debian's chromium (playwright-core, as the browser tests do).
//
// Run: node web/screenshots.mjs   (from the repository root, after `cargo build --release`
// and `npm ci` in web/)
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

const ROOT = resolve(import.meta.dirname, "..");
const BIN = process.env.ANNALS_BIN || join(ROOT, "target/release/annals");
const db = join(mkdtempSync(join(tmpdir(), "annals-shots-")), "corpus.db");
// built from the repository root, so the documents are named as a user would see them
execFileSync(BIN, ["build", "examples/frus", "--db", db], { stdio: "ignore", cwd: ROOT });
const server = spawn(BIN, ["serve", "--db", db, "--addr", "127.0.0.1:0"], { stdio: ["ignore", "ignore", "pipe"] });
const url = await new Promise((ok) => {
  let err = "";
  server.stderr.on("data", (d) => {
    err += d;
    const m = /on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(err);
    if (m) ok(m[1]);
  });
});
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 760 } });
  await page.goto(url);
  await page.waitForSelector("body[data-ready='1']");
  // August 1956, with the evidence of one event: the Secretary's reply to Shigemitsu at
  // their meeting in London on August 19
  await page.fill("#f-from", "1956-08");
  await page.fill("#f-to", "1956-08");
  await page.click("#filters button[type=submit]");
  await page.waitForFunction(() => Number(document.querySelector("#count").dataset.n) < 100);
  await page.evaluate(() => {
    const e = window.annals.items.get().find((i) => /Secretary reminded/.test(i.title));
    window.annals.timeline.setSelection(e.id);
    return showEvent(e.id); // app.js is a classic script: its functions are the page's
  });
  await page.waitForSelector("#details .evidence");
  await page.screenshot({ path: join(ROOT, "docs/timeline.png") });
  await page.fill("#f-from", "");
  await page.fill("#f-to", "");
  await page.click("nav button[data-view=network]");
  await page.waitForFunction(() => /actors/.test(document.querySelector("#count").textContent));
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(ROOT, "docs/network.png") });
  console.log("wrote docs/timeline.png and docs/network.png");
} finally {
  await browser.close();
  server.kill();
}
