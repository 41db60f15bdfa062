//! The `docker` command line: argv in, engine calls, docker 28.2.2's exact text and exit code out.
//!
//! Pure: a command is a function of the engine, the virtual host files and its argv. Printing,
//! colour and terminals belong to the shell layer.

pub mod container_files;
pub mod container_info;
pub mod containers;
pub mod flags;
pub mod format;
pub mod help;
pub mod host;
pub mod image_cmds;
pub mod inspect;
pub mod list;
pub mod output;
pub mod pull;

pub use host::{HostFile, HostFs};
pub use output::{Attached, Output, Running, WaitRest};

use crate::engine::Engine;

/// What a command may use besides the engine.
pub struct Ctx<'a> {
    /// The virtual host's files.
    pub host: &'a mut HostFs,
    /// Asks the learner a question (the prune prompt); gets the typed answer, if any. The
    /// argument is the output so far, so a terminal can show the prompt first.
    pub ask: &'a mut dyn FnMut(&str) -> Option<String>,
    /// Whether standard input is a terminal (`-it` needs one).
    pub stdin_tty: bool,
    /// Whether answers should be echoed into the output (a terminal echoes typing).
    pub echo_answers: bool,
    /// Whether tables measure ambiguous-width characters as 2 (a CJK locale).
    pub cjk: bool,
    /// Where the shell redirected stdout (`> file`), for `docker save`.
    pub stdout_redirect: Option<String>,
    /// Where the shell redirected stdin (`< file`), for `docker load`.
    pub stdin_redirect: Option<String>,
}

/// A parsed command line: which command, its flags and positional arguments.
#[derive(Clone, Debug)]
pub struct Invocation {
    /// The command path as docker names it (`docker container ls`, `docker ps`).
    pub path: String,
    /// The command this path runs (`ps` for `docker container ls`).
    pub command: String,
    matches: flags::Matches,
}

impl Invocation {
    /// Whether this command has the flag at all (asking for an unknown one is a bug, but
    /// must never take the learner's session down).
    fn has(&self, long: &str) -> bool {
        self.matches.spec().flag(long).is_some()
    }

    /// A bool flag's value (false when not given).
    pub fn bool(&self, long: &str) -> bool {
        self.has(long) && self.matches.flag_bool(long)
    }

    /// A string flag's value, if given.
    pub fn string(&self, long: &str) -> Option<String> {
        if !self.has(long) {
            return None;
        }
        self.matches
            .was_set(long)
            .then(|| self.matches.flag_str(long).map(str::to_string))
            .flatten()
    }

    /// An int flag's value, if given.
    pub fn int(&self, long: &str) -> Option<i64> {
        if !self.has(long) {
            return None;
        }
        self.matches
            .was_set(long)
            .then(|| self.matches.flag_int(long))
            .flatten()
    }

    /// A repeatable flag's values.
    pub fn list(&self, long: &str) -> Vec<String> {
        if !self.has(long) {
            return Vec::new();
        }
        self.matches.flag_list(long).to_vec()
    }

    /// Whether the flag was given at all.
    pub fn is_set(&self, long: &str) -> bool {
        self.has(long) && self.matches.was_set(long)
    }

    /// Every flag given (long names).
    pub fn set_flags(&self) -> Vec<String> {
        self.matches
            .flags_given()
            .iter()
            .map(|f| (*f).to_string())
            .collect()
    }

    /// Positional arguments.
    pub fn args(&self) -> &[String] {
        self.matches.positionals()
    }
}

/// The command a docker path runs: management forms map to the short ones.
pub fn canonical_command(path: &str) -> String {
    let rest = path.strip_prefix("docker ").unwrap_or(path);
    let mapped = match rest {
        "container ls" | "container list" | "container ps" => "ps",
        "container rm" | "container remove" => "rm",
        "image ls" | "image list" => "images",
        "image rm" | "image remove" => "rmi",
        "container inspect" | "image inspect" | "system prune" | "container prune"
        | "image prune" => rest,
        other => match other.split_once(' ') {
            Some(("container" | "image", sub)) => sub,
            _ => other,
        },
    };
    mapped.to_string()
}

