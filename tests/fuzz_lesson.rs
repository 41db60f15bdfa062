//! Property test of the lesson loader (`lesson::parse_lesson`): the real course files, mutated
//! (lines dropped, doubled, swapped; YAML syntax, hostile numbers and other fields' values
//! spliced in), load or fail with Korean `file:line:column` messages, never a panic; and
//! hostile YAML (alias bombs, deep nesting, a 10 MB scalar) is refused or read in bounded
//! memory.

use dockersim::lesson::{parse_lesson, BUILTIN_FILES};
use proptest::prelude::*;

/// `default` cases, or `DOCKERSIM_FUZZ_CASES` for a longer run (`DOCKERSIM_FUZZ_CASES=100000
/// cargo test --release --test fuzz_lesson`); a failure prints its input instead of a file.
fn config(default: u32) -> ProptestConfig {
    let cases = std::env::var("DOCKERSIM_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        failure_persistence: None,
        max_shrink_iters: 2_000,
        ..ProptestConfig::default()
    }
}

const SPLICES: &[&str] = &[
    "\n",
    "  ",
    "\t",
    "- ",
    ": ",
    ":",
    "#",
    "|",
    ">",
    "'",
    "\"",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "*nope",
    "!!binary ",
    "!custom ",
    "---\n",
    "...\n",
    "? ",
    "%YAML 1.2\n",
    "\u{feff}",
    "\u{0}",
    "~",
    "null",
    "-1",
    "18446744073709551616",
    "1e999",
    ".nan",
    "true",
    "answer: 0",
    "answer: 99",
    "unknown_field: 1",
    "check: []",
    "check:\n  - container: {count: -1}\n",
    "check:\n  - container: {}\n",
    "check:\n  - command: {name: frobnicate, flags: [--nope]}\n",
    "solution:\n  - docker run --nope alpine\n",
    "solution:\n  - docker run $(\n",
    "setup:\n  images: [nonexistent:tag]\n",
    "setup:\n  images: ['']\n",
    "setup:\n  custom_images:\n    - name: x\n      size: 99999999999999999999\n",
    "setup:\n  containers:\n    - image: alpine\n      state: dreaming\n",
    "setup:\n  files:\n    - path: ../../etc/passwd\n      content: x\n",
    "steps: []\n",
    "id: \n",
    "컨테이너",
];

/// One edit of a lesson's lines.
#[derive(Clone, Debug)]
enum Edit {
    Drop(usize),
    Double(usize),
    Swap(usize, usize),
    Splice(usize, usize, &'static str),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        2 => any::<usize>().prop_map(Edit::Drop),
        1 => any::<usize>().prop_map(Edit::Double),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Swap(a, b)),
        5 => (any::<usize>(), any::<usize>(), prop::sample::select(SPLICES))
            .prop_map(|(l, c, s)| Edit::Splice(l, c, s)),
        1 => any::<usize>().prop_map(Edit::Truncate),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for e in edits {
        if lines.is_empty() {
            lines.push(String::new());
        }
        let n = lines.len();
        match *e {
            Edit::Drop(i) => {
                lines.remove(i % n);
            }
            Edit::Double(i) => {
                let l = lines[i % n].clone();
                lines.insert(i % n, l);
            }
            Edit::Swap(a, b) => lines.swap(a % n, b % n),
            Edit::Splice(i, c, s) => {
                let line = &mut lines[i % n];
                let bounds: Vec<usize> = line
                    .char_indices()
                    .map(|(b, _)| b)
                    .chain([line.len()])
                    .collect();
                let at = bounds[c % bounds.len()];
                line.insert_str(at, s);
            }
            Edit::Truncate(i) => lines.truncate(i % n),
        }
    }
    lines.join("\n")
}

fn check(file: &str, text: &str) -> Result<(), TestCaseError> {
    match parse_lesson(file, text) {
        Ok(lesson) => prop_assert!(!lesson.id.is_empty() || lesson.steps.is_empty()),
        Err(errors) => {
            prop_assert!(!errors.is_empty());
            let last_line = text.lines().count() + 1;
            for e in &errors {
                prop_assert!(e.line >= 1 && e.column >= 1, "{e}");
                prop_assert!(
                    e.line <= last_line,
                    "{e} is past the end ({last_line} lines)"
                );
                prop_assert!(e.to_string().starts_with(file));
                prop_assert!(
                    e.message
                        .chars()
                        .any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c)),
                    "not Korean: {e}"
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(1_500))]

    #[test]
    fn mutated_lessons_load_or_fail_with_a_place(
        index in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let (file, text) = BUILTIN_FILES[index.index(BUILTIN_FILES.len())];
        let mutated = apply(text, &edits);
        check(file, &mutated)?;
    }

    #[test]
    fn arbitrary_text_fails_with_a_place(text in prop_oneof![
        any::<String>(),
        prop::collection::vec(prop::sample::select(SPLICES), 0..30).prop_map(|v| v.concat()),
    ]) {
        check("fuzz.yaml", &text)?;
    }
}

#[test]
fn every_builtin_lesson_loads() {
    for (file, text) in BUILTIN_FILES {
        assert!(parse_lesson(file, text).is_ok(), "{file}");
    }
}

#[test]
fn an_alias_bomb_is_refused() {
    // "Billion laughs": nine levels of nine aliases would expand to 10^9 strings.
    let mut text = String::from("a0: &a0 [lol]\n");
    for i in 1..10 {
        let refs: Vec<String> = (0..9).map(|_| format!("*a{}", i - 1)).collect();
        text.push_str(&format!("a{i}: &a{i} [{}]\n", refs.join(", ")));
    }
    text.push_str("id: *a9\n");
    let errors = parse_lesson("bomb.yaml", &text).expect_err("refused");
    assert!(!errors.is_empty());
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    // The YAML reader stops at a recursion limit; sizes stay modest because debug builds of
    // the reader take about 30 µs per opened bracket.
    for text in [
        "[".repeat(10_000),
        format!("steps: {}", "[".repeat(5_000)),
        format!("{}x", "- ".repeat(10_000)),
        format!("{}x: 1", "{a: ".repeat(5_000)),
    ] {
        let errors = parse_lesson("deep.yaml", &text).expect_err("refused");
        assert!(errors.iter().all(|e| e.line >= 1), "{errors:?}");
    }
}

#[test]
fn a_ten_megabyte_scalar_is_read_or_refused() {
    let text =
        BUILTIN_FILES[0]
            .1
            .replacen("title: ", &format!("title: {}", "가".repeat(3_500_000)), 1);
    assert!(text.len() > 10_000_000);
    let _ = parse_lesson("big.yaml", &text);
}
