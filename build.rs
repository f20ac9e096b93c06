//! Finds the interface languages: one directory per language under `locales/`, each with a
//! `praxis.ftl`. Adding a language is adding its file (see docs/ARCHITECTURE.md); this writes
//! the list and embeds each catalogue for the completeness tests.

use std::{env, fs, path::Path};

fn main() {
    println!("cargo::rerun-if-changed=locales");
    let mut codes: Vec<String> = fs::read_dir("locales")
        .expect("the locales directory")
        .filter_map(Result::ok)
        .filter(|entry| entry.path().join("praxis.ftl").is_file())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .collect();
    // English first: it is the fallback, and the menu has always started with it.
    codes.sort_by_key(|code| (code != "en", code.clone()));
    assert!(
        codes.iter().any(|c| c == "en"),
        "locales/en/praxis.ftl is the fallback and must exist"
    );
    let list = codes
        .iter()
        .map(|c| format!("{c:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sources = codes
        .iter()
        .map(|c| {
            format!(
                "        {c:?} => include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/locales/{c}/praxis.ftl\")),\n"
            )
        })
        .collect::<String>();
    let generated = format!(
        "/// The interface languages, in the order the language menu shows them: one per directory of\n\
         /// `locales/`, English first.\n\
         pub const UI_LANGUAGES: [&str; {count}] = [{list}];\n\n\
         /// The Fluent source of an interface language.\n\
         fn catalogue_source(code: &str) -> &'static str {{\n    match code {{\n{sources}        _ => \"\",\n    }}\n}}\n",
        count = codes.len(),
    );
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("interface_languages.rs");
    fs::write(out, generated).expect("write the list of interface languages");
}
