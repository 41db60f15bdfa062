//! Flag values parsed the way docker 28.2.2's Go code parses them, with Go's exact error texts.
//!
//! pflag turns a failed `Value.Set` into `invalid argument "<v>" for "<flag>" flag: <err>`; the
//! `<err>` part comes from Go's `strconv`, `time`, `encoding/csv`, `go-units` or docker's own
//! validators (`opts` package). Each function here returns that `<err>` text on failure, so the
//! caller only adds pflag's prefix. Parsing byte-for-byte like Go matters because learners see
//! these messages when they mistype a flag value.

use std::net::IpAddr;

/// Quotes `s` like Go's `strconv.Quote` (what `%q` prints for a string).
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        push_escaped(&mut out, c, '"');
    }
    out.push('"');
    out
}

/// Quotes one byte like Go's `%q` on a `byte` (pflag prints shorthand letters this way): the byte
/// is read as the code point U+0000..U+00FF, so a non-ASCII first byte shows as a Latin-1 letter.
pub fn go_quote_byte(b: u8) -> String {
    let mut out = String::from("'");
    push_escaped(&mut out, char::from(b), '\'');
    out.push('\'');
    out
}

fn push_escaped(out: &mut String, c: char, quote: char) {
    match c {
        '\\' => out.push_str("\\\\"),
        c if c == quote => {
            out.push('\\');
            out.push(c);
        }
        '\u{7}' => out.push_str("\\a"),
        '\u{8}' => out.push_str("\\b"),
        '\u{c}' => out.push_str("\\f"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{b}' => out.push_str("\\v"),
        c if go_is_print(c) => out.push(c),
        c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
        c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
        c => out.push_str(&format!("\\U{:08x}", c as u32)),
    }
}

/// An approximation of Go's `strconv.IsPrint`: no control characters, no spaces other than
/// U+0020, no common invisible format characters.
fn go_is_print(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    !matches!(c as u32,
        0xAD | 0x200B..=0x200F | 0x2028..=0x202E | 0x2060..=0x2064 | 0xFEFF | 0xE000..=0xF8FF)
}

/// Quotes like Go's `time` package `quote` (used in duration errors): bytes of non-ASCII or
/// control characters become `\xNN`.
fn time_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        if (c as u32) >= 0x80 || c < ' ' {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("\\x{b:02x}"));
            }
        } else {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out.push('"');
    out
}

fn syntax_error(func: &str, s: &str) -> String {
    format!("strconv.{func}: parsing {}: invalid syntax", go_quote(s))
}

fn range_error(func: &str, s: &str) -> String {
    format!(
        "strconv.{func}: parsing {}: value out of range",
        go_quote(s)
    )
}

/// Go's `strconv.ParseBool`.
pub fn parse_bool(s: &str) -> Result<bool, String> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Ok(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Ok(false),
        _ => Err(syntax_error("ParseBool", s)),
    }
}

/// Go's `underscoreOK`: underscores only between digits or after a base prefix.
fn underscore_ok(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if !b.is_empty() && (b[0] == b'-' || b[0] == b'+') {
        i = 1;
    }
    let mut saw = b'^';
    let mut hex = false;
    if b.len() >= i + 2 && b[i] == b'0' && matches!(b[i + 1] | 0x20, b'b' | b'o' | b'x') {
        hex = b[i + 1] | 0x20 == b'x';
        i += 2;
        saw = b'0';
    }
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() || (hex && (c | 0x20).is_ascii_hexdigit()) {
            saw = b'0';
        } else if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
        } else {
            if saw == b'_' {
                return false;
            }
            saw = b'!';
        }
        i += 1;
    }
    saw != b'_'
}

/// Go's `strconv.ParseUint(s, base, bits)` for base 0 (prefix-detected, underscores allowed) or
/// base 10; the callers turn the error kind into Go's message with their own function name.
fn parse_uint_impl(s: &str, base0: bool, bits: u32) -> Result<u64, UintError> {
    if s.is_empty() {
        return Err(UintError::Syntax);
    }
    let bytes = s.as_bytes();
    let mut base: u64 = 10;
    let mut digits = bytes;
    if base0 && bytes[0] == b'0' {
        if bytes.len() >= 3 && matches!(bytes[1] | 0x20, b'b' | b'o' | b'x') {
            base = match bytes[1] | 0x20 {
                b'b' => 2,
                b'o' => 8,
                _ => 16,
            };
            digits = &bytes[2..];
        } else {
            base = 8;
            digits = &bytes[1..];
        }
    }
    let max_val: u64 = if bits >= 64 {
        u64::MAX
    } else {
        (1u64 << bits) - 1
    };
    let cutoff = u64::MAX / base + 1;
    let mut underscores = false;
    let mut n: u64 = 0;
    for &c in digits {
        let d = match c {
            b'_' if base0 => {
                underscores = true;
                continue;
            }
            b'0'..=b'9' => u64::from(c - b'0'),
            c if (c | 0x20).is_ascii_lowercase() => u64::from((c | 0x20) - b'a') + 10,
            _ => return Err(UintError::Syntax),
        };
        if d >= base {
            return Err(UintError::Syntax);
        }
        if n >= cutoff {
            return Err(UintError::Range);
        }
        n *= base;
        let n1 = n.wrapping_add(d);
        if n1 < n || n1 > max_val {
            return Err(UintError::Range);
        }
        n = n1;
    }
    if underscores && !underscore_ok(s) {
        return Err(UintError::Syntax);
    }
    Ok(n)
}

#[derive(Debug, PartialEq, Eq)]
enum UintError {
    Syntax,
    Range,
}

/// Go's `strconv.ParseUint(s, 0, bits)` (pflag's `uint`, `uint16`, `uint32`, `uint64` flags).
pub fn parse_uint(s: &str, bits: u32) -> Result<u64, String> {
    parse_uint_impl(s, true, bits).map_err(|e| match e {
        UintError::Syntax => syntax_error("ParseUint", s),
        UintError::Range => range_error("ParseUint", s),
    })
}

