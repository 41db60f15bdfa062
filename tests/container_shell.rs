//! The shell inside containers through the library (`Session::run_line`): loops on simulated
//! time, conditions and `test`, arithmetic, `seq` and `expr`, `trap` and signals to a shell
//! that is PID 1, endless loops that must not hang, the `-it` prompt and `docker exec`.
//! Expectations follow BusyBox ash (checked against the differential suite's real engine:
//! `tests/differential/scenarios/63-shell-loops.txt`, `64-shell-signals.txt`).
#![allow(clippy::unwrap_used)]

use dockersim::engine::program::{MAX_OUTPUT_CHUNKS, MAX_STEPS};
use dockersim::engine::Engine;
use dockersim::shell::{LineResult, Session};

fn session() -> Session {
    Session::new(Engine::scripted(0))
}

fn run(s: &mut Session, line: &str) -> LineResult {
    let mut no = |_: &str| None;
    s.run_line(line, &mut no)
}

/// Runs `line`, insists on exit status `code`, and gives stdout.
fn expect(s: &mut Session, line: &str, code: i32) -> String {
    let r = run(s, line);
    assert_eq!(r.output.exit_code, code, "`{line}`: {}", r.output.merged());
    r.output.stdout()
}

fn ok(s: &mut Session, line: &str) -> String {
    expect(s, line, 0)
}

/// Seconds of virtual time that `line` took, rounded.
fn timed(s: &mut Session, line: &str, code: i32) -> (String, i64) {
    let before = s.engine.now();
    let out = expect(s, line, code);
    let millis = (s.engine.now() - before).num_milliseconds();
    (out, (millis + 500) / 1000)
}

fn status(s: &mut Session, name: &str) -> String {
    ok(
        s,
        &format!("docker ps -a --filter name=^{name}$ --format '{{{{.Status}}}}'"),
    )
    .trim()
    .to_string()
}

fn has_hangul(text: &str) -> bool {
    text.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c))
}

// ---------------------------------------------------------------------------------------------
// Loops, conditions, arithmetic

#[test]
fn a_for_loop_with_sleep_prints_each_round_and_takes_its_time() {
    let mut s = session();
    ok(&mut s, "docker pull alpine");
    let (out, secs) = timed(
        &mut s,
        "docker run --rm alpine sh -c 'for i in 1 2 3; do echo $i; sleep 1; done'",
        0,
    );
    assert_eq!(out, "1\n2\n3\n");
    assert_eq!(secs, 3);
    let out = ok(
        &mut s,
        "docker run --rm alpine sh -c 'for i in $(seq 1 3); do echo \"n=$i\"; done; for w in; do echo never; done'",
    );
    assert_eq!(out, "n=1\nn=2\nn=3\n");
}

#[test]
fn while_until_if_and_test_work_like_ash() {
    let mut s = session();
    let out = ok(
        &mut s,
        "docker run --rm alpine sh -c 'i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo $i; done; echo end $?'",
    );
    assert_eq!(out, "1\n2\n3\nend 0\n");
    let out = ok(
        &mut s,
        "docker run --rm alpine sh -c 'until [ -f /tmp/x ]; do touch /tmp/x; echo made; done; ls /tmp'",
    );
    assert_eq!(out, "made\nx\n");
    let out = ok(
        &mut s,
        "docker run --rm alpine sh -c 'if [ -f /etc/os-release ]; then cat /etc/os-release; fi'",
    );
    assert!(out.starts_with("NAME=\"Alpine Linux\"\n"), "{out}");
    let out = ok(
        &mut s,
        "docker run --rm alpine sh -c 'if [ -f /nope ]; then echo yes; elif [ -d /etc ]; then echo dir; else echo no; fi'",
    );
    assert_eq!(out, "dir\n");
    let out = ok(
        &mut s,
        r#"docker run --rm alpine sh -c '[ -z "" ] && [ -n x ] && [ a = a ] && [ a != b ] && [ 3 -eq 3 ] && [ 3 -ne 4 ] && [ 1 -lt 2 ] && [ 2 -gt 1 ] && [ -e /bin/sh ] && [ ! -d /nope ] && test -f /etc/hostname && echo all'"#,
    );
    assert_eq!(out, "all\n");
    // A number test on a word is an error (status 2), as in ash.
    let r = run(&mut s, "docker run --rm alpine sh -c '[ a -eq 1 ]'");
    assert_eq!(r.output.exit_code, 2);
    assert_eq!(r.output.stderr(), "sh: a: bad number\n");
    let r = run(&mut s, "docker run --rm alpine sh -c '[ 1 = 1'");
    assert_eq!(
        (r.output.exit_code, r.output.stderr()),
        (2, "sh: missing ]\n".into())
    );
    // break, continue, negation, groups.
    let out = ok(
        &mut s,
        "docker run --rm alpine sh -c 'for i in a b c; do [ $i = b ] && continue; echo $i; done; for i in 1 2; do for j in x y; do echo $i$j; break 2; done; done; until false; do break; done; ! false && { echo grouped; false; } || echo or'",
    );
    assert_eq!(out, "a\nc\n1x\ngrouped\nor\n");
}

