// Signs in as an admin and enters, through the admin pages and the meeting
// form only, clusters taken from public reports (facts only as the reports
// state them; what a report leaves out stays empty), in headless Chromium.
//
//   node enter_real_reports.mjs BASE_URL ADMIN PASSWORD
//
// Prints one line "CLUSTER <name>=<id>" per cluster it made, for the Rust
// test to check the pages. Exits non-zero when a step fails.
import { chromium } from "playwright-core";

const [base, admin, password] = process.argv.slice(2);
const executablePath = process.env.THIDUA_CHROMIUM || "/usr/bin/chromium";

// Case 1 — a commune cluster with its leader and a covenant for next year.
// Source: Cổng thông tin Đồng Tháp (dongthap.gov.vn/web/hct), "Phú Hựu tổng
// kết phong trào thi đua cụm số 2 năm 2020" (on the portal of Châu Thành
// district, whose communes these are): meeting 26/11/2020 at the hall
// of the Phú Hựu commune People's Committee; members Phú Hựu, An Hiệp, Tân
// Phú, Phú Long; Phú Hựu leads the cluster (highest score) and is proposed
// for the province's flag; covenant for 2021 signed there. The report names
// no person, no second or third place, and not next year's chair.
const communes = {
  body: { name: "Ủy ban nhân dân huyện Châu Thành", short_name: "UBND huyện Châu Thành", level: "district" },
  cluster: { name: "Cụm thi đua số 2", kind: "cluster", first_year: "2020", member_count: "4", description: "Gồm các xã Phú Hựu, An Hiệp, Tân Phú và Phú Long." },
  units: ["Phú Hựu", "An Hiệp", "Tân Phú", "Phú Long"].map((name) => ({ name, kind: "commune" })),
  awardKind: { body: null, name: "Cờ thi đua của Ủy ban nhân dân tỉnh Đồng Tháp", short_name: "Cờ UBND tỉnh Đồng Tháp", issuing_authority: "Chủ tịch UBND tỉnh Đồng Tháp", category: "title", rank: "1" },
  year: 2020,
  conference: {
    conf_kind: "year_end_summary",
    conf_date: "26/11/2020",
    conf_venue: "Hội trường UBND xã Phú Hựu",
    host: "Phú Hựu",
    minutes: "Tổng kết phong trào thi đua cụm năm 2020 và ký kết giao ước thi đua năm 2021. Cụm bình bầu, suy tôn xã Phú Hựu là đơn vị đứng đầu Cụm, đề nghị Hội đồng thi đua, khen thưởng huyện xét tặng cờ UBND tỉnh.",
  },
  ranks: [["Phú Hựu", "1", "Đứng đầu Cụm, số điểm cao"]],
  awards: [["Phú Hựu", "Cờ thi đua của Ủy ban nhân dân tỉnh Đồng Tháp"]],
  covenant: { cov_date: "26/11/2020", cov_place: "Hội trường UBND xã Phú Hựu", cov_content: "Ký kết giao ước thi đua năm 2021 giữa các xã Tân Phú, Phú Hựu, An Hiệp, Phú Long." },
};

// Case 2 — a mass organisation's cluster, at its mid-year review, with
// members present whose names the report does not give.
// Source: mattran.org.vn, video "MTTQ Việt Nam nâng cao chất lượng, hiệu quả
// hoạt động vì Đảng, vì dân": on the afternoon of 3/8/2023 the Front's
// cluster of the 5 centrally-run cities (Hà Nội, TP Hồ Chí Minh, Hải Phòng,
// Đà Nẵng, Cần Thơ) held its review of the first 6 months of 2023 in Cần
// Thơ; present Đỗ Văn Chiến (Secretary of the Party Central Committee,
// President of the Front's Central Committee), Nguyễn Văn Hiếu (Secretary of
// the Cần Thơ Party Committee), and the cities' Front presidents and vice
// presidents, unnamed.
const front = {
  body: { name: "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", short_name: "UBTW MTTQ Việt Nam", level: "organisation" },
  cluster: { name: "Cụm thi đua Mặt trận 5 thành phố trực thuộc trung ương", kind: "cluster", first_year: "2023", member_count: "5" },
  units: ["thành phố Hà Nội", "Thành phố Hồ Chí Minh", "thành phố Hải Phòng", "thành phố Đà Nẵng", "thành phố Cần Thơ"]
    .map((city) => ({ name: `Ủy ban MTTQ Việt Nam ${city}`, kind: "fatherland_front" })),
  // Its own catalogue: the Front's own commendation, named as in
  // mttqquan5.vn, "Thành tích tiêu biểu năm 2022 của Ủy ban MTTQ Việt Nam
  // Quận 5". The review gives no award, so none is proposed.
  awardKind: { body: "UBTW MTTQ Việt Nam", name: "Bằng khen của Ủy ban Trung ương MTTQ Việt Nam", short_name: "Bằng khen UBTW MTTQ", issuing_authority: "Ủy ban Trung ương MTTQ Việt Nam", category: "commendation", rank: "1" },
  year: 2023,
  conference: {
    conf_kind: "mid_year_review",
    conf_date: "03/08/2023",
    conf_part: "afternoon",
    conf_locality: "Cần Thơ",
    host: "Ủy ban MTTQ Việt Nam thành phố Cần Thơ",
    minutes: "Hội nghị sơ kết hoạt động Cụm thi đua 6 tháng đầu năm 2023 tại thành phố Cần Thơ.",
  },
  people: [
    { role: "guest", name: "Đỗ Văn Chiến", title: "Bí thư Trung ương Đảng, Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam" },
    { role: "guest", name: "Nguyễn Văn Hiếu", title: "Ủy viên dự khuyết Ban Chấp hành Trung ương Đảng, Bí thư Thành ủy Cần Thơ" },
    // The report names the cities' presidents only by office.
    { role: "attendee", name: "", title: "Chủ tịch, Phó Chủ tịch Ủy ban MTTQ Việt Nam 5 thành phố trực thuộc trung ương" },
  ],
};

