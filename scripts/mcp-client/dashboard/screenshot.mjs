// Screenshots of the Aspire dashboard (resources page, ingest metrics page) with headless Debian Chromium.
// Usage: node screenshot.mjs --login "http://localhost:18888/login?t=..." --out docs/images [--chromium /usr/bin/chromium]
// The login URL (with its token) is printed by the AppHost on start-up.
import { chromium } from "playwright-core";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
if (!args.login || !args.out) {
  console.error("usage: node screenshot.mjs --login URL --out DIR [--chromium PATH]");
  process.exit(2);
}
const base = new URL(args.login).origin;
const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "perfaspire-chromium-")), {
  executablePath: args.chromium ?? "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1600, height: 900 },
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(args.login, { waitUntil: "networkidle" });
  // The resources grid: wait until every resource row says Running and healthy (no "Unhealthy"/"Starting" left).
  await page.waitForSelector("text=mcp", { timeout: 60_000 });
  for (let i = 0; i < 120; i++) {
    const body = await page.textContent("body");
    if (!/Starting|Unhealthy|Waiting|Not started/.test(body ?? "")) break;
    await page.waitForTimeout(1000);
  }
  await dismissBanners(page);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: join(args.out, "dashboard-resources.png") });
  console.log(`saved ${join(args.out, "dashboard-resources.png")}`);

  const metrics = `${base}/metrics/resource/ingest?meter=PerfAspire.Ingest&instrument=timescale_rows_inserted_total&duration=15&view=Graph`;
  await page.goto(metrics, { waitUntil: "networkidle" });
  await page.waitForSelector("text=timescale_rows_inserted_total", { timeout: 60_000 });
  await dismissBanners(page);
  await page.waitForTimeout(4000); // the chart renders after the data arrives
  await page.screenshot({ path: join(args.out, "dashboard-ingest-metrics.png") });
  console.log(`saved ${join(args.out, "dashboard-ingest-metrics.png")}`);
} finally {
  await context.close();
}

// The "no trusted development certificate" notice (plain HTTP on a headless box) hides part of every page.
async function dismissBanners(page) {
  for (const close of await page.locator("fluent-message-bar button, .message-bar button[aria-label*='lose' i], button[title*='lose' i]").all()) {
    await close.click({ timeout: 2000 }).catch(() => {});
  }
}