#[test]
fn arithmetic_seq_and_expr() {
    let mut s = session();
    let out = ok(
        &mut s,
        "docker run --rm alpine sh -c 'echo $((1+2*3)) $((2**8)) $((7%3)) $((-7/2)) $((3>2?10:20)); x=5; echo $((x+=1)) $x $((x++)) $x'",
    );
    assert_eq!(out, "7 256 1 -3 10\n6 6 6 7\n");
    // An arithmetic error ends a non-interactive shell with status 2.
    let r = run(
        &mut s,
        "docker run --rm alpine sh -c 'echo $((1/0)); echo never'",
    );
    assert_eq!(r.output.exit_code, 2);
    assert_eq!(r.output.merged(), "sh: divide by zero\n");
    assert_eq!(
        ok(&mut s, "docker run --rm alpine seq -s, 5"),
        "1,2,3,4,5\n"
    );
    assert_eq!(
        ok(&mut s, "docker run --rm alpine seq 2 3 11"),
        "2\n5\n8\n11\n"
    );
    assert_eq!(ok(&mut s, "docker run --rm alpine expr 6 \\* 7"), "42\n");
    let r = run(
        &mut s,
        "docker run --rm alpine sh -c 'expr length hello; expr 1 + a; echo rc=$?'",
    );
    assert_eq!(r.output.stdout(), "5\nrc=2\n");
    assert_eq!(r.output.stderr(), "expr: non-numeric argument\n");
    let r = run(&mut s, "docker run --rm alpine expr 0");
    assert_eq!((r.output.exit_code, r.output.stdout()), (1, "0\n".into()));
}

#[test]
fn printf_echo_set_and_positional_parameters() {
    let mut s = session();
    let out = ok(
        &mut s,
        r#"docker run --rm alpine sh -c 'printf "%s-%03d|%-4s|%x\n" a 7 bc 255; echo -e "t\tx"; echo -n no; echo newline; echo "a\nb"'"#,
    );
    assert_eq!(out, "a-007|bc  |ff\nt\tx\nnonewline\na\\nb\n");
    let out = ok(
        &mut s,
        r#"docker run --rm alpine sh -c 'set -- "a b" c; echo $#; for x in "$@"; do echo "[$x]"; done' "#,
    );
    assert_eq!(out, "2\n[a b]\n[c]\n");
    let out = ok(
        &mut s,
        "docker run --rm alpine sh -c 'echo $0 $1 $#' name one",
    );
    assert_eq!(out, "name one 1\n");
    let r = run(
        &mut s,
        "docker run --rm alpine sh -c 'set -e; echo one; false; echo two'",
    );
    assert_eq!((r.output.exit_code, r.output.stdout()), (1, "one\n".into()));
    let r = run(
        &mut s,
        "docker run --rm alpine sh -c 'trap \"echo bye\" EXIT; echo hi; exit 3'",
    );
    assert_eq!(
        (r.output.exit_code, r.output.stdout()),
        (3, "hi\nbye\n".into())
    );
}

