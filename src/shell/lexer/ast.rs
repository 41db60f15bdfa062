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

/// Commands joined by `|` (or `|&`), optionally negated with a leading `!` and sent to the
/// background with a trailing `&`; or one compound command (`if`, `while`, `for`, `case`,
/// `{ }`, `( )`, a function definition).
///
/// The parser accepts pipes and `&` so that an executor can explain that it does not support
/// them. A pipeline is simple commands, or exactly one compound command, or a pipe whose
/// elements may be compound commands (`for …; done | sort`, see [`Pipeline::piped`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pipeline {
    /// At least one command; more than one means the line used `|`. When [`Pipeline::compound`]
    /// is set this holds one placeholder instead: a simple command made of the opening keyword
    /// (`while`, `until`, `for`, `if`, `{`), so that an executor that does not walk compound
    /// commands reports an unknown command (`while: not found`) rather than doing nothing.
    pub commands: Vec<SimpleCommand>,
    /// The pipeline was followed by `&`.
    pub background: bool,
    /// The pipeline began with `!`: its status is inverted (0 becomes 1, anything else 0).
    /// [`run_script`](super::run_script) applies it to what the executor returns.
    pub negated: bool,
    /// The compound command this pipeline consists of, if it is one.
    pub compound: Option<Box<CompoundCommand>>,
    /// In a pipe of several elements, the compound commands among them, each with its index
    /// in [`Pipeline::commands`], where a placeholder (the opening keyword, as for
    /// [`Pipeline::compound`]) stands for it. Empty when no element of a pipe is compound.
    pub piped: Vec<(usize, CompoundCommand)>,
}

impl Pipeline {
    /// A pipeline of simple commands, not negated, in the foreground.
    pub fn simple(commands: Vec<SimpleCommand>) -> Pipeline {
        Pipeline {
            commands,
            background: false,
            negated: false,
            compound: None,
            piped: Vec::new(),
        }
    }

    /// The compound command standing at element `index` of a pipe, if that element is one.
    pub fn piped_compound(&self, index: usize) -> Option<&CompoundCommand> {
        self.piped.iter().find(|(i, _)| *i == index).map(|(_, c)| c)
    }
}

/// A compound command and the redirections written after its closing word
/// (`while …; done > log`, `{ …; } 2>&1`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompoundCommand {
    /// What kind of compound command, with its lists.
    pub kind: Compound,
    /// Redirections that apply to everything the command runs, in source order.
    pub redirects: Vec<Redirect>,
}

/// The compound commands of the POSIX shell that the parser knows. Every list in them holds at
/// least one command (`while true; do done` is a syntax error, as in bash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Compound {
    /// `{ LIST; }`: runs the list in the current shell.
    Group(Script),
    /// `if COND; then BODY; [elif COND; then BODY;]... [else BODY;] fi`.
    If {
        /// The `if` and `elif` branches in order: the first whose condition exits 0 runs.
        branches: Vec<IfBranch>,
        /// The `else` list, if any.
        otherwise: Option<Script>,
    },
    /// `while COND; do BODY; done`, or `until COND; do BODY; done` when `until` is set.
    Loop {
        /// `until`: the body runs while the condition fails instead.
        until: bool,
        /// The condition list, run before each iteration.
        condition: Script,
        /// The body.
        body: Script,
    },
    /// `for NAME [in WORDS]; do BODY; done`.
    For {
        /// The loop variable, a valid name.
        name: String,
        /// The words after `in`, unexpanded; `None` without `in`, which means `"$@"`.
        words: Option<Vec<Word>>,
        /// The body.
        body: Script,
    },
    /// `case WORD in PATTERN|PATTERN) LIST;; ... esac`.
    Case {
        /// The word matched, expanded without field splitting.
        word: Word,
        /// The items in order: the first with a matching pattern runs.
        items: Vec<CaseItem>,
    },
    /// `( LIST )`: runs the list in a subshell (its own copy of variables and directory).
    Subshell(Script),
    /// `NAME() COMMAND`: defines a function whose body is `COMMAND` with its redirections.
    /// A simple command written as the body (`f() echo hi`, which ash accepts) is held as a
    /// group of that one command.
    Function {
        /// The function's name, a valid name.
        name: String,
        /// What a call runs.
        body: Box<CompoundCommand>,
    },
}

