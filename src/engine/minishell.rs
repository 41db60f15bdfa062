//! The shell inside a container (`sh -c '…'`, `sh FILE`, and the `/ # ` prompt): BusyBox
//! ash's behaviour over the shared lexer, the simulated programs and the container's files.
//!
//! Time is simulated: a command's run time (a `sleep`) moves the shell's clock on, and output
//! carries its offset from the start, so `while true; do date; sleep 2; done` prints its
//! dates at 0 s, 2 s, 4 s, ... Loops are bounded by a step budget: a shell (with the shells
//! it starts) runs at most [`MAX_STEPS`] commands and loop rounds; past that it is taken to
//! run forever (a loop without `sleep` is a busy loop), with a Korean note once, so nothing
//! hangs and memory stays bounded. Output is kept up to [`MAX_OUTPUT_CHUNKS`] pieces and
//! [`MAX_OUTPUT_BYTES`] (then a Korean note); variables and files written by redirection are
//! capped at [`MAX_VALUE_BYTES`]. All time arithmetic saturates.
//!
//! Signals: `trap` records handlers. When a non-interactive shell's simulation ends,
//! [`run_shell`] runs each handler once on a scratch copy of the shell (its own copy of the
//! files) to learn what it prints and whether it exits, and hands that over with the times
//! the shell waits for foreground commands (a shell runs a handler only between commands) as
//! [`Handlers`], which [`react_with`](super::program::react_with) uses when the container's
//! PID 1 is this shell. As in ash, `sh -c` runs its last simple command in its own place when
//! no trap is set (that program is then PID 1, and its own signal handling applies), `exec`
//! does so explicitly, and `sh -c` catches SIGINT and exits 130. `kill` to the shell itself
//! follows the kernel's rule for PID 1: only signals it has a handler for are delivered.

use super::event::{parse_signal, signal_name, SignalNumber, SIGINT};
use super::filters::Feed;
use super::fs::{normalize, Node};
use super::program::{
    self, echo, printf, resolve, run_program, signal_list, test_eval, Busy, Chunk, Handlers,
    Lifetime, ProcessEnv, Reaction, Stream, Trap, TrapAction, TrapRun,
};
use crate::lexer::{
    expand_pattern, expand_redirect_target, expand_word, expand_words, glob_paths, parse,
    pattern_matches, ArithError, Compound, CompoundCommand, Connector, Expander, ParseError,
    Pipeline, Redirect, RedirectOp, Script, SimpleCommand,
};
use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

/// Commands and loop rounds one shell, with the shells it starts, may run before dockersim
/// stops simulating it and takes it to run forever.
pub const MAX_STEPS: u64 = 20_000;

/// Steps a trap handler may take when it is run ahead of time.
const HANDLER_STEPS: u64 = 2_000;

/// The most pieces of output one shell keeps (a piece is usually a line).
pub const MAX_OUTPUT_CHUNKS: usize = 2_000;

/// The most bytes of output one shell keeps.
pub const MAX_OUTPUT_BYTES: usize = 256 * 1024;

/// The largest value of a variable, of a `$(...)` capture and of a file written by `>`.
pub const MAX_VALUE_BYTES: usize = 1 << 20;

/// How deeply shells may start shells (`sh -c 'sh -c …'`, a script running itself).
const MAX_SHELL_DEPTH: usize = 16;

/// How deeply `eval`, `.` and trap handlers may run inside one another.
const MAX_TEXT_DEPTH: usize = 32;

/// How deeply compound commands, function calls and `$(...)` may run inside one another
/// (a function calling itself without end): each level costs stack, and threads may have
/// as little as 2 MiB of it.
const MAX_RUN_DEPTH: usize = 150;

/// How many pieces of one loop round are remembered to repeat it forever.
const ROUND_MAX_BUSY: usize = 64;

/// How the shell was started.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// `sh -c 'TEXT'`.
    Command,
    /// `sh FILE`.
    Script,
    /// One line typed at the `/ # ` prompt.
    Interactive,
}

/// What to run and how.
pub struct Invocation<'t> {
    /// The shell text.
    pub text: &'t str,
    /// How the shell was started.
    pub mode: Mode,
    /// The shell program's name (`sh`, `ash`, `bash`).
    pub shell: &'t str,
    /// `$0`.
    pub arg0: String,
    /// `$1`, `$2`, ...
    pub params: Vec<String>,
}

/// What running shell text produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShellRun {
    /// Output, each chunk at its offset from the start, in time order.
    pub output: Vec<Chunk>,
    /// Exit status of the last command (or the shell's exit status).
    pub code: i32,
    /// Time taken; `None` if it never ends (a server in the foreground, an endless loop).
    pub elapsed: Option<Duration>,
    /// Whether the text ended the shell (`exit`, a signal).
    pub exited: bool,
    /// How the shell answers signals afterwards (not for a line typed at a prompt).
    pub handlers: Option<Handlers>,
    /// The program that took the shell's place (`exec`, or ash's last command of `sh -c`).
    pub replaced_by: Option<String>,
    /// Signals sent to the container's PID 1 from this shell, which is not PID 1.
    pub pid1_signals: Vec<SignalNumber>,
    /// The signal the shell died of, if it sent itself one it does not handle.
    pub killed_by: Option<SignalNumber>,
}

thread_local! {
    /// (nesting depth of shells, steps used by the outermost one and those it started)
    static NEST: Cell<(usize, u64)> = const { Cell::new((0, 0)) };
}

/// Marks one more shell running; undone on drop.
struct Nested;

impl Nested {
    fn enter() -> Option<Nested> {
        let (depth, steps) = NEST.with(Cell::get);
        if depth >= MAX_SHELL_DEPTH {
            return None;
        }
        // The outermost shell starts a fresh budget; shells it starts share it.
        NEST.with(|n| n.set((depth + 1, if depth == 0 { 0 } else { steps })));
        Some(Nested)
    }
}

impl Drop for Nested {
    fn drop(&mut self) {
        NEST.with(|n| {
            let (depth, steps) = n.get();
            n.set((depth.saturating_sub(1), steps));
        });
    }
}

/// Uses one step of the shared budget; false when it is spent.
fn take_step() -> bool {
    NEST.with(|n| {
        let (depth, steps) = n.get();
        n.set((depth, steps.saturating_add(1)));
        steps < MAX_STEPS
    })
}

/// Runs `f` with a budget of `steps` of its own, then gives back what was left before.
fn with_budget<T>(steps: u64, f: impl FnOnce() -> T) -> T {
    let saved = NEST.with(Cell::get);
    NEST.with(|n| n.set((saved.0, MAX_STEPS.saturating_sub(steps))));
    let result = f();
    NEST.with(|n| n.set((n.get().0, saved.1)));
    result
}

/// How a walk over a list ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flow {
    Normal,
    /// The shell stops running commands (see [`Shell::end`] for why).
    Exit,
    /// `break N`.
    Break(u32),
    /// `continue N`.
    Continue(u32),
    /// `return`: the function (or `.` script) being run ends; `$?` holds its status.
    Return,
}

/// Why the shell stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum End {
    /// `exit`, or `set -e` after a failure.
    Exit,
    /// A fatal error (an arithmetic error, a value too large): non-interactive shells exit,
    /// the prompt only abandons the line.
    Fatal,
    /// It never ends from here (a foreground command that never ends, or the step budget).
    Forever,
    /// A signal killed it (no EXIT trap runs).
    Killed(SignalNumber),
}

/// The shell's variables and settings: what a subshell copies.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct State {
    cwd: String,
    vars: HashMap<String, String>,
    /// Names given to `export` (variables from the environment are exported already).
    exported: BTreeSet<String>,
    /// Environment variables removed with `unset`.
    unset: HashSet<String>,
    arg0: String,
    params: Vec<String>,
    pid: u32,
    status: i32,
    /// Handlers by signal (0 is EXIT), with when they were set.
    traps: BTreeMap<SignalNumber, (String, Duration)>,
    errexit: bool,
    xtrace: bool,
    /// `set -o pipefail`: a pipe's status is its rightmost failing element's.
    pipefail: bool,
    last_bg: Option<u32>,
    /// Functions defined with `NAME() { …; }`, by name.
    functions: BTreeMap<String, Arc<CompoundCommand>>,
}

/// A background job (`cmd &`).
#[derive(Clone, Debug)]
struct Job {
    pid: u32,
    program: String,
    /// When it ends; `None` if never.
    end: Option<Duration>,
    code: i32,
    output: Vec<Chunk>,
}

/// One loop being run, to find the pattern it repeats if it never ends.
#[derive(Clone, Debug)]
struct Round {
    first_start: Duration,
    start: Duration,
    rounds: u64,
    last_len: Option<Duration>,
    /// Every finished round took the same time.
    regular: bool,
    /// Busy intervals of this round, relative to its start.
    current: Vec<(Duration, Duration)>,
    overflow: bool,
    /// Those of the last finished round (`None` if there were too many).
    previous: Option<Vec<(Duration, Duration)>>,
}

/// Where a redirected stream goes.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Sink {
    Terminal(Stream),
    File(String),
    Null,
}

struct Shell<'e, 'a> {
    env: &'e mut ProcessEnv<'a>,
    st: State,
    mode: Mode,
    /// ash started with `-c` catches SIGINT and exits 130.
    catches_sigint: bool,
    elapsed: Duration,
    output: Vec<Chunk>,
    out_bytes: usize,
    capped: bool,
    /// Inside `$(...)`, how deep.
    capture: usize,
    /// How many redirections, pipes and `$(...)` around the running command send its stdout
    /// elsewhere than the terminal: programs then see no terminal (`ls` in one column).
    stdout_redirected: usize,
    /// The status of the last `$(...)` (an assignment alone takes it as its own).
    subst_status: Option<i32>,
    end: Option<End>,
    noted_forever: bool,
    busy: Busy,
    rounds: Vec<Round>,
    /// Loops being run, for `break` and `continue`.
    loop_depth: u32,
    jobs: Vec<Job>,
    next_pid: u32,
    replaced: Option<(Duration, String)>,
    /// Signals this shell (or a program it ran) sent to the container's PID 1, when it is not
    /// PID 1 itself (`docker exec c kill 1`); the engine delivers them after the command.
    pid1_signals: Vec<SignalNumber>,
    /// `$?` before the running trap handler (`exit` alone in a handler uses it).
    in_trap: Option<i32>,
    /// Inside a condition (`if`, `while`, `&&`, `!`): `set -e` does not apply.
    cond: usize,
    arith_failed: Option<ArithError>,
    /// How many `eval`, `.` and trap handlers are running inside one another.
    texts: usize,
    /// Standard input when it is a pipe (times on this shell's clock); `None` for the
    /// terminal or nothing.
    input: Option<Feed>,
    /// The last program run never stops writing (`yes`): a pipe reader that quits ends it.
    endless: bool,
    /// `${X?}` of an unset `X` (or `${1=x}`) during the last expansion: ash's message.
    param_failed: Option<String>,
    /// For each function being run, innermost last: the variables made `local` in it (or
    /// assigned before its name, `X=1 f`) with the values to put back when it returns.
    frames: Vec<Vec<(String, Option<String>)>>,
    /// How many `( … )` subshells are running inside one another.
    subshells: usize,
    /// How many `.` scripts are running (`return` ends one).
    sourcing: usize,
    /// How many compound commands, function calls and `$(...)` are running inside one
    /// another (see [`MAX_RUN_DEPTH`]).
    run_depth: usize,
    /// The line of the command being run (`$LINENO`, and ash's `line N:` in a builtin's
    /// error): counted from 0 in `sh -c` text, from 1 in a script file.
    line: usize,
    /// What the parsed text's line 0 counts as (see [`Shell::line`]).
    line_base: usize,
}

