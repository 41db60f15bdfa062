//! A learner's session: the engine, the virtual host, shell variables and terminals. One typed
//! line in, the text a terminal would show out. The REPL and script mode both drive this.

use super::host_filters::{run_host_filter, HOST_FILTERS};
use crate::cli::{self, Attached, Ctx, HostFs, Output, Running};
use crate::engine::event::SIGINT;
use crate::engine::{Engine, PromptShell, Stream};
use crate::lexer::{
    expand_redirect_target, expand_word, expand_words, glob_paths, parse, run_script, Expander,
    Pipeline, RedirectOp, Script,
};
use std::collections::HashMap;
use std::ops::ControlFlow;

/// A shell open inside a container (`docker run -it alpine sh`, `docker exec -it c sh`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContainerShell {
    /// The container's full ID.
    pub container: String,
    /// The shell's directory, variables, `$?` and traps between two lines.
    pub prompt: PromptShell,
    /// Whether this shell is the container's PID 1 (leaving it stops the container).
    pub pid1: bool,
    /// The program (`sh`, `bash`) for the prompt's style.
    pub program: String,
}

/// One terminal window of the session.
#[derive(Clone, Debug, Default)]
pub struct Terminal {
    /// A container that holds this terminal (its output streams here until it exits).
    pub attached: Option<Attached>,
    /// A shell inside a container that reads this terminal's lines.
    pub shell: Option<ContainerShell>,
    /// How much of the attached container's log has been shown, counting entries the log
    /// cap has dropped since ([`Engine::log_offset`]).
    pub shown_logs: usize,
    /// The learner was told that this terminal's container ended while they were elsewhere.
    pub ended_notice_given: bool,
    /// A command in the foreground that still prints (`docker exec`, a line at a container
    /// prompt); what it has shown so far is counted in `running_shown`.
    pub running: Option<Running>,
    /// How many pieces of `running`'s output have been shown.
    pub running_shown: usize,
}

impl Terminal {
    /// A container or a running command holds this terminal and no shell reads its lines
    /// (`docker run nginx`, `docker exec web sleep 30`): typed lines go nowhere, only keys
    /// such as Ctrl-C act.
    pub fn is_held(&self) -> bool {
        self.running.is_some() || (self.attached.is_some() && self.shell.is_none())
    }
}

/// What one line did.
#[derive(Clone, Debug, Default)]
pub struct LineResult {
    /// Everything shown, in order.
    pub output: Output,
    /// The learner asked to leave (`exit` at the host prompt).
    pub exit: bool,
    /// The screen should be cleared.
    pub clear: bool,
}

/// A learner's session.
pub struct Session {
    /// The simulated daemon.
    pub engine: Engine,
    /// The virtual host's files.
    pub host: HostFs,
    vars: HashMap<String, String>,
    last_status: i32,
    terminals: Vec<Terminal>,
    current: usize,
    /// Tables measure ambiguous-width characters as 2 (CJK locale).
    pub cjk: bool,
    /// Answers to questions are echoed (script mode shows them like a terminal would).
    pub echo_answers: bool,
    /// Lines waiting to answer a prompt (script mode feeds the next script line).
    pending_answers: Vec<String>,
    /// Whether standard input is a terminal. Piped input is not: `docker run -it` then fails
    /// with docker's `the input device is not a TTY`.
    pub stdin_tty: bool,
    /// The `docker ...` commands run since the last [`Session::take_docker_calls`].
    docker_calls: Vec<Vec<String>>,
}

const HOST_HELP: &str = "dockersim — 메모리 안에서 흉내 내는 Docker 실습장

  docker ...          Docker 명령 (docker --help 로 전체 목록)
  ls, cat, rm, echo   가상 호스트의 파일 다루기 (docker save 로 만든 tar 등)
  sleep N             N초 기다리기 (컨테이너 시계도 함께 흐릅니다)
  명령 | grep 낱말     앞 명령의 출력 거르기 (grep, wc, head, tail, sort, uniq, tr, cut, sed, xargs …)
  clear               화면 지우기
  help                이 도움말
  exit                dockersim 끝내기

진짜 프로그램은 하나도 실행되지 않습니다. 모든 것은 dockersim 안에서만 일어납니다.
";

/// The most bytes a shell variable's value or a virtual host file may hold (1 MiB, as a
/// typed line): values that double on every command stop here with a message.
pub const MAX_VALUE_BYTES: usize = 1 << 20;

/// The session remembers at most this many `docker` calls nobody has taken
/// ([`Session::take_docker_calls`]); past it the oldest half is forgotten.
pub const MAX_DOCKER_CALLS: usize = 10_000;

/// The refusal of a wait that would carry the virtual clock past 9999-12-31.
pub const CALENDAR_END: &str =
    "dockersim: 그만큼 기다리면 가상 시계가 9999년 12월 31일을 넘어갑니다. dockersim의 달력은 거기서 끝나서 기다리지 않습니다.";

