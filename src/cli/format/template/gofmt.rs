//! Go's `fmt` printing (`Sprint`, `Sprintln`, `Sprintf`, `%v`) and `encoding/json` output for
//! template values, as far as templates can observe them.

use super::exec::Val;
use super::Value;
use crate::cli::format::humanize::go_format_float;
use crate::cli::format::table::{go_quote, go_quote_rune, is_go_print};

/// Go's `reflect.Type.String()` of a value.
pub(super) fn type_name(v: &Val) -> String {
    match v {
        Val::Missing => "<nil>".to_string(),
        Val::Float(_) => "float64".to_string(),
        Val::Complex(..) => "complex128".to_string(),
        Val::V(v) => value_type_name(v),
    }
}

fn value_type_name(v: &Value) -> String {
    match v {
        Value::Null => "interface {}".to_string(),
        Value::Bool(_) => "bool".to_string(),
        Value::Int(_) => "int".to_string(),
        Value::Str(_) => "string".to_string(),
        // A list of strings is what docker's `split` returns and its `join` accepts.
        Value::List(items) if items.iter().all(|i| matches!(i, Value::Str(_))) => {
            "[]string".to_string()
        }
        Value::List(_) => "[]interface {}".to_string(),
        Value::Map(entries) if entries.iter().all(|(_, v)| matches!(v, Value::Str(_))) => {
            "map[string]string".to_string()
        }
        Value::Map(_) => "map[string]interface {}".to_string(),
        Value::Object { type_name, .. } => type_name.clone(),
    }
}

/// Entries of a Go map in the order fmt and encoding/json print them: sorted by key.
pub(super) fn sorted(entries: &[(String, Value)]) -> Vec<&(String, Value)> {
    let mut sorted: Vec<&(String, Value)> = entries.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    sorted
}

/// The verb flags of one `%` directive.
#[derive(Clone, Copy, Default)]
struct Spec {
    plus: bool,
    minus: bool,
    sharp: bool,
    space: bool,
    zero: bool,
    plus_v: bool,
    sharp_v: bool,
    wid: Option<usize>,
    prec: Option<usize>,
}

impl Spec {
    fn padding(&self, n: usize, out: &mut String) {
        let c = if self.zero && !self.minus { '0' } else { ' ' };
        out.extend(std::iter::repeat_n(c, n));
    }

    /// Go's `fmt.pad`: width counted in characters, spaces (or zeros) left or right.
    fn pad(&self, s: &str, out: &mut String) {
        let Some(wid) = self.wid.filter(|&w| w > 0) else {
            out.push_str(s);
            return;
        };
        let n = wid.saturating_sub(s.chars().count());
        if self.minus {
            out.push_str(s);
            self.padding(n, out);
        } else {
            self.padding(n, out);
            out.push_str(s);
        }
    }

    fn truncate<'a>(&self, s: &'a str) -> &'a str {
        match self.prec {
            Some(p) => s.char_indices().nth(p).map_or(s, |(i, _)| &s[..i]),
            None => s,
        }
    }
}

/// Go's `fmt.Sprint`: operands printed with `%v`, a space between two operands when neither
/// is a string.
pub(super) fn sprint(args: &[Val]) -> String {
    let mut out = String::new();
    let mut prev_string = false;
    for (i, arg) in args.iter().enumerate() {
        let is_string = matches!(arg, Val::V(Value::Str(_)));
        if i > 0 && !is_string && !prev_string {
            out.push(' ');
        }
        print_arg(arg, 'v', &Spec::default(), &mut out);
        prev_string = is_string;
    }
    out
}

/// Go's `fmt.Sprintln`: operands separated by spaces, then a newline.
pub(super) fn sprintln(args: &[Val]) -> String {
    let mut out = String::new();
    for (i, arg) in args.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        print_arg(arg, 'v', &Spec::default(), &mut out);
    }
    out.push('\n');
    out
}