impl Expander for Shell<'_, '_> {
    fn var(&self, name: &str) -> Option<String> {
        match name {
            "PWD" if !self.st.vars.contains_key("PWD") => return Some(self.st.cwd.clone()),
            "0" => return Some(self.st.arg0.clone()),
            "LINENO" => return Some(self.line.to_string()),
            "$" => return Some(self.st.pid.to_string()),
            "!" => return self.st.last_bg.map(|p| p.to_string()),
            "#" => return Some(self.st.params.len().to_string()),
            "@" | "*" => return Some(self.st.params.join(" ")),
            "-" => {
                let mut flags = String::new();
                if self.st.errexit {
                    flags.push('e');
                }
                if self.st.xtrace {
                    flags.push('x');
                }
                if self.mode == Mode::Command {
                    flags.push('c');
                }
                return Some(flags);
            }
            _ => {}
        }
        if let Ok(n) = name.parse::<usize>() {
            return n
                .checked_sub(1)
                .and_then(|i| self.st.params.get(i))
                .cloned();
        }
        if let Some(v) = self.st.vars.get(name) {
            return Some(v.clone());
        }
        if self.st.unset.contains(name) {
            return None;
        }
        self.env.env.iter().find_map(|kv| {
            kv.split_once('=')
                .filter(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        })
    }

    fn last_status(&self) -> i32 {
        self.st.status
    }

    /// `$(...)` runs in a subshell: its variables, `cd` and traps stay inside, `exit` ends
    /// only it, and the shell waits for it (its time passes, and the shell is busy).
    fn command_output(&mut self, script: &Script) -> String {
        if self.end.is_some() {
            return String::new();
        }
        let start = self.elapsed;
        let saved_output = std::mem::take(&mut self.output);
        let saved_bytes = std::mem::replace(&mut self.out_bytes, 0);
        let saved_capped = std::mem::replace(&mut self.capped, false);
        let saved_state = self.st.clone();
        let saved_replaced = self.replaced.clone();
        self.st.traps.retain(|_, (text, _)| text.is_empty());
        self.capture += 1;
        self.stdout_redirected += 1;
        let flow = self.deeper(|sh| sh.run_list(script, false));
        self.stdout_redirected -= 1;
        self.capture -= 1;
        let status = self.st.status;
        self.st = saved_state;
        self.replaced = saved_replaced;
        let produced = std::mem::replace(&mut self.output, saved_output);
        self.out_bytes = saved_bytes;
        self.capped = saved_capped;
        match self.end {
            // The substitution never ends, so neither does the shell.
            Some(End::Forever) if self.capture == 0 => self.busy.forever_from(start),
            Some(End::Forever) => {}
            // `exit` or an error ended only the subshell.
            Some(End::Exit | End::Fatal | End::Killed(_)) => self.end = None,
            None => {}
        }
        let _ = flow;
        if self.capture == 0 {
            self.record_busy(start, self.elapsed);
        }
        self.subst_status = Some(status);
        let mut stdout = String::new();
        for chunk in produced {
            match chunk.stream {
                Stream::Stdout => stdout.push_str(&chunk.text),
                Stream::Stderr => self.push(chunk),
            }
        }
        stdout
    }

    fn positional(&self) -> Option<Vec<String>> {
        Some(self.st.params.clone())
    }

    fn assign(&mut self, name: &str, value: &str) {
        self.set_var(name, value.to_string());
    }

    fn arith_error(&mut self, error: ArithError) {
        self.arith_failed.get_or_insert(error);
    }

    fn glob(&self, pattern: &str) -> Option<Vec<String>> {
        let fs = &*self.env.fs;
        let list = |dir: &str| fs.is_dir(dir).then(|| fs.list(dir));
        Some(glob_paths(pattern, &self.st.cwd, &list))
    }

    fn param_error(&mut self, message: String) {
        self.param_failed.get_or_insert(message);
    }
}

impl<'e, 'a> Shell<'e, 'a> {
    fn new(env: &'e mut ProcessEnv<'a>, mode: Mode, shell: &str, st: State) -> Self {
        let next_pid = if st.pid == 1 { 7 } else { st.pid + 6 };
        Shell {
            catches_sigint: mode == Mode::Command && shell != "bash",
            st,
            mode,
            elapsed: Duration::ZERO,
            output: Vec::new(),
            out_bytes: 0,
            capped: false,
            capture: 0,
            stdout_redirected: 0,
            subst_status: None,
            end: None,
            noted_forever: false,
            busy: Busy::default(),
            rounds: Vec::new(),
            loop_depth: 0,
            jobs: Vec::new(),
            next_pid,
            replaced: None,
            pid1_signals: Vec::new(),
            in_trap: None,
            cond: 0,
            arith_failed: None,
            texts: 0,
            input: env.stdin.as_deref().map(Feed::rebased),
            endless: false,
            param_failed: None,
            frames: Vec::new(),
            subshells: 0,
            sourcing: 0,
            run_depth: 0,
            line: 0,
            line_base: 0,
            env,
        }
    }

    // ---------------------------------------------------------------------------------------
    // Output, time, budget

    fn say(&mut self, stream: Stream, text: impl Into<String>) {
        self.push(Chunk {
            at: self.elapsed,
            stream,
            text: text.into(),
        });
    }

    /// Keeps a piece of output unless the caps are reached (then a note, once).
    fn push(&mut self, mut chunk: Chunk) {
        if self.capped || chunk.text.is_empty() {
            return;
        }
        let (max_bytes, max_chunks) = if self.capture > 0 {
            (MAX_VALUE_BYTES, usize::MAX)
        } else {
            (MAX_OUTPUT_BYTES, MAX_OUTPUT_CHUNKS)
        };
        let room = max_bytes.saturating_sub(self.out_bytes);
        if chunk.text.len() <= room && self.output.len() < max_chunks {
            self.out_bytes += chunk.text.len();
            self.output.push(chunk);
            return;
        }
        self.capped = true;
        let mut keep = room.min(chunk.text.len());
        while !chunk.text.is_char_boundary(keep) {
            keep -= 1;
        }
        if keep > 0 && self.output.len() < max_chunks {
            chunk.text.truncate(keep);
            self.out_bytes += keep;
            let at = chunk.at;
            self.output.push(chunk);
            if self.capture == 0 {
                self.output.push(Chunk {
                    at,
                    stream: Stream::Stderr,
                    text: output_note(),
                });
            }
        } else if self.capture == 0 {
            self.output.push(Chunk {
                at: chunk.at,
                stream: Stream::Stderr,
                text: output_note(),
            });
        }
    }

    /// Uses a step; when the budget is spent the shell is taken to run forever.
    fn step(&mut self) -> bool {
        if self.end.is_some() {
            return false;
        }
        if take_step() {
            return true;
        }
        if !self.noted_forever {
            self.noted_forever = true;
            // Shown even past the output cap: it explains why nothing more comes.
            self.output.push(Chunk {
                at: self.elapsed,
                stream: Stream::Stderr,
                text: format!(
                    "dockersim: 이 셸은 명령과 반복을 {MAX_STEPS}번 넘게 실행했습니다. 끝나지 않는 반복으로 보고 여기서 흉내를 멈춥니다. 셸은 docker stop 으로 멈출 때까지 계속 실행 중인 것으로 봅니다.\n"
                ),
            });
        }
        self.forever_in_loop();
        false
    }

    /// The budget ran out inside loops: the outermost loop with a finished round repeats that
    /// round forever, which tells when the shell is busy from now on.
    fn forever_in_loop(&mut self) {
        self.end = Some(End::Forever);
        if self.capture > 0 {
            return;
        }
        let Some(round) = self
            .rounds
            .iter()
            .find(|r| r.last_len.is_some() && r.previous.is_some())
        else {
            return;
        };
        let period = round.last_len.unwrap_or_default();
        let from = if round.regular {
            round.first_start
        } else {
            round.start
        };
        let pattern = round.previous.clone().unwrap_or_default();
        self.busy.repeat(from, period, pattern);
    }

    /// The shell waits for a foreground command from `start` to `end`.
    fn record_busy(&mut self, start: Duration, end: Duration) {
        if self.capture > 0 || end <= start {
            return;
        }
        self.busy.record(start, end);
        for round in &mut self.rounds {
            if round.current.len() >= ROUND_MAX_BUSY {
                round.overflow = true;
            } else {
                round.current.push((
                    start.saturating_sub(round.start),
                    end.saturating_sub(round.start),
                ));
            }
        }
    }

    /// A loop round begins (the innermost loop's).
    fn next_round(&mut self) {
        let now = self.elapsed;
        let Some(round) = self.rounds.last_mut() else {
            return;
        };
        if round.rounds > 0 {
            let len = now.saturating_sub(round.start);
            if round.last_len.is_some_and(|l| l != len) {
                round.regular = false;
            }
            round.last_len = Some(len);
            let current = std::mem::take(&mut round.current);
            round.previous = (!round.overflow).then_some(current);
            round.overflow = false;
        }
        round.start = now;
        round.rounds += 1;
    }

    /// The current time for programs (`date` in a loop prints a later time each round).
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        chrono::Duration::from_std(self.elapsed)
            .ok()
            .and_then(|d| self.env.now.checked_add_signed(d))
            .unwrap_or(self.env.now)
    }

    fn set_var(&mut self, name: &str, value: String) -> bool {
        if value.len() > MAX_VALUE_BYTES {
            self.say(Stream::Stderr, "sh: out of memory\n");
            self.say(
                Stream::Stderr,
                format!(
                    "dockersim: 변수 {name}의 값이 {} MiB 를 넘었습니다. 메모리를 지키려고 셸을 멈춥니다.\n",
                    MAX_VALUE_BYTES >> 20
                ),
            );
            self.fatal(2);
            return false;
        }
        self.st.unset.remove(name);
        self.st.vars.insert(name.to_string(), value);
        true
    }

    fn fatal(&mut self, code: i32) -> Flow {
        self.st.status = code;
        if self.end.is_none() {
            self.end = Some(End::Fatal);
        }
        Flow::Exit
    }

    /// An arithmetic error during the last expansion ends the command (and a script).
    fn check_arith(&mut self) -> Option<Flow> {
        if let Some(message) = self.param_failed.take() {
            self.arith_failed = None;
            self.say(Stream::Stderr, format!("sh: {message}\n"));
            return Some(self.fatal(2));
        }
        let error = self.arith_failed.take()?;
        self.say(Stream::Stderr, format!("sh: {}\n", error.ash_message()));
        Some(self.fatal(2))
    }

    /// The environment a program started now gets.
    fn env_list(&self, prefix: &[(String, String)]) -> Vec<String> {
        let mut list = Vec::with_capacity(self.env.env.len() + prefix.len());
        let mut seen = HashSet::new();
        for kv in self.env.env.iter() {
            let key = kv.split_once('=').map_or(kv.as_str(), |(k, _)| k);
            seen.insert(key.to_string());
            if let Some((_, v)) = prefix.iter().find(|(k, _)| k == key) {
                list.push(format!("{key}={v}"));
            } else if let Some(v) = self.st.vars.get(key) {
                list.push(format!("{key}={v}"));
            } else if !self.st.unset.contains(key) {
                list.push(kv.clone());
            }
        }
        for name in &self.st.exported {
            if !seen.contains(name) {
                if let Some(v) = self.st.vars.get(name) {
                    seen.insert(name.clone());
                    list.push(format!("{name}={v}"));
                }
            }
        }
        for (k, v) in prefix {
            if !seen.contains(k) {
                list.push(format!("{k}={v}"));
            }
        }
        list
    }

    // ---------------------------------------------------------------------------------------
    // Walking the tree

    fn run_list(&mut self, script: &Script, tail: bool) -> Flow {
        let mut before = Connector::Seq;
        let last = script.items.len().saturating_sub(1);
        for (i, item) in script.items.iter().enumerate() {
            let runs = match before {
                Connector::Seq => true,
                Connector::And => self.st.status == 0,
                Connector::Or => self.st.status != 0,
            };
            before = item.connector;
            if !runs {
                continue;
            }
            let in_condition = item.connector != Connector::Seq;
            if in_condition {
                self.cond += 1;
            }
            let flow = self.run_pipeline(&item.pipeline, tail && i == last);
            if in_condition {
                self.cond -= 1;
            }
            if flow != Flow::Normal {
                return flow;
            }
            // `set -e`: a failure outside any condition ends the shell.
            if self.st.errexit
                && self.st.status != 0
                && self.cond == 0
                && !in_condition
                && !item.pipeline.negated
            {
                self.end = Some(End::Exit);
                return Flow::Exit;
            }
        }
        Flow::Normal
    }