impl Session {
    /// A session over `engine` with an empty virtual host.
    pub fn new(engine: Engine) -> Session {
        let mut vars = HashMap::new();
        vars.insert("HOME".to_string(), cli::host::HOME.to_string());
        vars.insert("USER".to_string(), "learner".to_string());
        vars.insert("SHELL".to_string(), "/bin/bash".to_string());
        Session {
            engine,
            host: HostFs::default(),
            vars,
            last_status: 0,
            terminals: vec![Terminal::default()],
            current: 0,
            cjk: false,
            echo_answers: true,
            pending_answers: Vec::new(),
            stdin_tty: true,
            docker_calls: Vec::new(),
        }
    }

    /// `$?` of the last line.
    pub fn last_status(&self) -> i32 {
        self.last_status
    }

    /// Which terminal is in front (0-based).
    pub fn current_terminal(&self) -> usize {
        self.current
    }

    /// How many terminals are open.
    pub fn terminal_count(&self) -> usize {
        self.terminals.len()
    }

    /// The terminal in front.
    pub fn terminal(&self) -> &Terminal {
        &self.terminals[self.current]
    }

    /// The prompt the terminal in front shows: `$ ` on the host, `/ # ` in a container shell,
    /// and nothing while a container holds it.
    pub fn prompt(&self) -> String {
        let t = self.terminal();
        if let Some(shell) = &t.shell {
            // A shell without a terminal (`docker run -i alpine sh`) prints no prompt.
            if t.attached.as_ref().is_some_and(|a| !a.tty) {
                return String::new();
            }
            if shell.program == "bash" {
                let host = self
                    .engine
                    .state()
                    .container(&shell.container)
                    .map(|c| c.config.hostname.clone())
                    .unwrap_or_default();
                return format!("root@{host}:{}# ", shell.prompt.cwd());
            }
            return format!("{} # ", shell.prompt.cwd());
        }
        if t.attached.is_some() {
            return String::new();
        }
        "$ ".to_string()
    }

    /// The `docker ...` commands (words after `docker`) run since the last call, so the
    /// narrator can say which requests went to the server.
    pub fn take_docker_calls(&mut self) -> Vec<Vec<String>> {
        std::mem::take(&mut self.docker_calls)
    }

    /// Terminals (0-based) other than the one in front whose container has ended since the
    /// learner left them, each reported once (the REPL says so; switching back shows the
    /// output).
    pub fn ended_elsewhere(&mut self) -> Vec<usize> {
        let mut ended = Vec::new();
        for i in 0..self.terminals.len() {
            if i == self.current || self.terminals[i].ended_notice_given {
                continue;
            }
            let Some(att) = self.terminals[i].attached.clone() else {
                continue;
            };
            let running = self
                .engine
                .state()
                .container(&att.container)
                .is_some_and(|c| c.is_running());
            if !running {
                self.terminals[i].ended_notice_given = true;
                ended.push(i);
            }
        }
        ended
    }

