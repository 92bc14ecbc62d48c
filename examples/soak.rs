//! The soak test's load generator and checker (scripts/soak.sh), kept out
//! of the product binary. Standard library HTTP/1.1 over loopback only.
//!
//!   soak targets --database DB --count M      cluster/year pairs to edit, one a line
//!   soak read    --addr A --seconds S --readers N --path P [--path P…]
//!   soak write   --addr A --seconds S --user U --password W --target C/Y [--target C/Y…] --log FILE
//!                [--stop-file F]                 (stops early once F exists)
//!   soak check   --database DB --log FILE     acknowledged saves missing, integrity
//!
//! `read` and `write` print one line of `key=value` figures at the end.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

type Error = Box<dyn std::error::Error + Send + Sync>;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprintln!("usage: soak targets|read|write|check …");
        std::process::exit(2);
    };
    let opts = Options::parse(rest);
    let result = match command.as_str() {
        "targets" => targets(&opts),
        "read" => read(&opts),
        "write" => write(&opts),
        "check" => check(&opts),
        other => Err(format!("unknown command {other}").into()),
    };
    if let Err(e) = result {
        eprintln!("soak {command}: {e}");
        std::process::exit(1);
    }
}

/// `--key value` pairs; a key may repeat.
struct Options(HashMap<String, Vec<String>>);

impl Options {
    fn parse(args: &[String]) -> Self {
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for pair in args.chunks(2) {
            let key = pair[0].trim_start_matches("--").to_string();
            map.entry(key)
                .or_default()
                .push(pair.get(1).cloned().unwrap_or_default());
        }
        Options(map)
    }
    fn all(&self, key: &str) -> Vec<String> {
        self.0.get(key).cloned().unwrap_or_default()
    }
    fn get(&self, key: &str) -> Result<String, Error> {
        self.all(key)
            .pop()
            .ok_or_else(|| format!("--{key} is required").into())
    }
    fn number(&self, key: &str) -> Result<u64, Error> {
        Ok(self.get(key)?.parse()?)
    }
}

// ---------------------------------------------------------------- HTTP

struct Response {
    status: u16,
    cookies: Vec<String>,
    body: String,
}

/// One keep-alive connection to the portal.
struct Client {
    addr: SocketAddr,
    stream: Option<BufReader<TcpStream>>,
}

impl Client {
    fn new(addr: SocketAddr) -> Self {
        Client { addr, stream: None }
    }

    fn request(
        &mut self,
        method: &str,
        path: &str,
        cookie: &str,
        form: Option<&str>,
    ) -> Result<Response, Error> {
        let result = self.try_request(method, path, cookie, form);
        if result.is_err() {
            self.stream = None;
        }
        result
    }

    fn try_request(
        &mut self,
        method: &str,
        path: &str,
        cookie: &str,
        form: Option<&str>,
    ) -> Result<Response, Error> {
        if self.stream.is_none() {
            let stream = TcpStream::connect_timeout(&self.addr, Duration::from_secs(2))?;
            stream.set_nodelay(true)?;
            stream.set_read_timeout(Some(Duration::from_secs(20)))?;
            self.stream = Some(BufReader::new(stream));
        }
        let reader = self.stream.as_mut().ok_or("no connection")?;
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\n", self.addr);
        if !cookie.is_empty() {
            head += &format!("Cookie: {cookie}\r\n");
        }
        let body = form.unwrap_or("");
        if form.is_some() {
            head += &format!(
                "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
                body.len()
            );
        }
        head += "\r\n";
        let stream = reader.get_mut();
        stream.write_all(head.as_bytes())?;
        stream.write_all(body.as_bytes())?;

        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Err("connection closed".into());
        }
        let status: u16 = line.split_whitespace().nth(1).ok_or("no status")?.parse()?;
        let (mut length, mut chunked, mut close, mut cookies) = (0usize, false, false, Vec::new());
        loop {
            line.clear();
            reader.read_line(&mut line)?;
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            let (name, value) = header.split_once(':').ok_or("bad header")?;
            let value = value.trim();
            match name.to_ascii_lowercase().as_str() {
                "content-length" => length = value.parse()?,
                "transfer-encoding" => chunked = value.eq_ignore_ascii_case("chunked"),
                "connection" => close = value.eq_ignore_ascii_case("close"),
                "set-cookie" => cookies.push(value.split(';').next().unwrap_or("").to_string()),
                _ => {}
            }
        }
        let mut bytes = Vec::new();
        if chunked {
            loop {
                line.clear();
                reader.read_line(&mut line)?;
                let size = usize::from_str_radix(line.trim(), 16)?;
                let mut chunk = vec![0; size + 2];
                reader.read_exact(&mut chunk)?;
                bytes.extend_from_slice(&chunk[..size]);
                if size == 0 {
                    break;
                }
            }
        } else {
            bytes.resize(length, 0);
            reader.read_exact(&mut bytes)?;
        }
        if close {
            self.stream = None;
        }
        Ok(Response {
            status,
            cookies,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        })
    }
}

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out += &format!("%{b:02X}"),
        }
    }
    out
}

