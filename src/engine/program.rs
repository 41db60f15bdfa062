//! Simulated programs inside containers: what each prints, how long it runs, how it takes signals.
//!
//! Programs are looked up by the name the image's file tree gives an executable
//! ([`Node::Program`]). Nothing here runs on the host.

use super::event::{signal_name, SignalNumber, SIGINT, SIGKILL, SIGTERM};
use super::filters::{self, Feed};
use super::fs::{normalize, Node, Overlay};
use chrono::{DateTime, Utc};
use std::sync::Arc;
use std::time::Duration;

/// The container shell's limits (its module is private to the engine).
pub use super::minishell::{MAX_OUTPUT_BYTES, MAX_OUTPUT_CHUNKS, MAX_STEPS, MAX_VALUE_BYTES};

/// Which stream a piece of output went to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stream {
    /// Standard output.
    Stdout,
    /// Standard error.
    Stderr,
}

/// Output a process writes, `at` after it started.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunk {
    /// Offset from the process start.
    pub at: Duration,
    /// Where it went.
    pub stream: Stream,
    /// The text (lines end with `\n`; a tty turns them into `\r\n` later).
    pub text: String,
}

/// How long a process lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lifetime {
    /// It exits by itself with `code`, `after` its start.
    Exits {
        /// Exit status.
        code: i32,
        /// Run time.
        after: Duration,
    },
    /// It runs until a signal ends it (a server, a shell waiting on its input).
    Forever,
}

/// What starting a program produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spawned {
    /// The program's name in the registry (for its signal behaviour). A shell that ran its
    /// last command in its own place (`exec`, or ash's `sh -c '…; cmd'`) gives that command's
    /// program, which is what the container's PID 1 then is.
    pub program: String,
    /// Output over its life (until its natural end, if any).
    pub output: Vec<Chunk>,
    /// How long it lives.
    pub lifetime: Lifetime,
    /// For a shell: how it answers signals (its `trap`s), until it is replaced by `program`.
    /// Pass it to [`react_with`]; `None` for every other program.
    pub handlers: Option<Arc<Handlers>>,
    /// The signal that ended it, when it dies of one by itself (`sh -c 'kill -9 $$'`); the
    /// shell that started it then prints `Killed`.
    pub killed_by: Option<SignalNumber>,
    /// Signals the program sent to the container's PID 1 from inside (it is not PID 1).
    pub pid1_signals: Vec<SignalNumber>,
}

/// How a shell running as a process answers signals: its `trap` handlers, already run once
/// (on a scratch copy of the shell when it started) to know what they print and whether they
/// exit, and when the shell is busy with a foreground command, since a shell runs a handler
/// only between commands (`trap 'exit 0' TERM; while true; do sleep 10; done` takes up to
/// 10 s to stop).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Handlers {
    /// When the shell started.
    pub started: DateTime<Utc>,
    /// The handlers set with `trap`, by signal.
    pub traps: Vec<Trap>,
    /// What SIGINT does without a trap: BusyBox ash started with `-c` catches it and exits
    /// with 130 (running its EXIT trap first); `None` when it has the default action.
    pub on_sigint: Option<TrapRun>,
    /// When the shell waits for a foreground command.
    pub busy: Busy,
    /// From this offset on the shell is gone, replaced by [`Spawned::program`] (`exec`).
    pub replaced_at: Option<Duration>,
    /// A terminal is attached: Ctrl-C reaches the foreground command as well, so SIGINT does
    /// not wait for it to end.
    pub tty: bool,
}

/// One `trap` of a shell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trap {
    /// The signal it catches.
    pub signal: SignalNumber,
    /// When the shell set it (a signal before that finds no handler).
    pub since: Duration,
    /// What happens.
    pub action: TrapAction,
}

/// What a trapped signal does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TrapAction {
    /// `trap '' SIG`: the signal is ignored.
    Ignore,
    /// `trap 'CMD' SIG`: the handler runs.
    Run(TrapRun),
}

/// The outcome of running a handler.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrapRun {
    /// What it prints, at offsets from its start.
    pub output: Vec<Chunk>,
    /// How long it takes; `None` if it never returns.
    pub takes: Option<Duration>,
    /// The status the shell exits with, if the handler ends it (`exit 0`).
    pub exit: Option<i32>,
}

/// When a shell is busy with foreground commands: intervals in order (stored as runs of equal
/// intervals at a steady pace, so a `while true; do sleep 1; done` costs one entry), capped in
/// number, plus the pattern that repeats forever once the shell's simulation stopped in a loop.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Busy {
    runs: Vec<BusyRun>,
    /// Intervals from here on were not recorded (the cap was reached).
    lost_from: Option<Duration>,
    cycle: Option<BusyCycle>,
    /// From here on the shell waits for a command that never ends.
    forever_from: Option<Duration>,
}

/// `count` intervals of length `len`, the first at `start`, each `every` after the previous.
#[derive(Clone, Debug, PartialEq, Eq)]
struct BusyRun {
    start: Duration,
    len: Duration,
    every: Duration,
    count: u64,
}

/// From `from` on, every `period`, the shell is busy during `busy` (offsets in the period).
#[derive(Clone, Debug, PartialEq, Eq)]
struct BusyCycle {
    from: Duration,
    period: Duration,
    busy: Vec<(Duration, Duration)>,
}

/// How many runs a [`Busy`] keeps.
const BUSY_MAX_RUNS: usize = 256;

impl Busy {
    /// Records that the shell waits for a foreground command from `start` to `end`.
    pub fn record(&mut self, start: Duration, end: Duration) {
        if end <= start || self.lost_from.is_some() {
            return;
        }
        let len = end - start;
        if let Some(last) = self.runs.last_mut() {
            if last.len == len {
                let last_start = last.start.saturating_add(
                    last.every
                        .saturating_mul(last.count.saturating_sub(1) as u32),
                );
                let gap = start.saturating_sub(last_start);
                if last.count == 1 && start >= last_start.saturating_add(len) {
                    last.every = gap;
                    last.count = 2;
                    return;
                }
                if last.count > 1 && gap == last.every && last.count < u64::from(u32::MAX) {
                    last.count += 1;
                    return;
                }
            }
        }
        if self.runs.len() >= BUSY_MAX_RUNS {
            self.lost_from = Some(start);
            return;
        }
        self.runs.push(BusyRun {
            start,
            len,
            every: len,
            count: 1,
        });
    }

    /// Records that from `start` the shell waits for a command that never ends.
    pub fn forever_from(&mut self, start: Duration) {
        if self.forever_from.is_none() {
            self.forever_from = Some(start);
        }
    }

    /// Records the pattern that repeats from `from` on: every `period`, busy during `busy`.
    pub fn repeat(&mut self, from: Duration, period: Duration, busy: Vec<(Duration, Duration)>) {
        self.cycle = Some(BusyCycle { from, period, busy });
    }

    /// The earliest moment at or after `t` when the shell is between commands and can run a
    /// handler; `None` if it never is.
    pub fn free_at(&self, t: Duration) -> Option<Duration> {
        let free = match &self.cycle {
            Some(cycle) if t >= cycle.from => {
                if cycle.period.is_zero() {
                    t
                } else {
                    let phase = Duration::from_nanos(
                        ((t - cycle.from).as_nanos() % cycle.period.as_nanos()) as u64,
                    );
                    cycle
                        .busy
                        .iter()
                        .find(|(s, e)| *s <= phase && phase < *e)
                        .map_or(t, |(_, e)| t.saturating_add(*e - phase))
                }
            }
            _ => self.recorded_free_at(t),
        };
        match self.forever_from {
            Some(f) if free > f || t >= f => None,
            _ => Some(free),
        }
    }

    fn recorded_free_at(&self, t: Duration) -> Duration {
        if self.lost_from.is_some_and(|lost| t >= lost) {
            return t;
        }
        for run in &self.runs {
            if t < run.start {
                break;
            }
            let k = if run.every.is_zero() {
                0
            } else {
                ((t - run.start).as_nanos() / run.every.as_nanos()) as u64
            };
            let k = k.min(run.count.saturating_sub(1));
            let s = run
                .start
                .saturating_add(run.every.saturating_mul(k.min(u64::from(u32::MAX)) as u32));
            let e = s.saturating_add(run.len);
            if s <= t && t < e {
                return e;
            }
        }
        t
    }
}

/// Why an executable could not be started; `Display` gives runc's wording of the cause.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExecError {
    /// A bare name that no `$PATH` directory holds.
    NotInPath(String),
    /// A path that does not exist.
    NoSuchFile(String),
    /// A path that exists but is not executable.
    PermissionDenied(String),
}

impl std::fmt::Display for ExecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExecError::NotInPath(name) => {
                write!(f, "exec: \"{name}\": executable file not found in $PATH")
            }
            ExecError::NoSuchFile(path) => {
                write!(
                    f,
                    "exec: \"{path}\": stat {path}: no such file or directory"
                )
            }
            ExecError::PermissionDenied(path) => write!(f, "exec: \"{path}\": permission denied"),
        }
    }
}

impl ExecError {
    /// The exit code docker gives this failure: 127 not found, 126 cannot execute.
    pub fn exit_code(&self) -> i32 {
        match self {
            ExecError::PermissionDenied(_) => 126,
            _ => 127,
        }
    }
}

/// How a running program answers a signal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reaction {
    /// The signal has no effect (PID 1 without a handler, or a harmless signal).
    Ignored,
    /// The program handles it and keeps running (e.g. nginx reloads on SIGHUP).
    Handled {
        /// What it prints.
        output: Vec<Chunk>,
    },
    /// The program ends with `code`, `after` the signal.
    Exits {
        /// Exit status.
        code: i32,
        /// Time it takes to shut down.
        after: Duration,
        /// What it prints while shutting down.
        output: Vec<Chunk>,
    },
}

