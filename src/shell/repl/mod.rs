//! The interactive terminal (REPL): rustyline line editing with completion, hints and
//! history, real time through [`RealClock`], terminals held by attached containers, several
//! terminals, colour, and the narrator. The only user of rustyline and colored.
//!
//! Piped standard input runs without any of that: line by line, on the virtual clock, with
//! `docker run -it` refused as by docker (`the input device is not a TTY`).

pub mod app;
pub mod complete;
pub mod term;

use crate::engine::catalog::Catalog;
use crate::engine::{Engine, VirtualClock};
use crate::shell::board::Tone;
use crate::shell::realclock::{ClockControl, RealClock};
use crate::shell::Session;
pub use app::Companion;
use app::{App, Kind, Reply, MAX_TERMINALS};
use colored::Colorize;
use complete::{complete, usage_hint, Known};
use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::{Hint, Hinter, HistoryHinter};
use rustyline::history::DefaultHistory;
use rustyline::validate::Validator;
use rustyline::{
    Cmd, CompletionType, ConditionalEventHandler, Config, Context, Editor, Event, EventContext,
    EventHandler, KeyCode, KeyEvent, Modifiers, RepeatCount,
};
use std::borrow::Cow;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use term::{Key, Term, TICK};

/// How the REPL was asked to behave (dockersim's own flags).
#[derive(Clone, Debug)]
pub struct Options {
    /// Seed for names and IDs.
    pub seed: u64,
    /// Colour on the terminal (already decided from `--no-color`, `NO_COLOR` and whether
    /// stdout is a terminal).
    pub color: bool,
    /// Simulated waits run this many times faster.
    pub speed: f64,
    /// The narrator speaks after each docker command.
    pub explain: bool,
    /// The `docker stop` countdown is drawn.
    pub countdown: bool,
    /// Where the history file lives.
    pub data_dir: Option<PathBuf>,
    /// Images added to the simulated hub (`--catalog`).
    pub extra_catalog: Option<Catalog>,
    /// Tables count ambiguous-width characters as 2 columns (a CJK locale, as docker does).
    pub cjk: bool,
}

/// The REPL's own first words, completed like commands.
const BUILTINS: &[&str] = &["terminal", "board", "explain"];

/// How long a container must hold the terminal before the keys are explained.
const HINT_AFTER: Duration = Duration::from_millis(1500);

/// The welcome screen (Korean): what this is, how to get help, how to start the course
/// (`course` is the course's own greeting, when a course is plugged in).
pub fn welcome(course: Option<String>) -> String {
    let course = course.unwrap_or_else(|| {
        "강좌 없이 자유 실습 중입니다. 바로 해 보기: docker run hello-world\n".to_string()
    });
    format!(
        "dockersim 에 오신 것을 환영합니다! Docker 를 메모리 안에서 흉내 내는 실습장입니다.\n\
         진짜 컨테이너는 하나도 실행되지 않으니 마음껏 실험해 보세요.\n\
         \x20 도움말: help · 상태 그림: board · 해설 켜기/끄기: explain on|off\n\
         \x20 키: Tab 자동 완성 · Ctrl-C 줄 지우기 · Ctrl-D 끝내기 · F2/Alt-2 두 번째 터미널\n\
         \n{course}"
    )
}

