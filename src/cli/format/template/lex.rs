//! Lexer for Go's text/template syntax (Go 1.24 `text/template/parse/lex.go` behaviour).

use crate::cli::format::table::{go_quote, is_go_print};

const LEFT_DELIM: &str = "{{";
const RIGHT_DELIM: &str = "}}";
const LEFT_COMMENT: &str = "/*";
const RIGHT_COMMENT: &str = "*/";

/// Kinds of lexical items, in Go's order: keywords come after `Keyword`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum ItemType {
    Error,
    Bool,
    Char,
    CharConstant,
    Complex,
    Assign,
    Declare,
    Eof,
    Field,
    Identifier,
    LeftDelim,
    LeftParen,
    Number,
    Pipe,
    RawString,
    RightDelim,
    RightParen,
    Space,
    String,
    Text,
    Variable,
    Keyword,
    Block,
    Break,
    Continue,
    Dot,
    Define,
    Else,
    End,
    If,
    Nil,
    Range,
    Template,
    With,
}

/// One token: its kind, byte offset, text (or error message) and starting line.
#[derive(Clone, Debug)]
pub(super) struct Item {
    pub typ: ItemType,
    pub pos: usize,
    pub val: String,
    pub line: usize,
}

impl std::fmt::Display for Item {
    /// Go's `item.String()`, which parse errors quote.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.typ {
            ItemType::Eof => f.write_str("EOF"),
            ItemType::Error => f.write_str(&self.val),
            t if t > ItemType::Keyword => write!(f, "<{}>", self.val),
            _ if self.val.len() > 10 => {
                let head: String = self.val.chars().take(10).collect();
                write!(f, "{}...", go_quote(&head))
            }
            _ => f.write_str(&go_quote(&self.val)),
        }
    }
}

fn keyword(word: &str) -> Option<ItemType> {
    Some(match word {
        "." => ItemType::Dot,
        "block" => ItemType::Block,
        "break" => ItemType::Break,
        "continue" => ItemType::Continue,
        "define" => ItemType::Define,
        "else" => ItemType::Else,
        "end" => ItemType::End,
        "if" => ItemType::If,
        "range" => ItemType::Range,
        "nil" => ItemType::Nil,
        "template" => ItemType::Template,
        "with" => ItemType::With,
        _ => return None,
    })
}

fn is_space(c: Option<char>) -> bool {
    matches!(c, Some(' ' | '\t' | '\r' | '\n'))
}

fn is_alphanumeric(c: Option<char>) -> bool {
    matches!(c, Some(c) if c == '_' || c.is_alphabetic() || c.is_numeric())
}

fn has_left_trim_marker(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 2 && b[0] == b'-' && matches!(b[1], b' ' | b'\t' | b'\r' | b'\n')
}

fn has_right_trim_marker(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 2 && matches!(b[0], b' ' | b'\t' | b'\r' | b'\n') && b[1] == b'-'
}

/// Go's `%#U`: `U+0023 '#'`, or just `U+0001` for a character that is not printable.
pub(super) fn sharp_u(c: char) -> String {
    if is_go_print(c) {
        format!("U+{:04X} '{}'", u32::from(c), c)
    } else {
        format!("U+{:04X}", u32::from(c))
    }
}

struct Lexer<'a> {
    input: &'a str,
    pos: usize,
    start: usize,
    paren_depth: i64,
    items: Vec<Item>,
    /// Last (offset, line) computed, so counting lines stays linear on long input.
    line_mark: (usize, usize),
}

/// Result of one lexing state: continue in text, inside an action, or stop.
enum State {
    Text,
    Action,
    Done,
}

/// Splits `input` into items; the last item is `Eof` or an `Error` carrying Go's message.
pub(super) fn lex(input: &str) -> Vec<Item> {
    let mut l = Lexer {
        input,
        pos: 0,
        start: 0,
        paren_depth: 0,
        items: Vec::new(),
        line_mark: (0, 1),
    };
    let mut state = State::Text;
    loop {
        state = match state {
            State::Text => l.lex_text(),
            State::Action => l.lex_inside_action(),
            State::Done => break,
        };
    }
    l.items
}