/// Everything a program sees when it starts.
pub struct ProcessEnv<'a> {
    /// argv, `argv[0]` as given.
    pub argv: &'a [String],
    /// `KEY=VALUE` environment.
    pub env: &'a [String],
    /// The container's hostname.
    pub hostname: &'a str,
    /// Working directory.
    pub cwd: &'a str,
    /// The container's file system.
    pub fs: &'a mut Overlay,
    /// A terminal is attached (`-t`).
    pub tty: bool,
    /// Standard input is kept open (`-i`).
    pub stdin_open: bool,
    /// The process is the container's PID 1.
    pub pid1: bool,
    /// Start time (for log lines that carry a date).
    pub now: DateTime<Utc>,
    /// The command line of PID 1, for `ps`.
    pub pid1_command: &'a str,
    /// Standard input from a pipe; `None` for the terminal (`-i`, which sends nothing here)
    /// or nothing at all (end of file at once).
    pub stdin: Option<&'a mut Feed>,
}

impl ProcessEnv<'_> {
    /// The environment of a program this one starts in its place or as a child: same
    /// container, same terminal and time, other argv (and, for a child, not PID 1).
    pub fn child<'b>(&'b mut self, argv: &'b [String], pid1: bool) -> ProcessEnv<'b> {
        ProcessEnv {
            argv,
            env: self.env,
            hostname: self.hostname,
            cwd: self.cwd,
            fs: self.fs,
            tty: self.tty,
            stdin_open: self.stdin_open,
            pid1,
            now: self.now,
            pid1_command: self.pid1_command,
            stdin: self.stdin.as_deref_mut(),
        }
    }

    fn var(&self, name: &str) -> Option<&str> {
        self.env.iter().rev().find_map(|kv| {
            kv.split_once('=')
                .filter(|(k, _)| *k == name)
                .map(|(_, v)| v)
        })
    }
}

const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// Finds the executable for `argv0` as runc does: a name with `/` is a path, otherwise each
/// `$PATH` directory is searched. Returns the absolute path and the program's name.
pub fn resolve(
    fs: &Overlay,
    env: &[String],
    cwd: &str,
    argv0: &str,
) -> Result<(String, String), ExecError> {
    if argv0.contains('/') {
        let path = normalize(cwd, argv0);
        return match fs.get(&path) {
            Some(Node::Program(name)) => Ok((path, name)),
            Some(_) => Err(ExecError::PermissionDenied(argv0.to_string())),
            None => Err(ExecError::NoSuchFile(argv0.to_string())),
        };
    }
    if argv0.is_empty() {
        return Err(ExecError::NotInPath(String::new()));
    }
    let path_var = env
        .iter()
        .rev()
        .find_map(|kv| kv.strip_prefix("PATH="))
        .unwrap_or(DEFAULT_PATH);
    for dir in path_var.split(':').filter(|d| !d.is_empty()) {
        let candidate = normalize(dir, argv0);
        if let Some(Node::Program(name)) = fs.get(&candidate) {
            return Ok((candidate, name));
        }
    }
    Err(ExecError::NotInPath(argv0.to_string()))
}

fn out(text: impl Into<String>) -> Chunk {
    Chunk {
        at: Duration::ZERO,
        stream: Stream::Stdout,
        text: text.into(),
    }
}

fn err(text: impl Into<String>) -> Chunk {
    Chunk {
        at: Duration::ZERO,
        stream: Stream::Stderr,
        text: text.into(),
    }
}

fn exits(program: &str, output: Vec<Chunk>, code: i32) -> Spawned {
    Spawned {
        program: program.to_string(),
        output,
        lifetime: Lifetime::Exits {
            code,
            after: Duration::ZERO,
        },
        handlers: None,
        killed_by: None,
        pid1_signals: Vec::new(),
    }
}

fn forever(program: &str, output: Vec<Chunk>) -> Spawned {
    Spawned {
        program: program.to_string(),
        output,
        lifetime: Lifetime::Forever,
        handlers: None,
        killed_by: None,
        pid1_signals: Vec::new(),
    }
}

/// The text `/hello` prints (hello-world's binary).
pub const HELLO_TEXT: &str = "\nHello from Docker!\nThis message shows that your installation appears to be working correctly.\n\nTo generate this message, Docker took the following steps:\n 1. The Docker client contacted the Docker daemon.\n 2. The Docker daemon pulled the \"hello-world\" image from the Docker Hub.\n    (amd64)\n 3. The Docker daemon created a new container from that image which runs the\n    executable that produces the output you are currently reading.\n 4. The Docker daemon streamed that output to the Docker client, which sent it\n    to your terminal.\n\nTo try something more ambitious, you can run an Ubuntu container with:\n $ docker run -it ubuntu bash\n\nShare images, automate workflows, and more with a free Docker ID:\n https://hub.docker.com/\n\nFor more examples and ideas, visit:\n https://docs.docker.com/get-started/\n\n";

/// Starts `argv` inside a container: resolves the executable and runs its simulation.
pub fn spawn(env: &mut ProcessEnv<'_>) -> Result<Spawned, ExecError> {
    let argv0 = env.argv.first().cloned().unwrap_or_default();
    let (_path, program) = resolve(env.fs, env.env, env.cwd, &argv0)?;
    Ok(run_program(&program, env))
}

/// Runs the program called `program` (already resolved) with `env.argv`.
pub fn run_program(program: &str, env: &mut ProcessEnv<'_>) -> Spawned {
    let args: Vec<String> = env.argv.iter().skip(1).cloned().collect();
    match program {
        "hello" => exits(program, vec![out(HELLO_TEXT)], 0),
        "true" | ":" => exits(program, vec![], 0),
        "false" => exits(program, vec![], 1),
        "echo" => exits(program, vec![out(echo(&args))], 0),
        "pwd" => exits(program, vec![out(format!("{}\n", env.cwd))], 0),
        "hostname" => exits(program, vec![out(format!("{}\n", env.hostname))], 0),
        "whoami" => exits(program, vec![out("root\n")], 0),
        "id" => exits(
            program,
            vec![out("uid=0(root) gid=0(root) groups=0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)\n")],
            0,
        ),
        "uname" => uname(program, env, &args),
        "date" => exits(
            program,
            vec![out(format!("{}\n", env.now.format("%a %b %e %H:%M:%S UTC %Y")))],
            0,
        ),
        "env" | "printenv" => {
            if program == "printenv" && !args.is_empty() {
                let mut text = String::new();
                let mut code = 0;
                for name in &args {
                    match env.var(name) {
                        Some(v) => text.push_str(&format!("{v}\n")),
                        None => code = 1,
                    }
                }
                return exits(program, vec![out(text)], code);
            }
            let text: String = env.env.iter().map(|kv| format!("{kv}\n")).collect();
            exits(program, vec![out(text)], 0)
        }
        "sleep" => sleep(program, &args),
        "printf" => {
            let (text, errors, code) = printf(&args);
            let mut output = vec![out(text)];
            output.extend(errors.iter().map(|e| err(format!("printf: {e}\n"))));
            exits(program, output, code)
        }
        "test" => test_program(program, env, &args, None),
        "[" => test_program(program, env, &args, Some("]")),
        "[[" => test_program(program, env, &args, Some("]]")),
        "seq" => seq(program, &args),
        "expr" => expr(program, &args),
        "kill" => kill_program(program, &args),
        "yes" => yes(program, &args),
        "ls" => ls(program, env, &args),
        "cat" => filters::cat(program, env, &args),
        "grep" | "egrep" | "fgrep" => filters::grep(program, env, &args),
        "wc" => filters::wc(program, env, &args),
        "head" => filters::head(program, env, &args),
        "tail" => filters::tail(program, env, &args),
        "sort" => filters::sort(program, env, &args),
        "uniq" => filters::uniq(program, env, &args),
        "tr" => filters::tr(program, env, &args),
        "cut" => filters::cut(program, env, &args),
        "tee" => filters::tee(program, env, &args),
        "xargs" => filters::xargs(program, env, &args),
        "sed" => filters::sed(program, env, &args),
        "nl" => filters::nl(program, env, &args),
        "rev" => filters::rev(program, env, &args),
        "touch" => touch(program, env, &args),
        "mkdir" => mkdir(program, env, &args),
        "rm" => rm(program, env, &args),
        "ps" => exits(
            program,
            vec![out(format!(
                "PID   USER     TIME  COMMAND\n    1 root      0:00 {}\n{:>5} root      0:00 {}\n",
                env.pid1_command,
                if env.pid1 { 1 } else { 7 },
                env.argv.join(" ")
            ))],
            0,
        ),
        "top" => forever(
            program,
            vec![out(format!(
                "Mem: 1802340K used, 6121432K free, 1224K shrd, 98176K buff, 1030860K cached\nCPU:   0% usr   0% sys   0% nic 100% idle   0% io   0% irq   0% sirq\nLoad average: 0.00 0.01 0.00 2/301 7\n  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND\n    1     0 root     R     1628   0%   0   0% {}\n",
                env.argv.join(" ")
            ))],
        ),
        "sh" | "ash" | "bash" | "busybox-sh" => shell(program, env, &args),
        "busybox" => {
            if let Some(applet) = args.first().cloned() {
                let pid1 = env.pid1;
                return run_program(&applet, &mut env.child(&args, pid1));
            }
            exits(program, vec![out("BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.\nBusyBox is copyrighted by many authors between 1998-2015.\nLicensed under GPLv2. See source distribution for detailed\ncopyright notices.\n\nUsage: busybox [function [arguments]...]\n   or: busybox --list[-full]\n   or: busybox --show SCRIPT\n   or: busybox --install [-s] [DIR]\n   or: function [arguments]...\n")], 0)
        }
        "docker-entrypoint-nginx" => nginx_entrypoint(env, &args),
        "nginx" => nginx(env, &args, false),
        "docker-entrypoint-redis" => redis_entrypoint(env, &args),
        "redis-server" => redis_server(env),
        "redis-cli" => exits(
            program,
            vec![err("Could not connect to Redis at 127.0.0.1:6379: Connection refused\n")],
            1,
        ),
        "httpd-foreground" | "httpd" => httpd(env),
        "python3" | "python" => python(env, &args),
        "pip" => exits(program, vec![out("pip 25.0.1 from /usr/local/lib/python3.13/site-packages/pip (python 3.13)\n")], 0),
        other => exits(
            other,
            vec![err(format!("{other}: 이 프로그램은 dockersim에서 흉내 내지 않습니다\n"))],
            126,
        ),
    }
}

