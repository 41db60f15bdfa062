//! The hand-written recursive-descent parser: one line of text to a [`Script`].
//!
//! Recursion happens only at `$(...)`, backticks, `$((...))`, `${X:-...}` and compound
//! commands (`if`, `while`, `until`, `for`, `case`, `{ }`, `( )`, function bodies), and is capped at [`MAX_NESTING`] levels of all of them
//! together, so hostile input cannot overflow the stack; every loop consumes input, so parsing
//! is linear (backtick bodies are re-read once per nesting level, still bounded by the cap).
//!
//! Reserved words are recognised where a command starts, unquoted and followed by a blank, an
//! operator or the end (`{a` and `"if"` are ordinary words), as in bash.

use super::ast::{
    is_unquoted_special, Assignment, CaseItem, Compound, CompoundCommand, Connector, IfBranch,
    ListItem, ParamOp, ParamTest, Pipeline, Redirect, RedirectOp, Script, SimpleCommand,
    SourceLine, Word, WordPart,
};
use super::{MAX_COMMANDS, MAX_LINE_BYTES, MAX_NESTING, MAX_WORDS};
use thiserror::Error;

/// Why a line could not be parsed. `Display` is a short Korean message for the learner.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ParseError {
    /// `'`, `"` or `` ` `` was opened and never closed.
    #[error("따옴표가 닫히지 않았습니다: {0}")]
    UnclosedQuote(char),
    /// `$(` or `${` was opened and never closed.
    #[error("괄호가 닫히지 않았습니다: {0}")]
    UnclosedParen(&'static str),
    /// An operator where a command or file name was expected (`newline` for the line end).
    #[error("문법 오류: 예상치 못한 토큰 '{0}'")]
    UnexpectedToken(String),
    /// The line ended right after `&&`, `||` or `|`.
    #[error("문법 오류: '{0}' 뒤에 명령이 없습니다")]
    MissingCommand(&'static str),
    /// The line ended right after a redirection operator.
    #[error("문법 오류: 리디렉션 '{0}' 뒤에 파일 이름이 없습니다")]
    MissingRedirectTarget(&'static str),
    /// `${}` or `${...}` holding something that is not a parameter name.
    #[error("잘못된 변수 치환입니다: {0}")]
    BadSubstitution(String),
    /// Valid shell syntax that this shell does not implement: `${X:1}`, `${X/a/b}`.
    #[error("지원하지 않는 문법입니다: {0}")]
    Unsupported(String),
    /// Something other than the word ash needs at this point of a `case` or function
    /// definition (`case a b in`, `case a in a echo;;`).
    #[error("문법 오류: 여기에는 '{expected}'이(가) 와야 합니다")]
    Expected {
        /// The word or token that was needed.
        expected: &'static str,
    },
    /// A here-document whose delimiter line never came (its text ran to the end).
    #[error("문법 오류: 히어 문서를 끝내는 '{0}' 줄이 없습니다")]
    UnclosedHereDoc(String),
    /// A function definition whose name is not a valid name (`my-fn() { …; }`).
    #[error("문법 오류: '{0}'은(는) 올바른 함수 이름이 아닙니다")]
    BadFunctionName(String),
    /// A compound command whose closing word never came (`while true; do sleep 1`).
    #[error("문법 오류: '{open}'을(를) 닫는 '{close}'이(가) 없습니다")]
    Unclosed {
        /// The word that opened it (`while`, `if`, `{`, ...).
        open: &'static str,
        /// The word that should close it (`done`, `fi`, `}`, ...).
        close: &'static str,
    },
    /// `for` followed by something that is not a variable name (`for 1 in a`).
    #[error("문법 오류: '{0}'은(는) 올바른 변수 이름이 아닙니다")]
    BadName(String),
    /// Compound commands (`if`, `while`, `for`, `{ }`) nested deeper than [`MAX_NESTING`].
    #[error("if, while, for, {{ }} 같은 복합 명령이 너무 깊게 중첩되었습니다 (최대 {max}단계)", max = MAX_NESTING)]
    TooNested,
    /// The line is longer than [`MAX_LINE_BYTES`].
    #[error("줄이 너무 깁니다 (최대 {max}바이트)", max = MAX_LINE_BYTES)]
    TooLong,
    /// `$(...)` or backticks nested deeper than [`MAX_NESTING`].
    #[error("$(...)가 너무 깊게 중첩되었습니다 (최대 {max}단계)", max = MAX_NESTING)]
    TooDeep,
    /// More than [`MAX_WORDS`] words in the line, nested ones included.
    #[error("단어가 너무 많습니다 (최대 {max}개)", max = MAX_WORDS)]
    TooManyWords,
    /// More than [`MAX_COMMANDS`] simple commands in the line, nested ones included.
    #[error("명령이 너무 많습니다 (최대 {max}개)", max = MAX_COMMANDS)]
    TooManyCommands,
}

/// Parses one line (it may contain newlines, which separate commands like `;`).
///
/// Blank lines and comment-only lines give an empty [`Script`]. See the module documentation
/// of [`lexer`](super) for the accepted syntax.
pub fn parse(line: &str) -> Result<Script, ParseError> {
    if line.len() > MAX_LINE_BYTES {
        return Err(ParseError::TooLong);
    }
    let mut budget = Budget::default();
    let mut parser = Parser {
        src: line,
        pos: 0,
        depth: 0,
        budget: &mut budget,
        last_closer: "",
        line_mark: (0, 0),
        heredoc_jump: None,
    };
    parser.list(End::Eof)
}

/// Where a list stops.
#[derive(Clone, Copy)]
enum End {
    /// At the end of the input (a whole line, or a backtick body).
    Eof,
    /// At `)` (the inside of `$(...)`).
    Paren,
    /// At one of these reserved words in command position (`then`, `do`, `done`, `fi`, ...).
    Words(&'static [&'static str]),
    /// At `;;` or at `esac` in command position (a `case` item's list).
    Case,
}

/// Reserved words, recognised only where a command starts (and `in` inside `for`).
const RESERVED: [&str; 16] = [
    "if", "then", "elif", "else", "fi", "while", "until", "for", "in", "do", "done", "case",
    "esac", "{", "}", "!",
];

/// Whether `word` is one of the reserved words.
pub(super) fn is_reserved(word: &str) -> bool {
    RESERVED.contains(&word)
}

/// Characters that end a reserved word (besides the end of input).
fn ends_reserved(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | ';' | '&' | '|' | '<' | '>' | '(' | ')'
    )
}

/// Counts shared by a line and all its nested substitutions, so the caps are per line.
#[derive(Default)]
struct Budget {
    words: usize,
    commands: usize,
}

