//! Commands that look at one container without changing it: wait, port, top, diff.

use super::output::{daemon_text, failure, Attached, Output, WaitRest};
use super::{Ctx, Invocation};
use crate::engine::container::PortBinding;
use crate::engine::{Engine, Status};
use chrono::{DateTime, Utc};
use std::cmp::Ordering;

pub use super::output::EMPTY_CONTAINER;

/// Resolves a container argument as the client and daemon do; `Err` is the finished output.
fn resolve(engine: &mut Engine, reference: &str) -> Result<String, Output> {
    if reference.is_empty() {
        return Err(failure(EMPTY_CONTAINER, 1));
    }
    engine
        .resolve_container(reference)
        .map_err(|e| failure(daemon_text(&e), 1))
}

/// `docker wait CONTAINER...`: each container's exit code on its own line, in argument order,
/// once it has stopped; errors all at the end (docker joins them), exit 1 if any.
pub fn wait(engine: &mut Engine, _ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    let mut out = Output::new();
    continue_wait(engine, inv.args().to_vec(), Vec::new(), &mut out);
    out
}

/// Waits for `pending` containers in turn, writing to `out`. A container that does not stop
/// by itself holds the terminal: `out.attached` then carries what is left to do, and the
/// shell calls this again when that container has stopped.
pub fn continue_wait(
    engine: &mut Engine,
    pending: Vec<String>,
    mut errors: Vec<String>,
    out: &mut Output,
) {
    let mut queue = pending.into_iter();
    while let Some(reference) = queue.next() {
        if reference.is_empty() {
            errors.push(EMPTY_CONTAINER.to_string());
            continue;
        }
        let id = match engine.resolve_container(&reference) {
            Ok(id) => id,
            Err(e) => {
                errors.push(daemon_text(&e));
                continue;
            }
        };
        match stopped_code(engine, &id) {
            Some(code) => {
                out.outln(code.to_string());
            }
            None => {
                out.attached = Some(Attached {
                    container: id,
                    shell: false,
                    tty: false,
                    is_exec: false,
                    auto_remove: false,
                    wait: Some(WaitRest {
                        pending: queue.collect(),
                        errors,
                    }),
                });
                return;
            }
        }
    }
    if !errors.is_empty() {
        out.errln(errors.join("\n")).code(1);
    }
}

/// The exit code of container `id` once it is not running, letting virtual time run to its
/// natural end; `None` while it runs on (a server, a paused process, a shell on its input).
/// A restart counts as a stop: the daemon tells waiters at every exit.
pub fn stopped_code(engine: &mut Engine, id: &str) -> Option<i32> {
    let status = engine.state().container(id).map(|c| c.state.status);
    match status {
        Some(Status::Restarting) => engine.state().container(id).map(|c| c.state.exit_code),
        Some(Status::Paused) => None,
        _ => engine.wait_exit(id),
    }
}

/// `docker port CONTAINER [PRIVATE_PORT[/PROTO]]`.
pub fn port(engine: &mut Engine, _ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    let args = inv.args();
    let reference = &args[0];
    let id = match resolve(engine, reference) {
        Ok(id) => id,
        Err(out) => return out,
    };
    // Only a running container has its ports set up (`NetworkSettings.Ports`).
    let bindings: Vec<PortBinding> = engine
        .state()
        .container(&id)
        .filter(|c| c.is_running())
        .map(|c| c.host.port_bindings.clone())
        .unwrap_or_default();
    let mut lines: Vec<String> = Vec::new();
    match args.get(1).filter(|a| !a.is_empty()) {
        Some(wanted) => {
            let (number, proto) = match wanted.split_once('/') {
                Some((n, p)) if !p.is_empty() => (n, p),
                Some((n, _)) => (n, "tcp"),
                None => (wanted.as_str(), "tcp"),
            };
            let number = match parse_port(number) {
                Ok(n) => n,
                Err(why) => {
                    return failure(
                        format!(
                            "Error: invalid port ({number}): strconv.ParseUint: parsing {}: {why}",
                            go_quote(number)
                        ),
                        1,
                    )
                }
            };
            lines.extend(
                bindings
                    .iter()
                    .filter(|b| b.container_port == number && b.proto == proto)
                    .map(host_address),
            );
            if lines.is_empty() {
                return failure(
                    format!("Error: No public port '{wanted}' published for {reference}"),
                    1,
                );
            }
        }
        None => lines.extend(
            bindings
                .iter()
                .map(|b| format!("{}/{} -> {}", b.container_port, b.proto, host_address(b))),
        ),
    }
    lines.sort_by(|a, b| natural_cmp(a, b));
    let mut out = Output::new();
    for line in lines {
        out.outln(line);
    }
    out
}