/// Go's `strconv.ParseUint(s, 10, bits)`.
fn parse_uint10(s: &str, bits: u32) -> Result<u64, String> {
    parse_uint_impl(s, false, bits).map_err(|e| match e {
        UintError::Syntax => syntax_error("ParseUint", s),
        UintError::Range => range_error("ParseUint", s),
    })
}

fn parse_int_impl(s: &str, base0: bool, bits: u32) -> Result<i64, String> {
    if s.is_empty() {
        return Err(syntax_error("ParseInt", s));
    }
    let (neg, rest) = match s.as_bytes()[0] {
        b'+' => (false, &s[1..]),
        b'-' => (true, &s[1..]),
        _ => (false, s),
    };
    let un = match parse_uint_impl(rest, base0, bits) {
        Ok(v) => v,
        Err(UintError::Syntax) => return Err(syntax_error("ParseInt", s)),
        Err(UintError::Range) => u64::MAX,
    };
    let cutoff: u64 = 1u64 << (bits - 1);
    if !neg && un >= cutoff {
        return Err(range_error("ParseInt", s));
    }
    if neg && un > cutoff {
        return Err(range_error("ParseInt", s));
    }
    // `un` is at most 2^63 here, so the two's-complement negation cannot overflow.
    let n = un as i64;
    Ok(if neg { n.wrapping_neg() } else { n })
}

/// Go's `strconv.ParseInt(s, 0, bits)` (pflag's `int`, `int64` flags).
pub fn parse_int(s: &str, bits: u32) -> Result<i64, String> {
    parse_int_impl(s, true, bits)
}

/// Go's `strconv.ParseInt(s, 10, 64)` (used by `go-units` for ulimits).
fn parse_int10(s: &str) -> Result<i64, String> {
    parse_int_impl(s, false, 64)
}

/// Go's `strconv.ParseFloat(s, 64)` for decimal input (with `inf`/`nan`, exponents and Go's
/// underscore rule); hexadecimal floats are accepted when they carry the mandatory `p` exponent.
pub fn parse_float(s: &str) -> Result<f64, String> {
    let err = || syntax_error("ParseFloat", s);
    let (sign, body) = match s.as_bytes().first() {
        Some(b'+') => (1.0, &s[1..]),
        Some(b'-') => (-1.0, &s[1..]),
        _ => (1.0, s),
    };
    let lower = body.to_ascii_lowercase();
    if lower == "inf" || lower == "infinity" {
        return Ok(sign * f64::INFINITY);
    }
    if lower == "nan" {
        return Ok(f64::NAN);
    }
    if body.contains('_') && !underscore_ok(body) {
        return Err(err());
    }
    let clean: String = body.chars().filter(|&c| c != '_').collect();
    if clean.len() > 2 && clean.as_bytes()[0] == b'0' && clean.as_bytes()[1] | 0x20 == b'x' {
        let v = parse_hex_float(&clean[2..]).ok_or_else(err)?;
        return if v.is_infinite() {
            Err(range_error("ParseFloat", s))
        } else {
            Ok(sign * v)
        };
    }
    // Go's decimal grammar: digits, optional fraction, optional exponent; at least one digit.
    let b = clean.as_bytes();
    let mut i = 0;
    let mut mantissa_digits = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
        mantissa_digits += 1;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
            mantissa_digits += 1;
        }
    }
    if mantissa_digits == 0 {
        return Err(err());
    }
    if i < b.len() && (b[i] | 0x20) == b'e' {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return Err(err());
        }
    }
    if i != b.len() {
        return Err(err());
    }
    let v: f64 = clean.parse().map_err(|_| err())?;
    if v.is_infinite() {
        return Err(range_error("ParseFloat", s));
    }
    Ok(sign * v)
}

/// Parses the part of a Go hex float after `0x`: hex mantissa with optional point, then a
/// mandatory binary exponent `p±N`.
fn parse_hex_float(s: &str) -> Option<f64> {
    let (mant, exp) = s.split_once(['p', 'P'])?;
    let exp: i32 = exp.parse().ok()?;
    let (int_part, frac_part) = mant.split_once('.').unwrap_or((mant, ""));
    if int_part.is_empty() && frac_part.is_empty() {
        return None;
    }
    let mut v = 0f64;
    for c in int_part.chars() {
        v = v * 16.0 + f64::from(c.to_digit(16)?);
    }
    let mut scale = 1.0 / 16.0;
    for c in frac_part.chars() {
        v += f64::from(c.to_digit(16)?) * scale;
        scale /= 16.0;
    }
    Some(v * 2f64.powi(exp))
}

