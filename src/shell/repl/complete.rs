//! Tab completion and inline hints: docker commands, subcommands and flags (from the flag
//! tables that also parse them), container names and ID prefixes, image names (local and on
//! the simulated hub), host files, and inside a container shell its commands and files.
//!
//! [`Known`] is a snapshot of the session taken before each prompt, so completing never
//! touches the engine while rustyline edits the line.

use crate::cli::flags::{command_paths, command_spec, CommandSpec, FlagKind};
use crate::cli::HostFs;
use crate::engine::fs::Overlay;
use crate::shell::Session;

/// What can be completed right now.
#[derive(Clone, Debug, Default)]
pub struct Known {
    /// Containers: (name, full ID), newest first.
    pub containers: Vec<(String, String)>,
    /// Local images: `alpine:latest`, `alpine`, and short IDs.
    pub images: Vec<String>,
    /// Repositories and `repo:tag`s of the simulated Docker Hub.
    pub hub: Vec<String>,
    /// The virtual host's files.
    pub host: HostFs,
    /// A container shell reads the line: its file system and working directory.
    pub container_shell: Option<(Overlay, String)>,
    /// Extra first words (the REPL's builtins and the course's commands).
    pub builtins: Vec<String>,
}

/// Host commands dockersim understands.
const HOST_COMMANDS: &[&str] = &[
    "docker", "ls", "cat", "rm", "echo", "sleep", "pwd", "clear", "help", "exit",
];

/// Commands of the shell inside containers.
const CONTAINER_COMMANDS: &[&str] = &[
    "ls", "cd", "pwd", "cat", "echo", "touch", "mkdir", "rm", "ps", "hostname", "env", "exit",
];

/// Commands whose positional arguments are containers (all of them, or only the first).
const CONTAINER_ARGS: &[&str] = &[
    "start",
    "stop",
    "kill",
    "restart",
    "rm",
    "pause",
    "unpause",
    "logs",
    "inspect",
    "container inspect",
    "attach",
    "port",
    "top",
    "wait",
    "stats",
    "diff",
    "export",
];
const CONTAINER_FIRST_ARG: &[&str] = &["rename", "exec", "commit", "update"];
/// Commands whose positional arguments are images.
const IMAGE_ARGS: &[&str] = &["rmi", "save", "history", "image inspect", "push"];
const IMAGE_FIRST_ARG: &[&str] = &["run", "create", "tag"];

impl Known {
    /// A snapshot of `session` for completion; `builtins` are extra first words.
    pub fn of(session: &Session, builtins: &[&str]) -> Known {
        let state = session.engine.state();
        let containers = state
            .containers_newest_first()
            .map(|c| (c.name.clone(), c.id.clone()))
            .collect();
        let mut images = Vec::new();
        for img in state.images_newest_first() {
            for t in &img.tags {
                let familiar = t.familiar();
                if t.tag == "latest" {
                    if let Some((repo, _)) = familiar.rsplit_once(':') {
                        images.push(repo.to_string());
                    }
                }
                images.push(familiar);
            }
            images.push(img.short_id().to_string());
        }
        let mut hub = Vec::new();
        for img in &session.engine.hub().images {
            hub.push(img.repository.clone());
            for tag in &img.tags {
                hub.push(format!("{}:{tag}", img.repository));
            }
        }
        hub.sort();
        hub.dedup();
        let container_shell = session.terminal().shell.as_ref().and_then(|sh| {
            state
                .container(&sh.container)
                .map(|c| (c.fs.clone(), sh.prompt.cwd().to_string()))
        });
        Known {
            containers,
            images,
            hub,
            host: session.host.clone(),
            container_shell,
            builtins: builtins.iter().map(|b| (*b).to_string()).collect(),
        }
    }
}

/// One completion: what to show in a list, and what goes into the line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Shown when several candidates are listed.
    pub display: String,
    /// Replaces the word being completed.
    pub replacement: String,
}