#[test]
fn redirections_of_loops_and_substitutions() {
    let mut s = session();
    ok(&mut s, "docker run -d --name box alpine sleep 1000");
    let out = ok(
        &mut s,
        "docker exec box sh -c 'for i in 1 2; do echo $i; done > /tmp/out; cat /tmp/out; x=$(echo sub; exit 4); echo \"$x $?\"; { echo e >&2; } 2>/dev/null; echo end'",
    );
    assert_eq!(out, "1\n2\nsub 4\nend\n");
    assert_eq!(ok(&mut s, "docker exec box cat /tmp/out"), "1\n2\n");
}

// ---------------------------------------------------------------------------------------------
// Endless loops

#[test]
fn an_endless_loop_with_sleep_runs_forever_and_logs_its_rounds() {
    let mut s = session();
    ok(
        &mut s,
        "docker run -d --name clock alpine sh -c 'while true; do date; sleep 2; done'",
    );
    ok(&mut s, "sleep 5");
    assert!(status(&mut s, "clock").starts_with("Up 5 seconds"));
    let logs = ok(&mut s, "docker logs clock");
    let lines: Vec<&str> = logs.lines().collect();
    assert_eq!(lines.len(), 3, "{logs}");
    // Each round prints the time of that round: 2 seconds apart.
    let seconds: Vec<u32> = lines.iter().map(|l| l[17..19].parse().unwrap()).collect();
    assert_eq!(seconds[1], (seconds[0] + 2) % 60, "{logs}");
    assert_eq!(seconds[2], (seconds[0] + 4) % 60, "{logs}");
    // Without a trap, PID 1 ignores SIGTERM: stop waits 10 s and kills it.
    let (_, secs) = timed(&mut s, "docker stop clock", 0);
    assert_eq!(secs, 10);
    assert!(status(&mut s, "clock").starts_with("Exited (137)"));
}

#[test]
fn an_endless_loop_without_sleep_does_not_hang_and_says_so_once() {
    let mut s = session();
    ok(
        &mut s,
        "docker run -d --name spin alpine sh -c 'while true; do :; done'",
    );
    assert!(status(&mut s, "spin").starts_with("Up"));
    let r = run(&mut s, "docker logs spin");
    assert_eq!(r.output.stdout(), "");
    assert!(has_hangul(&r.output.stderr()), "{}", r.output.stderr());
    assert!(r.output.stderr().contains(&MAX_STEPS.to_string()));
    assert_eq!(r.output.stderr().lines().count(), 1);
    // A printing busy loop keeps a bounded log, then notes both caps.
    ok(
        &mut s,
        "docker run -d --name loud alpine sh -c 'while true; do echo y; done'",
    );
    let r = run(&mut s, "docker logs loud");
    assert!(r.output.stdout().lines().count() <= MAX_OUTPUT_CHUNKS);
    assert!(r.output.stdout().lines().count() > 100);
    assert_eq!(
        r.output.stderr().lines().count(),
        2,
        "{}",
        r.output.stderr()
    );
    ok(&mut s, "docker rm -f spin loud");
    // Doubling a variable in a loop stops at the cap with a message instead of eating memory.
    let r = run(
        &mut s,
        "docker run --rm alpine sh -c 'a=0123456789; while true; do a=$a$a; done'",
    );
    assert_eq!(r.output.exit_code, 2);
    assert!(r.output.stderr().starts_with("sh: out of memory\n"));
    assert!(has_hangul(&r.output.stderr()));
}

#[test]
fn huge_sleeps_in_loops_saturate() {
    let mut s = session();
    ok(
        &mut s,
        "docker run -d --name long alpine sh -c 'while true; do sleep 3000000000; echo x; done'",
    );
    ok(&mut s, "sleep 10");
    assert!(status(&mut s, "long").starts_with("Up"));
    ok(&mut s, "docker rm -f long");
}

// ---------------------------------------------------------------------------------------------
// Signals and traps

