//! Property test: random and hostile lines through parse, render, expand and run never panic.

use dockersim::shell::lexer::{
    expand_pattern, expand_redirect_target, expand_word, expand_words, parse, run_script, Compound,
    Expander, Redirect, Script, MAX_LINE_BYTES,
};
use proptest::prelude::*;
use std::ops::ControlFlow;
use std::time::{Duration, Instant};

/// Echoes instead of running: variables expand to blank-padded text (or nothing for names
/// starting with `E`), and `$(...)` returns the expansion of its own words, recursively.
struct Echo;

impl Expander for Echo {
    fn var(&self, name: &str) -> Option<String> {
        (!name.starts_with('E')).then(|| format!(" <{name}>\t{name} \n"))
    }

    fn last_status(&self) -> i32 {
        7
    }

    fn command_output(&mut self, script: &Script) -> String {
        let mut out = String::new();
        for (i, fields) in expand_all(script, self).iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&fields.join(" "));
        }
        out.push_str("\n\n");
        out
    }
}

/// Expands every word, assignment and redirection target the way an executor would, in a
/// `run_script` walk that stops at a command named `exit` and enters compound commands
/// (each list once).
fn expand_all(script: &Script, ex: &mut Echo) -> Vec<Vec<String>> {
    let mut all = Vec::new();
    let flow = run_script(script, 0, &mut |pipeline| {
        if let Some(compound) = &pipeline.compound {
            let lists: Vec<&Script> = match &compound.kind {
                Compound::Group(body) => vec![body],
                Compound::If {
                    branches,
                    otherwise,
                } => branches
                    .iter()
                    .flat_map(|b| [&b.condition, &b.body])
                    .chain(otherwise.iter())
                    .collect(),
                Compound::Loop {
                    condition, body, ..
                } => vec![condition, body],
                Compound::For { words, body, .. } => {
                    all.push(expand_words(words.as_deref().unwrap_or_default(), ex));
                    vec![body]
                }
                Compound::Case { word, items } => {
                    all.push(vec![expand_word(word, ex)]);
                    for item in items {
                        all.push(
                            item.patterns
                                .iter()
                                .map(|p| expand_pattern(p, ex))
                                .collect(),
                        );
                    }
                    items.iter().map(|i| &i.body).collect()
                }
                Compound::Subshell(body) => vec![body],
                Compound::Function { .. } => vec![],
            };
            for list in lists {
                all.extend(expand_all(list, ex));
            }
            all.extend(targets(&compound.redirects, ex));
            return ControlFlow::Continue(all.len() as i32 % 3);
        }
        for cmd in &pipeline.commands {
            for a in &cmd.assignments {
                all.push(vec![expand_word(&a.value, ex)]);
            }
            all.extend(targets(&cmd.redirects, ex));
            let argv = expand_words(&cmd.words, ex);
            if argv.first().is_some_and(|w| w == "exit") {
                return ControlFlow::Break(1);
            }
            all.push(argv);
        }
        ControlFlow::Continue(all.len() as i32 % 3)
    });
    let _ = flow;
    all
}

fn targets(redirects: &[Redirect], ex: &mut Echo) -> Vec<Vec<String>> {
    redirects
        .iter()
        .map(|r| expand_redirect_target(&r.target, ex).into_iter().collect())
        .collect()
}

const PALETTE: &[&str] = &[
    "if ",
    "then ",
    "elif ",
    "else ",
    "fi",
    "while ",
    "until ",
    "do ",
    "done",
    "for ",
    " in ",
    "{ ",
    " }",
    "! ",
    "$((1+",
    "))",
    "'",
    "\"",
    "`",
    "\\`",
    "\\",
    "$(",
    ")",
    "(",
    "${",
    "}",
    "${X:-",
    "${#",
    "${X%%",
    "case ",
    "esac",
    ") ",
    "f() ",
    "$",
    "$?",
    "$$",
    "$#",
    "$1",
    "$'",
    "$\"",
    "$((",
    "X",
    "${X}",
    "E",
    " ",
    "\t",
    "\n",
    "#",
    ";",
    ";;",
    "&",
    "&&",
    "|",
    "||",
    "|&",
    ">",
    ">>",
    "2>",
    "2>&1",
    ">&",
    "&>",
    "<",
    "<<",
    "<<<",
    "<&",
    "A=",
    "B=1",
    "~",
    "~/",
    "=",
    "docker",
    "rm",
    "exit",
    "한글",
    "컨테이너 ",
    "99999999999999999999",
    "0",
    "-",
    "\\n",
    "\\t",
    "{{.Names}}",
    "\r",
    "\u{3000}",
    "\u{0}",
];

fn line() -> impl Strategy<Value = String> {
    let bytes = prop::collection::vec(any::<u8>(), 0..200)
        .prop_map(|b| String::from_utf8_lossy(&b).into_owned());
    let soup = prop::collection::vec(prop::sample::select(PALETTE), 0..60).prop_map(|t| t.concat());
    let nested = (
        0usize..80,
        prop::sample::select(&["$(echo ", "\"$(", "`", "$(`", "${", "'", "\"", "("][..]),
        prop::sample::select(&[")", "\")", "`", "`)", "}", "'", "\"", ""][..]),
        0usize..80,
        prop::collection::vec(prop::sample::select(PALETTE), 0..8),
    )
        .prop_map(|(open, o, c, close, mid)| {
            format!("x {}{}{}", o.repeat(open), mid.concat(), c.repeat(close))
        });
    let huge = (
        prop::sample::select(&["a;", "a ", "$(", "\"$(", "'", "x\\", "&&", "$X", "a|", "\n"][..]),
        0usize..40_000,
    )
        .prop_map(|(unit, n)| unit.repeat(n));
    prop_oneof![3 => bytes, 4 => soup, 2 => nested, 1 => huge, 4 => valid_line()]
}

