//! docker's argument parser: cobra/pflag rules, with flag tables read from the real help texts.
//!
//! Entry points:
//! - [`resolve`]: a whole `docker …` argv → either a command to run with its parsed flags
//!   ([`Resolution::Run`]) or text to print and an exit code ([`Resolution::Exit`]: help,
//!   version, usage errors, unknown commands), exactly as docker 28.2.2 prints them.
//! - [`command_spec`] + [`parse`]: parse the arguments of one known command.
//!
//! Every command of the real client resolves (also `build`, `network`, `swarm`, …), so `--help`
//! and usage errors are exact even where dockersim does not emulate the command; the caller
//! decides what running it means.
//!
//! Error texts ([`UsageError`]'s `Display`) carry no trailing newline: docker prints every error
//! followed by one newline, and [`Resolution::Exit`] already contains that newline.

#[path = "flags_help_extra.rs"]
pub(crate) mod help_extra;
#[path = "flags_table.rs"]
mod table;
#[cfg(test)]
#[path = "flags_tests.rs"]
mod tests;
#[path = "flags_values.rs"]
pub mod values;

use super::help;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;
use values::{go_quote, go_quote_byte};

/// What `docker --version` / `docker -v` prints (followed by a newline).
pub const VERSION_LINE: &str = "Docker version 28.2.2, build e6534b4";

/// How a flag's value is parsed, from the type word after the flag name in `--help`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlagKind {
    /// No type word: `--rm`, `-d`; `--rm=false` allowed, no separate value.
    Bool,
    /// `string`.
    String,
    /// `int`, `int64`: Go `strconv.ParseInt(s, 0, 64)` (so `0x10`, `010`, `1_000` work).
    Int,
    /// `uint` (64), `uint16`, `uint32`: `strconv.ParseUint(s, 0, bits)`.
    Uint(u32),
    /// `float`.
    Float,
    /// `duration`: Go `time.ParseDuration` (`1m30s`).
    Duration,
    /// `bytes`: `go-units` `RAMInBytes` (`512m`, `1g`).
    Bytes,
    /// `decimal` (`--cpus`): a rational number, stored in nano-CPUs.
    Decimal,
    /// `list`: repeatable, one value per occurrence (`-e A -e B`).
    List,
    /// `strings`: repeatable, each occurrence split as CSV (`--platform a,b`).
    Strings,
    /// `filter`: repeatable `name=value` (`-f status=exited`).
    Filter,
    /// `map`, `stringToString`: repeatable `key=value`.
    Map,
    /// Any other typed value (`ulimit`, `mount`, `network`, `gpu-request`, `port`, …):
    /// repeatable, validated like docker where learners are likely to meet it.
    Value,
}

impl FlagKind {
    fn from_type_word(word: &str) -> FlagKind {
        match word {
            "" => FlagKind::Bool,
            "string" => FlagKind::String,
            "int" | "int64" => FlagKind::Int,
            "uint" | "uint64" => FlagKind::Uint(64),
            "uint16" => FlagKind::Uint(16),
            "uint32" => FlagKind::Uint(32),
            "float" => FlagKind::Float,
            "duration" => FlagKind::Duration,
            "bytes" => FlagKind::Bytes,
            "decimal" => FlagKind::Decimal,
            "list" => FlagKind::List,
            "strings" => FlagKind::Strings,
            "filter" => FlagKind::Filter,
            "map" | "stringToString" => FlagKind::Map,
            _ => FlagKind::Value,
        }
    }

    /// Whether every occurrence adds to a list (rather than replacing the value).
    pub fn is_repeatable(self) -> bool {
        matches!(
            self,
            FlagKind::List | FlagKind::Strings | FlagKind::Filter | FlagKind::Map | FlagKind::Value
        )
    }
}

/// One flag of a command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlagSpec {
    /// Long name without dashes (`all`).
    pub long: &'static str,
    /// Shorthand letter (`a`), if any.
    pub short: Option<char>,
    /// How values are parsed.
    pub kind: FlagKind,
    /// The type word shown in `--help` (`""` for booleans).
    pub type_name: &'static str,
    /// pflag's default as shown in `--help` (`(default -1)` → `-1`, quotes removed); `None` when
    /// the help shows none (the zero value: `false`, `0`, `""`, empty list).
    pub default: Option<String>,
    /// Not listed by `--help` (hidden or deprecated).
    pub hidden: bool,
    /// Deprecation message: using the flag prints `Flag --<long> has been deprecated, <msg>`
    /// on stdout.
    pub deprecated: Option<&'static str>,
    /// Deprecation of the shorthand only (`-h`: `Flag shorthand -h has been deprecated, use
    /// --help`); such a shorthand is not shown in error texts.
    pub shorthand_deprecated: Option<&'static str>,
    /// The flag whose value this one sets (`time` → `timeout`, `net` → `network`).
    pub alias_of: Option<&'static str>,
}

impl FlagSpec {
    /// The name pflag shows in `invalid argument … for "<name>" flag`: `-t, --timeout` or
    /// `--name`.
    pub fn display_name(&self) -> String {
        match self.short {
            Some(c) if self.shorthand_deprecated.is_none() => format!("-{c}, --{}", self.long),
            _ => format!("--{}", self.long),
        }
    }

    fn storage(&self) -> &'static str {
        self.alias_of.unwrap_or(self.long)
    }
}

/// How many positional arguments a command takes, and which docker message says it's wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgRule {
    /// `accepts no arguments`.
    NoArgs,
    /// `requires N argument(s)`.
    Exact(usize),
    /// `requires at least N argument(s)` (footer `See '… --help'`).
    Min(usize),
    /// `requires at most N argument(s)` (footer with 28.x's `SRun` typo).
    Max(usize),
    /// `requires at least N and at most M arguments`.
    Range(usize, usize),
    /// cobra's own `accepts N arg(s), received M` (only `docker context use`).
    CobraExact(usize),
    /// No check.
    Any,
}

/// One docker command (or command group), with everything needed to parse its arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommandSpec {
    /// Canonical path: `docker container ls` (an alias such as `docker container list` maps
    /// here; docker's messages always use this name).
    pub path: String,
    /// The usage line used in errors (`docker ps [OPTIONS]`; a group's is usually its bare path,
    /// `docker volume COMMAND` for a few; the root's is `docker [OPTIONS] COMMAND [ARG...]`).
    pub usage: String,
    /// Positional-argument rule.
    pub args: ArgRule,
    /// Whether flags may follow positionals. `false` for run, create, exec, top, tag, commit,
    /// service create (their first positional ends flag parsing: the rest is the command).
    pub interspersed: bool,
    /// Flags, including hidden ones and cobra's `--help`.
    pub flags: Vec<FlagSpec>,
    /// A command group (`docker container`): has subcommands, runs none itself.
    pub is_group: bool,
    /// Text the real client prints on stderr before anything else for this command (the
    /// legacy-builder deprecation notice of `build`/`builder`).
    pub banner: Option<&'static str>,
}