    /// One line per open terminal: its number (1-based), whether it is in front, and what
    /// holds it, for the `terminal` builtin.
    pub fn terminal_summary(&self) -> Vec<String> {
        self.terminals
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let front = if i == self.current { "*" } else { " " };
                let what = match (&t.shell, &t.attached) {
                    (Some(sh), _) => format!(
                        "컨테이너 {} 안의 셸 ({})",
                        self.container_label(&sh.container),
                        sh.program
                    ),
                    (None, Some(att)) => {
                        format!(
                            "컨테이너 {} 에 붙어 있음",
                            self.container_label(&att.container)
                        )
                    }
                    (None, None) => "호스트 셸 (비어 있음)".to_string(),
                };
                format!("{front} 터미널 {}: {what}", i + 1)
            })
            .collect()
    }

    fn container_label(&self, id: &str) -> String {
        self.engine
            .state()
            .container(id)
            .or_else(|| self.engine.recently_removed(id))
            .map_or_else(|| id.chars().take(12).collect(), |c| c.name.clone())
    }

    /// Brings terminal `n` (0-based) to the front, opening new ones as needed; returns what
    /// happened there meanwhile (output of an attached container that has since exited).
    pub fn switch_terminal(&mut self, n: usize) -> Output {
        while self.terminals.len() <= n {
            self.terminals.push(Terminal::default());
        }
        self.current = n;
        self.catch_up()
    }

    /// Output an attached container wrote since it was last shown; frees the terminal when
    /// the container has exited.
    pub fn catch_up(&mut self) -> Output {
        if self.terminals[self.current].running.is_some() {
            return self.catch_up_running();
        }
        let mut out = Output::new();
        let Some(att) = self.terminals[self.current].attached.clone() else {
            return out;
        };
        let now = self.engine.now();
        if let Some(rest) = att.wait.clone() {
            return self.catch_up_wait(&att.container, rest);
        }
        let shown = self.terminals[self.current].shown_logs;
        let found = self
            .engine
            .state()
            .container(&att.container)
            .or_else(|| self.engine.recently_removed(&att.container));
        // Positions count every entry the container ever wrote, also those the log cap
        // has dropped since (`Engine::log_offset`).
        let offset = self.engine.log_offset(&att.container);
        let mut total = offset;
        let (running, code) = match found {
            Some(c) => {
                for (i, entry) in c.logs.iter().filter(|l| l.time <= now).enumerate() {
                    total = offset + i + 1;
                    if offset + i < shown {
                        continue;
                    }
                    let text = entry.text.replace("\r\n", "\n");
                    match entry.stream {
                        Stream::Stdout => out.out(text),
                        Stream::Stderr => out.err(text),
                    };
                }
                (c.is_running(), c.state.exit_code)
            }
            None => (false, 0),
        };
        self.terminals[self.current].shown_logs = shown.max(total);
        self.terminals[self.current].ended_notice_given = false;
        if !running && !att.is_exec {
            self.terminals[self.current].attached = None;
            self.terminals[self.current].shell = None;
            self.last_status = code;
            out.code(code);
        }
        out
    }

    /// What the running foreground command printed by now; frees the terminal at its end,
    /// with its status as `$?` (of the container's shell, when the line was typed there).
    fn catch_up_running(&mut self) -> Output {
        let mut out = Output::new();
        let now = self.engine.now();
        let t = &mut self.terminals[self.current];
        let Some(running) = t.running.clone() else {
            return out;
        };
        for chunk in running.output.iter().skip(t.running_shown) {
            let due = chrono::Duration::from_std(chunk.at)
                .ok()
                .and_then(|d| running.started.checked_add_signed(d));
            if due.is_none_or(|due| due > now) {
                break;
            }
            t.running_shown += 1;
            let text = chunk.text.replace("\r\n", "\n");
            match chunk.stream {
                Stream::Stdout => out.out(text),
                Stream::Stderr => out.err(text),
            };
        }
        if now >= running.until {
            self.end_running(running.code);
            out.code(running.code);
        }
        out
    }

    /// A held `docker wait`: nothing shows while its container runs; once it has stopped,
    /// its exit code, and the wait goes on with the containers after it (which may hold the
    /// terminal again).
    fn catch_up_wait(&mut self, container: &str, rest: cli::WaitRest) -> Output {
        let mut out = Output::new();
        let running = self
            .engine
            .state()
            .container(container)
            .is_some_and(|c| c.is_running());
        if running {
            return out;
        }
        let code = self
            .engine
            .state()
            .container(container)
            .or_else(|| self.engine.recently_removed(container))
            .map_or(0, |c| c.state.exit_code);
        out.outln(code.to_string());
        cli::container_info::continue_wait(&mut self.engine, rest.pending, rest.errors, &mut out);
        let t = &mut self.terminals[self.current];
        t.attached = out.attached.take();
        t.ended_notice_given = false;
        if t.attached.is_none() {
            self.last_status = out.exit_code;
        }
        out
    }

    /// The foreground command is over (or cut): the terminal is free, `$?` is `code`.
    fn end_running(&mut self, code: i32) {
        let t = &mut self.terminals[self.current];
        t.running = None;
        t.running_shown = 0;
        match t.shell.as_mut() {
            Some(shell) => shell.prompt.set_status(code),
            None => self.last_status = code,
        }
    }

    /// Queues an answer for the next question a command asks (script mode).
    pub fn push_answer(&mut self, answer: &str) {
        self.pending_answers.push(answer.to_string());
    }

    /// Sends Ctrl-C to the terminal in front: clears nothing on the host, signals an attached
    /// container (docker's signal proxy, or the tty), interrupts a container shell's line.
    pub fn interrupt(&mut self) -> Output {
        let mut out = Output::new();
        let t = self.terminals[self.current].clone();
        if t.running.is_some() {
            // SIGINT ends the foreground command (and, for exec, the client): nothing more
            // of it reaches the terminal.
            out.extend(self.catch_up_running());
            if self.terminals[self.current].running.is_some() {
                self.end_running(130);
                if let Some(shell) = t.shell.as_ref().filter(|s| s.pid1) {
                    self.engine.forget_future_logs(&shell.container);
                    if let Some(c) = self.engine.state().container(&shell.container) {
                        self.terminals[self.current].shown_logs =
                            self.engine.log_offset(&shell.container) + c.logs.len();
                    }
                }
                out.out("^C\n").code(130);
            }
            return out;
        }
        if t.shell.is_some() {
            out.out("^C\n");
            return out;
        }
        let Some(att) = t.attached else {
            out.out("^C\n");
            self.last_status = 130;
            return out;
        };
        out.out("^C");
        if att.is_exec || att.wait.is_some() {
            // The exec'd process is not PID 1: SIGINT's default action ends it, and the
            // container's main process never sees the signal. `docker wait` forwards no
            // signal either: only the client ends.
            let t = &mut self.terminals[self.current];
            t.attached = None;
            t.shell = None;
            self.last_status = 130;
            out.out("\n").code(130);
            return out;
        }
        let _ = self.engine.signal_attached(&att.container, SIGINT);
        let rest = self.catch_up();
        let freed = self.terminals[self.current].attached.is_none();
        // The terminal echoes ^C; what the container prints next starts on a new line.
        if !rest.merged().starts_with('\n') {
            out.out("\n");
        }
        let code = rest.exit_code;
        out.extend(rest);
        if freed {
            out.code(code);
        }
        out
    }

    /// Runs one typed line.
    pub fn run_line(
        &mut self,
        line: &str,
        ask: &mut dyn FnMut(&str) -> Option<String>,
    ) -> LineResult {
        let mut result = LineResult::default();
        let caught = self.catch_up();
        result.output.extend(caught);
        if let Some(shell) = self.terminals[self.current].shell.clone() {
            self.container_shell_line(shell, line, &mut result);
            return result;
        }
        if self.terminals[self.current].attached.is_some() {
            result.output.errln(
                "dockersim: 이 터미널은 실행 중인 컨테이너에 붙어 있습니다. Ctrl-C로 멈추거나 다른 터미널을 여세요 (terminal 2).",
            );
            result.output.code(1);
            return result;
        }
        let script = match parse(line) {
            Ok(s) => s,
            Err(e) => {
                result.output.errln(format!("dockersim: {e}")).code(2);
                self.last_status = 2;
                return result;
            }
        };
        let mut runner = Runner {
            session: self,
            ask,
            out: Output::new(),
            exit: false,
            clear: false,
            depth: 0,
            param_failed: None,
        };
        let status = runner.session.last_status;
        let flow = {
            let mut exec = |p: &Pipeline| runner.pipeline(p);
            run_script(&script, status, &mut exec)
        };
        let code = match flow {
            ControlFlow::Continue(c) | ControlFlow::Break(c) => c,
        };
        let exit = runner.exit;
        let clear = runner.clear;
        let out = std::mem::take(&mut runner.out);
        result.output.extend(out);
        result.output.code(code);
        result.exit = exit;
        result.clear = clear;
        self.last_status = code;
        result
    }

    fn container_shell_line(&mut self, shell: ContainerShell, line: &str, result: &mut LineResult) {
        let mut prompt = shell.prompt.clone();
        match self
            .engine
            .shell_line(&shell.container, line, &mut prompt, shell.pid1)
        {
            Ok(r) => {
                if let Some(until) = r.running_until {
                    // The line goes on printing as time passes; `$?` comes at its end.
                    let t = &mut self.terminals[self.current];
                    if let Some(s) = t.shell.as_mut() {
                        s.prompt = prompt;
                    }
                    t.running = Some(Running {
                        started: r.started,
                        until,
                        output: r.output,
                        code: r.code,
                    });
                    t.running_shown = 0;
                    // The -it shell's own log already holds the line's output.
                    if let Some(c) = self.engine.state().container(&shell.container) {
                        self.terminals[self.current].shown_logs =
                            self.engine.log_offset(&shell.container) + c.logs.len();
                    }
                    let shown = self.catch_up_running();
                    result.output.extend(shown);
                    result.output.code(r.code);
                    return;
                }
                for chunk in r.output {
                    let text = chunk.text.replace("\r\n", "\n");
                    match chunk.stream {
                        Stream::Stdout => result.output.out(text),
                        Stream::Stderr => result.output.err(text),
                    };
                }
                result.output.code(r.code);
                let t = &mut self.terminals[self.current];
                if r.exited {
                    // Leaving a `run -it` shell ends the container (the engine finished it,
                    // and removed it under `--rm`); leaving an exec shell ends only itself.
                    t.shell = None;
                    t.attached = None;
                    self.last_status = r.code;
                } else if let Some(s) = t.shell.as_mut() {
                    s.prompt = prompt;
                }
                if let Some(c) = self.engine.state().container(&shell.container) {
                    self.terminals[self.current].shown_logs =
                        self.engine.log_offset(&shell.container) + c.logs.len();
                }
            }
            Err(e) => {
                // The container died under the shell (stopped from another terminal).
                result.output.daemon_error(&e).code(1);
                let t = &mut self.terminals[self.current];
                t.shell = None;
                t.attached = None;
            }
        }
    }

    /// Lets `seconds` pass (the host's `sleep`, or a script's wait). Returns `false`, and
    /// lets no time pass, when the wait would carry the clock past the end of dockersim's
    /// calendar (9999-12-31, [`crate::engine::containers::HORIZON_SECS`]).
    pub fn sleep(&mut self, seconds: f64) -> bool {
        let now = self.engine.now();
        let millis = (seconds * 1000.0).round();
        if !(millis.is_finite() && millis >= 0.0) {
            return false;
        }
        let wait = std::time::Duration::from_millis(millis as u64);
        let Some(until) = crate::engine::containers::later(now, wait) else {
            return false;
        };
        self.engine
            .wait_until(until, &crate::engine::WaitReason::Sleep);
        true
    }
}

