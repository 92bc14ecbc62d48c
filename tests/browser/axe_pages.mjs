// Runs axe-core on pages in one headless Chromium and fails on any
// serious or critical violation.
//
//   node axe_pages.mjs BASE_URL PATH...
//
// With THIDUA_SCREENSHOTS=DIR it also saves a full-page picture of each.
//
// Prints "AXE <path> <n> violations (<ids>)" per page; exits non-zero when a
// page has a serious or critical one, listing its nodes.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [base, ...paths] = process.argv.slice(2);
const executablePath = process.env.THIDUA_CHROMIUM || "/usr/bin/chromium";

const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
let failed = false;
try {
  const page = await browser.newPage();
  for (const path of paths) {
    const response = await page.goto(base + path, { waitUntil: "load" });
    if (!response || response.status() !== 200) {
      throw new Error(`GET ${path}: ${response ? response.status() : "no response"}`);
    }
    // The page's CSP allows no inline script: axe goes in through the
    // debugging protocol, which the CSP does not govern.
    await page.evaluate(axeSource);
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    // THIDUA_SCREENSHOTS=DIR keeps a picture of each page to look at.
    if (process.env.THIDUA_SCREENSHOTS) {
      const name = path.replace(/[^a-z0-9]+/gi, "_") || "home";
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.screenshot({ path: `${process.env.THIDUA_SCREENSHOTS}/${name}.png`, fullPage: true });
    }
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    console.log(`AXE ${path} ${result.violations.length} violations (${result.violations.map((v) => `${v.id}:${v.impact}`).join(", ")})`);
    for (const v of bad) {
      failed = true;
      console.log(`  ${v.impact} ${v.id}: ${v.help}`);
      for (const node of v.nodes.slice(0, 5)) console.log(`    ${node.target.join(" ")} — ${node.failureSummary.replace(/\n/g, " ")}`);
    }
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
