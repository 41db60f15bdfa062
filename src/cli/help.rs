//! `--help` texts exactly as docker 28.2.2 prints them on stdout, for every command and alias.
//!
//! Sources: `help.txt` (the blocks for the common commands) and
//! [`super::flags::help_extra::EXTRA_HELP`] (the same capture method, for the rest of the real
//! command tree). A command reached through an alias path prints its own path in the `Usage:`
//! line and is otherwise identical to its sibling (`docker container ls --help` equals
//! `docker ps --help` except for `Usage:  docker container ls [OPTIONS]`), so siblings are stored
//! once and derived here.
//!
//! The home directory: the real top-level help prints the user's home in the `--config` and TLS
//! defaults (`help.txt` writes it as `$HOME`). dockersim's learner is not root: the virtual
//! host's home is `/home/learner` (`cli::host::HOME`), so [`help_text`] prints
//! [`SIMULATED_HOME`]; [`help_text_with_home`] takes any other home (the tests use `/root`, the
//! home of the machine the real client was captured on).

use super::flags::help_extra::EXTRA_HELP;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The captured help texts of the common commands (format described in the file's comments).
const HELP_TXT: &str = include_str!("help.txt");

/// The simulated user's home directory, substituted for `$HOME` in the top-level help.
/// Kept equal to the virtual host's home (`cli::host::HOME`).
pub const SIMULATED_HOME: &str = "/home/learner";

/// The exact `--help` stdout of `command_path` (`"docker ps"`, `"docker container ls"`,
/// `"docker system prune"`, `"docker container"`, `"docker"`; the leading `docker` may be
/// omitted, extra spaces are ignored), or `None` for a path real docker does not have.
/// Alias paths print their canonical name, as docker does: `"docker container list"` gives the
/// text starting with `Usage:  docker container ls [OPTIONS]`.
pub fn help_text(command_path: &str) -> Option<String> {
    help_text_with_home(command_path, SIMULATED_HOME)
}

/// Like [`help_text`], with `home` as the user's home directory in the top-level help.
pub fn help_text_with_home(command_path: &str, home: &str) -> Option<String> {
    let found = lookup(command_path)?;
    let text = if found.source_path == found.canonical {
        found.text.to_string()
    } else {
        // Only the command path in the first line differs between alias siblings.
        let old = format!("Usage:  {}", found.source_path);
        let new = format!("Usage:  {}", found.canonical);
        match found.text.strip_prefix(old.as_str()) {
            Some(rest) => format!("{new}{rest}"),
            None => found.text.to_string(),
        }
    };
    if found.canonical == "docker" {
        Some(text.replace("$HOME", home))
    } else {
        Some(text)
    }
}

/// The canonical path of a command (`"docker container list"` → `"docker container ls"`,
/// `"ps"` → `"docker ps"`), or `None` if docker has no such command.
pub fn canonical_path(command_path: &str) -> Option<String> {
    lookup(command_path).map(|f| f.canonical)
}

/// A help block found for a path: where its text comes from and the canonical path.
pub(crate) struct Found {
    /// The canonical command path (`docker container ls`).
    pub canonical: String,
    /// The path whose stored block supplies the text (may be an alias sibling).
    pub source_path: &'static str,
    /// The stored text (its `Usage:` line names `source_path`).
    pub text: &'static str,
}

/// Looks a path up: canonical name, and the stored block that describes it.
pub(crate) fn lookup(command_path: &str) -> Option<Found> {
    let reg = registry();
    let path = normalize(command_path);
    let canonical = reg.alias_to_canonical.get(&path).cloned().unwrap_or(path);
    if let Some((&source_path, &text)) = reg.blocks.get_key_value(canonical.as_str()) {
        return Some(Found {
            canonical,
            source_path,
            text,
        });
    }
    let siblings = reg.siblings.get(&canonical)?;
    siblings.iter().find_map(|s| {
        reg.blocks
            .get_key_value(s.as_str())
            .map(|(&source_path, &text)| Found {
                canonical: canonical.clone(),
                source_path,
                text,
            })
    })
}

/// Every canonical command path that has help (stored or derived), sorted.
pub(crate) fn canonical_paths() -> Vec<String> {
    let reg = registry();
    let mut all: Vec<String> = reg.blocks.keys().map(|k| k.to_string()).collect();
    all.extend(reg.siblings.keys().cloned());
    all.sort();
    all.dedup();
    all
}

/// Every alias path with its canonical path (`docker container list` → `docker container ls`).
pub(crate) fn alias_paths() -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = registry()
        .alias_to_canonical
        .iter()
        .map(|(a, c)| (a.clone(), c.clone()))
        .collect();
    all.sort();
    all
}