/// The kernel every container shares (the host's): Ubuntu 24.04's.
const KERNEL_RELEASE: &str = "6.8.0-51-generic";

/// `uname [-asnrvmo]`: the fields in uname's fixed order; `-a` as before (no build date).
fn uname(program: &str, env: &ProcessEnv<'_>, args: &[String]) -> Spawned {
    if args.iter().any(|a| a == "-a" || a == "--all") {
        return exits(
            program,
            vec![out(format!(
                "Linux {} {KERNEL_RELEASE} #52-Ubuntu SMP PREEMPT_DYNAMIC x86_64 Linux\n",
                env.hostname
            ))],
            0,
        );
    }
    let flags: String = args
        .iter()
        .filter_map(|a| a.strip_prefix('-'))
        .flat_map(str::chars)
        .collect();
    let fields: [(char, &str); 6] = [
        ('s', "Linux"),
        ('n', env.hostname),
        ('r', KERNEL_RELEASE),
        ('v', "#52-Ubuntu SMP PREEMPT_DYNAMIC"),
        ('m', "x86_64"),
        ('o', "Linux"),
    ];
    let mut shown: Vec<&str> = fields
        .iter()
        .filter(|(f, _)| flags.contains(*f))
        .map(|(_, v)| *v)
        .collect();
    if shown.is_empty() {
        shown.push("Linux");
    }
    exits(program, vec![out(format!("{}\n", shown.join(" ")))], 0)
}

/// BusyBox `echo [-neE] [WORD...]`: leading arguments made only of `n`, `e` and `E` after a
/// `-` are options; `-e` turns on backslash escapes (`\c` ends all output).
pub fn echo(args: &[String]) -> String {
    let mut newline = true;
    let mut escapes = false;
    let mut words = args;
    while let Some(flags) = words
        .first()
        .and_then(|a| a.strip_prefix('-'))
        .filter(|f| !f.is_empty() && f.chars().all(|c| matches!(c, 'n' | 'e' | 'E')))
    {
        for c in flags.chars() {
            match c {
                'n' => newline = false,
                'e' => escapes = true,
                _ => escapes = false,
            }
        }
        words = &words[1..];
    }
    let mut text = words.join(" ");
    if escapes {
        let (decoded, stop) = unescape(&text, true);
        text = decoded;
        if stop {
            return text;
        }
    }
    if newline {
        text.push('\n');
    }
    text
}

/// Backslash escapes of `echo -e`, `printf`'s format and `%b`: `\n`, `\t`, `\\`, `\0NNN` or
/// `\NNN` octal, `\xHH`, ... Returns the text and whether `\c` cut it short. `echo_style`
/// reads octal only after `\0` (echo's rule); otherwise `\NNN` is octal (printf's).
fn unescape(text: &str, echo_style: bool) -> (String, bool) {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else {
            out.push('\\');
            break;
        };
        match e {
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'e' => out.push('\x1b'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '\\' => out.push('\\'),
            'c' => return (out, true),
            'x' => {
                let mut value = 0u32;
                let mut digits = 0;
                while let Some(d) = chars.peek().and_then(|c| c.to_digit(16)) {
                    if digits == 2 {
                        break;
                    }
                    value = value * 16 + d;
                    digits += 1;
                    chars.next();
                }
                if digits == 0 {
                    out.push_str("\\x");
                } else {
                    out.push(char::from_u32(value).unwrap_or('\u{fffd}'));
                }
            }
            '0'..='7' if !echo_style || e == '0' => {
                let mut value = if echo_style {
                    0
                } else {
                    e.to_digit(8).unwrap_or(0)
                };
                let mut digits = usize::from(!echo_style);
                while let Some(d) = chars.peek().and_then(|c| c.to_digit(8)) {
                    if digits == 3 {
                        break;
                    }
                    value = value * 8 + d;
                    digits += 1;
                    chars.next();
                }
                out.push(char::from_u32(value & 0xff).unwrap_or('\u{fffd}'));
            }
            '"' if !echo_style => out.push('"'),
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    (out, false)
}

/// What `printf FORMAT [ARG...]` prints, its error lines (without the `printf: `/`sh: `
/// prefix) and its exit status, as BusyBox does: the format is reused while arguments remain;
/// `%s %b %c %d %i %u %o %x %X %e %f %g %%` with flags, width and precision.
pub fn printf(args: &[String]) -> (String, Vec<String>, i32) {
    let mut out = String::new();
    let mut errors = Vec::new();
    let mut code = 0;
    let Some(format) = args.first() else {
        errors.push("usage: printf FORMAT [ARGUMENT...]".to_string());
        return (out, errors, 1);
    };
    let mut rest = args[1..].iter();
    loop {
        let before = rest.len();
        match printf_once(format, &mut rest, &mut out, &mut errors, &mut code) {
            Ok(true) => {}
            // `\c` or `%b`'s `\c`: stop everything; a bad format: stop with status 1.
            Ok(false) => break,
            Err(()) => return (out, errors, 1),
        }
        if rest.len() == 0 || rest.len() == before {
            break;
        }
    }
    (out, errors, code)
}

/// One pass over the format; `Ok(false)` when `\c` stopped the output.
fn printf_once(
    format: &str,
    args: &mut std::slice::Iter<'_, String>,
    out: &mut String,
    errors: &mut Vec<String>,
    code: &mut i32,
) -> Result<bool, ()> {
    let mut i = 0;
    let bytes = format.as_bytes();
    while i < format.len() {
        let rest = &format[i..];
        if rest.starts_with('\\') {
            // One escape at a time (the longest is `\NNN` or `\xHH`).
            let len = escape_len(rest);
            let (text, stop) = unescape(&rest[..len], false);
            out.push_str(&text);
            if stop {
                return Ok(false);
            }
            i += len;
            continue;
        }
        if !rest.starts_with('%') {
            let next = rest.find(['%', '\\']).unwrap_or(rest.len());
            out.push_str(&rest[..next]);
            i += next;
            continue;
        }
        if rest.starts_with("%%") {
            out.push('%');
            i += 2;
            continue;
        }
        // %[flags][width][.precision][length]conversion
        let mut j = i + 1;
        let mut flags = String::new();
        while j < bytes.len() && b"-+ #0".contains(&bytes[j]) {
            flags.push(bytes[j] as char);
            j += 1;
        }
        let mut width: Option<usize> = None;
        if j < bytes.len() && bytes[j] == b'*' {
            width = Some(printf_number(args.next(), errors, code).unsigned_abs() as usize);
            j += 1;
        } else {
            let start = j;
            while j < bytes.len() && bytes[j].is_ascii_digit() {
                j += 1;
            }
            width = format[start..j].parse().ok().or(width);
        }
        let mut precision: Option<usize> = None;
        if j < bytes.len() && bytes[j] == b'.' {
            j += 1;
            if j < bytes.len() && bytes[j] == b'*' {
                precision = Some(printf_number(args.next(), errors, code).max(0) as usize);
                j += 1;
            } else {
                let start = j;
                while j < bytes.len() && bytes[j].is_ascii_digit() {
                    j += 1;
                }
                precision = Some(format[start..j].parse().unwrap_or(0));
            }
        }
        while j < bytes.len() && b"hlLqjzt".contains(&bytes[j]) {
            j += 1;
        }
        let Some(conv) = format[j..].chars().next() else {
            errors.push(format!("{}: invalid format", &format[i..]));
            return Err(());
        };
        j += conv.len_utf8();
        // Widths past this are a hostile format; cap so the output stays small.
        let width = width.map(|w| w.min(4096)).unwrap_or(0);
        let precision = precision.map(|p| p.min(4096));
        let left = flags.contains('-');
        let text = match conv {
            's' => {
                let arg = args.next().map(String::as_str).unwrap_or("");
                match precision {
                    Some(p) => arg.chars().take(p).collect(),
                    None => arg.to_string(),
                }
            }
            'b' => {
                let arg = args.next().map(String::as_str).unwrap_or("");
                let (text, stop) = unescape(arg, true);
                if stop {
                    out.push_str(&pad(&text, width, left, ' '));
                    return Ok(false);
                }
                text
            }
            'c' => args
                .next()
                .and_then(|a| a.chars().next())
                .map(String::from)
                .unwrap_or_default(),
            'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
                let n = printf_number(args.next(), errors, code);
                let digits = match conv {
                    'o' => format!("{:o}", n as u64),
                    'x' => format!("{:x}", n as u64),
                    'X' => format!("{:X}", n as u64),
                    'u' => (n as u64).to_string(),
                    _ => n.unsigned_abs().to_string(),
                };
                let digits = match precision {
                    Some(p) if digits.len() < p => {
                        format!("{}{digits}", "0".repeat(p - digits.len()))
                    }
                    _ => digits,
                };
                let sign = if matches!(conv, 'd' | 'i') {
                    if n < 0 {
                        "-"
                    } else if flags.contains('+') {
                        "+"
                    } else if flags.contains(' ') {
                        " "
                    } else {
                        ""
                    }
                } else {
                    ""
                };
                number_pad(
                    sign,
                    &digits,
                    width,
                    left,
                    flags.contains('0') && precision.is_none(),
                )
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let arg = args.next().map(String::as_str).unwrap_or("0");
                let value: f64 = match arg.trim().parse() {
                    Ok(v) => v,
                    Err(_) => {
                        errors.push(format!("invalid number '{arg}'"));
                        *code = 1;
                        0.0
                    }
                };
                let p = precision.unwrap_or(6);
                let body = match conv {
                    'e' | 'E' => {
                        let text = format_exp(value.abs(), p);
                        if conv == 'E' {
                            text.to_uppercase()
                        } else {
                            text
                        }
                    }
                    'g' | 'G' => {
                        let text = format_general(value.abs(), p);
                        if conv == 'G' {
                            text.to_uppercase()
                        } else {
                            text
                        }
                    }
                    _ => format!("{:.*}", p, value.abs()),
                };
                let sign = if value.is_sign_negative() && value != 0.0 {
                    "-"
                } else if flags.contains('+') {
                    "+"
                } else if flags.contains(' ') {
                    " "
                } else {
                    ""
                };
                number_pad(sign, &body, width, left, flags.contains('0'))
            }
            _ => {
                errors.push(format!("{}: invalid format", &format[i..]));
                return Err(());
            }
        };
        if matches!(conv, 's' | 'b' | 'c') {
            out.push_str(&pad(&text, width, left, ' '));
        } else {
            out.push_str(&text);
        }
        i = j;
    }
    Ok(true)
}

/// The length of the escape sequence at the start of `s` (which starts with `\`).
fn escape_len(s: &str) -> usize {
    let b = s.as_bytes();
    match b.get(1) {
        None => 1,
        Some(b'x') => {
            2 + b[2..]
                .iter()
                .take(2)
                .take_while(|c| c.is_ascii_hexdigit())
                .count()
        }
        Some(b'0'..=b'7') => {
            1 + b[1..]
                .iter()
                .take(3)
                .take_while(|c| (b'0'..=b'7').contains(c))
                .count()
        }
        Some(_) => 1 + s[1..].chars().next().map_or(0, char::len_utf8),
    }
}

/// An integer argument of `printf`: decimal, `0x` hex, `0` octal, or `'c` (the character's
/// code); anything else is an error and 0.
fn printf_number(arg: Option<&String>, errors: &mut Vec<String>, code: &mut i32) -> i64 {
    let Some(arg) = arg else {
        return 0;
    };
    let t = arg.trim();
    if let Some(c) = t.strip_prefix(['\'', '"']).and_then(|r| r.chars().next()) {
        return i64::from(u32::from(c));
    }
    let (negative, digits) = match t.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let parsed = if let Some(hex) = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
    {
        u64::from_str_radix(hex, 16).ok()
    } else if digits.len() > 1 && digits.starts_with('0') {
        u64::from_str_radix(&digits[1..], 8).ok()
    } else {
        digits.parse::<u64>().ok()
    };
    match parsed {
        Some(n) if negative => (n as i64).wrapping_neg(),
        Some(n) => n as i64,
        None => {
            errors.push(format!("invalid number '{arg}'"));
            *code = 1;
            0
        }
    }
}

fn pad(text: &str, width: usize, left: bool, fill: char) -> String {
    let len = text.chars().count();
    if len >= width {
        return text.to_string();
    }
    let padding: String = std::iter::repeat_n(fill, width - len).collect();
    if left {
        format!("{text}{padding}")
    } else {
        format!("{padding}{text}")
    }
}

fn number_pad(sign: &str, digits: &str, width: usize, left: bool, zeros: bool) -> String {
    if zeros && !left {
        let inner = width.saturating_sub(sign.len());
        format!("{sign}{}", pad(digits, inner, false, '0'))
    } else {
        pad(&format!("{sign}{digits}"), width, left, ' ')
    }
}

/// `%e`: `d.ddddde+XX`.
fn format_exp(value: f64, precision: usize) -> String {
    if value == 0.0 {
        return format!("{:.*}e+00", precision, 0.0);
    }
    let text = format!("{:.*e}", precision, value);
    match text.split_once('e') {
        Some((mantissa, exp)) => {
            let exp: i32 = exp.parse().unwrap_or(0);
            let sign = if exp < 0 { '-' } else { '+' };
            format!("{mantissa}e{sign}{:02}", exp.abs())
        }
        None => text,
    }
}

/// `%g`: `%e` or `%f` by the exponent, trailing zeros removed.
fn format_general(value: f64, precision: usize) -> String {
    let p = precision.max(1);
    let exp = if value == 0.0 {
        0
    } else {
        value.log10().floor() as i32
    };
    let trim = |s: String| {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    };
    if exp < -4 || exp >= p as i32 {
        let text = format_exp(value, p - 1);
        match text.split_once('e') {
            Some((m, e)) => format!("{}e{e}", trim(m.to_string())),
            None => text,
        }
    } else {
        let decimals = (p as i32 - 1 - exp).max(0) as usize;
        trim(format!("{value:.decimals$}"))
    }
}

/// Parses `sleep`'s argument: `5`, `0.5`, `2m`, `1h`, `infinity`.
pub fn parse_sleep(arg: &str) -> Option<Option<Duration>> {
    if arg == "infinity" || arg == "inf" {
        return Some(None);
    }
    let (number, unit) = match arg.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => (&arg[..i], Some(c)),
        _ => (arg, None),
    };
    let value: f64 = number.parse().ok()?;
    if !value.is_finite() || value < 0.0 {
        return None;
    }
    let scale = match unit {
        None | Some('s') => 1.0,
        Some('m') => 60.0,
        Some('h') => 3600.0,
        Some('d') => 86400.0,
        Some(_) => return None,
    };
    let secs = value * scale;
    // Longer than a century is forever for a learner.
    if secs > MAX_SLEEP.as_secs_f64() {
        return Some(None);
    }
    Some(Some(Duration::from_secs_f64(secs)))
}

