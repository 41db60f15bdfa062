//! Programs that read standard input or files and write what they make of them (`cat`,
//! `grep`, `wc`, `head`, `tail`, `sort`, `uniq`, `tr`, `cut`, `tee`, `xargs`, `sed`, `nl`,
//! `rev`), and [`Feed`], the standard input a pipe gives a program.
//!
//! Output and messages are BusyBox 1.35's. In images without BusyBox (Debian, Ubuntu and the
//! images built on them, which carry GNU coreutils, grep and sed) the error lines use GNU's
//! wording where it is known and noted as such below; everything else stays BusyBox's.
//!
//! Input arrives over time: a line read from a pipe is available when its writer wrote it,
//! so a line-by-line filter (`grep`, `cat`, `tr`, `cut`, `sed`, `head`) prints each line at
//! the moment it came in, and one that needs all its input (`sort`, `wc`, `tail`, `uniq -c`)
//! prints when the writer closes the pipe, or never if it never does.

use super::fs::{normalize, Node};
use super::program::MAX_VALUE_BYTES;
use super::program::{resolve, run_program, Chunk, Lifetime, ProcessEnv, Spawned, Stream};
use std::time::Duration;

/// Standard input that is not a terminal: text that arrives piece by piece through a pipe.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Feed {
    text: String,
    /// (end offset in `text`, when the bytes up to it arrived), in order.
    marks: Vec<(usize, Duration)>,
    /// When the writer closes the pipe; `None` if it never does.
    eof: Option<Duration>,
    /// How much has been read.
    pos: usize,
    /// Times given to a reader are measured from this instant of the feed's clock (when the
    /// reader started).
    origin: Duration,
}

impl Feed {
    /// A pipe that brings `pieces` (each at its time, in order) and closes at `eof`.
    pub fn new(
        pieces: impl IntoIterator<Item = (Duration, String)>,
        eof: Option<Duration>,
    ) -> Feed {
        let mut feed = Feed {
            eof,
            ..Feed::default()
        };
        for (at, text) in pieces {
            if text.is_empty() {
                continue;
            }
            feed.text.push_str(&text);
            feed.marks.push((feed.text.len(), at));
        }
        feed
    }

    /// The unread text.
    pub fn rest(&self) -> &str {
        &self.text[self.pos..]
    }

    /// How much has been read so far.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// Sets how much has been read (a reader that worked on a copy gives its position back).
    pub fn set_pos(&mut self, pos: usize) {
        self.pos = pos.min(self.text.len());
    }

    /// Readers started from now on measure time from `origin` of the feed's clock.
    pub fn set_origin(&mut self, origin: Duration) {
        self.origin = origin;
    }

    /// A copy whose clock starts at the current origin (for a shell that reads it in its own
    /// time).
    pub fn rebased(&self) -> Feed {
        Feed {
            text: self.text.clone(),
            marks: self
                .marks
                .iter()
                .map(|(end, at)| (*end, at.saturating_sub(self.origin)))
                .collect(),
            eof: self.eof.map(|e| e.saturating_sub(self.origin)),
            pos: self.pos,
            origin: Duration::ZERO,
        }
    }

    /// When the unread bytes up to `len` are all there, from the reader's start.
    pub fn arrival(&self, len: usize) -> Duration {
        let end = self.pos.saturating_add(len);
        let i = self.marks.partition_point(|(e, _)| *e < end);
        let at = self.marks.get(i).map_or(Duration::ZERO, |(_, at)| *at);
        at.saturating_sub(self.origin)
    }

    /// When the writer closes the pipe, from the reader's start; `None` if never.
    pub fn eof(&self) -> Option<Duration> {
        self.eof.map(|e| e.saturating_sub(self.origin))
    }

    /// Marks `len` more bytes as read.
    pub fn consume(&mut self, len: usize) {
        self.set_pos(self.pos.saturating_add(len));
    }

    /// Reads one line as `read` does: the text without its newline and when it was there;
    /// `complete` is false when the pipe closed before a newline (or nothing was left).
    /// `None` when the line never comes (the writer never closes the pipe).
    pub fn read_line(&mut self) -> Option<(String, Duration, bool)> {
        match self.rest().find('\n') {
            Some(i) => {
                let at = self.arrival(i + 1);
                let line = self.rest()[..i].to_string();
                self.consume(i + 1);
                Some((line, at, true))
            }
            None => {
                let eof = self.eof()?;
                let line = self.rest().to_string();
                let len = line.len();
                self.consume(len);
                Some((line, eof, false))
            }
        }
    }
}

/// One line of input: its text (without the newline), whether a newline ended it, and when
/// it is there for the reader (`None`: never, a last line whose writer never closes).
#[derive(Clone, Debug)]
struct Line {
    text: String,
    newline: bool,
    at: Option<Duration>,
}

/// What a filter reads, line by line, and when the input ends (`None`: never).
#[derive(Clone, Debug, Default)]
struct Input {
    lines: Vec<Line>,
    end: Option<Duration>,
}

impl Input {
    fn done() -> Input {
        Input {
            lines: Vec::new(),
            end: Some(Duration::ZERO),
        }
    }

    fn from_text(text: &str) -> Input {
        let mut input = Input::done();
        for (line, newline) in split_lines(text) {
            input.lines.push(Line {
                text: line.to_string(),
                newline,
                at: Some(Duration::ZERO),
            });
        }
        input
    }

    fn append(&mut self, other: Input) {
        let base = self.end;
        self.lines.extend(other.lines.into_iter().map(|l| Line {
            at: match (l.at, base) {
                (Some(a), Some(b)) => Some(a.max(b)),
                _ => None,
            },
            ..l
        }));
        self.end = match (self.end, other.end) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        };
    }
}

/// Splits text into lines; the flag says whether a newline ended the line.
fn split_lines(text: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        match rest.find('\n') {
            Some(i) => {
                out.push((&rest[..i], true));
                rest = &rest[i + 1..];
            }
            None => {
                out.push((rest, false));
                rest = "";
            }
        }
    }
    out
}

/// Reads all of standard input: a pipe as it arrives, a terminal that never sends anything
/// (`-i` without a pipe: it never ends), or nothing (end of file at once).
fn stdin_input(env: &mut ProcessEnv<'_>) -> Input {
    match env.stdin.as_deref_mut() {
        Some(feed) => {
            let mut input = Input {
                lines: Vec::new(),
                end: feed.eof(),
            };
            let rest = feed.rest().to_string();
            let mut offset = 0;
            for (line, newline) in split_lines(&rest) {
                offset += line.len() + usize::from(newline);
                input.lines.push(Line {
                    text: line.to_string(),
                    newline,
                    at: if newline {
                        Some(feed.arrival(offset))
                    } else {
                        feed.eof()
                    },
                });
            }
            feed.consume(rest.len());
            input
        }
        None if env.stdin_open => Input {
            lines: Vec::new(),
            end: None,
        },
        None => Input::done(),
    }
}

/// The images whose tools are GNU's (no BusyBox binary in them).
fn gnu(env: &ProcessEnv<'_>) -> bool {
    !matches!(env.fs.get("/bin/busybox"), Some(Node::Program(_)))
}

/// Why a file could not be read.
enum Unreadable {
    Missing,
    Directory,
}

fn read_file(env: &ProcessEnv<'_>, name: &str) -> Result<String, Unreadable> {
    let path = normalize(env.cwd, name);
    // docker bind-mounts /etc/hostname (see `cat`).
    if path == "/etc/hostname" {
        return Ok(format!("{}\n", env.hostname));
    }
    match env.fs.get(&path) {
        Some(Node::File(text)) => Ok(text),
        Some(Node::Program(_)) => Ok("\u{7f}ELF\u{2}\u{1}\u{1}\n".to_string()),
        Some(Node::Dir) => Err(Unreadable::Directory),
        None => Err(Unreadable::Missing),
    }
}

/// Output being built: pieces at their times, merged when they share a time.
#[derive(Default)]
struct Out {
    chunks: Vec<Chunk>,
    bytes: usize,
}

impl Out {
    fn put(&mut self, stream: Stream, at: Duration, text: &str) {
        if text.is_empty() || self.bytes > MAX_VALUE_BYTES {
            return;
        }
        self.bytes += text.len();
        if let Some(last) = self.chunks.last_mut() {
            if last.at == at && last.stream == stream {
                last.text.push_str(text);
                return;
            }
        }
        self.chunks.push(Chunk {
            at,
            stream,
            text: text.to_string(),
        });
    }

    fn out(&mut self, at: Duration, text: &str) {
        self.put(Stream::Stdout, at, text);
    }

    fn err(&mut self, text: &str) {
        self.put(Stream::Stderr, Duration::ZERO, text);
    }

    /// Ends the program at `end` (`None`: it waits forever for its input).
    fn finish(self, program: &str, code: i32, end: Option<Duration>) -> Spawned {
        Spawned {
            program: program.to_string(),
            output: self.chunks,
            lifetime: match end {
                Some(after) => Lifetime::Exits { code, after },
                None => Lifetime::Forever,
            },
            handlers: None,
            killed_by: None,
            pid1_signals: Vec::new(),
        }
    }
}

/// A line with its newline put back as it was read.
fn with_newline(line: &Line) -> String {
    if line.newline {
        format!("{}\n", line.text)
    } else {
        line.text.clone()
    }
}

/// The later of two times, where `None` is never.
fn later(a: Option<Duration>, b: Option<Duration>) -> Option<Duration> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        _ => None,
    }
}

/// Options with their values, and operands.
type Parsed = (Vec<(char, String)>, Vec<String>);

