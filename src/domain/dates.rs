//! Dates the Vietnamese way.

use chrono::{Datelike, NaiveDate};

/// Short form: 07/02/2023.
pub fn short(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// The long form of official documents: "ngày 07 tháng 02 năm 2023",
/// "ngày 30 tháng 3 năm 2023". Days 1–9 and the months January and
/// February take a leading zero (Decree 30/2020/NĐ-CP), other months do not.
pub fn long(date: NaiveDate) -> String {
    let month = date.month();
    let month_text = if month <= 2 {
        format!("{month:02}")
    } else {
        month.to_string()
    };
    format!(
        "ngày {:02} tháng {} năm {}",
        date.day(),
        month_text,
        date.year()
    )
}

/// How much of a date a report gives: press officers write "ngày
/// 07/02/2023", "tháng 12/2022", "năm 2022" or nothing at all. The date
/// stored beside it is the first day of what is known (a sort key); with
/// `Unknown` it only places the record within its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Precision {
    #[default]
    Day,
    Month,
    Year,
    Unknown,
}

impl Precision {
    /// As stored.
    pub fn code(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
            Precision::Unknown => "unknown",
        }
    }

    /// From the stored code; anything else is a full date.
    pub fn from_code(code: &str) -> Self {
        match code {
            "month" => Precision::Month,
            "year" => Precision::Year,
            "unknown" => Precision::Unknown,
            _ => Precision::Day,
        }
    }
}

/// What is known of a date, in the short form: "07/02/2023",
/// "tháng 12/2022", "năm 2022", or "" when nothing is.
pub fn partial(date: NaiveDate, precision: Precision) -> String {
    match precision {
        Precision::Day => short(date),
        Precision::Month => format!("tháng {:02}/{}", date.month(), date.year()),
        Precision::Year => format!("năm {}", date.year()),
        Precision::Unknown => String::new(),
    }
}

/// What is known as a phrase that can follow a verb: "ngày 07/02/2023",
/// "tháng 12/2022", "năm 2022", or "".
pub fn partial_phrase(date: NaiveDate, precision: Precision) -> String {
    match precision {
        Precision::Day => format!("ngày {}", short(date)),
        _ => partial(date, precision),
    }
}

/// The same at the start of a sentence or a table cell: "Tháng 12/2022".
pub fn partial_capitalised(date: NaiveDate, precision: Precision) -> String {
    let text = partial(date, precision);
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// A stored optional date with its precision, as shown: "" when absent.
pub fn partial_opt(date: Option<NaiveDate>, precision: &str) -> String {
    date.map(|d| partial(d, Precision::from_code(precision)))
        .unwrap_or_default()
}

/// What is known in the long form of official documents: "ngày 07 tháng
/// 02 năm 2023", "tháng 12 năm 2022", "năm 2022", or "".
pub fn partial_long(date: NaiveDate, precision: Precision) -> String {
    match precision {
        Precision::Day => long(date),
        Precision::Month => {
            let month = date.month();
            let month_text = if month <= 2 {
                format!("{month:02}")
            } else {
                month.to_string()
            };
            format!("tháng {month_text} năm {}", date.year())
        }
        Precision::Year => format!("năm {}", date.year()),
        Precision::Unknown => String::new(),
    }
}

/// The machine-readable form for `<time datetime>`: "2023-02-07",
/// "2022-12", "2022", or "" when nothing is known.
pub fn iso_partial(date: NaiveDate, precision: Precision) -> String {
    match precision {
        Precision::Day => date.format("%Y-%m-%d").to_string(),
        Precision::Month => date.format("%Y-%m").to_string(),
        Precision::Year => date.format("%Y").to_string(),
        Precision::Unknown => String::new(),
    }
}

/// As a clerk types it back into a form: "07/02/2023", "12/2022",
/// "2022", "".
pub fn typed_back(date: NaiveDate, precision: Precision) -> String {
    match precision {
        Precision::Day => short(date),
        Precision::Month => format!("{:02}/{}", date.month(), date.year()),
        Precision::Year => date.year().to_string(),
        Precision::Unknown => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_say_only_what_is_known() {
        let date = d(2022, 12, 1);
        assert_eq!(partial(d(2023, 2, 7), Precision::Day), "07/02/2023");
        assert_eq!(partial(date, Precision::Month), "tháng 12/2022");
        assert_eq!(partial_capitalised(date, Precision::Month), "Tháng 12/2022");
        assert_eq!(partial_capitalised(date, Precision::Year), "Năm 2022");
        assert_eq!(partial(date, Precision::Unknown), "");
        assert_eq!(
            partial_long(d(2023, 2, 1), Precision::Month),
            "tháng 02 năm 2023"
        );
        assert_eq!(partial_long(date, Precision::Year), "năm 2022");
        assert_eq!(typed_back(date, Precision::Month), "12/2022");
        assert_eq!(
            Precision::from_code(Precision::Year.code()),
            Precision::Year
        );
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn short_form_pads_day_and_month() {
        assert_eq!(short(d(2023, 2, 7)), "07/02/2023");
        assert_eq!(short(d(2023, 3, 30)), "30/03/2023");
    }

    #[test]
    fn long_form_pads_days_and_only_the_first_two_months() {
        assert_eq!(long(d(2023, 2, 7)), "ngày 07 tháng 02 năm 2023");
        assert_eq!(long(d(2023, 3, 30)), "ngày 30 tháng 3 năm 2023");
        assert_eq!(long(d(2022, 1, 7)), "ngày 07 tháng 01 năm 2022");
        assert_eq!(long(d(2022, 12, 1)), "ngày 01 tháng 12 năm 2022");
    }
}