struct Parser<'s, 'b> {
    src: &'s str,
    pos: usize,
    depth: usize,
    budget: &'b mut Budget,
    /// The closing reserved word [`Parser::body`] consumed last (`elif`, `else`, `fi`, ...).
    last_closer: &'static str,
    /// A position and its line (from 0), so that counting lines stays linear.
    line_mark: (usize, usize),
    /// Here-document bodies already read: when the parser passes the newline that ends the
    /// line holding them (first), it goes on after the last body (second).
    heredoc_jump: Option<(usize, usize)>,
}

/// What [`Parser::word`] found.
enum Lexed {
    /// Only line continuations: no word at all.
    Nothing,
    Word(Word),
    /// Unquoted digits glued to `<` or `>`: a descriptor number, not a word.
    Fd(u32),
}

/// Operators, longest first so that a prefix never shadows a longer one.
const OPERATORS: [&str; 22] = [
    "&&", "&>>", "&>", "&", "||", "|&", "|", ";;", ";&", ";", "<<<", "<<", "<&", "<>", "<", ">>",
    ">&", ">|", ">", "(", ")", "\n",
];

impl<'s> Parser<'s, '_> {
    /// The line (from 0) of the cursor. Inside backticks, lines count on from the line of
    /// the opening backtick.
    fn line_here(&mut self) -> usize {
        let (mark, line) = self.line_mark;
        let (from, base) = if mark <= self.pos {
            (mark, line)
        } else {
            (0, 0)
        };
        let line = base + self.src[from..self.pos].matches('\n').count();
        self.line_mark = (self.pos, line);
        line
    }

    /// Steps over the newline at the cursor, and over the here-document bodies that follow
    /// it.
    fn newline(&mut self) {
        self.pos += 1;
        if let Some((from, to)) = self.heredoc_jump {
            if self.pos == from {
                self.pos = to;
                self.heredoc_jump = None;
            }
        }
    }

    /// `<<DELIM` or `<<-DELIM`, cursor after `<<`: reads the body from the line after this
    /// one (after the bodies of earlier here-documents on this line) up to the line that is
    /// exactly the delimiter. A quoted delimiter keeps the body literal; otherwise `$`,
    /// backticks and `\` work in it as inside double quotes.
    fn heredoc(&mut self) -> Result<Word, ParseError> {
        let strip_tabs = self.peek() == Some('-');
        if strip_tabs {
            self.pos += 1;
        }
        self.skip_blanks();
        match self.peek() {
            None | Some('\n') => return Err(ParseError::MissingRedirectTarget("<<")),
            Some(';' | '&' | '|' | '(' | ')' | '<' | '>') => {
                return Err(ParseError::UnexpectedToken(self.token_here()))
            }
            Some(_) => {}
        }
        let start = self.pos;
        let word = match self.word()? {
            Lexed::Word(w) => w,
            _ => return Err(ParseError::MissingRedirectTarget("<<")),
        };
        let raw = &self.src[start..self.pos];
        let literal = raw.contains(['\'', '"', '\\']);
        let delimiter = match word.as_literal() {
            Some(text) => text,
            None => raw.replace(['\'', '"', '\\'], ""),
        };
        let body_start = match self.heredoc_jump {
            Some((_, to)) => to,
            None => match self.rest().find('\n') {
                Some(i) => self.pos + i + 1,
                None => self.src.len(),
            },
        };
        let line_end = match self.heredoc_jump {
            Some((from, _)) => from,
            None => body_start,
        };
        let mut body = String::new();
        let mut at = body_start;
        let mut closed = false;
        while at < self.src.len() {
            let rest = &self.src[at..];
            let len = rest.find('\n').map_or(rest.len(), |i| i + 1);
            let line = &rest[..len];
            at += len;
            let line = if strip_tabs {
                line.trim_start_matches('\t')
            } else {
                line
            };
            if line.strip_suffix('\n').unwrap_or(line) == delimiter {
                closed = true;
                break;
            }
            body.push_str(line);
        }
        if !closed && !body.is_empty() {
            return Err(ParseError::UnclosedHereDoc(clip(&delimiter)));
        }
        self.heredoc_jump = Some((line_end, at.max(body_start)));
        if literal {
            let mut b = WordBuilder::default();
            b.literal(&body, true);
            return Ok(Word {
                parts: if body.is_empty() { Vec::new() } else { b.parts },
            });
        }
        self.enter_nesting()?;
        let line = self.line_here();
        let mut sub = Parser {
            src: &body,
            pos: 0,
            depth: self.depth,
            budget: &mut *self.budget,
            last_closer: "",
            line_mark: (0, line + 1),
            heredoc_jump: None,
        };
        let mut b = WordBuilder::default();
        while let Some(c) = sub.peek() {
            match c {
                '$' => sub.dollar(&mut b, true)?,
                '`' => sub.backtick(&mut b, true)?,
                '\\' => {
                    sub.pos += 1;
                    match sub.peek() {
                        Some(e @ ('$' | '`' | '\\')) => {
                            sub.pos += 1;
                            b.char(e, true);
                        }
                        Some('\n') => sub.pos += 1,
                        _ => b.literal("\\", true),
                    }
                }
                _ => {
                    let rest = sub.rest();
                    let end = rest.find(['$', '`', '\\']).unwrap_or(rest.len());
                    b.literal(&rest[..end], true);
                    sub.pos += end;
                }
            }
        }
        self.depth -= 1;
        Ok(Word { parts: b.parts })
    }

    fn rest(&self) -> &'s str {
        &self.src[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.pos += 1;
        }
    }

    /// Skips a comment up to, not including, the newline that ends it.
    fn skip_comment(&mut self) {
        self.pos = match self.rest().find('\n') {
            Some(i) => self.pos + i,
            None => self.src.len(),
        };
    }

    /// Skips blanks, newlines and comments: where a command may start.
    fn skip_gaps(&mut self) {
        loop {
            self.skip_blanks();
            match self.peek() {
                Some('\n') => self.newline(),
                Some('#') => self.skip_comment(),
                _ => break,
            }
        }
    }

    fn operator(&self) -> Option<&'static str> {
        let rest = self.rest();
        OPERATORS.iter().copied().find(|op| rest.starts_with(op))
    }

    /// The token at the cursor, as bash names it in syntax errors.
    fn token_here(&self) -> String {
        match self.operator() {
            Some("\n") | None => "newline".to_owned(),
            Some(op) => op.to_owned(),
        }
    }

    fn enter_nesting(&mut self) -> Result<(), ParseError> {
        if self.depth >= MAX_NESTING {
            return Err(ParseError::TooDeep);
        }
        self.depth += 1;
        Ok(())
    }

    /// Like [`Parser::enter_nesting`] for a compound command, which has its own message.
    fn enter_compound(&mut self) -> Result<(), ParseError> {
        if self.depth >= MAX_NESTING {
            return Err(ParseError::TooNested);
        }
        self.depth += 1;
        Ok(())
    }

    fn count_command(&mut self) -> Result<(), ParseError> {
        self.budget.commands += 1;
        if self.budget.commands > MAX_COMMANDS {
            return Err(ParseError::TooManyCommands);
        }
        Ok(())
    }

    /// The reserved word at the cursor, if the text there is exactly one.
    fn reserved_here(&self) -> Option<&'static str> {
        let rest = self.rest();
        RESERVED.iter().copied().find(|w| {
            rest.starts_with(w) && rest[w.len()..].chars().next().is_none_or(ends_reserved)
        })
    }

    /// A list up to the end of input, up to (not including) `)` inside `$(...)`, or up to
    /// (not including) one of the reserved words of `end` where a command would start.
    fn list(&mut self, end: End) -> Result<Script, ParseError> {
        let mut items = Vec::new();
        // `&&`, `||` that still needs its right-hand pipeline.
        let mut pending: Option<&'static str> = None;
        loop {
            self.skip_gaps();
            let closing = match end {
                End::Eof => false,
                End::Paren => self.peek() == Some(')'),
                End::Words(words) => self.reserved_here().is_some_and(|w| words.contains(&w)),
                End::Case => self.rest().starts_with(";;") || self.reserved_here() == Some("esac"),
            };
            if self.peek().is_none() || closing {
                return match pending {
                    None => Ok(Script { items }),
                    Some(_) if closing => Err(ParseError::UnexpectedToken(self.word_here())),
                    Some(op) => Err(ParseError::MissingCommand(op)),
                };
            }
            let mut pipeline = self.pipeline()?;
            let connector = match self.operator() {
                None => Connector::Seq,
                Some(")") if matches!(end, End::Paren) => Connector::Seq,
                Some(";;") if matches!(end, End::Case) => Connector::Seq,
                // ash reads `;&` as `;` and then a misplaced `&`.
                Some(";&") => return Err(ParseError::UnexpectedToken("&".to_owned())),
                Some(op @ ("&&" | "||" | ";" | "\n" | "&")) => {
                    if op == "\n" {
                        self.newline();
                    } else {
                        self.pos += op.len();
                    }
                    match op {
                        "&&" => Connector::And,
                        "||" => Connector::Or,
                        "&" => {
                            pipeline.background = true;
                            Connector::Seq
                        }
                        _ => Connector::Seq,
                    }
                }
                Some(_) => return Err(ParseError::UnexpectedToken(self.token_here())),
            };
            pending = match connector {
                Connector::And => Some("&&"),
                Connector::Or => Some("||"),
                Connector::Seq => None,
            };
            items.push(ListItem {
                pipeline,
                connector,
            });
        }
    }

    /// The token at the cursor for an error message: a reserved word or other word as
    /// written (up to a blank or operator), else the operator.
    fn word_here(&self) -> String {
        let rest = self.rest();
        let end = rest.find(ends_reserved).unwrap_or(rest.len());
        if end == 0 {
            self.token_here()
        } else {
            clip(&rest[..end])
        }
    }

    fn pipeline(&mut self) -> Result<Pipeline, ParseError> {
        let mut negated = false;
        while self.reserved_here() == Some("!") {
            self.pos += 1;
            negated = !negated;
            self.skip_blanks();
        }
        let mut commands = Vec::new();
        let mut compound = None;
        let mut piped = Vec::new();
        loop {
            match self.reserved_here() {
                Some(word @ ("if" | "while" | "until" | "for" | "{")) => {
                    let parsed = self.compound(word)?;
                    // The opening keyword stands in for it (see `Pipeline::commands`).
                    self.push_compound(word, parsed, &mut commands, &mut compound, &mut piped);
                }
                Some(word @ "case") => {
                    let parsed = self.compound(word)?;
                    self.push_compound(word, parsed, &mut commands, &mut compound, &mut piped);
                }
                // At the start `!` cannot be here (the loop above took it): a closing word.
                Some(other) if commands.is_empty() => {
                    return Err(ParseError::UnexpectedToken(other.to_owned()))
                }
                None if self.peek() == Some('(') => {
                    let parsed = self.compound("(")?;
                    self.push_compound("(", parsed, &mut commands, &mut compound, &mut piped);
                }
                None if self.function_name_here().is_some() => {
                    let parsed = self.function()?;
                    self.push_compound("()", parsed, &mut commands, &mut compound, &mut piped);
                }
                _ => commands.push(self.command()?),
            }
            let Some(op @ ("|" | "|&")) = self.operator() else {
                break;
            };
            self.pos += op.len();
            self.skip_gaps();
            if self.peek().is_none() {
                return Err(ParseError::MissingCommand("|"));
            }
        }
        // A compound command first in a pipe is one of its elements.
        if commands.len() > 1 {
            if let Some(first) = compound.take() {
                piped.insert(0, (0, *first));
            }
        }
        Ok(Pipeline {
            commands,
            background: false,
            negated,
            compound,
            piped,
        })
    }

    /// Adds a compound command to the pipeline being built (see [`Pipeline::commands`]).
    fn push_compound(
        &self,
        word: &'static str,
        parsed: CompoundCommand,
        commands: &mut Vec<SimpleCommand>,
        compound: &mut Option<Box<CompoundCommand>>,
        piped: &mut Vec<(usize, CompoundCommand)>,
    ) {
        commands.push(SimpleCommand {
            words: vec![Word::literal(word)],
            ..SimpleCommand::default()
        });
        if compound.is_none() && commands.len() == 1 {
            *compound = Some(Box::new(parsed));
        } else {
            piped.push((commands.len() - 1, parsed));
        }
    }

    /// The name of a function definition starting at the cursor (`NAME()`, `NAME ( )`): an
    /// unquoted word without expansions followed by `(`.
    fn function_name_here(&self) -> Option<&'s str> {
        let rest = self.rest();
        let len = rest
            .find(|c: char| is_unquoted_special(c) || c == '\n')
            .unwrap_or(rest.len());
        if len == 0 || rest[..len].contains('=') {
            return None;
        }
        rest[len..]
            .trim_start_matches([' ', '\t'])
            .starts_with('(')
            .then(|| &rest[..len])
    }

    /// `NAME() COMMAND`, cursor on the name (see [`Parser::function_name_here`]).
    fn function(&mut self) -> Result<CompoundCommand, ParseError> {
        let name = self.function_name_here().unwrap_or_default();
        if !is_name(name) {
            return Err(ParseError::BadFunctionName(clip(name)));
        }
        self.count_command()?;
        self.pos += name.len();
        self.skip_blanks();
        self.pos += 1;
        self.skip_blanks();
        if self.peek() != Some(')') {
            return Err(ParseError::Expected { expected: ")" });
        }
        self.pos += 1;
        self.skip_gaps();
        let body = match self.reserved_here() {
            Some(word @ ("if" | "while" | "until" | "for" | "{" | "case")) => {
                self.compound(word)?
            }
            None if self.peek() == Some('(') => self.compound("(")?,
            Some(other) => return Err(ParseError::UnexpectedToken(other.to_owned())),
            None if self.peek().is_none() => return Err(ParseError::MissingCommand("()")),
            // ash also takes a simple command as the body.
            None => {
                self.enter_compound()?;
                let command = self.command()?;
                self.depth -= 1;
                CompoundCommand {
                    kind: Compound::Group(Script {
                        items: vec![ListItem {
                            pipeline: Pipeline::simple(vec![command]),
                            connector: Connector::Seq,
                        }],
                    }),
                    redirects: Vec::new(),
                }
            }
        };
        Ok(CompoundCommand {
            kind: Compound::Function {
                name: name.to_owned(),
                body: Box::new(body),
            },
            redirects: Vec::new(),
        })
    }

    /// `case WORD in ITEMS esac`, cursor after `case`.
    fn case_command(&mut self) -> Result<Compound, ParseError> {
        const IN: ParseError = ParseError::Unclosed {
            open: "case",
            close: "in",
        };
        self.skip_blanks();
        if self.peek().is_none() {
            return Err(IN);
        }
        if self.operator().is_some() {
            return Err(ParseError::UnexpectedToken(self.token_here()));
        }
        let word = match self.word()? {
            Lexed::Word(w) => w,
            _ => return Err(ParseError::UnexpectedToken(self.token_here())),
        };
        self.skip_gaps();
        match self.reserved_here() {
            Some("in") => self.pos += 2,
            _ if self.peek().is_none() => return Err(IN),
            _ => return Err(ParseError::Expected { expected: "in" }),
        }
        let mut items = Vec::new();
        loop {
            self.skip_gaps();
            if self.reserved_here() == Some("esac") {
                self.pos += 4;
                return Ok(Compound::Case { word, items });
            }
            if self.peek() == Some('(') {
                self.pos += 1;
            }
            let mut patterns = Vec::new();
            loop {
                self.skip_blanks();
                let pattern = match self.peek() {
                    None => {
                        return Err(ParseError::Unclosed {
                            open: "case",
                            close: ")",
                        })
                    }
                    Some(_) if self.operator().is_some() => None,
                    Some(_) => match self.word()? {
                        Lexed::Word(w) => Some(w),
                        _ => None,
                    },
                };
                patterns.push(pattern.ok_or(ParseError::Expected { expected: ")" })?);
                self.skip_blanks();
                match self.peek() {
                    Some('|') => self.pos += 1,
                    Some(')') => {
                        self.pos += 1;
                        break;
                    }
                    None => {
                        return Err(ParseError::Unclosed {
                            open: "case",
                            close: ")",
                        })
                    }
                    Some(_) => return Err(ParseError::Expected { expected: ")" }),
                }
            }
            let body = self.list(End::Case)?;
            items.push(CaseItem { patterns, body });
            if self.rest().starts_with(";;") {
                self.pos += 2;
            } else if self.reserved_here() != Some("esac") {
                return Err(ParseError::Unclosed {
                    open: "case",
                    close: ";;",
                });
            }
        }
    }

    /// A compound command at its opening reserved word, with the redirections after it.
    fn compound(&mut self, word: &'static str) -> Result<CompoundCommand, ParseError> {
        self.count_command()?;
        self.enter_compound()?;
        self.pos += word.len();
        let kind = match word {
            "{" => {
                let body = self.body(&["}"], "{", "}")?;
                Compound::Group(body)
            }
            "if" => {
                let mut branches = Vec::new();
                let mut open = "if";
                loop {
                    let condition = self.body(&["then"], open, "then")?;
                    let body = self.body(&["elif", "else", "fi"], open, "fi")?;
                    branches.push(IfBranch { condition, body });
                    // `body` consumed the closing word; look at which one it was.
                    match self.last_closer {
                        "elif" => open = "elif",
                        "else" => {
                            let otherwise = self.body(&["fi"], "else", "fi")?;
                            break Compound::If {
                                branches,
                                otherwise: Some(otherwise),
                            };
                        }
                        _ => {
                            break Compound::If {
                                branches,
                                otherwise: None,
                            }
                        }
                    }
                }
            }
            "case" => self.case_command()?,
            "(" => {
                let body = self.list(End::Paren)?;
                match self.peek() {
                    Some(')') if body.items.is_empty() => {
                        return Err(ParseError::UnexpectedToken(")".to_owned()))
                    }
                    Some(')') => self.pos += 1,
                    _ => {
                        return Err(ParseError::Unclosed {
                            open: "(",
                            close: ")",
                        })
                    }
                }
                Compound::Subshell(body)
            }
            "while" | "until" => {
                let condition = self.body(&["do"], word, "do")?;
                let body = self.body(&["done"], word, "done")?;
                Compound::Loop {
                    until: word == "until",
                    condition,
                    body,
                }
            }
            _ => self.for_loop()?,
        };
        self.depth -= 1;
        let redirects = self.trailing_redirects()?;
        Ok(CompoundCommand { kind, redirects })
    }

    /// A non-empty list closed by one of `closers`, which is consumed (and remembered in
    /// `last_closer`); `open` and `close` name the construct for the error at the end of input.
    fn body(
        &mut self,
        closers: &'static [&'static str],
        open: &'static str,
        close: &'static str,
    ) -> Result<Script, ParseError> {
        let script = self.list(End::Words(closers))?;
        match self.reserved_here() {
            Some(w) if closers.contains(&w) => {
                if script.items.is_empty() {
                    return Err(ParseError::UnexpectedToken(w.to_owned()));
                }
                self.pos += w.len();
                self.last_closer = w;
                Ok(script)
            }
            _ => Err(ParseError::Unclosed { open, close }),
        }
    }

    /// `for NAME [in WORDS];  do BODY; done`, cursor after `for`.
    fn for_loop(&mut self) -> Result<Compound, ParseError> {
        self.skip_blanks();
        if self.peek().is_none_or(|c| c == '\n') || self.operator().is_some() {
            return Err(ParseError::UnexpectedToken(self.token_here()));
        }
        let name = match self.word()? {
            Lexed::Word(w) => match w.parts.as_slice() {
                [WordPart::Literal {
                    text,
                    quoted: false,
                }] if is_name(text) => text.clone(),
                _ => return Err(ParseError::BadName(clip(&w.to_string()))),
            },
            Lexed::Fd(n) => return Err(ParseError::BadName(n.to_string())),
            Lexed::Nothing => return Err(ParseError::UnexpectedToken(self.token_here())),
        };
        // `for i; do`, `for i do`, `for i<newline>in a; do`, `for i in a b; do`.
        self.skip_blanks();
        if self.peek() == Some(';') && self.operator() == Some(";") {
            self.pos += 1;
        }
        self.skip_gaps();
        let mut words = None;
        if self.reserved_here() == Some("in") {
            self.pos += 2;
            let mut list = Vec::new();
            loop {
                self.skip_blanks();
                match self.peek() {
                    None => {
                        return Err(ParseError::Unclosed {
                            open: "for",
                            close: "done",
                        })
                    }
                    Some('#') => self.skip_comment(),
                    Some('\n') => {
                        self.newline();
                        break;
                    }
                    Some(_) => match self.operator() {
                        Some(";") => {
                            self.pos += 1;
                            break;
                        }
                        Some(_) => return Err(ParseError::UnexpectedToken(self.token_here())),
                        None => match self.word()? {
                            Lexed::Word(w) => list.push(w),
                            Lexed::Nothing => {}
                            Lexed::Fd(_) => {
                                return Err(ParseError::UnexpectedToken(self.token_here()))
                            }
                        },
                    },
                }
            }
            words = Some(list);
            self.skip_gaps();
        }
        match self.reserved_here() {
            Some("do") => self.pos += 2,
            None if self.peek().is_none() => {
                return Err(ParseError::Unclosed {
                    open: "for",
                    close: "done",
                })
            }
            _ => return Err(ParseError::UnexpectedToken(self.word_here())),
        }
        let body = self.body(&["done"], "for", "done")?;
        Ok(Compound::For { name, words, body })
    }

    /// Redirections after a compound command's closing word; anything else there but an
    /// operator or the end is a syntax error (`done x`).
    fn trailing_redirects(&mut self) -> Result<Vec<Redirect>, ParseError> {
        let mut redirects = Vec::new();
        loop {
            self.skip_blanks();
            let rest = self.rest();
            match self.peek() {
                None | Some('\n') => break,
                Some('#') => {
                    self.skip_comment();
                    break;
                }
                Some('<' | '>') => redirects.push(self.redirect(None)?),
                Some('&') if rest.starts_with("&>") => redirects.push(self.redirect(None)?),
                Some(c) if c.is_ascii_digit() => {
                    let digits = rest
                        .find(|c: char| !c.is_ascii_digit())
                        .unwrap_or(rest.len());
                    if !rest[digits..].starts_with(['<', '>']) {
                        return Err(ParseError::UnexpectedToken(self.word_here()));
                    }
                    match self.word()? {
                        Lexed::Fd(fd) => redirects.push(self.redirect(Some(fd))?),
                        _ => return Err(ParseError::UnexpectedToken(self.word_here())),
                    }
                }
                Some(_) if self.operator().is_some() => break,
                // `(true)then`: the list around decides whether the word may stand here.
                Some(_)
                    if self.src[..self.pos].ends_with(')') && self.reserved_here().is_some() =>
                {
                    break
                }
                Some(_) => return Err(ParseError::UnexpectedToken(self.word_here())),
            }
        }
        Ok(redirects)
    }

    fn command(&mut self) -> Result<SimpleCommand, ParseError> {
        self.count_command()?;
        let mut cmd = SimpleCommand {
            line: SourceLine(self.line_here()),
            ..SimpleCommand::default()
        };
        loop {
            self.skip_blanks();
            let Some(c) = self.peek() else { break };
            match c {
                '#' => self.skip_comment(),
                '\n' | ';' | '|' | ')' => break,
                '&' if !self.rest().starts_with("&>") => break,
                '(' => return Err(ParseError::UnexpectedToken("(".to_owned())),
                '<' | '>' | '&' => {
                    let redirect = self.redirect(None)?;
                    cmd.redirects.push(redirect);
                }
                _ => match self.word()? {
                    Lexed::Nothing => {}
                    Lexed::Fd(fd) => {
                        let redirect = self.redirect(Some(fd))?;
                        cmd.redirects.push(redirect);
                    }
                    Lexed::Word(word) if cmd.words.is_empty() => match split_assignment(word) {
                        Ok(assignment) => cmd.assignments.push(assignment),
                        Err(word) => cmd.words.push(word),
                    },
                    Lexed::Word(word) => cmd.words.push(word),
                },
            }
        }
        if cmd.assignments.is_empty() && cmd.words.is_empty() && cmd.redirects.is_empty() {
            return Err(ParseError::UnexpectedToken(self.token_here()));
        }
        Ok(cmd)
    }

    /// A redirection at its operator; `fd` is the number written right before it, if any.
    fn redirect(&mut self, fd: Option<u32>) -> Result<Redirect, ParseError> {
        let text = self.operator().unwrap_or("");
        let op = match text {
            "<" => RedirectOp::Read,
            ">" | ">|" => RedirectOp::Write,
            ">>" => RedirectOp::Append,
            "<>" => RedirectOp::ReadWrite,
            "<&" => RedirectOp::DupRead,
            ">&" => RedirectOp::DupWrite,
            "&>" => RedirectOp::WriteBoth,
            "&>>" => RedirectOp::AppendBoth,
            "<<<" => RedirectOp::HereString,
            "<<" => {
                self.pos += 2;
                let target = self.heredoc()?;
                return Ok(Redirect {
                    fd: fd.unwrap_or(0),
                    op: RedirectOp::HereDoc,
                    target,
                });
            }
            _ => return Err(ParseError::UnexpectedToken(self.token_here())),
        };
        self.pos += text.len();
        let default_fd = match op {
            RedirectOp::Read | RedirectOp::ReadWrite | RedirectOp::DupRead => 0,
            RedirectOp::HereString => 0,
            _ => 1,
        };
        self.skip_blanks();
        match self.peek() {
            // A `#` starting the target begins a comment, as in bash.
            None | Some('\n' | '#') => return Err(ParseError::MissingRedirectTarget(text)),
            Some(';' | '&' | '|' | '(' | ')' | '<' | '>') => {
                return Err(ParseError::UnexpectedToken(self.token_here()))
            }
            Some(_) => {}
        }
        match self.word()? {
            Lexed::Word(target) => Ok(Redirect {
                fd: fd.unwrap_or(default_fd),
                op,
                target,
            }),
            Lexed::Fd(n) => Err(ParseError::UnexpectedToken(n.to_string())),
            Lexed::Nothing => Err(ParseError::MissingRedirectTarget(text)),
        }
    }

    /// One word starting at a non-blank, non-operator character.
    fn word(&mut self) -> Result<Lexed, ParseError> {
        let mut b = WordBuilder::default();
        while let Some(c) = self.peek() {
            match c {
                '\'' => {
                    self.pos += 1;
                    let end = self
                        .rest()
                        .find('\'')
                        .ok_or(ParseError::UnclosedQuote('\''))?;
                    b.literal(&self.rest()[..end], true);
                    self.pos += end + 1;
                }
                '"' => {
                    self.pos += 1;
                    self.double_quoted(&mut b)?;
                }
                '\\' => {
                    self.pos += 1;
                    match self.bump() {
                        // bash keeps a backslash that ends the line.
                        None => b.literal("\\", true),
                        Some('\n') => {}
                        Some(c) => b.char(c, true),
                    }
                }
                '$' => self.dollar(&mut b, false)?,
                '`' => self.backtick(&mut b, false)?,
                '<' | '>' => match b.as_fd() {
                    Some(fd) => return Ok(Lexed::Fd(fd)),
                    None => break,
                },
                c if is_unquoted_special(c) => break,
                _ => {
                    let rest = self.rest();
                    let end = rest.find(is_unquoted_special).unwrap_or(rest.len());
                    b.literal(&rest[..end], false);
                    self.pos += end;
                }
            }
        }
        if b.parts.is_empty() {
            return Ok(Lexed::Nothing);
        }
        self.budget.words += 1;
        if self.budget.words > MAX_WORDS {
            return Err(ParseError::TooManyWords);
        }
        Ok(Lexed::Word(Word {
            parts: normalize(b.parts),
        }))
    }

    /// The inside of `"..."`, cursor just after the opening quote.
    fn double_quoted(&mut self, b: &mut WordBuilder) -> Result<(), ParseError> {
        // Marks the word as present even when the quotes are empty (`""`).
        b.literal("", true);
        loop {
            let rest = self.rest();
            let end = rest
                .find(['"', '\\', '$', '`'])
                .ok_or(ParseError::UnclosedQuote('"'))?;
            b.literal(&rest[..end], true);
            self.pos += end;
            match self.peek() {
                Some('"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some('\\') => {
                    self.pos += 1;
                    match self.peek() {
                        Some(c @ ('$' | '`' | '"' | '\\')) => {
                            self.pos += 1;
                            b.char(c, true);
                        }
                        Some('\n') => self.pos += 1,
                        // Any other backslash is kept: "a\tb" stays a\tb.
                        Some(_) => b.literal("\\", true),
                        None => return Err(ParseError::UnclosedQuote('"')),
                    }
                }
                Some('$') => self.dollar(b, true)?,
                Some('`') => self.backtick(b, true)?,
                _ => return Err(ParseError::UnclosedQuote('"')),
            }
        }
    }

    /// An expansion (or a literal `$`), cursor on the `$`.
    fn dollar(&mut self, b: &mut WordBuilder, quoted: bool) -> Result<(), ParseError> {
        let after = &self.rest()[1..];
        match after.chars().next() {
            Some('(') => {
                if after.starts_with("((") {
                    return self.arith(b, quoted);
                }
                self.pos += 2;
                self.enter_nesting()?;
                let script = self.list(End::Paren)?;
                self.depth -= 1;
                if self.peek() != Some(')') {
                    return Err(ParseError::UnclosedParen("$("));
                }
                self.pos += 1;
                b.push(WordPart::CommandSubst { script, quoted });
            }
            Some('{') => self.braced(b, quoted)?,
            Some('?') => {
                self.pos += 2;
                b.push(WordPart::LastStatus { quoted });
            }
            Some(c) if c.is_ascii_alphabetic() || c == '_' => {
                let len = after
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(after.len());
                b.push(WordPart::Var {
                    name: after[..len].to_owned(),
                    quoted,
                });
                self.pos += 1 + len;
            }
            Some(c) if c.is_ascii_digit() || is_special_param(c) => {
                self.pos += 2;
                b.push(WordPart::Var {
                    name: c.to_string(),
                    quoted,
                });
            }
            Some('\'') if !quoted => {
                self.pos += 2;
                self.ansi_c(b)?;
            }
            // `$"..."` is bash's translated string; with no catalogue it is plain "...".
            Some('"') if !quoted => {
                self.pos += 2;
                self.double_quoted(b)?;
            }
            // Stored as quoted so rendering it back can never form an expansion.
            _ => {
                self.pos += 1;
                b.literal("$", true);
            }
        }
        Ok(())
    }

    /// `$((...))`, cursor on the `$`: the text up to the `))` that closes it, with
    /// parentheses balanced, as a word of quoted literals and expansions.
    fn arith(&mut self, b: &mut WordBuilder, quoted: bool) -> Result<(), ParseError> {
        const UNCLOSED: ParseError = ParseError::UnclosedParen("$((");
        self.pos += 3;
        self.enter_nesting()?;
        let mut expr = WordBuilder::default();
        let mut parens = 0usize;
        loop {
            let rest = self.rest();
            let end = rest.find(['(', ')', '$', '`']).ok_or(UNCLOSED)?;
            if end > 0 {
                expr.literal(&rest[..end], true);
                self.pos += end;
            }
            match self.peek() {
                Some('(') => {
                    parens += 1;
                    expr.literal("(", true);
                    self.pos += 1;
                }
                Some(')') if parens > 0 => {
                    parens -= 1;
                    expr.literal(")", true);
                    self.pos += 1;
                }
                Some(')') => {
                    if !self.rest().starts_with("))") {
                        // `$((1+2)` ran out; `$((1) + 2))` closed too early.
                        if self.rest().len() == 1 {
                            return Err(UNCLOSED);
                        }
                        return Err(ParseError::UnexpectedToken(")".to_owned()));
                    }
                    self.pos += 2;
                    break;
                }
                Some('$') => self.dollar(&mut expr, true)?,
                Some('`') => self.backtick(&mut expr, true)?,
                _ => return Err(UNCLOSED),
            }
        }
        self.depth -= 1;
        b.push(WordPart::Arith {
            expr: Word { parts: expr.parts },
            quoted,
        });
        Ok(())
    }

    /// `${...}`, cursor on the `$`: a parameter, alone or with an operator
    /// (see [`ParamOp`]).
    fn braced(&mut self, b: &mut WordBuilder, quoted: bool) -> Result<(), ParseError> {
        let start = self.pos + 2;
        // What an error shows: the text up to the first `}`.
        let shown = |src: &str| -> Result<String, ParseError> {
            let body = &src[start..];
            let len = body.find('}').ok_or(ParseError::UnclosedParen("${"))?;
            Ok(format!("${{{}}}", clip(&body[..len])))
        };
        self.pos = start;
        let rest = self.rest();
        // `${#X}` is X's length; `${#}` is the parameter `#`.
        let length = rest.starts_with('#') && param_name_len(&rest[1..]) > 0 && {
            let after = &rest[1 + param_name_len(&rest[1..])..];
            after.starts_with('}')
        };
        if length {
            self.pos += 1;
        }
        let len = param_name_len(self.rest());
        if len == 0 {
            return Err(ParseError::BadSubstitution(shown(self.src)?));
        }
        let name = self.rest()[..len].to_owned();
        self.pos += len;
        let rest = self.rest();
        let op = if let Some(after) = rest.strip_prefix('}') {
            let _ = after;
            self.pos += 1;
            if length {
                ParamOp::Length
            } else if name == "?" {
                b.push(WordPart::LastStatus { quoted });
                return Ok(());
            } else {
                b.push(WordPart::Var { name, quoted });
                return Ok(());
            }
        } else {
            let colon = rest.starts_with(':');
            let after_colon = &rest[usize::from(colon)..];
            let test = match after_colon.chars().next() {
                Some('-') => Some(ParamTest::Default),
                Some('=') => Some(ParamTest::Assign),
                Some('+') => Some(ParamTest::Alternative),
                Some('?') => Some(ParamTest::Error),
                _ => None,
            };
            if let Some(test) = test {
                self.pos += usize::from(colon) + 1;
                let word = self.param_word(quoted, false)?;
                ParamOp::Test { test, colon, word }
            } else if !colon && (rest.starts_with('#') || rest.starts_with('%')) {
                let c = &rest[..1];
                let longest = rest[1..].starts_with(c);
                self.pos += 1 + usize::from(longest);
                let pattern = self.param_word(quoted, true)?;
                ParamOp::Trim {
                    suffix: c == "%",
                    longest,
                    pattern,
                }
            } else if colon && after_colon.starts_with('}') {
                // ash reads `${X:}` as the start of `${X:offset}` and finds no `}` for it.
                return Err(ParseError::UnclosedParen("${"));
            } else {
                // ash's substring and replacement forms (`${X:1:2}`, `${X/a/b}`) are
                // valid there but not here; anything else is a bad substitution.
                let text = shown(self.src)?;
                let supported_elsewhere = (colon
                    && after_colon.chars().next().is_some_and(|c| c != '}'))
                    || rest.starts_with('/');
                return Err(
                    if supported_elsewhere && !text.contains(char::is_whitespace) {
                        ParseError::Unsupported(text)
                    } else {
                        ParseError::BadSubstitution(text)
                    },
                );
            }
        };
        b.push(WordPart::Param { name, op, quoted });
        Ok(())
    }

    /// The word after a `${X` operator, up to and including the `}` that closes it. Inside
    /// double quotes (`quoted`) its text is quoted and a single quote is an ordinary
    /// character, except in a pattern, whose unquoted characters always stay pattern
    /// characters and where single quotes quote, as in ash.
    fn param_word(&mut self, quoted: bool, pattern: bool) -> Result<Word, ParseError> {
        const UNCLOSED: ParseError = ParseError::UnclosedParen("${");
        self.enter_nesting()?;
        let mut b = WordBuilder::default();
        let plain_quoted = quoted && !pattern;
        loop {
            match self.peek().ok_or(UNCLOSED)? {
                '}' => {
                    self.pos += 1;
                    break;
                }
                '\'' if !plain_quoted => {
                    self.pos += 1;
                    let end = self.rest().find('\'').ok_or(UNCLOSED)?;
                    b.literal(&self.rest()[..end], true);
                    self.pos += end + 1;
                }
                '"' => {
                    self.pos += 1;
                    self.double_quoted(&mut b)?;
                }
                '\\' => {
                    self.pos += 1;
                    match self.bump().ok_or(UNCLOSED)? {
                        '\n' => {}
                        c if !quoted || pattern || matches!(c, '$' | '`' | '"' | '\\' | '}') => {
                            b.char(c, true)
                        }
                        c => {
                            b.literal("\\", true);
                            b.char(c, true);
                        }
                    }
                }
                '$' => self.dollar(&mut b, plain_quoted)?,
                '`' => self.backtick(&mut b, plain_quoted)?,
                _ => {
                    let rest = self.rest();
                    let end = rest
                        .find(['}', '\'', '"', '\\', '$', '`'])
                        .unwrap_or(rest.len());
                    let end = if end == 0 { 1 } else { end };
                    b.literal(&rest[..end], plain_quoted);
                    self.pos += end;
                }
            }
        }
        self.depth -= 1;
        Ok(Word {
            parts: normalize(b.parts),
        })
    }

    /// The inside of `$'...'`, cursor just after the opening quote.
    fn ansi_c(&mut self, b: &mut WordBuilder) -> Result<(), ParseError> {
        const UNCLOSED: ParseError = ParseError::UnclosedQuote('\'');
        let mut out = String::new();
        loop {
            let c = self.bump().ok_or(UNCLOSED)?;
            if c == '\'' {
                break;
            }
            if c != '\\' {
                out.push(c);
                continue;
            }
            let e = self.bump().ok_or(UNCLOSED)?;
            let decoded = match e {
                'a' => '\x07',
                'b' => '\x08',
                'e' | 'E' => '\x1b',
                'f' => '\x0c',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'v' => '\x0b',
                '\\' | '\'' | '"' | '?' => e,
                '0'..='7' => {
                    self.pos -= 1;
                    out.push(self.code_point(8, 3).unwrap_or('\0'));
                    continue;
                }
                'x' | 'u' | 'U' => {
                    let max = match e {
                        'x' => 2,
                        'u' => 4,
                        _ => 8,
                    };
                    match self.code_point(16, max) {
                        Some(c) => out.push(c),
                        // No hex digit: bash keeps the escape as written.
                        None => {
                            out.push('\\');
                            out.push(e);
                        }
                    }
                    continue;
                }
                'c' => {
                    let x = self.bump().ok_or(UNCLOSED)?;
                    char::from_u32(u32::from(x) & 0x1f).unwrap_or('\0')
                }
                other => {
                    out.push('\\');
                    other
                }
            };
            out.push(decoded);
        }
        // bash cuts the string at a NUL byte, since argv strings cannot hold one.
        if let Some(i) = out.find('\0') {
            out.truncate(i);
        }
        b.literal(&out, true);
        Ok(())
    }

    /// Up to `max` digits in `radix` as a character; `None` if there is no digit.
    /// Bytes above 0x7f (`\xff`) become the code point of that value, since a `String`
    /// cannot hold a lone byte.
    fn code_point(&mut self, radix: u32, max: usize) -> Option<char> {
        let rest = self.rest();
        let len = rest
            .char_indices()
            .take(max)
            .find(|(_, c)| !c.is_digit(radix))
            .map_or_else(|| rest.len().min(max), |(i, _)| i);
        if len == 0 {
            return None;
        }
        let value = u32::from_str_radix(&rest[..len], radix).ok();
        self.pos += len;
        // An invalid code point (a surrogate, or beyond U+10FFFF) becomes U+FFFD.
        Some(value.and_then(char::from_u32).unwrap_or('\u{fffd}'))
    }

    /// `` `...` ``, cursor on the opening backtick.
    fn backtick(&mut self, b: &mut WordBuilder, quoted: bool) -> Result<(), ParseError> {
        self.pos += 1;
        let mut inner = String::new();
        loop {
            match self.bump().ok_or(ParseError::UnclosedQuote('`'))? {
                '`' => break,
                // Inside backticks a backslash quotes only `$`, `` ` ``, `\`, and `"` when the
                // backticks are themselves inside double quotes; the body is then re-parsed.
                '\\' => match self.peek() {
                    Some(e @ ('$' | '`' | '\\')) => {
                        self.pos += 1;
                        inner.push(e);
                    }
                    Some('"') if quoted => {
                        self.pos += 1;
                        inner.push('"');
                    }
                    _ => inner.push('\\'),
                },
                c => inner.push(c),
            }
        }
        self.enter_nesting()?;
        let line = self.line_here();
        let mut sub = Parser {
            src: &inner,
            pos: 0,
            depth: self.depth,
            budget: &mut *self.budget,
            last_closer: "",
            line_mark: (0, line),
            heredoc_jump: None,
        };
        let script = sub.list(End::Eof)?;
        self.depth -= 1;
        b.push(WordPart::CommandSubst { script, quoted });
        Ok(())
    }
}

