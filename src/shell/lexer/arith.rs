//! Integer arithmetic for `$((...))`, with the C operators BusyBox ash and bash accept.
//!
//! Numbers are 64-bit and wrap on overflow (`$((9223372036854775807 + 1))` is the smallest
//! negative number, as in ash); literals are decimal, `0x` hex, `0` octal or `BASE#DIGITS`.
//! A name stands for its variable's value: unset or empty is 0, a number is that number, and
//! anything else is evaluated as an expression in turn (`x="1 + 2"; $((x))` is 3), so
//! `a=b; b=a` is caught as a loop. Assignments (`=`, `+=`, …, `++`, `--`) go back to the shell
//! through [`Expander::assign`]. `&&`, `||` and `?:` skip the side effects of the branch they
//! do not take. Nesting is capped so that hostile input fails instead of overflowing the stack.

use super::expand::Expander;
use thiserror::Error;

/// How deeply parentheses and unary operators may nest in one expression.
const MAX_DEPTH: usize = 200;

/// How many variables may refer to further expressions in a chain (`a=b`, `b=c`, ...).
const MAX_RECURSION: usize = 32;

/// Why an arithmetic expression could not be evaluated. `Display` is a short Korean message;
/// [`ArithError::ash_message`] is what BusyBox ash prints after `sh: `.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum ArithError {
    /// Not a valid expression (`$((1 +))`, `$((08))`, quotes inside).
    #[error("산술 식 문법 오류")]
    Syntax,
    /// `/` or `%` by zero.
    #[error("0으로 나눌 수 없습니다")]
    DivideByZero,
    /// `**` with a negative exponent.
    #[error("지수가 0보다 작습니다")]
    NegativeExponent,
    /// Variables that refer to each other (`a=b; b=a; $((a))`).
    #[error("변수가 서로를 가리켜 식을 끝낼 수 없습니다")]
    Recursion,
}

impl ArithError {
    /// BusyBox ash's wording for the error (`sh: divide by zero`).
    pub fn ash_message(self) -> &'static str {
        match self {
            ArithError::Syntax => "arithmetic syntax error",
            ArithError::DivideByZero => "divide by zero",
            ArithError::NegativeExponent => "exponent less than 0",
            ArithError::Recursion => "expression recursion loop detected",
        }
    }
}

/// Evaluates `text` (already expanded: the inside of `$((...))` after parameter and command
/// substitution). Blank text is 0.
pub fn eval_arith(text: &str, ex: &mut dyn Expander) -> Result<i64, ArithError> {
    eval_nested(text, ex, 0)
}

fn eval_nested(text: &str, ex: &mut dyn Expander, recursion: usize) -> Result<i64, ArithError> {
    if recursion > MAX_RECURSION {
        return Err(ArithError::Recursion);
    }
    let toks = tokenize(text)?;
    if toks.is_empty() {
        return Ok(0);
    }
    let mut p = Eval {
        toks,
        pos: 0,
        ex,
        skip: 0,
        depth: 0,
        recursion,
    };
    let value = p.comma()?;
    if p.pos != p.toks.len() {
        return Err(ArithError::Syntax);
    }
    Ok(value)
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Num(i64),
    Name(String),
    Op(&'static str),
}

/// Operators, longest first so that a prefix never shadows a longer one.
const OPS: [&str; 39] = [
    "<<=", ">>=", "**", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "++", "--", "+=", "-=",
    "*=", "/=", "%=", "&=", "^=", "|=", "+", "-", "*", "/", "%", "<", ">", "&", "^", "|", "!", "~",
    "?", ":", "=", ",", "(", ")",
];

const ASSIGN_OPS: [&str; 11] = [
    "=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "^=", "|=",
];

/// Binary operators by level, loosest first (`**` is handled above unary operators).
const LEVELS: [&[&str]; 10] = [
    &["||"],
    &["&&"],
    &["|"],
    &["^"],
    &["&"],
    &["==", "!="],
    &["<", "<=", ">", ">="],
    &["<<", ">>"],
    &["+", "-"],
    &["*", "/", "%"],
];

fn tokenize(text: &str) -> Result<Vec<Tok>, ArithError> {
    let mut toks = Vec::new();
    let mut rest = text;
    loop {
        rest = rest.trim_start_matches([' ', '\t', '\n', '\r']);
        let Some(c) = rest.chars().next() else {
            return Ok(toks);
        };
        if c.is_ascii_digit() {
            let len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#' || c == '_'))
                .unwrap_or(rest.len());
            toks.push(Tok::Num(
                parse_number(&rest[..len]).ok_or(ArithError::Syntax)?,
            ));
            rest = &rest[len..];
        } else if c.is_ascii_alphabetic() || c == '_' {
            let len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            toks.push(Tok::Name(rest[..len].to_owned()));
            rest = &rest[len..];
        } else {
            let op = OPS
                .iter()
                .copied()
                .find(|op| rest.starts_with(op))
                .ok_or(ArithError::Syntax)?;
            toks.push(Tok::Op(op));
            rest = &rest[op.len()..];
        }
    }
}

/// A whole number literal: decimal, `0x` hex, `0` octal or `BASE#DIGITS` (base 2 to 64).
/// Values past 64 bits wrap, as in ash.
fn parse_number(s: &str) -> Option<i64> {
    let (base, digits) = if let Some((base, digits)) = s.split_once('#') {
        let base: u32 = base.parse().ok().filter(|b| (2..=64).contains(b))?;
        (base, digits)
    } else if let Some(hex) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        (16, hex)
    } else if s.len() > 1 && s.starts_with('0') {
        (8, &s[1..])
    } else {
        (10, s)
    };
    if digits.is_empty() {
        return None;
    }
    let mut value: u64 = 0;
    for c in digits.chars() {
        // bash's digits past 36: a-z, A-Z, @ and _ (lower case first).
        let d = match c {
            '0'..='9' => u32::from(c) - u32::from('0'),
            'a'..='z' if base <= 36 => u32::from(c) - u32::from('a') + 10,
            'A'..='Z' if base <= 36 => u32::from(c) - u32::from('A') + 10,
            'a'..='z' => u32::from(c) - u32::from('a') + 10,
            'A'..='Z' => u32::from(c) - u32::from('A') + 36,
            '@' => 62,
            '_' => 63,
            _ => return None,
        };
        if d >= base {
            return None;
        }
        value = value
            .wrapping_mul(u64::from(base))
            .wrapping_add(u64::from(d));
    }
    Some(value as i64)
}