/// The longest finite `sleep` (a century, 3,153,600,000 s); anything longer is forever, so the
/// virtual clock never runs past the end of the calendar.
pub const MAX_SLEEP: Duration = Duration::from_secs(3_153_600_000);

/// At most this much of `yes`'s endless output is kept (64 KiB).
pub const YES_MAX_BYTES: usize = 64 * 1024;

/// At most this many lines of `yes`'s output are kept.
pub const YES_MAX_LINES: usize = 1_000;

/// `yes [WORD...]`: prints its words (or `y`) on a line, forever, until a signal ends it.
/// The real program fills a terminal at gigabytes a second; dockersim keeps the first
/// [`YES_MAX_LINES`] lines (at most [`YES_MAX_BYTES`], one line at least) and says, in Korean,
/// that the rest was left out, so a container's log and memory stay small.
fn yes(program: &str, args: &[String]) -> Spawned {
    let word = if args.is_empty() {
        "y".to_string()
    } else {
        args.join(" ")
    };
    let line_len = word.len() + 1;
    let lines = (YES_MAX_BYTES / line_len).clamp(1, YES_MAX_LINES);
    let mut text = String::with_capacity(lines * line_len);
    for _ in 0..lines {
        text.push_str(&word);
        text.push('\n');
    }
    forever(
        program,
        vec![
            out(text),
            err(format!(
                "dockersim: yes 는 멈출 때까지 끝없이 출력합니다. 메모리를 지키려고 처음 {lines}줄만 보여 주고 나머지는 생략합니다.\n"
            )),
        ],
    )
}

fn sleep(program: &str, args: &[String]) -> Spawned {
    if args.is_empty() {
        return exits(
            program,
            vec![err(
                "sleep: missing operand\nTry 'sleep --help' for more information.\n",
            )],
            1,
        );
    }
    let mut total = Duration::ZERO;
    for arg in args {
        match parse_sleep(arg) {
            Some(Some(d)) => total = total.saturating_add(d),
            Some(None) => return forever(program, vec![]),
            None => {
                return exits(
                    program,
                    vec![err(format!("sleep: invalid number '{arg}'\n"))],
                    1,
                )
            }
        }
    }
    // Many long operands add up past a century: that is forever too.
    if total > MAX_SLEEP {
        return forever(program, vec![]);
    }
    Spawned {
        program: program.to_string(),
        output: vec![],
        lifetime: Lifetime::Exits {
            code: 0,
            after: total,
        },
        handlers: None,
        killed_by: None,
        pid1_signals: Vec::new(),
    }
}

