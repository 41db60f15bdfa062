//! The published speed and memory figures (docs/benchmarks.md): one small bench binary, no
//! harness, that prints a Markdown table of medians beside each target.
//!
//! Run with `cargo bench --bench figures` (add `-- --quick` for a fast look). What it measures:
//! - process start to a finished `dockersim play` of a one-line script, and its peak memory,
//!   beside the real `docker --version` when a `docker` client is on `PATH`;
//! - `run -d`, `ps -a`, `stop`, `rm` and name / ID-prefix lookups through
//!   [`Session::run_line`] with 10, 1,000 and 10,000 containers;
//! - a 10,000-line lifecycle script through [`script::play`] (and through the binary);
//! - peak memory of a process holding 10,000 containers (a child of this binary, so the
//!   figure is that process's own high-water mark).
//!
//! Timings are medians of wall-clock samples: the machine is small and shared, so a median
//! says more than a mean, and no figure here is ever asserted in a test.

use dockersim::engine::Engine;
use dockersim::shell::{script, Session};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How many samples each figure takes (fewer with `--quick`).
struct Plan {
    spawn_runs: usize,
    command_runs: usize,
    ps_runs_10k: usize,
    script_runs: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // Child mode: build N containers in a fresh process and report its peak memory.
    if let Some(pos) = args.iter().position(|a| a == "--hold-containers") {
        let n = args
            .get(pos + 1)
            .and_then(|n| n.parse().ok())
            .unwrap_or(10_000);
        hold_containers(n, args.iter().any(|a| a == "--drain-events"));
        return;
    }
    // Profiling mode: `--profile N LINE R` runs LINE R times over N containers, for `perf`.
    if let Some(pos) = args.iter().position(|a| a == "--profile") {
        let n = args
            .get(pos + 1)
            .and_then(|n| n.parse().ok())
            .unwrap_or(10_000);
        let line = args
            .get(pos + 2)
            .cloned()
            .unwrap_or_else(|| "docker ps -a".into());
        let runs = args.get(pos + 3).and_then(|n| n.parse().ok()).unwrap_or(20);
        profile(n, &line, runs);
        return;
    }
    // Child mode: the first course load of a fresh process, in µs.
    if args.iter().any(|a| a == "--load-course-once") {
        let t = Instant::now();
        let loaded = dockersim::lesson::load_course(Path::new(LESSONS_DIR));
        println!("{} {}", t.elapsed().as_micros(), u8::from(loaded.is_ok()));
        return;
    }
    // Child mode: where a fresh process spends its first milliseconds.
    if args.iter().any(|a| a == "--startup-breakdown") {
        startup_breakdown();
        return;
    }
    let quick = args.iter().any(|a| a == "--quick");
    let plan = if quick {
        Plan {
            spawn_runs: 11,
            command_runs: 21,
            ps_runs_10k: 5,
            script_runs: 1,
        }
    } else {
        Plan {
            spawn_runs: 51,
            command_runs: 201,
            ps_runs_10k: 21,
            script_runs: 5,
        }
    };
    let filter: Option<&str> = args
        .iter()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(String::as_str);
    let wants = |section: &str| filter.is_none_or(|f| section.contains(f));

    println!("{}", machine());
    println!();
    println!("| figure | median | target | verdict |");
    println!("| --- | --- | --- | --- |");
    if wants("startup") {
        startup(&plan);
    }
    if wants("commands") {
        for n in [10, 1_000, 10_000] {
            commands(&plan, n);
        }
    }
    if wants("ports") {
        for n in [1_000, 10_000] {
            ports(&plan, n);
        }
    }
    if wants("script") {
        lifecycle_script(&plan);
    }
    if wants("memory") {
        memory_10k();
    }
    if wants("course") {
        course(&plan);
    }
}

/// One table row.
fn row(figure: &str, median: &str, target: &str, verdict: &str) {
    println!("| {figure} | {median} | {target} | {verdict} |");
}