/// `output` with a still-running command's later output added as if it had come at once
/// (for a pipe or a file, which take it all).
fn with_running_output(mut output: Output) -> Output {
    if let Some(running) = output.running.take() {
        for chunk in running.output {
            let text = chunk.text.replace("\r\n", "\n");
            match chunk.stream {
                Stream::Stdout => output.out(text),
                Stream::Stderr => output.err(text),
            };
        }
        output.exit_code = running.code;
    }
    output
}

/// Walks one parsed line: builtins, docker, redirections, `$(...)`.
struct Runner<'s, 'a> {
    session: &'s mut Session,
    ask: &'a mut dyn FnMut(&str) -> Option<String>,
    out: Output,
    exit: bool,
    clear: bool,
    depth: usize,
    /// `${X:?msg}` of an unset `X` failed while expanding the current command.
    param_failed: Option<String>,
}

impl Expander for Runner<'_, '_> {
    fn var(&self, name: &str) -> Option<String> {
        if name == "PWD" {
            return Some(self.session.host.cwd().to_string());
        }
        self.session.vars.get(name).cloned()
    }

    fn last_status(&self) -> i32 {
        self.session.last_status
    }

    /// `${X:=value}` sets a host variable.
    fn assign(&mut self, name: &str, value: &str) {
        if value.len() <= MAX_VALUE_BYTES {
            self.session
                .vars
                .insert(name.to_string(), value.to_string());
        }
    }