/// Lines built from the grammar, so most parse and exercise rendering and expansion.
fn valid_line() -> impl Strategy<Value = String> {
    let text = prop::sample::select(
        &[
            "a",
            "-q",
            "x=1",
            "A=b",
            "2",
            "한글",
            "{{.ID}}",
            "~",
            "~/d",
            "*",
            "a\\ b",
            "\\$X",
            "'s q'",
            "''",
            "\"\"",
            "$'\\t\\''",
            "$X",
            "${X}y",
            "$E",
            "$?",
            "$$",
            "$1",
            "${10}",
            "\"$X z\"",
            "\"a\\tb\"",
            "$",
            "a$",
            "a#c",
            "\\#",
            "$((1+X))",
            "\"$(( (2) * $1 ))\"",
            "$(( $(x) ))",
            "done",
            "if",
            "{",
            "}",
            "!",
            "${X:-a b}",
            "\"${E:-'q' $X}\"",
            "${U:=v}",
            "${X+$X}",
            "${#X}",
            "${X##*/}",
            "\"${X%\"a*\"}\"",
            "${X#$E}",
            "${X:-\\}}",
            "esac",
            "case",
        ][..],
    );
    let word = text
        .prop_map(str::to_owned)
        .prop_recursive(4, 64, 6, |inner| {
            let script = prop::collection::vec(prop::collection::vec(inner.clone(), 1..4), 1..3)
                .prop_map(|cmds| {
                    cmds.iter()
                        .map(|c| c.join(" "))
                        .collect::<Vec<_>>()
                        .join("; ")
                });
            prop_oneof![
                script.clone().prop_map(|s| format!("$({s})")),
                script.clone().prop_map(|s| format!("\"$({s})\"")),
                script.prop_map(|s| format!("`{}`", s.replace('\\', "\\\\").replace('`', "\\`"))),
                prop::collection::vec(inner, 2..4).prop_map(|parts| parts.concat()),
            ]
        });
    let redirect =
        prop::sample::select(&["", " >f", " 2>&1", " >>f", " <in", " &>f", " 2>/dev/null"][..]);
    let simple = (prop::collection::vec(word.clone(), 1..5), redirect)
        .prop_map(|(words, r)| format!("{}{r}", words.join(" ")));
    // Compound commands around simple ones, nested a few levels.
    let command = simple.prop_recursive(3, 24, 4, move |inner| {
        let list = prop::collection::vec(inner.clone(), 1..3).prop_map(|c| c.join("; "));
        prop_oneof![
            inner.clone(),
            (list.clone(), list.clone()).prop_map(|(c, b)| format!("if {c}; then {b}; fi")),
            (list.clone(), list.clone(), list.clone()).prop_map(|(c, b, e)| format!(
                "if {c}\nthen {b}\nelif {c}; then {e}; else {b}\nfi"
            )),
            (list.clone(), list.clone()).prop_map(|(c, b)| format!("while {c}; do {b}; done")),
            (list.clone(), list.clone()).prop_map(|(c, b)| format!("until {c}\ndo\n{b}\ndone >f")),
            (prop::collection::vec(word.clone(), 0..3), list.clone())
                .prop_map(|(w, b)| format!("for i in {}; do {b}; done", w.join(" "))),
            list.clone().prop_map(|b| format!("{{ {b}; }} 2>&1")),
            (word.clone(), list.clone(), list.clone())
                .prop_map(|(w, a, b)| format!("case {w} in\n({w}|x) {a};;\n *) {b}\nesac")),
            list.clone().prop_map(|b| format!("( {b} ) >f")),
            (word.clone(), list.clone())
                .prop_map(|(w, b)| format!("cat <<E | {b}\n{w} $X\n\\$ `x`\nE\n{b}")),
            (word.clone(), list.clone())
                .prop_map(|(w, b)| format!("{b} <<'E' && {b} <<-F\n{w}\nE\n\t{w}\n\tF\n{b}")),
            list.clone().prop_map(|b| format!("f() {{ {b}; }}; f {b}")),
            inner.prop_map(|c| format!("! {c}")),
        ]
    });
    let sep = prop::sample::select(&["; ", " && ", " || ", " | ", " & ", "\n", ";"][..]);
    prop::collection::vec((command, sep), 1..5).prop_map(|items| {
        items
            .iter()
            .map(|(c, s)| format!("{c}{s}"))
            .collect::<String>()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn parse_render_expand_never_panics(line in line()) {
        let started = Instant::now();
        if let Ok(script) = parse(&line) {
            let rendered = script.to_string();
            if rendered.len() <= MAX_LINE_BYTES {
                // Rendering must give back the same tree, so it is safe to show and re-run.
                prop_assert_eq!(parse(&rendered), Ok(script.clone()), "rendered: {:?}", rendered);
            }
            expand_all(&script, &mut Echo);
        }
        prop_assert!(started.elapsed() < Duration::from_secs(2), "slow: {} bytes", line.len());
    }
}
