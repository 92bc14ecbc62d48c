//! Rebuild when a migration is added (they are embedded into the binary),
//! and embed the files of static/ so that a deployed binary needs no
//! source tree: `$OUT_DIR/static_files.rs` lists them with their bytes.
//! `THIDUA_BUILD_ID` is a hash of everything that shapes a page (sources,
//! templates, static files, migrations, locked dependencies): part of every
//! ETag, so a new build never answers 304 to a page an older one rendered.

use std::fmt::Write;
use std::hash::{Hash, Hasher};
use std::path::Path;

/// Feeds every file under `dir` (sorted, with its path) to `hasher`.
fn hash_tree(dir: &Path, hasher: &mut impl Hasher) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            hash_tree(&path, hasher);
        } else if let Ok(bytes) = std::fs::read(&path) {
            path.hash(hasher);
            bytes.hash(hasher);
        }
    }
}

fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=static");
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=templates");
    println!("cargo:rerun-if-changed=Cargo.lock");
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let dir = Path::new(&manifest).join("static");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("static/ folder")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().map(|t| t.is_file()).unwrap_or(false))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut table = String::from("pub static FILES: &[(&str, &[u8])] = &[\n");
    for name in names {
        let path = dir.join(&name);
        writeln!(
            table,
            "    ({name:?}, include_bytes!({:?})),",
            path.display()
        )
        .expect("writing to a String");
    }
    table.push_str("];\n");
    std::fs::write(Path::new(&out).join("static_files.rs"), table).expect("writing OUT_DIR");

    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for part in ["src", "templates", "static", "migrations", "Cargo.lock"] {
        let path = Path::new(&manifest).join(part);
        if path.is_file() {
            std::fs::read(&path).unwrap_or_default().hash(&mut hasher);
        } else {
            hash_tree(&path, &mut hasher);
        }
    }
    println!(
        "cargo:rustc-env=THIDUA_BUILD_ID={:012x}",
        hasher.finish() >> 16
    );
}
