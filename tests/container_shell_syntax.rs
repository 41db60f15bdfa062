//! The rest of the POSIX syntax inside containers (`docker run alpine sh -c '…'`): parameter
//! expansion with operators, `case`, functions with `local` and `return`, subshells, and the
//! host prompt's answer to the same syntax. Expectations are BusyBox 1.35 ash's output (checked
//! with the real binary and by `tests/differential/scenarios/69-shell-syntax-more.txt`).
#![allow(clippy::unwrap_used)]

use dockersim::engine::Engine;
use dockersim::shell::{LineResult, Session};

fn session() -> Session {
    let mut s = Session::new(Engine::scripted(0));
    let r = run(&mut s, "docker pull alpine");
    assert_eq!(r.output.exit_code, 0, "{}", r.output.merged());
    s
}

fn run(s: &mut Session, line: &str) -> LineResult {
    let mut no = |_: &str| None;
    s.run_line(line, &mut no)
}

/// Runs `text` with `docker run --rm alpine sh -c`, gives (stdout and stderr in order, status).
fn sh(s: &mut Session, text: &str) -> (String, i32) {
    let quoted = format!("'{}'", text.replace('\'', "'\\''"));
    let r = run(s, &format!("docker run --rm alpine sh -c {quoted}"));
    (r.output.merged(), r.output.exit_code)
}

fn has_hangul(text: &str) -> bool {
    text.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c))
}

