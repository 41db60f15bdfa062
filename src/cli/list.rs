//! `docker ps` and `docker images`: rows as Go-template contexts, tables, filters.

use super::format::humanize::{human_duration, human_size, human_size_with_precision};
use super::format::table::{align, display_width, ellipsize, go_quote};
use super::format::template::{self, pre_format, Value};
use super::output::{failure, Output};
use super::{Ctx, Invocation};
use crate::engine::container::{Container, PortBinding, Status};
use crate::engine::image::{familiar_repository, Image};
use crate::engine::{Engine, State};
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, BTreeSet};

const PS_DEFAULT: &str =
    "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";
const IMAGES_DEFAULT: &str = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}";

fn since(now: DateTime<Utc>, then: DateTime<Utc>) -> String {
    human_duration((now - then).to_std().unwrap_or_default())
}

/// `2025-06-01 19:00:00 +0000 UTC`: Go's time string, second precision, in UTC.
fn go_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M:%S +0000 UTC").to_string()
}

/// docker's `DisplayablePorts`: ranges of equal host/container ports per IP and protocol,
/// exposed-only ports as `80/tcp`, then the remapped ones.
pub fn displayable_ports(bindings: &[PortBinding], exposed: &[String]) -> String {
    struct Entry {
        ip: String,
        public: u16,
        private: u16,
        proto: String,
    }
    let mut entries: Vec<Entry> = bindings
        .iter()
        .map(|b| Entry {
            ip: b.host_ip.clone(),
            public: b.host_port,
            private: b.container_port,
            proto: b.proto.clone(),
        })
        .collect();
    for e in exposed {
        let (port, proto) = e.split_once('/').unwrap_or((e.as_str(), "tcp"));
        let Ok(port) = port.parse::<u16>() else {
            continue;
        };
        if !entries
            .iter()
            .any(|x| x.private == port && x.proto == proto)
        {
            entries.push(Entry {
                ip: String::new(),
                public: 0,
                private: port,
                proto: proto.to_string(),
            });
        }
    }
    entries.sort_by(|a, b| {
        (a.private, &a.ip, a.public, &a.proto).cmp(&(b.private, &b.ip, b.public, &b.proto))
    });
    let mut groups: Vec<(String, Vec<u16>)> = Vec::new();
    let mut remapped: Vec<String> = Vec::new();
    let show_ip = |ip: &str| {
        if ip.contains(':') {
            format!("[{ip}]")
        } else {
            ip.to_string()
        }
    };
    for e in &entries {
        let key = if e.ip.is_empty() {
            e.proto.clone()
        } else {
            if e.public != e.private {
                remapped.push(format!(
                    "{}:{}->{}/{}",
                    show_ip(&e.ip),
                    e.public,
                    e.private,
                    e.proto
                ));
                continue;
            }
            format!("{}/{}", show_ip(&e.ip), e.proto)
        };
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, ports)) => ports.push(e.private),
            None => groups.push((key, vec![e.private])),
        }
    }
    let mut parts: Vec<String> = Vec::new();
    for (key, ports) in groups {
        let (ip, proto) = match key.rsplit_once('/') {
            Some((ip, proto)) => (Some(ip.to_string()), proto.to_string()),
            None => (None, key.clone()),
        };
        let mut ranges: Vec<(u16, u16)> = Vec::new();
        for p in ports {
            match ranges.last_mut() {
                Some((_, end)) if *end + 1 == p => *end = p,
                Some((_, end)) if *end == p => {}
                _ => ranges.push((p, p)),
            }
        }
        for (start, end) in ranges {
            let span = if start == end {
                start.to_string()
            } else {
                format!("{start}-{end}")
            };
            parts.push(match &ip {
                Some(ip) => format!("{ip}:{span}->{span}/{proto}"),
                None => format!("{span}/{proto}"),
            });
        }
    }
    parts.extend(remapped);
    parts.join(", ")
}

/// The IMAGE column: as typed, shortened like docker's client does.
fn image_column(c: &Container, engine_image_gone: bool, trunc: bool) -> String {
    let raw = if engine_image_gone {
        format!("sha256:{}", c.image_id)
    } else {
        c.config.image.clone()
    };
    if !trunc {
        return raw;
    }
    let hex = raw.strip_prefix("sha256:").unwrap_or(&raw);
    if c.image_id.starts_with(hex) && hex.len() >= 12 {
        return c.image_id[..12].to_string();
    }
    let without_digest = raw.split('@').next().unwrap_or(&raw).to_string();
    match without_digest.strip_prefix("docker.io/") {
        Some(rest) => rest.strip_prefix("library/").unwrap_or(rest).to_string(),
        None => without_digest,
    }
}

/// The fields of docker's `ContainerContext`, in alphabetical order (`{{json .}}` prints them
/// so).
const CONTAINER_FIELDS: [&str; 16] = [
    "Command",
    "CreatedAt",
    "ID",
    "Image",
    "Label",
    "Labels",
    "LocalVolumes",
    "Mounts",
    "Names",
    "Networks",
    "Platform",
    "Ports",
    "RunningFor",
    "Size",
    "State",
    "Status",
];

/// Which of [`CONTAINER_FIELDS`] a format can use, one bit each (all of them for `None`).
fn container_field_mask(wanted: Option<&BTreeSet<String>>) -> u32 {
    CONTAINER_FIELDS
        .iter()
        .enumerate()
        .filter(|(_, f)| wanted.is_none_or(|w| w.contains(**f)))
        .fold(0, |mask, (i, _)| mask | 1 << i)
}

