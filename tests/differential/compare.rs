//! Comparing one line's output from dockersim and from a real engine: normalising what
//! legitimately differs (container IDs, generated names, durations and timestamps within a
//! tolerance), tables compared cell by cell with docker's tabwriter rule checked separately,
//! version-gated known differences, and unified diffs for what is left.

use chrono::{DateTime, NaiveDateTime};
use std::collections::{BTreeMap, HashMap, HashSet};
use unicode_width::UnicodeWidthStr;

/// How far two durations or timestamps may be apart and still count as equal, in seconds.
pub const TOLERANCE_SECS: f64 = 2.0;

// ------------------------------------------------------------------------------------------
// Generated names

/// The name generator's two word lists (reference 13), to recognise generated names.
pub struct NameWords {
    left: HashSet<String>,
    right: HashSet<String>,
}

impl NameWords {
    /// Parses `src/engine/names.txt` (`[left]` / `[right]` sections, `#` comments).
    pub fn parse(text: &str) -> NameWords {
        let mut words = NameWords {
            left: HashSet::new(),
            right: HashSet::new(),
        };
        let mut section = "";
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with('[') {
                section = if line == "[left]" { "left" } else { "right" };
                continue;
            }
            for word in line.split(|c: char| c.is_whitespace() || c == ',') {
                if word.is_empty() {
                    continue;
                }
                if section == "left" {
                    words.left.insert(word.to_string());
                } else {
                    words.right.insert(word.to_string());
                }
            }
        }
        words
    }

    /// `jolly_wozniak`, `jolly_wozniak7`.
    pub fn is_generated(&self, name: &str) -> bool {
        let Some((left, right)) = name.split_once('_') else {
            return false;
        };
        let right = right
            .strip_suffix(|c: char| c.is_ascii_digit())
            .unwrap_or(right);
        self.left.contains(left) && self.right.contains(right)
    }
}

// ------------------------------------------------------------------------------------------
// Per-side identity maps

/// What one side (dockersim or the real engine) has shown so far in a scenario: container
/// IDs with the names they had, generated names by first appearance, other long hex tokens by
/// first appearance.
#[derive(Default)]
pub struct Side {
    /// Full container ID → its label (the container's name, or `#n` for a generated one).
    containers: BTreeMap<String, String>,
    generated: HashMap<String, usize>,
    hex: HashMap<String, usize>,
    /// Hex IDs that are the same on both sides by construction (image and layer IDs).
    pub stable: HashSet<String>,
}

impl Side {
    /// Records the containers this side has now, oldest first (so generated names are
    /// numbered in creation order on both sides).
    pub fn learn_containers(&mut self, words: &NameWords, oldest_first: &[(String, String)]) {
        for (id, name) in oldest_first {
            let name = name.trim_start_matches('/');
            let label = if words.is_generated(name) {
                format!("#{}", self.generated_number(name))
            } else {
                name.to_string()
            };
            self.containers.insert(id.clone(), label);
        }
    }

    fn generated_number(&mut self, name: &str) -> usize {
        let next = self.generated.len() + 1;
        *self.generated.entry(name.to_string()).or_insert(next)
    }

    fn container_label(&self, hex: &str) -> Option<&str> {
        if hex.len() == 64 {
            return self.containers.get(hex).map(String::as_str);
        }
        let mut found = self
            .containers
            .range(hex.to_string()..)
            .take_while(|(id, _)| id.starts_with(hex));
        match (found.next(), found.next()) {
            (Some((_, label)), None) => Some(label),
            _ => None,
        }
    }

    fn hex_number(&mut self, hex: &str) -> usize {
        // A 12-digit token and the 64-digit one it starts are the same object.
        if let Some((_, n)) = self
            .hex
            .iter()
            .find(|(k, _)| k.starts_with(hex) || hex.starts_with(k.as_str()))
        {
            return *n;
        }
        let next = self.hex.len() + 1;
        self.hex.insert(hex.to_string(), next);
        next
    }
}

/// A range of seconds a duration or timestamp stands for (`2 minutes` = [120, 180)).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Span {
    lo: f64,
    hi: f64,
}

impl Span {
    fn near(self, other: Span) -> bool {
        let gap = if self.hi <= other.lo {
            other.lo - self.hi
        } else if other.hi <= self.lo {
            self.lo - other.hi
        } else {
            0.0
        };
        gap <= TOLERANCE_SECS
    }
}