/// Go's `time.ParseDuration`, in nanoseconds.
pub fn parse_duration(orig: &str) -> Result<i64, String> {
    let invalid = || format!("time: invalid duration {}", time_quote(orig));
    let mut s = orig;
    let mut neg = false;
    if let Some(c) = s.as_bytes().first() {
        if *c == b'-' || *c == b'+' {
            neg = *c == b'-';
            s = &s[1..];
        }
    }
    if s == "0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(invalid());
    }
    const LIMIT: u64 = 1 << 63;
    let mut d: u64 = 0;
    while !s.is_empty() {
        let first = s.as_bytes()[0];
        if !(first == b'.' || first.is_ascii_digit()) {
            return Err(invalid());
        }
        // Leading integer.
        let mut v: u64 = 0;
        let mut i = 0;
        let b = s.as_bytes();
        while i < b.len() && b[i].is_ascii_digit() {
            if v > LIMIT / 10 {
                return Err(invalid());
            }
            v = v * 10 + u64::from(b[i] - b'0');
            if v > LIMIT {
                return Err(invalid());
            }
            i += 1;
        }
        let pre = i > 0;
        s = &s[i..];
        // Optional fraction.
        let mut f: u64 = 0;
        let mut scale = 1f64;
        let mut post = false;
        if s.as_bytes().first() == Some(&b'.') {
            s = &s[1..];
            let b = s.as_bytes();
            let mut j = 0;
            let mut overflow = false;
            while j < b.len() && b[j].is_ascii_digit() {
                if !overflow {
                    if f > (LIMIT - 1) / 10 {
                        overflow = true;
                    } else {
                        let y = f * 10 + u64::from(b[j] - b'0');
                        if y > LIMIT {
                            overflow = true;
                        } else {
                            f = y;
                            scale *= 10.0;
                        }
                    }
                }
                j += 1;
            }
            post = j > 0;
            s = &s[j..];
        }
        if !pre && !post {
            return Err(invalid());
        }
        // Unit: everything up to the next digit or point.
        let unit_len = s
            .bytes()
            .position(|c| c == b'.' || c.is_ascii_digit())
            .unwrap_or(s.len());
        if unit_len == 0 {
            return Err(format!(
                "time: missing unit in duration {}",
                time_quote(orig)
            ));
        }
        let unit_str = &s[..unit_len];
        s = &s[unit_len..];
        let unit: u64 = match unit_str {
            "ns" => 1,
            "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => {
                return Err(format!(
                    "time: unknown unit {} in duration {}",
                    time_quote(unit_str),
                    time_quote(orig)
                ))
            }
        };
        if v > LIMIT / unit {
            return Err(invalid());
        }
        v *= unit;
        if f > 0 {
            // Same float arithmetic as Go so fractions of hours round identically.
            v += (f as f64 * (unit as f64 / scale)) as u64;
            if v > LIMIT {
                return Err(invalid());
            }
        }
        d += v;
        if d > LIMIT {
            return Err(invalid());
        }
    }
    if neg {
        return Ok((d as i64).wrapping_neg());
    }
    if d > LIMIT - 1 {
        return Err(invalid());
    }
    Ok(d as i64)
}

/// `go-units` v0.5.0 `RAMInBytes` (binary units: `k` = 1024): docker's `bytes` flags.
pub fn ram_in_bytes(size: &str) -> Result<i64, String> {
    let invalid = || format!("invalid size: '{size}'");
    let Some(sep) = size.rfind(|c: char| c.is_ascii_digit() || c == '.' || c == ' ') else {
        return Err(invalid());
    };
    let (num, sfx) = if size.as_bytes()[sep] != b' ' {
        (&size[..=sep], &size[sep + 1..])
    } else {
        (&size[..sep], &size[sep + 1..])
    };
    let mut value = parse_float(num)?;
    if value < 0.0 {
        return Err(invalid());
    }
    if sfx.is_empty() {
        return Ok(value as i64);
    }
    let bad = |s: &str| format!("invalid suffix: '{s}'");
    if sfx.len() > 3 {
        return Err(bad(sfx));
    }
    let lower = sfx.to_lowercase();
    let lb = lower.as_bytes();
    if lb[0] == b'b' {
        return if lb.len() > 1 {
            Err(bad(&lower))
        } else {
            Ok(value as i64)
        };
    }
    let mul: f64 = match lb[0] {
        b'k' => 1024.0,
        b'm' => 1024.0 * 1024.0,
        b'g' => 1024.0 * 1024.0 * 1024.0,
        b't' => 1024f64.powi(4),
        b'p' => 1024f64.powi(5),
        _ => return Err(bad(&lower)),
    };
    value *= mul;
    if (lb.len() == 2 && lb[1] != b'b') || (lb.len() == 3 && &lb[1..] != b"ib") {
        return Err(bad(&lower));
    }
    Ok(value as i64)
}

/// docker's `opts.ParseCPUs` (`--cpus`): a `big.Rat` decimal or fraction, in nano-CPUs.
pub fn parse_nano_cpus(value: &str) -> Result<i64, String> {
    let fail = || format!("failed to parse {value} as a rational number");
    let (num, den) = parse_rational(value).ok_or_else(fail)?;
    // nano = num * 1e9 / den, which must be an integer.
    let scaled = num.checked_mul(1_000_000_000).ok_or_else(fail)?;
    if scaled % den != 0 {
        return Err("value is too precise".to_string());
    }
    let nano = scaled / den;
    Ok(i64::try_from(nano).unwrap_or(if nano < 0 { i64::MIN } else { i64::MAX }))
}

/// `big.Rat.SetString` for the forms people type: `a/b`, or a decimal with optional exponent.
/// Returns numerator and a positive denominator.
fn parse_rational(s: &str) -> Option<(i128, i128)> {
    if let Some((a, b)) = s.split_once('/') {
        let a: i128 = parse_signed_digits(a)?;
        let b: i128 = if b.bytes().all(|c| c.is_ascii_digit()) && !b.is_empty() {
            b.parse().ok()?
        } else {
            return None;
        };
        if b == 0 {
            return None;
        }
        return Some((a, b));
    }
    let (neg, body) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let (mant, exp) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], parse_signed_digits(&body[i + 1..])?),
        None => (body, 0),
    };
    let (int_part, frac_part) = mant.split_once('.').unwrap_or((mant, ""));
    if int_part.is_empty() && frac_part.is_empty() {
        return None;
    }
    if !int_part
        .bytes()
        .chain(frac_part.bytes())
        .all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let digits = format!("{int_part}{frac_part}");
    let mut num: i128 = digits.trim_start_matches('0').parse().unwrap_or(0);
    let shift = exp - i128::try_from(frac_part.len()).ok()?;
    let mut den: i128 = 1;
    if shift >= 0 {
        num = num.checked_mul(10i128.checked_pow(u32::try_from(shift).ok()?)?)?;
    } else {
        den = 10i128.checked_pow(u32::try_from(-shift).ok()?)?;
    }
    Some((if neg { -num } else { num }, den))
}

