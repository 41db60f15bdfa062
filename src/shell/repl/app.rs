//! What the interactive terminal does, without the terminal: builtins (`terminal`, `explain`,
//! `board`), the narrator after each line, terminals that fill while the learner is
//! elsewhere. Everything returns a [`Reply`] of text pieces that say how they should look,
//! so tests drive it through the library with an injected clock and the REPL only prints.

use crate::cli::Output;
use crate::engine::Stream;
use crate::shell::board::{self, Tone};
use crate::shell::narrator::{self, Step};
use crate::shell::{LineResult, Session};

/// How a piece of text should look.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A command's standard output.
    Out,
    /// A command's standard error that is not a failure (pull progress, container logs).
    Err,
    /// A failure message (docker's or a host command's).
    Error,
    /// dockersim's own message (Korean), not something real Docker would print.
    Own,
    /// A narrator sentence.
    Narration,
    /// A line of the `board` picture: the tree part is [`Kind::Own`], the text has a tone.
    Board(Tone),
}

/// What to show after an action.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reply {
    /// Text pieces in order.
    pub pieces: Vec<(Kind, String)>,
    /// The learner asked to leave, with this status.
    pub exit: Option<i32>,
    /// The screen should be cleared first.
    pub clear: bool,
}

impl Reply {
    fn push(&mut self, kind: Kind, text: impl Into<String>) {
        let text = text.into();
        if text.is_empty() {
            return;
        }
        match self.pieces.last_mut() {
            Some((k, existing)) if *k == kind => existing.push_str(&text),
            _ => self.pieces.push((kind, text)),
        }
    }

    fn line(&mut self, kind: Kind, text: impl AsRef<str>) {
        self.push(kind, format!("{}\n", text.as_ref()));
    }

    /// All text, without looks (tests, piped output).
    pub fn text(&self) -> String {
        self.pieces.iter().map(|(_, t)| t.as_str()).collect()
    }

    fn extend(&mut self, other: Reply) {
        for (kind, text) in other.pieces {
            self.push(kind, text);
        }
        self.exit = self.exit.or(other.exit);
        self.clear |= other.clear;
    }
}

/// The most terminals the keys can reach (F1–F9, Alt-1–Alt-9).
pub const MAX_TERMINALS: usize = 9;

/// The single hook where the course plugs in (the `lesson` module's tutor): it sees each
/// line first and may answer it itself (`lessons`, `start 1`, `task`, `hint`, …), and is
/// told before and after each line the session runs, so it can keep an undo snapshot and
/// check the learner's progress.
pub trait Companion {
    /// The course's welcome text (how to start or resume).
    fn greeting(&mut self) -> String;
    /// Words the course answers, for completion.
    fn words(&self) -> Vec<String>;
    /// A short tag for the prompt (`레슨 3 · 2/5`), while a lesson is in hand.
    fn prompt_tag(&self) -> Option<String>;
    /// Answers a line that is the course's own command; `None` lets the session run it.
    fn handle(&mut self, session: &mut Session, line: &str) -> Option<String>;
    /// Called just before the session runs a line.
    fn before_line(&mut self, session: &Session);
    /// Called after the session ran a line; returns text to show (feedback), if any.
    fn after_line(
        &mut self,
        session: &mut Session,
        line: &str,
        result: &LineResult,
    ) -> Option<String>;
}

/// The interactive terminal's state.
pub struct App {
    /// The learner's session.
    pub session: Session,
    /// Whether the narrator speaks after each docker command.
    pub explain: bool,
    /// The course, when one is plugged in.
    pub companion: Option<Box<dyn Companion>>,
    /// Docker commands of a line whose container still holds the terminal; their story is
    /// finished when it lets go.
    pending: Vec<Vec<String>>,
}

