//! A test app: the real application, demo data loaded, on a fresh
//! temporary database, called in-process as a browser would call it.

use actix_web::http::StatusCode;
use actix_web::test;
use tempfile::TempDir;

use thidua::db::DbPool;
use thidua::server::prepare_database;
use thidua::web::app::{AppConfig, build_app};

pub struct TestApp {
    pub config: AppConfig,
    _dir: TempDir,
    _postgres: Option<crate::engine::PgDatabase>,
}

pub struct Download {
    pub status: StatusCode,
    pub content_type: String,
    pub disposition: String,
    /// Empty when the response carries none.
    pub etag: String,
    pub bytes: Vec<u8>,
}

pub struct Page {
    pub status: StatusCode,
    pub content_type: String,
    pub body: String,
}

impl Page {
    /// Fails with the page text when a fact is missing, so the failure
    /// says what was on the page instead.
    #[track_caller]
    pub fn assert_contains(&self, fact: &str) {
        assert!(
            self.body.contains(fact),
            "expected {fact:?} on the page; page text:\n{}",
            visible_text(&self.body)
        );
    }

    /// Fails when the text is on the page, or when the page is not one:
    /// a 404 or 500 page lacks every name too, and proves nothing.
    #[track_caller]
    pub fn assert_lacks(&self, text: &str) {
        assert!(
            self.status.is_success(),
            "looked for the absence of {text:?} on a {} page:\n{}",
            self.status,
            visible_text(&self.body)
        );
        assert!(
            !self.body.contains(text),
            "did not expect {text:?} on the page"
        );
    }

    /// The text between <title> and </title>.
    pub fn title(&self) -> &str {
        let start = self.body.find("<title>").map(|i| i + 7).unwrap_or(0);
        let end = self.body[start..]
            .find("</title>")
            .map(|i| start + i)
            .unwrap_or(start);
        &self.body[start..end]
    }
}

/// What a test reads from an HTML answer as a person would: its tables'
/// rows and its definition lists, whatever the markup's white space.
pub trait Html {
    fn html(&self) -> &str;
    fn status_code(&self) -> StatusCode;

    /// Every table row of the page as its cells' visible texts.
    fn rows(&self) -> Vec<Vec<String>> {
        table_rows(self.html())
    }

    /// Fails unless some table row holds these cells side by side, whatever
    /// the markup's line breaks and attributes; the message lists the rows
    /// that hold the first cell.
    #[track_caller]
    fn assert_row(&self, cells: &[&str]) {
        let rows = self.rows();
        assert!(
            rows.iter().any(|row| holds_cells(row, cells)),
            "expected a row with {cells:?}; rows with {:?}: {:#?}",
            cells[0],
            rows.iter()
                .filter(|row| row.iter().any(|c| c == cells[0]))
                .collect::<Vec<_>>()
        );
    }

    /// Fails when some table row holds these cells side by side, or when
    /// the page is not one.
    #[track_caller]
    fn assert_no_row(&self, cells: &[&str]) {
        assert!(
            self.status_code().is_success(),
            "not a page: {}",
            self.status_code()
        );
        let rows = self.rows();
        assert!(
            !rows.iter().any(|row| holds_cells(row, cells)),
            "did not expect a row with {cells:?}"
        );
    }

    /// Every term of the page's definition lists with its description,
    /// as visible texts (`<dt>` and the `<dd>` after it).
    fn definitions(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for piece in self.html().split("<dt").skip(1) {
            let Some((_, rest)) = piece.split_once('>') else {
                continue;
            };
            let Some((term, rest)) = rest.split_once("</dt>") else {
                continue;
            };
            let description = rest
                .split_once("<dd")
                .and_then(|(_, d)| d.split_once('>'))
                .and_then(|(_, d)| d.split_once("</dd>"))
                .map_or(String::new(), |(d, _)| unescape_html(&visible_text(d)));
            out.push((unescape_html(&visible_text(term)), description));
        }
        out
    }