/// Splits BusyBox-style options from operands: clustered single-letter flags, some taking a
/// value (`-n 3`, `-n3`); `--` ends them; a lone `-` is an operand. A number written as an
/// option (`-3`) is returned as `('#', "3")`. Returns the first unknown option letter.
fn getopt(args: &[String], flags: &str, with_value: &str, numbers: bool) -> Result<Parsed, char> {
    let mut opts = Vec::new();
    let mut operands = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if a == "--" {
            operands.extend(args[i..].iter().cloned());
            break;
        }
        let Some(body) = a.strip_prefix('-').filter(|b| !b.is_empty()) else {
            operands.push(a.clone());
            continue;
        };
        if numbers && body.chars().all(|c| c.is_ascii_digit()) {
            opts.push(('#', body.to_string()));
            continue;
        }
        for (j, c) in body.char_indices() {
            if with_value.contains(c) {
                let rest = &body[j + c.len_utf8()..];
                let value = if rest.is_empty() {
                    let v = args.get(i).cloned().unwrap_or_default();
                    i += 1;
                    v
                } else {
                    rest.to_string()
                };
                opts.push((c, value));
                break;
            } else if flags.contains(c) {
                opts.push((c, String::new()));
            } else {
                return Err(c);
            }
        }
    }
    Ok((opts, operands))
}

fn has(opts: &[(char, String)], c: char) -> bool {
    opts.iter().any(|(o, _)| *o == c)
}

fn value(opts: &[(char, String)], c: char) -> Option<&str> {
    opts.iter()
        .rev()
        .find(|(o, _)| *o == c)
        .map(|(_, v)| v.as_str())
}

/// BusyBox's answer to an unknown option: the message, then the applet's usage.
fn bad_option(program: &str, c: char, usage: &str, code: i32) -> Spawned {
    let mut out = Out::default();
    out.err(&format!(
        "{program}: invalid option -- '{c}'\n{}",
        busybox_usage(usage)
    ));
    out.finish(program, code, Some(Duration::ZERO))
}

fn busybox_usage(usage: &str) -> String {
    format!("BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.\n\n{usage}")
}

/// Reads the named files in order (`-` is standard input), or standard input without any.
/// `missing` writes the program's message for a file it cannot read.
fn gather(
    env: &mut ProcessEnv<'_>,
    files: &[String],
    out: &mut Out,
    missing: &dyn Fn(&str, Unreadable) -> String,
) -> (Vec<(String, Input)>, bool) {
    let mut sources = Vec::new();
    let mut failed = false;
    if files.is_empty() {
        sources.push(("-".to_string(), stdin_input(env)));
        return (sources, failed);
    }
    for name in files {
        if name == "-" {
            sources.push((name.clone(), stdin_input(env)));
            continue;
        }
        match read_file(env, name) {
            Ok(text) => sources.push((name.clone(), Input::from_text(&text))),
            Err(why) => {
                out.err(&missing(name, why));
                failed = true;
            }
        }
    }
    (sources, failed)
}

fn no_such(name: &str) -> String {
    format!("{name}: No such file or directory")
}

// ---------------------------------------------------------------------------------------------
// cat, nl, rev

/// `cat [-n] [FILE]...`: standard input without a file or for `-`.
pub fn cat(program: &str, env: &mut ProcessEnv<'_>, args: &[String]) -> Spawned {
    let number = args.iter().any(|a| a == "-n");
    let files: Vec<String> = args
        .iter()
        .filter(|a| *a == "-" || !a.starts_with('-'))
        .cloned()
        .collect();
    let gnu = gnu(env);
    let mut out = Out::default();
    let mut code = 0;
    let mut end = Some(Duration::ZERO);
    let mut n = 0;
    let mut sources = Vec::new();
    if files.is_empty() {
        sources.push(Err(stdin_input(env)));
    }
    for name in &files {
        if name == "-" {
            sources.push(Err(stdin_input(env)));
        } else {
            sources.push(Ok(name.clone()));
        }
    }
    for source in sources {
        let input = match source {
            Err(input) => input,
            Ok(name) => match read_file(env, &name) {
                Ok(text) => Input::from_text(&text),
                Err(why) => {
                    code = 1;
                    // GNU: `cat: NAME: No such file or directory` / `cat: NAME: Is a directory`.
                    let text = match (why, gnu) {
                        (Unreadable::Missing, false) => {
                            format!("cat: can't open '{name}': No such file or directory\n")
                        }
                        (Unreadable::Directory, false) => {
                            "cat: read error: Is a directory\n".into()
                        }
                        (Unreadable::Missing, true) => format!("cat: {}\n", no_such(&name)),
                        (Unreadable::Directory, true) => format!("cat: {name}: Is a directory\n"),
                    };
                    out.err(&text);
                    continue;
                }
            },
        };
        for line in &input.lines {
            let Some(at) = later(line.at, end) else {
                break;
            };
            if number {
                n += 1;
                out.out(at, &format!("{n:>6}\t{}", with_newline(line)));
            } else {
                out.out(at, &with_newline(line));
            }
        }
        end = later(end, input.end);
    }
    out.finish(program, code, end)
}

/// `nl [FILE]...`: numbers the non-empty lines (`%6d\t`); empty ones get 7 spaces.
pub fn nl(program: &str, env: &mut ProcessEnv<'_>, args: &[String]) -> Spawned {
    line_map(program, env, args, |n, line| {
        if line.is_empty() {
            "       ".to_string()
        } else {
            *n += 1;
            format!("{n:>6}\t{line}")
        }
    })
}

/// `rev [FILE]...`: each line backwards.
pub fn rev(program: &str, env: &mut ProcessEnv<'_>, args: &[String]) -> Spawned {
    line_map(program, env, args, |_, line| line.chars().rev().collect())
}

/// A filter that turns each line into one line.
fn line_map(
    program: &str,
    env: &mut ProcessEnv<'_>,
    args: &[String],
    mut map: impl FnMut(&mut usize, &str) -> String,
) -> Spawned {
    let mut out = Out::default();
    let files: Vec<String> = args.to_vec();
    let (sources, failed) = gather(env, &files, &mut out, &|name, _| {
        format!("{program}: {}\n", no_such(name))
    });
    let mut n = 0;
    let mut all = Input::done();
    for (_, input) in sources {
        all.append(input);
    }
    for line in &all.lines {
        let Some(at) = line.at else { break };
        out.out(at, &format!("{}\n", map(&mut n, &line.text)));
    }
    out.finish(program, i32::from(failed), all.end)
}

// ---------------------------------------------------------------------------------------------
// wc

/// `wc [-lwc] [FILE]...`: counts; one count of one input is printed bare, otherwise each
/// count is right-aligned in 9 columns (BusyBox's `%9u`; GNU's width in images without
/// BusyBox and on the host), with a `total` line for several files.
pub fn wc(program: &str, env: &mut ProcessEnv<'_>, args: &[String]) -> Spawned {
    const USAGE: &str = "Usage: wc [-cmlwL] [FILE]...\n\nCount lines, words, and bytes for FILEs (or stdin)\n\n\t-c\tCount bytes\n\t-m\tCount characters\n\t-l\tCount newlines\n\t-w\tCount words\n\t-L\tPrint longest line length\n";
    let (opts, files) = match getopt(args, "cmlwL", "", false) {
        Ok(x) => x,
        Err(c) => return bad_option(program, c, USAGE, 1),
    };
    let mut which: Vec<char> = ['l', 'w', 'c']
        .into_iter()
        .filter(|c| has(&opts, *c) || (*c == 'c' && has(&opts, 'm')))
        .collect();
    if which.is_empty() {
        which = vec!['l', 'w', 'c'];
    }
    let mut out = Out::default();
    let (sources, failed) = gather(env, &files, &mut out, &|name, why| match why {
        Unreadable::Missing => format!("wc: {}\n", no_such(name)),
        Unreadable::Directory => format!("wc: {name}: Is a directory\n"),
    });
    let bare = which.len() == 1 && files.len() <= 1;
    let mut totals = [0usize; 3];
    let mut end = Some(Duration::ZERO);
    let mut rows = Vec::new();
    for (name, input) in &sources {
        let mut counts = [0usize; 3];
        for line in &input.lines {
            counts[0] += usize::from(line.newline);
            counts[1] += line.text.split_ascii_whitespace().count();
            counts[2] += line.text.len() + usize::from(line.newline);
        }
        end = later(end, input.end);
        for i in 0..3 {
            totals[i] += counts[i];
        }
        rows.push((counts, (!files.is_empty()).then_some(name.clone())));
    }
    if files.len() > 1 {
        rows.push((totals, Some("total".to_string())));
    }
    let Some(at) = end else {
        return out.finish(program, 0, None);
    };
    // GNU wc sizes its columns to the largest possible count: the files' total bytes, or 7
    // digits when standard input (of unknown size) is among them.
    let width = if !gnu(env) {
        9
    } else if files.is_empty() || files.iter().any(|f| f == "-") {
        7
    } else {
        let bytes: usize = sources.iter().map(|(_, input)| input_bytes(input)).sum();
        bytes.to_string().len()
    };
    for (counts, name) in rows {
        let mut text = String::new();
        for c in &which {
            let v = counts[match c {
                'l' => 0,
                'w' => 1,
                _ => 2,
            }];
            if bare {
                text.push_str(&v.to_string());
            } else {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(&format!("{v:>width$}"));
            }
        }
        if let Some(name) = name {
            text.push(' ');
            text.push_str(&name);
        }
        text.push('\n');
        out.out(at, &text);
    }
    out.finish(program, i32::from(failed), Some(at))
}

// ---------------------------------------------------------------------------------------------
// head, tail

/// How many bytes an input holds.
fn input_bytes(input: &Input) -> usize {
    input
        .lines
        .iter()
        .map(|l| l.text.len() + usize::from(l.newline))
        .sum()
}

