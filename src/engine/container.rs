//! A container's configuration, state machine and the status text the daemon derives from it.

use super::fs::Overlay;
use super::program::{Handlers, Stream};
use chrono::{DateTime, Utc};
use std::sync::Arc;

/// docker's lifecycle states (`.State`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// Created, never started (or its start failed).
    Created,
    /// The main process runs.
    Running,
    /// Frozen by `docker pause`.
    Paused,
    /// Waiting for the restart policy to start it again.
    Restarting,
    /// Being removed.
    Removing,
    /// The main process ended.
    Exited,
    /// Could not be removed cleanly.
    Dead,
}

impl Status {
    /// The lowercase word docker uses (`running`, `exited`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Created => "created",
            Status::Running => "running",
            Status::Paused => "paused",
            Status::Restarting => "restarting",
            Status::Removing => "removing",
            Status::Exited => "exited",
            Status::Dead => "dead",
        }
    }
}

/// `--restart` policies.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum RestartPolicy {
    /// `no` (the default).
    #[default]
    No,
    /// `always`.
    Always,
    /// `unless-stopped`.
    UnlessStopped,
    /// `on-failure[:max]`.
    OnFailure(Option<u32>),
}

impl RestartPolicy {
    /// The policy's name as `inspect` shows it.
    pub fn name(&self) -> &'static str {
        match self {
            RestartPolicy::No => "no",
            RestartPolicy::Always => "always",
            RestartPolicy::UnlessStopped => "unless-stopped",
            RestartPolicy::OnFailure(_) => "on-failure",
        }
    }
}

/// One published port: `-p [ip:]host:container[/proto]`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PortBinding {
    /// Host address (`0.0.0.0`, `::`, `127.0.0.1`).
    pub host_ip: String,
    /// Host port.
    pub host_port: u16,
    /// Container port.
    pub container_port: u16,
    /// `tcp` or `udp`.
    pub proto: String,
}

/// What the container was created with.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ContainerConfig {
    /// The image reference as the user typed it (`Config.Image`).
    pub image: String,
    /// `Config.Cmd`.
    pub cmd: Vec<String>,
    /// `Config.Entrypoint`.
    pub entrypoint: Vec<String>,
    /// `KEY=VALUE` pairs: image env merged with `-e`.
    pub env: Vec<String>,
    /// `-t`.
    pub tty: bool,
    /// `-i`.
    pub open_stdin: bool,
    /// The signal `docker stop` sends.
    pub stop_signal: String,
    /// `--stop-timeout`, seconds.
    pub stop_timeout: Option<i64>,
    /// Ports the image or `--expose`/`-p` declares (`80/tcp`).
    pub exposed_ports: Vec<String>,
    /// Labels.
    pub labels: Vec<(String, String)>,
    /// Hostname (the short ID unless `--hostname`).
    pub hostname: String,
    /// Working directory.
    pub working_dir: String,
    /// User.
    pub user: String,
    /// Whether the stop signal was set explicitly (shown in inspect).
    pub stop_signal_set: bool,
}

/// Host-side settings.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct HostConfig {
    /// Published ports.
    pub port_bindings: Vec<PortBinding>,
    /// Restart policy.
    pub restart: RestartPolicy,
    /// `--rm`.
    pub auto_remove: bool,
}

/// The mutable state (`State` in inspect).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContainerState {
    /// Lifecycle state.
    pub status: Status,
    /// PID of the main process while running.
    pub pid: u32,
    /// Last exit code (127/126 after a failed start).
    pub exit_code: i32,
    /// Error of a failed start.
    pub error: String,
    /// Last start.
    pub started_at: Option<DateTime<Utc>>,
    /// Last exit.
    pub finished_at: Option<DateTime<Utc>>,
    /// Set by `docker stop`/`kill` so `unless-stopped` and `always` do not restart it.
    pub stopped_by_user: bool,
}

