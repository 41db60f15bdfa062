//! Container commands: run, create, start, attach, stop, kill, restart, pause, unpause, rm,
//! rename, exec, logs.

use super::output::{daemon_text, failure, run_failure, Attached, Output, Running};
use super::pull::pull_lines;
use super::{Ctx, Invocation};
use crate::engine::container::{PortBinding, RestartPolicy};
use crate::engine::containers::{CreateSpec, ExecOptions};
use crate::engine::reference::ImageRef;
use crate::engine::{Chunk, Engine, EngineError, Status, Stream};
use chrono::{DateTime, Utc};

/// Flags of `run`/`create` that dockersim acts on; any other flag gets a plain message.
const EMULATED_CREATE_FLAGS: &[&str] = &[
    "detach",
    "interactive",
    "tty",
    "name",
    "rm",
    "publish",
    "env",
    "entrypoint",
    "stop-timeout",
    "stop-signal",
    "restart",
    "pull",
    "quiet",
    "workdir",
    "hostname",
    "label",
    "user",
    "expose",
    "attach",
    "sig-proxy",
    "help",
];

/// Parses one `-p` value into bindings (`8080:80` binds IPv4 and IPv6, as docker does).
fn parse_publish(spec: &str) -> Result<Vec<PortBinding>, String> {
    let (spec, proto) = match spec.rsplit_once('/') {
        Some((s, p)) => (s, p.to_string()),
        None => (spec, "tcp".to_string()),
    };
    if proto != "tcp" && proto != "udp" && proto != "sctp" {
        return Err(format!("invalid proto: {proto}"));
    }
    let parts: Vec<&str> = spec.rsplitn(3, ':').collect();
    let (ip, host, container) = match parts.as_slice() {
        [c] => (None, "", *c),
        [c, h] => (None, *h, *c),
        [c, h, ip] => (
            Some(ip.trim_start_matches('[').trim_end_matches(']')),
            *h,
            *c,
        ),
        _ => return Err(format!("invalid port format: {spec}")),
    };
    let container_port: u16 = container
        .parse()
        .map_err(|_| format!("invalid containerPort: {container}"))?;
    let host_port: u16 = if host.is_empty() {
        // An unpublished host port gets a random ephemeral one; dockersim picks a fixed one.
        32768
    } else {
        host.parse()
            .map_err(|_| format!("invalid hostPort: {host}"))?
    };
    let ips: Vec<String> = match ip {
        Some(ip) if !ip.is_empty() => vec![ip.to_string()],
        _ => vec!["0.0.0.0".to_string(), "::".to_string()],
    };
    Ok(ips
        .into_iter()
        .map(|host_ip| PortBinding {
            host_ip,
            host_port,
            container_port,
            proto: proto.clone(),
        })
        .collect())
}

fn parse_restart(value: &str) -> Result<RestartPolicy, String> {
    let (name, max) = match value.split_once(':') {
        Some((n, m)) => (n, Some(m)),
        None => (value, None),
    };
    match (name, max) {
        ("no", None) | ("", None) => Ok(RestartPolicy::No),
        ("always", None) => Ok(RestartPolicy::Always),
        ("unless-stopped", None) => Ok(RestartPolicy::UnlessStopped),
        ("on-failure", None) => Ok(RestartPolicy::OnFailure(None)),
        ("on-failure", Some(m)) => m
            .parse::<u32>()
            .map(|n| RestartPolicy::OnFailure(Some(n)))
            .map_err(|_| format!("invalid restart policy format: maximum retry count must be an integer: {value}")),
        (_, Some(_)) if name != "on-failure" => Err(format!(
            "invalid restart policy format: maximum retry count can only be used with 'on-failure': {value}"
        )),
        _ => Err(format!("invalid restart policy format: unknown policy '{name}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'")),
    }
}

/// The shared front half of `run` and `create`: flags → spec, image lookup and pull.
/// Returns the spec, the pull text (stderr) and whether `--rm` etc. apply.
struct Prepared {
    spec: CreateSpec,
    detach: bool,
}

fn not_emulated_flags(inv: &Invocation) -> Option<String> {
    let unknown: Vec<String> = inv
        .set_flags()
        .into_iter()
        .filter(|f| !EMULATED_CREATE_FLAGS.contains(&f.as_str()))
        .map(|f| format!("--{f}"))
        .collect();
    if unknown.is_empty() {
        None
    } else {
        Some(format!(
            "dockersim: {} 옵션은 아직 흉내 내지 않습니다. 이 옵션을 빼고 다시 실행해 보세요.",
            unknown.join(", ")
        ))
    }
}