impl Lexer<'_> {
    fn rest(&self) -> &str {
        self.input.get(self.pos..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn backup(&mut self, c: Option<char>) {
        if let Some(c) = c {
            self.pos -= c.len_utf8();
        }
    }

    fn line_at(&mut self, pos: usize) -> usize {
        let (mark, line) = self.line_mark;
        let line = if pos >= mark {
            line + self.input[mark..pos].matches('\n').count()
        } else {
            1 + self.input[..pos].matches('\n').count()
        };
        self.line_mark = (pos, line);
        line
    }

    fn emit_range(&mut self, typ: ItemType, from: usize, to: usize) {
        let line = self.line_at(from);
        self.items.push(Item {
            typ,
            pos: from,
            val: self.input[from..to].to_string(),
            line,
        });
    }

    fn emit(&mut self, typ: ItemType) {
        self.emit_range(typ, self.start, self.pos);
        self.start = self.pos;
    }

    fn error(&mut self, message: String) -> State {
        let line = self.line_at(self.start);
        self.items.push(Item {
            typ: ItemType::Error,
            pos: self.start,
            val: message,
            line,
        });
        State::Done
    }

    fn lex_text(&mut self) -> State {
        let Some(x) = self.rest().find(LEFT_DELIM) else {
            self.pos = self.input.len();
            if self.pos > self.start {
                self.emit(ItemType::Text);
            }
            self.emit(ItemType::Eof);
            return State::Done;
        };
        self.pos += x;
        let after_delim = &self.input[self.pos + LEFT_DELIM.len()..];
        let mut text_end = self.pos;
        if has_left_trim_marker(after_delim) {
            text_end = self.start
                + self.input[self.start..self.pos]
                    .trim_end_matches([' ', '\t', '\r', '\n'])
                    .len();
        }
        if text_end > self.start {
            self.emit_range(ItemType::Text, self.start, text_end);
        }
        self.start = self.pos;
        self.lex_left_delim()
    }

    fn lex_left_delim(&mut self) -> State {
        self.pos += LEFT_DELIM.len();
        let trim = has_left_trim_marker(self.rest());
        let after_marker = if trim { 2 } else { 0 };
        if self.input[self.pos + after_marker..].starts_with(LEFT_COMMENT) {
            self.pos += after_marker;
            self.start = self.pos;
            return self.lex_comment();
        }
        self.emit(ItemType::LeftDelim);
        self.pos += after_marker;
        self.start = self.pos;
        self.paren_depth = 0;
        State::Action
    }

    fn lex_comment(&mut self) -> State {
        self.pos += LEFT_COMMENT.len();
        let Some(i) = self.rest().find(RIGHT_COMMENT) else {
            return self.error("unclosed comment".to_string());
        };
        self.pos += i + RIGHT_COMMENT.len();
        let (delim, trim) = self.at_right_delim();
        if !delim {
            return self.error("comment ends before closing delimiter".to_string());
        }
        if trim {
            self.pos += 2;
        }
        self.pos += RIGHT_DELIM.len();
        if trim {
            self.skip_leading_space();
        }
        self.start = self.pos;
        State::Text
    }

    fn skip_leading_space(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start_matches([' ', '\t', '\r', '\n']).len();
    }

    fn at_right_delim(&self) -> (bool, bool) {
        let rest = self.rest();
        if has_right_trim_marker(rest) && rest[2..].starts_with(RIGHT_DELIM) {
            return (true, true);
        }
        (rest.starts_with(RIGHT_DELIM), false)
    }

    fn lex_right_delim(&mut self) -> State {
        let (_, trim) = self.at_right_delim();
        if trim {
            self.pos += 2;
            self.start = self.pos;
        }
        self.pos += RIGHT_DELIM.len();
        self.emit(ItemType::RightDelim);
        if trim {
            self.skip_leading_space();
            self.start = self.pos;
        }
        State::Text
    }

    fn at_terminator(&self) -> bool {
        let c = self.peek();
        if is_space(c) {
            return true;
        }
        match c {
            None | Some('.' | ',' | '|' | ':' | ')' | '(') => true,
            _ => self.rest().starts_with(RIGHT_DELIM),
        }
    }

    fn lex_inside_action(&mut self) -> State {
        let (delim, _) = self.at_right_delim();
        if delim {
            if self.paren_depth == 0 {
                return self.lex_right_delim();
            }
            return self.error("unclosed left paren".to_string());
        }
        let c = self.next();
        match c {
            None => self.error("unclosed action".to_string()),
            Some(' ' | '\t' | '\r' | '\n') => {
                self.backup(c);
                self.lex_space()
            }
            Some('=') => {
                self.emit(ItemType::Assign);
                State::Action
            }
            Some(':') => {
                if self.next() != Some('=') {
                    return self.error("expected :=".to_string());
                }
                self.emit(ItemType::Declare);
                State::Action
            }
            Some('|') => {
                self.emit(ItemType::Pipe);
                State::Action
            }
            Some('"') => self.lex_quote('"', ItemType::String, "unterminated quoted string"),
            Some('\'') => self.lex_quote(
                '\'',
                ItemType::CharConstant,
                "unterminated character constant",
            ),
            Some('`') => self.lex_raw_quote(),
            Some('$') => self.lex_variable(),
            Some('.') if !matches!(self.peek(), None | Some('0'..='9')) => {
                self.lex_field_or_variable(ItemType::Field)
            }
            Some('.' | '+' | '-' | '0'..='9') => {
                self.backup(c);
                self.lex_number()
            }
            Some(_) if is_alphanumeric(c) => {
                self.backup(c);
                self.lex_identifier()
            }
            Some('(') => {
                self.emit(ItemType::LeftParen);
                self.paren_depth += 1;
                State::Action
            }
            Some(')') => {
                self.paren_depth -= 1;
                if self.paren_depth < 0 {
                    return self.error("unexpected right paren".to_string());
                }
                self.emit(ItemType::RightParen);
                State::Action
            }
            Some(ch) if ch.is_ascii() && !ch.is_ascii_control() => {
                self.emit(ItemType::Char);
                State::Action
            }
            Some(ch) => self.error(format!("unrecognized character in action: {}", sharp_u(ch))),
        }
    }

    fn lex_space(&mut self) -> State {
        let mut spaces = 0;
        while is_space(self.peek()) {
            self.next();
            spaces += 1;
        }
        // A space may belong to a trim-marked closing delimiter " -}}".
        let before = &self.input[self.pos - 1..];
        if has_right_trim_marker(before) && before[2..].starts_with(RIGHT_DELIM) {
            self.pos -= 1;
            if spaces == 1 {
                return self.lex_right_delim();
            }
        }
        self.emit(ItemType::Space);
        State::Action
    }

    fn lex_identifier(&mut self) -> State {
        loop {
            let c = self.next();
            if is_alphanumeric(c) {
                continue;
            }
            self.backup(c);
            if !self.at_terminator() {
                return self.bad_character(c);
            }
            let word = &self.input[self.start..self.pos];
            let typ = match keyword(word) {
                Some(k) => k,
                None if word == "true" || word == "false" => ItemType::Bool,
                None => ItemType::Identifier,
            };
            self.emit(typ);
            return State::Action;
        }
    }

    fn bad_character(&mut self, c: Option<char>) -> State {
        let shown = c
            .map(sharp_u)
            .unwrap_or_else(|| "U+FFFFFFFFFFFFFFFF".to_string());
        self.error(format!("bad character {shown}"))
    }

    fn lex_variable(&mut self) -> State {
        if self.at_terminator() {
            self.emit(ItemType::Variable);
            return State::Action;
        }
        self.lex_field_or_variable(ItemType::Variable)
    }

    fn lex_field_or_variable(&mut self, typ: ItemType) -> State {
        if self.at_terminator() {
            self.emit(if typ == ItemType::Variable {
                ItemType::Variable
            } else {
                ItemType::Dot
            });
            return State::Action;
        }
        let mut c;
        loop {
            c = self.next();
            if !is_alphanumeric(c) {
                self.backup(c);
                break;
            }
        }
        if !self.at_terminator() {
            return self.bad_character(c);
        }
        self.emit(typ);
        State::Action
    }

    fn lex_quote(&mut self, quote: char, typ: ItemType, unterminated: &str) -> State {
        loop {
            match self.next() {
                Some('\\') => {
                    if matches!(self.next(), None | Some('\n')) {
                        return self.error(unterminated.to_string());
                    }
                }
                None | Some('\n') => return self.error(unterminated.to_string()),
                Some(c) if c == quote => break,
                Some(_) => {}
            }
        }
        self.emit(typ);
        State::Action
    }

    fn lex_raw_quote(&mut self) -> State {
        loop {
            match self.next() {
                None => return self.error("unterminated raw quoted string".to_string()),
                Some('`') => break,
                Some(_) => {}
            }
        }
        self.emit(ItemType::RawString);
        State::Action
    }

    fn accept(&mut self, valid: &str) -> bool {
        match self.peek() {
            Some(c) if valid.contains(c) => {
                self.next();
                true
            }
            _ => false,
        }
    }

    fn accept_run(&mut self, valid: &str) {
        while self.accept(valid) {}
    }

    fn scan_number(&mut self) -> bool {
        self.accept("+-");
        let mut digits = "0123456789_";
        if self.accept("0") {
            if self.accept("xX") {
                digits = "0123456789abcdefABCDEF_";
            } else if self.accept("oO") {
                digits = "01234567_";
            } else if self.accept("bB") {
                digits = "01_";
            }
        }
        self.accept_run(digits);
        if self.accept(".") {
            self.accept_run(digits);
        }
        if digits.len() == 11 && self.accept("eE") {
            self.accept("+-");
            self.accept_run("0123456789_");
        }
        if digits.len() == 23 && self.accept("pP") {
            self.accept("+-");
            self.accept_run("0123456789_");
        }
        self.accept("i");
        if is_alphanumeric(self.peek()) {
            self.next();
            return false;
        }
        true
    }

    fn lex_number(&mut self) -> State {
        if !self.scan_number() {
            let text = go_quote(&self.input[self.start..self.pos]);
            return self.error(format!("bad number syntax: {text}"));
        }
        if matches!(self.peek(), Some('+' | '-')) {
            if !self.scan_number() || !self.input[..self.pos].ends_with('i') {
                let text = go_quote(&self.input[self.start..self.pos]);
                return self.error(format!("bad number syntax: {text}"));
            }
            self.emit(ItemType::Complex);
        } else {
            self.emit(ItemType::Number);
        }
        State::Action
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(input: &str) -> Vec<(ItemType, String)> {
        lex(input).into_iter().map(|i| (i.typ, i.val)).collect()
    }

    #[test]
    fn tokens() {
        use ItemType::*;
        let cases: &[(&str, &[(ItemType, &str)])] = &[
            ("abc", &[(Text, "abc"), (Eof, "")]),
            (
                "a{{.ID}}b",
                &[
                    (Text, "a"),
                    (LeftDelim, "{{"),
                    (Field, ".ID"),
                    (RightDelim, "}}"),
                    (Text, "b"),
                    (Eof, ""),
                ],
            ),
            (
                "x  {{- .A.B -}}  y",
                &[
                    (Text, "x"),
                    (LeftDelim, "{{"),
                    (Field, ".A"),
                    (Field, ".B"),
                    (RightDelim, "}}"),
                    (Text, "y"),
                    (Eof, ""),
                ],
            ),
            (
                "{{-3}}",
                &[
                    (LeftDelim, "{{"),
                    (Number, "-3"),
                    (RightDelim, "}}"),
                    (Eof, ""),
                ],
            ),
            (
                "{{$x := 1}}",
                &[
                    (LeftDelim, "{{"),
                    (Variable, "$x"),
                    (Space, " "),
                    (Declare, ":="),
                    (Space, " "),
                    (Number, "1"),
                    (RightDelim, "}}"),
                    (Eof, ""),
                ],
            ),
            ("{{/* c */}}x", &[(Text, "x"), (Eof, "")]),
            (
                "{{if true}}",
                &[
                    (LeftDelim, "{{"),
                    (If, "if"),
                    (Space, " "),
                    (Bool, "true"),
                    (RightDelim, "}}"),
                    (Eof, ""),
                ],
            ),
            (
                "{{.ID",
                &[
                    (LeftDelim, "{{"),
                    (Field, ".ID"),
                    (Error, "unclosed action"),
                ],
            ),
            (
                "{{.ID}x}}",
                &[(LeftDelim, "{{"), (Error, "bad character U+007D '}'")],
            ),
            (
                "{{ → }}",
                &[
                    (LeftDelim, "{{"),
                    (Space, " "),
                    (Error, "unrecognized character in action: U+2192 '→'"),
                ],
            ),
            (
                "{{3.ID}}",
                &[(LeftDelim, "{{"), (Error, "bad number syntax: \"3.I\"")],
            ),
            (
                "{{(.ID}}",
                &[
                    (LeftDelim, "{{"),
                    (LeftParen, "("),
                    (Field, ".ID"),
                    (Error, "unclosed left paren"),
                ],
            ),
            ("{{/* x }}", &[(Error, "unclosed comment")]),
        ];
        for (input, want) in cases {
            let want: Vec<(ItemType, std::string::String)> =
                want.iter().map(|(t, v)| (*t, v.to_string())).collect();
            assert_eq!(kinds(input), want, "{input:?}");
        }
    }

    #[test]
    fn item_display_matches_go() {
        let item = |typ, val: &str| Item {
            typ,
            pos: 0,
            val: val.to_string(),
            line: 1,
        };
        let cases = [
            (item(ItemType::Eof, ""), "EOF"),
            (item(ItemType::Char, "#"), "\"#\""),
            (item(ItemType::Dot, "."), "<.>"),
            (item(ItemType::Field, ".ID"), "\".ID\""),
            (
                item(ItemType::String, "\"abcdefghijkl\""),
                "\"\\\"abcdefghi\"...",
            ),
        ];
        for (it, want) in cases {
            assert_eq!(it.to_string(), want);
        }
    }
}