impl CommandSpec {
    /// The flag with this long name.
    pub fn flag(&self, long: &str) -> Option<&FlagSpec> {
        self.flags.iter().find(|f| f.long == long)
    }

    /// The flag with this shorthand byte.
    fn flag_by_short(&self, c: u8) -> Option<&FlagSpec> {
        self.flags.iter().find(|f| {
            f.short
                .is_some_and(|s| s.is_ascii() && s as u32 == u32::from(c))
        })
    }

    /// The last word of the path (`ls`).
    pub fn name(&self) -> &str {
        self.path.rsplit(' ').next().unwrap_or(&self.path)
    }
}

/// The spec of a command path: `"docker ps"`, `"docker container list"` (→ the spec of
/// `docker container ls`), `"docker system prune"`, `"docker container"` (a group), `"docker"`
/// (the root, whose flags are the global options). The leading `docker` may be omitted.
pub fn command_spec(path: &str) -> Option<&'static CommandSpec> {
    let reg = registry();
    let words: Vec<&str> = path.split_whitespace().collect();
    let key = match words.first() {
        Some(&"docker") => words.join(" "),
        None => "docker".to_string(),
        _ => format!("docker {}", words.join(" ")),
    };
    reg.by_path.get(&key).and_then(|&i| reg.spec(i))
}

/// Every canonical command path known (leaf commands and groups), sorted.
pub fn command_paths() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = registry().specs.iter().map(|s| s.path.as_str()).collect();
    v.sort_unstable();
    v
}

/// Every command path, with its flag table built from the help text on first use: a
/// session that only runs `docker run` reads one help block, not a hundred (it saves about
/// 2 ms of start-up).
struct Registry {
    specs: Vec<LazySpec>,
    by_path: HashMap<String, usize>,
}

/// A canonical command path, its help block, and its spec once someone asked for it.
struct LazySpec {
    path: String,
    found: help::Found,
    spec: OnceLock<CommandSpec>,
}

impl Registry {
    fn spec(&'static self, i: usize) -> Option<&'static CommandSpec> {
        let lazy = self.specs.get(i)?;
        Some(
            lazy.spec
                .get_or_init(|| build_spec(lazy.path.clone(), &lazy.found)),
        )
    }
}

fn registry() -> &'static Registry {
    static REG: OnceLock<Registry> = OnceLock::new();
    REG.get_or_init(build_registry)
}

fn build_registry() -> Registry {
    let mut specs = Vec::new();
    let mut by_path = HashMap::new();
    for path in help::canonical_paths() {
        let Some(found) = help::lookup(&path) else {
            continue;
        };
        by_path.insert(path.clone(), specs.len());
        specs.push(LazySpec {
            path,
            found,
            spec: OnceLock::new(),
        });
    }
    for (alias, canonical) in help::alias_paths() {
        if let Some(&i) = by_path.get(&canonical) {
            by_path.insert(alias, i);
        }
    }
    Registry { specs, by_path }
}

fn build_spec(path: String, found: &help::Found) -> CommandSpec {
    let text = found.text;
    // The usage is everything before the first empty line (`docker cp` has a second, tabbed
    // usage line); only its first line names the command path.
    let usage_block = text.split("\n\n").next().unwrap_or_default();
    let use_line = usage_block
        .strip_prefix("Usage:  ")
        .and_then(|u| u.strip_prefix(found.source_path))
        .map(|rest| format!("{path}{rest}"))
        .unwrap_or_else(|| path.clone());
    let is_root = path == "docker";
    let is_group = is_root || text.contains("\nCommands:\n");
    // cobra's UseLine: a group's error usage is its bare path; the root's `Use` has more words
    // than its help line shows.
    let usage = if is_root {
        "docker [OPTIONS] COMMAND [ARG...]".to_string()
    } else if is_group {
        table::GROUP_USAGE
            .iter()
            .find(|(p, _)| *p == path)
            .map_or_else(|| path.clone(), |(_, u)| u.to_string())
    } else {
        use_line
    };
    let section = if is_root {
        "Global Options:"
    } else {
        "Options:"
    };
    let mut flags = parse_options(text, section);
    for hidden in table::HIDDEN_FLAGS {
        if hidden.commands.contains(&path.as_str()) {
            flags.push(FlagSpec {
                long: hidden.long,
                short: None,
                kind: FlagKind::from_type_word(hidden.type_name),
                type_name: hidden.type_name,
                default: None,
                hidden: true,
                deprecated: hidden.deprecated,
                shorthand_deprecated: None,
                alias_of: hidden.alias_of,
            });
        }
    }
    if !flags.iter().any(|f| f.long == "help") {
        // docker's root adds a persistent `-h, --help` and deprecates the shorthand; run and
        // create declare their own `--help` because `-h` is `--hostname` there.
        let short_free = !flags.iter().any(|f| f.short == Some('h'));
        flags.push(FlagSpec {
            long: "help",
            short: short_free.then_some('h'),
            kind: FlagKind::Bool,
            type_name: "",
            default: None,
            hidden: true,
            deprecated: None,
            shorthand_deprecated: short_free.then_some("use --help"),
            alias_of: None,
        });
    }
    let (args, interspersed) = table::ARG_RULES
        .iter()
        .find(|(p, _, _)| *p == path)
        .map_or((ArgRule::Any, !is_root), |&(_, rule, inter)| (rule, inter));
    let banner = table::LEGACY_BUILDER_COMMANDS
        .contains(&path.as_str())
        .then_some(table::LEGACY_BUILDER_BANNER);
    CommandSpec {
        path,
        usage,
        args,
        interspersed,
        flags,
        is_group,
        banner,
    }
}

/// Reads the flag table from a help block's options section (pflag's `FlagUsages` layout:
/// `  -a, --all   desc` or `      --name type   desc`, descriptions wrapped on deeper-indented
/// lines, `(default X)` at the end of the description).
fn parse_options(text: &'static str, section: &str) -> Vec<FlagSpec> {
    let mut flags: Vec<FlagSpec> = Vec::new();
    let mut descriptions: Vec<String> = Vec::new();
    let mut lines = text.lines();
    if lines.by_ref().find(|l| *l == section).is_none() {
        return flags;
    }
    for line in lines {
        if line.is_empty() {
            break;
        }
        let b = line.as_bytes();
        let (short, rest) = if line.starts_with("  -") && b.len() > 7 && &b[4..8] == b", --" {
            (char::from(b[3]), &line[6..])
        } else if line.starts_with("      --") {
            (' ', &line[6..])
        } else {
            if let Some(d) = descriptions.last_mut() {
                d.push(' ');
                d.push_str(line.trim());
            }
            continue;
        };
        let (spec_part, desc) = rest.split_once("  ").unwrap_or((rest, ""));
        let mut words = spec_part.split(' ');
        let long = words.next().unwrap_or_default().trim_start_matches('-');
        let type_name = words.next().unwrap_or_default();
        flags.push(FlagSpec {
            long,
            short: (short != ' ').then_some(short),
            kind: FlagKind::from_type_word(type_name),
            type_name,
            default: None,
            hidden: false,
            deprecated: None,
            shorthand_deprecated: None,
            alias_of: None,
        });
        descriptions.push(desc.trim().to_string());
    }
    for (flag, desc) in flags.iter_mut().zip(descriptions) {
        flag.default = default_from_description(&desc);
    }
    flags
}