/// What every row of one `docker ps` shares: the state, the time, the flags, the columns
/// the format uses, and whether an image reference still names its image (asked once per
/// distinct reference, not once per container).
struct PsRows<'a> {
    state: &'a State,
    now: DateTime<Utc>,
    trunc: bool,
    sizes: bool,
    /// (image ID, reference as typed, still named) for the few images the rows use.
    still_named: std::cell::RefCell<Vec<(&'a str, &'a str, bool)>>,
    /// The COMMAND column of the few distinct commands the rows run: (container, text).
    commands: std::cell::RefCell<Vec<(&'a Container, String)>>,
}

/// At most this many (image, reference) answers, and as many quoted commands, are remembered
/// per `docker ps`; rows with others work them out again (a linear search beats hashing
/// 64-character IDs or whole command lines for the usual few).
const STILL_NAMED_CACHE: usize = 32;

impl<'a> PsRows<'a> {
    /// Whether `c`'s image reference (as typed) still names its image: the daemon reports
    /// the image ID instead of a reference that no longer does.
    fn still_named(&self, c: &'a Container) -> bool {
        let (image_id, reference) = (c.image_id.as_str(), c.config.image.as_str());
        if let Some((_, _, known)) = self
            .still_named
            .borrow()
            .iter()
            .find(|(i, r, _)| *i == image_id && *r == reference)
        {
            return *known;
        }
        let named = self.state.image(&c.image_id).is_some_and(|img| {
            let r = crate::engine::reference::ImageRef::parse(&c.config.image)
                .map(|r| r.with_default_tag());
            match r {
                Ok(r) => {
                    img.tags
                        .iter()
                        .any(|t| t.repository == r.full_name() && t.tag == r.tag_or_latest())
                        || c.image_id
                            .starts_with(c.config.image.trim_start_matches("sha256:"))
                }
                Err(_) => false,
            }
        });
        let mut cache = self.still_named.borrow_mut();
        if cache.len() < STILL_NAMED_CACHE {
            cache.push((image_id, reference, named));
        }
        named
    }

    /// Writes the COMMAND column of `c` (the same for every container running the same
    /// command, so it is quoted once per distinct command).
    fn write_command(&self, c: &'a Container, out: &mut String) {
        let same = |o: &Container| o.path == c.path && o.args == c.args;
        if let Some((_, text)) = self.commands.borrow().iter().find(|(o, _)| same(o)) {
            out.push_str(text);
            return;
        }
        let command = c.command_line();
        let text = if self.trunc {
            go_quote(&ellipsize(&command, 20))
        } else {
            go_quote(&command)
        };
        out.push_str(&text);
        let mut cache = self.commands.borrow_mut();
        if cache.len() < STILL_NAMED_CACHE {
            cache.push((c, text));
        }
    }
}

/// The template context of one `docker ps` row, with only the fields in `mask` (see
/// [`container_field_mask`]): a format that shows seven columns builds seven, not sixteen.
fn container_value<'a>(rows: &PsRows<'a>, c: &'a Container, mask: u32) -> Value {
    let fields = CONTAINER_FIELDS
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, name)| ((*name).to_string(), container_field(rows, c, name)))
        .collect();
    Value::Object {
        type_name: "*formatter.ContainerContext".to_string(),
        fields,
    }
}

/// One field of a `docker ps` row's context (`name` is one of [`CONTAINER_FIELDS`]).
fn container_field<'a>(rows: &PsRows<'a>, c: &'a Container, name: &str) -> Value {
    match name {
        "Label" => {
            let mut labels: Vec<(String, String)> = c.config.labels.clone();
            labels.sort();
            Value::Map(
                labels
                    .into_iter()
                    .map(|(k, v)| (k, Value::Str(v)))
                    .collect(),
            )
        }
        // A nil *Platform.
        "Platform" => Value::Null,
        _ => {
            let mut text = String::new();
            write_field(rows, c, name, &mut text);
            Value::Str(text)
        }
    }
}

/// A string field of a `docker ps` row (every field of [`CONTAINER_FIELDS`] but `Label` and
/// `Platform`), named once per listing rather than matched by name for every row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PsField {
    Command,
    CreatedAt,
    Id,
    Image,
    Labels,
    LocalVolumes,
    Names,
    Networks,
    Ports,
    RunningFor,
    Size,
    State,
    Status,
    /// `Mounts` and anything else: empty.
    Empty,
}

impl PsField {
    fn named(name: &str) -> PsField {
        match name {
            "Command" => PsField::Command,
            "CreatedAt" => PsField::CreatedAt,
            "ID" => PsField::Id,
            "Image" => PsField::Image,
            "Labels" => PsField::Labels,
            "LocalVolumes" => PsField::LocalVolumes,
            "Names" => PsField::Names,
            "Networks" => PsField::Networks,
            "Ports" => PsField::Ports,
            "RunningFor" => PsField::RunningFor,
            "Size" => PsField::Size,
            "State" => PsField::State,
            "Status" => PsField::Status,
            _ => PsField::Empty,
        }
    }
}