fn prepare(
    engine: &mut Engine,
    ctx: &mut Ctx<'_>,
    inv: &Invocation,
    out: &mut Output,
    command: &str,
) -> Result<Prepared, Output> {
    // `run` prefixes its client-side errors with `docker:` and a footer; `create` too.
    let fail = |msg: String, code: i32| run_failure(command, msg, code);
    if let Some(msg) = not_emulated_flags(inv) {
        return Err(failure(msg, 125));
    }
    let detach = inv.bool("detach");
    if detach && inv.is_set("attach") {
        return Err(failure(
            "conflicting options: cannot specify both --attach and --detach",
            1,
        ));
    }
    let tty = inv.bool("tty");
    let interactive = inv.bool("interactive");
    if interactive && !ctx.stdin_tty && tty {
        return Err(failure("the input device is not a TTY", 1));
    }
    let auto_remove = inv.bool("rm");
    let restart = match inv.string("restart") {
        Some(v) => parse_restart(&v).map_err(|m| fail(m, 125))?,
        None => RestartPolicy::No,
    };
    if auto_remove && restart != RestartPolicy::No {
        return Err(fail(
            "conflicting options: cannot specify both --restart and --rm".to_string(),
            125,
        ));
    }
    let pull_policy = inv.string("pull").unwrap_or_else(|| "missing".to_string());
    if !["always", "missing", "never"].contains(&pull_policy.as_str()) {
        return Err(fail(
            format!("invalid pull option: '{pull_policy}': must be one of \"always\", \"missing\" or \"never\""),
            125,
        ));
    }
    let mut ports = Vec::new();
    for p in inv.list("publish") {
        ports.extend(parse_publish(&p).map_err(|m| fail(m, 125))?);
    }
    let args = inv.args();
    let Some(image_arg) = args.first().cloned() else {
        return Err(failure("docker: image name is required", 125));
    };
    let parsed = ImageRef::parse(&image_arg).map_err(|e| fail(e.to_string(), 125))?;
    let quiet = inv.bool("quiet");
    let found = engine.find_image(&image_arg).ok().flatten();
    let image_id = match (found, pull_policy.as_str()) {
        (Some(id), "missing") | (Some(id), "never") => {
            engine.note_cache_hit(&parsed.clone().with_default_tag().familiar());
            id
        }
        (None, "never") => {
            return Err(daemon_fail(
                command,
                &EngineError::NoSuchImage(parsed.with_default_tag().familiar()),
            ))
        }
        (found, _) => {
            let familiar = parsed.clone().with_default_tag().familiar();
            if found.is_none() && !quiet {
                out.errln(format!("Unable to find image '{familiar}' locally"));
            }
            match engine.pull(&parsed) {
                Ok(report) => {
                    if !quiet {
                        out.err(pull_lines(&report));
                    }
                }
                Err(e) => {
                    let mut failed = std::mem::take(out);
                    failed.extend(daemon_fail(command, &e));
                    failed.exit_code = if command == "run" { 125 } else { 1 };
                    return Err(failed);
                }
            }
            match engine.find_image(&image_arg).ok().flatten() {
                Some(id) => id,
                None => return Err(daemon_fail(command, &EngineError::NoSuchImage(familiar))),
            }
        }
    };
    let cmd: Vec<String> = args[1..].to_vec();
    let stop_timeout = inv.int("stop-timeout");
    let spec = CreateSpec {
        image_ref: image_arg,
        image_id,
        name: inv.string("name"),
        cmd: if cmd.is_empty() { None } else { Some(cmd) },
        entrypoint: inv.string("entrypoint"),
        env: inv.list("env"),
        tty,
        open_stdin: interactive,
        ports,
        restart,
        auto_remove,
        stop_signal: inv.string("stop-signal"),
        stop_timeout,
        workdir: inv.string("workdir"),
        hostname: inv.string("hostname"),
        labels: inv
            .list("label")
            .iter()
            .map(|l| match l.split_once('=') {
                Some((k, v)) => (k.to_string(), v.to_string()),
                None => (l.clone(), String::new()),
            })
            .collect(),
        user: inv.string("user"),
    };
    Ok(Prepared { spec, detach })
}