    /// The description of a term, if the page defines it.
    fn definition(&self, term: &str) -> Option<String> {
        self.definitions()
            .into_iter()
            .find(|(t, _)| t == term)
            .map(|(_, d)| d)
    }

    /// The index of the first table row that holds this cell.
    #[track_caller]
    fn row_index(&self, cell: &str) -> usize {
        self.rows()
            .iter()
            .position(|row| row.iter().any(|c| c == cell))
            .unwrap_or_else(|| panic!("no row holds {cell:?}"))
    }

    /// The first table row that holds this cell.
    #[track_caller]
    fn row_of(&self, cell: &str) -> Vec<String> {
        self.rows().swap_remove(self.row_index(cell))
    }
}

impl Html for Page {
    fn html(&self) -> &str {
        &self.body
    }
    fn status_code(&self) -> StatusCode {
        self.status
    }
}

impl Html for Response {
    fn html(&self) -> &str {
        &self.body
    }
    fn status_code(&self) -> StatusCode {
        self.status
    }
}

/// The rows of a ranked table: those that begin with a place ("1", "2–3").
pub fn ranked_rows(html: &str) -> Vec<Vec<String>> {
    table_rows(html)
        .into_iter()
        .filter(|row| {
            row.first().is_some_and(|place| {
                !place.is_empty() && place.chars().all(|c| c.is_ascii_digit() || c == '–')
            })
        })
        .collect()
}

/// Whether the row holds these cells next to each other, in this order.
pub fn holds_cells(row: &[String], cells: &[&str]) -> bool {
    row.windows(cells.len())
        .any(|w| w.iter().zip(cells).all(|(have, want)| have == want))
}

/// Every `<tr>` of the HTML as the visible texts of its `<th>` and `<td>`
/// cells, white space collapsed and entities undone, so a test reads a
/// table as a person does rather than as the template happens to print it.
pub fn table_rows(html: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for piece in html.split("<tr").skip(1) {
        if !piece.starts_with(['>', ' ']) {
            continue;
        }
        let row = piece.split("</tr>").next().unwrap_or("");
        let mut cells = Vec::new();
        let mut rest = row;
        while let Some(at) = rest.find(['<']) {
            rest = &rest[at..];
            let tag = if rest.starts_with("<td") {
                "</td>"
            } else if rest.starts_with("<th") && !rest.starts_with("<thead") {
                "</th>"
            } else {
                rest = &rest[1..];
                continue;
            };
            let open_end = rest.find('>').map_or(rest.len(), |e| e + 1);
            let close = rest.find(tag).unwrap_or(rest.len());
            let inner = &rest[open_end.min(close)..close];
            cells.push(unescape_html(&visible_text(inner)));
            rest = &rest[(close + tag.len()).min(rest.len())..];
        }
        rows.push(cells);
    }
    rows
}

