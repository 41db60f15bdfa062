//! Time as the engine sees it: an injected clock, virtual in script mode, real in the REPL.

use chrono::{DateTime, TimeZone, Utc};

/// Why the engine is waiting, so a real-time clock can show it (a countdown, a progress bar).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WaitReason {
    /// `docker stop` waits for the container to exit after the stop signal.
    StopTimeout {
        /// The container's name, as `docker ps` shows it.
        container: String,
        /// The signal sent first, e.g. `SIGTERM`.
        signal: String,
        /// Whole seconds until SIGKILL.
        timeout_secs: i64,
        /// Whether the process ignores the signal (so the wait runs out).
        ignored: bool,
    },
    /// A pull downloads layers (a terminal draws docker's progress bars meanwhile).
    Download {
        /// The first line of the pull: `latest: Pulling from library/alpine`.
        header: String,
        /// Each layer in order: its first 12 hex digits and its download size, or `None`
        /// when the layer is already present (`Already exists`).
        layers: Vec<(String, Option<u64>)>,
    },
    /// A short wait inside a running command: a signal handler finishing, an exec'd program
    /// or a `sleep` typed in a container shell.
    Attached,
    /// An attached client (`docker run`, `docker start -a`) waits for the container's main
    /// process to end. An interactive terminal may return at once and keep the terminal
    /// held instead, so the learner can press Ctrl-C or open another terminal meanwhile; the
    /// engine then reports the container as still running.
    UntilExit {
        /// The container's full ID.
        container: String,
    },
    /// A command in the foreground of a terminal that prints as it goes (`docker exec`, a
    /// line typed at a container's prompt). An interactive terminal may return at once and
    /// show the output as its time comes, so Ctrl-C can cut it; the engine then reports the
    /// command as still running until its end.
    Foreground,
    /// The learner typed `sleep N`.
    Sleep,
}

/// The source of "now" for the engine. The engine never reads the real clock itself.
pub trait Clock {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
    /// Lets time pass until `until` (no effect if it is already past).
    fn wait_until(&mut self, until: DateTime<Utc>, why: &WaitReason);
}

/// The clock of script mode: starts at a fixed instant and moves only when the engine waits.
#[derive(Clone, Debug)]
pub struct VirtualClock {
    now: DateTime<Utc>,
}

impl VirtualClock {
    /// A clock standing at `start`.
    pub fn new(start: DateTime<Utc>) -> Self {
        VirtualClock { now: start }
    }

    /// 2026-01-01 00:00:00 UTC, where every script starts.
    pub fn script_start() -> Self {
        let start = Utc
            .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
            .single()
            .unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
        VirtualClock::new(start)
    }
}

impl Clock for VirtualClock {
    fn now(&self) -> DateTime<Utc> {
        self.now
    }

    fn wait_until(&mut self, until: DateTime<Utc>, _why: &WaitReason) {
        if until > self.now {
            self.now = until;
        }
    }
}
