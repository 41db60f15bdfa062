//! Evaluating a step's conditions: state predicates read the engine and the virtual host;
//! command-shape and observation predicates read what the learner typed, parsed the way docker
//! parses it, and what the line printed. Never the raw text of the command.

use super::model::{
    CommandPred, Condition, ContainerPred, FilePred, ImagePred, OutputPred, Predicate, StatusWord,
};
use crate::cli::flags::{command_spec, FlagKind};
use crate::cli::{canonical_command, parse_command_line, HostFile, Invocation};
use crate::engine::reference::ImageRef;
use crate::engine::{Container, Status, Tag};
use crate::lexer::{expand_words, parse, Expander, Script, Word, WordPart};
use crate::shell::Session;

/// Stands in for the output of `$(...)` when a typed line is expanded for matching: the
/// substitution is not run a second time.
const SUBSTITUTION_MARK: &str = "dockersim-substitution";

/// One docker command found in a typed line.
#[derive(Clone, Debug)]
pub struct TypedCommand {
    /// The parsed command.
    pub invocation: Invocation,
    /// Whether one of its words used `$(...)` or backticks.
    pub substitution: bool,
}

/// What one typed line did, for command-shape and observation predicates.
#[derive(Clone, Debug, Default)]
pub struct LineRecord {
    /// The top-level docker commands of the line (not those inside `$(...)`).
    pub commands: Vec<TypedCommand>,
    /// Everything the line printed, both streams.
    pub output: String,
    /// The line's exit status.
    pub exit_code: i32,
    /// Containers (full ID, name) before the line ran, to resolve names and ID prefixes of
    /// containers the line removed.
    pub containers_before: Vec<(String, String)>,
}

/// Expands words without running anything: no variables but `HOME`, substitutions marked.
struct QuietExpander;

impl Expander for QuietExpander {
    fn var(&self, name: &str) -> Option<String> {
        (name == "HOME").then(|| crate::cli::host::HOME.to_string())
    }

    fn last_status(&self) -> i32 {
        0
    }

    fn command_output(&mut self, _script: &Script) -> String {
        SUBSTITUTION_MARK.to_string()
    }
}

fn has_substitution(words: &[Word]) -> bool {
    words.iter().any(|w| {
        w.parts
            .iter()
            .any(|p| matches!(p, WordPart::CommandSubst { .. }))
    })
}

/// The docker commands a host shell line runs at its top level, parsed with docker's rules.
/// Lines that do not parse (shell or docker usage errors) have none.
pub fn typed_commands(line: &str) -> Vec<TypedCommand> {
    let Ok(script) = parse(line) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for item in &script.items {
        for cmd in &item.pipeline.commands {
            let argv = expand_words(&cmd.words, &mut QuietExpander);
            if argv.first().map(String::as_str) != Some("docker") {
                continue;
            }
            if let Ok(invocation) = parse_command_line(&argv[1..]) {
                found.push(TypedCommand {
                    invocation,
                    substitution: has_substitution(&cmd.words),
                });
            }
        }
    }
    found
}

/// `hello-world` → `hello-world:latest`; `docker.io/library/alpine` → `alpine:latest`.
pub fn normalize_image(reference: &str) -> String {
    match ImageRef::parse(reference) {
        Ok(r) => r.with_default_tag().familiar(),
        Err(_) => reference.to_string(),
    }
}

fn image_tag(reference: &str) -> Option<Tag> {
    let r = ImageRef::parse(reference).ok()?.with_default_tag();
    Some(Tag {
        repository: r.full_name(),
        tag: r.tag_or_latest().to_string(),
    })
}

fn status_word(s: Status) -> Option<StatusWord> {
    match s {
        Status::Created => Some(StatusWord::Created),
        Status::Running | Status::Restarting => Some(StatusWord::Running),
        Status::Paused => Some(StatusWord::Paused),
        Status::Exited | Status::Dead => Some(StatusWord::Exited),
        Status::Removing => None,
    }
}

/// The container's command as COMMAND shows it, without docker's quoting.
fn plain_command(c: &Container) -> String {
    std::iter::once(c.path.as_str())
        .chain(c.args.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" ")
}

fn container_matches(p: &ContainerPred, c: &Container) -> bool {
    p.name.as_ref().is_none_or(|n| *n == c.name)
        && p.image
            .as_ref()
            .is_none_or(|i| normalize_image(i) == normalize_image(&c.config.image))
        && p.status
            .is_none_or(|s| status_word(c.state.status) == Some(s))
        && p.exit_code.is_none_or(|code| code == c.state.exit_code)
        && p.command
            .as_ref()
            .is_none_or(|cmd| *cmd == plain_command(c))
}

fn container_holds(p: &ContainerPred, session: &Session) -> bool {
    let n = session
        .engine
        .state()
        .containers_newest_first()
        .filter(|c| container_matches(p, c))
        .count();
    match p.count {
        Some(k) => n == k,
        None => n >= p.min.unwrap_or(1),
    }
}

fn image_holds(p: &ImagePred, session: &Session) -> bool {
    let cached =
        image_tag(&p.name).is_some_and(|t| session.engine.state().image_by_tag(&t).is_some());
    cached == p.present
}