/// A daemon error as `run` prints it (`docker: Error response from daemon: …` + footer, 125)
/// or as other commands print it (`Error response from daemon: …`, 1).
fn daemon_fail(command: &str, e: &EngineError) -> Output {
    match e {
        EngineError::NotEmulated(msg) => failure(msg, 125),
        _ if command == "run" => run_failure("run", daemon_text(e), 125),
        _ => failure(daemon_text(e), 1),
    }
}

/// `docker create`.
pub fn create(engine: &mut Engine, ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    let mut out = Output::new();
    let prepared = match prepare(engine, ctx, inv, &mut out, "create") {
        Ok(p) => p,
        Err(o) => return o,
    };
    match engine.create(prepared.spec) {
        Ok(id) => {
            out.outln(id);
        }
        Err(e) => {
            out.extend(daemon_fail("create", &e));
            out.code(1);
        }
    }
    out
}

/// `docker run`: create, start, and either print the ID (`-d`) or attach.
pub fn run(engine: &mut Engine, ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    let mut out = Output::new();
    let prepared = match prepare(engine, ctx, inv, &mut out, "run") {
        Ok(p) => p,
        Err(o) => return o,
    };
    let tty = prepared.spec.tty;
    let interactive = prepared.spec.open_stdin;
    let auto_remove = prepared.spec.auto_remove;
    let id = match engine.create(prepared.spec) {
        Ok(id) => id,
        Err(e) => {
            out.extend(daemon_fail("run", &e));
            out.code(125);
            return out;
        }
    };
    let first_log = 0;
    if let Err(e) = engine.start(&id) {
        out.extend(daemon_fail("run", &e));
        out.code(e.start_exit_code().unwrap_or(125));
        if auto_remove {
            let _ = engine.remove(&id, &id, true);
        }
        return out;
    }
    if prepared.detach {
        out.outln(&id);
        return out;
    }
    attach_until_exit(
        engine,
        &id,
        first_log,
        tty,
        interactive,
        auto_remove,
        false,
        &mut out,
    );
    out
}

/// Streams a started container's output until it exits; if it never does by itself, the
/// output says the terminal is held.
#[allow(clippy::too_many_arguments)]
fn attach_until_exit(
    engine: &mut Engine,
    id: &str,
    first_log: usize,
    tty: bool,
    interactive: bool,
    auto_remove: bool,
    is_exec: bool,
    out: &mut Output,
) {
    let program = engine
        .state()
        .container(id)
        .and_then(|c| c.program.clone())
        .unwrap_or_default();
    let code = engine.wait_exit(id);
    for entry in engine_output(engine, id, first_log) {
        match entry.0 {
            Stream::Stdout => out.out(entry.1),
            Stream::Stderr => out.err(entry.1),
        };
    }
    match code {
        Some(code) => {
            out.code(code);
        }
        None => {
            // Only a shell reading its input is a prompt; `sh -c …` and `sh FILE` run a script.
            let reads_input = engine
                .state()
                .container(id)
                .is_some_and(|c| c.args.iter().all(|a| a.starts_with('-') && a != "-c"));
            let shell =
                interactive && reads_input && matches!(program.as_str(), "sh" | "ash" | "bash");
            out.attached = Some(Attached {
                container: id.to_string(),
                shell,
                tty,
                is_exec,
                auto_remove,
                wait: None,
            });
        }
    }
}

/// The container's output from log entry `first` on, as far as it has happened by now.
/// `first` counts in absolute log positions (see `Engine::log_offset`), so a log that rotated
/// meanwhile does not make the client skip or repeat output.
fn engine_output(engine: &mut Engine, id: &str, first: usize) -> Vec<(Stream, String)> {
    let now = engine.now();
    let skip = first.saturating_sub(engine.log_offset(id));
    match engine
        .state()
        .container(id)
        .or_else(|| engine.recently_removed(id))
    {
        Some(c) => c
            .logs
            .iter()
            .skip(skip)
            .filter(|l| l.time <= now)
            .map(|l| (l.stream, l.text.clone()))
            .collect(),
        None => Vec::new(),
    }
}

