//! One cluster's twenty-one years: the chair rotation, the year-end
//! summary conference with its minutes and people, the figures, rankings,
//! award proposals with their decisions, counts of titles, movements and
//! the covenant signed for the next year.
//!
//! What the editor would write is what is written here: a conference of
//! year Y is held in Y or early Y+1 and hosted by a member; Y's summary
//! elects Y+1's chair and signs Y+1's covenant; the current year (2025)
//! is a draft holding only what its predecessor's summary decided.

use chrono::NaiveDate;

use super::catalogue::{INDICATORS, MOVEMENTS, THEMES};
use super::plan::{BodyKind, ClusterPlan, FIRST_YEAR, LAST_YEAR, Plan, term_of};
use super::rng::Rng;
use super::rows::*;
use super::sink::Sink;
use super::text;
use crate::domain::fold::{conference_search_text, fold_for_search};
use crate::domain::labels::{chair_title, vice_chair_title};

/// The next free id of each table the years write.
#[derive(Default)]
pub struct Ids {
    membership: i32,
    year: i32,
    conference: i32,
    participant: i32,
    covenant: i32,
    value: i32,
    result: i32,
    proposal: i32,
    title_count: i32,
}

fn take(counter: &mut i32) -> i32 {
    *counter += 1;
    *counter
}

/// Tenths as a plain decimal: 525 → "52.5", 520 → "52".
fn tenths(t: i64) -> String {
    let sign = if t < 0 { "-" } else { "" };
    let t = t.abs();
    if t % 10 == 0 {
        format!("{sign}{}", t / 10)
    } else {
        format!("{sign}{}.{}", t / 10, t % 10)
    }
}

/// A date of which a report may give only part: (first day of what is
/// known, precision). An unknown date sits on the last day of `year`.
fn partial(rng: &mut Rng, day: NaiveDate, year: i32) -> (NaiveDate, &'static str) {
    use chrono::Datelike;
    match rng.below(100) {
        0..=87 => (day, "day"),
        88..=93 => (day.with_day(1).unwrap_or(day), "month"),
        94..=97 => (
            NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day),
            "year",
        ),
        _ => (
            NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(day),
            "unknown",
        ),
    }
}