fn normalize(path: &str) -> String {
    let words: Vec<&str> = path.split_whitespace().collect();
    match words.first() {
        Some(&"docker") => words.join(" "),
        _ if words.is_empty() => "docker".to_string(),
        _ => format!("docker {}", words.join(" ")),
    }
}

struct HelpRegistry {
    /// Stored blocks: command path → exact stdout.
    blocks: HashMap<&'static str, &'static str>,
    /// Alias path → canonical path, for alias names of a command (`ls` → `list`, `ps`).
    alias_to_canonical: HashMap<String, String>,
    /// Canonical path → the other canonical paths of its `Aliases:` group.
    siblings: HashMap<String, Vec<String>>,
}

fn registry() -> &'static HelpRegistry {
    static REG: OnceLock<HelpRegistry> = OnceLock::new();
    REG.get_or_init(|| {
        let mut blocks = HashMap::new();
        for source in [HELP_TXT, EXTRA_HELP] {
            for (path, text) in split_blocks(source) {
                blocks.insert(path, text);
            }
        }
        let mut alias_to_canonical = HashMap::new();
        let mut siblings: HashMap<String, Vec<String>> = HashMap::new();
        for text in blocks.values() {
            let Some(members) = aliases_line(text) else {
                continue;
            };
            // Within one parent command, the first name listed is the command's own name and
            // the others are cobra aliases of it.
            let mut canonicals: Vec<String> = Vec::new();
            for member in &members {
                let parent = member.rsplit_once(' ').map_or("", |(p, _)| p);
                match canonicals
                    .iter()
                    .find(|c| c.rsplit_once(' ').map_or("", |(p, _)| p) == parent)
                {
                    Some(c) => {
                        alias_to_canonical.insert(member.clone(), c.clone());
                    }
                    None => canonicals.push(member.clone()),
                }
            }
            for c in &canonicals {
                let others = canonicals.iter().filter(|o| *o != c).cloned().collect();
                siblings.insert(c.clone(), others);
            }
        }
        HelpRegistry {
            blocks,
            alias_to_canonical,
            siblings,
        }
    })
}