/// A recursive-descent evaluator over the tokens; `skip > 0` inside a branch not taken.
struct Eval<'e> {
    toks: Vec<Tok>,
    pos: usize,
    ex: &'e mut dyn Expander,
    skip: u32,
    depth: usize,
    recursion: usize,
}

impl Eval<'_> {
    fn peek_op(&self) -> Option<&'static str> {
        match self.toks.get(self.pos) {
            Some(Tok::Op(op)) => Some(op),
            _ => None,
        }
    }

    fn eat(&mut self, op: &str) -> bool {
        if self.peek_op() == Some(op) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn deeper(&mut self) -> Result<(), ArithError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ArithError::Syntax);
        }
        Ok(())
    }

    /// The value of variable `name` as a number (see the module documentation).
    fn lookup(&mut self, name: &str) -> Result<i64, ArithError> {
        let value = self.ex.var(name).unwrap_or_default();
        let value = value.trim_matches([' ', '\t', '\n']);
        if value.is_empty() {
            return Ok(0);
        }
        let (sign, digits) = match value.strip_prefix('-') {
            Some(d) => (-1i64, d),
            None => (1, value.strip_prefix('+').unwrap_or(value)),
        };
        if let Some(n) = digits
            .starts_with(|c: char| c.is_ascii_digit())
            .then(|| parse_number(digits))
            .flatten()
        {
            return Ok(n.wrapping_mul(sign));
        }
        eval_nested(value, self.ex, self.recursion + 1)
    }

    fn store(&mut self, name: &str, value: i64) {
        if self.skip == 0 {
            self.ex.assign(name, &value.to_string());
        }
    }

    fn comma(&mut self) -> Result<i64, ArithError> {
        let mut value = self.assign()?;
        while self.eat(",") {
            value = self.assign()?;
        }
        Ok(value)
    }

    fn assign(&mut self) -> Result<i64, ArithError> {
        if let (Some(Tok::Name(name)), Some(Tok::Op(op))) =
            (self.toks.get(self.pos), self.toks.get(self.pos + 1))
        {
            if ASSIGN_OPS.contains(op) {
                let (name, op) = (name.clone(), *op);
                self.pos += 2;
                self.deeper()?;
                let rhs = self.assign()?;
                self.depth -= 1;
                let value = if op == "=" {
                    rhs
                } else {
                    let current = self.lookup(&name)?;
                    self.apply(&op[..op.len() - 1], current, rhs)?
                };
                self.store(&name, value);
                return Ok(value);
            }
        }
        self.ternary()
    }

    fn ternary(&mut self) -> Result<i64, ArithError> {
        let cond = self.binary(0)?;
        if !self.eat("?") {
            return Ok(cond);
        }
        self.deeper()?;
        let yes = self.skipping(cond == 0, Self::comma)?;
        if !self.eat(":") {
            return Err(ArithError::Syntax);
        }
        let no = self.skipping(cond != 0, Self::ternary)?;
        self.depth -= 1;
        Ok(if cond != 0 { yes } else { no })
    }

    /// Runs `f` with side effects suppressed when `skip` is set.
    fn skipping(
        &mut self,
        skip: bool,
        f: fn(&mut Self) -> Result<i64, ArithError>,
    ) -> Result<i64, ArithError> {
        self.skip += u32::from(skip);
        let result = f(self);
        self.skip -= u32::from(skip);
        result
    }

    fn binary(&mut self, level: usize) -> Result<i64, ArithError> {
        let Some(ops) = LEVELS.get(level) else {
            return self.power();
        };
        let mut lhs = self.binary(level + 1)?;
        while let Some(op) = self.peek_op().filter(|op| ops.contains(op)) {
            self.pos += 1;
            lhs = match op {
                "||" => {
                    let rhs = self.skipping(lhs != 0, |s| s.binary(1))?;
                    i64::from(lhs != 0 || rhs != 0)
                }
                "&&" => {
                    let rhs = self.skipping(lhs == 0, |s| s.binary(2))?;
                    i64::from(lhs != 0 && rhs != 0)
                }
                _ => {
                    let rhs = self.binary(level + 1)?;
                    self.apply(op, lhs, rhs)?
                }
            };
        }
        Ok(lhs)
    }

    /// `lhs OP rhs` for the binary operators (and the compound assignments without `=`).
    fn apply(&self, op: &str, lhs: i64, rhs: i64) -> Result<i64, ArithError> {
        Ok(match op {
            "|" => lhs | rhs,
            "^" => lhs ^ rhs,
            "&" => lhs & rhs,
            "==" => i64::from(lhs == rhs),
            "!=" => i64::from(lhs != rhs),
            "<" => i64::from(lhs < rhs),
            "<=" => i64::from(lhs <= rhs),
            ">" => i64::from(lhs > rhs),
            ">=" => i64::from(lhs >= rhs),
            // Shift counts are taken modulo 64, as the processor does.
            "<<" => lhs.wrapping_shl(rhs as u32),
            ">>" => lhs.wrapping_shr(rhs as u32),
            "+" => lhs.wrapping_add(rhs),
            "-" => lhs.wrapping_sub(rhs),
            "*" => lhs.wrapping_mul(rhs),
            "/" | "%" if rhs == 0 => {
                if self.skip > 0 {
                    return Ok(0);
                }
                return Err(ArithError::DivideByZero);
            }
            "/" => lhs.wrapping_div(rhs),
            "%" => lhs.wrapping_rem(rhs),
            _ => return Err(ArithError::Syntax),
        })
    }

    fn power(&mut self) -> Result<i64, ArithError> {
        let base = self.unary()?;
        if !self.eat("**") {
            return Ok(base);
        }
        self.deeper()?;
        let exp = self.power()?;
        self.depth -= 1;
        if exp < 0 {
            if self.skip > 0 {
                return Ok(0);
            }
            return Err(ArithError::NegativeExponent);
        }
        // Square and multiply, wrapping like the rest.
        let (mut result, mut base, mut exp) = (1i64, base, exp as u64);
        while exp > 0 {
            if exp & 1 == 1 {
                result = result.wrapping_mul(base);
            }
            base = base.wrapping_mul(base);
            exp >>= 1;
        }
        Ok(result)
    }

    fn unary(&mut self) -> Result<i64, ArithError> {
        let Some(op @ ("+" | "-" | "!" | "~" | "++" | "--")) = self.peek_op() else {
            return self.postfix();
        };
        self.pos += 1;
        self.deeper()?;
        let value = if op == "++" || op == "--" {
            let Some(Tok::Name(name)) = self.toks.get(self.pos).cloned() else {
                return Err(ArithError::Syntax);
            };
            self.pos += 1;
            let current = self.lookup(&name)?;
            let value = if op == "++" {
                current.wrapping_add(1)
            } else {
                current.wrapping_sub(1)
            };
            self.store(&name, value);
            value
        } else {
            let v = self.unary()?;
            match op {
                "-" => v.wrapping_neg(),
                "!" => i64::from(v == 0),
                "~" => !v,
                _ => v,
            }
        };
        self.depth -= 1;
        Ok(value)
    }

    fn postfix(&mut self) -> Result<i64, ArithError> {
        match self.toks.get(self.pos).cloned() {
            Some(Tok::Num(n)) => {
                self.pos += 1;
                Ok(n)
            }
            Some(Tok::Name(name)) => {
                self.pos += 1;
                let current = self.lookup(&name)?;
                match self.peek_op() {
                    Some("++") => {
                        self.pos += 1;
                        self.store(&name, current.wrapping_add(1));
                    }
                    Some("--") => {
                        self.pos += 1;
                        self.store(&name, current.wrapping_sub(1));
                    }
                    _ => {}
                }
                Ok(current)
            }
            Some(Tok::Op("(")) => {
                self.pos += 1;
                self.deeper()?;
                let value = self.comma()?;
                self.depth -= 1;
                if !self.eat(")") {
                    return Err(ArithError::Syntax);
                }
                Ok(value)
            }
            _ => Err(ArithError::Syntax),
        }
    }
}