/// Writes the text of the string field `name` of a `docker ps` row to `out`.
fn write_field<'a>(rows: &PsRows<'a>, c: &'a Container, name: &str, out: &mut String) {
    write_ps_field(rows, c, PsField::named(name), out);
}

/// Writes the text of `field` of a `docker ps` row to `out`.
fn write_ps_field<'a>(rows: &PsRows<'a>, c: &'a Container, field: PsField, out: &mut String) {
    use std::fmt::Write as _;
    let (state, now, trunc) = (rows.state, rows.now, rows.trunc);
    match field {
        PsField::Command => rows.write_command(c, out),
        PsField::CreatedAt => out.push_str(&go_time(c.created)),
        PsField::Id if trunc => out.push_str(&c.id[..12]),
        PsField::Id => out.push_str(&c.id),
        PsField::Image => out.push_str(&image_column(c, !rows.still_named(c), trunc)),
        PsField::Labels => {
            let mut labels: Vec<&(String, String)> = c.config.labels.iter().collect();
            labels.sort();
            for (i, (k, v)) in labels.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let _ = write!(out, "{k}={v}");
            }
        }
        PsField::LocalVolumes => out.push('0'),
        PsField::Names => out.push_str(&c.name),
        PsField::Networks => out.push_str("bridge"),
        PsField::Ports if c.is_running() => out.push_str(&displayable_ports(
            &c.host.port_bindings,
            &c.config.exposed_ports,
        )),
        PsField::RunningFor => {
            out.push_str(&since(now, c.created));
            out.push_str(" ago");
        }
        PsField::Size if rows.sizes => {
            let rw = c.fs.upper_size();
            let rootfs = rw + state.image(&c.image_id).map_or(0, |i| i.size);
            out.push_str(&human_size_with_precision(rw as f64, 3));
            if rootfs > 0 {
                let _ = write!(
                    out,
                    " (virtual {})",
                    human_size_with_precision(rootfs as f64, 3)
                );
            }
        }
        PsField::Size => out.push_str("0B"),
        PsField::State => out.push_str(c.state.status.as_str()),
        PsField::Status => out.push_str(&c.status_text(now, human_duration)),
        // "Mounts", and "Ports" of a container that is not running, are empty.
        PsField::Ports | PsField::Empty => {}
    }
}

/// The columns of `docker ps`'s default table ([`PS_DEFAULT`]; `--size` adds `Size`).
const PS_DEFAULT_COLUMNS: [PsField; 7] = [
    PsField::Id,
    PsField::Image,
    PsField::Command,
    PsField::RunningFor,
    PsField::Status,
    PsField::Ports,
    PsField::Names,
];

/// Writes one row of the default table straight from the fields, as executing
/// [`PS_DEFAULT`] would (a string field prints as itself): the common `docker ps` skips
/// building a context, copying its strings and running the template for each of thousands
/// of rows.
fn default_ps_row<'a>(rows: &PsRows<'a>, c: &'a Container, with_size: bool, out: &mut String) {
    let size = with_size.then_some(PsField::Size);
    for (i, field) in PS_DEFAULT_COLUMNS.iter().chain(size.iter()).enumerate() {
        if i > 0 {
            out.push('\t');
        }
        write_ps_field(rows, c, *field, out);
    }
}

/// A container context with every field empty, for docker's up-front format check.
fn empty_container() -> Value {
    let Value::Map(fields) = container_header() else {
        return Value::Null;
    };
    Value::Object {
        type_name: "*formatter.ContainerContext".to_string(),
        fields: fields
            .into_iter()
            .map(|(k, v)| {
                let empty = match v {
                    Value::Map(_) => Value::Map(vec![]),
                    _ if k == "Platform" => Value::Null,
                    _ => Value::Str(String::new()),
                };
                (k, empty)
            })
            .collect(),
    }
}

fn container_header() -> Value {
    let s = |v: &str| Value::Str(v.to_string());
    Value::Map(vec![
        ("Command".into(), s("COMMAND")),
        ("CreatedAt".into(), s("CREATED AT")),
        ("ID".into(), s("CONTAINER ID")),
        ("Image".into(), s("IMAGE")),
        ("Label".into(), Value::Map(vec![])),
        ("Labels".into(), s("LABELS")),
        ("LocalVolumes".into(), s("LOCAL VOLUMES")),
        ("Mounts".into(), s("MOUNTS")),
        ("Names".into(), s("NAMES")),
        ("Networks".into(), s("NETWORKS")),
        ("Platform".into(), s("PLATFORM")),
        ("Ports".into(), s("PORTS")),
        ("RunningFor".into(), s("CREATED")),
        ("Size".into(), s("SIZE")),
        ("State".into(), s("STATE")),
        ("Status".into(), s("STATUS")),
    ])
}

/// Renders rows through a format the way docker's formatter does: table formats get the
/// header (a map of column names, so unknown keys print `<no value>`), aligned by the
/// tabwriter. Errors are the formatter's `template parsing error: …`. Each row's context is
/// built by `value` just before it is printed, given the fields the format can use (`None`:
/// all of them), so no row is built that is not needed, and none twice.
fn render<T>(
    format: &str,
    header: &Value,
    rows: impl IntoIterator<Item = T>,
    value: impl Fn(T, Option<&BTreeSet<String>>) -> Value,
    cjk: bool,
) -> Result<String, String> {
    let spec = pre_format(format);
    let tpl = template::parse(&spec.template).map_err(|e| e.formatter_message())?;
    let wanted = tpl.fields_referenced();
    let mut text = String::new();
    if spec.table {
        // docker ignores errors while rendering the header.
        let head = tpl.execute(header, true).unwrap_or_default();
        text.push_str(&head);
        text.push('\n');
    }
    for row in rows {
        let row = value(row, wanted.as_ref());
        let line = tpl
            .execute(&row, false)
            .map_err(|e| e.formatter_message())?;
        text.push_str(&line);
        text.push('\n');
    }
    Ok(if spec.table { align(&text, cjk) } else { text })
}

