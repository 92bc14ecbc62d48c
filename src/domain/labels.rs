//! Vietnamese words for the codes stored in the database.
//!
//! Codes are stable English words (CHECK constraints list them); what a
//! reader sees is decided here, in one place.

/// The word placed before a unit's proper name: "huyện" Lộc Hà.
pub fn unit_kind_prefix(kind: &str) -> &'static str {
    match kind {
        "province" => "tỉnh",
        "central_city" => "thành phố",
        "district" => "huyện",
        "town" => "thị xã",
        "provincial_city" => "thành phố",
        "commune" => "xã",
        "ward" => "phường",
        "township" => "thị trấn",
        "special_zone" => "đặc khu",
        _ => "",
    }
}

pub fn unit_kind_label(kind: &str) -> &'static str {
    match kind {
        "province" => "Tỉnh",
        "central_city" => "Thành phố trực thuộc Trung ương",
        "ministry" => "Bộ, ngành",
        "central_agency" => "Cơ quan Trung ương",
        "district" => "Huyện",
        "town" => "Thị xã",
        "provincial_city" => "Thành phố thuộc tỉnh",
        "commune" => "Xã",
        "ward" => "Phường",
        "township" => "Thị trấn",
        "special_zone" => "Đặc khu",
        "department" => "Sở, ban, ngành",
        "agency" => "Cơ quan, đơn vị sự nghiệp",
        "enterprise" => "Doanh nghiệp",
        "fatherland_front" => "Ủy ban Mặt trận Tổ quốc Việt Nam",
        "labour_federation" => "Liên đoàn Lao động, công đoàn",
        "youth_union" => "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
        "womens_union" => "Hội Liên hiệp Phụ nữ",
        "farmers_union" => "Hội Nông dân",
        "veterans_union" => "Hội Cựu chiến binh",
        "association" => "Hội, hiệp hội khác",
        "organisation" => "Tổ chức, đoàn thể khác",
        _ => "Đơn vị khác",
    }
}

/// "huyện Lộc Hà"; kinds without a customary word keep the name alone
/// (a mass organisation, agency or enterprise is named in full already:
/// "Ủy ban MTTQ tỉnh Bắc Kạn").
pub fn unit_full_name(kind: &str, name: &str) -> String {
    match unit_kind_prefix(kind) {
        "" => name.to_string(),
        prefix => format!("{prefix} {name}"),
    }
}

pub fn body_level_label(level: &str) -> &'static str {
    match level {
        "central" => "Trung ương",
        "province" => "Cấp tỉnh",
        "district" => "Cấp huyện",
        "commune" => "Cấp xã",
        _ => "Tổ chức, đoàn thể",
    }
}

pub fn cluster_kind_label(kind: &str) -> &'static str {
    match kind {
        "cluster" => "Cụm thi đua",
        "block" => "Khối thi đua",
        _ => "Nhóm thi đua",
    }
}

/// The short word a cluster's kind goes by in titles: "Cụm", "Khối".
pub fn cluster_word(kind: &str) -> &'static str {
    match kind {
        "cluster" => "Cụm",
        "block" => "Khối",
        _ => "Nhóm",
    }
}

/// "Cụm trưởng", "Khối trưởng".
pub fn chair_title(kind: &str) -> &'static str {
    match kind {
        "cluster" => "Cụm trưởng",
        "block" => "Khối trưởng",
        _ => "Nhóm trưởng",
    }
}

/// "Cụm phó", "Khối phó".
pub fn vice_chair_title(kind: &str) -> &'static str {
    match kind {
        "cluster" => "Cụm phó",
        "block" => "Khối phó",
        _ => "Nhóm phó",
    }
}

/// "các đơn vị thành viên Cụm", "các đơn vị thành viên Khối".
pub fn members_phrase(kind: &str) -> &'static str {
    match kind {
        "cluster" => "các đơn vị thành viên Cụm",
        "block" => "các đơn vị thành viên Khối",
        _ => "các đơn vị thành viên",
    }
}

/// The subject of a printed report, after "BÁO CÁO", from the kind of its
/// main conference: "Tổng kết công tác thi đua, khen thưởng năm 2024",
/// "Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2024".
pub fn report_subject(conference_kind: Option<&str>, year: i32) -> String {
    match conference_kind {
        Some("mid_year_review") => {
            format!("Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm {year}")
        }
        Some("covenant_signing") => format!("Ký kết giao ước thi đua năm {year}"),
        Some("year_end_summary") => format!("Tổng kết công tác thi đua, khen thưởng năm {year}"),
        _ => format!("Công tác thi đua, khen thưởng năm {year}"),
    }
}

