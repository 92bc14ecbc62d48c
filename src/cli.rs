//! `thidua user …`: account management from the command line.

use std::io::BufRead;

use crate::auth::{password, users};
use crate::config::{UserArgs, UserCommand};
use crate::db;
use crate::server::BoxError;

/// The password from THIDUA_PASSWORD, else the first line of standard
/// input — never a command-line flag, which other users could read.
fn read_password() -> Result<String, BoxError> {
    let password = match std::env::var("THIDUA_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            eprintln!("Nhập mật khẩu (một dòng):");
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line)?;
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    if password.chars().count() < password::MIN_LENGTH {
        return Err(format!("mật khẩu phải có ít nhất {} ký tự", password::MIN_LENGTH).into());
    }
    Ok(password)
}

pub fn run(args: UserArgs) -> Result<(), BoxError> {
    let pool = db::open_location(&args.db.database, 1).map_err(|e| e.to_string())?;
    let mut conn = pool.get()?;
    db::migrate(&mut conn)?;
    let find = |conn: &mut db::DbConn, name: &str| -> Result<users::User, BoxError> {
        users::find_by_name(conn, name)?.ok_or_else(|| format!("không có tài khoản {name}").into())
    };
    match args.command {
        UserCommand::Add {
            name,
            role,
            clusters,
        } => {
            if users::find_by_name(&mut conn, &name)?.is_some() {
                return Err(format!("tài khoản {name} đã có").into());
            }
            // A cluster by its number or by its name ("Cụm thi đua số 2";
            // "Cụm thi đua số 1@UBND tỉnh Bắc Kạn" where bodies share it).
            let index = crate::import::names::ClusterIndex::load(&mut conn)?;
            let clusters: Vec<i32> = clusters
                .iter()
                .map(|typed| match typed.trim().parse::<i32>() {
                    Ok(id) if index.has(id) => Ok(id),
                    Ok(id) => Err(format!("không có cụm số {id}")),
                    Err(_) => {
                        let (name, body) = typed.split_once('@').unwrap_or((typed, ""));
                        index.resolve(name, body)
                    }
                })
                .collect::<Result<_, String>>()?;
            let hash = password::hash(&read_password()?).map_err(|e| e.to_string())?;
            users::create(&mut conn, &name, &hash, &role, &clusters)?;
            println!("Đã tạo tài khoản {name} ({role}).");
        }
        UserCommand::Passwd { name } => {
            let user = find(&mut conn, &name)?;
            let hash = password::hash(&read_password()?).map_err(|e| e.to_string())?;
            users::set_password(&mut conn, user.id, &hash)?;
            println!("Đã đổi mật khẩu của {name}; các phiên đăng nhập cũ đã kết thúc.");
        }
        UserCommand::Disable { name } => {
            let user = find(&mut conn, &name)?;
            users::set_disabled(&mut conn, user.id, true)?;
            println!("Đã khóa tài khoản {name}.");
        }
        UserCommand::Enable { name } => {
            let user = find(&mut conn, &name)?;
            users::set_disabled(&mut conn, user.id, false)?;
            println!("Đã mở khóa tài khoản {name}.");
        }
        UserCommand::List => {
            for line in account_lines(&mut conn)? {
                println!("{line}");
            }
        }
    }
    Ok(())
}

/// One line per account for `thidua user list`: name, role, state, and
/// its clusters by number (what `--cluster` takes) and name.
pub fn account_lines(conn: &mut db::DbConn) -> diesel::QueryResult<Vec<String>> {
    use crate::schema::clusters;
    use diesel::prelude::*;
    let accounts = users::list(conn)?;
    let ids: Vec<i32> = accounts
        .iter()
        .flat_map(|(_, c)| c.iter().copied())
        .collect();
    let names: std::collections::HashMap<i32, String> = clusters::table
        .filter(clusters::id.eq_any(&ids))
        .select((clusters::id, clusters::name))
        .load::<(i32, String)>(conn)?
        .into_iter()
        .collect();
    Ok(accounts
        .into_iter()
        .map(|(user, clusters)| {
            let clusters: Vec<String> = clusters
                .iter()
                .map(|id| match names.get(id) {
                    Some(name) => format!("{id} ({name})"),
                    None => id.to_string(),
                })
                .collect();
            format!(
                "{}\t{}\t{}\tcụm: {}",
                user.name,
                user.role,
                if user.disabled {
                    "đã khóa"
                } else {
                    "hoạt động"
                },
                if clusters.is_empty() {
                    "-".to_string()
                } else {
                    clusters.join("; ")
                }
            )
        })
        .collect())
}