/// Go's `strconv.ParseUint(s, 10, 16)` failure reason, or the port.
fn parse_port(s: &str) -> Result<u16, &'static str> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err("invalid syntax");
    }
    s.parse::<u16>().map_err(|_| "value out of range")
}

/// Go's `strconv.Quote` for the text docker quotes in errors (printable ASCII as is).
fn go_quote(s: &str) -> String {
    let mut q = String::from("\"");
    for ch in s.chars() {
        match ch {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\t' => q.push_str("\\t"),
            '\n' => q.push_str("\\n"),
            c if c.is_control() => q.push_str(&format!("\\x{:02x}", c as u32)),
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

/// Go's `net.JoinHostPort`: IPv6 addresses in brackets.
fn host_address(b: &PortBinding) -> String {
    if b.host_ip.contains(':') {
        format!("[{}]:{}", b.host_ip, b.host_port)
    } else {
        format!("{}:{}", b.host_ip, b.host_port)
    }
}

/// `sortorder.NaturalLess` (fvbommel/sortorder), the order `docker port` prints in: runs of
/// digits compare as numbers and come before other characters.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (da, db) = (a[i].is_ascii_digit(), b[j].is_ascii_digit());
        if da != db {
            return if da {
                Ordering::Less
            } else {
                Ordering::Greater
            };
        }
        if !da {
            if a[i] != b[j] {
                return a[i].cmp(&b[j]);
            }
            i += 1;
            j += 1;
            continue;
        }
        while i < a.len() && a[i] == b'0' {
            i += 1;
        }
        while j < b.len() && b[j] == b'0' {
            j += 1;
        }
        let (start_a, start_b) = (i, j);
        while i < a.len() && a[i].is_ascii_digit() {
            i += 1;
        }
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        let (na, nb) = (&a[start_a..i], &b[start_b..j]);
        if na.len() != nb.len() {
            return na.len().cmp(&nb.len());
        }
        if na != nb {
            return na.cmp(nb);
        }
        if start_a != start_b {
            return start_a.cmp(&start_b);
        }
    }
    (a.len()).cmp(&b.len())
}

/// `docker top CONTAINER`: the processes of a running container as `ps -ef` shows them on
/// the host. dockersim knows one process per container, PID 1; its host PID is the one
/// `inspect` shows (`State.Pid`) and its parent, the runtime's shim, a few PIDs before it.
pub fn top(engine: &mut Engine, _ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    let args = inv.args();
    if args.len() > 1 {
        return failure(
            "dockersim: docker top 의 ps 옵션은 흉내 내지 않습니다. 옵션 없이 'docker top 컨테이너' 로 실행해 보세요.",
            1,
        );
    }
    let id = match resolve(engine, &args[0]) {
        Ok(id) => id,
        Err(out) => return out,
    };
    let now = engine.now();
    let Some(c) = engine.state().container(&id) else {
        return failure(
            format!("Error response from daemon: No such container: {}", args[0]),
            1,
        );
    };
    match c.state.status {
        Status::Restarting => {
            return failure(
                format!(
                    "Error response from daemon: Container {} is restarting, wait until the container is running",
                    c.id
                ),
                1,
            )
        }
        Status::Running | Status::Paused => {}
        _ => {
            return failure(
                format!("Error response from daemon: container {} is not running", c.id),
                1,
            )
        }
    }
    let pid = c.state.pid;
    let shim = pid.saturating_sub(shim_distance(&c.id));
    let user = match c.config.user.split(':').next().unwrap_or("") {
        "" | "0" | "root" => "root".to_string(),
        other => other.to_string(),
    };
    let started = c.state.started_at.unwrap_or(now);
    let row = vec![
        user,
        pid.to_string(),
        shim.to_string(),
        "0".to_string(),
        ps_start_time(started, now),
        if c.config.tty { "pts/0" } else { "?" }.to_string(),
        "00:00:00".to_string(),
        c.command_line_plain(),
    ];
    let titles: Vec<String> = ["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"]
        .iter()
        .map(|s| (*s).to_string())
        .collect();
    let mut out = Output::new();
    out.out(top_table(&[titles, row]));
    out
}

/// How many PIDs before PID 1 the shim started: 15 to 30, fixed per container (from its ID).
fn shim_distance(id: &str) -> u32 {
    15 + u32::from_str_radix(&id[..1.min(id.len())], 16).unwrap_or(0)
}

/// `ps -ef`'s STIME: the time of day within a day, then month and day, then the year.
fn ps_start_time(started: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let age = now - started;
    if age.num_seconds() > 365 * 24 * 3600 {
        started.format("%Y").to_string()
    } else if age.num_seconds() > 24 * 3600 {
        started.format("%b%d").to_string()
    } else {
        started.format("%H:%M").to_string()
    }
}

/// The client's `tabwriter.NewWriter(out, 20, 1, 3, ' ', 0)`: cells padded to 3 past the
/// widest in their column and at least 20 wide; the last cell of a line is not padded.
fn top_table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; columns];
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(row.len().saturating_sub(1)) {
            widths[i] = widths[i].max(cell.chars().count() + 3).max(20);
        }
    }
    let mut text = String::new();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            text.push_str(cell);
            if i + 1 < row.len() {
                let pad = widths[i].saturating_sub(cell.chars().count());
                text.push_str(&" ".repeat(pad));
            }
        }
        text.push('\n');
    }
    text
}

