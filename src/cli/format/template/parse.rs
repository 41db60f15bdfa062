//! Parser for Go's text/template syntax, building the tree `exec` walks; structure, node
//! positions and error wording follow Go 1.24's `text/template/parse`.

use std::fmt;

use super::lex::{lex, Item, ItemType};
use crate::cli::format::table::go_quote;

/// Deepest nesting of parentheses or control structures accepted; deeper input is refused
/// instead of risking a stack overflow.
pub(super) const MAX_DEPTH: usize = 100;

/// A parsed numeric or character constant, with every interpretation Go keeps.
#[derive(Clone, Debug)]
pub(super) struct Number {
    pub text: String,
    pub int: Option<i64>,
    pub is_uint: bool,
    pub float: Option<f64>,
    pub complex: Option<(f64, f64)>,
}

/// An operand: one word of a command.
#[derive(Clone, Debug)]
pub(super) enum Operand {
    Field {
        pos: usize,
        ident: Vec<String>,
    },
    Chain {
        pos: usize,
        node: Box<Operand>,
        fields: Vec<String>,
    },
    Identifier {
        pos: usize,
        name: String,
    },
    Dot {
        pos: usize,
    },
    Nil {
        pos: usize,
    },
    Variable {
        pos: usize,
        ident: Vec<String>,
    },
    Bool {
        pos: usize,
        value: bool,
    },
    Number {
        pos: usize,
        number: Number,
    },
    Str {
        pos: usize,
        quoted: String,
        text: String,
    },
    Pipe(Box<Pipe>),
}

/// A command: operands separated by spaces; the first one says what is evaluated.
#[derive(Clone, Debug)]
pub(super) struct Command {
    pub pos: usize,
    pub args: Vec<Operand>,
}

/// A pipeline `$x := a b | c d`.
#[derive(Clone, Debug)]
pub(super) struct Pipe {
    pub pos: usize,
    pub is_assign: bool,
    pub decl: Vec<String>,
    pub cmds: Vec<Command>,
}

/// Body of `if`, `range` and `with`.
#[derive(Clone, Debug)]
pub(super) struct Branch {
    pub pos: usize,
    pub pipe: Pipe,
    pub list: Vec<Node>,
    pub else_list: Option<Vec<Node>>,
}

/// A node of the template body.
#[derive(Clone, Debug)]
pub(super) enum Node {
    Text {
        pos: usize,
        text: String,
    },
    Action {
        pos: usize,
        pipe: Pipe,
    },
    If(Branch),
    Range(Branch),
    With(Branch),
    Break {
        pos: usize,
    },
    Continue {
        pos: usize,
    },
    Template {
        pos: usize,
        name: String,
        pipe: Option<Pipe>,
    },
}

/// The main body and the templates named by `define`/`block`.
#[derive(Clone, Debug, Default)]
pub(super) struct Tree {
    pub root: Vec<Node>,
    pub defs: Vec<(String, Vec<Node>)>,
}

impl Operand {
    pub fn pos(&self) -> usize {
        match self {
            Operand::Field { pos, .. }
            | Operand::Chain { pos, .. }
            | Operand::Identifier { pos, .. }
            | Operand::Dot { pos }
            | Operand::Nil { pos }
            | Operand::Variable { pos, .. }
            | Operand::Bool { pos, .. }
            | Operand::Number { pos, .. }
            | Operand::Str { pos, .. } => *pos,
            Operand::Pipe(p) => p.pos,
        }
    }
}

impl Node {
    pub fn pos(&self) -> usize {
        match self {
            Node::Text { pos, .. }
            | Node::Action { pos, .. }
            | Node::Break { pos }
            | Node::Continue { pos }
            | Node::Template { pos, .. } => *pos,
            Node::If(b) | Node::Range(b) | Node::With(b) => b.pos,
        }
    }
}

// The Display impls reproduce Go's `Node.String()`, which execution errors quote as context.

impl fmt::Display for Operand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Operand::Field { ident, .. } => ident.iter().try_for_each(|id| write!(f, ".{id}")),
            Operand::Chain { node, fields, .. } => {
                match node.as_ref() {
                    Operand::Pipe(p) => write!(f, "({p})")?,
                    other => write!(f, "{other}")?,
                }
                fields.iter().try_for_each(|id| write!(f, ".{id}"))
            }
            Operand::Identifier { name, .. } => f.write_str(name),
            Operand::Dot { .. } => f.write_str("."),
            Operand::Nil { .. } => f.write_str("nil"),
            Operand::Variable { ident, .. } => f.write_str(&ident.join(".")),
            Operand::Bool { value, .. } => write!(f, "{value}"),
            Operand::Number { number, .. } => f.write_str(&number.text),
            Operand::Str { quoted, .. } => f.write_str(quoted),
            Operand::Pipe(p) => write!(f, "{p}"),
        }
    }
}

impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, arg) in self.args.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            match arg {
                Operand::Pipe(p) => write!(f, "({p})")?,
                other => write!(f, "{other}")?,
            }
        }
        Ok(())
    }
}

impl fmt::Display for Pipe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.decl.is_empty() {
            f.write_str(&self.decl.join(", "))?;
            f.write_str(if self.is_assign { " = " } else { " := " })?;
        }
        for (i, cmd) in self.cmds.iter().enumerate() {
            if i > 0 {
                f.write_str(" | ")?;
            }
            write!(f, "{cmd}")?;
        }
        Ok(())
    }
}

fn write_list(f: &mut fmt::Formatter<'_>, list: &[Node]) -> fmt::Result {
    list.iter().try_for_each(|n| write!(f, "{n}"))
}

fn write_branch(f: &mut fmt::Formatter<'_>, keyword: &str, b: &Branch) -> fmt::Result {
    write!(f, "{{{{{keyword} {}}}}}", b.pipe)?;
    write_list(f, &b.list)?;
    if let Some(else_list) = &b.else_list {
        f.write_str("{{else}}")?;
        write_list(f, else_list)?;
    }
    f.write_str("{{end}}")
}

impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Node::Text { text, .. } => f.write_str(text),
            Node::Action { pipe, .. } => write!(f, "{{{{{pipe}}}}}"),
            Node::If(b) => write_branch(f, "if", b),
            Node::Range(b) => write_branch(f, "range", b),
            Node::With(b) => write_branch(f, "with", b),
            Node::Break { .. } => f.write_str("{{break}}"),
            Node::Continue { .. } => f.write_str("{{continue}}"),
            Node::Template { name, pipe, .. } => {
                write!(f, "{{{{template {}", go_quote(name))?;
                if let Some(p) = pipe {
                    write!(f, " {p}")?;
                }
                f.write_str("}}")
            }
        }
    }
}

/// Go's strconv.UnquoteChar: one possibly escaped character at the start of `s`, as
/// (value, whether it is a full rune rather than a byte, rest of `s`).
fn unquote_char(s: &str, quote: char) -> Option<(u32, bool, &str)> {
    let mut chars = s.chars();
    let c = chars.next()?;
    if c == quote && (quote == '\'' || quote == '"') {
        return None;
    }
    if !c.is_ascii() {
        return Some((u32::from(c), true, chars.as_str()));
    }
    if c != '\\' {
        return Some((u32::from(c), false, chars.as_str()));
    }
    let e = chars.next()?;
    let rest = chars.as_str();
    let simple = |v: char| Some((u32::from(v), false, rest));
    match e {
        'a' => simple('\u{7}'),
        'b' => simple('\u{8}'),
        'f' => simple('\u{c}'),
        'n' => simple('\n'),
        'r' => simple('\r'),
        't' => simple('\t'),
        'v' => simple('\u{b}'),
        '\\' => simple('\\'),
        '\'' | '"' if e == quote => simple(e),
        'x' | 'u' | 'U' => {
            let n = match e {
                'x' => 2,
                'u' => 4,
                _ => 8,
            };
            let digits = rest.get(..n)?;
            let v = u32::from_str_radix(digits, 16).ok()?;
            if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            if e == 'x' {
                return Some((v, false, &rest[n..]));
            }
            char::from_u32(v)?;
            Some((v, true, &rest[n..]))
        }
        '0'..='7' => {
            let digits = rest.get(..2)?;
            if !digits.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
                return None;
            }
            let v = (u32::from(e) - u32::from('0')) * 64 + u32::from_str_radix(digits, 8).ok()?;
            if v > 255 {
                return None;
            }
            Some((v, false, &rest[2..]))
        }
        _ => None,
    }
}

