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

// Case 3 — a commune cluster that ranks its members first to third and
// signs a covenant for next year.
// Source: Cổng thông tin thị trấn Hữu Lũng (thitran.huulung.langson.gov.vn),
// "Hội nghị đánh giá kết quả hoạt động của Cụm thi đua cụm số VII": on 24/12
// at the hall of the Cai Kinh commune People's Committee, cluster VII
// (township Hữu Lũng; communes Minh Sơn, Nhật Tiến, Cai Kinh, Hòa Lạc, Đồng
// Tân) held its review of emulation work in 2021 and tasks for 2022; Nông
// Quốc Bảo, chairman of the Cai Kinh commune People's Committee, presented
// the report as the cluster's chair; first in the cluster the township,
// second Hòa Lạc, third Nhật Tiến (the page's sentence says "năm 2020", kept
// in the minutes as written); the members then signed the covenant. The page
// gives no year with "24/12": a review of 2021 that sets 2022's tasks is
// taken as held in 2021. It names no award, no score and not next year's
// chair, so those stay empty. The organising body is Hữu Lũng district (the
// members are its communes; the page does not name it otherwise).
const huuLung = {
  body: { name: "Ủy ban nhân dân huyện Hữu Lũng", short_name: "UBND huyện Hữu Lũng", level: "district" },
  cluster: { name: "Cụm thi đua số VII", kind: "cluster", first_year: "2021", member_count: "6" },
  units: [{ name: "Hữu Lũng", kind: "township" },
    ...["Minh Sơn", "Nhật Tiến", "Cai Kinh", "Hòa Lạc", "Đồng Tân"].map((name) => ({ name, kind: "commune" }))],
  awardKinds: [],
  year: 2021,
  conferences: [{
    conf_kind: "year_end_summary",
    conf_date: "24/12/2021",
    conf_venue: "Hội trường UBND xã Cai Kinh",
    host: "Cai Kinh",
    minutes: "Tổng kết công tác thi đua, khen thưởng năm 2021 và triển khai nhiệm vụ năm 2022. Bình xét các đơn vị có thành tích xuất sắc (bài viết ghi: thực hiện nhiệm vụ công tác năm 2020): Nhất cụm thị trấn Hữu Lũng, Nhì cụm xã Hòa Lạc, Ba cụm xã Nhật Tiến.",
    people: [{ role: "reporter", name: "Nông Quốc Bảo", title: "Chủ tịch UBND xã Cai Kinh, Cụm trưởng" }],
    chair_unit: "Cai Kinh",
    chair_person: "Nông Quốc Bảo",
    chair_title: "Chủ tịch UBND xã Cai Kinh",
    ranks: [["Hữu Lũng", "1", "Nhất cụm"], ["Hòa Lạc", "2", "Nhì cụm"], ["Nhật Tiến", "3", "Ba cụm"]],
    covenant: { cov_date: "24/12/2021", cov_place: "Hội trường UBND xã Cai Kinh", cov_content: "Các đơn vị Cụm thi đua số VII ký giao ước thi đua, tiếp tục thực hiện các nhiệm vụ trọng tâm năm 2022." },
  }],
};

