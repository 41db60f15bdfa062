//! Property test of docker's argument parser (`cli::flags::resolve` and `parse`): any argv,
//! built from real command words, real flag names and hostile values, gives a command or an
//! exit with text, never a panic; the same argv always gives the same answer; the text it
//! prints stays proportional to the input.

use dockersim::cli::flags::{command_paths, command_spec, parse, resolve, Parsed, Resolution};
use proptest::prelude::*;
use std::sync::OnceLock;

/// `default` cases, or `DOCKERSIM_FUZZ_CASES` for a longer run (`DOCKERSIM_FUZZ_CASES=100000
/// cargo test --release --test fuzz_flags`); a failure prints its input instead of a file.
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

/// Every command word and every flag spelling the real client knows.
struct Vocabulary {
    words: Vec<String>,
    flags: Vec<String>,
    paths: Vec<&'static str>,
}

fn vocabulary() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| {
        let paths = command_paths();
        let mut words: Vec<String> = paths
            .iter()
            .flat_map(|p| p.split_whitespace().skip(1).map(str::to_string))
            .collect();
        words.sort();
        words.dedup();
        let mut flags = Vec::new();
        for p in &paths {
            if let Some(spec) = command_spec(p) {
                for f in &spec.flags {
                    flags.push(format!("--{}", f.long));
                    if let Some(c) = f.short {
                        flags.push(format!("-{c}"));
                    }
                }
            }
        }
        flags.sort();
        flags.dedup();
        Vocabulary {
            words,
            flags,
            paths,
        }
    })
}

const VALUES: &[&str] = &[
    "",
    "-",
    "--",
    "---x",
    "-=",
    "--=",
    "=",
    "0",
    "-1",
    "1",
    "99999999999999999999999",
    "-9223372036854775808",
    "18446744073709551616",
    "1.5",
    "NaN",
    "inf",
    "1e308",
    "10s",
    "-3m",
    "1h2m3s",
    "1g",
    "512m",
    "1.5GiB",
    "true",
    "false",
    "TRUE",
    "t",
    "8080:80",
    "127.0.0.1:8080:80/tcp",
    "[::]:80:80",
    "65536:80",
    "80-90:80-90",
    "a=b",
    "a=b=c",
    "label=x",
    "status=exited",
    "name=web",
    "on-failure:3",
    "always",
    "SIGKILL",
    "9",
    "alpine",
    "nginx:latest",
    "sha256:",
    "web",
    "{{.Names}}",
    "table {{.ID}}\t{{.Status}}",
    "json",
    "컨테이너",
    "\u{0}",
    "\u{7f}\u{1b}[31m",
    "'\"`$(x)",
];

fn arg() -> impl Strategy<Value = String> {
    let v = vocabulary();
    let word = prop::sample::select(v.words.clone());
    let flag = prop::sample::select(v.flags.clone());
    let value = prop::sample::select(VALUES);
    prop_oneof![
        3 => word,
        4 => flag.clone(),
        3 => value.clone().prop_map(str::to_string),
        2 => (flag.clone(), value.clone()).prop_map(|(f, v)| format!("{f}={v}")),
        // Shorthand clusters and glued values: `-it`, `-p8080:80`, `-dit=x`.
        2 => ("[a-zA-Z]{1,4}", value).prop_map(|(c, v)| format!("-{c}{v}")),
        1 => any::<String>(),
        1 => "[ -~]{0,12}",
    ]
}

fn argv() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(arg(), 0..14).prop_map(|mut rest| {
        rest.insert(0, "docker".to_string());
        rest
    })
}

/// A bound on what one parse may print: the longest help text and the input, quoted.
fn printed_bound(argv: &[String]) -> usize {
    64 * 1024 + 8 * argv.iter().map(|a| a.len() + 1).sum::<usize>()
}

proptest! {
    #![proptest_config(config(3_000))]

    #[test]
    fn resolve_answers_every_argv(argv in argv()) {
        let first = resolve(&argv);
        prop_assert_eq!(&first, &resolve(&argv), "not deterministic");
        match &first {
            Resolution::Run(inv) => {
                prop_assert!(inv.spec.path.starts_with("docker"), "{}", inv.spec.path);
                let shown: usize = inv.notices.iter().map(|(_, t)| t.len()).sum();
                prop_assert!(shown <= printed_bound(&argv));
            }
            Resolution::Exit(exit) => {
                prop_assert!((0..=255).contains(&exit.exit_code));
                let text = exit.stdout() + &exit.stderr();
                prop_assert!(!text.is_empty(), "an exit prints something");
                if exit.exit_code != 0 {
                    prop_assert!(!exit.stderr().is_empty(), "an error goes to stderr");
                }
                prop_assert!(text.len() <= printed_bound(&argv), "{} bytes", text.len());
            }
        }
    }

    #[test]
    fn parse_answers_every_command(
        index in any::<prop::sample::Index>(),
        args in prop::collection::vec(arg(), 0..12),
    ) {
        let paths = &vocabulary().paths;
        let path = paths[index.index(paths.len())];
        let Some(spec) = command_spec(path) else {
            return Err(TestCaseError::fail(format!("{path} has no spec")));
        };
        match parse(spec, &args) {
            Ok(Parsed::Help { stdout }) => prop_assert!(!stdout.is_empty()),
            Ok(Parsed::Args(m)) => {
                prop_assert!(m.positionals().len() <= args.len());
                for given in m.flags_given() {
                    prop_assert!(spec.flag(given).is_some(), "{given} is not a flag of {path}");
                }
            }
            Err(e) => {
                prop_assert!(!e.to_string().is_empty());
                prop_assert!(e.exit_code() == 1 || e.exit_code() == 125, "exit {}", e.exit_code());
            }
        }
    }
}