#[test]
fn a_term_trap_ends_the_container_with_its_status() {
    let mut s = session();
    ok(
        &mut s,
        "docker run -d --name tr alpine sh -c 'trap \"exit 0\" TERM; while true; do sleep 1; done'",
    );
    let (_, secs) = timed(&mut s, "docker stop -t 5 tr", 0);
    assert!(
        secs <= 1,
        "the handler runs after the current sleep: {secs}s"
    );
    assert!(status(&mut s, "tr").starts_with("Exited (0)"));
    ok(
        &mut s,
        "docker run -d --name tr3 alpine sh -c 'trap \"echo bye; exit 3\" TERM; while true; do sleep 1; done'",
    );
    ok(&mut s, "docker stop tr3");
    assert!(status(&mut s, "tr3").starts_with("Exited (3)"));
    assert_eq!(ok(&mut s, "docker logs tr3"), "bye\n");
    assert_eq!(
        ok(&mut s, "docker inspect -f '{{.State.ExitCode}}' tr3"),
        "3\n"
    );
}

#[test]
fn a_trap_waits_for_the_foreground_command_but_not_for_wait() {
    let mut s = session();
    // The handler would run when `sleep 10` ends, after the 2 s timeout: killed.
    ok(
        &mut s,
        "docker run -d --name slow alpine sh -c 'trap \"exit 4\" TERM; while true; do sleep 10; done'",
    );
    ok(&mut s, "sleep 3");
    let (_, secs) = timed(&mut s, "docker stop -t 2 slow", 0);
    assert_eq!(secs, 2);
    assert!(status(&mut s, "slow").starts_with("Exited (137)"));
    // With a longer timeout it exits 4 when that sleep ends (7 s later).
    ok(
        &mut s,
        "docker run -d --name slow2 alpine sh -c 'trap \"exit 4\" TERM; while true; do sleep 10; done'",
    );
    ok(&mut s, "sleep 13");
    let (_, secs) = timed(&mut s, "docker stop -t 30 slow2", 0);
    assert_eq!(secs, 7);
    assert!(status(&mut s, "slow2").starts_with("Exited (4)"));
    // `sleep … & wait` is interrupted at once.
    ok(
        &mut s,
        "docker run -d --name ww alpine sh -c 'trap \"echo caught; exit 4\" TERM; sleep 1000 & wait'",
    );
    let (_, secs) = timed(&mut s, "docker stop ww", 0);
    assert_eq!(secs, 0);
    assert!(status(&mut s, "ww").starts_with("Exited (4)"));
    assert_eq!(ok(&mut s, "docker logs ww"), "caught\n");
    // A trap whose shell waits on a command that never ends never runs.
    ok(
        &mut s,
        "docker run -d --name inf alpine sh -c 'trap \"exit 0\" TERM; sleep infinity'",
    );
    ok(&mut s, "docker stop -t 1 inf");
    assert!(status(&mut s, "inf").starts_with("Exited (137)"));
}

#[test]
fn a_handler_that_does_not_exit_lets_the_loop_go_on() {
    let mut s = session();
    ok(
        &mut s,
        "docker run -d --name kk alpine sh -c 'trap \"echo got TERM\" TERM; while true; do sleep 1; done'",
    );
    ok(&mut s, "docker kill -s TERM kk");
    ok(&mut s, "sleep 2");
    assert_eq!(ok(&mut s, "docker logs kk"), "got TERM\n");
    assert!(status(&mut s, "kk").starts_with("Up"));
    // `trap '' TERM` ignores it; SIGKILL always works.
    ok(
        &mut s,
        "docker run -d --name ig alpine sh -c 'trap \"\" TERM; while true; do sleep 1; done'",
    );
    ok(&mut s, "docker kill -s TERM ig");
    assert!(status(&mut s, "ig").starts_with("Up"));
    ok(&mut s, "docker kill ig");
    assert!(status(&mut s, "ig").starts_with("Exited (137)"));
}

