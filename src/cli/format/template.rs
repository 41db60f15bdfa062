//! Go `text/template` as docker's `--format` uses it (reference 1.5): docker's `preFormat`,
//! a hand-written parser and executor with Go's exact error messages, docker's template
//! functions and the header rendering of table formats.
//!
//! Supported: text, actions with `{{-`/`-}}` trimming and `{{/* comments */}}`, fields and
//! chains (`.State.Status`, `$x.Name`, `(pipe).Field`), `.Label "key"`, pipelines, variables
//! (`$`, `$x := …`, `$x = …`), `if`/`else if`/`else`, `range` (lists, maps, integers, with
//! `$i, $e :=`, `break`, `continue`, `else`), `with`/`else with`, `define`/`template`/`block`,
//! string, raw string, character, integer, float and complex literals, and the functions
//! `and or not len index slice eq ne lt le gt ge print printf println html js urlquery call`
//! plus docker's `json split join title lower upper pad truncate`.

mod exec;
mod funcs;
mod gofmt;
mod lex;
mod parse;

use exec::Exec;

/// What the format `json` stands for.
pub const JSON_TEMPLATE: &str = "{{json .}}";

/// Data a template is executed against, shaped like the Go values docker formats.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Go's nil (e.g. a nil `*Platform`): prints `<nil>`, JSON `null`.
    Null,
    Bool(bool),
    Int(i64),
    Str(String),
    /// A Go slice: prints `[a b c]`.
    List(Vec<Value>),
    /// A Go map with string keys: `.Key` looks up (a missing key prints `<no value>`), printing
    /// and JSON sort the keys. In header mode it stands for docker's header map, whose
    /// `.Label "com.example.key"` method gives `key`.
    Map(Vec<(String, Value)>),
    /// A Go struct pointer such as `*formatter.ContainerContext`: fields are looked up by
    /// exact name and an unknown one fails naming `type_name`. For docker's formatter
    /// contexts (`type_name` starting with `*formatter.`) fields behave as the methods they
    /// are in docker: a field holding a `Map` is a one-string-argument lookup (`.Label "k"`,
    /// missing keys give ""), the others take no argument; `{{json .}}` of such a context
    /// works like docker's `MarshalJSON`: keys sorted, map-valued (argument-taking) fields
    /// left out, `<`, `>`, `&` escaped as `\u003c`, `\u003e`, `\u0026`. Other objects keep
    /// their field order in JSON, as Go structs do.
    Object {
        type_name: String,
        fields: Vec<(String, Value)>,
    },
}

impl Value {
    /// A struct value from `(field, value)` pairs.
    pub fn object<K: Into<String>>(
        type_name: impl Into<String>,
        fields: impl IntoIterator<Item = (K, Value)>,
    ) -> Value {
        Value::Object {
            type_name: type_name.into(),
            fields: fields.into_iter().map(|(k, v)| (k.into(), v)).collect(),
        }
    }