fn ls(program: &str, env: &mut ProcessEnv<'_>, args: &[String]) -> Spawned {
    let mut all = false;
    let mut long = false;
    let mut one = false;
    let mut paths = Vec::new();
    for arg in args {
        if let Some(flags) = arg.strip_prefix('-').filter(|f| !f.is_empty()) {
            for f in flags.chars() {
                match f {
                    'a' => all = true,
                    'l' => long = true,
                    '1' => one = true,
                    _ => {}
                }
            }
        } else {
            paths.push(arg.clone());
        }
    }
    if paths.is_empty() {
        paths.push(".".to_string());
    }
    let mut output = Vec::new();
    let mut code = 0;
    let many = paths.len() > 1;
    // BusyBox lists its operands as: errors in the order given, then the files, then the
    // directories, each group sorted by name.
    let mut files: Vec<(String, Node)> = Vec::new();
    let mut dirs: Vec<(String, String)> = Vec::new();
    for p in &paths {
        let path = normalize(env.cwd, p);
        match env.fs.get(&path) {
            None => {
                output.push(err(format!("ls: {p}: No such file or directory\n")));
                code = 1;
            }
            Some(Node::Dir) => dirs.push((p.clone(), path)),
            Some(node) => files.push((p.clone(), node)),
        }
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    dirs.sort_by(|a, b| a.0.cmp(&b.0));
    if !files.is_empty() {
        let text = if long {
            files
                .iter()
                .map(|(p, node)| long_line(p, Some(node)))
                .collect()
        } else {
            let names: Vec<String> = files.iter().map(|(p, _)| p.clone()).collect();
            name_list(&names, env.tty && !one)
        };
        output.push(out(text));
    }
    for (i, (p, path)) in dirs.iter().enumerate() {
        let mut names = env.fs.list(path);
        if all {
            let mut with_dots = vec![".".to_string(), "..".to_string()];
            if path == "/" {
                with_dots.push(".dockerenv".to_string());
            }
            with_dots.append(&mut names);
            names = with_dots;
        }
        let mut text = String::new();
        if i > 0 || !files.is_empty() {
            text.push('\n');
        }
        if many {
            text.push_str(&format!("{p}:\n"));
        }
        if long {
            text.push_str(&format!("total {}\n", names.len() * 4));
            for name in &names {
                let child = normalize(path, name);
                let node = if name == ".dockerenv" {
                    Some(Node::File(String::new()))
                } else {
                    env.fs.get(&child)
                };
                text.push_str(&long_line(name, node.as_ref()));
            }
        } else {
            text.push_str(&name_list(&names, env.tty && !one));
        }
        output.push(out(text));
    }
    exits(program, output, code)
}

fn long_line(name: &str, node: Option<&Node>) -> String {
    let (mode, links, size) = match node {
        Some(Node::Dir) => ("drwxr-xr-x", 2, 4096),
        Some(Node::Program(_)) => ("-rwxr-xr-x", 1, 0),
        Some(Node::File(text)) => ("-rw-r--r--", 1, text.len()),
        None => ("----------", 1, 0),
    };
    format!("{mode} {links:>4} root     root     {size:>9} Jan  1 00:00 {name}\n")
}

/// Names in columns on a terminal, one per line otherwise.
fn name_list(names: &[String], terminal: bool) -> String {
    if terminal {
        return columns(names, 80);
    }
    names.iter().map(|n| format!("{n}\n")).collect()
}

/// Lays names out in columns the way `ls` does on a terminal of `width` columns.
fn columns(names: &[String], width: usize) -> String {
    if names.is_empty() {
        return String::new();
    }
    for rows in 1..=names.len() {
        let cols = names.len().div_ceil(rows);
        let widths: Vec<usize> = (0..cols)
            .map(|c| {
                names
                    .iter()
                    .skip(c * rows)
                    .take(rows)
                    .map(String::len)
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let total: usize = widths.iter().map(|w| w + 2).sum::<usize>() - 2;
        if total <= width || rows == names.len() {
            let mut text = String::new();
            for r in 0..rows {
                let mut line = String::new();
                for (c, w) in widths.iter().enumerate() {
                    if let Some(name) = names.get(c * rows + r) {
                        if c + 1 < cols && names.get((c + 1) * rows + r).is_some() {
                            line.push_str(&format!("{name:<w$}  "));
                        } else {
                            line.push_str(name);
                        }
                    }
                }
                text.push_str(line.trim_end());
                text.push('\n');
            }
            return text;
        }
    }
    String::new()
}

fn touch(program: &str, env: &mut ProcessEnv<'_>, args: &[String]) -> Spawned {
    let mut output = Vec::new();
    let mut code = 0;
    for p in args.iter().filter(|a| !a.starts_with('-')) {
        let path = normalize(env.cwd, p);
        let parent = normalize(&path, "..");
        if !env.fs.is_dir(&parent) {
            output.push(err(format!("touch: {p}: No such file or directory\n")));
            code = 1;
        } else if env.fs.get(&path).is_none() {
            env.fs.put(&path, Node::File(String::new()));
        }
    }
    exits(program, output, code)
}

fn mkdir(program: &str, env: &mut ProcessEnv<'_>, args: &[String]) -> Spawned {
    let parents = args.iter().any(|a| a == "-p");
    let mut output = Vec::new();
    let mut code = 0;
    for p in args.iter().filter(|a| !a.starts_with('-')) {
        let path = normalize(env.cwd, p);
        let parent = normalize(&path, "..");
        if env.fs.get(&path).is_some() {
            if !parents {
                output.push(err(format!(
                    "mkdir: can't create directory '{p}': File exists\n"
                )));
                code = 1;
            }
        } else if !parents && !env.fs.is_dir(&parent) {
            output.push(err(format!(
                "mkdir: can't create directory '{p}': No such file or directory\n"
            )));
            code = 1;
        } else {
            env.fs.put(&path, Node::Dir);
        }
    }
    exits(program, output, code)
}

fn rm(program: &str, env: &mut ProcessEnv<'_>, args: &[String]) -> Spawned {
    let recursive = args
        .iter()
        .any(|a| a.starts_with('-') && (a.contains('r') || a.contains('R')));
    let force = args.iter().any(|a| a.starts_with('-') && a.contains('f'));
    let mut output = Vec::new();
    let mut code = 0;
    for p in args.iter().filter(|a| !a.starts_with('-')) {
        let path = normalize(env.cwd, p);
        match env.fs.get(&path) {
            None if force => {}
            None => {
                output.push(err(format!(
                    "rm: can't remove '{p}': No such file or directory\n"
                )));
                code = 1;
            }
            Some(Node::Dir) if !recursive => {
                output.push(err(format!("rm: '{p}' is a directory\n")));
                code = 1;
            }
            Some(_) => env.fs.remove(&path),
        }
    }
    exits(program, output, code)
}

fn shell(program: &str, env: &mut ProcessEnv<'_>, args: &[String]) -> Spawned {
    use super::minishell::{run_shell, Invocation, Mode};
    match args.first().map(String::as_str) {
        Some("-c") => {
            let Some(script) = args.get(1) else {
                return exits(
                    program,
                    vec![err(format!("{program}: -c requires an argument\n"))],
                    2,
                );
            };
            // `sh -c 'script' NAME ARG...`: NAME becomes $0 and the rest $1, $2, ...
            let arg0 = args
                .get(2)
                .or(env.argv.first())
                .cloned()
                .unwrap_or_else(|| program.to_string());
            let run = run_shell(
                Invocation {
                    text: script,
                    mode: Mode::Command,
                    shell: program,
                    arg0,
                    params: args.get(3..).unwrap_or_default().to_vec(),
                },
                env,
            );
            shell_spawned(program, run)
        }
        Some(file) if !file.starts_with('-') => {
            let path = normalize(env.cwd, file);
            match env.fs.get(&path) {
                Some(Node::File(script)) => {
                    let run = run_shell(
                        Invocation {
                            text: &script,
                            mode: Mode::Script,
                            shell: program,
                            arg0: file.to_string(),
                            params: args[1..].to_vec(),
                        },
                        env,
                    );
                    shell_spawned(program, run)
                }
                _ => exits(
                    program,
                    vec![err(format!(
                        "{program}: can't open '{file}': No such file or directory\n"
                    ))],
                    2,
                ),
            }
        }
        // An interactive shell lives as long as its input is open; without -i it reads EOF.
        _ if env.stdin_open => forever(program, vec![]),
        _ => exits(program, vec![], 0),
    }
}

fn shell_spawned(program: &str, run: super::minishell::ShellRun) -> Spawned {
    Spawned {
        program: run.replaced_by.unwrap_or_else(|| program.to_string()),
        output: run.output,
        lifetime: match run.elapsed {
            Some(after) => Lifetime::Exits {
                code: run.code,
                after,
            },
            None => Lifetime::Forever,
        },
        handlers: run.handlers.map(Arc::new),
        killed_by: run.killed_by,
        pid1_signals: run.pid1_signals,
    }
}

fn nginx_time(now: DateTime<Utc>) -> String {
    now.format("%Y/%m/%d %H:%M:%S").to_string()
}

fn nginx_entrypoint(env: &mut ProcessEnv<'_>, args: &[String]) -> Spawned {
    let first = args.first().map(String::as_str).unwrap_or("");
    if first != "nginx" && first != "nginx-debug" {
        return exec_rest("/docker-entrypoint.sh", env, args);
    }
    let mut spawned = nginx(env, args, true);
    let intro = "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration\n/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/\n/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh\n10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf\n10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf\n/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh\n/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh\n/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh\n/docker-entrypoint.sh: Configuration complete; ready for start up\n";
    spawned.output.insert(0, out(intro));
    spawned
}

/// The entrypoint script's `exec "$@"` for a command that is not the image's server.
fn exec_rest(script: &str, env: &mut ProcessEnv<'_>, args: &[String]) -> Spawned {
    let Some(argv0) = args.first() else {
        return exits("sh", vec![], 0);
    };
    match resolve(env.fs, env.env, env.cwd, argv0) {
        Ok((_, program)) => {
            let pid1 = env.pid1;
            run_program(&program, &mut env.child(args, pid1))
        }
        Err(_) => exits(
            "sh",
            vec![err(format!(
                "{script}: exec: line 47: {argv0}: not found\n"
            ))],
            127,
        ),
    }
}

fn nginx(env: &ProcessEnv<'_>, args: &[String], _from_entrypoint: bool) -> Spawned {
    if args.iter().any(|a| a == "-v") {
        return exits("nginx", vec![err("nginx version: nginx/1.27.4\n")], 0);
    }
    let t = nginx_time(env.now);
    let text = format!(
        "{t} [notice] 1#1: using the \"epoll\" event method\n{t} [notice] 1#1: nginx/1.27.4\n{t} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) \n{t} [notice] 1#1: OS: Linux 6.8.0-51-generic\n{t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576\n{t} [notice] 1#1: start worker processes\n{t} [notice] 1#1: start worker process 29\n{t} [notice] 1#1: start worker process 30\n"
    );
    forever("nginx", vec![err(text)])
}

fn redis_entrypoint(env: &mut ProcessEnv<'_>, args: &[String]) -> Spawned {
    let first = args.first().map(String::as_str).unwrap_or("");
    if first == "redis-server" || first.starts_with('-') {
        return redis_server(env);
    }
    exec_rest("/usr/local/bin/docker-entrypoint.sh", env, args)
}

fn redis_time(now: DateTime<Utc>) -> String {
    now.format("%d %b %Y %H:%M:%S%.3f").to_string()
}

fn redis_server(env: &ProcessEnv<'_>) -> Spawned {
    let t = redis_time(env.now);
    let text = format!(
        "1:C {t} # WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. Being disabled, it can also cause failures without low memory condition, see https://github.com/jemalloc/jemalloc/issues/1328. To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this to take effect.\n1:C {t} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo\n1:C {t} * Redis version=7.4.2, bits=64, commit=00000000, modified=0, pid=1, just started\n1:C {t} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf\n1:M {t} * monotonic clock: POSIX clock_gettime\n1:M {t} * Running mode=standalone, port=6379.\n1:M {t} * Server initialized\n1:M {t} * Ready to accept connections tcp\n"
    );
    forever("redis-server", vec![out(text)])
}

fn httpd(env: &ProcessEnv<'_>) -> Spawned {
    let t = env.now.format("%a %b %d %H:%M:%S%.6f %Y");
    let text = format!(
        "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 172.17.0.2. Set the 'ServerName' directive globally to suppress this message\nAH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 172.17.0.2. Set the 'ServerName' directive globally to suppress this message\n[{t}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.63 (Unix) configured -- resuming normal operations\n[{t}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'\n"
    );
    forever("httpd", vec![err(text)])
}

fn python(env: &ProcessEnv<'_>, args: &[String]) -> Spawned {
    match args.first().map(String::as_str) {
        Some("--version") | Some("-V") => exits("python3", vec![out("Python 3.13.2\n")], 0),
        Some("-c") => exits(
            "python3",
            vec![err("dockersim: python 코드는 실행하지 않습니다 (흉내 내지 않음)\n")],
            1,
        ),
        _ if env.stdin_open => forever(
            "python3",
            vec![out("Python 3.13.2 (main, Feb  6 2025, 22:37:13) [GCC 12.2.0] on linux\nType \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n>>> ")],
        ),
        // Without input the interpreter reads EOF at once and exits quietly.
        _ => exits("python3", vec![], 0),
    }
}

/// How a process answers `signal` at `now`: `program` as [`react`] says, unless it is a shell
/// with [`Handlers`] (from [`Spawned::handlers`]) that has not been replaced yet. A trapped
/// signal runs its handler once the foreground command ends (at once for Ctrl-C at a terminal,
/// which reaches that command too); a trap that exits ends the process with its status.
pub fn react_with(
    program: &str,
    handlers: Option<&Handlers>,
    signal: SignalNumber,
    pid1: bool,
    now: DateTime<Utc>,
) -> Reaction {
    let Some(h) = handlers.filter(|_| signal != SIGKILL) else {
        return react(program, signal, pid1, now);
    };
    let t = (now - h.started).to_std().unwrap_or_default();
    if h.replaced_at.is_some_and(|at| t >= at) {
        return react(program, signal, pid1, now);
    }
    let trap = h
        .traps
        .iter()
        .find(|trap| trap.signal == signal && trap.since <= t);
    let run = match trap.map(|trap| &trap.action) {
        Some(TrapAction::Ignore) => return Reaction::Ignored,
        Some(TrapAction::Run(run)) => run,
        None => match (&h.on_sigint, signal == SIGINT) {
            (Some(run), true) => run,
            _ => return default_reaction(signal, pid1),
        },
    };
    let starts = if signal == SIGINT && h.tty {
        Some(t)
    } else {
        h.busy.free_at(t)
    };
    // Still waiting for a command that never ends: the signal stays pending.
    let Some(starts) = starts else {
        return Reaction::Ignored;
    };
    // The handler runs as the foreground command ends, before the next command prints
    // anything at that same instant (a nanosecond earlier keeps that output out of the log
    // when the handler exits).
    let delay = match starts.saturating_sub(t) {
        d if d.is_zero() => d,
        d => d - Duration::from_nanos(1),
    };
    let output = run
        .output
        .iter()
        .map(|chunk| Chunk {
            at: chunk.at.saturating_add(delay),
            stream: chunk.stream,
            text: chunk.text.clone(),
        })
        .collect();
    match (run.exit, run.takes) {
        (Some(code), Some(takes)) => Reaction::Exits {
            code,
            after: delay.saturating_add(takes),
            output,
        },
        _ => Reaction::Handled { output },
    }
}

/// How program `program` answers `signal`, as PID 1 (`pid1`) or not, at time `now`.
pub fn react(program: &str, signal: SignalNumber, pid1: bool, now: DateTime<Utc>) -> Reaction {
    if signal == SIGKILL {
        return Reaction::Exits {
            code: 128 + SIGKILL,
            after: Duration::ZERO,
            output: vec![],
        };
    }
    let name = signal_name(signal);
    match program {
        "nginx" => {
            let t = nginx_time(now);
            match signal {
                // SIGQUIT: graceful; SIGTERM/SIGINT: fast shutdown. Both end with status 0.
                3 | 15 | 2 => {
                    // Each worker logs "exiting" and "exit"; a graceful stop first closes
                    // its listeners ("gracefully shutting down"), a fast one does not.
                    let workers = if signal == 3 {
                        format!("{t} [notice] 29#29: gracefully shutting down\n{t} [notice] 30#30: gracefully shutting down\n")
                    } else {
                        String::new()
                    };
                    let text = format!(
                        "{t} [notice] 1#1: signal {signal} ({name}) received, {}\n{workers}{t} [notice] 29#29: exiting\n{t} [notice] 29#29: exit\n{t} [notice] 30#30: exiting\n{t} [notice] 30#30: exit\n{t} [notice] 1#1: signal 17 (SIGCHLD) received from 29\n{t} [notice] 1#1: worker process 29 exited with code 0\n{t} [notice] 1#1: worker process 30 exited with code 0\n{t} [notice] 1#1: exit\n",
                        if signal == 3 { "shutting down" } else { "exiting" }
                    );
                    Reaction::Exits {
                        code: 0,
                        after: Duration::from_millis(100),
                        output: vec![err(text)],
                    }
                }
                1 => Reaction::Handled {
                    output: vec![err(format!(
                        "{t} [notice] 1#1: signal 1 (SIGHUP) received from 1, reconfiguring\n{t} [notice] 1#1: reconfiguring\n"
                    ))],
                },
                _ => default_reaction(signal, pid1),
            }
        }
        "redis-server" => match signal {
            15 | 2 => {
                let t = redis_time(now);
                let text = format!(
                    "1:signal-handler ({}) Received {} scheduling shutdown...\n1:M {t} * User requested shutdown...\n1:M {t} * Saving the final RDB snapshot before exiting.\n1:M {t} * DB saved on disk\n1:M {t} # Redis is now ready to exit, bye bye...\n",
                    now.timestamp(),
                    if signal == 15 { "SIGTERM" } else { "SIGINT" }
                );
                Reaction::Exits {
                    code: 0,
                    after: Duration::from_millis(200),
                    output: vec![out(text)],
                }
            }
            _ => default_reaction(signal, pid1),
        },
        "httpd" | "httpd-foreground" => match signal {
            // SIGWINCH is httpd's graceful stop; SIGTERM/SIGINT stop at once.
            28 | 15 | 2 => {
                let t = now.format("%a %b %d %H:%M:%S%.6f %Y");
                let text = if signal == 28 {
                    format!("[{t}] [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully\n")
                } else {
                    format!("[{t}] [mpm_event:notice] [pid 1:tid 1] AH00491: caught SIGTERM, shutting down\n")
                };
                Reaction::Exits {
                    code: 0,
                    after: Duration::from_millis(100),
                    output: vec![err(text)],
                }
            }
            _ => default_reaction(signal, pid1),
        },
        "python3" | "python" if signal == SIGINT => Reaction::Handled {
            output: vec![out("\nKeyboardInterrupt\n>>> ")],
        },
        _ => default_reaction(signal, pid1),
    }
}

/// A signal with no handler: harmless ones are ignored; terminating ones kill, except that
/// Linux never delivers a default-action signal to PID 1 of a PID namespace.
pub fn default_reaction(signal: SignalNumber, pid1: bool) -> Reaction {
    // SIGCHLD, SIGCONT, SIGURG, SIGWINCH are ignored by default; SIGSTOP/SIGTSTP/SIGTTIN/SIGTTOU stop.
    let harmless = matches!(signal, 17 | 18 | 23 | 28 | 19 | 20 | 21 | 22);
    if harmless || pid1 {
        Reaction::Ignored
    } else {
        Reaction::Exits {
            code: 128 + signal,
            after: Duration::ZERO,
            output: vec![],
        }
    }
}

/// Whether a program handles `SIGTERM` itself (used by the narrator and lessons).
pub fn handles_sigterm(program: &str) -> bool {
    !matches!(
        react(program, SIGTERM, true, DateTime::<Utc>::UNIX_EPOCH),
        Reaction::Ignored
    )
}

/// Evaluates `test`/`[` arguments (without the closing `]`) on the container's files, with
/// BusyBox's grammar: `!`, `-a`, `-o`, parentheses, the file tests `-e -f -d -s -r -w -x -L
/// -h`, the string tests `-n -z = == != < >` and the integer tests `-eq -ne -lt -le -gt -ge`.
/// `Err` holds the error text (`a: bad number`); the command then exits 2.
pub fn test_eval(fs: &Overlay, cwd: &str, args: &[String]) -> Result<bool, String> {
    if args.is_empty() {
        return Ok(false);
    }
    let mut t = TestParser {
        fs,
        cwd,
        args,
        pos: 0,
        depth: 0,
    };
    let value = t.or()?;
    match t.args.get(t.pos) {
        None => Ok(value),
        Some(extra) => Err(format!("{extra}: unknown operand")),
    }
}

const TEST_UNARY: [&str; 21] = [
    "-e", "-f", "-d", "-s", "-r", "-w", "-x", "-L", "-h", "-n", "-z", "-b", "-c", "-p", "-S", "-t",
    "-g", "-u", "-k", "-O", "-G",
];

const TEST_BINARY: [&str; 14] = [
    "=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef",
];

struct TestParser<'t> {
    fs: &'t Overlay,
    cwd: &'t str,
    args: &'t [String],
    pos: usize,
    depth: usize,
}

impl<'t> TestParser<'t> {
    fn peek(&self, offset: usize) -> Option<&'t str> {
        let args: &'t [String] = self.args;
        args.get(self.pos + offset).map(String::as_str)
    }

    fn or(&mut self) -> Result<bool, String> {
        let mut value = self.and()?;
        while self.peek(0) == Some("-o") && self.peek(1).is_some() {
            self.pos += 1;
            let rhs = self.and()?;
            value = value || rhs;
        }
        Ok(value)
    }

    fn and(&mut self) -> Result<bool, String> {
        let mut value = self.not()?;
        while self.peek(0) == Some("-a") && self.peek(1).is_some() {
            self.pos += 1;
            let rhs = self.not()?;
            value = value && rhs;
        }
        Ok(value)
    }

    fn not(&mut self) -> Result<bool, String> {
        // `[ ! ]` is a one-word string test; `!` before something negates it.
        if self.peek(0) == Some("!") && self.peek(1).is_some() {
            self.pos += 1;
            self.depth += 1;
            if self.depth > 1_000 {
                return Err("too many !".to_string());
            }
            let value = self.not()?;
            self.depth -= 1;
            return Ok(!value);
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<bool, String> {
        let Some(first) = self.peek(0) else {
            return Err("argument expected".to_string());
        };
        // `a = b` before anything else, so that `[ -n = -n ]` compares strings.
        if let Some(op) = self.peek(1).filter(|op| TEST_BINARY.contains(op)) {
            let Some(rhs) = self.peek(2) else {
                return Err(format!("{op}: argument expected"));
            };
            let (lhs, op, rhs) = (first.to_string(), op.to_string(), rhs.to_string());
            self.pos += 3;
            return self.binary(&lhs, &op, &rhs);
        }
        if first == "(" && self.peek(1).is_some() {
            self.pos += 1;
            self.depth += 1;
            if self.depth > 1_000 {
                return Err("too many (".to_string());
            }
            let value = self.or()?;
            self.depth -= 1;
            if self.peek(0) != Some(")") {
                return Err("missing )".to_string());
            }
            self.pos += 1;
            return Ok(value);
        }
        if TEST_UNARY.contains(&first) {
            if let Some(arg) = self.peek(1) {
                let (op, arg) = (first.to_string(), arg.to_string());
                self.pos += 2;
                return Ok(self.unary(&op, &arg));
            }
        }
        self.pos += 1;
        Ok(!first.is_empty())
    }

    fn unary(&self, op: &str, arg: &str) -> bool {
        let node = || self.fs.get(&normalize(self.cwd, arg));
        match op {
            "-n" => !arg.is_empty(),
            "-z" => arg.is_empty(),
            "-e" | "-r" | "-w" => !arg.is_empty() && node().is_some(),
            "-f" => matches!(node(), Some(Node::File(_) | Node::Program(_))),
            "-d" => matches!(node(), Some(Node::Dir)),
            "-x" => matches!(node(), Some(Node::Dir | Node::Program(_))),
            "-s" => match node() {
                Some(Node::File(text)) => !text.is_empty(),
                Some(_) => true,
                None => false,
            },
            "-c" => matches!(
                arg,
                "/dev/null" | "/dev/zero" | "/dev/random" | "/dev/urandom" | "/dev/tty"
            ),
            // No symlinks, pipes, sockets, block devices, terminals or special bits here.
            _ => false,
        }
    }

    fn binary(&self, lhs: &str, op: &str, rhs: &str) -> Result<bool, String> {
        let number = |s: &str| -> Result<i64, String> {
            s.trim()
                .parse::<i64>()
                .map_err(|_| format!("{s}: bad number"))
        };
        Ok(match op {
            "=" | "==" => lhs == rhs,
            "!=" => lhs != rhs,
            "<" => lhs < rhs,
            ">" => lhs > rhs,
            "-eq" => number(lhs)? == number(rhs)?,
            "-ne" => number(lhs)? != number(rhs)?,
            "-lt" => number(lhs)? < number(rhs)?,
            "-le" => number(lhs)? <= number(rhs)?,
            "-gt" => number(lhs)? > number(rhs)?,
            "-ge" => number(lhs)? >= number(rhs)?,
            // Files have no times or inodes here.
            _ => false,
        })
    }
}

/// `test ARGS` or `[ ARGS ]` run as a program (`docker exec c [ -f /x ]`); `bracket` is the
/// closing word (`]` or `]]`) when started by that name.
fn test_program(
    program: &str,
    env: &ProcessEnv<'_>,
    args: &[String],
    bracket: Option<&str>,
) -> Spawned {
    let args = match bracket {
        Some(close) => match args.split_last() {
            Some((last, rest)) if last == close => rest,
            _ => {
                return exits(
                    program,
                    vec![err(format!("{program}: missing {close}\n"))],
                    2,
                )
            }
        },
        None => args,
    };
    match test_eval(env.fs, env.cwd, args) {
        Ok(true) => exits(program, vec![], 0),
        Ok(false) => exits(program, vec![], 1),
        Err(e) => exits(program, vec![err(format!("{program}: {e}\n"))], 2),
    }
}

/// At most this much of `seq`'s output is produced (1 MiB); the rest is left out with a note.
pub const SEQ_MAX_BYTES: usize = 1 << 20;

/// `seq [-w] [-s SEP] [FIRST [INC]] LAST`, integers or decimals, as BusyBox prints them.
fn seq(program: &str, args: &[String]) -> Spawned {
    let mut sep = "\n".to_string();
    let mut widths = false;
    let mut nums: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        if a == "-w" {
            widths = true;
        } else if a == "-s" {
            i += 1;
            sep = args.get(i).cloned().unwrap_or_default();
        } else if let Some(s) = a.strip_prefix("-s") {
            sep = s.to_string();
        } else {
            nums.push(a);
        }
        i += 1;
    }
    const USAGE: &str = "BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.\n\nUsage: seq [-w] [-s SEP] [FIRST [INC]] LAST\n\nPrint numbers from FIRST to LAST, in steps of INC.\nFIRST, INC default to 1.\n\n\t-w\tPad to last with leading zeros\n\t-s SEP\tString separator\n";
    let (first, inc, last) = match nums.as_slice() {
        [last] => ("1", "1", *last),
        [first, last] => (*first, "1", *last),
        [first, inc, last] => (*first, *inc, *last),
        _ => return exits(program, vec![err(USAGE)], 1),
    };
    let mut values = [0f64; 3];
    for (slot, text) in values.iter_mut().zip([first, inc, last]) {
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => *slot = v,
            _ => {
                return exits(
                    program,
                    vec![err(format!("seq: invalid number '{text}'\n"))],
                    1,
                )
            }
        }
    }
    let [first_v, inc_v, last_v] = values;
    let decimals = [first, inc]
        .iter()
        .map(|t| t.split_once('.').map_or(0, |(_, d)| d.len()))
        .max()
        .unwrap_or(0);
    let width = if widths {
        [first_v, last_v]
            .iter()
            .map(|v| format!("{v:.decimals$}").len())
            .max()
            .unwrap_or(0)
    } else {
        0
    };
    let mut text = String::new();
    let mut truncated = false;
    if inc_v != 0.0 {
        let mut n: u64 = 0;
        loop {
            let v = first_v + inc_v * n as f64;
            if (inc_v > 0.0 && v > last_v) || (inc_v < 0.0 && v < last_v) {
                break;
            }
            if text.len() > SEQ_MAX_BYTES {
                truncated = true;
                break;
            }
            if n > 0 {
                text.push_str(&sep);
            }
            let number = format!("{v:.decimals$}");
            if number.len() < width {
                let (sign, digits) = number.split_at(usize::from(number.starts_with('-')));
                text.push_str(sign);
                text.push_str(&"0".repeat(width - number.len()));
                text.push_str(digits);
            } else {
                text.push_str(&number);
            }
            n += 1;
        }
        if n > 0 {
            text.push('\n');
        }
    }
    let mut output = vec![out(text)];
    if truncated {
        output.push(err(format!(
            "dockersim: seq 의 출력이 {} KiB 를 넘어 나머지는 생략합니다.\n",
            SEQ_MAX_BYTES / 1024
        )));
    }
    exits(program, output, 0)
}

/// `expr EXPRESSION`: BusyBox's operators `| & = != < <= > >= + - * / % :` and `length`,
/// `substr`, `index`, `match`, with parentheses. Prints the value; exits 1 when it is empty or
/// 0, 2 on an error.
fn expr(program: &str, args: &[String]) -> Spawned {
    if args.is_empty() {
        return exits(program, vec![err("expr: too few arguments\n")], 2);
    }
    let mut e = ExprParser {
        args,
        pos: 0,
        depth: 0,
    };
    let result = e.or().and_then(|v| match args.get(e.pos) {
        None => Ok(v),
        Some(_) => Err("syntax error".to_string()),
    });
    match result {
        Ok(v) => {
            let text = v.to_text();
            let code = i32::from(text.is_empty() || text == "0");
            exits(program, vec![out(format!("{text}\n"))], code)
        }
        Err(e) => exits(program, vec![err(format!("expr: {e}\n"))], 2),
    }
}

#[derive(Clone)]
enum ExprValue {
    Num(i64),
    Str(String),
}

impl ExprValue {
    fn to_text(&self) -> String {
        match self {
            ExprValue::Num(n) => n.to_string(),
            ExprValue::Str(s) => s.clone(),
        }
    }

    fn number(&self) -> Option<i64> {
        match self {
            ExprValue::Num(n) => Some(*n),
            ExprValue::Str(s) => s.trim().parse().ok(),
        }
    }

    fn is_null(&self) -> bool {
        match self {
            ExprValue::Num(n) => *n == 0,
            ExprValue::Str(s) => s.is_empty() || s == "0",
        }
    }
}

struct ExprParser<'x> {
    args: &'x [String],
    pos: usize,
    depth: usize,
}