fn parse_signed_digits(s: &str) -> Option<i128> {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    if body.is_empty() || !body.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Go `encoding/csv` `Reader.Read` with default settings: the first record of `input`.
/// `Err` holds the Go error text (`EOF`, or `parse error on line L, column C: …`).
pub fn read_csv_record(input: &str) -> Result<Vec<String>, String> {
    const ERR_QUOTE: &str = "extraneous or missing \" in quoted-field";
    const ERR_BARE: &str = "bare \" in non-quoted-field";
    // Split into lines the way csv's readLine does: each keeps its '\n', "\r\n" becomes "\n",
    // a final line without newline loses a trailing '\r'.
    let mut lines: Vec<String> = Vec::new();
    let mut rest = input;
    while !rest.is_empty() {
        let (mut line, next) = match rest.find('\n') {
            Some(i) => (rest[..=i].to_string(), &rest[i + 1..]),
            None => {
                let mut l = rest.to_string();
                if l.ends_with('\r') {
                    l.pop();
                }
                (l, "")
            }
        };
        if line.ends_with("\r\n") {
            line.truncate(line.len() - 2);
            line.push('\n');
        }
        lines.push(line);
        rest = next;
    }
    let Some(mut li) = lines.iter().position(|l| !l.is_empty() && l != "\n") else {
        return Err("EOF".to_string());
    };
    let rec_line = li + 1;
    let parse_err = |line: usize, col: usize, what: &str| {
        if line != rec_line {
            format!("record on line {rec_line}; parse error on line {line}, column {col}: {what}")
        } else {
            format!("parse error on line {line}, column {col}: {what}")
        }
    };
    let mut fields = Vec::new();
    // Byte offset into the current line, and Go's 1-based column.
    let mut off = 0usize;
    let mut col = 1usize;
    loop {
        let cur = &lines[li][off..];
        if !cur.starts_with('"') {
            let (field, comma) = match cur.find(',') {
                Some(i) => (&cur[..i], true),
                None => (cur.strip_suffix('\n').unwrap_or(cur), false),
            };
            if let Some(j) = field.find('"') {
                return Err(parse_err(li + 1, col + j, ERR_BARE));
            }
            fields.push(field.to_string());
            if !comma {
                return Ok(fields);
            }
            off += field.len() + 1;
            col += field.len() + 1;
            continue;
        }
        // Quoted field, possibly spanning lines.
        let mut buf = String::new();
        off += 1;
        col += 1;
        loop {
            let cur = &lines[li][off..];
            if let Some(i) = cur.find('"') {
                buf.push_str(&cur[..i]);
                off += i + 1;
                col += i + 1;
                let after = &lines[li][off..];
                if after.starts_with('"') {
                    buf.push('"');
                    off += 1;
                    col += 1;
                } else if after.starts_with(',') {
                    off += 1;
                    col += 1;
                    fields.push(std::mem::take(&mut buf));
                    break;
                } else if after.is_empty() || after == "\n" {
                    fields.push(buf);
                    return Ok(fields);
                } else {
                    return Err(parse_err(li + 1, col - 1, ERR_QUOTE));
                }
            } else if !cur.is_empty() {
                buf.push_str(cur);
                col += cur.len();
                if li + 1 < lines.len() {
                    li += 1;
                    off = 0;
                    col = 1;
                } else {
                    off = lines[li].len();
                }
            } else {
                return Err(parse_err(li + 1, col, ERR_QUOTE));
            }
        }
    }
}

/// pflag's `readAsCSV` as used by `StringSlice.Set`: empty input is an empty list.
pub fn read_string_slice(input: &str) -> Result<Vec<String>, String> {
    if input.is_empty() {
        return Ok(Vec::new());
    }
    read_csv_record(input)
}

/// docker's `opts.FilterOpt.Set`: `name=value`, name lowercased and both sides trimmed.
/// `Ok(None)` for an empty value (docker ignores it).
pub fn parse_filter(value: &str) -> Result<Option<String>, String> {
    if value.is_empty() {
        return Ok(None);
    }
    let Some((name, val)) = value.split_once('=') else {
        return Err("bad format of filter (expected name=value)".to_string());
    };
    Ok(Some(format!(
        "{}={}",
        name.trim().to_lowercase(),
        val.trim()
    )))
}

/// The per-flag validators docker attaches to its list/map/value flags. Selected by the flag's
/// long name and help type word; returns the value as docker stores it.
pub fn validate(long: &str, type_name: &str, value: &str) -> Result<String, String> {
    match (type_name, long) {
        ("list", "env") => validate_env(value),
        ("list", "label") => validate_label(value),
        ("list", "add-host") => validate_extra_host(value),
        ("list", "dns") => validate_ip(value),
        ("list", "dns-search") => validate_dns_search(value),
        ("list", "attach") => validate_attach(value),
        ("list", "link") => validate_link(value),
        ("list", "device-cgroup-rule") => validate_device_cgroup_rule(value),
        ("list", "device-read-bps" | "device-write-bps") => validate_throttle_bps(value),
        ("list", "device-read-iops" | "device-write-iops") => validate_throttle_iops(value),
        ("list", "blkio-weight-device") => validate_weight_device(value),
        ("map", "sysctl") => validate_sysctl(value),
        ("ulimit", _) => validate_ulimit(value),
        ("mount", _) => validate_mount(value),
        ("gpu-request", _) => validate_gpus(value),
        _ => Ok(value.to_string()),
    }
}

fn validate_env(value: &str) -> Result<String, String> {
    let key = value.split_once('=').map_or(value, |(k, _)| k);
    if key.is_empty() {
        return Err(format!("invalid environment variable: {value}"));
    }
    // docker fills a bare `KEY` from the client's environment later; the caller decides that.
    Ok(value.to_string())
}

fn validate_label(value: &str) -> Result<String, String> {
    let key = value.split_once('=').map_or(value, |(k, _)| k);
    if key.trim().is_empty() {
        return Err(format!("invalid label '{value}': empty name"));
    }
    Ok(value.to_string())
}

fn validate_ip(value: &str) -> Result<String, String> {
    match value.trim().parse::<IpAddr>() {
        Ok(ip) => Ok(ip.to_string()),
        Err(_) => Err(format!("IP address is not correctly formatted: {value}")),
    }
}

fn validate_extra_host(value: &str) -> Result<String, String> {
    let split = value.split_once('=').or_else(|| value.split_once(':'));
    let Some((_, addr)) = split.filter(|(k, _)| !k.is_empty() && !k.contains(':')) else {
        return Err(format!("bad format for add-host: {}", go_quote(value)));
    };
    if addr != "host-gateway" {
        let inner = if addr.len() > 2 && addr.starts_with('[') && addr.ends_with(']') {
            &addr[1..addr.len() - 1]
        } else {
            addr
        };
        if validate_ip(inner).is_err() {
            return Err(format!(
                "invalid IP address in add-host: {}",
                go_quote(inner)
            ));
        }
    }
    Ok(value.to_string())
}

fn validate_dns_search(value: &str) -> Result<String, String> {
    let v = value.trim_matches(' ');
    if v == "." {
        return Ok(v.to_string());
    }
    let bad = || format!("{v} is not a valid domain");
    if !v.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
        return Err(bad());
    }
    // docker's domain regexp: dot-separated labels of letters, digits and inner hyphens, an
    // optional final dot, optional trailing whitespace; the match without them is stored.
    let core = v.trim_end_matches(char::is_whitespace);
    let core = core.strip_suffix('.').unwrap_or(core);
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    if core.split('.').all(label_ok) && core.len() < 255 {
        Ok(core.to_string())
    } else {
        Err(bad())
    }
}