/// `%v` of a value, as a template action prints it (`<no value>` for a missing map key).
/// Actions dereference a struct pointer before printing, so no `&` appears.
pub(super) fn print_value(v: &Val) -> String {
    if let Val::Missing = v {
        return "<no value>".to_string();
    }
    let mut out = String::new();
    if is_nil(v) {
        out.push_str("<nil>");
    } else {
        print_value_depth(v, 'v', &Spec::default(), 1, &mut out);
    }
    out
}

/// Go's `fmt.Sprintf` with flags, width, precision, `*` and `[n]` argument indexes, and the
/// `%!verb(type=value)`, `%!verb(MISSING)`, `%!(EXTRA …)`, `%!(NOVERB)` error forms.
pub(super) fn sprintf(format: &str, args: &[Val]) -> String {
    let mut out = String::new();
    let bytes = format.as_bytes();
    let end = bytes.len();
    let mut arg_num = 0;
    let mut reordered = false;
    let mut i = 0;
    while i < end {
        let start = i;
        while i < end && bytes[i] != b'%' {
            i += 1;
        }
        out.push_str(&format[start..i]);
        if i >= end {
            break;
        }
        i += 1;
        let mut spec = Spec::default();
        while i < end {
            match bytes[i] {
                b'#' => spec.sharp = true,
                b'0' => spec.zero = !spec.minus,
                b'+' => spec.plus = true,
                b'-' => {
                    spec.minus = true;
                    spec.zero = false;
                }
                b' ' => spec.space = true,
                _ => break,
            }
            i += 1;
        }
        let mut good_arg_num = true;
        let mut after_index;
        (arg_num, i, after_index) = arg_number(
            arg_num,
            format,
            i,
            args.len(),
            &mut reordered,
            &mut good_arg_num,
        );
        if i < end && bytes[i] == b'*' {
            i += 1;
            let (num, ok, next) = int_from_arg(args, arg_num);
            arg_num = next;
            if ok {
                if num < 0 {
                    spec.minus = true;
                    spec.zero = false;
                }
                spec.wid = Some(num.unsigned_abs() as usize);
            } else {
                out.push_str("%!(BADWIDTH)");
            }
            after_index = false;
        } else {
            let (num, next) = parse_num(bytes, i, end);
            spec.wid = num;
            i = next;
            if after_index && spec.wid.is_some() {
                good_arg_num = false;
            }
        }
        if i + 1 < end && bytes[i] == b'.' {
            i += 1;
            if after_index {
                good_arg_num = false;
            }
            (arg_num, i, after_index) = arg_number(
                arg_num,
                format,
                i,
                args.len(),
                &mut reordered,
                &mut good_arg_num,
            );
            if i < end && bytes[i] == b'*' {
                i += 1;
                let (num, ok, next) = int_from_arg(args, arg_num);
                arg_num = next;
                spec.prec = (ok && num >= 0).then(|| num.unsigned_abs() as usize);
                if spec.prec.is_none() {
                    out.push_str("%!(BADPREC)");
                }
                after_index = false;
            } else {
                let (num, next) = parse_num(bytes, i, end);
                spec.prec = Some(num.unwrap_or(0));
                i = next;
            }
        }
        if !after_index {
            (arg_num, i, _) = arg_number(
                arg_num,
                format,
                i,
                args.len(),
                &mut reordered,
                &mut good_arg_num,
            );
        }
        let Some(verb) = format.get(i..).and_then(|rest| rest.chars().next()) else {
            out.push_str("%!(NOVERB)");
            break;
        };
        i += verb.len_utf8();
        if verb == '%' {
            out.push('%');
        } else if !good_arg_num {
            out.push_str(&format!("%!{verb}(BADINDEX)"));
        } else if arg_num >= args.len() {
            out.push_str(&format!("%!{verb}(MISSING)"));
        } else {
            if verb == 'v' {
                spec.sharp_v = spec.sharp;
                spec.sharp = false;
                spec.plus_v = spec.plus;
                spec.plus = false;
            }
            print_arg(&args[arg_num], verb, &spec, &mut out);
            arg_num += 1;
        }
    }
    if !reordered && arg_num < args.len() {
        out.push_str("%!(EXTRA ");
        for (k, arg) in args[arg_num..].iter().enumerate() {
            if k > 0 {
                out.push_str(", ");
            }
            if is_nil(arg) {
                out.push_str("<nil>");
            } else {
                out.push_str(&type_name(arg));
                out.push('=');
                print_arg(arg, 'v', &Spec::default(), &mut out);
            }
        }
        out.push(')');
    }
    out
}