/// `docker diff CONTAINER`: `C`/`A`/`D` and the path, one change a line.
pub fn diff(engine: &mut Engine, _ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    // The client's own words for this command.
    if inv.args()[0].is_empty() {
        return failure("Container name cannot be empty", 1);
    }
    let id = match resolve(engine, &inv.args()[0]) {
        Ok(id) => id,
        Err(out) => return out,
    };
    let mut out = Output::new();
    if let Some(c) = engine.state().container(&id) {
        for (kind, path) in c.fs.changes() {
            out.outln(format!("{} {path}", kind.letter()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order_puts_digits_first_and_compares_numbers() {
        let mut lines = vec![
            "[::]:8080",
            "0.0.0.0:8080",
            "443/tcp -> 0.0.0.0:8443",
            "80/tcp -> [::]:8080",
            "80/tcp -> 0.0.0.0:8080",
        ];
        lines.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            lines,
            [
                "0.0.0.0:8080",
                "80/tcp -> 0.0.0.0:8080",
                "80/tcp -> [::]:8080",
                "443/tcp -> 0.0.0.0:8443",
                "[::]:8080",
            ]
        );
    }

    #[test]
    fn port_numbers_fail_as_go_parses_them() {
        assert_eq!(parse_port("80"), Ok(80));
        assert_eq!(parse_port("abc"), Err("invalid syntax"));
        assert_eq!(parse_port(""), Err("invalid syntax"));
        assert_eq!(parse_port("+80"), Err("invalid syntax"));
        assert_eq!(parse_port("99999"), Err("value out of range"));
    }

    #[test]
    fn top_table_pads_like_the_clients_tabwriter() {
        let rows = vec![
            vec!["UID".to_string(), "PID".to_string(), "CMD".to_string()],
            vec![
                "root".to_string(),
                "1234".to_string(),
                "sleep 100".to_string(),
            ],
        ];
        assert_eq!(
            top_table(&rows),
            "UID                 PID                 CMD\nroot                1234                sleep 100\n"
        );
    }

    #[test]
    fn stime_shows_the_time_of_day_then_the_date_then_the_year() {
        let now: DateTime<Utc> = "2026-03-05T12:00:00Z".parse().unwrap();
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        assert_eq!(ps_start_time(at("2026-03-05T09:07:00Z"), now), "09:07");
        assert_eq!(ps_start_time(at("2026-02-27T09:07:00Z"), now), "Feb27");
        assert_eq!(ps_start_time(at("2024-02-27T09:07:00Z"), now), "2024");
    }
}