fn date(rng: &mut Rng, year: i32, months: (i32, i32)) -> NaiveDate {
    let month = rng.range(months.0, months.1) as u32;
    let day = rng.range(1, 28) as u32;
    // Day 28 at most exists in every month.
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

/// "Ngày 7/1/2022" or as much as the report gives.
fn when(date: NaiveDate, precision: &str, year: i32) -> String {
    use chrono::Datelike;
    match precision {
        "day" => format!("Ngày {}/{}/{}", date.day(), date.month(), date.year()),
        "month" => format!("Tháng {}/{}", date.month(), date.year()),
        "year" => format!("Đầu năm {}", date.year()),
        _ => format!("Sau khi kết thúc năm {year}"),
    }
}

const REPORTERS: &[&str] = &[
    "Minh Hương",
    "Thu Hà",
    "Quang Vinh",
    "Hoàng Thạc",
    "Chung Thủy",
    "Ngọc Lan",
    "Đức Anh",
    "Hải Yến",
    "Phương Thảo",
    "Văn Tâm",
];

struct Held {
    id: i32,
    date: NaiveDate,
    precision: &'static str,
    place: String,
}

pub fn generate(seed: u64, plan: &Plan, c: &ClusterPlan, ids: &mut Ids, sink: &mut Sink) {
    let mut rng = Rng::stream(seed, 1_000 + c.index as u64);
    let body = &plan.body_info[c.body];
    let n = c.members.len();
    sink.clusters.push(Cluster {
        id: c.id,
        name: c.name.clone(),
        kind: c.kind,
        organising_body_id: body.id,
        first_year: Some(FIRST_YEAR),
        last_year: c.last_year,
        member_count: Some(n as i32),
        description: Some(format!(
            "{} gồm {n} thành viên, do {} tổ chức.",
            c.name, plan.bodies[c.body].short_name
        )),
        search_text: fold_for_search(&c.name),
    });
    let founded = date(&mut rng, FIRST_YEAR, (1, 3));
    let founding = format!("{}/{}", rng.range(10, 999), body.decision_code);
    for (order, m) in c.members.iter().enumerate() {
        sink.memberships.push(Membership {
            id: take(&mut ids.membership),
            cluster_id: c.id,
            unit_id: m.unit_id,
            from_year: FIRST_YEAR,
            to_year: c.last_year,
            decision_number: Some(founding.clone()),
            decision_date: Some(founded),
            sort_order: order as i32,
        });
    }

    let chair_word = chair_title(c.kind);
    let vice_word = vice_chair_title(c.kind);
    // Chairs rotate through the members, a term of one or two years.
    let term = if rng.chance(70) { 1 } else { 2 };
    let offset = rng.below(n);
    let chair_of = |y: i32| (offset + ((y - FIRST_YEAR) / term) as usize) % n;
    let mut previous: Option<Held> = None;

    for year in FIRST_YEAR..=LAST_YEAR {
        let year_id = take(&mut ids.year);
        let current = year == LAST_YEAR;
        let status = if current || rng.chance(3) {
            "draft"
        } else {
            "published"
        };
        let t = term_of(year);
        let (ci, vi) = (chair_of(year), (chair_of(year) + 1) % n);
        let (chair, vice) = (&c.members[ci], &c.members[vi]);
        let (selection, decision) = match body.kind {
            BodyKind::Central if current => ("proposed", None),
            BodyKind::Central => {
                let day = date(&mut rng, year, (2, 4));
                let (day, precision) = partial(&mut rng, day, year);
                let number = format!("{}/QĐ-HĐTĐKT", rng.range(10, 499));
                ("approved", Some((number, day, precision)))
            }
            BodyKind::Province if rng.chance(25) => ("handed_over", None),
            BodyKind::Chapter if rng.chance(30) => ("appointed", None),
            _ => ("elected", None),
        };
        let theme = (!current).then(|| rng.pick(THEMES).to_string());
        sink.years.push(ClusterYear {
            id: year_id,
            cluster_id: c.id,
            year,
            summary: theme
                .as_ref()
                .map(|theme| text::summary(&mut rng, &c.name, year, theme)),
            directions: (!current).then(|| text::directions(&mut rng, year)),
            theme,
            chair_unit_id: Some(chair.unit_id),
            chair_person_id: Some(chair.leaders[t].0),
            chair_person_title: Some(chair.leader_title.clone()),
            vice_chair_unit_id: Some(vice.unit_id),
            vice_chair_person_id: Some(vice.leaders[t].0),
            vice_chair_person_title: Some(vice.leader_title.clone()),
            chair_selection: Some(selection),
            chair_decision_number: decision.as_ref().map(|d| d.0.clone()),
            chair_decision_date: decision.as_ref().map(|d| d.1),
            chair_decision_date_precision: decision.as_ref().map_or("day", |d| d.2),
            status,
            // A draft's chair is the one the previous summary elected.
            chair_elected_at_previous: status == "draft" && year > FIRST_YEAR,
        });

        if let Some(held) = previous.take() {
            // A covenant signed on an unknown day has no date at all, as
            // the editor stores it.
            let (signed_on, signed_precision) = match held.precision {
                "unknown" => (None, "day"),
                known => (Some(held.date), known),
            };
            sink.covenants.push(Covenant {
                id: take(&mut ids.covenant),
                cluster_year_id: year_id,
                signed_on,
                conference_id: Some(held.id),
                place: Some(held.place),
                content: Some(format!(
                    "Các thành viên {} ký kết giao ước thi đua năm {year} tại hội nghị tổng kết năm {}.",
                    c.name,
                    year - 1
                )),
                signed_on_precision: signed_precision,
            });
        }
        if current {
            continue;
        }

        // Rankings, and the awards they lead to.
        let mut order: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            order.swap(i, rng.below(i + 1));
        }
        for (r, &mi) in order.iter().enumerate() {
            sink.results.push(MemberResult {
                id: take(&mut ids.result),
                cluster_year_id: year_id,
                unit_id: c.members[mi].unit_id,
                score: Some(tenths(1000 - 12 * r as i64 - rng.range(0, 9) as i64)),
                rank: Some(r as i32 + 1),
                grade: Some(match r {
                    0 => "Xuất sắc",
                    _ if r < n / 2 => "Tốt",
                    _ => "Khá",
                }),
                note: (r == 0).then(|| format!("Dẫn đầu phong trào thi đua năm {year}")),
            });
        }

        let conference_id = take(&mut ids.conference);
        let day = date(&mut rng, year + 1, (1, 3));
        let (held_on, precision) = partial(&mut rng, day, year);
        let present = if rng.chance(10) { n - 1 } else { n } as i32;
        let commended_count = rng.range(1, 3).min(n as i32 - 1) as usize;
        let flag_kind = &plan.award_kinds[body.flag_kind as usize - 1];
        let commendation_kind = &plan.award_kinds[body.commendation_kind as usize - 1];
        for (k, &mi) in order[..=commended_count].iter().enumerate() {
            let (kind, by) = if k == 0 {
                (flag_kind, &body.flag_by)
            } else {
                (commendation_kind, &body.commendation_by)
            };
            let roll = rng.below(100);
            let status = match year {
                _ if year <= LAST_YEAR - 3 => match roll {
                    0..=86 => "decided",
                    87..=93 => "declined",
                    94..=95 => "returned",
                    _ => "appraised",
                },
                _ if year == LAST_YEAR - 2 => match roll {
                    0..=49 => "decided",
                    50..=69 => "appraised",
                    _ => "proposed",
                },
                _ => {
                    if roll < 20 {
                        "appraised"
                    } else {
                        "proposed"
                    }
                }
            };
            let decided = status == "decided";
            let (decision_date, decision_precision) = if decided && !rng.chance(4) {
                let day = date(&mut rng, year + 1, (4, 8));
                let (d, p) = partial(&mut rng, day, year + 1);
                (Some(d), p)
            } else {
                (None, "day")
            };
            let (votes, unanimous) = match rng.below(10) {
                0..=3 => ((None, None, None), true),
                4..=7 => {
                    let against = rng.range(0, 1).min(present);
                    let abstain = rng.range(0, 1).min(present - against);
                    (
                        (
                            Some(present - against - abstain),
                            Some(against),
                            Some(abstain),
                        ),
                        false,
                    )
                }
                _ => ((None, None, None), false),
            };
            sink.proposals.push(AwardProposal {
                id: take(&mut ids.proposal),
                cluster_year_id: year_id,
                unit_id: c.members[mi].unit_id,
                award_kind_id: kind.id,
                conference_id: Some(conference_id),
                votes_for: votes.0,
                votes_against: votes.1,
                votes_abstain: votes.2,
                unanimous,
                status,
                decision_number: (decided && !rng.chance(5))
                    .then(|| format!("{}/{}", rng.range(100, 3999), body.decision_code)),
                decision_date,
                decided_by: matches!(status, "decided" | "declined").then(|| by.clone()),
                note: match status {
                    "declined" => {
                        Some("Không được khen thưởng: chưa đủ điều kiện theo quy định".into())
                    }
                    "returned" => Some("Trả lại hồ sơ để bổ sung".into()),
                    _ => None,
                },
                sort_order: k as i32,
                decision_date_precision: decision_precision,
            });
        }

        let next = (chair_of(year + 1), (chair_of(year + 1) + 1) % n);
        let guest = &body.board_heads[t];
        let title = format!(
            "Hội nghị tổng kết công tác thi đua, khen thưởng năm {year} và ký kết giao ước thi đua năm {}",
            year + 1
        );
        let venue = format!("Hội trường {}", chair.full_name);
        let meeting = text::Meeting {
            cluster: &c.name,
            year,
            when: when(held_on, precision, year),
            host: &chair.full_name,
            chair_name: &chair.leaders[t].1,
            chair_title: &chair.leader_title,
            guest_name: &guest.1,
            guest_title: &body.board_head_title,
            members: c.members.iter().map(|m| m.full_name.as_str()).collect(),
            flag_unit: &c.members[order[0]].full_name,
            flag_name: &flag_kind.name,
            commended: order[1..=commended_count]
                .iter()
                .map(|&mi| c.members[mi].full_name.as_str())
                .collect(),
            commendation_name: &commendation_kind.name,
            next_chair: &c.members[next.0].full_name,
            next_vice: &c.members[next.1].full_name,
            chair_word,
            vice_word,
        };
        let minutes = text::minutes(&mut rng, &meeting);
        let sourced = rng.chance(50);
        sink.conferences.push(Conference {
            id: conference_id,
            cluster_year_id: year_id,
            kind: "year_end_summary",
            search_text: conference_search_text(Some(&title), Some(&venue), Some(&chair.place)),
            title: Some(title),
            held_on,
            part_of_day: match rng.below(10) {
                0..=4 => Some("morning"),
                5..=7 => Some("afternoon"),
                _ => None,
            },
            locality: Some(chair.place.clone()),
            venue: Some(venue),
            host_unit_id: Some(chair.unit_id),
            members_present: Some(present),
            minutes: Some(minutes),
            source_title: sourced.then(|| {
                format!(
                    "{} tổng kết công tác thi đua, khen thưởng năm {year}",
                    c.name
                )
            }),
            source_author: sourced.then(|| rng.pick(REPORTERS).to_string()),
            source_published_on: (sourced && precision == "day").then_some(held_on),
            held_on_precision: precision,
        });
        let people = [
            (
                "presiding",
                Some(chair.leaders[t].0),
                format!("{}, {chair_word}", chair.leader_title),
                None,
                Some(chair.unit_id),
                "Khai mạc, báo cáo kết quả thực hiện giao ước thi đua của năm.",
            ),
            (
                "guest",
                Some(guest.0),
                body.board_head_title.clone(),
                Some(body.board_name.clone()),
                None,
                "Phát biểu chỉ đạo hội nghị.",
            ),
            (
                "speaker",
                Some(vice.leaders[t].0),
                format!("{}, {vice_word}", vice.leader_title),
                None,
                Some(vice.unit_id),
                "Tham luận, trao đổi kinh nghiệm tổ chức phong trào thi đua.",
            ),
            (
                "attendee",
                None,
                "Lãnh đạo".to_string(),
                Some(format!("Các đơn vị thành viên {}", c.name)),
                None,
                "",
            ),
        ];
        for (k, (role, person, title, organisation, unit, remarks)) in
            people.into_iter().enumerate()
        {
            sink.participants.push(Participant {
                id: take(&mut ids.participant),
                conference_id,
                role,
                person_id: person,
                title: Some(title),
                organisation,
                unit_id: unit,
                remarks: (!remarks.is_empty()).then(|| remarks.to_string()),
                sort_order: k as i32,
            });
        }

        // Figures: some nine to eleven indicators, for the cluster as a
        // whole and for every member.
        let mut picks: Vec<usize> = (0..INDICATORS.len()).collect();
        let count = rng.range(9, 11) as usize;
        for i in 0..count {
            let j = i + rng.below(picks.len() - i);
            picks.swap(i, j);
        }
        picks.truncate(count);
        picks.sort_unstable();
        let mut place = 0;
        let years_on = (year - FIRST_YEAR) as i64;
        for &ind in &picks {
            let (_, measure, size) = INDICATORS[ind];
            let percent = measure == "%";
            let decimals = matches!(measure, "%" | "tỷ đồng" | "nghìn tấn" | "triệu đồng");
            let member_values: Vec<i64> = (0..n)
                .map(|_| {
                    let base = size as i64 * 10;
                    let v = if percent {
                        base + rng.range(-30, 30) as i64
                    } else {
                        base * rng.range(50, 150) as i64 / 100 * (100 + 6 * years_on) / 100
                    };
                    let v = if percent { v.clamp(0, 1000) } else { v.max(1) };
                    if decimals { v } else { v / 10 * 10 }
                })
                .collect();
            let whole = if percent {
                member_values.iter().sum::<i64>() / n as i64
            } else {
                member_values.iter().sum()
            };
            let whole = if decimals { whole } else { whole / 10 * 10 };
            let figures = std::iter::once((None, whole)).chain(
                c.members
                    .iter()
                    .zip(&member_values)
                    .map(|(m, v)| (Some(m.unit_id), *v)),
            );
            for (unit, v) in figures {
                let note_only = unit.is_none() && rng.chance(8);
                let bound = match rng.below(20) {
                    0 | 1 => "over",
                    2 => "nearly",
                    _ => "exact",
                };
                sink.values.push(IndicatorValue {
                    id: take(&mut ids.value),
                    cluster_year_id: year_id,
                    indicator_id: ind as i32 + 1,
                    unit_id: unit,
                    value: (!note_only).then(|| tenths(v)),
                    out_of: (!note_only && ind == 11)
                        .then(|| tenths(v + 10 * rng.range(0, 5) as i64)),
                    estimated: !note_only && rng.chance(10),
                    bound: if note_only { "exact" } else { bound },
                    growth_pct: (!note_only && !percent && rng.chance(35))
                        .then(|| tenths(rng.range(-30, 150) as i64)),
                    same_period_pct: (!note_only && rng.chance(10))
                        .then(|| tenths(rng.range(900, 1200) as i64)),
                    plan_pct: (!note_only && rng.chance(15))
                        .then(|| tenths(rng.range(950, 1250) as i64)),
                    note: note_only.then(|| "Hoàn thành vượt chỉ tiêu kế hoạch".to_string()),
                    sort_order: place,
                });
                place += 1;
            }
        }

        for (k, (title, recipient, lo, hi)) in [
            ("Lao động tiên tiến", "individual", 80, 3000),
            ("Tập thể lao động tiên tiến", "collective", 5, 200),
        ]
        .into_iter()
        .enumerate()
        {
            sink.title_counts.push(TitleCount {
                id: take(&mut ids.title_count),
                cluster_year_id: year_id,
                unit_id: None,
                title,
                recipient,
                count: rng.range(lo, hi),
                note: None,
                sort_order: k as i32,
            });
        }

        let active: Vec<usize> = (0..MOVEMENTS.len())
            .filter(|&i| (MOVEMENTS[i].2..=MOVEMENTS[i].3).contains(&year))
            .collect();
        let mut linked = 0;
        for &m in &active {
            if linked < 2 && rng.chance(45) {
                sink.year_movements.push(YearMovement {
                    cluster_year_id: year_id,
                    movement_id: m as i32 + 1,
                    sort_order: linked,
                    from_year: None,
                    to_year: None,
                });
                linked += 1;
            }
        }

        previous = Some(Held {
            id: conference_id,
            date: held_on,
            precision,
            place: chair.full_name.clone(),
        });
    }
}