impl Candidate {
    /// A whole word: a space follows it.
    fn word(text: &str) -> Candidate {
        Candidate {
            display: text.to_string(),
            replacement: format!("{text} "),
        }
    }

    /// A partial word (a folder, `--flag=`): no space follows.
    fn partial(display: &str, replacement: String) -> Candidate {
        Candidate {
            display: display.to_string(),
            replacement,
        }
    }
}

/// Characters that end a word for completion.
fn is_break(c: char) -> bool {
    c.is_whitespace() || matches!(c, ';' | '&' | '|' | '(' | '`' | '<' | '>')
}

/// The completions for the word before `pos` in `line`: where the word starts, and the
/// candidates, sorted.
pub fn complete(known: &Known, line: &str, pos: usize) -> (usize, Vec<Candidate>) {
    let pos = pos.min(line.len());
    let before = &line[..pos];
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| is_break(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[start..];
    let words = command_words(&before[..start]);
    let redirect = words.last().is_some_and(|w| w == "<" || w == ">");
    let words: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| *w != "<" && *w != ">")
        .collect();
    let mut candidates = if redirect {
        host_paths(known, word)
    } else if let Some((fs, cwd)) = &known.container_shell {
        if words.is_empty() {
            words_matching(CONTAINER_COMMANDS.iter().copied(), word)
        } else {
            container_paths(fs, cwd, word)
        }
    } else if words.is_empty() {
        let mut all: Vec<&str> = HOST_COMMANDS.to_vec();
        all.extend(known.builtins.iter().map(String::as_str));
        words_matching(all.into_iter(), word)
    } else {
        match words[0] {
            "docker" => docker_candidates(known, &words[1..], word),
            "cat" | "rm" | "ls" => host_paths(known, word),
            "explain" if words.len() == 1 => words_matching(["on", "off"].into_iter(), word),
            "terminal" if words.len() == 1 => words_matching(
                ["1", "2", "3", "4", "5", "6", "7", "8", "9"].into_iter(),
                word,
            ),
            _ => Vec::new(),
        }
    };
    candidates.sort_by(|a, b| a.display.cmp(&b.display));
    candidates.dedup_by(|a, b| a.display == b.display);
    (start, candidates)
}

/// The words of the simple command that `text` (a line up to the word being completed)
/// ends in: after the last `;`, `&&` or `|`, inside an open `$(`, with a closed `$(...)`
/// counted as one word. Redirections show as a `<` or `>` word.
fn command_words(text: &str) -> Vec<String> {
    let mut stack: Vec<Vec<String>> = vec![Vec::new()];
    let mut word = String::new();
    let flush = |word: &mut String, stack: &mut Vec<Vec<String>>| {
        if !word.is_empty() {
            if let Some(top) = stack.last_mut() {
                top.push(std::mem::take(word));
            }
        }
    };
    for c in text.chars() {
        match c {
            '(' => {
                if word.ends_with('$') {
                    word.pop();
                }
                flush(&mut word, &mut stack);
                stack.push(Vec::new());
            }
            ')' => {
                flush(&mut word, &mut stack);
                if stack.len() > 1 {
                    stack.pop();
                    if let Some(top) = stack.last_mut() {
                        top.push("$(...)".to_string());
                    }
                }
            }
            ';' | '&' | '|' | '`' => {
                flush(&mut word, &mut stack);
                if let Some(top) = stack.last_mut() {
                    top.clear();
                }
            }
            '<' | '>' => {
                flush(&mut word, &mut stack);
                if let Some(top) = stack.last_mut() {
                    top.push(c.to_string());
                }
            }
            c if c.is_whitespace() => flush(&mut word, &mut stack),
            c => word.push(c),
        }
    }
    flush(&mut word, &mut stack);
    stack.pop().unwrap_or_default()
}

fn words_matching<'a>(words: impl Iterator<Item = &'a str>, prefix: &str) -> Vec<Candidate> {
    words
        .filter(|w| w.starts_with(prefix))
        .map(Candidate::word)
        .collect()
}

