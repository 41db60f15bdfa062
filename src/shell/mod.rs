//! One typed line to docker CLI calls and host builtins, on virtual host files.

pub mod lexer;
pub mod script;
pub mod session;

pub use session::{LineResult, Session};
