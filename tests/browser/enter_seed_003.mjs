// Signs in as a clerk and enters seed 003 (Bắc Kạn, the districts' and
// city's cluster, year-end summary of 2022) through the meeting form, in
// headless Chromium, then prints the yearly summary to a PDF.
//
//   node enter_seed_003.mjs BASE_URL CLUSTER_ID CLERK PASSWORD PDF_PATH
//
// Exits non-zero with a message when a step or a fact on the page fails.
import { chromium } from "playwright-core";

const [base, clusterId, clerk, password, pdfPath] = process.argv.slice(2);
const executablePath = process.env.THIDUA_CHROMIUM || "/usr/bin/chromium";

const browser = await chromium.launch({
  executablePath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"],
});
const page = await browser.newPage();
const started = Date.now();
try {
  await page.goto(`${base}/login`);
  await page.fill("#login-name", clerk);
  await page.fill("#login-password", password);
  await Promise.all([page.waitForNavigation(), page.click("main button[type=submit]")]);

  await page.goto(`${base}/clusters/${clusterId}/years/2022/edit`);
  // Three awards: one more row than the form offers at first.
  await Promise.all([page.waitForNavigation(), page.click("button[value=add_rows]")]);

  // 1. The conference.
  await page.selectOption("#conf_kind", "year_end_summary");
  await page.fill("#conf_title", "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2022, triển khai phương hướng, nhiệm vụ năm 2023");
  await page.fill("#conf_date", "07/02/2023");
  await page.selectOption("#conf_part", "afternoon");
  await page.fill("#conf_locality", "Bắc Kạn");
  await page.fill("#conf_venue", "thành phố Bắc Kạn");
  await page.selectOption("#conf_host", { label: "thành phố Bắc Kạn" });
  await page.fill("#members_present", "4");
  await page.selectOption("#p0_role", "presiding");
  await page.fill("#p0_name", "Dương Hữu Bường");
  await page.fill("#p0_title", "Tỉnh ủy viên, Phó Bí thư Thành ủy, Chủ tịch UBND thành phố Bắc Kạn, Cụm trưởng cụm thi đua");
  await page.fill("#p0_remarks", "Phát biểu khai mạc hội nghị.");
  await page.selectOption("#p1_role", "presiding");
  await page.fill("#p1_name", "Nông Văn Nguyên");
  await page.fill("#p1_title", "Phó Bí thư Huyện uỷ, Chủ tịch UBND huyện Na Rì, Phó Trưởng cụm thi đua");
  await page.fill("#minutes",
    "Chiều 7/2, các huyện và thành phố trong Cụm họp tại thành phố Bắc Kạn, đánh giá kết quả thi đua, khen thưởng của năm 2022 và bàn phương hướng, nhiệm vụ cho năm 2023.\n\n" +
    "Qua bỏ phiếu, các thành viên nhất trí suy tôn huyện Na Rì nhận Cờ thi đua của UBND tỉnh, còn Bằng khen của UBND tỉnh dành cho huyện Chợ Mới và huyện Pác Nặm. Năm 2023, huyện Na Rì được bầu giữ vai trò Cụm trưởng, huyện Pác Nặm là Cụm phó.");

  // 2. Movements and results.
  await page.fill("#m0_name", "Cả nước chung sức xây dựng nông thôn mới");
  await page.fill("#m1_name", "Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau");
  await page.fill("#m2_name", "Doanh nghiệp Việt Nam hội nhập và phát triển");
  await page.fill("#m3_name", "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở");
  await page.fill("#summary", "Trong năm 2022, thi đua, khen thưởng ở các huyện và thành phố thu được nhiều kết quả; thu ngân sách của cả Cụm đạt trên 400 tỷ đồng.");

  // 3. This year's chair and vice chair.
  await page.selectOption("#chair_unit", { label: "thành phố Bắc Kạn" });
  await page.fill("#chair_person", "Dương Hữu Bường");
  await page.fill("#chair_title", "Chủ tịch UBND thành phố Bắc Kạn");
  await page.selectOption("#vice_unit", { label: "huyện Na Rì" });
  await page.fill("#vice_person", "Nông Văn Nguyên");
  await page.fill("#vice_title", "Chủ tịch UBND huyện Na Rì");

  // 4. The cluster's budget revenue.
  await page.fill("#i0_name", "Tổng thu ngân sách");
  await page.fill("#i0_measure", "tỷ đồng");
  await page.fill("#i0_all_value", "400");
  await page.selectOption("#i0_all_qual", "over");

  // 6. The unanimous vote.
  const awards = [
    ["huyện Na Rì", "Cờ thi đua của Ủy ban nhân dân tỉnh"],
    ["huyện Chợ Mới", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"],
    ["huyện Pác Nặm", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"],
  ];
  for (const [i, [unit, kind]] of awards.entries()) {
    await page.selectOption(`#a${i}_unit`, { label: unit });
    await page.selectOption(`#a${i}_kind`, { label: kind });
    await page.check(`#a${i}_unanimous`);
  }

  // 7. Next year's chair, elected.
  await page.selectOption("#next_chair", { label: "huyện Na Rì" });
  await page.selectOption("#next_vice", { label: "huyện Pác Nặm" });
  await page.selectOption("#next_selection", "elected");
  await page.fill("#directions", "Làm cho các phong trào thi đua yêu nước có chất lượng hơn, kịp thời ghi nhận tập thể, cá nhân tiêu biểu.");
  await page.selectOption("#status", "published");

  await Promise.all([page.waitForNavigation(), page.click("button[value=save]")]);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (!page.url().includes("/years/2022?saved=1")) {
    throw new Error(`not saved; the form said: ${await page.locator(".form-error, .field-error").allInnerTexts()}`);
  }

  const text = await page.locator("main").innerText();
  const facts = [
    "Đã lưu kết quả năm 2022",
    "Chiều 07/02/2023",
    "Dương Hữu Bường",
    "Nông Văn Nguyên",
    "Phó Trưởng cụm thi đua",
    "Cả nước chung sức xây dựng nông thôn mới",
    "Doanh nghiệp Việt Nam hội nhập và phát triển",
    "trên 400",
    "Cờ thi đua của Ủy ban nhân dân tỉnh",
    "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
    "huyện Chợ Mới",
    "Thống nhất",
    "Cụm trưởng, Cụm phó năm 2023",
    "Được bầu",
  ];
  const missing = facts.filter((f) => !text.includes(f));
  if (missing.length) throw new Error(`missing on the yearly summary: ${JSON.stringify(missing)}`);

  await page.goto(`${base}/clusters/${clusterId}/years/2022/print`);
  await page.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
  console.log(`entered seed 003 in ${seconds} s`);
} finally {
  await browser.close();
}