/// Walks `args` (the words after `docker`) to the command they name: its spec, how many
/// words the path used, and the positional arguments and flag words after it.
fn resolve_path<'a>(args: &[&'a str]) -> (&'static CommandSpec, Vec<&'a str>) {
    let mut path = "docker".to_string();
    let mut spec = command_spec("docker");
    let mut used = 0;
    for (i, w) in args.iter().enumerate() {
        if w.starts_with('-') {
            // Global flags (`--debug`) may come before the command.
            if spec.is_some_and(|s| s.path == "docker") {
                continue;
            }
            break;
        }
        let next = format!("{path} {w}");
        match command_spec(&next) {
            Some(s) if spec.is_some_and(|cur| cur.is_group || cur.path == "docker") => {
                path = next;
                spec = Some(s);
                used = i + 1;
            }
            _ => break,
        }
    }
    let rest = args[used..].to_vec();
    match spec {
        Some(s) => (s, rest),
        None => (root_spec(), rest),
    }
}

fn root_spec() -> &'static CommandSpec {
    static ROOT: std::sync::OnceLock<CommandSpec> = std::sync::OnceLock::new();
    command_spec("docker").unwrap_or_else(|| {
        ROOT.get_or_init(|| CommandSpec {
            path: "docker".to_string(),
            usage: String::new(),
            args: crate::cli::flags::ArgRule::Any,
            interspersed: true,
            flags: Vec::new(),
            is_group: true,
            banner: None,
        })
    })
}

fn docker_candidates(known: &Known, args: &[&str], word: &str) -> Vec<Candidate> {
    let (spec, rest) = resolve_path(args);
    let is_root = spec.path == "docker";
    // Where a subcommand may still come.
    if (spec.is_group || is_root)
        && rest.iter().all(|w| w.starts_with('-'))
        && !word.starts_with('-')
    {
        let depth = spec.path.split(' ').count();
        let mut subs: Vec<&str> = command_paths()
            .into_iter()
            .filter(|p| p.starts_with(&format!("{} ", spec.path)))
            .filter(|p| p.split(' ').count() == depth + 1)
            .filter_map(|p| p.rsplit(' ').next())
            .collect();
        subs.sort_unstable();
        return words_matching(subs.into_iter(), word);
    }
    if word.starts_with('-') {
        return spec
            .flags
            .iter()
            .filter(|f| !f.hidden && f.deprecated.is_none())
            .map(|f| format!("--{}", f.long))
            .filter(|f| f.starts_with(word))
            .map(|f| Candidate::word(&f))
            .collect();
    }
    // The value of the flag before the cursor.
    if let Some(prev) = rest.last() {
        if let Some(flag) = flag_named(spec, prev) {
            if flag.kind != FlagKind::Bool && !prev.contains('=') {
                return match flag.long {
                    "output" | "input" => host_paths(known, word),
                    "signal" => {
                        words_matching(crate::engine::event::SIGNALS.iter().map(|(n, _)| *n), word)
                    }
                    _ => Vec::new(),
                };
            }
        }
    }
    let index = positional_index(spec, &rest);
    let command = crate::cli::canonical_command(&spec.path);
    let command = command.as_str();
    if CONTAINER_ARGS.contains(&command) || (CONTAINER_FIRST_ARG.contains(&command) && index == 0) {
        return container_candidates(known, word);
    }
    if command == "pull" && index == 0 {
        return words_matching(
            known.hub.iter().chain(&known.images).map(String::as_str),
            word,
        );
    }
    if (command == "run" || command == "create") && index == 0 {
        return words_matching(
            known.images.iter().chain(&known.hub).map(String::as_str),
            word,
        );
    }
    if IMAGE_ARGS.contains(&command) || (IMAGE_FIRST_ARG.contains(&command) && index == 0) {
        return words_matching(known.images.iter().map(String::as_str), word);
    }
    Vec::new()
}