/// `docker attach CONTAINER`: the terminal is held by a running container, as by
/// `docker start -a`; what it prints from now on shows, Ctrl-C reaches it as SIGINT (docker's
/// signal proxy, or the tty), and its exit code is the command's.
pub fn attach(engine: &mut Engine, _ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    if inv.is_set("detach-keys") {
        return failure(
            "dockersim: --detach-keys 옵션은 아직 흉내 내지 않습니다.",
            1,
        );
    }
    if inv.is_set("sig-proxy") && !inv.bool("sig-proxy") {
        return failure(
            "dockersim: --sig-proxy=false 는 흉내 내지 않습니다. Ctrl-C가 컨테이너에 전달되는 기본 동작만 있습니다.",
            1,
        );
    }
    let reference = &inv.args()[0];
    if reference.is_empty() {
        return failure(super::container_info::EMPTY_CONTAINER, 1);
    }
    let id = match engine.resolve_container(reference) {
        Ok(id) => id,
        Err(e) => return failure(daemon_text(&e), 1),
    };
    let offset = engine.log_offset(&id);
    let Some(c) = engine.state().container(&id) else {
        return failure(
            format!("Error response from daemon: No such container: {reference}"),
            1,
        );
    };
    // The client's own checks on the inspected state, in its order (a restarting container
    // counts as running for the daemon).
    match c.state.status {
        Status::Paused => {
            return failure(
                "You cannot attach to a paused container, unpause it first",
                1,
            )
        }
        Status::Restarting => {
            return failure(
                "You cannot attach to a restarting container, wait until it is running",
                1,
            )
        }
        Status::Running => {}
        _ => {
            return failure(
                "You cannot attach to a stopped container, start it first",
                1,
            )
        }
    }
    // Output already written shows no more; what the process writes from now on does (the
    // log holds lines due later too).
    let now = engine.now();
    let Some(c) = engine.state().container(&id) else {
        return Output::new();
    };
    let (tty, stdin, auto_remove, first_log) = (
        c.config.tty,
        c.config.open_stdin && !inv.bool("no-stdin"),
        c.host.auto_remove,
        offset + c.logs.iter().filter(|l| l.time <= now).count(),
    );
    let mut out = Output::new();
    attach_until_exit(
        engine,
        &id,
        first_log,
        tty,
        stdin,
        auto_remove,
        false,
        &mut out,
    );
    out
}

/// `docker start [-a] CONTAINER...`.
pub fn start(engine: &mut Engine, _ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    let mut out = Output::new();
    let attach = inv.bool("attach") || inv.bool("interactive");
    let args = inv.args();
    if attach {
        if args.len() > 1 {
            return failure("you cannot start and attach multiple containers at once", 1);
        }
        let reference = &args[0];
        let id = match engine.resolve_container(reference) {
            Ok(id) => id,
            Err(e) => return failure(daemon_text(&e), 1),
        };
        let offset = engine.log_offset(&id);
        let (tty, interactive, auto_remove, running, first_log) = engine
            .state()
            .container(&id)
            .map(|c| {
                (
                    c.config.tty,
                    c.config.open_stdin,
                    c.host.auto_remove,
                    c.is_running(),
                    offset + c.logs.len(),
                )
            })
            .unwrap_or_default();
        if !running {
            if let Err(e) = engine.start(&id) {
                out.daemon_error(&e).code(1);
                return out;
            }
        }
        attach_until_exit(
            engine,
            &id,
            first_log,
            tty,
            interactive && inv.bool("interactive"),
            auto_remove,
            false,
            &mut out,
        );
        return out;
    }
    let mut failed = Vec::new();
    for reference in args {
        let result = engine
            .resolve_container(reference)
            .and_then(|id| engine.start(&id));
        match result {
            Ok(()) => {
                out.outln(reference);
            }
            Err(e) => {
                out.daemon_error(&e);
                failed.push(reference.clone());
            }
        }
    }
    if !failed.is_empty() {
        out.errln(format!(
            "Error: failed to start containers: {}",
            failed.join(", ")
        ));
        out.code(1);
    }
    out
}

/// Runs `action` for each argument, printing the argument on success and the daemon's error
/// otherwise; exit 1 if any failed.
fn for_each_container(
    engine: &mut Engine,
    args: &[String],
    mut action: impl FnMut(&mut Engine, &str, &str) -> Result<(), EngineError>,
) -> Output {
    let mut out = Output::new();
    for reference in args {
        let result = engine
            .resolve_container(reference)
            .and_then(|id| action(engine, &id, reference));
        match result {
            Ok(()) => {
                out.outln(reference);
            }
            Err(e) => {
                out.daemon_error(&e).code(1);
            }
        }
    }
    out
}

