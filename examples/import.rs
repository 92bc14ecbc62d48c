//! How long a board's first day and its back-filling take through the
//! importer: a province's units from the built-in list, its catalogue of
//! 20 clusters and blocks with 150 memberships, an award catalogue, and
//! ten years of a ten-member cluster (awards with their chairs, and the
//! yearly tables of figures, scores and ranks). Kept out of the product
//! binary.
//!
//!   cargo run --release --example import [-- --runs N] [--province CODE]
//!
//! Each run starts from a fresh database without the demo data; the files
//! are made in memory the way boards keep them. Prints, per step, its rows
//! and the median milliseconds of the preview and of applying.

use std::time::Instant;

use thidua::import::{self, Context};

const CLUSTERS: usize = 20;
const MEMBERS: usize = 150;
const YEARS: std::ops::RangeInclusive<i32> = 2016..=2025;
const INDICATORS: &[&str] = &[
    "Thu ngân sách (tỷ đồng)",
    "Thu ngân sách — tăng so với cùng kỳ (%)",
    "Tỷ lệ hộ nghèo (%)",
    "Thôn đạt chuẩn nông thôn mới (thôn)",
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let runs: usize = value("--runs").and_then(|n| n.parse().ok()).unwrap_or(3);
    let code = value("--province").unwrap_or_else(|| "38".to_string());
    let province = thidua::units::official::find_province(&code).expect("a province of the list");
    let communes: Vec<String> = thidua::units::official::all()
        .into_iter()
        .filter(|u| u.province == Some(province.code))
        .map(|u| u.full_name())
        .collect();
    assert!(
        communes.len() >= MEMBERS,
        "the province has {MEMBERS} communes"
    );
    let body = format!("UBND {}", province.full_name());
    let files = files(&body, &communes);

    let mut timings: Vec<Vec<(f64, f64)>> = vec![Vec::new(); files.len() + 1];
    for _ in 0..runs.max(1) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let pool = thidua::server::prepare_database(&dir.path().join("t.db"), false, 1)
            .expect("the database opens");
        let mut conn = pool.get().expect("a connection");
        let started = Instant::now();
        thidua::units::official::add_province(&mut conn, &province).expect("the province");
        timings[0].push((0.0, ms(started)));
        for (i, (name, text, _)) in files.iter().enumerate() {
            let started = Instant::now();
            let prepared = import::prepare(name, text.as_bytes(), None, Context::default())
                .expect("the file reads");
            let plan = import::preview(&mut conn, &prepared).expect("a preview");
            assert!(plan.is_clean(), "{name}: {:?}", plan.errors);
            let preview = ms(started);
            let started = Instant::now();
            let prepared = import::prepare(name, text.as_bytes(), None, Context::default())
                .expect("the file reads");
            import::apply(&mut conn, &prepared, name, None).expect("applies");
            timings[i + 1].push((preview, ms(started)));
        }
    }
    println!(
        "province: {} ({} communes and wards), {runs} runs, median of each",
        province.full_name(),
        communes.len()
    );
    println!(
        "{:<44} {:>6} {:>11} {:>11}",
        "step", "rows", "preview ms", "apply ms"
    );
    let mut total = 0.0;
    let steps = std::iter::once(("thidua units add-province", communes.len()))
        .chain(files.iter().map(|(name, _, rows)| (name.as_str(), *rows)));
    for ((step, rows), times) in steps.zip(&timings) {
        let preview = median(times.iter().map(|t| t.0).collect());
        let apply = median(times.iter().map(|t| t.1).collect());
        total += preview + apply;
        println!("{step:<44} {rows:>6} {preview:>11.1} {apply:>11.1}");
    }
    println!(
        "{:<44} {:>6} {:>23.1}",
        "all of it, previews included", "", total
    );
}

fn ms(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The files of the run: name, CSV text, data rows.
fn files(body: &str, communes: &[String]) -> Vec<(String, String, usize)> {
    let cluster = |i: usize| {
        if i < 12 {
            format!("Cụm thi đua số {}", i + 1)
        } else {
            format!("Khối thi đua số {}", i - 11)
        }
    };
    let mut clusters = "\"Tên cụm, khối\",Loại,Cơ quan tổ chức,Từ năm\n".to_string();
    for i in 0..CLUSTERS {
        let kind = if i < 12 { "Cụm" } else { "Khối" };
        clusters.push_str(&format!("{},{kind},{body},2016\n", cluster(i)));
    }
    // The first ten communes make the cluster whose years are back-filled.
    let mut members = "\"Cụm, khối\",Đơn vị,Từ năm\n".to_string();
    for (i, c) in communes.iter().take(MEMBERS).enumerate() {
        let at = if i < 10 { 0 } else { 1 + i % (CLUSTERS - 1) };
        members.push_str(&format!("{},{c},2016\n", cluster(at)));
    }
    let catalogue = format!(
        "Hình thức khen thưởng,Tên ngắn,Cấp quyết định,Loại,Thứ bậc,Danh mục của cơ quan\n\
         Cờ thi đua của Ủy ban nhân dân tỉnh,Cờ thi đua,Chủ tịch UBND tỉnh,Danh hiệu thi đua,1,{body}\n\
         Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh,Bằng khen,Chủ tịch UBND tỉnh,Hình thức khen thưởng,2,{body}\n"
    );
    let ten = &communes[..10];
    let mut years = "\"Cụm, khối\",Năm,Cụm trưởng,Cụm phó,Ngày hội nghị,Địa điểm,Đơn vị,Hình thức khen thưởng,Tán thành,Trạng thái\n".to_string();
    let mut year_rows = 0;
    for (n, year) in YEARS.enumerate() {
        let chair = &ten[n % 10];
        let vice = &ten[(n + 1) % 10];
        for (k, award) in ["Cờ thi đua", "Bằng khen", "Bằng khen"].iter().enumerate() {
            years.push_str(&format!(
                "Cụm thi đua số 1,{year},{chair},{vice},15/12/{year},{chair},{},{award},10,Đề nghị\n",
                ten[(n + k + 2) % 10]
            ));
            year_rows += 1;
        }
    }
    let mut tables = format!(
        "\"Cụm, khối\",Năm,STT,Đơn vị,{},Điểm,Xếp hạng\n",
        INDICATORS.join(",")
    );
    for year in YEARS {
        for (i, c) in ten.iter().enumerate() {
            tables.push_str(&format!(
                "Cụm thi đua số 1,{year},{},{c},\"ước đạt {},5\",\"{},2\",\"{},1\",{},\"{},5\",{}\n",
                i + 1,
                100 + 13 * i + year as usize % 7,
                i % 9,
                3 + i % 4,
                i + 2,
                98 - i,
                i + 1
            ));
        }
    }
    vec![
        ("cum-khoi.csv".into(), clusters, CLUSTERS),
        ("thanh-vien.csv".into(), members, MEMBERS),
        ("danh-muc.csv".into(), catalogue, 2),
        ("cac-nam.csv".into(), years, year_rows),
        ("chi-tieu.csv".into(), tables, 10 * YEARS.count()),
    ]
}
