//! Errors a request can end in, each with its status and a Vietnamese page:
//! a missing record is 404, a busy database 503, anything else 500 (logged,
//! with the cause kept out of the page).

use actix_web::http::StatusCode;
use actix_web::http::header::ContentType;
use actix_web::{HttpResponse, ResponseError};
use askama::Template;

#[derive(Debug)]
pub enum AppError {
    NotFound,
    /// Signed in, but without the right to do this.
    Forbidden,
    /// Not signed in: go to the login page, then back to this path.
    LoginRequired(String),
    /// A form without the session's CSRF token.
    CsrfRejected,
    /// A request body over the limit.
    TooLarge,
    /// A form body that is not well-formed (not UTF-8, not URL-encoded).
    BadInput,
    /// An upload that is not a well-formed form with a file.
    BadUpload,
    /// An uploaded file that is not a PDF, PNG or JPEG.
    UnsupportedFile,
    Unavailable(String),
    /// No office suite on the server to turn a Word file into PDF.
    OfficeMissing,
    Internal(String),
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AppError::NotFound => f.write_str("not found"),
            AppError::Forbidden => f.write_str("forbidden"),
            AppError::LoginRequired(next) => write!(f, "login required for {next}"),
            AppError::CsrfRejected => f.write_str("CSRF token rejected"),
            AppError::TooLarge => f.write_str("request body too large"),
            AppError::BadInput => f.write_str("malformed form body"),
            AppError::BadUpload => f.write_str("malformed upload"),
            AppError::UnsupportedFile => f.write_str("unsupported file type"),
            AppError::Unavailable(cause) => write!(f, "unavailable: {cause}"),
            AppError::OfficeMissing => f.write_str("LibreOffice is not installed"),
            AppError::Internal(cause) => write!(f, "internal error: {cause}"),
        }
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => AppError::NotFound,
            other => match crate::db::failure::unavailable(&other) {
                Some(_) => AppError::Unavailable(other.to_string()),
                None => AppError::Internal(other.to_string()),
            },
        }
    }
}

impl From<diesel::r2d2::PoolError> for AppError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        AppError::Unavailable(e.to_string())
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        AppError::Internal(e.to_string())
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    viewer: crate::auth::Viewer,
    status: u16,
    heading: &'static str,
    message: &'static str,
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden | AppError::CsrfRejected => StatusCode::FORBIDDEN,
            AppError::LoginRequired(_) => StatusCode::SEE_OTHER,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::BadInput | AppError::BadUpload => StatusCode::BAD_REQUEST,
            AppError::UnsupportedFile => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::Unavailable(_) | AppError::OfficeMissing => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        let (heading, message) = match self {
            AppError::LoginRequired(next) => {
                let target = format!("/login?next={}", crate::web::url::encode(next));
                return HttpResponse::SeeOther()
                    .insert_header((actix_web::http::header::LOCATION, target))
                    .finish();
            }
            AppError::Forbidden => (
                "Không có quyền thực hiện",
                "Tài khoản của bạn không được phép thay đổi hồ sơ này. Nếu cần, hãy liên hệ quản trị viên để được phân công.",
            ),
            AppError::CsrfRejected => (
                "Biểu mẫu không hợp lệ",
                "Biểu mẫu đã hết hạn hoặc không được gửi từ trang của cổng thông tin. Hãy tải lại trang và thực hiện lại.",
            ),
            AppError::TooLarge => (
                "Dữ liệu gửi lên quá lớn",
                "Nội dung gửi lên vượt quá giới hạn cho phép. Hãy giảm bớt nội dung hoặc dùng tệp đính kèm nhỏ hơn.",
            ),
            AppError::BadInput => (
                "Dữ liệu gửi lên không hợp lệ",
                "Biểu mẫu gửi lên có ký tự không đọc được (không phải văn bản UTF-8). Hãy tải lại trang, gõ lại nội dung rồi gửi lại.",
            ),
            AppError::BadUpload => (
                "Chưa nhận được tệp",
                "Hãy chọn tệp biên bản (PDF hoặc ảnh) rồi bấm Tải lên.",
            ),
            AppError::UnsupportedFile => (
                "Loại tệp không được nhận",
                "Chỉ nhận biên bản dạng PDF, PNG hoặc JPEG. Hãy quét hoặc lưu biên bản thành một trong các dạng đó.",
            ),
            AppError::NotFound => (
                "Không tìm thấy trang",
                "Trang hoặc hồ sơ bạn tìm không có trong cơ sở dữ liệu. Hãy kiểm tra lại đường dẫn, hoặc dùng ô tìm kiếm.",
            ),
            AppError::OfficeMissing => (
                "Chưa tạo được tệp PDF",
                "Máy chủ chưa cài LibreOffice để chuyển hồ sơ sang PDF. Hãy tải bản Word (.docx) của hồ sơ, hoặc báo quản trị viên cài gói libreoffice-writer-nogui.",
            ),
            AppError::Unavailable(cause) => {
                tracing::warn!(%cause, "database unavailable");
                (
                    "Hệ thống đang bận",
                    "Cơ sở dữ liệu đang bận. Xin vui lòng thử lại sau ít phút.",
                )
            }
            AppError::Internal(cause) => {
                tracing::error!(%cause, "request failed");
                (
                    "Đã có lỗi xảy ra",
                    "Hệ thống gặp lỗi khi xử lý yêu cầu. Lỗi đã được ghi lại; xin vui lòng thử lại sau.",
                )
            }
        };
        error_page(status, heading, message)
    }
}

/// Renders the error page; if even that fails, plain text still answers.
pub fn error_page(
    status: StatusCode,
    heading: &'static str,
    message: &'static str,
) -> HttpResponse {
    let page = ErrorPage {
        viewer: crate::auth::Viewer::default(),
        status: status.as_u16(),
        heading,
        message,
    };
    match page.render() {
        Ok(html) => HttpResponse::build(status)
            .content_type(ContentType::html())
            .body(html),
        Err(_) => HttpResponse::build(status).body(message),
    }
}