impl ExprParser<'_> {
    fn peek(&self) -> Option<&str> {
        self.args.get(self.pos).map(String::as_str)
    }

    fn next_arg(&mut self) -> Result<String, String> {
        let a = self.args.get(self.pos).cloned().ok_or("syntax error")?;
        self.pos += 1;
        Ok(a)
    }

    fn or(&mut self) -> Result<ExprValue, String> {
        let mut v = self.and()?;
        while self.peek() == Some("|") {
            self.pos += 1;
            let rhs = self.and()?;
            if v.is_null() {
                v = if rhs.is_null() {
                    ExprValue::Num(0)
                } else {
                    rhs
                };
            }
        }
        Ok(v)
    }

    fn and(&mut self) -> Result<ExprValue, String> {
        let mut v = self.compare()?;
        while self.peek() == Some("&") {
            self.pos += 1;
            let rhs = self.compare()?;
            if v.is_null() || rhs.is_null() {
                v = ExprValue::Num(0);
            }
        }
        Ok(v)
    }

    fn compare(&mut self) -> Result<ExprValue, String> {
        let mut v = self.sum()?;
        while let Some(op @ ("=" | "==" | "!=" | "<" | "<=" | ">" | ">=")) = self.peek() {
            let op = op.to_string();
            self.pos += 1;
            let rhs = self.sum()?;
            let ord = match (v.number(), rhs.number()) {
                (Some(a), Some(b)) => a.cmp(&b),
                _ => v.to_text().cmp(&rhs.to_text()),
            };
            let holds = match op.as_str() {
                "=" | "==" => ord.is_eq(),
                "!=" => ord.is_ne(),
                "<" => ord.is_lt(),
                "<=" => ord.is_le(),
                ">" => ord.is_gt(),
                _ => ord.is_ge(),
            };
            v = ExprValue::Num(i64::from(holds));
        }
        Ok(v)
    }

    fn arith(a: &ExprValue, b: &ExprValue, op: &str) -> Result<ExprValue, String> {
        let (Some(x), Some(y)) = (a.number(), b.number()) else {
            return Err("non-numeric argument".to_string());
        };
        Ok(ExprValue::Num(match op {
            "+" => x.wrapping_add(y),
            "-" => x.wrapping_sub(y),
            "*" => x.wrapping_mul(y),
            _ if y == 0 => return Err("division by zero".to_string()),
            "/" => x.wrapping_div(y),
            _ => x.wrapping_rem(y),
        }))
    }

    fn sum(&mut self) -> Result<ExprValue, String> {
        let mut v = self.product()?;
        while let Some(op @ ("+" | "-")) = self.peek() {
            let op = op.to_string();
            self.pos += 1;
            let rhs = self.product()?;
            v = Self::arith(&v, &rhs, &op)?;
        }
        Ok(v)
    }

    fn product(&mut self) -> Result<ExprValue, String> {
        let mut v = self.colon()?;
        while let Some(op @ ("*" | "/" | "%")) = self.peek() {
            let op = op.to_string();
            self.pos += 1;
            let rhs = self.colon()?;
            v = Self::arith(&v, &rhs, &op)?;
        }
        Ok(v)
    }

    fn colon(&mut self) -> Result<ExprValue, String> {
        let mut v = self.primary()?;
        while self.peek() == Some(":") {
            self.pos += 1;
            let pattern = self.primary()?;
            v = regex_match(&v.to_text(), &pattern.to_text());
        }
        Ok(v)
    }

    fn primary(&mut self) -> Result<ExprValue, String> {
        self.depth += 1;
        if self.depth > 1_000 {
            return Err("syntax error".to_string());
        }
        let word = self.next_arg()?;
        let v = match word.as_str() {
            "(" => {
                let v = self.or()?;
                if self.next_arg()? != ")" {
                    return Err("syntax error".to_string());
                }
                v
            }
            "length" => ExprValue::Num(self.next_arg()?.chars().count() as i64),
            "substr" => {
                let s = self.next_arg()?;
                let p: i64 = self.next_arg()?.parse().unwrap_or(0);
                let l: i64 = self.next_arg()?.parse().unwrap_or(0);
                if p < 1 || l < 1 {
                    ExprValue::Str(String::new())
                } else {
                    ExprValue::Str(s.chars().skip(p as usize - 1).take(l as usize).collect())
                }
            }
            "index" => {
                let s = self.next_arg()?;
                let chars = self.next_arg()?;
                let at = s
                    .chars()
                    .position(|c| chars.contains(c))
                    .map_or(0, |i| i as i64 + 1);
                ExprValue::Num(at)
            }
            "match" => {
                let s = self.next_arg()?;
                let pattern = self.next_arg()?;
                regex_match(&s, &pattern)
            }
            _ => match word.parse::<i64>() {
                Ok(n) => ExprValue::Num(n),
                Err(_) => ExprValue::Str(word),
            },
        };
        self.depth -= 1;
        Ok(v)
    }
}