/// A row for a timing with a target: met, or missed by how much.
fn timed_row(figure: &str, median: Duration, target: Option<Duration>) {
    let (target_text, verdict) = match target {
        Some(t) if median <= t => (
            format!("< {}", human(t)),
            format!("met ({:.0}% of target)", pct(median, t)),
        ),
        Some(t) => (
            format!("< {}", human(t)),
            format!(
                "**missed** by {} (×{:.1})",
                human(median - t),
                ratio(median, t)
            ),
        ),
        None => ("—".to_string(), "for comparison".to_string()),
    };
    row(figure, &human(median), &target_text, &verdict);
}

fn pct(a: Duration, b: Duration) -> f64 {
    100.0 * a.as_secs_f64() / b.as_secs_f64()
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64()
}

fn human(d: Duration) -> String {
    let ns = d.as_nanos();
    if ns < 10_000 {
        format!("{:.2} µs", ns as f64 / 1e3)
    } else if ns < 1_000_000 {
        format!("{:.1} µs", ns as f64 / 1e3)
    } else if ns < 1_000_000_000 {
        format!("{:.2} ms", ns as f64 / 1e6)
    } else {
        format!("{:.2} s", ns as f64 / 1e9)
    }
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

fn median_u64(mut samples: Vec<u64>) -> u64 {
    samples.sort_unstable();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

/// CPU model, cores and memory of this machine, for the table's caption.
fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|l| l.trim_start_matches([' ', '\t', ':']).to_string())
        .unwrap_or_else(|| "unknown CPU".to_string());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let mem_gib = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|l| l.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0 / 1024.0);
    // The machine is shared: the load when the run started says how quiet it was.
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".to_string());
    format!(
        "Machine: {model}, {cores} cores, {mem_gib:.0} GiB RAM, {} {}; load average {load} at start",
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}

// ---------------------------------------------------------------------------------------------
// Process start and peak memory

/// The release binary cargo built for this bench run.
fn dockersim_exe() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_dockersim"))
}

/// Wall time of `program args` (stdout and stderr discarded), `runs` times, median.
fn spawn_median(program: &Path, args: &[&str], runs: usize) -> Option<Duration> {
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let status = Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .ok()?;
        samples.push(t.elapsed());
        if !status.success() {
            return None;
        }
    }
    Some(median(samples))
}

/// Peak resident memory (KiB) of `program args`, via `/usr/bin/time -f %M`, median of `runs`.
fn peak_rss_kib(program: &Path, args: &[&str], runs: usize) -> Option<u64> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        return None;
    }
    let mut samples = Vec::new();
    for _ in 0..runs {
        let out = Command::new(time)
            .arg("-f")
            .arg("%M")
            .arg(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output()
            .ok()?;
        let text = String::from_utf8_lossy(&out.stderr);
        samples.push(text.lines().last()?.trim().parse().ok()?);
    }
    Some(median_u64(samples))
}

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

fn memory_row(figure: &str, kib: Option<u64>, target_mib: Option<u64>) {
    let Some(kib) = kib else {
        row(figure, "n/a", "—", "not measured (no /usr/bin/time)");
        return;
    };
    match target_mib {
        Some(t) if kib <= t * 1024 => row(
            figure,
            &mib(kib),
            &format!("< {t} MiB"),
            &format!(
                "met ({:.0}% of target)",
                100.0 * kib as f64 / (t * 1024) as f64
            ),
        ),
        Some(t) => row(
            figure,
            &mib(kib),
            &format!("< {t} MiB"),
            &format!("**missed** by {}", mib(kib - t * 1024)),
        ),
        None => row(figure, &mib(kib), "—", "for comparison"),
    }
}

fn temp_file(name: &str, text: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("dockersim-bench-{}-{name}", std::process::id()));
    if std::fs::write(&path, text).is_err() {
        eprintln!("cannot write {}", path.display());
    }
    path
}