/// The length of the parameter name at the start of `s`: a name, digits, or one special
/// parameter (`$ # @ * ! - ?`); 0 if there is none.
fn param_name_len(s: &str) -> usize {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => s
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(s.len()),
        Some(c) if c.is_ascii_digit() => s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()),
        Some(c) if is_special_param(c) || c == '?' => 1,
        _ => 0,
    }
}

fn is_special_param(c: char) -> bool {
    matches!(c, '$' | '#' | '@' | '*' | '!' | '-')
}

fn is_name(s: &str) -> bool {
    let mut bytes = s.bytes();
    bytes
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == b'_')
        && bytes.all(|c| c.is_ascii_alphanumeric() || c == b'_')
}

/// Keeps error messages short when the offending text is huge.
fn clip(s: &str) -> String {
    const MAX: usize = 40;
    match s.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

/// Turns `NAME=value` (name and `=` unquoted) into an assignment; gives the word back if not.
fn split_assignment(word: Word) -> Result<Assignment, Word> {
    let Some(WordPart::Literal {
        text,
        quoted: false,
    }) = word.parts.first()
    else {
        return Err(word);
    };
    let Some(eq) = text.find('=') else {
        return Err(word);
    };
    if !is_name(&text[..eq]) {
        return Err(word);
    }
    let name = text[..eq].to_owned();
    let rest = text[eq + 1..].to_owned();
    let mut parts = word.parts;
    parts.remove(0);
    if !rest.is_empty() {
        parts.insert(
            0,
            WordPart::Literal {
                text: rest,
                quoted: false,
            },
        );
    }
    Ok(Assignment {
        name,
        value: Word { parts },
    })
}

/// Collects the parts of one word, merging adjacent literals as they come.
#[derive(Default)]
struct WordBuilder {
    parts: Vec<WordPart>,
}

impl WordBuilder {
    fn literal(&mut self, text: &str, quoted: bool) {
        if let Some(WordPart::Literal {
            text: last,
            quoted: q,
        }) = self.parts.last_mut()
        {
            if *q == quoted {
                last.push_str(text);
                return;
            }
        }
        if text.is_empty() && !quoted {
            return;
        }
        self.parts.push(WordPart::Literal {
            text: text.to_owned(),
            quoted,
        });
    }

    fn char(&mut self, c: char, quoted: bool) {
        self.literal(c.encode_utf8(&mut [0; 4]), quoted);
    }

    fn push(&mut self, part: WordPart) {
        self.parts.push(part);
    }

    /// The descriptor number if the word so far is unquoted digits that bash accepts as one.
    fn as_fd(&self) -> Option<u32> {
        match self.parts.as_slice() {
            [WordPart::Literal {
                text,
                quoted: false,
            }] if text.bytes().all(|c| c.is_ascii_digit()) => {
                // Numbers past i32 are ordinary words in bash (`99999999999>f` writes a file).
                text.parse::<i32>().ok().and_then(|n| u32::try_from(n).ok())
            }
            _ => None,
        }
    }
}

/// Drops empty quoted literals that do not decide whether the word exists, then re-merges.
fn normalize(parts: Vec<WordPart>) -> Vec<WordPart> {
    let is_empty_literal =
        |p: &WordPart| matches!(p, WordPart::Literal { text, .. } if text.is_empty());
    let has_quoted_content = parts.iter().any(|p| p.is_quoted() && !is_empty_literal(p));
    let mut kept_empty = false;
    let mut out: Vec<WordPart> = Vec::with_capacity(parts.len());
    for part in parts {
        if is_empty_literal(&part) {
            if has_quoted_content || kept_empty {
                continue;
            }
            kept_empty = true;
        }
        if let (
            Some(WordPart::Literal {
                text: last,
                quoted: q,
            }),
            WordPart::Literal { text, quoted },
        ) = (out.last_mut(), &part)
        {
            if q == quoted {
                last.push_str(text);
                continue;
            }
        }
        out.push(part);
    }
    out
}
