//! What a clerk types, parsed exactly: numbers the Vietnamese way
//! ("1.854", "525,2", "2.636,5") or plainly ("1854.5"), and dates.

use chrono::NaiveDate;

use super::dates::Precision;
use super::number::Decimal;

/// The hint shown with any number we will not guess at.
pub const NUMBER_HINT: &str = "Viết số theo kiểu Việt Nam (1.854 hoặc 2.636,5) hoặc không có dấu phân cách hàng nghìn (1854.5).";

/// Parses a typed number. Returns the message to show when it is not one,
/// or when it could be read two ways.
pub fn number(text: &str) -> Result<Decimal, String> {
    let compact: String = text
        .trim()
        .trim_end_matches('%')
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if compact.is_empty() {
        return Err("Chưa nhập số.".to_string());
    }
    let (sign, body) = match compact.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", compact.as_str()),
    };
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(format!("“{}” không phải là số. {NUMBER_HINT}", text.trim()));
    }
    let ambiguous = || format!("Không rõ cách viết số “{}”. {NUMBER_HINT}", text.trim());
    let dots = body.matches('.').count();
    let commas = body.matches(',').count();
    let plain = match (dots, commas) {
        (0, 0) => body.to_string(),
        // "525,2": a decimal comma.
        (0, 1) => body.replace(',', "."),
        (_, 0) if grouped_thousands(body) => body.replace('.', ""),
        // "1854.5", "8.3", "0.125": a plain decimal point.
        (1, 0) => body.to_string(),
        // "2.636,5": dots group thousands, the comma marks decimals.
        (_, 1) => {
            let (int_part, frac) = body.split_once(',').ok_or_else(ambiguous)?;
            if !grouped_thousands(int_part) && int_part.contains('.') {
                return Err(ambiguous());
            }
            format!("{}.{frac}", int_part.replace('.', ""))
        }
        _ => return Err(ambiguous()),
    };
    Decimal::parse_plain(&format!("{sign}{plain}")).map_err(|_| ambiguous())
}

/// "1,854" is one point eight five four to a Vietnamese clerk and one
/// thousand eight hundred and fifty-four in a figure pasted from English.
/// The form reads it the Vietnamese way and says so back before saving:
/// this is what it says, for a number with one comma and exactly three
/// digits after it.
pub fn said_back(text: &str) -> Option<String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let body = compact.strip_prefix('-').unwrap_or(&compact);
    let (int_part, frac) = body.split_once(',')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(int_part) && int_part.len() <= 3 && frac.len() == 3 && digits(frac)) {
        return None;
    }
    Some(format!(
        "Đã hiểu “{t}” là số thập phân {t} (phần lẻ sau dấu phẩy). Nếu ý là {int_part}.{frac} (hàng nghìn), hãy viết {int_part}.{frac}.",
        t = text.trim()
    ))
}

/// "1.854", "1.234.567": groups of three after a first group of one to
/// three digits that does not start with 0.
fn grouped_thousands(text: &str) -> bool {
    let mut groups = text.split('.');
    let Some(first) = groups.next() else {
        return false;
    };
    let rest: Vec<&str> = groups.collect();
    !rest.is_empty()
        && (1..=3).contains(&first.len())
        && !first.starts_with('0')
        && first.bytes().all(|b| b.is_ascii_digit())
        && rest
            .iter()
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// A date as a date field sends it (2023-02-07) or as typed (07/02/2023,
/// 7/2/2023). Impossible dates such as 31/02 are refused.
pub fn date(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    // "+99999-01-01" and "-0001-01-01" parse as dates; no record of the
    // portal is that old or that far ahead.
    if !text
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'-' || b == b'/')
    {
        return Err(not_a_date(text));
    }
    let parsed = if text.contains('-') {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
    } else {
        NaiveDate::parse_from_str(text, "%d/%m/%Y")
    };
    let date = parsed.map_err(|_| not_a_date(text))?;
    if !(FIRST_YEAR..=LAST_YEAR).contains(&chrono::Datelike::year(&date)) {
        return Err(format!(
            "Ngày “{text}” nằm ngoài khoảng cổng thông tin ghi nhận (năm {FIRST_YEAR} đến {LAST_YEAR})."
        ));
    }
    Ok(date)
}

/// A date as far as a report gives it: a full date (as `date` takes it),
/// a month ("12/2022", "tháng 12/2022", "tháng 12 năm 2022"), a year
/// ("2022", "năm 2022"), or nothing (None). The date returned is the first
/// day of what is known.
pub fn partial_date(text: &str) -> Result<Option<(NaiveDate, Precision)>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let lower = text.to_lowercase();
    let bare = ["ngày", "tháng", "năm"]
        .iter()
        .find_map(|word| lower.strip_prefix(word))
        .unwrap_or(&lower)
        .trim();
    let bare = bare.replace(" năm ", "/");
    let parts: Vec<&str> = bare.split('/').map(str::trim).collect();
    let number = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let in_range = |year: u32| -> Result<i32, String> {
        let year = year as i32;
        if (FIRST_YEAR..=LAST_YEAR).contains(&year) {
            Ok(year)
        } else {
            Err(format!(
                "Ngày “{text}” nằm ngoài khoảng cổng thông tin ghi nhận (năm {FIRST_YEAR} đến {LAST_YEAR})."
            ))
        }
    };
    match parts.as_slice() {
        [year] if number(year).is_some() && year.len() == 4 => {
            let year = in_range(number(year).unwrap_or_default())?;
            Ok(NaiveDate::from_ymd_opt(year, 1, 1).map(|d| (d, Precision::Year)))
        }
        [month, year] if number(month).is_some() && number(year).is_some() && year.len() == 4 => {
            let year = in_range(number(year).unwrap_or_default())?;
            match NaiveDate::from_ymd_opt(year, number(month).unwrap_or_default(), 1) {
                Some(d) => Ok(Some((d, Precision::Month))),
                None => Err(format!("“{text}”: tháng phải từ 1 đến 12.")),
            }
        }
        _ => date(bare.as_str()).map(|d| Some((d, Precision::Day))),
    }
}

