//! Commands that move a container's files: `docker cp` (between the virtual host and a
//! container) and `docker commit` (a container's files and settings as a new image).

use super::container_info::EMPTY_CONTAINER;
use super::format::humanize::human_size_with_precision;
use super::host::HostFile;
use super::output::{daemon_text, failure, Output};
use super::{Ctx, Invocation};
use crate::engine::fs::{normalize, Node};
use crate::engine::reference::ImageRef;
use crate::engine::Engine;

/// `docker commit [-a AUTHOR] [-m MESSAGE] CONTAINER [REPOSITORY[:TAG]]`: prints the new
/// image's ID (`sha256:…`).
pub fn commit(engine: &mut Engine, _ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    if inv.is_set("change") {
        return failure(
            "dockersim: docker commit 의 -c/--change (Dockerfile 명령 적용)는 흉내 내지 않습니다. -c 없이 다시 실행해 보세요.",
            1,
        );
    }
    let args = inv.args();
    // The client parses the name before it asks the daemon anything.
    let tag = match args.get(1).filter(|r| !r.is_empty()) {
        Some(reference) => match ImageRef::parse(reference) {
            Ok(r) if r.digest.is_some() => {
                return failure("refusing to create a tag with a digest reference", 1)
            }
            Ok(r) => Some(r),
            Err(e) => return failure(e.to_string(), 1),
        },
        None => None,
    };
    let reference = &args[0];
    if reference.is_empty() {
        return failure(EMPTY_CONTAINER, 1);
    }
    let result = engine.resolve_container(reference).and_then(|id| {
        engine.commit(
            &id,
            tag.as_ref(),
            &inv.string("message").unwrap_or_default(),
            &inv.string("author").unwrap_or_default(),
        )
    });
    let mut out = Output::new();
    match result {
        Ok(image) => {
            out.outln(format!("sha256:{image}"));
        }
        Err(e) => {
            out.daemon_error(&e).code(1);
        }
    }
    out
}

/// `docker cp`'s split of an argument: `CONTAINER:PATH`, or a local path (absolute, no `:`,
/// or starting with `.` before the `:`).
fn split_cp_arg(arg: &str) -> (Option<&str>, &str) {
    if arg.starts_with('/') {
        return (None, arg);
    }
    match arg.split_once(':') {
        Some((container, path)) if !container.starts_with('.') && !container.is_empty() => {
            (Some(container), path)
        }
        _ => (None, arg),
    }
}

/// Whether a path names a directory by its spelling (`dir/`, `dir/.`, `.`).
fn asserts_directory(path: &str) -> bool {
    path.ends_with('/') || path == "." || path.ends_with("/.")
}

/// docker's `PreserveTrailingDotOrSeparator`: the absolute path keeps a typed `/.` or `/`.
fn with_trailing(abs: &str, typed: &str) -> String {
    let base = abs.trim_end_matches('/');
    if typed == "." || typed.ends_with("/.") {
        format!("{base}/.")
    } else if typed.ends_with('/') {
        format!("{base}/")
    } else {
        abs.to_string()
    }
}

/// Bytes of the tar stream docker sends for these entries: a 512-byte header each, file
/// contents in 512-byte blocks, two empty blocks at the end.
fn tar_size<'a>(files: impl Iterator<Item = Option<&'a str>>) -> u64 {
    let mut total = 1024;
    for content in files {
        total += 512;
        if let Some(text) = content {
            total += (text.len() as u64).div_ceil(512) * 512;
        }
    }
    total
}

/// `Successfully copied 2.05kB to …` (stderr), which the client prints when stdout is a
/// terminal and `-q` is not given.
fn copied(out: &mut Output, quiet: bool, bytes: u64, to: &str) {
    if !quiet {
        out.errln(format!(
            "Successfully copied {} to {to}",
            human_size_with_precision(bytes as f64, 3)
        ));
    }
}

/// The last part of a path (`/etc/hostname` → `hostname`); empty for `/`.
fn base_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or("")
}

/// `docker cp CONTAINER:SRC DEST` or `docker cp SRC CONTAINER:DEST`.
pub fn cp(engine: &mut Engine, ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    let args = inv.args();
    let (source, destination) = (&args[0], &args[1]);
    if source.is_empty() {
        return failure("source can not be empty", 1);
    }
    if destination.is_empty() {
        return failure("destination can not be empty", 1);
    }
    // The client prints progress and the summary only to a terminal.
    let quiet = inv.bool("quiet") || ctx.stdout_redirect.is_some();
    match (split_cp_arg(source), split_cp_arg(destination)) {
        ((Some(_), _), (Some(_), _)) => failure("copying between containers is not supported", 1),
        ((None, _), (None, _)) => failure("must specify at least one container source", 1),
        ((Some(container), path), (None, local)) => {
            copy_from_container(engine, ctx, container, path, local, quiet)
        }
        ((None, local), (Some(container), path)) => {
            copy_to_container(engine, ctx, local, container, path, quiet)
        }
    }
}