/// The text with its first letter in capitals and the rest untouched, so
/// proper names keep theirs (askama's `capitalize` lowers the rest).
pub fn capitalise_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The text with its first letter in lower case and the rest untouched.
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Upper-case Roman numerals for the sections of a report: 1 → "I".
pub fn roman(mut n: usize) -> String {
    const DIGITS: &[(usize, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for &(value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// Status of a cluster-year record.
pub fn record_status_label(status: &str) -> &'static str {
    match status {
        "draft" => "Nháp",
        "published" => "Công bố",
        _ => "",
    }
}

/// The qualifier a reported figure carries.
pub fn qualifier_label(qualifier: &str) -> &'static str {
    match qualifier {
        "estimated" => "ước đạt",
        "over" => "trên",
        "nearly" => "gần",
        "estimated_over" => "ước đạt trên",
        "estimated_nearly" => "ước đạt gần",
        _ => "",
    }
}

pub fn conference_kind_label(kind: &str) -> &'static str {
    match kind {
        "year_end_summary" => "Hội nghị tổng kết năm",
        "mid_year_review" => "Hội nghị sơ kết 6 tháng",
        "covenant_signing" => "Lễ ký kết giao ước thi đua",
        _ => "Hội nghị",
    }
}

pub fn part_of_day_label(part: &str) -> &'static str {
    match part {
        "morning" => "Sáng",
        "afternoon" => "Chiều",
        "evening" => "Tối",
        _ => "",
    }
}

pub fn participant_role_label(role: &str) -> &'static str {
    match role {
        "presiding" => "Chủ trì",
        "guest" => "Khách mời",
        "reporter" => "Báo cáo",
        "speaker" => "Phát biểu",
        _ => "Tham dự",
    }
}

/// How the chair of a year was chosen.
pub fn chair_selection_label(selection: &str) -> &'static str {
    match selection {
        "elected" => "Được bầu",
        "handed_over" => "Được bàn giao",
        "proposed" => "Được giới thiệu, đề nghị cấp trên quyết định",
        "approved" => "Được giới thiệu và cấp trên phê duyệt",
        "appointed" => "Được chỉ định",
        _ => "",
    }
}

pub fn award_status_label(status: &str) -> &'static str {
    match status {
        "proposed" => "Đề nghị",
        "appraised" => "Đã thẩm định",
        "returned" => "Trả lại hồ sơ",
        "decided" => "Đã quyết định",
        "declined" => "Không được khen thưởng",
        _ => "",
    }
}

/// A decision as far as the report gives it, never with filler for what
/// it leaves out: "Quyết định số 15/QĐ-UBND ngày 20/04/2023", "Quyết định
/// số 15/QĐ-UBND", "Quyết định tháng 04/2023", or "" when the report gives
/// neither (the status then says the decision was made). `date` is the
/// short partial form ("20/04/2023", "tháng 04/2023", "năm 2023").
pub fn decision_text(number: Option<&str>, date: Option<String>) -> String {
    let date = date.filter(|d| !d.is_empty());
    let when = |d: &str| {
        if d.starts_with("tháng") || d.starts_with("năm") {
            d.to_string()
        } else {
            format!("ngày {d}")
        }
    };
    match (number.filter(|n| !n.is_empty()), date) {
        (Some(n), Some(d)) => format!("Quyết định số {n} {}", when(&d)),
        (Some(n), None) => format!("Quyết định số {n}"),
        (None, Some(d)) => format!("Quyết định {}", when(&d)),
        (None, None) => String::new(),
    }
}

/// A decision as far as known, with who made it ("Quyết định của Đoàn
/// Chủ tịch …" when the report names only the issuer): never "Quyết
/// định số ngày" filler for what the report leaves out.
pub fn decision_by(number: Option<&str>, date: Option<String>, by: Option<&str>) -> String {
    let text = decision_text(number, date);
    match (by.filter(|b| !b.is_empty()), text.is_empty()) {
        (Some(by), true) => format!("Quyết định của {by}"),
        (Some(by), false) => format!("{text} của {by}"),
        (None, _) => text,
    }
}

pub fn award_category_label(category: &str) -> &'static str {
    match category {
        "title" => "Danh hiệu thi đua",
        _ => "Hình thức khen thưởng",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_names_carry_the_kind_word() {
        assert_eq!(unit_full_name("district", "Lộc Hà"), "huyện Lộc Hà");
        assert_eq!(unit_full_name("province", "Đắk Lắk"), "tỉnh Đắk Lắk");
        assert_eq!(unit_full_name("department", "Sở Nội vụ"), "Sở Nội vụ");
    }

    #[test]
    fn roman_numerals() {
        let got: Vec<String> = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 14, 40, 49]
            .into_iter()
            .map(roman)
            .collect();
        assert_eq!(
            got,
            [
                "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XIV", "XL", "XLIX"
            ]
        );
    }

    #[test]
    fn a_block_has_its_own_words() {
        assert_eq!(chair_title("block"), "Khối trưởng");
        assert_eq!(vice_chair_title("block"), "Khối phó");
        assert_eq!(members_phrase("block"), "các đơn vị thành viên Khối");
        assert_eq!(chair_title("cluster"), "Cụm trưởng");
    }
}
