//! The container half of the daemon: create, start, stop, kill, pause, rename, exec, remove,
//! and the lazy settling of exits and restarts.

use super::container::{
    valid_name, Container, ContainerConfig, ContainerState, HostConfig, LogEntry, PortBinding,
    RestartPolicy, Status,
};
use super::event::{parse_signal, signal_name, SignalNumber, SIGKILL};
use super::fs::{FileTree, Node, Overlay};
use super::minishell::PromptShell;
use super::names::{random_id, random_name};
use super::program::{self, Chunk, Lifetime, ProcessEnv, Reaction, Stream};
use super::{Engine, EngineError, EventKind, WaitReason, MAX_LOG_BYTES, MAX_LOG_ENTRIES};
use chrono::{DateTime, Duration as ChronoDuration, Utc};
use std::time::Duration;

/// What docker's init layer adds to every container when the image lacks it: the folders
/// the runtime mounts (`/dev`, `/proc`, `/sys`) and the files it bind-mounts into `/etc`
/// (`hostname`, `hosts`, `resolv.conf`, and `mtab`, a link to `/proc/mounts`). So
/// `docker run busybox ls /` lists `proc` and `sys` and `ls /etc` lists those files,
/// although the images have none of them. The image's tree is shared as is when it has them
/// all, and none of it counts as a change of the container.
fn with_mountpoints(image: &std::sync::Arc<FileTree>) -> std::sync::Arc<FileTree> {
    if !lacks_init_layer(image) {
        return image.clone();
    }
    let mut tree = (**image).clone();
    add_init_layer(&mut tree);
    std::sync::Arc::new(tree)
}

const INIT_DIRS: [&str; 4] = ["/dev", "/etc", "/proc", "/sys"];
const INIT_FILES: [(&str, &str); 4] = [
    ("/etc/hostname", ""),
    (
        "/etc/hosts",
        "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n",
    ),
    ("/etc/mtab", ""),
    ("/etc/resolv.conf", ""),
];

fn lacks_init_layer(tree: &FileTree) -> bool {
    INIT_DIRS.iter().any(|p| tree.get(p).is_none())
        || INIT_FILES.iter().any(|(p, _)| tree.get(p).is_none())
}

/// Adds what docker's init layer would to `tree` (see `with_mountpoints`). Images get it once
/// when they enter the cache, so their containers share one tree instead of a copy each.
pub(crate) fn add_init_layer(tree: &mut FileTree) {
    for p in INIT_DIRS {
        if tree.get(p).is_none() {
            tree.insert(p, Node::Dir);
        }
    }
    for (p, content) in INIT_FILES {
        if tree.get(p).is_none() {
            tree.insert(p, Node::File(content.to_string()));
        }
    }
}

/// What `docker create`/`run` asks for.
#[derive(Clone, Debug, Default)]
pub struct CreateSpec {
    /// The image reference as typed (`Config.Image`).
    pub image_ref: String,
    /// The resolved image ID.
    pub image_id: String,
    /// `--name`.
    pub name: Option<String>,
    /// Command override (`docker run IMAGE CMD...`).
    pub cmd: Option<Vec<String>>,
    /// `--entrypoint` (an empty string resets it).
    pub entrypoint: Option<String>,
    /// `-e KEY=VALUE` (a bare `KEY` is dropped, as docker drops unset host vars).
    pub env: Vec<String>,
    /// `-t`.
    pub tty: bool,
    /// `-i`.
    pub open_stdin: bool,
    /// `-p` bindings.
    pub ports: Vec<PortBinding>,
    /// `--restart`.
    pub restart: RestartPolicy,
    /// `--rm`.
    pub auto_remove: bool,
    /// `--stop-signal`.
    pub stop_signal: Option<String>,
    /// `--stop-timeout`.
    pub stop_timeout: Option<i64>,
    /// `-w`.
    pub workdir: Option<String>,
    /// `--hostname`.
    pub hostname: Option<String>,
    /// `-l`.
    pub labels: Vec<(String, String)>,
    /// `-u`.
    pub user: Option<String>,
}

/// How `docker stop` went, for the narrator and the countdown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StopReport {
    /// The signal sent first (0 when the container was not running).
    pub signal: SignalNumber,
    /// Whether PID 1 ignored it.
    pub ignored: bool,
    /// Whether SIGKILL followed after the timeout.
    pub killed: bool,
    /// How long the stop took.
    pub waited: Duration,
}

/// What one line typed at a container shell did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShellLine {
    /// Output.
    pub output: Vec<Chunk>,
    /// Exit status of the line.
    pub code: i32,
    /// Whether the line ran `exit`.
    pub exited: bool,
    /// Whether a command started that never ends by itself.
    pub blocked: bool,
    /// When the line ends, if it was still running when `shell_line` returned (an
    /// interactive terminal shows its output as time passes); `output` is timed from `started`.
    pub running_until: Option<DateTime<Utc>>,
    /// When the line started.
    pub started: DateTime<Utc>,
}

/// How `docker exec` starts its command.
#[derive(Clone, Copy, Debug, Default)]
pub struct ExecOptions<'a> {
    /// `-e KEY=VALUE` variables.
    pub env: &'a [String],
    /// `-w DIR`.
    pub workdir: Option<&'a str>,
    /// `-t`.
    pub tty: bool,
    /// `-i`.
    pub interactive: bool,
    /// `-d`: the command runs in the background and nothing waits for it.
    pub detach: bool,
}

/// The result of `docker exec`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExecReport {
    /// What the command printed, timed from `started`.
    pub output: Vec<Chunk>,
    /// Its exit code; `None` while it keeps running (it holds the terminal).
    pub exit_code: Option<i32>,
    /// When the command started.
    pub started: DateTime<Utc>,
    /// When it ends, if it was still running when `exec` returned (an interactive terminal
    /// shows its output as time passes and lets Ctrl-C cut it).
    pub running_until: Option<DateTime<Utc>>,
}

const MAX_SETTLE_STEPS: usize = 100_000;

impl Engine {
    /// Finds a container: full ID, then exact name, then unique ID prefix.
    pub fn resolve_container(&mut self, reference: &str) -> Result<String, EngineError> {
        self.settle();
        self.lookup_container(reference)
    }

    fn lookup_container(&self, reference: &str) -> Result<String, EngineError> {
        if reference.is_empty() {
            return Err(EngineError::EmptyReference);
        }
        if self.state.containers.contains_key(reference) {
            return Ok(reference.to_string());
        }
        let name = reference.strip_prefix('/').unwrap_or(reference);
        if let Some(id) = self.state.names.get(name) {
            return Ok(id.clone());
        }
        let mut matches = self
            .state
            .containers
            .range(reference.to_string()..)
            .take_while(|(id, _)| id.starts_with(reference))
            .map(|(id, _)| id.clone());
        match (matches.next(), matches.next()) {
            (Some(id), None) => Ok(id),
            (Some(_), Some(_)) => Err(EngineError::AmbiguousPrefix(reference.to_string())),
            _ => Err(EngineError::NoSuchContainer(reference.to_string())),
        }
    }

    fn container_mut(&mut self, id: &str) -> Result<&mut Container, EngineError> {
        self.state
            .containers
            .get_mut(id)
            .ok_or_else(|| EngineError::NoSuchContainer(id.to_string()))
    }