/// The page with tags removed and white space collapsed, for messages.
pub fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl TestApp {
    pub fn with_demo() -> Self {
        Self::new(true, 4)
    }

    pub fn empty() -> Self {
        Self::new(false, 4)
    }

    /// The demo app on a pool of `size` connections: with 1, a pragma set
    /// through `pool().get()` holds for every request after it.
    pub fn with_demo_pool_size(size: u32) -> Self {
        Self::new(true, size)
    }

    fn new(with_demo: bool, pool_size: u32) -> Self {
        keep_log_callsites_enabled();
        let dir = tempfile::tempdir().expect("temporary folder");
        if let Some(server) = crate::engine::postgres_url() {
            let (location, database) = crate::engine::fresh_postgres(&server, with_demo);
            let pool = thidua::server::prepare_location(&location, with_demo, pool_size)
                .expect("database prepared");
            let mut app = Self::with_pool(dir, pool);
            // As `serve` does on PostgreSQL: other servers may write.
            app.config.cache = thidua::web::cache::PageCache::for_shared_database();
            app._postgres = Some(database);
            return app;
        }
        let file = dir.path().join("thidua.db");
        Self::on_file(dir, &file, with_demo, pool_size)
    }

    /// The app on `file`, a database in `dir` that may already hold data
    /// (one `thidua generate` wrote); `dir` lives as long as the app.
    pub fn on_file(dir: TempDir, file: &std::path::Path, with_demo: bool, pool_size: u32) -> Self {
        let pool = prepare_database(file, with_demo, pool_size).expect("database prepared");
        Self::with_pool(dir, pool)
    }

    fn with_pool(dir: TempDir, pool: DbPool) -> Self {
        TestApp {
            config: AppConfig {
                pool,
                static_dir: None,
                cookies: thidua::auth::CookiePolicy { secure: false },
                trusted_proxies: Default::default(),
                cache: Default::default(),
                // Delays are recorded, not slept: the tests read them back.
                login_pause: thidua::auth::attempts::Pause::recording(),
            },
            _dir: dir,
            _postgres: None,
        }
    }

    /// A second server on this app's PostgreSQL database: a pool, page
    /// cache, login pause and everything else of its own; only the
    /// database is shared, as between two `thidua serve` behind a load
    /// balancer. None on SQLite.
    pub fn second_server(&self) -> Option<TestApp> {
        let location = self._postgres.as_ref()?.location();
        let pool = thidua::server::prepare_location(&location, false, 4).expect("second pool");
        let mut app = Self::with_pool(tempfile::tempdir().expect("temporary folder"), pool);
        app.config.cache = thidua::web::cache::PageCache::for_shared_database();
        Some(app)
    }

    pub fn pool(&self) -> &DbPool {
        &self.config.pool
    }

    pub async fn get(&self, uri: &str) -> Page {
        let app = test::init_service(build_app(self.config.clone())).await;
        let response =
            test::call_service(&app, test::TestRequest::get().uri(uri).to_request()).await;
        let status = response.status();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let bytes = test::read_body(response).await;
        Page {
            status,
            content_type,
            body: String::from_utf8(bytes.to_vec()).expect("UTF-8 body"),
        }
    }

    /// A file as a browser downloads it, signed in or not.
    pub async fn download(&self, uri: &str, session: Option<&Session>) -> Download {
        let app = test::init_service(build_app(self.config.clone())).await;
        let mut request = test::TestRequest::get().uri(uri);
        if let Some(session) = session {
            request = request.insert_header(("cookie", session.cookie.clone()));
        }
        let response = test::call_service(&app, request.to_request()).await;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string()
        };
        let (status, content_type, disposition, etag) = (
            response.status(),
            header("content-type"),
            header("content-disposition"),
            header("etag"),
        );
        Download {
            status,
            content_type,
            disposition,
            etag,
            bytes: test::read_body(response).await.to_vec(),
        }
    }

    /// Looks a cluster's id up by its name, so tests do not depend on
    /// the order the demo data was loaded in.
    pub fn cluster_id(&self, name: &str) -> i32 {
        use diesel::prelude::*;
        use thidua::schema::clusters;
        let mut conn = self.pool().get().expect("connection");
        clusters::table
            .filter(clusters::name.eq(name))
            .select(clusters::id)
            .first(&mut conn)
            .unwrap_or_else(|_| panic!("cluster {name:?} in the demo data"))
    }

    /// The id of the organising body of this short name.
    pub fn body_id(&self, short_name: &str) -> i32 {
        use diesel::prelude::*;
        use thidua::schema::organising_bodies;
        let mut conn = self.pool().get().unwrap();
        organising_bodies::table
            .filter(organising_bodies::short_name.eq(short_name))
            .select(organising_bodies::id)
            .first(&mut conn)
            .unwrap_or_else(|_| panic!("no organising body {short_name:?}"))
    }

    pub fn unit_id(&self, name: &str, kind: &str) -> i32 {
        use diesel::prelude::*;
        use thidua::schema::units;
        let mut conn = self.pool().get().expect("connection");
        units::table
            .filter(units::name.eq(name))
            .filter(units::kind.eq(kind))
            .select(units::id)
            .first(&mut conn)
            .unwrap_or_else(|_| panic!("unit {name:?} in the demo data"))
    }
}