#[test]
fn sh_c_exits_130_on_sigint_but_an_execed_command_ignores_it() {
    let mut s = session();
    ok(
        &mut s,
        "docker run -d --name ii alpine sh -c 'while true; do sleep 3; done'",
    );
    ok(&mut s, "sleep 1");
    ok(&mut s, "docker kill -s INT ii");
    ok(&mut s, "sleep 3");
    assert!(status(&mut s, "ii").starts_with("Exited (130)"));
    // It was in its first `sleep 3`: the shell exits once that ends, 3 s after the start.
    let times = ok(
        &mut s,
        "docker inspect -f '{{.State.StartedAt}} {{.State.FinishedAt}}' ii",
    );
    let (started, finished) = times.trim().split_once(' ').unwrap();
    let at = |t: &str| chrono::DateTime::parse_from_rfc3339(t).unwrap();
    let took = (at(finished) - at(started)).num_milliseconds();
    assert!((2_999..=3_000).contains(&took), "{times}");
    // ash runs the last command in its own place: `sleep` is PID 1 and ignores SIGINT.
    ok(
        &mut s,
        "docker run -d --name ee alpine sh -c 'echo start; sleep 1000'",
    );
    ok(&mut s, "docker kill -s INT ee");
    ok(&mut s, "sleep 1");
    assert!(status(&mut s, "ee").starts_with("Up"));
    // So does `exec`: nginx as PID 1 shuts down on SIGTERM.
    ok(
        &mut s,
        "docker run -d --name web nginx sh -c 'echo starting; exec nginx -g \"daemon off;\"'",
    );
    let (_, secs) = timed(&mut s, "docker stop web", 0);
    assert_eq!(secs, 0);
    assert!(status(&mut s, "web").starts_with("Exited (0)"));
}

#[test]
fn kill_from_inside_a_shell_that_is_pid_1() {
    let mut s = session();
    // The kernel drops signals to a namespace's init that it has no handler for, SIGKILL too.
    let out = ok(
        &mut s,
        "docker run --rm alpine sh -c 'kill -9 $$; echo after $?; kill 1; kill $$; echo still here'",
    );
    assert_eq!(out, "after 0\nstill here\n");
    let r = run(
        &mut s,
        "docker run --rm alpine sh -c 'trap \"echo caught; exit 5\" TERM; kill $$; echo never'",
    );
    assert_eq!(
        (r.output.exit_code, r.output.stdout()),
        (5, "caught\n".into())
    );
    // A shell that is not PID 1 dies of it, and ash reports it.
    let r = run(
        &mut s,
        "docker run --rm alpine sh -c 'sh -c \"kill -9 \\$\\$\"; echo inner $?'",
    );
    assert_eq!(r.output.stdout(), "inner 137\n");
    assert_eq!(r.output.stderr(), "Killed\n");
    let out = ok(
        &mut s,
        "docker run --rm alpine sh -c 'kill -l 15; kill 4242; echo rc=$?; kill -0 $$; echo alive $?'",
    );
    assert_eq!(out, "TERM\nrc=1\nalive 0\n");
}

// ---------------------------------------------------------------------------------------------
// The prompt and docker exec

#[test]
fn compound_commands_at_the_it_prompt_and_in_exec() {
    let mut s = session();
    ok(&mut s, "docker run -it --name box alpine sh");
    assert_eq!(ok(&mut s, "for i in 1 2 3; do echo $i; done"), "1\n2\n3\n");
    assert_eq!(ok(&mut s, "if [ -d /etc ]; then echo yes; fi"), "yes\n");
    let (out, secs) = timed(
        &mut s,
        "i=0; while [ $i -lt 2 ]; do sleep 1; i=$((i+1)); done; echo $i",
        0,
    );
    assert_eq!((out.as_str(), secs), ("2\n", 2));
    // An endless loop at the prompt shows its first 10 s, then stops as Ctrl-C would.
    let r = run(&mut s, "while true; do echo tick; sleep 4; done");
    assert_eq!(r.output.exit_code, 130);
    assert_eq!(r.output.stdout(), "tick\ntick\ntick\n^C\n");
    assert!(has_hangul(&r.output.stderr()));
    // A syntax error is reported in ash's words and the prompt stays.
    let r = run(&mut s, "while true; do echo x");
    assert_eq!(
        (r.output.exit_code, r.output.stderr()),
        (
            2,
            "sh: syntax error: unexpected end of file (expecting \"done\")\n".into()
        )
    );
    assert!(s.terminal().shell.is_some());
    // An arithmetic error abandons the line only.
    let r = run(&mut s, "echo $((1/0)); echo never");
    assert_eq!(
        (r.output.exit_code, r.output.stderr()),
        (2, "sh: divide by zero\n".into())
    );
    assert_eq!(ok(&mut s, "echo still"), "still\n");
    ok(&mut s, "exit");
    ok(&mut s, "docker run -d --name svc alpine sleep 1000");
    let out = ok(
        &mut s,
        "docker exec svc sh -c 'for f in /etc/hostname /nope; do if [ -e $f ]; then echo yes $f; else echo no $f; fi; done'",
    );
    assert_eq!(out, "yes /etc/hostname\nno /nope\n");
    // A shell run by exec is not PID 1: it dies of its own TERM.
    expect(&mut s, "docker exec svc sh -c 'kill $$; echo never'", 143);
}