/// Go's strconv.Unquote for double-quoted and raw strings. Bytes from `\x` escapes that do not
/// form UTF-8 become U+FFFD, since values here are Rust strings.
fn unquote(s: &str) -> Option<String> {
    if let Some(raw) = s.strip_prefix('`').and_then(|r| r.strip_suffix('`')) {
        if raw.contains('`') {
            return None;
        }
        return Some(raw.replace('\r', ""));
    }
    let mut body = s.strip_prefix('"')?.strip_suffix('"')?;
    if body.contains('\n') {
        return None;
    }
    let mut bytes = Vec::with_capacity(body.len());
    while !body.is_empty() {
        let (value, multibyte, rest) = unquote_char(body, '"')?;
        if value < 0x80 || !multibyte {
            bytes.push(u8::try_from(value).ok()?);
        } else {
            let c = char::from_u32(value)?;
            let mut buf = [0; 4];
            bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
        body = rest;
    }
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// Go's strconv.ParseInt(text, 0, 64) / ParseUint: sign (signed only), base prefix,
/// underscores between digits.
fn parse_go_int(text: &str, signed: bool) -> Option<i128> {
    let (negative, body) = match text.as_bytes().first() {
        Some(b'+') if signed => (false, &text[1..]),
        Some(b'-') if signed => (true, &text[1..]),
        _ => (false, text),
    };
    let lower = body.to_ascii_lowercase();
    let (radix, digits, prefixed) = if let Some(d) = lower.strip_prefix("0x") {
        (16, d, true)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (2, d, true)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (8, d, true)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, &lower[1..], true)
    } else {
        (10, lower.as_str(), false)
    };
    if !underscores_ok(digits, prefixed) {
        return None;
    }
    let clean: String = digits.chars().filter(|&c| c != '_').collect();
    if clean.is_empty() {
        return None;
    }
    let magnitude = u64::from_str_radix(&clean, radix).ok()?;
    let value = if negative {
        -i128::from(magnitude)
    } else {
        i128::from(magnitude)
    };
    if signed && (value < i128::from(i64::MIN) || value > i128::from(i64::MAX)) {
        return None;
    }
    Some(value)
}

/// Underscores must sit between digits (or right after a base prefix).
fn underscores_ok(digits: &str, prefixed: bool) -> bool {
    let mut prev_digit = prefixed;
    let mut last_underscore = false;
    for c in digits.chars() {
        if c == '_' {
            if !prev_digit {
                return false;
            }
            prev_digit = false;
            last_underscore = true;
        } else {
            prev_digit = c.is_ascii_alphanumeric();
            last_underscore = false;
        }
    }
    !last_underscore
}

/// Go's strconv.ParseFloat for the forms the lexer can produce: decimal, or hexadecimal
/// with a binary exponent (`0x1p-2`); out-of-range values fail as in Go.
fn parse_go_float(text: &str) -> Option<f64> {
    let lower = text.to_ascii_lowercase();
    let negative = lower.starts_with('-');
    let unsigned = lower.trim_start_matches(['+', '-']);
    if unsigned.len() + 1 < lower.len() {
        return None;
    }
    let f = if let Some(hex) = unsigned.strip_prefix("0x") {
        if !underscores_ok(hex, true) {
            return None;
        }
        parse_hex_float(&hex.replace('_', ""))?
    } else {
        if !underscores_ok(unsigned, false) {
            return None;
        }
        unsigned.replace('_', "").parse::<f64>().ok()?
    };
    let f = if negative { -f } else { f };
    f.is_finite().then_some(f)
}

/// The part of a hexadecimal float after `0x`: hex digits, an optional point, and the
/// mandatory `p` exponent.
fn parse_hex_float(s: &str) -> Option<f64> {
    let (mantissa, exponent) = s.split_once('p')?;
    let exponent: i32 = exponent.parse().ok()?;
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int_part.is_empty() && frac_part.is_empty() {
        return None;
    }
    let mut value = 0.0_f64;
    for c in int_part.chars().chain(frac_part.chars()) {
        value = value * 16.0 + f64::from(c.to_digit(16)?);
    }
    let frac_digits = i32::try_from(frac_part.len()).ok()?;
    Some(value * 2f64.powi(exponent.checked_sub(frac_digits.checked_mul(4)?)?))
}

fn int_of_float(f: f64) -> Option<i64> {
    // `as` saturates, so the round trip only holds for floats that fit.
    let i = f as i64;
    (i as f64 == f).then_some(i)
}

/// Go's `newNumber`: every interpretation of a numeric or character constant.
fn new_number(text: &str, typ: ItemType) -> Result<Number, String> {
    let mut n = Number {
        text: text.to_string(),
        int: None,
        is_uint: false,
        float: None,
        complex: None,
    };
    if typ == ItemType::CharConstant {
        let inner = text.get(1..).unwrap_or("");
        let (value, _, tail) = unquote_char(inner, '\'').ok_or("invalid syntax")?;
        if tail != "'" {
            return Err(format!("malformed character constant: {text}"));
        }
        n.int = Some(i64::from(value));
        n.is_uint = true;
        n.float = Some(f64::from(value));
        return Ok(n);
    }
    if typ == ItemType::Complex {
        let split = text
            .char_indices()
            .skip(1)
            .filter(|&(i, c)| {
                (c == '+' || c == '-')
                    && !matches!(text.as_bytes()[i - 1], b'e' | b'E' | b'p' | b'P')
            })
            .map(|(i, _)| i)
            .last();
        let parts = split.and_then(|i| {
            let re = parse_go_float(&text[..i])?;
            let im = parse_go_float(text[i..].strip_suffix('i')?)?;
            Some((re, im))
        });
        let (re, im) = parts.ok_or_else(|| format!("illegal number syntax: {}", go_quote(text)))?;
        n.complex = Some((re, im));
        simplify_complex(&mut n);
        return Ok(n);
    }
    if let Some(im) = text.strip_suffix('i').and_then(parse_go_float) {
        n.complex = Some((0.0, im));
        simplify_complex(&mut n);
        return Ok(n);
    }
    let uint = parse_go_int(text, false);
    n.is_uint = uint.is_some();
    if let Some(i) = parse_go_int(text, true) {
        n.int = i64::try_from(i).ok();
    }
    if let Some(i) = n.int {
        n.float = Some(i as f64);
    } else if let Some(u) = uint {
        n.float = Some(u as f64);
    } else if let Some(f) = parse_go_float(text) {
        if !text.contains(['.', 'e', 'E', 'p', 'P']) {
            return Err(format!("integer overflow: {}", go_quote(text)));
        }
        n.float = Some(f);
        n.int = int_of_float(f);
        n.is_uint = f >= 0.0 && f.fract() == 0.0 && f < 18_446_744_073_709_551_616.0;
    }
    if n.int.is_none() && !n.is_uint && n.float.is_none() {
        return Err(format!("illegal number syntax: {}", go_quote(text)));
    }
    Ok(n)
}

fn simplify_complex(n: &mut Number) {
    if let Some((re, 0.0)) = n.complex {
        n.float = Some(re);
        n.int = int_of_float(re);
        n.is_uint = re >= 0.0 && n.int.is_some();
    }
}

/// Names of the functions a template may call: Go's builtins plus docker's additions.
pub(super) const FUNCTIONS: &[&str] = &[
    "and", "call", "html", "index", "slice", "js", "len", "not", "or", "print", "printf",
    "println", "urlquery", "eq", "ge", "gt", "le", "lt", "ne", "json", "split", "join", "title",
    "lower", "upper", "pad", "truncate",
];

/// Parse failures carry Go's full message, e.g. `template: :1: unclosed action`.
pub(super) type ParseResult<T> = Result<T, String>;

/// What `textOrAction` produced: a node, or the `{{end}}`/`{{else}}` closing a list.
enum Parsed {
    Node(Node),
    End,
    Else,
}

impl fmt::Display for Parsed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Parsed::Node(n) => write!(f, "{n}"),
            Parsed::End => f.write_str("{{end}}"),
            Parsed::Else => f.write_str("{{else}}"),
        }
    }
}

struct Parser {
    items: std::vec::IntoIter<Item>,
    last: Item,
    token: [Item; 3],
    peek_count: usize,
    vars: Vec<String>,
    range_depth: usize,
    action_line: usize,
    depth: usize,
    defs: Vec<(String, Vec<Node>)>,
}

/// Parses a template; `Err` holds Go's message without docker's prefix.
pub(super) fn parse(text: &str) -> ParseResult<Tree> {
    let eof = Item {
        typ: ItemType::Eof,
        pos: text.len(),
        val: String::new(),
        line: 1,
    };
    let mut p = Parser {
        items: lex(text).into_iter(),
        last: eof.clone(),
        token: [eof.clone(), eof.clone(), eof],
        peek_count: 0,
        vars: vec!["$".to_string()],
        range_depth: 0,
        action_line: 0,
        depth: 0,
        defs: Vec::new(),
    };
    let root = p.parse_root()?;
    Ok(Tree { root, defs: p.defs })
}

fn is_empty_tree(list: &[Node]) -> bool {
    list.iter()
        .all(|n| matches!(n, Node::Text { text, .. } if text.trim().is_empty()))
}