/// `thidua units …`: the built-in official list of administrative units.
pub fn units(args: crate::config::UnitsArgs) -> Result<(), BoxError> {
    use crate::config::UnitsCommand;
    use crate::units::official;
    match args.command {
        UnitsCommand::Provinces => {
            for p in official::provinces() {
                println!("{}\t{}", p.code, p.full_name());
            }
            Ok(())
        }
        UnitsCommand::AddProvince { name_or_code } => {
            let province = official::find_province(&name_or_code).ok_or_else(|| {
                format!(
                    "không có tỉnh, thành phố {name_or_code:?} trong danh mục 2025 (xem: thidua units provinces)"
                )
            })?;
            let pool = db::open_location(&args.db.database, 1).map_err(|e| e.to_string())?;
            let mut conn = pool.get()?;
            db::migrate(&mut conn)?;
            let added = official::add_province_recorded(&mut conn, &province, None)?;
            println!(
                "{}: {} đơn vị mới, {} đơn vị đã có được gắn mã, {} đơn vị giữ nguyên",
                province.full_name(),
                added.created,
                added.coded,
                added.unchanged
            );
            Ok(())
        }
    }
}

/// `thidua prefill FILE [--cluster ID] [--year Y]`: the proposed fields
/// as JSON, matched to the cluster's members and award kinds when a
/// cluster is given.
pub fn prefill(args: crate::config::PrefillArgs) -> Result<(), BoxError> {
    use crate::prefill;
    let bytes = std::fs::read(&args.file)?;
    let file_name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = prefill::source::text_of(&file_name, &bytes).map_err(|e| e.message().to_string())?;
    let mut roster = prefill::Roster {
        year: args.year,
        ..Default::default()
    };
    if let Some(cluster) = args.cluster {
        let year = match args.year {
            Some(year) => year,
            None => prefill::read(&text, &roster)
                .report_year
                .map(|y| y.value)
                .ok_or("báo cáo không nêu năm; hãy chỉ rõ --year")?,
        };
        let pool = db::open_location(&args.db.database, 1).map_err(|e| e.to_string())?;
        let mut conn = pool.get()?;
        db::migrate(&mut conn)?;
        let ctx = crate::editor::load::context(&mut conn, cluster, year)
            .map_err(|e| format!("cụm {cluster}, năm {year}: {e}"))?;
        roster = crate::editor::prefill::roster(&ctx);
    }
    let proposal = prefill::read(&text, &roster);
    let out = serde_json::json!({
        "cluster_id": args.cluster,
        "year": roster.year.or(proposal.report_year.as_ref().map(|y| y.value)),
        "fields": proposal.entries(),
    });
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(())
}

/// `thidua import FILE [--kind K] [--cluster C --year Y] [--choose NAME=ID] [--apply]`.
pub fn import(args: crate::config::ImportArgs) -> Result<(), BoxError> {
    use crate::import;
    let bytes = std::fs::read(&args.file)?;
    let file_name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let kind = args.kind.as_deref().and_then(import::Kind::parse);
    let context = import::Context {
        cluster: args.cluster.clone(),
        year: args.year,
        choices: args
            .choose
            .iter()
            .filter_map(|c| {
                let (typed, id) = c.rsplit_once('=')?;
                Some((typed.trim().to_string(), id.trim().parse().ok()?))
            })
            .collect(),
    };
    let prepared = import::prepare(&file_name, &bytes, kind, context).map_err(|e| e.to_string())?;
    let pool = db::open_location(&args.db.database, 1).map_err(|e| e.to_string())?;
    let mut conn = pool.get()?;
    db::migrate(&mut conn)?;
    let result = if args.apply {
        import::apply(&mut conn, &prepared, &file_name, None)
    } else {
        import::preview(&mut conn, &prepared)
    };
    let plan = match result {
        Ok(plan) => plan,
        Err(import::ImportError::Refused(plan)) => plan,
        Err(e) => return Err(e.to_string().into()),
    };
    if plan.read_as_cp1258 {
        println!("(Tệp được đọc theo bảng mã Windows-1258.)");
    }
    for line in &plan.created {
        println!("Thêm mới  {line}");
    }
    for line in &plan.changed {
        println!("Thay đổi  {line}");
    }
    for e in &plan.errors {
        println!(
            "Lỗi       Dòng {}, cột “{}”: {}",
            e.row, e.column, e.message
        );
    }
    for (typed, candidates) in plan.choices() {
        println!("Chọn      --choose \"{typed}=ID\", ID là một trong:");
        for (id, label) in candidates {
            println!("            {id}  {label}");
        }
    }
    println!("{}", plan.summary());
    if !plan.is_clean() {
        return Err(format!("chưa ghi gì: {} lỗi", plan.errors.len()).into());
    }
    if !args.apply {
        println!("Xem trước: chưa ghi gì. Chạy lại với --apply để ghi.");
    }
    Ok(())
}