fn default_from_description(desc: &str) -> Option<String> {
    let start = desc.rfind("(default ")?;
    let value = desc[start + "(default ".len()..].strip_suffix(')')?;
    let value = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(value);
    match value {
        "" | "[]" | "map[]" => None,
        v => Some(v.to_string()),
    }
}

/// Which stream a piece of text goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    /// Standard output.
    Stdout,
    /// Standard error.
    Stderr,
}

/// Why an invocation is a usage error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UsageErrorKind {
    /// `unknown flag: --foo`.
    UnknownFlag,
    /// `unknown shorthand flag: 'z' in -z`.
    UnknownShorthand,
    /// `flag needs an argument: …`.
    MissingValue,
    /// `invalid argument "x" for "--rm" flag: …`.
    InvalidValue,
    /// `bad flag syntax: ---x`.
    BadSyntax,
    /// Wrong number of positional arguments.
    ArgCount,
    /// `docker: unknown command: …`.
    UnknownCommand,
    /// `unknown help topic: …` (`docker help foo`).
    UnknownHelpTopic,
    /// `Unable to parse logging level: …` (`docker -l x …`).
    InvalidLogLevel,
}

/// A command-line error with docker's exact stderr text (`Display`, without trailing newline)
/// and exit status.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct UsageError {
    /// The kind of mistake.
    pub kind: UsageErrorKind,
    message: String,
    /// pflag's own message (`unknown flag: --foo`), without docker's usage footer.
    detail: String,
    exit_code: i32,
    notices: String,
}

impl UsageError {
    fn new(kind: UsageErrorKind, message: String) -> UsageError {
        let exit_code = match kind {
            UsageErrorKind::UnknownFlag
            | UsageErrorKind::UnknownShorthand
            | UsageErrorKind::MissingValue
            | UsageErrorKind::InvalidValue
            | UsageErrorKind::BadSyntax => 125,
            _ => 1,
        };
        UsageError {
            kind,
            detail: message.clone(),
            message,
            exit_code,
            notices: String::new(),
        }
    }

    fn flag(kind: UsageErrorKind, spec: &CommandSpec, what: String) -> UsageError {
        let mut e = UsageError::new(
            kind,
            format!(
                "{what}\n\nUsage:  {}\n\nRun '{} --help' for more information",
                spec.usage, spec.path
            ),
        );
        e.detail = what;
        e
    }

    /// The exit status docker uses: 125 for flag errors, 1 for argument-count and command
    /// errors.
    pub fn exit_code(&self) -> i32 {
        self.exit_code
    }

    /// Text already printed on stdout before the error (deprecation notices of flags parsed
    /// before it, e.g. `Flag --time has been deprecated, use --timeout instead\n`).
    pub fn notices(&self) -> &str {
        &self.notices
    }
}

/// The result of [`parse`].
#[derive(Clone, Debug, PartialEq)]
pub enum Parsed {
    /// `--help`/`-h` was given: print `stdout` (notices, then the command's help) and exit 0.
    Help {
        /// Everything to print on stdout.
        stdout: String,
    },
    /// Parsed flags and positionals.
    Args(Matches),
}

impl Parsed {
    /// The matches, or `None` for a help request.
    pub fn matches(&self) -> Option<&Matches> {
        match self {
            Parsed::Args(m) => Some(m),
            Parsed::Help { .. } => None,
        }
    }

    /// [`Matches::flag_bool`]; `false` for a help request.
    pub fn flag_bool(&self, long: &str) -> bool {
        self.matches().is_some_and(|m| m.flag_bool(long))
    }

    /// [`Matches::flag_str`]; `None` for a help request.
    pub fn flag_str(&self, long: &str) -> Option<&str> {
        self.matches().and_then(|m| m.flag_str(long))
    }

    /// [`Matches::flag_int`]; `None` for a help request.
    pub fn flag_int(&self, long: &str) -> Option<i64> {
        self.matches().and_then(|m| m.flag_int(long))
    }

    /// [`Matches::flag_list`]; empty for a help request.
    pub fn flag_list(&self, long: &str) -> &[String] {
        self.matches().map_or(&[], |m| m.flag_list(long))
    }

    /// [`Matches::was_set`]; `false` for a help request.
    pub fn was_set(&self, long: &str) -> bool {
        self.matches().is_some_and(|m| m.was_set(long))
    }

    /// [`Matches::positionals`]; empty for a help request.
    pub fn positionals(&self) -> &[String] {
        self.matches().map_or(&[], |m| m.positionals.as_slice())
    }
}

/// A parsed value, typed by its flag's kind.
#[derive(Clone, Debug, PartialEq)]
enum Typed {
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Text,
    /// Duration in nanoseconds.
    Nanos(i64),
    Bytes(i64),
    NanoCpus(i64),
}

#[derive(Clone, Debug, PartialEq)]
struct Slot {
    /// The last value as stored (validated/normalized).
    last: String,
    typed: Typed,
    /// Every stored value in order (CSV items for `strings`).
    list: Vec<String>,
}

/// Flags and positionals of one parsed command line. Accessors take the long flag name
/// (`"all"`, `"timeout"`); an alias name (`"time"`) reads the flag it aliases.
#[derive(Clone, Debug, PartialEq)]
pub struct Matches {
    spec: &'static CommandSpec,
    slots: BTreeMap<&'static str, Slot>,
    given: BTreeSet<&'static str>,
    order: Vec<&'static str>,
    notices: String,
    args_len_at_dash: Option<usize>,
    /// Positional arguments in order (for run/create/exec: the image/container, then the
    /// command and its arguments verbatim, flags included).
    pub positionals: Vec<String>,
}

