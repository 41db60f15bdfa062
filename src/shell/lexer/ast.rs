//! The syntax tree of one parsed line, and its rendering back to shell text.

use std::fmt::{self, Write as _};

/// A parsed line: pipelines joined by `;`, newline, `&`, `&&` and `||`, in source order.
///
/// `&&` and `||` have equal precedence and associate to the left, as in bash; see
/// [`run_script`](super::run_script) for the evaluation rule.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Script {
    /// The pipelines with the operator that follows each one.
    pub items: Vec<ListItem>,
}

impl Script {
    /// True when the line held nothing to run (blank, or only a comment).
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// One pipeline of a [`Script`] and the operator written after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    /// The pipeline to run.
    pub pipeline: Pipeline,
    /// How the next item depends on this one's exit status; [`Connector::Seq`] on the last item.
    pub connector: Connector,
}

/// The operator between two pipelines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connector {
    /// `;`, a newline, `&`, or the end of the list: the next item always runs.
    Seq,
    /// `&&`: the next item runs only if the status so far is 0.
    And,
    /// `||`: the next item runs only if the status so far is not 0.
    Or,
}

/// Commands joined by `|` (or `|&`), optionally sent to the background with a trailing `&`.
///
/// The parser accepts pipes and `&` so that the executor can explain that it does not support
/// them; `!` negation is not recognised (it is an ordinary word).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pipeline {
    /// At least one command; more than one means the line used `|`.
    pub commands: Vec<SimpleCommand>,
    /// The pipeline was followed by `&`.
    pub background: bool,
}

/// `A=1 B=2 cmd arg... >file`: assignments, words and redirections of one command.
///
/// Reserved words (`if`, `for`, `{`, ...) are not recognised: they are ordinary words.
/// A command has at least one assignment, word or redirection.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SimpleCommand {
    /// `NAME=value` words written before the command name; alone they set shell variables.
    pub assignments: Vec<Assignment>,
    /// The command name and its arguments, unexpanded; empty for `A=1` or `> file` alone.
    pub words: Vec<Word>,
    /// Redirections in source order (order matters: `>f 2>&1` differs from `2>&1 >f`).
    pub redirects: Vec<Redirect>,
}

/// `NAME=value` before a command name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// A valid name: `[A-Za-z_][A-Za-z0-9_]*`.
    pub name: String,
    /// The value, possibly with no parts (`A=`); expand it with
    /// [`expand_word`](super::expand_word), which does not split fields, as bash does.
    pub value: Word,
}

/// One redirection, e.g. `2>&1` is `Redirect { fd: 2, op: DupWrite, target: "1" }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// The descriptor redirected: the digits written before the operator, else 0 for the
    /// reading operators and 1 for the writing ones (`&>` and `&>>` use 1 and mean 1 and 2).
    pub fd: u32,
    /// Which operator was written.
    pub op: RedirectOp,
    /// The file name, the descriptor number or `-` for the dup operators, or the text for `<<<`;
    /// expand it with [`expand_redirect_target`](super::expand_redirect_target).
    pub target: Word,
}

/// A redirection operator. Here-documents (`<<`) are rejected by the parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedirectOp {
    /// `<`
    Read,
    /// `>` and `>|`
    Write,
    /// `>>`
    Append,
    /// `<>`
    ReadWrite,
    /// `<&`: the target is a descriptor number or `-`.
    DupRead,
    /// `>&`: the target is a descriptor number or `-`; bash also takes `>&file` (no digits
    /// before it) as `&>file`, which the executor may mimic.
    DupWrite,
    /// `&>`: stdout and stderr to a file.
    WriteBoth,
    /// `&>>`: stdout and stderr appended to a file.
    AppendBoth,
    /// `<<<`: the expanded target plus a newline as stdin.
    HereString,
}

impl RedirectOp {
    /// The operator as written in shell text (`>|` renders as `>`).
    pub fn as_str(self) -> &'static str {
        match self {
            RedirectOp::Read => "<",
            RedirectOp::Write => ">",
            RedirectOp::Append => ">>",
            RedirectOp::ReadWrite => "<>",
            RedirectOp::DupRead => "<&",
            RedirectOp::DupWrite => ">&",
            RedirectOp::WriteBoth => "&>",
            RedirectOp::AppendBoth => "&>>",
            RedirectOp::HereString => "<<<",
        }
    }
}

/// One shell word before expansion: adjacent parts concatenate (`a"b"$X` is one word).
///
/// The parser merges adjacent literals with the same `quoted` flag, never produces an empty
/// unquoted literal, and keeps an empty quoted literal only where it is the sole quoted part
/// (`""` or `""$X`), because that is what makes an otherwise empty result a field.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Word {
    /// The pieces in source order.
    pub parts: Vec<WordPart>,
}

impl Word {
    /// A word made of one unquoted literal (for building test input and synthetic commands).
    pub fn literal(text: &str) -> Word {
        Word {
            parts: vec![WordPart::Literal {
                text: text.to_owned(),
                quoted: false,
            }],
        }
    }

    /// The text of a word that contains no expansion at all (quotes removed), else `None`.
    pub fn as_literal(&self) -> Option<String> {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                WordPart::Literal { text, .. } => out.push_str(text),
                _ => return None,
            }
        }
        Some(out)
    }
}