    fn param_error(&mut self, message: String) {
        self.param_failed.get_or_insert(message);
    }

    fn glob(&self, pattern: &str) -> Option<Vec<String>> {
        let host = &self.session.host;
        let list = |dir: &str| host.list(dir);
        Some(glob_paths(pattern, host.cwd(), &list))
    }

    fn command_output(&mut self, script: &Script) -> String {
        if self.depth > crate::lexer::MAX_NESTING {
            return String::new();
        }
        let saved = std::mem::take(&mut self.out);
        self.depth += 1;
        let status = self.session.last_status;
        let flow = {
            let mut exec = |p: &Pipeline| self.pipeline(p);
            run_script(script, status, &mut exec)
        };
        self.depth -= 1;
        let (ControlFlow::Continue(c) | ControlFlow::Break(c)) = flow;
        self.session.last_status = c;
        // `exit` inside $(...) ends only the substitution.
        self.exit = false;
        let produced = std::mem::replace(&mut self.out, saved);
        let mut stdout = String::new();
        for (stream, text) in produced.chunks {
            match stream {
                Stream::Stdout => stdout.push_str(&text),
                Stream::Stderr => {
                    self.out.err(text);
                }
            }
        }
        stdout
    }
}

impl Runner<'_, '_> {
    fn pipeline(&mut self, p: &Pipeline) -> ControlFlow<i32, i32> {
        let flow = self.pipeline_status(p);
        // `! cmd`: run_script inverts the status it returns; `$?` must see the same.
        match flow {
            ControlFlow::Continue(code) if p.negated => {
                self.session.last_status = i32::from(code == 0);
                flow
            }
            other => other,
        }
    }