impl Matches {
    /// The command these matches belong to.
    pub fn spec(&self) -> &'static CommandSpec {
        self.spec
    }

    /// Positional arguments.
    pub fn positionals(&self) -> &[String] {
        &self.positionals
    }

    fn flag_spec(&self, long: &str) -> Option<&'static FlagSpec> {
        let spec: &'static CommandSpec = self.spec;
        let found = spec.flag(long);
        debug_assert!(found.is_some(), "{} has no flag --{long}", spec.path);
        found
    }

    fn slot(&self, long: &str) -> Option<&Slot> {
        let flag = self.flag_spec(long)?;
        self.slots.get(flag.storage())
    }

    /// The flag's default as its target flag declares it.
    fn default_of(&self, long: &str) -> Option<&'static str> {
        let flag = self.flag_spec(long)?;
        let target = self.spec.flag(flag.storage()).unwrap_or(flag);
        target.default.as_deref()
    }

    /// A boolean flag: the last value given, else its default (`--sig-proxy` is `true`), else
    /// `false`.
    pub fn flag_bool(&self, long: &str) -> bool {
        match self.slot(long).map(|s| &s.typed) {
            Some(Typed::Bool(b)) => *b,
            Some(_) => false,
            None => self
                .default_of(long)
                .is_some_and(|d| values::parse_bool(d) == Ok(true)),
        }
    }

    /// A flag's value as text: the last value given (`--name=web` → `web`; for lists the last
    /// item), else a non-empty default (`--tail` → `all`), else `None`. `--name ""` gives
    /// `Some("")`.
    pub fn flag_str(&self, long: &str) -> Option<&str> {
        match self.slot(long) {
            Some(s) => Some(s.last.as_str()),
            None => self.default_of(long),
        }
    }

    /// An integer flag (`int`, `uint*`): the last value, else the default (`-n` → `-1`), else
    /// `0`. `None` if the flag is not an integer flag.
    pub fn flag_int(&self, long: &str) -> Option<i64> {
        let flag = self.flag_spec(long)?;
        match self.slot(long).map(|s| &s.typed) {
            Some(Typed::Int(v)) => Some(*v),
            Some(Typed::Uint(v)) => i64::try_from(*v).ok(),
            Some(_) => None,
            None => match flag.kind {
                FlagKind::Int => Some(
                    self.default_of(long)
                        .and_then(|d| values::parse_int(d, 64).ok())
                        .unwrap_or(0),
                ),
                FlagKind::Uint(bits) => Some(
                    self.default_of(long)
                        .and_then(|d| values::parse_uint(d, bits).ok())
                        .and_then(|v| i64::try_from(v).ok())
                        .unwrap_or(0),
                ),
                _ => None,
            },
        }
    }

    /// A `float` flag: the last value, else the default, else `0.0`.
    pub fn flag_float(&self, long: &str) -> Option<f64> {
        let flag = self.flag_spec(long)?;
        match self.slot(long).map(|s| &s.typed) {
            Some(Typed::Float(v)) => Some(*v),
            Some(_) => None,
            None => (flag.kind == FlagKind::Float).then(|| {
                self.default_of(long)
                    .and_then(|d| values::parse_float(d).ok())
                    .unwrap_or(0.0)
            }),
        }
    }

    /// A `duration` flag in nanoseconds (may be negative): the last value, else the default,
    /// else `0`.
    pub fn flag_duration_nanos(&self, long: &str) -> Option<i64> {
        let flag = self.flag_spec(long)?;
        match self.slot(long).map(|s| &s.typed) {
            Some(Typed::Nanos(v)) => Some(*v),
            Some(_) => None,
            None => (flag.kind == FlagKind::Duration).then(|| {
                self.default_of(long)
                    .and_then(|d| values::parse_duration(d).ok())
                    .unwrap_or(0)
            }),
        }
    }

    /// A `bytes` flag in bytes (`-m 512m` → 536870912; `--memory-swap -1` → -1): the last value,
    /// else `0`.
    pub fn flag_bytes(&self, long: &str) -> Option<i64> {
        let flag = self.flag_spec(long)?;
        match self.slot(long).map(|s| &s.typed) {
            Some(Typed::Bytes(v)) => Some(*v),
            Some(_) => None,
            None => (flag.kind == FlagKind::Bytes).then_some(0),
        }
    }

    /// A `decimal` flag (`--cpus 1.5`) in nano-CPUs (1500000000): the last value, else `0`.
    pub fn flag_nano_cpus(&self, long: &str) -> Option<i64> {
        let flag = self.flag_spec(long)?;
        match self.slot(long).map(|s| &s.typed) {
            Some(Typed::NanoCpus(v)) => Some(*v),
            Some(_) => None,
            None => (flag.kind == FlagKind::Decimal).then_some(0),
        }
    }

    /// Every value given, in order: one per occurrence for `list`/`map`/typed values
    /// (`-e A -e B` → `["A", "B"]`), CSV items for `strings`, `name=value` normalized for
    /// `filter` (name lowercased, both sides trimmed), canonical addresses for `--dns`, lowercase
    /// stream names for `--attach`. Empty when not given.
    pub fn flag_list(&self, long: &str) -> &[String] {
        self.slot(long).map_or(&[], |s| s.list.as_slice())
    }

    /// Whether the flag appeared on the command line. For a flag that has aliases this is also
    /// true when an alias was used (`was_set("timeout")` after `--time 5`); an alias name itself
    /// (`was_set("time")`) is true only when that alias was typed.
    pub fn was_set(&self, long: &str) -> bool {
        if self.given.contains(long) {
            return true;
        }
        self.spec
            .flags
            .iter()
            .any(|f| f.alias_of == Some(long) && self.given.contains(f.long))
    }

    /// Long names of the flags given, in the order first seen (aliases as typed).
    pub fn flags_given(&self) -> &[&'static str] {
        &self.order
    }

    /// Text to print on stdout before running the command (deprecation notices such as
    /// `Flag --time has been deprecated, use --timeout instead\n`).
    pub fn notices(&self) -> &str {
        &self.notices
    }

    /// How many positionals came before a `--` that ended flag parsing (pflag's
    /// `ArgsLenAtDash`), if there was one.
    pub fn args_len_at_dash(&self) -> Option<usize> {
        self.args_len_at_dash
    }
}

/// Parses `args` (the words after the command path, e.g. `["-a", "--filter", "x=y"]` for
/// `docker ps -a --filter x=y`) with pflag's rules:
/// - `-it` clusters booleans; `-p8080:80`, `-p 8080:80`, `-t=5` give values to shorthands;
///   `--name=web`, `--name web` to long flags; a value may start with `-` (`-n -1`);
///   booleans take a value only with `=` (`--rm=false`);
/// - flags may follow positionals unless the command stops at its first positional
///   ([`CommandSpec::interspersed`] is false: run/create/exec/top/tag/commit); `--` ends flags;
/// - values are checked by kind at parse time, giving pflag's `invalid argument …` errors;
/// - `--help`/`-h` (if parsing gets there) → [`Parsed::Help`], before argument-count checks;
/// - then the positional count is checked ([`ArgRule`]).
pub fn parse(cmd: &'static CommandSpec, args: &[String]) -> Result<Parsed, UsageError> {
    parse_with(cmd, args, false)
}

fn parse_with(
    cmd: &'static CommandSpec,
    args: &[String],
    help_preset: bool,
) -> Result<Parsed, UsageError> {
    // A `--help` given to a parent command reaches this one through cobra's persistent flag,
    // unless the command declares its own `--help` (run, create), which shadows it.
    let inherits_help = cmd.flag("help").is_some_and(|f| f.hidden);
    let mut st = ParseState::new(cmd, help_preset && inherits_help);
    // cobra prints the flag set's notices only when parsing succeeded.
    let positionals = st.run(args, cmd.interspersed)?;
    if st.help {
        let mut stdout = std::mem::take(&mut st.notices);
        let text = help::help_text(&cmd.path).unwrap_or_default();
        stdout.push_str(&decorate_help(text, cmd, &[&st.slots]));
        return Ok(Parsed::Help { stdout });
    }
    let check = if cmd.is_group {
        match positionals.first() {
            Some(first) => Err(unknown_subcommand(cmd, first)),
            None => Ok(()),
        }
    } else {
        check_args(cmd, positionals.len())
    };
    if let Err(mut e) = check {
        e.notices = std::mem::take(&mut st.notices);
        return Err(e);
    }
    Ok(Parsed::Args(st.into_matches(positionals)))
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        "argument"
    } else {
        "arguments"
    }
}