/// One normalised text: the text with placeholders, and the time values it held.
#[derive(Clone, Debug, PartialEq)]
pub struct Normalized {
    /// The text with `<ctr:web>`, `<name#1>`, `<hex1>`, `<dur>`, `<time>` placeholders.
    pub text: String,
    /// The values behind each `<dur>` / `<time>`, in order.
    pub spans: Vec<Span>,
}

const UNITS: [(&str, f64); 7] = [
    ("second", 1.0),
    ("minute", 60.0),
    ("hour", 3600.0),
    ("day", 86400.0),
    ("week", 604800.0),
    ("month", 2592000.0),
    ("year", 31536000.0),
];

/// Replaces durations (`Less than a second`, `3 seconds`, `About a minute`, …; reference
/// 2.1) and timestamps by placeholders, recording their spans.
fn times(text: &str, spans: &mut Vec<Span>) -> String {
    let mut out = String::new();
    let mut rest = text;
    'scan: while !rest.is_empty() {
        let at_word_start = !out
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        if at_word_start {
            for (phrase, lo, hi) in [
                ("Less than a second", 0.0, 1.0),
                ("About a minute", 60.0, 120.0),
                ("About an hour", 3600.0, 5400.0),
            ] {
                if let Some(after) = rest.strip_prefix(phrase) {
                    spans.push(Span { lo, hi });
                    out.push_str("<dur>");
                    rest = after;
                    continue 'scan;
                }
            }
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            if digits > 0 && digits < 10 {
                let number: f64 = rest[..digits].parse().unwrap_or(0.0);
                if let Some(after) = rest[digits..].strip_prefix(' ') {
                    for (unit, secs) in UNITS {
                        if let Some(after_unit) = after.strip_prefix(unit) {
                            let after_unit = after_unit.strip_prefix('s').unwrap_or(after_unit);
                            if !after_unit
                                .chars()
                                .next()
                                .is_some_and(|c| c.is_ascii_alphanumeric())
                            {
                                spans.push(Span {
                                    lo: number * secs,
                                    hi: (number + 1.0) * secs,
                                });
                                out.push_str("<dur>");
                                rest = after_unit;
                                continue 'scan;
                            }
                        }
                    }
                }
                if let Some((when, len)) = timestamp(rest) {
                    spans.push(Span {
                        lo: when,
                        hi: when + 1.0,
                    });
                    out.push_str("<time>");
                    rest = &rest[len..];
                    continue 'scan;
                }
            }
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// `2026-01-01 00:00:03 +0000 UTC` (Go's time string) or RFC 3339 with optional fraction.
fn timestamp(text: &str) -> Option<(f64, usize)> {
    if text.len() >= 29 && text.is_char_boundary(29) {
        let candidate = &text[..29];
        if let Ok(t) = DateTime::parse_from_str(&candidate[..25], "%Y-%m-%d %H:%M:%S %z") {
            if candidate[25..].starts_with(" UTC") || candidate[25..].starts_with(' ') {
                let len = 25
                    + 1
                    + candidate[26..]
                        .chars()
                        .take_while(char::is_ascii_uppercase)
                        .count();
                return Some((t.timestamp() as f64, len));
            }
        }
    }
    let len = text
        .chars()
        .take_while(|c| c.is_ascii_digit() || "-:TZ.".contains(*c))
        .count();
    let candidate = &text[..len];
    if candidate.len() >= 20 && candidate.ends_with('Z') {
        if let Ok(t) = NaiveDateTime::parse_from_str(&candidate[..19], "%Y-%m-%dT%H:%M:%S") {
            return Some((t.and_utc().timestamp() as f64, len));
        }
    }
    None
}

fn is_hex_word(word: &str) -> bool {
    (word.len() == 12 || word.len() == 64)
        && word
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Normalises `text` as shown by `side`: times first, then hex IDs and generated names.
pub fn normalize(text: &str, side: &mut Side, words: &NameWords) -> Normalized {
    let mut spans = Vec::new();
    let timed = times(text, &mut spans);
    let mut out = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String, side: &mut Side| {
        if word.is_empty() {
            return;
        }
        if is_hex_word(word) {
            if let Some(label) = side.container_label(word) {
                let short = if word.len() == 12 { ":12" } else { "" };
                out.push_str(&format!("<ctr:{label}{short}>"));
            } else if side.stable.contains(word.as_str())
                || side.stable.iter().any(|s| s.starts_with(word.as_str()))
            {
                out.push_str(word);
            } else {
                let n = side.hex_number(word);
                let short = if word.len() == 12 { ":12" } else { "" };
                out.push_str(&format!("<hex{n}{short}>"));
            }
        } else if words.is_generated(word) {
            let n = side.generated_number(word);
            out.push_str(&format!("<name#{n}>"));
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in timed.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            flush(&mut word, &mut out, side);
            out.push(c);
        }
    }
    flush(&mut word, &mut out, side);
    Normalized { text: out, spans }
}

// ------------------------------------------------------------------------------------------
// Tables

/// A table printed by docker's tabwriter (reference 1.2): cells per line.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Header first.
    pub rows: Vec<Vec<String>>,
    /// The format ended with `\t`, so the last column is padded too.
    pub pad_last: bool,
}

/// Cuts `line` at display columns.
fn cut_at_columns(line: &str, starts: &[usize]) -> Vec<String> {
    let mut cells = vec![String::new(); starts.len()];
    let mut col = 0;
    for c in line.chars() {
        let idx = starts.iter().rposition(|s| *s <= col).unwrap_or(0);
        cells[idx].push(c);
        col += UnicodeWidthStr::width(c.encode_utf8(&mut [0; 4]) as &str);
    }
    cells.iter().map(|c| c.trim_end().to_string()).collect()
}

/// Renders cells the way docker's tabwriter does: minwidth 10, padding 3, the last column
/// unpadded unless the format ended with a tab.
pub fn render_table(rows: &[Vec<String>], pad_last: bool) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; columns];
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max((UnicodeWidthStr::width(cell.as_str()) + 3).max(10));
        }
    }
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < row.len() || pad_last {
                let pad = widths[i] - UnicodeWidthStr::width(cell.as_str());
                line.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Reads `text` as a tabwriter table whose header row gives the column starts; `None` when
/// it has fewer than two columns or is not exactly what the tabwriter rule would print.
pub fn parse_table(text: &str) -> Option<Table> {
    if !text.ends_with('\n') {
        return None;
    }
    let header = text.lines().next()?;
    let mut starts = vec![0];
    let mut col = 0;
    let mut spaces = 0;
    for c in header.chars() {
        if c == ' ' {
            spaces += 1;
        } else {
            if spaces >= 2 && col > 0 {
                starts.push(col);
            }
            spaces = 0;
        }
        col += UnicodeWidthStr::width(c.encode_utf8(&mut [0; 4]) as &str);
    }
    if starts.len() < 2 {
        return None;
    }
    let rows: Vec<Vec<String>> = text.lines().map(|l| cut_at_columns(l, &starts)).collect();
    [false, true]
        .into_iter()
        .find(|pad_last| render_table(&rows, *pad_last) == text)
        .map(|pad_last| Table { rows, pad_last })
}

// ------------------------------------------------------------------------------------------
// Known version differences

/// An engine version range such as `engine<25` or `runc>=1.1,<1.2`.
#[derive(Clone, Debug, PartialEq)]
pub struct VersionRange {
    /// As written (`engine<25`).
    pub text: String,
    /// `engine` or `runc`.
    pub component: String,
    /// (operator, version) pairs, all of which must hold.
    pub bounds: Vec<(String, Vec<u64>)>,
}

/// Leading numbers of a version: `20.10.24+dfsg1` → [20, 10, 24].
pub fn version_numbers(v: &str) -> Vec<u64> {
    v.split(['.', '+', '-', '~'])
        .map_while(|p| p.parse::<u64>().ok())
        .collect()
}

fn cmp_versions(a: &[u64], b: &[u64]) -> std::cmp::Ordering {
    let n = a.len().max(b.len());
    for i in 0..n {
        let (x, y) = (
            a.get(i).copied().unwrap_or(0),
            b.get(i).copied().unwrap_or(0),
        );
        if x != y {
            return x.cmp(&y);
        }
    }
    std::cmp::Ordering::Equal
}

impl VersionRange {
    /// Parses `engine<25`, `engine>=20.10,<28.2`, `runc<1.2`.
    pub fn parse(text: &str) -> Result<VersionRange, String> {
        let start = text
            .find(['<', '>', '='])
            .ok_or_else(|| format!("version range without a comparison: {text}"))?;
        let component = text[..start].to_string();
        if component != "engine" && component != "runc" {
            return Err(format!("unknown component {component:?} (engine, runc)"));
        }
        let mut bounds = Vec::new();
        for part in text[start..].split(',') {
            let op_len = part.chars().take_while(|c| "<>=".contains(*c)).count();
            let (op, ver) = part.split_at(op_len);
            if !["<", "<=", ">", ">=", "="].contains(&op) || version_numbers(ver).is_empty() {
                return Err(format!("bad version bound {part:?} in {text}"));
            }
            bounds.push((op.to_string(), version_numbers(ver)));
        }
        Ok(VersionRange {
            text: text.to_string(),
            component,
            bounds,
        })
    }

    /// Whether the versions seen (`engine` and `runc`) are in range.
    pub fn contains(&self, versions: &HashMap<String, String>) -> bool {
        let Some(seen) = versions.get(&self.component) else {
            return false;
        };
        let seen = version_numbers(seen);
        self.bounds.iter().all(|(op, v)| {
            let ord = cmp_versions(&seen, v);
            match op.as_str() {
                "<" => ord.is_lt(),
                "<=" => ord.is_le(),
                ">" => ord.is_gt(),
                ">=" => ord.is_ge(),
                _ => ord.is_eq(),
            }
        })
    }
}

/// What a known difference is about.
#[derive(Clone, Debug, PartialEq)]
pub enum KnownWhat {
    /// Lines of stdout or stderr: a real-engine line matching the first glob stands for the
    /// dockersim line matching the second.
    Lines {
        /// `stdout` or `stderr`.
        stream: String,
        /// Glob (`*` = any text) over the real engine's normalised line.
        real: String,
        /// Glob over dockersim's normalised line.
        sim: String,
    },
    /// The exit code: the real engine's `real` stands for dockersim's `sim`.
    Exit {
        /// Real engine's code.
        real: i32,
        /// dockersim's code.
        sim: i32,
    },
}

/// A difference between the local engine and the reference (28.2.2) that is expected.
/// Syntax (one line; in a scenario after `#@known `, in `known.txt` as is):
/// `engine<25 stderr §9.1: REAL GLOB => SIM GLOB` or `engine<25 exit §6.3: 126 => 127`.
#[derive(Clone, Debug, PartialEq)]
pub struct KnownDiff {
    /// Where it applies.
    pub range: VersionRange,
    /// The reference section that says what 28.2.2 does.
    pub reference: String,
    /// The difference.
    pub what: KnownWhat,
}

impl KnownDiff {
    /// Parses one rule.
    pub fn parse(text: &str) -> Result<KnownDiff, String> {
        let (head, body) = text
            .split_once(": ")
            .ok_or_else(|| format!("known difference without ': ': {text}"))?;
        let mut words = head.split_whitespace();
        let (Some(range), Some(stream), Some(reference), None) =
            (words.next(), words.next(), words.next(), words.next())
        else {
            return Err(format!(
                "known difference head must be 'RANGE STREAM §SECTION': {head}"
            ));
        };
        let reference = reference
            .strip_prefix('§')
            .ok_or_else(|| format!("the reference section starts with §: {head}"))?
            .to_string();
        let range = VersionRange::parse(range)?;
        let (real, sim) = body
            .split_once(" => ")
            .ok_or_else(|| format!("known difference without ' => ': {text}"))?;
        let what = match stream {
            "stdout" | "stderr" => KnownWhat::Lines {
                stream: stream.to_string(),
                real: real.to_string(),
                sim: sim.to_string(),
            },
            "exit" => KnownWhat::Exit {
                real: real
                    .trim()
                    .parse()
                    .map_err(|_| format!("bad exit code in {text}"))?,
                sim: sim
                    .trim()
                    .parse()
                    .map_err(|_| format!("bad exit code in {text}"))?,
            },
            _ => return Err(format!("stream must be stdout, stderr or exit: {head}")),
        };
        Ok(KnownDiff {
            range,
            reference,
            what,
        })
    }
}

/// `*` matches any run of characters; everything else literally.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let Some(mut rest) = text.strip_prefix(parts[0]) else {
        return false;
    };
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    rest.ends_with(parts[parts.len() - 1])
}

