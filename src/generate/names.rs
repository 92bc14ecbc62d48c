//! Vietnamese names built from syllable lists: people (family, middle and
//! given names) and places (two-syllable names of communes and wards).

use std::collections::HashSet;

use super::rng::Rng;

/// Family names, the common ones more than once so they come up as often
/// as they do in the country.
const FAMILY: &[&str] = &[
    "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Phạm", "Hoàng",
    "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đoàn",
    "Trương", "Lương", "Hà", "Mai", "Tạ", "Cao", "Nông", "Lò", "Triệu", "Quách", "Chu",
];

const MIDDLE_MALE: &[&str] = &[
    "Văn", "Văn", "Văn", "Hữu", "Đức", "Quang", "Minh", "Công", "Xuân", "Thanh", "Ngọc", "Đình",
    "Trọng", "Quốc", "Khắc", "Tiến", "Mạnh", "Duy", "Anh", "Bá",
];

const MIDDLE_FEMALE: &[&str] = &[
    "Thị", "Thị", "Thị", "Thu", "Thanh", "Ngọc", "Minh", "Kim", "Hồng", "Phương", "Thùy", "Bích",
    "Diệu", "Hoài", "Mỹ",
];

const GIVEN_MALE: &[&str] = &[
    "Hùng", "Dũng", "Tuấn", "Thắng", "Bình", "Sơn", "Hải", "Long", "Nam", "Phong", "Quân", "Thành",
    "Trung", "Tùng", "Việt", "Cường", "Đạt", "Định", "Hiếu", "Hòa", "Khánh", "Lâm", "Lợi", "Mạnh",
    "Nghĩa", "Phúc", "Quang", "Tài", "Thọ", "Toàn", "Vinh", "Vượng", "Bằng", "Chiến", "Đông",
    "Giang", "Hậu", "Kiên", "Luận", "Nguyên", "Tháp", "Thông", "Tỏ", "Trí", "Tú", "Tâm", "Huy",
    "Khải", "Lộc", "Thịnh",
];

const GIVEN_FEMALE: &[&str] = &[
    "Lan", "Hương", "Hoa", "Mai", "Linh", "Hà", "Hằng", "Thảo", "Trang", "Nga", "Ngọc", "Phương",
    "Thủy", "Yến", "Dung", "Hạnh", "Huyền", "Loan", "Nhung", "Oanh", "Quyên", "Thơ", "Vân", "Xuân",
    "Liên", "Hiền", "Giang", "Thư", "Nhàn", "Duyên",
];

/// Syllables of place names, paired into "Tân Phú", "An Bình", "Hòa Lợi".
const PLACE_FIRST: &[&str] = &[
    "An", "Tân", "Hòa", "Phú", "Bình", "Thạnh", "Long", "Vĩnh", "Phước", "Thái", "Hưng", "Đông",
    "Tây", "Nam", "Bắc", "Trung", "Quảng", "Kim", "Ngọc", "Xuân", "Thanh", "Hương", "Cẩm", "Yên",
    "Lộc", "Mỹ", "Hải", "Sơn", "Đại", "Minh", "Quang", "Hồng", "Đức", "Thuận", "Gia", "Kỳ",
    "Nghĩa", "Tiên", "Hiệp", "Lạc",
];

const PLACE_SECOND: &[&str] = &[
    "Phú", "Bình", "Lợi", "Hòa", "Thành", "Hưng", "Lộc", "Thịnh", "An", "Điền", "Sơn", "Hải",
    "Phong", "Tiến", "Mỹ", "Đông", "Tây", "Trung", "Khánh", "Long", "Xuân", "Thuận", "Nghĩa",
    "Hiệp", "Lạc", "Phước", "Quang", "Vinh", "Thạnh", "Châu", "Giang", "Hà", "Lâm", "Dương", "Tân",
    "Yên", "Định", "Cường", "Thắng", "Trạch",
];

/// Names handed out once each: a person's name names one person, a place
/// name one place within its province.
#[derive(Default)]
pub struct Unique {
    taken: HashSet<String>,
}

impl Unique {
    /// A full name not given before: three syllables, four when the
    /// three-syllable ones run out for the draws made.
    pub fn person(&mut self, rng: &mut Rng) -> String {
        for attempt in 0.. {
            let female = rng.chance(35);
            let (middles, givens) = if female {
                (MIDDLE_FEMALE, GIVEN_FEMALE)
            } else {
                (MIDDLE_MALE, GIVEN_MALE)
            };
            let family = rng.pick(FAMILY);
            let middle = rng.pick(middles);
            let given = rng.pick(givens);
            let name = if attempt < 8 {
                format!("{family} {middle} {given}")
            } else {
                let second = rng.pick(middles);
                format!("{family} {middle} {second} {given}")
            };
            if self.taken.insert(name.clone()) {
                return name;
            }
        }
        unreachable!("the loop only ends by returning")
    }

    /// A two-syllable place name not used before under `scope` (a
    /// province), e.g. "Tân Phú".
    pub fn place(&mut self, rng: &mut Rng, scope: &str) -> String {
        for attempt in 0.. {
            let first = rng.pick(PLACE_FIRST);
            let second = rng.pick(PLACE_SECOND);
            if first == second {
                continue;
            }
            let name = if attempt < 50 {
                format!("{first} {second}")
            } else {
                // Every pair of this province is taken: number it, as
                // "Tân Phú 2" is how a split commune is often named.
                format!("{first} {second} {}", attempt / 50 + 1)
            };
            if self.taken.insert(format!("{scope}\u{1f}{name}")) {
                return name;
            }
        }
        unreachable!("the loop only ends by returning")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_vietnamese() {
        let mut rng = Rng::new(3);
        let mut unique = Unique::default();
        let names: Vec<String> = (0..20_000).map(|_| unique.person(&mut rng)).collect();
        let set: HashSet<&String> = names.iter().collect();
        assert_eq!(set.len(), names.len());
        assert!(names.iter().any(|n| n.starts_with("Nguyễn ")));
        let a = unique.place(&mut rng, "Lào Cai");
        assert_eq!(a.split(' ').count(), 2);
    }
}