fn form_body(fields: &[(String, String)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

// ---------------------------------------------------------------- HTML forms

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let marker = format!(" {name}=\"");
    let start = tag.find(&marker)? + marker.len();
    let end = tag[start..].find('"')? + start;
    Some(unescape(&tag[start..end]))
}

/// The fields a browser would send for the first form whose action ends
/// with `action_suffix` (text inputs, hidden inputs, checked boxes, the
/// selected option of each select, textareas).
fn form_fields(html: &str, action_suffix: &str) -> Option<Vec<(String, String)>> {
    let start = html.match_indices("<form").map(|(i, _)| i).find(|&i| {
        html[i..]
            .split('>')
            .next()
            .is_some_and(|t| t.contains(&format!("{action_suffix}\"")))
    })?;
    let end = html[start..].find("</form>")? + start;
    let form = &html[start..end];
    let mut fields = Vec::new();
    let mut rest = form;
    while let Some(open) = rest.find('<') {
        rest = &rest[open..];
        let tag_end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..tag_end];
        if tag.starts_with("<input") {
            let kind = attribute(tag, "type").unwrap_or_else(|| "text".into());
            if let Some(name) = attribute(tag, "name") {
                let value = attribute(tag, "value").unwrap_or_default();
                match kind.as_str() {
                    "checkbox" | "radio" if !tag.contains(" checked") => {}
                    "file" | "submit" | "button" => {}
                    _ => fields.push((name, value)),
                }
            }
        } else if tag.starts_with("<textarea") {
            let name = attribute(tag, "name");
            let body_start = tag_end + 1;
            let body_end = rest.find("</textarea>").unwrap_or(body_start);
            if let Some(name) = name {
                fields.push((
                    name,
                    unescape(rest[body_start..body_end].trim_start_matches('\n')),
                ));
            }
        } else if tag.starts_with("<select") {
            let name = attribute(tag, "name");
            let close = rest.find("</select>").unwrap_or(rest.len());
            let options = &rest[..close];
            let mut chosen = None;
            let mut first = None;
            for option in options.split("<option").skip(1) {
                let otag = option.split('>').next().unwrap_or("");
                let value = attribute(&format!(" {otag}"), "value").unwrap_or_default();
                first.get_or_insert(value.clone());
                if otag.contains(" selected") {
                    chosen = Some(value);
                }
            }
            if let Some(name) = name {
                fields.push((name, chosen.or(first).unwrap_or_default()));
            }
        }
        rest = &rest[tag_end.min(rest.len())..];
        if rest.is_empty() {
            break;
        }
        rest = &rest[1..];
    }
    Some(fields)
}

fn hidden(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(unescape(&html[start..end]))
}

// ---------------------------------------------------------------- read

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn read(opts: &Options) -> Result<(), Error> {
    let addr: SocketAddr = opts.get("addr")?.parse()?;
    let seconds = opts.number("seconds")?;
    let readers = opts.number("readers")?;
    let paths = opts.all("path");
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let latencies = Arc::new(Mutex::new(Vec::<f64>::new()));
    let errors = Arc::new(AtomicU64::new(0));
    let threads: Vec<_> = (0..readers)
        .map(|r| {
            let (paths, latencies, errors) = (paths.clone(), latencies.clone(), errors.clone());
            std::thread::spawn(move || {
                let mut client = Client::new(addr);
                let mut mine = Vec::new();
                let mut n = r as usize;
                while Instant::now() < deadline {
                    let path = &paths[n % paths.len()];
                    n += 1;
                    let started = Instant::now();
                    match client.request("GET", path, "", None) {
                        Ok(r) if r.status == 200 => {
                            mine.push(started.elapsed().as_secs_f64() * 1000.0)
                        }
                        _ => {
                            errors.fetch_add(1, Ordering::Relaxed);
                            std::thread::sleep(Duration::from_millis(50));
                        }
                    }
                }
                latencies.lock().unwrap().extend(mine);
            })
        })
        .collect();
    for t in threads {
        let _ = t.join();
    }
    let mut all = latencies.lock().unwrap().clone();
    all.sort_by(|a, b| a.total_cmp(b));
    println!(
        "requests={} errors={} p50_ms={:.2} p99_ms={:.2}",
        all.len(),
        errors.load(Ordering::Relaxed),
        percentile(&all, 0.50),
        percentile(&all, 0.99)
    );
    Ok(())
}