// ------------------------------------------------------------------------------------------
// One stream, compared

/// The comparable lines of one stream of one side, and the time spans they held.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lines {
    /// Normalised lines (table rows as cells joined by ` │ `).
    pub lines: Vec<String>,
    /// Time spans, in order.
    pub spans: Vec<Span>,
    /// A layout problem found in this side's table, if any.
    pub layout: Option<String>,
}

/// Normalises one stream. `table_expected` is whether the other side printed a table here
/// (the real engine's output decides: then dockersim's must be one too).
pub fn stream_lines(text: &str, side: &mut Side, words: &NameWords, table: bool) -> Lines {
    let mut result = Lines::default();
    if table {
        if let Some(t) = parse_table(text) {
            for row in &t.rows {
                let cells: Vec<String> = row
                    .iter()
                    .map(|cell| {
                        let n = normalize(cell, side, words);
                        result.spans.extend(n.spans);
                        n.text
                    })
                    .collect();
                result.lines.push(cells.join(" │ "));
            }
            return result;
        }
        result.layout =
            Some("not laid out as docker's tabwriter would (minwidth 10, padding 3)".into());
    }
    for line in text.split_inclusive('\n') {
        let n = normalize(line.strip_suffix('\n').unwrap_or(line), side, words);
        result.spans.extend(n.spans);
        let mut l = n.text;
        if !line.ends_with('\n') {
            l.push_str("⏎̸"); // no newline at the end
        }
        result.lines.push(l);
    }
    result
}