fn startup(plan: &Plan) {
    let exe = dockersim_exe();
    let script = temp_file("one-line.txt", "docker run hello-world\n");
    let script_arg = script.to_string_lossy().to_string();
    let args = ["play", script_arg.as_str()];
    // Warm the page cache first.
    let _ = spawn_median(&exe, &args, 3);
    match spawn_median(&exe, &args, plan.spawn_runs) {
        Some(d) => timed_row(
            "`dockersim play` one-line script (`docker run hello-world`), process start to exit",
            d,
            Some(Duration::from_millis(5)),
        ),
        None => row(
            "`dockersim play` one-line script",
            "failed",
            "< 5 ms",
            "error",
        ),
    }
    startup_breakdown_rows(plan.spawn_runs.min(21));
    memory_row(
        "`dockersim play` one-line script, peak RSS",
        peak_rss_kib(&exe, &args, plan.spawn_runs.min(11)),
        Some(10),
    );
    let docker = which("docker");
    match docker {
        Some(docker) => {
            let _ = spawn_median(&docker, &["--version"], 3);
            match spawn_median(&docker, &["--version"], plan.spawn_runs) {
                Some(d) => timed_row("real `docker --version` (same run)", d, None),
                None => row("real `docker --version`", "failed", "—", "error"),
            }
            memory_row(
                "real `docker --version`, peak RSS",
                peak_rss_kib(&docker, &["--version"], plan.spawn_runs.min(11)),
                None,
            );
        }
        None => row(
            "real `docker --version`",
            "n/a",
            "—",
            "no docker client on PATH",
        ),
    }
    let _ = std::fs::remove_file(script);
}

/// Child mode: times the first engine (the embedded hub catalog is parsed then), the flag
/// table of `docker ps` (the command index and that one table, as the first `docker` command
/// builds them), and the first and second command, in µs.
fn startup_breakdown() {
    let t = Instant::now();
    let engine = Engine::scripted(0);
    let engine_us = t.elapsed().as_micros();
    let t = Instant::now();
    let _ = dockersim::cli::flags::command_spec("docker ps");
    let flags_us = t.elapsed().as_micros();
    let mut session = Session::new(engine);
    let t = Instant::now();
    let _ = timed_line(&mut session, "docker run hello-world");
    let first_us = t.elapsed().as_micros();
    let t = Instant::now();
    let _ = timed_line(&mut session, "docker run hello-world");
    let second_us = t.elapsed().as_micros();
    println!("{engine_us} {flags_us} {first_us} {second_us}");
}

/// Rows for [`startup_breakdown`], medians over `runs` fresh processes.
fn startup_breakdown_rows(runs: usize) {
    let Ok(me) = std::env::current_exe() else {
        return;
    };
    let mut columns: [Vec<u64>; 4] = Default::default();
    for _ in 0..runs {
        let Ok(out) = Command::new(&me).arg("--startup-breakdown").output() else {
            return;
        };
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        let nums: Vec<u64> = text
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
        if nums.len() != 4 {
            return;
        }
        for (column, n) in columns.iter_mut().zip(nums) {
            column.push(n);
        }
    }
    let [engine, flags, first, second] = columns.map(median_u64);
    let us = |n: u64| human(Duration::from_micros(n));
    row(
        "… of which the first `Engine` (reads the embedded hub: JSON made from hub.yaml at build time)",
        &us(engine),
        "—",
        "in-process, fresh process each sample",
    );
    row(
        "… of which the docker command index and one flag table (built from the help texts)",
        &us(flags),
        "—",
        "first `docker` command only",
    );
    row(
        "… of which `docker run hello-world` itself (first / second time)",
        &format!("{} / {}", us(first), us(second)),
        "—",
        "pull, create, start, attach, output",
    );
}

fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

// ---------------------------------------------------------------------------------------------
// Commands with N containers

fn no_questions(_: &str) -> Option<String> {
    None
}

/// Runs `line`, returning its wall time; panics (the bench is broken) if it fails.
fn timed_line(session: &mut Session, line: &str) -> Duration {
    let t = Instant::now();
    let result = session.run_line(line, &mut no_questions);
    let d = t.elapsed();
    assert_eq!(
        result.output.exit_code,
        0,
        "`{line}` failed: {}",
        result.output.merged()
    );
    black_box(result);
    d
}

/// A session holding `n` containers: every other one running (`sleep 100000`), the rest
/// exited (`true`), all with generated names, as a teacher's demo would leave them.
fn session_with(n: usize) -> Session {
    let mut session = Session::new(Engine::scripted(1));
    let _ = timed_line(&mut session, "docker pull alpine");
    let _ = timed_line(&mut session, "docker pull nginx");
    for i in 0..n {
        let line = if i % 2 == 0 {
            "docker run -d alpine sleep 100000"
        } else {
            "docker run -d alpine true"
        };
        let _ = timed_line(&mut session, line);
    }
    session
}

