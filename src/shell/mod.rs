//! One typed line to docker CLI calls and host builtins, on virtual host files; script mode;
//! the narrator and the state board; and the interactive terminal (REPL) over them.

pub mod board;
pub mod host_filters;
pub mod lexer;
pub mod narrator;
pub mod realclock;
pub mod repl;
pub mod script;
pub mod session;

pub use session::{LineResult, Session};