/// docker/cli's `cli/required.go` messages (28.x wording, `SRun` typo included).
fn check_args(cmd: &CommandSpec, n: usize) -> Result<(), UsageError> {
    let (path, usage) = (&cmd.path, &cmd.usage);
    let message = match cmd.args {
        ArgRule::Any => return Ok(()),
        ArgRule::NoArgs if n == 0 => return Ok(()),
        ArgRule::NoArgs => format!(
            "docker: '{path}' accepts no arguments\n\nUsage:  {usage}\n\nRun '{path} --help' for more information"
        ),
        ArgRule::Exact(k) if n == k => return Ok(()),
        ArgRule::Exact(k) => format!(
            "docker: '{path}' requires {k} {}\n\nUsage:  {usage}\n\nRun '{path} --help' for more information",
            plural(k)
        ),
        ArgRule::Min(k) if n >= k => return Ok(()),
        ArgRule::Min(k) => format!(
            "docker: '{path}' requires at least {k} {}\n\nUsage:  {usage}\n\nSee '{path} --help' for more information",
            plural(k)
        ),
        ArgRule::Max(k) if n <= k => return Ok(()),
        ArgRule::Max(k) => format!(
            "docker: '{path}' requires at most {k} {}\n\nUsage:  {usage}\n\nSRun '{path} --help' for more information",
            plural(k)
        ),
        ArgRule::Range(lo, hi) if (lo..=hi).contains(&n) => return Ok(()),
        ArgRule::Range(lo, hi) => format!(
            "docker: '{path}' requires at least {lo} and at most {hi} {}\n\nUsage:  {usage}\n\nRun '{path} --help' for more information",
            plural(hi)
        ),
        ArgRule::CobraExact(k) if n == k => return Ok(()),
        ArgRule::CobraExact(k) => format!("accepts {k} arg(s), received {n}"),
    };
    Err(UsageError::new(UsageErrorKind::ArgCount, message))
}

fn unknown_subcommand(group: &CommandSpec, word: &str) -> UsageError {
    let path = &group.path;
    UsageError::new(
        UsageErrorKind::UnknownCommand,
        format!(
            "docker: unknown command: {path} {word}\n\nUsage:  {}\n\nRun '{path} --help' for more information",
            group.usage
        ),
    )
}

/// pflag's parser state for one flag set.
struct ParseState {
    spec: &'static CommandSpec,
    slots: BTreeMap<&'static str, Slot>,
    given: BTreeSet<&'static str>,
    order: Vec<&'static str>,
    notices: String,
    help: bool,
    args_len_at_dash: Option<usize>,
}

impl ParseState {
    fn new(spec: &'static CommandSpec, help: bool) -> ParseState {
        ParseState {
            spec,
            slots: BTreeMap::new(),
            given: BTreeSet::new(),
            order: Vec::new(),
            notices: String::new(),
            help,
            args_len_at_dash: None,
        }
    }

    fn into_matches(self, positionals: Vec<String>) -> Matches {
        Matches {
            spec: self.spec,
            slots: self.slots,
            given: self.given,
            order: self.order,
            notices: self.notices,
            args_len_at_dash: self.args_len_at_dash,
            positionals,
        }
    }

    /// pflag's `parseArgs`; returns the positionals.
    fn run(&mut self, args: &[String], interspersed: bool) -> Result<Vec<String>, UsageError> {
        let mut positionals = Vec::new();
        let mut i = 0;
        while i < args.len() {
            let s = &args[i];
            i += 1;
            if s.len() < 2 || !s.starts_with('-') {
                positionals.push(s.clone());
                if !interspersed {
                    positionals.extend_from_slice(&args[i..]);
                    break;
                }
                continue;
            }
            if s == "--" {
                self.args_len_at_dash = Some(positionals.len());
                positionals.extend_from_slice(&args[i..]);
                break;
            }
            if let Some(name) = s.strip_prefix("--") {
                i = self.long(s, name, args, i)?;
            } else {
                i = self.short(&s[1..], args, i)?;
            }
        }
        Ok(positionals)
    }

    fn long(
        &mut self,
        s: &str,
        name: &str,
        args: &[String],
        mut i: usize,
    ) -> Result<usize, UsageError> {
        let spec = self.spec;
        if name.starts_with('-') || name.starts_with('=') {
            return Err(UsageError::flag(
                UsageErrorKind::BadSyntax,
                spec,
                format!("bad flag syntax: {s}"),
            ));
        }
        let (name, inline) = match name.split_once('=') {
            Some((n, v)) => (n, Some(v)),
            None => (name, None),
        };
        let Some(flag) = spec.flag(name) else {
            return Err(UsageError::flag(
                UsageErrorKind::UnknownFlag,
                spec,
                format!("unknown flag: --{name}"),
            ));
        };
        let value = match inline {
            Some(v) => v.to_string(),
            None if flag.kind == FlagKind::Bool => "true".to_string(),
            None => match args.get(i) {
                Some(v) => {
                    i += 1;
                    v.clone()
                }
                None => {
                    return Err(UsageError::flag(
                        UsageErrorKind::MissingValue,
                        spec,
                        format!("flag needs an argument: {s}"),
                    ))
                }
            },
        };
        self.set(flag, &value)?;
        Ok(i)
    }

    fn short(&mut self, all: &str, args: &[String], mut i: usize) -> Result<usize, UsageError> {
        let spec = self.spec;
        let mut shorthands = all;
        while let Some(&c) = shorthands.as_bytes().first() {
            let Some(flag) = spec.flag_by_short(c) else {
                return Err(UsageError::flag(
                    UsageErrorKind::UnknownShorthand,
                    spec,
                    format!(
                        "unknown shorthand flag: {} in -{shorthands}",
                        go_quote_byte(c)
                    ),
                ));
            };
            // `c` is an ASCII flag letter here, so slicing after it stays on a char boundary.
            let bytes = shorthands.as_bytes();
            let (value, rest) = if bytes.len() > 2 && bytes[1] == b'=' {
                (shorthands[2..].to_string(), "")
            } else if flag.kind == FlagKind::Bool {
                ("true".to_string(), &shorthands[1..])
            } else if bytes.len() > 1 {
                (shorthands[1..].to_string(), "")
            } else if let Some(v) = args.get(i) {
                i += 1;
                (v.clone(), "")
            } else {
                return Err(UsageError::flag(
                    UsageErrorKind::MissingValue,
                    spec,
                    format!(
                        "flag needs an argument: {} in -{shorthands}",
                        go_quote_byte(c)
                    ),
                ));
            };
            if let Some(msg) = flag.shorthand_deprecated {
                self.notices.push_str(&format!(
                    "Flag shorthand -{} has been deprecated, {msg}\n",
                    char::from(c)
                ));
            }
            self.set(flag, &value)?;
            shorthands = rest;
        }
        Ok(i)
    }