/// Runs the interactive terminal until the learner leaves; returns the exit status.
/// `companion` is the course, plugged in by `main` (the single hook point).
pub fn run_interactive(options: Options, companion: Option<Box<dyn Companion>>) -> i32 {
    colored::control::set_override(options.color);
    let control = ClockControl::new();
    // Drawings go to stderr: only onto a terminal.
    let stderr_tty = std::io::stderr().is_terminal();
    control.set_countdown(options.countdown && stderr_tty);
    control.set_progress(stderr_tty);
    if std::io::stdin().is_terminal() {
        control.set_interrupt_check(Box::new(term::interrupt_within));
    }
    if options.color {
        control.set_style(Box::new(|s: &str| s.cyan().to_string()));
    }
    let clock = RealClock::new(options.speed, control.clone());
    let mut engine = Engine::new(Box::new(clock), options.seed);
    if let Some(extra) = options.extra_catalog.clone() {
        engine.extend_hub(extra);
    }
    let mut session = Session::new(engine);
    session.echo_answers = false;
    session.cjk = options.cjk;
    let mut app = App::new(session, options.explain);
    app.companion = companion;
    let mut repl = match Repl::new(&options, control) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("dockersim: 터미널을 준비하지 못했습니다: {e}");
            return 1;
        }
    };
    let course = app.companion.as_mut().map(|c| c.greeting());
    repl.print_own(&welcome(course));
    repl.run(&mut app)
}

/// Runs lines from a non-terminal standard input (no line editing, virtual clock).
pub fn run_piped(
    options: Options,
    companion: Option<Box<dyn Companion>>,
    input: &mut dyn std::io::BufRead,
) -> i32 {
    let mut engine = Engine::new(Box::new(VirtualClock::script_start()), options.seed);
    if let Some(extra) = options.extra_catalog {
        engine.extend_hub(extra);
    }
    let mut session = Session::new(engine);
    session.stdin_tty = false;
    session.cjk = options.cjk;
    let mut app = App::new(session, options.explain);
    app.companion = companion;
    if let Some(c) = app.companion.as_mut() {
        let _ = std::io::stderr().write_all(c.greeting().as_bytes());
    }
    let mut stdout = std::io::stdout();
    let mut stderr = std::io::stderr();
    let mut line = String::new();
    let mut status = 0;
    loop {
        line.clear();
        match input.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        let text = line.trim_end_matches(['\n', '\r']).to_string();
        // A question (the prune prompt) reads the next input line as its answer.
        let mut ask = |_: &str| {
            let mut answer = String::new();
            match input.read_line(&mut answer) {
                Ok(n) if n > 0 => Some(answer.trim_end_matches(['\n', '\r']).to_string()),
                _ => None,
            }
        };
        let reply = app.handle_line(&text, &mut ask);
        let tail = app.tick();
        for (kind, piece) in reply.pieces.iter().chain(&tail.pieces) {
            let _ = match kind {
                Kind::Out | Kind::Narration | Kind::Board(_) => stdout.write_all(piece.as_bytes()),
                Kind::Err | Kind::Error | Kind::Own => {
                    let _ = stdout.flush();
                    stderr.write_all(piece.as_bytes())
                }
            };
        }
        status = app.session.last_status();
        if let Some(code) = reply.exit {
            status = code;
            break;
        }
    }
    let _ = stdout.flush();
    status
}

/// A terminal switch asked for by a key while a line was being edited.
#[derive(Clone, Debug, Default)]
struct SwitchRequest {
    target: Option<usize>,
    draft: String,
}

/// F1–F9 and Alt-1–Alt-9 while editing: remember the target and the half-typed line, then
/// end `readline` so the loop can switch.
struct SwitchKey {
    target: usize,
    request: Arc<Mutex<SwitchRequest>>,
}

impl ConditionalEventHandler for SwitchKey {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        if let Ok(mut r) = self.request.lock() {
            r.target = Some(self.target);
            r.draft = ctx.line().to_string();
        }
        Some(Cmd::Interrupt)
    }
}

/// A hint shown in grey after the cursor; some can be taken with the right arrow.
struct GreyHint {
    display: String,
    completion: Option<String>,
}

impl Hint for GreyHint {
    fn display(&self) -> &str {
        &self.display
    }

    fn completion(&self) -> Option<&str> {
        self.completion.as_deref()
    }
}

/// rustyline's helper: completion from a [`Known`] snapshot, hints, colours.
struct Helper {
    known: Known,
    color: bool,
    history: HistoryHinter,
}