fn validate_attach(value: &str) -> Result<String, String> {
    let s = value.to_lowercase();
    if matches!(s.as_str(), "stdin" | "stdout" | "stderr") {
        Ok(s)
    } else {
        Err("valid streams are STDIN, STDOUT and STDERR".to_string())
    }
}

fn validate_link(value: &str) -> Result<String, String> {
    if value.is_empty() {
        return Err("empty string specified for links".to_string());
    }
    if value.splitn(3, ':').count() > 2 {
        return Err(format!("bad format for links: {value}"));
    }
    Ok(value.to_string())
}

fn validate_device_cgroup_rule(value: &str) -> Result<String, String> {
    // ^([acb]) ([0-9]+|\*):([0-9]+|\*) ([rwm]{1,3})$
    let bad = || format!("invalid device cgroup format '{value}'");
    let parts: Vec<&str> = value.split(' ').collect();
    let num_or_star =
        |s: &str| s == "*" || (!s.is_empty() && s.bytes().all(|c| c.is_ascii_digit()));
    match parts.as_slice() {
        [kind, majmin, access]
            if matches!(*kind, "a" | "c" | "b")
                && majmin
                    .split_once(':')
                    .is_some_and(|(a, b)| num_or_star(a) && num_or_star(b))
                && (1..=3).contains(&access.len())
                && access.bytes().all(|c| matches!(c, b'r' | b'w' | b'm')) =>
        {
            Ok(value.to_string())
        }
        _ => Err(bad()),
    }
}

fn device_and_rate(value: &str) -> Result<(&str, &str), String> {
    let Some((dev, rate)) = value.split_once(':').filter(|(k, _)| !k.is_empty()) else {
        return Err(format!("bad format: {value}"));
    };
    if !dev.starts_with("/dev/") {
        return Err(format!("bad format for device path: {value}"));
    }
    Ok((dev, rate))
}

fn validate_throttle_bps(value: &str) -> Result<String, String> {
    let (_, rate) = device_and_rate(value)?;
    match ram_in_bytes(rate) {
        Ok(r) if r >= 0 => Ok(value.to_string()),
        _ => Err(format!(
            "invalid rate for device: {value}. The correct format is <device-path>:<number>[<unit>]. Number must be a positive integer. Unit is optional and can be kb, mb, or gb"
        )),
    }
}

fn validate_throttle_iops(value: &str) -> Result<String, String> {
    let (_, rate) = device_and_rate(value)?;
    match parse_uint10(rate, 64) {
        Ok(_) => Ok(value.to_string()),
        Err(_) => Err(format!(
            "invalid rate for device: {value}. The correct format is <device-path>:<number>. Number must be a positive integer"
        )),
    }
}

fn validate_weight_device(value: &str) -> Result<String, String> {
    let (_, weight) = device_and_rate(value)?;
    match parse_uint10(weight, 16) {
        Ok(w) if w == 0 || (10..=1000).contains(&w) => Ok(value.to_string()),
        _ => Err(format!("invalid weight for device: {value}")),
    }
}

fn validate_sysctl(value: &str) -> Result<String, String> {
    let bad = || format!("sysctl '{value}' is not allowed");
    let mut parts = value.split('=');
    let key = parts.next().unwrap_or_default();
    if parts.next().is_none() {
        return Err(bad());
    }
    const ALLOWED: [&str; 8] = [
        "kernel.msgmax",
        "kernel.msgmnb",
        "kernel.msgmni",
        "kernel.sem",
        "kernel.shmall",
        "kernel.shmmax",
        "kernel.shmmni",
        "kernel.shm_rmid_forced",
    ];
    if ALLOWED.contains(&key) || key.starts_with("net.") || key.starts_with("fs.mqueue.") {
        Ok(value.to_string())
    } else {
        Err(bad())
    }
}