    fn pipeline_status(&mut self, p: &Pipeline) -> ControlFlow<i32, i32> {
        if let Some(c) = &p.compound {
            let what = match c.kind.keyword() {
                "()" => "함수 정의를".to_string(),
                "(" => "( … ) 서브셸을".to_string(),
                "{" => "{ … } 묶음을".to_string(),
                word => format!("{word} 같은 복합 명령을"),
            };
            self.out.errln(format!(
                "dockersim: 호스트 셸에서는 {what} 쓸 수 없습니다. 컨테이너 안의 sh 에서 써 보세요 (docker run -it alpine sh)."
            ));
            return self.status(2);
        }
        if p.background {
            self.out.errln(
                "dockersim: 백그라운드 실행(&)은 지원하지 않습니다. docker run -d 를 써 보세요.",
            );
            return self.status(2);
        }
        if p.commands.len() > 1 {
            return self.pipe(p);
        }
        let Some(cmd) = p.commands.first() else {
            return self.status(0);
        };
        let argv = expand_words(&cmd.words, self);
        if let Some(message) = self.param_failed.take() {
            // An interactive bash prints it and abandons the rest of the line.
            self.out.errln(format!("bash: {message}"));
            self.session.last_status = 1;
            return ControlFlow::Break(1);
        }
        if argv.is_empty() {
            for a in &cmd.assignments {
                let value = expand_word(&a.value, self);
                // `A=$A$A` repeated would double a value until memory runs out.
                if value.len() > MAX_VALUE_BYTES {
                    self.out.errln(format!(
                        "dockersim: 변수 {}의 값이 너무 깁니다 ({}바이트, 최대 {MAX_VALUE_BYTES}바이트). 값을 바꾸지 않았습니다.",
                        a.name,
                        value.len()
                    ));
                    return self.status(1);
                }
                self.session.vars.insert(a.name.clone(), value);
            }
            return self.status(0);
        }
        // Redirections: stdout to a host file, stderr merged or dropped, stdin from a file.
        let mut stdout_file: Option<(String, bool)> = None;
        let mut stderr_file: Option<String> = None;
        let mut stderr_to_stdout = false;
        let mut stdin_file: Option<String> = None;
        for r in &cmd.redirects {
            if r.op == RedirectOp::HereDoc {
                self.out.errln(
                    "dockersim: 호스트 셸에서는 히어 문서(<<)를 쓸 수 없습니다. 컨테이너 안의 sh 에서 써 보세요 (docker run -it alpine sh).",
                );
                return self.status(2);
            }
            let target = match expand_redirect_target(&r.target, self) {
                Ok(t) => t,
                Err(e) => {
                    self.out.errln(format!("dockersim: {e}"));
                    return self.status(1);
                }
            };
            match (r.fd, r.op) {
                (1, RedirectOp::Write) | (1, RedirectOp::Append) => {
                    stdout_file = Some((target, r.op == RedirectOp::Append))
                }
                (2, RedirectOp::Write) => stderr_file = Some(target),
                (2, RedirectOp::DupWrite) if target == "1" => stderr_to_stdout = true,
                (_, RedirectOp::WriteBoth) => {
                    stdout_file = Some((target, false));
                    stderr_to_stdout = true;
                }
                (0, RedirectOp::Read) => stdin_file = Some(target),
                _ => {
                    self.out.errln(format!(
                        "dockersim: 리디렉션 '{}'은(는) 지원하지 않습니다.",
                        r.op.as_str()
                    ));
                    return self.status(1);
                }
            }
        }
        let output = self.command(
            &argv,
            stdout_file.as_ref().map(|(f, _)| f.clone()),
            stdin_file,
        );
        let code = output.exit_code;
        let attached = output.attached.clone();
        if let Some(running) = output.running.clone() {
            if stdout_file.is_none() && stderr_file.is_none() && self.depth == 0 {
                // The command goes on printing on the terminal as time passes.
                let t = &mut self.session.terminals[self.session.current];
                t.running = Some(*running);
                t.running_shown = 0;
                let shown = self.session.catch_up_running();
                self.out.extend(shown);
                return self.status(code);
            }
        }
        let output = with_running_output(output);
        let mut file_text = String::new();
        for (stream, text) in output.chunks {
            let to_stdout = stream == Stream::Stdout || stderr_to_stdout;
            if to_stdout && stdout_file.is_some() {
                file_text.push_str(&text);
            } else if stream == Stream::Stderr && stderr_file.is_some() && !stderr_to_stdout {
                // dropped into the file below
                if let Some(path) = &stderr_file {
                    if path != "/dev/null" {
                        let _ = self.session.host.write(path, cli::HostFile::Text(text));
                    }
                }
            } else if stream == Stream::Stdout {
                self.out.out(text);
            } else {
                self.out.err(text);
            }
        }
        if let Some((path, append)) = stdout_file {
            let is_archive = matches!(
                self.session.host.read(&path),
                Some(cli::HostFile::Archive(_))
            );
            let written_by_save = argv.first().map(String::as_str) == Some("docker")
                && is_archive
                && file_text.is_empty();
            if path != "/dev/null" && !written_by_save {
                let mut content = match (append, self.session.host.read(&path)) {
                    (true, Some(cli::HostFile::Text(old))) => old.clone(),
                    _ => String::new(),
                };
                // `cat f >> f` repeated would double a file until memory runs out.
                if content.len() + file_text.len() > MAX_VALUE_BYTES {
                    self.out.errln(format!("bash: {path}: File too large"));
                    self.out.errln(format!(
                        "dockersim: 가상 호스트의 파일은 최대 {MAX_VALUE_BYTES}바이트까지만 담을 수 있습니다. {path}은(는) 바꾸지 않았습니다."
                    ));
                    return self.status(1);
                }
                content.push_str(&file_text);
                if let Err(dir) = self.session.host.write(&path, cli::HostFile::Text(content)) {
                    self.out.errln(format!(
                        "bash: {path}: No such file or directory (폴더 {dir} 없음)"
                    ));
                    return self.status(1);
                }
            }
        }
        if let Some(att) = attached {
            self.attach(att);
        }
        if self.exit {
            return ControlFlow::Break(code);
        }
        self.status(code)
    }

    fn status(&mut self, code: i32) -> ControlFlow<i32, i32> {
        self.session.last_status = code;
        ControlFlow::Continue(code)
    }