/// Go's `argNumber`: an optional `[n]` selecting the (1-based) argument.
fn arg_number(
    arg_num: usize,
    format: &str,
    i: usize,
    num_args: usize,
    reordered: &mut bool,
    good: &mut bool,
) -> (usize, usize, bool) {
    let bytes = format.as_bytes();
    if i >= bytes.len() || bytes[i] != b'[' {
        return (arg_num, i, false);
    }
    *reordered = true;
    let rest = &bytes[i..];
    if rest.len() < 3 {
        *good = false;
        return (arg_num, i + 1, false);
    }
    let Some(close) = rest.iter().position(|&b| b == b']') else {
        *good = false;
        return (arg_num, i + 1, false);
    };
    let (num, next) = parse_num(rest, 1, close);
    match num {
        Some(n) if next == close && n >= 1 && n - 1 < num_args => (n - 1, i + close + 1, true),
        Some(_) if next == close => {
            *good = false;
            (arg_num, i + close + 1, true)
        }
        _ => {
            *good = false;
            (arg_num, i + close + 1, false)
        }
    }
}

/// Go's `parsenum`: decimal digits up to `end`, refusing numbers above 10^6.
fn parse_num(bytes: &[u8], start: usize, end: usize) -> (Option<usize>, usize) {
    let mut i = start;
    let mut num: Option<usize> = None;
    while i < end && bytes[i].is_ascii_digit() {
        let n = num.unwrap_or(0);
        if n > 1_000_000 {
            return (None, end);
        }
        num = Some(n * 10 + usize::from(bytes[i] - b'0'));
        i += 1;
    }
    (num, i)
}

/// Go's `intFromArg` for `*` widths and precisions.
fn int_from_arg(args: &[Val], arg_num: usize) -> (i64, bool, usize) {
    match args.get(arg_num) {
        Some(Val::V(Value::Int(n))) if n.unsigned_abs() <= 1_000_000 => (*n, true, arg_num + 1),
        Some(_) => (0, false, arg_num + 1),
        None => (0, false, arg_num),
    }
}

fn is_nil(v: &Val) -> bool {
    matches!(v, Val::Missing | Val::V(Value::Null))
}

/// Go's `printArg` for one operand and verb.
fn print_arg(arg: &Val, verb: char, spec: &Spec, out: &mut String) {
    match arg {
        // An untyped nil, e.g. a missing value passed to printf.
        Val::Missing => {
            if verb == 'T' || verb == 'v' {
                spec.pad("<nil>", out);
            } else {
                bad_verb(arg, verb, spec, out);
            }
            return;
        }
        // A nil pointer such as docker's `*Platform`, a fmt.Stringer: the string verbs
        // print `<nil>`, the integer verbs print the pointer as the number 0.
        Val::V(Value::Null) => {
            match verb {
                'v' | 's' | 'q' | 'x' | 'X' => spec.pad("<nil>", out),
                'd' | 'b' | 'o' | 'O' => fmt_int(arg, 0, verb, spec, out),
                'T' => spec.pad(&type_name(arg), out),
                _ => bad_verb(arg, verb, spec, out),
            }
            return;
        }
        _ => {}
    }
    if verb == 'T' {
        spec.pad(spec.truncate(&type_name(arg)), out);
        return;
    }
    print_value_depth(arg, verb, spec, 0, out);
}

fn bad_verb(arg: &Val, verb: char, spec: &Spec, out: &mut String) {
    out.push_str("%!");
    out.push(verb);
    out.push('(');
    if is_nil(arg) {
        out.push_str("<nil>");
    } else {
        out.push_str(&type_name(arg));
        out.push('=');
        print_value_depth(arg, 'v', spec, 0, out);
    }
    out.push(')');
}