fn validate_ulimit(value: &str) -> Result<String, String> {
    let Some((name, limits)) = value.split_once('=') else {
        return Err(format!("invalid ulimit argument: {value}"));
    };
    const NAMES: [&str; 15] = [
        "core",
        "cpu",
        "data",
        "fsize",
        "locks",
        "memlock",
        "msgqueue",
        "nice",
        "nofile",
        "nproc",
        "rss",
        "rtprio",
        "rttime",
        "sigpending",
        "stack",
    ];
    if !NAMES.contains(&name) {
        return Err(format!("invalid ulimit type: {name}"));
    }
    let parts: Vec<&str> = limits.split(':').collect();
    let (soft, hard) = match parts.as_slice() {
        [soft] => {
            let s = parse_int10(soft)?;
            (s, s)
        }
        [soft, hard] => {
            let h = parse_int10(hard)?;
            (parse_int10(soft)?, h)
        }
        _ => {
            return Err(format!(
                "too many limit value arguments - {limits}, can only have up to two, `soft[:hard]`"
            ))
        }
    };
    if hard != -1 && soft > hard {
        return Err(format!(
            "ulimit soft limit must be less than or equal to hard limit: {soft} > {hard}"
        ));
    }
    Ok(value.to_string())
}

fn validate_mount(value: &str) -> Result<String, String> {
    let fields = read_csv_record(value)?;
    let mut kind = "volume".to_string();
    let mut target = String::new();
    let (mut volume_opts, mut bind_opts, mut tmpfs_opts, mut image_opts) =
        (false, false, false, false);
    let bool_val = |key: &str, val: &str| {
        parse_bool(val)
            .map(|_| ())
            .map_err(|_| format!("invalid value for {key}: {val}"))
    };
    for field in &fields {
        let Some((key, val)) = field.split_once('=') else {
            match field.to_lowercase().as_str() {
                "readonly" | "ro" => {}
                "volume-nocopy" => volume_opts = true,
                "bind-nonrecursive" => bind_opts = true,
                _ => return Err(format!("invalid field '{field}' must be a key=value pair")),
            }
            continue;
        };
        let key = key.to_lowercase();
        match key.as_str() {
            "type" => kind = val.to_lowercase(),
            "source" | "src" | "consistency" => {}
            "target" | "dst" | "destination" => target = val.to_string(),
            "readonly" | "ro" => bool_val(&key, val)?,
            "bind-propagation" => bind_opts = true,
            "bind-nonrecursive" => {
                bind_opts = true;
                bool_val(&key, val)?;
            }
            "bind-recursive" => {
                bind_opts = true;
                if !matches!(val, "enabled" | "disabled" | "writable" | "readonly") {
                    return Err(format!(
                        "invalid value for {key}: {val} (must be \"enabled\", \"disabled\", \"writable\", or \"readonly\")"
                    ));
                }
            }
            "volume-nocopy" => {
                volume_opts = true;
                parse_bool(val).map_err(|_| format!("invalid value for volume-nocopy: {val}"))?;
            }
            "volume-label" | "volume-driver" | "volume-opt" | "volume-subpath" => {
                volume_opts = true
            }
            "tmpfs-size" => {
                tmpfs_opts = true;
                ram_in_bytes(val).map_err(|_| format!("invalid value for {key}: {val}"))?;
            }
            "tmpfs-mode" => {
                tmpfs_opts = true;
                // Go: strconv.ParseUint(val, 8, 32).
                if val.is_empty()
                    || !val.bytes().all(|c| (b'0'..=b'7').contains(&c))
                    || u64::from_str_radix(val, 8).map_or(true, |v| v > u64::from(u32::MAX))
                {
                    return Err(format!("invalid value for {key}: {val}"));
                }
            }
            "image-subpath" => image_opts = true,
            _ => return Err(format!("unexpected key '{key}' in '{field}'")),
        }
    }
    if kind.is_empty() {
        return Err("type is required".to_string());
    }
    if target.is_empty() {
        return Err("target is required".to_string());
    }
    for (used, prefix, wanted) in [
        (volume_opts, "volume", "volume"),
        (bind_opts, "bind", "bind"),
        (tmpfs_opts, "tmpfs", "tmpfs"),
        (image_opts, "image", "image"),
    ] {
        if used && kind != wanted {
            return Err(format!(
                "cannot mix '{prefix}-*' options with mount type '{kind}'"
            ));
        }
    }
    Ok(value.to_string())
}