/// A line count `N`, `+N` or `-N` for head and tail.
fn parse_count(text: &str) -> Option<(char, usize)> {
    let (sign, digits) = match text.chars().next() {
        Some(c @ ('+' | '-')) => (c, &text[1..]),
        _ => (' ', text),
    };
    digits.parse().ok().map(|n| (sign, n))
}

/// `head [-n N|-N] [-c N] [FILE]...`: the first lines; `==> NAME <==` headers for several files.
pub fn head(program: &str, env: &mut ProcessEnv<'_>, args: &[String]) -> Spawned {
    const USAGE: &str = "Usage: head [OPTIONS] [FILE]...\n\nPrint first 10 lines of FILEs (or stdin).\nWith more than one FILE, precede each with a filename header.\n\n\t-n N[kbm]\tPrint first N lines\n\t-n -N[kbm]\tPrint all except N last lines\n\t-c [-]N[kbm]\tPrint first N bytes\n\t-q\t\tNever print headers\n\t-v\t\tAlways print headers\n";
    let (opts, files) = match getopt(args, "qv", "nc", true) {
        Ok(x) => x,
        Err(c) => return bad_option(program, c, USAGE, 1),
    };
    let count = opts
        .iter()
        .rev()
        .find(|(o, _)| matches!(o, 'n' | '#' | 'c'))
        .cloned();
    let (bytes, sign, n) = match &count {
        None => (false, ' ', 10),
        Some((o, v)) => match parse_count(v) {
            Some((sign, n)) => (*o == 'c', sign, n),
            None => {
                let mut out = Out::default();
                // GNU: `head: invalid number of lines: 'x'`.
                let text = if gnu(env) {
                    format!("head: invalid number of lines: '{v}'\n")
                } else {
                    format!("head: invalid number '{v}'\n")
                };
                out.err(&text);
                return out.finish(program, 1, Some(Duration::ZERO));
            }
        },
    };
    let gnu = gnu(env);
    let mut out = Out::default();
    let headers = (files.len() > 1 || has(&opts, 'v')) && !has(&opts, 'q');
    let mut code = 0;
    let mut end = Some(Duration::ZERO);
    let mut first = true;
    let names = if files.is_empty() {
        vec!["-".to_string()]
    } else {
        files.clone()
    };
    for name in names {
        let (input, from_stdin) = if name == "-" {
            match env.stdin.as_deref() {
                Some(feed) => (partial_stdin(feed), true),
                None => (stdin_input(env), false),
            }
        } else {
            match read_file(env, &name) {
                Ok(text) => (Input::from_text(&text), false),
                Err(_) => {
                    // GNU: `head: cannot open 'NAME' for reading: No such file or directory`.
                    let text = if gnu {
                        format!(
                            "head: cannot open '{name}' for reading: No such file or directory\n"
                        )
                    } else {
                        format!("head: {}\n", no_such(&name))
                    };
                    out.err(&text);
                    code = 1;
                    first = false;
                    continue;
                }
            }
        };
        if headers {
            let at = end.unwrap_or_default();
            out.out(
                at,
                &format!(
                    "{}==> {} <==\n",
                    if first { "" } else { "\n" },
                    if name == "-" { "standard input" } else { &name }
                ),
            );
        }
        first = false;
        let mut used = 0usize;
        let mut done_at = input.end;
        if bytes {
            let text: String = input.lines.iter().map(with_newline).collect();
            let take = if sign == '-' {
                text.len().saturating_sub(n)
            } else {
                n.min(text.len())
            };
            let mut take = take;
            while !text.is_char_boundary(take) {
                take -= 1;
            }
            let at = later(end, input.end);
            if let Some(at) = at {
                out.out(at, &text[..take]);
            }
            used = text.len();
        } else if sign == '-' {
            // All but the last N: known only at the end.
            let keep = input.lines.len().saturating_sub(n);
            if let Some(at) = later(end, input.end) {
                for line in &input.lines[..keep] {
                    out.out(at, &with_newline(line));
                }
            }
            used = input
                .lines
                .iter()
                .map(|l| l.text.len() + usize::from(l.newline))
                .sum();
        } else {
            for (i, line) in input.lines.iter().enumerate() {
                if i >= n {
                    break;
                }
                let Some(at) = later(line.at, end) else {
                    done_at = None;
                    break;
                };
                out.out(at, &with_newline(line));
                used += line.text.len() + usize::from(line.newline);
                if i + 1 == n {
                    done_at = Some(at);
                }
            }
            if n == 0 {
                done_at = end;
            }
        }
        if from_stdin {
            if let Some(feed) = env.stdin.as_deref_mut() {
                feed.consume(used);
            }
        }
        end = later(end, done_at);
    }
    out.finish(program, code, end)
}

/// Standard input as lines, without reading it yet (head takes only what it needs).
fn partial_stdin(feed: &Feed) -> Input {
    let mut input = Input {
        lines: Vec::new(),
        end: feed.eof(),
    };
    let mut offset = 0;
    for (line, newline) in split_lines(feed.rest()) {
        offset += line.len() + usize::from(newline);
        input.lines.push(Line {
            text: line.to_string(),
            newline,
            at: if newline {
                Some(feed.arrival(offset))
            } else {
                feed.eof()
            },
        });
    }
    input
}

/// `tail [-n N|-N|-n +N] [-c N] [-f] [FILE]...`: the last lines, printed when the input ends;
/// `-f` keeps following the file, which nothing else writes to here, so it never ends.
pub fn tail(program: &str, env: &mut ProcessEnv<'_>, args: &[String]) -> Spawned {
    const USAGE: &str = "Usage: tail [OPTIONS] [FILE]...\n\nPrint last 10 lines of FILEs (or stdin) to stdout.\nWith more than one FILE, precede each with a filename header.\n\n\t-f\t\tPrint data as file grows\n\t-c [+]N[bkm]\tPrint last N bytes\n\t-n N[bkm]\tPrint last N lines\n\t-n +N[bkm]\tStart on Nth line and print the rest\n\t-q\t\tNever print headers\n\t-s SECONDS\tWait SECONDS between reads with -f\n\t-v\t\tAlways print headers\n\t-F\t\tSame as -f, but keep retrying\n";
    let (opts, files) = match getopt(args, "fFqv", "ncs", true) {
        Ok(x) => x,
        Err(c) => return bad_option(program, c, USAGE, 1),
    };
    let count = opts
        .iter()
        .rev()
        .find(|(o, _)| matches!(o, 'n' | '#' | 'c'))
        .cloned();
    let (bytes, sign, n) = match &count {
        None => (false, ' ', 10),
        Some((o, v)) => match parse_count(v) {
            Some((sign, n)) => (*o == 'c', sign, n),
            None => {
                let mut out = Out::default();
                out.err(&format!("tail: invalid number '{v}'\n"));
                return out.finish(program, 1, Some(Duration::ZERO));
            }
        },
    };
    let follow = has(&opts, 'f') || has(&opts, 'F');
    let gnu = gnu(env);
    let mut out = Out::default();
    let (sources, failed) = gather(env, &files, &mut out, &|name, _| {
        // GNU: `tail: cannot open 'NAME' for reading: No such file or directory`.
        if gnu {
            format!("tail: cannot open '{name}' for reading: No such file or directory\n")
        } else {
            format!("tail: can't open '{name}': No such file or directory\n")
        }
    });
    if sources.is_empty() {
        if !gnu {
            out.err("tail: no files\n");
        }
        return out.finish(program, 1, Some(Duration::ZERO));
    }
    let headers = (sources.len() > 1 || has(&opts, 'v')) && !has(&opts, 'q');
    let mut end = Some(Duration::ZERO);
    for (i, (name, input)) in sources.iter().enumerate() {
        end = later(end, input.end);
        let Some(at) = end else { break };
        if headers {
            out.out(
                at,
                &format!(
                    "{}==> {} <==\n",
                    if i == 0 { "" } else { "\n" },
                    if name == "-" { "standard input" } else { name }
                ),
            );
        }
        let text: String = if bytes {
            let all: String = input.lines.iter().map(with_newline).collect();
            let mut from = if sign == '+' {
                n.saturating_sub(1).min(all.len())
            } else {
                all.len().saturating_sub(n)
            };
            while !all.is_char_boundary(from) {
                from += 1;
            }
            all[from..].to_string()
        } else {
            let from = if sign == '+' {
                n.saturating_sub(1).min(input.lines.len())
            } else {
                input.lines.len().saturating_sub(n)
            };
            input.lines[from..].iter().map(with_newline).collect()
        };
        out.out(at, &text);
    }
    let end = if follow { None } else { end };
    out.finish(program, i32::from(failed), end)
}

// ---------------------------------------------------------------------------------------------
// sort, uniq