    fn run_pipeline(&mut self, p: &Pipeline, tail: bool) -> Flow {
        if self.end.is_some() {
            return Flow::Exit;
        }
        if p.negated {
            self.cond += 1;
        }
        let flow = if let Some(compound) = &p.compound {
            if p.background {
                self.say(
                    Stream::Stderr,
                    "sh: dockersim does not emulate compound commands in the background\n",
                );
                self.st.status = 2;
                Flow::Normal
            } else {
                self.run_compound(compound, tail && !p.negated)
            }
        } else if p.commands.len() > 1 {
            if p.background {
                self.say(
                    Stream::Stderr,
                    "sh: dockersim은 이 기능을 흉내 내지 않습니다: 백그라운드 파이프 (… | … &)\n",
                );
                self.st.status = 2;
                Flow::Normal
            } else {
                self.run_pipe(p)
            }
        } else {
            match p.commands.first() {
                Some(cmd) => self.run_simple(cmd, tail && !p.negated, p.background),
                None => Flow::Normal,
            }
        };
        if p.negated {
            self.cond -= 1;
            if flow == Flow::Normal {
                self.st.status = i32::from(self.st.status == 0);
            }
        }
        flow
    }

    /// `a | b | c`: each element runs in a subshell, all at once; each one's standard output
    /// is the next one's input, arriving when it was written. The status is the last
    /// element's (the rightmost failing one's with `set -o pipefail`) and the time the
    /// longest element's. A writer whose reader has quit dies of SIGPIPE at its next write
    /// (`yes | head -3` ends); one that never writes again lives on (`tail -f f | head -1`).
    fn run_pipe(&mut self, p: &Pipeline) -> Flow {
        if !self.step() {
            return Flow::Exit;
        }
        let start = self.elapsed;
        let n = p.commands.len();
        let mut elements: Vec<Piped> = Vec::with_capacity(n);
        let mut feed: Option<Feed> = None;
        for i in 0..n {
            let (element, _) = self.run_element(p, i, feed.take());
            if i + 1 < n {
                let pieces = element
                    .stdout
                    .iter()
                    .map(|c| (c.at, c.text.clone()))
                    .collect::<Vec<_>>();
                feed = Some(Feed::new(pieces, element.end));
            }
            elements.push(element);
            self.elapsed = start;
        }
        // A writer that never stops, and a reader of one that passes its writing on.
        for i in 1..n {
            if elements[i - 1].endless
                && elements[i].end.is_none()
                && !elements[i].stdout.is_empty()
            {
                elements[i].endless = true;
            }
        }
        // Readers that quit cut their writers, from the right.
        for i in (0..n.saturating_sub(1)).rev() {
            let reader = &elements[i + 1];
            let Some(stop) = reader.cut.or(reader.end) else {
                continue;
            };
            let read = reader.read;
            let writer = &elements[i];
            if writer.end.is_some_and(|e| e <= stop) {
                continue;
            }
            let mut offset = 0;
            let unread = writer.stdout.iter().position(|c| {
                offset += c.text.len();
                offset > read
            });
            let endless = writer.endless.then_some(stop);
            let cut = match unread {
                Some(j) if writer.stdout[j].at > stop => Some(writer.stdout[j].at),
                Some(j) => writer.stdout[j + 1..]
                    .iter()
                    .find(|c| c.at >= stop)
                    .map(|c| c.at)
                    .or(endless),
                None => endless,
            };
            if let Some(at) = cut.filter(|at| writer.end.is_none_or(|e| *at < e)) {
                elements[i].cut = Some(at);
            }
        }
        let mut chunks = Vec::new();
        let mut end = Some(start);
        let mut budget_spent = false;
        let mut status = 0;
        let mut failed = 0;
        for (i, element) in elements.into_iter().enumerate() {
            let Piped {
                stdout,
                mut stderr,
                end: natural,
                status: code,
                cut,
                budget,
                ..
            } = element;
            let (element_end, code) = match cut {
                Some(at) => {
                    stderr.retain(|c| c.at <= at && !c.text.starts_with("dockersim: "));
                    (Some(at), 128 + 13)
                }
                None => {
                    budget_spent |= budget;
                    (natural, code)
                }
            };
            end = match (end, element_end) {
                (Some(a), Some(b)) => Some(a.max(b)),
                _ => None,
            };
            chunks.extend(stderr);
            if i + 1 == n {
                chunks.extend(stdout);
            }
            if code != 0 {
                failed = code;
            }
            status = code;
        }
        chunks.sort_by_key(|c| c.at);
        for chunk in chunks {
            self.push(chunk);
        }
        self.st.status = if self.st.pipefail { failed } else { status };
        match end {
            Some(end) => {
                self.elapsed = end;
                self.record_busy(start, end);
            }
            None => {
                if self.capture == 0 {
                    self.busy.forever_from(start);
                }
                self.noted_forever |= budget_spent;
                self.end = Some(End::Forever);
                return Flow::Exit;
            }
        }
        Flow::Normal
    }

    /// Runs element `i` of a pipe in a subshell, reading `input` (the shell's own standard
    /// input when `None`); gives back what it did and the input as far as it was read.
    fn run_element(
        &mut self,
        p: &Pipeline,
        i: usize,
        input: Option<Feed>,
    ) -> (Piped, Option<Feed>) {
        let start = self.elapsed;
        let steps_before = NEST.with(Cell::get).1;
        let saved_output = std::mem::take(&mut self.output);
        let saved_bytes = std::mem::replace(&mut self.out_bytes, 0);
        let saved_capped = std::mem::replace(&mut self.capped, false);
        let saved_state = self.st.clone();
        let saved_replaced = self.replaced.clone();
        let saved_noted = std::mem::replace(&mut self.noted_forever, false);
        let own_input = input.is_some();
        let saved_input = if own_input {
            std::mem::replace(&mut self.input, input)
        } else {
            None
        };
        self.st.traps.retain(|_, (text, _)| text.is_empty());
        self.endless = false;
        self.capture += 1;
        // Only the last element writes to the terminal; the others write into a pipe.
        let into_pipe = usize::from(i + 1 < p.commands.len());
        self.stdout_redirected += into_pipe;
        let _ = match p.piped_compound(i) {
            Some(c) => self.run_compound(c, false),
            None => match p.commands.get(i) {
                Some(cmd) => self.run_simple(cmd, false, false),
                None => Flow::Normal,
            },
        };
        self.stdout_redirected -= into_pipe;
        self.capture -= 1;
        let status = self.st.status;
        let forever = self.end == Some(End::Forever);
        // `exit` or an error ends only the subshell.
        self.end = None;
        let budget = self.noted_forever;
        self.noted_forever = saved_noted;
        if budget {
            // Let the other elements run; the steps are charged in full if this one is
            // not cut short (then the shell runs forever anyway).
            let used = NEST.with(Cell::get).1.saturating_sub(steps_before);
            NEST.with(|n| {
                let (depth, _) = n.get();
                n.set((depth, steps_before.saturating_add(used.min(MAX_STEPS / 10))));
            });
        }
        self.st = saved_state;
        self.replaced = saved_replaced;
        let produced = std::mem::replace(&mut self.output, saved_output);
        self.out_bytes = saved_bytes;
        self.capped = saved_capped;
        let read_input = if own_input {
            std::mem::replace(&mut self.input, saved_input)
        } else {
            None
        };
        let (stdout, stderr) = produced
            .into_iter()
            .partition(|c| c.stream == Stream::Stdout);
        let element = Piped {
            stdout,
            stderr,
            end: (!forever).then_some(self.elapsed),
            status,
            read: read_input.as_ref().map_or(0, Feed::pos),
            endless: forever && self.endless,
            budget,
            cut: None,
        };
        self.elapsed = start;
        (element, read_input)
    }

    /// Runs `f` one level deeper (see [`MAX_RUN_DEPTH`]); past the limit the shell stops
    /// with a Korean note instead, as if out of memory.
    fn deeper(&mut self, f: impl FnOnce(&mut Self) -> Flow) -> Flow {
        if self.run_depth >= MAX_RUN_DEPTH {
            self.say(
                Stream::Stderr,
                format!(
                    "dockersim: 함수 호출, 복합 명령, $(...)가 {MAX_RUN_DEPTH}단계 넘게 겹쳐 셸을 멈춥니다 (끝없이 자기 자신을 부르는 함수일 수 있습니다).\n"
                ),
            );
            return self.fatal(2);
        }
        self.run_depth += 1;
        let flow = f(self);
        self.run_depth -= 1;
        flow
    }

    fn run_compound(&mut self, c: &CompoundCommand, tail: bool) -> Flow {
        self.deeper(|sh| sh.run_compound_here(c, tail))
    }

    fn run_compound_here(&mut self, c: &CompoundCommand, tail: bool) -> Flow {
        self.with_redirects(&c.redirects, |sh| match &c.kind {
            Compound::Group(body) => sh.run_list(body, tail),
            Compound::If {
                branches,
                otherwise,
            } => {
                for branch in branches {
                    sh.cond += 1;
                    let flow = sh.run_list(&branch.condition, false);
                    sh.cond -= 1;
                    if flow != Flow::Normal {
                        return flow;
                    }
                    if sh.st.status == 0 {
                        return sh.run_list(&branch.body, tail);
                    }
                }
                match otherwise {
                    Some(body) => sh.run_list(body, tail),
                    None => {
                        sh.st.status = 0;
                        Flow::Normal
                    }
                }
            }
            Compound::Loop {
                until,
                condition,
                body,
            } => sh.run_loop(|sh| {
                sh.cond += 1;
                let flow = sh.run_list(condition, false);
                sh.cond -= 1;
                match flow {
                    Flow::Normal if (sh.st.status == 0) == *until => None,
                    Flow::Normal => Some(sh.run_list(body, false)),
                    other => Some(other),
                }
            }),
            Compound::For { name, words, body } => {
                let items = match words {
                    Some(words) => expand_words(words, sh),
                    None => sh.st.params.clone(),
                };
                if let Some(flow) = sh.check_arith() {
                    return flow;
                }
                if sh.end.is_some() {
                    return Flow::Exit;
                }
                let mut items = items.into_iter();
                sh.run_loop(|sh| {
                    let item = items.next()?;
                    if !sh.set_var(name, item) {
                        return Some(Flow::Exit);
                    }
                    Some(sh.run_list(body, false))
                })
            }
            Compound::Case { word, items } => {
                let subject = expand_word(word, sh);
                if let Some(flow) = sh.check_arith() {
                    return flow;
                }
                for item in items {
                    for pattern in &item.patterns {
                        let pattern = expand_pattern(pattern, sh);
                        if let Some(flow) = sh.check_arith() {
                            return flow;
                        }
                        if sh.end.is_some() {
                            return Flow::Exit;
                        }
                        if pattern_matches(&pattern, &subject) {
                            sh.st.status = 0;
                            return sh.run_list(&item.body, tail);
                        }
                    }
                }
                sh.st.status = 0;
                Flow::Normal
            }
            Compound::Subshell(body) => sh.subshell(body),
            Compound::Function { name, body } => {
                sh.st
                    .functions
                    .insert(name.clone(), Arc::new((**body).clone()));
                sh.st.status = 0;
                Flow::Normal
            }
        })
    }

