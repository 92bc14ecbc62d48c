//! The repository carries the seed reports' facts, not their sentences: no
//! run of twelve words of a file it holds (the demo data, fixtures, test
//! inputs, code, templates, documents) appears in a seed report, except
//! where every word of the run lies inside a name of `own_words_allowed.txt`
//! (movements, clusters, themes, conference titles, the reports' headlines,
//! officials' titles). Words are compared after folding case and dropping
//! punctuation, in Unicode's composed form.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

/// How many words in a row make a copied sentence.
const RUN: usize = 12;

/// The folders of the repository whose files are checked.
const CHECKED: [&str; 9] = [
    "src",
    "tests",
    "templates",
    "static",
    "docs",
    "migrations",
    "scripts",
    "examples",
    ".ci",
];

/// The words of a text: letters and digits, lower case, composed form.
fn words(text: &str) -> Vec<String> {
    let folded: String = text.nfc().collect::<String>().to_lowercase();
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Every file under `dir`, recursively.
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            // Installed browser packages are not ours.
            if path.file_name().is_some_and(|n| n == "node_modules") {
                continue;
            }
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// The allowed names, each as its words, indexed by its first word.
fn allowed(list: &str) -> HashMap<String, Vec<Vec<String>>> {
    let mut by_first: HashMap<String, Vec<Vec<String>>> = HashMap::new();
    for line in list.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let name = words(line);
        by_first.entry(name[0].clone()).or_default().push(name);
    }
    by_first
}

/// The runs of `text` copied from a seed, as their words, where some word
/// of the run lies outside every allowed name.
fn copied_runs(
    text: &[String],
    seeds: &HashSet<&[String]>,
    names: &HashMap<String, Vec<Vec<String>>>,
) -> Vec<String> {
    let mut inside_a_name = vec![false; text.len()];
    for (at, word) in text.iter().enumerate() {
        for name in names.get(word).into_iter().flatten() {
            if text[at..].starts_with(name) {
                inside_a_name[at..at + name.len()].fill(true);
            }
        }
    }
    let mut runs = Vec::new();
    let mut at = 0;
    while at + RUN <= text.len() {
        let copied = |i: usize| seeds.contains(&text[i..i + RUN]);
        if copied(at) && !inside_a_name[at..at + RUN].iter().all(|&n| n) {
            let mut end = at;
            while end + 1 + RUN <= text.len() && copied(end + 1) {
                end += 1;
            }
            runs.push(text[at..end + RUN].join(" "));
            at = end + RUN;
        } else {
            at += 1;
        }
    }
    runs
}

#[test]
fn no_file_repeats_twelve_words_of_a_seed_report_outside_a_name() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seed_dir = root.join("../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&seed_dir) else {
        eprintln!(
            "own_words: skipped, {} is not here to compare with",
            seed_dir.display()
        );
        return;
    };
    let seed_texts: Vec<Vec<String>> = entries
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| words(&std::fs::read_to_string(e.path()).unwrap()))
        .collect();
    assert!(
        !seed_texts.is_empty(),
        "no seed report in {}",
        seed_dir.display()
    );
    let seeds: HashSet<&[String]> = seed_texts.iter().flat_map(|w| w.windows(RUN)).collect();
    let list_path = root.join("tests/app/own_words_allowed.txt");
    let names = allowed(&std::fs::read_to_string(&list_path).unwrap());

    let mut checked = Vec::new();
    for dir in CHECKED {
        files(&root.join(dir), &mut checked);
    }
    checked.push(root.join("README.md"));
    checked.retain(|p| *p != list_path);
    let mut found = Vec::new();
    let mut read = 0;
    for path in &checked {
        // Images, fonts and other binary files hold no sentences.
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        read += 1;
        for run in copied_runs(&words(&text), &seeds, &names) {
            let shown: String = run.chars().take(160).collect();
            found.push(format!(
                "{}: {shown}",
                path.strip_prefix(root).unwrap_or(path).display()
            ));
        }
    }
    assert!(read > 100, "only {read} files read");
    assert!(
        found.is_empty(),
        "{} runs of {RUN} words copied from a seed report; write them in our own words, \
         or add the name they belong to to tests/app/own_words_allowed.txt:\n{}",
        found.len(),
        found.join("\n")
    );
}

/// The checker itself: a copied run is found wherever its words are, names
/// excuse only the words inside them, and punctuation or case do not hide
/// a copy.
#[test]
fn a_copied_run_is_found_and_only_a_name_excuses_it() {
    let seed = words(
        "Hội nghị đã thống nhất bình chọn ba đơn vị dẫn đầu phong trào thi đua \
         “Tên phong trào dài dài của năm nay để thử nghiệm bộ kiểm tra” trong năm.",
    );
    let seeds: HashSet<&[String]> = seed.windows(RUN).collect();
    let names =
        allowed("# a comment\nTên phong trào dài dài của năm nay để thử nghiệm bộ kiểm tra\n");
    let copied =
        words("Trích: HỘI NGHỊ đã thống nhất, bình chọn ba đơn vị dẫn đầu phong trào thi đua.");
    assert_eq!(
        copied_runs(&copied, &seeds, &names),
        ["hội nghị đã thống nhất bình chọn ba đơn vị dẫn đầu phong trào thi đua"]
    );
    let only_the_name =
        words("Phong trào “Tên phong trào dài dài của năm nay để thử nghiệm bộ kiểm tra”.");
    assert!(copied_runs(&only_the_name, &seeds, &names).is_empty());
    let name_and_prose = words("dẫn đầu phong trào thi đua Tên phong trào dài dài của năm nay");
    assert_eq!(copied_runs(&name_and_prose, &seeds, &names).len(), 1);
    let own = words("Ba đơn vị được hội nghị chọn là những đơn vị đứng đầu phong trào của cụm.");
    assert!(copied_runs(&own, &seeds, &names).is_empty());
}
