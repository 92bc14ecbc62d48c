//! The files of deploy/ are real: the unit files parse, their ExecStart
//! lines are accepted by the real command line, the paths agree with each
//! other, and `systemd-analyze verify` / `nginx -t` pass when installed.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use clap::Parser;
use thidua::config::{Cli, Command};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn read(name: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join("deploy").join(name))
        .unwrap_or_else(|e| panic!("deploy/{name}: {e}"))
}

/// A systemd unit file as (section, key, value), refusing any line that
/// is not a comment, a section header or key=value.
fn parse_unit(name: &str) -> Vec<(String, String, String)> {
    let mut section = String::new();
    let mut entries = Vec::new();
    for (n, line) in read(name).lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(s) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = s.to_string();
            continue;
        }
        let (key, value) = line
            .split_once('=')
            .unwrap_or_else(|| panic!("{name}:{}: not key=value: {line}", n + 1));
        assert!(
            !section.is_empty(),
            "{name}:{}: key before any section",
            n + 1
        );
        entries.push((section.clone(), key.trim().into(), value.trim().into()));
    }
    entries
}

fn values<'a>(unit: &'a [(String, String, String)], section: &str, key: &str) -> Vec<&'a str> {
    unit.iter()
        .filter(|(s, k, _)| s == section && k == key)
        .map(|(_, _, v)| v.as_str())
        .collect()
}

fn one<'a>(unit: &'a [(String, String, String)], section: &str, key: &str) -> &'a str {
    match values(unit, section, key).as_slice() {
        [v] => v,
        other => panic!("[{section}] {key}: expected one value, found {other:?}"),
    }
}

/// The ExecStart command run through the real parser.
fn exec_start(unit: &[(String, String, String)]) -> Command {
    let line = one(unit, "Service", "ExecStart");
    let argv: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(argv[0], "/usr/local/bin/thidua", "{line}");
    Cli::try_parse_from(&argv)
        .unwrap_or_else(|e| panic!("{line}: {e}"))
        .command
        .expect("a subcommand")
}

fn writable(unit: &[(String, String, String)]) -> Vec<PathBuf> {
    values(unit, "Service", "ReadWritePaths")
        .iter()
        .flat_map(|v| v.split_whitespace())
        .map(PathBuf::from)
        .collect()
}

#[test]
fn the_service_is_hardened_and_runs_the_real_command_line() {
    let unit = parse_unit("thidua.service");
    for (key, value) in [
        ("NoNewPrivileges", "yes"),
        ("ProtectSystem", "strict"),
        ("ProtectHome", "yes"),
        ("PrivateTmp", "yes"),
        ("PrivateDevices", "yes"),
        ("RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX"),
        ("CapabilityBoundingSet", ""),
    ] {
        assert_eq!(one(&unit, "Service", key), value, "{key}");
    }
    assert!(!one(&unit, "Service", "MemoryMax").is_empty());
    let environment = values(&unit, "Service", "Environment");
    assert!(environment.contains(&"THIDUA_SECURE_COOKIES=1"));
    assert!(environment.contains(&"THIDUA_TRUSTED_PROXIES=127.0.0.1"));
    assert_eq!(one(&unit, "Install", "WantedBy"), "multi-user.target");

    let Command::Serve(serve) = exec_start(&unit) else {
        panic!("thidua.service must run `thidua serve`")
    };
    assert!(serve.no_demo, "a real deployment starts without demo data");
    assert_eq!(serve.bind, "127.0.0.1:8080", "only nginx talks to it");
    let data = serve.db.database.sqlite_file().unwrap().parent().unwrap();
    assert!(
        writable(&unit).iter().any(|p| p == data),
        "{data:?} writable"
    );
    assert_eq!(one(&unit, "Service", "StateDirectory"), "thidua");
    assert_eq!(data, Path::new("/var/lib/thidua"));
}

#[test]
fn the_nightly_backup_backs_up_the_services_database_and_keeps_a_few() {
    let Command::Serve(serve) = exec_start(&parse_unit("thidua.service")) else {
        panic!("serve")
    };
    let unit = parse_unit("thidua-backup.service");
    assert_eq!(one(&unit, "Service", "Type"), "oneshot");
    assert_eq!(
        one(&unit, "Service", "User"),
        one(&parse_unit("thidua.service"), "Service", "User"),
        "the backup runs as the service's user, to read its database"
    );
    let Command::Backup(backup) = exec_start(&unit) else {
        panic!("thidua-backup.service must run `thidua backup`")
    };
    assert_eq!(backup.db.database, serve.db.database);
    assert!(backup.keep.is_some_and(|k| k >= 7));
    let writable = writable(&unit);
    assert!(
        writable.contains(&backup.file),
        "the backup folder is writable"
    );
    assert!(
        writable
            .iter()
            .any(|p| p == serve.db.database.sqlite_file().unwrap().parent().unwrap())
    );
    assert_eq!(one(&unit, "Service", "ProtectSystem"), "strict");

    let timer = parse_unit("thidua-backup.timer");
    assert!(
        one(&timer, "Timer", "OnCalendar").contains("*-*-*"),
        "nightly"
    );
    assert_eq!(one(&timer, "Timer", "Persistent"), "true");
    assert_eq!(one(&timer, "Install", "WantedBy"), "timers.target");
}

