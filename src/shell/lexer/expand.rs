//! Word expansion with bash's rules: parameters, `$?`, command substitution, arithmetic,
//! tilde, field splitting. There is no globbing or brace expansion: `*`, `?`, `[...]` and
//! `{a,b}` stay literal.

use super::arith::{eval_arith, ArithError};
use super::ast::{Script, Word, WordPart};
use thiserror::Error;

/// What expansion needs from the shell running the line.
pub trait Expander {
    /// The value of a shell variable or special parameter (`HOME`, `1`, `#`, `$`, ...);
    /// `None` when unset, which expands to nothing. `HOME` is also used for `~`.
    fn var(&self, name: &str) -> Option<String>;

    /// The exit status of the last pipeline run, for `$?`.
    fn last_status(&self) -> i32;

    /// Runs `script` (the inside of `$(...)` or backticks) and returns its stdout unchanged;
    /// stderr goes wherever the executor sends it. The expansion functions strip the trailing
    /// newlines, as bash does, so implementations must not. An `exit` inside ends only this
    /// nested script, as bash's subshell does.
    fn command_output(&mut self, script: &Script) -> String;

    /// The positional parameters, for `"$@"`, which expands to one field each (none when
    /// there are none). The default `None` makes `"$@"` a single field like `"$*"`.
    fn positional(&self) -> Option<Vec<String>> {
        None
    }

    /// Sets a shell variable from an arithmetic assignment (`$((i += 1))`, `$((n++))`).
    /// The default ignores it, for executors without variables of their own.
    fn assign(&mut self, name: &str, value: &str) {
        let _ = (name, value);
    }

    /// Told when a `$((...))` cannot be evaluated; the expansion then gives no text. Shells
    /// print the error and stop the command (ash ends a non-interactive shell with status 2).
    /// The default ignores it.
    fn arith_error(&mut self, error: ArithError) {
        let _ = error;
    }
}

/// An expansion that cannot be used where it appears.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ExpandError {
    /// A redirection target that expanded to zero or several fields (`> $EMPTY`);
    /// holds the word as written.
    #[error("{0}: 리디렉션 대상이 모호합니다")]
    AmbiguousRedirect(String),
}

/// Expands command words to argv fields, left to right (substitutions run in that order).
///
/// Unquoted expansion results are split on spaces, tabs and newlines (bash's default `IFS`;
/// the `IFS` variable is not consulted) and vanish when empty; quoted results never split, so
/// `"$(...)"` keeps inner newlines and `""` is one empty field. Parts of one word concatenate:
/// `a"b"$X` with `X="c d"` gives `abc`, `d`. A leading unquoted `~` alone or before `/` becomes
/// `$HOME` when set; `~user` stays literal.
pub fn expand_words(words: &[Word], ex: &mut dyn Expander) -> Vec<String> {
    let mut fields = Fields::default();
    for word in words {
        expand_into(word, ex, &mut fields, true);
        fields.end_word();
    }
    fields.out
}

/// Expands one word to its fields (zero, one or several), with the rules of [`expand_words`].
pub fn expand_word_fields(word: &Word, ex: &mut dyn Expander) -> Vec<String> {
    expand_words(std::slice::from_ref(word), ex)
}

/// Expands one word to a single string without field splitting, as bash does for assignment
/// values (`A=$(cmd)` keeps spaces and inner newlines); an empty result stays `""`.
pub fn expand_word(word: &Word, ex: &mut dyn Expander) -> String {
    let mut fields = Fields::default();
    expand_into(word, ex, &mut fields, false);
    fields.cur
}

/// Expands a redirection target, which must give exactly one field as in bash
/// (`> $EMPTY` and `> $TWO_WORDS` are errors).
pub fn expand_redirect_target(word: &Word, ex: &mut dyn Expander) -> Result<String, ExpandError> {
    let mut fields = expand_word_fields(word, ex);
    match fields.pop() {
        Some(one) if fields.is_empty() => Ok(one),
        _ => Err(ExpandError::AmbiguousRedirect(word.to_string())),
    }
}

/// Accumulates fields; `live` says the current field exists even if it is empty so far.
#[derive(Default)]
struct Fields {
    out: Vec<String>,
    cur: String,
    live: bool,
}

impl Fields {
    fn push_whole(&mut self, text: &str, quoted: bool) {
        self.cur.push_str(text);
        self.live |= quoted || !text.is_empty();
    }

    fn push_split(&mut self, text: &str) {
        for c in text.chars() {
            if matches!(c, ' ' | '\t' | '\n') {
                self.end_word();
            } else {
                self.cur.push(c);
                self.live = true;
            }
        }
    }

    fn end_word(&mut self) {
        if self.live {
            self.out.push(std::mem::take(&mut self.cur));
            self.live = false;
        }
    }
}

fn expand_into(word: &Word, ex: &mut dyn Expander, fields: &mut Fields, split: bool) {
    let mut parts = word.parts.as_slice();
    if let Some((
        WordPart::Literal {
            text,
            quoted: false,
        },
        rest,
    )) = parts.split_first()
    {
        // bash expands `~` only when the tilde prefix (up to the first unquoted `/`) is
        // unquoted and plain, so `~"/x"` and `~$X` stay literal.
        let tilde = (text == "~" && rest.is_empty()) || text.starts_with("~/");
        if let Some(home) = tilde.then(|| ex.var("HOME")).flatten() {
            // The home directory is not split, like a quoted expansion.
            fields.push_whole(&home, true);
            fields.push_whole(&text[1..], false);
            parts = rest;
        }
    }
    for part in parts {
        let (value, quoted) = match part {
            WordPart::Literal { text, quoted } => {
                // Literals are never split, even unquoted ones (they hold no blanks).
                fields.push_whole(text, *quoted);
                continue;
            }
            WordPart::Var { name, quoted: true } if name == "@" && split => {
                if let Some(params) = ex.positional() {
                    // `"a$@b"` with x, y gives `ax`, `yb`.
                    for (i, p) in params.iter().enumerate() {
                        if i > 0 {
                            fields.end_word();
                        }
                        fields.push_whole(p, true);
                    }
                    continue;
                }
                (ex.var(name).unwrap_or_default(), true)
            }
            WordPart::Var { name, quoted } => (ex.var(name).unwrap_or_default(), *quoted),
            WordPart::LastStatus { quoted } => (ex.last_status().to_string(), *quoted),
            WordPart::CommandSubst { script, quoted } => {
                let mut out = ex.command_output(script);
                let kept = out.trim_end_matches('\n').len();
                out.truncate(kept);
                (out, *quoted)
            }
            WordPart::Arith { expr, quoted } => {
                let text = expand_word(expr, ex);
                match eval_arith(&text, ex) {
                    Ok(n) => (n.to_string(), *quoted),
                    Err(e) => {
                        ex.arith_error(e);
                        (String::new(), *quoted)
                    }
                }
            }
        };
        if quoted || !split {
            fields.push_whole(&value, quoted);
        } else {
            fields.push_split(&value);
        }
    }
}
