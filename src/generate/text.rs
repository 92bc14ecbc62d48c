//! The prose of a year: summary, directions and the minutes of its
//! summary conference (about 2 KB, as the reports run), written from
//! sentence patterns with the year's own names and figures.

use super::rng::Rng;

/// What the minutes speak of.
pub struct Meeting<'a> {
    pub cluster: &'a str,
    pub year: i32,
    /// "Ngày 7/1/2022", "Tháng 1/2022", "Đầu năm 2022".
    pub when: String,
    pub host: &'a str,
    pub chair_name: &'a str,
    pub chair_title: &'a str,
    pub guest_name: &'a str,
    pub guest_title: &'a str,
    pub members: Vec<&'a str>,
    pub flag_unit: &'a str,
    pub flag_name: &'a str,
    pub commended: Vec<&'a str>,
    pub commendation_name: &'a str,
    pub next_chair: &'a str,
    pub next_vice: &'a str,
    pub chair_word: &'a str,
    pub vice_word: &'a str,
}

const ACHIEVEMENTS: &[&str] = &[
    "các chỉ tiêu phát triển kinh tế - xã hội cơ bản hoàn thành, nhiều chỉ tiêu vượt kế hoạch đề ra",
    "công tác cải cách hành chính, chuyển đổi số có nhiều chuyển biến tích cực",
    "an sinh xã hội được bảo đảm, đời sống vật chất và tinh thần của nhân dân từng bước được nâng lên",
    "quốc phòng, an ninh được giữ vững, trật tự an toàn xã hội được bảo đảm",
    "phong trào xây dựng nông thôn mới, đô thị văn minh tiếp tục được quan tâm chỉ đạo quyết liệt",
    "công tác phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến được chú trọng",
    "thu ngân sách trên địa bàn tăng so với cùng kỳ, giải ngân vốn đầu tư công đạt khá",
];

const LIMITS: &[&str] = &[
    "một số phong trào thi đua còn mang tính hình thức, chưa thật sự đi vào chiều sâu",
    "việc phát hiện, nhân rộng điển hình tiên tiến ở một số đơn vị còn chậm",
    "tỷ lệ khen thưởng người lao động trực tiếp còn thấp",
    "sự phối hợp giữa các thành viên trong hoạt động chung có lúc chưa thường xuyên",
];

const DIRECTIONS: &[&str] = &[
    "tiếp tục đổi mới nội dung, hình thức tổ chức các phong trào thi đua, gắn với thực hiện nhiệm vụ chính trị của từng đơn vị",
    "tăng cường trao đổi, học tập kinh nghiệm giữa các thành viên; tổ chức kiểm tra chéo theo kế hoạch",
    "chú trọng khen thưởng người trực tiếp lao động, sản xuất, công tác; bảo đảm khen thưởng chính xác, kịp thời, công khai, minh bạch",
    "đẩy mạnh tuyên truyền, nhân rộng các mô hình hay, cách làm sáng tạo, gương người tốt, việc tốt",
    "tập trung hoàn thành các chỉ tiêu, nhiệm vụ trọng tâm ngay từ những tháng đầu năm",
];

fn some<'a>(rng: &mut Rng, items: &'a [&'a str], n: usize) -> Vec<&'a str> {
    let mut picked: Vec<usize> = Vec::with_capacity(n);
    while picked.len() < n.min(items.len()) {
        let i = rng.below(items.len());
        if !picked.contains(&i) {
            picked.push(i);
        }
    }
    picked.into_iter().map(|i| items[i]).collect()
}

pub fn summary(rng: &mut Rng, cluster: &str, year: i32, theme: &str) -> String {
    let good = some(rng, ACHIEVEMENTS, 3);
    let weak = some(rng, LIMITS, 1);
    format!(
        "Năm {year}, với chủ đề “{theme}”, các thành viên {cluster} đã triển khai đồng bộ các phong trào thi đua yêu nước gắn với nhiệm vụ chính trị của từng đơn vị. Nhờ đó, {}; {}; {}.\n\nBên cạnh kết quả đạt được, {} cần được khắc phục trong năm tới.",
        good[0], good[1], good[2], weak[0]
    )
}

pub fn directions(rng: &mut Rng, year: i32) -> String {
    let next = some(rng, DIRECTIONS, 3);
    format!(
        "Năm {}, các thành viên {}; {}; {}.",
        year + 1,
        next[0],
        next[1],
        next[2]
    )
}

pub fn minutes(rng: &mut Rng, m: &Meeting<'_>) -> String {
    let good = some(rng, ACHIEVEMENTS, 3);
    let weak = some(rng, LIMITS, 2);
    let next = some(rng, DIRECTIONS, 2);
    let members = m.members.join(", ");
    let commended = if m.commended.is_empty() {
        String::new()
    } else {
        format!(
            "; đề nghị tặng {} cho {}",
            m.commendation_name,
            m.commended.join(", ")
        )
    };
    format!(
        "{when}, tại {host}, {cluster} tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm {year} và ký kết giao ước thi đua năm {next_year}. Đồng chí {chair} - {chair_title}, {chair_word} chủ trì hội nghị. Dự hội nghị có đồng chí {guest} - {guest_title}; lãnh đạo các đơn vị thành viên: {members}.\n\n\
         Thay mặt {chair_word}, đồng chí {chair} báo cáo kết quả thực hiện giao ước thi đua năm {year}. Năm qua, {g0}; {g1}; {g2}.\n\n\
         Báo cáo cũng chỉ rõ những hạn chế: {w0}; {w1}.\n\n\
         Phát biểu chỉ đạo, đồng chí {guest} ghi nhận, biểu dương những kết quả mà các thành viên đạt được; đề nghị năm {next_year} các đơn vị {n0}; {n1}.\n\n\
         Tại hội nghị, các thành viên đã bình xét, suy tôn {flag_unit} dẫn đầu phong trào thi đua, đề nghị tặng {flag_name}{commended}. Hội nghị thống nhất bầu {next_chair} làm {chair_word}, {next_vice} làm {vice_word} năm {next_year}; các đơn vị đã ký kết giao ước thi đua năm {next_year}.",
        when = m.when,
        host = m.host,
        cluster = m.cluster,
        year = m.year,
        next_year = m.year + 1,
        chair = m.chair_name,
        chair_title = m.chair_title,
        chair_word = m.chair_word,
        vice_word = m.vice_word,
        guest = m.guest_name,
        guest_title = m.guest_title,
        g0 = good[0],
        g1 = good[1],
        g2 = good[2],
        w0 = weak[0],
        w1 = weak[1],
        n0 = next[0],
        n1 = next[1],
        flag_unit = m.flag_unit,
        flag_name = m.flag_name,
        next_chair = m.next_chair,
        next_vice = m.next_vice,
    )
}
