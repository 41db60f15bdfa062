//! Word expansion with bash's rules: parameters, `$?`, command substitution, arithmetic,
//! tilde, field splitting. There is no globbing or brace expansion: `*`, `?`, `[...]` and
//! `{a,b}` stay literal.

use super::arith::{eval_arith, ArithError};
use super::ast::{ParamOp, ParamTest, Script, Word, WordPart};
use super::pattern::trim_pattern;
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

    /// Told when a parameter expansion fails: `${X?msg}` of an unset `X` gives `X: msg`,
    /// `${1=x}` gives `1: bad variable name` (ash's words after `sh: `). The expansion then
    /// gives no text; ash prints the message and ends a non-interactive shell with status 2.
    /// The default ignores it.
    fn param_error(&mut self, message: String) {
        let _ = message;
    }

    /// The paths that a pathname pattern (`*.txt`, `/etc/*-release`; quoted characters
    /// escaped with `\`) matches, sorted; `None` or an empty list leaves the word as it is,
    /// as POSIX shells do. The default matches nothing (no file system to look at).
    fn glob(&self, pattern: &str) -> Option<Vec<String>> {
        let _ = pattern;
        None
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
    // Pathname expansion: a field with an unquoted `*`, `?` or `[` becomes the paths it
    // matches, when there are any.
    let mut out = Vec::with_capacity(fields.out.len());
    for (text, pattern) in fields.out {
        match pattern.and_then(|p| ex.glob(&p)) {
            Some(paths) if !paths.is_empty() => out.extend(paths),
            _ => out.push(text),
        }
    }
    out
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
/// Each finished field keeps, beside its text, its pathname pattern when it has unquoted
/// pattern characters (quoted ones escaped with `\`).
#[derive(Default)]
struct Fields {
    out: Vec<(String, Option<String>)>,
    cur: String,
    live: bool,
    pattern: String,
    globs: bool,
}

impl Fields {
    fn push_whole(&mut self, text: &str, quoted: bool) {
        self.cur.push_str(text);
        self.live |= quoted || !text.is_empty();
        for c in text.chars() {
            self.pattern_char(c, quoted);
        }
    }

    fn push_split(&mut self, text: &str) {
        for c in text.chars() {
            if matches!(c, ' ' | '\t' | '\n') {
                self.end_word();
            } else {
                self.cur.push(c);
                self.live = true;
                self.pattern_char(c, false);
            }
        }
    }

    fn pattern_char(&mut self, c: char, quoted: bool) {
        let special = matches!(c, '*' | '?' | '[');
        if quoted && (special || matches!(c, ']' | '\\')) {
            self.pattern.push('\\');
        }
        self.globs |= special && !quoted;
        self.pattern.push(c);
    }

    fn end_word(&mut self) {
        let pattern = std::mem::take(&mut self.pattern);
        let globs = std::mem::replace(&mut self.globs, false);
        if self.live {
            let text = std::mem::take(&mut self.cur);
            self.out.push((text, globs.then_some(pattern)));
            self.live = false;
        }
    }
}

/// The paths below `cwd` (or `/`) that `pattern` matches, component by component, sorted as
/// `glob(3)` sorts them; a `*` or `?` does not match a leading `.`. `list` gives the names in
/// a directory (absolute path), `None` if it is not one.
pub fn glob_paths(
    pattern: &str,
    cwd: &str,
    list: &dyn Fn(&str) -> Option<Vec<String>>,
) -> Vec<String> {
    let absolute = pattern.starts_with('/');
    let dirs_only = pattern.ends_with('/');
    let components: Vec<&str> = pattern.split('/').filter(|c| !c.is_empty()).collect();
    // (as shown, absolute)
    let mut current: Vec<(String, String)> = vec![if absolute {
        ("/".to_string(), "/".to_string())
    } else {
        (String::new(), cwd.to_string())
    }];
    for component in components {
        let mut next = Vec::new();
        for (shown, abs) in &current {
            let Some(mut names) = list(abs) else {
                continue;
            };
            // A directory also holds `.` and `..`, which only a pattern with a leading `.`
            // can match.
            if component.starts_with('.') {
                names.extend([".".to_string(), "..".to_string()]);
            }
            names.sort();
            let literal = unescape(component);
            let wild = has_wildcards(component);
            for name in names {
                let hit = if wild {
                    (!name.starts_with('.') || component.starts_with('.'))
                        && super::pattern_matches(component, &name)
                } else {
                    name == literal
                };
                if hit {
                    next.push((join_path(shown, &name), join_path(abs, &name)));
                }
            }
        }
        current = next;
    }
    current
        .into_iter()
        .filter(|(_, abs)| !dirs_only || list(abs).is_some())
        .map(|(shown, _)| {
            if dirs_only {
                format!("{shown}/")
            } else {
                shown
            }
        })
        .collect()
}

fn join_path(base: &str, name: &str) -> String {
    match base {
        "" => name.to_string(),
        b if b.ends_with('/') => format!("{b}{name}"),
        b => format!("{b}/{name}"),
    }
}

/// Whether `component` has a `*`, `?` or `[` that is not escaped.
fn has_wildcards(component: &str) -> bool {
    let mut chars = component.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '*' | '?' | '[' => return true,
            _ => {}
        }
    }
    false
}

