//! Template functions: Go's builtins (`and`, `index`, `printf`, `eq`…) and docker's additions
//! (`json`, `split`, `join`, `title`, `lower`, `upper`, `pad`, `truncate`), with the header
//! variants docker uses when it renders a table header.

use super::exec::{is_true, Val, MAX_OUTPUT};
use super::gofmt::{print_value, sprint, sprintf, sprintln, to_json, type_name};
use super::Value;

/// Go parameter types the template engine converts arguments to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Param {
    /// `any`: a missing value becomes an untyped nil.
    Any,
    /// `reflect.Value`: passed through untouched, missing values included.
    Reflect,
    Str,
    Int,
    StrList,
}

impl Param {
    pub fn go_name(self) -> &'static str {
        match self {
            Param::Any => "interface {}",
            Param::Reflect => "reflect.Value",
            Param::Str => "string",
            Param::Int => "int",
            Param::StrList => "[]string",
        }
    }

    pub fn can_be_nil(self) -> bool {
        matches!(self, Param::Any | Param::Reflect | Param::StrList)
    }

    /// The value a missing argument becomes for this parameter.
    pub fn zero(self) -> Val {
        match self {
            Param::StrList => Val::V(Value::List(Vec::new())),
            // An untyped nil interface, which Go keeps distinct from a nil pointer.
            _ => Val::Missing,
        }
    }
}

/// Parameters of a function; `variadic` is the element type of a final `...` parameter.
pub(super) struct Sig {
    pub params: &'static [Param],
    pub variadic: Option<Param>,
}

/// Something a command can call.
pub(super) enum Callable {
    /// A named template function.
    Func(&'static str),
    /// `.Label "key"` on docker's header map (`SubHeaderContext.Label`).
    HeaderLabel,
    /// `.Label "key"` on a formatter context: a map lookup, missing keys giving "".
    MapLookup(Vec<(String, Value)>),
    /// A formatter context's argument-less method.
    Const(Value),
}

const GO_BUILTINS: &[&str] = &[
    "and", "call", "html", "index", "slice", "js", "len", "not", "or", "print", "printf",
    "println", "urlquery", "eq", "ge", "gt", "le", "lt", "ne",
];

const fn sig(params: &'static [Param], variadic: Option<Param>) -> Sig {
    Sig { params, variadic }
}

impl Callable {
    /// Whether Go treats it as a builtin (only `and`, `or` and `call` behave specially).
    pub fn is_builtin(&self) -> bool {
        matches!(self, Callable::Func(name) if GO_BUILTINS.contains(name))
    }

    pub fn signature(&self, header: bool) -> Sig {
        use Param::*;
        let name = match self {
            Callable::Func(name) => *name,
            Callable::HeaderLabel | Callable::MapLookup(_) => return sig(&[Str], None),
            Callable::Const(_) => return sig(&[], None),
        };
        match name {
            "and" | "or" | "call" | "index" | "slice" | "eq" => sig(&[Reflect], Some(Reflect)),
            "html" | "js" | "urlquery" | "print" | "println" => sig(&[], Some(Any)),
            "printf" => sig(&[Str], Some(Any)),
            "len" | "not" => sig(&[Reflect], None),
            "ne" | "lt" | "le" | "gt" | "ge" => sig(&[Reflect, Reflect], None),
            "json" if header => sig(&[Str], None),
            "json" => sig(&[Any], None),
            "split" => sig(&[Str, Str], None),
            "join" if header => sig(&[Str, Str], None),
            "join" => sig(&[StrList, Str], None),
            "pad" => sig(&[Str, Int, Int], None),
            "truncate" => sig(&[Str, Int], None),
            // title, lower, upper
            _ => sig(&[Str], None),
        }
    }

