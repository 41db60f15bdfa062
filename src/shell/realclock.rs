//! The interactive mode's clock: real time (sped up by `--speed N`), whose waits really pass
//! while stderr shows what the daemon is waiting for: the `docker stop` countdown and docker's
//! terminal pull progress bars (reference 4.2).
//!
//! The engine never reads the real clock; only this clock does. Script mode keeps the
//! [`VirtualClock`](crate::engine::VirtualClock), so transcripts stay deterministic.
//!
//! A long wait for an attached container's exit ([`WaitReason::UntilExit`]) returns at once:
//! the engine then reports the container as still running and the terminal stays held, so the
//! REPL can stream its output, forward Ctrl-C and let the learner open another terminal.

use crate::cli::format::humanize::human_size;
use crate::engine::{Clock, WaitReason};
use chrono::{DateTime, Utc};
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How often a drawing is refreshed.
const FRAME: Duration = Duration::from_millis(100);

/// Waits for an attached container shorter than this (in real time) are simply slept, so a
/// `docker run hello-world` returns with all its output like the real client does.
const BLOCKING_EXIT_WAIT: Duration = Duration::from_secs(1);

/// Turns one of dockersim's own messages into what the terminal shows (the REPL adds colour).
pub type Styler = Box<dyn Fn(&str) -> String + Send + Sync>;

/// Waits up to the given time for Ctrl-C; `true` if it was pressed (the REPL reads keys).
pub type InterruptCheck = Box<dyn Fn(Duration) -> bool + Send + Sync>;

/// Settings the REPL can change while the engine owns the clock.
pub struct ClockControl {
    countdown: AtomicBool,
    progress: AtomicBool,
    columns: AtomicUsize,
    style: Mutex<Option<Styler>>,
    interrupt: Mutex<Option<InterruptCheck>>,
    interrupted: AtomicBool,
}

impl ClockControl {
    /// Drawing on (countdown and progress bars), 80 columns, no styling.
    pub fn new() -> Arc<ClockControl> {
        Arc::new(ClockControl {
            countdown: AtomicBool::new(true),
            progress: AtomicBool::new(true),
            columns: AtomicUsize::new(80),
            style: Mutex::new(None),
            interrupt: Mutex::new(None),
            interrupted: AtomicBool::new(false),
        })
    }

    /// Lets Ctrl-C cut short a wait that a shell would interrupt (`sleep`, a program run
    /// with `docker exec` or typed in a container shell).
    pub fn set_interrupt_check(&self, check: InterruptCheck) {
        if let Ok(mut slot) = self.interrupt.lock() {
            *slot = Some(check);
        }
    }

    /// Whether a wait was cut short by Ctrl-C since the last call.
    pub fn take_interrupted(&self) -> bool {
        self.interrupted.swap(false, Ordering::Relaxed)
    }

    /// Sleeps `real`, in slices, unless Ctrl-C comes first.
    fn sleep_interruptibly(&self, real: Duration) {
        let Ok(slot) = self.interrupt.lock() else {
            std::thread::sleep(real);
            return;
        };
        let Some(check) = slot.as_ref() else {
            std::thread::sleep(real);
            return;
        };
        let end = Instant::now() + real;
        loop {
            let left = end.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return;
            }
            if check(left.min(FRAME)) {
                self.interrupted.store(true, Ordering::Relaxed);
                return;
            }
        }
    }

    /// Shows (or not) the `docker stop` countdown.
    pub fn set_countdown(&self, on: bool) {
        self.countdown.store(on, Ordering::Relaxed);
    }

    /// Whether the countdown is shown.
    pub fn countdown(&self) -> bool {
        self.countdown.load(Ordering::Relaxed)
    }

    /// Draws (or not) pull progress bars.
    pub fn set_progress(&self, on: bool) {
        self.progress.store(on, Ordering::Relaxed);
    }

    /// The terminal's width, which decides whether progress has a bar (more than 110).
    pub fn set_columns(&self, columns: usize) {
        self.columns.store(columns, Ordering::Relaxed);
    }

    /// How dockersim's own messages are styled on the terminal.
    pub fn set_style(&self, style: Styler) {
        if let Ok(mut slot) = self.style.lock() {
            *slot = Some(style);
        }
    }

    fn styled(&self, text: &str) -> String {
        match self.style.lock() {
            Ok(slot) => match slot.as_ref() {
                Some(f) => f(text),
                None => text.to_string(),
            },
            Err(_) => text.to_string(),
        }
    }
}

