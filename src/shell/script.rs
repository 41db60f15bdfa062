//! Script mode (`dockersim play`): a file of lines typed into a session, printed as a
//! terminal transcript. Deterministic: virtual clock, seeded IDs and names, no colour.
//!
//! Lines: blank lines are skipped; `#` lines are printed as they are; `@terminal N`,
//! `@ctrl-c` and `@wait N` act on the session's terminals (the notes' two-terminal exercise:
//! in the REPL the same is F2 or `terminal 2`, Ctrl-C, and time passing); `@explain on|off`
//! turns the narrator on or off and `@board` draws the state picture, as the REPL's
//! `explain` and `board` do; every other line is printed after its prompt and followed by
//! what it printed. When a command asks a question, the next script line is the answer.

use super::board;
use super::narrator::{self, Step};
use super::session::Session;
use crate::engine::Engine;

/// Runs `text` as a script with `seed`, returning the transcript.
pub fn play(text: &str, seed: u64) -> String {
    let mut session = Session::new(Engine::scripted(seed));
    play_in(&mut session, text)
}

/// Runs `text` in an existing session (lessons and tests set one up first).
pub fn play_in(session: &mut Session, text: &str) -> String {
    let mut transcript = String::new();
    let mut explain = false;
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        if line.starts_with('#') {
            transcript.push_str(line);
            transcript.push('\n');
            continue;
        }
        if let Some(directive) = line.strip_prefix('@') {
            let held = session.terminal().attached.is_some();
            match directive.split_whitespace().collect::<Vec<_>>().as_slice() {
                ["explain", "on"] => {
                    explain = true;
                    // The story starts now, not with what happened before.
                    let _ = session.engine.take_events();
                    let _ = session.take_docker_calls();
                }
                ["explain", "off"] => explain = false,
                ["board"] => {
                    transcript.push_str(&board::render_plain(&board::board(&mut session.engine)))
                }
                _ => transcript.push_str(&directive_line(session, directive.trim())),
            }
            // A container that let go of its terminal (Ctrl-C, or time) finishes its story.
            if explain && held && session.terminal().attached.is_none() {
                let step = Step {
                    commands: Vec::new(),
                    events: session.engine.take_events(),
                    exit_code: Some(session.last_status()),
                };
                transcript.push_str(&narration(session, &step));
            }
            continue;
        }
        let prefix = if session.terminal_count() > 1 {
            format!("[{}] ", session.current_terminal() + 1)
        } else {
            String::new()
        };
        let prompt = session.prompt();
        transcript.push_str(&format!("{prefix}{prompt}{line}\n"));
        let mut ask = |_: &str| lines.next().map(|l| l.trim_end_matches('\r').to_string());
        let result = session.run_line(line, &mut ask);
        transcript.push_str(&normalize(&result.output.merged()));
        if explain {
            let held = session.terminal().is_held();
            let step = Step {
                commands: session.take_docker_calls(),
                events: session.engine.take_events(),
                exit_code: (!held).then_some(result.output.exit_code),
            };
            transcript.push_str(&narration(session, &step));
        } else {
            // Nobody narrates them: forget them now rather than keep a long script's worth.
            let _ = session.take_docker_calls();
            let _ = session.engine.take_events();
        }
        if result.exit {
            break;
        }
    }
    transcript
}

/// The narrator's sentences, numbered and indented as the REPL shows them.
fn narration(session: &Session, step: &Step) -> String {
    narrator::narrate(&session.engine, step)
        .iter()
        .enumerate()
        .map(|(i, l)| format!("  {}. {l}\n", i + 1))
        .collect()
}

/// Terminals show `\r\n` as a plain line break.
fn normalize(text: &str) -> String {
    text.replace("\r\n", "\n")
}

fn directive_line(session: &mut Session, directive: &str) -> String {
    let mut words = directive.split_whitespace();
    match (words.next(), words.next()) {
        (Some("terminal"), Some(n)) => match n.parse::<usize>() {
            Ok(n) if (1..=9).contains(&n) => {
                let caught = session.switch_terminal(n - 1);
                format!("--- 터미널 {n} ---\n{}", normalize(&caught.merged()))
            }
            _ => format!("dockersim: 터미널 번호는 1부터 9까지입니다: {n}\n"),
        },
        (Some("ctrl-c"), None) => normalize(&session.interrupt().merged()),
        (Some("wait"), Some(secs)) => match secs.parse::<f64>() {
            Ok(s) if s >= 0.0 && s.is_finite() && s < 1e9 => {
                if !session.sleep(s) {
                    return format!("{}\n", super::session::CALENDAR_END);
                }
                let caught = session.catch_up();
                normalize(&caught.merged())
            }
            _ => format!("dockersim: 기다릴 초를 숫자로 주세요: {secs}\n"),
        },
        _ => format!(
            "dockersim: 알 수 없는 지시어입니다: @{directive} (@terminal N, @ctrl-c, @wait N, @explain on|off, @board)\n"
        ),
    }
}
