//! Simulated programs inside containers: what each prints, how long it runs, how it takes signals.
//!
//! Programs are looked up by the name the image's file tree gives an executable
//! ([`Node::Program`]). Nothing here runs on the host.

use super::event::{signal_name, SignalNumber, SIGINT, SIGKILL, SIGTERM};
use super::fs::{normalize, Node, Overlay};
use chrono::{DateTime, Utc};
use std::time::Duration;

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
    /// The program's name in the registry (for its signal behaviour).
    pub program: String,
    /// Output over its life (until its natural end, if any).
    pub output: Vec<Chunk>,
    /// How long it lives.
    pub lifetime: Lifetime,
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
}

impl ProcessEnv<'_> {
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
    }
}

fn forever(program: &str, output: Vec<Chunk>) -> Spawned {
    Spawned {
        program: program.to_string(),
        output,
        lifetime: Lifetime::Forever,
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
        "uname" => {
            let text = if args.iter().any(|a| a == "-a") {
                format!("Linux {} 6.8.0-51-generic #52-Ubuntu SMP PREEMPT_DYNAMIC x86_64 Linux\n", env.hostname)
            } else {
                "Linux\n".to_string()
            };
            exits(program, vec![out(text)], 0)
        }
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
        "yes" => yes(program, &args),
        "ls" => ls(program, env, &args),
        "cat" => cat(program, env, &args),
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
                let argv: Vec<String> = args.clone();
                let mut inner = ProcessEnv {
                    argv: &argv,
                    env: env.env,
                    hostname: env.hostname,
                    cwd: env.cwd,
                    fs: env.fs,
                    tty: env.tty,
                    stdin_open: env.stdin_open,
                    pid1: env.pid1,
                    now: env.now,
                    pid1_command: env.pid1_command,
                };
                return run_program(&applet, &mut inner);
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

fn echo(args: &[String]) -> String {
    let (newline, words) = match args.first().map(String::as_str) {
        Some("-n") => (false, &args[1..]),
        _ => (true, args),
    };
    let mut text = words.join(" ");
    if newline {
        text.push('\n');
    }
    text
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
    let Some(arg) = args.first() else {
        return exits(
            program,
            vec![err(
                "sleep: missing operand\nTry 'sleep --help' for more information.\n",
            )],
            1,
        );
    };
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
    let _ = arg;
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
    for (i, p) in paths.iter().enumerate() {
        let path = normalize(env.cwd, p);
        match env.fs.get(&path) {
            None => {
                output.push(err(format!("ls: {p}: No such file or directory\n")));
                code = 1;
            }
            Some(Node::Dir) => {
                let mut names = env.fs.list(&path);
                if all {
                    let mut with_dots = vec![".".to_string(), "..".to_string()];
                    if path == "/" {
                        with_dots.push(".dockerenv".to_string());
                    }
                    with_dots.append(&mut names);
                    names = with_dots;
                }
                let mut text = String::new();
                if many {
                    if i > 0 {
                        text.push('\n');
                    }
                    text.push_str(&format!("{p}:\n"));
                }
                if long {
                    text.push_str(&format!("total {}\n", names.len() * 4));
                    for name in &names {
                        let child = normalize(&path, name);
                        let node = if name == ".dockerenv" {
                            Some(Node::File(String::new()))
                        } else {
                            env.fs.get(&child)
                        };
                        text.push_str(&long_line(name, node.as_ref()));
                    }
                } else if env.tty && !one {
                    text.push_str(&columns(&names, 80));
                } else {
                    for name in &names {
                        text.push_str(name);
                        text.push('\n');
                    }
                }
                output.push(out(text));
            }
            Some(node) => {
                let text = if long {
                    long_line(p, Some(&node))
                } else {
                    format!("{p}\n")
                };
                output.push(out(text));
            }
        }
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

fn cat(program: &str, env: &mut ProcessEnv<'_>, args: &[String]) -> Spawned {
    let mut output = Vec::new();
    let mut code = 0;
    for p in args {
        let path = normalize(env.cwd, p);
        // docker bind-mounts /etc/hostname: it holds the hostname but is not in the
        // container's writable layer (so `docker ps -s` still says 0B).
        if path == "/etc/hostname" {
            output.push(out(format!("{}\n", env.hostname)));
            continue;
        }
        match env.fs.get(&path) {
            Some(Node::File(text)) => output.push(out(text)),
            Some(Node::Program(_)) => output.push(out("\u{7f}ELF\u{2}\u{1}\u{1}\n")),
            Some(Node::Dir) => {
                output.push(err("cat: read error: Is a directory\n"));
                code = 1;
            }
            None => {
                output.push(err(format!(
                    "cat: can't open '{p}': No such file or directory\n"
                )));
                code = 1;
            }
        }
    }
    exits(program, output, code)
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
    match args.first().map(String::as_str) {
        Some("-c") => {
            let script = args.get(1).cloned().unwrap_or_default();
            let (output, code, elapsed) = super::minishell::run_script(&script, env);
            shell_spawned(program, output, code, elapsed)
        }
        Some(file) if !file.starts_with('-') => {
            let path = normalize(env.cwd, file);
            match env.fs.get(&path) {
                Some(Node::File(script)) => {
                    let (output, code, elapsed) = super::minishell::run_script(&script, env);
                    shell_spawned(program, output, code, elapsed)
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

fn shell_spawned(
    program: &str,
    output: Vec<Chunk>,
    code: i32,
    elapsed: Option<Duration>,
) -> Spawned {
    Spawned {
        program: program.to_string(),
        output,
        lifetime: match elapsed {
            Some(after) => Lifetime::Exits { code, after },
            None => Lifetime::Forever,
        },
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
            let argv = args.to_vec();
            let mut inner = ProcessEnv {
                argv: &argv,
                env: env.env,
                hostname: env.hostname,
                cwd: env.cwd,
                fs: env.fs,
                tty: env.tty,
                stdin_open: env.stdin_open,
                pid1: env.pid1,
                now: env.now,
                pid1_command: env.pid1_command,
            };
            run_program(&program, &mut inner)
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
                    let how = if signal == 3 {
                        "gracefully shutting down"
                    } else {
                        "exiting"
                    };
                    let text = format!(
                        "{t} [notice] 1#1: signal {signal} ({name}) received, {}\n{t} [notice] 29#29: {how}\n{t} [notice] 30#30: {how}\n{t} [notice] 29#29: exiting\n{t} [notice] 29#29: exit\n{t} [notice] 30#30: exiting\n{t} [notice] 30#30: exit\n{t} [notice] 1#1: signal 17 (SIGCHLD) received from 29\n{t} [notice] 1#1: worker process 29 exited with code 0\n{t} [notice] 1#1: worker process 30 exited with code 0\n{t} [notice] 1#1: exit\n",
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
fn default_reaction(signal: SignalNumber, pid1: bool) -> Reaction {
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