fn flag_named(spec: &CommandSpec, word: &str) -> Option<&'static crate::cli::flags::FlagSpec> {
    let spec: &'static CommandSpec = command_spec(&spec.path)?;
    if let Some(long) = word.strip_prefix("--") {
        let long = long.split('=').next().unwrap_or(long);
        return spec.flag(long);
    }
    // `-it`, `-p8080:80`: the last letter of a cluster takes the value.
    let shorts = word.strip_prefix('-')?;
    let last = shorts.chars().last()?;
    if shorts.chars().count() > 1 && spec.flags.iter().any(|f| f.short == shorts.chars().next()) {
        // `-p8080:80` carries its value already.
        let first = shorts.chars().next()?;
        if spec
            .flags
            .iter()
            .any(|f| f.short == Some(first) && f.kind != FlagKind::Bool)
        {
            return None;
        }
    }
    spec.flags.iter().find(|f| f.short == Some(last))
}

/// How many positional arguments come before the word being completed.
fn positional_index(spec: &CommandSpec, rest: &[&str]) -> usize {
    let mut count = 0;
    let mut skip_value = false;
    for w in rest {
        if skip_value {
            skip_value = false;
            continue;
        }
        if *w == "--" {
            continue;
        }
        if w.starts_with('-') && w.len() > 1 {
            if let Some(flag) = flag_named(spec, w) {
                skip_value = flag.kind != FlagKind::Bool && !w.contains('=');
            }
            continue;
        }
        count += 1;
    }
    count
}

fn container_candidates(known: &Known, word: &str) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = known
        .containers
        .iter()
        .filter(|(name, _)| name.starts_with(word))
        .map(|(name, _)| Candidate::word(name))
        .collect();
    // ID prefixes: only once the learner started typing one, so names stay readable.
    if !word.is_empty() && word.chars().all(|c| c.is_ascii_hexdigit()) {
        out.extend(
            known
                .containers
                .iter()
                .filter(|(_, id)| id.starts_with(word))
                .map(|(_, id)| Candidate::word(&id[..12.min(id.len())])),
        );
    }
    out
}

/// Splits a typed path into its folder part (kept as typed) and the name prefix.
fn split_path(word: &str) -> (&str, &str) {
    match word.rfind('/') {
        Some(i) => (&word[..=i], &word[i + 1..]),
        None => ("", word),
    }
}

fn host_paths(known: &Known, word: &str) -> Vec<Candidate> {
    let (dir, prefix) = split_path(word);
    let listing = if dir.is_empty() { "." } else { dir };
    let Some(names) = known.host.list(listing) else {
        return Vec::new();
    };
    names
        .iter()
        .filter(|n| n.starts_with(prefix))
        .map(|n| {
            let full = format!("{dir}{n}");
            if known.host.is_dir(&full) {
                Candidate::partial(&format!("{n}/"), format!("{full}/"))
            } else {
                Candidate::partial(n, format!("{full} "))
            }
        })
        .collect()
}

fn container_paths(fs: &Overlay, cwd: &str, word: &str) -> Vec<Candidate> {
    let (dir, prefix) = split_path(word);
    let abs = crate::engine::fs::normalize(cwd, if dir.is_empty() { "." } else { dir });
    fs.list(&abs)
        .iter()
        .filter(|n| n.starts_with(prefix))
        .map(|n| {
            let full = format!("{dir}{n}");
            let path = crate::engine::fs::normalize(&abs, n);
            if fs.is_dir(&path) {
                Candidate::partial(&format!("{n}/"), format!("{full}/"))
            } else {
                Candidate::partial(n, format!("{full} "))
            }
        })
        .collect()
}