/// `sort [-rnuf] [-t SEP] [-k N[,M]] [FILE]...`: bytewise order (the C locale), ties broken
/// by the whole line as BusyBox does.
pub fn sort(program: &str, env: &mut ProcessEnv<'_>, args: &[String]) -> Spawned {
    const USAGE: &str = "Usage: sort [-nrugMcszbdfiokt] [-o FILE] [-k START[.OFS][OPTS][,END[.OFS][OPTS]] [-t CHAR] [FILE]...\n\nSort lines of text\n\n\t-o FILE\tOutput to FILE\n\t-c\tCheck whether input is sorted\n\t-b\tIgnore leading blanks\n\t-f\tIgnore case\n\t-i\tIgnore unprintable characters\n\t-d\tDictionary order (blank or alphanumeric only)\n\t-n\tSort numbers\n\t-g\tGeneral numerical sort\n\t-M\tSort month\n\t-V\tSort version\n\t-t CHAR\tField separator\n\t-k N[,M] Sort by Nth field\n\t-r\tReverse sort order\n\t-s\tStable (don't sort ties alphabetically)\n\t-u\tSuppress duplicate lines\n\t-z\tNUL terminated input and output\n";
    let (opts, files) = match getopt(args, "nrufbs", "tk", false) {
        Ok(x) => x,
        Err(c) => return bad_option(program, c, USAGE, 1),
    };
    let numeric = has(&opts, 'n');
    let reverse = has(&opts, 'r');
    let unique = has(&opts, 'u');
    let fold = has(&opts, 'f');
    let sep = value(&opts, 't').and_then(|s| s.chars().next());
    let key = value(&opts, 'k').and_then(|k| {
        let (a, b) = match k.split_once(',') {
            Some((a, b)) => (a, Some(b)),
            None => (k, None),
        };
        let field = |s: &str| {
            s.trim_end_matches(|c: char| c.is_ascii_alphabetic())
                .parse::<usize>()
                .ok()
        };
        Some((field(a)?, b.and_then(field)))
    });
    let gnu = gnu(env);
    let mut out = Out::default();
    let (sources, failed) = gather(env, &files, &mut out, &|name, _| {
        // GNU: `sort: cannot read: NAME: No such file or directory`.
        if gnu {
            format!("sort: cannot read: {}\n", no_such(name))
        } else {
            format!("sort: {}\n", no_such(name))
        }
    });
    if failed {
        return out.finish(program, 2, Some(Duration::ZERO));
    }
    let mut all = Input::done();
    for (_, input) in sources {
        all.append(input);
    }
    let Some(at) = all.end else {
        return out.finish(program, 0, None);
    };
    let key_of = |line: &str| -> String {
        match key {
            None => line.to_string(),
            Some((from, to)) => fields_from(line, sep, from, to),
        }
    };
    let compare = |a: &String, b: &String| -> std::cmp::Ordering {
        let (ka, kb) = (key_of(a), key_of(b));
        if numeric {
            leading_number(&ka)
                .partial_cmp(&leading_number(&kb))
                .unwrap_or(std::cmp::Ordering::Equal)
        } else if fold {
            ka.to_ascii_uppercase().cmp(&kb.to_ascii_uppercase())
        } else {
            ka.cmp(&kb)
        }
    };
    let mut lines: Vec<String> = all.lines.iter().map(|l| l.text.clone()).collect();
    lines.sort_by(|a, b| {
        let o = compare(a, b);
        let o = if o == std::cmp::Ordering::Equal && !unique {
            a.cmp(b)
        } else {
            o
        };
        if reverse {
            o.reverse()
        } else {
            o
        }
    });
    if unique {
        lines.dedup_by(|a, b| compare(a, b) == std::cmp::Ordering::Equal);
    }
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    out.out(at, &text);
    out.finish(program, 0, Some(at))
}

/// The text of fields `from` to `to` (1-based, to the end without `to`): with a separator
/// the fields between separators; without one, runs of blanks start a field (and belong to it).
fn fields_from(line: &str, sep: Option<char>, from: usize, to: Option<usize>) -> String {
    let starts: Vec<usize> = match sep {
        Some(s) => std::iter::once(0)
            .chain(line.match_indices(s).map(|(i, _)| i + s.len_utf8()))
            .collect(),
        None => {
            let mut starts = vec![0];
            let bytes = line.as_bytes();
            for i in 1..bytes.len() {
                let blank = |b: u8| b == b' ' || b == b'\t';
                if blank(bytes[i]) && !blank(bytes[i - 1]) {
                    starts.push(i);
                }
            }
            starts
        }
    };
    let Some(&begin) = starts.get(from.saturating_sub(1)) else {
        return String::new();
    };
    let end = match to {
        Some(t) => starts
            .get(t)
            .map_or(line.len(), |&s| if sep.is_some() { s - 1 } else { s }),
        None => line.len(),
    };
    line.get(begin..end.max(begin)).unwrap_or("").to_string()
}

/// The number a line starts with, as `sort -n` reads it (0 when there is none).
fn leading_number(text: &str) -> f64 {
    let t = text.trim_start();
    let mut end = 0;
    for (i, c) in t.char_indices() {
        if c.is_ascii_digit() || c == '.' || (i == 0 && c == '-') {
            end = i + c.len_utf8();
        } else {
            break;
        }
    }
    t[..end].parse().unwrap_or(0.0)
}

/// `uniq [-cdu] [FILE]`: adjacent equal lines once; `-c` counts them (`%7d `).
pub fn uniq(program: &str, env: &mut ProcessEnv<'_>, args: &[String]) -> Spawned {
    const USAGE: &str = "Usage: uniq [-cduiz] [-f,s,w N] [FILE [OUTFILE]]\n\nDiscard duplicate lines\n\n\t-c\tPrefix lines by the number of occurrences\n\t-d\tOnly print duplicate lines\n\t-u\tOnly print unique lines\n\t-i\tIgnore case\n\t-z\tNUL terminated output\n\t-f N\tSkip first N fields\n\t-s N\tSkip first N chars (after any skipped fields)\n\t-w N\tCompare N characters in line\n";
    let (opts, files) = match getopt(args, "cdui", "", false) {
        Ok(x) => x,
        Err(c) => return bad_option(program, c, USAGE, 1),
    };
    let gnu = gnu(env);
    let mut out = Out::default();
    let files: Vec<String> = files.into_iter().take(1).collect();
    let (sources, failed) = gather(env, &files, &mut out, &|name, _| {
        // GNU: `uniq: NAME: No such file or directory`.
        if gnu {
            format!("uniq: {}\n", no_such(name))
        } else {
            format!("uniq: can't open '{name}': No such file or directory\n")
        }
    });
    if failed {
        return out.finish(program, 1, Some(Duration::ZERO));
    }
    let input = sources
        .into_iter()
        .next()
        .map(|(_, i)| i)
        .unwrap_or_else(Input::done);
    let fold = has(&opts, 'i');
    let same = |a: &str, b: &str| {
        if fold {
            a.eq_ignore_ascii_case(b)
        } else {
            a == b
        }
    };
    let mut groups: Vec<(String, usize, Option<Duration>)> = Vec::new();
    for line in &input.lines {
        match groups.last_mut() {
            Some((text, n, _)) if same(text, &line.text) => *n += 1,
            _ => {
                // The group before is over when a different line comes.
                if let Some(last) = groups.last_mut() {
                    last.2 = line.at;
                }
                groups.push((line.text.clone(), 1, None));
            }
        }
    }
    if let Some(last) = groups.last_mut() {
        last.2 = input.end;
    }
    for (text, n, at) in groups {
        let Some(at) = at else { break };
        if (has(&opts, 'd') && n < 2) || (has(&opts, 'u') && n > 1) {
            continue;
        }
        if has(&opts, 'c') {
            out.out(at, &format!("{n:>7} {text}\n"));
        } else {
            out.out(at, &format!("{text}\n"));
        }
    }
    out.finish(program, 0, input.end)
}

// ---------------------------------------------------------------------------------------------
// tr, cut