#[test]
fn uname_prints_the_kernel_release() {
    let mut s = session();
    assert_eq!(
        ok(&mut s, "docker run --rm alpine uname -r"),
        "6.8.0-51-generic\n"
    );
    assert_eq!(
        ok(&mut s, "docker run --rm alpine uname -sm"),
        "Linux x86_64\n"
    );
    assert_eq!(ok(&mut s, "docker run --rm alpine uname"), "Linux\n");
    let all = ok(&mut s, "docker run --rm --hostname h1 alpine uname -a");
    assert_eq!(
        all,
        "Linux h1 6.8.0-51-generic #52-Ubuntu SMP PREEMPT_DYNAMIC x86_64 Linux\n"
    );
}

#[test]
fn hostile_scripts_stop_with_a_message() {
    let mut s = session();
    // eval that runs itself, a trap that signals itself, a script that runs itself.
    for script in [
        r#"x='eval "$x"'; eval "$x""#,
        r#"trap 'kill $$' TERM; kill $$"#,
        "echo 'sh /s' > /s; sh /s",
        "for i in $(seq 1 100000); do :; done; echo never",
        "x=$(while true; do echo y; done); echo never",
        "while true; do sh -c 'while true; do :; done'; done",
    ] {
        let line = format!(
            "docker run -d alpine sh -c '{}'",
            script.replace('\'', "'\\''")
        );
        let id = ok(&mut s, &line);
        let logs = run(&mut s, &format!("docker logs {}", id.trim()));
        assert!(!logs.output.stdout().contains("never"), "{script}");
        assert!(
            has_hangul(&logs.output.stderr()),
            "{script}: {}",
            logs.output.merged()
        );
    }
    // The session still works.
    assert_eq!(ok(&mut s, "docker run --rm alpine echo fine"), "fine\n");
    // `$?` reaches a compound command's condition unchanged.
    let out = ok(
        &mut s,
        "docker run --rm alpine sh -c 'false; if [ $? -eq 1 ]; then echo yes; fi; false; { echo $?; }'",
    );
    assert_eq!(out, "yes\n1\n");
}

/// `docker exec c kill 1` reaches PID 1 only if it handles the signal (the kernel's rule for
/// a PID namespace's init), and never with SIGKILL.
#[test]
fn a_signal_to_pid1_from_exec_needs_a_handler() {
    let mut session = dockersim::shell::Session::new(dockersim::engine::Engine::scripted(0));
    let mut ask = |_: &str| None;
    session.run_line("docker pull -q alpine", &mut ask);
    session.run_line(
        "docker run -d --name kx alpine sh -c 'trap \"echo got TERM; exit 6\" TERM; while true; do sleep 1; done'",
        &mut ask,
    );
    session.run_line("docker run -d --name sl alpine sleep 100", &mut ask);
    for line in [
        "docker exec kx kill 1",
        "docker exec sl kill 1",
        "docker exec sl kill -9 1",
    ] {
        let r = session.run_line(line, &mut ask);
        assert_eq!(r.output.exit_code, 0, "{line}");
    }
    session.run_line("sleep 2", &mut ask);
    let r = session.run_line("docker ps -a --format '{{.Names}} {{.State}}'", &mut ask);
    assert_eq!(r.output.stdout(), "sl running\nkx exited\n");
    let r = session.run_line(
        "docker inspect -f '{{.State.ExitCode}}' kx; docker logs kx",
        &mut ask,
    );
    assert_eq!(r.output.stdout(), "6\ngot TERM\n");
}