/// Real time since start, multiplied by `speed`.
pub struct RealClock {
    origin: DateTime<Utc>,
    started: Instant,
    speed: f64,
    control: Arc<ClockControl>,
}

impl RealClock {
    /// A clock that starts at the wall-clock time now and runs `speed` times faster than it.
    pub fn new(speed: f64, control: Arc<ClockControl>) -> RealClock {
        let speed = if speed.is_finite() && speed > 0.0 {
            speed
        } else {
            1.0
        };
        RealClock {
            origin: Utc::now(),
            started: Instant::now(),
            speed,
            control,
        }
    }

    /// How long a stretch of simulated time takes in real time.
    fn real(&self, simulated: chrono::Duration) -> Duration {
        simulated.to_std().unwrap_or_default().div_f64(self.speed)
    }

    fn countdown(&mut self, until: DateTime<Utc>, container: &str, signal: &str, timeout: i64) {
        let mut err = std::io::stderr();
        loop {
            let left = until - self.now();
            if left <= chrono::Duration::zero() {
                break;
            }
            let secs = (left.num_milliseconds() + 999) / 1000;
            let line = self
                .control
                .styled(&countdown_line(container, signal, secs));
            let _ = write!(err, "\r\x1b[2K{line}");
            let _ = err.flush();
            std::thread::sleep(self.real(left).min(FRAME));
        }
        let done = self
            .control
            .styled(&countdown_done(container, signal, timeout));
        let _ = writeln!(err, "\r\x1b[2K{done}");
        let _ = err.flush();
    }

    fn progress(&mut self, until: DateTime<Utc>, header: &str, layers: &[(String, Option<u64>)]) {
        let mut err = std::io::stderr();
        let start = self.now();
        let total = (until - start).num_milliseconds().max(1) as f64;
        let plan = PullPlan::new(layers);
        let mut drawn = 0usize;
        loop {
            let now = self.now();
            let fraction = ((now - start).num_milliseconds() as f64 / total).clamp(0.0, 1.0);
            let columns = self.control.columns.load(Ordering::Relaxed);
            let mut frame = String::new();
            if drawn > 0 {
                frame.push_str(&format!("\x1b[{drawn}A"));
            }
            let mut lines = vec![header.to_string()];
            lines.extend(plan.lines(fraction, columns));
            for line in &lines {
                frame.push_str(&format!("\r\x1b[2K{line}\n"));
            }
            drawn = lines.len();
            let _ = err.write_all(frame.as_bytes());
            let _ = err.flush();
            if now >= until {
                break;
            }
            std::thread::sleep(self.real(until - now).min(FRAME));
        }
        // The client's own output replaces the drawing with the final screen.
        let _ = write!(err, "\x1b[{drawn}A\r\x1b[J");
        let _ = err.flush();
    }
}

impl Clock for RealClock {
    fn now(&self) -> DateTime<Utc> {
        let elapsed = self.started.elapsed().as_secs_f64() * self.speed;
        let nanos = (elapsed * 1e9).min(i64::MAX as f64) as i64;
        self.origin + chrono::Duration::nanoseconds(nanos)
    }

    fn wait_until(&mut self, until: DateTime<Utc>, why: &WaitReason) {
        let now = self.now();
        if until <= now {
            return;
        }
        let real = self.real(until - now);
        match why {
            WaitReason::UntilExit { .. } | WaitReason::Foreground if real > BLOCKING_EXIT_WAIT => {}
            WaitReason::StopTimeout {
                container,
                signal,
                timeout_secs,
                ignored: true,
            } if self.control.countdown() => {
                self.countdown(until, container, signal, *timeout_secs);
            }
            WaitReason::Download { header, layers }
                if self.control.progress.load(Ordering::Relaxed) =>
            {
                self.progress(until, header, layers);
            }
            WaitReason::Sleep | WaitReason::Attached => self.control.sleep_interruptibly(real),
            _ => std::thread::sleep(real),
        }
    }
}