    /// `( LIST )`: a copy of the shell runs the list. Its variables, directory, functions and
    /// traps stay inside, `exit` and `return` end only it, its EXIT trap runs when it ends.
    fn subshell(&mut self, body: &Script) -> Flow {
        let saved_state = self.st.clone();
        let saved_replaced = self.replaced.clone();
        let saved_loops = std::mem::replace(&mut self.loop_depth, 0);
        self.st.traps.retain(|_, (text, _)| text.is_empty());
        self.subshells += 1;
        let _ = self.run_list(body, false);
        if self.end != Some(End::Forever) && !matches!(self.end, Some(End::Killed(_))) {
            if let Some((handler, _)) = self.st.traps.remove(&0) {
                let status = self.st.status;
                let end = self.end.take();
                let flow = self.run_text(&handler, false, TextOrigin::Trap);
                if flow == Flow::Normal {
                    self.st.status = status;
                }
                if self.end.is_none() {
                    self.end = end;
                }
            }
        }
        self.subshells -= 1;
        self.loop_depth = saved_loops;
        let status = self.st.status;
        self.st = saved_state;
        self.st.status = status;
        self.replaced = saved_replaced;
        match self.end {
            Some(End::Forever) => Flow::Exit,
            // `exit` or an error ended only the subshell.
            Some(End::Exit | End::Fatal | End::Killed(_)) => {
                self.end = None;
                Flow::Normal
            }
            None => Flow::Normal,
        }
    }

    /// Calls a function: its arguments become `$1`…, its `local` variables and the
    /// assignments written before its name are put back when it returns.
    fn call_function(
        &mut self,
        body: &CompoundCommand,
        args: &[String],
        prefix: &[(String, String)],
    ) -> Flow {
        let saved_params = std::mem::replace(&mut self.st.params, args.to_vec());
        self.frames.push(Vec::new());
        let mut flow = Flow::Normal;
        for (name, value) in prefix {
            self.make_local(name);
            if !self.set_var(name, value.clone()) {
                flow = Flow::Exit;
            }
        }
        if flow == Flow::Normal {
            flow = self.deeper(|sh| sh.run_compound(body, false));
        }
        let frame = self.frames.pop().unwrap_or_default();
        for (name, old) in frame.into_iter().rev() {
            match old {
                Some(value) => {
                    self.st.vars.insert(name, value);
                }
                None => {
                    self.st.vars.remove(&name);
                }
            }
        }
        self.st.params = saved_params;
        match flow {
            Flow::Return => Flow::Normal,
            other => other,
        }
    }

    /// Remembers a variable's value in the innermost function's frame, once, so that it is
    /// put back when the function returns.
    fn make_local(&mut self, name: &str) {
        let old = self.st.vars.get(name).cloned();
        if let Some(frame) = self.frames.last_mut() {
            if !frame.iter().any(|(n, _)| n == name) {
                frame.push((name.to_string(), old));
            }
        }
    }

    /// Runs rounds until `round` says the loop is over (`None`); a round's flow handles
    /// `break` and `continue`. The status is the last body's, or 0 if none ran.
    fn run_loop(&mut self, mut round: impl FnMut(&mut Self) -> Option<Flow>) -> Flow {
        self.rounds.push(Round {
            first_start: self.elapsed,
            start: self.elapsed,
            rounds: 0,
            last_len: None,
            regular: true,
            current: Vec::new(),
            overflow: false,
            previous: None,
        });
        self.loop_depth += 1;
        let mut status = 0;
        let flow = loop {
            self.next_round();
            if !self.step() {
                break Flow::Exit;
            }
            match round(self) {
                None => {
                    self.st.status = status;
                    break Flow::Normal;
                }
                Some(Flow::Normal) | Some(Flow::Continue(1)) => status = self.st.status,
                Some(Flow::Break(1)) => break Flow::Normal,
                Some(Flow::Break(n)) => break Flow::Break(n - 1),
                Some(Flow::Continue(n)) => break Flow::Continue(n - 1),
                Some(Flow::Exit) => break Flow::Exit,
                Some(Flow::Return) => break Flow::Return,
            }
        };
        self.loop_depth -= 1;
        self.rounds.pop();
        flow
    }

    fn run_simple(&mut self, cmd: &SimpleCommand, tail: bool, background: bool) -> Flow {
        if !self.step() {
            return Flow::Exit;
        }
        self.line = self.line_base.saturating_add(cmd.line.0);
        self.subst_status = None;
        let argv = expand_words(&cmd.words, self);
        if let Some(flow) = self.check_arith() {
            return flow;
        }
        if self.end.is_some() {
            return Flow::Exit;
        }
        let mut prefix = Vec::new();
        for a in &cmd.assignments {
            let value = expand_word(&a.value, self);
            if let Some(flow) = self.check_arith() {
                return flow;
            }
            if self.end.is_some() {
                return Flow::Exit;
            }
            prefix.push((a.name.clone(), value));
        }
        if argv.is_empty() {
            for (name, value) in prefix {
                if !self.set_var(&name, value) {
                    return Flow::Exit;
                }
            }
            // An assignment alone takes the status of its last `$(...)`, else 0; a failed
            // redirection makes it 1.
            self.st.status = self.subst_status.unwrap_or(0);
            return self.with_redirects(&cmd.redirects, |_| Flow::Normal);
        }
        if self.st.xtrace {
            let line: Vec<String> = argv.iter().map(|a| trace_word(a)).collect();
            self.say(Stream::Stderr, format!("+ {}\n", line.join(" ")));
        }
        self.with_redirects(&cmd.redirects, |sh| {
            sh.command(&argv, &prefix, tail, background)
        })
    }

    /// Whether what a program prints goes to the container's terminal: not when the shell
    /// has none, nor into `$(...)`, a pipe or a redirection.
    fn stdout_is_terminal(&self) -> bool {
        self.env.tty && self.stdout_redirected == 0
    }

    /// Runs `f` with `redirects` applied to what it prints.
    fn with_redirects(
        &mut self,
        redirects: &[Redirect],
        f: impl FnOnce(&mut Self) -> Flow,
    ) -> Flow {
        if redirects.is_empty() {
            return f(self);
        }
        let mut out = Sink::Terminal(Stream::Stdout);
        let mut err = Sink::Terminal(Stream::Stderr);
        let mut files: Vec<(String, bool)> = Vec::new();
        // `< FILE`: standard input for the command, there at once.
        let mut input: Option<Feed> = None;
        for r in redirects {
            let expanded = if r.op == RedirectOp::HereDoc {
                // A here-document's body is one text, never split (and may be empty).
                Ok(expand_word(&r.target, self))
            } else {
                expand_redirect_target(&r.target, self)
            };
            let target = match expanded {
                Ok(t) => t,
                Err(e) => {
                    self.say(Stream::Stderr, format!("sh: {e}\n"));
                    self.st.status = 1;
                    return Flow::Normal;
                }
            };
            if let Some(flow) = self.check_arith() {
                return flow;
            }
            let file = |target: &str, append: bool, files: &mut Vec<(String, bool)>| {
                if target == "/dev/null" {
                    return Sink::Null;
                }
                files.push((target.to_string(), append));
                Sink::File(target.to_string())
            };
            match (r.fd, r.op) {
                (0, RedirectOp::Read) => {
                    let path = normalize(&self.st.cwd, &target);
                    match self.env.fs.get(&path) {
                        Some(Node::File(text)) => {
                            input = Some(Feed::new([(self.elapsed, text)], Some(self.elapsed)));
                        }
                        _ => {
                            self.say(
                                Stream::Stderr,
                                format!("sh: can't open {target}: no such file\n"),
                            );
                            self.st.status = 1;
                            return Flow::Normal;
                        }
                    }
                }
                (0, RedirectOp::HereDoc) => {
                    input = Some(Feed::new([(self.elapsed, target)], Some(self.elapsed)));
                }
                (1, RedirectOp::Write | RedirectOp::Append) => {
                    out = file(&target, r.op == RedirectOp::Append, &mut files);
                }
                (2, RedirectOp::Write | RedirectOp::Append) => {
                    err = file(&target, r.op == RedirectOp::Append, &mut files);
                }
                (_, RedirectOp::WriteBoth | RedirectOp::AppendBoth) => {
                    out = file(&target, r.op == RedirectOp::AppendBoth, &mut files);
                    err = out.clone();
                }
                (2, RedirectOp::DupWrite) if target == "1" => err = out.clone(),
                (1, RedirectOp::DupWrite) if target == "2" => out = err.clone(),
                (1, RedirectOp::DupWrite) if target == "1" => {}
                (2, RedirectOp::DupWrite) if target == "2" => {}
                (1 | 2, RedirectOp::DupWrite) if target == "-" => {
                    if r.fd == 1 {
                        out = Sink::Null;
                    } else {
                        err = Sink::Null;
                    }
                }
                _ => {
                    self.say(
                        Stream::Stderr,
                        format!("sh: redirection {} is not emulated\n", r.op.as_str()),
                    );
                    self.st.status = 1;
                    return Flow::Normal;
                }
            }
        }
        // The files are created (and `>` truncates them) before the command runs.
        for (target, append) in &files {
            let path = normalize(&self.st.cwd, target);
            let parent = normalize(&path, "..");
            if !self.env.fs.is_dir(&parent) || self.env.fs.is_dir(&path) {
                let why = if self.env.fs.is_dir(&path) {
                    "Is a directory"
                } else {
                    "nonexistent directory"
                };
                self.say(
                    Stream::Stderr,
                    format!("sh: can't create {target}: {why}\n"),
                );
                self.st.status = 1;
                return Flow::Normal;
            }
            if !append || self.env.fs.get(&path).is_none() {
                self.env.fs.put(&path, Node::File(String::new()));
            }
        }
        let before = self.output.len();
        let saved_input = match input {
            Some(feed) => Some(self.input.replace(feed)),
            None => None,
        };
        let away = out != Sink::Terminal(Stream::Stdout);
        self.stdout_redirected += usize::from(away);
        let flow = f(self);
        self.stdout_redirected -= usize::from(away);
        if let Some(saved) = saved_input {
            self.input = saved;
        }
        let produced: Vec<Chunk> = self.output.drain(before..).collect();
        let mut written: Vec<(String, String)> = Vec::new();
        for chunk in produced {
            let sink = match chunk.stream {
                Stream::Stdout => &out,
                Stream::Stderr => &err,
            };
            match sink {
                Sink::Terminal(stream) => {
                    let stream = *stream;
                    self.output.push(Chunk { stream, ..chunk });
                }
                Sink::Null => self.out_bytes = self.out_bytes.saturating_sub(chunk.text.len()),
                Sink::File(target) => {
                    self.out_bytes = self.out_bytes.saturating_sub(chunk.text.len());
                    match written.iter_mut().find(|(t, _)| t == target) {
                        Some((_, text)) => text.push_str(&chunk.text),
                        None => written.push((target.clone(), chunk.text)),
                    }
                }
            }
        }
        for (target, text) in written {
            let path = normalize(&self.st.cwd, &target);
            let mut content = match self.env.fs.get(&path) {
                Some(Node::File(old)) => old,
                _ => String::new(),
            };
            if content.len().saturating_add(text.len()) > MAX_VALUE_BYTES {
                let mut keep = MAX_VALUE_BYTES
                    .saturating_sub(content.len())
                    .min(text.len());
                while !text.is_char_boundary(keep) {
                    keep -= 1;
                }
                content.push_str(&text[..keep]);
                self.env.fs.put(&path, Node::File(content));
                self.say(Stream::Stderr, "sh: write error: No space left on device\n");
                self.say(
                    Stream::Stderr,
                    format!(
                        "dockersim: 파일 {target}이(가) {} MiB 를 넘어 더 쓰지 않습니다.\n",
                        MAX_VALUE_BYTES >> 20
                    ),
                );
                self.st.status = 1;
                continue;
            }
            content.push_str(&text);
            self.env.fs.put(&path, Node::File(content));
        }
        flow
    }

    // ---------------------------------------------------------------------------------------
    // Commands