fn tar_stream_not_emulated() -> Output {
    failure(
        "dockersim: docker cp 의 '-' (tar 묶음을 표준 입출력으로 주고받기)는 흉내 내지 않습니다. 호스트의 파일 경로를 써 보세요.",
        1,
    )
}

fn copy_from_container(
    engine: &mut Engine,
    ctx: &mut Ctx<'_>,
    container: &str,
    path: &str,
    local: &str,
    quiet: bool,
) -> Output {
    if local == "-" {
        return tar_stream_not_emulated();
    }
    let dest = ctx.host.absolute(local);
    let shown = with_trailing(&dest, local);
    let parent = normalize(&dest, "..");
    if dest != "/" && !ctx.host.is_dir(&parent) {
        return failure(
            format!("invalid output path: directory \"{parent}\" does not exist"),
            1,
        );
    }
    let id = match engine.resolve_container(container) {
        Ok(id) => id,
        Err(e) => return failure(daemon_text(&e), 1),
    };
    let root = normalize("/", path);
    let Some(c) = engine.state().container(&id) else {
        return failure(
            format!("Error response from daemon: No such container: {container}"),
            1,
        );
    };
    let Some(node) = c.fs.get(&root) else {
        return failure(
            format!("Error response from daemon: Could not find the file {path} in container {container}"),
            1,
        );
    };
    if node != Node::Dir && asserts_directory(path) {
        return failure(
            format!(
                "Error response from daemon: lstat /var/lib/docker/overlay2/{}/merged{}: not a directory",
                &c.id[..12],
                if path.starts_with('/') { path.to_string() } else { format!("/{path}") }
            ),
            1,
        );
    }
    let entries = engine.archive_path(&id, &root);
    if let Some((program, _)) = entries.iter().find(|(_, n)| matches!(n, Node::Program(_))) {
        return failure(
            format!(
                "dockersim: 실행 파일({program})을 호스트로 복사하는 것은 흉내 내지 않습니다. 글 파일이나 그 폴더만 복사할 수 있습니다."
            ),
            1,
        );
    }
    let bytes = tar_size(entries.iter().map(|(_, n)| match n {
        Node::File(text) => Some(text.as_str()),
        _ => None,
    }));
    let source_is_dir = node == Node::Dir;
    // docker's CopyTo: where the archive's top entry lands on the host.
    let target = if ctx.host.is_dir(&dest) {
        if source_is_dir && (path == "." || path.ends_with("/.") || root == "/") {
            dest.clone()
        } else {
            normalize(&dest, base_name(&root))
        }
    } else if ctx.host.read(&dest).is_some() {
        if source_is_dir {
            let mut out = Output::new();
            copied(&mut out, quiet, 0, &shown);
            out.errln("cannot copy directory").code(1);
            return out;
        }
        dest.clone()
    } else if !source_is_dir && asserts_directory(local) {
        let mut out = Output::new();
        copied(&mut out, quiet, 0, &shown);
        out.errln("no such directory").code(1);
        return out;
    } else {
        dest.clone()
    };
    for (entry, node) in &entries {
        let rest = if root == "/" {
            entry.as_str()
        } else {
            entry.strip_prefix(&root).unwrap_or("")
        };
        let to = if rest.is_empty() || rest == "/" {
            target.clone()
        } else {
            format!("{}{rest}", target.trim_end_matches('/'))
        };
        let written = match node {
            Node::Dir => ctx.host.make_dir(&to),
            Node::File(text) => ctx.host.write(&to, HostFile::Text(text.clone())),
            Node::Program(_) => Ok(()),
        };
        if let Err(blocked) = written {
            let mut out = Output::new();
            copied(&mut out, quiet, 0, &shown);
            out.errln(format!(
                "dockersim: 호스트의 {blocked} 때문에 {to} 을(를) 만들 수 없습니다."
            ))
            .code(1);
            return out;
        }
    }
    let mut out = Output::new();
    copied(&mut out, quiet, bytes, &shown);
    out
}