impl Parser {
    fn lex_next(&mut self) -> Item {
        match self.items.next() {
            Some(item) => {
                self.last = item.clone();
                item
            }
            // After the final EOF or error item, keep repeating it.
            None => self.last.clone(),
        }
    }

    fn next(&mut self) -> Item {
        if self.peek_count > 0 {
            self.peek_count -= 1;
        } else {
            self.token[0] = self.lex_next();
        }
        self.token[self.peek_count].clone()
    }

    fn backup(&mut self) {
        self.peek_count += 1;
    }

    fn backup2(&mut self, t1: Item) {
        self.token[1] = t1;
        self.peek_count = 2;
    }

    fn backup3(&mut self, t2: Item, t1: Item) {
        self.token[1] = t1;
        self.token[2] = t2;
        self.peek_count = 3;
    }

    fn peek(&mut self) -> Item {
        if self.peek_count > 0 {
            return self.token[self.peek_count - 1].clone();
        }
        self.peek_count = 1;
        self.token[0] = self.lex_next();
        self.token[0].clone()
    }

    fn next_non_space(&mut self) -> Item {
        loop {
            let token = self.next();
            if token.typ != ItemType::Space {
                return token;
            }
        }
    }

    fn peek_non_space(&mut self) -> Item {
        let token = self.next_non_space();
        self.backup();
        token
    }

    fn errorf<T>(&self, message: impl fmt::Display) -> ParseResult<T> {
        Err(format!("template: :{}: {}", self.token[0].line, message))
    }

    fn unexpected<T>(&self, token: &Item, context: &str) -> ParseResult<T> {
        if token.typ == ItemType::Error {
            let mut extra = String::new();
            if self.action_line != 0 && self.action_line != token.line {
                extra = format!(" in action started at :{}", self.action_line);
                if token.val.ends_with(" action") {
                    extra = extra[" in action".len()..].to_string();
                }
            }
            return self.errorf(format!("{token}{extra}"));
        }
        self.errorf(format!("unexpected {token} in {context}"))
    }

    fn expect(&mut self, expected: ItemType, context: &str) -> ParseResult<Item> {
        let token = self.next_non_space();
        if token.typ != expected {
            return self.unexpected(&token, context);
        }
        Ok(token)
    }

    fn enter(&mut self, message: &str) -> ParseResult<()> {
        if self.depth >= MAX_DEPTH {
            return self.errorf(message);
        }
        self.depth += 1;
        Ok(())
    }

    fn parse_root(&mut self) -> ParseResult<Vec<Node>> {
        let mut root = Vec::new();
        while self.peek().typ != ItemType::Eof {
            if self.peek().typ == ItemType::LeftDelim {
                let delim = self.next();
                if self.next_non_space().typ == ItemType::Define {
                    self.parse_definition()?;
                    continue;
                }
                self.backup2(delim);
            }
            match self.text_or_action()? {
                Parsed::Node(n) => root.push(n),
                other => return self.errorf(format!("unexpected {other}")),
            }
        }
        Ok(root)
    }

    /// Parses a body with its own variable scope, as Go does for a new tree.
    fn sub_tree<T>(&mut self, f: impl FnOnce(&mut Parser) -> ParseResult<T>) -> ParseResult<T> {
        let vars = std::mem::replace(&mut self.vars, vec!["$".to_string()]);
        let range_depth = std::mem::replace(&mut self.range_depth, 0);
        let result = f(self);
        self.vars = vars;
        self.range_depth = range_depth;
        result
    }

    fn add_definition(&mut self, name: String, body: Vec<Node>) -> ParseResult<()> {
        match self.defs.iter_mut().find(|(n, _)| *n == name) {
            Some((_, existing)) if is_empty_tree(existing) => *existing = body,
            Some(_) if !is_empty_tree(&body) => {
                return self.errorf(format!(
                    "template: multiple definition of template {}",
                    go_quote(&name)
                ));
            }
            Some(_) => {}
            None => self.defs.push((name, body)),
        }
        Ok(())
    }

    fn parse_definition(&mut self) -> ParseResult<()> {
        const CONTEXT: &str = "define clause";
        self.enter("max nesting depth exceeded")?;
        let token = self.next_non_space();
        if !matches!(token.typ, ItemType::String | ItemType::RawString) {
            return self.unexpected(&token, CONTEXT);
        }
        let Some(name) = unquote(&token.val) else {
            return self.errorf("invalid syntax");
        };
        self.expect(ItemType::RightDelim, CONTEXT)?;
        let (body, end) = self.sub_tree(Parser::item_list)?;
        if !matches!(end, Parsed::End) {
            return self.errorf(format!("unexpected {end} in {CONTEXT}"));
        }
        self.depth -= 1;
        self.add_definition(name, body)
    }

    fn item_list(&mut self) -> ParseResult<(Vec<Node>, Parsed)> {
        let mut list = Vec::new();
        while self.peek_non_space().typ != ItemType::Eof {
            match self.text_or_action()? {
                Parsed::Node(n) => list.push(n),
                end => return Ok((list, end)),
            }
        }
        self.errorf("unexpected EOF")
    }

    fn text_or_action(&mut self) -> ParseResult<Parsed> {
        let token = self.next_non_space();
        match token.typ {
            ItemType::Text => Ok(Parsed::Node(Node::Text {
                pos: token.pos,
                text: token.val,
            })),
            ItemType::LeftDelim => {
                self.action_line = token.line;
                let result = self.action();
                self.action_line = 0;
                result
            }
            _ => self.unexpected(&token, "input"),
        }
    }