    fn command(
        &mut self,
        argv: &[String],
        prefix: &[(String, String)],
        tail: bool,
        background: bool,
    ) -> Flow {
        let name = argv[0].as_str();
        let args = &argv[1..];
        if !is_special_builtin(name) {
            if let Some(body) = self.st.functions.get(name).cloned() {
                if background {
                    self.say(
                        Stream::Stderr,
                        "sh: dockersim은 이 기능을 흉내 내지 않습니다: 백그라운드 함수 호출 (f &)\n",
                    );
                    self.st.status = 2;
                    return Flow::Normal;
                }
                return self.call_function(&body, args, prefix);
            }
        }
        let code = match name {
            "exit" => return self.builtin_exit(args),
            "return" => return self.builtin_return(args),
            "local" if self.frames.is_empty() => {
                self.builtin_error("local", "not in a function");
                return self.fatal(2);
            }
            "break" | "continue" => return self.builtin_loop_control(name, args),
            "exec" => return self.builtin_exec(args, prefix),
            "eval" => {
                let text = args.join(" ");
                return self.run_text(&text, tail, TextOrigin::Eval);
            }
            "." | "source" => return self.builtin_source(args),
            "kill" => return self.builtin_kill(args),
            "wait" => return self.builtin_wait(args),
            "trap" => self.builtin_trap(args),
            ":" | "true" => 0,
            "false" => 1,
            "cd" => self.builtin_cd(args),
            "pwd" => {
                let text = format!("{}\n", self.st.cwd);
                self.say(Stream::Stdout, text);
                0
            }
            "export" | "readonly" | "local" => {
                for kv in args.iter().filter(|a| !a.starts_with('-')) {
                    let (k, v) = match kv.split_once('=') {
                        Some((k, v)) => (k.to_string(), Some(v.to_string())),
                        None => (kv.clone(), None),
                    };
                    if name == "local" {
                        self.make_local(&k);
                        if v.is_none() {
                            self.st.vars.remove(&k);
                        }
                    }
                    if let Some(v) = v {
                        if !self.set_var(&k, v) {
                            return Flow::Exit;
                        }
                    }
                    if name == "export" {
                        self.st.exported.insert(k);
                    }
                }
                0
            }
            "unset" => {
                for n in args.iter().filter(|a| !a.starts_with('-')) {
                    self.st.vars.remove(n);
                    self.st.exported.remove(n);
                    self.st.unset.insert(n.clone());
                }
                0
            }
            "set" => self.builtin_set(args),
            "shift" => {
                let n = args
                    .first()
                    .and_then(|a| a.parse::<usize>().ok())
                    .unwrap_or(1);
                // BusyBox 1.35's ash fails silently.
                if n > self.st.params.len() {
                    1
                } else {
                    self.st.params.drain(..n);
                    0
                }
            }
            "read" => return self.builtin_read(args),
            "echo" => {
                let text = echo(args);
                self.say(Stream::Stdout, text);
                0
            }
            "printf" => {
                let (text, errors, code) = printf(args);
                self.say(Stream::Stdout, text);
                for e in errors {
                    self.say(Stream::Stderr, format!("sh: {e}\n"));
                }
                code
            }
            "test" | "[" | "[[" => self.builtin_test(name, args),
            "command" if args.first().is_some_and(|a| a == "-v") => {
                let mut code = 127;
                for n in &args[1..] {
                    if is_builtin(n) || self.st.functions.contains_key(n.as_str()) {
                        self.say(Stream::Stdout, format!("{n}\n"));
                        code = 0;
                    } else if let Ok((path, _)) =
                        resolve(self.env.fs, &self.env_list(&[]), &self.st.cwd, n)
                    {
                        self.say(Stream::Stdout, format!("{path}\n"));
                        code = 0;
                    }
                }
                code
            }
            _ if background => self.background(argv, prefix),
            _ => {
                let replace = tail && self.can_replace();
                self.external(argv, prefix, replace)
            }
        };
        if background {
            // A builtin sent to the background ran at once; the shell goes on with status 0.
            self.st.status = 0;
        } else {
            self.st.status = code;
        }
        if self.end.is_some() {
            return Flow::Exit;
        }
        Flow::Normal
    }

    /// ash runs the last command of `sh -c` in its own place when it has no trap to keep.
    fn can_replace(&self) -> bool {
        self.mode == Mode::Command
            && self.capture == 0
            && self.subshells == 0
            && self.frames.is_empty()
            && self.in_trap.is_none()
            && self.st.traps.is_empty()
    }

    /// `x='eval "$x"'; eval "$x"` would recurse without end.
    fn too_deep(&mut self) -> Option<Flow> {
        if self.texts < MAX_TEXT_DEPTH {
            return None;
        }
        self.say(
            Stream::Stderr,
            format!(
                "dockersim: eval, ., trap 처리기가 {MAX_TEXT_DEPTH}단계 넘게 겹쳐 셸을 멈춥니다.\n"
            ),
        );
        Some(self.fatal(2))
    }

    /// Runs a script file's text (`sh FILE`, `.`) as ash does: each complete command is run
    /// as soon as it is read, so a syntax error further down stops the shell only after what
    /// came before has run. `place` starts the error message (`FILE: ` or `sh: FILE: `).
    fn run_file_text(&mut self, text: &str, place: &str) -> Flow {
        if let Some(flow) = self.too_deep() {
            return flow;
        }
        self.texts += 1;
        let mut flow = Flow::Normal;
        let saved_base = self.line_base;
        for piece in commands_of_file(text) {
            match piece {
                Ok((script, start)) => {
                    self.line_base = start + 1;
                    flow = self.run_list(&script, false);
                    if flow != Flow::Normal || self.end.is_some() {
                        break;
                    }
                }
                Err((error, line)) => {
                    self.say(
                        Stream::Stderr,
                        format!("{place}line {}: {}\n", line + 1, syntax_error_text(&error)),
                    );
                    flow = self.fatal(2);
                    break;
                }
            }
        }
        self.line_base = saved_base;
        self.texts -= 1;
        flow
    }

    /// Parses and runs text in this shell (`eval`, a trap handler).
    fn run_text(&mut self, text: &str, tail: bool, origin: TextOrigin) -> Flow {
        if let Some(flow) = self.too_deep() {
            return flow;
        }
        let script = match parse(text) {
            Ok(script) => script,
            Err(e) => {
                let line = error_line(text, &e);
                let place = match origin {
                    TextOrigin::Eval => format!("sh: eval: line {line}: "),
                    TextOrigin::Trap => "sh: ".to_string(),
                };
                self.say(
                    Stream::Stderr,
                    format!("{place}{}\n", syntax_error_text(&e)),
                );
                return self.fatal(2);
            }
        };
        self.texts += 1;
        // The text's lines count on from the line of the `eval` (or trap) running it.
        let saved_base = std::mem::replace(&mut self.line_base, self.line);
        let flow = self.run_list(&script, tail);
        self.line_base = saved_base;
        self.texts -= 1;
        flow
    }

    /// The image's program that `name` runs under `$PATH` from `env_list`; ash's `not found`
    /// when there is none.
    fn find_program(&mut self, name: &str, env_list: &[String]) -> Option<String> {
        match resolve(self.env.fs, env_list, &self.st.cwd, name) {
            Ok((_, program)) => Some(program),
            Err(_) => {
                self.say(Stream::Stderr, format!("sh: {name}: not found\n"));
                None
            }
        }
    }

    /// Starts a program from the image; `replace` when it takes the shell's place.
    fn external(&mut self, argv: &[String], prefix: &[(String, String)], replace: bool) -> i32 {
        let env_list = self.env_list(prefix);
        let Some(program) = self.find_program(&argv[0], &env_list) else {
            return 127;
        };
        let cwd = self.st.cwd.clone();
        let now = self.now();
        if let Some(feed) = self.input.as_mut() {
            feed.set_origin(self.elapsed);
        }
        let tty = self.stdout_is_terminal();
        let mut inner = ProcessEnv {
            argv,
            env: &env_list,
            hostname: self.env.hostname,
            cwd: &cwd,
            fs: self.env.fs,
            tty,
            stdin_open: false,
            pid1: replace && self.env.pid1,
            now,
            pid1_command: self.env.pid1_command,
            stdin: self.input.as_mut(),
        };
        let spawned = run_program(&program, &mut inner);
        if let Some(feed) = self.input.as_mut() {
            feed.set_origin(Duration::ZERO);
        }
        self.endless = spawned.lifetime == Lifetime::Forever && writes_forever(&spawned.program);
        self.pid1_signals
            .extend(spawned.pid1_signals.iter().copied());
        if replace {
            self.replaced = Some((self.elapsed, spawned.program.clone()));
        }
        let start = self.elapsed;
        for chunk in spawned.output {
            self.push(Chunk {
                at: start.saturating_add(chunk.at),
                stream: chunk.stream,
                text: chunk.text,
            });
        }
        match spawned.lifetime {
            Lifetime::Exits { code, after } => {
                self.elapsed = start.saturating_add(after);
                self.record_busy(start, self.elapsed);
                // ash reports a foreground child that died of a signal (not of Ctrl-C).
                if let Some(text) = spawned
                    .killed_by
                    .filter(|s| *s != SIGINT && *s != 13)
                    .and_then(signal_description)
                {
                    self.say(Stream::Stderr, format!("{text}\n"));
                }
                code
            }
            Lifetime::Forever => {
                if self.capture == 0 {
                    self.busy.forever_from(start);
                }
                self.end = Some(End::Forever);
                0
            }
        }
    }

    /// `cmd &`: the program runs alongside; its output joins at its own times.
    fn background(&mut self, argv: &[String], prefix: &[(String, String)]) -> i32 {
        let env_list = self.env_list(prefix);
        let Some(program) = self.find_program(&argv[0], &env_list) else {
            return 127;
        };
        let cwd = self.st.cwd.clone();
        let now = self.now();
        let tty = self.stdout_is_terminal();
        let mut inner = ProcessEnv {
            argv,
            env: &env_list,
            hostname: self.env.hostname,
            cwd: &cwd,
            fs: self.env.fs,
            tty,
            stdin_open: false,
            pid1: false,
            now,
            pid1_command: self.env.pid1_command,
            // A job in the background of a shell without job control reads /dev/null.
            stdin: None,
        };
        let spawned = run_program(&program, &mut inner);
        self.pid1_signals
            .extend(spawned.pid1_signals.iter().copied());
        let start = self.elapsed;
        let pid = self.next_pid;
        self.next_pid += 1;
        let (end, code) = match spawned.lifetime {
            Lifetime::Exits { code, after } => (Some(start.saturating_add(after)), code),
            Lifetime::Forever => (None, 0),
        };
        // Capped like the shell's own output.
        let mut kept = 0usize;
        let output = spawned
            .output
            .into_iter()
            .filter(|c| {
                kept = kept.saturating_add(c.text.len());
                kept <= MAX_OUTPUT_BYTES
            })
            .map(|c| Chunk {
                at: start.saturating_add(c.at),
                ..c
            })
            .collect();
        self.jobs.push(Job {
            pid,
            program: spawned.program,
            end,
            code,
            output,
        });
        self.st.last_bg = Some(pid);
        0
    }

    // ---------------------------------------------------------------------------------------
    // Builtins

    /// `read [-r] [NAME...]`: one line of standard input, split into the names (the last takes
    /// the rest). Without a pipe nothing ever comes: end of file, status 1. In a pipe it
    /// waits for the line to arrive, or forever if it never does.
    fn builtin_read(&mut self, args: &[String]) -> Flow {
        let mut raw = false;
        let mut names = Vec::new();
        let mut rest = args.iter();
        while let Some(a) = rest.next() {
            match a.as_str() {
                "-r" => raw = true,
                // The prompt goes to a terminal only; timeouts and counts are not simulated.
                "-p" | "-t" | "-n" | "-u" => {
                    rest.next();
                }
                o if o.starts_with('-') && o.len() > 1 => {}
                name => names.push(name.to_string()),
            }
        }
        if names.is_empty() {
            names.push("REPLY".to_string());
        }
        let (line, code) = match self.input.as_mut() {
            None => (String::new(), 1),
            Some(feed) => {
                feed.set_origin(Duration::ZERO);
                match feed.read_line() {
                    Some((line, at, complete)) => {
                        self.elapsed = self.elapsed.max(at);
                        (line, i32::from(!complete))
                    }
                    None => {
                        if self.capture == 0 {
                            self.busy.forever_from(self.elapsed);
                        }
                        self.end = Some(End::Forever);
                        return Flow::Exit;
                    }
                }
            }
        };
        let line = if raw {
            line
        } else {
            let mut out = String::new();
            let mut chars = line.chars();
            while let Some(c) = chars.next() {
                if c == '\\' {
                    if let Some(d) = chars.next() {
                        out.push(d);
                    }
                } else {
                    out.push(c);
                }
            }
            out
        };
        let mut remaining = line.trim_matches([' ', '\t']);
        let last = names.len() - 1;
        for (i, name) in names.iter().enumerate() {
            let value = if i == last {
                remaining.to_string()
            } else {
                let end = remaining.find([' ', '\t']).unwrap_or(remaining.len());
                let word = remaining[..end].to_string();
                remaining = remaining[end..].trim_start_matches([' ', '\t']);
                word
            };
            if !self.set_var(name, value) {
                return Flow::Exit;
            }
        }
        self.st.status = code;
        Flow::Normal
    }

