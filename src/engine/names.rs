//! Docker's container-name generator (`adjective_surname`) and random IDs, from the seeded rng.

use rand::Rng;
use std::sync::OnceLock;

const NAMES_TXT: &str = include_str!("names.txt");

struct Words {
    left: Vec<&'static str>,
    right: Vec<&'static str>,
}

fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut left = Vec::new();
        let mut right = Vec::new();
        let mut section = "";
        for line in NAMES_TXT.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match line {
                "[left]" | "[right]" => section = line,
                word if section == "[left]" => left.push(word),
                word => right.push(word),
            }
        }
        Words { left, right }
    })
}

/// One random name the way moby's `GetRandomName(retry)` builds it: `left_right`, never
/// `boring_wozniak`, with one random digit appended when `retry > 0`.
pub fn random_name(rng: &mut impl Rng, retry: u32) -> String {
    let w = words();
    loop {
        let left = w.left[rng.random_range(0..w.left.len())];
        let right = w.right[rng.random_range(0..w.right.len())];
        if left == "boring" && right == "wozniak" {
            continue;
        }
        let mut name = format!("{left}_{right}");
        if retry > 0 {
            name.push(char::from(b'0' + rng.random_range(0..10u8)));
        }
        return name;
    }
}

/// A 64-hex ID whose first 12 characters are not all digits (moby re-rolls those, because a
/// short ID that looks like a number confuses tools).
pub fn random_id(rng: &mut impl Rng) -> String {
    loop {
        let mut id = String::with_capacity(64);
        for _ in 0..32 {
            let byte: u8 = rng.random();
            id.push_str(&format!("{byte:02x}"));
        }
        if !id[..12].bytes().all(|b| b.is_ascii_digit()) {
            return id;
        }
    }
}

/// The word lists, for tests and lessons: (adjectives, surnames).
pub fn word_counts() -> (usize, usize) {
    (words().left.len(), words().right.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn word_lists_have_docker_sizes() {
        assert_eq!(word_counts(), (108, 236));
    }

    #[test]
    fn names_are_seeded_and_well_formed() {
        let mut a = ChaCha8Rng::seed_from_u64(0);
        let mut b = ChaCha8Rng::seed_from_u64(0);
        for retry in 0..6 {
            let name = random_name(&mut a, retry);
            assert_eq!(name, random_name(&mut b, retry));
            assert_ne!(name, "boring_wozniak");
            let (left, right) = name.split_once('_').expect("underscore");
            assert!(words().left.contains(&left));
            let digits = right.trim_start_matches(|c: char| c.is_ascii_lowercase());
            assert_eq!(digits.len(), usize::from(retry > 0));
        }
    }

    #[test]
    fn ids_are_64_hex() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        for _ in 0..100 {
            let id = random_id(&mut rng);
            assert_eq!(id.len(), 64);
            assert!(id
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        }
    }
}