/// Splits a help file into `(command path, text)` pairs. A block starts with
/// `===== docker X --help =====`; the text runs to the next header, minus the one empty line
/// that separates blocks. Lines before the first header (comments) are ignored.
fn split_blocks(source: &'static str) -> Vec<(&'static str, &'static str)> {
    const PREFIX: &str = "===== ";
    const SUFFIX: &str = " --help =====";
    let mut out = Vec::new();
    let mut current: Option<(&'static str, usize)> = None;
    let mut offset = 0usize;
    for line in source.split_inclusive('\n') {
        let bare = line.trim_end_matches('\n');
        if let Some(path) = bare
            .strip_prefix(PREFIX)
            .and_then(|rest| rest.strip_suffix(SUFFIX))
        {
            if let Some((p, start)) = current.take() {
                out.push((p, block_text(&source[start..offset])));
            }
            current = Some((path, offset + line.len()));
        }
        offset += line.len();
    }
    if let Some((p, start)) = current {
        out.push((p, block_text(&source[start..])));
    }
    out
}

fn block_text(raw: &'static str) -> &'static str {
    if raw.ends_with("\n\n") {
        &raw[..raw.len() - 1]
    } else {
        raw
    }
}

/// The members of a block's `Aliases:` line (`docker container ls, docker container list, …`).
fn aliases_line(text: &str) -> Option<Vec<String>> {
    let mut lines = text.lines();
    lines.find(|l| *l == "Aliases:")?;
    let line = lines.next()?;
    Some(
        line.trim()
            .split(", ")
            .map(|s| s.trim().to_string())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `docker container ls --help`, captured from the real 28.2.2 client.
    const CONTAINER_LS: &str = "Usage:  docker container ls [OPTIONS]

List containers

Aliases:
  docker container ls, docker container list, docker container ps, docker ps

Options:
  -a, --all             Show all containers (default shows just running)
  -f, --filter filter   Filter output based on conditions provided
      --format string   Format output using a custom template:
                        'table':            Print output in table format
                        with column headers (default)
                        'table TEMPLATE':   Print output in table format
                        using the given Go template
                        'json':             Print in JSON format
                        'TEMPLATE':         Print output using the given
                        Go template.
                        Refer to https://docs.docker.com/go/formatting/
                        for more information about formatting output with
                        templates
  -n, --last int        Show n last created containers (includes all
                        states) (default -1)
  -l, --latest          Show the latest created container (includes all
                        states)
      --no-trunc        Don't truncate output
  -q, --quiet           Only display container IDs
  -s, --size            Display total file sizes
";

    /// `docker image rm --help` (real client).
    const IMAGE_RM: &str = "Usage:  docker image rm [OPTIONS] IMAGE [IMAGE...]

Remove one or more images

Aliases:
  docker image rm, docker image remove, docker rmi

Options:
  -f, --force              Force removal of the image
      --no-prune           Do not delete untagged parents
      --platform strings   Remove only the given platform variant.
                           Formatted as \"os[/arch[/variant]]\" (e.g.,
                           \"linux/amd64\")
";

    /// `docker container rm --help` (real client).
    const CONTAINER_RM: &str = "Usage:  docker container rm [OPTIONS] CONTAINER [CONTAINER...]

Remove one or more containers

Aliases:
  docker container rm, docker container remove, docker rm

Options:
  -f, --force     Force the removal of a running container (uses SIGKILL)
  -l, --link      Remove the specified link
  -v, --volumes   Remove anonymous volumes associated with the container
";

    /// `docker container start --help` (real client, engine API 1.50, experimental).
    const CONTAINER_START: &str =
        "Usage:  docker container start [OPTIONS] CONTAINER [CONTAINER...]

Start one or more stopped containers

Aliases:
  docker container start, docker start

Options:
  -a, --attach                  Attach STDOUT/STDERR and forward signals
      --checkpoint string       Restore from this checkpoint
      --checkpoint-dir string   Use a custom checkpoint storage directory
      --detach-keys string      Override the key sequence for detaching a
                                container
  -i, --interactive             Attach container's STDIN
";

    /// `docker image ls --help` (real client).
    const IMAGE_LS: &str = "Usage:  docker image ls [OPTIONS] [REPOSITORY[:TAG]]

List images

Aliases:
  docker image ls, docker image list, docker images

Options:
  -a, --all             Show all images (default hides intermediate images)
      --digests         Show digests
  -f, --filter filter   Filter output based on conditions provided
      --format string   Format output using a custom template:
                        'table':            Print output in table format
                        with column headers (default)
                        'table TEMPLATE':   Print output in table format
                        using the given Go template
                        'json':             Print in JSON format
                        'TEMPLATE':         Print output using the given
                        Go template.
                        Refer to https://docs.docker.com/go/formatting/
                        for more information about formatting output with
                        templates
      --no-trunc        Don't truncate output
  -q, --quiet           Only show image IDs
      --tree            List multi-platform images as a tree (EXPERIMENTAL)
";

    /// `docker stack down --help` (real client; `down` is an alias of `rm`).
    const STACK_DOWN: &str = "Usage:  docker stack rm [OPTIONS] STACK [STACK...]

Remove one or more stacks

Aliases:
  docker stack rm, docker stack remove, docker stack down

Options:
  -d, --detach   Do not wait for stack removal (default true)
";

    /// `docker commit --help` (real client; stored as `docker container commit`).
    const COMMIT: &str = "Usage:  docker commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]

Create a new image from a container's changes

Aliases:
  docker container commit, docker commit

Options:
  -a, --author string    Author (e.g., \"John Hannibal Smith
                         <hannibal@a-team.com>\")
  -c, --change list      Apply Dockerfile instruction to the created image
  -m, --message string   Commit message
  -p, --pause            Pause container during commit (default true)
";

    /// `docker system --help` (real client).
    const SYSTEM: &str = "Usage:  docker system COMMAND

Manage Docker

Commands:
  df          Show docker disk usage
  events      Get real time events from the server
  info        Display system-wide information
  prune       Remove unused data

Run 'docker system COMMAND --help' for more information on a command.
";

    /// `docker help --help` (real client).
    const HELP: &str = "Usage:  docker help [command]

Help about the command
";

    #[test]
    fn alias_paths_match_the_real_client() {
        let cases: &[(&str, &str)] = &[
            ("docker container ls", CONTAINER_LS),
            ("docker container list", CONTAINER_LS),
            ("docker container ps", CONTAINER_LS),
            ("container   ls", CONTAINER_LS),
            ("docker image rm", IMAGE_RM),
            ("docker image remove", IMAGE_RM),
            ("docker container rm", CONTAINER_RM),
            ("docker container remove", CONTAINER_RM),
            ("docker container start", CONTAINER_START),
            ("docker image ls", IMAGE_LS),
            ("docker image list", IMAGE_LS),
            ("docker stack down", STACK_DOWN),
            ("docker commit", COMMIT),
            ("docker system", SYSTEM),
            ("docker help", HELP),
        ];
        for (path, want) in cases {
            assert_eq!(help_text(path).as_deref(), Some(*want), "{path}");
        }
    }

    #[test]
    fn top_level_paths_come_from_help_txt() {
        let ps = help_text("docker ps").unwrap_or_default();
        assert!(ps.starts_with("Usage:  docker ps [OPTIONS]\n\nList containers\n"));
        assert_eq!(
            ps.replacen("Usage:  docker ps", "Usage:  docker container ls", 1),
            CONTAINER_LS
        );
        let rmi = help_text("rmi").unwrap_or_default();
        assert_eq!(rmi.replacen("docker rmi", "docker image rm", 1), IMAGE_RM);
        assert!(help_text("docker run")
            .unwrap_or_default()
            .ends_with("  -w, --workdir string                   Working directory inside the\n                                         container\n"));
    }

    #[test]
    fn top_level_help_substitutes_the_home() {
        let root = help_text_with_home("docker", "/root").unwrap_or_default();
        assert!(root.starts_with(
            "Usage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n"
        ));
        assert!(root.contains("      --config string      Location of client config files (default\n                           \"/root/.docker\")\n"));
        assert!(root.ends_with(
            "For more help on how to use Docker, head to https://docs.docker.com/go/guides/\n"
        ));
        assert!(!root.contains("$HOME"));
        let learner = help_text("docker").unwrap_or_default();
        assert!(learner
            .contains("(default\n                           \"/home/learner/.docker/ca.pem\")"));
        assert_eq!(help_text(""), help_text("docker"));
    }

    #[test]
    fn unknown_paths_have_no_help() {
        for path in [
            "docker foo",
            "docker container foo",
            "docker PS",
            "docker buildx",
        ] {
            assert_eq!(help_text(path), None, "{path}");
        }
        assert_eq!(
            canonical_path("docker container list").as_deref(),
            Some("docker container ls")
        );
        assert_eq!(canonical_path("images").as_deref(), Some("docker images"));
    }

    #[test]
    fn every_alias_member_has_help() {
        for (alias, canonical) in alias_paths() {
            let text = help_text(&alias).unwrap_or_default();
            assert!(
                text.starts_with(&format!("Usage:  {canonical}")),
                "{alias} -> {canonical}"
            );
        }
        for path in canonical_paths() {
            let text = help_text(&path).unwrap_or_default();
            assert!(text.starts_with(&format!("Usage:  {path}")), "{path}");
            assert!(text.ends_with('\n') && !text.ends_with("\n\n"), "{path}");
        }
    }
}
