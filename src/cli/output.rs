//! What a docker command returns: text on stdout and stderr in terminal order, and an exit code.

use crate::engine::{Chunk, EngineError, Stream};
use chrono::{DateTime, Utc};

/// A container that now holds the terminal (an attached run, `start -a` or exec that does not
/// end by itself). The shell keeps the terminal busy until it exits or the learner acts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attached {
    /// The container's full ID.
    pub container: String,
    /// Whether a shell inside the container now reads the learner's lines (`-it ... sh`).
    pub shell: bool,
    /// Whether docker's signal proxy forwards Ctrl-C (no tty) or the tty delivers it.
    pub tty: bool,
    /// Whether the exit of this process ends the container (run/start) or not (exec).
    pub is_exec: bool,
    /// Whether the container is removed when it exits (`--rm`).
    pub auto_remove: bool,
    /// Set when the terminal is held by `docker wait`, not by the container's streams: no
    /// output of the container shows; when it stops, its exit code is printed and the wait
    /// goes on with the containers still to wait for.
    pub wait: Option<WaitRest>,
}

/// What a held `docker wait` still has to do once its current container stops.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WaitRest {
    /// The container arguments after the one waited for, as typed.
    pub pending: Vec<String>,
    /// Errors met so far; docker prints them all at the end.
    pub errors: Vec<String>,
}

/// A command still running when it returned (`docker exec` of something slow, at an
/// interactive terminal): its output, timed from `started`, is shown as its time comes and
/// the terminal is held until `until`, unless Ctrl-C cuts it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Running {
    /// When the command started.
    pub started: DateTime<Utc>,
    /// When it ends.
    pub until: DateTime<Utc>,
    /// What it prints, each piece at its offset from `started`.
    pub output: Vec<Chunk>,
    /// Its exit status.
    pub code: i32,
}

/// The result of one docker command.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Output {
    /// Text in the order a terminal shows it.
    pub chunks: Vec<(Stream, String)>,
    /// Exit status.
    pub exit_code: i32,
    /// Set when a container keeps the terminal after the command returns.
    pub attached: Option<Attached>,
    /// Set when the command keeps printing after it returns.
    pub running: Option<Box<Running>>,
}

impl Output {
    /// An empty, successful output.
    pub fn new() -> Output {
        Output::default()
    }

    /// Appends to stdout.
    pub fn out(&mut self, text: impl Into<String>) -> &mut Self {
        self.push(Stream::Stdout, text.into());
        self
    }

    /// Appends to stderr.
    pub fn err(&mut self, text: impl Into<String>) -> &mut Self {
        self.push(Stream::Stderr, text.into());
        self
    }

    /// Appends a line (adds the newline) to stdout.
    pub fn outln(&mut self, text: impl AsRef<str>) -> &mut Self {
        self.push(Stream::Stdout, format!("{}\n", text.as_ref()));
        self
    }

    /// Appends a line (adds the newline) to stderr.
    pub fn errln(&mut self, text: impl AsRef<str>) -> &mut Self {
        self.push(Stream::Stderr, format!("{}\n", text.as_ref()));
        self
    }

    fn push(&mut self, stream: Stream, text: String) {
        if text.is_empty() {
            return;
        }
        match self.chunks.last_mut() {
            Some((last, existing)) if *last == stream => existing.push_str(&text),
            _ => self.chunks.push((stream, text)),
        }
    }

    /// `Error response from daemon: …` on stderr (see [`daemon_text`]).
    pub fn daemon_error(&mut self, e: &EngineError) -> &mut Self {
        self.errln(daemon_text(e))
    }

    /// Sets the exit code.
    pub fn code(&mut self, code: i32) -> &mut Self {
        self.exit_code = code;
        self
    }

    /// Everything written to stdout.
    pub fn stdout(&self) -> String {
        self.text_of(Stream::Stdout)
    }

    /// Everything written to stderr.
    pub fn stderr(&self) -> String {
        self.text_of(Stream::Stderr)
    }

    /// Both streams merged in terminal order.
    pub fn merged(&self) -> String {
        self.chunks.iter().map(|(_, t)| t.as_str()).collect()
    }

    fn text_of(&self, stream: Stream) -> String {
        self.chunks
            .iter()
            .filter(|(s, _)| *s == stream)
            .map(|(_, t)| t.as_str())
            .collect()
    }

    /// Appends another output's chunks (not its exit code).
    pub fn extend(&mut self, other: Output) {
        for (stream, text) in other.chunks {
            self.push(stream, text);
        }
    }
}

/// What the client prints for a daemon error: `Error response from daemon: …`, except for
/// an empty container argument, which the docker 28 client refuses itself before asking,
/// and dockersim's own notes.
pub fn daemon_text(e: &EngineError) -> String {
    match e {
        EngineError::NotEmulated(msg) => msg.clone(),
        EngineError::EmptyReference => EMPTY_CONTAINER.to_string(),
        _ => format!("Error response from daemon: {e}"),
    }
}

/// What the docker 28 client says, before asking the daemon, for an empty container argument.
pub const EMPTY_CONTAINER: &str = "invalid container name or ID: value is empty";

/// A one-off failing output: `text` (plus newline) on stderr with `code`.
pub fn failure(text: impl AsRef<str>, code: i32) -> Output {
    let mut o = Output::new();
    o.errln(text).code(code);
    o
}

/// The `docker run`/`create` failure wording: `docker: <msg>`, a blank line, the help footer.
pub fn run_failure(command: &str, message: impl AsRef<str>, code: i32) -> Output {
    failure(
        format!(
            "docker: {}\n\nRun 'docker {command} --help' for more information",
            message.as_ref()
        ),
        code,
    )
}