/// Parses `argv` (the words after `docker`) with docker's rules: the command to run, or the
/// output of help, version and usage errors.
pub fn parse_command_line(argv: &[String]) -> Result<Invocation, Output> {
    let mut full = Vec::with_capacity(argv.len() + 1);
    full.push("docker".to_string());
    full.extend(argv.iter().cloned());
    match flags::resolve(&full) {
        flags::Resolution::Exit(early) => {
            let mut out = Output::new();
            for (channel, text) in early.chunks {
                match channel {
                    flags::Channel::Stdout => out.out(text),
                    flags::Channel::Stderr => out.err(text),
                };
            }
            out.code(early.exit_code);
            Err(out)
        }
        flags::Resolution::Run(inv) => {
            let path = inv.spec.path.clone();
            Ok(Invocation {
                command: canonical_command(&path),
                path,
                matches: inv.matches.clone(),
            })
        }
    }
}

/// Runs `docker` with `argv` (the words after `docker`).
pub fn run_docker(engine: &mut Engine, ctx: &mut Ctx<'_>, argv: &[String]) -> Output {
    let mut full = Vec::with_capacity(argv.len() + 1);
    full.push("docker".to_string());
    full.extend(argv.iter().cloned());
    let (inv, notices) = match flags::resolve(&full) {
        flags::Resolution::Exit(early) => {
            let mut out = Output::new();
            for (channel, text) in early.chunks {
                match channel {
                    flags::Channel::Stdout => out.out(text),
                    flags::Channel::Stderr => out.err(text),
                };
            }
            out.code(early.exit_code);
            return out;
        }
        flags::Resolution::Run(inv) => {
            let path = inv.spec.path.clone();
            (
                Invocation {
                    command: canonical_command(&path),
                    path,
                    matches: inv.matches.clone(),
                },
                inv.notices.clone(),
            )
        }
    };
    let mut out = Output::new();
    for (channel, text) in notices {
        match channel {
            flags::Channel::Stdout => out.out(text),
            flags::Channel::Stderr => out.err(text),
        };
    }
    let result = match handler(&inv.command) {
        Some(h) => {
            engine.receive_request(&inv.path);
            h(engine, ctx, &inv)
        }
        None => output::failure(
            format!(
                "dockersim: '{}'은(는) 실제 Docker에는 있지만 dockersim에서는 아직 흉내 내지 않는 명령입니다. 'help'로 쓸 수 있는 명령을 확인하세요.",
                inv.path
            ),
            1,
        ),
    };
    let code = result.exit_code;
    let attached = result.attached.clone();
    let running = result.running.clone();
    out.extend(result);
    out.exit_code = code;
    out.attached = attached;
    out.running = running;
    out
}

type Handler = fn(&mut Engine, &mut Ctx<'_>, &Invocation) -> Output;

/// The commands dockersim emulates, by canonical name.
fn handler(command: &str) -> Option<Handler> {
    Some(match command {
        "run" => containers::run,
        "create" => containers::create,
        "start" => containers::start,
        "stop" => containers::stop,
        "kill" => containers::kill,
        "restart" => containers::restart,
        "pause" => containers::pause,
        "unpause" => containers::unpause,
        "rm" => containers::rm,
        "rename" => containers::rename,
        "exec" => containers::exec,
        "attach" => containers::attach,
        "wait" => container_info::wait,
        "port" => container_info::port,
        "top" => container_info::top,
        "diff" => container_info::diff,
        "cp" => container_files::cp,
        "commit" => container_files::commit,
        "logs" => containers::logs,
        "ps" => list::ps,
        "images" => list::images,
        "pull" => image_cmds::pull,
        "tag" => image_cmds::tag,
        "rmi" => image_cmds::rmi,
        "save" => image_cmds::save,
        "load" => image_cmds::load,
        "system prune" => image_cmds::system_prune,
        "container prune" => image_cmds::container_prune,
        "image prune" => image_cmds::image_prune,
        "inspect" => inspect::inspect,
        "container inspect" => inspect::container_inspect,
        "image inspect" => inspect::image_inspect,
        "version" => inspect::version,
        _ => return None,
    })
}

/// `docker ARGV` on `engine` with an empty virtual host and no terminal, for unit tests.
#[cfg(test)]
pub(crate) fn docker_for_test(engine: &mut Engine, argv: &[&str]) -> Output {
    let mut host = HostFs::default();
    let mut ask = |_: &str| None;
    let mut ctx = Ctx {
        host: &mut host,
        ask: &mut ask,
        stdin_tty: false,
        echo_answers: false,
        cjk: false,
        stdout_redirect: None,
        stdin_redirect: None,
    };
    let argv: Vec<String> = argv.iter().map(|a| (*a).to_string()).collect();
    run_docker(engine, &mut ctx, &argv)
}
