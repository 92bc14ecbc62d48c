//! Start-up: open the database, migrate, load the demo data, serve.

use actix_web::HttpServer;
use actix_web::rt::net::TcpStream;

use crate::config::ServeArgs;
use crate::db;
use crate::web::app::{AppConfig, build_app};

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Opens the database and brings its schema up to date.
pub fn prepare_database(args: &ServeArgs) -> Result<db::DbPool, BoxError> {
    let workers = args.workers.unwrap_or_else(num_workers);
    // One connection per worker and a few for blocking tasks.
    let pool = db::open_pool(&args.db.database, (workers as u32) * 2 + 2)
        .map_err(|e| -> BoxError { e.to_string().into() })?;
    let mut conn = pool.get()?;
    db::migrate(&mut conn)?;
    if !args.no_demo && db::loader::is_empty(&mut conn)? {
        db::loader::load_demo(&mut conn)?;
        tracing::info!("loaded the demo data into the new database");
    }
    Ok(pool)
}

fn num_workers() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
}

pub async fn serve(args: ServeArgs) -> Result<(), BoxError> {
    let pool = prepare_database(&args)?;
    let config = AppConfig {
        pool,
        static_dir: args.static_dir.clone(),
    };
    tracing::info!(bind = %args.bind, database = %args.db.database.display(), "serving thidua");
    HttpServer::new(move || build_app(config.clone()))
        .workers(args.workers.unwrap_or_else(num_workers))
        // Without TCP_NODELAY a response written in two parts (headers,
        // then a file body, as actix-files does) waits for the client's
        // delayed ACK: Nagle's algorithm costs ~40 ms per request on a
        // keep-alive connection.
        .on_connect(|conn, _| {
            if let Some(tcp) = conn.downcast_ref::<TcpStream>() {
                let _ = tcp.set_nodelay(true);
            }
        })
        .bind(&args.bind)?
        .run()
        .await?;
    Ok(())
}