/// `--time` (deprecated) and `--timeout` together are refused by the client.
fn conflicting_timeouts(inv: &Invocation) -> Option<Output> {
    let given = inv.set_flags();
    (given.iter().any(|f| f == "time") && given.iter().any(|f| f == "timeout")).then(|| {
        failure(
            "conflicting options: cannot specify both --timeout and --time",
            1,
        )
    })
}

/// `docker stop [-s SIG] [-t N] CONTAINER...`.
pub fn stop(engine: &mut Engine, _ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    if let Some(out) = conflicting_timeouts(inv) {
        return out;
    }
    let signal = inv.string("signal");
    let timeout = inv.int("timeout").or_else(|| inv.int("time"));
    let mut out = Output::new();
    out.extend(for_each_container(engine, inv.args(), |e, id, _| {
        e.stop(id, signal.as_deref(), timeout).map(|_| ())
    }));
    let code = if out.stderr().is_empty() { 0 } else { 1 };
    out.code(code);
    out
}

/// `docker kill [-s SIG] CONTAINER...`.
pub fn kill(engine: &mut Engine, _ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    let signal = inv.string("signal");
    let mut out = Output::new();
    for reference in inv.args() {
        let result = engine
            .resolve_container(reference)
            .and_then(|id| engine.kill(&id, reference, signal.as_deref()));
        match result {
            Ok(()) => {
                out.outln(reference);
            }
            Err(EngineError::NoSuchContainer(name)) => {
                out.errln(format!(
                    "Error response from daemon: cannot kill container: {reference}: No such container: {name}"
                ))
                .code(1);
            }
            Err(e) => {
                out.daemon_error(&e).code(1);
            }
        }
    }
    out
}

/// `docker restart [-s SIG] [-t N] CONTAINER...`.
pub fn restart(engine: &mut Engine, _ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    if let Some(out) = conflicting_timeouts(inv) {
        return out;
    }
    let signal = inv.string("signal");
    let timeout = inv.int("timeout").or_else(|| inv.int("time"));
    for_each_container(engine, inv.args(), |e, id, _| {
        e.stop(id, signal.as_deref(), timeout)?;
        e.start(id)
    })
}

/// `docker pause CONTAINER...`.
pub fn pause(engine: &mut Engine, _ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    for_each_container(engine, inv.args(), |e, id, _| e.pause(id))
}

/// `docker unpause CONTAINER...`.
pub fn unpause(engine: &mut Engine, _ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    for_each_container(engine, inv.args(), |e, id, _| e.unpause(id))
}

/// `docker rm [-f] CONTAINER...`.
pub fn rm(engine: &mut Engine, _ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    let force = inv.bool("force");
    // Anonymous volumes are not emulated, so `-v` has nothing to remove; links do not exist.
    if inv.bool("link") {
        return failure("dockersim: --link 옵션은 흉내 내지 않습니다.", 1);
    }
    let mut out = Output::new();
    for raw in inv.args() {
        let reference = raw.trim_matches('/');
        if reference.is_empty() {
            out.errln("container name cannot be empty").code(1);
            continue;
        }
        let result = engine
            .resolve_container(reference)
            .and_then(|id| engine.remove(&id, reference, force));
        match result {
            // The CLI trims slashes for the request but prints the argument as typed.
            Ok(()) => {
                out.outln(raw);
            }
            // `rm -f` of a missing container reports it but succeeds.
            Err(e @ EngineError::NoSuchContainer(_)) if force => {
                out.daemon_error(&e);
            }
            Err(e) => {
                out.daemon_error(&e).code(1);
            }
        }
    }
    out
}

/// `docker rename OLD NEW`.
pub fn rename(engine: &mut Engine, _ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    let args = inv.args();
    let (old, new) = (args[0].trim(), args[1].trim());
    if old.is_empty() || new.is_empty() {
        return failure("Error: Neither old nor new names may be empty", 1);
    }
    let result = engine
        .resolve_container(old)
        .and_then(|id| engine.rename(&id, new));
    match result {
        Ok(()) => Output::new(),
        Err(e) => {
            let mut out = Output::new();
            out.daemon_error(&e)
                .errln(format!(
                    "Error: failed to rename container named {}",
                    args[0]
                ))
                .code(1);
            out
        }
    }
}

