//! Property test of the `--format` Go-template engine (`cli::format::template::parse` and
//! `execute`) and of `docker ps`/`inspect`/`images --format` around it: templates built from
//! Go's syntax and docker's functions, plus arbitrary text, parse or fail with docker's
//! prefix, run or fail the same way, never panic, and never print more than the 1 MiB cap.

use dockersim::cli::format::template::{parse, TemplateError, Value};
use dockersim::cli::{run_docker, Ctx, HostFs};
use dockersim::engine::Engine;
use proptest::prelude::*;
use std::cell::RefCell;

/// `default` cases, or `DOCKERSIM_FUZZ_CASES` for a longer run (`DOCKERSIM_FUZZ_CASES=100000
/// cargo test --release --test fuzz_format`); a failure prints its input instead of a file.
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

/// The executor's output cap (1 MiB) with room for a table's padding.
const OUTPUT_BOUND: usize = 2 << 20;

const PIECES: &[&str] = &[
    "{{",
    "}}",
    "{{- ",
    " -}}",
    "{{/* c */}}",
    "/*",
    "*/",
    " ",
    "\t",
    "\\t",
    "\n",
    ".",
    ".Names",
    ".ID",
    ".Status",
    ".Labels",
    ".Label \"a.b\"",
    ".Missing",
    ".Nested.Inner",
    ".List",
    ".Map",
    ".Map.k",
    ".N",
    "$",
    "$x",
    "$i",
    "$e",
    "$x := ",
    "$i, $e := ",
    " = ",
    "|",
    "(",
    ")",
    ",",
    "if ",
    "else ",
    "else if ",
    "end",
    "range ",
    "with ",
    "else with ",
    "define \"t\"",
    "template \"t\"",
    "template \"t\" .",
    "block \"b\" .",
    "break",
    "continue",
    "json ",
    "printf ",
    "\"%v %d %s %q %x %5.2f %-8s %[2]v %!\"",
    "print ",
    "println ",
    "len ",
    "index ",
    "slice ",
    "eq ",
    "ne ",
    "lt ",
    "le ",
    "gt ",
    "ge ",
    "and ",
    "or ",
    "not ",
    "call ",
    "html ",
    "js ",
    "urlquery ",
    "split ",
    "join ",
    "title ",
    "lower ",
    "upper ",
    "pad ",
    "truncate ",
    "1",
    "-1",
    "0",
    "3",
    "1000000000",
    "9223372036854775807",
    "1e9",
    "0x1F",
    "0b101",
    "1_000",
    "'a'",
    "'\\n'",
    "1i",
    "2.5",
    "nil",
    "true",
    "false",
    "\"str\"",
    "\"\"",
    "`raw`",
    "\"\\u00e9\"",
    "table ",
    "json",
    "컨테이너",
    "}",
    "{",
    "\"",
];

fn template_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        12 => prop::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<String>(),
        1 => "[ -~]{0,8}",
    ];
    // Mostly well-bracketed actions, so the executor is reached, with raw pieces between.
    let action = (
        prop::sample::select(&["{{", "{{- "][..]),
        prop::collection::vec(prop::sample::select(PIECES), 0..8),
        prop::sample::select(&["}}", " -}}"][..]),
    )
        .prop_map(|(open, inner, close)| {
            let inner: Vec<&str> = inner
                .into_iter()
                .filter(|p| !p.contains("{{") && !p.contains("}}"))
                .collect();
            format!("{open}{}{close}", inner.join(" "))
        });
    let part = prop_oneof![3 => action, 2 => piece];
    prop::collection::vec(part, 0..16).prop_map(|v| v.concat())
}

/// Data shaped like docker's contexts: a formatter struct with methods, plain maps and lists.
fn data() -> Value {
    Value::object(
        "*formatter.ContainerContext",
        [
            ("ID", Value::from("0123456789ab")),
            ("Names", Value::from("web")),
            ("Status", Value::from("Up 5 seconds")),
            ("Labels", Value::from("a.b=c,d=")),
            (
                "Label",
                Value::map([("a.b", Value::from("c")), ("d", Value::from(""))]),
            ),
            ("N", Value::Int(3)),
            (
                "List",
                Value::List(vec![Value::from("x"), Value::Int(-2), Value::Null]),
            ),
            (
                "Map",
                Value::map([("k", Value::from("v")), ("z", Value::Bool(true))]),
            ),
            (
                "Nested",
                Value::object("*types.Inner", [("Inner", Value::List(vec![]))]),
            ),
        ],
    )
}