/// The years a typed date may fall in: units older than the emulation
/// movement (1948) still need their founding dates, nothing is dated
/// past the end of this century.
pub const FIRST_YEAR: i32 = 1800;
pub const LAST_YEAR: i32 = 2100;

fn not_a_date(text: &str) -> String {
    format!("“{text}” không phải là ngày có thật. Nhập theo dạng ngày/tháng/năm, ví dụ 07/02/2023.")
}

#[cfg(test)]
mod said_back_tests {
    use super::*;

    #[test]
    fn one_comma_and_three_digits_is_said_back_and_read_the_vietnamese_way() {
        assert!(said_back("1,854").unwrap().contains("số thập phân 1,854"));
        assert_eq!(number("1,854").unwrap().to_plain(), "1.854");
        assert!(said_back("525,2").is_none());
        assert!(said_back("1.854").is_none());
        assert!(said_back("2.636,500").is_none());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(text: &str) -> String {
        number(text).unwrap().to_plain()
    }

    #[test]
    fn vietnamese_and_plain_numbers_parse_exactly() {
        assert_eq!(n("1.854"), "1854");
        assert_eq!(n("525,2"), "525.2");
        assert_eq!(n("2.636,5"), "2636.5");
        assert_eq!(n("1854.5"), "1854.5");
        assert_eq!(n("1.234.567"), "1234567");
        assert_eq!(n("87.183,5"), "87183.5");
        assert_eq!(n("3,28%"), "3.28");
        assert_eq!(n("-2,5"), "-2.5");
        assert_eq!(n(" 772 "), "772");
        assert_eq!(n("8.3"), "8.3");
        assert_eq!(n("0.125"), "0.125");
    }

    #[test]
    fn ambiguous_or_malformed_numbers_are_refused_with_a_hint() {
        for bad in [
            "1,854.5",
            "1.85.4",
            "12.34.567",
            "1,2,3",
            "abc",
            "1.2.3,4,5",
            "--1",
            "",
        ] {
            let message = number(bad).unwrap_err();
            assert!(!message.is_empty(), "{bad}");
        }
        assert!(
            number("1,854.5")
                .unwrap_err()
                .contains("1.854 hoặc 2.636,5")
        );
    }

    #[test]
    fn dates_must_exist() {
        assert_eq!(
            date("07/02/2023").unwrap(),
            NaiveDate::from_ymd_opt(2023, 2, 7).unwrap()
        );
        assert_eq!(
            date("2023-03-30").unwrap(),
            NaiveDate::from_ymd_opt(2023, 3, 30).unwrap()
        );
        assert_eq!(
            date("7/2/2023").unwrap(),
            NaiveDate::from_ymd_opt(2023, 2, 7).unwrap()
        );
        assert!(date("31/02/2023").is_err());
        assert!(date("2023-02-31").is_err());
        assert!(date("hôm qua").is_err());
        for outside in [
            "0000-01-01",
            "0001-01-01",
            "-0001-01-01",
            "+99999-01-01",
            "01/01/0000",
            "01/01/2101",
            "31/12/1799",
        ] {
            assert!(date(outside).is_err(), "{outside}");
        }
        assert!(date("01/01/1800").is_ok() && date("31/12/2100").is_ok());
    }

    #[test]
    fn partial_dates_take_what_the_report_gives() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(partial_date("").unwrap(), None);
        assert_eq!(
            partial_date("07/02/2023").unwrap(),
            Some((day(2023, 2, 7), Precision::Day))
        );
        assert_eq!(
            partial_date("ngày 7/2/2023").unwrap(),
            Some((day(2023, 2, 7), Precision::Day))
        );
        for month in ["12/2022", "tháng 12/2022", "Tháng 12 năm 2022"] {
            assert_eq!(
                partial_date(month).unwrap(),
                Some((day(2022, 12, 1), Precision::Month)),
                "{month}"
            );
        }
        for year in ["2022", "năm 2022", "Năm 2022"] {
            assert_eq!(
                partial_date(year).unwrap(),
                Some((day(2022, 1, 1), Precision::Year)),
                "{year}"
            );
        }
        for bad in [
            "13/2022",
            "tháng 0/2022",
            "0000",
            "năm 99999",
            "12/22",
            "hôm qua",
            "31/02/2023",
        ] {
            assert!(partial_date(bad).is_err(), "{bad}");
        }
    }
}