/// A table format (starting with `table`) whose rows `write_rows` writes itself, each
/// followed by a newline: the header from the template, then the rows, aligned.
fn render_table_rows(
    format: &str,
    header: &Value,
    cjk: bool,
    write_rows: impl FnOnce(&mut String),
) -> Result<String, String> {
    let spec = pre_format(format);
    let tpl = template::parse(&spec.template).map_err(|e| e.formatter_message())?;
    // docker ignores errors while rendering the header.
    let mut text = tpl.execute(header, true).unwrap_or_default();
    text.push('\n');
    write_rows(&mut text);
    Ok(align_uniform(&text, cjk).unwrap_or_else(|| align(&text, cjk)))
}

/// [`align`] for text whose lines all have the same number of cells, as `docker ps`'s
/// default table: in docker's tabwriter a column's block is then every line, so each
/// tab-terminated column is as wide as its widest cell plus the padding (3), and at least 10.
/// Two passes over the text and no allocation per line, where the general layout keeps a
/// vector per line (the test `the_uniform_layout_is_the_tabwriters` compares the two).
/// `None` for any other text (form feeds or vertical tabs, lines of unequal length, no final
/// newline).
fn align_uniform(text: &str, cjk: bool) -> Option<String> {
    // docker's tabwriter: minwidth 10, padding 3 (see `table::align`).
    const MIN_WIDTH: usize = 10;
    const PADDING: usize = 3;
    const SPACES: &str = "                                ";
    if !text.ends_with('\n') {
        return None;
    }
    // Every cell once: where it ends, how wide it is, whether a tab ends it.
    let mut cells: Vec<(usize, usize, bool)> = Vec::new();
    let mut widest: Vec<usize> = Vec::new();
    let (mut start, mut column) = (0, 0);
    let mut columns: Option<usize> = None;
    for (i, b) in text.bytes().enumerate() {
        let tab = match b {
            b'\t' => true,
            b'\n' => false,
            b'\x0b' | b'\x0c' => return None,
            _ => continue,
        };
        let width = display_width(&text[start..i], cjk);
        cells.push((i, width, tab));
        match widest.get_mut(column) {
            Some(w) => *w = (*w).max(width),
            None => widest.push(width),
        }
        start = i + 1;
        column += 1;
        if !tab {
            if *columns.get_or_insert(column) != column {
                return None;
            }
            column = 0;
        }
    }
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let mut start = 0;
    let mut column = 0;
    for (end, width, tab) in cells {
        out.push_str(&text[start..end]);
        if tab {
            let mut pad = (widest.get(column).copied().unwrap_or(0) + PADDING)
                .max(MIN_WIDTH)
                .saturating_sub(width);
            while pad > 0 {
                let n = pad.min(SPACES.len());
                out.push_str(&SPACES[..n]);
                pad -= n;
            }
            column += 1;
        } else {
            out.push('\n');
            column = 0;
        }
        start = end + 1;
    }
    Some(out)
}