/// A display-only hint: the usage of the docker command typed so far (`docker stop ` →
/// `[OPTIONS] CONTAINER [CONTAINER...]`).
pub fn usage_hint(line: &str) -> Option<String> {
    if !line.ends_with(' ') || line.contains([';', '&', '|', '$', '`']) {
        return None;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.first() != Some(&"docker") || words.len() < 2 {
        return None;
    }
    let (spec, rest) = resolve_path(&words[1..]);
    if spec.path == "docker" || spec.is_group || !rest.is_empty() {
        return None;
    }
    let usage = spec.usage.strip_prefix(&format!("{} ", spec.path))?;
    Some(usage.to_string())
}

/// The common beginning of all candidates' replacements (what Tab inserts at once).
pub fn common_prefix(candidates: &[Candidate]) -> String {
    let Some(first) = candidates.first() else {
        return String::new();
    };
    let mut prefix = first.replacement.clone();
    for c in &candidates[1..] {
        while !c.replacement.starts_with(&prefix) {
            prefix.pop();
        }
    }
    prefix
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Known {
        Known {
            containers: vec![
                (
                    "web".into(),
                    "3eefb1506e3bfae772ecffe22ad771d0b57b119b".into(),
                ),
                ("jovial_chatterjee".into(), "6c67375fe632aaaa".into()),
            ],
            images: vec!["alpine".into(), "alpine:latest".into()],
            hub: vec!["nginx".into(), "nginx:latest".into(), "hello-world".into()],
            ..Known::default()
        }
    }

    fn displays(line: &str) -> Vec<String> {
        complete(&known(), line, line.len())
            .1
            .into_iter()
            .map(|c| c.display)
            .collect()
    }

    #[test]
    fn commands_subcommands_and_flags() {
        assert_eq!(displays("dock"), vec!["docker"]);
        assert!(displays("docker ru").contains(&"run".to_string()));
        assert!(displays("docker container l").contains(&"ls".to_string()));
        assert!(displays("docker run --rm").contains(&"--rm".to_string()));
        assert!(displays("docker ps --al").contains(&"--all".to_string()));
    }

    #[test]
    fn containers_by_name_and_id_prefix() {
        assert_eq!(displays("docker stop w"), vec!["web"]);
        assert_eq!(displays("docker stop 3ee"), vec!["3eefb1506e3b"]);
        assert_eq!(displays("docker exec -it j"), vec!["jovial_chatterjee"]);
        // After the container, exec takes a command: no container names there.
        assert!(displays("docker exec web ").is_empty());
        assert_eq!(displays("docker stop web $(docker ps -q) w"), vec!["web"]);
        assert_eq!(
            displays("docker rm $(docker ps -aq) && docker stop w"),
            vec!["web"]
        );
        assert_eq!(displays("echo $(docker stop w"), vec!["web"]);
    }

    #[test]
    fn images_local_and_on_the_hub() {
        assert!(displays("docker run -d ng").contains(&"nginx".to_string()));
        assert!(displays("docker run --name x al").contains(&"alpine".to_string()));
        assert_eq!(displays("docker rmi al"), vec!["alpine", "alpine:latest"]);
        assert!(displays("docker run alpine ").is_empty());
    }

    #[test]
    fn host_files() {
        let mut k = known();
        k.host
            .write("app.tar", crate::cli::HostFile::Text(String::new()))
            .unwrap();
        let (start, c) = complete(&k, "cat ap", 6);
        assert_eq!(start, 4);
        assert_eq!(c[0].replacement, "app.tar ");
        let (_, c) = complete(&k, "docker load -i a", 16);
        assert_eq!(c[0].replacement, "app.tar ");
        let (_, c) = complete(&k, "ls /t", 5);
        assert_eq!(c[0].replacement, "/tmp/");
    }

    #[test]
    fn usage_hints() {
        assert_eq!(
            usage_hint("docker stop ").as_deref(),
            Some("[OPTIONS] CONTAINER [CONTAINER...]")
        );
        assert_eq!(usage_hint("docker stop web "), None);
        assert_eq!(usage_hint("docker "), None);
    }
}