#[test]
fn systemd_analyze_verify_accepts_the_units() {
    if Process::new("systemd-analyze")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("note: systemd-analyze is not installed; unit files only parsed");
        return;
    }
    // verify checks that ExecStart exists: point it at the binary just built.
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for name in [
        "thidua.service",
        "thidua-backup.service",
        "thidua-backup.timer",
    ] {
        let text = read(name).replace("/usr/local/bin/thidua", env!("CARGO_BIN_EXE_thidua"));
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        paths.push(path);
    }
    let out = Process::new("systemd-analyze")
        .args(["verify", "--man=no"])
        .args(&paths)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    // It warns about unknown keys and bad values without failing: any line
    // about our files is a failure.
    let ours: Vec<&str> = stderr.lines().filter(|l| l.contains("thidua")).collect();
    assert!(out.status.success() && ours.is_empty(), "{stderr}");
}

/// The nginx site with comments removed, as statements.
fn nginx_statements(text: &str) -> Vec<String> {
    let mut depth = 0i32;
    let mut statements = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or_default();
        for c in line.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            assert!(depth >= 0, "unbalanced braces");
            if matches!(c, ';' | '{' | '}') {
                if !current.trim().is_empty() || c != '}' {
                    statements.push(
                        format!(
                            "{} {c}",
                            current.split_whitespace().collect::<Vec<_>>().join(" ")
                        )
                        .trim()
                        .to_string(),
                    );
                }
                current.clear();
            } else {
                current.push(c);
            }
        }
        current.push(' ');
    }
    assert_eq!(depth, 0, "unbalanced braces");
    assert!(
        current.trim().is_empty(),
        "statement without `;`: {current}"
    );
    statements
}

#[test]
fn the_nginx_site_proxies_https_to_the_service_with_room_for_attachments() {
    let site = read("nginx-thidua.conf");
    let statements = nginx_statements(&site);
    let has = |s: &str| statements.iter().any(|st| st == s);
    let Command::Serve(serve) = exec_start(&parse_unit("thidua.service")) else {
        panic!("serve")
    };
    assert!(has(&format!("proxy_pass http://{} ;", serve.bind)));
    assert!(has("listen 443 ssl http2 ;"));
    assert!(has("return 301 https://$host$request_uri ;"));
    assert!(has(
        "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for ;"
    ));
    assert!(
        statements
            .iter()
            .any(|s| s.starts_with("add_header Strict-Transport-Security"))
    );
    let body = statements
        .iter()
        .find_map(|s| s.strip_prefix("client_max_body_size "))
        .expect("client_max_body_size");
    let megabytes: usize = body
        .trim_end_matches(" ;")
        .trim_end_matches('m')
        .parse()
        .unwrap();
    assert!(megabytes * 1024 * 1024 > thidua::editor::attachments::MAX_FILE);

    nginx_t(&site);
}

/// `nginx -t` on the site inside a minimal main configuration, with a
/// throw-away certificate in place of the real one.
fn nginx_t(site: &str) {
    let available = |program: &str, arg: &str| Process::new(program).arg(arg).output().is_ok();
    if !available("nginx", "-v") || !available("openssl", "version") {
        eprintln!("note: nginx or openssl is not installed; nginx site only parsed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().display().to_string();
    let made = Process::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        ])
        .args(["-subj", "/CN=thidua.example.vn"])
        .args([
            "-keyout",
            &format!("{d}/key.pem"),
            "-out",
            &format!("{d}/cert.pem"),
        ])
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let site = site
        .replace(
            "/etc/letsencrypt/live/thidua.example.vn/fullchain.pem",
            &format!("{d}/cert.pem"),
        )
        .replace(
            "/etc/letsencrypt/live/thidua.example.vn/privkey.pem",
            &format!("{d}/key.pem"),
        );
    std::fs::write(format!("{d}/site.conf"), site).unwrap();
    std::fs::write(
        format!("{d}/nginx.conf"),
        format!(
            "pid {d}/nginx.pid;\nerror_log {d}/error.log;\nevents {{}}\n\
             http {{\n access_log {d}/access.log;\n include {d}/site.conf;\n}}\n"
        ),
    )
    .unwrap();
    let out = Process::new("nginx")
        .args(["-t", "-p", &d, "-c", &format!("{d}/nginx.conf")])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_deployment_guide_shows_every_file_of_deploy() {
    let guide = std::fs::read_to_string(Path::new(ROOT).join("docs/deploy.md")).unwrap();
    for entry in std::fs::read_dir(Path::new(ROOT).join("deploy")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            guide.contains(&format!("deploy/{name}")),
            "docs/deploy.md names deploy/{name}"
        );
    }
}

#[test]
fn every_test_docs_promises_names_exists() {
    // docs/promises.md maps each README promise to the test keeping it; a
    // renamed or removed test must not leave a promise pointing nowhere.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/promises.md")).unwrap();
    let mut named = 0;
    for piece in doc.split('`').skip(1).step_by(2) {
        let Some((module, test)) = piece.split_once("::") else {
            continue;
        };
        // `module::test` is in tests/app/; `src/path::test` a unit test there.
        let file = if module.starts_with("src/") {
            format!("{module}.rs")
        } else {
            format!("tests/app/{module}.rs")
        };
        let source = std::fs::read_to_string(root.join(&file))
            .unwrap_or_else(|_| panic!("docs/promises.md names {piece}: no {file}"));
        assert!(
            source.contains(&format!("fn {test}(")),
            "docs/promises.md names {piece}, which is not a test"
        );
        named += 1;
    }
    assert!(named >= 50, "only {named} tests named");
}
