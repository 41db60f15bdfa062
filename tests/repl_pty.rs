//! The built binary in a pseudo-terminal, driven like a learner at a keyboard: typing a
//! command, Tab completion, the `docker stop` countdown, Ctrl-C at the prompt, a second
//! terminal (F2) while a container holds the first, Ctrl-C forwarded to that container, and
//! Ctrl-D to leave.
#![cfg(unix)]

use rexpect::process::WaitStatus;
use rexpect::session::{spawn_with_options, Options, PtySession};
use std::process::Command;

/// Every expectation waits at most this long: generous, since the machine may be busy.
const TIMEOUT_MS: u64 = 30_000;

fn start(data_dir: &std::path::Path) -> PtySession {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dockersim"));
    // Fast simulated time keeps the pull and the stop countdown short.
    command
        .args(["--no-color", "--speed", "20", "--no-explain", "--data-dir"])
        .arg(data_dir)
        .env_remove("NO_COLOR")
        .env("TERM", "xterm");
    let options = Options::new()
        .timeout_ms(Some(TIMEOUT_MS))
        .strip_ansi_escape_codes(true);
    spawn_with_options(command, options).expect("dockersim starts in a pty")
}

#[test]
fn a_learner_types_completes_interrupts_and_leaves() {
    let dir = std::env::temp_dir().join(format!("dockersim-pty-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut p = start(&dir);
    p.exp_string("explain on|off").expect("welcome");
    p.exp_string("$ ").expect("first prompt");

    // A command and its output.
    p.send_line("docker run -d --name sleeper alpine sleep 1000")
        .unwrap();
    p.exp_string("Status: Downloaded newer image for alpine:latest")
        .expect("the pull");
    p.exp_string("$ ").expect("prompt after run -d");

    // Tab completes the container name; the stop waits out the timeout with a countdown.
    p.send("docker stop sle").unwrap();
    p.send("\t").unwrap();
    p.flush().unwrap();
    p.exp_string("eper").expect("Tab completed the name");
    p.send("\r").unwrap();
    p.flush().unwrap();
    p.exp_string("SIGKILL")
        .expect("the countdown ends in SIGKILL");
    p.exp_string("sleeper")
        .expect("docker stop prints the name");
    p.exp_string("$ ").expect("prompt after stop");

    // Ctrl-C at the prompt drops the line: nothing runs.
    p.send("docker ps -a").unwrap();
    p.flush().unwrap();
    p.send_control('c').unwrap();
    p.exp_string("^C").expect("the shell shows ^C");
    p.exp_string("$ ").expect("a fresh prompt");
    p.send_line("echo status=$?").unwrap();
    p.exp_string("status=130")
        .expect("Ctrl-C leaves status 130");
    p.exp_string("$ ").unwrap();

    // A container holds the terminal; Ctrl-C is forwarded as SIGINT and nginx stops.
    p.send_line("docker run nginx").unwrap();
    p.exp_string("start worker process")
        .expect("nginx runs attached");
    // F2 opens a second terminal, where `docker ps` shows nginx up; F1 goes back.
    p.send("\x1bOQ").unwrap();
    p.flush().unwrap();
    p.exp_string("[2] $ ")
        .expect("the second terminal's prompt");
    p.send_line("docker ps --format '{{.Image}} {{.Status}}'")
        .unwrap();
    p.exp_string("nginx Up")
        .expect("nginx is listed as running");
    p.exp_string("[2] $ ").unwrap();
    p.send("\x1bOP").unwrap();
    p.flush().unwrap();
    // Back at terminal 1, still held by nginx: the keys are explained again.
    p.exp_string("F2/Alt-2").expect("terminal 1 is held");
    p.send_control('c').unwrap();
    p.exp_string("signal 2 (SIGINT) received")
        .expect("nginx got SIGINT");
    p.exp_string("[1] $ ").expect("the terminal is free again");

    // Ctrl-D on an empty line leaves.
    p.send_control('d').unwrap();
    // rexpect decodes bytes one by one, so only ASCII can be expected.
    p.exp_string("exit").expect("the shell's goodbye");
    p.exp_eof().expect("the program ends");
    let status = p.process().wait().expect("exit status");
    assert!(
        matches!(status, WaitStatus::Exited(_, 0)),
        "unexpected status {status:?}"
    );
    let history = std::fs::read_to_string(dir.join("history.txt")).expect("history was kept");
    assert!(history.contains("docker stop sleeper"), "{history}");
    let _ = std::fs::remove_dir_all(&dir);
}