/// Applies the known differences for `stream` to the real engine's lines: each real line
/// that a rule's first glob matches is replaced by the dockersim line its second glob
/// matches (same count required). Returns the rules used.
pub fn apply_known<'k>(
    stream: &str,
    real: &mut Lines,
    sim: &Lines,
    rules: &[&'k KnownDiff],
) -> Vec<&'k KnownDiff> {
    let mut used = Vec::new();
    for rule in rules {
        let KnownWhat::Lines {
            stream: s,
            real: rg,
            sim: sg,
        } = &rule.what
        else {
            continue;
        };
        if s != stream {
            continue;
        }
        let real_idx: Vec<usize> = (0..real.lines.len())
            .filter(|&i| glob_match(rg, &real.lines[i]) && !sim.lines.contains(&real.lines[i]))
            .collect();
        let sim_idx: Vec<usize> = (0..sim.lines.len())
            .filter(|&i| glob_match(sg, &sim.lines[i]) && !real.lines.contains(&sim.lines[i]))
            .collect();
        if !real_idx.is_empty() && real_idx.len() == sim_idx.len() {
            for (r, s) in real_idx.iter().zip(&sim_idx) {
                real.lines[*r] = sim.lines[*s].clone();
            }
            used.push(*rule);
        }
    }
    used
}