/// One `PATTERN|PATTERN) LIST;;` item of a `case`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseItem {
    /// Shell patterns (`*`, `?`, `[...]`; quoted characters match themselves), unexpanded.
    pub patterns: Vec<Word>,
    /// The list run on a match; may be empty (`a) ;;`).
    pub body: Script,
}

impl Compound {
    /// The reserved word that opens this command (`if`, `while`, `until`, `for`, `{`, `case`,
    /// `(`), or `()` for a function definition.
    pub fn keyword(&self) -> &'static str {
        match self {
            Compound::Group(_) => "{",
            Compound::If { .. } => "if",
            Compound::Loop { until: false, .. } => "while",
            Compound::Loop { until: true, .. } => "until",
            Compound::For { .. } => "for",
            Compound::Case { .. } => "case",
            Compound::Subshell(_) => "(",
            Compound::Function { .. } => "()",
        }
    }
}

/// One `if` or `elif` branch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IfBranch {
    /// The list whose status decides.
    pub condition: Script,
    /// The list run when the condition exits 0.
    pub body: Script,
}

/// `A=1 B=2 cmd arg... >file`: assignments, words and redirections of one command.
///
/// A reserved word (`if`, `while`, `{`, `!`, ...) written unquoted where a command starts
/// opens a compound command instead; anywhere else it is an ordinary word (`echo done`).
/// A command has at least one assignment, word or redirection.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SimpleCommand {
    /// `NAME=value` words written before the command name; alone they set shell variables.
    pub assignments: Vec<Assignment>,
    /// The command name and its arguments, unexpanded; empty for `A=1` or `> file` alone.
    pub words: Vec<Word>,
    /// Redirections in source order (order matters: `>f 2>&1` differs from `2>&1 >f`).
    pub redirects: Vec<Redirect>,
    /// The line (from 0) of the text where the command starts, for `$LINENO` and ash's
    /// `line N:` in error messages.
    pub line: SourceLine,
}

/// Where a command stands in the parsed text: position only, so two commands that differ
/// only in it are equal (a tree rendered on one line parses back equal).
#[derive(Debug, Clone, Copy, Default)]
pub struct SourceLine(pub usize);

impl PartialEq for SourceLine {
    fn eq(&self, _: &SourceLine) -> bool {
        true
    }
}

impl Eq for SourceLine {}

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

/// A redirection operator.
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
    /// `<<DELIM` (and `<<-DELIM`, whose leading tabs the parser removed): the target is the
    /// body, every part quoted (literal when the delimiter was quoted), given as stdin after
    /// expansion without field splitting.
    HereDoc,
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
            RedirectOp::HereDoc => "<<",
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
    /// `${NAME<op>...}`: a parameter expansion with an operator (`${#X}`, `${X:-word}`,
    /// `${X#pattern}`, ...). `name` is as for [`WordPart::Var`], or `?`.
    Param {
        /// The parameter name without `$` and braces.
        name: String,
        /// What to do with its value.
        op: ParamOp,
        /// See [`WordPart`].
        quoted: bool,
    },
    /// `$((...))`: integer arithmetic. `expr` is the text between the parentheses, expanded
    /// like the inside of double quotes (parameters, `$?`, `$(...)`; every literal part is
    /// marked quoted and kept as written) and then evaluated with
    /// [`eval_arith`](super::eval_arith).
    Arith {
        /// The expression before expansion.
        expr: Word,
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
            | WordPart::CommandSubst { quoted, .. }
            | WordPart::Arith { quoted, .. }
            | WordPart::Param { quoted, .. } => *quoted,
        }
    }
}

/// The operator of a [`WordPart::Param`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamOp {
    /// `${#X}`: the length of the value in characters.
    Length,
    /// `${X-word}`, `${X=word}`, `${X+word}`, `${X?word}`, and with `colon` (`${X:-word}`,
    /// ...) an empty value counts as unset. `word` is expanded only when it is used.
    Test {
        /// What to do with `word`.
        test: ParamTest,
        /// `:` was written: empty counts as unset.
        colon: bool,
        /// The word, whose parts keep their own quoting (unquoted text in an unquoted
        /// expansion is field-split).
        word: Word,
    },
    /// `${X#pat}` and `${X##pat}` (prefix), `${X%pat}` and `${X%%pat}` (suffix): the value
    /// without the shortest (`longest`: longest) part matching the pattern.
    Trim {
        /// `%`: from the end.
        suffix: bool,
        /// The operator was doubled.
        longest: bool,
        /// The pattern; unquoted text and unquoted expansions are pattern characters.
        pattern: Word,
    },
}

