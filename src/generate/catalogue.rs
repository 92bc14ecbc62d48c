//! The fixed lists the generated country is built from: provinces after
//! the 2025 reorganisation, organising bodies, award catalogues,
//! indicators, movements and themes.

/// (proper name, kind): the 34 provinces and centrally-run cities from
/// 1 July 2025, grouped by the region cluster of the central council.
pub const REGIONS: &[(&str, &[(&str, &str)])] = &[
    (
        "Cụm thi đua các tỉnh miền núi, trung du phía Bắc",
        &[
            ("Lai Châu", "province"),
            ("Điện Biên", "province"),
            ("Sơn La", "province"),
            ("Lạng Sơn", "province"),
            ("Cao Bằng", "province"),
            ("Tuyên Quang", "province"),
            ("Lào Cai", "province"),
            ("Thái Nguyên", "province"),
            ("Phú Thọ", "province"),
        ],
    ),
    (
        "Cụm thi đua các tỉnh, thành phố đồng bằng sông Hồng",
        &[
            ("Hà Nội", "central_city"),
            ("Hải Phòng", "central_city"),
            ("Quảng Ninh", "province"),
            ("Bắc Ninh", "province"),
            ("Hưng Yên", "province"),
            ("Ninh Bình", "province"),
        ],
    ),
    (
        "Cụm thi đua các tỉnh, thành phố Bắc Trung Bộ và Duyên hải miền Trung",
        &[
            ("Thanh Hóa", "province"),
            ("Nghệ An", "province"),
            ("Hà Tĩnh", "province"),
            ("Quảng Trị", "province"),
            ("Huế", "central_city"),
            ("Đà Nẵng", "central_city"),
            ("Quảng Ngãi", "province"),
            ("Khánh Hòa", "province"),
        ],
    ),
    (
        "Cụm thi đua các tỉnh, thành phố Tây Nguyên và Đông Nam Bộ",
        &[
            ("Gia Lai", "province"),
            ("Đắk Lắk", "province"),
            ("Lâm Đồng", "province"),
            ("Đồng Nai", "province"),
            ("Tây Ninh", "province"),
            ("Hồ Chí Minh", "central_city"),
        ],
    ),
    (
        "Cụm thi đua các tỉnh, thành phố Tây Nam Bộ",
        &[
            ("Cần Thơ", "central_city"),
            ("Vĩnh Long", "province"),
            ("Đồng Tháp", "province"),
            ("Cà Mau", "province"),
            ("An Giang", "province"),
        ],
    ),
];