// Case 4 — one cluster's mid-year review and year-end conference of the
// same year, and its proposals to its ministry.
// Sources: the mid-year review — Sở VHTTDL Yên Bái (sovhttdl.yenbai.gov.vn),
// "Hội nghị Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2022 - Cụm
// Thi đua các Sở Văn hóa, Thể thao và Du lịch 7 tỉnh trung du Miền núi phía
// Bắc", 05/08/2022 (also Báo Dân tộc và Phát triển, 04/08/2022): on the
// morning of 04/8/2022 in Thái Nguyên, the vice chair's province; members
// the departments of Yên Bái, Phú Thọ, Hòa Bình, Tuyên Quang, Bắc Giang,
// Thái Nguyên, Bắc Kạn; co-chaired by the Thái Nguyên and Bắc Kạn
// departments; Nguyễn Ngọc Tuân, director of the Thái Nguyên department and
// vice chair, spoke. The year-end conference — Báo Bắc Kạn
// (baobackan.com.vn), "Cụm thi đua 7 tỉnh trung du và miền núi phía Bắc tổng
// kết công tác thi đua ngành Văn hóa, Thể thao và Du lịch": on the morning
// of 14/11 in Bắc Kạn, the 2022 review (so 14/11/2022); the Bắc Kạn
// department, chair, reported; the cluster proposed the ministry's flag for
// Bắc Kạn, Bắc Giang, Phú Thọ and the ministry's certificate for the others;
// it elected Thái Nguyên chair and Hòa Bình vice chair for 2023. Neither
// report names a venue, a score or a rank.
const vhttdlProvinces = ["Bắc Kạn", "Thái Nguyên", "Bắc Giang", "Phú Thọ", "Tuyên Quang", "Yên Bái", "Hòa Bình"];
const dept = (p) => `Sở Văn hóa, Thể thao và Du lịch tỉnh ${p}`;
const FLAG = "Cờ thi đua của Bộ Văn hóa, Thể thao và Du lịch";
const CERT = "Bằng khen của Bộ Văn hóa, Thể thao và Du lịch";
const culture = {
  body: { name: "Bộ Văn hóa, Thể thao và Du lịch", short_name: "Bộ VHTTDL", level: "central" },
  cluster: { name: "Cụm thi đua 7 tỉnh trung du và miền núi phía Bắc", kind: "cluster", first_year: "2022", member_count: "7" },
  units: vhttdlProvinces.map((p) => ({ name: dept(p), kind: "department" })),
  awardKinds: [
    { body: "Bộ VHTTDL", name: FLAG, short_name: "Cờ thi đua Bộ VHTTDL", issuing_authority: "Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch", category: "title", rank: "1" },
    { body: "Bộ VHTTDL", name: CERT, short_name: "Bằng khen Bộ VHTTDL", issuing_authority: "Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch", category: "commendation", rank: "2" },
  ],
  year: 2022,
  conferences: [
    {
      conf_kind: "mid_year_review",
      conf_date: "04/08/2022",
      conf_part: "morning",
      conf_locality: "Thái Nguyên",
      host: dept("Thái Nguyên"),
      minutes: "Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm và triển khai nhiệm vụ 6 tháng cuối năm 2022; Sở Thái Nguyên và Sở Bắc Kạn đồng chủ trì.",
      people: [{ role: "speaker", name: "Nguyễn Ngọc Tuân", title: "Giám đốc Sở Văn hóa, Thể thao và Du lịch tỉnh Thái Nguyên, Phó Trưởng Cụm" }],
      vice_unit: dept("Thái Nguyên"),
    },
    {
      conf_kind: "year_end_summary",
      conf_date: "14/11/2022",
      conf_part: "morning",
      conf_locality: "Bắc Kạn",
      host: dept("Bắc Kạn"),
      minutes: "Tổng kết phong trào thi đua yêu nước năm 2022; báo cáo kết quả kiểm tra chéo; bỏ phiếu đề nghị khen thưởng; bầu Cụm trưởng, Cụm phó năm 2023.",
      chair_unit: dept("Bắc Kạn"),
      awards: [
        ...["Bắc Kạn", "Bắc Giang", "Phú Thọ"].map((p) => [dept(p), FLAG]),
        ...["Thái Nguyên", "Tuyên Quang", "Yên Bái", "Hòa Bình"].map((p) => [dept(p), CERT]),
      ],
      next_chair: dept("Thái Nguyên"),
      next_vice: dept("Hòa Bình"),
    },
  ],
};

