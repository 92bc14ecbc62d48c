//! The shape of the generated country: organising bodies with their award
//! catalogues, clusters and blocks with their members, and the people who
//! lead each member through the four terms of 2005–2025.
//!
//! The full-size list of clusters is drawn first, then a scale below 1
//! keeps an evenly spread part of it, so a small database has the same
//! mix of bodies and kinds as the national one.

use chrono::NaiveDate;

use super::catalogue::*;
use super::names::Unique;
use super::rng::Rng;
use super::rows;
use crate::domain::fold::fold_for_search;
use crate::domain::labels::unit_full_name;

pub const FIRST_YEAR: i32 = 2005;
pub const LAST_YEAR: i32 = 2025;
/// Clusters and blocks of the whole country, and their members.
pub const FULL_CLUSTERS: usize = 585;
pub const FULL_MEMBERS: usize = 3505;
/// Terms of office the leaders serve: 2005–2010, 2011–2015, 2016–2020, 2021–2025.
const TERM_STARTS: [i32; 4] = [2005, 2011, 2016, 2021];

pub fn term_of(year: i32) -> usize {
    TERM_STARTS.iter().rposition(|&s| year >= s).unwrap_or(0)
}

/// What a body is, for the words of its decisions and reports.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Central,
    Province,
    Chapter,
}

pub struct BodyInfo {
    pub id: i32,
    pub kind: BodyKind,
    pub flag_kind: i32,
    pub commendation_kind: i32,
    /// Who signs the flag's and the commendation's decisions.
    pub flag_by: String,
    pub commendation_by: String,
    /// "QĐ-UBND": the tail of a decision number.
    pub decision_code: String,
    pub board_name: String,
    pub board_head_title: String,
    /// The head of the board in each term (person id, name).
    pub board_heads: Vec<(i32, String)>,
}

pub struct Member {
    pub unit_id: i32,
    pub full_name: String,
    /// The proper name for "tại …" lines ("Lào Cai", "Tân Phú").
    pub place: String,
    pub leader_title: String,
    /// The leader in each term (person id, name).
    pub leaders: Vec<(i32, String)>,
}

pub struct ClusterPlan {
    /// Position in the full-size list: seeds the cluster's own stream.
    pub index: usize,
    pub id: i32,
    pub name: String,
    pub kind: &'static str,
    pub body: usize,
    /// Set for clusters that ended (those of districts, in 2025).
    pub last_year: Option<i32>,
    pub members: Vec<Member>,
}

pub struct Plan {
    pub bodies: Vec<rows::Body>,
    pub body_info: Vec<BodyInfo>,
    pub award_kinds: Vec<rows::AwardKind>,
    pub indicators: Vec<rows::Indicator>,
    pub movements: Vec<rows::Movement>,
    pub units: Vec<rows::Unit>,
    pub people: Vec<rows::Person>,
    pub clusters: Vec<ClusterPlan>,
}

/// Where a cluster's members come from.
#[derive(Clone, Copy)]
enum Source {
    Region(usize),
    CentralBlock,
    Chapter(usize),
    Departments(usize),
    Districts(usize),
    Communes(usize),
}

struct Spec {
    name: String,
    kind: &'static str,
    body: usize,
    source: Source,
    size: usize,
}

fn provinces() -> Vec<(&'static str, &'static str)> {
    REGIONS
        .iter()
        .flat_map(|(_, members)| members.iter().copied())
        .collect()
}