fn print_value_depth(arg: &Val, verb: char, spec: &Spec, depth: usize, out: &mut String) {
    match arg {
        Val::Missing => spec.pad("<nil>", out),
        Val::Float(f) => fmt_float(arg, *f, verb, spec, out),
        Val::Complex(re, im) => match verb {
            'v' | 'b' | 'g' | 'G' | 'x' | 'X' | 'f' | 'F' | 'e' | 'E' => {
                out.push('(');
                fmt_float(arg, *re, verb, spec, out);
                let imag_spec = Spec {
                    plus: true,
                    ..*spec
                };
                fmt_float(arg, *im, verb, &imag_spec, out);
                out.push_str("i)");
            }
            _ => bad_verb(arg, verb, spec, out),
        },
        Val::V(v) => match v {
            Value::Null => spec.pad("<nil>", out),
            Value::Bool(b) => match verb {
                't' | 'v' => spec.pad(if *b { "true" } else { "false" }, out),
                _ => bad_verb(arg, verb, spec, out),
            },
            Value::Int(n) => fmt_int(arg, *n, verb, spec, out),
            Value::Str(s) => fmt_string(arg, s, verb, spec, out),
            Value::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    print_element(item, verb, spec, depth + 1, out);
                }
                out.push(']');
            }
            Value::Map(entries) => {
                out.push_str("map[");
                for (i, (k, v)) in sorted(entries).into_iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    fmt_string(&Val::V(Value::Str(k.clone())), k, verb, spec, out);
                    out.push(':');
                    print_element(v, verb, spec, depth + 1, out);
                }
                out.push(']');
            }
            Value::Object { type_name, fields } => {
                // Go prints `&` only for a pointer at the top level; nested pointers would
                // show as addresses, which a simulator cannot reproduce meaningfully.
                if depth == 0 && type_name.starts_with('*') {
                    out.push('&');
                }
                out.push('{');
                for (i, (name, v)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    if spec.plus_v || spec.sharp_v {
                        out.push_str(name);
                        out.push(':');
                    }
                    print_element(v, verb, spec, depth + 1, out);
                }
                out.push('}');
            }
        },
    }
}

fn print_element(v: &Value, verb: char, spec: &Spec, depth: usize, out: &mut String) {
    let v = Val::V(v.clone());
    if is_nil(&v) {
        spec.pad("<nil>", out);
    } else {
        print_value_depth(&v, verb, spec, depth, out);
    }
}

fn fmt_string(arg: &Val, s: &str, verb: char, spec: &Spec, out: &mut String) {
    match verb {
        'v' if spec.sharp_v => fmt_q(s, spec, out),
        'v' | 's' => spec.pad(spec.truncate(s), out),
        'x' | 'X' => fmt_hex_bytes(s.as_bytes(), verb == 'X', spec, out),
        'q' => fmt_q(s, spec, out),
        _ => bad_verb(arg, verb, spec, out),
    }
}

fn fmt_q(s: &str, spec: &Spec, out: &mut String) {
    let s = spec.truncate(s);
    // Go's strconv.CanBackquote.
    let can_backquote = s
        .chars()
        .all(|c| c == '\t' || !(c < ' ' || c == '`' || c == '\u{7f}' || c == '\u{feff}'));
    if spec.sharp && can_backquote {
        spec.pad(&format!("`{s}`"), out);
    } else if spec.plus {
        spec.pad(&quote_ascii(s), out);
    } else {
        spec.pad(&go_quote(s), out);
    }
}

/// Go's `strconv.QuoteToASCII`.
fn quote_ascii(s: &str) -> String {
    let quoted = go_quote(s);
    let mut out = String::with_capacity(quoted.len());
    for c in quoted.chars() {
        match u32::from(c) {
            0..=0x7f => out.push(c),
            r if r < 0x10000 => out.push_str(&format!("\\u{r:04x}")),
            r => out.push_str(&format!("\\U{r:08x}")),
        }
    }
    out
}