/// Ministries and central agencies, members of the central council's blocks.
pub const CENTRAL_MEMBERS: &[(&str, &str)] = &[
    ("Bộ Tài chính", "ministry"),
    ("Bộ Công Thương", "ministry"),
    ("Bộ Xây dựng", "ministry"),
    ("Bộ Nội vụ", "ministry"),
    ("Bộ Ngoại giao", "ministry"),
    ("Bộ Tư pháp", "ministry"),
    ("Bộ Y tế", "ministry"),
    ("Bộ Giáo dục và Đào tạo", "ministry"),
    ("Bộ Khoa học và Công nghệ", "ministry"),
    ("Bộ Văn hóa, Thể thao và Du lịch", "ministry"),
    ("Bộ Nông nghiệp và Môi trường", "ministry"),
    ("Bộ Dân tộc và Tôn giáo", "ministry"),
    ("Thanh tra Chính phủ", "ministry"),
    ("Ngân hàng Nhà nước Việt Nam", "ministry"),
    ("Văn phòng Chính phủ", "ministry"),
    ("Bảo hiểm xã hội Việt Nam", "central_agency"),
    ("Thông tấn xã Việt Nam", "central_agency"),
    ("Đài Tiếng nói Việt Nam", "central_agency"),
    ("Đài Truyền hình Việt Nam", "central_agency"),
    ("Kiểm toán Nhà nước", "central_agency"),
    ("Tòa án nhân dân tối cao", "central_agency"),
    ("Viện Kiểm sát nhân dân tối cao", "central_agency"),
    ("Học viện Chính trị quốc gia Hồ Chí Minh", "central_agency"),
    ("Ngân hàng Chính sách xã hội", "central_agency"),
    ("Đại học Quốc gia Hà Nội", "central_agency"),
    ("Đại học Quốc gia Thành phố Hồ Chí Minh", "central_agency"),
    (
        "Viện Hàn lâm Khoa học và Công nghệ Việt Nam",
        "central_agency",
    ),
    ("Viện Hàn lâm Khoa học xã hội Việt Nam", "central_agency"),
    ("Tập đoàn Điện lực Việt Nam", "enterprise"),
    ("Tập đoàn Dầu khí Việt Nam", "enterprise"),
    ("Tập đoàn Công nghiệp - Viễn thông Quân đội", "enterprise"),
    ("Tập đoàn Bưu chính Viễn thông Việt Nam", "enterprise"),
    ("Tập đoàn Than - Khoáng sản Việt Nam", "enterprise"),
    ("Tập đoàn Công nghiệp Cao su Việt Nam", "enterprise"),
    ("Tập đoàn Hóa chất Việt Nam", "enterprise"),
    ("Tập đoàn Dệt may Việt Nam", "enterprise"),
    ("Tổng công ty Đường sắt Việt Nam", "enterprise"),
    ("Tổng công ty Hàng không Việt Nam", "enterprise"),
    ("Tổng công ty Hàng hải Việt Nam", "enterprise"),
    ("Tổng công ty Lương thực miền Bắc", "enterprise"),
    ("Tổng công ty Lương thực miền Nam", "enterprise"),
    ("Tổng công ty Cà phê Việt Nam", "enterprise"),
    ("Tổng công ty Thuốc lá Việt Nam", "enterprise"),
    (
        "Tổng công ty Đầu tư và Kinh doanh vốn nhà nước",
        "enterprise",
    ),
    (
        "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam",
        "enterprise",
    ),
    ("Ngân hàng Phát triển Việt Nam", "enterprise"),
    ("Hội Chữ thập đỏ Việt Nam", "association"),
    (
        "Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam",
        "association",
    ),
    ("Hội Nhà báo Việt Nam", "association"),
    ("Hội Luật gia Việt Nam", "association"),
    ("Liên minh Hợp tác xã Việt Nam", "association"),
    ("Phòng Thương mại và Công nghiệp Việt Nam", "association"),
];

/// The central council's blocks of ministries, agencies and enterprises.
pub const CENTRAL_BLOCKS: &[&str] = &[
    "Khối thi đua các bộ, ngành kinh tế tổng hợp",
    "Khối thi đua các bộ, ngành nội chính",
    "Khối thi đua các bộ, ngành văn hóa - xã hội",
    "Khối thi đua các cơ quan thông tin, báo chí",
    "Khối thi đua các cơ quan tư pháp và nghiên cứu",
    "Khối thi đua các tập đoàn kinh tế",
    "Khối thi đua các tổng công ty",
    "Khối thi đua các tổ chức hội và ngân hàng",
];

/// A body other than the central council and the provinces that runs
/// blocks of its provincial chapters: (name, short name, level, board,
/// chapter prefix, chapter kind, leader's title, flag, commendation).
pub struct ChapterBody {
    pub name: &'static str,
    pub short_name: &'static str,
    pub level: &'static str,
    pub chapter: &'static str,
    pub chapter_kind: &'static str,
    pub leader: &'static str,
    pub award_issuer: &'static str,
}