fn copy_to_container(
    engine: &mut Engine,
    ctx: &mut Ctx<'_>,
    local: &str,
    container: &str,
    path: &str,
    quiet: bool,
) -> Output {
    if local == "-" {
        return tar_stream_not_emulated();
    }
    let source = ctx.host.absolute(local);
    let tree = ctx.host.tree(&source);
    if tree.is_empty() {
        return failure(format!("lstat {source}: no such file or directory"), 1);
    }
    let mut files: Vec<(String, Option<String>)> = Vec::new();
    for (host_path, file) in &tree {
        match file {
            None => files.push((host_path.clone(), None)),
            Some(HostFile::Text(text)) => files.push((host_path.clone(), Some(text.clone()))),
            Some(HostFile::Archive(_)) => {
                return failure(
                    format!(
                        "dockersim: docker save 로 만든 이미지 묶음({host_path})을 컨테이너 안으로 복사하는 것은 흉내 내지 않습니다."
                    ),
                    1,
                )
            }
        }
    }
    let source_is_dir = files.first().is_some_and(|(_, f)| f.is_none());
    let dest = normalize("/", path);
    let dest_node = engine
        .resolve_container(container)
        .ok()
        .and_then(|id| engine.state().container(&id).and_then(|c| c.fs.get(&dest)));
    // docker's PrepareArchiveCopy, on the client: where the top entry lands, and the folder
    // the daemon extracts into.
    let (target, extract_dir) = match &dest_node {
        Some(Node::Dir) => {
            let target = if source_is_dir && (local == "." || local.ends_with("/.")) {
                dest.clone()
            } else {
                normalize(&dest, base_name(&source))
            };
            (target, dest.clone())
        }
        Some(_) if source_is_dir => return failure("cannot copy directory", 1),
        Some(_) => (dest.clone(), normalize(&dest, "..")),
        None if !source_is_dir && asserts_directory(path) => {
            return failure("no such directory", 1)
        }
        None => (dest.clone(), normalize(&dest, "..")),
    };
    let bytes = tar_size(files.iter().map(|(_, f)| f.as_deref()));
    let mut out = Output::new();
    copied(&mut out, quiet, bytes, &format!("{container}:{path}"));
    let id = match engine.resolve_container(container) {
        Ok(id) => id,
        Err(e) => {
            out.errln(daemon_text(&e)).code(1);
            return out;
        }
    };
    match engine
        .state()
        .container(&id)
        .and_then(|c| c.fs.get(&extract_dir))
    {
        Some(Node::Dir) => {}
        Some(_) => {
            out.errln("Error response from daemon: extraction point is not a directory")
                .code(1);
            return out;
        }
        None => {
            out.errln(format!(
                "Error response from daemon: Could not find the file {extract_dir} in container {container}"
            ))
            .code(1);
            return out;
        }
    }
    let entries: Vec<(String, Node)> = files
        .into_iter()
        .map(|(host_path, content)| {
            let rest = host_path.strip_prefix(&source).unwrap_or("");
            let to = if rest.is_empty() {
                target.clone()
            } else {
                format!("{}{rest}", target.trim_end_matches('/'))
            };
            let node = match content {
                Some(text) => Node::File(text),
                None => Node::Dir,
            };
            (to, node)
        })
        .collect();
    engine.extract_to_container(&id, path, &entries);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cp_arguments_split_like_docker() {
        assert_eq!(
            split_cp_arg("web:/etc/hostname"),
            (Some("web"), "/etc/hostname")
        );
        assert_eq!(split_cp_arg("/abs:path"), (None, "/abs:path"));
        assert_eq!(split_cp_arg("./file:name"), (None, "./file:name"));
        assert_eq!(split_cp_arg("notes.txt"), (None, "notes.txt"));
        assert_eq!(split_cp_arg(":/x"), (None, ":/x"));
    }

    #[test]
    fn tar_sizes_count_headers_blocks_and_the_end() {
        // /etc/hostname (13 bytes) as docker streams it: 2.05kB.
        assert_eq!(tar_size([Some("0123456789ab\n")].into_iter()), 2048);
        // An empty file: 1.54kB.
        assert_eq!(tar_size([Some("")].into_iter()), 1536);
        // A folder with two small files.
        assert_eq!(tar_size([None, Some("a"), Some("b")].into_iter()), 3584);
    }

    #[test]
    fn trailing_dot_and_slash_survive_the_absolute_path() {
        assert_eq!(with_trailing("/home/learner", "."), "/home/learner/.");
        assert_eq!(with_trailing("/home/learner/d", "d/"), "/home/learner/d/");
        assert_eq!(with_trailing("/home/learner/f", "f"), "/home/learner/f");
    }
}
