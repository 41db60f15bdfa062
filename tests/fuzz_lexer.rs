//! Property test of the shell lexer shared by the host prompt and the shells inside containers:
//! hostile structure (deep `$(...)` and backtick nesting, unbalanced quotes, long runs of
//! operators) parses or fails with a Korean message, never panics or overflows the stack, and
//! stays within the lexer's caps; the same lines typed at a container's `/ # ` prompt never
//! take the session down. `tests/shell_fuzz.rs` covers round-trips of well-formed lines.

use dockersim::engine::Engine;
use dockersim::lexer::{
    expand_words, parse, run_script, Expander, ParseError, Script, MAX_COMMANDS, MAX_WORDS,
};
use dockersim::shell::Session;
use proptest::prelude::*;
use std::ops::ControlFlow;

/// `default` cases, or `DOCKERSIM_FUZZ_CASES` for a longer run (`DOCKERSIM_FUZZ_CASES=100000
/// cargo test --release --test fuzz_lexer`); a failure prints its input instead of a file.
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

const PIECES: &[&str] = &[
    "$(", ")", "`", "\\`", "'", "\"", "\\", "\\\n", "$'", "$\"", "${", "}", "${A}", "${A:-x}",
    "$((", "))", "$", "$?", "$$", "$#", "$0", "$1", "$@", "$*", "$A", "$HOME", "~", "*", "?", "[",
    "]", "{", "}", "(", "(", ";", ";;", "&&", "||", "|", "&", "!", "#", "\n", " ", "\t", ">", ">>",
    "<", "<<", "<<<", "<>", ">|", "2>", "2>&1", "&>", "&>>", ">&", "<&", "9>", "A=", "A=1 ",
    "echo ", "docker ", "ls ", "exit ", "cd ", "x", "\u{0}", "\u{7f}", "한글", "\u{200b}",
];

fn line() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        10 => prop::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<String>(),
        1 => "[a-z=./-]{1,6}",
    ];
    prop_oneof![
        4 => prop::collection::vec(piece, 0..40).prop_map(|v| v.concat()),
        // Deep nesting, closed or not, mixed with quotes: the stack must not overflow.
        1 => (0usize..80, prop::sample::select(&["$(", "`", "\"$(", "$(echo "][..]), any::<bool>())
            .prop_map(|(depth, open, close)| {
                let mut s = open.repeat(depth);
                if close {
                    s.push_str(&")".repeat(depth));
                }
                s
            }),
        // Long runs of one operator (the per-line command and word caps).
        1 => (prop::sample::select(&["a;", "a ", "&&a", ";", "|", "$A"][..]), 0usize..5_000)
            .prop_map(|(p, n)| p.repeat(n)),
    ]
}

/// Expands to short fixed text and counts what it was asked.
struct Fixed {
    substitutions: usize,
}

impl Expander for Fixed {
    fn var(&self, name: &str) -> Option<String> {
        (name.len() < 4).then(|| "a b".to_string())
    }
    fn last_status(&self) -> i32 {
        0
    }
    fn command_output(&mut self, script: &Script) -> String {
        self.substitutions += 1;
        let mut n = 0;
        let _ = run_script(script, 0, &mut |p| {
            n += p.commands.len();
            ControlFlow::Continue(0)
        });
        format!("out{n}\n")
    }
}

proptest! {
    #![proptest_config(config(3_000))]

    #[test]
    fn any_line_parses_or_fails_in_korean(line in line()) {
        match parse(&line) {
            Err(e) => {
                let msg = e.to_string();
                prop_assert!(!msg.is_empty());
                // Every refusal is dockersim's own Korean wording (Hangul in the message).
                let hangul = msg.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c));
                prop_assert!(hangul, "{e:?}: {msg}");
                if matches!(e, ParseError::TooDeep) {
                    prop_assert!(line.contains('(') || line.contains('`'));
                }
            }
            Ok(script) => {
                let mut words = 0;
                let mut commands = 0;
                let mut fixed = Fixed { substitutions: 0 };
                let mut expanded = 0usize;
                let _ = run_script(&script, 0, &mut |p| {
                    for c in &p.commands {
                        commands += 1;
                        words += c.words.len() + c.assignments.len() + c.redirects.len();
                        expanded += expand_words(&c.words, &mut fixed).iter().map(String::len).sum::<usize>();
                    }
                    ControlFlow::Continue(0)
                });
                prop_assert!(commands <= MAX_COMMANDS);
                prop_assert!(words <= MAX_WORDS);
                // Expansion output is proportional to the line: no blow-up from nesting.
                prop_assert!(expanded <= 16 * line.len() + 64, "{expanded} bytes from {}", line.len());
            }
        }
    }
}

proptest! {
    #![proptest_config(config(150))]

    /// The same hostile lines at a shell inside a container (`docker run -it alpine sh`).
    #[test]
    fn container_shell_takes_any_line(lines in prop::collection::vec(line(), 1..4)) {
        let mut session = Session::new(Engine::scripted(0));
        let mut no = |_: &str| None;
        let opened = session.run_line("docker run -it --name box alpine sh", &mut no);
        prop_assert_eq!(opened.output.exit_code, 0, "{}", opened.output.merged());
        for l in &lines {
            let r = session.run_line(l, &mut no);
            prop_assert!((0..=255).contains(&r.output.exit_code));
            // Memory stays bounded: a line of at most 4,096 commands prints a bounded amount.
            prop_assert!(r.output.merged().len() <= 16 << 20, "output grew: {}", r.output.merged().len());
            if session.terminal().shell.is_none() {
                break;
            }
        }
        if session.terminal().shell.is_some() {
            let _ = session.run_line("exit", &mut no);
        }
        if session.terminal().attached.is_some() {
            let _ = session.interrupt();
        }
        // The host prompt works again and the container is still known.
        let r = session.run_line("docker ps -a --format '{{.Names}}'", &mut no);
        prop_assert_eq!(r.output.stdout(), "box\n");
    }
}
