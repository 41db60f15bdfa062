//! One typed line to docker CLI calls and host builtins, on virtual host files.

pub mod lexer;