    /// Calls with arguments already converted to the signature; `Err` is the Go error text
    /// that follows `error calling <name>: `.
    pub fn call(&self, header: bool, args: Vec<Val>) -> Result<Val, String> {
        let name = match self {
            Callable::Func(name) => *name,
            Callable::HeaderLabel => {
                let key = str_arg(&args, 0);
                let last = key.rsplit('.').next().unwrap_or("");
                return Ok(string(last.replace(['-', '_'], " ")));
            }
            Callable::MapLookup(entries) => {
                let key = str_arg(&args, 0);
                let found = entries.iter().find(|(k, _)| *k == key);
                return Ok(found.map_or_else(|| string(String::new()), |(_, v)| Val::V(v.clone())));
            }
            Callable::Const(v) => return Ok(Val::V(v.clone())),
        };
        let first = || args.first().cloned().unwrap_or(Val::Missing);
        let second = || args.get(1).cloned().unwrap_or(Val::Missing);
        // docker's header functions hand their first argument back unchanged.
        if header
            && matches!(
                name,
                "json" | "split" | "join" | "title" | "lower" | "upper" | "truncate"
            )
        {
            return Ok(first());
        }
        match name {
            "print" => Ok(string(sprint(&args))),
            "println" => Ok(string(sprintln(&args))),
            "printf" => Ok(string(sprintf(
                &str_arg(&args, 0),
                args.get(1..).unwrap_or(&[]),
            ))),
            "html" => Ok(string(html_escape(&eval_args(&args)))),
            "js" => Ok(string(js_escape(&eval_args(&args)))),
            "urlquery" => Ok(string(query_escape(&eval_args(&args)))),
            "not" => Ok(Val::V(Value::Bool(!is_true(&first())))),
            "len" => length(&first()),
            "index" => index(first(), args.get(1..).unwrap_or(&[])),
            "slice" => slice(first(), args.get(1..).unwrap_or(&[])),
            "call" => match args.get(1) {
                None | Some(Val::Missing) => Err("call of nil".to_string()),
                Some(v) => Err(format!(
                    "non-function {} of type {}",
                    str_arg(&args, 0),
                    type_name(v)
                )),
            },
            "eq" => eq(&first(), args.get(1..).unwrap_or(&[])).map(boolean),
            "ne" => eq(&first(), &[second()]).map(|b| boolean(!b)),
            "lt" => lt(&first(), &second()).map(boolean),
            "le" => le(&first(), &second()).map(boolean),
            "gt" => le(&first(), &second()).map(|b| boolean(!b)),
            "ge" => lt(&first(), &second()).map(|b| boolean(!b)),
            "json" => Ok(string(to_json(&first()).unwrap_or_default())),
            "split" => Ok(split(&str_arg(&args, 0), &str_arg(&args, 1))),
            "join" => Ok(string(join(&first(), &str_arg(&args, 1)))),
            "title" => Ok(string(title(&str_arg(&args, 0)))),
            "lower" => Ok(string(map_chars(&str_arg(&args, 0), char::to_lowercase))),
            "upper" => Ok(string(map_chars(&str_arg(&args, 0), char::to_uppercase))),
            "pad" => pad(&str_arg(&args, 0), int_arg(&args, 1), int_arg(&args, 2)),
            "truncate" => truncate(&str_arg(&args, 0), int_arg(&args, 1)),
            _ => Err(format!("function {name:?} not implemented")),
        }
    }
}

fn string(s: String) -> Val {
    Val::V(Value::Str(s))
}

fn boolean(b: bool) -> Val {
    Val::V(Value::Bool(b))
}

fn str_arg(args: &[Val], i: usize) -> String {
    match args.get(i) {
        Some(Val::V(Value::Str(s))) => s.clone(),
        _ => String::new(),
    }
}

fn int_arg(args: &[Val], i: usize) -> i64 {
    match args.get(i) {
        Some(Val::V(Value::Int(n))) => *n,
        _ => 0,
    }
}

/// Go's `evalArgs`: a lone string as is, anything else through `fmt.Sprint`.
fn eval_args(args: &[Val]) -> String {
    match args {
        [Val::V(Value::Str(s))] => s.clone(),
        _ => sprint(args),
    }
}

fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\0' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

fn js_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\u003C"),
            '>' => out.push_str("\\u003E"),
            '&' => out.push_str("\\u0026"),
            '=' => out.push_str("\\u003D"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c if !c.is_ascii() && !crate::cli::format::table::is_go_print(c) => {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

/// Go's `url.QueryEscape`.
fn query_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn length(v: &Val) -> Result<Val, String> {
    let n = match v {
        Val::Missing => return Err("reflect: call of reflect.Value.Type on zero Value".to_string()),
        Val::V(Value::Null) => return Err("len of nil pointer".to_string()),
        Val::V(Value::Str(s)) => s.len(),
        Val::V(Value::List(items)) => items.len(),
        Val::V(Value::Map(entries)) => entries.len(),
        other => {
            let t = type_name(other);
            return Err(format!("len of type {}", t.trim_start_matches('*')));
        }
    };
    Ok(Val::V(Value::Int(i64::try_from(n).unwrap_or(i64::MAX))))
}

/// Go's `indexArg`: an integer index no greater than `cap`.
fn index_arg(index: &Val, cap: usize) -> Result<usize, String> {
    match index {
        Val::V(Value::Int(x)) => match usize::try_from(*x) {
            Ok(i) if i <= cap => Ok(i),
            _ => Err(format!("index out of range: {x}")),
        },
        Val::Missing => Err("cannot index slice/array with nil".to_string()),
        other => Err(format!(
            "cannot index slice/array with type {}",
            type_name(other)
        )),
    }
}

fn index(item: Val, indexes: &[Val]) -> Result<Val, String> {
    let mut item = match item {
        Val::Missing => return Err("index of untyped nil".to_string()),
        v => v,
    };
    for idx in indexes {
        item = match item {
            Val::V(Value::Null) => return Err("index of nil pointer".to_string()),
            Val::V(Value::List(items)) => {
                let x = index_arg(idx, items.len())?;
                match items.into_iter().nth(x) {
                    Some(v) => Val::V(v),
                    None => return Err("reflect: slice index out of range".to_string()),
                }
            }
            Val::V(Value::Str(s)) => {
                let x = index_arg(idx, s.len())?;
                match s.as_bytes().get(x) {
                    Some(b) => Val::V(Value::Int(i64::from(*b))),
                    None => return Err("reflect: string index out of range".to_string()),
                }
            }
            Val::V(Value::Map(entries)) => {
                let key = match idx {
                    Val::V(Value::Str(k)) => k,
                    Val::Missing => {
                        return Err("value is nil; should be of type string".to_string())
                    }
                    other => {
                        return Err(format!(
                            "value has type {}; should be string",
                            type_name(other)
                        ))
                    }
                };
                let all_strings = entries.iter().all(|(_, v)| matches!(v, Value::Str(_)));
                match entries.into_iter().find(|(k, _)| k == key) {
                    Some((_, v)) => Val::V(v),
                    // Go returns the map's zero element: "" for map[string]string, nil otherwise.
                    None if all_strings => string(String::new()),
                    None => Val::V(Value::Null),
                }
            }
            // Go dereferences a struct pointer before giving up, so no `*` in the type.
            other => {
                let t = type_name(&other);
                return Err(format!(
                    "can't index item of type {}",
                    t.trim_start_matches('*')
                ));
            }
        };
    }
    Ok(item)
}

fn slice(item: Val, indexes: &[Val]) -> Result<Val, String> {
    if indexes.len() > 3 {
        return Err(format!("too many slice indexes: {}", indexes.len()));
    }
    let len = match &item {
        Val::Missing => return Err("slice of untyped nil".to_string()),
        Val::V(Value::Str(s)) => {
            if indexes.len() == 3 {
                return Err("cannot 3-index slice a string".to_string());
            }
            s.len()
        }
        Val::V(Value::List(items)) => items.len(),
        other => return Err(format!("can't slice item of type {}", type_name(other))),
    };
    let mut idx = [0, len, len];
    for (i, index) in indexes.iter().enumerate() {
        idx[i] = index_arg(index, len)?;
    }
    if idx[0] > idx[1] {
        return Err(format!("invalid slice index: {} > {}", idx[0], idx[1]));
    }
    if indexes.len() == 3 && idx[1] > idx[2] {
        return Err(format!("invalid slice index: {} > {}", idx[1], idx[2]));
    }
    Ok(match item {
        Val::V(Value::Str(s)) => {
            string(String::from_utf8_lossy(&s.as_bytes()[idx[0]..idx[1]]).into_owned())
        }
        Val::V(Value::List(items)) => Val::V(Value::List(items[idx[0]..idx[1]].to_vec())),
        other => other,
    })
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum Kind {
    Bool,
    Int,
    Float,
    Complex,
    Str,
}

fn basic_kind(v: &Val) -> Option<Kind> {
    match v {
        Val::V(Value::Bool(_)) => Some(Kind::Bool),
        Val::V(Value::Int(_)) => Some(Kind::Int),
        Val::V(Value::Str(_)) => Some(Kind::Str),
        Val::Float(_) => Some(Kind::Float),
        Val::Complex(..) => Some(Kind::Complex),
        _ => None,
    }
}

const BAD_COMPARISON_TYPE: &str = "invalid type for comparison";
const BAD_COMPARISON: &str = "incompatible types for comparison";

fn eq(arg1: &Val, rest: &[Val]) -> Result<bool, String> {
    if rest.is_empty() {
        return Err("missing argument for comparison".to_string());
    }
    let k1 = basic_kind(arg1);
    for arg in rest {
        let k2 = basic_kind(arg);
        let truth = if k1 != k2 {
            if !matches!(arg1, Val::Missing) && !matches!(arg, Val::Missing) {
                return Err(BAD_COMPARISON.to_string());
            }
            false
        } else {
            match (arg1, arg) {
                (Val::V(Value::Bool(a)), Val::V(Value::Bool(b))) => a == b,
                (Val::V(Value::Int(a)), Val::V(Value::Int(b))) => a == b,
                (Val::V(Value::Str(a)), Val::V(Value::Str(b))) => a == b,
                (Val::Float(a), Val::Float(b)) => a == b,
                (Val::Complex(a, b), Val::Complex(c, d)) => a == c && b == d,
                (a, b) if is_nil(a) || is_nil(b) => is_nil(a) == is_nil(b),
                (Val::V(a @ Value::Object { .. }), Val::V(b @ Value::Object { .. })) => a == b,
                (_, b) => {
                    return Err(format!(
                        "non-comparable type {}: {}",
                        print_value(b),
                        type_name(b)
                    ));
                }
            }
        };
        if truth {
            return Ok(true);
        }
    }
    Ok(false)
}

fn is_nil(v: &Val) -> bool {
    matches!(v, Val::Missing | Val::V(Value::Null))
}

fn lt(arg1: &Val, arg2: &Val) -> Result<bool, String> {
    let (Some(k1), Some(k2)) = (basic_kind(arg1), basic_kind(arg2)) else {
        return Err(BAD_COMPARISON_TYPE.to_string());
    };
    if k1 != k2 {
        return Err(BAD_COMPARISON.to_string());
    }
    match (arg1, arg2) {
        (Val::V(Value::Int(a)), Val::V(Value::Int(b))) => Ok(a < b),
        (Val::V(Value::Str(a)), Val::V(Value::Str(b))) => Ok(a < b),
        (Val::Float(a), Val::Float(b)) => Ok(a < b),
        _ => Err(BAD_COMPARISON_TYPE.to_string()),
    }
}

fn le(arg1: &Val, arg2: &Val) -> Result<bool, String> {
    if lt(arg1, arg2)? {
        return Ok(true);
    }
    eq(arg1, std::slice::from_ref(arg2))
}

/// Go's `strings.Split`; an empty separator splits after each character.
fn split(s: &str, sep: &str) -> Val {
    let parts: Vec<Value> = if sep.is_empty() {
        s.chars().map(|c| Value::Str(c.to_string())).collect()
    } else {
        s.split(sep).map(|p| Value::Str(p.to_string())).collect()
    };
    Val::V(Value::List(parts))
}

fn join(list: &Val, sep: &str) -> String {
    match list {
        Val::V(Value::List(items)) => items
            .iter()
            .map(|v| match v {
                Value::Str(s) => s.as_str(),
                _ => "",
            })
            .collect::<Vec<_>>()
            .join(sep),
        _ => String::new(),
    }
}

/// Go's simple per-character case mapping: a character whose mapping is not a single
/// character (such as `ß` to `SS`) stays unchanged.
fn map_chars<I: Iterator<Item = char>>(s: &str, f: impl Fn(char) -> I) -> String {
    s.chars()
        .map(|c| {
            let mut mapped = f(c);
            match (mapped.next(), mapped.next()) {
                (Some(m), None) => m,
                _ => c,
            }
        })
        .collect()
}

/// Go's `strings.Title`: upper-cases the first letter of each word.
fn title(s: &str) -> String {
    let is_separator = |c: char| {
        if c.is_ascii() {
            return !(c.is_ascii_alphanumeric() || c == '_');
        }
        if c.is_alphabetic() || c.is_numeric() {
            return false;
        }
        c.is_whitespace()
    };
    let mut prev = ' ';
    s.chars()
        .map(|c| {
            let out = if is_separator(prev) {
                map_chars(&c.to_string(), char::to_uppercase)
            } else {
                c.to_string()
            };
            prev = c;
            out
        })
        .collect()
}

/// docker's `pad`: spaces before and after a non-empty string.
fn pad(source: &str, prefix: i64, suffix: i64) -> Result<Val, String> {
    if source.is_empty() {
        return Ok(string(String::new()));
    }
    let (Ok(prefix), Ok(suffix)) = (usize::try_from(prefix), usize::try_from(suffix)) else {
        return Err("strings: negative Repeat count".to_string());
    };
    if prefix.saturating_add(suffix).saturating_add(source.len()) > MAX_OUTPUT {
        return Err(format!("result longer than {MAX_OUTPUT} bytes"));
    }
    Ok(string(format!(
        "{}{source}{}",
        " ".repeat(prefix),
        " ".repeat(suffix)
    )))
}

/// docker's `truncate`: the first `length` bytes. A cut inside a multi-byte character shows
/// as U+FFFD, as the invalid bytes Go writes would on a terminal.
fn truncate(source: &str, length: i64) -> Result<Val, String> {
    if i64::try_from(source.len()).unwrap_or(i64::MAX) < length {
        return Ok(string(source.to_string()));
    }
    let Ok(n) = usize::try_from(length) else {
        return Err(format!(
            "runtime error: slice bounds out of range [:{length}]"
        ));
    };
    Ok(string(
        String::from_utf8_lossy(&source.as_bytes()[..n]).into_owned(),
    ))
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
    fn calls() {
        let list = |items: &[&str]| {
            Val::V(Value::List(
                items.iter().map(|x| Value::Str(x.to_string())).collect(),
            ))
        };
        let cases: Vec<(&str, Vec<Val>, Result<Val, &str>)> = vec![
            ("split", vec![s("linux"), s("n")], Ok(list(&["li", "ux"]))),
            ("split", vec![s("abc"), s("")], Ok(list(&["a", "b", "c"]))),
            ("split", vec![s(""), s(",")], Ok(list(&[""]))),
            ("join", vec![list(&["a", "b"]), s("-")], Ok(s("a-b"))),
            (
                "title",
                vec![s("hello wORLD foo_bar x-y élan")],
                Ok(s("Hello WORLD Foo_bar X-Y Élan")),
            ),
            ("upper", vec![s("names ß")], Ok(s("NAMES ß"))),
            ("lower", vec![s("NAMES")], Ok(s("names"))),
            ("pad", vec![s("x"), i(2), i(3)], Ok(s("  x   "))),
            ("pad", vec![s(""), i(2), i(3)], Ok(s(""))),
            (
                "pad",
                vec![s("x"), i(-1), i(0)],
                Err("strings: negative Repeat count"),
            ),
            ("truncate", vec![s("hello"), i(3)], Ok(s("hel"))),
            ("truncate", vec![s("hi"), i(3)], Ok(s("hi"))),
            ("truncate", vec![s("안녕"), i(4)], Ok(s("안\u{fffd}"))),
            (
                "truncate",
                vec![s("hi"), i(-1)],
                Err("runtime error: slice bounds out of range [:-1]"),
            ),
            (
                "html",
                vec![s("<a&'\"b>")],
                Ok(s("&lt;a&amp;&#39;&#34;b&gt;")),
            ),
            ("urlquery", vec![s("a b&c/é")], Ok(s("a+b%26c%2F%C3%A9"))),
            (
                "js",
                vec![s("a'b\"<>&=")],
                Ok(s("a\\'b\\\"\\u003C\\u003E\\u0026\\u003D")),
            ),
            ("slice", vec![s("abcdef"), i(1), i(3)], Ok(s("bc"))),
            ("slice", vec![s(""), i(1)], Err("index out of range: 1")),
            ("index", vec![list(&["a", "b", "c"]), i(2)], Ok(s("c"))),
            ("index", vec![s(""), i(1)], Err("index out of range: 1")),
            (
                "index",
                vec![s(""), i(0)],
                Err("reflect: string index out of range"),
            ),
            (
                "index",
                vec![Val::Missing, i(1)],
                Err("index of untyped nil"),
            ),
            ("index", vec![s("abc"), i(0)], Ok(i(97))),
            (
                "index",
                vec![
                    Val::V(Value::Object {
                        type_name: "*formatter.ContainerContext".into(),
                        fields: vec![],
                    }),
                    s("x"),
                ],
                Err("can't index item of type formatter.ContainerContext"),
            ),
            ("len", vec![i(3)], Err("len of type int")),
            ("len", vec![s("NAMES")], Ok(i(5))),
            (
                "eq",
                vec![s(""), i(1)],
                Err("incompatible types for comparison"),
            ),
            ("eq", vec![i(1)], Err("missing argument for comparison")),
            ("eq", vec![i(1), i(2), i(1)], Ok(Val::V(Value::Bool(true)))),
            (
                "eq",
                vec![Val::Missing, s("x")],
                Ok(Val::V(Value::Bool(false))),
            ),
            ("ne", vec![i(1), i(2)], Ok(Val::V(Value::Bool(true)))),
            (
                "lt",
                vec![s(""), i(1)],
                Err("incompatible types for comparison"),
            ),
            (
                "lt",
                vec![Val::V(Value::Bool(true)), Val::V(Value::Bool(true))],
                Err("invalid type for comparison"),
            ),
            ("le", vec![s("a"), s("b")], Ok(Val::V(Value::Bool(true)))),
            ("gt", vec![i(2), i(1)], Ok(Val::V(Value::Bool(true)))),
            ("ge", vec![i(1), i(2)], Ok(Val::V(Value::Bool(false)))),
            ("not", vec![i(0)], Ok(Val::V(Value::Bool(true)))),
            (
                "call",
                vec![s(".ID"), s("")],
                Err("non-function .ID of type string"),
            ),
            ("json", vec![s("<a&b>")], Ok(s("\"<a&b>\""))),
        ];
        for (name, args, want) in cases {
            let got = Callable::Func(name).call(false, args.clone());
            match (&got, &want) {
                (Ok(g), Ok(w)) => assert_eq!(format!("{g:?}"), format!("{w:?}"), "{name} {args:?}"),
                (Err(g), Err(w)) => assert_eq!(g, w, "{name} {args:?}"),
                _ => panic!("{name} {args:?}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn header_variants_return_their_argument() {
        for name in [
            "json", "split", "join", "title", "lower", "upper", "truncate",
        ] {
            let args = vec![s("NAMES"), s("x")];
            let got = Callable::Func(name).call(true, args).ok();
            assert_eq!(
                format!("{got:?}"),
                format!("{:?}", Some(s("NAMES"))),
                "{name}"
            );
        }
        let got = Callable::HeaderLabel
            .call(true, vec![s("com.example.my-team_name")])
            .ok();
        assert_eq!(format!("{got:?}"), format!("{:?}", Some(s("my team name"))));
    }
}