    /// pflag's `FlagSet.Set`: parse by kind, store, print the deprecation notice.
    fn set(&mut self, flag: &'static FlagSpec, value: &str) -> Result<(), UsageError> {
        let parsed: Result<(Typed, Vec<String>), String> = match flag.kind {
            FlagKind::Bool => values::parse_bool(value).map(|b| (Typed::Bool(b), vec![])),
            FlagKind::String => Ok((Typed::Text, vec![])),
            FlagKind::Int => values::parse_int(value, 64).map(|v| (Typed::Int(v), vec![])),
            FlagKind::Uint(bits) => {
                values::parse_uint(value, bits).map(|v| (Typed::Uint(v), vec![]))
            }
            FlagKind::Float => values::parse_float(value).map(|v| (Typed::Float(v), vec![])),
            FlagKind::Duration => values::parse_duration(value).map(|v| (Typed::Nanos(v), vec![])),
            FlagKind::Bytes if flag.storage() == "memory-swap" && value == "-1" => {
                Ok((Typed::Bytes(-1), vec![]))
            }
            FlagKind::Bytes => values::ram_in_bytes(value).map(|v| (Typed::Bytes(v), vec![])),
            FlagKind::Decimal => {
                values::parse_nano_cpus(value).map(|v| (Typed::NanoCpus(v), vec![]))
            }
            FlagKind::Strings => values::read_string_slice(value).map(|v| (Typed::Text, v)),
            FlagKind::Filter => {
                values::parse_filter(value).map(|v| (Typed::Text, v.into_iter().collect()))
            }
            FlagKind::List | FlagKind::Map | FlagKind::Value => {
                values::validate(flag.storage(), flag.type_name, value)
                    .map(|v| (Typed::Text, vec![v]))
            }
        };
        let (typed, items) = parsed.map_err(|err| {
            UsageError::flag(
                UsageErrorKind::InvalidValue,
                self.spec,
                format!(
                    "invalid argument {} for {} flag: {err}",
                    go_quote(value),
                    go_quote(&flag.display_name())
                ),
            )
        })?;
        let last = match flag.kind {
            FlagKind::List | FlagKind::Map | FlagKind::Value | FlagKind::Filter => {
                items.last().cloned().unwrap_or_else(|| value.to_string())
            }
            _ => value.to_string(),
        };
        let list_items = if flag.kind.is_repeatable() {
            items
        } else {
            vec![value.to_string()]
        };
        let slot = self.slots.entry(flag.storage()).or_insert_with(|| Slot {
            last: String::new(),
            typed: Typed::Text,
            list: Vec::new(),
        });
        slot.last = last;
        slot.typed = typed;
        slot.list.extend(list_items);
        if self.given.insert(flag.long) {
            self.order.push(flag.long);
        }
        if let Some(msg) = flag.deprecated {
            self.notices.push_str(&format!(
                "Flag --{} has been deprecated, {msg}\n",
                flag.long
            ));
        }
        if flag.long == "help" {
            self.help = matches!(slot.typed, Typed::Bool(true));
        }
        Ok(())
    }

    fn bool_value(&self, long: &str) -> bool {
        matches!(
            self.slots.get(long).map(|s| &s.typed),
            Some(Typed::Bool(true))
        )
    }

    fn str_value(&self, long: &str) -> Option<&str> {
        self.slots.get(long).map(|s| s.last.as_str())
    }
}

/// Text to print and the exit status, for invocations that run no command.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EarlyExit {
    /// Text in the order the real client writes it.
    pub chunks: Vec<(Channel, String)>,
    /// Exit status.
    pub exit_code: i32,
}

impl EarlyExit {
    /// Everything written to stdout.
    pub fn stdout(&self) -> String {
        self.collect(Channel::Stdout)
    }

    /// Everything written to stderr.
    pub fn stderr(&self) -> String {
        self.collect(Channel::Stderr)
    }

    fn collect(&self, channel: Channel) -> String {
        self.chunks
            .iter()
            .filter(|(c, _)| *c == channel)
            .map(|(_, t)| t.as_str())
            .collect()
    }
}

/// A command to run.
#[derive(Clone, Debug, PartialEq)]
pub struct Invocation {
    /// The command (canonical; `docker container list` gives the spec of `docker container ls`).
    pub spec: &'static CommandSpec,
    /// Its parsed flags and positionals.
    pub matches: Matches,
    /// The global options given before the command (`-D`, `--log-level`, `-H`, `--context`, …),
    /// parsed against the root spec (`globals.flag_bool("debug")`).
    pub globals: Matches,
    /// Text the real client prints before the command's own output: the legacy-builder banner
    /// (stderr) and flag deprecation notices (stdout). Print these first.
    pub notices: Vec<(Channel, String)>,
}

/// What to do with a `docker …` command line.
#[derive(Clone, Debug, PartialEq)]
pub enum Resolution {
    /// Run this command (boxed: it is much larger than an [`EarlyExit`]).
    Run(Box<Invocation>),
    /// Run nothing: print this and exit (help, version, usage errors, unknown commands).
    Exit(EarlyExit),
}

/// Resolves a full command line (`argv[0]` is the program name and is ignored) the way docker
/// 28.2.2 does:
/// - global options before the command (`--config`, `-c/--context`, `-D/--debug`, `-H/--host`,
///   `-l/--log-level`, `--tls*`, `-v/--version`, `-h/--help`) are parsed (pflag, stopping at
///   the first non-flag word) and kept in [`Invocation::globals`]; an invalid `--log-level`
///   gives `Unable to parse logging level: x` (exit 1);
/// - `docker` alone prints the top-level help on stderr (exit 0); `docker --help`, `docker help`
///   print it on stdout; `docker -v` prints [`VERSION_LINE`];
/// - the command is then found with cobra's `Traverse` (flags may sit between `container` and
///   `ls`); `docker container` alone prints the group's help on stderr (exit 0);
///   `docker container foo` is `docker: unknown command: docker container foo` + usage (exit 1);
///   `docker foo` is `docker: unknown command: docker foo` (exit 1); names are case-sensitive;
/// - `docker help run` prints run's help on stdout; `docker help foo` is `unknown help topic: foo`;
/// - otherwise the command's own arguments are parsed with [`parse`]; its errors and help are
///   returned as [`Resolution::Exit`].
pub fn resolve(argv: &[String]) -> Resolution {
    let args = argv.get(1..).unwrap_or(&[]);
    let root = root_spec();
    // docker's `HandleGlobalFlags`: its own non-interspersed flag set over the global options.
    let mut st = ParseState::new(root, false);
    let rest = match st.run(args, false) {
        Ok(r) => r,
        Err(e) => return exit_error(Vec::new(), e),
    };
    // The real client validates the log level while initialising, before anything else.
    if let Some(level) = st.str_value("log-level") {
        if !is_log_level(level) {
            return exit(
                vec![(
                    Channel::Stderr,
                    format!("Unable to parse logging level: {level}\n"),
                )],
                1,
            );
        }
    }
    let mut pre = Vec::new();
    // That flag set writes its notices (`-h` is deprecated) to stderr.
    push_notices(&mut pre, Channel::Stderr, &std::mem::take(&mut st.notices));
    let state = Walk {
        help: st.help,
        version: st.bool_value("version"),
        pre,
        globals: st.into_matches(Vec::new()),
    };
    walk(root, &rest, state)
}