// Case 5 — three clusters of one organising body, each proposing its
// leader for the body's own flag, and the body's decision on all three,
// entered once on the batch decision page.
// Sources: the decision — Lao động Thủ đô (laodongthudo.vn), "LĐLĐ thành
// phố Hà Nội là 1 trong 3 đơn vị xuất sắc được Tổng LĐLĐ Việt Nam đề nghị
// tặng Cờ thi đua của Chính phủ", 17/12/2022: on the results of the votes
// (bình xét suy tôn) of its 12 clusters and blocks, and on the proposal of
// its emulation-awards council, which met on 14/12/2022, the presidium of
// the Confederation (Đoàn Chủ tịch Tổng LĐLĐ Việt Nam) decided that three
// units leading their clusters meet the standard for the Confederation's
// flag, to be put forward for the Government's flag: LĐLĐ thành phố Hà Nội,
// leading the cluster of the 5 centrally-run cities' federations; LĐLĐ tỉnh
// Thanh Hóa, leading the cluster of the 6 North Central provinces'; LĐLĐ
// tỉnh Đồng Nai, leading the cluster of the 7 South East provinces'. The
// article gives no number and no date for the decision (14/12 is the
// council's meeting, not the decision), and names no other member of the
// first and third clusters: those are entered with their size only. The
// North Central cluster's year-end meeting — Truyền hình Thanh Hóa
// (truyenhinhthanhhoa.vn), "Cụm thi đua Liên đoàn lao động các tỉnh Bắc
// Trung Bộ tổng kết phong trào thi đua năm 2022", 04/12/2022: on 04/12 in
// Thanh Hóa province, the cluster of Thanh Hóa, Nghệ An, Hà Tĩnh, Quảng
// Bình, Quảng Trị, Thừa Thiên Huế held its 2022 review; present Phạm Thị
// Thanh Thuỷ and Nguyễn Văn Thi (by their offices as the report gives
// them) and a representative of the Confederation, unnamed. It names no
// host unit and no venue. Each cluster's proposal is its vote as the
// decision's article reports it ("dẫn đầu Cụm"); for the two clusters whose
// meeting no source describes, the form's conference is "other", with no
// date, place or people.
const confederation = { name: "Tổng Liên đoàn Lao động Việt Nam", short_name: "Tổng LĐLĐ Việt Nam", level: "organisation" };
const LABOUR_FLAG = "Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam";
const labourFlag = { body: "Tổng LĐLĐ Việt Nam", name: LABOUR_FLAG, short_name: "Cờ thi đua Tổng LĐLĐ", issuing_authority: "Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam", category: "title", rank: "1" };
const federation = (place) => `Liên đoàn Lao động ${place}`;
const leads = (place) => ({
  ranks: [[federation(place), "1", "Dẫn đầu Cụm"]],
  awards: [[federation(place), LABOUR_FLAG]],
});
const vote = (place) => `Cụm bình xét, suy tôn ${federation(place)} dẫn đầu Cụm năm 2022, đề nghị tặng ${LABOUR_FLAG}.`;
const labourCluster = (name, member_count, places, conference) => ({
  body: confederation,
  bodyEntered: true,
  awardKinds: [],
  cluster: { name, kind: "cluster", first_year: "2022", member_count },
  units: places.map((p) => ({ name: federation(p), kind: "labour_federation" })),
  year: 2022,
  conferences: [conference],
});
const labour = [
  labourCluster("Cụm thi đua 5 LĐLĐ thành phố trực thuộc Trung ương", "5", ["thành phố Hà Nội"],
    { conf_kind: "other", minutes: vote("thành phố Hà Nội"), ...leads("thành phố Hà Nội") }),
  labourCluster("Cụm thi đua 6 LĐLĐ tỉnh khu vực Bắc Trung Bộ", "6",
    ["tỉnh Thanh Hóa", "tỉnh Nghệ An", "tỉnh Hà Tĩnh", "tỉnh Quảng Bình", "tỉnh Quảng Trị", "tỉnh Thừa Thiên Huế"],
    {
      conf_kind: "year_end_summary",
      conf_date: "04/12/2022",
      conf_locality: "Thanh Hóa",
      minutes: `Tổng kết phong trào thi đua năm 2022, triển khai nhiệm vụ năm 2023. ${vote("tỉnh Thanh Hóa")}`,
      people: [
        { role: "guest", name: "Phạm Thị Thanh Thuỷ", title: "Uỷ viên Ban Thường vụ, Trưởng ban Dân vận Tỉnh uỷ, Chủ tịch Ủy ban MTTQ tỉnh Thanh Hoá" },
        { role: "guest", name: "Nguyễn Văn Thi", title: "Uỷ viên Ban Thường vụ Tỉnh uỷ, Phó Chủ tịch Thường trực UBND tỉnh Thanh Hoá" },
        { role: "attendee", name: "", title: "Đại diện Tổng Liên đoàn Lao động Việt Nam" },
      ],
      ...leads("tỉnh Thanh Hóa"),
    }),
  labourCluster("Cụm thi đua 7 LĐLĐ tỉnh khu vực Đông Nam Bộ", "7", ["tỉnh Đồng Nai"],
    { conf_kind: "other", minutes: vote("tỉnh Đồng Nai"), ...leads("tỉnh Đồng Nai") }),
];

// The presidium's decision: all three proposals awarded, entered once;
// no number or date, since the article gives none. Nothing is marked "not
// awarded" because no source says any proposal was refused (refusals are
// covered on demo data by tests/app/decisions_batch.rs). The culture
// ministry's flags and certificates (case 4) stay pending: no public
// decision on them was found.
const labourDecision = {
  kind: LABOUR_FLAG,
  year: 2022,
  decided_by: "Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam",
  decided: ["thành phố Hà Nội", "tỉnh Thanh Hóa", "tỉnh Đồng Nai"].map(federation),
};