    /// A map value from `(key, value)` pairs.
    pub fn map<K: Into<String>>(entries: impl IntoIterator<Item = (K, Value)>) -> Value {
        Value::Map(entries.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Str(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Str(s)
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Int(n)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

/// A template failure; `Display` gives the exact line docker prints, e.g.
/// `failed to parse template: template: :1: unclosed action`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// Syntax error found while parsing.
    #[error("failed to parse template: {0}")]
    Parse(String),
    /// Error while executing, or a resource limit (nesting depth, output size) was hit.
    #[error("failed to execute template: {0}")]
    Exec(String),
}

impl TemplateError {
    /// Go's own message without docker's prefix, e.g. `template: :1: unclosed action`.
    pub fn go_message(&self) -> &str {
        match self {
            TemplateError::Parse(m) | TemplateError::Exec(m) => m,
        }
    }

    /// The line docker's formatter prints when parsing or executing the pre-formatted template
    /// fails while writing output (`docker images`, `docker inspect`, and `docker ps` rows that
    /// passed its up-front check): `template parsing error: ` and Go's message, whichever phase
    /// failed. [`Display`](std::fmt::Display) gives the up-front check's wording instead.
    pub fn formatter_message(&self) -> String {
        format!("template parsing error: {}", self.go_message())
    }
}

/// A parsed template.
#[derive(Clone, Debug)]
pub struct Template {
    text: String,
    tree: parse::Tree,
}

/// Parses `text` as Go's `template.New("").Funcs(docker functions).Parse(text)` does.
/// Nesting deeper than 100 parentheses or blocks is refused.
pub fn parse(text: &str) -> Result<Template, TemplateError> {
    let tree = parse::parse(text).map_err(TemplateError::Parse)?;
    Ok(Template {
        text: text.to_string(),
        tree,
    })
}

impl Template {
    /// Renders the template with `data` as `.` and `$`.
    ///
    /// With `header_mode` the template renders a table header the way docker does: `data` is
    /// the header map (field name to column title, e.g. `ID` to `CONTAINER ID`), the functions
    /// `json split join title lower upper truncate` return their first argument unchanged,
    /// `.Label "a.b-c"` gives `b c`, and — since docker ignores header errors — a failure
    /// returns `Ok` with the output produced up to it. Output is capped at 1 MiB and
    /// `{{template}}` recursion at 100 levels; both fail with an execution error.
    pub fn execute(&self, data: &Value, header_mode: bool) -> Result<String, TemplateError> {
        let mut exec = Exec::new(&self.tree, &self.text, data, header_mode);
        match exec.run(data) {
            Ok(()) => Ok(exec.output()),
            Err(_) if header_mode => Ok(exec.output()),
            Err(e) => Err(TemplateError::Exec(e)),
        }
    }

    /// Executes against `data` discarding the output, and returns the names of the object
    /// fields the template evaluated, in first-use order: docker's `FieldsUsed` check, e.g.
    /// `docker ps` requests sizes when `Size` is used.
    pub fn fields_used(&self, data: &Value) -> Result<Vec<String>, TemplateError> {
        let mut exec = Exec::new(&self.tree, &self.text, data, false);
        exec.run(data).map_err(TemplateError::Exec)?;
        Ok(exec.fields_used.into_iter().map(str::to_string).collect())
    }
}

/// A `--format` value after docker's `preFormat`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatSpec {
    /// The value started with the lowercase word `table`.
    pub table: bool,
    /// The template text; empty for a bare `table`, where docker uses the default table.
    pub template: String,
}

/// docker's `preFormat`: a value starting with `table` is a table whose template is the rest;
/// then surrounding spaces (only spaces) are trimmed and the two-character sequences `\t` and
/// `\n` become a TAB and a newline (`\\t` gives a backslash and a TAB). The value `json` is
/// not special here; callers map it to [`JSON_TEMPLATE`].
pub fn pre_format(user: &str) -> FormatSpec {
    let (table, rest) = match user.strip_prefix("table") {
        Some(rest) => (true, rest),
        None => (false, user),
    };
    let trimmed = rest.trim_matches(' ');
    let mut template = String::with_capacity(trimmed.len());
    let mut chars = trimmed.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some('t')) => {
                chars.next();
                template.push('\t');
            }
            ('\\', Some('n')) => {
                chars.next();
                template.push('\n');
            }
            _ => template.push(c),
        }
    }
    FormatSpec { table, template }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The context `docker ps` validates a format against: every field empty.
    fn container_context() -> Value {
        let fields = [
            "ID",
            "Image",
            "Command",
            "CreatedAt",
            "RunningFor",
            "Ports",
            "State",
            "Status",
            "Size",
            "Names",
            "Labels",
            "Mounts",
            "LocalVolumes",
            "Networks",
        ];
        let mut all: Vec<(String, Value)> = fields
            .iter()
            .map(|f| (f.to_string(), Value::from("")))
            .collect();
        all.push(("Platform".into(), Value::Null));
        all.push(("Label".into(), Value::Map(vec![])));
        Value::Object {
            type_name: "*formatter.ContainerContext".into(),
            fields: all,
        }
    }

    /// One container as `docker ps` would show it.
    fn web_container() -> Value {
        Value::object(
            "*formatter.ContainerContext",
            [
                ("ID", Value::from("3f4e8a9b2c1d")),
                ("Image", "nginx".into()),
                ("Names", "web".into()),
                ("Status", "Up 2 hours".into()),
                ("Ports", "0.0.0.0:8080->80/tcp".into()),
                ("Size", "1.09kB (virtual 192MB)".into()),
                ("Platform", Value::Null),
                (
                    "Label",
                    Value::map([("com.example.team", Value::from("blue"))]),
                ),
            ],
        )
    }

    /// The header map docker renders table headers with.
    fn container_header() -> Value {
        Value::map([
            ("Command", Value::from("COMMAND")),
            ("CreatedAt", "CREATED AT".into()),
            ("ID", "CONTAINER ID".into()),
            ("Image", "IMAGE".into()),
            ("Labels", "LABELS".into()),
            ("LocalVolumes", "LOCAL VOLUMES".into()),
            ("Mounts", "MOUNTS".into()),
            ("Names", "NAMES".into()),
            ("Networks", "NETWORKS".into()),
            ("Platform", "PLATFORM".into()),
            ("Ports", "PORTS".into()),
            ("RunningFor", "CREATED".into()),
            ("Size", "SIZE".into()),
            ("State", "STATE".into()),
            ("Status", "STATUS".into()),
        ])
    }

    /// `docker version` client data, to replay outputs observed with `docker version --format`.
    fn version_info() -> Value {
        let component = |name: &str, version: &str, details: Vec<(&str, Value)>| {
            Value::object(
                "types.ComponentVersion",
                [
                    ("Name", Value::from(name)),
                    ("Version", version.into()),
                    ("Details", Value::map(details)),
                ],
            )
        };
        Value::object(
            "system.versionInfo",
            [
                (
                    "Client",
                    Value::object(
                        "*client.Version",
                        [("Os", Value::from("linux")), ("Arch", "amd64".into())],
                    ),
                ),
                (
                    "Server",
                    Value::object(
                        "*types.Version",
                        [
                            (
                                "Platform",
                                Value::object(
                                    "struct { Name string }",
                                    [("Name", Value::from(""))],
                                ),
                            ),
                            (
                                "Components",
                                Value::List(vec![
                                    component(
                                        "Engine",
                                        "20.10.24",
                                        vec![("ApiVersion", "1.41".into()), ("Os", "linux".into())],
                                    ),
                                    component(
                                        "containerd",
                                        "1.6.20",
                                        vec![("GitCommit", "1.6.20-1".into())],
                                    ),
                                    component(
                                        "runc",
                                        "1.1.5",
                                        vec![("GitCommit", "1.1.5-1".into())],
                                    ),
                                    component(
                                        "docker-init",
                                        "0.19.0",
                                        vec![("GitCommit", "".into())],
                                    ),
                                ]),
                            ),
                        ],
                    ),
                ),
            ],
        )
    }

    fn run(template: &str, data: &Value, header: bool) -> Result<String, String> {
        parse(template)
            .and_then(|t| t.execute(data, header))
            .map_err(|e| e.to_string())
    }

    /// Errors docker prints for `docker ps --format …`, observed with the 28.2.2 client.
    #[test]
    fn ps_format_errors_match_docker() {
        let cases: &[(&str, &str)] = &[
            ("{{.Foo}}", "failed to execute template: template: :1:2: executing \"\" at <.Foo>: can't evaluate field Foo in type *formatter.ContainerContext"),
            ("abc {{.Names}} {{.Foo}}", "failed to execute template: template: :1:17: executing \"\" at <.Foo>: can't evaluate field Foo in type *formatter.ContainerContext"),
            ("table {{.Foo}}", "failed to execute template: template: :1:8: executing \"\" at <.Foo>: can't evaluate field Foo in type *formatter.ContainerContext"),
            ("table {{.ID}}\\t{{.Foo}}", "failed to execute template: template: :1:17: executing \"\" at <.Foo>: can't evaluate field Foo in type *formatter.ContainerContext"),
            ("{{.ID", "failed to parse template: template: :1: unclosed action"),
            ("{{foo .ID}}", "failed to parse template: template: :1: function \"foo\" not defined"),
            ("{{if .ID}}", "failed to parse template: template: :1: unexpected EOF"),
            ("{{end}}", "failed to parse template: template: :1: unexpected {{end}}"),
            ("{{range .ID}}{{end}}", "failed to execute template: template: :1:8: executing \"\" at <.ID>: range can't iterate over "),
            ("{{range $i, $e := .ID}}{{end}}", "failed to execute template: template: :1:18: executing \"\" at <.ID>: range can't iterate over "),
            ("{{.ID.Foo}}", "failed to execute template: template: :1:5: executing \"\" at <.ID.Foo>: can't evaluate field Foo in type string"),
            ("{{ .ID.Foo.Bar }}", "failed to execute template: template: :1:6: executing \"\" at <.ID.Foo.Bar>: can't evaluate field Foo in type string"),
            ("{{index .ID 1}}", "failed to execute template: template: :1:2: executing \"\" at <index .ID 1>: error calling index: index out of range: 1"),
            ("{{index .ID 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15}}", "failed to execute template: template: :1:2: executing \"\" at <index .ID 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15>: error calling index: index out of range: 1"),
            ("{{index .ID 0}}", "failed to execute template: template: :1:2: executing \"\" at <index .ID 0>: error calling index: reflect: string index out of range"),
            ("{{printf}}", "failed to execute template: template: :1:2: executing \"\" at <printf>: wrong number of args for printf: want at least 1 got 0"),
            ("{{json}}", "failed to execute template: template: :1:2: executing \"\" at <json>: wrong number of args for json: want 1 got 0"),
            ("{{.Label}}", "failed to execute template: template: :1:2: executing \"\" at <.Label>: wrong number of args for Label: want 1 got 0"),
            ("{{.Label \"a\" \"b\"}}", "failed to execute template: template: :1:2: executing \"\" at <.Label>: wrong number of args for Label: want 1 got 2"),
            ("{{len .Label}}", "failed to execute template: template: :1:6: executing \"\" at <.Label>: wrong number of args for Label: want 1 got 0"),
            ("{{.ID \"x\"}}", "failed to execute template: template: :1:2: executing \"\" at <.ID>: wrong number of args for ID: want 0 got 1"),
            ("{{\"x\" | .ID}}", "failed to execute template: template: :1:8: executing \"\" at <.ID>: wrong number of args for ID: want 0 got 1"),
            ("{{.ID | printf \"%s\" | .Names}}", "failed to execute template: template: :1:22: executing \"\" at <.Names>: wrong number of args for Names: want 0 got 1"),
            ("{{.Label 1}}", "failed to execute template: template: :1:9: executing \"\" at <1>: expected string; found 1"),
            ("{{upper 1}}", "failed to execute template: template: :1:8: executing \"\" at <1>: expected string; found 1"),
            ("{{truncate .Names \"a\"}}", "failed to execute template: template: :1:18: executing \"\" at <\"a\">: expected integer; found \"a\""),
            ("{{.Names | truncate 3}}", "failed to execute template: template: :1:20: executing \"\" at <3>: expected string; found 3"),
            ("{{1 | upper}}", "failed to execute template: template: :1:6: executing \"\" at <upper>: wrong type for value; expected string; got int"),
            ("{{len 3}}", "failed to execute template: template: :1:2: executing \"\" at <len 3>: error calling len: len of type int"),
            ("{{eq .ID 1}}", "failed to execute template: template: :1:2: executing \"\" at <eq .ID 1>: error calling eq: incompatible types for comparison"),
            ("{{lt .ID 1}}", "failed to execute template: template: :1:2: executing \"\" at <lt .ID 1>: error calling lt: incompatible types for comparison"),
            ("{{lt true true}}", "failed to execute template: template: :1:2: executing \"\" at <lt true true>: error calling lt: invalid type for comparison"),
            ("{{eq 1}}", "failed to execute template: template: :1:2: executing \"\" at <eq 1>: error calling eq: missing argument for comparison"),
            ("{{and}}", "failed to execute template: template: :1:2: executing \"\" at <and>: wrong number of args for and: want at least 1 got 0"),
            ("{{not 1 2}}", "failed to execute template: template: :1:2: executing \"\" at <not>: wrong number of args for not: want 1 got 2"),
            ("{{call .ID}}", "failed to execute template: template: :1:2: executing \"\" at <call .ID>: error calling call: non-function .ID of type string"),
            ("{{slice .ID 1}}", "failed to execute template: template: :1:2: executing \"\" at <slice .ID 1>: error calling slice: index out of range: 1"),
            ("{{nil}}", "failed to execute template: template: :1:2: executing \"\" at <nil>: nil is not a command"),
            ("{{nil | printf}}", "failed to execute template: template: :1:2: executing \"\" at <nil>: nil is not a command"),
            ("{{ index nil 1 }}", "failed to execute template: template: :1:3: executing \"\" at <index nil 1>: error calling index: index of untyped nil"),
            ("{{ 1 2 }}", "failed to execute template: template: :1:3: executing \"\" at <1>: can't give argument to non-function 1"),
            ("{{ (1) 2 }}", "failed to execute template: template: :1:3: executing \"\" at <(1) 2>: can't give argument to non-function 1"),
            ("{{ .ID 2 }}", "failed to execute template: template: :1:3: executing \"\" at <.ID>: wrong number of args for ID: want 0 got 1"),
            ("{{$.Foo}}", "failed to execute template: template: :1:3: executing \"\" at <$.Foo>: can't evaluate field Foo in type *formatter.ContainerContext"),
            ("{{ .Foo }}", "failed to execute template: template: :1:3: executing \"\" at <.Foo>: can't evaluate field Foo in type *formatter.ContainerContext"),
            ("{{(.Foo)}}", "failed to execute template: template: :1:3: executing \"\" at <.Foo>: can't evaluate field Foo in type *formatter.ContainerContext"),
            ("{{(.ID).Foo}}", "failed to execute template: template: :1:3: executing \"\" at <.ID>: can't evaluate field Foo in type string"),
            ("{{$x := .ID}}{{$x.Foo}}", "failed to execute template: template: :1:17: executing \"\" at <$x.Foo>: can't evaluate field Foo in type string"),
            ("{{json .Foo}}", "failed to execute template: template: :1:7: executing \"\" at <.Foo>: can't evaluate field Foo in type *formatter.ContainerContext"),
            ("a\nb {{.Foo}}", "failed to execute template: template: :2:4: executing \"\" at <.Foo>: can't evaluate field Foo in type *formatter.ContainerContext"),
            ("{{.ID}}{{- /* hi */ -}}  {{.Foo}}", "failed to execute template: template: :1:27: executing \"\" at <.Foo>: can't evaluate field Foo in type *formatter.ContainerContext"),
            ("{{ .ID -}}x{{- .Foo }}", "failed to execute template: template: :1:15: executing \"\" at <.Foo>: can't evaluate field Foo in type *formatter.ContainerContext"),
            ("{{template \"x\"}}", "failed to execute template: template: :1:11: executing \"\" at <{{template \"x\"}}>: template \"x\" not defined"),
            ("{{template \"a\" 1 2}}", "failed to execute template: template: :1:11: executing \"\" at <{{template \"a\" 1 2}}>: template \"a\" not defined"),
            ("{{define \"a\"}}{{.Foo}}{{end}}{{template \"a\" .}}", "failed to execute template: template: :1:16: executing \"a\" at <.Foo>: can't evaluate field Foo in type *formatter.ContainerContext"),
            ("{{define \"a\"}}{{.Foo}}{{end}}{{template \"a\" .Foo}}", "failed to execute template: template: :1:44: executing \"\" at <.Foo>: can't evaluate field Foo in type *formatter.ContainerContext"),
            ("{{block \"b\" .}}{{.Foo}}{{end}}", "failed to execute template: template: :1:17: executing \"b\" at <.Foo>: can't evaluate field Foo in type *formatter.ContainerContext"),
            ("{{upper | 1}}", "failed to parse template: template: :1: non executable command in pipeline stage 2"),
            ("{{ /* x */ }}", "failed to parse template: template: :1: unexpected \"/\" in command"),
        ];
        let data = container_context();
        for &(format, want) in cases {
            // Like docker, validate the raw format (not pre-formatted) against an empty context.
            let got = parse(format).and_then(|t| t.execute(&data, false).map(|_| ()));
            assert_eq!(
                got.map_err(|e| e.to_string()),
                Err(want.to_string()),
                "{format:?}"
            );
        }
    }

    /// Formats the client accepted against the same empty context.
    #[test]
    fn ps_formats_accepted_by_docker() {
        let cases = [
            "{{.ID}}}}",
            "a\nb {{.ID\n}}",
            "{{ .ID | }}",
            "{{-3}}",
            "{{1+2i}}",
            "{{ .ID\t}}",
            "{{$x := 1}}{{$x := 2}}",
            "{{$x := 1}}{{$x = 2}}{{$x}}",
            "{{ .Label \"a\" | len }}",
            "{{define \"a\"}}{{end}}{{define \"a\"}}x{{end}}",
            "{{ .ID | json }}x{{ . | json }}",
            "{{.Size}}",
            "{{.}}",
            "{{/* x */}}",
            "{{printf \"%s\" `a\nb`}}",
        ];
        let data = container_context();
        for format in cases {
            let got = parse(format).and_then(|t| t.execute(&data, false));
            assert!(got.is_ok(), "{format:?}: {got:?}");
        }
    }

    /// Outputs observed with `docker version --format …`, replayed on the same data.
    #[test]
    fn outputs_match_go() {
        let v = version_info();
        let cases: &[(&str, &str)] = &[
            ("{{.Client.Os}}", "linux"),
            ("{{range .Server.Components}}{{.Name}} {{end}}", "Engine containerd runc docker-init "),
            ("{{range $i, $c := .Server.Components}}{{$i}}={{$c.Name}} {{end}}", "0=Engine 1=containerd 2=runc 3=docker-init "),
            ("{{index .Server.Components 0}}", "{Engine 20.10.24 map[ApiVersion:1.41 Os:linux]}"),
            ("{{len .Server.Components}}", "4"),
            ("{{split .Client.Os \"n\"}}", "[li ux]"),
            ("{{split \"abc\" \"\"}}", "[a b c]"),
            ("{{join (split \"a,b\" \",\") \"-\"}}", "a-b"),
            ("{{title \"hello wORLD foo_bar x-y élan\"}}", "Hello WORLD Foo_bar X-Y Élan"),
            ("{{range 3}}{{.}}{{end}}", "012"),
            ("{{and 1 0 2}}|{{and 1 2}}|{{or 0 \"\" \"x\"}}|{{or 0 \"\"}}|{{not 0}}|{{eq 1 2 1}}|{{ne 1 2}}|{{le \"a\" \"b\"}}", "0|2|x||true|true|true|true"),
            ("{{html \"<a&'\\\"b>\"}}|{{urlquery \"a b&c/é\"}}|{{js \"a'b\\\"<>&=\"}}", "&lt;a&amp;&#39;&#34;b&gt;|a+b%26c%2F%C3%A9|a\\'b\\\"\\u003C\\u003E\\u0026\\u003D"),
            ("{{slice \"abcdef\" 1 3}}|{{index (split \"a,b,c\" \",\") 2}}|{{pad \"x\" 2 3}}|{{pad \"\" 2 3}}|{{truncate \"hello\" 3}}|{{truncate \"hi\" 3}}", "bc|c|  x   ||hel|hi"),
            ("{{1.5}}|{{'a'}}|{{0x10}}|{{-3}}|{{1e3}}|{{1_000}}|{{010}}|{{0o10}}|{{0b11}}|{{.5}}", "1.5|97|16|-3|1000|1000|8|8|3|0.5"),
            ("{{printf \"%-10s|%5s|\" .Client.Os \"ab\"}}", "linux     |   ab|"),
            ("{{printf \"%q %v %d %s\" .Client.Os .Client.Os 5 true}}", "\"linux\" linux 5 %!s(bool=true)"),
            ("{{print 1 2 \"a\" \"b\" 3 true false}}", "1 2ab3 true false"),
            ("{{println 1 \"a\"}}", "1 a\n"),
            ("{{printf \"%v %v\" (split \"a b\" \" \") 1}}", "[a b] 1"),
            ("{{json (split \"a<b\" \"x\")}}|{{json 1}}|{{json true}}|{{json nil}}|{{json \"a\\u2028\\b\\f\\t\\u0001\"}}", "[\"a<b\"]|1|true|null|\"a\\u2028\\b\\f\\t\\u0001\""),
            ("{{json \"<a&b>\"}}", "\"<a&b>\""),
            ("{{json .Server.Platform}}", "{\"Name\":\"\"}"),
            ("{{with .Server}}{{.Platform.Name}}x{{end}}", "x"),
            ("{{if 0}}a{{else if 1}}b{{else}}c{{end}}", "b"),
            ("{{range $i, $e := split \"a,b\" \",\"}}{{$i}}{{$e}}{{end}}", "0a1b"),
            ("{{1+2i}}", "(1+2i)"),
        ];
        for &(template, want) in cases {
            assert_eq!(
                run(template, &v, false),
                Ok(want.to_string()),
                "{template:?}"
            );
        }
    }

    #[test]
    fn container_rows() {
        let c = web_container();
        let cases: &[(&str, &str)] = &[
            ("{{.ID}}\t{{.Names}}", "3f4e8a9b2c1d\tweb"),
            ("{{upper .Names}}", "WEB"),
            ("{{.Names | printf \"%s!\"}}", "web!"),
            (
                "{{.Label \"com.example.team\"}}|{{.Label \"missing\"}}|",
                "blue||",
            ),
            ("{{.Platform}}|{{json .Platform}}", "<nil>|null"),
            ("{{json .Ports}}", "\"0.0.0.0:8080->80/tcp\""),
            (
                "{{if .Ports}}{{.Ports}}{{else}}none{{end}}",
                "0.0.0.0:8080->80/tcp",
            ),
            ("{{with .Status}}[{{.}}]{{end}}", "[Up 2 hours]"),
            ("{{ .ID -}}   \n  {{- .Names }}", "3f4e8a9b2c1dweb"),
            ("{{/* comment */}}{{.Names}}", "web"),
            ("{{$n := .Names}}{{$n}}-{{$.ID}}", "web-3f4e8a9b2c1d"),
            ("{{truncate .ID 4}}", "3f4e"),
            ("{{pad .Names 1 1}}|", " web |"),
            ("{{lower (title .Names)}}", "web"),
            ("{{eq .Names \"web\"}}", "true"),
            (
                "{{if eq .Names \"db\"}}db{{else if eq .Names \"web\"}}web!{{end}}",
                "web!",
            ),
            ("{{len .Names}}", "3"),
        ];
        for &(template, want) in cases {
            assert_eq!(
                run(template, &c, false),
                Ok(want.to_string()),
                "{template:?}"
            );
        }
    }

    /// Headers observed with `docker ps --format 'table …'` (no containers).
    #[test]
    fn headers_match_docker() {
        let h = container_header();
        let cases: &[(&str, &str)] = &[
            ("{{json .}}", ""),
            ("A{{.ID}}B{{json .}}C", "ACONTAINER IDB"),
            ("{{.Label \"com.example.team\"}}|", "team|"),
            ("{{.Names | printf \"%s!\"}}", "NAMES!"),
            ("{{upper .Names}}", "NAMES"),
            ("{{pad .Names 2 2}}|", "  NAMES  |"),
            ("{{split .Names \",\"}}|", "NAMES|"),
            ("{{join (split .Names \",\") \"-\"}}|", "NAMES|"),
            ("{{.}}", "map[Command:COMMAND CreatedAt:CREATED AT ID:CONTAINER ID Image:IMAGE Labels:LABELS LocalVolumes:LOCAL VOLUMES Mounts:MOUNTS Names:NAMES Networks:NETWORKS Platform:PLATFORM Ports:PORTS RunningFor:CREATED Size:SIZE State:STATE Status:STATUS]"),
            ("{{len .Names}}", "5"),
            ("{{if .Names}}y{{else}}n{{end}}", "y"),
            ("{{.Names}}\t{{.ID}}\t", "NAMES\tCONTAINER ID\t"),
            ("{{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}", "CONTAINER ID\tIMAGE\tCOMMAND\tCREATED\tSTATUS\tPORTS\tNAMES"),
            ("{{.Repository}}:{{.Tag}}", "<no value>:<no value>"),
            ("{{.Label \"com.example.my-team_name\"}}", "my team name"),
            ("{{lower .Names}} {{title .Names}} {{truncate .Names 2}} {{json .Names}}", "NAMES NAMES NAMES NAMES"),
        ];
        for &(template, want) in cases {
            assert_eq!(
                run(template, &h, true),
                Ok(want.to_string()),
                "{template:?}"
            );
        }
        let images = Value::map([
            ("Repository", Value::from("REPOSITORY")),
            ("Tag", "TAG".into()),
        ]);
        assert_eq!(
            run("{{.Repository}}:{{.Tag}}", &images, true),
            Ok("REPOSITORY:TAG".to_string())
        );
    }

    #[test]
    fn json_of_contexts() {
        // Reference 1.5/3: `--format json` keys sorted by the caller, HTML characters escaped.
        let image = Value::object(
            "*formatter.imageContext",
            [
                ("Containers", Value::from("N/A")),
                ("CreatedSince", "2 weeks ago".into()),
                ("Digest", "<none>".into()),
                ("ID", "9c7a54a9a43c".into()),
                ("Repository", "alpine".into()),
            ],
        );
        let want = "{\"Containers\":\"N/A\",\"CreatedSince\":\"2 weeks ago\",\"Digest\":\"\\u003cnone\\u003e\",\"ID\":\"9c7a54a9a43c\",\"Repository\":\"alpine\"}";
        assert_eq!(run(JSON_TEMPLATE, &image, false), Ok(want.to_string()));
        let ports = Value::object(
            "*formatter.ContainerContext",
            [
                ("Platform", Value::Null),
                ("Ports", "0.0.0.0:8080->80/tcp".into()),
            ],
        );
        let want = "{\"Platform\":null,\"Ports\":\"0.0.0.0:8080-\\u003e80/tcp\"}";
        assert_eq!(run(JSON_TEMPLATE, &ports, false), Ok(want.to_string()));
    }

    #[test]
    fn images_errors_and_default_format() {
        let image = Value::object(
            "*formatter.imageContext",
            [
                ("Repository", Value::from("alpine")),
                ("Tag", "latest".into()),
                ("CreatedSince", "".into()),
            ],
        );
        // Observed: `docker images --format '{{.Nope}}'` (docker 28.2.2 names the type
        // `imageContext`, and `docker images` has no up-front check).
        let got = parse("{{.Nope}}")
            .and_then(|t| t.execute(&image, false))
            .map_err(|e| e.formatter_message());
        let want = "template parsing error: template: :1:2: executing \"\" at <.Nope>: can't evaluate field Nope in type *formatter.imageContext";
        assert_eq!(got, Err(want.to_string()));
        let spec = pre_format("table {{.Repository}}\\t{{.Tag}}\\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}");
        assert_eq!(
            run(&spec.template, &image, false),
            Ok("alpine\tlatest\tN/A".to_string())
        );
    }

    #[test]
    fn variables_ranges_and_control_flow() {
        let data = Value::map([
            (
                "L",
                Value::List(vec![Value::from("a"), Value::from("b"), Value::from("c")]),
            ),
            (
                "M",
                Value::map([("z", Value::from(1)), ("a", Value::from(2))]),
            ),
            ("E", Value::List(vec![])),
            ("N", Value::Null),
        ]);
        let cases: &[(&str, &str)] = &[
            ("{{range .L}}{{.}}{{end}}", "abc"),
            ("{{range $e := .L}}{{$e}}{{end}}", "abc"),
            ("{{range $i, $e := .L}}{{$i}}{{$e}}{{end}}", "0a1b2c"),
            ("{{range $k, $v := .M}}{{$k}}={{$v}};{{end}}", "a=2;z=1;"),
            ("{{range .E}}x{{else}}empty{{end}}", "empty"),
            ("{{range .Missing}}x{{else}}none{{end}}", "none"),
            (
                "{{range .L}}{{if eq . \"b\"}}{{break}}{{end}}{{.}}{{end}}",
                "a",
            ),
            (
                "{{range .L}}{{if eq . \"b\"}}{{continue}}{{end}}{{.}}{{end}}",
                "ac",
            ),
            ("{{range .L}}{{range $.L}}x{{end}}{{end}}", "xxxxxxxxx"),
            ("{{$x := 0}}{{range .L}}{{$x = .}}{{end}}{{$x}}", "c"),
            ("{{with .Missing}}x{{else}}y{{end}}", "y"),
            ("{{with .Missing}}x{{else with .L}}{{len .}}{{end}}", "3"),
            (
                "{{.Missing}}|{{.N}}|{{.M.q}}",
                "<no value>|<nil>|<no value>",
            ),
            (
                "{{index .M \"a\"}}|{{index .M \"q\"}}|{{index .L 1}}",
                "2|<nil>|b",
            ),
            ("{{if and .L .M}}yes{{end}}", "yes"),
            ("{{or .E .N \"fallback\"}}", "fallback"),
            (
                "{{define \"row\"}}[{{.}}]{{end}}{{range .L}}{{template \"row\" .}}{{end}}",
                "[a][b][c]",
            ),
            ("{{block \"b\" .L}}{{len .}}{{end}}", "3"),
            ("{{printf \"%v\" .M}}", "map[a:2 z:1]"),
            ("{{.L}} {{.M}} {{.E}}", "[a b c] map[a:2 z:1] []"),
            ("{{eq .Missing \"x\"}}", "false"),
            ("{{print .Missing}}", "<nil>"),
        ];
        for &(template, want) in cases {
            assert_eq!(
                run(template, &data, false),
                Ok(want.to_string()),
                "{template:?}"
            );
        }
    }

    #[test]
    fn other_runtime_errors() {
        let data = Value::map([("N", Value::Null), ("S", Value::from("x"))]);
        let cases: &[(&str, &str)] = &[
            ("{{.N.Foo}}", "failed to execute template: template: :1:4: executing \"\" at <.N.Foo>: nil pointer evaluating interface {}.Foo"),
            ("{{.S \"a\"}}", "failed to execute template: template: :1:2: executing \"\" at <.S>: S is not a method but has arguments"),
            ("{{range 3 | printf \"%d\"}}{{end}}", "failed to execute template: template: :1:19: executing \"\" at <\"%d\">: range can't iterate over 3"),
            ("{{range $i, $e := 3}}{{end}}", "failed to execute template: template: :1:18: executing \"\" at <3>: can't use 3 to iterate over more than one variable"),
            ("{{upper .Nope}}", "failed to execute template: template: :1:8: executing \"\" at <.Nope>: invalid value; expected string"),
            ("{{join \"a\" \",\"}}", "failed to execute template: template: :1:7: executing \"\" at <\"a\">: can't handle \"a\" for arg of type []string"),
            ("{{define \"a\"}}{{template \"a\"}}{{end}}{{template \"a\"}}", "failed to execute template: template: :1:25: executing \"a\" at <{{template \"a\"}}>: exceeded maximum template depth (100)"),
        ];
        for &(template, want) in cases {
            assert_eq!(
                run(template, &data, false),
                Err(want.to_string()),
                "{template:?}"
            );
        }
    }

    #[test]
    fn output_is_bounded() {
        let data = Value::List((0..2000).map(Value::from).collect());
        let t = "{{range .}}{{range $}}{{printf \"%100d\" .}}{{end}}{{end}}";
        let got = run(t, &data, false);
        assert!(
            matches!(&got, Err(e) if e.contains("output longer than 1048576 bytes")),
            "{got:?}"
        );
        for busy in [
            "{{range 1000000000}}{{end}}",
            "{{range $}}{{range $}}{{range $}}{{end}}{{end}}{{end}}",
        ] {
            let got = run(busy, &data, false);
            assert!(
                matches!(&got, Err(e) if e.contains("execution took more than 1000000 steps")),
                "{got:?}"
            );
        }
        let got = run("{{pad \"x\" 2000000 0}}", &data, false);
        assert!(
            matches!(&got, Err(e) if e.contains("error calling pad: result longer than")),
            "{got:?}"
        );
    }

    #[test]
    fn header_errors_keep_partial_output() {
        let h = container_header();
        assert_eq!(run("ok {{.Label}} rest", &h, true), Ok("ok ".to_string()));
    }

    #[test]
    fn fields_used_reports_size() {
        let t = parse("{{.Names}}{{if false}}{{.Size}}{{end}}").ok();
        let used = t.and_then(|t| t.fields_used(&container_context()).ok());
        assert_eq!(used, Some(vec!["Names".to_string()]));
        let t = parse("table {{.Names}}\\t{{.Size}}").ok();
        let used = t.and_then(|t| t.fields_used(&container_context()).ok());
        assert_eq!(used, Some(vec!["Names".to_string(), "Size".to_string()]));
    }

    #[test]
    fn error_display_and_go_message() {
        let e = parse("{{.ID").err();
        assert_eq!(
            e.as_ref().map(ToString::to_string).as_deref(),
            Some("failed to parse template: template: :1: unclosed action")
        );
        assert_eq!(
            e.as_ref().map(TemplateError::go_message),
            Some("template: :1: unclosed action")
        );
        // Observed: `docker images --format '{{.ID'`.
        assert_eq!(
            e.as_ref().map(TemplateError::formatter_message).as_deref(),
            Some("template parsing error: template: :1: unclosed action")
        );
        // Observed: `docker ps -a --format 'table {{if .Names}}{{.Names.Foo}}{{end}}'` with a
        // container: the rows are rendered from the pre-formatted template.
        let spec = pre_format("table {{if .Names}}{{.Names.Foo}}{{end}}");
        let e = parse(&spec.template)
            .and_then(|t| t.execute(&web_container(), false))
            .err();
        let want = "template parsing error: template: :1:21: executing \"\" at <.Names.Foo>: can't evaluate field Foo in type string";
        assert_eq!(e.map(|e| e.formatter_message()).as_deref(), Some(want));
    }

    #[test]
    fn pre_format_matches_reference() {
        let cases: &[(&str, bool, &str)] = &[
            (
                "table {{.Names}}\\t{{.Image}}",
                true,
                "{{.Names}}\t{{.Image}}",
            ),
            (
                "table{{.Names}}\\t{{.Image}}",
                true,
                "{{.Names}}\t{{.Image}}",
            ),
            ("table", true, ""),
            ("tablex {{.Names}}", true, "x {{.Names}}"),
            ("TABLE {{.Names}}", false, "TABLE {{.Names}}"),
            ("  table {{.Names}}", false, "table {{.Names}}"),
            ("{{.Names}}\\n{{.Image}}", false, "{{.Names}}\n{{.Image}}"),
            (
                "{{.Names}}\\\\t{{.Image}}",
                false,
                "{{.Names}}\\\t{{.Image}}",
            ),
            ("\t{{.Names}} ", false, "\t{{.Names}}"),
            ("json", false, "json"),
            ("table {{.ID}}\t{{.Names}}", true, "{{.ID}}\t{{.Names}}"),
        ];
        for &(user, table, template) in cases {
            let want = FormatSpec {
                table,
                template: template.to_string(),
            };
            assert_eq!(pre_format(user), want, "{user:?}");
        }
    }

    /// End to end: pre-format, header, rows, tabwriter, as `docker ps --format` does.
    #[test]
    fn table_pipeline_end_to_end() {
        let spec = pre_format("table {{.ID}}\\t{{.Names}}");
        let t = parse(&spec.template).unwrap();
        let mut text = t.execute(&container_header(), true).unwrap();
        text.push('\n');
        text.push_str(&t.execute(&web_container(), false).unwrap());
        text.push('\n');
        let got = crate::cli::format::table::align(&text, false);
        assert_eq!(got, "CONTAINER ID   NAMES\n3f4e8a9b2c1d   web\n");
    }
}