/// Expands a `tr` set: ranges `a-z`, classes `[:lower:]`, escapes `\n`.
fn tr_set(spec: &str) -> Vec<char> {
    let mut out = Vec::new();
    let chars: Vec<char> = spec.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let rest: String = chars[i..].iter().collect();
        if let Some(class) = [
            "alpha", "digit", "lower", "upper", "space", "alnum", "punct", "blank",
        ]
        .iter()
        .find(|c| rest.starts_with(&format!("[:{c}:]")))
        {
            let all = (0u8..128).map(char::from);
            out.extend(all.filter(|c| match *class {
                "alpha" => c.is_ascii_alphabetic(),
                "digit" => c.is_ascii_digit(),
                "lower" => c.is_ascii_lowercase(),
                "upper" => c.is_ascii_uppercase(),
                "space" => c.is_ascii_whitespace() || *c == '\x0b',
                "alnum" => c.is_ascii_alphanumeric(),
                "punct" => c.is_ascii_punctuation(),
                _ => *c == ' ' || *c == '\t',
            }));
            i += class.len() + 4;
            continue;
        }
        let mut c = chars[i];
        if c == '\\' && i + 1 < chars.len() {
            i += 1;
            c = match chars[i] {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                '\\' => '\\',
                other => other,
            };
        }
        if i + 2 < chars.len() && chars[i + 1] == '-' {
            let end = chars[i + 2];
            if end >= c {
                out.extend((c..=end).filter(|_| true));
            }
            i += 3;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// `tr [-cds] SET1 [SET2]`: translates, deletes or squeezes characters of standard input.
pub fn tr(program: &str, env: &mut ProcessEnv<'_>, args: &[String]) -> Spawned {
    const USAGE: &str = "Usage: tr [-cds] STRING1 [STRING2]\n\nTranslate, squeeze, or delete characters from stdin, writing to stdout\n\n\t-c\tTake complement of STRING1\n\t-d\tDelete input characters coded STRING1\n\t-s\tSqueeze multiple output characters of STRING2 into one character\n";
    let (opts, sets) = match getopt(args, "cdsC", "", false) {
        Ok(x) => x,
        Err(c) => return bad_option(program, c, USAGE, 1),
    };
    if sets.is_empty() {
        let mut out = Out::default();
        out.err(&busybox_usage(USAGE));
        return out.finish(program, 1, Some(Duration::ZERO));
    }
    let complement = has(&opts, 'c') || has(&opts, 'C');
    let delete = has(&opts, 'd');
    let squeeze = has(&opts, 's');
    let set1 = tr_set(&sets[0]);
    let set2 = sets.get(1).map(|s| tr_set(s)).unwrap_or_default();
    let in_set1 = |c: char| set1.contains(&c) != complement;
    let input = stdin_input(env);
    let mut out = Out::default();
    let mut last: Option<char> = None;
    for line in &input.lines {
        let Some(at) = line.at else { break };
        let mut text = String::new();
        for c in with_newline(line).chars() {
            let mapped = if delete {
                if in_set1(c) {
                    continue;
                }
                c
            } else if !set2.is_empty() && in_set1(c) {
                if complement {
                    set2[set2.len() - 1]
                } else {
                    let i = set1.iter().position(|x| *x == c).unwrap_or(0);
                    set2[i.min(set2.len() - 1)]
                }
            } else {
                c
            };
            // -s squeezes characters of the last set given.
            let squeezable = if delete || set2.is_empty() {
                squeeze && ((!delete && in_set1(mapped)) || (delete && set2.contains(&mapped)))
            } else {
                squeeze && set2.contains(&mapped)
            };
            if squeezable && last == Some(mapped) {
                continue;
            }
            last = Some(mapped);
            text.push(mapped);
        }
        out.out(at, &text);
    }
    out.finish(program, 0, input.end)
}

/// A `cut` list: `N`, `N-M`, `N-`, `-M`, comma-separated, 1-based.
fn cut_list(spec: &str) -> Option<Vec<(usize, usize)>> {
    let mut ranges = Vec::new();
    for part in spec.split(',') {
        let (a, b) = match part.split_once('-') {
            Some((a, b)) => (
                if a.is_empty() { 1 } else { a.parse().ok()? },
                if b.is_empty() {
                    usize::MAX
                } else {
                    b.parse().ok()?
                },
            ),
            None => {
                let n = part.parse().ok()?;
                (n, n)
            }
        };
        if a == 0 {
            return None;
        }
        ranges.push((a, b));
    }
    Some(ranges)
}

/// `cut -f LIST [-d SEP] [-s] | -c LIST | -b LIST [FILE]...`.
pub fn cut(program: &str, env: &mut ProcessEnv<'_>, args: &[String]) -> Spawned {
    const USAGE: &str = "Usage: cut [OPTIONS] [FILE]...\n\nPrint selected fields from FILEs to stdout\n\n\t-b LIST\tOutput only bytes from LIST\n\t-c LIST\tOutput only characters from LIST\n\t-d SEP\tField delimiter for input (default -f TAB, -F run of whitespace)\n\t-O SEP\tField delimeter for output (default = -d for -f, one space for -F)\n\t-D\tDon't sort/collate sections or match -fF lines without delimeter\n\t-f LIST\tPrint only these fields (-d is single char)\n\t-F LIST\tPrint only these fields (-d is regex)\n\t-s\tOutput only lines containing delimiter\n\t-n\tIgnored\n";
    let (opts, files) = match getopt(args, "sn", "bcdf", false) {
        Ok(x) => x,
        Err(c) => return bad_option(program, c, USAGE, 1),
    };
    let mut out = Out::default();
    let (mode, list) = match (value(&opts, 'f'), value(&opts, 'c').or(value(&opts, 'b'))) {
        (Some(l), _) => ('f', l),
        (None, Some(l)) => ('c', l),
        (None, None) => {
            out.err("cut: expected a list of bytes, characters, or fields\n");
            return out.finish(program, 1, Some(Duration::ZERO));
        }
    };
    let Some(ranges) = cut_list(list) else {
        out.err(&format!("cut: invalid byte or field list '{list}'\n"));
        return out.finish(program, 1, Some(Duration::ZERO));
    };
    let sep = value(&opts, 'd')
        .and_then(|d| d.chars().next())
        .unwrap_or('\t');
    let only_delimited = has(&opts, 's');
    let wanted = |i: usize| ranges.iter().any(|(a, b)| *a <= i && i <= *b);
    let (sources, failed) = gather(env, &files, &mut out, &|name, _| {
        format!("cut: {}\n", no_such(name))
    });
    let mut all = Input::done();
    for (_, input) in sources {
        all.append(input);
    }
    for line in &all.lines {
        let Some(at) = line.at else { break };
        let text = if mode == 'c' {
            line.text
                .chars()
                .enumerate()
                .filter(|(i, _)| wanted(i + 1))
                .map(|(_, c)| c)
                .collect::<String>()
        } else if !line.text.contains(sep) {
            if only_delimited {
                continue;
            }
            line.text.clone()
        } else {
            let fields: Vec<&str> = line
                .text
                .split(sep)
                .enumerate()
                .filter(|(i, _)| wanted(i + 1))
                .map(|(_, f)| f)
                .collect();
            fields.join(&sep.to_string())
        };
        out.out(at, &format!("{text}\n"));
    }
    out.finish(program, i32::from(failed), all.end)
}

// ---------------------------------------------------------------------------------------------
// tee, xargs

/// `tee [-a] [FILE]...`: standard input to standard output and to the files.
pub fn tee(program: &str, env: &mut ProcessEnv<'_>, args: &[String]) -> Spawned {
    let append = args.iter().any(|a| a == "-a");
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let input = stdin_input(env);
    let mut out = Out::default();
    let mut code = 0;
    let mut targets = Vec::new();
    for name in files {
        let path = normalize(env.cwd, name);
        let parent = normalize(&path, "..");
        if env.fs.is_dir(&path) {
            out.err(&format!("tee: {name}: Is a directory\n"));
            code = 1;
        } else if !env.fs.is_dir(&parent) {
            out.err(&format!("tee: {}\n", no_such(name)));
            code = 1;
        } else {
            if !append || env.fs.get(&path).is_none() {
                env.fs.put(&path, Node::File(String::new()));
            }
            targets.push(path);
        }
    }
    let mut written = String::new();
    for line in &input.lines {
        let Some(at) = line.at else { break };
        let text = with_newline(line);
        out.out(at, &text);
        written.push_str(&text);
    }
    for path in targets {
        let mut content = match env.fs.get(&path) {
            Some(Node::File(old)) => old,
            _ => String::new(),
        };
        if content.len().saturating_add(written.len()) <= MAX_VALUE_BYTES {
            content.push_str(&written);
        }
        env.fs.put(&path, Node::File(content));
    }
    out.finish(program, code, input.end)
}

/// The words `xargs` reads: blanks and newlines separate them; quotes group.
fn xargs_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    for c in text.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => word.push(c),
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                in_word = true;
            }
            None if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            None => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

/// `xargs [-n N] [-I STR] [COMMAND [ARG]...]`: runs the command (`echo` by default) with the
/// words of standard input as more arguments; 123 when a run failed, 127 when the command
/// is not found.
pub fn xargs(program: &str, env: &mut ProcessEnv<'_>, args: &[String]) -> Spawned {
    // Options come before the command only.
    let split = args
        .iter()
        .position(|a| !a.starts_with('-'))
        .map(|i| {
            // `-n 2`/`-I X` take the next word.
            let mut j = 0;
            while j < args.len() {
                let a = &args[j];
                if !a.starts_with('-') {
                    break;
                }
                j += if matches!(a.as_str(), "-n" | "-I" | "-s" | "-L" | "-d" | "-E") {
                    2
                } else {
                    1
                };
            }
            j.max(i.min(j))
        })
        .unwrap_or(args.len());
    let (opts, _) = match getopt(&args[..split.min(args.len())], "rtx0p", "nIsLdE", false) {
        Ok(x) => x,
        Err(c) => {
            return bad_option(
                program,
                c,
                "Usage: xargs [OPTIONS] [PROG ARGS]\n\nRun PROG on every item given by stdin\n",
                1,
            )
        }
    };
    let command: Vec<String> = if split < args.len() {
        args[split..].to_vec()
    } else {
        vec!["echo".to_string()]
    };
    let input = stdin_input(env);
    let mut out = Out::default();
    let Some(start) = input.end else {
        return out.finish(program, 0, None);
    };
    let text: String = input.lines.iter().map(with_newline).collect();
    let runs: Vec<Vec<String>> = if let Some(marker) = value(&opts, 'I') {
        input
            .lines
            .iter()
            .filter(|l| !l.text.trim().is_empty())
            .map(|l| {
                command
                    .iter()
                    .map(|a| a.replace(marker, l.text.trim()))
                    .collect()
            })
            .collect()
    } else {
        let words = xargs_words(&text);
        let per = value(&opts, 'n')
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|n| *n > 0);
        let groups: Vec<Vec<String>> = match per {
            Some(n) => words.chunks(n).map(<[String]>::to_vec).collect(),
            None => vec![words],
        };
        let groups = if groups.is_empty() {
            vec![Vec::new()]
        } else {
            groups
        };
        groups
            .into_iter()
            .filter(|g| !(g.is_empty() && has(&opts, 'r')))
            .map(|g| command.iter().cloned().chain(g).collect())
            .collect()
    };
    let mut at = start;
    let mut code = 0;
    for argv in runs {
        let Ok((_, name)) = resolve(env.fs, env.env, env.cwd, &argv[0]) else {
            out.err(&format!("xargs: {}\n", no_such(&argv[0])));
            return out.finish(program, 127, Some(at));
        };
        let spawned = {
            let mut child = env.child(&argv, false);
            child.stdin = None;
            child.stdin_open = false;
            run_program(&name, &mut child)
        };
        for chunk in spawned.output {
            out.put(chunk.stream, at.saturating_add(chunk.at), &chunk.text);
        }
        match spawned.lifetime {
            Lifetime::Exits { code: c, after } => {
                at = at.saturating_add(after);
                if c == 255 {
                    out.err(&format!(
                        "xargs: {}: exited with status 255; aborting\n",
                        argv[0]
                    ));
                    return out.finish(program, 124, Some(at));
                }
                if c != 0 {
                    code = 123;
                }
            }
            Lifetime::Forever => return out.finish(program, 0, None),
        }
    }
    out.finish(program, code, Some(at))
}

