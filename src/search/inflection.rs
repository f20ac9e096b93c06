//! The forms of a word a search treats as the same word: its inflections, and its spelling in
//! the other script.
//!
//! Words are indexed by their *key*: the word without a common inflectional ending of the four
//! languages (plural, gender, the definite article, adjective forms), when enough of it is left.
//! A query word is looked for by its key too, so `медиатори` finds `медиатор` and `медиаторите`,
//! `училищни` finds `училище`, and `mediatori culturali` finds `mediatore culturale`, while
//! `заедно` does not find `заедница`: a light stemmer of inflections, not of derivations.
//!
//! Bulgarian and Macedonian words are also looked for spelled in Latin letters, Latin words in
//! Cyrillic, so that `медиатори` finds the Italian `mediatori`.

/// Shortest stem: shorter ones would match unrelated words.
const MIN_STEM: usize = 4;
/// Inflectional endings (folded) of Bulgarian, Macedonian, Italian and English: plural, gender,
/// the definite article, adjective forms. Longest first, so the longest ending is taken off.
const ENDINGS: [&str; 26] = [
    "ите", "ата", "ото", "ове", "ови", "ия", "ът", "та", "то", "те", "ни", "на", "но", "ен", "и", "а", "о",
    "е", "у", "я", "es", "i", "e", "o", "a", "s",
];
/// The word in the other script: Cyrillic to Latin (the Bulgarian and Macedonian
/// romanizations), Latin to Cyrillic (letter by letter); `None` for mixed or other scripts.
pub fn other_script(word: &str) -> Option<String> {
    let cyrillic = word.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
    let latin = word.chars().any(|c| c.is_ascii_alphabetic());
    match (cyrillic, latin) {
        (true, false) => respelled(word, latin_for),
        (false, true) => respelled(word, cyrillic_for),
        _ => None,
    }
}

/// The word letter by letter through `table`, digits as they are; `None` when a letter has no
/// spelling there.
fn respelled(word: &str, table: fn(char) -> Option<&'static str>) -> Option<String> {
    let mut spelled = String::with_capacity(word.len() * 2);
    for c in word.chars() {
        if c.is_ascii_digit() {
            spelled.push(c);
        } else {
            spelled.push_str(table(c)?);
        }
    }
    Some(spelled)
}

/// A folded Cyrillic letter in Latin letters.
fn latin_for(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => "y",
        'ј' => "j",
        'к' => "k",
        'л' => "l",
        'љ' => "lj",
        'м' => "m",
        'н' => "n",
        'њ' => "nj",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "h",
        'ц' => "ts",
        'ч' => "ch",
        'џ' => "dzh",
        'ш' => "sh",
        'щ' => "sht",
        'ъ' => "a",
        'ь' => "y",
        'ю' => "yu",
        'я' => "ya",
        'ѕ' => "dz",
        _ => return None,
    })
}

/// A Latin letter in Cyrillic.
fn cyrillic_for(c: char) -> Option<&'static str> {
    Some(match c {
        'a' => "а",
        'b' => "б",
        'c' => "к",
        'd' => "д",
        'e' => "е",
        'f' => "ф",
        'g' => "г",
        'h' => "х",
        'i' => "и",
        'j' => "й",
        'k' => "к",
        'l' => "л",
        'm' => "м",
        'n' => "н",
        'o' => "о",
        'p' => "п",
        'q' => "к",
        'r' => "р",
        's' => "с",
        't' => "т",
        'u' => "у",
        'v' => "в",
        'w' => "в",
        'x' => "кс",
        'y' => "и",
        'z' => "з",
        _ => return None,
    })
}

/// A word without its inflectional ending, when it has one and enough is left.
pub fn stem(word: &str) -> Option<&str> {
    let ending = ENDINGS.iter().find(|e| word.ends_with(*e))?;
    let stem = &word[..word.len() - ending.len()];
    (stem.chars().count() >= MIN_STEM).then_some(stem)
}

/// Whether `rest` is nothing or an inflectional ending.
#[cfg(test)]
fn is_ending(rest: &str) -> bool {
    rest.is_empty() || ENDINGS.contains(&rest)
}

/// What a folded word is indexed and looked for by: its stem, or the word itself when it has
/// no ending to take off.
pub fn key(word: &str) -> &str {
    stem(word).unwrap_or(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_share_a_key_and_derivations_do_not() {
        assert_eq!(stem("медиатори"), Some("медиатор"));
        assert_eq!(stem("училищни"), Some("училищ"));
        assert_eq!(stem("заедно"), Some("заед"));
        assert_eq!(stem("mediatori"), Some("mediator"));
        assert_eq!(stem("culturali"), Some("cultural"));
        assert_eq!(stem("houses"), Some("hous"));
        assert_eq!(stem("rom"), None);
        assert_eq!(stem("casa"), None);
        for (a, b) in [
            ("медиатори", "медиаторите"),
            ("медиатори", "медиатор"),
            ("училищни", "училище"),
            ("mediatori", "mediatore"),
            ("culturali", "culturale"),
        ] {
            assert_eq!(key(a), key(b), "{a} and {b}");
        }
        assert_ne!(key("заедно"), key("заедница"));
        assert_eq!(key("casa"), "casa");
        assert!(is_ending("ите") && is_ending("") && is_ending("e"));
        assert!(!is_ending("ница"), "заедница is not an inflection of заедно");
    }

    #[test]
    fn words_are_spelled_in_the_other_script() {
        assert_eq!(other_script("медиатори").as_deref(), Some("mediatori"));
        assert_eq!(other_script("mediatori").as_deref(), Some("медиатори"));
        assert_eq!(other_script("училищни").as_deref(), Some("uchilishtni"));
        assert_eq!(other_script("m4r").as_deref(), Some("м4р"));
        assert_eq!(other_script("mixedсмесено"), None);
        assert_eq!(other_script("2026"), None);
    }
}