/// Go's `fmtSbx`: hex digits of the bytes, optionally spaced and `0x`-prefixed.
fn fmt_hex_bytes(bytes: &[u8], upper: bool, spec: &Spec, out: &mut String) {
    let digits: &[u8; 16] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    let x = if upper { 'X' } else { 'x' };
    let length = spec.prec.map_or(bytes.len(), |p| p.min(bytes.len()));
    let mut width = 2 * length;
    if width == 0 {
        if let Some(w) = spec.wid {
            spec.padding(w, out);
        }
        return;
    }
    if spec.space {
        if spec.sharp {
            width *= 2;
        }
        width += length - 1;
    } else if spec.sharp {
        width += 2;
    }
    let pad = spec.wid.map_or(0, |w| w.saturating_sub(width));
    if !spec.minus {
        spec.padding(pad, out);
    }
    if spec.sharp {
        out.push('0');
        out.push(x);
    }
    for (i, b) in bytes[..length].iter().enumerate() {
        if spec.space && i > 0 {
            out.push(' ');
            if spec.sharp {
                out.push('0');
                out.push(x);
            }
        }
        out.push(char::from(digits[usize::from(b >> 4)]));
        out.push(char::from(digits[usize::from(b & 0xf)]));
    }
    if spec.minus {
        spec.padding(pad, out);
    }
}

fn fmt_int(arg: &Val, n: i64, verb: char, spec: &Spec, out: &mut String) {
    let base = match verb {
        'v' | 'd' => 10,
        'b' => 2,
        'o' | 'O' => 8,
        'x' | 'X' => 16,
        'c' => {
            let c = u32::try_from(n)
                .ok()
                .and_then(char::from_u32)
                .unwrap_or('\u{fffd}');
            spec.pad(&c.to_string(), out);
            return;
        }
        'q' => {
            let c = u32::try_from(n)
                .ok()
                .and_then(char::from_u32)
                .unwrap_or('\u{fffd}');
            spec.pad(&go_quote_rune(c), out);
            return;
        }
        'U' => {
            let mut s = format!("U+{:04X}", n);
            if let Some(c) = u32::try_from(n).ok().and_then(char::from_u32) {
                if spec.sharp && is_go_print(c) {
                    s.push_str(&format!(" '{c}'"));
                }
            }
            spec.pad(&s, out);
            return;
        }
        // Go formats integers with %e/%f/%g/%s as bad verbs.
        _ => {
            bad_verb(arg, verb, spec, out);
            return;
        }
    };
    let negative = n < 0;
    let magnitude = n.unsigned_abs();
    let mut digits = match base {
        2 => format!("{magnitude:b}"),
        8 => format!("{magnitude:o}"),
        16 if verb == 'X' => format!("{magnitude:X}"),
        16 => format!("{magnitude:x}"),
        _ => magnitude.to_string(),
    };
    let mut prec = 0;
    if let Some(p) = spec.prec {
        if p == 0 && magnitude == 0 {
            let no_zero = Spec {
                zero: false,
                ..*spec
            };
            no_zero.padding(spec.wid.unwrap_or(0), out);
            return;
        }
        prec = p;
    } else if spec.zero && !spec.minus {
        if let Some(w) = spec.wid {
            prec = w;
            if negative || spec.plus || spec.space {
                prec = prec.saturating_sub(1);
            }
        }
    }
    if digits.len() < prec {
        digits = "0".repeat(prec - digits.len()) + &digits;
    }
    if spec.sharp {
        match base {
            2 => digits.insert_str(0, "0b"),
            8 if !digits.starts_with('0') => digits.insert(0, '0'),
            16 => digits.insert_str(0, if verb == 'X' { "0X" } else { "0x" }),
            _ => {}
        }
    }
    if verb == 'O' {
        digits.insert_str(0, "0o");
    }
    if negative {
        digits.insert(0, '-');
    } else if spec.plus {
        digits.insert(0, '+');
    } else if spec.space {
        digits.insert(0, ' ');
    }
    Spec {
        zero: false,
        ..*spec
    }
    .pad(&digits, out);
}