/// What carries over while walking down the command tree.
struct Walk {
    /// The persistent `--help` flag's value so far.
    help: bool,
    /// `-v/--version` among the global options.
    version: bool,
    /// Text already written.
    pre: Vec<(Channel, String)>,
    /// The global options.
    globals: Matches,
}

fn root_spec() -> &'static CommandSpec {
    // The root block is part of the compiled-in help texts; the tests check it is present.
    command_spec("docker").expect("the top-level help block is compiled in")
}

fn is_log_level(level: &str) -> bool {
    // logrus.ParseLevel, which lowercases its input.
    matches!(
        level.to_lowercase().as_str(),
        "panic" | "fatal" | "error" | "warn" | "warning" | "info" | "debug" | "trace"
    )
}

fn exit(chunks: Vec<(Channel, String)>, exit_code: i32) -> Resolution {
    Resolution::Exit(EarlyExit { chunks, exit_code })
}

fn push_notices(pre: &mut Vec<(Channel, String)>, channel: Channel, notices: &str) {
    if !notices.is_empty() {
        pre.push((channel, notices.to_string()));
    }
}

fn exit_error(mut pre: Vec<(Channel, String)>, e: UsageError) -> Resolution {
    push_notices(&mut pre, Channel::Stdout, e.notices());
    pre.push((Channel::Stderr, format!("{e}\n")));
    exit(pre, e.exit_code())
}

/// The subcommand `word` of `parent` (names and aliases; never a word with spaces).
fn child_of(parent: &CommandSpec, word: &str) -> Option<&'static CommandSpec> {
    if word.is_empty() || word.contains(char::is_whitespace) || !parent.is_group {
        return None;
    }
    command_spec(&format!("{} {word}", parent.path))
}

/// cobra's `isFlagArg`.
fn is_flag_arg(arg: &str) -> bool {
    let b = arg.as_bytes();
    (b.len() >= 3 && b.starts_with(b"--")) || (b.len() >= 2 && b[0] == b'-' && b[1] != b'-')
}

/// Whether the flag named by a long (`name`) or short (`-x`) word takes no separate value.
fn takes_no_value(spec: &CommandSpec, long: Option<&str>, short: Option<u8>) -> bool {
    let flag = match (long, short) {
        (Some(l), _) => spec.flag(l),
        (None, Some(c)) => spec.flag_by_short(c),
        _ => None,
    };
    flag.is_some_and(|f| f.kind == FlagKind::Bool)
}

/// cobra's `Traverse` from a group (or the root): skips flags (guessing which take a value),
/// finds the subcommand, parses the flags seen so far with the group's flag set, and goes on.
/// Without a subcommand the group runs itself with all its words.
fn walk(spec: &'static CommandSpec, args: &[String], mut state: Walk) -> Resolution {
    if let Some(banner) = spec.banner {
        // `docker builder build` prints it once, not for the group and again for the command.
        if !state.pre.iter().any(|(_, t)| t == banner) {
            state.pre.push((Channel::Stderr, banner.to_string()));
        }
    }
    if spec.path == "docker help" {
        return help_command(spec, args, state);
    }
    if !spec.is_group {
        return run_leaf(spec, args, state);
    }
    let mut in_flag = false;
    for (i, arg) in args.iter().enumerate() {
        if let Some(name) = arg.strip_prefix("--").filter(|_| !arg.contains('=')) {
            in_flag = !takes_no_value(spec, Some(name), None);
            continue;
        }
        let b = arg.as_bytes();
        if b.len() == 2
            && b[0] == b'-'
            && !arg.contains('=')
            && !takes_no_value(spec, None, Some(b[1]))
        {
            in_flag = true;
            continue;
        }
        if in_flag {
            in_flag = false;
            continue;
        }
        if is_flag_arg(arg) {
            continue;
        }
        let Some(child) = child_of(spec, arg) else {
            break;
        };
        let mut st = ParseState::new(spec, state.help);
        if let Err(e) = st.run(&args[..i], true) {
            // Traverse returns the bare pflag error: no usage lines, status 1.
            state.pre.push((Channel::Stderr, format!("{}\n", e.detail)));
            return exit(state.pre, 1);
        }
        push_notices(&mut state.pre, Channel::Stdout, &st.notices);
        state.help = st.help;
        return walk(child, &args[i + 1..], state);
    }
    if spec.path == "docker" {
        run_root(spec, args, state)
    } else {
        run_group(spec, args, state)
    }
}

fn run_leaf(spec: &'static CommandSpec, args: &[String], mut state: Walk) -> Resolution {
    match parse_with(spec, args, state.help) {
        Ok(Parsed::Help { stdout }) => {
            state.pre.push((Channel::Stdout, stdout));
            exit(state.pre, 0)
        }
        Ok(Parsed::Args(mut matches)) => {
            let notices = std::mem::take(&mut matches.notices);
            push_notices(&mut state.pre, Channel::Stdout, &notices);
            Resolution::Run(Box::new(Invocation {
                spec,
                matches,
                globals: state.globals,
                notices: state.pre,
            }))
        }
        Err(e) => exit_error(state.pre, e),
    }
}

/// A group without a (known) subcommand: its help, or `unknown command`.
fn run_group(spec: &'static CommandSpec, args: &[String], mut state: Walk) -> Resolution {
    match parse_with(spec, args, state.help) {
        Ok(Parsed::Help { stdout }) => {
            state.pre.push((Channel::Stdout, stdout));
            exit(state.pre, 0)
        }
        Ok(Parsed::Args(m)) => {
            push_notices(&mut state.pre, Channel::Stdout, m.notices());
            let prefix = table::GROUP_BARE_PREFIX
                .iter()
                .find(|(p, _)| *p == spec.path)
                .map_or("", |(_, t)| *t);
            let text = help::help_text(&spec.path).unwrap_or_default();
            state.pre.push((Channel::Stderr, format!("{prefix}{text}")));
            exit(state.pre, 0)
        }
        Err(e) => exit_error(state.pre, e),
    }
}