#[test]
fn the_prompt_keeps_variables_traps_and_options_between_lines() {
    let mut s = session();
    ok(&mut s, "docker run -it --name keep alpine");
    ok(&mut s, "x=5; export GREETING=hi");
    assert_eq!(ok(&mut s, "echo $x $GREETING"), "5 hi\n");
    assert_eq!(ok(&mut s, "sh -c 'echo [$x] [$GREETING]'"), "[] [hi]\n");
    // `$0` is the shell as the container started it (alpine's default command).
    assert_eq!(ok(&mut s, "echo $0 $$"), "/bin/sh 1\n");
    ok(&mut s, "set -- a b c");
    assert_eq!(ok(&mut s, "echo $# $2"), "3 b\n");
    expect(&mut s, "false", 1);
    assert_eq!(ok(&mut s, "echo $?"), "1\n");
    ok(&mut s, "cd /etc");
    assert_eq!(ok(&mut s, "pwd"), "/etc\n");
    assert_eq!(s.prompt(), "/etc # ");
    ok(&mut s, "unset x");
    assert_eq!(ok(&mut s, "echo [$x]"), "[]\n");
    // The EXIT trap runs when the shell ends, not after each line.
    assert_eq!(ok(&mut s, "trap 'echo bye' EXIT"), "");
    assert_eq!(ok(&mut s, "echo line"), "line\n");
    let r = run(&mut s, "exit 3");
    assert_eq!((r.output.stdout(), r.output.exit_code), ("bye\n".into(), 3));
    assert_eq!(status(&mut s, "keep").split(" (").next(), Some("Exited"));
    assert!(status(&mut s, "keep").starts_with("Exited (3)"));

    // `docker exec -it` shells keep theirs too, and `set -e` ends the shell at the first
    // failure, as an interactive ash does.
    ok(&mut s, "docker run -d --name svc alpine sleep 1000");
    ok(&mut s, "docker exec -it svc sh");
    ok(&mut s, "n=1");
    assert_eq!(ok(&mut s, "n=$((n+1)); echo $n $0"), "2 sh\n");
    ok(&mut s, "set -e");
    expect(&mut s, "false", 1);
    assert!(s.terminal().shell.is_none(), "set -e ended the exec shell");
    assert_eq!(status(&mut s, "svc").split(' ').next(), Some("Up"));
}

#[test]
fn syntax_errors_use_ash_words_and_scripts_run_up_to_them() {
    let mut s = session();
    ok(&mut s, "docker pull alpine");
    let r = run(&mut s, "docker run --rm alpine sh -c 'echo first; fi'");
    assert_eq!(
        (r.output.stdout(), r.output.stderr(), r.output.exit_code),
        (
            String::new(),
            "sh: syntax error: unexpected \"fi\"\n".into(),
            2
        )
    );
    let r = run(&mut s, "docker run --rm alpine sh -c 'eval \"fi\"'");
    assert_eq!(
        r.output.stderr(),
        "sh: eval: line 0: syntax error: unexpected \"fi\"\n"
    );
    // A file runs a command at a time: `echo in` runs before the open `if` is found.
    let r = run(
        &mut s,
        "docker run --rm alpine sh -c 'printf \"echo in\\nif true; then\\n\" > /s.sh; sh /s.sh; echo rc=$?'",
    );
    assert_eq!(r.output.stdout(), "in\nrc=2\n");
    assert_eq!(
        r.output.stderr(),
        "/s.sh: line 3: syntax error: unexpected end of file (expecting \"fi\")\n"
    );
    // Commands that go on over several lines are read whole.
    let r = run(
        &mut s,
        "docker run --rm alpine sh -c 'printf \"echo a &&\\necho b; if true\\nthen echo c\\nfi\\n\" > /ok.sh; sh /ok.sh'",
    );
    assert_eq!(
        (r.output.stdout(), r.output.exit_code),
        ("a\nb\nc\n".into(), 0)
    );
}