const REPL_HELP: &str = "터미널 키와 dockersim 명령:
  Tab                 명령, 옵션, 컨테이너 이름과 ID, 이미지 이름, 파일 이름 자동 완성
  →  (오른쪽 화살표)  회색으로 보이는 힌트 받아들이기
  ↑ ↓                 지난 명령 (기록은 데이터 폴더에 남습니다)
  Ctrl-C              입력 줄 지우기 · 붙어 있는 컨테이너에 SIGINT 보내기
  Ctrl-D              빈 줄에서: dockersim 끝내기 (컨테이너 셸 안에서는 그 셸만 나가기)
  F1–F9 또는 Alt-1–9  터미널 1–9 로 바꾸기 (컨테이너가 터미널을 잡고 있을 때도 됩니다)
  terminal [N]        터미널 목록 보기 / 터미널 N 으로 바꾸기
  board               이미지(틀)와 컨테이너(실체)를 나무 그림으로 보기
  explain on|off      docker 명령 뒤에 데몬이 한 일을 설명하기 / 그만하기
";

impl App {
    /// An app over `session`.
    pub fn new(session: Session, explain: bool) -> App {
        App {
            session,
            explain,
            companion: None,
            pending: Vec::new(),
        }
    }

    /// The prompt of the terminal in front: `[2] $ ` when several terminals are open, with
    /// the lesson's tag before it while a lesson is in hand (`(레슨 1 · 2/5) $ `).
    pub fn prompt(&self) -> String {
        let inner = self.session.prompt();
        let mut prompt = String::new();
        if self.session.terminal_count() > 1 {
            prompt.push_str(&format!("[{}] ", self.session.current_terminal() + 1));
        }
        if self.session.terminal().shell.is_none() {
            if let Some(tag) = self.companion.as_ref().and_then(|c| c.prompt_tag()) {
                prompt.push_str(&format!("({tag}) "));
            }
        }
        prompt.push_str(&inner);
        prompt
    }

    /// Runs one typed line: a builtin, the course's command, or the session's line.
    pub fn handle_line(
        &mut self,
        line: &str,
        ask: &mut dyn FnMut(&str) -> Option<String>,
    ) -> Reply {
        let mut reply = Reply::default();
        let in_container = self.session.terminal().shell.is_some();
        let trimmed = line.trim();
        if !in_container {
            if let Some(r) = self.builtin(trimmed) {
                return r;
            }
            if let Some(companion) = self.companion.as_mut() {
                if let Some(text) = companion.handle(&mut self.session, trimmed) {
                    reply.push(Kind::Own, ensure_newline(text));
                    return reply;
                }
            }
        }
        if let Some(companion) = self.companion.as_mut() {
            companion.before_line(&self.session);
        }
        // Questions (the prune prompt) are shown by `ask` as they come; remember them so
        // the same text is not printed twice afterwards.
        let mut asked: Vec<String> = Vec::new();
        let result = {
            let mut ask_and_note = |shown: &str| {
                asked.push(shown.to_string());
                ask(shown)
            };
            self.session.run_line(line, &mut ask_and_note)
        };
        // The narrator's material is taken before the course looks: a lesson that sets up
        // its next step runs commands of its own, which are not the learner's.
        let held = self.session.terminal().is_held();
        let commands = self.session.take_docker_calls();
        let events = self.session.engine.take_events();
        let companion_says = match self.companion.as_mut() {
            Some(c) => c.after_line(&mut self.session, trimmed, &result),
            None => None,
        };
        if self.companion.is_some() {
            let _ = self.session.take_docker_calls();
            let _ = self.session.engine.take_events();
        }
        let mut output = result.output;
        for text in &asked {
            strip_once(&mut output, text);
        }
        reply.extend(output_reply(&output, true));
        if !in_container && trimmed == "help" {
            reply.push(Kind::Own, "\n");
            reply.push(Kind::Own, REPL_HELP);
        }
        reply.clear = result.clear;
        if result.exit {
            reply.exit = Some(output.exit_code);
        }
        let step = Step {
            exit_code: (!held).then_some(output.exit_code),
            events,
            commands: commands.clone(),
        };
        self.narrate(&mut reply, &step);
        if held {
            self.pending = commands;
        }
        if let Some(text) = companion_says {
            reply.push(Kind::Own, "\n");
            reply.push(Kind::Own, ensure_newline(text));
        }
        reply
    }

