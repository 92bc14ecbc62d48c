//! Rebuild when a migration is added (they are embedded into the binary),
//! and embed the files of static/ so that a deployed binary needs no
//! source tree: `$OUT_DIR/static_files.rs` lists them with their bytes.

use std::fmt::Write;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=static");
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
}