    /// Creates a container (`docker create`), returning its 64-hex ID.
    pub fn create(&mut self, spec: CreateSpec) -> Result<String, EngineError> {
        self.settle();
        let image = self
            .state
            .images
            .get(&spec.image_id)
            .cloned()
            .ok_or_else(|| EngineError::NoSuchImage(spec.image_ref.clone()))?;
        if let Some(name) = &spec.name {
            let bare = name.strip_prefix('/').unwrap_or(name);
            if !valid_name(bare) {
                return Err(EngineError::InvalidName(name.clone()));
            }
            if let Some(holder) = self.state.names.get(bare) {
                return Err(EngineError::NameInUse {
                    name: bare.to_string(),
                    id: holder.clone(),
                });
            }
        }
        let id = loop {
            let id = random_id(&mut self.rng);
            if !self.state.containers.contains_key(&id) {
                break id;
            }
        };
        let name = match &spec.name {
            Some(n) => n.strip_prefix('/').unwrap_or(n).to_string(),
            None => self.generate_name(&id),
        };
        let entrypoint = match &spec.entrypoint {
            Some(e) if e.is_empty() => Vec::new(),
            Some(e) => vec![e.clone()],
            None => image.config.entrypoint.clone(),
        };
        // A new entrypoint drops the image's CMD, as docker does.
        let cmd = match (&spec.cmd, &spec.entrypoint) {
            (Some(c), _) if !c.is_empty() => c.clone(),
            (_, Some(_)) => Vec::new(),
            _ => image.config.cmd.clone(),
        };
        let mut full: Vec<String> = entrypoint.iter().chain(cmd.iter()).cloned().collect();
        if full.is_empty() {
            return Err(EngineError::Conflict("no command specified".to_string()));
        }
        let path = full.remove(0);
        let mut env = image.config.env.clone();
        for kv in &spec.env {
            if let Some((key, _)) = kv.split_once('=') {
                env.retain(|e| e.split_once('=').map(|(k, _)| k) != Some(key));
                env.push(kv.clone());
            }
        }
        let mut exposed = image.config.exposed_ports.clone();
        for b in &spec.ports {
            let port = format!("{}/{}", b.container_port, b.proto);
            if !exposed.contains(&port) {
                exposed.push(port);
            }
        }
        let stop_signal = spec
            .stop_signal
            .clone()
            .or_else(|| image.config.stop_signal.clone())
            .unwrap_or_else(|| "SIGTERM".to_string());
        let seq = self.state.next_seq;
        self.state.next_seq += 1;
        let now = self.clock.now();
        let container = Container {
            id: id.clone(),
            name: name.clone(),
            image_id: image.id.clone(),
            created: now,
            seq,
            path,
            args: full,
            config: ContainerConfig {
                image: spec.image_ref.clone(),
                cmd,
                entrypoint,
                env,
                tty: spec.tty,
                open_stdin: spec.open_stdin,
                stop_signal_set: spec.stop_signal.is_some() || image.config.stop_signal.is_some(),
                stop_signal,
                stop_timeout: spec.stop_timeout,
                exposed_ports: exposed,
                labels: spec.labels.clone(),
                hostname: spec
                    .hostname
                    .clone()
                    .unwrap_or_else(|| id[..12].to_string()),
                working_dir: spec
                    .workdir
                    .clone()
                    .unwrap_or_else(|| image.config.working_dir.clone()),
                user: spec
                    .user
                    .clone()
                    .unwrap_or_else(|| image.config.user.clone()),
            },
            host: HostConfig {
                port_bindings: spec.ports.clone(),
                restart: spec.restart.clone(),
                auto_remove: spec.auto_remove,
            },
            state: ContainerState {
                status: Status::Created,
                pid: 0,
                exit_code: 0,
                error: String::new(),
                started_at: None,
                finished_at: None,
                stopped_by_user: false,
            },
            restart_count: 0,
            program: None,
            handlers: None,
            fs: Overlay::new(with_mountpoints(&image.fs)),
            logs: Vec::new(),
            timer: None,
            restart_at: None,
        };
        self.state.names.insert(name.clone(), id.clone());
        self.state.order.insert(seq, id.clone());
        self.state.containers.insert(id.clone(), container);
        self.emit(EventKind::ContainerCreated {
            id: id.clone(),
            name,
            image: spec.image_ref,
        });
        self.emit(EventKind::SnapshotMounted { id: id.clone() });
        Ok(id)
    }

    fn generate_name(&mut self, id: &str) -> String {
        for retry in 0..6 {
            let name = random_name(&mut self.rng, retry);
            if !self.state.names.contains_key(&name) {
                return name;
            }
        }
        id[..12].to_string()
    }

    /// Starts a container (`docker start`). Starting a running one is a no-op success.
    pub fn start(&mut self, id: &str) -> Result<(), EngineError> {
        self.settle();
        let c = self.container_mut(id)?;
        match c.state.status {
            Status::Paused => return Err(EngineError::StartPaused),
            Status::Running => return Ok(()),
            Status::Removing => {
                return Err(EngineError::Conflict(
                    "container is marked for removal and cannot be started".to_string(),
                ))
            }
            _ => {}
        }
        c.state.stopped_by_user = false;
        let now = self.clock.now();
        let started = self.start_process(id, now);
        self.settle();
        started
    }

    /// Runs PID 1 of a created or exited container, as of `now`.
    fn start_process(&mut self, id: &str, now: DateTime<Utc>) -> Result<(), EngineError> {
        let endpoint_seed = random_id(&mut self.rng);
        let Some(c) = self.state.containers.get(id) else {
            return Err(EngineError::NoSuchContainer(id.to_string()));
        };
        // Ports first: docker sets up networking before the process starts.
        for b in &c.host.port_bindings {
            let key = (b.host_ip.clone(), b.host_port, b.proto.clone());
            if let Some(holder) = self.state.ports.get(&key) {
                if holder != id {
                    let shown_ip = if b.host_ip == "::" {
                        "[::]".to_string()
                    } else {
                        b.host_ip.clone()
                    };
                    return Err(EngineError::PortAllocated {
                        name: c.name.clone(),
                        endpoint: endpoint_seed,
                        host: shown_ip,
                        port: b.host_port,
                    });
                }
            }
        }
        let mut argv = vec![c.path.clone()];
        argv.extend(c.args.iter().cloned());
        let from_image = c.config.cmd
            == self
                .state
                .images
                .get(&c.image_id)
                .map(|i| i.config.cmd.clone())
                .unwrap_or_default();
        let env = process_env(c, c.config.tty, &[]);
        let cwd = if c.config.working_dir.is_empty() {
            "/".to_string()
        } else {
            c.config.working_dir.clone()
        };
        let hostname = c.config.hostname.clone();
        let tty = c.config.tty;
        let stdin_open = c.config.open_stdin;
        let pid1_command = argv.join(" ");
        self.emit(EventKind::ResourcesAllocated { id: id.to_string() });
        let Some(c) = self.state.containers.get_mut(id) else {
            return Err(EngineError::NoSuchContainer(id.to_string()));
        };
        let mut penv = ProcessEnv {
            argv: &argv,
            env: &env,
            hostname: &hostname,
            cwd: &cwd,
            fs: &mut c.fs,
            tty,
            stdin_open,
            pid1: true,
            now,
            pid1_command: &pid1_command,
            stdin: None,
        };
        let spawned = match program::spawn(&mut penv) {
            Ok(s) => s,
            Err(e) => {
                let exit_code = e.exit_code();
                let message = e.to_string();
                c.state.exit_code = exit_code;
                c.state.error = EngineError::StartFailed {
                    message: message.clone(),
                    exit_code,
                }
                .to_string();
                self.emit(EventKind::StartFailed {
                    id: id.to_string(),
                    message: message.clone(),
                });
                return Err(EngineError::StartFailed { message, exit_code });
            }
        };
        c.state.status = Status::Running;
        c.state.pid = 1000 + (c.seq % 60000) as u32;
        c.state.exit_code = 0;
        c.state.error.clear();
        c.state.started_at = Some(now);
        c.restart_at = None;
        c.program = Some(spawned.program.clone());
        c.handlers = spawned.handlers.clone();
        let logged = push_logs(&mut c.logs, now, &spawned.output, tty);
        let seq = c.seq;
        let bindings = c.host.port_bindings.clone();
        if let Lifetime::Exits { code, after } = spawned.lifetime {
            // An end past the calendar's horizon never comes: the process runs until stopped.
            if let Some(at) = later(now, after) {
                c.timer = Some((at, code));
                self.state.timers.insert((at, seq));
            }
        }
        for b in bindings {
            self.state
                .ports
                .insert((b.host_ip, b.host_port, b.proto), id.to_string());
        }
        if !spawned.output.is_empty() {
            self.trim_logs(id, logged);
        }
        self.emit(EventKind::ProcessStarted {
            id: id.to_string(),
            command: argv,
            from_image,
        });
        Ok(())
    }