// ---------------------------------------------------------------------------------------------
// Regular expressions (grep, sed)

/// Turns a POSIX basic (or, with `extended`, extended) regular expression into the `regex`
/// crate's syntax; `None` when it cannot (back-references, an unclosed bracket).
fn posix_to_regex(pattern: &str, extended: bool) -> Option<String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    // Where a `*` is literal in a BRE: at the start, after `\(`, after `^`.
    let mut at_start = true;
    while i < chars.len() {
        let c = chars[i];
        let start_before = at_start;
        at_start = false;
        match c {
            '[' => {
                let mut j = i + 1;
                let mut class = String::from("[");
                if chars.get(j) == Some(&'^') {
                    class.push('^');
                    j += 1;
                }
                if chars.get(j) == Some(&']') {
                    class.push_str("\\]");
                    j += 1;
                }
                loop {
                    let d = *chars.get(j)?;
                    if d == ']' {
                        break;
                    }
                    if d == '[' && matches!(chars.get(j + 1), Some(':' | '.' | '=')) {
                        let close: String = [chars[j + 1], ']'].iter().collect();
                        let rest: String = chars[j..].iter().collect();
                        let end = rest[2..].find(&close)? + 2 + close.len();
                        class.push_str(&rest[..end]);
                        j += rest[..end].chars().count();
                        continue;
                    }
                    if matches!(d, '\\' | '[' | '&' | '~') {
                        class.push('\\');
                    }
                    class.push(d);
                    j += 1;
                }
                class.push(']');
                out.push_str(&class);
                i = j + 1;
            }
            '\\' => {
                let Some(&e) = chars.get(i + 1) else {
                    out.push_str("\\\\");
                    break;
                };
                i += 2;
                match e {
                    '1'..='9' => return None,
                    '(' | ')' | '{' | '}' | '|' | '+' | '?' if !extended => {
                        if e == '(' {
                            at_start = true;
                        }
                        if e == '{' {
                            let rest: String = chars[i..].iter().collect();
                            let end = rest.find("\\}")?;
                            out.push('{');
                            out.push_str(&rest[..end]);
                            out.push('}');
                            i += rest[..end].chars().count() + 2;
                            continue;
                        }
                        out.push(e);
                    }
                    '<' | '>' => out.push_str("\\b"),
                    'w' | 'W' | 's' | 'S' | 'b' | 'B' => {
                        out.push('\\');
                        out.push(e);
                    }
                    'n' => out.push_str("\\n"),
                    't' => out.push_str("\\t"),
                    other => out.push_str(&regex::escape(&other.to_string())),
                }
            }
            '*' if start_before && !extended => {
                out.push_str("\\*");
                i += 1;
            }
            '^' => {
                out.push('^');
                at_start = true;
                i += 1;
            }
            '(' | ')' | '|' | '+' | '?' if extended => {
                if c == '(' {
                    at_start = true;
                }
                out.push(c);
                i += 1;
            }
            '{' if extended => {
                let rest: String = chars[i + 1..].iter().collect();
                let interval = rest.find('}').filter(|&end| {
                    let body = &rest[..end];
                    !body.is_empty()
                        && body.chars().all(|c| c.is_ascii_digit() || c == ',')
                        && body.chars().next().is_some_and(|c| c.is_ascii_digit())
                });
                match interval {
                    Some(end) if !out.is_empty() => {
                        out.push('{');
                        out.push_str(&rest[..end]);
                        out.push('}');
                        i += end + 2;
                    }
                    _ => {
                        out.push_str("\\{");
                        i += 1;
                    }
                }
            }
            '.' | '$' | '*' => {
                out.push(c);
                i += 1;
            }
            other => {
                out.push_str(&regex::escape(&other.to_string()));
                i += 1;
            }
        }
    }
    Some(out)
}

/// Compiles a grep or sed pattern.
fn compile(pattern: &str, extended: bool, fixed: bool, icase: bool) -> Option<regex::Regex> {
    let body = if fixed {
        regex::escape(pattern)
    } else {
        posix_to_regex(pattern, extended)?
    };
    regex::RegexBuilder::new(&body)
        .case_insensitive(icase)
        .size_limit(1 << 20)
        .build()
        .ok()
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// The matches of `re` in `line` (for `-o`), each whole-word or whole-line when asked.
fn find_matches(re: &regex::Regex, line: &str, word: bool, whole: bool) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut from = 0;
    while from <= line.len() {
        let Some(m) = re.find_at(line, from) else {
            break;
        };
        let ok = if whole {
            m.start() == 0 && m.end() == line.len()
        } else if word {
            !is_word_char(line[..m.start()].chars().next_back())
                && !is_word_char(line[m.end()..].chars().next())
        } else {
            true
        };
        if ok {
            found.push((m.start(), m.end()));
            if whole {
                break;
            }
        }
        let next = if m.end() > m.start() && ok {
            m.end()
        } else {
            m.start() + line[m.start()..].chars().next().map_or(1, char::len_utf8)
        };
        from = next;
    }
    found
}

/// `grep [-HhnlLoqvsriwxFEc] [-e PATTERN]... PATTERN [FILE]...`: 0 when a line was selected,
/// 1 when none, 2 on an error (unless `-q` found one).
pub fn grep(program: &str, env: &mut ProcessEnv<'_>, args: &[String]) -> Spawned {
    const USAGE: &str = "Usage: grep [-HhnlLoqvsrRiwFEz] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n\nSearch for PATTERN in FILEs (or stdin)\n\n\t-H\tAdd 'filename:' prefix\n\t-h\tDo not add 'filename:' prefix\n\t-n\tAdd 'line_no:' prefix\n\t-l\tShow only names of files that match\n\t-L\tShow only names of files that don't match\n\t-c\tShow only count of matching lines\n\t-o\tShow only the matching part of line\n\t-q\tQuiet. Return 0 if PATTERN is found, 1 otherwise\n\t-v\tSelect non-matching lines\n\t-s\tSuppress open and read errors\n\t-r\tRecurse\n\t-R\tRecurse and dereference symlinks\n\t-i\tIgnore case\n\t-w\tMatch whole words only\n\t-x\tMatch whole lines only\n\t-F\tPATTERN is a literal (not regexp)\n\t-E\tPATTERN is an extended regexp\n\t-z\tNUL terminated input\n\t-m N\tMatch up to N times per file\n\t-A N\tPrint N lines of trailing context\n\t-B N\tPrint N lines of leading context\n\t-C N\tSame as '-A N -B N'\n\t-e PTRN\tPattern to match\n\t-f FILE\tRead pattern from file\n";
    let (opts, mut operands) = match getopt(args, "HhnlLoqvsrRiwxFEcz", "emABC", false) {
        Ok(x) => x,
        Err(c) => return bad_option(program, c, USAGE, 2),
    };
    let mut out = Out::default();
    let mut patterns: Vec<String> = opts
        .iter()
        .filter(|(o, _)| *o == 'e')
        .map(|(_, v)| v.clone())
        .collect();
    if patterns.is_empty() {
        if operands.is_empty() {
            out.err(&busybox_usage(USAGE));
            return out.finish(program, 2, Some(Duration::ZERO));
        }
        patterns.push(operands.remove(0));
    }
    // A pattern with newlines is several patterns.
    let patterns: Vec<String> = patterns
        .iter()
        .flat_map(|p| p.split('\n').map(str::to_string).collect::<Vec<_>>())
        .collect();
    let extended = has(&opts, 'E') || program == "egrep";
    let fixed = has(&opts, 'F') || program == "fgrep";
    let icase = has(&opts, 'i');
    let mut regexes = Vec::new();
    for p in &patterns {
        match compile(p, extended, fixed, icase) {
            Some(re) => regexes.push(re),
            None => {
                out.err(&format!("grep: bad regex '{p}'\n"));
                return out.finish(program, 2, Some(Duration::ZERO));
            }
        }
    }
    let (invert, count, list, list_missing, only, quiet, silent, numbers) = (
        has(&opts, 'v'),
        has(&opts, 'c'),
        has(&opts, 'l'),
        has(&opts, 'L'),
        has(&opts, 'o'),
        has(&opts, 'q'),
        has(&opts, 's'),
        has(&opts, 'n'),
    );
    let (word, whole) = (has(&opts, 'w'), has(&opts, 'x'));
    let names = (operands.len() > 1 || has(&opts, 'H')) && !has(&opts, 'h');
    let (sources, failed) = gather(env, &operands, &mut out, &|name, why| {
        if silent {
            return String::new();
        }
        match why {
            Unreadable::Missing => format!("grep: {}\n", no_such(name)),
            Unreadable::Directory => format!("grep: {name}: Is a directory\n"),
        }
    });
    let mut selected_any = false;
    let mut end = Some(Duration::ZERO);
    'sources: for (name, input) in &sources {
        let label = if name == "-" {
            "(standard input)"
        } else {
            name.as_str()
        };
        let prefix = if names {
            format!("{label}:")
        } else {
            String::new()
        };
        let mut n_selected = 0usize;
        let mut file_end = input.end;
        for (i, line) in input.lines.iter().enumerate() {
            let Some(at) = later(line.at, end) else {
                file_end = None;
                break;
            };
            let matches: Vec<(usize, usize)> = regexes
                .iter()
                .flat_map(|re| find_matches(re, &line.text, word, whole))
                .collect();
            let selected = matches.is_empty() == invert;
            if !selected {
                continue;
            }
            n_selected += 1;
            selected_any = true;
            if quiet {
                // It stops at the first selected line.
                end = Some(at);
                break 'sources;
            }
            if list {
                out.out(at, &format!("{label}\n"));
                file_end = Some(at).max(input.end);
                break;
            }
            if count || list_missing {
                continue;
            }
            let number = if numbers {
                format!("{}:", i + 1)
            } else {
                String::new()
            };
            if only {
                let mut spans = matches;
                spans.sort_unstable();
                for (s, e) in spans {
                    if e > s {
                        out.out(at, &format!("{prefix}{number}{}\n", &line.text[s..e]));
                    }
                }
            } else {
                out.out(at, &format!("{prefix}{number}{}\n", line.text));
            }
        }
        end = later(end, file_end);
        let Some(at) = end else { break };
        if count {
            out.out(at, &format!("{prefix}{n_selected}\n"));
        }
        if list_missing && n_selected == 0 {
            out.out(at, &format!("{label}\n"));
        }
    }
    let code = if quiet && selected_any {
        0
    } else if failed {
        2
    } else if selected_any {
        0
    } else {
        1
    };
    out.finish(program, code, end)
}