/// The countdown line while `docker stop` waits for a process that ignored the signal.
pub fn countdown_line(container: &str, signal: &str, seconds_left: i64) -> String {
    format!(
        "dockersim: {container} 의 PID 1 이 {signal} 을(를) 무시했습니다 · SIGKILL 까지 {seconds_left}초…"
    )
}

/// The line left on screen once the wait ran out.
pub fn countdown_done(container: &str, signal: &str, timeout: i64) -> String {
    format!("dockersim: {container} ← {signal} (무시됨) · {timeout}초 기다림 · SIGKILL")
}

/// When each layer of a pull downloads and extracts, on a 0..1 time line.
struct PullPlan {
    layers: Vec<LayerPlan>,
}

struct LayerPlan {
    id: String,
    size: Option<u64>,
    /// Download window and extraction window, as fractions of the whole wait.
    download: (f64, f64),
    extract: (f64, f64),
    /// Whether the layer was queued behind others (shows `Waiting`).
    queued: bool,
}

/// The share of the wait before any byte moves (`Pulling fs layer`).
const LEAD: f64 = 0.12;
/// At most this many layers download at once (moby's `DefaultMaxConcurrentDownloads`).
const CONCURRENT: usize = 3;
/// Extracting a byte takes this much of the time downloading it takes.
const EXTRACT_COST: f64 = 0.35;

impl PullPlan {
    fn new(layers: &[(String, Option<u64>)]) -> PullPlan {
        // Downloads share the bandwidth; a layer starts when one of three slots frees.
        let mut slots = [0.0f64; CONCURRENT];
        let mut windows = Vec::new();
        let mut queued_count = 0;
        for (_, size) in layers {
            match size {
                Some(size) => {
                    let (slot, free_at) = slots
                        .iter()
                        .copied()
                        .enumerate()
                        .min_by(|a, b| a.1.total_cmp(&b.1))
                        .unwrap_or((0, 0.0));
                    let queued = queued_count >= CONCURRENT;
                    queued_count += 1;
                    let end = free_at + (*size).max(1) as f64;
                    slots[slot] = end;
                    windows.push(Some((free_at, end, queued)));
                }
                None => windows.push(None),
            }
        }
        // Layers extract in order, each after its download and the one below it.
        let mut extract_free = 0.0f64;
        let mut raw = Vec::new();
        for (i, (id, size)) in layers.iter().enumerate() {
            match windows[i] {
                Some((start, end, queued)) => {
                    let ex_start = end.max(extract_free);
                    let ex_end = ex_start + (*size).unwrap_or(1).max(1) as f64 * EXTRACT_COST;
                    extract_free = ex_end;
                    raw.push((id.clone(), *size, (start, end), (ex_start, ex_end), queued));
                }
                None => raw.push((id.clone(), None, (0.0, 0.0), (0.0, 0.0), false)),
            }
        }
        let span = raw.iter().map(|r| r.3 .1).fold(0.0f64, f64::max).max(1.0);
        let scale = |t: f64| LEAD + (1.0 - LEAD) * t / span;
        PullPlan {
            layers: raw
                .into_iter()
                .map(|(id, size, dl, ex, queued)| LayerPlan {
                    id,
                    size,
                    download: (scale(dl.0), scale(dl.1)),
                    extract: (scale(ex.0), scale(ex.1)),
                    queued,
                })
                .collect(),
        }
    }