    /// Settles everything due by now: natural exits, restarts, `--rm` removals.
    pub fn settle(&mut self) {
        let now = self.clock.now();
        for _ in 0..MAX_SETTLE_STEPS {
            let Some(&(at, seq)) = self.state.timers.iter().next() else {
                return;
            };
            if at > now {
                return;
            }
            self.state.timers.remove(&(at, seq));
            let Some(id) = self.state.order.get(&seq).cloned() else {
                continue;
            };
            let Some(c) = self.state.containers.get(&id) else {
                continue;
            };
            if c.state.status == Status::Restarting && c.restart_at == Some(at) {
                let at = self.fast_forward_restarts(&id, at, now);
                self.restart_now(&id, at);
            } else if let Some((when, code)) = c.timer {
                if when == at && c.state.status == Status::Running {
                    self.finish(&id, at, code, false);
                }
            }
        }
    }

    fn restart_now(&mut self, id: &str, at: DateTime<Utc>) {
        if let Some(c) = self.state.containers.get_mut(id) {
            c.restart_count += 1;
            c.state.status = Status::Exited;
        }
        self.emit(EventKind::Restarted { id: id.to_string() });
        // The restart happens at `at`, which may be earlier than the clock's now.
        if self.start_process(id, at).is_err() {
            if let Some(c) = self.state.containers.get_mut(id) {
                c.state.status = Status::Exited;
            }
        }
    }

    /// Ctrl-C cut a line typed at container `id`'s `-it` shell: what the line would have
    /// written later never happens, so it leaves the log.
    pub fn forget_future_logs(&mut self, id: &str) {
        let now = self.clock.now();
        let Some(c) = self.state.containers.get_mut(id) else {
            return;
        };
        let before: usize = c.logs.iter().map(|l| l.text.len()).sum();
        c.logs.retain(|l| l.time <= now);
        let after: usize = c.logs.iter().map(|l| l.text.len()).sum();
        if let Some(book) = self.state.log_books.get_mut(id) {
            book.bytes = book.bytes.saturating_sub(before - after);
        }
    }

    /// Applies the log cap to container `id` after `added` bytes were written to its log:
    /// past [`MAX_LOG_ENTRIES`] entries or [`MAX_LOG_BYTES`] bytes the oldest half goes, as
    /// a log driver with two rotated files drops the older file. Cheap unless it trims.
    pub(crate) fn trim_logs(&mut self, id: &str, added: usize) {
        let Some(c) = self.state.containers.get_mut(id) else {
            return;
        };
        let book = match self.state.log_books.get_mut(id) {
            Some(book) => book,
            None => self.state.log_books.entry(id.to_string()).or_default(),
        };
        book.bytes = book.bytes.saturating_add(added);
        let len = c.logs.len();
        if len <= MAX_LOG_ENTRIES && book.bytes <= MAX_LOG_BYTES {
            return;
        }
        let mut drop = if len > MAX_LOG_ENTRIES {
            len - MAX_LOG_ENTRIES / 2
        } else {
            0
        };
        let mut bytes: usize = c.logs[drop..].iter().map(|l| l.text.len()).sum();
        if bytes > MAX_LOG_BYTES / 2 && book.bytes > MAX_LOG_BYTES {
            // The newest entry stays, however long.
            while bytes > MAX_LOG_BYTES / 2 && drop + 1 < len {
                bytes -= c.logs[drop].text.len();
                drop += 1;
            }
        }
        c.logs.drain(..drop);
        book.dropped += drop;
        book.bytes = bytes;
    }

    /// Remembers one cycle of a restart loop (started at `started`, ended at `ended` with
    /// `code`, to restart at `next`), and whether it repeated the cycle before exactly:
    /// same run time, exit code, back-off, output and file system.
    fn note_cycle(
        &mut self,
        id: &str,
        started: DateTime<Utc>,
        ended: DateTime<Utc>,
        code: i32,
        next: DateTime<Utc>,
    ) {
        let Some(c) = self.state.containers.get(id) else {
            return;
        };
        // The cycle's own output: the newest entries, written since it started.
        let mut output: Vec<(ChronoDuration, Stream, String)> = Vec::new();
        for l in c.logs.iter().rev().take_while(|l| l.time >= started) {
            if output.len() >= MAX_LOG_ENTRIES {
                self.restart_loops.remove(id);
                return;
            }
            output.push((l.time - started, l.stream, l.text.clone()));
        }
        output.reverse();
        let cycle = LoopCycle {
            count: c.restart_count,
            started,
            run: ended - started,
            period: next - started,
            code,
            bytes: output.iter().map(|(_, _, t)| t.len()).sum(),
            output,
            fs: c.fs.clone(),
            repeats: false,
        };
        let repeats = self.restart_loops.get(id).is_some_and(|prev| {
            prev.count.checked_add(1) == Some(cycle.count)
                && prev.started.checked_add_signed(prev.period) == Some(started)
                && prev.run == cycle.run
                && prev.period == cycle.period
                && prev.code == cycle.code
                && prev.output == cycle.output
                && prev.fs == cycle.fs
        });
        self.restart_loops
            .insert(id.to_string(), LoopCycle { repeats, ..cycle });
    }