    /// Brings the terminal in front up to date: output of an attached container as time
    /// passes, its end (with the narrator's account), and containers that ended in other
    /// terminals.
    pub fn tick(&mut self) -> Reply {
        let mut reply = Reply::default();
        let was_held = self.session.terminal().attached.is_some();
        let caught = self.session.catch_up();
        let freed = was_held && self.session.terminal().attached.is_none();
        reply.extend(output_reply(&caught, false));
        if freed {
            let step = Step {
                commands: Vec::new(),
                events: self.session.engine.take_events(),
                exit_code: Some(caught.exit_code),
            };
            self.pending.clear();
            self.narrate(&mut reply, &step);
        }
        for n in self.session.ended_elsewhere() {
            reply.line(
                Kind::Own,
                format!(
                    "dockersim: 터미널 {} 의 컨테이너가 끝났습니다. 'terminal {}' 로 돌아가 보세요.",
                    n + 1,
                    n + 1
                ),
            );
        }
        reply
    }

    /// Ctrl-C: the terminal in front gets it (a held terminal's container gets SIGINT).
    pub fn interrupt(&mut self) -> Reply {
        let was_held = self.session.terminal().attached.is_some();
        let out = self.session.interrupt();
        let mut reply = output_reply(&out, false);
        if was_held {
            let freed = self.session.terminal().attached.is_none();
            // The story of the command that held the terminal was told when it started.
            if freed {
                self.pending.clear();
            }
            let step = Step {
                commands: Vec::new(),
                events: self.session.engine.take_events(),
                exit_code: freed.then_some(out.exit_code),
            };
            self.narrate(&mut reply, &step);
        }
        reply
    }

    /// Brings terminal `n` (0-based) to the front and shows what happened there meanwhile.
    pub fn switch(&mut self, n: usize) -> Reply {
        let mut reply = Reply::default();
        if n >= MAX_TERMINALS {
            reply.line(
                Kind::Own,
                format!("dockersim: 터미널은 1부터 {MAX_TERMINALS}까지입니다."),
            );
            return reply;
        }
        if n == self.session.current_terminal() {
            reply.line(
                Kind::Own,
                format!("dockersim: 지금 터미널 {} 입니다.", n + 1),
            );
            return reply;
        }
        let opening = n >= self.session.terminal_count();
        reply.line(
            Kind::Own,
            if opening {
                format!("─── 터미널 {} (새로 열림) ───", n + 1)
            } else {
                format!("─── 터미널 {} ───", n + 1)
            },
        );
        let caught = self.session.switch_terminal(n);
        reply.extend(output_reply(&caught, false));
        if self.session.terminal().is_held() {
            reply.line(Kind::Own, self.held_hint());
        }
        reply
    }

    /// What a learner at a held terminal can do.
    pub fn held_hint(&self) -> String {
        let here = self.session.current_terminal() + 1;
        let other = if here == 1 { 2 } else { 1 };
        format!(
            "dockersim: 컨테이너가 터미널 {here} 을 잡고 있습니다 · Ctrl-C 신호 보내기 · F{other}/Alt-{other} 터미널 {other}"
        )
    }