/// Puts the parts of an output whose order the real daemon leaves to Go's map iteration
/// into one order, on both sides: rows of one image listed under several repositories
/// (`docker images`, reference 3: "the order of different repositories of the same image is
/// random"), and the per-image groups of a prune's `Deleted Images:` list (moby's image
/// prune walks a map). Rows and groups are sorted by their text.
pub fn canonical_order(command: &str, lines: &mut [String]) {
    if command.contains("docker images")
        || command.contains("docker image ls")
        || command.contains("docker image list")
    {
        let id_of = |line: &str| {
            line.split(|c: char| !c.is_ascii_alphanumeric())
                .find(|w| is_hex_word(w))
                .map(str::to_string)
        };
        let mut start = 0;
        while start < lines.len() {
            let id = id_of(&lines[start]);
            let mut end = start + 1;
            while id.is_some() && end < lines.len() && id_of(&lines[end]) == id {
                end += 1;
            }
            lines[start..end].sort();
            start = end;
        }
    }
    if command.contains("prune") {
        let Some(header) = lines.iter().position(|l| l.ends_with("Deleted Images:")) else {
            return;
        };
        let end = lines[header + 1..]
            .iter()
            .position(String::is_empty)
            .map_or(lines.len(), |p| header + 1 + p);
        let mut groups: Vec<Vec<String>> = Vec::new();
        for line in &lines[header + 1..end] {
            let new_group = match groups.last() {
                None => true,
                Some(g) => {
                    line.starts_with("untagged:")
                        && g.last().is_some_and(|l| l.starts_with("deleted:"))
                }
            };
            if new_group {
                groups.push(Vec::new());
            }
            if let Some(g) = groups.last_mut() {
                g.push(line.clone());
            }
        }
        groups.sort();
        for (slot, line) in lines[header + 1..end].iter_mut().zip(groups.concat()) {
            *slot = line;
        }
    }
}