/// The four tests of [`ParamOp::Test`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamTest {
    /// `-`: the word when unset.
    Default,
    /// `=`: the word when unset, also assigned to the variable.
    Assign,
    /// `+`: the word when set, else nothing.
    Alternative,
    /// `?`: an error (the word, or ash's `parameter not set`) when unset.
    Error,
}

impl ParamTest {
    /// The operator character.
    pub fn as_char(self) -> char {
        match self {
            ParamTest::Default => '-',
            ParamTest::Assign => '=',
            ParamTest::Alternative => '+',
            ParamTest::Error => '?',
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
            // Here-document bodies follow the end of the line: end it where a newline may
            // stand (after `&&`, `||`, or instead of `;`).
            let heredocs = heredocs_of(&item.pipeline);
            if !heredocs.is_empty() {
                if i != last {
                    f.write_str(match item.connector {
                        Connector::And => " &&",
                        Connector::Or => " ||",
                        Connector::Seq => "",
                    })?;
                }
                f.write_char('\n')?;
                for word in heredocs {
                    let (delimiter, body) = heredoc_text(word);
                    writeln!(f, "{body}{delimiter}")?;
                }
                continue;
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
        if self.negated {
            f.write_str("! ")?;
        }
        if let Some(compound) = &self.compound {
            return write!(f, "{compound}");
        }
        for (i, command) in self.commands.iter().enumerate() {
            if i > 0 {
                f.write_str(" | ")?;
            }
            match self.piped_compound(i) {
                Some(compound) => write!(f, "{compound}")?,
                None => write!(f, "{command}")?,
            }
        }
        Ok(())
    }
}

/// Writes a list inside a compound command followed by what ends it before the next reserved
/// word: `; ` normally, a space after a background item (`a & }`, since `a &;` is an error),
/// nothing after here-document bodies (the line has ended).
fn fmt_inner_list(script: &Script, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    write!(f, "{script}")?;
    if ends_with_heredoc(script) {
        return Ok(());
    }
    let background = script.items.last().is_some_and(|i| i.pipeline.background);
    f.write_str(if background { " " } else { "; " })
}

/// Whether the rendering of `script` ends with here-document bodies (hence a newline).
fn ends_with_heredoc(script: &Script) -> bool {
    script
        .items
        .last()
        .is_some_and(|i| !heredocs_of(&i.pipeline).is_empty())
}

/// The here-document bodies a pipeline's line is followed by, in source order (those of the
/// lists inside its compound commands are written by those lists).
fn heredocs_of(p: &Pipeline) -> Vec<&Word> {
    fn of_compound<'a>(c: &'a CompoundCommand, out: &mut Vec<&'a Word>) {
        if let Compound::Function { body, .. } = &c.kind {
            of_compound(body, out);
        }
        out.extend(
            c.redirects
                .iter()
                .filter(|r| r.op == RedirectOp::HereDoc)
                .map(|r| &r.target),
        );
    }
    let mut out = Vec::new();
    if let Some(c) = &p.compound {
        of_compound(c, &mut out);
        return out;
    }
    for (i, command) in p.commands.iter().enumerate() {
        match p.piped_compound(i) {
            Some(c) => of_compound(c, &mut out),
            None => out.extend(
                command
                    .redirects
                    .iter()
                    .filter(|r| r.op == RedirectOp::HereDoc)
                    .map(|r| &r.target),
            ),
        }
    }
    out
}

/// A here-document's delimiter (quoted when the body is literal) and its body as written,
/// with a delimiter that no line of the body equals.
fn heredoc_text(word: &Word) -> (String, String) {
    let (body, literal) = match word.as_literal() {
        Some(text) => (text, true),
        None => {
            let mut out = String::new();
            for part in &word.parts {
                match part {
                    WordPart::Literal { text, .. } => {
                        for c in text.chars() {
                            if matches!(c, '$' | '`' | '\\') {
                                out.push('\\');
                            }
                            out.push(c);
                        }
                    }
                    WordPart::Var { name, .. } => out.push_str(&format!("${{{name}}}")),
                    WordPart::Param { name, op, .. } => {
                        out.push_str(&ParamDisplay { name, op }.to_string())
                    }
                    WordPart::LastStatus { .. } => out.push_str("$?"),
                    WordPart::CommandSubst { script, .. } => out.push_str(&format!("$({script})")),
                    WordPart::Arith { expr, .. } => {
                        out.push_str(&format!("$(({}))", ArithDisplay(expr)))
                    }
                }
            }
            (out, false)
        }
    };
    let mut delimiter = "EOF".to_string();
    let mut n = 0;
    while body.lines().any(|l| l == delimiter) {
        n += 1;
        delimiter = format!("EOF{n}");
    }
    let _ = literal;
    (delimiter, body)
}

/// `${...}` as written inside double quotes (and here-documents).
struct ParamDisplay<'a> {
    name: &'a str,
    op: &'a ParamOp,
}