pub const HA_TINH_2: &str = "Cụm thi đua số 2";
pub const BAC_KAN: &str = "Cụm thi đua các huyện, thành phố";
pub const BINH_DINH: &str = "Cụm thi đua các huyện Trung du - Miền núi";
pub const CENTRAL: &str = "Cụm thi đua các tỉnh Tây Nguyên và Duyên hải miền Trung";
pub const PHUOC_SON: &str = "Phong trào thi đua toàn huyện Phước Sơn";

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// A structural check of the HTML: a doctype, `lang="vi"`, a title, and
/// every element closed in the order it was opened.
#[track_caller]
pub fn assert_well_formed(html: &str) {
    assert!(html.starts_with("<!DOCTYPE html>"), "missing doctype");
    assert!(html.contains("<html lang=\"vi\">"), "missing lang=\"vi\"");
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        let close = rest.find('>').expect("unterminated tag");
        let tag = &rest[..close];
        rest = &rest[close + 1..];
        if tag.starts_with('!') {
            continue;
        }
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if tag.starts_with('/') {
            let top = stack.pop();
            assert_eq!(
                top.as_deref(),
                Some(name.as_str()),
                "</{name}> closes <{top:?}>"
            );
        } else if !VOID.contains(&name.as_str()) {
            if name == "script" {
                // Script bodies are not markup.
                let end = rest.find("</script>").expect("unterminated script");
                rest = &rest[end + "</script>".len()..];
                continue;
            }
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    let title_start = html.find("<title>").expect("a <title>") + 7;
    let title_end = html[title_start..].find("</title>").expect("</title>");
    assert!(
        !html[title_start..title_start + title_end].trim().is_empty(),
        "empty <title>"
    );
}

/// A signed-in browser: its session cookie and the CSRF token its pages carry.
#[derive(Clone)]
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

/// A response with the headers tests look at.
pub struct Response {
    pub status: StatusCode,
    pub location: Option<String>,
    pub set_cookies: Vec<String>,
    pub headers: actix_web::http::header::HeaderMap,
    /// The body as text (downloads read lossily) and as it was sent.
    pub body: String,
    pub bytes: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn text(&self) -> String {
        self.body.clone()
    }

    #[track_caller]
    pub fn assert_contains(&self, fact: &str) {
        assert!(
            self.body.contains(fact),
            "expected {fact:?}; status {}, text:\n{}",
            self.status,
            visible_text(&self.body)
        );
    }
}

pub const CLIENT: &str = "192.0.2.10:50000";

impl TestApp {
    /// Creates an account and returns its password.
    pub fn add_user(&self, name: &str, role: &str, clusters: &[i32]) -> String {
        let password = format!("mật khẩu của {name}");
        let hash = thidua::auth::password::hash(&password).unwrap();
        let mut conn = self.pool().get().unwrap();
        thidua::auth::users::create(&mut conn, name, &hash, role, clusters).unwrap();
        password
    }

    /// Sends a request from the usual test client address.
    pub async fn send(&self, request: test::TestRequest) -> Response {
        self.send_raw(request.peer_addr(CLIENT.parse().unwrap()))
            .await
    }

    pub async fn send_raw(&self, request: test::TestRequest) -> Response {
        let app = test::init_service(build_app(self.config.clone())).await;
        let response = test::call_service(&app, request.to_request()).await;
        let status = response.status();
        let location = response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let set_cookies = response
            .headers()
            .get_all("set-cookie")
            .filter_map(|v| v.to_str().ok())
            .map(str::to_string)
            .collect();
        let headers = response.headers().clone();
        // Downloads (xlsx, docx, png) are not text; their bytes are kept as
        // far as they read.
        let bytes = test::read_body(response).await.to_vec();
        let body = String::from_utf8_lossy(&bytes).into_owned();
        Response {
            status,
            location,
            set_cookies,
            headers,
            body,
            bytes,
        }
    }

    /// Signs in through the login form, as a browser would.
    pub async fn try_login(&self, name: &str, password: &str, from: &str) -> Response {
        let form = self.send(test::TestRequest::get().uri("/login")).await;
        let cookie = form
            .set_cookies
            .iter()
            .find(|c| c.starts_with("thidua_login="))
            .expect("login form sets its token cookie")
            .split(';')
            .next()
            .unwrap()
            .to_string();
        let csrf = hidden_value(&form.body, "csrf");
        self.send_raw(
            test::TestRequest::post()
                .uri("/login")
                .peer_addr(from.parse().unwrap())
                .insert_header(("cookie", cookie))
                .set_form([
                    ("name", name),
                    ("password", password),
                    ("csrf", &csrf),
                    ("next", "/"),
                ]),
        )
        .await
    }

    pub async fn login(&self, name: &str, password: &str) -> Session {
        let response = self.try_login(name, password, CLIENT).await;
        assert_eq!(
            response.status,
            StatusCode::SEE_OTHER,
            "login: {}",
            visible_text(&response.body)
        );
        let cookie = response
            .set_cookies
            .iter()
            .find(|c| c.starts_with("thidua_session="))
            .expect("session cookie")
            .split(';')
            .next()
            .unwrap()
            .to_string();
        let home = self
            .send(
                test::TestRequest::get()
                    .uri("/")
                    .insert_header(("cookie", cookie.clone())),
            )
            .await;
        Session {
            csrf: hidden_value(&home.body, "csrf"),
            cookie,
        }
    }

    pub async fn get_as(&self, uri: &str, session: &Session) -> Response {
        self.send(
            test::TestRequest::get()
                .uri(uri)
                .insert_header(("cookie", session.cookie.clone())),
        )
        .await
    }

    pub async fn post_as(
        &self,
        uri: &str,
        session: Option<&Session>,
        fields: &[(&str, &str)],
    ) -> Response {
        let mut request = test::TestRequest::post().uri(uri).set_form(fields.to_vec());
        if let Some(session) = session {
            request = request.insert_header(("cookie", session.cookie.clone()));
        }
        self.send(request).await
    }

    pub fn audit_actions(&self) -> Vec<(String, Option<String>, Option<String>)> {
        use diesel::prelude::*;
        use thidua::schema::audit_log;
        let mut conn = self.pool().get().unwrap();
        audit_log::table
            .order(audit_log::id)
            .select((audit_log::action, audit_log::user_name, audit_log::note))
            .load(&mut conn)
            .unwrap()
    }
}

/// The cells of the first table foot's row, as text: what a reader sees,
/// whatever the markup's spacing ("Cộng", then each total).
pub fn foot_cells(html: &str) -> Vec<String> {
    let Some(start) = html.find("<tfoot>") else {
        return Vec::new();
    };
    let end = html[start..]
        .find("</tfoot>")
        .map_or(html.len(), |e| start + e);
    let foot = &html[start..end];
    foot.split(['<'])
        .filter_map(|piece| {
            let (tag, text) = piece.split_once('>')?;
            (tag.starts_with("td") || tag.starts_with("th")).then(|| unescape_html(text.trim()))
        })
        .collect()
}

/// The value of the first hidden input with this name.
pub fn hidden_value(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} field"))
        + marker.len();
    let end = html[start..].find('"').unwrap() + start;
    html[start..end].to_string()
}