/// Whether two sides' lines are equal, time spans within the tolerance.
pub fn same(a: &Lines, b: &Lines) -> bool {
    a.lines == b.lines
        && a.spans.len() == b.spans.len()
        && a.spans.iter().zip(&b.spans).all(|(x, y)| x.near(*y))
}

// ------------------------------------------------------------------------------------------
// Unified diff

/// A unified diff (`-` dockersim, `+` real engine) with three lines of context.
pub fn unified_diff(a: &[String], b: &[String]) -> String {
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    // (kind, text, line in a, line in b)
    let mut ops: Vec<(char, &str, usize, usize)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push((' ', &a[i], i, j));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(('-', &a[i], i, j));
            i += 1;
        } else {
            ops.push(('+', &b[j], i, j));
            j += 1;
        }
    }
    let changed: Vec<usize> = (0..ops.len()).filter(|&k| ops[k].0 != ' ').collect();
    let mut out = String::new();
    let mut k = 0;
    while k < changed.len() {
        let start = changed[k].saturating_sub(3);
        let mut end = changed[k];
        while k < changed.len() && changed[k] <= end + 6 {
            end = changed[k];
            k += 1;
        }
        let end = (end + 4).min(ops.len());
        let hunk = &ops[start..end];
        let a_len = hunk.iter().filter(|o| o.0 != '+').count();
        let b_len = hunk.iter().filter(|o| o.0 != '-').count();
        out.push_str(&format!(
            "@@ -{},{a_len} +{},{b_len} @@\n",
            hunk[0].2 + 1,
            hunk[0].3 + 1
        ));
        for (kind, text, _, _) in hunk {
            out.push_str(&format!("{kind}{text}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> NameWords {
        NameWords::parse("[left]\njolly\nboring\n[right]\nwozniak\ncerf\n")
    }

    #[test]
    fn generated_names_are_recognised() {
        let w = words();
        assert!(w.is_generated("jolly_wozniak"));
        assert!(w.is_generated("boring_cerf7"));
        assert!(!w.is_generated("web"));
        assert!(!w.is_generated("jolly_web"));
    }

    #[test]
    fn durations_and_timestamps_become_spans() {
        let mut spans = Vec::new();
        let t = times(
            "Up Less than a second, Exited (0) 3 seconds ago, About a minute ago, 21 months ago, sleep 1000",
            &mut spans,
        );
        assert_eq!(
            t,
            "Up <dur>, Exited (0) <dur> ago, <dur> ago, <dur> ago, sleep 1000"
        );
        assert_eq!(spans[1], Span { lo: 3.0, hi: 4.0 });
        let mut spans = Vec::new();
        let t = times(
            "2026-11-28 01:21:54 +0000 UTC|2026-11-28T01:21:55.688780461Z|0001-01-01T00:00:00Z",
            &mut spans,
        );
        assert_eq!(t, "<time>|<time>|<time>");
        assert!(spans[0].near(spans[1]));
        assert!(!spans[0].near(spans[2]));
    }

    #[test]
    fn spans_tolerate_two_seconds() {
        let less = Span { lo: 0.0, hi: 1.0 };
        assert!(less.near(Span { lo: 2.0, hi: 3.0 }));
        assert!(less.near(Span { lo: 3.0, hi: 4.0 }));
        assert!(!less.near(Span { lo: 4.0, hi: 5.0 }));
    }

    #[test]
    fn ids_map_to_container_names_and_first_appearance() {
        let w = words();
        let mut side = Side::default();
        let web = "a".repeat(63) + "1";
        let gen = "b".repeat(64);
        side.learn_containers(
            &w,
            &[
                (web.clone(), "/web".into()),
                (gen.clone(), "jolly_cerf".into()),
            ],
        );
        let text = format!(
            "{web} {} {} jolly_cerf {} {}",
            &web[..12],
            &gen[..12],
            "c".repeat(12),
            "c".repeat(64)
        );
        let n = normalize(&text, &mut side, &w);
        assert_eq!(
            n.text,
            "<ctr:web> <ctr:web:12> <ctr:#1:12> <name#1> <hex1:12> <hex1>"
        );
        side.stable.insert("d".repeat(64));
        assert_eq!(
            normalize(&"d".repeat(12), &mut side, &w).text,
            "d".repeat(12)
        );
    }

    #[test]
    fn tables_parse_and_render_like_the_tabwriter() {
        let text = "CONTAINER ID   IMAGE     NAMES\nabc            alpine    web\n";
        let t = parse_table(text).unwrap();
        assert_eq!(t.rows[1], vec!["abc", "alpine", "web"]);
        assert!(!t.pad_last);
        // One space short of docker's padding: not a tabwriter table.
        assert!(
            parse_table("CONTAINER ID   IMAGE    NAMES\nabc            alpine   web\n").is_none()
        );
        assert!(parse_table("bin\ndev\n").is_none());
        let padded = "NAMES     STATUS    \nweb       Created   \n";
        assert!(parse_table(padded).unwrap().pad_last);
    }

    #[test]
    fn known_differences_parse_and_match() {
        let rule = KnownDiff::parse(
            "engine<25 stderr §9.1: Error response from daemon: You cannot remove a running container *. Stop * => Error response from daemon: cannot remove container \"*\": container is running*",
        )
        .unwrap();
        let versions: HashMap<String, String> =
            [("engine".to_string(), "20.10.24+dfsg1".to_string())].into();
        assert!(rule.range.contains(&versions));
        let mut real = Lines {
            lines: vec!["Error response from daemon: You cannot remove a running container <ctr:web>. Stop the container before attempting removal or force remove".into()],
            ..Lines::default()
        };
        let sim = Lines {
            lines: vec!["Error response from daemon: cannot remove container \"web\": container is running: stop the container before removing or force remove".into()],
            ..Lines::default()
        };
        assert_eq!(apply_known("stderr", &mut real, &sim, &[&rule]).len(), 1);
        assert!(same(&real, &sim));
        let exit = KnownDiff::parse("runc<1.2 exit §6.3: 126 => 127").unwrap();
        assert_eq!(
            exit.what,
            KnownWhat::Exit {
                real: 126,
                sim: 127
            }
        );
        assert!(KnownDiff::parse("engine<25 stderr 9.1: a => b").is_err());
        assert!(!VersionRange::parse("engine>=28.2")
            .unwrap()
            .contains(&versions));
    }

    #[test]
    fn random_daemon_orders_are_made_canonical() {
        let mut rows: Vec<String> = [
            "REPOSITORY │ TAG │ IMAGE ID",
            "my/app │ v1 │ b503173db736",
            "alpine │ latest │ b503173db736",
            "busybox │ latest │ d9eceb5c46ea",
        ]
        .map(String::from)
        .to_vec();
        canonical_order("docker images", &mut rows);
        assert_eq!(rows[1], "alpine │ latest │ b503173db736");
        assert_eq!(rows[3], "busybox │ latest │ d9eceb5c46ea");
        let mut prune: Vec<String> = [
            "Are you sure you want to continue? [y/N] Deleted Images:",
            "untagged: x:latest",
            "deleted: sha256:2",
            "untagged: a:latest",
            "untagged: a:v1",
            "deleted: sha256:1",
            "",
            "Total reclaimed space: 0B",
        ]
        .map(String::from)
        .to_vec();
        canonical_order("docker system prune -a", &mut prune);
        assert_eq!(
            prune[1..6],
            [
                "untagged: a:latest",
                "untagged: a:v1",
                "deleted: sha256:1",
                "untagged: x:latest",
                "deleted: sha256:2"
            ]
        );
        assert_eq!(prune[7], "Total reclaimed space: 0B");
    }

    #[test]
    fn globs() {
        assert!(glob_match("a*c*e", "abcde"));
        assert!(glob_match("*", ""));
        assert!(!glob_match("a*c", "abd"));
        assert!(glob_match("abc", "abc"));
    }

    #[test]
    fn unified_diff_shows_changed_lines_with_context() {
        let a: Vec<String> = ["1", "2", "3", "4"].iter().map(|s| s.to_string()).collect();
        let b: Vec<String> = ["1", "2", "x", "4"].iter().map(|s| s.to_string()).collect();
        assert_eq!(
            unified_diff(&a, &b),
            "@@ -1,4 +1,4 @@\n 1\n 2\n-3\n+x\n 4\n"
        );
        assert_eq!(unified_diff(&a, &a), "");
    }
}