fn commands(plan: &Plan, n: usize) {
    let build = Instant::now();
    let mut s = session_with(n);
    let built = build.elapsed();
    eprintln!("built {n} containers in {}", human(built));
    let runs = plan.command_runs;
    let per_command = if n >= 1_000 {
        Some(Duration::from_micros(50))
    } else {
        None
    };
    let label = |what: &str| format!("`{what}` with {} containers", thousands(n));

    // run -d: a named container, removed again untimed so the count stays n.
    let mut run_d = Vec::new();
    let mut stop = Vec::new();
    let mut rm = Vec::new();
    let mut by_name = Vec::new();
    let mut by_prefix = Vec::new();
    let mut engine_by_name = Vec::new();
    let mut engine_by_prefix = Vec::new();
    for i in 0..runs {
        let name = format!("bench{i}");
        run_d.push(timed_line(
            &mut s,
            &format!("docker run -d --name {name} alpine sleep 100000"),
        ));
        by_name.push(timed_line(
            &mut s,
            &format!("docker inspect --format '{{{{.State.Status}}}}' {name}"),
        ));
        let id = s
            .engine
            .state()
            .container_by_name(&name)
            .map(|c| c.id.clone())
            .unwrap_or_default();
        // Twelve hex digits: docker's short ID, unique at this size.
        let prefix = &id[..12];
        by_prefix.push(timed_line(
            &mut s,
            &format!("docker inspect --format '{{{{.Name}}}}' {prefix}"),
        ));
        // The engine's own lookups, without the CLI around them.
        let t = Instant::now();
        let found = s.engine.resolve_container(&name);
        engine_by_name.push(t.elapsed());
        let t = Instant::now();
        let found_prefix = s.engine.resolve_container(prefix);
        engine_by_prefix.push(t.elapsed());
        assert!(found.is_ok() && found_prefix.is_ok());
        stop.push(timed_line(&mut s, &format!("docker stop {name}")));
        rm.push(timed_line(&mut s, &format!("docker rm {name}")));
    }
    timed_row(&label("docker run -d"), median(run_d), per_command);
    timed_row(&label("docker stop"), median(stop), per_command);
    timed_row(&label("docker rm"), median(rm), per_command);
    timed_row(&label("docker inspect NAME"), median(by_name), per_command);
    timed_row(
        &label("docker inspect ID-PREFIX"),
        median(by_prefix),
        per_command,
    );
    timed_row(
        &format!("engine lookup by name, {} containers", thousands(n)),
        median(engine_by_name),
        None,
    );
    timed_row(
        &format!(
            "engine lookup by 12-digit ID prefix, {} containers",
            thousands(n)
        ),
        median(engine_by_prefix),
        None,
    );

    let ps_runs = if n >= 10_000 { plan.ps_runs_10k } else { runs };
    let ps: Vec<Duration> = (0..ps_runs)
        .map(|_| timed_line(&mut s, "docker ps -a"))
        .collect();
    let ps_target = match n {
        10_000 => Some(Duration::from_millis(20)),
        // `ps -a` shows every container, so the growth rule scales the 10,000 target down.
        1_000 => Some(Duration::from_millis(2)),
        _ => None,
    };
    let ps_median = median(ps);
    timed_row(&label("docker ps -a"), ps_median, ps_target);
    if n >= 1_000 {
        row(
            &format!("`docker ps -a` per listed container, {}", thousands(n)),
            &human(ps_median / n as u32),
            "—",
            "cost per row shown",
        );
    }
}

/// Profiling mode: the median of `runs` runs of `line` over `n` containers, on stderr, and
/// the mean time on a CPU (which other processes on a busy machine do not inflate; the
/// kernel counts it in ticks, hence a mean over all runs).
fn profile(n: usize, line: &str, runs: usize) {
    let mut s = session_with(n);
    let before = cpu_time();
    let samples: Vec<Duration> = (0..runs).map(|_| timed_line(&mut s, line)).collect();
    let cpu = match (before, cpu_time()) {
        (Some(a), Some(b)) => human(b.saturating_sub(a) / runs.max(1) as u32),
        _ => "?".to_string(),
    };
    eprintln!(
        "`{line}` with {n} containers: median {} wall, mean {cpu} on CPU",
        human(median(samples))
    );
}

