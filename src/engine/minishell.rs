//! `sh -c` inside a container: a small shell over the simulated programs.

use super::program::{Chunk, ProcessEnv};
use std::time::Duration;

/// Runs `script`; returns its output, exit code and the time it took.
pub fn run_script(_script: &str, _env: &mut ProcessEnv<'_>) -> (Vec<Chunk>, i32, Duration) {
    (Vec::new(), 0, Duration::ZERO)
}