    fn builtin(&mut self, line: &str) -> Option<Reply> {
        let words: Vec<&str> = line.split_whitespace().collect();
        let mut reply = Reply::default();
        match words.as_slice() {
            ["terminal"] | ["terminals"] => {
                for l in self.session.terminal_summary() {
                    reply.line(Kind::Own, l);
                }
                reply.line(
                    Kind::Own,
                    "터미널 N 으로 가려면 'terminal N' 또는 F1–F9 / Alt-1–9 를 누르세요.",
                );
            }
            ["terminal", n] => match n.parse::<usize>() {
                Ok(n) if (1..=MAX_TERMINALS).contains(&n) => return Some(self.switch(n - 1)),
                _ => reply.line(
                    Kind::Error,
                    format!("dockersim: 터미널 번호는 1부터 {MAX_TERMINALS}까지입니다: {n}"),
                ),
            },
            ["explain"] => reply.line(
                Kind::Own,
                format!(
                    "dockersim: 해설이 {} 있습니다. (explain on / explain off)",
                    if self.explain { "켜져" } else { "꺼져" }
                ),
            ),
            ["explain", "on"] => {
                self.explain = true;
                reply.line(
                    Kind::Own,
                    "dockersim: 해설을 켭니다. docker 명령 뒤마다 데몬이 한 일을 설명합니다.",
                );
            }
            ["explain", "off"] => {
                self.explain = false;
                reply.line(Kind::Own, "dockersim: 해설을 끕니다.");
            }
            ["explain", ..] => reply.line(Kind::Error, "dockersim: explain on 또는 explain off"),
            ["board"] => {
                for l in board::board(&mut self.session.engine) {
                    reply.push(Kind::Own, l.tree.clone());
                    reply.line(Kind::Board(l.tone), &l.text);
                }
            }
            _ => return None,
        }
        Some(reply)
    }

    fn narrate(&self, reply: &mut Reply, step: &Step) {
        if !self.explain {
            return;
        }
        let lines = narrator::narrate(&self.session.engine, step);
        if lines.is_empty() {
            return;
        }
        for (i, l) in lines.iter().enumerate() {
            reply.line(Kind::Narration, format!("  {}. {l}", i + 1));
        }
    }
}

fn ensure_newline(mut text: String) -> String {
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// Removes the first occurrence of `text` from the output's merged stream (it was already
/// shown while a question waited for its answer).
fn strip_once(output: &mut Output, text: &str) {
    if text.is_empty() {
        return;
    }
    let merged = output.merged();
    let Some(start) = merged.find(text) else {
        return;
    };
    let end = start + text.len();
    let mut pos = 0;
    let mut chunks = Vec::new();
    for (stream, chunk) in std::mem::take(&mut output.chunks) {
        let (a, b) = (pos, pos + chunk.len());
        pos = b;
        let keep_before = &chunk[..start.clamp(a, b) - a];
        let keep_after = &chunk[end.clamp(a, b) - a..];
        let kept = format!("{keep_before}{keep_after}");
        if !kept.is_empty() {
            chunks.push((stream, kept));
        }
    }
    output.chunks = chunks;
}

/// An output's pieces with their looks. `finished` says the output is a whole line's (its
/// exit code known), so stderr of a failed line is an error.
fn output_reply(output: &Output, finished: bool) -> Reply {
    let mut reply = Reply::default();
    for (stream, text) in &output.chunks {
        match stream {
            Stream::Stdout => reply.push(Kind::Out, text.clone()),
            Stream::Stderr => {
                for line in text.split_inclusive('\n') {
                    let kind = if line.starts_with("dockersim") {
                        Kind::Own
                    } else if finished && output.exit_code != 0 {
                        Kind::Error
                    } else {
                        Kind::Err
                    };
                    reply.push(kind, line);
                }
            }
        }
    }
    reply
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_already_shown_is_not_repeated() {
        let mut out = Output::new();
        out.out("WARNING! This will remove:\nAre you sure you want to continue? [y/N] ");
        out.out("Deleted Containers:\nabc\n");
        strip_once(
            &mut out,
            "WARNING! This will remove:\nAre you sure you want to continue? [y/N] ",
        );
        assert_eq!(out.merged(), "Deleted Containers:\nabc\n");
    }
}