impl Completer for Helper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let (start, candidates) = complete(&self.known, line, pos);
        Ok((
            start,
            candidates
                .into_iter()
                .map(|c| Pair {
                    display: c.display,
                    replacement: c.replacement,
                })
                .collect(),
        ))
    }
}

impl Hinter for Helper {
    type Hint = GreyHint;

    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<GreyHint> {
        if pos < line.len() || line.trim().is_empty() {
            return None;
        }
        if let Some(h) = self.history.hint(line, pos, ctx) {
            return Some(GreyHint {
                display: h.clone(),
                completion: Some(h),
            });
        }
        let (start, candidates) = complete(&self.known, line, pos);
        if candidates.len() == 1 && pos > start {
            let typed = &line[start..pos];
            let replacement = candidates[0].replacement.trim_end();
            if let Some(rest) = replacement.strip_prefix(typed) {
                if !rest.is_empty() {
                    return Some(GreyHint {
                        display: rest.to_string(),
                        completion: Some(rest.to_string()),
                    });
                }
            }
        }
        if self.known.container_shell.is_none() {
            if let Some(usage) = usage_hint(line) {
                return Some(GreyHint {
                    display: usage,
                    completion: None,
                });
            }
        }
        None
    }
}

impl Highlighter for Helper {
    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(
        &'s self,
        prompt: &'p str,
        _default: bool,
    ) -> Cow<'b, str> {
        if !self.color {
            return Cow::Borrowed(prompt);
        }
        Cow::Owned(style_prompt(prompt))
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if !self.color {
            return Cow::Borrowed(hint);
        }
        Cow::Owned(hint.dimmed().to_string())
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        false
    }
}

impl Validator for Helper {}

impl rustyline::Helper for Helper {}

/// `[2] $ ` → the terminal tag in yellow, the prompt in green (host) or cyan (container).
fn style_prompt(prompt: &str) -> String {
    let (tag, rest) = match prompt.strip_prefix('[').and_then(|p| p.split_once("] ")) {
        Some((n, rest)) => (format!("[{n}] ").yellow().bold().to_string(), rest),
        None => (String::new(), prompt),
    };
    let body = if rest == "$ " {
        rest.green().bold().to_string()
    } else {
        rest.cyan().bold().to_string()
    };
    format!("{tag}{body}")
}

/// The terminal side of the REPL.
struct Repl {
    editor: Editor<Helper, DefaultHistory>,
    history_file: Option<PathBuf>,
    switch: Arc<Mutex<SwitchRequest>>,
    drafts: Vec<String>,
    term: Option<Term>,
    color: bool,
    control: Arc<ClockControl>,
    /// The keys of a held terminal were explained already (once per session is enough).
    hold_hint_shown: bool,
}

impl Repl {
    fn new(options: &Options, control: Arc<ClockControl>) -> rustyline::Result<Repl> {
        let config = Config::builder()
            .auto_add_history(false)
            .completion_type(CompletionType::List)
            .max_history_size(5000)?
            .history_ignore_dups(true)?
            .build();
        let mut editor: Editor<Helper, DefaultHistory> = Editor::with_config(config)?;
        editor.set_helper(Some(Helper {
            known: Known::default(),
            color: options.color,
            history: HistoryHinter::new(),
        }));
        let switch = Arc::new(Mutex::new(SwitchRequest::default()));
        for n in 0..MAX_TERMINALS {
            let digit = char::from(b'1' + n as u8);
            for key in [
                KeyEvent(KeyCode::F(n as u8 + 1), Modifiers::NONE),
                KeyEvent(KeyCode::Char(digit), Modifiers::ALT),
            ] {
                editor.bind_sequence(
                    key,
                    EventHandler::Conditional(Box::new(SwitchKey {
                        target: n,
                        request: switch.clone(),
                    })),
                );
            }
        }
        let history_file = options.data_dir.as_ref().and_then(|dir| {
            std::fs::create_dir_all(dir).ok()?;
            Some(dir.join("history.txt"))
        });
        if let Some(file) = &history_file {
            let _ = editor.load_history(file);
        }
        Ok(Repl {
            editor,
            history_file,
            switch,
            drafts: vec![String::new(); MAX_TERMINALS],
            term: Term::open(),
            color: options.color,
            control,
            hold_hint_shown: false,
        })
    }