    /// Each layer's line at `t` (0..1), as docker's terminal renderer writes it.
    fn lines(&self, t: f64, columns: usize) -> Vec<String> {
        self.layers
            .iter()
            .map(|l| {
                let Some(size) = l.size else {
                    return format!("{}: Already exists ", l.id);
                };
                let part = |(a, b): (f64, f64)| ((t - a) / (b - a).max(1e-9)).clamp(0.0, 1.0);
                let (status, progress) = if t < LEAD {
                    ("Pulling fs layer", String::new())
                } else if t < l.download.0 {
                    if l.queued {
                        ("Waiting", String::new())
                    } else {
                        ("Pulling fs layer", String::new())
                    }
                } else if t < l.download.1 {
                    let current = (size as f64 * part(l.download)) as u64;
                    ("Downloading", progress_text(current, size, columns))
                } else if t < l.extract.0 {
                    ("Download complete", String::new())
                } else if t < l.extract.1 {
                    let current = (size as f64 * part(l.extract)) as u64;
                    ("Extracting", progress_text(current, size, columns))
                } else {
                    ("Pull complete", String::new())
                };
                format!("{}: {status} {progress}", l.id)
            })
            .collect()
    }
}

/// docker's progress string: a 50-character bar on terminals wider than 110 columns, then
/// `%8v/%v` of the human sizes (reference 4.2).
pub fn progress_text(current: u64, total: u64, columns: usize) -> String {
    let numbers = format!(
        "{:>8}/{}",
        human_size(current as f64),
        human_size(total as f64)
    );
    if columns <= 110 {
        return numbers;
    }
    let percent = (current.min(total) * 100)
        .checked_div(total)
        .map_or(100, |p| p as usize);
    let p = (percent / 2).min(50);
    format!("[{}>{}] {numbers}", "=".repeat(p), " ".repeat(50 - p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_matches_dockers_renderer() {
        assert_eq!(
            progress_text(36_830, 3_642_000, 120),
            "[>                                                  ]  36.83kB/3.642MB"
        );
        assert_eq!(
            progress_text(3_642_000, 3_642_000, 120),
            "[==================================================>]  3.642MB/3.642MB"
        );
        assert_eq!(progress_text(36_830, 3_642_000, 80), " 36.83kB/3.642MB");
    }

    #[test]
    fn a_pull_goes_through_docker_s_phases() {
        let plan = PullPlan::new(&[
            ("aaaaaaaaaaaa".into(), Some(3_000_000)),
            ("bbbbbbbbbbbb".into(), None),
            ("cccccccccccc".into(), Some(1_000_000)),
            ("dddddddddddd".into(), Some(1_000_000)),
            ("eeeeeeeeeeee".into(), Some(1_000_000)),
        ]);
        let start = plan.lines(0.0, 80);
        assert_eq!(start[0], "aaaaaaaaaaaa: Pulling fs layer ");
        assert_eq!(start[1], "bbbbbbbbbbbb: Already exists ");
        let later = plan.lines(LEAD + 0.01, 80);
        assert!(
            later[0].starts_with("aaaaaaaaaaaa: Downloading "),
            "{later:?}"
        );
        // The fourth layer to download waits for a free slot.
        assert_eq!(later[4], "eeeeeeeeeeee: Waiting ");
        let end = plan.lines(1.0, 80);
        for line in [&end[0], &end[2], &end[3], &end[4]] {
            assert!(line.ends_with(": Pull complete "), "{line}");
        }
        // Somewhere in between a layer extracts.
        let extracting = (1..100)
            .map(|i| plan.lines(f64::from(i) / 100.0, 120))
            .any(|frame| frame.iter().any(|l| l.contains("Extracting [")));
        assert!(extracting);
    }

    #[test]
    fn time_runs_faster_with_speed() {
        let clock = RealClock::new(1000.0, ClockControl::new());
        let a = clock.now();
        std::thread::sleep(Duration::from_millis(5));
        assert!(clock.now() - a >= chrono::Duration::seconds(4));
    }

    #[test]
    fn a_long_attached_wait_returns_at_once() {
        let mut clock = RealClock::new(1.0, ClockControl::new());
        let start = Instant::now();
        let until = clock.now() + chrono::Duration::seconds(30);
        clock.wait_until(
            until,
            &WaitReason::UntilExit {
                container: "x".into(),
            },
        );
        assert!(start.elapsed() < Duration::from_secs(5));
        assert!(clock.now() < until);
    }
}