#[test]
fn default_values_and_the_like() {
    let mut s = session();
    let r = run(
        &mut s,
        "docker run --rm -e NAME=dockersim alpine sh -c 'echo hello ${NAME:-world}; echo hello ${OTHER:-world}'",
    );
    assert_eq!(r.output.merged(), "hello dockersim\nhello world\n");
    assert_eq!(
        sh(&mut s, "y=; echo [${y:-d}] [${y-d}] [${y:=e}] $y"),
        ("[d] [] [e] e\n".into(), 0)
    );
    assert_eq!(
        sh(
            &mut s,
            r#"y=1; echo ${y:+alt} ${y+"a  b"} "${y:+a  b}" [${z+alt}]"#
        ),
        ("alt a  b a  b []\n".into(), 0)
    );
    // The word is split when the expansion is unquoted, not when it is quoted.
    assert_eq!(
        sh(
            &mut s,
            r#"set -- ${x:-a b}; echo $#; set -- "${x:-a b}"; echo $#"#
        ),
        ("2\n1\n".into(), 0)
    );
    // Inside double quotes a single quote in the word is an ordinary character.
    assert_eq!(sh(&mut s, r#"echo "${x:-'a'}""#), ("'a'\n".into(), 0));
    assert_eq!(
        sh(&mut s, "echo ${x:-$(echo })}; : ${W:=assigned}; echo $W"),
        ("}\nassigned\n".into(), 0)
    );
}

#[test]
fn unset_parameter_errors_end_the_shell() {
    let mut s = session();
    assert_eq!(
        sh(&mut s, "echo ${z:?boom}; echo no"),
        ("sh: z: boom\n".into(), 2)
    );
    assert_eq!(
        sh(&mut s, "echo ${x?}; echo no"),
        ("sh: x: parameter not set\n".into(), 2)
    );
    assert_eq!(
        sh(&mut s, "x=; echo ${x:?}; echo no"),
        ("sh: x: parameter not set or null\n".into(), 2)
    );
    assert_eq!(
        sh(&mut s, "x=1; echo ${x:?}; echo ${1=x}"),
        ("1\nsh: 1: bad variable name\n".into(), 2)
    );
}

#[test]
fn length_and_pattern_removal() {
    let mut s = session();
    assert_eq!(
        sh(
            &mut s,
            "x=/usr/local/bin/app.tar.gz; echo ${x##*/} ${x%/*} ${x%%.*} ${x#*.} ${x%.*} ${#x}"
        ),
        (
            "app.tar.gz /usr/local/bin /usr/local/bin/app tar.gz /usr/local/bin/app.tar 25\n"
                .into(),
            0
        )
    );
    // An unquoted expansion in a pattern keeps its pattern characters; a quoted one does not.
    assert_eq!(
        sh(
            &mut s,
            r#"p="*."; x=a.b.c; echo ${x#$p} ${x#"$p"} ${x##$p} "${x#$p}""#
        ),
        ("b.c a.b.c c b.c\n".into(), 0)
    );
    assert_eq!(
        sh(
            &mut s,
            r#"x=abc; echo "${x#\a}" ${x#[ab]} ${x%[[:alpha:]]}"#
        ),
        ("bc bc ab\n".into(), 0)
    );
}

#[test]
fn case_runs_the_first_matching_item() {
    let mut s = session();
    assert_eq!(
        sh(
            &mut s,
            r#"for f in a.txt b.sh c; do case $f in *.txt) echo "$f text";; *.sh) echo "$f script";; *) echo "$f other";; esac; done"#
        ),
        ("a.txt text\nb.sh script\nc other\n".into(), 0)
    );
    assert_eq!(
        sh(
            &mut s,
            r#"case "a*" in "a*") echo q;; a\*) echo e;; esac; case x in [!x]) echo no;; (*) echo def; esac"#
        ),
        ("q\ndef\n".into(), 0)
    );
    // No match, or an empty item, leaves status 0; the item's last command sets it.
    assert_eq!(
        sh(
            &mut s,
            "false; case x in a) ;; esac; echo $?; case x in x) false;; esac; echo $?"
        ),
        ("0\n1\n".into(), 0)
    );
    assert_eq!(
        sh(
            &mut s,
            "case a in\n  a)\n    echo x\n    ;;\n  *) echo y\nesac"
        ),
        ("x\n".into(), 0)
    );
}

#[test]
fn functions_take_arguments_and_return() {
    let mut s = session();
    let r = run(
        &mut s,
        r#"docker run --rm alpine sh -c 'f() { echo "$# $1 $@ $0"; return 4; echo no; }; f a b; echo $? $#' zero one"#,
    );
    assert_eq!(r.output.merged(), "2 a a b zero\n4 1\n");
    assert_eq!(
        sh(
            &mut s,
            "fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(( $1 - 1 ))) )); fi; }; fact 5"
        ),
        ("120\n".into(), 0)
    );
    // Functions share the shell's variables, except `local` ones and `X=1 f`.
    assert_eq!(
        sh(
            &mut s,
            r#"f() { x=inner; local y=2; g; }; g() { echo "g: $y"; }; x=outer; y=1; f; echo $x $y; h() { echo "[$Z]"; }; Z=6 h; echo "[$Z]""#
        ),
        ("g: 2\ninner 1\n[6]\n[]\n".into(), 0)
    );
    // `return` ends loops in the function; without a number it keeps `$?`.
    assert_eq!(
        sh(
            &mut s,
            "f() { for i in 1 2; do return 5; done; }; f; echo $?; g() { false; return; }; g; echo $?; h() { return 300; }; h; echo $?"
        ),
        ("5\n1\n44\n".into(), 0)
    );
    // A function overrides a regular builtin; `command -v` knows it.
    assert_eq!(
        sh(
            &mut s,
            r#"echo() { printf "E:%s\n" "$*"; }; echo hi; command -v echo"#
        ),
        ("E:hi\necho\n".into(), 0)
    );
    // The body's redirections apply at each call.
    assert_eq!(
        sh(&mut s, "f() { echo $1; } > /tmp/fo; f a; f b; cat /tmp/fo"),
        ("b\n".into(), 0)
    );
    assert_eq!(sh(&mut s, "f() echo hi; f"), ("hi\n".into(), 0));
}

#[test]
fn return_and_local_outside_a_function() {
    let mut s = session();
    assert_eq!(sh(&mut s, "return 3; echo x"), (String::new(), 3));
    assert_eq!(
        sh(&mut s, "echo a\nlocal x=1; echo x"),
        ("a\nsh: local: line 1: not in a function\n".into(), 2)
    );
    assert_eq!(
        sh(&mut s, "f() { return abc; }; f; echo $?"),
        ("sh: return: line 0: Illegal number: abc\n".into(), 2)
    );
    assert_eq!(
        sh(&mut s, "f() {\n echo $LINENO\n}\nf\necho $LINENO"),
        ("1\n4\n".into(), 0)
    );
}

#[test]
fn endless_recursion_stops_with_a_note() {
    let mut s = session();
    assert_eq!(sh(&mut s, "f() { f; }; f; echo after").1, 2);
    for text in [
        "f() { f; }; f; echo after",
        "f() { if true; then for i in 1; do while true; do (f); break; done; done; fi; }; f",
        "f() { echo $(f) | cat; }; f",
        "f() { x=$(f; echo); }; f",
        "f() { case a in a) (f) | cat;; esac; }; f",
    ]
    .into_iter()
    .map(str::to_string)
    .chain([format!(
        "f() {{ {} f; {} }}; f",
        "{ if true; then ".repeat(14),
        "fi; }; ".repeat(14)
    )]) {
        let text = text.as_str();
        // A subshell that stops ends only itself, so the status depends on the text.
        let (out, _) = sh(&mut s, text);
        assert!(
            out.contains("dockersim: 함수 호출, 복합 명령"),
            "{text}: {out}"
        );
        assert!(!out.contains("after"));
    }
}

#[test]
fn subshells_keep_their_changes() {
    let mut s = session();
    assert_eq!(
        sh(
            &mut s,
            "x=1; (x=2; cd /etc; echo $x $PWD; exit 4); echo $? $x $PWD"
        ),
        ("2 /etc\n4 1 /\n".into(), 0)
    );
    assert_eq!(
        sh(
            &mut s,
            "(echo a; echo b) | wc -l; (echo err >&2) 2>/dev/null; (false) || echo failed"
        ),
        ("2\nfailed\n".into(), 0)
    );
    assert_eq!(
        sh(&mut s, r#"(trap "echo bye" EXIT; echo hi); echo after"#),
        ("hi\nbye\nafter\n".into(), 0)
    );
    assert_eq!(
        sh(&mut s, "for i in 1 2 3; do (break); echo $i; done"),
        ("1\n2\n3\n".into(), 0)
    );
    assert_eq!(
        sh(&mut s, "f() { (return 3); echo in $?; }; f"),
        ("in 3\n".into(), 0)
    );
    assert_eq!(sh(&mut s, "if(true)then echo a;fi"), ("a\n".into(), 0));
}

#[test]
fn syntax_errors_use_ash_words() {
    let mut s = session();
    for (text, error) in [
        ("( )", "syntax error: unexpected \")\""),
        (
            "(echo a",
            "syntax error: unexpected end of file (expecting \")\")",
        ),
        (
            "case a in",
            "syntax error: unexpected end of file (expecting \")\")",
        ),
        (
            "case a in a) echo",
            "syntax error: unexpected end of file (expecting \";;\")",
        ),
        (
            "case a in a echo;; esac",
            "syntax error: unexpected word (expecting \")\")",
        ),
        (
            "case a b in esac",
            "syntax error: unexpected word (expecting \"in\")",
        ),
        ("case a in a) b;& esac", "syntax error: unexpected \"&\""),
        ("foo-bar() { echo; }", "syntax error: bad function name"),
        ("f()", "syntax error: unexpected end of file"),
        (
            "f (x) { :; }",
            "syntax error: unexpected word (expecting \")\")",
        ),
        ("echo ${x!}", "syntax error: bad substitution"),
        ("echo ${x:}", "syntax error: missing '}'"),
        ("echo ${x-a b", "syntax error: missing '}'"),
    ] {
        assert_eq!(sh(&mut s, text), (format!("sh: {error}\n"), 2), "{text}");
    }
}

#[test]
fn the_interactive_prompt_keeps_functions_between_lines() {
    let mut s = session();
    let r = run(&mut s, "docker run -it --name box alpine sh");
    assert_eq!(r.output.exit_code, 0, "{}", r.output.merged());
    run(&mut s, "greet() { echo \"hi ${1:-there}\"; }");
    assert_eq!(run(&mut s, "greet").output.merged(), "hi there\n");
    assert_eq!(run(&mut s, "greet you").output.merged(), "hi you\n");
    assert_eq!(
        run(&mut s, "case $PWD in /) echo root;; esac")
            .output
            .merged(),
        "root\n"
    );
}

#[test]
fn the_host_prompt_expands_parameters_and_refuses_the_rest_in_korean() {
    let mut s = session();
    let r = run(&mut s, "echo ${NOPE:-default} ${#HOME}x");
    assert_eq!(r.output.exit_code, 0, "{}", r.output.merged());
    assert!(r.output.stdout().starts_with("default "));
    for line in ["(echo a)", "case a in a) echo;; esac", "f() { echo; }"] {
        let r = run(&mut s, line);
        assert_eq!(r.output.exit_code, 2, "{line}");
        assert!(has_hangul(&r.output.merged()), "{line}");
    }
}

#[test]
fn here_documents_in_the_same_text() {
    let mut s = session();
    assert_eq!(
        sh(
            &mut s,
            "x=5; cat <<EOF\nhello $x `echo bt` \\$x\nEOF\necho next"
        ),
        ("hello 5 bt $x\nnext\n".into(), 0)
    );
    // A quoted delimiter keeps the body literal; `<<-` removes leading tabs.
    assert_eq!(
        sh(&mut s, "cat <<'Q' <<-R\n$HOME\nQ\n\t\ttabbed\n\tR"),
        ("tabbed\n".into(), 0)
    );
    assert_eq!(
        sh(&mut s, "cat <<'Q'; cat <<R\n$HOME\nQ\n${HOME}\nR"),
        ("$HOME\n/root\n".into(), 0)
    );
    assert_eq!(
        sh(
            &mut s,
            "while read l; do echo \"got $l\"; done <<EOF\na\nb\nEOF\ncat <<EOF | wc -l\n1\n2\nEOF"
        ),
        ("got a\ngot b\n2\n".into(), 0)
    );
    assert_eq!(
        sh(
            &mut s,
            "f() { cat; }; x=$(f <<EOF\nsub\nEOF\n); echo \"[$x]\""
        ),
        ("[sub]\n".into(), 0)
    );
    assert_eq!(
        sh(&mut s, "cat <<EOF\nEOF\necho rc=$?"),
        ("rc=0\n".into(), 0)
    );
    assert_eq!(
        sh(&mut s, "cat <<"),
        ("sh: syntax error: unexpected end of file\n".into(), 2)
    );
}

#[test]
fn words_with_unquoted_wildcards_become_the_paths_they_match() {
    let mut s = dockersim::shell::Session::new(dockersim::engine::Engine::scripted(0));
    let mut no = |_: &str| None;
    let mut run = |s: &mut dockersim::shell::Session, line: &str| {
        let r = s.run_line(line, &mut no);
        assert_eq!(r.output.exit_code, 0, "`{line}`: {}", r.output.merged());
        r.output.stdout()
    };
    run(&mut s, "docker pull alpine");
    let out = run(
        &mut s,
        "docker run --rm alpine sh -c 'echo /etc/*release; cd /etc; echo host*; echo \"*\" x*; echo /nope/*; mkdir /t; touch /t/.h /t/b /t/a; echo /t/*; echo /t/.*; echo /*/ | grep -c tmp; x=\"/etc/ho*\"; echo $x \"$x\"'",
    );
    assert_eq!(
        out,
        "/etc/alpine-release /etc/os-release\nhostname hosts\n* x*\n/nope/*\n/t/a /t/b\n/t/. /t/.. /t/.h\n1\n/etc/hostname /etc/hosts /etc/ho*\n"
    );
    // The host prompt matches the virtual host's files.
    run(&mut s, "echo a > one.txt");
    run(&mut s, "echo b > two.txt");
    assert_eq!(run(&mut s, "echo *.txt"), "one.txt two.txt\n");
    assert_eq!(run(&mut s, "cat t*.txt"), "b\n");
}