fn validate_gpus(value: &str) -> Result<String, String> {
    let fields = read_csv_record(value)?;
    let count_ok = |s: &str| {
        if s == "all" || s.parse::<i64>().is_ok() {
            Ok(())
        } else {
            Err(format!(
                "invalid count ({s}): value must be either \"all\" or an integer: invalid syntax"
            ))
        }
    };
    let mut seen: Vec<String> = Vec::new();
    for field in &fields {
        let (key, val) = match field.split_once('=') {
            Some((k, v)) => (k, Some(v)),
            None => (field.as_str(), None),
        };
        if seen.iter().any(|s| s == key) {
            return Err(format!(
                "gpu request key '{key}' can be specified only once"
            ));
        }
        seen.push(key.to_string());
        match val {
            None => {
                seen.push("count".to_string());
                count_ok(key)?;
            }
            Some(v) => match key {
                "count" => count_ok(v)?,
                "driver" | "device" | "capabilities" | "options" => {}
                _ => return Err(format!("unexpected key '{key}' in '{field}'")),
            },
        }
    }
    Ok(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_matches_go() {
        assert_eq!(go_quote("abc"), "\"abc\"");
        assert_eq!(go_quote("\"a"), "\"\\\"a\"");
        assert_eq!(go_quote("a\\b\n\t\u{1}"), "\"a\\\\b\\n\\t\\x01\"");
        assert_eq!(go_quote("héllo 한"), "\"héllo 한\"");
        assert_eq!(go_quote("\u{a0}"), "\"\\u00a0\"");
        assert_eq!(go_quote_byte(b'z'), "'z'");
        assert_eq!(go_quote_byte(b'\''), "'\\''");
        assert_eq!(go_quote_byte(0xc3), "'Ã'");
        assert_eq!(go_quote_byte(0x85), "'\\u0085'");
        assert_eq!(time_quote("5é"), "\"5\\xc3\\xa9\"");
    }

    #[test]
    fn ints_like_strconv() {
        let cases: &[(&str, Result<i64, &str>)] = &[
            ("5", Ok(5)),
            ("-1", Ok(-1)),
            ("+7", Ok(7)),
            ("0x10", Ok(16)),
            ("0o17", Ok(15)),
            ("017", Ok(15)),
            ("0b101", Ok(5)),
            ("1_000", Ok(1000)),
            ("0", Ok(0)),
            (
                "abc",
                Err("strconv.ParseInt: parsing \"abc\": invalid syntax"),
            ),
            ("", Err("strconv.ParseInt: parsing \"\": invalid syntax")),
            (
                "1.5",
                Err("strconv.ParseInt: parsing \"1.5\": invalid syntax"),
            ),
            (
                " 1",
                Err("strconv.ParseInt: parsing \" 1\": invalid syntax"),
            ),
            (
                "08",
                Err("strconv.ParseInt: parsing \"08\": invalid syntax"),
            ),
            (
                "1__0",
                Err("strconv.ParseInt: parsing \"1__0\": invalid syntax"),
            ),
            (
                "_1",
                Err("strconv.ParseInt: parsing \"_1\": invalid syntax"),
            ),
            ("9223372036854775807", Ok(i64::MAX)),
            ("-9223372036854775808", Ok(i64::MIN)),
            (
                "9223372036854775808",
                Err("strconv.ParseInt: parsing \"9223372036854775808\": value out of range"),
            ),
            (
                "99999999999999999999x",
                Err("strconv.ParseInt: parsing \"99999999999999999999x\": value out of range"),
            ),
        ];
        for (input, want) in cases {
            assert_eq!(
                parse_int(input, 64),
                want.map_err(str::to_string),
                "{input}"
            );
        }
        assert_eq!(
            parse_uint("70000", 16),
            Err("strconv.ParseUint: parsing \"70000\": value out of range".to_string())
        );
        assert_eq!(
            parse_uint("-1", 64),
            Err("strconv.ParseUint: parsing \"-1\": invalid syntax".to_string())
        );
        assert_eq!(parse_uint("65535", 16), Ok(65535));
    }

    #[test]
    fn bools_like_strconv() {
        assert_eq!(parse_bool("True"), Ok(true));
        assert_eq!(parse_bool("0"), Ok(false));
        assert_eq!(
            parse_bool("yes"),
            Err("strconv.ParseBool: parsing \"yes\": invalid syntax".to_string())
        );
    }

    #[test]
    fn durations_like_time() {
        assert_eq!(parse_duration("1h30m"), Ok(5_400_000_000_000));
        assert_eq!(parse_duration("1.5s"), Ok(1_500_000_000));
        assert_eq!(parse_duration("-1s"), Ok(-1_000_000_000));
        assert_eq!(parse_duration("0"), Ok(0));
        assert_eq!(parse_duration("300ms"), Ok(300_000_000));
        assert_eq!(parse_duration("2\u{b5}s"), Ok(2_000));
        assert_eq!(
            parse_duration("5"),
            Err("time: missing unit in duration \"5\"".to_string())
        );
        assert_eq!(
            parse_duration("abc"),
            Err("time: invalid duration \"abc\"".to_string())
        );
        assert_eq!(
            parse_duration("1.5.h"),
            Err("time: missing unit in duration \"1.5.h\"".to_string())
        );
        assert_eq!(
            parse_duration("1h2x"),
            Err("time: unknown unit \"x\" in duration \"1h2x\"".to_string())
        );
        assert_eq!(
            parse_duration(".s"),
            Err("time: invalid duration \".s\"".to_string())
        );
        assert_eq!(
            parse_duration(""),
            Err("time: invalid duration \"\"".to_string())
        );
    }

    #[test]
    fn sizes_like_go_units() {
        assert_eq!(ram_in_bytes("512m"), Ok(512 * 1024 * 1024));
        assert_eq!(ram_in_bytes("1g"), Ok(1 << 30));
        assert_eq!(ram_in_bytes("10 kib"), Ok(10240));
        assert_eq!(ram_in_bytes("100"), Ok(100));
        assert_eq!(ram_in_bytes("1.5k"), Ok(1536));
        assert_eq!(ram_in_bytes("1_000"), Ok(1000));
        assert_eq!(ram_in_bytes("abc"), Err("invalid size: 'abc'".to_string()));
        assert_eq!(ram_in_bytes("-1"), Err("invalid size: '-1'".to_string()));
        assert_eq!(ram_in_bytes("10q"), Err("invalid suffix: 'q'".to_string()));
        assert_eq!(
            ram_in_bytes("10 kibb"),
            Err("invalid suffix: 'kibb'".to_string())
        );
        assert_eq!(
            ram_in_bytes("10MX"),
            Err("invalid suffix: 'mx'".to_string())
        );
        assert_eq!(
            ram_in_bytes("1.2.3"),
            Err("strconv.ParseFloat: parsing \"1.2.3\": invalid syntax".to_string())
        );
    }

    #[test]
    fn cpus_like_big_rat() {
        assert_eq!(parse_nano_cpus("1.5"), Ok(1_500_000_000));
        assert_eq!(parse_nano_cpus("2"), Ok(2_000_000_000));
        assert_eq!(parse_nano_cpus("1/4"), Ok(250_000_000));
        assert_eq!(parse_nano_cpus(".5"), Ok(500_000_000));
        assert_eq!(parse_nano_cpus("1e-3"), Ok(1_000_000));
        assert_eq!(
            parse_nano_cpus("1/3"),
            Err("value is too precise".to_string())
        );
        assert_eq!(
            parse_nano_cpus("1.0000000001"),
            Err("value is too precise".to_string())
        );
        assert_eq!(
            parse_nano_cpus("abc"),
            Err("failed to parse abc as a rational number".to_string())
        );
        assert_eq!(
            parse_nano_cpus("1/0"),
            Err("failed to parse 1/0 as a rational number".to_string())
        );
    }

    #[test]
    fn csv_like_encoding_csv() {
        assert_eq!(read_csv_record("a,b"), Ok(vec!["a".into(), "b".into()]));
        assert_eq!(read_csv_record("a,"), Ok(vec!["a".into(), String::new()]));
        assert_eq!(
            read_csv_record("\"a,b\",c"),
            Ok(vec!["a,b".into(), "c".into()])
        );
        assert_eq!(read_csv_record("\"a\"\"b\""), Ok(vec!["a\"b".into()]));
        assert_eq!(read_csv_record(""), Err("EOF".to_string()));
        assert_eq!(
            read_csv_record("\"a"),
            Err("parse error on line 1, column 3: extraneous or missing \" in quoted-field".into())
        );
        assert_eq!(
            read_csv_record("a,\"b"),
            Err("parse error on line 1, column 5: extraneous or missing \" in quoted-field".into())
        );
        assert_eq!(
            read_csv_record("\"a\"b"),
            Err("parse error on line 1, column 3: extraneous or missing \" in quoted-field".into())
        );
        assert_eq!(
            read_csv_record("a\"b"),
            Err("parse error on line 1, column 2: bare \" in non-quoted-field".into())
        );
        assert_eq!(read_string_slice(""), Ok(vec![]));
    }

    #[test]
    fn validators_match_docker() {
        let cases: &[(&str, &str, &str, Result<&str, &str>)] = &[
            ("list", "env", "A=B", Ok("A=B")),
            ("list", "env", "=x", Err("invalid environment variable: =x")),
            ("list", "env", "", Err("invalid environment variable: ")),
            ("list", "label", " =x", Err("invalid label ' =x': empty name")),
            ("list", "add-host", "a:b", Err("invalid IP address in add-host: \"b\"")),
            ("list", "add-host", "x", Err("bad format for add-host: \"x\"")),
            ("list", "add-host", ":1.2.3.4", Err("bad format for add-host: \":1.2.3.4\"")),
            ("list", "add-host", "b=[::1]", Ok("b=[::1]")),
            ("list", "add-host", "c:host-gateway", Ok("c:host-gateway")),
            ("list", "dns", "x", Err("IP address is not correctly formatted: x")),
            ("list", "dns", "0:0::1", Ok("::1")),
            ("list", "dns-search", "a b", Err("a b is not a valid domain")),
            ("list", "dns-search", ".x", Err(".x is not a valid domain")),
            ("list", "dns-search", "example.com.", Ok("example.com")),
            ("list", "attach", "STDIN", Ok("stdin")),
            ("list", "attach", "foo", Err("valid streams are STDIN, STDOUT and STDERR")),
            ("list", "link", "a:b:c", Err("bad format for links: a:b:c")),
            ("list", "link", "", Err("empty string specified for links")),
            ("list", "device-cgroup-rule", "x", Err("invalid device cgroup format 'x'")),
            ("list", "device-cgroup-rule", "c 1:* rwm", Ok("c 1:* rwm")),
            ("list", "device-read-bps", "x", Err("bad format: x")),
            ("list", "device-read-bps", "sda:1", Err("bad format for device path: sda:1")),
            ("list", "blkio-weight-device", "/dev/sda:5", Err("invalid weight for device: /dev/sda:5")),
            ("map", "sysctl", "x", Err("sysctl 'x' is not allowed")),
            ("map", "sysctl", "fs.mqueue.a", Err("sysctl 'fs.mqueue.a' is not allowed")),
            ("map", "sysctl", "net.x=1", Ok("net.x=1")),
            ("ulimit", "ulimit", "x", Err("invalid ulimit argument: x")),
            ("ulimit", "ulimit", "foo=1", Err("invalid ulimit type: foo")),
            ("ulimit", "ulimit", "nofile=a", Err("strconv.ParseInt: parsing \"a\": invalid syntax")),
            ("ulimit", "ulimit", "nofile=5:2", Err("ulimit soft limit must be less than or equal to hard limit: 5 > 2")),
            ("ulimit", "ulimit", "nofile=1:2:3", Err("too many limit value arguments - 1:2:3, can only have up to two, `soft[:hard]`")),
            ("mount", "mount", "x", Err("invalid field 'x' must be a key=value pair")),
            ("mount", "mount", "type=bind", Err("target is required")),
            ("mount", "mount", "type=,target=/a", Err("type is required")),
            ("mount", "mount", "", Err("EOF")),
            ("mount", "mount", "type=bind,target=/a,foo=1", Err("unexpected key 'foo' in 'foo=1'")),
            ("mount", "mount", "type=bind,target=/a,ro=x", Err("invalid value for ro: x")),
            ("mount", "mount", "type=bind,target=/a,volume-nocopy", Err("cannot mix 'volume-*' options with mount type 'bind'")),
            ("mount", "mount", "type=bind,target=/a,bind-recursive=x", Err("invalid value for bind-recursive: x (must be \"enabled\", \"disabled\", \"writable\", or \"readonly\")")),
            ("mount", "mount", "type=tmpfs,target=/a,tmpfs-mode=9", Err("invalid value for tmpfs-mode: 9")),
            ("mount", "mount", "TYPE=Bind,target=/a,readonly", Ok("TYPE=Bind,target=/a,readonly")),
            ("gpu-request", "gpus", "x", Err("invalid count (x): value must be either \"all\" or an integer: invalid syntax")),
            ("gpu-request", "gpus", "all,foo=1", Err("unexpected key 'foo' in 'foo=1'")),
        ];
        for (ty, long, input, want) in cases {
            assert_eq!(
                validate(long, ty, input),
                want.map(str::to_string).map_err(str::to_string),
                "{long} {input}"
            );
        }
        assert_eq!(
            parse_filter("x"),
            Err("bad format of filter (expected name=value)".into())
        );
        assert_eq!(
            parse_filter(" Status = exited"),
            Ok(Some("status=exited".into()))
        );
        assert_eq!(parse_filter(""), Ok(None));
    }
}
