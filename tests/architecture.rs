//! The layers of the source tree: a lower layer never imports a higher one.
//!
//! `domain` (the knowledge and its rules), `storage` (the databases), `search` (the index) and
//! `federation` (ActivityPub) sit below `service` (what users do), which `api`, `web` and `cli`
//! call. The federation layer speaks only ActivityPub: pages and JSON views of the same URLs
//! belong to `web` and `api` (see `http::negotiate::Representation`).

use std::{
    collections::BTreeSet,
    path::{Path, PathBuf},
};

const LOWER: [&str; 4] = ["domain", "storage", "search", "federation"];
const HIGHER: [&str; 4] = ["service", "api", "web", "cli"];

fn rust_files(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// The code of a file without its comments (line comments and doc comments), one string.
fn code_of(source: &str) -> String {
    source
        .lines()
        .map(|line| match line.find("//") {
            // A `//` inside a string (a URL) is code; one after the code, or leading, is a comment.
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules of this crate that `code` names: `crate::x::…` paths and the members
/// of `use crate::{x, y::…}` groups.
fn crate_modules(code: &str) -> BTreeSet<String> {
    let mut named = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut member = String::new();
            let mut members = Vec::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => members.push(std::mem::take(&mut member)),
                    _ if depth == 0 => member.push(c),
                    _ => {}
                }
            }
            members.push(member);
            for member in members {
                let name: String = member
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    named.insert(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            named.insert(name);
        }
    }
    named
}

#[test]
fn the_parser_finds_paths_and_groups_and_skips_comments() {
    let code = code_of(
        "use crate::{\n    app::AppContext,\n    web::{Frame, pages},\n};\n// crate::cli is only mentioned\nlet x = crate::service::run();\nlet url = \"https://a.example//crate::api\";",
    );
    let named = crate_modules(&code);
    assert_eq!(
        named,
        ["api", "app", "service", "web"]
            .map(String::from)
            .into_iter()
            .collect()
    );
}

#[test]
fn no_lower_layer_imports_a_higher_one() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut violations = Vec::new();
    for layer in LOWER {
        let mut files = Vec::new();
        rust_files(&src.join(layer), &mut files);
        assert!(!files.is_empty(), "src/{layer} holds no Rust files");
        for file in files {
            let code = code_of(&std::fs::read_to_string(&file).unwrap());
            for module in crate_modules(&code) {
                if HIGHER.contains(&module.as_str()) {
                    let shown = file.strip_prefix(&src).unwrap().display().to_string();
                    violations.push(format!("src/{shown} ({layer}) imports crate::{module}"));
                }
            }
        }
    }
    assert!(
        violations.is_empty(),
        "lower layers import higher ones:\n{}",
        violations.join("\n")
    );
}