    /// A restart loop that repeats exactly (see [`Engine::note_cycle`]) is due to restart at
    /// `at`: skips, arithmetically, the whole cycles that end by `now`, and returns when the
    /// first cycle left to play starts. The skipped cycles count as restarts, draw what
    /// their starts would from the random generator (so later IDs and names are the same
    /// as step by step), and leave their last output in the log (up to the cap); they
    /// record no events. So `sleep 8640000` beside a crash-looping container settles its
    /// 144,000 restarts at once instead of one by one. With published ports it stops at the
    /// next timer of another container, which could take a port meanwhile.
    fn fast_forward_restarts(
        &mut self,
        id: &str,
        at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> DateTime<Utc> {
        let (Some(cycle), Some(c)) = (self.restart_loops.get(id), self.state.containers.get(id))
        else {
            return at;
        };
        if !cycle.repeats
            || cycle.count != c.restart_count
            || cycle.started.checked_add_signed(cycle.period) != Some(at)
            || c.fs != cycle.fs
            || c.state.stopped_by_user
        {
            return at;
        }
        let mut limit = now;
        if !c.host.port_bindings.is_empty() {
            if let Some(&(next, _)) = self.state.timers.iter().next() {
                limit = limit.min(next);
            }
        }
        let period = nanos(cycle.period);
        if period <= 0 || limit <= at {
            return at;
        }
        // Whole cycles whose next restart is due by `limit`.
        let mut skip = nanos(limit - at) / period;
        let count = i128::from(c.restart_count);
        match c.host.restart {
            RestartPolicy::No => return at,
            RestartPolicy::Always | RestartPolicy::UnlessStopped => {}
            RestartPolicy::OnFailure(max) => {
                if cycle.code == 0 {
                    return at;
                }
                // Cycle j runs as restart count+1+j; it restarts again while below max.
                if let Some(max) = max {
                    skip = skip.min(i128::from(max) - count - 1);
                }
            }
        }
        skip = skip.min(i128::from(u32::MAX) - count);
        let Ok(skip) = u32::try_from(skip) else {
            return at;
        };
        if skip == 0 {
            return at;
        }
        let (Some(resume), Some(last_start)) = (
            add_nanos(at, period * i128::from(skip)),
            add_nanos(at, period * i128::from(skip - 1)),
        ) else {
            return at;
        };
        let Some(last_end) = last_start.checked_add_signed(cycle.run) else {
            return at;
        };
        for _ in 0..skip {
            skip_random_id(&mut self.rng);
        }
        let (output, per_cycle_bytes) = (cycle.output.clone(), cycle.bytes);
        let Some(c) = self.state.containers.get_mut(id) else {
            return at;
        };
        c.restart_count += skip;
        c.state.started_at = Some(last_start);
        c.state.finished_at = Some(last_end);
        // Only the last cycles' output can survive the log cap.
        let mut logged = 0;
        if !output.is_empty() {
            let by_entries = (MAX_LOG_ENTRIES / output.len()).max(1);
            let by_bytes = (MAX_LOG_BYTES / per_cycle_bytes.max(1)).max(1);
            let kept = u32::try_from(by_entries.min(by_bytes))
                .unwrap_or(u32::MAX)
                .min(skip);
            if kept < skip {
                // What the earlier skipped cycles wrote pushed everything older out.
                let gone = c.logs.len() + (skip - kept) as usize * output.len();
                c.logs.clear();
                let book = self.state.log_books.entry(id.to_string()).or_default();
                book.dropped += gone;
                book.bytes = 0;
            }
            for j in (skip - kept)..skip {
                let Some(start) = add_nanos(at, period * i128::from(j)) else {
                    continue;
                };
                for (offset, stream, text) in &output {
                    let Some(time) = start.checked_add_signed(*offset) else {
                        continue;
                    };
                    logged += text.len();
                    c.logs.push(LogEntry {
                        time,
                        stream: *stream,
                        text: text.clone(),
                    });
                }
            }
        }
        if let Some(cycle) = self.restart_loops.get_mut(id) {
            cycle.count += skip;
            cycle.started = last_start;
        }
        if !output.is_empty() {
            self.trim_logs(id, logged);
        }
        resume
    }

    /// The main process ended at `at` with `code`.
    fn finish(&mut self, id: &str, at: DateTime<Utc>, code: i32, by_user: bool) {
        let Some(c) = self.state.containers.get_mut(id) else {
            return;
        };
        if let Some((when, _)) = c.timer.take() {
            self.state.timers.remove(&(when, c.seq));
        }
        // Output the process would have written after its death never appears.
        c.logs.retain(|l| l.time <= at);
        c.state.status = Status::Exited;
        c.state.exit_code = code;
        c.state.pid = 0;
        c.state.finished_at = Some(at);
        c.program = None;
        if by_user {
            c.state.stopped_by_user = true;
        }
        let seq = c.seq;
        let started = c.state.started_at.unwrap_or(at);
        let restart = match &c.host.restart {
            RestartPolicy::No => false,
            RestartPolicy::Always | RestartPolicy::UnlessStopped => !c.state.stopped_by_user,
            RestartPolicy::OnFailure(max) => {
                !c.state.stopped_by_user && code != 0 && max.is_none_or(|m| c.restart_count < m)
            }
        };
        let auto_remove = c.host.auto_remove;
        release_ports(&mut self.state.ports, &c.host.port_bindings, id);
        self.emit(EventKind::Exited {
            id: id.to_string(),
            code,
        });
        if restart {
            // moby doubles the delay from 100 ms, and resets it after 10 s of running.
            let Some(c) = self.state.containers.get_mut(id) else {
                return;
            };
            let ran = (at - started).num_seconds();
            let exponent = if ran >= 10 {
                0
            } else {
                c.restart_count.min(10)
            };
            let delay_ms = (100u64 << exponent).min(60_000);
            // A restart past the calendar's horizon never happens: the container stays exited.
            let Some(when) = later(at, Duration::from_millis(delay_ms)) else {
                return;
            };
            c.state.status = Status::Restarting;
            c.restart_at = Some(when);
            self.state.timers.insert((when, seq));
            self.note_cycle(id, started, at, code, when);
        } else if auto_remove {
            self.remove_now(id);
        }
    }

    /// Stops a container (`docker stop`): the stop signal, a wait of up to `timeout` seconds
    /// (the container's `--stop-timeout` or 10 s when `None`), then SIGKILL.
    pub fn stop(
        &mut self,
        id: &str,
        signal: Option<&str>,
        timeout: Option<i64>,
    ) -> Result<StopReport, EngineError> {
        self.settle();
        let c = self.container_mut(id)?;
        if c.state.status == Status::Restarting {
            // Stopping a restarting container cancels the restart.
            c.state.status = Status::Exited;
            c.state.stopped_by_user = true;
            if let Some(at) = c.restart_at.take() {
                let seq = c.seq;
                self.state.timers.remove(&(at, seq));
            }
        }
        let c = self.container_mut(id)?;
        if !c.is_running() {
            return Ok(StopReport {
                signal: 0,
                ignored: false,
                killed: false,
                waited: Duration::ZERO,
            });
        }
        let signal_text = signal
            .map(str::to_string)
            .unwrap_or_else(|| c.config.stop_signal.clone());
        let signal_number = parse_signal(&signal_text)
            .ok_or_else(|| EngineError::Conflict(format!("Invalid signal: {signal_text}")))?;
        let timeout = timeout.or(c.config.stop_timeout).unwrap_or(10);
        let paused = c.state.status == Status::Paused;
        let program = c.program.clone().unwrap_or_default();
        let handlers = c.handlers.clone();
        let name = c.name.clone();
        let natural = c.timer;
        let now = self.clock.now();
        self.emit(EventKind::SignalSent {
            id: id.to_string(),
            signal: signal_number,
        });
        // A frozen process cannot run its handler.
        let reaction = if paused {
            Reaction::Ignored
        } else {
            program::react_with(&program, handlers.as_deref(), signal_number, true, now)
        };
        let (exit_at, code, output) = match reaction {
            Reaction::Exits {
                code,
                after,
                output,
            } => (later(now, after), code, output),
            Reaction::Handled { output } => (None, 0, output),
            Reaction::Ignored => (None, 0, vec![]),
        };
        if exit_at.is_none() {
            self.emit(EventKind::SignalIgnored {
                id: id.to_string(),
                signal: signal_number,
            });
        }
        if let Some(c) = self.state.containers.get_mut(id) {
            let logged = push_logs(&mut c.logs, now, &output, c.config.tty);
            if !output.is_empty() {
                self.trim_logs(id, logged);
            }
        }
        // The process ends by itself, by the signal, or by SIGKILL at the deadline.
        // A deadline past the calendar's horizon is no deadline, like `-t -1`.
        let deadline = u64::try_from(timeout)
            .ok()
            .and_then(|secs| later(now, Duration::from_secs(secs)));
        let candidates = [
            exit_at.map(|t| (t, code, false)),
            natural
                .filter(|_| !paused)
                .map(|(t, natural_code)| (t, natural_code, false)),
            deadline.map(|t| (t, 128 + SIGKILL, true)),
        ];
        let Some((end, code, killed)) = candidates
            .into_iter()
            .flatten()
            .min_by_key(|(t, _, killed)| (*t, *killed))
        else {
            return Err(EngineError::NotEmulated(format!(
                "dockersim: 컨테이너 {name}이(가) 신호를 무시하고, 시간 제한이 없어(-t -1) 영원히 기다리게 됩니다. 기다리지 않고 멈춥니다."
            )));
        };
        self.clock.wait_until(
            end,
            &WaitReason::StopTimeout {
                container: name,
                signal: signal_name(signal_number),
                timeout_secs: timeout,
                ignored: exit_at.is_none(),
            },
        );
        if killed {
            self.emit(EventKind::StopTimeoutExpired {
                id: id.to_string(),
                seconds: timeout,
            });
            self.emit(EventKind::SignalSent {
                id: id.to_string(),
                signal: SIGKILL,
            });
        }
        self.finish(id, end, code, true);
        self.settle();
        Ok(StopReport {
            signal: signal_number,
            ignored: exit_at.is_none(),
            killed,
            waited: (end - now).to_std().unwrap_or_default(),
        })
    }

    /// Sends a signal (`docker kill`, default SIGKILL). `reference` is the name as typed, for
    /// the error text.
    pub fn kill(
        &mut self,
        id: &str,
        reference: &str,
        signal: Option<&str>,
    ) -> Result<(), EngineError> {
        self.settle();
        let c = self.container_mut(id)?;
        let signal_text = signal.unwrap_or("SIGKILL").to_string();
        let Some(signal_number) = parse_signal(&signal_text) else {
            return Err(EngineError::Conflict(format!(
                "Invalid signal: {signal_text}"
            )));
        };
        if !c.is_running() {
            return Err(EngineError::NotRunning(format!(
                "cannot kill container: {reference}: container {} is not running",
                c.id
            )));
        }
        let paused = c.state.status == Status::Paused;
        let program = c.program.clone().unwrap_or_default();
        let handlers = c.handlers.clone();
        let now = self.clock.now();
        self.emit(EventKind::SignalSent {
            id: id.to_string(),
            signal: signal_number,
        });
        let reaction = if paused && signal_number != SIGKILL {
            Reaction::Ignored
        } else {
            program::react_with(&program, handlers.as_deref(), signal_number, true, now)
        };
        match reaction {
            Reaction::Ignored => self.emit(EventKind::SignalIgnored {
                id: id.to_string(),
                signal: signal_number,
            }),
            Reaction::Handled { output } => {
                if let Some(c) = self.state.containers.get_mut(id) {
                    let logged = push_logs(&mut c.logs, now, &output, c.config.tty);
                    if !output.is_empty() {
                        self.trim_logs(id, logged);
                    }
                }
            }
            Reaction::Exits {
                code,
                after,
                output,
            } => {
                if let Some(c) = self.state.containers.get_mut(id) {
                    let logged = push_logs(&mut c.logs, now, &output, c.config.tty);
                    if !output.is_empty() {
                        self.trim_logs(id, logged);
                    }
                }
                // A handler that would end past the calendar's horizon never ends.
                if let Some(end) = later(now, after) {
                    self.clock.wait_until(end, &WaitReason::Attached);
                    self.finish(id, end, code, true);
                }
            }
        }
        self.settle();
        Ok(())
    }

    /// Freezes a running container (`docker pause`).
    pub fn pause(&mut self, id: &str) -> Result<(), EngineError> {
        self.settle();
        let c = self.container_mut(id)?;
        match c.state.status {
            Status::Paused => {
                return Err(EngineError::Conflict(format!(
                    "Container {} is already paused",
                    c.id
                )))
            }
            Status::Running => {}
            _ => {
                return Err(EngineError::NotRunning(format!(
                    "Container {} is not running",
                    c.id
                )))
            }
        }
        c.state.status = Status::Paused;
        // A frozen process does not reach its natural end; unpause sets the timer again.
        if let Some((at, _)) = c.timer {
            let seq = c.seq;
            self.state.timers.remove(&(at, seq));
        }
        self.emit(EventKind::Paused { id: id.to_string() });
        Ok(())
    }

    /// Thaws a paused container (`docker unpause`).
    pub fn unpause(&mut self, id: &str) -> Result<(), EngineError> {
        self.settle();
        let now = self.clock.now();
        let c = self.container_mut(id)?;
        if c.state.status != Status::Paused {
            return Err(EngineError::Conflict(format!(
                "Container {} is not paused",
                c.id
            )));
        }
        c.state.status = Status::Running;
        if let Some((at, code)) = c.timer {
            let at = at.max(now);
            c.timer = Some((at, code));
            let seq = c.seq;
            self.state.timers.insert((at, seq));
        }
        self.emit(EventKind::Unpaused { id: id.to_string() });
        self.settle();
        Ok(())
    }

    /// Renames a container (`docker rename`).
    pub fn rename(&mut self, id: &str, new_name: &str) -> Result<(), EngineError> {
        self.settle();
        let bare = new_name.strip_prefix('/').unwrap_or(new_name).to_string();
        let old = self.container_mut(id)?.name.clone();
        if old == bare {
            return Err(EngineError::Conflict(
                "Renaming a container with the same name as its current name".to_string(),
            ));
        }
        if !valid_name(&bare) {
            return Err(EngineError::Conflict(format!(
                "Error when allocating new name: Invalid container name (/{bare}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"
            )));
        }
        if let Some(holder) = self.state.names.get(&bare) {
            return Err(EngineError::Conflict(format!(
                "Error when allocating new name: {}",
                EngineError::NameInUse {
                    name: bare.clone(),
                    id: holder.clone(),
                }
            )));
        }
        self.state.names.remove(&old);
        self.state.names.insert(bare.clone(), id.to_string());
        self.container_mut(id)?.name = bare.clone();
        self.emit(EventKind::Renamed {
            id: id.to_string(),
            old_name: old,
            new_name: bare,
        });
        Ok(())
    }

    /// Removes a container (`docker rm`); `reference` is the argument as typed (for the text).
    pub fn remove(&mut self, id: &str, reference: &str, force: bool) -> Result<(), EngineError> {
        self.settle();
        let c = self.container_mut(id)?;
        let status = c.state.status;
        if !force {
            let why = match status {
                Status::Paused => Some("container is paused and must be unpaused first"),
                Status::Restarting => Some(
                    "container is restarting: stop the container before removing or force remove",
                ),
                Status::Running => {
                    Some("container is running: stop the container before removing or force remove")
                }
                _ => None,
            };
            if let Some(why) = why {
                return Err(EngineError::Conflict(format!(
                    "cannot remove container \"{reference}\": {why}"
                )));
            }
        }
        if matches!(
            status,
            Status::Running | Status::Paused | Status::Restarting
        ) {
            let now = self.clock.now();
            self.emit(EventKind::SignalSent {
                id: id.to_string(),
                signal: SIGKILL,
            });
            if let Some(c) = self.state.containers.get_mut(id) {
                if let Some(at) = c.restart_at.take() {
                    let seq = c.seq;
                    self.state.timers.remove(&(at, seq));
                }
                c.host.auto_remove = false;
                c.host.restart = RestartPolicy::No;
            }
            self.finish(id, now, 128 + SIGKILL, true);
        }
        self.remove_now(id);
        Ok(())
    }

    pub(crate) fn remove_now(&mut self, id: &str) {
        if let Some(c) = self.state.containers.remove(id) {
            if let Some((at, _)) = c.timer {
                self.state.timers.remove(&(at, c.seq));
            }
            if let Some(at) = c.restart_at {
                self.state.timers.remove(&(at, c.seq));
            }
            self.state.names.remove(&c.name);
            self.state.order.remove(&c.seq);
            release_ports(&mut self.state.ports, &c.host.port_bindings, id);
            self.restart_loops.remove(id);
            let dropped = self.state.log_books.remove(id).map_or(0, |b| b.dropped);
            self.emit(EventKind::Removed { id: id.to_string() });
            if self.recently_removed.len() >= 8 {
                self.recently_removed.pop_front();
            }
            self.recently_removed.push_back((c, dropped));
        }
    }

    /// Waits until the container's main process ends by itself; `None` if it never will
    /// (a server, or a shell waiting on input): the caller then holds the terminal.
    pub fn wait_exit(&mut self, id: &str) -> Option<i32> {
        self.settle();
        let Some(c) = self.state.containers.get(id) else {
            return self.recently_removed(id).map(|c| c.state.exit_code);
        };
        match c.state.status {
            Status::Exited | Status::Created | Status::Dead => Some(c.state.exit_code),
            Status::Running => {
                let (at, _) = c.timer?;
                let why = WaitReason::UntilExit {
                    container: id.to_string(),
                };
                self.clock.wait_until(at, &why);
                self.settle();
                match self.state.containers.get(id) {
                    Some(c) => Some(c.state.exit_code).filter(|_| !c.is_running()),
                    None => self.recently_removed(id).map(|c| c.state.exit_code),
                }
            }
            _ => None,
        }
    }

    /// Output a container wrote between `from` and now (for attached runs).
    pub fn output_since(&mut self, id: &str, from: DateTime<Utc>) -> Vec<LogEntry> {
        let now = self.now();
        self.state
            .containers
            .get(id)
            .map(|c| {
                c.logs
                    .iter()
                    .filter(|l| l.time >= from && l.time <= now)
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Everything a container has printed so far (`docker logs`).
    pub fn logs(&mut self, id: &str) -> Result<Vec<LogEntry>, EngineError> {
        let now = self.now();
        let c = self
            .state
            .containers
            .get(id)
            .ok_or_else(|| EngineError::NoSuchContainer(id.to_string()))?;
        Ok(c.logs.iter().filter(|l| l.time <= now).cloned().collect())
    }

    /// Runs a command in a running container (`docker exec`). `reference` is as typed.
    pub fn exec(
        &mut self,
        id: &str,
        reference: &str,
        argv: &[String],
        options: &ExecOptions<'_>,
    ) -> Result<ExecReport, EngineError> {
        let ExecOptions {
            env: extra_env,
            workdir,
            tty,
            interactive,
            detach,
        } = *options;
        self.settle();
        let now = self.clock.now();
        let c = self.container_mut(id)?;
        match c.state.status {
            Status::Paused => {
                return Err(EngineError::Conflict(format!(
                    "Container {reference} is paused, unpause the container before exec"
                )))
            }
            Status::Restarting => {
                return Err(EngineError::Conflict(format!(
                    "Container {} is restarting, wait until the container is running",
                    c.id
                )))
            }
            Status::Running => {}
            _ => {
                return Err(EngineError::NotRunning(format!(
                    "container {} is not running",
                    c.id
                )))
            }
        }
        let env = process_env(c, tty, extra_env);
        let cwd = workdir
            .map(str::to_string)
            .or_else(|| Some(c.config.working_dir.clone()).filter(|w| !w.is_empty()))
            .unwrap_or_else(|| "/".to_string());
        let hostname = c.config.hostname.clone();
        let pid1_command = c.command_line();
        let mut penv = ProcessEnv {
            argv,
            env: &env,
            hostname: &hostname,
            cwd: &cwd,
            fs: &mut c.fs,
            tty,
            stdin_open: interactive,
            pid1: false,
            now,
            pid1_command: &pid1_command,
            stdin: None,
        };
        let mut result = program::spawn(&mut penv);
        // Signals the command sent to PID 1 from inside: delivered after it, and only if
        // PID 1 handles them (never SIGKILL), as the kernel does for a namespace's init.
        let to_pid1 = match &mut result {
            Ok(spawned) => std::mem::take(&mut spawned.pid1_signals),
            Err(_) => Vec::new(),
        };
        self.emit(EventKind::ExecStarted {
            id: id.to_string(),
            command: argv.to_vec(),
        });
        let report = match result {
            Err(e) => ExecReport {
                output: vec![Chunk {
                    at: Duration::ZERO,
                    stream: Stream::Stdout,
                    text: format!(
                        "OCI runtime exec failed: exec failed: unable to start container process: {e}: unknown\r\n"
                    ),
                }],
                exit_code: Some(e.exit_code()),
                started: now,
                running_until: None,
            },
            Ok(spawned) => match spawned.lifetime {
                Lifetime::Exits { code, after } => match later(now, after) {
                    // `-d`: nobody waits for it; it runs on in the container.
                    Some(end) if detach => ExecReport {
                        output: Vec::new(),
                        exit_code: Some(code),
                        started: now,
                        running_until: Some(end),
                    },
                    Some(end) => ExecReport {
                        output: spawned.output,
                        exit_code: Some(code),
                        started: now,
                        running_until: self.wait_foreground(end),
                    },
                    // It would end past the calendar's horizon: it holds the terminal instead.
                    None => ExecReport {
                        output: keep_before_horizon(now, spawned.output),
                        exit_code: None,
                        started: now,
                        running_until: None,
                    },
                },
                Lifetime::Forever => ExecReport {
                    output: spawned.output,
                    exit_code: None,
                    started: now,
                    running_until: None,
                },
            },
        };
        if let Some(code) = report.exit_code {
            self.emit(EventKind::ExecExited {
                id: id.to_string(),
                code,
            });
        }
        for signal in to_pid1 {
            if signal != SIGKILL && signal != 19 {
                let _ = self.kill(id, id, Some(&signal.to_string()));
            }
        }
        self.settle();
        Ok(report)
    }

    /// Lets a foreground command run until `end`. Returns `Some(end)` when the clock returned
    /// before (an interactive terminal streams the rest), `None` when the time has passed.
    fn wait_foreground(&mut self, end: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.clock.wait_until(end, &WaitReason::Foreground);
        (self.clock.now() < end).then_some(end)
    }

    /// Gives the container's PID 1 a signal the learner typed at an attached terminal
    /// (Ctrl-C is SIGINT through docker's signal proxy).
    pub fn signal_attached(&mut self, id: &str, signal: SignalNumber) -> Result<(), EngineError> {
        let reference = id.to_string();
        self.kill(id, &reference, Some(&signal.to_string()))
    }

    /// Runs one line typed at a shell inside the container (`/ # `): the `-it` shell itself
    /// (`pid1_shell`, whose `exit` ends the container) or one opened by `docker exec -it`.
    pub fn shell_line(
        &mut self,
        id: &str,
        line: &str,
        prompt: &mut PromptShell,
        pid1_shell: bool,
    ) -> Result<ShellLine, EngineError> {
        self.settle();
        let now = self.clock.now();
        let c = self.container_mut(id)?;
        if !c.is_running() {
            return Err(EngineError::NotRunning(format!(
                "container {} is not running",
                c.id
            )));
        }
        let env = process_env(c, c.config.tty, &[]);
        let hostname = c.config.hostname.clone();
        let pid1_command = c.command_line();
        let tty = c.config.tty;
        let cwd = prompt.cwd().to_string();
        let mut penv = ProcessEnv {
            argv: &[],
            env: &env,
            hostname: &hostname,
            cwd: &cwd,
            fs: &mut c.fs,
            tty,
            stdin_open: true,
            pid1: pid1_shell,
            now,
            pid1_command: &pid1_command,
            stdin: None,
        };
        let run = super::minishell::run_in(line, &mut penv, prompt);
        // A line that would end past the calendar's horizon never ends: it blocks, as a
        // `sleep infinity` would, and what it prints after that never appears.
        let ends = run.elapsed.map(|elapsed| (elapsed, later(now, elapsed)));
        let beyond = matches!(ends, Some((_, None)));
        let mut running_until = None;
        if let Some((elapsed, Some(end))) = ends {
            if !elapsed.is_zero() {
                if run.exited {
                    // The shell ends with the line: the container's end is due then.
                    self.clock.wait_until(end, &WaitReason::Attached);
                } else {
                    running_until = self.wait_foreground(end);
                }
            }
        }
        if pid1_shell && !run.output.is_empty() {
            if let Some(c) = self.state.containers.get_mut(id) {
                let logged = push_logs(&mut c.logs, now, &run.output, tty);
                self.trim_logs(id, logged);
            }
        }
        let exited = run.exited && !beyond;
        if exited && pid1_shell {
            let end = self.clock.now();
            self.finish(id, end, run.code, false);
        }
        self.settle();
        let output = if beyond {
            keep_before_horizon(now, run.output)
        } else {
            run.output
        };
        Ok(ShellLine {
            output,
            code: run.code,
            exited,
            blocked: run.elapsed.is_none() || beyond,
            running_until,
            started: now,
        })
    }

    /// The files at container path `path` and below, parents first (`docker cp` out of a
    /// container, the daemon's archive endpoint); empty when nothing is there. Works in any
    /// state: the file system outlives the process.
    pub fn archive_path(&mut self, id: &str, path: &str) -> Vec<(String, Node)> {
        self.settle();
        let entries = self
            .state
            .containers
            .get(id)
            .map(|c| c.fs.subtree(path))
            .unwrap_or_default();
        if !entries.is_empty() {
            self.emit(EventKind::FilesCopied {
                id: id.to_string(),
                path: path.to_string(),
                into: false,
            });
        }
        entries
    }

    /// Writes files into container `id` (`docker cp` into a container), parents first;
    /// `shown` is the destination as the learner named it.
    pub fn extract_to_container(&mut self, id: &str, shown: &str, entries: &[(String, Node)]) {
        self.settle();
        let Some(c) = self.state.containers.get_mut(id) else {
            return;
        };
        for (path, node) in entries {
            // A folder that is there already stays as it is (its contents too).
            if *node == Node::Dir && c.fs.is_dir(path) {
                continue;
            }
            c.fs.put(path, node.clone());
        }
        self.emit(EventKind::FilesCopied {
            id: id.to_string(),
            path: shown.to_string(),
            into: true,
        });
    }

    /// Lets a container's file system be changed directly (container shells, lessons).
    pub fn container_fs_mut(&mut self, id: &str) -> Option<&mut Overlay> {
        self.state.containers.get_mut(id).map(|c| &mut c.fs)
    }
}

/// The environment a process in `c` sees: PATH, HOSTNAME, TERM (with a tty), the
/// container's variables, extra ones, and HOME last, in the order runc builds it.
fn process_env(c: &Container, tty: bool, extra: &[String]) -> Vec<String> {
    let mut env = vec![];
    if let Some(path) = c.config.env.iter().find(|e| e.starts_with("PATH=")) {
        env.push(path.clone());
    }
    env.push(format!("HOSTNAME={}", c.config.hostname));
    if tty {
        env.push("TERM=xterm".to_string());
    }
    env.extend(
        c.config
            .env
            .iter()
            .filter(|e| !e.starts_with("PATH="))
            .cloned(),
    );
    env.extend(extra.iter().cloned());
    if !env.iter().any(|e| e.starts_with("HOME=")) {
        env.push("HOME=/root".to_string());
    }
    env
}

/// Appends `output`, written from `start` on, to a log; returns the bytes of text added (for
/// [`Engine::trim_logs`]).
fn push_logs(logs: &mut Vec<LogEntry>, start: DateTime<Utc>, output: &[Chunk], tty: bool) -> usize {
    let mut added = 0;
    for chunk in output {
        // A terminal merges stderr into stdout and turns \n into \r\n.
        let (stream, text) = if tty {
            (Stream::Stdout, chunk.text.replace('\n', "\r\n"))
        } else {
            (chunk.stream, chunk.text.clone())
        };
        // Output due past the calendar's horizon is never written.
        let Some(time) = later(start, chunk.at) else {
            continue;
        };
        added += text.len();
        logs.push(LogEntry { time, stream, text });
    }
    added
}

/// One cycle of a restart loop as it ended (see `Engine::note_cycle`).
#[derive(Clone, Debug)]
pub(crate) struct LoopCycle {
    /// The restart count during the cycle.
    count: u32,
    /// When its process started.
    started: DateTime<Utc>,
    /// How long the process ran.
    run: ChronoDuration,
    /// From its start to the next restart (run time plus back-off).
    period: ChronoDuration,
    /// The exit code.
    code: i32,
    /// What it wrote to the log: offset from its start, stream, text.
    output: Vec<(ChronoDuration, Stream, String)>,
    /// Bytes of text in `output`.
    bytes: usize,
    /// The container's file system when it ended.
    fs: Overlay,
    /// Whether the cycle before it was the same in every respect.
    repeats: bool,
}

/// A time span in nanoseconds, without overflow (spans up to the horizon fit an `i128`).
fn nanos(d: ChronoDuration) -> i128 {
    i128::from(d.num_seconds()) * 1_000_000_000 + i128::from(d.subsec_nanos())
}

/// `t` plus `ns` nanoseconds, or `None` past the horizon.
fn add_nanos(t: DateTime<Utc>, ns: i128) -> Option<DateTime<Utc>> {
    let secs = i64::try_from(ns.div_euclid(1_000_000_000)).ok()?;
    let rest = u32::try_from(ns.rem_euclid(1_000_000_000)).ok()?;
    let d = ChronoDuration::new(secs, rest)?;
    t.checked_add_signed(d)
        .filter(|end| end.timestamp() <= HORIZON_SECS)
}

/// Draws from `rng` exactly what [`random_id`] draws (32 bytes, again while the first 12
/// hex digits are all decimal), without building the ID: a skipped restart's endpoint ID.
fn skip_random_id(rng: &mut impl rand::Rng) {
    loop {
        let mut all_decimal = true;
        for i in 0..32 {
            let byte: u8 = rng.random();
            if i < 6 && (byte >> 4 > 9 || byte & 0x0f > 9) {
                all_decimal = false;
            }
        }
        if !all_decimal {
            return;
        }
    }
}

/// Frees the host ports `id` holds: only its own bindings are looked at, so a stop or a
/// removal costs the same with 10 or 10,000 containers publishing ports.
fn release_ports(
    ports: &mut std::collections::HashMap<(String, u16, String), String>,
    bindings: &[PortBinding],
    id: &str,
) {
    for b in bindings {
        let key = (b.host_ip.clone(), b.host_port, b.proto.clone());
        if ports.get(&key).is_some_and(|holder| holder == id) {
            ports.remove(&key);
        }
    }
}

/// The last instant dockersim's clock may reach, in seconds since 1970: 9999-12-31 23:59:59
/// UTC. A wait or a process end past it counts as "never" (a `sleep` longer than
/// [`program::MAX_SLEEP`] is forever too), so no date arithmetic can run off the end of
/// chrono's calendar.
pub const HORIZON_SECS: i64 = 253_402_300_799;

/// `t + d`, or `None` when that is past the horizon ([`HORIZON_SECS`]); never overflows.
pub fn later(t: DateTime<Utc>, d: Duration) -> Option<DateTime<Utc>> {
    let d = ChronoDuration::from_std(d).ok()?;
    t.checked_add_signed(d)
        .filter(|end| end.timestamp() <= HORIZON_SECS)
}

/// The chunks of `output` written before the calendar's horizon (the rest never appears).
fn keep_before_horizon(start: DateTime<Utc>, output: Vec<Chunk>) -> Vec<Chunk> {
    output
        .into_iter()
        .filter(|chunk| later(start, chunk.at).is_some())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::catalog::Catalog;

    #[test]
    fn containers_get_the_runtime_mountpoints_the_image_lacks() {
        let mut engine = Engine::scripted(1);
        engine.extend_hub(
            Catalog::from_yaml(
                r#"
layers: [{ digest: "sha256:1111111111111111111111111111111111111111111111111111111111111111", size: 1 }]
images:
  - repository: tiny
    tags: ["latest"]
    id: "sha256:2222222222222222222222222222222222222222222222222222222222222222"
    digest: "sha256:3333333333333333333333333333333333333333333333333333333333333333"
    created: "2025-01-01T00:00:00Z"
    size: 1
    layers: ["sha256:1111111111111111111111111111111111111111111111111111111111111111"]
    config: { cmd: ["/bin/sh"] }
    filesystem: tiny
filesystems:
  tiny: { dirs: ["/bin", "/root"], programs: { "/bin/sh": sh } }
"#,
            )
            .unwrap(),
        );
        let image_id = engine.preload("tiny").unwrap();
        let id = engine
            .create(CreateSpec {
                image_ref: "tiny".into(),
                image_id,
                ..Default::default()
            })
            .unwrap();
        let c = engine.state().container(&id).unwrap();
        assert_eq!(c.fs.list("/"), ["bin", "dev", "etc", "proc", "root", "sys"]);
        assert_eq!(
            c.fs.list("/etc"),
            ["hostname", "hosts", "mtab", "resolv.conf"]
        );
        assert!(
            !c.fs.is_changed(),
            "mountpoints are not changes of the container"
        );
    }
}

#[cfg(test)]
mod restart_loop_tests {
    use super::*;
    use crate::engine::names::random_id;
    use rand::SeedableRng;

    /// An engine with alpine and one container `c` under `policy` running `cmd`, started.
    fn looping(policy: RestartPolicy, cmd: &[&str]) -> (Engine, String) {
        let mut engine = Engine::scripted(7);
        let image_id = engine.preload("alpine").unwrap();
        let id = engine
            .create(CreateSpec {
                image_ref: "alpine".into(),
                image_id,
                name: Some("loop".into()),
                cmd: Some(cmd.iter().map(|s| s.to_string()).collect()),
                restart: policy,
                ..Default::default()
            })
            .unwrap();
        engine.start(&id).unwrap();
        (engine, id)
    }

    /// What a step-by-step replay and a fast-forward must agree on.
    fn observed(engine: &mut Engine, id: &str) -> String {
        let offset = engine.log_offset(id);
        let c = engine.state().container(id).unwrap().clone();
        let logs: Vec<String> = c
            .logs
            .iter()
            .map(|l| format!("{} {:?} {}", l.time, l.stream, l.text))
            .collect();
        let image_id = engine.preload("alpine").unwrap();
        let next = engine
            .create(CreateSpec {
                image_ref: "alpine".into(),
                image_id,
                ..Default::default()
            })
            .unwrap();
        let next_name = engine.state().container(&next).unwrap().name.clone();
        format!(
            "count {} status {:?} code {} started {:?} finished {:?} restart_at {:?} offset {offset}\nnext {next} {next_name}\n{}",
            c.restart_count,
            c.state.status,
            c.state.exit_code,
            c.state.started_at,
            c.state.finished_at,
            c.restart_at,
            logs.join("\n")
        )
    }

    /// The same container after `secs` seconds: one long wait (fast-forwarded) and one
    /// second at a time (never a whole cycle to skip). Also whether cycles were skipped
    /// (the skipped ones record no events).
    fn both_ways(policy: RestartPolicy, cmd: &[&str], secs: i64) -> (String, String, bool) {
        let (mut fast, id) = looping(policy.clone(), cmd);
        let start = fast.now();
        fast.wait_until(start + ChronoDuration::seconds(secs), &WaitReason::Sleep);
        let (mut slow, id2) = looping(policy, cmd);
        assert_eq!(id, id2);
        for s in 1..=secs {
            slow.wait_until(start + ChronoDuration::seconds(s), &WaitReason::Sleep);
        }
        let skipped = fast.take_events().len() < slow.take_events().len();
        (observed(&mut fast, &id), observed(&mut slow, &id), skipped)
    }

    #[test]
    fn skipping_an_id_draws_what_random_id_draws() {
        let mut a = rand_chacha::ChaCha8Rng::seed_from_u64(3);
        let mut b = a.clone();
        for _ in 0..5_000 {
            let _ = random_id(&mut a);
            skip_random_id(&mut b);
        }
        assert_eq!(random_id(&mut a), random_id(&mut b));
    }

    #[test]
    fn a_fast_forwarded_restart_loop_ends_as_one_played_step_by_step() {
        let (fast, slow, skipped) = both_ways(RestartPolicy::Always, &["echo", "hi"], 3 * 3600);
        assert!(fast.starts_with("count 18"), "{fast}");
        assert!(skipped);
        assert_eq!(fast, slow);
        let (fast, slow, skipped) = both_ways(
            RestartPolicy::OnFailure(Some(40)),
            &["sh", "-c", "echo out; echo err >&2; exit 3"],
            3 * 3600,
        );
        assert!(fast.starts_with("count 40 status Exited code 3"), "{fast}");
        assert!(skipped);
        assert_eq!(fast, slow);
        let (fast, slow, skipped) = both_ways(RestartPolicy::UnlessStopped, &["false"], 2 * 3600);
        assert!(skipped);
        assert_eq!(fast, slow);
    }

    #[test]
    fn a_loop_that_changes_its_files_is_played_cycle_by_cycle() {
        let (fast, slow, skipped) = both_ways(
            RestartPolicy::Always,
            &["sh", "-c", "echo x >> /f; cat /f; exit 1"],
            3600,
        );
        assert!(!skipped);
        assert_eq!(fast, slow);
    }

    #[test]
    fn a_hundred_days_of_restarts_settle_at_once_with_a_bounded_log() {
        let (mut engine, id) = looping(RestartPolicy::Always, &["echo", "hi"]);
        let start = engine.now();
        engine.wait_until(start + ChronoDuration::days(100), &WaitReason::Sleep);
        let c = engine.state().container(&id).unwrap();
        // About 144,000 cycles of 60 s (plus the first ten, shorter back-offs).
        assert!(c.restart_count > 143_000, "{}", c.restart_count);
        assert!(c.logs.len() <= MAX_LOG_ENTRIES);
        assert_eq!(
            engine.log_offset(&id) + c.logs.len(),
            c.restart_count as usize + 1,
            "one line per run"
        );
        assert!(engine.take_events().len() <= crate::engine::MAX_EVENTS);
    }

    #[test]
    fn the_log_keeps_its_newest_entries_and_counts_the_dropped() {
        let (mut engine, id) = looping(RestartPolicy::No, &["sleep", "1000"]);
        for i in 0..(MAX_LOG_ENTRIES + 1) {
            let c = engine.state.containers.get_mut(&id).unwrap();
            c.logs.push(LogEntry {
                time: c.created,
                stream: Stream::Stdout,
                text: format!("{i}\n"),
            });
            engine.trim_logs(&id, 2);
        }
        let c = engine.state().container(&id).unwrap();
        assert_eq!(c.logs.len(), MAX_LOG_ENTRIES / 2);
        assert_eq!(engine.log_offset(&id), MAX_LOG_ENTRIES / 2 + 1);
        assert_eq!(c.logs[0].text, format!("{}\n", MAX_LOG_ENTRIES / 2 + 1));
        // Bytes too: a few big entries, the newest always kept.
        let big = "x".repeat(MAX_LOG_BYTES);
        for _ in 0..3 {
            let c = engine.state.containers.get_mut(&id).unwrap();
            c.logs.push(LogEntry {
                time: c.created,
                stream: Stream::Stdout,
                text: big.clone(),
            });
            engine.trim_logs(&id, big.len());
        }
        let c = engine.state().container(&id).unwrap();
        assert_eq!(c.logs.len(), 1);
        assert_eq!(c.logs[0].text.len(), MAX_LOG_BYTES);
    }
}
