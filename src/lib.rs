//! dockersim emulates a Docker engine and the `docker` CLI in memory, for learning.
//!
//! Layers, with dependencies pointing one way (`main -> shell, lesson -> cli -> engine`):
//! - [`engine`]: the in-memory daemon, a pure state machine driven by method calls, an injected
//!   clock and a seeded random generator; it returns values and records events.
//! - [`cli`]: `docker ...` argv in, engine calls, docker's exact text out as an `Output`.
//! - [`shell`]: one typed line (quotes, `$VAR`, `$(...)`, `;`, `&&`) to cli calls and host
//!   builtins on virtual host files; the REPL adapter is the only part that touches a terminal.
//! - [`lesson`]: the YAML course, its loader, checker and progress file.
//!
//! One deliberate exception: the shell-syntax parser lives in `shell::lexer` but is a pure leaf
//! (no engine, no I/O), and the engine's container shell (`engine::minishell`) uses it too, so
//! `sh -c '…'` in a container and the learner's prompt parse text the same way.
//!
//! Determinism: nothing below `shell`'s REPL adapter (and its real clock) reads the real clock,
//! the environment or host files; script mode (`play`) therefore prints the same transcript
//! everywhere. The lesson module reads and writes only its progress file, in the data folder
//! it is given.

pub mod cli;
pub mod engine;
pub mod lesson;
pub mod shell;

/// The shell-syntax parser, shared by the host shell and the shell inside containers.
pub use shell::lexer;
