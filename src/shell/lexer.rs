//! Parsing and expanding one typed shell line: a small POSIX-shell subset with bash's semantics.
//!
//! [`parse`] turns a line into a [`Script`]; the executor walks it with [`run_script`] and
//! expands each command's words with [`expand_words`] through its own [`Expander`]. Nothing
//! here runs a process or touches the host: `$(...)` is handed back to the executor.
//!
//! Accepted syntax:
//! - lists: `;`, newline, `&&`, `||` (equal precedence, left-associative), a trailing `;`;
//!   pipes `|` (whose elements may be compound commands) and background `&` are parsed so
//!   the executor can run or refuse them; `!` before a pipeline inverts its status;
//! - compound commands where a command starts: `if …; then …; [elif …; then …;] [else …;] fi`,
//!   `while …; do …; done`, `until …; do …; done`, `for NAME [in WORDS]; do …; done`,
//!   `case WORD in PAT|PAT) …;; esac`, `{ …; }`, subshells `( … )` and function definitions
//!   `NAME() COMMAND`, nested, each optionally followed by redirections ([`Compound`]);
//! - words: unquoted text, `'...'` (literal), `"..."` (where `\` escapes only `` $ ` " \ ``
//!   and newline), `$'...'` (C escapes), `\x` outside quotes, `#` comments at a word start;
//! - expansions: `$NAME`, `${NAME}`, `$?`, `$$` and the other special parameters, `$1`,
//!   `${#NAME}`, `${NAME:-word}` and the other POSIX operators (`-`, `=`, `+`, `?`, with or
//!   without `:`; `#`, `##`, `%`, `%%` with shell patterns, see [`pattern_matches`]),
//!   `$(...)` and `` `...` `` nested up to [`MAX_NESTING`] levels, `$((...))` integer
//!   arithmetic ([`eval_arith`]); a `$` that starts no expansion is literal;
//! - assignments `A=1` alone or before a command, redirections `<`, `>`, `>>`, `>|`, `<>`,
//!   `n>&m`, `n<&m`, `&>`, `&>>`, `<<<`, here-documents `<<DELIM`, `<<'DELIM'` and `<<-DELIM`
//!   whose bodies follow in the same text, with an optional descriptor number (`2>`).
//!
//! Rejected with a [`ParseError`]: ash's `${X:1:2}` and `${X/a/b}`, and a here-document
//! whose end line does not come ([`ParseError::UnclosedHereDoc`]).
//! Globbing (of file names) and brace expansion are not implemented: those characters are
//! ordinary text outside patterns. Lines are capped at
//! [`MAX_LINE_BYTES`], [`MAX_WORDS`] and [`MAX_COMMANDS`], and nesting of substitutions and
//! compound commands at [`MAX_NESTING`], so that hostile input fails fast instead of
//! exhausting the stack or memory.
//!
//! [`run_script`] walks a list with `&&`/`||` and `!`; executors that support compound
//! commands walk [`Pipeline::compound`] themselves (the container shell does; see
//! `engine::minishell`).

mod arith;
mod ast;
mod expand;
mod parse;
mod pattern;
mod run;
#[cfg(test)]
mod tests;

pub use arith::{eval_arith, ArithError};
pub use ast::{
    Assignment, CaseItem, Compound, CompoundCommand, Connector, IfBranch, ListItem, ParamOp,
    ParamTest, Pipeline, Redirect, RedirectOp, Script, SimpleCommand, SourceLine, Word, WordPart,
};
pub use expand::{
    expand_pattern, expand_redirect_target, expand_word, expand_word_fields, expand_words,
    glob_paths, ExpandError, Expander,
};
pub use parse::{parse, ParseError};
pub use pattern::{pattern_matches, trim_pattern};
pub use run::run_script;

/// The longest line [`parse`] accepts, in bytes (1 MiB).
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// How deeply `$(...)`, backticks, `$((...))` and compound commands may nest inside one
/// another.
pub const MAX_NESTING: usize = 32;

/// The most words (arguments, assignments and redirection targets) in one line, nested
/// substitutions included.
pub const MAX_WORDS: usize = 65_536;

/// The most simple commands in one line, nested substitutions included.
pub const MAX_COMMANDS: usize = 4_096;