/// `docker exec [-it] [-e] [-w] CONTAINER COMMAND...`.
pub fn exec(engine: &mut Engine, ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    for flag in ["privileged", "env-file", "detach-keys"] {
        if inv.is_set(flag) {
            return failure(
                format!("dockersim: --{flag} 옵션은 아직 흉내 내지 않습니다."),
                1,
            );
        }
    }
    let tty = inv.bool("tty");
    let interactive = inv.bool("interactive");
    if tty && interactive && !ctx.stdin_tty {
        return failure("the input device is not a TTY", 1);
    }
    let args = inv.args();
    let reference = &args[0];
    let argv: Vec<String> = args[1..].to_vec();
    let id = match engine.resolve_container(reference) {
        Ok(id) => id,
        Err(e) => return failure(daemon_text(&e), 1),
    };
    let workdir = inv.string("workdir");
    let env = inv.list("env");
    let options = ExecOptions {
        env: &env,
        workdir: workdir.as_deref(),
        tty,
        interactive,
        detach: inv.bool("detach"),
    };
    let report = match engine.exec(&id, reference, &argv, &options) {
        Ok(r) => r,
        Err(e) => return failure(daemon_text(&e), 1),
    };
    let mut out = Output::new();
    if inv.bool("detach") {
        return out;
    }
    let chunks: Vec<Chunk> = report
        .output
        .into_iter()
        .map(|mut chunk| {
            if tty {
                chunk.text = chunk.text.replace('\n', "\r\n").replace("\r\r\n", "\r\n");
                chunk.stream = Stream::Stdout;
            }
            chunk
        })
        .collect();
    if let (Some(until), Some(code)) = (report.running_until, report.exit_code) {
        // Still running: the terminal shows its output as its time comes.
        out.running = Some(Box::new(Running {
            started: report.started,
            until,
            output: chunks,
            code,
        }));
        return out;
    }
    for chunk in chunks {
        match chunk.stream {
            Stream::Stdout => out.out(chunk.text),
            Stream::Stderr => out.err(chunk.text),
        };
    }
    match report.exit_code {
        Some(code) => {
            out.code(code);
        }
        None => {
            let shell = interactive
                && matches!(
                    argv.first().map(String::as_str),
                    Some("sh" | "ash" | "bash" | "/bin/sh" | "/bin/bash" | "/bin/ash")
                );
            out.attached = Some(Attached {
                container: id,
                shell,
                tty,
                is_exec: true,
                auto_remove: false,
                wait: None,
            });
        }
    }
    out
}

/// `docker logs [-t] [-n N] CONTAINER`.
pub fn logs(engine: &mut Engine, _ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    for flag in ["follow", "since", "until", "details"] {
        if inv.is_set(flag) {
            return failure(
                format!("dockersim: --{flag} 옵션은 아직 흉내 내지 않습니다."),
                1,
            );
        }
    }
    let reference = &inv.args()[0];
    let entries = match engine
        .resolve_container(reference)
        .and_then(|id| engine.logs(&id))
    {
        Ok(e) => e,
        Err(e) => return failure(daemon_text(&e), 1),
    };
    // Split into lines so --tail and -t work per line, as docker's log driver stores them.
    let mut lines: Vec<(Stream, String, DateTime<Utc>)> = Vec::new();
    for e in entries {
        for line in e.text.split_inclusive('\n') {
            lines.push((e.stream, line.to_string(), e.time));
        }
    }
    if let Some(tail) = inv.string("tail") {
        if tail != "all" {
            match tail.parse::<i64>() {
                Ok(n) if n >= 0 => {
                    let n = n as usize;
                    if lines.len() > n {
                        lines.drain(..lines.len() - n);
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Output::new();
    for (stream, text, time) in lines {
        let text = if inv.bool("timestamps") {
            format!("{} {text}", time.format("%Y-%m-%dT%H:%M:%S%.9fZ"))
        } else {
            text
        };
        match stream {
            Stream::Stdout => out.out(text),
            Stream::Stderr => out.err(text),
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::cli::docker_for_test as docker;
    use crate::engine::Engine;

    #[test]
    fn rm_prints_the_argument_as_typed_slash_included() {
        let mut engine = Engine::scripted(1);
        engine.preload("alpine").unwrap();
        docker(
            &mut engine,
            &["run", "-d", "--name", "web", "alpine", "sleep", "100"],
        );
        let out = docker(&mut engine, &["rm", "-f", "/web"]);
        assert_eq!((out.stdout().as_str(), out.exit_code), ("/web\n", 0));
    }
}