// ---------------------------------------------------------------- write

struct Writer {
    client: Client,
    cookie: String,
    /// How long each save's POST took, in milliseconds.
    post_ms: Vec<f64>,
}

impl Writer {
    fn login(&mut self, user: &str, password: &str) -> Result<(), Error> {
        let form = self.client.request("GET", "/login", "", None)?;
        let token = form
            .cookies
            .iter()
            .find(|c| c.starts_with("thidua_login="))
            .ok_or("no login cookie")?;
        let csrf = hidden(&form.body, "csrf").ok_or("no csrf on /login")?;
        let body = form_body(&[
            ("name".into(), user.into()),
            ("password".into(), password.into()),
            ("csrf".into(), csrf),
            ("next".into(), "/".into()),
        ]);
        let done = self.client.request("POST", "/login", token, Some(&body))?;
        self.cookie = done
            .cookies
            .iter()
            .find(|c| c.starts_with("thidua_session=") || c.starts_with("__Host-thidua_session="))
            .ok_or_else(|| format!("login refused ({})", done.status))?
            .clone();
        Ok(())
    }

    /// Opens the form, changes the theme to `marker`, saves. Ok(true) when
    /// the portal acknowledged the save (303 to the year page).
    fn save(&mut self, target: &str, marker: &str) -> Result<bool, Error> {
        let (cluster, year) = target.split_once('/').ok_or("target is CLUSTER/YEAR")?;
        let path = format!("/clusters/{cluster}/years/{year}/edit");
        let page = self.client.request("GET", &path, &self.cookie, None)?;
        if page.status == 303 {
            // Sent to the login page: the session ended; sign in again.
            self.cookie.clear();
        }
        if page.status != 200 {
            return Err(format!("GET {path}: {}", page.status).into());
        }
        let mut fields = form_fields(&page.body, &path).ok_or("no year form")?;
        fields.retain(|(k, _)| k != "theme");
        fields.push(("theme".into(), marker.into()));
        fields.push(("action".into(), "save".into()));
        let started = Instant::now();
        let saved = self
            .client
            .request("POST", &path, &self.cookie, Some(&form_body(&fields)))?;
        self.post_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        Ok(saved.status == 303)
    }
}