async function enterDecision(d) {
  await page.goto(`${base}/decisions`);
  const link = page.locator("main tr", { hasText: d.kind }).filter({ hasText: String(d.year) })
    .locator("a", { hasText: "Ghi quyết định" }).first();
  await Promise.all([page.waitForNavigation(), link.click()]);
  await page.fill("#decided_by", d.decided_by);
  for (const unit of d.decided) {
    await page.locator("main tr", { hasText: unit }).locator("input[value=decided]").check();
  }
  await page.selectOption("#rest", "pending");
  await Promise.all([page.waitForNavigation(), page.click("main form.form button[type=submit]")]);
  if (!page.url().includes("/decisions?saved=")) throw new Error(`decision not saved: ${await errors()}`);
}

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

// Fills the meeting form for one conference and saves it, published.
async function meetingForm(c, conf) {
  // More people than the form offers at first: one more blank row each.
  if ((conf.people || []).length > 2) {
    await Promise.all([page.waitForNavigation(), page.click("button[value=add_rows]")]);
  }
  await page.selectOption("#conf_kind", conf.conf_kind);
  if (conf.conf_date) await page.fill("#conf_date", conf.conf_date);
  if (conf.conf_part) await page.selectOption("#conf_part", conf.conf_part);
  if (conf.conf_locality) await page.fill("#conf_locality", conf.conf_locality);
  if (conf.conf_venue) await page.fill("#conf_venue", conf.conf_venue);
  if (conf.host) await choose("#conf_host", conf.host);
  if (conf.minutes) await page.fill("#minutes", conf.minutes);
  for (const [i, p] of (conf.people || []).entries()) {
    await page.selectOption(`#p${i}_role`, p.role);
    await page.fill(`#p${i}_name`, p.name);
    await page.fill(`#p${i}_title`, p.title);
  }
  for (const [unit, rank, note] of conf.ranks || []) {
    const row = await page.locator("select#chair_unit option", { hasText: unit }).first().getAttribute("value");
    await page.fill(`#r_u${row}_rank`, rank);
    await page.fill(`#r_u${row}_note`, note);
  }
  for (const [i, [unit, kind]] of (conf.awards || []).entries()) {
    if (!(await page.locator(`#a${i}_unit`).count())) {
      await Promise.all([page.waitForNavigation(), page.click("button[value=add_rows]")]);
    }
    await choose(`#a${i}_unit`, unit);
    await choose(`#a${i}_kind`, kind);
  }
  // Chairs of this year and those elected for next year, as stated.
  for (const key of ["chair_unit", "vice_unit", "next_chair", "next_vice"]) {
    if (conf[key]) await choose(`#${key}`, conf[key]);
  }
  for (const key of ["chair_person", "chair_title"]) {
    if (conf[key]) await page.fill(`#${key}`, conf[key]);
  }
  for (const [k, v] of Object.entries(conf.covenant || {})) await page.fill(`#${k}`, v);
  await page.selectOption("#status", "published");
  await Promise.all([page.waitForNavigation(), page.click("button[value=save]")]);
}

async function enterCase(c) {
  // Clusters of one body share it: it is entered once, before them.
  if (!c.bodyEntered) await adminRecord("/admin/bodies", c.body);
  for (const u of c.units) await adminRecord("/admin/units", u);
  for (const k of c.awardKinds || [c.awardKind]) await adminRecord("/admin/award-kinds", k);
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

  // One pass of the meeting form per conference, in the order held; the
  // year's own facts (ranks, proposals, chairs, covenant) go with the
  // conference whose report states them.
  const conferences = c.conferences || [{ ...c.conference, people: c.people, ranks: c.ranks, awards: c.awards, covenant: c.covenant }];
  for (const [n, conf] of conferences.entries()) {
    await page.goto(`${base}/clusters/${id}/years/${c.year}/edit${n > 0 ? "?conference=new" : ""}`);
    await meetingForm(c, conf);
    if (!page.url().includes(`/years/${c.year}?saved=1`)) throw new Error(`${c.cluster.name} ${c.year} (${conf.conf_kind}) not saved: ${await errors()}`);
  }
  console.log(`CLUSTER ${c.cluster.name}=${id}`);
}

try {
  await page.goto(`${base}/login`);
  await page.fill("#login-name", admin);
  await page.fill("#login-password", password);
  await Promise.all([page.waitForNavigation(), page.click("main button[type=submit]")]);
  await enterCase(communes);
  await enterCase(front);
  await enterCase(huuLung);
  await enterCase(culture);
  await adminRecord("/admin/bodies", confederation);
  await adminRecord("/admin/award-kinds", labourFlag);
  for (const c of labour) await enterCase(c);
  await enterDecision(labourDecision);
} finally {
  await browser.close();
}