fn fmt_float(arg: &Val, f: f64, verb: char, spec: &Spec, out: &mut String) {
    let (verb, default_prec) = match verb {
        'v' => ('g', None),
        'b' | 'g' | 'G' | 'x' | 'X' => (if verb == 'G' { 'G' } else { 'g' }, None),
        'f' | 'F' => ('f', Some(6)),
        'e' | 'E' => (verb, Some(6)),
        _ => {
            bad_verb(arg, verb, spec, out);
            return;
        }
    };
    let formatted = go_format_float(f, verb, spec.prec.or(default_prec));
    let mut num = if formatted.starts_with(['-', '+']) {
        formatted
    } else {
        format!("+{formatted}")
    };
    if spec.space && num.starts_with('+') && !spec.plus {
        num.replace_range(..1, " ");
    }
    if num[1..].starts_with(['I', 'N']) {
        if num[1..].starts_with('N') && !spec.space && !spec.plus {
            num.remove(0);
        }
        Spec {
            zero: false,
            ..*spec
        }
        .pad(&num, out);
        return;
    }
    if spec.plus || !num.starts_with('+') {
        if let Some(w) = spec
            .wid
            .filter(|&w| spec.zero && !spec.minus && w > num.len())
        {
            out.push_str(&num[..1]);
            spec.padding(w - num.len(), out);
            out.push_str(&num[1..]);
            return;
        }
        spec.pad(&num, out);
        return;
    }
    spec.pad(&num[1..], out);
}

/// docker's `json` template function: encoding/json without HTML escaping, except inside
/// docker's formatter contexts (`*formatter.…` objects), which marshal themselves with
/// `json.Marshal` and so do escape `<`, `>` and `&`. `None` when Go's encoder would fail.
pub(super) fn to_json(v: &Val) -> Option<String> {
    let mut out = String::new();
    match v {
        Val::Missing => out.push_str("null"),
        Val::Float(f) => json_float(*f, &mut out)?,
        Val::Complex(..) => return None,
        Val::V(v) => json_value(v, false, &mut out)?,
    }
    Some(out)
}

fn json_value(v: &Value, escape_html: bool, out: &mut String) -> Option<()> {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(n) => out.push_str(&n.to_string()),
        Value::Str(s) => json_string(s, escape_html, out),
        Value::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_value(item, escape_html, out)?;
            }
            out.push(']');
        }
        Value::Map(entries) => {
            out.push('{');
            for (i, (k, v)) in sorted(entries).into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_string(k, escape_html, out);
                out.push(':');
                json_value(v, escape_html, out)?;
            }
            out.push('}');
        }
        Value::Object { type_name, fields } => {
            // docker's formatter contexts marshal a map of their argument-less methods with
            // json.Marshal: keys sorted, HTML characters escaped, `.Label`-style methods left out.
            let context = type_name.starts_with("*formatter.");
            let escape_html = escape_html || context;
            let mut fields: Vec<&(String, Value)> = fields
                .iter()
                .filter(|(_, v)| !(context && matches!(v, Value::Map(_))))
                .collect();
            if context {
                fields.sort_by(|a, b| a.0.cmp(&b.0));
            }
            out.push('{');
            for (i, (k, v)) in fields.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_string(k, escape_html, out);
                out.push(':');
                json_value(v, escape_html, out)?;
            }
            out.push('}');
        }
    }
    Some(())
}

/// encoding/json's float form: shortest digits, exponent form outside [1e-6, 1e21).
fn json_float(f: f64, out: &mut String) -> Option<()> {
    if !f.is_finite() {
        return None;
    }
    let abs = f.abs();
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        let s = go_format_float(f, 'e', None);
        // encoding/json shortens a two-digit negative exponent: e-07 becomes e-7.
        match s.find("e-0") {
            Some(i) if s.len() == i + 4 => out.push_str(&format!("{}e-{}", &s[..i], &s[i + 3..])),
            _ => out.push_str(&s),
        }
    } else {
        out.push_str(&go_format_float(f, 'f', None));
    }
    Some(())
}

