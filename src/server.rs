//! Start-up: open the database, migrate, load the demo data, serve.

use std::net::TcpListener;
use std::path::Path;

use actix_web::HttpServer;
use actix_web::dev::Server;
use actix_web::rt::net::TcpStream;

use actix_web::web;

use crate::config::{CeilingArgs, ServeArgs};
use crate::db;
use crate::web::app::{AppConfig, build_app};

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Opens (creating if missing) the database, brings its schema up to date
/// and, when asked, loads the demo data into it if it is still empty.
pub fn prepare_database(
    path: &Path,
    with_demo: bool,
    pool_size: u32,
) -> Result<db::DbPool, BoxError> {
    prepare_location(
        &db::Location::Sqlite(path.to_path_buf()),
        with_demo,
        pool_size,
    )
}

/// `prepare_database` on either engine.
pub fn prepare_location(
    location: &db::Location,
    with_demo: bool,
    pool_size: u32,
) -> Result<db::DbPool, BoxError> {
    let pool =
        db::open_location(location, pool_size).map_err(|e| -> BoxError { e.to_string().into() })?;
    let mut conn = pool.get()?;
    db::migrate(&mut conn)?;
    if with_demo && db::loader::is_empty(&mut conn)? {
        db::loader::load_demo(&mut conn)?;
        tracing::info!("loaded the demo data into the new database");
    }
    db::optimize(&mut conn)?;
    Ok(pool)
}

/// How often the planner's statistics are refreshed while serving.
const OPTIMIZE_EVERY: std::time::Duration = std::time::Duration::from_secs(6 * 3600);

/// Refreshes the planner's statistics every few hours on a thread of its
/// own, so that a database that grew since start-up keeps good plans.
pub fn keep_statistics_fresh(pool: db::DbPool) {
    let spawned = std::thread::Builder::new()
        .name("thidua-optimize".into())
        .spawn(move || {
            loop {
                std::thread::sleep(OPTIMIZE_EVERY);
                let outcome = pool
                    .get()
                    .map_err(|e| e.to_string())
                    .and_then(|mut conn| db::optimize(&mut conn).map_err(|e| e.to_string()));
                if let Err(e) = outcome {
                    tracing::warn!(cause = %e, "could not refresh the planner's statistics");
                }
            }
        });
    if let Err(e) = spawned {
        tracing::warn!(cause = %e, "could not start the statistics thread");
    }
}

fn num_workers() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
}

/// Applies the socket settings every connection needs; see `http_server`.
/// `THIDUA_TCP_NODELAY=0` turns TCP_NODELAY off, only so that
/// scripts/bench.sh can show what it costs.
fn tune_connection(conn: &dyn std::any::Any, _: &mut actix_web::dev::Extensions) {
    static NODELAY: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let nodelay =
        *NODELAY.get_or_init(|| std::env::var("THIDUA_TCP_NODELAY").as_deref() != Ok("0"));
    if let Some(tcp) = conn.downcast_ref::<TcpStream>() {
        let _ = tcp.set_nodelay(nodelay);
    }
}

/// The benchmark's ceiling: a fixed in-memory HTML body of `bytes` bytes
/// behind the same server settings, with no database and no template.
pub async fn serve_ceiling(args: CeilingArgs) -> Result<(), BoxError> {
    let body = web::Bytes::from(
        "<!DOCTYPE html><p>".to_string() + &"x".repeat(args.bytes.saturating_sub(18)),
    );
    let workers = args.workers.unwrap_or_else(num_workers);
    HttpServer::new(move || {
        let body = body.clone();
        actix_web::App::new().default_service(web::to(move || {
            let body = body.clone();
            async move {
                actix_web::HttpResponse::Ok()
                    .content_type("text/html; charset=utf-8")
                    .body(body)
            }
        }))
    })
    .workers(workers)
    .on_connect(tune_connection)
    .bind(&args.bind)?
    .run()
    .await?;
    Ok(())
}

/// The HTTP server on an already bound listener; `serve` and the tests
/// start it the same way.
/// Blocking threads per worker: the pool has two connections per worker
/// and two more (see `serve`), and a sign-in may hold one thread hashing.
const BLOCKING_THREADS_PER_WORKER: usize = 4;

pub fn http_server(
    config: AppConfig,
    listener: TcpListener,
    workers: usize,
) -> std::io::Result<Server> {
    Ok(HttpServer::new(move || build_app(config.clone()))
        .workers(workers)
        // Database reads run on each worker's blocking pool and wait for a
        // pooled connection anyway: a few threads per worker are enough,
        // where actix's default (512 in all) lets a burst of requests
        // start hundreds of threads, each growing its own malloc arena.
        .worker_max_blocking_threads(BLOCKING_THREADS_PER_WORKER)
        // Without TCP_NODELAY a response written in two parts (headers,
        // then a file body, as actix-files does) waits for the client's
        // delayed ACK: Nagle's algorithm costs ~40 ms per request on a
        // keep-alive connection.
        .on_connect(tune_connection)
        .listen(listener)?
        .run())
}

/// Caps glibc's malloc arenas at two. By default each thread that finds
/// the arenas busy gets one of its own (up to eight per core), and memory
/// freed in one arena is not reused by another: under four clerks saving
/// and eight readers on the national database the server held 230 MB, with
/// two arenas 117 MB (measured with MALLOC_ARENA_MAX=2). Call before the
/// server starts its threads; `MALLOC_ARENA_MAX` in the environment, if
/// set, is left to decide.
pub fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: mallopt only sets a malloc tunable; it is called once at
        // start-up, before any other thread exists.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 2);
        }
    }
}

pub async fn serve(args: ServeArgs) -> Result<(), BoxError> {
    let workers = args.workers.unwrap_or_else(num_workers);
    if let Some(dir) = &args.static_dir
        && !dir.join("thidua.css").is_file()
    {
        return Err(format!(
            "không có tệp thidua.css trong thư mục tĩnh {} (--static-dir / THIDUA_STATIC_DIR); \
             bỏ thiết lập này để dùng các tệp có sẵn trong chương trình",
            dir.display()
        )
        .into());
    }
    // Reads run on actix's blocking pool; a few connections per worker
    // keep them from queueing on the pool.
    let pool = prepare_location(&args.db.database, !args.no_demo, (workers as u32) * 2 + 2)?;
    keep_statistics_fresh(pool.clone());
    let config = AppConfig {
        pool,
        static_dir: args.static_dir.clone(),
        cookies: crate::auth::CookiePolicy {
            secure: args.secure_cookies,
        },
        trusted_proxies: args.trusted_proxies.clone(),
        // One SQLite file has one server; a PostgreSQL database may have
        // several, and each must see the others' saves at once.
        cache: match args.db.database {
            db::Location::Sqlite(_) => Default::default(),
            db::Location::Postgres(_) => crate::web::cache::PageCache::for_shared_database(),
        },
        login_pause: Default::default(),
    };
    crate::web::assets::prepare();
    let listener = TcpListener::bind(&args.bind)?;
    tracing::info!(bind = %args.bind, database = %args.db.database, "serving thidua");
    http_server(config, listener, workers)?.await?;
    Ok(())
}