/// Undoes askama's HTML escaping of text and attribute values.
pub fn unescape_html(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&#60;", "<")
        .replace("&gt;", ">")
        .replace("&#62;", ">")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
        .replace("&#38;", "&")
}

/// The fields a browser would send for the form whose action is `action`
/// (or the first form with a method when `action` is empty), as typed on
/// the page: text and hidden inputs, checked boxes, selected options and
/// text areas; buttons are left to the caller.
pub fn form_fields(html: &str, action: &str) -> Vec<(String, String)> {
    let start = if action.is_empty() {
        html.find("<form method=\"post\"")
    } else {
        html.find(&format!("action=\"{action}\""))
    }
    .unwrap_or_else(|| panic!("no form posting to {action:?}"));
    let end = start + html[start..].find("</form>").expect("</form>");
    let form = &html[start..end];
    let attr = |tag: &str, name: &str| -> Option<String> {
        let marker = format!(" {name}=\"");
        let at = tag.find(&marker)? + marker.len();
        Some(unescape_html(&tag[at..at + tag[at..].find('"')?]))
    };
    // Tags in document order, so that repeated names keep their order.
    let mut fields = Vec::new();
    let mut rest = form;
    while let Some(at) = rest.find('<') {
        let tag_end = rest[at..].find('>').map(|e| at + e).unwrap_or(rest.len());
        let tag = &rest[at..tag_end];
        let after = &rest[tag_end.min(rest.len())..];
        if tag.starts_with("<input") {
            let kind = attr(tag, "type").unwrap_or_else(|| "text".into());
            if let Some(name) = attr(tag, "name") {
                match kind.as_str() {
                    "checkbox" | "radio" => {
                        if tag.contains(" checked") {
                            fields.push((name, attr(tag, "value").unwrap_or_else(|| "on".into())));
                        }
                    }
                    "submit" | "button" | "file" => {}
                    _ => fields.push((name, attr(tag, "value").unwrap_or_default())),
                }
            }
        } else if tag.starts_with("<textarea")
            && let Some(name) = attr(tag, "name")
        {
            let close = after.find("</textarea>").expect("</textarea>");
            fields.push((name, unescape_html(&after[1..close])));
        } else if tag.starts_with("<select")
            && let Some(name) = attr(tag, "name")
        {
            let close = after.find("</select>").expect("</select>");
            let options = &after[..close];
            let mut first = None;
            let mut chosen = None;
            for (o, _) in options.match_indices("<option") {
                let otag = &options[o..o + options[o..].find('>').unwrap()];
                let value = attr(otag, "value").unwrap_or_default();
                first.get_or_insert(value.clone());
                if otag.contains(" selected") {
                    chosen = Some(value);
                }
            }
            fields.push((name, chosen.or(first).unwrap_or_default()));
        }
        rest = &rest[(tag_end + 1).min(rest.len())..];
    }
    fields
}

