//! Running a parsed line with `&&`/`||` short-circuiting and an early stop for `exit`.

use super::ast::{Connector, Pipeline, Script};
use std::ops::ControlFlow;

/// Runs the pipelines of `script` in order with bash's and-or rules, and returns the status.
///
/// `last_status` is `$?` before the line; it is returned unchanged when nothing runs (an empty
/// line), as bash keeps `$?` across blank lines. `exec` runs one pipeline (expanding its words
/// itself, reading `$?` from its own state) and returns `Continue(status)`, or `Break(code)` to
/// stop the whole line, e.g. for `exit`; `run_script` then returns that `Break(code)` at once.
///
/// `&&` and `||` have equal precedence and associate to the left: an item after `&&` runs only
/// if the current status is 0, after `||` only if it is not, and a skipped item leaves the
/// status as it was, so `false && a || b` runs `b` and `true || a && b` runs `b`. `;`, newline
/// and `&` always run the next item. Background and piped pipelines are passed to `exec` like
/// any other; rejecting them is the executor's choice. A pipeline written with `!` has the
/// status `exec` returns inverted here (0 becomes 1, anything else 0); an executor that keeps
/// `$?` itself must store the inverted status too (see [`Pipeline::negated`]).
///
/// Compound commands (`if`, `while`, `for`, `{ }`) are passed to `exec` too, as a pipeline
/// whose [`compound`](super::Pipeline::compound) is set and whose only simple command is the
/// opening keyword: an executor that walks them looks at `compound`; one that does not sees
/// a command named `while`, `if`, ... that it does not know.
///
/// For `$(...)`, call this again on the nested script: a `Break` there ends only that script.
pub fn run_script(
    script: &Script,
    last_status: i32,
    exec: &mut dyn FnMut(&Pipeline) -> ControlFlow<i32, i32>,
) -> ControlFlow<i32, i32> {
    let mut status = last_status;
    let mut before = Connector::Seq;
    for item in &script.items {
        let runs = match before {
            Connector::Seq => true,
            Connector::And => status == 0,
            Connector::Or => status != 0,
        };
        if runs {
            status = exec(&item.pipeline)?;
            if item.pipeline.negated {
                status = i32::from(status == 0);
            }
        }
        before = item.connector;
    }
    ControlFlow::Continue(status)
}