    fn builtin_exit(&mut self, args: &[String]) -> Flow {
        let code = match args.first() {
            None => self.in_trap.unwrap_or(self.st.status),
            Some(a) => match a.parse::<i64>() {
                Ok(n) => (n & 0xff) as i32,
                Err(_) => {
                    self.builtin_error("exit", &format!("Illegal number: {a}"));
                    return self.fatal(2);
                }
            },
        };
        self.st.status = code;
        self.end = Some(End::Exit);
        Flow::Exit
    }

    /// A builtin's error as ash prints it: `sh: NAME: line N: MESSAGE` (the script's name
    /// instead of `sh` when running a script file).
    fn builtin_error(&mut self, name: &str, message: &str) {
        let shell = if self.mode == Mode::Script {
            self.st.arg0.clone()
        } else {
            "sh".to_string()
        };
        let line = self.line;
        self.say(
            Stream::Stderr,
            format!("{shell}: {name}: line {line}: {message}\n"),
        );
    }

    /// `return [N]`: ends the function or `.` script being run (at the top of `sh -c`, the
    /// shell, as in ash).
    fn builtin_return(&mut self, args: &[String]) -> Flow {
        let code = match args.first() {
            None => self.st.status,
            Some(a) => match a.parse::<i64>() {
                Ok(n) => (n & 0xff) as i32,
                Err(_) => {
                    self.builtin_error("return", &format!("Illegal number: {a}"));
                    return self.fatal(2);
                }
            },
        };
        self.st.status = code;
        if self.frames.is_empty() && self.sourcing == 0 && self.subshells == 0 {
            self.end = Some(End::Exit);
            return Flow::Exit;
        }
        Flow::Return
    }

    fn builtin_loop_control(&mut self, name: &str, args: &[String]) -> Flow {
        let n = match args.first() {
            None => 1,
            Some(a) => match a.parse::<u32>() {
                Ok(n) if n > 0 => n,
                _ => {
                    self.builtin_error(name, &format!("Illegal number: {a}"));
                    return self.fatal(2);
                }
            },
        };
        self.st.status = 0;
        if self.loop_depth == 0 {
            return Flow::Normal;
        }
        let n = n.min(self.loop_depth);
        if name == "break" {
            Flow::Break(n)
        } else {
            Flow::Continue(n)
        }
    }

    fn builtin_exec(&mut self, args: &[String], prefix: &[(String, String)]) -> Flow {
        if args.is_empty() {
            self.st.status = 0;
            return Flow::Normal;
        }
        let code = self.external(args, prefix, self.capture == 0);
        self.st.status = code;
        if self.end.is_none() {
            // The program ended, and with it what used to be the shell.
            self.end = Some(End::Exit);
        }
        Flow::Exit
    }

    fn builtin_source(&mut self, args: &[String]) -> Flow {
        let Some(file) = args.first() else {
            self.say(Stream::Stderr, "sh: .: filename argument required\n");
            self.st.status = 2;
            return Flow::Normal;
        };
        let path = normalize(&self.st.cwd, file);
        match self.env.fs.get(&path) {
            Some(Node::File(text)) => {
                let saved = std::mem::replace(&mut self.st.params, args[1..].to_vec());
                let keep = args.len() == 1;
                self.sourcing += 1;
                let flow = self.run_file_text(&text, &format!("sh: {file}: "));
                self.sourcing -= 1;
                if keep {
                    self.st.params = saved;
                }
                match flow {
                    Flow::Return => Flow::Normal,
                    other => other,
                }
            }
            _ => {
                self.builtin_error(
                    ".",
                    &format!("can't open '{file}': No such file or directory"),
                );
                self.fatal(2)
            }
        }
    }

    fn builtin_cd(&mut self, args: &[String]) -> i32 {
        let target = args
            .first()
            .cloned()
            .unwrap_or_else(|| self.var("HOME").unwrap_or_else(|| "/".to_string()));
        let back = target == "-";
        let target = if back {
            self.var("OLDPWD").unwrap_or_else(|| self.st.cwd.clone())
        } else {
            target
        };
        let path = normalize(&self.st.cwd, &target);
        if self.env.fs.is_dir(&path) {
            // `cd -` says where it went.
            if back {
                self.say(Stream::Stdout, format!("{path}\n"));
            }
            let old = std::mem::replace(&mut self.st.cwd, path);
            self.st.vars.insert("OLDPWD".to_string(), old);
            0
        } else {
            self.builtin_error(
                "cd",
                &format!("can't cd to {target}: No such file or directory"),
            );
            2
        }
    }

    fn builtin_set(&mut self, args: &[String]) -> i32 {
        if args.is_empty() {
            let mut names: Vec<&String> = self.st.vars.keys().collect();
            names.sort();
            let text: String = names
                .iter()
                .map(|n| format!("{n}='{}'\n", self.st.vars[*n].replace('\'', "'\\''")))
                .collect();
            self.say(Stream::Stdout, text);
            return 0;
        }
        let mut rest = args;
        while let Some(first) = rest.first() {
            if first == "--" {
                self.st.params = rest[1..].to_vec();
                return 0;
            }
            let (on, flags) = match (first.strip_prefix('-'), first.strip_prefix('+')) {
                (Some(f), _) => (true, f),
                (_, Some(f)) => (false, f),
                _ => break,
            };
            if flags == "o" {
                // `set -o pipefail`; the other options are accepted and not simulated.
                if rest.get(1).is_some_and(|o| o == "pipefail") {
                    self.st.pipefail = on;
                }
                rest = rest.get(2..).unwrap_or_default();
                continue;
            }
            for f in flags.chars() {
                match f {
                    'e' => self.st.errexit = on,
                    'x' => self.st.xtrace = on,
                    // -u, -f, -v, -a, -C, -n: accepted and not simulated.
                    _ => {}
                }
            }
            rest = &rest[1..];
        }
        if !rest.is_empty() {
            self.st.params = rest.to_vec();
        }
        0
    }

    fn builtin_test(&mut self, name: &str, args: &[String]) -> i32 {
        let args = match name {
            "[" | "[[" => {
                let close = if name == "[" { "]" } else { "]]" };
                match args.split_last() {
                    Some((last, rest)) if last == close => rest,
                    _ => {
                        self.say(Stream::Stderr, format!("sh: missing {close}\n"));
                        return 2;
                    }
                }
            }
            _ => args,
        };
        // `[[ a == b ]]` is bash's; the words inside work like test's.
        match test_eval(self.env.fs, &self.st.cwd, args) {
            Ok(true) => 0,
            Ok(false) => 1,
            Err(e) => {
                self.say(Stream::Stderr, format!("sh: {e}\n"));
                2
            }
        }
    }

    fn builtin_trap(&mut self, args: &[String]) -> i32 {
        if args.is_empty() {
            let text: String = self
                .st
                .traps
                .iter()
                .map(|(sig, (handler, _))| {
                    let name = if *sig == 0 {
                        "EXIT".to_string()
                    } else {
                        signal_name(*sig)[3..].to_string()
                    };
                    format!("trap -- '{}' {name}\n", handler.replace('\'', "'\\''"))
                })
                .collect();
            self.say(Stream::Stdout, text);
            return 0;
        }
        let args = match args.first() {
            Some(first) if first == "--" => &args[1..],
            _ => args,
        };
        if args.is_empty() {
            return 0;
        }
        // `trap N SIG...` (a number first) resets them, like `trap - SIG...`.
        let (handler, signals) = if args[0] == "-" || args[0].parse::<u32>().is_ok() {
            let rest = if args[0] == "-" { &args[1..] } else { args };
            (None, rest)
        } else {
            (Some(args[0].clone()), &args[1..])
        };
        let mut code = 0;
        for spec in signals {
            let Some(sig) = trap_signal(spec) else {
                self.builtin_error("trap", &format!("{spec}: invalid signal specification"));
                code = 1;
                continue;
            };
            match &handler {
                Some(h) => {
                    self.st.traps.insert(sig, (h.clone(), self.elapsed));
                }
                None => {
                    self.st.traps.remove(&sig);
                }
            }
        }
        code
    }

    fn builtin_kill(&mut self, args: &[String]) -> Flow {
        let mut signal = super::event::SIGTERM;
        let mut rest = args;
        match rest.first().map(String::as_str) {
            Some("-l") => {
                let text = match rest.get(1) {
                    Some(n) => match n.parse::<i32>() {
                        Ok(n) => format!("{}\n", &signal_name(n & 0x7f)[3..]),
                        Err(_) => match parse_signal(n) {
                            Some(s) => format!("{s}\n"),
                            None => {
                                self.say(Stream::Stderr, format!("sh: bad signal name '{n}'\n"));
                                self.st.status = 1;
                                return Flow::Normal;
                            }
                        },
                    },
                    None => signal_list(),
                };
                self.say(Stream::Stdout, text);
                self.st.status = 0;
                return Flow::Normal;
            }
            Some("-s" | "-n") => {
                let Some(spec) = rest.get(1) else {
                    self.say(Stream::Stderr, "sh: you need to specify whom to kill\n");
                    self.st.status = 1;
                    return Flow::Normal;
                };
                match kill_signal(spec) {
                    Some(s) => signal = s,
                    None => {
                        self.say(Stream::Stderr, format!("sh: bad signal name '{spec}'\n"));
                        self.st.status = 1;
                        return Flow::Normal;
                    }
                }
                rest = &rest[2..];
            }
            Some("--") => rest = &rest[1..],
            Some(opt) if opt.starts_with('-') && opt.len() > 1 => {
                // `kill -TERM PID`, `kill -9 PID`: a name or a number after the dash.
                match kill_signal(&opt[1..]) {
                    Some(s) => signal = s,
                    None => {
                        self.say(
                            Stream::Stderr,
                            format!("sh: bad signal name '{}'\n", &opt[1..]),
                        );
                        self.st.status = 1;
                        return Flow::Normal;
                    }
                }
                rest = &rest[1..];
            }
            _ => {}
        }
        if rest.is_empty() {
            self.say(Stream::Stderr, "sh: you need to specify whom to kill\n");
            self.st.status = 1;
            return Flow::Normal;
        }
        self.st.status = 0;
        let mut to_self = false;
        for target in rest {
            let Ok(pid) = target.parse::<i64>() else {
                self.say(Stream::Stderr, format!("sh: invalid number '{target}'\n"));
                self.st.status = 1;
                continue;
            };
            if pid == i64::from(self.st.pid) || pid == 0 {
                to_self = true;
            } else if let Some(i) = self.jobs.iter().position(|j| i64::from(j.pid) == pid) {
                self.signal_job(i, signal);
            } else if pid == 1 {
                // The kernel decides at delivery: init only gets signals it handles.
                if signal != 0 {
                    self.pid1_signals.push(signal);
                }
            } else {
                self.say(
                    Stream::Stderr,
                    format!("sh: can't kill pid {pid}: No such process\n"),
                );
                self.st.status = 1;
            }
        }
        if to_self && signal != 0 {
            return self.signal_self(signal);
        }
        Flow::Normal
    }