/// `STRING : REGEX` of expr: a basic regular expression anchored at the start; the text of
/// the first `\(...\)` group, else the number of characters matched.
fn regex_match(text: &str, pattern: &str) -> ExprValue {
    let tokens = bre_tokens(pattern);
    let chars: Vec<char> = text.chars().collect();
    let mut group = (None, None);
    let matched = bre_match(&tokens, 0, &chars, 0, &mut group, &mut 0);
    let has_group = tokens.iter().any(|t| matches!(t, Bre::Open));
    match matched {
        Some(_) if has_group => match group {
            (Some(a), Some(b)) if a <= b => ExprValue::Str(chars[a..b].iter().collect()),
            _ => ExprValue::Str(String::new()),
        },
        Some(end) => ExprValue::Num(end as i64),
        None if has_group => ExprValue::Str(String::new()),
        None => ExprValue::Num(0),
    }
}

#[derive(Clone, Debug)]
enum Bre {
    Char(char),
    Any,
    Class(Vec<(char, char)>, bool),
    Star(Box<Bre>),
    Open,
    Close,
    End,
}

fn bre_tokens(pattern: &str) -> Vec<Bre> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out: Vec<Bre> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let token = match c {
            '.' => Bre::Any,
            '*' if !out.is_empty() && !matches!(out.last(), Some(Bre::Open)) => {
                if let Some(last) = out.pop() {
                    out.push(Bre::Star(Box::new(last)));
                }
                i += 1;
                continue;
            }
            '$' if i + 1 == chars.len() => Bre::End,
            '^' if i == 0 => {
                i += 1;
                continue;
            }
            '\\' if i + 1 < chars.len() => {
                i += 1;
                match chars[i] {
                    '(' => Bre::Open,
                    ')' => Bre::Close,
                    other => Bre::Char(other),
                }
            }
            '[' => {
                let mut j = i + 1;
                let negate = chars.get(j) == Some(&'^');
                if negate {
                    j += 1;
                }
                let mut ranges = Vec::new();
                let start = j;
                while j < chars.len() && (chars[j] != ']' || j == start) {
                    if j + 2 < chars.len() && chars[j + 1] == '-' && chars[j + 2] != ']' {
                        ranges.push((chars[j], chars[j + 2]));
                        j += 3;
                    } else {
                        ranges.push((chars[j], chars[j]));
                        j += 1;
                    }
                }
                i = j;
                Bre::Class(ranges, negate)
            }
            other => Bre::Char(other),
        };
        out.push(token);
        i += 1;
    }
    out
}