/// A piece of a [`Word`]. `quoted` is true inside `'...'`, `"..."`, `$'...'` and for
/// backslash-escaped characters; quoted expansions are never field-split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordPart {
    /// Text taken as is. A `$` that starts no expansion (`$%`, a trailing `$`) is stored as a
    /// quoted literal, like `\$`, which means the same in bash.
    Literal {
        /// The text, quotes and escapes removed.
        text: String,
        /// See [`WordPart`].
        quoted: bool,
    },
    /// `$NAME` or `${NAME}`. `name` is an identifier, positional digits (`1`, or `10` from
    /// `${10}`), or one of the special parameters `$ # @ * ! -`; all are looked up with
    /// [`Expander::var`](super::Expander::var). `$?` is [`WordPart::LastStatus`].
    Var {
        /// The parameter name without `$` and braces.
        name: String,
        /// See [`WordPart`].
        quoted: bool,
    },
    /// `$?`.
    LastStatus {
        /// See [`WordPart`].
        quoted: bool,
    },
    /// `$(...)` or `` `...` ``, holding the parsed inner line.
    CommandSubst {
        /// The nested line.
        script: Script,
        /// See [`WordPart`].
        quoted: bool,
    },
}

impl WordPart {
    /// Whether this part was quoted or escaped.
    pub fn is_quoted(&self) -> bool {
        match self {
            WordPart::Literal { quoted, .. }
            | WordPart::Var { quoted, .. }
            | WordPart::LastStatus { quoted }
            | WordPart::CommandSubst { quoted, .. } => *quoted,
        }
    }
}

// Rendering: the output parses back to an equal tree (comments and line continuations are
// gone, backticks become `$(...)`), so it can be shown to the learner or re-parsed safely.

impl fmt::Display for Script {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let last = self.items.len().saturating_sub(1);
        for (i, item) in self.items.iter().enumerate() {
            write!(f, "{}", item.pipeline)?;
            if item.pipeline.background {
                f.write_str(" &")?;
            }
            if i == last {
                break;
            }
            // `a & ; b` is a syntax error, so a background item is followed by a space only.
            f.write_str(match (item.connector, item.pipeline.background) {
                (Connector::And, _) => " && ",
                (Connector::Or, _) => " || ",
                (Connector::Seq, true) => " ",
                (Connector::Seq, false) => "; ",
            })?;
        }
        Ok(())
    }
}

impl fmt::Display for Pipeline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, command) in self.commands.iter().enumerate() {
            if i > 0 {
                f.write_str(" | ")?;
            }
            write!(f, "{command}")?;
        }
        Ok(())
    }
}

impl fmt::Display for SimpleCommand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut sep = "";
        for a in &self.assignments {
            write!(f, "{sep}{}=", a.name)?;
            // The value does not start a word, so a leading `#` needs no escape.
            fmt_word(&a.value, f, false)?;
            sep = " ";
        }
        for w in &self.words {
            f.write_str(sep)?;
            fmt_word(w, f, true)?;
            sep = " ";
        }
        for r in &self.redirects {
            f.write_str(sep)?;
            write!(f, "{r}")?;
            sep = " ";
        }
        Ok(())
    }
}

impl fmt::Display for Redirect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.op {
            RedirectOp::WriteBoth | RedirectOp::AppendBoth => f.write_str(self.op.as_str())?,
            op => write!(f, "{}{}", self.fd, op.as_str())?,
        }
        fmt_word(&self.target, f, true)
    }
}

impl fmt::Display for Word {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_word(self, f, true)
    }
}

/// Characters that end or change an unquoted word, hence need a backslash when rendered.
pub(super) fn is_unquoted_special(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | ';' | '&' | '|' | '<' | '>' | '(' | ')' | '\'' | '"' | '\\' | '$' | '`'
    )
}

fn fmt_word(word: &Word, f: &mut fmt::Formatter<'_>, word_start: bool) -> fmt::Result {
    for (i, part) in word.parts.iter().enumerate() {
        let next_is_bare_text = matches!(
            word.parts.get(i + 1),
            Some(WordPart::Literal { quoted: false, .. })
        );
        match part {
            WordPart::Literal {
                text,
                quoted: false,
            } => {
                for (j, c) in text.chars().enumerate() {
                    if is_unquoted_special(c) || (c == '#' && word_start && i == 0 && j == 0) {
                        f.write_char('\\')?;
                    }
                    f.write_char(c)?;
                }
            }
            WordPart::Literal { text, quoted: true } => {
                f.write_char('\'')?;
                f.write_str(&text.replace('\'', "'\\''"))?;
                f.write_char('\'')?;
            }
            WordPart::Var { name, quoted } => {
                // `$10` would mean `${1}0`, and `$Xa` a different name.
                let braces = (!quoted && next_is_bare_text)
                    || (name.len() > 1 && name.bytes().all(|b| b.is_ascii_digit()));
                let q = if *quoted { "\"" } else { "" };
                if braces {
                    write!(f, "{q}${{{name}}}{q}")?;
                } else {
                    write!(f, "{q}${name}{q}")?;
                }
            }
            WordPart::LastStatus { quoted: true } => f.write_str("\"$?\"")?,
            WordPart::LastStatus { quoted: false } => f.write_str("$?")?,
            WordPart::CommandSubst { script, quoted } => {
                let q = if *quoted { "\"" } else { "" };
                write!(f, "{q}$({script}){q}")?;
            }
        }
    }
    Ok(())
}
