//! The cluster and year a sheet's rows belong to: a row's own columns,
//! else what the admin picked beside the file, else the title above the
//! header ("Chỉ tiêu, điểm và xếp hạng — Cụm thi đua số 2 — năm 2022"),
//! as the portal's downloads and boards' own sheets write it.

use super::Context;
use super::columns::Line;
use super::names::ClusterIndex;
use super::plan::Plan;
use crate::domain::fold::fold_for_search;

/// What a sheet says of its cluster and year outside its rows.
pub struct Scope {
    cluster: Option<i32>,
    year: Option<i32>,
}

impl Scope {
    /// The admin's pick over the title; the message when the pick names
    /// no cluster.
    pub fn of(
        rows: &[(usize, Vec<String>)],
        header_row: usize,
        clusters: &ClusterIndex,
        context: &Context,
    ) -> Result<Scope, String> {
        let (titled_cluster, titled_year) = from_title(rows, header_row, clusters);
        let picked = match context.cluster.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(typed) => Some(match typed.parse::<i32>() {
                Ok(id) if clusters.has(id) => id,
                _ => clusters.resolve(typed, "")?,
            }),
        };
        Ok(Scope {
            cluster: picked.or(titled_cluster),
            year: context.year.or(titled_year),
        })
    }

    /// The row's cluster and year; None, with the error recorded, when
    /// they cannot be told.
    pub fn year_of(
        &self,
        line: &Line,
        plan: &mut Plan,
        clusters: &ClusterIndex,
    ) -> Option<(i32, i32)> {
        let cluster = match line.get("cluster") {
            "" => self.cluster,
            typed => match clusters.resolve(typed, line.get("body")) {
                Ok(id) => Some(id),
                Err(message) => {
                    line.error(plan, "cluster", message);
                    return None;
                }
            },
        };
        let year = match line.get("year") {
            "" => self.year,
            _ => Some(line.year(plan, "year")?),
        };
        match (cluster, year) {
            (Some(c), Some(y)) => Some((c, y)),
            _ => {
                line.error(
                    plan,
                    "cluster",
                    "Không rõ cụm, khối và năm: ghi ở dòng tiêu đề (ví dụ “Cụm thi đua số 2 — năm 2022”), thêm cột Cụm, khối và Năm, hoặc chọn khi tải tệp lên.",
                );
                None
            }
        }
    }
}

/// The cluster and year the file's title rows name, if any.
fn from_title(
    rows: &[(usize, Vec<String>)],
    header_row: usize,
    clusters: &ClusterIndex,
) -> (Option<i32>, Option<i32>) {
    let title: String = rows
        .iter()
        .filter(|(n, _)| *n < header_row)
        .flat_map(|(_, cells)| cells.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" ");
    let folded = fold_for_search(&title);
    let year = folded
        .match_indices("nam ")
        .filter_map(|(at, m)| {
            let digits: String = folded[at + m.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits
                .parse::<i32>()
                .ok()
                .filter(|y| (1945..=2100).contains(y))
        })
        .last();
    (clusters.named_in(&title), year)
}