// ---------------------------------------------------------------------------------------------
// sed

/// Where a sed command applies.
#[derive(Clone, Debug)]
enum Address {
    Line(usize),
    Last,
    Match(regex::Regex),
}

#[derive(Clone, Debug)]
enum SedCommand {
    Print,
    Delete,
    Quit,
    Substitute {
        re: regex::Regex,
        replacement: String,
        global: bool,
        nth: usize,
        print: bool,
    },
}

/// Reads one `/RE/`-style delimited part starting after the delimiter; returns it and the rest.
fn delimited(text: &str, delim: char) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some((_, d)) if d == delim => out.push(d),
                Some((_, d)) => {
                    out.push('\\');
                    out.push(d);
                }
                None => out.push('\\'),
            }
        } else if c == delim {
            return Some((out, &text[i + c.len_utf8()..]));
        } else {
            out.push(c);
        }
    }
    None
}

/// Parses a sed script: `;`- or newline-separated commands `[ADDR]p`, `[ADDR]d`, `[ADDR]q`,
/// `[ADDR]s/RE/REPL/[gpN]`.
fn sed_script(script: &str, extended: bool) -> Result<Vec<(Option<Address>, SedCommand)>, String> {
    let mut commands = Vec::new();
    let mut rest = script.trim_start();
    while !rest.is_empty() {
        rest = rest.trim_start_matches([';', '\n', ' ']);
        if rest.is_empty() {
            break;
        }
        let address = if let Some(r) = rest.strip_prefix('$') {
            rest = r;
            Some(Address::Last)
        } else if rest.starts_with(|c: char| c.is_ascii_digit()) {
            let end = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            let n = rest[..end].parse().map_err(|_| "bad address".to_string())?;
            rest = &rest[end..];
            Some(Address::Line(n))
        } else if let Some(r) = rest.strip_prefix('/') {
            let (pattern, r) = delimited(r, '/').ok_or("unmatched '/'")?;
            rest = r;
            let re = compile(&pattern, extended, false, false)
                .ok_or_else(|| format!("bad regex '{pattern}'"))?;
            Some(Address::Match(re))
        } else {
            None
        };
        rest = rest.trim_start();
        let Some(c) = rest.chars().next() else {
            return Err("missing command".to_string());
        };
        rest = &rest[c.len_utf8()..];
        let command = match c {
            'p' => SedCommand::Print,
            'd' => SedCommand::Delete,
            'q' => SedCommand::Quit,
            's' => {
                let delim = rest.chars().next().ok_or("unmatched 's'")?;
                let (pattern, r) = delimited(&rest[delim.len_utf8()..], delim)
                    .ok_or(format!("unmatched '{delim}'"))?;
                let (replacement, r) = delimited(r, delim).ok_or(format!("unmatched '{delim}'"))?;
                let end = r.find([';', '\n', '}']).unwrap_or(r.len());
                let flags = &r[..end];
                rest = &r[end..];
                let mut global = false;
                let mut print = false;
                let mut icase = false;
                let mut nth = 1;
                for f in flags.trim().chars() {
                    match f {
                        'g' => global = true,
                        'p' => print = true,
                        'i' | 'I' => icase = true,
                        d if d.is_ascii_digit() => nth = d.to_digit(10).unwrap_or(1) as usize,
                        _ => return Err("bad option in substitution expression".to_string()),
                    }
                }
                let re = compile(&pattern, extended, false, icase)
                    .ok_or_else(|| format!("bad regex '{pattern}'"))?;
                SedCommand::Substitute {
                    re,
                    replacement,
                    global,
                    nth: nth.max(1),
                    print,
                }
            }
            other => return Err(format!("unsupported command {other}")),
        };
        commands.push((address, command));
    }
    Ok(commands)
}

/// The replacement text for one match: `&` is the match, `\N` a group, `\n` a newline.
fn sed_replacement(replacement: &str, caps: &regex::Captures<'_>) -> String {
    let mut out = String::new();
    let mut chars = replacement.chars();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str(caps.get(0).map_or("", |m| m.as_str())),
            '\\' => match chars.next() {
                Some(d @ '0'..='9') => {
                    let i = d.to_digit(10).unwrap_or(0) as usize;
                    out.push_str(caps.get(i).map_or("", |m| m.as_str()));
                }
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            },
            other => out.push(other),
        }
    }
    out
}