fn check_error(e: &TemplateError) -> Result<(), TestCaseError> {
    let text = e.to_string();
    prop_assert!(
        text.starts_with("failed to parse template: ")
            || text.starts_with("failed to execute template: "),
        "{text}"
    );
    prop_assert!(e
        .formatter_message()
        .starts_with("template parsing error: "));
    Ok(())
}

proptest! {
    #![proptest_config(config(4_000))]

    #[test]
    fn templates_parse_and_run_or_fail_cleanly(text in template_text()) {
        match parse(&text) {
            Err(e) => check_error(&e)?,
            Ok(t) => {
                for header in [false, true] {
                    match t.execute(&data(), header) {
                        Ok(out) => prop_assert!(out.len() <= OUTPUT_BOUND, "{} bytes", out.len()),
                        Err(e) => {
                            prop_assert!(!header, "header mode never fails");
                            check_error(&e)?;
                        }
                    }
                }
                match t.fields_used(&data()) {
                    Ok(fields) => prop_assert!(fields.len() <= text.len()),
                    Err(e) => check_error(&e)?,
                }
            }
        }
    }
}

/// The commands that take `--format`, with the arguments the fixture needs.
const COMMANDS: &[&[&str]] = &[
    &["ps", "-a"],
    &["ps", "-a", "--no-trunc"],
    &["images"],
    &["inspect", "web"],
    &["container", "ls", "-a"],
    &["image", "inspect", "alpine"],
];

thread_local! {
    /// One engine with a few containers and images, shared by the cases of this thread.
    static ENGINE: RefCell<Engine> = RefCell::new(engine_with_containers());
}

fn engine_with_containers() -> Engine {
    let mut engine = Engine::scripted(0);
    for argv in [
        &[
            "run", "-d", "--name", "web", "-p", "8080:80", "-l", "a.b=c", "nginx",
        ][..],
        &["run", "alpine", "echo", "hi"][..],
        &["create", "hello-world"][..],
    ] {
        let out = docker(&mut engine, argv);
        assert_eq!(out.exit_code, 0, "{}", out.merged());
    }
    engine
}

fn docker(engine: &mut Engine, argv: &[&str]) -> dockersim::cli::Output {
    let mut host = HostFs::default();
    let mut ask = |_: &str| None;
    let mut ctx = Ctx {
        host: &mut host,
        ask: &mut ask,
        stdin_tty: true,
        echo_answers: false,
        cjk: false,
        stdout_redirect: None,
        stdin_redirect: None,
    };
    let argv: Vec<String> = argv.iter().map(|s| s.to_string()).collect();
    run_docker(engine, &mut ctx, &argv)
}

proptest! {
    #![proptest_config(config(1_000))]

    #[test]
    fn commands_take_any_format(
        command in prop::sample::select(COMMANDS),
        format in template_text(),
    ) {
        let out = ENGINE.with(|e| {
            let mut engine = e.borrow_mut();
            let mut argv = command.to_vec();
            argv.push("--format");
            argv.push(&format);
            docker(&mut engine, &argv)
        });
        prop_assert!(matches!(out.exit_code, 0 | 1 | 125), "exit {}", out.exit_code);
        prop_assert!(out.merged().len() <= 2 * OUTPUT_BOUND);
        if out.exit_code != 0 {
            prop_assert!(!out.stderr().is_empty(), "a failure says why");
        }
    }
}

/// How often the generator reaches the executor (printed with `--nocapture`), so a change
/// to the generator that only ever produces parse errors does not go unnoticed.
#[test]
fn the_generator_reaches_the_executor() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = template_text();
    let (mut parsed, mut ran) = (0, 0);
    for _ in 0..500 {
        let Ok(tree) = strategy.new_tree(&mut runner) else {
            continue;
        };
        if let Ok(t) = parse(&tree.current()) {
            parsed += 1;
            if t.execute(&data(), false).is_ok() {
                ran += 1;
            }
        }
    }
    println!("of 500 generated templates, {parsed} parsed and {ran} ran");
    assert!(parsed >= 50, "only {parsed} of 500 parsed");
    assert!(ran >= 25, "only {ran} of 500 ran");
}
