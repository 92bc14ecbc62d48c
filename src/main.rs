use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;

use thidua::config::{Cli, Command, LogFormat, ServeArgs};
use thidua::{db, ops, server};

fn main() -> ExitCode {
    let cli = Cli::parse();
    // `copy` renders every page twice to compare them: its requests are
    // not visitors', and an access line each would bury its one result.
    let default = match cli.command {
        Some(Command::Copy(_)) => "info,thidua::access=off",
        _ => "info",
    };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| default.into());
    match cli.log_format {
        LogFormat::Text => tracing_subscriber::fmt().with_env_filter(filter).init(),
        LogFormat::Json => tracing_subscriber::fmt()
            .json()
            .with_env_filter(filter)
            .init(),
    }
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Lỗi: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), server::BoxError> {
    match cli.command {
        Some(Command::Serve(args)) => run_server(args),
        None => run_server(ServeArgs::from_env()),
        Some(Command::User(args)) => thidua::cli::run(args),
        Some(Command::Units(args)) => thidua::cli::units(args),
        Some(Command::Import(args)) => thidua::cli::import(args),
        Some(Command::Prefill(args)) => thidua::cli::prefill(args),
        Some(Command::Generate(args)) => {
            let started = std::time::Instant::now();
            let summary = thidua::generate::generate(&args.database, args.seed, args.scale)?;
            println!(
                "Đã tạo dữ liệu thử quy mô {} (seed {}) trong {} sau {:.1} s:\n{}",
                args.scale,
                args.seed,
                args.database.display(),
                started.elapsed().as_secs_f64(),
                summary.describe()
            );
            Ok(())
        }
        Some(Command::Ceiling(args)) => {
            actix_web::rt::System::new().block_on(server::serve_ceiling(args))
        }
        Some(Command::Backup(args)) => {
            let (file, summary) = if args.file.is_dir() {
                ops::backup::backup_into(args.db.database.sqlite_file()?, &args.file, args.keep)?
            } else if args.keep.is_some() {
                return Err("--keep chỉ dùng khi sao lưu vào một thư mục".into());
            } else {
                let summary =
                    ops::backup::backup(args.db.database.sqlite_file()?, &args.file, args.force)?;
                (args.file.clone(), summary)
            };
            println!(
                "Đã sao lưu {} vào {}: {}; kiểm tra toàn vẹn đạt.",
                args.db.database,
                file.display(),
                summary.describe()
            );
            Ok(())
        }
        Some(Command::Restore(args)) => {
            let summary = ops::restore::restore(&args.file, args.db.database.sqlite_file()?)?;
            println!(
                "Đã khôi phục {} từ {}: {}. Máy chủ sẽ cập nhật migration khi khởi động.",
                args.db.database,
                args.file.display(),
                summary.describe()
            );
            Ok(())
        }
        Some(Command::Copy(args)) => {
            let report =
                actix_web::rt::System::new().block_on(ops::copy::copy(&args.from, &args.to))?;
            println!(
                "Đã sao chép {} sang {}: {}.",
                args.from,
                args.to,
                report.describe()
            );
            Ok(())
        }
        Some(Command::Migrate(args)) => {
            let pool = db::open_location(&args.database, 1).map_err(|e| e.to_string())?;
            let mut conn = pool.get()?;
            db::migrate(&mut conn)?;
            println!("Đã cập nhật cơ sở dữ liệu {}", args.database);
            Ok(())
        }
    }
}

fn run_server(args: ServeArgs) -> Result<(), server::BoxError> {
    server::limit_malloc_arenas();
    actix_web::rt::System::new().block_on(server::serve(args))
}