const browser = await chromium.launch({
  executablePath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"],
});
const page = await browser.newPage();
// A missing field fails in seconds, not after the 30 s default.
page.setDefaultTimeout(5000);

async function errors() {
  return JSON.stringify(await page.locator(".form-error, .field-error").allInnerTexts());
}

// Picks the option whose label is exactly `label`, or whose value is, or
// else the one whose label ends with it ("xã Phú Hựu" for "Phú Hựu").
async function choose(selector, label) {
  const options = await page.locator(`${selector} option`).evaluateAll((os) => os.map((o) => [o.value, o.textContent.trim()]));
  const hit = options.find(([, l]) => l === label) || options.find(([v]) => v === label)
    || options.find(([, l]) => l.endsWith(` ${label}`));
  if (!hit) throw new Error(`${selector}: no option ${label} in ${JSON.stringify(options)}`);
  await page.selectOption(selector, hit[0]);
}

// Fills an admin record form (#f-NAME fields) and saves it.
async function adminRecord(path, values) {
  await page.goto(`${base}${path}/new`);
  for (const [name, value] of Object.entries(values)) {
    if (value === null || value === undefined) continue;
    const tag = await page.locator(`#f-${name}`).evaluate((e) => e.tagName);
    if (tag === "SELECT") await choose(`#f-${name}`, value);
    else await page.fill(`#f-${name}`, value);
  }
  await Promise.all([page.waitForNavigation(), page.click("main form.form button[type=submit]")]);
  if (!page.url().endsWith(path)) throw new Error(`${path}: not saved: ${await errors()}`);
}

async function enterCase(c) {
  await adminRecord("/admin/bodies", c.body);
  for (const u of c.units) await adminRecord("/admin/units", u);
  await adminRecord("/admin/award-kinds", c.awardKind);
  await adminRecord("/admin/clusters", { ...c.cluster, body: c.body.short_name });
  const href = await page.locator("main tr", { hasText: c.cluster.name })
    .locator("a", { hasText: "Sửa" }).first().getAttribute("href");
  const id = href.match(/\/admin\/clusters\/(\d+)/)[1];
  for (const u of c.units) {
    await page.goto(`${base}/admin/clusters/${id}/edit`);
    await choose("#m-unit", u.name);
    await page.fill("#m-from_year", String(c.year));
    await Promise.all([page.waitForNavigation(), page.click("button:has-text('Thêm thành viên')")]);
    if (await page.locator(".field-error").count()) throw new Error(`member ${u.name}: ${await errors()}`);
  }

  await page.goto(`${base}/clusters/${id}/years/${c.year}/edit`);
  // More people than the form offers at first: one more blank row each.
  if ((c.people || []).length > 2) {
    await Promise.all([page.waitForNavigation(), page.click("button[value=add_rows]")]);
  }
  const conf = c.conference;
  await page.selectOption("#conf_kind", conf.conf_kind);
  await page.fill("#conf_date", conf.conf_date);
  if (conf.conf_part) await page.selectOption("#conf_part", conf.conf_part);
  if (conf.conf_locality) await page.fill("#conf_locality", conf.conf_locality);
  if (conf.conf_venue) await page.fill("#conf_venue", conf.conf_venue);
  if (conf.host) await choose("#conf_host", conf.host);
  await page.fill("#minutes", conf.minutes);
  for (const [i, p] of (c.people || []).entries()) {
    await page.selectOption(`#p${i}_role`, p.role);
    await page.fill(`#p${i}_name`, p.name);
    await page.fill(`#p${i}_title`, p.title);
  }
  for (const [unit, rank, note] of c.ranks || []) {
    const row = await page.locator("select#chair_unit option", { hasText: unit }).first().getAttribute("value");
    await page.fill(`#r_u${row}_rank`, rank);
    await page.fill(`#r_u${row}_note`, note);
  }
  for (const [i, [unit, kind]] of (c.awards || []).entries()) {
    await choose(`#a${i}_unit`, unit);
    await choose(`#a${i}_kind`, kind);
  }
  for (const [k, v] of Object.entries(c.covenant || {})) await page.fill(`#${k}`, v);
  await page.selectOption("#status", "published");
  await Promise.all([page.waitForNavigation(), page.click("button[value=save]")]);
  if (!page.url().includes(`/years/${c.year}?saved=1`)) throw new Error(`${c.cluster.name} ${c.year} not saved: ${await errors()}`);
  console.log(`CLUSTER ${c.cluster.name}=${id}`);
}

try {
  await page.goto(`${base}/login`);
  await page.fill("#login-name", admin);
  await page.fill("#login-password", password);
  await Promise.all([page.waitForNavigation(), page.click("main button[type=submit]")]);
  await enterCase(communes);
  await enterCase(front);
} finally {
  await browser.close();
}