    fn action(&mut self) -> ParseResult<Parsed> {
        let token = self.next_non_space();
        match token.typ {
            ItemType::Block => return self.block_control().map(Parsed::Node),
            ItemType::Break | ItemType::Continue => {
                let name = if token.typ == ItemType::Break {
                    "{{break}}"
                } else {
                    "{{continue}}"
                };
                let next = self.next_non_space();
                if next.typ != ItemType::RightDelim {
                    return self.unexpected(&next, name);
                }
                if self.range_depth == 0 {
                    return self.errorf(format!("{name} outside {{{{range}}}}"));
                }
                let pos = token.pos;
                return Ok(Parsed::Node(if token.typ == ItemType::Break {
                    Node::Break { pos }
                } else {
                    Node::Continue { pos }
                }));
            }
            ItemType::Else => {
                let peek = self.peek_non_space();
                if !matches!(peek.typ, ItemType::If | ItemType::With) {
                    self.expect(ItemType::RightDelim, "else")?;
                }
                return Ok(Parsed::Else);
            }
            ItemType::End => {
                self.expect(ItemType::RightDelim, "end")?;
                return Ok(Parsed::End);
            }
            ItemType::If => return self.control("if").map(|b| Parsed::Node(Node::If(b))),
            ItemType::Range => return self.control("range").map(|b| Parsed::Node(Node::Range(b))),
            ItemType::With => return self.control("with").map(|b| Parsed::Node(Node::With(b))),
            ItemType::Template => return self.template_control().map(Parsed::Node),
            _ => {}
        }
        self.backup();
        let pos = self.peek().pos;
        let pipe = self.pipeline("command", ItemType::RightDelim)?;
        Ok(Parsed::Node(Node::Action { pos, pipe }))
    }

    fn control(&mut self, context: &str) -> ParseResult<Branch> {
        self.enter("max nesting depth exceeded")?;
        let vars = self.vars.len();
        let result = self.control_body(context);
        self.vars.truncate(vars);
        self.depth -= 1;
        result
    }

    fn control_body(&mut self, context: &str) -> ParseResult<Branch> {
        let pipe = self.pipeline(context, ItemType::RightDelim)?;
        if context == "range" {
            self.range_depth += 1;
        }
        let listed = self.item_list();
        if context == "range" {
            self.range_depth -= 1;
        }
        let (list, next) = listed?;
        let mut else_list = None;
        if let Parsed::Else = next {
            // `{{else if …}}` / `{{else with …}}` nest a new control whose `{{end}}` closes both.
            let peek = self.peek().typ;
            if context == "if" && peek == ItemType::If {
                self.next();
                else_list = Some(vec![Node::If(self.control("if")?)]);
            } else if context == "with" && peek == ItemType::With {
                self.next();
                else_list = Some(vec![Node::With(self.control("with")?)]);
            } else {
                let (list, next) = self.item_list()?;
                if !matches!(next, Parsed::End) {
                    return self.errorf(format!("expected end; found {next}"));
                }
                else_list = Some(list);
            }
        }
        Ok(Branch {
            pos: pipe.pos,
            pipe,
            list,
            else_list,
        })
    }

    fn template_name(&mut self, token: &Item, context: &str) -> ParseResult<String> {
        match token.typ {
            ItemType::String | ItemType::RawString => match unquote(&token.val) {
                Some(name) => Ok(name),
                None => self.errorf("invalid syntax"),
            },
            _ => self.unexpected(token, context),
        }
    }

    fn template_control(&mut self) -> ParseResult<Node> {
        const CONTEXT: &str = "template clause";
        let token = self.next_non_space();
        let name = self.template_name(&token, CONTEXT)?;
        let mut pipe = None;
        if self.next_non_space().typ != ItemType::RightDelim {
            self.backup();
            pipe = Some(self.pipeline(CONTEXT, ItemType::RightDelim)?);
        }
        Ok(Node::Template {
            pos: token.pos,
            name,
            pipe,
        })
    }

    fn block_control(&mut self) -> ParseResult<Node> {
        const CONTEXT: &str = "block clause";
        self.enter("max nesting depth exceeded")?;
        let token = self.next_non_space();
        let name = self.template_name(&token, CONTEXT)?;
        let pipe = self.pipeline(CONTEXT, ItemType::RightDelim)?;
        let (body, end) = self.sub_tree(Parser::item_list)?;
        if !matches!(end, Parsed::End) {
            return self.errorf(format!("unexpected {end} in {CONTEXT}"));
        }
        self.add_definition(name.clone(), body)?;
        self.depth -= 1;
        Ok(Node::Template {
            pos: token.pos,
            name,
            pipe: Some(pipe),
        })
    }

    fn pipeline(&mut self, context: &str, end: ItemType) -> ParseResult<Pipe> {
        let token = self.peek_non_space();
        let mut pipe = Pipe {
            pos: token.pos,
            is_assign: false,
            decl: Vec::new(),
            cmds: Vec::new(),
        };
        loop {
            // Declarations: `$x :=`, `$x =`, or `$i, $e :=` in a range.
            if self.peek_non_space().typ != ItemType::Variable {
                break;
            }
            let v = self.next();
            let after_variable = self.peek();
            let next = self.peek_non_space();
            if matches!(next.typ, ItemType::Assign | ItemType::Declare) {
                pipe.is_assign = next.typ == ItemType::Assign;
                self.next_non_space();
                pipe.decl.push(v.val.clone());
                self.vars.push(v.val);
                break;
            }
            if next.typ == ItemType::Char && next.val == "," {
                self.next_non_space();
                pipe.decl.push(v.val.clone());
                self.vars.push(v.val);
                if context == "range" && pipe.decl.len() < 2 {
                    match self.peek_non_space().typ {
                        ItemType::Variable | ItemType::RightDelim | ItemType::RightParen => {
                            continue
                        }
                        _ => return self.errorf("range can only initialize variables"),
                    }
                }
                return self.errorf(format!("too many declarations in {context}"));
            }
            if after_variable.typ == ItemType::Space {
                self.backup3(v, after_variable);
            } else {
                self.backup2(v);
            }
            break;
        }
        loop {
            let token = self.next_non_space();
            if token.typ == end {
                self.check_pipeline(&pipe, context)?;
                return Ok(pipe);
            }
            match token.typ {
                ItemType::Bool
                | ItemType::CharConstant
                | ItemType::Complex
                | ItemType::Dot
                | ItemType::Field
                | ItemType::Identifier
                | ItemType::Number
                | ItemType::Nil
                | ItemType::RawString
                | ItemType::String
                | ItemType::Variable
                | ItemType::LeftParen => {
                    self.backup();
                    let cmd = self.command()?;
                    pipe.cmds.push(cmd);
                }
                _ => return self.unexpected(&token, context),
            }
        }
    }