/// "BCA" for "Bộ Công an": the issuer's initials in decision numbers.
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// The full-size list of clusters, with sizes that add up to the
/// national count of members.
fn specs(rng: &mut Rng, province_body: usize, chapter_body: usize) -> Vec<Spec> {
    let mut specs = Vec::new();
    for (i, (name, members)) in REGIONS.iter().enumerate() {
        specs.push(Spec {
            name: name.to_string(),
            kind: "cluster",
            body: 0,
            source: Source::Region(i),
            size: members.len(),
        });
    }
    for name in CENTRAL_BLOCKS {
        specs.push(Spec {
            name: name.to_string(),
            kind: "block",
            body: 0,
            source: Source::CentralBlock,
            size: 5,
        });
    }
    for (c, _) in CHAPTER_BODIES.iter().enumerate() {
        for n in 1..=4 {
            specs.push(Spec {
                name: format!("Cụm thi đua số {n}"),
                kind: "cluster",
                body: chapter_body + c,
                source: Source::Chapter(c),
                size: 5,
            });
        }
    }
    let province_count = provinces().len();
    let remaining = FULL_CLUSTERS - specs.len();
    for p in 0..province_count {
        // 536 clusters over 34 provinces: 16 for the first, 15 for the rest.
        let count = remaining / province_count + usize::from(p < remaining % province_count);
        let body = province_body + p;
        for name in DEPARTMENT_BLOCKS {
            specs.push(Spec {
                name: name.to_string(),
                kind: "block",
                body,
                source: Source::Departments(p),
                size: 5,
            });
        }
        for n in 1..=3 {
            specs.push(Spec {
                name: format!("Cụm thi đua các huyện, thị xã, thành phố số {n}"),
                kind: "cluster",
                body,
                source: Source::Districts(p),
                size: 5,
            });
        }
        for n in 1..=count - DEPARTMENT_BLOCKS.len() - 3 {
            specs.push(Spec {
                name: format!("Cụm thi đua số {n}"),
                kind: "cluster",
                body,
                source: Source::Communes(p),
                size: 5,
            });
        }
    }
    // Sizes of 5–12: the members left over go one by one to clusters
    // that have room. Blocks drawing on a fixed list stay within it.
    let fixed: usize = specs
        .iter()
        .filter(|s| matches!(s.source, Source::Region(_)))
        .map(|s| s.size)
        .sum();
    let mut extra = FULL_MEMBERS - fixed - 5 * (specs.len() - REGIONS.len());
    while extra > 0 {
        let i = rng.below(specs.len());
        let cap = match specs[i].source {
            Source::Region(_) => 0,
            Source::CentralBlock => 6,
            Source::Chapter(_) | Source::Departments(_) => 8,
            _ => 12,
        };
        if specs[i].size < cap {
            specs[i].size += 1;
            extra -= 1;
        }
    }
    specs
}

/// Keeps every cluster whose share of `scale` crosses a whole number: an
/// even spread over the list, at least one.
fn select(count: usize, scale: f64) -> Vec<usize> {
    let picked: Vec<usize> = (0..count)
        .filter(|&i| ((i + 1) as f64 * scale).floor() > (i as f64 * scale).floor())
        .collect();
    if picked.is_empty() { vec![0] } else { picked }
}

fn leader_title(kind: &str, full_name: &str, chapter_leader: Option<&str>) -> String {
    if let Some(leader) = chapter_leader {
        return format!("{leader} {full_name}");
    }
    match kind {
        "department" if full_name.starts_with("Sở ") => format!("Giám đốc {full_name}"),
        "ministry" if full_name.starts_with("Bộ ") => format!("Bộ trưởng {full_name}"),
        "enterprise" => format!("Chủ tịch Hội đồng thành viên {full_name}"),
        "department" | "ministry" | "central_agency" | "association" => {
            format!("Thủ trưởng {full_name}")
        }
        _ => format!("Chủ tịch UBND {full_name}"),
    }
}

struct Builder {
    rng: Rng,
    names: Unique,
    units: Vec<rows::Unit>,
    people: Vec<rows::Person>,
}

impl Builder {
    fn person(&mut self) -> (i32, String) {
        let name = self.names.person(&mut self.rng);
        let id = self.people.len() as i32 + 1;
        self.people.push(rows::Person {
            id,
            search_text: fold_for_search(&name),
            full_name: name.clone(),
        });
        (id, name)
    }