impl fmt::Display for ParamDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("${")?;
        fmt_param(self.name, self.op, true, f)?;
        f.write_char('}')
    }
}

struct ArithDisplay<'a>(&'a Word);

impl fmt::Display for ArithDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_arith_body(self.0, f)
    }
}

impl fmt::Display for CompoundCommand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Compound::Group(body) => {
                f.write_str("{ ")?;
                fmt_inner_list(body, f)?;
                f.write_str("}")?;
            }
            Compound::If {
                branches,
                otherwise,
            } => {
                for (i, branch) in branches.iter().enumerate() {
                    f.write_str(if i == 0 { "if " } else { "elif " })?;
                    fmt_inner_list(&branch.condition, f)?;
                    f.write_str("then ")?;
                    fmt_inner_list(&branch.body, f)?;
                }
                if let Some(body) = otherwise {
                    f.write_str("else ")?;
                    fmt_inner_list(body, f)?;
                }
                f.write_str("fi")?;
            }
            Compound::Loop {
                until,
                condition,
                body,
            } => {
                f.write_str(if *until { "until " } else { "while " })?;
                fmt_inner_list(condition, f)?;
                f.write_str("do ")?;
                fmt_inner_list(body, f)?;
                f.write_str("done")?;
            }
            Compound::For { name, words, body } => {
                write!(f, "for {name}")?;
                if let Some(words) = words {
                    f.write_str(" in")?;
                    for w in words {
                        f.write_char(' ')?;
                        fmt_word(w, f, true)?;
                    }
                }
                f.write_str("; do ")?;
                fmt_inner_list(body, f)?;
                f.write_str("done")?;
            }
            Compound::Case { word, items } => {
                f.write_str("case ")?;
                fmt_word(word, f, true)?;
                f.write_str(" in ")?;
                for item in items {
                    for (i, pattern) in item.patterns.iter().enumerate() {
                        if i > 0 {
                            f.write_char('|')?;
                        }
                        fmt_word(pattern, f, true)?;
                    }
                    f.write_str(") ")?;
                    if !item.body.is_empty() {
                        write!(f, "{} ", item.body)?;
                    }
                    f.write_str(";; ")?;
                }
                f.write_str("esac")?;
            }
            Compound::Subshell(body) => write!(f, "( {body} )")?,
            Compound::Function { name, body } => write!(f, "{name}() {body}")?,
        }
        for r in &self.redirects {
            write!(f, " {r}")?;
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
        // `>f if` runs a command named `if`; written `if >f` it would open an `if`, so a
        // reserved word in command position keeps its redirections in front.
        let reserved_first = self.assignments.is_empty()
            && matches!(
                self.words.first().map(|w| w.parts.as_slice()),
                Some([WordPart::Literal { text, quoted: false }]) if super::parse::is_reserved(text)
            );
        if reserved_first {
            for r in &self.redirects {
                write!(f, "{sep}{r}")?;
                sep = " ";
            }
        }
        for w in &self.words {
            f.write_str(sep)?;
            fmt_word(w, f, true)?;
            sep = " ";
        }
        if !reserved_first {
            for r in &self.redirects {
                write!(f, "{sep}{r}")?;
                sep = " ";
            }
        }
        Ok(())
    }
}