    fn run(&mut self, app: &mut App) -> i32 {
        loop {
            let reply = app.tick();
            self.print(&reply);
            if app.session.terminal().is_held() {
                if let Some(code) = self.hold(app) {
                    return code;
                }
                continue;
            }
            if let Some((columns, _)) = self.editor.dimensions() {
                self.control.set_columns(columns);
            }
            let mut builtins: Vec<&str> = BUILTINS.to_vec();
            let course_words = app
                .companion
                .as_ref()
                .map(|c| c.words())
                .unwrap_or_default();
            builtins.extend(course_words.iter().map(String::as_str));
            if let Some(h) = self.editor.helper_mut() {
                h.known = Known::of(&app.session, &builtins);
            }
            let current = app.session.current_terminal();
            let draft = std::mem::take(&mut self.drafts[current]);
            let prompt = app.prompt();
            let read = self.editor.readline_with_initial(&prompt, (&draft, ""));
            if let Some(target) = self.take_switch(current) {
                let _ = writeln!(std::io::stdout());
                let reply = app.switch(target);
                self.print(&reply);
                continue;
            }
            match read {
                Ok(line) => {
                    if !line.trim().is_empty() {
                        let _ = self.editor.add_history_entry(line.as_str());
                        if let Some(file) = &self.history_file {
                            let _ = self.editor.append_history(file);
                        }
                    }
                    if let Some(code) = self.line(app, &line) {
                        return code;
                    }
                }
                Err(ReadlineError::Interrupted) => {
                    // rustyline left the cursor after the line; the shell shows `^C`.
                    let reply = app.interrupt();
                    self.print(&reply);
                }
                Err(ReadlineError::Eof) => {
                    if app.session.terminal().shell.is_some() {
                        // Ctrl-D ends the shell inside the container, as `exit` would.
                        let _ = writeln!(std::io::stdout());
                        if let Some(code) = self.line(app, "exit") {
                            return code;
                        }
                        continue;
                    }
                    self.print_own("exit\ndockersim 을 마칩니다. 다음에 또 만나요!\n");
                    return app.session.last_status();
                }
                Err(e) => {
                    self.print_own(&format!("dockersim: 입력을 읽지 못했습니다: {e}\n"));
                    return 1;
                }
            }
        }
    }

    /// A switch key pressed while editing: the target, with the draft kept for later.
    fn take_switch(&mut self, current: usize) -> Option<usize> {
        let mut request = self.switch.lock().ok()?;
        let target = request.target.take()?;
        self.drafts[current] = std::mem::take(&mut request.draft);
        Some(target)
    }

    /// Runs one line with the terminal quiet (no echo, Ctrl-C not a signal) meanwhile.
    fn line(&mut self, app: &mut App, line: &str) -> Option<i32> {
        let editor = &mut self.editor;
        let color = self.color;
        let quiet = self.term.as_ref().map(Term::quiet);
        let mut ask = |shown: &str| {
            // Show everything before the question's last line, then edit the answer there.
            let (before, question) = match shown.rfind('\n') {
                Some(i) => shown.split_at(i + 1),
                None => ("", shown),
            };
            let _ = std::io::stdout().write_all(before.as_bytes());
            let _ = std::io::stdout().flush();
            let _ = color;
            editor.readline(question).ok()
        };
        let mut reply = app.handle_line(line, &mut ask);
        drop(quiet);
        if self.control.take_interrupted() {
            // Ctrl-C cut a wait short (`sleep`, a program in a container shell or exec): the
            // terminal echoed `^C` after what the command had printed by then, before
            // dockersim's own words about the line.
            let at = reply
                .pieces
                .iter()
                .position(|(kind, _)| !matches!(kind, Kind::Out | Kind::Err | Kind::Error))
                .unwrap_or(reply.pieces.len());
            reply.pieces.insert(at, (Kind::Out, "^C\n".to_string()));
        }
        if reply.clear {
            let _ = self.editor.clear_screen();
        }
        self.print(&reply);
        reply.exit
    }