/// A global subscriber that discards what it gets. tracing caches, per log
/// call site, whether any subscriber wants it; with none set globally, a
/// site first reached on another test's thread can be cached as unwanted
/// in a race with the one test that sets its own subscriber for its
/// thread (ops.rs), which then misses lines. With this one every INFO site
/// stays wanted.
fn keep_log_callsites_enabled() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let sink = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::INFO)
            .with_writer(std::io::sink)
            .finish();
        let _ = tracing::subscriber::set_global_default(sink);
    });
}

/// The table reader sees cells as a reader does: line breaks, attributes
/// and inner markup do not matter, and a cell is never half of another.
#[actix_web::test]
async fn table_rows_read_cells_whatever_the_markup() {
    let html = "<table><thead><tr><th scope=\"col\">Năm</th><th>Đề nghị</th></tr></thead>\n\
        <tbody><tr>\n  <th scope=\"row\"><a href=\"/x\">2022</a></th>\n  <td class=\"num\">3</td>\n</tr>\
        <tr><td>Bằng khen &amp; Cờ</td><td>13</td></tr></tbody></table>";
    let rows = table_rows(html);
    assert_eq!(
        rows,
        [
            vec!["Năm", "Đề nghị"],
            vec!["2022", "3"],
            vec!["Bằng khen & Cờ", "13"]
        ]
    );
    assert!(holds_cells(&rows[1], &["2022", "3"]));
    assert!(!holds_cells(&rows[2], &["Bằng khen & Cờ", "1"]));
    assert!(!holds_cells(&rows[1], &["3", "2022"]));
}