impl fmt::Display for Redirect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.op == RedirectOp::HereDoc {
            // The body follows the end of the line (see `Script`'s rendering).
            let (delimiter, _) = heredoc_text(&self.target);
            return if self.target.as_literal().is_some() {
                write!(f, "{}<<'{delimiter}'", self.fd)
            } else {
                write!(f, "{}<<{delimiter}", self.fd)
            };
        }
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

/// `text` in single quotes, a `'` inside written as `'\''`.
fn write_single_quoted(text: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_char('\'')?;
    f.write_str(&text.replace('\'', "'\\''"))?;
    f.write_char('\'')
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
            WordPart::Literal { text, quoted: true } => write_single_quoted(text, f)?,
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
            WordPart::Param { name, op, quoted } => {
                let q = if *quoted { "\"" } else { "" };
                write!(f, "{q}${{")?;
                fmt_param(name, op, *quoted, f)?;
                write!(f, "}}{q}")?;
            }
            WordPart::LastStatus { quoted: true } => f.write_str("\"$?\"")?,
            WordPart::LastStatus { quoted: false } => f.write_str("$?")?,
            WordPart::CommandSubst { script, quoted } => {
                let q = if *quoted { "\"" } else { "" };
                write!(f, "{q}$({script}){q}")?;
            }
            WordPart::Arith { expr, quoted } => {
                let q = if *quoted { "\"" } else { "" };
                write!(f, "{q}$((")?;
                fmt_arith_body(expr, f)?;
                write!(f, ")){q}")?;
            }
        }
    }
    Ok(())
}

/// The inside of `$((...))`: literal text as written (the parser keeps it raw), expansions in
/// their `$` forms, so the result parses back to the same expression.
fn fmt_arith_body(expr: &Word, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    for part in &expr.parts {
        match part {
            WordPart::Literal { text, .. } => f.write_str(text)?,
            // Braces always: the next literal may start with a name character (`$((${X}1))`).
            WordPart::Var { name, .. } => write!(f, "${{{name}}}")?,
            WordPart::LastStatus { .. } => f.write_str("$?")?,
            // `$((...))` reads like double quotes: a quoted literal in the operator's word
            // takes backslashes, single quotes would stay in the text.
            WordPart::Param { name, op, .. } => {
                f.write_str("${")?;
                fmt_param(name, op, true, f)?;
                f.write_char('}')?;
            }
            WordPart::CommandSubst { script, .. } => write!(f, "$({script})")?,
            WordPart::Arith { expr, .. } => {
                f.write_str("$((")?;
                fmt_arith_body(expr, f)?;
                f.write_str("))")?;
            }
        }
    }
    Ok(())
}

/// The inside of `${...}` with an operator. The word after the operator is written so that
/// the parser reads it back with the same quoting: inside double quotes a quoted literal
/// takes backslashes (single quotes are plain there), outside it takes single quotes.
fn fmt_param(name: &str, op: &ParamOp, in_double: bool, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let (pattern, word) = match op {
        ParamOp::Length => return write!(f, "#{name}"),
        ParamOp::Test { test, colon, word } => {
            f.write_str(name)?;
            if *colon {
                f.write_char(':')?;
            }
            f.write_char(test.as_char())?;
            (false, word)
        }
        ParamOp::Trim {
            suffix,
            longest,
            pattern,
        } => {
            f.write_str(name)?;
            let c = if *suffix { "%" } else { "#" };
            f.write_str(c)?;
            if *longest {
                f.write_str(c)?;
            }
            (true, pattern)
        }
    };
    for part in &word.parts {
        match part {
            // Unquoted text here never holds a character that is special inside `${...}`.
            WordPart::Literal {
                text,
                quoted: false,
            } => f.write_str(text)?,
            // Braces: the next literal may start with a name character.
            WordPart::Var {
                name,
                quoted: false,
            } => write!(f, "${{{name}}}")?,
            WordPart::Literal { text, quoted: true } if in_double && !pattern => {
                for c in text.chars() {
                    if matches!(c, '$' | '`' | '"' | '\\' | '}') {
                        f.write_char('\\')?;
                    }
                    f.write_char(c)?;
                }
            }
            WordPart::Literal { text, quoted: true } => write_single_quoted(text, f)?,
            other => fmt_word(
                &Word {
                    parts: vec![other.clone()],
                },
                f,
                false,
            )?,
        }
    }
    Ok(())
}