    /// A signal the shell sent itself. The kernel delivers a signal to a PID namespace's
    /// init from inside only if init has a handler (never SIGKILL or SIGSTOP), so a shell
    /// that is PID 1 ignores `kill -9 $$`; another shell dies of it.
    fn signal_self(&mut self, signal: SignalNumber) -> Flow {
        let trap = self.st.traps.get(&signal).map(|(h, _)| h.clone());
        match trap {
            Some(handler) if handler.is_empty() => Flow::Normal,
            Some(handler) => self.run_trap(&handler),
            None if signal == SIGINT && self.catches_sigint => {
                self.st.status = 128 + SIGINT;
                self.end = Some(End::Exit);
                Flow::Exit
            }
            None => {
                let pid1 = self.st.pid == 1;
                // An interactive shell ignores TERM, QUIT and INT.
                let interactive_ignores =
                    self.mode == Mode::Interactive && matches!(signal, 2 | 3 | 15);
                let harmless = matches!(signal, 17 | 18 | 23 | 28 | 19 | 20 | 21 | 22);
                if pid1 || interactive_ignores || harmless {
                    return Flow::Normal;
                }
                self.st.status = 128 + signal;
                self.end = Some(End::Killed(signal));
                Flow::Exit
            }
        }
    }

    /// Runs a trap handler now; `$?` is restored afterwards unless it ends the shell.
    fn run_trap(&mut self, handler: &str) -> Flow {
        let status = self.st.status;
        let saved = self.in_trap.replace(status);
        let flow = self.run_text(handler, false, TextOrigin::Trap);
        self.in_trap = saved;
        if flow == Flow::Normal {
            self.st.status = status;
        }
        flow
    }

    fn signal_job(&mut self, i: usize, signal: SignalNumber) {
        let now = self.elapsed;
        let job = &self.jobs[i];
        if job.end.is_some_and(|end| end <= now) {
            return;
        }
        let when = self.now();
        let program = job.program.clone();
        match program::react(&program, signal, false, when) {
            Reaction::Ignored => {}
            Reaction::Handled { output } => {
                let job = &mut self.jobs[i];
                job.output.extend(output.into_iter().map(|c| Chunk {
                    at: now.saturating_add(c.at),
                    ..c
                }));
            }
            Reaction::Exits {
                code,
                after,
                output,
            } => {
                let end = now.saturating_add(after);
                let job = &mut self.jobs[i];
                // What it would have printed after its death never appears.
                job.output.retain(|c| c.at <= end);
                job.output.extend(output.into_iter().map(|c| Chunk {
                    at: now.saturating_add(c.at),
                    ..c
                }));
                job.end = Some(end);
                job.code = code;
            }
        }
    }

    /// `wait [PID...]`: the shell sleeps until the jobs end, without being busy (a trapped
    /// signal interrupts `wait` at once, which is why `sleep 1000 & wait` is the idiom).
    fn builtin_wait(&mut self, args: &[String]) -> Flow {
        let mut code = 0;
        let mut targets = Vec::new();
        if args.is_empty() {
            targets.extend(0..self.jobs.len());
        } else {
            for a in args {
                match a
                    .parse::<u32>()
                    .ok()
                    .and_then(|pid| self.jobs.iter().position(|j| j.pid == pid))
                {
                    Some(i) => targets.push(i),
                    None => {
                        self.say(
                            Stream::Stderr,
                            format!("sh: wait: pid {a} is not a child of this shell\n"),
                        );
                        code = 127;
                    }
                }
            }
        }
        for i in targets {
            match self.jobs[i].end {
                Some(end) => {
                    self.elapsed = self.elapsed.max(end);
                    code = self.jobs[i].code;
                }
                None => {
                    self.end = Some(End::Forever);
                    return Flow::Exit;
                }
            }
        }
        self.st.status = code;
        Flow::Normal
    }

    // ---------------------------------------------------------------------------------------
    // Ending

    /// Runs the EXIT trap (once) when the shell ends by itself, by `exit` or by an error.
    fn run_exit_trap(&mut self) {
        // A line typed at a prompt ends without ending the shell, unless it is `exit`.
        if (self.mode == Mode::Interactive && self.end != Some(End::Exit))
            || matches!(self.end, Some(End::Forever | End::Killed(_)))
        {
            return;
        }
        let Some((handler, _)) = self.st.traps.remove(&0) else {
            return;
        };
        if handler.is_empty() {
            return;
        }
        let status = self.st.status;
        let end = self.end.take();
        let saved = self.in_trap.replace(status);
        let flow = self.run_text(&handler, false, TextOrigin::Trap);
        self.in_trap = saved;
        match (flow, self.end) {
            // `exit N` in the trap sets the status; otherwise the shell's stays.
            (Flow::Exit, Some(End::Exit | End::Fatal)) => {}
            (_, Some(End::Forever)) => {}
            _ => self.st.status = status,
        }
        if self.end != Some(End::Forever) {
            self.end = end.or(self.end);
        }
    }

    /// Joins the background jobs' output and sorts everything by time.
    fn take_output(&mut self) -> Vec<Chunk> {
        let mut output = std::mem::take(&mut self.output);
        for job in &mut self.jobs {
            output.append(&mut job.output);
        }
        output.sort_by_key(|c| c.at);
        output
    }

    /// What each trap handler does if its signal comes after this point, learned by running
    /// it on a scratch copy of the shell and its files.
    fn handlers(&mut self) -> Option<Handlers> {
        if self.mode == Mode::Interactive {
            return None;
        }
        let mut traps = Vec::new();
        let signals: Vec<(SignalNumber, String, Duration)> = self
            .st
            .traps
            .iter()
            .filter(|(sig, _)| **sig != 0)
            .map(|(sig, (h, since))| (*sig, h.clone(), *since))
            .collect();
        for (signal, handler, since) in signals {
            let action = if handler.is_empty() {
                TrapAction::Ignore
            } else {
                TrapAction::Run(self.scratch_run(Some(&handler)))
            };
            traps.push(Trap {
                signal,
                since,
                action,
            });
        }
        let on_sigint = self.catches_sigint.then(|| self.scratch_run(None));
        if traps.is_empty() && on_sigint.is_none() {
            return None;
        }
        Some(Handlers {
            started: self.env.now,
            traps,
            on_sigint,
            busy: self.busy.clone(),
            replaced_at: self.replaced.as_ref().map(|(at, _)| *at),
            tty: self.env.tty,
        })
    }

    /// Runs `handler` (or, for `None`, the exit with 130 that SIGINT causes) on a copy of the
    /// shell as it is now, with a copy of its files.
    fn scratch_run(&mut self, handler: Option<&str>) -> TrapRun {
        let mut fs = self.env.fs.clone();
        let now = self.now();
        let mut env = ProcessEnv {
            argv: self.env.argv,
            env: self.env.env,
            hostname: self.env.hostname,
            cwd: self.env.cwd,
            fs: &mut fs,
            tty: self.env.tty,
            stdin_open: false,
            pid1: self.env.pid1,
            now,
            pid1_command: self.env.pid1_command,
            stdin: None,
        };
        let mut sh = Shell::new(&mut env, self.mode, "sh", self.st.clone());
        sh.catches_sigint = self.catches_sigint;
        sh.jobs = self
            .jobs
            .iter()
            .map(|j| Job {
                output: Vec::new(),
                ..j.clone()
            })
            .collect();
        sh.next_pid = self.next_pid;
        with_budget(HANDLER_STEPS, || {
            let flow = match handler {
                Some(text) => sh.run_trap(text),
                None => {
                    sh.st.status = 128 + SIGINT;
                    sh.end = Some(End::Exit);
                    Flow::Exit
                }
            };
            let exits = flow == Flow::Exit && matches!(sh.end, Some(End::Exit | End::Fatal));
            if exits {
                sh.run_exit_trap();
            }
            let forever = sh.end == Some(End::Forever);
            TrapRun {
                output: sh.take_output(),
                takes: (!forever).then_some(sh.elapsed),
                exit: (exits && !forever).then_some(sh.st.status),
            }
        })
    }

    /// Ends a line typed at a prompt: the shell's state goes back to `prompt`.
    fn finish_at_prompt(mut self, prompt: &mut PromptShell) -> ShellRun {
        if self.end != Some(End::Forever) {
            self.run_exit_trap();
        }
        prompt.st = self.st.clone();
        self.finish()
    }

    fn finish(mut self) -> ShellRun {
        if self.end != Some(End::Forever) {
            self.run_exit_trap();
        }
        // The caller's pipe has been read as far as this shell read it.
        if let (Some(mine), Some(theirs)) = (&self.input, self.env.stdin.as_deref_mut()) {
            theirs.set_pos(mine.pos());
        }
        let forever = self.end == Some(End::Forever);
        let handlers = if forever || self.elapsed > Duration::ZERO {
            self.handlers()
        } else {
            None
        };
        let killed_by = match self.end {
            Some(End::Killed(signal)) => Some(signal),
            _ => None,
        };
        let exited = match self.end {
            Some(End::Exit | End::Killed(_)) => true,
            Some(End::Fatal) => self.mode != Mode::Interactive,
            _ => false,
        };
        let replaced_by = self.replaced.as_ref().map(|(_, p)| p.clone());
        let output = self.take_output();
        ShellRun {
            output,
            code: self.st.status,
            elapsed: (!forever).then_some(self.elapsed),
            exited,
            handlers,
            replaced_by,
            killed_by,
            pid1_signals: self.pid1_signals,
        }
    }
}

/// One element of a pipe after it ran, with times on the shell's clock.
struct Piped {
    stdout: Vec<Chunk>,
    stderr: Vec<Chunk>,
    /// When it ended by itself; `None` if never.
    end: Option<Duration>,
    status: i32,
    /// Bytes of its standard input it read (elements after the first).
    read: usize,
    /// It never stops writing (see [`writes_forever`]).
    endless: bool,
    /// It ran out of the step budget.
    budget: bool,
    /// When SIGPIPE ended it, its reader having quit.
    cut: Option<Duration>,
}

/// Programs that write without end until a signal stops them: a pipe reader that quits
/// ends them at once (`yes | head -3`). `top` writes every few seconds; taking its next
/// write as immediate is close enough.
fn writes_forever(program: &str) -> bool {
    matches!(program, "yes" | "top")
}

fn output_note() -> String {
    format!(
        "dockersim: 셸의 출력이 너무 많아 처음 {MAX_OUTPUT_CHUNKS}조각(최대 {} KiB)만 기록하고 나머지는 생략합니다.\n",
        MAX_OUTPUT_BYTES / 1024
    )
}

/// How the C library describes a signal (`strsignal`), as ash prints it for a child that
/// died of it.
fn signal_description(signal: SignalNumber) -> Option<&'static str> {
    Some(match signal {
        1 => "Hangup",
        3 => "Quit",
        6 => "Aborted",
        9 => "Killed",
        10 => "User defined signal 1",
        12 => "User defined signal 2",
        14 => "Alarm clock",
        15 => "Terminated",
        _ => return None,
    })
}

/// The builtins POSIX calls special: found before functions of the same name.
fn is_special_builtin(name: &str) -> bool {
    matches!(
        name,
        "break"
            | "continue"
            | ":"
            | "."
            | "eval"
            | "exec"
            | "exit"
            | "export"
            | "readonly"
            | "return"
            | "set"
            | "shift"
            | "trap"
            | "unset"
    )
}

/// Builtins of the shell (for `command -v`).
fn is_builtin(name: &str) -> bool {
    matches!(
        name,
        "exit"
            | "return"
            | "break"
            | "continue"
            | "exec"
            | "eval"
            | "."
            | "source"
            | "kill"
            | "wait"
            | "trap"
            | ":"
            | "true"
            | "false"
            | "cd"
            | "pwd"
            | "export"
            | "readonly"
            | "local"
            | "unset"
            | "set"
            | "shift"
            | "read"
            | "echo"
            | "printf"
            | "test"
            | "["
            | "[["
            | "command"
    )
}

/// A signal for `trap`: a name with or without `SIG`, any case, a number, or `EXIT` (0).
fn trap_signal(spec: &str) -> Option<SignalNumber> {
    if spec.eq_ignore_ascii_case("EXIT") || spec == "0" {
        return Some(0);
    }
    parse_signal(spec)
}