    fn unit(
        &mut self,
        name: String,
        kind: &'static str,
        parent: Option<i32>,
        valid_to: Option<NaiveDate>,
        note: Option<&str>,
    ) -> (i32, String) {
        let id = self.units.len() as i32 + 1;
        let full = unit_full_name(kind, &name);
        self.units.push(rows::Unit {
            id,
            search_text: fold_for_search(&full),
            name,
            kind,
            parent_id: parent,
            valid_from: None,
            valid_to,
            successor_id: None,
            note: note.map(str::to_string),
        });
        (id, full)
    }

    fn member(&mut self, unit_id: i32, full_name: String, place: String, title: String) -> Member {
        let leaders = (0..TERM_STARTS.len()).map(|_| self.person()).collect();
        Member {
            unit_id,
            full_name,
            place,
            leader_title: title,
            leaders,
        }
    }
}

pub fn build(seed: u64, scale: f64) -> Plan {
    let mut rng = Rng::stream(seed, 1);
    let province_list = provinces();
    let mut b = Builder {
        rng: Rng::stream(seed, 2),
        names: Unique::default(),
        units: Vec::new(),
        people: Vec::new(),
    };

    // Bodies: the central council, the provinces, then the ministries and
    // mass organisations running clusters of their provincial chapters.
    let mut bodies = Vec::new();
    let mut body_info = Vec::new();
    let mut award_kinds: Vec<rows::AwardKind> = Vec::new();
    let mut kind = |name: String,
                    short: String,
                    issuer: String,
                    category: &'static str,
                    rank: i32,
                    body: Option<i32>| {
        let id = award_kinds.len() as i32 + 1;
        award_kinds.push(rows::AwardKind {
            id,
            name,
            short_name: short,
            issuing_authority: issuer,
            category,
            rank,
            organising_body_id: body,
        });
        id
    };
    // The national catalogue, flag before certificate.
    let national_flag = kind(
        "Cờ thi đua của Chính phủ".into(),
        "Cờ thi đua của Chính phủ".into(),
        "Chính phủ".into(),
        "title",
        1,
        None,
    );
    let national_commendation = kind(
        "Bằng khen của Thủ tướng Chính phủ".into(),
        "Bằng khen của Thủ tướng Chính phủ".into(),
        "Thủ tướng Chính phủ".into(),
        "commendation",
        2,
        None,
    );
    kind(
        "Tập thể lao động xuất sắc".into(),
        "Tập thể lao động xuất sắc".into(),
        "Bộ trưởng, Chủ tịch Ủy ban nhân dân cấp tỉnh".into(),
        "title",
        3,
        None,
    );
    kind(
        "Giấy khen".into(),
        "Giấy khen".into(),
        "Thủ trưởng cơ quan, đơn vị".into(),
        "commendation",
        4,
        None,
    );
    let add_body = |bodies: &mut Vec<rows::Body>,
                    name: String,
                    short: String,
                    level: &'static str,
                    board: String| {
        let id = bodies.len() as i32 + 1;
        bodies.push(rows::Body {
            id,
            name,
            short_name: short,
            level,
            board_name: Some(board),
            sort_order: id - 1,
        });
        id
    };
    let central = add_body(
        &mut bodies,
        "Hội đồng Thi đua - Khen thưởng Trung ương".into(),
        "Hội đồng TĐKT Trung ương".into(),
        "central",
        "Ban Thi đua - Khen thưởng Trung ương".into(),
    );
    body_info.push(BodyInfo {
        id: central,
        kind: BodyKind::Central,
        flag_kind: national_flag,
        commendation_kind: national_commendation,
        flag_by: "Thủ tướng Chính phủ".into(),
        commendation_by: "Thủ tướng Chính phủ".into(),
        decision_code: "QĐ-TTg".into(),
        board_name: "Ban Thi đua - Khen thưởng Trung ương".into(),
        board_head_title: "Trưởng ban Thi đua - Khen thưởng Trung ương".into(),
        board_heads: Vec::new(),
    });
    let province_body = bodies.len();
    for (name, unit_kind) in &province_list {
        let full = unit_full_name(unit_kind, name);
        let id = add_body(
            &mut bodies,
            format!("Ủy ban nhân dân {full}"),
            format!("UBND {full}"),
            "province",
            format!("Ban Thi đua - Khen thưởng {full}"),
        );
        let flag = kind(
            format!("Cờ thi đua của Ủy ban nhân dân {full}"),
            format!("Cờ thi đua của UBND {full}"),
            format!("Ủy ban nhân dân {full}"),
            "title",
            1,
            Some(id),
        );
        let commendation = kind(
            format!("Bằng khen của Chủ tịch Ủy ban nhân dân {full}"),
            format!("Bằng khen của Chủ tịch UBND {full}"),
            format!("Chủ tịch UBND {full}"),
            "commendation",
            2,
            Some(id),
        );
        body_info.push(BodyInfo {
            id,
            kind: BodyKind::Province,
            flag_kind: flag,
            commendation_kind: commendation,
            flag_by: format!("Chủ tịch UBND {full}"),
            commendation_by: format!("Chủ tịch UBND {full}"),
            decision_code: "QĐ-UBND".into(),
            board_name: format!("Ban Thi đua - Khen thưởng {full}"),
            board_head_title: format!("Trưởng ban Thi đua - Khen thưởng {full}"),
            board_heads: Vec::new(),
        });
    }
    let chapter_body = bodies.len();
    for c in CHAPTER_BODIES {
        let board = format!("Hội đồng Thi đua - Khen thưởng {}", c.short_name);
        let id = add_body(
            &mut bodies,
            c.name.into(),
            c.short_name.into(),
            c.level,
            board.clone(),
        );
        let signer = if c.award_issuer.starts_with("Bộ ") {
            format!("Bộ trưởng {}", c.award_issuer)
        } else {
            c.award_issuer.to_string()
        };
        let flag = kind(
            format!("Cờ thi đua của {}", c.award_issuer),
            format!("Cờ thi đua của {}", c.short_name),
            c.award_issuer.into(),
            "title",
            1,
            Some(id),
        );
        let commendation = kind(
            format!("Bằng khen của {signer}"),
            format!("Bằng khen của {}", c.short_name),
            signer.clone(),
            "commendation",
            2,
            Some(id),
        );
        body_info.push(BodyInfo {
            id,
            kind: BodyKind::Chapter,
            flag_kind: flag,
            commendation_kind: commendation,
            flag_by: signer.clone(),
            commendation_by: signer,
            decision_code: format!("QĐ-{}", initials(c.award_issuer)),
            board_name: board.clone(),
            board_head_title: format!("Thường trực {board}"),
            board_heads: Vec::new(),
        });
    }
    for info in &mut body_info {
        info.board_heads = (0..TERM_STARTS.len()).map(|_| b.person()).collect();
    }

    // The provinces are units whatever the scale: communes and
    // departments name them as their parent.
    let province_units: Vec<(i32, String)> = province_list
        .iter()
        .map(|(name, kind)| b.unit(name.to_string(), kind, None, None, None))
        .collect();

    let all = specs(&mut rng, province_body, chapter_body);
    let selected = select(all.len(), scale);
    let district_end = NaiveDate::from_ymd_opt(2025, 6, 30);
    let mut clusters = Vec::new();
    let mut central_next = 0;
    let mut chapter_next = vec![0usize; CHAPTER_BODIES.len()];
    let mut department_next = vec![0usize; province_list.len()];
    for &index in &selected {
        let spec = &all[index];
        let mut last_year = None;
        let mut members = Vec::with_capacity(spec.size);
        match spec.source {
            Source::Region(r) => {
                let offset: usize = REGIONS[..r].iter().map(|(_, m)| m.len()).sum();
                for k in 0..spec.size {
                    let (id, full) = province_units[offset + k].clone();
                    let place = province_list[offset + k].0.to_string();
                    let title = leader_title("province", &full, None);
                    members.push(b.member(id, full, place, title));
                }
            }
            Source::CentralBlock => {
                for _ in 0..spec.size {
                    let (name, kind) = CENTRAL_MEMBERS[central_next % CENTRAL_MEMBERS.len()];
                    central_next += 1;
                    let (id, full) = b.unit(name.into(), kind, None, None, None);
                    let title = leader_title(kind, &full, None);
                    members.push(b.member(id, full, "Hà Nội".into(), title));
                }
            }
            Source::Chapter(c) => {
                let body = &CHAPTER_BODIES[c];
                for _ in 0..spec.size {
                    let p = chapter_next[c] % province_list.len();
                    chapter_next[c] += 1;
                    let (pname, pkind) = province_list[p];
                    let name = match (body.chapter, pkind) {
                        ("Tỉnh đoàn", "central_city") => format!("Thành đoàn {pname}"),
                        ("Tỉnh đoàn", _) => format!("Tỉnh đoàn {pname}"),
                        (chapter, _) => format!("{chapter} {}", unit_full_name(pkind, pname)),
                    };
                    let (id, full) = b.unit(name, body.chapter_kind, None, None, None);
                    let title = leader_title(body.chapter_kind, &full, Some(body.leader));
                    members.push(b.member(id, full, pname.into(), title));
                }
            }
            Source::Departments(p) => {
                let (pname, pkind) = province_list[p];
                for _ in 0..spec.size {
                    let d = DEPARTMENTS[department_next[p] % DEPARTMENTS.len()];
                    department_next[p] += 1;
                    let name = format!("{d} {}", unit_full_name(pkind, pname));
                    let parent = Some(province_units[p].0);
                    let (id, full) = b.unit(name, "department", parent, None, None);
                    let title = leader_title("department", &full, None);
                    members.push(b.member(id, full, pname.into(), title));
                }
            }
            Source::Districts(p) => {
                // District-level units ended on 1 July 2025, and their clusters with them.
                last_year = Some(LAST_YEAR);
                let pname = province_list[p].0;
                for _ in 0..spec.size {
                    let kind = match b.rng.below(10) {
                        0 => "town",
                        1 => "provincial_city",
                        _ => "district",
                    };
                    let name = b.names.place(&mut b.rng, pname);
                    let (id, full) = b.unit(
                        name.clone(),
                        kind,
                        Some(province_units[p].0),
                        district_end,
                        Some(
                            "Chấm dứt hoạt động của đơn vị hành chính cấp huyện từ ngày 01/07/2025",
                        ),
                    );
                    let title = leader_title(kind, &full, None);
                    members.push(b.member(id, full, name, title));
                }
            }
            Source::Communes(p) => {
                let pname = province_list[p].0;
                for _ in 0..spec.size {
                    let kind = if b.rng.chance(28) { "ward" } else { "commune" };
                    let name = b.names.place(&mut b.rng, pname);
                    let (id, full) =
                        b.unit(name.clone(), kind, Some(province_units[p].0), None, None);
                    let title = leader_title(kind, &full, None);
                    members.push(b.member(id, full, name, title));
                }
            }
        }
        clusters.push(ClusterPlan {
            index,
            id: clusters.len() as i32 + 1,
            name: spec.name.clone(),
            kind: spec.kind,
            body: spec.body,
            last_year,
            members,
        });
    }

    let indicators = INDICATORS
        .iter()
        .enumerate()
        .map(|(i, (name, measure, _))| rows::Indicator {
            id: i as i32 + 1,
            name,
            measure_unit: measure,
        })
        .collect();
    let movements = MOVEMENTS
        .iter()
        .enumerate()
        .map(|(i, (name, by, from, to))| rows::Movement {
            id: i as i32 + 1,
            name,
            launched_by: Some(by),
            from_year: Some(*from),
            to_year: Some(*to),
        })
        .collect();
    Plan {
        bodies,
        body_info,
        award_kinds,
        indicators,
        movements,
        units: b.units,
        people: b.people,
        clusters,
    }
}