/// A clock like the REPL's: it does not wait for a foreground command longer than a second
/// (the terminal shows its output as time passes); every other wait passes at once.
#[derive(Clone)]
struct Interactive(std::rc::Rc<std::cell::Cell<chrono::DateTime<chrono::Utc>>>);

impl dockersim::engine::Clock for Interactive {
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.get()
    }

    fn wait_until(
        &mut self,
        until: chrono::DateTime<chrono::Utc>,
        why: &dockersim::engine::WaitReason,
    ) {
        let long = until - self.0.get() > chrono::Duration::seconds(1);
        if matches!(why, dockersim::engine::WaitReason::Foreground) && long {
            return;
        }
        if until > self.0.get() {
            self.0.set(until);
        }
    }
}

#[test]
fn slow_exec_and_prompt_lines_print_as_time_passes_and_ctrl_c_cuts_them() {
    use dockersim::engine::Clock;
    let start = dockersim::engine::VirtualClock::script_start().now();
    let clock = Interactive(std::rc::Rc::new(std::cell::Cell::new(start)));
    let mut s = Session::new(Engine::new(Box::new(clock), 0));
    ok(&mut s, "docker run -d --name svc alpine sleep 1000");
    // What is due at once shows at once; the rest as its time comes.
    assert_eq!(
        ok(&mut s, "docker exec svc sh -c 'echo a; sleep 3; echo b'"),
        "a\n"
    );
    assert!(s.terminal().is_held());
    s.sleep(2.0);
    assert_eq!(s.catch_up().stdout(), "");
    s.sleep(1.0);
    let end = s.catch_up();
    assert_eq!((end.stdout(), end.exit_code), ("b\n".into(), 0));
    assert!(!s.terminal().is_held());
    // Ctrl-C ends the client: status 130, nothing more shows.
    assert_eq!(
        ok(
            &mut s,
            "docker exec svc sh -c 'echo hi; sleep 100; echo never'"
        ),
        "hi\n"
    );
    s.sleep(2.0);
    let cut = s.interrupt();
    assert_eq!((cut.stdout(), cut.exit_code), ("^C\n".into(), 130));
    assert_eq!(ok(&mut s, "echo $?"), "130\n");
    s.sleep(200.0);
    assert_eq!(s.catch_up().stdout(), "");
    // A short command is simply waited for.
    assert_eq!(
        ok(&mut s, "docker exec svc sh -c 'sleep 1; echo done'"),
        "done\n"
    );
    // At a prompt the line stops, `$?` is 130, the shell goes on, and the -it shell's log
    // keeps only what was written.
    ok(&mut s, "docker run -it --name box alpine sh");
    assert_eq!(ok(&mut s, "echo one; sleep 100; echo two"), "one\n");
    s.sleep(5.0);
    assert_eq!(s.interrupt().exit_code, 130);
    assert_eq!(ok(&mut s, "echo $?"), "130\n");
    assert!(s.terminal().shell.is_some());
    ok(&mut s, "exit");
    let logs = ok(&mut s, "docker logs box");
    assert!(logs.contains("one") && !logs.contains("two"), "{logs:?}");
    // Output of a slow exec still goes whole into a pipe or a file.
    assert_eq!(
        ok(&mut s, "docker exec svc sh -c 'sleep 5; echo late' | wc -l"),
        "1\n"
    );
}

#[test]
fn exec_detached_does_not_wait() {
    let mut s = session();
    ok(&mut s, "docker run -d --name svc alpine sleep 1000");
    let (out, secs) = timed(
        &mut s,
        "docker exec -d svc sh -c 'sleep 100; touch /done'",
        0,
    );
    assert_eq!((out.as_str(), secs), ("", 0));
    let (_, secs) = timed(&mut s, "docker exec svc sleep 3", 0);
    assert_eq!(secs, 3);
}