    /// While a container holds the terminal: stream its output, forward Ctrl-C, switch
    /// terminals on F-keys and Alt-digits. Returns an exit status if the learner left.
    fn hold(&mut self, app: &mut App) -> Option<i32> {
        let Some(term) = self.term.as_ref() else {
            // No terminal to read keys from: just let time pass.
            std::thread::sleep(TICK);
            return None;
        };
        let quiet = term.quiet();
        let started = Instant::now();
        loop {
            let reply = app.tick();
            print_reply(&reply, self.color);
            if !app.session.terminal().is_held() {
                return None;
            }
            if !self.hold_hint_shown && started.elapsed() >= HINT_AFTER {
                self.hold_hint_shown = true;
                print_reply(&own_line(&app.held_hint()), self.color);
            }
            for key in quiet.keys(TICK) {
                match key {
                    Key::Interrupt => {
                        print_reply(&app.interrupt(), self.color);
                    }
                    Key::Switch(n) => {
                        print_reply(&app.switch(n), self.color);
                        if !app.session.terminal().is_held() {
                            return None;
                        }
                    }
                    Key::Enter => {
                        // A terminal in canonical mode echoes the newline; nothing reads it.
                        let _ = std::io::stdout().write_all(b"\n");
                        let _ = std::io::stdout().flush();
                    }
                    Key::EndOfFile => {}
                    Key::Other => {
                        if !self.hold_hint_shown {
                            self.hold_hint_shown = true;
                            print_reply(&own_line(&app.held_hint()), self.color);
                        }
                    }
                }
            }
        }
    }

    fn print(&self, reply: &Reply) {
        print_reply(reply, self.color);
    }

    fn print_own(&self, text: &str) {
        let mut reply = Reply::default();
        reply.pieces.push((Kind::Own, text.to_string()));
        print_reply(&reply, self.color);
    }
}

fn own_line(text: &str) -> Reply {
    Reply {
        pieces: vec![(Kind::Own, format!("{text}\n"))],
        ..Reply::default()
    }
}

/// Prints pieces in order, coloured by kind when colour is on.
fn print_reply(reply: &Reply, color: bool) {
    let mut stdout = std::io::stdout();
    let mut stderr = std::io::stderr();
    for (kind, text) in &reply.pieces {
        let shown = if color {
            paint(*kind, text)
        } else {
            text.clone()
        };
        match kind {
            Kind::Err | Kind::Error => {
                let _ = stdout.flush();
                let _ = stderr.write_all(shown.as_bytes());
                let _ = stderr.flush();
            }
            _ => {
                let _ = stdout.write_all(shown.as_bytes());
            }
        }
    }
    let _ = stdout.flush();
}

/// Colours a piece line by line (so a colour never runs into the next prompt).
fn paint(kind: Kind, text: &str) -> String {
    text.split_inclusive('\n')
        .map(|line| {
            let (body, newline) = match line.strip_suffix('\n') {
                Some(b) => (b, "\n"),
                None => (line, ""),
            };
            if body.is_empty() {
                return line.to_string();
            }
            let painted = match kind {
                Kind::Out | Kind::Err => body.normal(),
                Kind::Error => body.red(),
                Kind::Own => body.cyan(),
                Kind::Narration => body.magenta(),
                Kind::Board(tone) => match tone {
                    Tone::Note => body.dimmed(),
                    Tone::Image => body.blue().bold(),
                    Tone::Running => body.green(),
                    Tone::Paused => body.yellow(),
                    Tone::ExitedOk => body.bright_black(),
                    Tone::ExitedError => body.red(),
                    Tone::Created => body.blue(),
                },
            };
            format!("{painted}{newline}")
        })
        .collect()
}