/// A signal for `kill`: like `trap`'s, and 0 (the existence check).
fn kill_signal(spec: &str) -> Option<SignalNumber> {
    if spec == "0" {
        return Some(0);
    }
    parse_signal(spec)
}

/// A word as `set -x` shows it: quoted when it holds anything but plain characters.
fn trace_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// Runs shell text in a new shell: `sh -c TEXT` or `sh FILE` (see the module documentation).
pub fn run_shell(inv: Invocation<'_>, env: &mut ProcessEnv<'_>) -> ShellRun {
    let Some(_nested) = Nested::enter() else {
        return ShellRun {
            output: vec![Chunk {
                at: Duration::ZERO,
                stream: Stream::Stderr,
                text: format!(
                    "dockersim: 셸 안에서 셸을 {MAX_SHELL_DEPTH}단계 넘게 시작해 여기서 멈춥니다.\n"
                ),
            }],
            code: 2,
            elapsed: Some(Duration::ZERO),
            exited: true,
            handlers: None,
            replaced_by: None,
            killed_by: None,
            pid1_signals: Vec::new(),
        };
    };
    // `sh FILE` reads and runs its file a command at a time, like `.`.
    let script = match inv.mode {
        Mode::Script => None,
        _ => match parse_text(inv.text) {
            Ok(s) => Some(s),
            Err(e) => return parse_failure(&syntax_error_text(&e)),
        },
    };
    let st = State {
        cwd: env.cwd.to_string(),
        arg0: inv.arg0,
        params: inv.params,
        pid: if env.pid1 { 1 } else { 7 },
        ..State::default()
    };
    let file = st.arg0.clone();
    let mut sh = Shell::new(env, inv.mode, inv.shell, st);
    let flow = match &script {
        Some(script) => sh.run_list(script, inv.mode == Mode::Command),
        None => sh.run_file_text(inv.text, &format!("{file}: ")),
    };
    let _ = flow;
    sh.finish()
}

/// Parses `sh -c` text or a line typed at the prompt. ash takes a here-document whose end
/// line never comes to run to the end of the text: it is given one (the body then ends in a
/// newline, which ash's does not).
fn parse_text(text: &str) -> Result<Script, ParseError> {
    match parse(text) {
        Err(ParseError::UnclosedHereDoc(delimiter)) => {
            let sep = if text.ends_with('\n') { "" } else { "\n" };
            parse(&format!("{text}{sep}{delimiter}"))
        }
        other => other,
    }
}

/// Where text that [`Shell::run_text`] parses came from, which ash names in a syntax error.
#[derive(Clone, Copy)]
enum TextOrigin {
    Eval,
    Trap,
}

/// The line (from 0) of `text` where ash notices `error`: the first line holding an
/// unexpected word, the last line for anything that runs off the end.
fn error_line(text: &str, error: &ParseError) -> usize {
    // Running off the end is noticed on the line after the last newline.
    let end = text.matches('\n').count();
    match error {
        ParseError::UnexpectedToken(token) => text
            .split('\n')
            .position(|l| l.split([' ', '\t', ';']).any(|w| w == token))
            .unwrap_or(end),
        _ => end,
    }
}

/// Whether more lines could complete the text (an open `if`, quote or `&&`).
fn needs_more(error: &ParseError) -> bool {
    matches!(
        error,
        ParseError::Unclosed { .. }
            | ParseError::UnclosedQuote(_)
            | ParseError::UnclosedHereDoc(_)
            | ParseError::UnclosedParen(_)
            | ParseError::MissingCommand(_)
    )
}

/// A script file cut into the commands ash reads one after another: each piece is the
/// shortest run of whole lines that parses, or the syntax error (with its line, from 0)
/// that ends the reading.
fn commands_of_file(text: &str) -> Vec<Result<(Script, usize), (ParseError, usize)>> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut pending: Option<ParseError> = None;
    for end in 0..lines.len() {
        let chunk = lines[start..=end].concat();
        match parse(&chunk) {
            Ok(script) => {
                pieces.push(Ok((script, start)));
                start = end + 1;
                pending = None;
            }
            Err(e) if needs_more(&e) => pending = Some(e),
            Err(e) => {
                pieces.push(Err((e.clone(), start + error_line(&chunk, &e))));
                return pieces;
            }
        }
    }
    if let Some(e) = pending {
        pieces.push(Err((e, text.matches('\n').count())));
    }
    pieces
}

/// What ash prints for a line it cannot parse (after `sh: `): BusyBox's own words where the
/// parser's error tells which, dockersim's Korean for its limits and for syntax it does not
/// implement.
fn syntax_error_text(error: &ParseError) -> String {
    match error {
        ParseError::UnclosedQuote('`') => "syntax error: EOF in backquote substitution".into(),
        ParseError::UnclosedQuote(_) => "syntax error: unterminated quoted string".into(),
        ParseError::UnclosedParen("$(") => {
            "syntax error: unexpected end of file (expecting \")\")".into()
        }
        ParseError::UnclosedParen("${") => "syntax error: missing '}'".into(),
        ParseError::UnclosedParen("$((") => "syntax error: missing '))'".into(),
        ParseError::UnexpectedToken(token) if token == "newline" => {
            "syntax error: unexpected newline".into()
        }
        ParseError::UnexpectedToken(token) => format!("syntax error: unexpected \"{token}\""),
        ParseError::MissingCommand(_) | ParseError::MissingRedirectTarget(_) => {
            "syntax error: unexpected end of file".into()
        }
        ParseError::BadSubstitution(_) => "syntax error: bad substitution".into(),
        ParseError::Unclosed { close, .. } => {
            format!("syntax error: unexpected end of file (expecting \"{close}\")")
        }
        ParseError::BadName(_) => "syntax error: bad for loop variable".into(),
        ParseError::Expected { expected } => {
            format!("syntax error: unexpected word (expecting \"{expected}\")")
        }
        ParseError::BadFunctionName(_) => "syntax error: bad function name".into(),
        other => other.to_string(),
    }
}

fn parse_failure(message: &str) -> ShellRun {
    ShellRun {
        output: vec![Chunk {
            at: Duration::ZERO,
            stream: Stream::Stderr,
            text: format!("sh: {message}\n"),
        }],
        code: 2,
        elapsed: Some(Duration::ZERO),
        exited: false,
        handlers: None,
        replaced_by: None,
        killed_by: None,
        pid1_signals: Vec::new(),
    }
}

/// A shell waiting at its prompt (`/ # `) between two lines: what one line leaves for the
/// next, as in a real interactive shell (directory, variables, `$?`, traps, `set` options,
/// positional parameters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PromptShell {
    st: State,
}

impl PromptShell {
    /// A shell that starts in `cwd`; `arg0` is `$0`; PID 1 (`docker run -it IMAGE sh`) or not
    /// (`docker exec -it`).
    pub fn new(cwd: &str, arg0: &str, pid1: bool) -> Self {
        PromptShell {
            st: State {
                cwd: cwd.to_string(),
                arg0: arg0.to_string(),
                pid: if pid1 { 1 } else { 7 },
                ..State::default()
            },
        }
    }

    /// The working directory (shown in the prompt).
    pub fn cwd(&self) -> &str {
        &self.st.cwd
    }

    /// `$?`.
    pub fn status(&self) -> i32 {
        self.st.status
    }

    /// Sets `$?` (a line cut short by Ctrl-C leaves 130).
    pub fn set_status(&mut self, status: i32) {
        self.st.status = status;
    }
}

/// Runs one line typed at a shell prompt in a container; what it changes in the shell
/// (`cd`, variables, traps, …) stays in `prompt` for the next line. `exit` runs the EXIT trap.
pub fn run_in(text: &str, env: &mut ProcessEnv<'_>, prompt: &mut PromptShell) -> ShellRun {
    let Some(_nested) = Nested::enter() else {
        return parse_failure("셸이 너무 깊게 중첩되었습니다");
    };
    let script = match parse_text(text) {
        Ok(s) => s,
        Err(e) => {
            let run = parse_failure(&syntax_error_text(&e));
            prompt.st.status = run.code;
            return run;
        }
    };
    let mut sh = Shell::new(env, Mode::Interactive, "sh", prompt.st.clone());
    let flow = sh.run_list(&script, false);
    let _ = flow;
    let endless = sh.noted_forever;
    let mut run = sh.finish_at_prompt(prompt);
    if endless {
        interrupt_at_prompt(&mut run);
        prompt.st.status = run.code;
    }
    run
}

/// How much of an endless loop typed at the prompt is shown before it is cut short.
const PROMPT_LOOP_SHOWN: Duration = Duration::from_secs(10);

/// A loop typed at the prompt that never ends would hold the terminal until Ctrl-C: show its
/// first [`PROMPT_LOOP_SHOWN`], then end it as Ctrl-C does (status 130), with a Korean note.
fn interrupt_at_prompt(run: &mut ShellRun) {
    run.output
        .retain(|c| c.at <= PROMPT_LOOP_SHOWN && !c.text.starts_with("dockersim: "));
    let end = run
        .output
        .last()
        .map_or(Duration::ZERO, |c| c.at)
        .max(PROMPT_LOOP_SHOWN.min(run.elapsed.unwrap_or(PROMPT_LOOP_SHOWN)));
    run.output.push(Chunk {
        at: end,
        stream: Stream::Stdout,
        text: "^C\n".to_string(),
    });
    run.output.push(Chunk {
        at: end,
        stream: Stream::Stderr,
        text: format!(
            "dockersim: 끝나지 않는 반복입니다. 처음 {}초만 보여 주고, Ctrl-C를 누른 것처럼 멈춥니다.\n",
            PROMPT_LOOP_SHOWN.as_secs()
        ),
    });
    run.code = 128 + SIGINT;
    run.elapsed = Some(end);
    run.exited = false;
}

#[cfg(test)]
mod tests {
    use super::super::program::Busy;
    use crate::engine::containers::CreateSpec;
    use crate::engine::Engine;
    use std::time::Duration;

    fn output_of(cmd: &[&str]) -> String {
        let mut engine = Engine::scripted(1);
        let image_id = engine.preload("alpine").unwrap();
        let id = engine
            .create(CreateSpec {
                image_ref: "alpine".into(),
                image_id,
                cmd: Some(cmd.iter().map(|s| s.to_string()).collect()),
                ..Default::default()
            })
            .unwrap();
        engine.start(&id).unwrap();
        engine.wait_exit(&id);
        engine
            .logs(&id)
            .unwrap()
            .iter()
            .map(|l| l.text.clone())
            .collect()
    }

    #[test]
    fn dollar_zero_is_the_shells_argv0() {
        assert_eq!(output_of(&["sh", "-c", "echo $0"]), "sh\n");
        assert_eq!(output_of(&["/bin/sh", "-c", "echo $0"]), "/bin/sh\n");
        assert_eq!(
            output_of(&["sh", "-c", "echo $0 $1 $#", "n", "a"]),
            "n a 1\n"
        );
    }

    #[test]
    fn busy_times_tell_when_a_handler_runs() {
        let s = Duration::from_secs;
        let mut busy = Busy::default();
        // `sleep 1` five times in a row, then `sleep 3`.
        for i in 0..5 {
            busy.record(s(i), s(i + 1));
        }
        busy.record(s(6), s(9));
        assert_eq!(busy.free_at(Duration::from_millis(2500)), Some(s(3)));
        assert_eq!(busy.free_at(s(5)), Some(s(5)));
        assert_eq!(busy.free_at(s(7)), Some(s(9)));
        assert_eq!(busy.free_at(s(20)), Some(s(20)));
        // A loop of `sleep 10` that repeats forever from 9 s.
        busy.repeat(s(9), s(10), vec![(s(0), s(10))]);
        assert_eq!(busy.free_at(s(25)), Some(s(29)));
        // From 100 s it waits for a command that never ends.
        busy.forever_from(s(100));
        assert_eq!(busy.free_at(s(95)), Some(s(99)));
        assert_eq!(busy.free_at(Duration::from_millis(99_500)), None);
        assert_eq!(busy.free_at(s(100)), None);
    }
}