/// Time this thread has spent on a CPU (`/proc/thread-self/schedstat`).
fn cpu_time() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `n` running nginx containers that each publish a host port (10000 + i), then the cost of
/// starting, stopping and removing one more with a port: the port checks must not scan.
fn ports(plan: &Plan, n: usize) {
    let mut s = Session::new(Engine::scripted(2));
    let _ = timed_line(&mut s, "docker pull nginx");
    for i in 0..n {
        let _ = timed_line(&mut s, &format!("docker run -d -p {}:80 nginx", 10_000 + i));
    }
    let (mut run_d, mut stop, mut rm) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..plan.command_runs {
        let name = format!("porty{i}");
        run_d.push(timed_line(
            &mut s,
            &format!("docker run -d --name {name} -p 8080:80 nginx"),
        ));
        stop.push(timed_line(&mut s, &format!("docker stop {name}")));
        rm.push(timed_line(&mut s, &format!("docker rm {name}")));
    }
    let target = Some(Duration::from_micros(50));
    let label = |what: &str| {
        format!(
            "`{what}` with {} running containers publishing ports",
            thousands(n)
        )
    };
    timed_row(&label("docker run -d -p 8080:80"), median(run_d), target);
    timed_row(&label("docker stop"), median(stop), target);
    timed_row(&label("docker rm"), median(rm), target);
}

// ---------------------------------------------------------------------------------------------
// The 10,000-line lifecycle script

/// 10,000 lines: 2,500 rounds of run -d, ps, stop, rm on a named nginx container.
fn lifecycle_text() -> String {
    let mut text = String::new();
    for i in 0..2_500 {
        text.push_str(&format!("docker run -d --name web{i} -p 8080:80 nginx\n"));
        text.push_str("docker ps\n");
        text.push_str(&format!("docker stop web{i}\n"));
        text.push_str(&format!("docker rm web{i}\n"));
    }
    text
}

fn lifecycle_script(plan: &Plan) {
    let text = lifecycle_text();
    let mut samples = Vec::new();
    for _ in 0..plan.script_runs {
        let t = Instant::now();
        let transcript = script::play(&text, 0);
        samples.push(t.elapsed());
        black_box(transcript);
    }
    timed_row(
        "10,000-line lifecycle script through `script::play` (in process)",
        median(samples),
        Some(Duration::from_secs(1)),
    );
    let exe = dockersim_exe();
    let file = temp_file("lifecycle.txt", &text);
    let file_arg = file.to_string_lossy().to_string();
    let args = ["play", file_arg.as_str()];
    match spawn_median(&exe, &args, plan.script_runs) {
        Some(d) => timed_row(
            "10,000-line lifecycle script, `dockersim play FILE` process",
            d,
            Some(Duration::from_secs(1)),
        ),
        None => row(
            "10,000-line lifecycle script (process)",
            "failed",
            "< 1 s",
            "error",
        ),
    }
    memory_row(
        "10,000-line lifecycle script, peak RSS",
        peak_rss_kib(&exe, &args, 1),
        Some(64),
    );
    let _ = std::fs::remove_file(file);
}

// ---------------------------------------------------------------------------------------------
// The course

/// The course's YAML files in this checkout.
const LESSONS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/lessons");