/// encoding/json string escaping.
pub(super) fn json_string(s: &str, escape_html: bool, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' if escape_html => {
                let b = u32::from(c);
                out.push_str(&format!(
                    "\\u00{}{}",
                    char::from(HEX[(b >> 4) as usize]),
                    char::from(HEX[(b & 0xf) as usize])
                ));
            }
            c if u32::from(c) < 0x20 => {
                let b = u32::from(c);
                out.push_str(&format!(
                    "\\u00{}{}",
                    char::from(HEX[(b >> 4) as usize]),
                    char::from(HEX[(b & 0xf) as usize])
                ));
            }
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Val {
        Val::V(Value::Str(v.to_string()))
    }
    fn i(v: i64) -> Val {
        Val::V(Value::Int(v))
    }

    #[test]
    // 3.14159 is the literal typed in the templates checked against docker.
    #[allow(clippy::approx_constant)]
    fn sprintf_matches_go() {
        // Expected strings observed with the docker 28.2.2 client's `printf`.
        let list = Val::V(Value::List(vec![Value::Str("a".into())]));
        let cases: Vec<(&str, Vec<Val>, &str)> = vec![
            ("%-10s|%5s|", vec![s("linux"), s("ab")], "linux     |   ab|"),
            ("%q %v %d %s", vec![s("linux"), s("linux"), i(5), Val::V(Value::Bool(true))], "\"linux\" linux 5 %!s(bool=true)"),
            ("%d", vec![s("x")], "%!d(string=x)"),
            ("%s", vec![], "%!s(MISSING)"),
            ("%s", vec![i(1), i(2)], "%!s(int=1)%!(EXTRA int=2)"),
            ("%5.2f|%x|%X|%T|%c|%08.3f|%+d|%v|%6.2v", vec![Val::Float(3.14159), s("hi"), i(255), i(1), i(65), Val::Float(3.14159), i(5), Val::Float(1.0), s("abcdef")], " 3.14|6869|FF|int|A|0003.142|+5|1|    ab"),
            (
                "%[2]d %[1]s|%*d|%-*d|%.*f|%d%%|%[5]d|%!|%",
                vec![s("a"), i(1), i(5), i(1), i(3), i(2), i(2), Val::Float(3.14159)],
                "1 a|5|3|%!f(int=02)|%!d(float64=3.14159)%|3|%!!(int=2)|%!(NOVERB)",
            ),
            (
                "%06s|%-06s|%06d|%6.3d|%x|% x|%#x|%#o|%b|%U|%#U|%q|%c|%5t|%T|%T|%T|%v|%08.3f|%+.2e|%+q|%#q",
                vec![s("ab"), s("ab"), i(-12), i(7), s("héllo"), s("ab"), i(255), i(8), i(5), i(65), i(65), i(66), i(9731), Val::V(Value::Bool(true)), Val::Float(1.5), s("x"), list, Val::Missing, Val::Float(-3.14159), Val::Float(12345.678), s("é"), s("a")],
                "0000ab|ab    |-00012|   007|68c3a96c6c6f|61 62|0xff|010|101|U+0041|U+0041 'A'|'B'|☃| true|float64|string|[]string|<nil>|-003.142|+1.23e+04|\"\\u00e9\"|`a`",
            ),
            ("%s!", vec![s("NAMES")], "NAMES!"),
            // docker ps's nil `.Platform`, observed: `<nil>|<nil>|0`; an untyped nil differs.
            ("%v|%s|%d", vec![Val::V(Value::Null), Val::V(Value::Null), Val::V(Value::Null)], "<nil>|<nil>|0"),
            ("%v|%s|%d", vec![Val::Missing, Val::Missing, Val::Missing], "<nil>|%!s(<nil>)|%!d(<nil>)"),
            ("%v", vec![Val::Complex(1.0, 2.0)], "(1+2i)"),
            ("%d", vec![Val::V(Value::List(vec![Value::Int(1), Value::Str("a".into())]))], "[1 %!d(string=a)]"),
            ("%v", vec![Val::V(Value::Map(vec![("b".into(), Value::Int(2)), ("a".into(), Value::Null)]))], "map[a:<nil> b:2]"),
            ("%.3s|%-4d|%+v", vec![s("abcdef"), i(7), Val::V(Value::Object { type_name: "T".into(), fields: vec![("A".into(), Value::Int(1))] })], "abc|7   |{A:1}"),
        ];
        for (format, args, want) in cases {
            assert_eq!(sprintf(format, &args), want, "{format}");
        }
    }

    #[test]
    fn sprint_and_println() {
        let args = vec![
            i(1),
            i(2),
            s("a"),
            s("b"),
            i(3),
            Val::V(Value::Bool(true)),
            Val::V(Value::Bool(false)),
        ];
        assert_eq!(sprint(&args), "1 2ab3 true false");
        assert_eq!(sprintln(&[i(1), s("a")]), "1 a\n");
        assert_eq!(sprint(&[Val::Missing]), "<nil>");
        let ptr = Val::V(Value::Object {
            type_name: "*T".into(),
            fields: vec![("A".into(), Value::Int(1))],
        });
        assert_eq!(sprint(std::slice::from_ref(&ptr)), "&{1}");
        assert_eq!(print_value(&ptr), "{1}");
    }

    #[test]
    fn print_value_forms() {
        let obj = Val::V(Value::Object {
            type_name: "*formatter.ContainerContext".into(),
            fields: vec![
                ("ID".into(), Value::Str("abc".into())),
                ("Size".into(), Value::Int(3)),
            ],
        });
        let cases: Vec<(Val, &str)> = vec![
            (Val::Missing, "<no value>"),
            (Val::V(Value::Null), "<nil>"),
            (s("x"), "x"),
            (i(-4), "-4"),
            (Val::Float(1e6), "1e+06"),
            (
                Val::V(Value::List(vec![
                    Value::Str("a".into()),
                    Value::Str("b".into()),
                ])),
                "[a b]",
            ),
            (
                Val::V(Value::Map(vec![
                    ("Names".into(), Value::Str("NAMES".into())),
                    ("ID".into(), Value::Str("CONTAINER ID".into())),
                ])),
                "map[ID:CONTAINER ID Names:NAMES]",
            ),
            (obj, "{abc 3}"),
        ];
        for (v, want) in cases {
            assert_eq!(print_value(&v), want);
        }
    }

    #[test]
    fn json_forms() {
        let ctx = Value::Object {
            type_name: "*formatter.imageContext".into(),
            fields: vec![
                ("Platform".into(), Value::Null),
                ("Label".into(), Value::Map(vec![])),
                ("Digest".into(), Value::Str("<none>".into())),
            ],
        };
        let cases: Vec<(Val, Option<&str>)> = vec![
            (s("<a&b>"), Some("\"<a&b>\"")),
            (
                Val::V(ctx),
                Some("{\"Digest\":\"\\u003cnone\\u003e\",\"Platform\":null}"),
            ),
            (
                s("a\u{2028}\u{8}\u{c}\t\u{1}\"\\"),
                Some("\"a\\u2028\\b\\f\\t\\u0001\\\"\\\\\""),
            ),
            (i(1), Some("1")),
            (Val::V(Value::Bool(true)), Some("true")),
            (Val::Missing, Some("null")),
            (Val::Float(1.5), Some("1.5")),
            (Val::Float(1e21), Some("1e+21")),
            (Val::Float(1e-7), Some("1e-7")),
            (Val::Complex(1.0, 1.0), None),
            (
                Val::V(Value::List(vec![Value::Str("a<b".into())])),
                Some("[\"a<b\"]"),
            ),
            (
                Val::V(Value::Map(vec![
                    ("b".into(), Value::Int(1)),
                    ("a".into(), Value::List(vec![])),
                ])),
                Some("{\"a\":[],\"b\":1}"),
            ),
        ];
        for (v, want) in cases {
            assert_eq!(to_json(&v).as_deref(), want, "{v:?}");
        }
    }
}