fn write(opts: &Options) -> Result<(), Error> {
    let addr: SocketAddr = opts.get("addr")?.parse()?;
    let seconds = opts.number("seconds")?;
    let (user, password) = (opts.get("user")?, opts.get("password")?);
    let log = Arc::new(Mutex::new(
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(opts.get("log")?)?,
    ));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let acknowledged = Arc::new(AtomicU64::new(0));
    let refused = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    let first_error = Arc::new(Mutex::new(None::<String>));
    let stop = Arc::new(AtomicBool::new(false));
    let stop_file = opts.all("stop-file").pop();
    let threads: Vec<_> = opts
        .all("target")
        .into_iter()
        .enumerate()
        .map(|(w, target)| {
            let (user, password, log) = (user.clone(), password.clone(), log.clone());
            let stop_file = stop_file.clone();
            let (acknowledged, refused, failed, first_error, stop) = (
                acknowledged.clone(),
                refused.clone(),
                failed.clone(),
                first_error.clone(),
                stop.clone(),
            );
            std::thread::spawn(move || {
                let mut writer = Writer {
                    client: Client::new(addr),
                    cookie: String::new(),
                    post_ms: Vec::new(),
                };
                let run = format!("{}", std::process::id());
                let mut n = 0u64;
                while Instant::now() < deadline && !stop.load(Ordering::Relaxed) {
                    if stop_file
                        .as_ref()
                        .is_some_and(|f| std::path::Path::new(f).exists())
                    {
                        break;
                    }
                    if writer.cookie.is_empty()
                        && let Err(e) = writer.login(&user, &password)
                    {
                        failed.fetch_add(1, Ordering::Relaxed);
                        first_error.lock().unwrap().get_or_insert(e.to_string());
                        std::thread::sleep(Duration::from_millis(100));
                        continue;
                    }
                    let marker = format!("soak {run} w{w} n{n}");
                    n += 1;
                    match writer.save(&target, &marker) {
                        Ok(true) => {
                            acknowledged.fetch_add(1, Ordering::Relaxed);
                            // One write call per line: a killed run leaves
                            // no half line behind.
                            let line = format!("{marker}\n");
                            let _ = log.lock().unwrap().write_all(line.as_bytes());
                        }
                        Ok(false) => {
                            refused.fetch_add(1, Ordering::Relaxed);
                        }
                        Err(e) => {
                            // The server is down (the kill -9 phase) or answered
                            // oddly: not acknowledged; try again shortly.
                            failed.fetch_add(1, Ordering::Relaxed);
                            first_error.lock().unwrap().get_or_insert(e.to_string());
                            std::thread::sleep(Duration::from_millis(50));
                        }
                    }
                }
                writer.post_ms
            })
        })
        .collect();
    let mut post_ms: Vec<f64> = Vec::new();
    for t in threads {
        post_ms.extend(t.join().unwrap_or_default());
    }
    post_ms.sort_by(f64::total_cmp);
    println!(
        "acknowledged={} refused={} failed={} save_p50_ms={:.2} save_p99_ms={:.2} first_error={:?}",
        acknowledged.load(Ordering::Relaxed),
        refused.load(Ordering::Relaxed),
        failed.load(Ordering::Relaxed),
        percentile(&post_ms, 0.50),
        percentile(&post_ms, 0.99),
        first_error.lock().unwrap().clone().unwrap_or_default()
    );
    Ok(())
}

// ---------------------------------------------------------------- targets, check

fn targets(opts: &Options) -> Result<(), Error> {
    use diesel::prelude::*;
    use thidua::schema::cluster_years;
    let database = opts.get("database")?;
    let count = opts.number("count")? as usize;
    let mut conn = SqliteConnection::establish(&database)?;
    let rows: Vec<(i32, i32)> = cluster_years::table
        .filter(cluster_years::status.eq("published"))
        .select((cluster_years::cluster_id, cluster_years::year))
        .order((cluster_years::cluster_id, cluster_years::year.desc()))
        .load(&mut conn)?;
    let mut seen = Vec::new();
    for (cluster, year) in rows {
        if !seen.iter().any(|(c, _)| *c == cluster) {
            seen.push((cluster, year));
        }
    }
    if seen.len() < count {
        return Err(format!("only {} clusters with a published year", seen.len()).into());
    }
    for (cluster, year) in seen.into_iter().take(count) {
        println!("{cluster}/{year}");
    }
    Ok(())
}

fn check(opts: &Options) -> Result<(), Error> {
    use diesel::prelude::*;
    use thidua::schema::audit_log;
    let database = PathBuf::from(opts.get("database")?);
    let acknowledged: Vec<String> = std::fs::read_to_string(opts.get("log")?)?
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    let integrity = match thidua::ops::check(&database) {
        Ok(_) => "ok".to_string(),
        Err(e) => e.to_string(),
    };
    let mut conn = SqliteConnection::establish(&database.to_string_lossy())?;
    let saved: Vec<Option<String>> = audit_log::table
        .filter(audit_log::after_json.like("%soak %"))
        .select(audit_log::after_json)
        .load(&mut conn)?;
    let saved: std::collections::HashSet<String> = saved
        .into_iter()
        .flatten()
        .filter_map(|json| {
            let value: serde_json::Value = serde_json::from_str(&json).ok()?;
            value.get("theme")?.as_str().map(str::to_string)
        })
        .collect();
    let missing = acknowledged.iter().filter(|m| !saved.contains(*m)).count();
    println!(
        "acknowledged={} missing={} integrity={integrity:?}",
        acknowledged.len(),
        missing
    );
    Ok(())
}