pub const CHAPTER_BODIES: &[ChapterBody] = &[
    ChapterBody {
        name: "Bộ Công an",
        short_name: "Bộ Công an",
        level: "central",
        chapter: "Công an",
        chapter_kind: "agency",
        leader: "Giám đốc",
        award_issuer: "Bộ Công an",
    },
    ChapterBody {
        name: "Bộ Quốc phòng",
        short_name: "Bộ Quốc phòng",
        level: "central",
        chapter: "Bộ Chỉ huy quân sự",
        chapter_kind: "agency",
        leader: "Chỉ huy trưởng",
        award_issuer: "Bộ Quốc phòng",
    },
    ChapterBody {
        name: "Bộ Tài chính",
        short_name: "Bộ Tài chính",
        level: "central",
        chapter: "Thuế",
        chapter_kind: "agency",
        leader: "Trưởng Thuế",
        award_issuer: "Bộ Tài chính",
    },
    ChapterBody {
        name: "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
        short_name: "UBTƯ MTTQ Việt Nam",
        level: "organisation",
        chapter: "Ủy ban MTTQ Việt Nam",
        chapter_kind: "fatherland_front",
        leader: "Chủ tịch",
        award_issuer: "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
    },
    ChapterBody {
        name: "Tổng Liên đoàn Lao động Việt Nam",
        short_name: "Tổng LĐLĐ Việt Nam",
        level: "organisation",
        chapter: "Liên đoàn Lao động",
        chapter_kind: "labour_federation",
        leader: "Chủ tịch",
        award_issuer: "Tổng Liên đoàn Lao động Việt Nam",
    },
    ChapterBody {
        name: "Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh",
        short_name: "Trung ương Đoàn",
        level: "organisation",
        chapter: "Tỉnh đoàn",
        chapter_kind: "youth_union",
        leader: "Bí thư",
        award_issuer: "Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    },
    ChapterBody {
        name: "Trung ương Hội Liên hiệp Phụ nữ Việt Nam",
        short_name: "Trung ương Hội LHPN Việt Nam",
        level: "organisation",
        chapter: "Hội Liên hiệp Phụ nữ",
        chapter_kind: "womens_union",
        leader: "Chủ tịch",
        award_issuer: "Trung ương Hội Liên hiệp Phụ nữ Việt Nam",
    },
    ChapterBody {
        name: "Trung ương Hội Nông dân Việt Nam",
        short_name: "Trung ương Hội Nông dân Việt Nam",
        level: "organisation",
        chapter: "Hội Nông dân",
        chapter_kind: "farmers_union",
        leader: "Chủ tịch",
        award_issuer: "Trung ương Hội Nông dân Việt Nam",
    },
    ChapterBody {
        name: "Trung ương Hội Cựu chiến binh Việt Nam",
        short_name: "Trung ương Hội CCB Việt Nam",
        level: "organisation",
        chapter: "Hội Cựu chiến binh",
        chapter_kind: "veterans_union",
        leader: "Chủ tịch",
        award_issuer: "Trung ương Hội Cựu chiến binh Việt Nam",
    },
];

/// Departments of a province, members of its blocks ("Sở Tài chính").
pub const DEPARTMENTS: &[&str] = &[
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Tư pháp",
    "Sở Công Thương",
    "Sở Xây dựng",
    "Sở Nông nghiệp và Môi trường",
    "Sở Khoa học và Công nghệ",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Ngoại vụ",
    "Sở Dân tộc và Tôn giáo",
    "Thanh tra",
    "Văn phòng Ủy ban nhân dân",
    "Ban Quản lý các khu công nghiệp",
    "Đài Phát thanh và Truyền hình",
    "Báo và Phát thanh, Truyền hình",
    "Trường Chính trị",
    "Bảo hiểm xã hội",
    "Kho bạc Nhà nước khu vực",
    "Liên minh Hợp tác xã",
    "Hội Chữ thập đỏ",
    "Liên hiệp các Hội Khoa học và Kỹ thuật",
    "Ban Quản lý dự án đầu tư xây dựng",
];

pub const DEPARTMENT_BLOCKS: &[&str] = &[
    "Khối thi đua các sở, ngành kinh tế",
    "Khối thi đua các sở, ngành văn hóa - xã hội",
    "Khối thi đua các cơ quan tổng hợp, nội chính",
];

/// (name, measure, typical size): what clusters report every year. The
/// size sets the scale of the generated figures.
pub const INDICATORS: &[(&str, &str, u32)] = &[
    ("Tổng thu ngân sách trên địa bàn", "tỷ đồng", 900),
    ("Thu ngân sách nội địa", "tỷ đồng", 600),
    ("Tốc độ tăng trưởng kinh tế", "%", 8),
    ("Giá trị sản xuất nông, lâm, thủy sản", "tỷ đồng", 1500),
    ("Giá trị sản xuất công nghiệp", "tỷ đồng", 2500),
    ("Tổng sản lượng lương thực có hạt", "nghìn tấn", 40),
    ("Thu nhập bình quân đầu người", "triệu đồng", 45),
    ("Tỷ lệ hộ nghèo", "%", 6),
    ("Số hộ thoát nghèo", "hộ", 400),
    ("Tỷ lệ tham gia bảo hiểm y tế", "%", 92),
    ("Số trường đạt chuẩn quốc gia", "trường", 12),
    ("Số xã đạt chuẩn nông thôn mới", "xã", 10),
    ("Số thôn, khu dân cư kiểu mẫu", "thôn", 20),
    ("Tỷ lệ hồ sơ giải quyết đúng hạn", "%", 98),
    ("Số lao động được giải quyết việc làm", "người", 2500),
    ("Diện tích trồng rừng mới", "ha", 300),
    ("Số doanh nghiệp thành lập mới", "doanh nghiệp", 150),
    ("Tổng vốn đầu tư toàn xã hội", "tỷ đồng", 5000),
    ("Số sáng kiến được công nhận", "sáng kiến", 60),
    ("Tỷ lệ giải ngân vốn đầu tư công", "%", 90),
    ("Số gia đình văn hóa", "hộ", 9000),
    ("Số tập thể, cá nhân được khen thưởng", "lượt", 300),
];

/// (name, launched by, from, to).
pub const MOVEMENTS: &[(&str, &str, i32, i32)] = &[
    (
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "Bộ Chính trị",
        2006,
        2025,
    ),
    (
        "Cả nước chung sức xây dựng nông thôn mới",
        "Thủ tướng Chính phủ",
        2011,
        2025,
    ),
    (
        "Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau",
        "Thủ tướng Chính phủ",
        2016,
        2025,
    ),
    (
        "Doanh nghiệp Việt Nam hội nhập và phát triển",
        "Thủ tướng Chính phủ",
        2011,
        2025,
    ),
    (
        "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở",
        "Thủ tướng Chính phủ",
        2019,
        2025,
    ),
    (
        "Toàn dân đoàn kết xây dựng đời sống văn hóa",
        "Ủy ban Trung ương MTTQ Việt Nam",
        2005,
        2025,
    ),
    (
        "Thi đua đổi mới, sáng tạo trong quản lý, sản xuất, kinh doanh",
        "Thủ tướng Chính phủ",
        2005,
        2010,
    ),
    (
        "Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời",
        "Thủ tướng Chính phủ",
        2023,
        2025,
    ),
    (
        "Cả nước thi đua xóa nhà tạm, nhà dột nát",
        "Thủ tướng Chính phủ",
        2024,
        2025,
    ),
    (
        "Chung tay phòng, chống dịch COVID-19",
        "Thủ tướng Chính phủ",
        2020,
        2022,
    ),
];

pub const THEMES: &[&str] = &[
    "đoàn kết, kỷ cương, đổi mới, sáng tạo, hoàn thành thắng lợi nhiệm vụ năm",
    "đổi mới, sáng tạo thi đua hoàn thành vượt mức các chỉ tiêu, nhiệm vụ phát triển kinh tế - xã hội",
    "thi đua thực hiện thắng lợi nhiệm vụ chính trị, xây dựng hệ thống chính trị trong sạch, vững mạnh",
    "chủ động, linh hoạt, bứt phá, hoàn thành toàn diện các mục tiêu đề ra",
    "kỷ cương, trách nhiệm, hành động, sáng tạo, hiệu quả",
    "thi đua xây dựng chính quyền gần dân, phục vụ nhân dân",
];