fn file_holds(p: &FilePred, session: &Session) -> bool {
    let file = session.host.read(&p.path);
    if !p.present {
        return file.is_none();
    }
    match (&p.archive_of, file) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(want), Some(HostFile::Archive(a))) => {
            let want = normalize_image(want);
            a.images
                .iter()
                .flat_map(|i| i.tags.iter())
                .any(|t| t.familiar() == want)
        }
        (Some(_), Some(HostFile::Text(_))) => false,
    }
}

/// Whether `arg` names the container `name` (by name, full ID or unique ID prefix).
fn names_container(arg: &str, name: &str, before: &[(String, String)]) -> bool {
    if arg == name {
        return true;
    }
    if arg.is_empty() || !arg.bytes().all(|b| b.is_ascii_hexdigit()) {
        return false;
    }
    let mut hits = before.iter().filter(|(id, _)| id.starts_with(arg));
    match (hits.next(), hits.next()) {
        (Some((_, n)), None) => n == name,
        _ => false,
    }
}

/// Whether `arg` is a short hex prefix of exactly one container's ID.
fn is_id_prefix(arg: &str, before: &[(String, String)]) -> bool {
    !arg.is_empty()
        && arg.len() < 64
        && arg.bytes().all(|b| b.is_ascii_hexdigit())
        && before.iter().filter(|(id, _)| id.starts_with(arg)).count() == 1
}

