//! Exact decimal figures and their Vietnamese display.
//!
//! A reported figure is shown as it was entered ("525,2" stays 525,2, never
//! 525,20 or 525.2), so it is kept as digits and a scale, not as a float.

use std::fmt;

/// A decimal number with the number of decimals it was written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    /// The digits as an integer: 525,2 is 5252.
    mantissa: i64,
    /// How many of those digits follow the decimal separator.
    scale: u8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecimalError {
    Empty,
    Invalid,
    TooLong,
}

impl fmt::Display for DecimalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DecimalError::Empty => "Chưa nhập số.",
            DecimalError::Invalid => "Không phải là số hợp lệ.",
            DecimalError::TooLong => "Số quá dài.",
        })
    }
}

impl std::error::Error for DecimalError {}

/// At most this many digits: far beyond any figure a report gives, and
/// safely inside i64.
const MAX_DIGITS: usize = 18;

impl Decimal {
    /// Parses the canonical stored form: an optional minus, digits, and an
    /// optional "." with more digits ("2636", "525.2", "-3.28").
    pub fn parse_plain(text: &str) -> Result<Self, DecimalError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(DecimalError::Empty);
        }
        let (negative, body) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (int_part, frac_part) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int_part.is_empty()
            || !all_digits(int_part)
            || !all_digits(frac_part)
            || (body.contains('.') && frac_part.is_empty())
        {
            return Err(DecimalError::Invalid);
        }
        if int_part.len() + frac_part.len() > MAX_DIGITS {
            return Err(DecimalError::TooLong);
        }
        let digits = format!("{int_part}{frac_part}");
        let magnitude: i64 = digits.parse().map_err(|_| DecimalError::Invalid)?;
        Ok(Decimal {
            mantissa: if negative { -magnitude } else { magnitude },
            scale: frac_part.len() as u8,
        })
    }

    /// The number of decimals it was written with.
    pub fn scale(&self) -> u8 {
        self.scale
    }

    /// The nearest binary float, for a spreadsheet cell.
    pub fn to_f64(&self) -> f64 {
        // Parsing the decimal text rounds once, where dividing by a power of
        // ten would round twice.
        self.to_plain().parse().unwrap_or(f64::NAN)
    }

    pub fn is_negative(&self) -> bool {
        self.mantissa < 0
    }

    pub fn abs(&self) -> Decimal {
        Decimal {
            mantissa: self.mantissa.abs(),
            scale: self.scale,
        }
    }

    /// The canonical stored form, the inverse of [`Decimal::parse_plain`].
    pub fn to_plain(&self) -> String {
        let (int_part, frac_part) = self.split_digits();
        let sign = if self.is_negative() { "-" } else { "" };
        if frac_part.is_empty() {
            format!("{sign}{int_part}")
        } else {
            format!("{sign}{int_part}.{frac_part}")
        }
    }

    /// Vietnamese display: "." between thousands, "," before decimals:
    /// 1854 → "1.854", 87183.5 → "87.183,5", 3.28 → "3,28".
    pub fn to_vietnamese(&self) -> String {
        let (int_part, frac_part) = self.split_digits();
        let mut grouped = String::with_capacity(int_part.len() + int_part.len() / 3 + 4);
        if self.is_negative() {
            grouped.push('-');
        }
        for (i, digit) in int_part.chars().enumerate() {
            if i > 0 && (int_part.len() - i) % 3 == 0 {
                grouped.push('.');
            }
            grouped.push(digit);
        }
        if !frac_part.is_empty() {
            grouped.push(',');
            grouped.push_str(&frac_part);
        }
        grouped
    }

    /// Integer and fraction digits of the magnitude, the integer part at
    /// least "0".
    fn split_digits(&self) -> (String, String) {
        let digits = self.mantissa.unsigned_abs().to_string();
        let scale = self.scale as usize;
        if scale == 0 {
            return (digits, String::new());
        }
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (i, f) = padded.split_at(padded.len() - scale);
        (i.to_string(), f.to_string())
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_vietnamese())
    }
}

/// Formats a stored plain decimal the Vietnamese way; text that does not
/// parse is shown as it is rather than hidden.
pub fn vietnamese(stored: &str) -> String {
    Decimal::parse_plain(stored)
        .map(|d| d.to_vietnamese())
        .unwrap_or_else(|_| stored.to_string())
}

/// Formats a whole count the Vietnamese way: 1544 → "1.544".
pub fn count(n: i64) -> String {
    Decimal {
        mantissa: n,
        scale: 0,
    }
    .to_vietnamese()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vn(s: &str) -> String {
        Decimal::parse_plain(s).unwrap().to_vietnamese()
    }

    #[test]
    fn groups_thousands_with_dots_and_decimals_with_a_comma() {
        assert_eq!(vn("1854"), "1.854");
        assert_eq!(vn("87183.5"), "87.183,5");
        assert_eq!(vn("3.5"), "3,5");
        assert_eq!(vn("772"), "772");
        assert_eq!(vn("1544"), "1.544");
        assert_eq!(vn("1234567"), "1.234.567");
        assert_eq!(vn("-1234.05"), "-1.234,05");
        assert_eq!(vn("0.05"), "0,05");
    }

    #[test]
    fn keeps_the_decimals_as_entered() {
        assert_eq!(vn("525.2"), "525,2");
        assert_eq!(vn("525.20"), "525,20");
        assert_eq!(vn("3.28"), "3,28");
        assert_eq!(Decimal::parse_plain("525.20").unwrap().to_plain(), "525.20");
    }

    #[test]
    fn refuses_what_is_not_a_plain_decimal() {
        for bad in ["", "abc", "1,5", "1.", ".5", "1.2.3", "--1", "1e5"] {
            assert!(Decimal::parse_plain(bad).is_err(), "{bad} should fail");
        }
        assert_eq!(
            Decimal::parse_plain("1234567890123456789"),
            Err(DecimalError::TooLong)
        );
    }

    #[test]
    fn counts_are_grouped() {
        assert_eq!(count(1544), "1.544");
        assert_eq!(count(12), "12");
    }
}