    /// `a | b | c` on the host: the first command (docker or a builtin) runs, and each next
    /// one reads what the one before printed: a text filter ([`HOST_FILTERS`]), or `xargs`
    /// running a command with the words it read (`docker ps -aq | xargs docker rm`). Standard
    /// error goes to the terminal unless `2>&1` sends it down the pipe; the status is the
    /// last command's.
    fn pipe(&mut self, p: &Pipeline) -> ControlFlow<i32, i32> {
        let mut input = String::new();
        let mut code = 0;
        let last = p.commands.len() - 1;
        for (i, cmd) in p.commands.iter().enumerate() {
            let argv = expand_words(&cmd.words, self);
            let mut merge_stderr = false;
            for r in &cmd.redirects {
                match (r.fd, r.op, expand_redirect_target(&r.target, self)) {
                    (2, RedirectOp::DupWrite, Ok(t)) if t == "1" => merge_stderr = true,
                    _ => {
                        self.out.errln(format!(
                            "dockersim: 호스트 파이프 안에서는 리디렉션 '{}'을(를) 지원하지 않습니다 (2>&1 만 됩니다).",
                            r.op.as_str()
                        ));
                        return self.status(2);
                    }
                }
            }
            if !cmd.assignments.is_empty() && argv.is_empty() {
                // `a=1 | …` sets nothing outside its subshell.
                input.clear();
                code = 0;
                continue;
            }
            let Some(name) = argv.first().map(String::as_str) else {
                continue;
            };
            let (stdout, stderr, status) = if i > 0 && HOST_FILTERS.contains(&name) {
                let now = self.session.engine.now();
                let f = run_host_filter(&argv, &input, &self.session.host, now);
                (f.stdout, f.stderr, f.code)
            } else if i > 0 && name == "xargs" {
                let mut command: Vec<String> = argv[1..].to_vec();
                if command.first().is_some_and(|a| a.starts_with('-')) {
                    self.out.errln(
                        "dockersim: 호스트의 xargs 는 옵션 없이 'xargs 명령 …' 꼴만 흉내 냅니다.",
                    );
                    return self.status(2);
                }
                if command.is_empty() {
                    command.push("echo".to_string());
                }
                command.extend(input.split_whitespace().map(str::to_string));
                let (stdout, stderr, code) = self.piped_command(&command);
                // GNU xargs: 123 when the command failed with 1–125, 124 when it gave 255.
                let code = match code {
                    1..=125 => 123,
                    255 => 124,
                    other => other,
                };
                (stdout, stderr, code)
            } else if i > 0 {
                self.out.errln(format!(
                    "dockersim: 호스트 파이프의 오른쪽에는 {}, xargs 만 쓸 수 있습니다: {name}",
                    HOST_FILTERS.join(", ")
                ));
                return self.status(127);
            } else {
                self.piped_command(&argv)
            };
            if merge_stderr {
                input = format!("{stderr}{stdout}");
            } else {
                if !stderr.is_empty() {
                    self.out.err(stderr);
                }
                input = stdout;
            }
            code = status;
            if self.exit {
                break;
            }
            if i == last && !input.is_empty() {
                self.out.out(std::mem::take(&mut input));
            }
        }
        self.status(code)
    }

    /// Runs one command of a host pipe; gives what it printed on each stream and its status.
    fn piped_command(&mut self, argv: &[String]) -> (String, String, i32) {
        // What a slow exec prints later is read by the pipe all the same.
        let output = with_running_output(self.command(argv, None, None));
        if let Some(att) = output.attached.clone() {
            // A container that keeps running holds the terminal; what it prints later
            // streams to the terminal, not down the pipe.
            self.attach(att);
        }
        let mut stdout = String::new();
        let mut stderr = String::new();
        for (stream, text) in output.chunks {
            match stream {
                Stream::Stdout => stdout.push_str(&text),
                Stream::Stderr => stderr.push_str(&text),
            }
        }
        (stdout, stderr, output.exit_code)
    }

    /// A container now holds the terminal; a shell inside it reads the next lines.
    fn attach(&mut self, att: Attached) {
        let session = &mut *self.session;
        // The client showed the output up to now; lines due later stream as time passes.
        let now = session.engine.now();
        let logs_len = session.engine.log_offset(&att.container)
            + session
                .engine
                .state()
                .container(&att.container)
                .map_or(0, |c| c.logs.iter().filter(|l| l.time <= now).count());
        let container = session.engine.state().container(&att.container);
        let program = container
            .and_then(|c| c.program.clone())
            .unwrap_or_else(|| "sh".to_string());
        // `$0` of the `-it` shell is its path as started (`/bin/sh` for alpine's default
        // command); `docker exec -it c sh` names it `sh`.
        let arg0 = container
            .filter(|_| !att.is_exec)
            .map_or_else(|| "sh".to_string(), |c| c.path.clone());
        let t = &mut session.terminals[session.current];
        if att.shell {
            let cwd = session
                .engine
                .state()
                .container(&att.container)
                .map(|c| c.config.working_dir.clone())
                .filter(|w| !w.is_empty())
                .unwrap_or_else(|| "/".to_string());
            t.shell = Some(ContainerShell {
                container: att.container.clone(),
                prompt: PromptShell::new(&cwd, &arg0, !att.is_exec),
                pid1: !att.is_exec,
                program: if att.is_exec {
                    "sh".to_string()
                } else {
                    program
                },
            });
        }
        t.shown_logs = logs_len;
        t.ended_notice_given = false;
        t.attached = Some(att);
    }