/// Whether the flag was given (a bool flag must also be true: `--all=false` is not `--all`).
fn flag_given(inv: &Invocation, long: &str) -> bool {
    let is_bool = command_spec(&inv.path)
        .and_then(|spec| spec.flag(long))
        .is_some_and(|f| f.kind == FlagKind::Bool);
    if is_bool {
        inv.bool(long)
    } else {
        inv.is_set(long)
    }
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether one typed command has the shape `p` asks for.
pub fn command_matches(p: &CommandPred, typed: &TypedCommand, record: &LineRecord) -> bool {
    let inv = &typed.invocation;
    if inv.command != canonical_command(&format!("docker {}", p.name)) {
        return false;
    }
    if !p.flags.iter().all(|f| flag_given(inv, f)) {
        return false;
    }
    if p.without_flags.iter().any(|f| flag_given(inv, f)) {
        return false;
    }
    for (flag, want) in &p.values {
        match inv.string(flag) {
            Some(v) if squash(&v) == squash(want) => {}
            _ => return false,
        }
    }
    let args = inv.args();
    let takes_image_first = matches!(inv.command.as_str(), "run" | "create");
    let takes_container_first = inv.command == "exec";
    if let Some(image) = &p.image {
        let want = normalize_image(image);
        let ok = if takes_image_first {
            args.first().is_some_and(|a| normalize_image(a) == want)
        } else {
            args.iter().any(|a| normalize_image(a) == want)
        };
        if !ok {
            return false;
        }
    }
    if let Some(name) = &p.container {
        let ok = if takes_container_first {
            args.first()
                .is_some_and(|a| names_container(a, name, &record.containers_before))
        } else {
            args.iter()
                .any(|a| names_container(a, name, &record.containers_before))
        };
        if !ok {
            return false;
        }
    }
    if let Some(cmd) = &p.cmd {
        let rest = if takes_image_first || takes_container_first {
            args.get(1..).unwrap_or(&[])
        } else {
            args
        };
        if rest != cmd.as_slice() {
            return false;
        }
    }
    if let Some(want) = p.substitution {
        if typed.substitution != want {
            return false;
        }
    }
    if let Some(want) = p.id_prefix {
        let used = args
            .iter()
            .any(|a| is_id_prefix(a, &record.containers_before));
        if used != want {
            return false;
        }
    }
    if let Some(code) = p.exit_code {
        if record.exit_code != code {
            return false;
        }
    }
    true
}

fn command_holds(p: &CommandPred, record: &LineRecord) -> bool {
    record
        .commands
        .iter()
        .any(|typed| command_matches(p, typed, record))
}

fn output_holds(p: &OutputPred, record: &LineRecord) -> bool {
    if let Some(cmd) = &p.command {
        if !command_holds(cmd, record) {
            return false;
        }
    }
    let text = record.output.replace("\r\n", "\n");
    if !p.contains.iter().all(|t| text.contains(t.as_str())) {
        return false;
    }
    if p.not_contains.iter().any(|t| text.contains(t.as_str())) {
        return false;
    }
    if let Some(header) = &p.header {
        let first = text.lines().next().unwrap_or("");
        let words: Vec<&str> = first.split_whitespace().collect();
        let want: Vec<&str> = header.iter().map(String::as_str).collect();
        // Column titles with a space (`CONTAINER ID`) are compared word by word.
        let want: Vec<&str> = want.iter().flat_map(|w| w.split_whitespace()).collect();
        if words != want {
            return false;
        }
    }
    true
}

/// Whether a condition reads the state (evaluated anew after every line) rather than a line
/// (satisfied once any line of the step satisfied it).
pub fn is_state(condition: &Condition) -> bool {
    matches!(
        condition.predicate,
        Predicate::Container(_) | Predicate::Image(_) | Predicate::File(_)
    )
}

/// Evaluates a state condition now.
pub fn state_holds(condition: &Condition, session: &Session) -> bool {
    match &condition.predicate {
        Predicate::Container(p) => container_holds(p, session),
        Predicate::Image(p) => image_holds(p, session),
        Predicate::File(p) => file_holds(p, session),
        Predicate::Command(_) | Predicate::Output(_) => false,
    }
}

/// Evaluates a line condition on one line's record.
pub fn line_holds(condition: &Condition, record: &LineRecord) -> bool {
    match &condition.predicate {
        Predicate::Command(p) => command_holds(p, record),
        Predicate::Output(p) => output_holds(p, record),
        _ => false,
    }
}

/// Containers (full ID, name) now, newest first.
pub fn container_table(session: &Session) -> Vec<(String, String)> {
    session
        .engine
        .state()
        .containers_newest_first()
        .map(|c| (c.id.clone(), c.name.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(line: &str) -> LineRecord {
        LineRecord {
            commands: typed_commands(line),
            ..LineRecord::default()
        }
    }

    fn ps_all() -> CommandPred {
        CommandPred {
            name: "ps".into(),
            flags: vec!["all".into()],
            ..CommandPred::default()
        }
    }

    #[test]
    fn aliases_and_flag_spellings_match_the_same_shape() {
        for line in [
            "docker ps -a",
            "docker ps --all",
            "docker container ls -a",
            "docker container list --all",
            "docker container ps -a",
            "docker ps -qa",
            "docker ps --format '{{.Names}}' -a",
        ] {
            assert!(command_holds(&ps_all(), &record(line)), "{line}");
        }
        for line in [
            "docker ps",
            "docker ps --all=false",
            "docker images -a",
            "echo docker ps -a",
            "docker ps -z",
            "docker run alpine ps -a",
        ] {
            assert!(!command_holds(&ps_all(), &record(line)), "{line}");
        }
    }

    #[test]
    fn rm_alias_and_substitution() {
        let p = CommandPred {
            name: "rm".into(),
            substitution: Some(true),
            ..CommandPred::default()
        };
        assert!(command_holds(&p, &record("docker rm $(docker ps -a -q)")));
        assert!(command_holds(
            &p,
            &record("docker container rm `docker ps -aq`")
        ));
        assert!(!command_holds(&p, &record("docker rm web")));
        assert!(!command_holds(&p, &record("docker ps -a -q")));
    }

    #[test]
    fn run_image_and_command() {
        let p = CommandPred {
            name: "run".into(),
            image: Some("alpine".into()),
            cmd: Some(vec!["ls".into()]),
            ..CommandPred::default()
        };
        assert!(command_holds(&p, &record("docker run alpine ls")));
        assert!(command_holds(
            &p,
            &record("docker container run alpine:latest ls")
        ));
        assert!(command_holds(
            &p,
            &record("docker run --rm docker.io/library/alpine ls")
        ));
        assert!(!command_holds(&p, &record("docker run alpine ls -l")));
        assert!(!command_holds(&p, &record("docker run hello-world ls")));
        assert!(!command_holds(&p, &record("docker create alpine ls")));
    }

    #[test]
    fn format_values_ignore_spacing() {
        let mut p = CommandPred {
            name: "ps".into(),
            ..CommandPred::default()
        };
        p.values
            .insert("format".into(), "table{{.Names}}\\t{{.Image}}".into());
        assert!(command_holds(
            &p,
            &record("docker ps --format 'table{{.Names}}\\t{{.Image}}'")
        ));
        assert!(command_holds(
            &p,
            &record("docker ps --format='table {{.Names}}\\t{{.Image}}'")
        ));
        assert!(!command_holds(
            &p,
            &record("docker ps --format 'table{{.Image}}'")
        ));
    }

    #[test]
    fn container_names_and_id_prefixes() {
        let before = vec![
            ("a67cf6a54f15aaaa".to_string(), "web".to_string()),
            ("b1234".to_string(), "db".to_string()),
        ];
        let rec = |line: &str| LineRecord {
            commands: typed_commands(line),
            containers_before: before.clone(),
            ..LineRecord::default()
        };
        let p = CommandPred {
            name: "start".into(),
            container: Some("web".into()),
            id_prefix: Some(true),
            ..CommandPred::default()
        };
        assert!(command_holds(&p, &rec("docker start a67c")));
        assert!(command_holds(&p, &rec("docker container start -a a67")));
        assert!(!command_holds(&p, &rec("docker start web")));
        assert!(!command_holds(&p, &rec("docker start b12")));
    }

    #[test]
    fn output_header_words() {
        let p = OutputPred {
            header: Some(vec!["NAMES".into(), "IMAGE".into()]),
            ..OutputPred::default()
        };
        let mut r = LineRecord {
            output: "NAMES     IMAGE\nweb       nginx\n".into(),
            ..LineRecord::default()
        };
        assert!(output_holds(&p, &r));
        r.output = "CONTAINER ID   IMAGE\n".into();
        assert!(!output_holds(&p, &r));
    }
}
