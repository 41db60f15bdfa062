//! The `docker` command line: argv in, engine calls, docker 28.2.2's exact text and exit code out.

pub mod flags;
pub mod format;
pub mod help;