    fn command(
        &mut self,
        argv: &[String],
        stdout_redirect: Option<String>,
        stdin_redirect: Option<String>,
    ) -> Output {
        let name = argv[0].as_str();
        let args = &argv[1..];
        let mut out = Output::new();
        match name {
            "docker" => {
                let calls = &mut self.session.docker_calls;
                // Nobody may ever take them (a library user): the oldest half goes first.
                if calls.len() >= MAX_DOCKER_CALLS {
                    calls.drain(..MAX_DOCKER_CALLS / 2);
                }
                calls.push(args.to_vec());
                let pending = &mut self.session.pending_answers;
                let ask = &mut self.ask;
                let mut answer = |prompt: &str| {
                    if !pending.is_empty() {
                        Some(pending.remove(0))
                    } else {
                        ask(prompt)
                    }
                };
                let mut ctx = Ctx {
                    host: &mut self.session.host,
                    ask: &mut answer,
                    stdin_tty: self.session.stdin_tty,
                    echo_answers: self.session.echo_answers,
                    cjk: self.session.cjk,
                    stdout_redirect,
                    stdin_redirect,
                };
                return cli::run_docker(&mut self.session.engine, &mut ctx, args);
            }
            "echo" => {
                let (newline, words) = match args.first().map(String::as_str) {
                    Some("-n") => (false, &args[1..]),
                    _ => (true, args),
                };
                out.out(words.join(" "));
                if newline {
                    out.out("\n");
                }
            }
            "ls" => {
                let targets: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
                let long = args.iter().any(|a| a.starts_with('-') && a.contains('l'));
                let targets = if targets.is_empty() { vec![] } else { targets };
                let list_one = |out: &mut Output, host: &HostFs, path: &str| -> bool {
                    if let Some(f) = host.read(path) {
                        if long {
                            out.outln(format!(
                                "-rw------- 1 learner learner {:>9} Jan  1 00:00 {path}",
                                f.size()
                            ));
                        } else {
                            out.outln(path);
                        }
                        return true;
                    }
                    match host.list(path) {
                        Some(names) => {
                            for n in names {
                                if long {
                                    let full = format!("{}/{n}", host.absolute(path));
                                    let size = host.read(&full).map_or(4096, |f| f.size());
                                    let kind = if host.is_dir(&full) {
                                        "drwxr-xr-x"
                                    } else {
                                        "-rw-------"
                                    };
                                    out.outln(format!(
                                        "{kind} 1 learner learner {size:>9} Jan  1 00:00 {n}"
                                    ));
                                } else {
                                    out.outln(n);
                                }
                            }
                            true
                        }
                        None => false,
                    }
                };
                if targets.is_empty() {
                    list_one(&mut out, &self.session.host, ".");
                } else {
                    for t in targets {
                        if !list_one(&mut out, &self.session.host, t) {
                            out.errln(format!(
                                "ls: cannot access '{t}': No such file or directory"
                            ));
                            out.code(2);
                        }
                    }
                }
            }
            "cat" => {
                for path in args {
                    match self.session.host.read(path) {
                        Some(cli::HostFile::Text(t)) => {
                            out.out(t.clone());
                        }
                        Some(cli::HostFile::Archive(a)) => {
                            out.outln(format!(
                                "dockersim: {path}은(는) 이미지 압축 파일(tar)입니다. 이미지 {}개가 들어 있습니다: {}",
                                a.images.len(),
                                a.images
                                    .iter()
                                    .flat_map(|i| i.tags.iter().map(|t| t.familiar()))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ));
                        }
                        None if self.session.host.is_dir(path) => {
                            out.errln(format!("cat: {path}: Is a directory")).code(1);
                        }
                        None => {
                            out.errln(format!("cat: {path}: No such file or directory"))
                                .code(1);
                        }
                    }
                }
            }
            "rm" => {
                let force = args.iter().any(|a| a.starts_with('-') && a.contains('f'));
                for path in args.iter().filter(|a| !a.starts_with('-')) {
                    if !self.session.host.remove(path) && !force {
                        out.errln(format!(
                            "rm: cannot remove '{path}': No such file or directory"
                        ))
                        .code(1);
                    }
                }
            }
            "sleep" => match args.first().map(|a| crate::engine::program::parse_sleep(a)) {
                Some(Some(Some(d))) => {
                    if !self.session.sleep(d.as_secs_f64()) {
                        out.errln(CALENDAR_END).code(1);
                    }
                }
                Some(Some(None)) if matches!(args[0].as_str(), "infinity" | "inf") => {
                    out.errln("dockersim: 끝없이 기다릴 수는 없습니다. 숫자(초)를 주세요.")
                        .code(1);
                }
                Some(Some(None)) => {
                    out.errln(format!(
                        "dockersim: sleep {}: dockersim이 기다릴 수 있는 가장 긴 시간(100년, {}초)보다 깁니다. 더 짧게 주세요.",
                        args[0],
                        crate::engine::program::MAX_SLEEP.as_secs()
                    ))
                    .code(1);
                }
                Some(None) => {
                    out.errln(format!("sleep: invalid time interval '{}'", args[0]))
                        .code(1);
                }
                None => {
                    out.errln("sleep: missing operand").code(1);
                }
            },
            "pwd" => {
                out.outln(self.session.host.cwd());
            }
            "true" => {}
            "false" => {
                out.code(1);
            }
            "clear" => self.clear = true,
            "help" => {
                out.out(HOST_HELP);
            }
            "exit" => {
                self.exit = true;
                let code = args
                    .first()
                    .and_then(|a| a.parse::<i64>().ok())
                    .map_or(self.session.last_status, |c| (c & 0xff) as i32);
                out.code(code);
            }
            other => {
                out.errln(format!(
                    "dockersim: {other}: 명령을 찾을 수 없습니다. 이곳에서는 docker 명령과 ls, cat, rm, echo, sleep, clear, help, exit 만 쓸 수 있습니다."
                ))
                .code(127);
            }
        }
        out
    }
}
