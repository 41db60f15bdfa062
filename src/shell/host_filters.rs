//! The text filters of the learner's (virtual) host for the right-hand side of a pipe:
//! `docker ps | grep nginx`, `docker images | head -3`, `docker ps -q | wc -l`. They are the
//! container shell's filters ([`crate::engine::filters`]) run on the pipe's text and on a
//! copy of the host's text files; errors come in GNU's words, as on a Linux host.

use crate::cli::{HostFile, HostFs};
use crate::engine::filters::Feed;
use crate::engine::fs::{FileTree, Node, Overlay};
use crate::engine::program::{run_program, Lifetime, ProcessEnv, Stream};
use chrono::{DateTime, Utc};
use std::sync::Arc;
use std::time::Duration;

/// Filters that read a pipe and are found on the host.
pub const HOST_FILTERS: &[&str] = &[
    "grep", "egrep", "fgrep", "wc", "head", "tail", "sort", "uniq", "tr", "cut", "sed", "nl",
    "rev", "cat",
];

/// What a filter printed and its exit status.
pub struct Filtered {
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Exit status.
    pub code: i32,
}

/// Runs filter `argv` (its name first, one of [`HOST_FILTERS`]) on `input` from a pipe; file
/// operands are read from the host's text files.
pub fn run_host_filter(
    argv: &[String],
    input: &str,
    host: &HostFs,
    now: DateTime<Utc>,
) -> Filtered {
    // No /bin/busybox in this tree: the filters speak GNU, as a Debian or Ubuntu host does.
    let mut tree = FileTree::new();
    for path in host.file_names() {
        if let Some(HostFile::Text(text)) = host.read(path) {
            tree.insert(path, Node::File(text.clone()));
        }
    }
    for dir in ["/tmp", crate::cli::host::HOME] {
        tree.insert(dir, Node::Dir);
    }
    let mut fs = Overlay::new(Arc::new(tree));
    let mut feed = Feed::new([(Duration::ZERO, input.to_string())], Some(Duration::ZERO));
    let env_list = vec!["PATH=/usr/local/bin:/usr/bin:/bin".to_string()];
    let program = argv.first().cloned().unwrap_or_default();
    let mut env = ProcessEnv {
        argv,
        env: &env_list,
        hostname: "learner",
        cwd: host.cwd(),
        fs: &mut fs,
        tty: false,
        stdin_open: false,
        pid1: false,
        now,
        pid1_command: "",
        stdin: Some(&mut feed),
    };
    let spawned = run_program(&program, &mut env);
    let mut stdout = String::new();
    let mut stderr = String::new();
    for chunk in spawned.output {
        match chunk.stream {
            Stream::Stdout => stdout.push_str(&chunk.text),
            Stream::Stderr => stderr.push_str(&chunk.text),
        }
    }
    let code = match spawned.lifetime {
        Lifetime::Exits { code, .. } => code,
        Lifetime::Forever => {
            stderr.push_str(&format!(
                "dockersim: {program}이(가) 끝없이 입력을 기다리게 되어 여기서 멈춥니다 (호스트 파이프는 끝나는 명령만 흉내 냅니다).\n"
            ));
            1
        }
    };
    Filtered {
        stdout,
        stderr,
        code,
    }
}