/// `docker ps` checks the raw `--format` against an empty container before asking the
/// daemon; its errors say `failed to parse/execute template: …` with positions in the raw text.
fn check_ps_format(user_format: &str) -> Result<(), String> {
    let tpl = template::parse(user_format).map_err(|e| e.to_string())?;
    tpl.execute(&empty_container(), false)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn parse_filters(values: &[String], allowed: &[&str]) -> Result<Vec<(String, String)>, Output> {
    let mut out = Vec::new();
    for v in values {
        let Some((k, val)) = v.split_once('=') else {
            return Err(failure(format!("invalid argument \"{v}\" for \"-f, --filter\" flag: bad format of filter (expected name=value)"), 125));
        };
        let k = k.trim().to_lowercase();
        if !allowed.contains(&k.as_str()) {
            return Err(failure(
                format!("Error response from daemon: invalid filter '{k}'"),
                1,
            ));
        }
        out.push((k, val.trim().to_string()));
    }
    Ok(out)
}

const PS_FILTERS: &[&str] = &[
    "ancestor",
    "before",
    "expose",
    "exited",
    "health",
    "id",
    "isolation",
    "is-task",
    "label",
    "name",
    "network",
    "publish",
    "since",
    "status",
    "volume",
];

/// Whether container `c` passes the `--filter`s (same key = OR, different keys = AND).
/// `ancestors` holds each `ancestor` value with the image ID it names (looked up once).
fn container_matches(
    c: &Container,
    filters: &[(String, String)],
    ancestors: &[(String, Option<String>)],
) -> Result<bool, Output> {
    let mut by_key: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (k, v) in filters {
        by_key.entry(k.as_str()).or_default().push(v.as_str());
    }
    for (key, values) in by_key {
        let ok = match key {
            "status" => {
                for v in &values {
                    if !["created", "restarting", "running", "removing", "paused", "exited", "dead"].contains(v) {
                        return Err(failure(format!("Error response from daemon: invalid filter 'status={v}'"), 1));
                    }
                }
                values.contains(&c.state.status.as_str())
            }
            // The daemon matches the value as a regular expression against the name with and
            // without its leading slash (moby daemon/list.go).
            "name" => values.iter().any(|v| {
                name_filter_matches(v, &c.name) || name_filter_matches(v, &format!("/{}", c.name))
            }),
            "id" => values.iter().any(|v| c.id.starts_with(v)),
            "exited" => values.iter().any(|v| {
                c.state.status == Status::Exited && v.parse::<i32>().ok() == Some(c.state.exit_code)
            }),
            "label" => values.iter().any(|v| match v.split_once('=') {
                Some((k, val)) => c.config.labels.iter().any(|(lk, lv)| lk == k && lv == val),
                None => c.config.labels.iter().any(|(lk, _)| lk == v),
            }),
            "ancestor" => ancestors.iter().any(|(v, id)| {
                id.as_deref() == Some(c.image_id.as_str()) || c.config.image == *v
            }),
            other => {
                return Err(failure(
                    format!("dockersim: '{other}' 필터는 아직 흉내 내지 않습니다. status, name, id, ancestor, exited, label 필터를 쓸 수 있습니다."),
                    1,
                ))
            }
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Whether the `name` filter value `pattern` finds a match in `name`: the daemon uses Go's
/// unanchored `regexp.MatchString`. The common subset is handled (literals, `\\x` escapes,
/// `^`, `$`, `.`, and `*`, `+`, `?` after one of them); a pattern with other operators
/// (`[`, `(`, `|`, `{`) is matched as plain text.
fn name_filter_matches(pattern: &str, name: &str) -> bool {
    #[derive(Clone, Copy)]
    enum Atom {
        Any,
        Char(char),
    }
    if pattern.contains(['[', '(', '|', '{']) {
        return name.contains(pattern);
    }
    let mut chars = pattern.chars().peekable();
    let anchored = chars.peek() == Some(&'^');
    if anchored {
        chars.next();
    }
    // (atom, min, max) with max None = unbounded; the final `$` is an end anchor.
    let mut items: Vec<(Atom, usize, Option<usize>)> = Vec::new();
    let mut end_anchor = false;
    while let Some(c) = chars.next() {
        let atom = match c {
            '$' if chars.peek().is_none() => {
                end_anchor = true;
                break;
            }
            '.' => Atom::Any,
            '\\' => Atom::Char(chars.next().unwrap_or('\\')),
            '*' | '+' | '?' => match items.last_mut() {
                Some(last) => {
                    *last = match c {
                        '*' => (last.0, 0, None),
                        '+' => (last.0, 1, None),
                        _ => (last.0, 0, Some(1)),
                    };
                    continue;
                }
                None => Atom::Char(c),
            },
            other => Atom::Char(other),
        };
        items.push((atom, 1, Some(1)));
    }
    fn here(items: &[(Atom, usize, Option<usize>)], text: &[char], end_anchor: bool) -> bool {
        let Some(&(atom, min, max)) = items.first() else {
            return !end_anchor || text.is_empty();
        };
        let fits = |c: char| match atom {
            Atom::Any => true,
            Atom::Char(x) => x == c,
        };
        let mut n = 0;
        while n < text.len() && max.is_none_or(|m| n < m) && fits(text[n]) {
            n += 1;
        }
        (min..=n)
            .rev()
            .any(|k| here(&items[1..], &text[k..], end_anchor))
    }
    let text: Vec<char> = name.chars().collect();
    if anchored {
        return here(&items, &text, end_anchor);
    }
    (0..=text.len()).any(|start| here(&items, &text[start..], end_anchor))
}

/// `docker ps`.
pub fn ps(engine: &mut Engine, ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    let mut out = Output::new();
    let quiet = inv.bool("quiet");
    let trunc = !inv.bool("no-trunc");
    let user_format = inv.string("format");
    if quiet && user_format.is_some() {
        out.errln("WARNING: Ignoring custom format, because both --format and --quiet are set.");
    }
    let format = match user_format.as_deref() {
        _ if quiet => "{{.ID}}".to_string(),
        None | Some("") | Some("table") => {
            if inv.bool("size") {
                format!("{PS_DEFAULT}\t{{{{.Size}}}}")
            } else {
                PS_DEFAULT.to_string()
            }
        }
        Some("json") => template::JSON_TEMPLATE.to_string(),
        Some(f) => f.to_string(),
    };
    let header = container_header();
    if let Some(user) = user_format.as_deref().filter(|_| !quiet) {
        if let Err(e) = check_ps_format(user) {
            return failure(e, 1);
        }
    }
    let filters = match parse_filters(&inv.list("filter"), PS_FILTERS) {
        Ok(f) => f,
        Err(o) => return o,
    };
    let sizes = inv.bool("size")
        || (user_format.as_deref() != Some("json")
            && !quiet
            && (format.contains(".Size") || format.contains("json .")));
    let last = inv.int("last").unwrap_or(-1);
    let limit = if inv.bool("latest") { 1 } else { last };
    // A status filter makes the daemon consider every container (moby daemon/list.go sets
    // `All` while folding the status filter), so `ps --filter status=exited` needs no -a.
    let all = inv.bool("all") || limit > 0 || filters.iter().any(|(k, _)| k == "status");
    let now = engine.now();
    // The images `ancestor` filters name, looked up once rather than for every container.
    let ancestors: Vec<(String, Option<String>)> = filters
        .iter()
        .filter(|(k, _)| k == "ancestor")
        .map(|(_, v)| (v.clone(), engine.find_image(v).ok().flatten()))
        .collect();
    let state = engine.state();
    // Newest first, as `containers_newest_first` gives them, but sorted by creation number
    // rather than looked up again one 64-character ID at a time.
    let mut newest_first: Vec<&Container> = state.containers.values().collect();
    newest_first.sort_unstable_by_key(|c| std::cmp::Reverse(c.seq));
    let mut rows: Vec<&Container> = Vec::new();
    for c in newest_first
        .into_iter()
        .filter(|c| all || c.is_running() || c.state.status == Status::Restarting)
    {
        match container_matches(c, &filters, &ancestors) {
            Ok(true) => {}
            Ok(false) => continue,
            Err(o) => return o,
        }
        if limit > 0 && rows.len() as i64 >= limit {
            break;
        }
        rows.push(c);
    }
    if quiet {
        for c in rows {
            out.outln(if trunc { &c.id[..12] } else { &c.id });
        }
        return out;
    }
    let shared = PsRows {
        state,
        now,
        trunc,
        sizes,
        still_named: Default::default(),
        commands: Default::default(),
    };
    let sized_default = format!("{PS_DEFAULT}\t{{{{.Size}}}}");
    let rendered = if format == PS_DEFAULT || format == sized_default {
        let with_size = format == sized_default;
        render_table_rows(&format, &header, ctx.cjk, |text| {
            for c in rows {
                default_ps_row(&shared, c, with_size, text);
                text.push('\n');
            }
        })
    } else {
        let mask = std::cell::OnceCell::new();
        let value = |c, wanted: Option<&BTreeSet<String>>| {
            container_value(
                &shared,
                c,
                *mask.get_or_init(|| container_field_mask(wanted)),
            )
        };
        render(&format, &header, rows, value, ctx.cjk)
    };
    match rendered {
        Ok(text) => {
            out.out(text);
        }
        Err(e) => return failure(e, 1),
    }
    out
}

/// One row of `docker images`: an image under one of its tags (or `<none>`).
struct ImageRow<'a> {
    image: &'a Image,
    repository: String,
    tag: String,
    digest: String,
}

fn image_value(row: &ImageRow<'_>, now: DateTime<Utc>, trunc: bool) -> Value {
    let s = |v: String| Value::Str(v);
    let id = if trunc {
        row.image.id[..12].to_string()
    } else {
        format!("sha256:{}", row.image.id)
    };
    Value::Object {
        type_name: "*formatter.imageContext".to_string(),
        fields: vec![
            ("Containers".into(), s("N/A".into())),
            ("CreatedAt".into(), s(go_time(row.image.created))),
            (
                "CreatedSince".into(),
                s(format!("{} ago", since(now, row.image.created))),
            ),
            ("Digest".into(), s(row.digest.clone())),
            ("ID".into(), s(id)),
            ("Repository".into(), s(row.repository.clone())),
            ("SharedSize".into(), s("N/A".into())),
            (
                "Size".into(),
                s(human_size_with_precision(row.image.size as f64, 3)),
            ),
            ("Tag".into(), s(row.tag.clone())),
            ("UniqueSize".into(), s("N/A".into())),
            ("VirtualSize".into(), s(human_size(row.image.size as f64))),
        ],
    }
}

fn image_header() -> Value {
    let s = |v: &str| Value::Str(v.to_string());
    Value::Map(vec![
        ("Containers".into(), s("CONTAINERS")),
        ("CreatedAt".into(), s("CREATED AT")),
        ("CreatedSince".into(), s("CREATED")),
        ("Digest".into(), s("DIGEST")),
        ("ID".into(), s("IMAGE ID")),
        ("Repository".into(), s("REPOSITORY")),
        ("SharedSize".into(), s("SHARED SIZE")),
        ("Size".into(), s("SIZE")),
        ("Tag".into(), s("TAG")),
        ("UniqueSize".into(), s("UNIQUE SIZE")),
        ("VirtualSize".into(), s("SIZE")),
    ])
}

/// Glob match with `*` and `?` (docker's reference filter uses path.Match).
fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) && p[pi] != '*' {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

const IMAGE_SUBCOMMANDS: &[&str] = &[
    "build", "history", "import", "inspect", "list", "load", "ls", "prune", "pull", "push", "rm",
    "save", "tag",
];

/// `docker images [REPOSITORY[:TAG]]`.
pub fn images(engine: &mut Engine, ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    if inv.bool("tree") {
        return failure("dockersim: --tree 보기는 아직 흉내 내지 않습니다.", 1);
    }
    let mut out = Output::new();
    let quiet = inv.bool("quiet");
    let trunc = !inv.bool("no-trunc");
    let digests = inv.bool("digests");
    let user_format = inv.string("format");
    let mut format = match user_format.as_deref() {
        _ if quiet => "{{.ID}}".to_string(),
        None | Some("") | Some("table") => IMAGES_DEFAULT.to_string(),
        Some("json") => template::JSON_TEMPLATE.to_string(),
        Some(f) => f.to_string(),
    };
    if digests && !quiet && format.starts_with("table") && !format.contains("{{.Digest}}") {
        if user_format.is_none() || user_format.as_deref() == Some("table") {
            format = "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}".to_string();
        } else {
            format.push_str("\t{{.Digest}}");
        }
    }
    let header = image_header();
    let filters = match parse_filters(
        &inv.list("filter"),
        &["before", "dangling", "label", "reference", "since", "until"],
    ) {
        Ok(f) => f,
        Err(o) => return o,
    };
    let mut reference_patterns: Vec<String> = filters
        .iter()
        .filter(|(k, _)| k == "reference")
        .map(|(_, v)| v.clone())
        .collect();
    let dangling_filter = filters
        .iter()
        .find(|(k, _)| k == "dangling")
        .map(|(_, v)| v == "true" || v == "1");
    if let Some((k, _)) = filters
        .iter()
        .find(|(k, _)| !["reference", "dangling"].contains(&k.as_str()))
    {
        return failure(
            format!("dockersim: '{k}' 필터는 아직 흉내 내지 않습니다."),
            1,
        );
    }
    let argument = inv.args().first().cloned();
    if let Some(a) = &argument {
        reference_patterns.push(a.clone());
    }
    let now = engine.now();
    let state = engine.state();
    let mut rows: Vec<ImageRow<'_>> = Vec::new();
    for image in state.images_newest_first() {
        if let Some(want) = dangling_filter {
            if want != image.is_dangling() {
                continue;
            }
        }
        let digest_of = |repo: &str| {
            image
                .digests
                .iter()
                .find(|(r, _)| r == repo)
                .map(|(_, d)| d.clone())
                .unwrap_or_else(|| "<none>".to_string())
        };
        if image.tags.is_empty() {
            if reference_patterns.is_empty() {
                rows.push(ImageRow {
                    image,
                    repository: "<none>".into(),
                    tag: "<none>".into(),
                    digest: "<none>".into(),
                });
            }
            continue;
        }
        for tag in &image.tags {
            let familiar = familiar_repository(&tag.repository);
            let matches = reference_patterns.iter().all(|p| {
                let (name, tag_pattern) = match p.rsplit_once(':') {
                    Some((n, t)) if !t.contains('/') => (n, Some(t)),
                    _ => (p.as_str(), None),
                };
                (glob(name, &familiar) || glob(name, &tag.repository))
                    && tag_pattern.is_none_or(|t| glob(t, &tag.tag))
            });
            if matches {
                rows.push(ImageRow {
                    image,
                    repository: familiar,
                    tag: tag.tag.clone(),
                    digest: digest_of(&tag.repository),
                });
            }
        }
    }
    if quiet {
        for r in &rows {
            if trunc {
                out.outln(&r.image.id[..12]);
            } else {
                out.outln(format!("sha256:{}", r.image.id));
            }
        }
    } else {
        let value = |r: &ImageRow<'_>, _: Option<&BTreeSet<String>>| image_value(r, now, trunc);
        match render(&format, &header, &rows, value, ctx.cjk) {
            Ok(text) => {
                out.out(text);
            }
            Err(e) => return failure(e, 1),
        }
    }
    if rows.is_empty() {
        if let Some(a) = argument {
            if IMAGE_SUBCOMMANDS.contains(&a.as_str()) {
                out.errln(format!(
                    "\nNo images found matching \"{a}\": did you mean \"docker image {a}\"?"
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod filter_tests {
    use super::name_filter_matches;
    use crate::cli::docker_for_test;
    use crate::engine::Engine;

    fn docker(engine: &mut Engine, line: &str) -> String {
        let argv: Vec<&str> = line.split_whitespace().collect();
        docker_for_test(engine, &argv).stdout()
    }

    #[test]
    fn a_status_filter_lists_stopped_containers_without_all() {
        let mut engine = Engine::scripted(1);
        engine.preload("alpine").unwrap();
        docker(&mut engine, "run --name ex1 alpine true");
        docker(&mut engine, "run -d --name up1 alpine sleep 100");
        let exited = docker(&mut engine, "ps --filter status=exited --format {{.Names}}");
        assert_eq!(exited, "ex1\n");
        assert_eq!(docker(&mut engine, "ps --format {{.Names}}"), "up1\n");
    }

    #[test]
    fn name_filter_is_an_unanchored_regexp() {
        assert!(name_filter_matches("web", "webapp"));
        assert!(name_filter_matches("app", "webapp"));
        assert!(name_filter_matches("^web$", "web"));
        assert!(!name_filter_matches("^web$", "webapp"));
        assert!(name_filter_matches("^/web", "/web"));
        assert!(name_filter_matches("w.b", "web"));
        assert!(name_filter_matches("^we*b+$", "wb"));
        assert!(!name_filter_matches("^we+b$", "wb"));
        assert!(name_filter_matches("a\\.b", "a.b"));
        assert!(!name_filter_matches("a\\.b", "axb"));
        assert!(name_filter_matches("[x", "a[x"));
    }
}

#[cfg(test)]
mod render_tests {
    use super::*;
    use crate::cli::docker_for_test;

    fn docker(engine: &mut Engine, args: &[&str]) {
        let out = docker_for_test(engine, args);
        assert_eq!(out.exit_code, 0, "{args:?}: {}", out.merged());
    }

    /// Containers of every kind: published ports, labels, exited, created, and one whose
    /// image reference no longer names its image.
    fn engine() -> Engine {
        let mut e = Engine::scripted(5);
        let runs: &[&[&str]] = &[
            &["pull", "alpine"],
            &["pull", "nginx"],
            &[
                "run", "-d", "--name", "web", "-p", "8080:80", "-l", "com.x=y", "-l", "a=b",
                "nginx",
            ],
            &["run", "--name", "done", "alpine", "echo", "two words"],
            &["run", "--name", "kr", "alpine", "echo", "안녕하세요 세계"],
            &["create", "--name", "fresh", "alpine"],
            &["run", "-d", "--name", "sleeper", "alpine", "sleep", "100"],
            &["tag", "alpine", "mine:1"],
            &["run", "-d", "--name", "mine1", "mine:1", "sleep", "50"],
            &["rmi", "mine:1"],
        ];
        for args in runs {
            docker(&mut e, args);
        }
        e
    }

    /// `format` rendered from full contexts, and from contexts with only the fields the
    /// format can use.
    fn full_and_pruned(
        engine: &mut Engine,
        format: &str,
    ) -> (Result<String, String>, Result<String, String>) {
        let now = engine.now();
        let state = engine.state();
        let rows: Vec<&Container> = state.containers_newest_first().collect();
        let shared = PsRows {
            state,
            now,
            trunc: true,
            sizes: true,
            still_named: Default::default(),
            commands: Default::default(),
        };
        let header = container_header();
        let full = render(
            format,
            &header,
            rows.iter().copied(),
            |c, _| container_value(&shared, c, container_field_mask(None)),
            false,
        );
        let pruned = render(
            format,
            &header,
            rows.iter().copied(),
            |c, wanted| container_value(&shared, c, container_field_mask(wanted)),
            false,
        );
        (full, pruned)
    }

    #[test]
    fn contexts_with_only_the_used_fields_render_the_same() {
        let mut e = engine();
        let formats = [
            PS_DEFAULT,
            "{{json .}}",
            "{{.}}",
            "table {{.ID}}\t{{.Label \"com.x\"}}\t{{.Labels}}",
            "{{$.Names}} {{$}}",
            "{{with .Names}}{{.}}{{end}}",
            "{{range $k, $v := .Label}}{{$k}}={{$v}};{{end}}",
            "{{if .Ports}}{{.Ports}}{{else}}none{{end}} {{.Image}}",
            "{{define \"x\"}}{{.Names}}{{end}}{{template \"x\" .}}",
            "{{define \"y\"}}[{{.}}]{{end}}{{template \"y\" .Status}}",
            "{{.Nope}}",
            "{{printf \"%s|%v|%q\" .ID .Platform .Command}}",
            "{{.Size}} {{.State}} {{.RunningFor}} {{.CreatedAt}}",
            "{{len .Names}} {{index .Label \"a\"}}",
            "{{$x := .State}}{{$x}} {{$.Mounts}}{{.Networks}}{{.LocalVolumes}}",
            "table {{.Names}}\t{{.Nope}}",
        ];
        for format in formats {
            let (full, pruned) = full_and_pruned(&mut e, format);
            assert_eq!(full, pruned, "{format}");
        }
    }

    #[test]
    fn the_uniform_layout_is_the_tabwriters() {
        let tables = [
            "A\tB\tC\nxx\tyyyyyyyyyyyyyyyy\tz\n",
            "ID\tNAME\n안녕하세요 세계\t이름\nx\t\n",
            "one\n",
            "\t\t\n\t\t\n",
            "a\u{1}b\tc\u{301}\te\n日本\tｱＡ\t…\n",
        ];
        for text in tables {
            for cjk in [false, true] {
                assert_eq!(
                    align_uniform(text, cjk).as_deref(),
                    Some(align(text, cjk).as_str()),
                    "{text:?}"
                );
            }
        }
        // Anything else is left to the general layout.
        for text in ["a\tb\nc\n", "a\tb", "a\x0bb\n", "a\tb\x0cc\td\n"] {
            assert_eq!(align_uniform(text, false), None, "{text:?}");
        }
    }

    #[test]
    fn the_default_table_written_directly_matches_the_template() {
        let mut e = engine();
        for with_size in [false, true] {
            let format = if with_size {
                format!("{PS_DEFAULT}\t{{{{.Size}}}}")
            } else {
                PS_DEFAULT.to_string()
            };
            let (by_template, _) = full_and_pruned(&mut e, &format);
            let now = e.now();
            let state = e.state();
            let shared = PsRows {
                state,
                now,
                trunc: true,
                sizes: true,
                still_named: Default::default(),
                commands: Default::default(),
            };
            let direct = render_table_rows(&format, &container_header(), false, |text| {
                for c in state.containers_newest_first() {
                    default_ps_row(&shared, c, with_size, text);
                    text.push('\n');
                }
            });
            let by_template = by_template.unwrap();
            assert_eq!(direct.unwrap(), by_template);
            // The image reference no longer names an image: the row shows the image's ID.
            let mine = by_template.lines().find(|l| l.contains(" mine1"));
            assert!(mine.is_some_and(|l| !l.contains("mine:1")), "{by_template}");
            assert_eq!(by_template.lines().count(), 7, "{by_template}");
            assert!(by_template.contains("안녕하세요"), "{by_template}");
        }
    }
}
