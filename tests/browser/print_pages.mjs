// Prints pages to PDF in one headless Chromium, as a visitor's "Print"
// would (A4 from the page's own @page rule, no browser header or footer).
//
//   node print_pages.mjs BASE_URL OUT_DIR NAME=PATH...
//
// Writes OUT_DIR/NAME.pdf for each page; exits non-zero when one fails.
import { chromium } from "playwright-core";

const [base, outDir, ...pages] = process.argv.slice(2);
const executablePath = process.env.THIDUA_CHROMIUM || "/usr/bin/chromium";

const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage();
  for (const entry of pages) {
    const at = entry.indexOf("=");
    const name = entry.slice(0, at);
    const path = entry.slice(at + 1);
    const response = await page.goto(base + path, { waitUntil: "load" });
    if (!response || response.status() !== 200) {
      throw new Error(`GET ${path}: ${response ? response.status() : "no response"}`);
    }
    await page.pdf({ path: `${outDir}/${name}.pdf`, preferCSSPageSize: true, displayHeaderFooter: false });
    console.log(`PRINTED ${name}`);
  }
} finally {
  await browser.close();
}