/// The root runs itself: help, version, top-level help on stderr, or `unknown command`.
fn run_root(root: &'static CommandSpec, args: &[String], mut state: Walk) -> Resolution {
    let mut st = ParseState::new(root, state.help);
    let words = match st.run(args, true) {
        Ok(w) => w,
        Err(e) => return exit_error(state.pre, e),
    };
    push_notices(&mut state.pre, Channel::Stdout, &st.notices);
    // Global options given anywhere show up in the top-level help (shared flag values).
    let top = decorate_help(
        help::help_text("docker").unwrap_or_default(),
        root,
        &[&state.globals.slots, &st.slots],
    );
    if st.help {
        state.pre.push((Channel::Stdout, top));
    } else if state.version || st.bool_value("version") {
        state
            .pre
            .push((Channel::Stdout, format!("{VERSION_LINE}\n")));
    } else if let Some(word) = words.first() {
        state.pre.push((
            Channel::Stderr,
            format!(
                "docker: unknown command: docker {word}\n\nRun 'docker --help' for more information\n"
            ),
        ));
        return exit(state.pre, 1);
    } else {
        state.pre.push((Channel::Stderr, top));
    }
    exit(state.pre, 0)
}

/// `docker help [command]`.
fn help_command(spec: &'static CommandSpec, args: &[String], mut state: Walk) -> Resolution {
    let mut st = ParseState::new(spec, state.help);
    let words = match st.run(args, true) {
        Ok(w) => w,
        Err(e) => return exit_error(state.pre, e),
    };
    push_notices(&mut state.pre, Channel::Stdout, &st.notices);
    if st.help {
        state.pre.push((
            Channel::Stdout,
            help::help_text(&spec.path).unwrap_or_default(),
        ));
        return exit(state.pre, 0);
    }
    let root = root_spec();
    let mut current = root;
    for (i, word) in words.iter().enumerate() {
        match child_of(current, word) {
            Some(child) => current = child,
            None => {
                state.pre.push((
                    Channel::Stderr,
                    format!("unknown help topic: {}\n", words[i..].join(" ")),
                ));
                return exit(state.pre, 1);
            }
        }
    }
    let mut text = help::help_text(&current.path).unwrap_or_default();
    if current.path == root.path {
        text = decorate_help(text, root, &[&state.globals.slots]);
    }
    state.pre.push((Channel::Stdout, text));
    exit(state.pre, 0)
}

/// pflag prints `(default <DefValue>)` after a flag whose value is not a zero value at the time
/// the help is shown. For docker's own value types (lists, filters, sizes, `--cpus`, `--mount`,
/// `--gpus`) that test looks at the *current* value, so a flag given before `--help`
/// (`docker ps -f a=b --help`) gains ` (default )` (` (default 0)` for sizes), re-wrapped the
/// way pflag wraps (79 columns).
fn decorate_help(
    text: String,
    spec: &CommandSpec,
    slot_sets: &[&BTreeMap<&'static str, Slot>],
) -> String {
    let mut text = text;
    for flag in spec.flags.iter().filter(|f| !f.hidden) {
        let def = match (flag.kind, flag.type_name) {
            (FlagKind::Bytes, _) => "0",
            (FlagKind::List | FlagKind::Filter | FlagKind::Decimal, _) => "",
            (FlagKind::Value, "mount" | "gpu-request") => "",
            _ => continue,
        };
        let non_zero = slot_sets.iter().any(|slots| {
            slots
                .get(flag.storage())
                .is_some_and(|slot| match slot.typed {
                    Typed::Bytes(v) | Typed::NanoCpus(v) => v != 0,
                    _ => !slot.list.is_empty(),
                })
        });
        if non_zero {
            if let Some(t) = append_default(&text, flag, def) {
                text = t;
            }
        }
    }
    text
}

/// Appends ` (default <def>)` to `flag`'s entry in the options section, re-wrapping its last
/// line. `None` when the entry is not found or already shows a default.
fn append_default(text: &str, flag: &FlagSpec, def: &str) -> Option<String> {
    let head = match flag.short {
        Some(c) if flag.shorthand_deprecated.is_none() => format!("  -{c}, --{} ", flag.long),
        _ => format!("      --{} ", flag.long),
    };
    let lines: Vec<&str> = text.split('\n').collect();
    let options = lines.iter().position(|l| l.ends_with("Options:"))?;
    let first = options
        + 1
        + lines[options + 1..]
            .iter()
            .position(|l| l.starts_with(&head))?;
    let mut last = first;
    while lines
        .get(last + 1)
        .is_some_and(|l| l.starts_with("        ") && !l.trim().is_empty())
    {
        last += 1;
    }
    // The description column: after the first run of two or more spaces past the flag name.
    let after_head = lines[first].get(head.len()..)?;
    let gap = after_head.find("  ")?;
    let desc_col = head.len() + gap + after_head[gap..].len()
        - after_head[gap..].trim_start_matches(' ').len();
    let entry: Vec<&str> = lines[first..=last].to_vec();
    if entry.concat().contains("(default ") || desc_col > 55 {
        return None;
    }
    let (prefix, content) = if last == first {
        (lines[first].get(..desc_col)?, lines[first].get(desc_col..)?)
    } else {
        (
            &lines[last][..desc_col.min(lines[last].len())],
            lines[last].trim_start_matches(' '),
        )
    };
    if content.is_empty() {
        return None;
    }
    let wrapped = pflag_wrap(desc_col, 79, &format!("{content} (default {def})"));
    let mut out: Vec<String> = lines[..last].iter().map(|l| l.to_string()).collect();
    out.push(format!("{prefix}{wrapped}"));
    out.extend(lines[last + 1..].iter().map(|l| l.to_string()));
    Some(out.join("\n"))
}

/// pflag's `wrap(i, w, s)`: greedy wrapping into `w - i` columns with a 5-column slop, each
/// continuation line indented by `i`.
fn pflag_wrap(indent: usize, width: usize, s: &str) -> String {
    let slop = 5;
    let wrap = width.saturating_sub(indent).saturating_sub(slop);
    let pad = format!("\n{}", " ".repeat(indent));
    let mut rest = s;
    let mut out = String::new();
    let mut first = true;
    loop {
        let (piece, remainder) = wrap_n(wrap, slop, rest);
        if !first {
            out.push_str(&pad);
        }
        out.push_str(&piece.replace('\n', &pad));
        first = false;
        if remainder.is_empty() {
            return out;
        }
        rest = remainder;
    }
}

/// pflag's `wrapN`: splits `s` at the last blank before column `i`, unless it fits in
/// `i + slop`.
fn wrap_n(i: usize, slop: usize, s: &str) -> (&str, &str) {
    if i + slop > s.len() || !s.is_char_boundary(i) {
        return (s, "");
    }
    let window = &s[..i];
    let Some(w) = window.rfind([' ', '\t', '\n']).filter(|&w| w > 0) else {
        return (s, "");
    };
    match window.rfind('\n') {
        Some(nl) if nl > 0 && nl < w => (&s[..nl], &s[nl + 1..]),
        _ => (&s[..w], &s[w + 1..]),
    }
}