/// `sed [-nE] [-e SCRIPT]... [SCRIPT] [FILE]...`: the commands `p`, `d`, `q` and `s`, with a
/// line number, `$` or `/RE/` address.
pub fn sed(program: &str, env: &mut ProcessEnv<'_>, args: &[String]) -> Spawned {
    let (opts, mut operands) = match getopt(args, "nErs", "ef", false) {
        Ok(x) => x,
        Err(c) => {
            return bad_option(program, c, "Usage: sed [-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...\nor: sed [-i[SFX]] [-nrE] CMD [FILE]...\n\n\t-e CMD\tAdd CMD to sed commands to be executed\n\t-f FILE\tAdd FILE contents to sed commands to be executed\n\t-i[SFX]\tEdit files in-place (otherwise write to stdout)\n\t\tOptionally back files up, appending SFX\n\t-n\tSuppress automatic printing of pattern space\n\t-r,-E\tUse extended regex syntax\n\nIf no -e or -f, the first non-option argument is the sed command string.\nRemaining arguments are input files (stdin if none).\n", 1)
        }
    };
    let mut out = Out::default();
    let mut scripts: Vec<String> = opts
        .iter()
        .filter(|(o, _)| *o == 'e')
        .map(|(_, v)| v.clone())
        .collect();
    if scripts.is_empty() {
        if operands.is_empty() {
            out.err("Usage: sed [-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...\n");
            return out.finish(program, 1, Some(Duration::ZERO));
        }
        scripts.push(operands.remove(0));
    }
    let extended = has(&opts, 'E') || has(&opts, 'r');
    let quiet = has(&opts, 'n');
    let commands = match sed_script(&scripts.join("\n"), extended) {
        Ok(c) => c,
        Err(e) => {
            out.err(&format!("sed: {e}\n"));
            return out.finish(program, 1, Some(Duration::ZERO));
        }
    };
    let gnu = gnu(env);
    let (sources, failed) = gather(env, &operands, &mut out, &|name, _| {
        // GNU: `sed: can't read NAME: No such file or directory`.
        if gnu {
            format!("sed: can't read {}\n", no_such(name))
        } else {
            format!("sed: {}\n", no_such(name))
        }
    });
    let mut all = Input::done();
    for (_, input) in sources {
        all.append(input);
    }
    let total = all.lines.len();
    let mut end = all.end;
    for (i, line) in all.lines.iter().enumerate() {
        let Some(at) = line.at else { break };
        let mut space = line.text.clone();
        let mut deleted = false;
        let mut quit = false;
        for (address, command) in &commands {
            let applies = match address {
                None => true,
                Some(Address::Line(n)) => *n == i + 1,
                // The last line is known once the input ends.
                Some(Address::Last) => i + 1 == total && all.end.is_some(),
                Some(Address::Match(re)) => re.is_match(&space),
            };
            if !applies {
                continue;
            }
            match command {
                SedCommand::Print => out.out(at, &format!("{space}\n")),
                SedCommand::Delete => {
                    deleted = true;
                    break;
                }
                SedCommand::Quit => {
                    quit = true;
                    break;
                }
                SedCommand::Substitute {
                    re,
                    replacement,
                    global,
                    nth,
                    print,
                } => {
                    let mut result = String::new();
                    let mut last = 0;
                    let mut k = 0;
                    let mut changed = false;
                    for caps in re.captures_iter(&space) {
                        let Some(m) = caps.get(0) else { continue };
                        k += 1;
                        if k < *nth {
                            continue;
                        }
                        result.push_str(&space[last..m.start()]);
                        result.push_str(&sed_replacement(replacement, &caps));
                        last = m.end();
                        changed = true;
                        if !global {
                            break;
                        }
                    }
                    if changed {
                        result.push_str(&space[last..]);
                        space = result;
                        if *print {
                            out.out(at, &format!("{space}\n"));
                        }
                    }
                }
            }
        }
        if !deleted && !quiet {
            let nl = if line.newline { "\n" } else { "" };
            out.out(at, &format!("{space}{nl}"));
        }
        if quit {
            end = Some(at);
            break;
        }
    }
    out.finish(program, i32::from(failed), end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::fs::{FileTree, Overlay};
    use crate::engine::minishell::{run_shell, Invocation, Mode};
    use std::sync::Arc;

    /// A BusyBox file system with /etc/passwd and the filters on $PATH.
    fn busybox_fs() -> Overlay {
        let mut tree = FileTree::new();
        for dir in ["/", "/bin", "/etc", "/tmp"] {
            tree.insert(dir, Node::Dir);
        }
        tree.insert(
            "/etc/passwd",
            Node::File(
                "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n"
                    .into(),
            ),
        );
        for p in [
            "busybox", "sh", "cat", "grep", "wc", "head", "tail", "sort", "uniq", "tr", "cut",
            "tee", "xargs", "sed", "nl", "rev", "echo", "seq", "yes", "sleep", "ls", "true",
            "false", "top",
        ] {
            tree.insert(&format!("/bin/{p}"), Node::Program(p.to_string()));
        }
        Overlay::new(Arc::new(tree))
    }

    /// Runs `sh -c TEXT`: (stdout, stderr, status, elapsed seconds or `None` for never).
    fn sh(text: &str) -> (String, String, i32, Option<u64>) {
        let mut fs = busybox_fs();
        let env_list = vec!["PATH=/bin".to_string()];
        let argv = vec!["sh".to_string()];
        let mut env = ProcessEnv {
            argv: &argv,
            env: &env_list,
            hostname: "h",
            cwd: "/",
            fs: &mut fs,
            tty: false,
            stdin_open: false,
            pid1: false,
            now: chrono::DateTime::UNIX_EPOCH,
            pid1_command: "sh",
            stdin: None,
        };
        let run = run_shell(
            Invocation {
                text,
                mode: Mode::Script,
                shell: "sh",
                arg0: "sh".into(),
                params: Vec::new(),
            },
            &mut env,
        );
        let pick = |s: Stream| -> String {
            run.output
                .iter()
                .filter(|c| c.stream == s)
                .map(|c| c.text.as_str())
                .collect()
        };
        (
            pick(Stream::Stdout),
            pick(Stream::Stderr),
            run.code,
            run.elapsed.map(|d| d.as_secs()),
        )
    }

    /// (shell text, stdout, stderr, status) — each checked against BusyBox 1.35.
    const CASES: &[(&str, &str, &str, i32)] = &[
        ("echo hi | tr a-z A-Z", "HI\n", "", 0),
        ("seq 10 | tail -2", "9\n10\n", "", 0),
        ("yes | head -3; echo rc=$?", "y\ny\ny\nrc=0\n", "", 0),
        ("set -o pipefail; yes | head -1", "y\n", "", 141),
        ("false | true", "", "", 0),
        ("set -o pipefail; false | true", "", "", 1),
        ("! echo a | grep -q b", "", "", 0),
        ("echo x | read v; echo \"[$v]\"", "[]\n", "", 0),
        (
            "seq 3 | { read a; read b; echo $a-$b; cat; }",
            "1-2\n3\n",
            "",
            0,
        ),
        (
            "grep root /etc/passwd",
            "root:x:0:0:root:/root:/bin/sh\n",
            "",
            0,
        ),
        ("grep -c o /etc/passwd", "2\n", "", 0),
        ("grep zzz /etc/passwd", "", "", 1),
        (
            "grep x /nope",
            "",
            "grep: /nope: No such file or directory\n",
            2,
        ),
        ("grep '[' /etc/passwd", "", "grep: bad regex '['\n", 2),
        (
            "grep -n -E '^(no|x)' /etc/passwd",
            "2:nobody:x:65534:65534:nobody:/:/sbin/nologin\n",
            "",
            0,
        ),
        (
            "grep -o 'o[a-z]*' /etc/passwd | head -2",
            "oot\noot\n",
            "",
            0,
        ),
        (
            "grep -l root /etc/passwd /etc/passwd",
            "/etc/passwd\n/etc/passwd\n",
            "",
            0,
        ),
        ("echo hi | wc", "        1         1         3\n", "", 0),
        ("wc -l /etc/passwd", "2 /etc/passwd\n", "", 0),
        (
            "wc -l /etc/passwd /etc/passwd",
            "        2 /etc/passwd\n        2 /etc/passwd\n        4 total\n",
            "",
            0,
        ),
        ("wc /nope", "", "wc: /nope: No such file or directory\n", 1),
        ("seq 5 | tail -n +4", "4\n5\n", "", 0),
        ("seq 5 | head -n -3", "1\n2\n", "", 0),
        (
            "head -n 1 /nope /etc/passwd",
            "\n==> /etc/passwd <==\nroot:x:0:0:root:/root:/bin/sh\n",
            "head: /nope: No such file or directory\n",
            1,
        ),
        (
            "tail /nope",
            "",
            "tail: can't open '/nope': No such file or directory\ntail: no files\n",
            1,
        ),
        (
            "printf 'b\\na\\nb\\n' | sort | uniq -c",
            "      1 a\n      2 b\n",
            "",
            0,
        ),
        (
            "printf '10\\n9\\n100\\n' | sort -n -r",
            "100\n10\n9\n",
            "",
            0,
        ),
        ("printf 'x 3\\ny 1\\n' | sort -k 2", "y 1\nx 3\n", "", 0),
        (
            "sort /nope",
            "",
            "sort: /nope: No such file or directory\n",
            2,
        ),
        ("echo heelloo | tr -s eo", "hello\n", "", 0),
        ("echo hello | tr -cd l", "ll", "", 0),
        ("echo a:b:c | cut -d: -f1,3", "a:c\n", "", 0),
        ("echo hello | cut -c2-", "ello\n", "", 0),
        ("echo hi | tee /tmp/t; cat /tmp/t", "hi\nhi\n", "", 0),
        ("echo a b | xargs -n 1 echo x", "x a\nx b\n", "", 0),
        ("echo a | xargs false", "", "", 123),
        ("echo abc | sed 's/\\(b\\)/[\\1]/'", "a[b]c\n", "", 0),
        ("printf 'a\\nb\\n' | sed -n '$p'", "b\n", "", 0),
        (
            "printf 'a\\n\\nb\\n' | nl",
            "     1\ta\n       \n     2\tb\n",
            "",
            0,
        ),
        ("echo abc | rev", "cba\n", "", 0),
        (
            "for i in 2 1; do echo $i; done | sort | cat -n",
            "     1\t1\n     2\t2\n",
            "",
            0,
        ),
        ("{ echo out; echo err >&2; } 2>&1 | wc -l", "2\n", "", 0),
        ("echo hi | exit 3", "", "", 3),
        (
            "while true; do echo y; done | head -2; echo after",
            "y\ny\nafter\n",
            "",
            0,
        ),
    ];

    #[test]
    fn filters_and_pipes_print_what_busybox_prints() {
        for (text, stdout, stderr, code) in CASES {
            let (out, err, status, _) = sh(text);
            assert_eq!(
                (out.as_str(), err.as_str(), status),
                (*stdout, *stderr, *code),
                "{text}"
            );
        }
    }

    #[test]
    fn a_pipe_takes_its_longest_element_and_cuts_writers_whose_reader_quit() {
        // Elements run at once.
        assert_eq!(sh("sleep 2 | sleep 1").3, Some(2));
        // The loop's next echo after head quit (at 2 s) dies of SIGPIPE at 3 s.
        let (out, _, _, took) = sh("while true; do echo t; sleep 1; done | head -n 3");
        assert_eq!((out.as_str(), took), ("t\nt\nt\n", Some(3)));
        // Lines reach the reader when they are written.
        assert_eq!(sh("{ echo a; sleep 5; echo b; } | cat").3, Some(5));
        // Writers that never write again, or never end, hold the pipe.
        assert_eq!(sh("sleep 1000 | cat").3, Some(1000));
        assert_eq!(sh("sleep infinity | cat").3, None);
        assert_eq!(sh("tail -f /etc/passwd | head -n 1").3, None);
        assert_eq!(sh("yes | grep n").3, None);
        // A reader that needs all its input waits for a writer that never closes.
        assert_eq!(sh("{ echo a; sleep infinity; } | wc -l").0, "");
        assert_eq!(sh("yes | cat | head -n 2").0, "y\ny\n");
    }

    #[test]
    fn a_feed_tells_when_its_bytes_arrive() {
        let s = Duration::from_secs;
        let mut feed = Feed::new([(s(1), "a\n".into()), (s(3), "b".into())], Some(s(4)));
        assert_eq!(feed.arrival(1), s(1));
        assert_eq!(feed.arrival(3), s(3));
        feed.set_origin(s(2));
        assert_eq!(feed.arrival(1), Duration::ZERO);
        assert_eq!(feed.eof(), Some(s(2)));
        assert_eq!(feed.read_line(), Some(("a".into(), Duration::ZERO, true)));
        assert_eq!(feed.read_line(), Some(("b".into(), s(2), false)));
        let mut never = Feed::new([(s(0), "x".into())], None);
        assert_eq!(never.read_line(), None);
    }

    #[test]
    fn posix_patterns_become_regex_syntax() {
        assert_eq!(
            posix_to_regex("a\\{2\\}b+", false).as_deref(),
            Some("a{2}b\\+")
        );
        assert_eq!(posix_to_regex("*a", false).as_deref(), Some("\\*a"));
        assert_eq!(posix_to_regex("(a|b)+", true).as_deref(), Some("(a|b)+"));
        assert_eq!(posix_to_regex("a{", true).as_deref(), Some("a\\{"));
        assert_eq!(
            posix_to_regex("[[:digit:]x]", false).as_deref(),
            Some("[[:digit:]x]")
        );
        assert_eq!(posix_to_regex("\\(a\\)\\1", false), None);
        assert_eq!(posix_to_regex("[abc", false), None);
    }
}