/// A line of container output kept for `docker logs`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogEntry {
    /// When it was written.
    pub time: DateTime<Utc>,
    /// Stream.
    pub stream: Stream,
    /// Text.
    pub text: String,
}

/// A container.
#[derive(Clone, Debug)]
pub struct Container {
    /// 64-hex ID.
    pub id: String,
    /// Name without the leading slash.
    pub name: String,
    /// The image's 64-hex ID.
    pub image_id: String,
    /// Creation time.
    pub created: DateTime<Utc>,
    /// Creation order (ties in time are broken by it).
    pub seq: u64,
    /// `Path`: first word of entrypoint + cmd.
    pub path: String,
    /// `Args`: the rest.
    pub args: Vec<String>,
    /// Config.
    pub config: ContainerConfig,
    /// HostConfig.
    pub host: HostConfig,
    /// State.
    pub state: ContainerState,
    /// How many times the restart policy restarted it.
    pub restart_count: u32,
    /// The simulated program running as PID 1 (while running).
    pub program: Option<String>,
    /// How PID 1 answers signals when it is a shell with `trap`s (while running; see
    /// [`program::react_with`](super::program::react_with)).
    pub handlers: Option<Arc<Handlers>>,
    /// The container's file system.
    pub fs: Overlay,
    /// Everything the container printed, for `docker logs` (may hold lines due later).
    pub logs: Vec<LogEntry>,
    /// Pending timer: when the main process ends by itself and with which code.
    pub timer: Option<(DateTime<Utc>, i32)>,
    /// When the restart policy will start it again (while restarting).
    pub restart_at: Option<DateTime<Utc>>,
}

impl Container {
    /// The first 12 hex characters of the ID.
    pub fn short_id(&self) -> &str {
        &self.id[..12]
    }

    /// Whether the main process is alive (running or paused).
    pub fn is_running(&self) -> bool {
        matches!(self.state.status, Status::Running | Status::Paused)
    }

    /// `Path` and `Args` as the daemon shows COMMAND: args containing a space are single-quoted.
    pub fn command_line(&self) -> String {
        let mut parts = vec![self.path.clone()];
        for arg in &self.args {
            if arg.contains(' ') {
                parts.push(format!("'{arg}'"));
            } else {
                parts.push(arg.clone());
            }
        }
        parts.join(" ")
    }

    /// `Path` and `Args` as `ps` shows a process's command line: words joined by spaces.
    pub fn command_line_plain(&self) -> String {
        let mut parts = vec![self.path.as_str()];
        parts.extend(self.args.iter().map(String::as_str));
        parts.join(" ")
    }

    /// The daemon's STATUS text at `now`, in docker's precedence order.
    pub fn status_text(
        &self,
        now: DateTime<Utc>,
        human: impl Fn(std::time::Duration) -> String,
    ) -> String {
        let since = |t: Option<DateTime<Utc>>| {
            let t = t.unwrap_or(now);
            human((now - t).to_std().unwrap_or_default())
        };
        match self.state.status {
            Status::Paused => format!("Up {} (Paused)", since(self.state.started_at)),
            Status::Restarting => format!(
                "Restarting ({}) {} ago",
                self.state.exit_code,
                since(self.state.finished_at)
            ),
            Status::Running => format!("Up {}", since(self.state.started_at)),
            Status::Removing => "Removal In Progress".to_string(),
            Status::Dead => "Dead".to_string(),
            Status::Created => "Created".to_string(),
            Status::Exited => match self.state.finished_at {
                None => String::new(),
                Some(_) => format!(
                    "Exited ({}) {} ago",
                    self.state.exit_code,
                    since(self.state.finished_at)
                ),
            },
        }
    }
}

/// Valid container name: `[a-zA-Z0-9][a-zA-Z0-9_.-]+`.
pub fn valid_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    bytes.len() >= 2
        && bytes[0].is_ascii_alphanumeric()
        && bytes[1..]
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}