/// Loading and validating every lesson: from the files (`load_course`, as `--lessons DIR`
/// does) and from the copy embedded in the binary (`builtin_course`), warm in this process,
/// and once in a fresh process (which also builds the flag tables and the hub catalog that
/// validation consults).
fn course(plan: &Plan) {
    let dir = Path::new(LESSONS_DIR);
    let lessons = match dockersim::lesson::load_course(dir) {
        Ok(course) => course.lessons.len(),
        Err(errors) => {
            let first = errors.first().map(ToString::to_string).unwrap_or_default();
            row("course loaded and validated", "failed", "< 20 ms", &first);
            return;
        }
    };
    let runs = plan.command_runs.min(51);
    let files: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            black_box(dockersim::lesson::load_course(dir).is_ok());
            t.elapsed()
        })
        .collect();
    timed_row(
        &format!("whole course ({lessons} lessons) read from `lessons/` and validated, warm"),
        median(files),
        Some(Duration::from_millis(20)),
    );
    let builtin: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            black_box(dockersim::lesson::builtin_course().lessons.len());
            t.elapsed()
        })
        .collect();
    timed_row(
        "whole course from the embedded copy (`builtin_course`), warm",
        median(builtin),
        Some(Duration::from_millis(20)),
    );
    let Ok(me) = std::env::current_exe() else {
        return;
    };
    let mut cold = Vec::new();
    for _ in 0..plan.spawn_runs.min(21) {
        let Ok(out) = Command::new(&me).arg("--load-course-once").output() else {
            return;
        };
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        let mut nums = text
            .split_whitespace()
            .filter_map(|n| n.parse::<u64>().ok());
        if let (Some(us), Some(1)) = (nums.next(), nums.next()) {
            cold.push(Duration::from_micros(us));
        }
    }
    if !cold.is_empty() {
        timed_row(
            "whole course, first load in a fresh process (incl. flag tables and hub)",
            median(cold),
            Some(Duration::from_millis(20)),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Memory at 10,000 containers

/// `VmHWM` (peak resident set) of this process, in KiB.
fn own_peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

/// `VmRSS` (resident set now) of this process, in KiB.
fn own_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

/// Child mode: a session with `n` containers, `docker ps -a` over them; prints the peak
/// before, the resident set after building, the peak after `ps -a`, and the events held.
/// With `drain`, the engine's event list and the session's record of docker calls are emptied
/// after every line (as the REPL does; `play` without `@explain on` never does), so the
/// difference is what those two lists hold.
fn hold_containers(n: usize, drain: bool) {
    let before = own_peak_kib().unwrap_or(0);
    let mut s = Session::new(Engine::scripted(1));
    let _ = timed_line(&mut s, "docker pull alpine");
    for i in 0..n {
        let line = if i % 2 == 0 {
            "docker run -d alpine sleep 100000"
        } else {
            "docker run -d alpine true"
        };
        let _ = timed_line(&mut s, line);
        if drain {
            drop(s.engine.take_events());
            drop(s.take_docker_calls());
        }
    }
    let built = own_rss_kib().unwrap_or(0);
    let _ = timed_line(&mut s, "docker ps -a");
    let after = own_peak_kib().unwrap_or(0);
    let events = s.engine.take_events().len();
    println!("{before} {built} {after} {events}");
}

fn memory_10k() {
    let Ok(me) = std::env::current_exe() else {
        row(
            "peak memory at 10,000 containers",
            "n/a",
            "< 64 MiB",
            "cannot re-run self",
        );
        return;
    };
    let child = |extra: &[&str]| {
        let out = Command::new(&me)
            .args(["--hold-containers", "10000"])
            .args(extra)
            .stderr(Stdio::null())
            .output()
            .ok()?;
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        let nums: Vec<u64> = text
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
        (nums.len() == 4).then_some(nums)
    };
    let Some(kept) = child(&[]) else {
        row(
            "peak memory at 10,000 containers",
            "failed",
            "< 64 MiB",
            "error",
        );
        return;
    };
    let (before, built, peak, events) = (kept[0], kept[1], kept[2], kept[3]);
    memory_row(
        "peak RSS of a process holding 10,000 containers (through `ps -a`)",
        Some(peak),
        Some(64),
    );
    row(
        "… resident after the 10,000 `run -d`, before `ps -a`",
        &mib(built),
        "—",
        &format!(
            "{:.1} KiB per container over the empty process ({})",
            built.saturating_sub(before) as f64 / 10_000.0,
            mib(before)
        ),
    );
    if let Some(drained) = child(&["--drain-events"]) {
        row(
            &format!(
                "… of which the event list ({} events) and the record of docker calls, never taken",
                thousands(events as usize)
            ),
            &mib(built.saturating_sub(drained[1])),
            "—",
            "difference with a run that empties it after every line",
        );
    }
}