    fn check_pipeline(&self, pipe: &Pipe, context: &str) -> ParseResult<()> {
        if pipe.cmds.is_empty() {
            return self.errorf(format!("missing value for {context}"));
        }
        for (i, cmd) in pipe.cmds.iter().enumerate().skip(1) {
            if matches!(
                cmd.args.first(),
                Some(
                    Operand::Bool { .. }
                        | Operand::Dot { .. }
                        | Operand::Nil { .. }
                        | Operand::Number { .. }
                        | Operand::Str { .. }
                )
            ) {
                return self.errorf(format!(
                    "non executable command in pipeline stage {}",
                    i + 1
                ));
            }
        }
        Ok(())
    }

    fn command(&mut self) -> ParseResult<Command> {
        let mut cmd = Command {
            pos: self.peek_non_space().pos,
            args: Vec::new(),
        };
        loop {
            self.peek_non_space();
            if let Some(operand) = self.operand()? {
                cmd.args.push(operand);
            }
            let token = self.next();
            match token.typ {
                ItemType::Space => continue,
                ItemType::RightDelim | ItemType::RightParen => self.backup(),
                ItemType::Pipe => {}
                _ => return self.unexpected(&token, "operand"),
            }
            break;
        }
        if cmd.args.is_empty() {
            return self.errorf("empty command");
        }
        Ok(cmd)
    }

    fn operand(&mut self) -> ParseResult<Option<Operand>> {
        let Some(node) = self.term()? else {
            return Ok(None);
        };
        if self.peek().typ != ItemType::Field {
            return Ok(Some(node));
        }
        let pos = self.peek().pos;
        let mut fields = Vec::new();
        while self.peek().typ == ItemType::Field {
            let field = self.next().val;
            fields.push(field.trim_start_matches('.').to_string());
        }
        Ok(Some(match node {
            Operand::Field { mut ident, .. } => {
                ident.extend(fields);
                Operand::Field { pos, ident }
            }
            Operand::Variable { mut ident, .. } => {
                ident.extend(fields);
                Operand::Variable { pos, ident }
            }
            Operand::Bool { .. }
            | Operand::Str { .. }
            | Operand::Number { .. }
            | Operand::Nil { .. }
            | Operand::Dot { .. } => {
                return self.errorf(format!(
                    "unexpected . after term {}",
                    go_quote(&node.to_string())
                ));
            }
            other => Operand::Chain {
                pos,
                node: Box::new(other),
                fields,
            },
        }))
    }

    fn term(&mut self) -> ParseResult<Option<Operand>> {
        let token = self.next_non_space();
        let pos = token.pos;
        let operand = match token.typ {
            ItemType::Identifier => {
                if !FUNCTIONS.contains(&token.val.as_str()) {
                    return self.errorf(format!("function {} not defined", go_quote(&token.val)));
                }
                Operand::Identifier {
                    pos,
                    name: token.val,
                }
            }
            ItemType::Dot => Operand::Dot { pos },
            ItemType::Nil => Operand::Nil { pos },
            ItemType::Variable => {
                if !self.vars.contains(&token.val) {
                    return self.errorf(format!("undefined variable {}", go_quote(&token.val)));
                }
                Operand::Variable {
                    pos,
                    ident: vec![token.val],
                }
            }
            ItemType::Field => Operand::Field {
                pos,
                ident: token.val[1..].split('.').map(str::to_string).collect(),
            },
            ItemType::Bool => Operand::Bool {
                pos,
                value: token.val == "true",
            },
            ItemType::CharConstant | ItemType::Complex | ItemType::Number => {
                match new_number(&token.val, token.typ) {
                    Ok(number) => Operand::Number { pos, number },
                    Err(e) => return self.errorf(e),
                }
            }
            ItemType::LeftParen => {
                self.enter("max expression depth exceeded")?;
                let pipe = self.pipeline("parenthesized pipeline", ItemType::RightParen)?;
                self.depth -= 1;
                Operand::Pipe(Box::new(pipe))
            }
            ItemType::String | ItemType::RawString => match unquote(&token.val) {
                Some(text) => Operand::Str {
                    pos,
                    quoted: token.val,
                    text,
                },
                None => return self.errorf("invalid syntax"),
            },
            _ => {
                self.backup();
                return Ok(None);
            }
        };
        Ok(Some(operand))
    }
}

impl super::Template {
    /// The field names the template can look up on its data, or `None` when the data may be
    /// used whole (`.` or a bare `$` appears anywhere, as in `{{json .}}`). A superset: any
    /// name used as a field anywhere, at any depth, counts. A caller that builds the data
    /// can then leave out every other field of a struct-like [`super::Value::Object`]: the
    /// output cannot tell (`docker ps` builds only the columns a format shows).
    pub fn fields_referenced(&self) -> Option<std::collections::BTreeSet<String>> {
        let mut names = std::collections::BTreeSet::new();
        let bodies = std::iter::once(&self.tree.root).chain(self.tree.defs.iter().map(|(_, b)| b));
        for body in bodies {
            nodes_fields(body, &mut names)?;
        }
        Some(names)
    }
}

