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

#[cfg(test)]
mod tests {
    use super::*;

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