/// A pattern component without its escapes (what a literal component names).
fn unescape(component: &str) -> String {
    let mut out = String::new();
    let mut chars = component.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Expands a pattern word (`case` patterns, `${X#pat}`) to pattern text for
/// [`pattern_matches`](super::pattern_matches): quoted characters and the results of quoted
/// expansions are escaped with a backslash so that they match themselves; unquoted text and
/// unquoted expansions keep their pattern characters. Nothing is split.
pub fn expand_pattern(word: &Word, ex: &mut dyn Expander) -> String {
    let mut out = String::new();
    for part in &word.parts {
        let single = Word {
            parts: vec![part.clone()],
        };
        let text = expand_word(&single, ex);
        if part.is_quoted() {
            for c in text.chars() {
                if matches!(c, '*' | '?' | '[' | ']' | '\\') {
                    out.push('\\');
                }
                out.push(c);
            }
        } else {
            out.push_str(&text);
        }
    }
    out
}

/// The value of a parameter as `${...}` sees it (`?` included).
fn param_value(name: &str, ex: &dyn Expander) -> Option<String> {
    if name == "?" {
        Some(ex.last_status().to_string())
    } else {
        ex.var(name)
    }
}

fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `${NAME<op>...}`: its value, or `None` when its word was expanded into `fields` already.
fn expand_param(
    name: &str,
    op: &ParamOp,
    quoted: bool,
    ex: &mut dyn Expander,
    fields: &mut Fields,
    split: bool,
) -> Option<String> {
    let value = param_value(name, ex);
    match op {
        ParamOp::Length => Some(value.unwrap_or_default().chars().count().to_string()),
        ParamOp::Test { test, colon, word } => {
            let set = value.as_ref().is_some_and(|v| !(*colon && v.is_empty()));
            match (test, set) {
                (ParamTest::Default, false) | (ParamTest::Alternative, true) => {
                    expand_parts(word, ex, fields, split, quoted);
                    None
                }
                (ParamTest::Alternative, false) => Some(String::new()),
                (ParamTest::Assign, false) => {
                    let new = expand_word(word, ex);
                    if is_name(name) {
                        ex.assign(name, &new);
                    } else {
                        ex.param_error(format!("{name}: bad variable name"));
                    }
                    Some(new)
                }
                (ParamTest::Error, false) => {
                    let message = if word.parts.is_empty() {
                        if *colon {
                            "parameter not set or null".to_string()
                        } else {
                            "parameter not set".to_string()
                        }
                    } else {
                        expand_word(word, ex)
                    };
                    ex.param_error(format!("{name}: {message}"));
                    Some(String::new())
                }
                (_, true) => value,
            }
        }
        ParamOp::Trim {
            suffix,
            longest,
            pattern,
        } => {
            let pattern = expand_pattern(pattern, ex);
            Some(trim_pattern(
                &value.unwrap_or_default(),
                &pattern,
                *suffix,
                *longest,
            ))
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
    expand_parts(
        &Word {
            parts: parts.to_vec(),
        },
        ex,
        fields,
        split,
        false,
    );
}

/// Expands the parts of a word into `fields`; `inside_quotes` quotes them all (the word of a
/// `${X:-word}` written inside double quotes).
fn expand_parts(
    word: &Word,
    ex: &mut dyn Expander,
    fields: &mut Fields,
    split: bool,
    inside_quotes: bool,
) {
    for part in &word.parts {
        let (value, quoted) = match part {
            WordPart::Literal { text, quoted } => {
                // Unquoted literals hold blanks only inside `${X:-a b}`, where they split.
                if *quoted || inside_quotes || !split {
                    fields.push_whole(text, *quoted || inside_quotes);
                } else {
                    fields.push_split(text);
                }
                continue;
            }
            WordPart::Param { name, op, quoted } => {
                let quoted = *quoted || inside_quotes;
                match expand_param(name, op, quoted, ex, fields, split) {
                    Some(value) => (value, quoted),
                    None => continue,
                }
            }
            WordPart::Var { name, quoted }
                if name == "@" && split && (*quoted || inside_quotes) =>
            {
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
            WordPart::Var { name, quoted } => {
                (ex.var(name).unwrap_or_default(), *quoted || inside_quotes)
            }
            WordPart::LastStatus { quoted } => {
                (ex.last_status().to_string(), *quoted || inside_quotes)
            }
            WordPart::CommandSubst { script, quoted } => {
                let mut out = ex.command_output(script);
                let kept = out.trim_end_matches('\n').len();
                out.truncate(kept);
                (out, *quoted || inside_quotes)
            }
            WordPart::Arith { expr, quoted } => {
                let text = expand_word(expr, ex);
                let quoted = *quoted || inside_quotes;
                match eval_arith(&text, ex) {
                    Ok(n) => (n.to_string(), quoted),
                    Err(e) => {
                        ex.arith_error(e);
                        (String::new(), quoted)
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