/// Adds the field names `nodes` use to `names`; `None` if the data may escape whole.
fn nodes_fields(nodes: &[Node], names: &mut std::collections::BTreeSet<String>) -> Option<()> {
    for node in nodes {
        match node {
            Node::Text { .. } | Node::Break { .. } | Node::Continue { .. } => {}
            Node::Action { pipe, .. } => pipe_fields(pipe, names)?,
            Node::If(b) | Node::Range(b) | Node::With(b) => {
                pipe_fields(&b.pipe, names)?;
                nodes_fields(&b.list, names)?;
                if let Some(else_list) = &b.else_list {
                    nodes_fields(else_list, names)?;
                }
            }
            Node::Template { pipe, .. } => {
                if let Some(pipe) = pipe {
                    pipe_fields(pipe, names)?;
                }
            }
        }
    }
    Some(())
}

fn pipe_fields(pipe: &Pipe, names: &mut std::collections::BTreeSet<String>) -> Option<()> {
    for cmd in &pipe.cmds {
        for arg in &cmd.args {
            operand_fields(arg, names)?;
        }
    }
    Some(())
}

fn operand_fields(op: &Operand, names: &mut std::collections::BTreeSet<String>) -> Option<()> {
    match op {
        Operand::Dot { .. } => return None,
        Operand::Field { ident, .. } => names.extend(ident.iter().cloned()),
        Operand::Chain { node, fields, .. } => {
            operand_fields(node, names)?;
            names.extend(fields.iter().cloned());
        }
        Operand::Variable { ident, .. } => {
            if ident.len() == 1 && ident[0] == "$" {
                return None;
            }
            names.extend(ident.iter().skip(1).cloned());
        }
        Operand::Pipe(p) => pipe_fields(p, names)?,
        Operand::Identifier { .. }
        | Operand::Nil { .. }
        | Operand::Bool { .. }
        | Operand::Number { .. }
        | Operand::Str { .. } => {}
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_errors_match_go() {
        // Expected messages observed with the docker 28.2.2 client (Go 1.24).
        let cases: &[(&str, &str)] = &[
            ("{{.ID", "template: :1: unclosed action"),
            ("{{foo .ID}}", "template: :1: function \"foo\" not defined"),
            (
                "{{ .ID | foo }}",
                "template: :1: function \"foo\" not defined",
            ),
            ("{{if .ID}}", "template: :1: unexpected EOF"),
            ("{{if .ID}}\n", "template: :2: unexpected EOF"),
            ("\n{{if .ID}}", "template: :2: unexpected EOF"),
            ("{{if .ID\n}}", "template: :2: unexpected EOF"),
            ("{{end}}", "template: :1: unexpected {{end}}"),
            ("{{.ID}}{{else}}", "template: :1: unexpected {{else}}"),
            ("{{else}}", "template: :1: unexpected {{else}}"),
            ("{{\"abc}}", "template: :1: unterminated quoted string"),
            ("{{\"abc\n\"}}", "template: :1: unterminated quoted string"),
            ("{{$x}}", "template: :1: undefined variable \"$x\""),
            (
                "{{upper | 1}}",
                "template: :1: non executable command in pipeline stage 2",
            ),
            ("{{#}}", "template: :1: unexpected \"#\" in command"),
            ("{{}}", "template: :1: missing value for command"),
            ("{{if}}{{end}}", "template: :1: missing value for if"),
            ("{{break}}", "template: :1: {{break}} outside {{range}}"),
            (
                "{{continue}}",
                "template: :1: {{continue}} outside {{range}}",
            ),
            (
                "{{range .ID}}{{break 1}}{{end}}",
                "template: :1: unexpected \"1\" in {{break}}",
            ),
            ("{{\"\\q\"}}", "template: :1: invalid syntax"),
            ("{{\"\\u00\"}}", "template: :1: invalid syntax"),
            ("{{0x1G}}", "template: :1: bad number syntax: \"0x1G\""),
            ("{{1e}}", "template: :1: illegal number syntax: \"1e\""),
            ("{{0x}}", "template: :1: illegal number syntax: \"0x\""),
            (
                "{{1e400}}",
                "template: :1: illegal number syntax: \"1e400\"",
            ),
            (
                "{{99999999999999999999}}",
                "template: :1: integer overflow: \"99999999999999999999\"",
            ),
            ("{{.ID}x}}", "template: :1: bad character U+007D '}'"),
            ("{{.ID-}}", "template: :1: bad character U+002D '-'"),
            ("{{ é }}", "template: :1: function \"é\" not defined"),
            (
                "{{ → }}",
                "template: :1: unrecognized character in action: U+2192 '→'",
            ),
            (
                "{{'ab'}}",
                "template: :1: malformed character constant: 'ab'",
            ),
            ("{{'a}}", "template: :1: unterminated character constant"),
            ("{{`abc}}", "template: :1: unterminated raw quoted string"),
            ("{{(.ID}}", "template: :1: unclosed left paren"),
            ("{{.ID)}}", "template: :1: unexpected right paren"),
            ("{{.ID @}}", "template: :1: unexpected \"@\" in operand"),
            ("{{.ID.}}", "template: :1: unexpected <.> in operand"),
            ("{{$.}}", "template: :1: unexpected <.> in operand"),
            (
                "{{range $.}}{{end}}",
                "template: :1: unexpected <.> in operand",
            ),
            ("{{3.ID}}", "template: :1: bad number syntax: \"3.I\""),
            (
                "{{$x, $y := 1}}",
                "template: :1: too many declarations in command",
            ),
            (
                "{{range $x, $y, $z := .ID}}{{end}}",
                "template: :1: too many declarations in range",
            ),
            (
                "{{with $x := .ID}}{{$x}}{{end}}{{$x}}",
                "template: :1: undefined variable \"$x\"",
            ),
            (
                "{{if 1}}{{else}}{{else}}{{end}}",
                "template: :1: expected end; found {{else}}",
            ),
            ("{{if 1}}{{end 1}}", "template: :1: unexpected \"1\" in end"),
            ("{{/* x }}", "template: :1: unclosed comment"),
            (
                "{{/* x */ .ID}}",
                "template: :1: comment ends before closing delimiter",
            ),
            ("{{ /* x */ }}", "template: :1: unexpected \"/\" in command"),
            (
                "{{ \"a\".Foo }}",
                "template: :1: unexpected . after term \"\\\"a\\\"\"",
            ),
            (
                "{{template .ID}}",
                "template: :1: unexpected \".ID\" in template clause",
            ),
            (
                "{{define \"a\"}}x{{end}}{{define \"a\"}}y{{end}}",
                "template: :1: template: multiple definition of template \"a\"",
            ),
            ("{{.ID\n", "template: :2: unclosed action started at :1"),
            (
                "{{printf \"%d\"\n .ID @}}",
                "template: :2: unexpected \"@\" in operand",
            ),
        ];
        for &(input, want) in cases {
            match parse(input) {
                Ok(tree) => panic!("{input:?} parsed: {tree:?}"),
                Err(e) => assert_eq!(e, want, "{input:?}"),
            }
        }
    }

    #[test]
    fn accepted_templates_and_their_go_strings() {
        let cases: &[(&str, &str)] = &[
            ("{{.ID}}", "{{.ID}}"),
            ("{{ .ID | }}", "{{.ID}}"),
            ("{{.ID}}}}", "{{.ID}}}}"),
            ("{{-3}}", "{{-3}}"),
            ("{{1+2i}}", "{{1+2i}}"),
            ("{{ .A.B.C }}", "{{.A.B.C}}"),
            ("{{(.A).B}}", "{{(.A).B}}"),
            ("{{$x := .A}}{{$x.B}}", "{{$x := .A}}{{$x.B}}"),
            ("{{$x := 1}}{{$x = 2}}", "{{$x := 1}}{{$x = 2}}"),
            (
                "{{printf \"%s\" (upper .A) | lower}}",
                "{{printf \"%s\" (upper .A) | lower}}",
            ),
            (
                "{{if .A}}a{{else if .B}}b{{else}}c{{end}}",
                "{{if .A}}a{{else}}{{if .B}}b{{else}}c{{end}}{{end}}",
            ),
            (
                "{{range $i, $e := .L}}{{$i}}{{end}}",
                "{{range $i, $e := .L}}{{$i}}{{end}}",
            ),
            (
                "{{with .A}}x{{else with .B}}y{{end}}",
                "{{with .A}}x{{else}}{{with .B}}y{{end}}{{end}}",
            ),
            ("a  {{- .A -}}  b", "a{{.A}}b"),
            ("{{template \"x\" .}}", "{{template \"x\" .}}"),
            ("{{/* c */}}", ""),
            (
                "{{'a'}}{{0x10}}{{1_000}}{{.5}}",
                "{{'a'}}{{0x10}}{{1_000}}{{.5}}",
            ),
        ];
        for &(input, want) in cases {
            let tree = parse(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
            let got: String = tree.root.iter().map(|n| n.to_string()).collect();
            assert_eq!(got, want, "{input:?}");
        }
    }

    #[test]
    fn nesting_is_bounded() {
        let deep_parens = format!(
            "{{{{{}1{}}}}}",
            "(".repeat(MAX_DEPTH + 1),
            ")".repeat(MAX_DEPTH + 1)
        );
        assert_eq!(
            parse(&deep_parens).err().as_deref(),
            Some("template: :1: max expression depth exceeded")
        );
        let deep_ifs = format!(
            "{}{}",
            "{{if 1}}".repeat(MAX_DEPTH + 1),
            "{{end}}".repeat(MAX_DEPTH + 1)
        );
        assert_eq!(
            parse(&deep_ifs).err().as_deref(),
            Some("template: :1: max nesting depth exceeded")
        );
        let ok_parens = format!(
            "{{{{{}1{}}}}}",
            "(".repeat(MAX_DEPTH - 1),
            ")".repeat(MAX_DEPTH - 1)
        );
        assert!(parse(&ok_parens).is_ok());
    }

    #[test]
    fn numbers() {
        let cases: &[(&str, Option<i64>, Option<f64>)] = &[
            ("1", Some(1), Some(1.0)),
            ("-3", Some(-3), Some(-3.0)),
            ("0x10", Some(16), Some(16.0)),
            ("010", Some(8), Some(8.0)),
            ("0o10", Some(8), Some(8.0)),
            ("0b11", Some(3), Some(3.0)),
            ("1_000", Some(1000), Some(1000.0)),
            ("1.5", None, Some(1.5)),
            ("1.0", Some(1), Some(1.0)),
            ("1e3", Some(1000), Some(1000.0)),
            (".5", None, Some(0.5)),
            ("0x1p-2", None, Some(0.25)),
            ("0x1.8p1", Some(3), Some(3.0)),
            ("-.5", None, Some(-0.5)),
            ("+5", Some(5), Some(5.0)),
            ("0x_1F", Some(31), Some(31.0)),
        ];
        for &(text, int, float) in cases {
            let n = new_number(text, ItemType::Number).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!((n.int, n.float), (int, float), "{text}");
        }
        let c = new_number("'a'", ItemType::CharConstant).ok();
        assert_eq!(c.and_then(|n| n.int), Some(97));
        let c = new_number("'\\n'", ItemType::CharConstant).ok();
        assert_eq!(c.and_then(|n| n.int), Some(10));
    }

    #[test]
    fn unquoting() {
        let cases: &[(&str, Option<&str>)] = &[
            ("\"abc\"", Some("abc")),
            ("\"a\\tb\\n\"", Some("a\tb\n")),
            ("\"\\u00e9\\x41\\101\"", Some("éAA")),
            ("\"\\\"\"", Some("\"")),
            ("\"\\'\"", None),
            ("\"\\q\"", None),
            ("`a\\nb`", Some("a\\nb")),
            ("\"\\xff\"", Some("\u{fffd}")),
        ];
        for &(input, want) in cases {
            assert_eq!(unquote(input).as_deref(), want, "{input}");
        }
    }
}
