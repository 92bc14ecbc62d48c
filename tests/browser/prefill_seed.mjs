// Signs in as a clerk, pastes a seed report into the empty year's
// "Điền từ bản tin" box, checks the filled form, saves it and looks for
// every fact on the yearly summary, in headless Chromium.
//
//   node prefill_seed.mjs BASE_URL CLUSTER_ID CLERK PASSWORD REPORT_PATH
//
// Exits non-zero with a message when a step or a fact fails.
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";

const [base, clusterId, clerk, password, reportPath] = process.argv.slice(2);
const report = readFileSync(reportPath, "utf8");
const executablePath = process.env.THIDUA_CHROMIUM || "/usr/bin/chromium";

const browser = await chromium.launch({
  executablePath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"],
});
const page = await browser.newPage();
page.setDefaultTimeout(20000);
try {
  await page.goto(`${base}/login`);
  await page.fill("#login-name", clerk);
  await page.fill("#login-password", password);
  await Promise.all([page.waitForNavigation(), page.click("main button[type=submit]")]);

  await page.goto(`${base}/clusters/${clusterId}/years/2022/edit`);
  const started = Date.now();
  await page.fill("#report_text", report);
  await Promise.all([page.waitForNavigation(), page.click(".prefill-form button[type=submit]")]);
  const summary = await page.locator(".prefill-summary").innerText();
  if (!summary.includes("Đã điền")) throw new Error(`no fill: ${summary}`);
  const marked = await page.locator(".prefilled").count();
  if (marked < 20) throw new Error(`only ${marked} fields marked as filled`);

  // The clerk checks what matters most before saving.
  const expect = async (selector, wanted) => {
    const value = await page.locator(selector).evaluate((el) =>
      el.tagName === "SELECT" ? el.options[el.selectedIndex].text : el.value);
    if (value !== wanted) throw new Error(`${selector} is ${JSON.stringify(value)}, not ${JSON.stringify(wanted)}`);
  };
  await expect("#conf_date", "07/02/2023");
  await expect("#conf_part", "Chiều");
  await expect("#conf_host", "thành phố Bắc Kạn");
  await expect("#p0_name", "Dương Hữu Bường");
  await expect("#a0_unit", "huyện Na Rì");
  await expect("#next_chair", "huyện Na Rì");
  await expect("#next_vice", "huyện Pác Nặm");
  const source = await page.locator("#src-next_chair").innerText();
  if (!source.includes("Bầu huyện Na Rì làm Cụm Trưởng")) throw new Error(`source of next_chair: ${source}`);

  await page.selectOption("#status", "published");
  await Promise.all([page.waitForNavigation(), page.click("button[value=save]")]);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (!page.url().includes("/years/2022?saved=1")) {
    throw new Error(`not saved; the form said: ${await page.locator(".form-error, .field-error").allInnerTexts()}`);
  }
  const text = await page.locator("main").innerText();
  const facts = [
    "Chiều 07/02/2023",
    "Dương Hữu Bường",
    "Nông Văn Nguyên",
    "Cả nước chung sức xây dựng nông thôn mới",
    "Doanh nghiệp Việt Nam hội nhập và phát triển",
    "trên 400",
    "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở",
    "Cờ thi đua của Ủy ban nhân dân tỉnh",
    "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
    "huyện Chợ Mới",
    "huyện Pác Nặm",
    "Thống nhất",
    "Cụm trưởng, Cụm phó năm 2023",
    "Được bầu",
  ];
  const missing = facts.filter((f) => !text.includes(f));
  if (missing.length) throw new Error(`missing on the yearly summary: ${JSON.stringify(missing)}`);
  console.log(`seed 003 pasted, ${marked} fields filled, checked and saved in ${seconds} s`);
} finally {
  await browser.close();
}
