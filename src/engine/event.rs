//! What the daemon did, step by step: one record feeds `docker events`, the narrator and lessons.

use chrono::{DateTime, Utc};

/// A signal the daemon can send, by number (Linux x86-64 numbering).
pub type SignalNumber = i32;

/// One step the daemon took.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventKind {
    /// The client's request reached the daemon (`docker run`, `docker stop`, …).
    RequestReceived { command: String },
    /// The image was found in the local cache.
    ImageCacheHit { reference: String },
    /// The image was not in the local cache.
    ImageCacheMiss { reference: String },
    /// A layer was already present locally.
    LayerAlreadyExists { layer: String },
    /// A layer was downloaded from the hub.
    LayerPulled { layer: String, size: u64 },
    /// An image arrived from the hub and was stored.
    ImagePulled { reference: String },
    /// An image gained a tag.
    ImageTagged { image: String, reference: String },
    /// A tag was removed.
    ImageUntagged { reference: String },
    /// An image was deleted from the cache.
    ImageDeleted { image: String },
    /// An image was written to an archive.
    ImageSaved { reference: String },
    /// An image was read from an archive.
    ImageLoaded { reference: String },
    /// A container was created from an image.
    ContainerCreated {
        id: String,
        name: String,
        image: String,
    },
    /// The image's file snapshot was laid down as the container's file system.
    SnapshotMounted { id: String },
    /// Network, memory and CPU were given to the container.
    ResourcesAllocated { id: String },
    /// The container's main process started.
    ProcessStarted {
        id: String,
        command: Vec<String>,
        /// Whether the command is the image's default (not an override).
        from_image: bool,
    },
    /// Starting the process failed (e.g. the executable is missing).
    StartFailed { id: String, message: String },
    /// A signal was delivered to the container's PID 1.
    SignalSent { id: String, signal: SignalNumber },
    /// PID 1 ignored the signal (no handler, default action).
    SignalIgnored { id: String, signal: SignalNumber },
    /// The stop timeout ran out.
    StopTimeoutExpired { id: String, seconds: i64 },
    /// The main process ended.
    Exited { id: String, code: i32 },
    /// The container was paused.
    Paused { id: String },
    /// The container was unpaused.
    Unpaused { id: String },
    /// The restart policy restarted the container.
    Restarted { id: String },
    /// The container got a new name.
    Renamed {
        id: String,
        old_name: String,
        new_name: String,
    },
    /// A command ran inside a running container.
    ExecStarted { id: String, command: Vec<String> },
    /// A command inside a container finished.
    ExecExited { id: String, code: i32 },
    /// The container was removed.
    Removed { id: String },
    /// A new image was made from a container's files and settings (`docker commit`).
    ImageCommitted { container: String, image: String },
    /// Files were copied between the host and a container (`docker cp`): `path` in the
    /// container, `into` when they went into it.
    FilesCopied {
        id: String,
        path: String,
        into: bool,
    },
}

/// An event with the engine time it happened at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// When it happened.
    pub time: DateTime<Utc>,
    /// What happened.
    pub kind: EventKind,
}

/// Signal names and numbers docker accepts (`SIGTERM`, `TERM`, `15`).
pub const SIGNALS: &[(&str, SignalNumber)] = &[
    ("SIGHUP", 1),
    ("SIGINT", 2),
    ("SIGQUIT", 3),
    ("SIGILL", 4),
    ("SIGTRAP", 5),
    ("SIGABRT", 6),
    ("SIGBUS", 7),
    ("SIGFPE", 8),
    ("SIGKILL", 9),
    ("SIGUSR1", 10),
    ("SIGSEGV", 11),
    ("SIGUSR2", 12),
    ("SIGPIPE", 13),
    ("SIGALRM", 14),
    ("SIGTERM", 15),
    ("SIGSTKFLT", 16),
    ("SIGCHLD", 17),
    ("SIGCONT", 18),
    ("SIGSTOP", 19),
    ("SIGTSTP", 20),
    ("SIGTTIN", 21),
    ("SIGTTOU", 22),
    ("SIGURG", 23),
    ("SIGXCPU", 24),
    ("SIGXFSZ", 25),
    ("SIGVTALRM", 26),
    ("SIGPROF", 27),
    ("SIGWINCH", 28),
    ("SIGIO", 29),
    ("SIGPWR", 30),
    ("SIGSYS", 31),
];

/// SIGINT.
pub const SIGINT: SignalNumber = 2;
/// SIGKILL.
pub const SIGKILL: SignalNumber = 9;
/// SIGTERM.
pub const SIGTERM: SignalNumber = 15;

/// Parses `SIGTERM`, `TERM`, `sigterm` or `15` as moby's `signal.ParseSignal` does.
pub fn parse_signal(s: &str) -> Option<SignalNumber> {
    if let Ok(n) = s.parse::<i64>() {
        return (1..=64).contains(&n).then_some(n as SignalNumber);
    }
    let upper = s.to_ascii_uppercase();
    let name = upper.strip_prefix("SIG").unwrap_or(&upper);
    SIGNALS
        .iter()
        .find(|(full, _)| &full[3..] == name)
        .map(|(_, n)| *n)
}

/// `SIGTERM` for 15; `SIG<n>` for unnamed numbers.
pub fn signal_name(n: SignalNumber) -> String {
    SIGNALS
        .iter()
        .find(|(_, num)| *num == n)
        .map_or_else(|| format!("SIG{n}"), |(name, _)| (*name).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signals_parse_like_moby() {
        for (input, want) in [
            ("SIGTERM", Some(15)),
            ("TERM", Some(15)),
            ("term", Some(15)),
            ("9", Some(9)),
            ("KILL", Some(9)),
            ("SIGQUIT", Some(3)),
            ("0", None),
            ("NOPE", None),
        ] {
            assert_eq!(parse_signal(input), want, "{input}");
        }
        assert_eq!(signal_name(28), "SIGWINCH");
    }
}