/// Backtracking match of `tokens[t..]` at `text[at..]`; the end of the match, if any.
/// `steps` bounds the work so that a hostile pattern cannot take forever.
fn bre_match(
    tokens: &[Bre],
    t: usize,
    text: &[char],
    at: usize,
    group: &mut (Option<usize>, Option<usize>),
    steps: &mut u32,
) -> Option<usize> {
    *steps += 1;
    if *steps > 100_000 {
        return None;
    }
    let Some(token) = tokens.get(t) else {
        return Some(at);
    };
    let one = |tok: &Bre, c: char| match tok {
        Bre::Char(x) => *x == c,
        Bre::Any => true,
        Bre::Class(ranges, negate) => ranges.iter().any(|(a, b)| (*a..=*b).contains(&c)) != *negate,
        _ => false,
    };
    match token {
        Bre::Open => {
            let saved = *group;
            group.0 = Some(at);
            let r = bre_match(tokens, t + 1, text, at, group, steps);
            if r.is_none() {
                *group = saved;
            }
            r
        }
        Bre::Close => {
            let saved = *group;
            group.1 = Some(at);
            let r = bre_match(tokens, t + 1, text, at, group, steps);
            if r.is_none() {
                *group = saved;
            }
            r
        }
        Bre::End => (at == text.len()).then_some(at),
        Bre::Star(inner) => {
            let mut n = 0;
            while at + n < text.len() && one(inner, text[at + n]) {
                n += 1;
            }
            loop {
                if let Some(end) = bre_match(tokens, t + 1, text, at + n, group, steps) {
                    return Some(end);
                }
                if n == 0 {
                    return None;
                }
                n -= 1;
            }
        }
        tok => {
            let c = *text.get(at)?;
            if one(tok, c) {
                bre_match(tokens, t + 1, text, at + 1, group, steps)
            } else {
                None
            }
        }
    }
}

/// `kill` run as a program (`docker exec c kill 1`): a signal for the container's PID 1 is
/// handed to the engine, which delivers it only if PID 1 handles it (the kernel's rule for a
/// namespace's init); other PIDs do not exist in the simulation.
fn kill_program(program: &str, args: &[String]) -> Spawned {
    if args.first().map(String::as_str) == Some("-l") {
        return exits(program, vec![out(signal_list())], 0);
    }
    let mut signal = super::event::SIGTERM;
    let mut rest: &[String] = args;
    match rest.first().map(String::as_str) {
        Some("-s" | "-n") => {
            let Some(spec) = rest.get(1) else {
                return exits(
                    program,
                    vec![err("kill: you need to specify whom to kill\n")],
                    1,
                );
            };
            match super::event::parse_signal(spec) {
                Some(s) => signal = s,
                None => {
                    return exits(
                        program,
                        vec![err(format!("kill: bad signal name '{spec}'\n"))],
                        1,
                    )
                }
            }
            rest = &rest[2..];
        }
        Some("--") => rest = &rest[1..],
        Some(opt) if opt.starts_with('-') && opt.len() > 1 => {
            match super::event::parse_signal(&opt[1..]) {
                Some(s) => signal = s,
                None => {
                    return exits(
                        program,
                        vec![err(format!("kill: bad signal name '{}'\n", &opt[1..]))],
                        1,
                    )
                }
            }
            rest = &rest[1..];
        }
        _ => {}
    }
    if rest.is_empty() {
        return exits(
            program,
            vec![err("kill: you need to specify whom to kill\n")],
            1,
        );
    }
    let mut output = Vec::new();
    let mut code = 0;
    let mut to_pid1 = Vec::new();
    for pid in rest {
        match pid.parse::<i64>() {
            Ok(1) => to_pid1.push(signal),
            Ok(n) => {
                output.push(err(format!("kill: can't kill pid {n}: No such process\n")));
                code = 1;
            }
            Err(_) => {
                output.push(err(format!("kill: invalid number '{pid}'\n")));
                code = 1;
            }
        }
    }
    let mut spawned = exits(program, output, code);
    spawned.pid1_signals = to_pid1;
    spawned
}

/// `kill -l`: BusyBox's numbered list of signal names.
pub fn signal_list() -> String {
    super::event::SIGNALS
        .iter()
        .map(|(name, n)| format!("{n:2}) {}\n", &name[3..]))
        .collect()
}
