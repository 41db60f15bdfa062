//! Table-driven tests: parse trees, error messages, and whole-line behaviour checked against
//! what bash prints (the `cross_check_with_bash` test re-verifies the table when bash exists).

use super::*;
use std::collections::HashMap;
use std::ops::ControlFlow;

/// A tiny interpreter over the public API: enough builtins to observe argv and statuses.
///
/// `show` prints its argument count then each argument in brackets, `echo` joins its
/// arguments, `true`/`false`/`exit` set the status, `lines` prints `a\nb\n\n\n`, and
/// `docker ps -a -q` prints two ids (other `docker` calls are shown like `show docker ...`).
/// Redirections and prefix assignments of commands are ignored.
#[derive(Clone)]
struct Sim {
    vars: HashMap<String, String>,
    status: i32,
}

/// The same builtins as shell functions, so bash can run the table lines.
const BASH_PRELUDE: &str = r#"show() { printf '%s' "$#"; for a in "$@"; do printf ' [%s]' "$a"; done; echo; }
lines() { printf 'a\nb\n\n\n'; }
docker() { if [ "$*" = "ps -a -q" ]; then printf 'c1\nc2\n'; else show docker "$@"; fi; }
X=' a  b '; E=; K='한글 단어'; HOME=/home/learner
"#;

impl Sim {
    fn new() -> Sim {
        let vars = [
            ("X", " a  b "),
            ("E", ""),
            ("K", "한글 단어"),
            ("HOME", "/home/learner"),
            ("#", "0"),
        ];
        Sim {
            vars: vars
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            status: 0,
        }
    }

    fn run(&mut self, script: &Script) -> (String, ControlFlow<i32, i32>) {
        let mut out = String::new();
        let flow = run_script(script, self.status, &mut |pipeline| {
            if let Some(compound) = &pipeline.compound {
                let (text, flow) = self.compound(&compound.kind);
                out.push_str(&text);
                if let ControlFlow::Continue(status) = flow {
                    self.status = if pipeline.negated {
                        i32::from(status == 0)
                    } else {
                        status
                    };
                }
                return flow;
            }
            let cmd = &pipeline.commands[0];
            let argv = expand_words(&cmd.words, self);
            if argv.is_empty() {
                for a in &cmd.assignments {
                    let value = expand_word(&a.value, self);
                    self.vars.insert(a.name.clone(), value);
                }
                self.status = 0;
                return ControlFlow::Continue(0);
            }
            let args = &argv[1..];
            let status = match argv[0].as_str() {
                "show" => {
                    out.push_str(&show(args));
                    0
                }
                "echo" => {
                    out.push_str(&args.join(" "));
                    out.push('\n');
                    0
                }
                "lines" => {
                    out.push_str("a\nb\n\n\n");
                    0
                }
                "docker" if args == ["ps", "-a", "-q"] => {
                    out.push_str("c1\nc2\n");
                    0
                }
                "docker" => {
                    out.push_str(&show(&argv));
                    0
                }
                "true" => 0,
                "false" => 1,
                "exit" => {
                    let code = args.first().map_or(self.status, |a| a.parse().unwrap());
                    return ControlFlow::Break(code);
                }
                _ => 127,
            };
            // run_script inverts what we return for `!`; our own `$?` must agree.
            self.status = if pipeline.negated {
                i32::from(status == 0)
            } else {
                status
            };
            ControlFlow::Continue(status)
        });
        (out, flow)
    }
}

impl Sim {
    /// Walks a compound command (loops stop after 100 rounds; no `break`).
    fn compound(&mut self, kind: &Compound) -> (String, ControlFlow<i32, i32>) {
        let mut out = String::new();
        let mut status = 0;
        macro_rules! run {
            ($script:expr) => {{
                let (text, flow) = self.run($script);
                out.push_str(&text);
                match flow {
                    ControlFlow::Continue(s) => {
                        self.status = s;
                        s
                    }
                    ControlFlow::Break(code) => return (out, ControlFlow::Break(code)),
                }
            }};
        }
        match kind {
            Compound::Group(body) => status = run!(body),
            Compound::If {
                branches,
                otherwise,
            } => {
                let mut taken = false;
                for branch in branches {
                    if run!(&branch.condition) == 0 {
                        status = run!(&branch.body);
                        taken = true;
                        break;
                    }
                }
                if !taken {
                    status = match otherwise {
                        Some(body) => run!(body),
                        None => 0,
                    };
                }
            }
            Compound::Loop {
                until,
                condition,
                body,
            } => {
                for _ in 0..100 {
                    if (run!(condition) == 0) == *until {
                        break;
                    }
                    status = run!(body);
                }
            }
            Compound::For { name, words, body } => {
                let items = match words {
                    Some(words) => expand_words(words, self),
                    None => vec![],
                };
                for item in items {
                    self.vars.insert(name.clone(), item);
                    status = run!(body);
                }
            }
            Compound::Case { word, items } => {
                let subject = expand_word(word, self);
                'items: for item in items {
                    for pattern in &item.patterns {
                        let pattern = expand_pattern(pattern, self);
                        if pattern_matches(&pattern, &subject) {
                            status = run!(&item.body);
                            break 'items;
                        }
                    }
                }
            }
            // No copy of the variables: these tests do not need one.
            Compound::Subshell(body) => status = run!(body),
            Compound::Function { .. } => {}
        }
        (out, ControlFlow::Continue(status))
    }
}

fn show(args: &[String]) -> String {
    let mut s = args.len().to_string();
    for a in args {
        s.push_str(&format!(" [{a}]"));
    }
    s.push('\n');
    s
}

impl Expander for Sim {
    fn var(&self, name: &str) -> Option<String> {
        self.vars.get(name).cloned()
    }

    fn last_status(&self) -> i32 {
        self.status
    }

    fn command_output(&mut self, script: &Script) -> String {
        // A subshell: its assignments and exit stay inside.
        let mut sub = self.clone();
        sub.run(script).0
    }

    fn assign(&mut self, name: &str, value: &str) {
        self.vars.insert(name.to_owned(), value.to_owned());
    }
}

/// (line, stdout, final status) — the expectations are what bash 5.2 prints.
const LINES: &[(&str, &str, i32)] = &[
    ("show a b  c", "3 [a] [b] [c]\n", 0),
    ("show 'a  b' \"c  d\"", "2 [a  b] [c  d]\n", 0),
    ("show a\"b\"'c'", "1 [abc]\n", 0),
    ("show $X", "2 [a] [b]\n", 0),
    ("show \"$X\"", "1 [ a  b ]\n", 0),
    ("show x$X\"y\"", "4 [x] [a] [b] [y]\n", 0),
    ("show ${X}y", "3 [a] [b] [y]\n", 0),
    ("show \"$X\"$X", "3 [ a  b ] [a] [b]\n", 0),
    ("show \"${X}\"", "1 [ a  b ]\n", 0),
    ("show $E", "0\n", 0),
    ("show \"$E\"", "1 []\n", 0),
    ("show \"\"$E", "1 []\n", 0),
    ("show $E\"\"", "1 []\n", 0),
    ("show $E$E ${E}", "0\n", 0),
    ("show '' \"\"", "2 [] []\n", 0),
    ("show ${E}x", "1 [x]\n", 0),
    ("show a\\ b \\$X \\\\ \\\"", "4 [a b] [$X] [\\] [\"]\n", 0),
    (
        "show \"a\\tb\" 'a\\tb' a\\tb",
        "3 [a\\tb] [a\\tb] [atb]\n",
        0,
    ),
    ("show \"\\$ \\` \\\" \\\\ \\a\"", "1 [$ ` \" \\ \\a]\n", 0),
    ("show a\\ \"b c\"\\ d", "1 [a b c d]\n", 0),
    (
        "docker ps --format 'table{{.Names}}\\t{{.Image}}'",
        "4 [docker] [ps] [--format] [table{{.Names}}\\t{{.Image}}]\n",
        0,
    ),
    (
        "docker rm $(docker ps -a -q)",
        "4 [docker] [rm] [c1] [c2]\n",
        0,
    ),
    (
        "docker rm `docker ps -a -q`",
        "4 [docker] [rm] [c1] [c2]\n",
        0,
    ),
    (
        "docker rm -f $(docker ps -a -q);",
        "5 [docker] [rm] [-f] [c1] [c2]\n",
        0,
    ),
    ("show \"$(docker ps -a -q)\"", "1 [c1\nc2]\n", 0),
    ("show $(lines) \"$(lines)\"", "3 [a] [b] [a\nb]\n", 0),
    ("show $(echo '$X')", "1 [$X]\n", 0),
    ("show $(echo $(echo hi))", "1 [hi]\n", 0),
    (
        "show $(echo $(echo $(echo \"deep  er\")))",
        "2 [deep] [er]\n",
        0,
    ),
    ("show \"$(echo \"a  b\")\"", "1 [a  b]\n", 0),
    ("show \"$(echo ')')\"", "1 [)]\n", 0),
    ("show \"`echo \\\"q\\\"`\"", "1 [q]\n", 0),
    ("show `echo \\\"q\\\"`", "1 [\"q\"]\n", 0),
    ("show `echo \\`echo x\\``", "1 [x]\n", 0),
    ("show $(echo a;)", "1 [a]\n", 0),
    ("show $(#comment\necho a)", "1 [a]\n", 0),
    ("show $(exit 3; echo no)x", "1 [x]\n", 0),
    ("show $?", "1 [0]\n", 0),
    ("false; show \"$?\"", "1 [1]\n", 0),
    ("false; show ${?}", "1 [1]\n", 0),
    ("true && show a || show b", "1 [a]\n", 0),
    ("false && show a || show b", "1 [b]\n", 0),
    ("true || show a && show b", "1 [b]\n", 0),
    ("false || false && show a; show $?", "1 [1]\n", 0),
    ("false && show a", "", 1),
    ("nosuch || show $?", "1 [127]\n", 0),
    ("show a &&\nshow b", "1 [a]\n1 [b]\n", 0),
    ("show a;show b\nshow c", "1 [a]\n1 [b]\n1 [c]\n", 0),
    ("echo a; exit 3; echo b", "a\n", 3),
    ("false; exit", "", 1),
    (
        "show 안녕 \"하세요 $K\"",
        "2 [안녕] [하세요 한글 단어]\n",
        0,
    ),
    ("show $K", "2 [한글] [단어]\n", 0),
    ("show $한 a$K한", "3 [$한] [a한글] [단어한]\n", 0),
    (
        "show ~ ~/x \"~\" ~\"/x\" a~ \\~ ~$E",
        "7 [/home/learner] [/home/learner/x] [~] [~/x] [a~] [~] [~]\n",
        0,
    ),
    ("A=1; show $A", "1 [1]\n", 0),
    ("A=\"x  y\"; show $A \"$A\"", "3 [x] [y] [x  y]\n", 0),
    ("A=$(echo a  b); show \"$A\"", "1 [a b]\n", 0),
    ("A=$X; show \"$A\"", "1 [ a  b ]\n", 0),
    ("A=~/d; show $A", "1 [/home/learner/d]\n", 0),
    ("X=1 show $X", "2 [a] [b]\n", 0),
    ("show A=1", "1 [A=1]\n", 0),
    ("show a # comment", "1 [a]\n", 0),
    ("# only a comment", "", 0),
    ("show a#b", "1 [a#b]\n", 0),
    ("show $ $% \"a$\" $. \"$\"", "5 [$] [$%] [a$] [$.] [$]\n", 0),
    ("show $'a\\tb' $'\\x41\\'' $\"c\"", "3 [a\tb] [A'] [c]\n", 0),
    ("show $# $1", "1 [0]\n", 0),
    ("show \"a\nb\"", "1 [a\nb]\n", 0),
    ("show a\\\nb", "1 [ab]\n", 0),
    ("show 'a\\\nb'", "1 [a\\\nb]\n", 0),
    ("show \"a\\\nb\"", "1 [ab]\n", 0),
    ("show a\\", "1 [a\\]\n", 0),
    ("show a 2>&1", "1 [a]\n", 0),
    ("show a 2>/dev/null b", "2 [a] [b]\n", 0),
    ("show {a} [b] !c", "3 [{a}] [[b]] [!c]\n", 0),
    // `!` and compound commands (the walker above follows bash's rules).
    ("! false; show $?", "1 [0]\n", 0),
    ("! true", "", 1),
    ("! ! true; show $?", "1 [0]\n", 0),
    ("! show a b", "2 [a] [b]\n", 1),
    ("if true; then show y; else show n; fi", "1 [y]\n", 0),
    ("if false; then show y; else show n; fi", "1 [n]\n", 0),
    (
        "if false; then show 1; elif true; then show 2; else show 3; fi",
        "1 [2]\n",
        0,
    ),
    ("if false; then show 1; fi; show $?", "1 [0]\n", 0),
    ("if true; then false; fi", "", 1),
    ("if ! false; then show neg; fi", "1 [neg]\n", 0),
    ("if\ntrue\nthen\nshow a\nfi", "1 [a]\n", 0),
    (
        "for i in 1 2 \"3 4\"; do show $i; done",
        "1 [1]\n1 [2]\n2 [3] [4]\n",
        0,
    ),
    ("for i in $X; do show \"$i\"; done", "1 [a]\n1 [b]\n", 0),
    ("for i in; do show $i; done; show $?", "1 [0]\n", 0),
    ("for i in a b\ndo show $i\ndone", "1 [a]\n1 [b]\n", 0),
    (
        "for i in do done; do show $i; done",
        "1 [do]\n1 [done]\n",
        0,
    ),
    ("for i in a; do show $i; done 2>/dev/null", "1 [a]\n", 0),
    ("A=1; until show $A; do A=2; done", "1 [1]\n", 0),
    ("{ show a; show b; }", "1 [a]\n1 [b]\n", 0),
    ("{ false; } || show or", "1 [or]\n", 0),
    ("true && { show x; exit 4; }; show no", "1 [x]\n", 4),
    (
        "show if then fi done { } !",
        "7 [if] [then] [fi] [done] [{] [}] [!]\n",
        0,
    ),
    ("show $(if true; then echo in; fi)", "1 [in]\n", 0),
    // Arithmetic.
    (
        "show $((1+2)) \"$((2*3))\" x$((7/2))y",
        "3 [3] [6] [x3y]\n",
        0,
    ),
    ("A=5; show $((A+1)) $(($A*2)) $((B))", "3 [6] [10] [0]\n", 0),
    ("show $((N=3)) $N $((N+=2)) $N", "4 [3] [3] [5] [5]\n", 0),
    ("show $(( (1+2) * $(echo 4) ))", "1 [12]\n", 0),
    (
        "show $((1<<3)) $((-7%3)) $((2**10)) $((1>2)) $((0x1f))",
        "5 [8] [-1] [1024] [0] [31]\n",
        0,
    ),
    ("show $(())", "1 [0]\n", 0),
    // Parameter expansion with operators.
    ("show ${U:-a  b} \"${U:-a  b}\"", "3 [a] [b] [a  b]\n", 0),
    (
        "show ${E:-d} ${E-d} ${U-d} ${X:+alt} ${U+alt}",
        "3 [d] [d] [alt]\n",
        0,
    ),
    ("show ${U:-\"$X\"} ${U:-'q  r'}", "2 [ a  b ] [q  r]\n", 0),
    ("show ${U:=v w}; show \"$U\"", "2 [v] [w]\n1 [v w]\n", 0),
    ("show ${#X} ${#U} ${#K}", "3 [6] [0] [5]\n", 0),
    ("show ${U:-$(echo sub)} ${U:-}", "1 [sub]\n", 0),
    (
        "P=/a/b.tar.gz; show ${P##*/} ${P%/*} ${P%%.*} ${P#*.} ${P%.*}",
        "5 [b.tar.gz] [/a] [/a/b] [tar.gz] [/a/b.tar]\n",
        0,
    ),
    (
        "P='a*b'; show \"${P#a\\*}\" \"${P#'a*'}\" \"${P%\"*b\"}\"",
        "3 [b] [b] [a]\n",
        0,
    ),
    (
        "Q='*.'; P=a.b.c; show ${P#$Q} \"${P#\"$Q\"}\" ${P##$Q}",
        "3 [b.c] [a.b.c] [c]\n",
        0,
    ),
    ("show ${X:+\"}\"} \"${U:-\\}}\"", "2 [}] [}]\n", 0),
    // case: the first matching item runs; quoted pattern characters match themselves.
    (
        "case ab in a) show 1;; a?|zz) show 2;; *) show 3;; esac",
        "1 [2]\n",
        0,
    ),
    (
        "case 'a*' in a\\*) show e;; esac; case x in [!x]) show n;; [a-z]) show r; esac",
        "1 [e]\n1 [r]\n",
        0,
    ),
    ("case \"$X\" in *' a '*) show in;; esac", "1 [in]\n", 0),
];

#[test]
fn lines_behave_like_bash() {
    for (line, stdout, status) in LINES {
        let script = parse(line).unwrap_or_else(|e| panic!("{line:?}: {e}"));
        let (out, flow) = Sim::new().run(&script);
        let got_status = match flow {
            ControlFlow::Continue(s) | ControlFlow::Break(s) => s,
        };
        assert_eq!((out.as_str(), got_status), (*stdout, *status), "{line:?}");
    }
}

/// Re-derives the expectations of [`LINES`] from bash itself; skipped when bash is absent.
#[test]
#[ignore = "needs bash on the host; run with --ignored"]
fn cross_check_with_bash() {
    for (line, stdout, status) in LINES {
        let Ok(out) = std::process::Command::new("bash")
            .arg("-c")
            .arg(format!("{BASH_PRELUDE}{line}"))
            .env("LC_ALL", "C.UTF-8")
            .output()
        else {
            return;
        };
        let got = String::from_utf8(out.stdout).unwrap();
        assert_eq!(
            (got.as_str(), out.status.code()),
            (*stdout, Some(*status)),
            "{line:?}"
        );
    }
}

/// (line, the parsed tree rendered back as shell text)
const RENDERED: &[(&str, &str)] = &[
    ("", ""),
    ("   \n\n ", ""),
    ("a b", "a b"),
    ("a;", "a"),
    ("a ; b", "a; b"),
    ("a\nb", "a; b"),
    ("a && b || c", "a && b || c"),
    ("a | b |& c", "a | b | c"),
    ("a & b &", "a & b &"),
    ("a&&b", "a && b"),
    ("echo hi>f", "echo hi 1>f"),
    ("echo hi >> f 2>&1 < in", "echo hi 1>>f 2>&1 0<in"),
    ("2>err a", "a 2>err"),
    ("a 2 > f", "a 2 1>f"),
    ("a x2>f", "a x2 1>f"),
    ("a '2'>f", "a '2' 1>f"),
    ("a 99999999999>f", "a 99999999999 1>f"),
    (
        "a &>f &>>g >|h <>i 3<&0 >&- <<<'x y'",
        "a &>f &>>g 1>h 0<>i 3<&0 1>&- 0<<<'x y'",
    ),
    ("A=1", "A=1"),
    ("A=1 B= cmd C=3", "A=1 B= cmd C=3"),
    ("A=\"x y\"", "A='x y'"),
    ("'A'=1", "'A'=1"),
    (">f", "1>f"),
    ("a \"$X\"y $X${X}z ${10} $1", "a \"$X\"y $X${X}z ${10} $1"),
    ("a `b c` \"`d`\"", "a $(b c) \"$(d)\""),
    ("a $(b $(c))", "a $(b $(c))"),
    ("a $()", "a $()"),
    (
        "a \"\" '' x\"\"y \"\"$X \"$X\"\"\"",
        "a '' '' x''y ''$X \"$X\"",
    ),
    ("a \\#b #c", "a '#'b"),
    ("a $ $%", "a '$' '$'%"),
    ("a 'it'\\''s'", "a 'it'\\''s'"),
    ("a \"it's\"", "a 'it'\\''s'"),
    ("! a | b", "! a | b"),
    ("!  a;! b", "! a; ! b"),
    ("if a; then b; fi", "if a; then b; fi"),
    (
        "if a\nthen b\nelif c; then d; else e\nfi",
        "if a; then b; elif c; then d; else e; fi",
    ),
    (
        "while true; do sleep 1; done",
        "while true; do sleep 1; done",
    ),
    ("until false;do x;done>f", "until false; do x; done 1>f"),
    (
        "for i in 1 2 \"a b\"; do echo $i; done",
        "for i in 1 2 'a b'; do echo $i; done",
    ),
    ("for i; do :; done", "for i; do :; done"),
    ("for i do :; done", "for i; do :; done"),
    ("for i in; do :; done", "for i in; do :; done"),
    ("{ a; b & }", "{ a; b & }"),
    ("! { a; } 2>&1", "! { a; } 2>&1"),
    (
        "a && if b; then c; fi || d &",
        "a && if b; then c; fi || d &",
    ),
    ("while a; do b; done & c", "while a; do b; done & c"),
    ("x=$(while a; do b; done)", "x=$(while a; do b; done)"),
    (
        "for i in a; do if x; then while y; do z; done; fi; done",
        "for i in a; do if x; then while y; do z; done; fi; done",
    ),
    (
        "echo if then fi done { } ! in",
        "echo if then fi done { } ! in",
    ),
    ("{a} !b", "{a} !b"),
    ("'if' a", "'if' a"),
    (">f if x", "1>f if x"),
    ("2>&1 ! ", "2>&1 !"),
    ("A=1 while", "A=1 while"),
    ("echo $(( 1 + $X * (2) ))", "echo $(( 1 + ${X} * (2) ))"),
    ("echo \"$((1+2))\"$((3))", "echo \"$((1+2))\"$((3))"),
    (
        "echo $(( $((1)) + $(echo 2) + `echo 3` ))",
        "echo $(( $((1)) + $(echo 2) + $(echo 3) ))",
    ),
    ("echo $((a'b\\c\"))", "echo $((a'b\\c\"))"),
    ("echo ${X:-a b}", "echo ${X:-a b}"),
    ("echo \"${X:-'a' $Y}\"", "echo \"${X:-'a' \"$Y\"}\""),
    (
        "echo ${X:=\"q\"}x ${#X} ${X-}",
        "echo ${X:='q'}x ${#X} ${X-}",
    ),
    ("echo ${X+$Yz} ${X?no way}", "echo ${X+${Yz}} ${X?no way}"),
    (
        "echo ${X##*/} \"${X%.*}\" ${X%%'*'}",
        "echo ${X##*/} \"${X%.*}\" ${X%%'*'}",
    ),
    ("echo \"${X#$Y}\" ${X:-\\}}", "echo \"${X#${Y}}\" ${X:-'}'}"),
    (
        "case $x in (a|b) echo 1;; *) ;; esac",
        "case $x in a|b) echo 1 ;; *) ;; esac",
    ),
    ("case x in\n x) a\n b\nesac", "case x in x) a; b ;; esac"),
    ("case x in esac", "case x in esac"),
    ("(a; b) > f | (c)", "( a; b ) 1>f | ( c )"),
    ("if(true)then a;fi", "if ( true ); then a; fi"),
    ("f() { a; }", "f() { a; }"),
    ("f ( )\n{ a; } 2>/dev/null", "f() { a; } 2>/dev/null"),
    ("f() echo $1", "f() { echo $1; }"),
    ("f() (a)", "f() ( a )"),
    (
        "cat <<E\n$x \\$ `a`\nE\n",
        "cat 0<<EOF\n${x} \\$ $(a)\nEOF\n",
    ),
    ("cat <<'E' && b\n$x\nE\n", "cat 0<<'EOF' &&\n$x\nEOF\nb"),
    (
        "a <<A; b <<-B\nx\nA\n\ty\n\tB\nc",
        "a 0<<'EOF'\nx\nEOF\nb 0<<'EOF'\ny\nEOF\nc",
    ),
    (
        "a <<A <<B | c\nx\nA\nEOF\nB\n",
        "a 0<<'EOF' 0<<'EOF1' | c\nx\nEOF\nEOF\nEOF1\n",
    ),
    ("if a <<E; then b; fi\nE", "if a 0<<'EOF'\nEOF\nthen b; fi"),
    ("x=$(cat <<E\n1\nE\n)", "x=$(cat 0<<'EOF'\n1\nEOF\n)"),
    // Inside `$((...))` a parameter's word reads as in double quotes (found by shell_fuzz).
    (
        "esac$((${X:-case {{.Names}}$(())))",
        "esac$((${X:-case {{.Names}}$(())))",
    ),
];

#[test]
fn parses_and_renders() {
    for (line, rendered) in RENDERED {
        let script = parse(line).unwrap_or_else(|e| panic!("{line:?}: {e}"));
        assert_eq!(script.to_string(), *rendered, "{line:?}");
        assert_eq!(parse(rendered), Ok(script), "re-parse of {rendered:?}");
    }
}

#[test]
fn tree_shapes() {
    let script = parse("A=1 B=$(x) docker ps -a 2>&1 | wc -l && y || z &").unwrap();
    assert_eq!(script.items.len(), 3);
    let first = &script.items[0];
    assert_eq!(first.connector, Connector::And);
    assert_eq!(first.pipeline.commands.len(), 2);
    let cmd = &first.pipeline.commands[0];
    assert_eq!(cmd.assignments[0].name, "A");
    assert_eq!(cmd.assignments[0].value, Word::literal("1"));
    assert!(matches!(
        cmd.assignments[1].value.parts[..],
        [WordPart::CommandSubst { quoted: false, .. }]
    ));
    assert_eq!(cmd.words, ["docker", "ps", "-a"].map(Word::literal));
    assert_eq!(
        cmd.redirects,
        [Redirect {
            fd: 2,
            op: RedirectOp::DupWrite,
            target: Word::literal("1")
        }]
    );
    assert_eq!(script.items[1].connector, Connector::Or);
    assert!(!script.items[1].pipeline.background);
    assert_eq!(script.items[2].connector, Connector::Seq);
    assert!(script.items[2].pipeline.background);

    let word = |line: &str| parse(line).unwrap().items[0].pipeline.commands[0].words[1].clone();
    assert_eq!(
        word("echo a\"$X\"$?").parts,
        [
            WordPart::Literal {
                text: "a".into(),
                quoted: false
            },
            WordPart::Var {
                name: "X".into(),
                quoted: true
            },
            WordPart::LastStatus { quoted: false },
        ]
    );
    assert_eq!(word("echo 'it''s'").as_literal().as_deref(), Some("its"));
    assert_eq!(word("echo $X").as_literal(), None);
    assert!(parse("  # nothing").unwrap().is_empty());
}

/// (line, error message)
const ERRORS: &[(&str, &str)] = &[
    ("echo 'abc", "따옴표가 닫히지 않았습니다: '"),
    ("echo \"abc", "따옴표가 닫히지 않았습니다: \""),
    ("echo \"a\\", "따옴표가 닫히지 않았습니다: \""),
    ("echo `abc", "따옴표가 닫히지 않았습니다: `"),
    ("echo $'abc", "따옴표가 닫히지 않았습니다: '"),
    ("echo \"$(echo 'a)\"", "따옴표가 닫히지 않았습니다: '"),
    ("echo $(abc", "괄호가 닫히지 않았습니다: $("),
    ("echo $(echo $(abc)", "괄호가 닫히지 않았습니다: $("),
    ("echo ${abc", "괄호가 닫히지 않았습니다: ${"),
    ("&& b", "문법 오류: 예상치 못한 토큰 '&&'"),
    ("a && && b", "문법 오류: 예상치 못한 토큰 '&&'"),
    ("; a", "문법 오류: 예상치 못한 토큰 ';'"),
    ("a;;", "문법 오류: 예상치 못한 토큰 ';;'"),
    ("a ; ; b", "문법 오류: 예상치 못한 토큰 ';'"),
    ("a &; b", "문법 오류: 예상치 못한 토큰 ';'"),
    ("a & && b", "문법 오류: 예상치 못한 토큰 '&&'"),
    ("| a", "문법 오류: 예상치 못한 토큰 '|'"),
    ("a | | b", "문법 오류: 예상치 못한 토큰 '|'"),
    ("a )", "문법 오류: 예상치 못한 토큰 ')'"),
    ("( )", "문법 오류: 예상치 못한 토큰 ')'"),
    ("(a", "문법 오류: '('을(를) 닫는 ')'이(가) 없습니다"),
    ("echo a(b", "문법 오류: 예상치 못한 토큰 '('"),
    ("echo a (b)", "문법 오류: 예상치 못한 토큰 '('"),
    ("x=1 f() { a; }", "문법 오류: 예상치 못한 토큰 '('"),
    (
        "f-g() { a; }",
        "문법 오류: 'f-g'은(는) 올바른 함수 이름이 아닙니다",
    ),
    ("f (x) { a; }", "문법 오류: 여기에는 ')'이(가) 와야 합니다"),
    ("f()", "문법 오류: '()' 뒤에 명령이 없습니다"),
    ("f() ;", "문법 오류: 예상치 못한 토큰 ';'"),
    ("echo $(a &&)", "문법 오류: 예상치 못한 토큰 ')'"),
    ("echo `a)`", "문법 오류: 예상치 못한 토큰 ')'"),
    ("a > ;", "문법 오류: 예상치 못한 토큰 ';'"),
    ("a > 2>x", "문법 오류: 예상치 못한 토큰 '2'"),
    ("a &&", "문법 오류: '&&' 뒤에 명령이 없습니다"),
    ("a ||\n\n", "문법 오류: '||' 뒤에 명령이 없습니다"),
    ("a |", "문법 오류: '|' 뒤에 명령이 없습니다"),
    ("a >", "문법 오류: 리디렉션 '>' 뒤에 파일 이름이 없습니다"),
    (
        "a 2>&",
        "문법 오류: 리디렉션 '>&' 뒤에 파일 이름이 없습니다",
    ),
    ("a >#f", "문법 오류: 리디렉션 '>' 뒤에 파일 이름이 없습니다"),
    ("echo ${}", "잘못된 변수 치환입니다: ${}"),
    ("echo ${a b}", "잘못된 변수 치환입니다: ${a b}"),
    ("echo ${X:1}", "지원하지 않는 문법입니다: ${X:1}"),
    ("echo ${X/a/b}", "지원하지 않는 문법입니다: ${X/a/b}"),
    ("echo ${X!}", "잘못된 변수 치환입니다: ${X!}"),
    ("echo ${X:}", "괄호가 닫히지 않았습니다: ${"),
    ("echo ${X:-a", "괄호가 닫히지 않았습니다: ${"),
    (
        "while true; do sleep 1",
        "문법 오류: 'while'을(를) 닫는 'done'이(가) 없습니다",
    ),
    (
        "until false; do sleep 1\n",
        "문법 오류: 'until'을(를) 닫는 'done'이(가) 없습니다",
    ),
    (
        "if true; then echo",
        "문법 오류: 'if'을(를) 닫는 'fi'이(가) 없습니다",
    ),
    (
        "if true",
        "문법 오류: 'if'을(를) 닫는 'then'이(가) 없습니다",
    ),
    (
        "if a; then b; elif c",
        "문법 오류: 'elif'을(를) 닫는 'then'이(가) 없습니다",
    ),
    (
        "if a; then b; else c",
        "문법 오류: 'else'을(를) 닫는 'fi'이(가) 없습니다",
    ),
    ("{ echo a }", "문법 오류: '{'을(를) 닫는 '}'이(가) 없습니다"),
    (
        "for i in a b",
        "문법 오류: 'for'을(를) 닫는 'done'이(가) 없습니다",
    ),
    ("for i", "문법 오류: 'for'을(를) 닫는 'done'이(가) 없습니다"),
    ("for", "문법 오류: 예상치 못한 토큰 'newline'"),
    (
        "for 1 in a; do b; done",
        "문법 오류: '1'은(는) 올바른 변수 이름이 아닙니다",
    ),
    (
        "for \"i\" in a; do b; done",
        "문법 오류: ''i''은(는) 올바른 변수 이름이 아닙니다",
    ),
    (
        "for i in a b do echo; done",
        "문법 오류: 예상치 못한 토큰 'done'",
    ),
    (
        "for i in a | b; do c; done",
        "문법 오류: 예상치 못한 토큰 '|'",
    ),
    ("while true; do done", "문법 오류: 예상치 못한 토큰 'done'"),
    ("if true; then fi", "문법 오류: 예상치 못한 토큰 'fi'"),
    ("{ }", "문법 오류: 예상치 못한 토큰 '}'"),
    ("done", "문법 오류: 예상치 못한 토큰 'done'"),
    ("echo a; }", "문법 오류: 예상치 못한 토큰 '}'"),
    ("then x", "문법 오류: 예상치 못한 토큰 'then'"),
    ("in x", "문법 오류: 예상치 못한 토큰 'in'"),
    (
        "if true && then x; fi",
        "문법 오류: 예상치 못한 토큰 'then'",
    ),
    (
        "while false; do :; done x",
        "문법 오류: 예상치 못한 토큰 'x'",
    ),
    ("{ a; } 2", "문법 오류: 예상치 못한 토큰 '2'"),
    ("echo $(while a; do b)", "문법 오류: 예상치 못한 토큰 ')'"),
    ("case a", "문법 오류: 'case'을(를) 닫는 'in'이(가) 없습니다"),
    (
        "case a b in esac",
        "문법 오류: 여기에는 'in'이(가) 와야 합니다",
    ),
    (
        "case a in",
        "문법 오류: 'case'을(를) 닫는 ')'이(가) 없습니다",
    ),
    (
        "case a in a echo;; esac",
        "문법 오류: 여기에는 ')'이(가) 와야 합니다",
    ),
    (
        "case a in a|) b;; esac",
        "문법 오류: 여기에는 ')'이(가) 와야 합니다",
    ),
    (
        "case a in a) echo",
        "문법 오류: 'case'을(를) 닫는 ';;'이(가) 없습니다",
    ),
    ("case a in a) b;& esac", "문법 오류: 예상치 못한 토큰 '&'"),
    ("echo $((1) + 2))", "문법 오류: 예상치 못한 토큰 ')'"),
    ("echo $((1+2)", "괄호가 닫히지 않았습니다: $(("),
    ("echo $((1+2", "괄호가 닫히지 않았습니다: $(("),
    (
        "cat <<EOF\nbody",
        "문법 오류: 히어 문서를 끝내는 'EOF' 줄이 없습니다",
    ),
    (
        "cat <<",
        "문법 오류: 리디렉션 '<<' 뒤에 파일 이름이 없습니다",
    ),
];

#[test]
fn errors_in_korean() {
    for (line, message) in ERRORS {
        match parse(line) {
            Ok(script) => panic!("{line:?} parsed as {script}"),
            Err(e) => assert_eq!(e.to_string(), *message, "{line:?}"),
        }
    }
}

#[test]
fn limits_fail_fast() {
    let long = "a".repeat(MAX_LINE_BYTES + 1);
    assert_eq!(parse(&long), Err(ParseError::TooLong));
    assert_eq!(
        ParseError::TooLong.to_string(),
        "줄이 너무 깁니다 (최대 1048576바이트)"
    );

    let nest = |n: usize| format!("{}x{}", "$(echo ".repeat(n), ")".repeat(n));
    assert!(parse(&nest(MAX_NESTING)).is_ok());
    assert_eq!(parse(&nest(MAX_NESTING + 1)), Err(ParseError::TooDeep));
    assert_eq!(
        ParseError::TooDeep.to_string(),
        "$(...)가 너무 깊게 중첩되었습니다 (최대 32단계)"
    );
    let hostile = "$(".repeat(MAX_LINE_BYTES / 2);
    assert_eq!(parse(&hostile), Err(ParseError::TooDeep));
    let quoted = "\"$(".repeat(MAX_LINE_BYTES / 3);
    assert_eq!(parse(&quoted), Err(ParseError::TooDeep));

    // Backticks count like `$(`; nesting them needs exponential escaping, so mix both.
    let ticks = format!(
        "{}`echo x`{}",
        "$(echo ".repeat(MAX_NESTING),
        ")".repeat(MAX_NESTING)
    );
    assert_eq!(parse(&ticks), Err(ParseError::TooDeep));
    assert!(parse("$(echo `echo \\`x\\``)").is_ok());

    assert_eq!(
        parse(&"a ".repeat(MAX_WORDS + 1)),
        Err(ParseError::TooManyWords)
    );
    assert_eq!(
        parse(&"a;".repeat(MAX_COMMANDS + 1)),
        Err(ParseError::TooManyCommands)
    );
    assert!(parse(&"a;".repeat(MAX_COMMANDS)).is_ok());

    // Compound commands share the nesting cap, with their own message.
    let groups = |n: usize| format!("{}a{}", "{ ".repeat(n), "; }".repeat(n));
    assert!(parse(&groups(MAX_NESTING)).is_ok());
    assert_eq!(parse(&groups(MAX_NESTING + 1)), Err(ParseError::TooNested));
    assert_eq!(
        ParseError::TooNested.to_string(),
        "if, while, for, { } 같은 복합 명령이 너무 깊게 중첩되었습니다 (최대 32단계)"
    );
    let loops = |n: usize| format!("{}a{}", "while a; do ".repeat(n), "; done".repeat(n));
    assert!(parse(&loops(MAX_NESTING)).is_ok());
    assert_eq!(parse(&loops(MAX_NESTING + 1)), Err(ParseError::TooNested));
    assert_eq!(
        parse(&"if ".repeat(MAX_LINE_BYTES / 3)),
        Err(ParseError::TooNested)
    );
    // `$((` counts like `$(`.
    let arith = |n: usize| format!("echo {}1{}", "$((".repeat(n), "))".repeat(n));
    assert!(parse(&arith(MAX_NESTING)).is_ok());
    assert_eq!(parse(&arith(MAX_NESTING + 1)), Err(ParseError::TooDeep));
    // Each compound command counts as a command.
    assert_eq!(
        parse(&"{ a; };".repeat(MAX_COMMANDS / 2 + 1)),
        Err(ParseError::TooManyCommands)
    );
}

#[test]
fn compound_tree_shapes() {
    let script = parse("! while a; do b; done >log").unwrap();
    let p = &script.items[0].pipeline;
    assert!(p.negated);
    // The placeholder lets executors without compound support name the keyword.
    assert_eq!(p.commands[0].words, [Word::literal("while")]);
    let c = p.compound.as_ref().unwrap();
    assert_eq!(c.kind.keyword(), "while");
    assert_eq!(c.redirects[0].op, RedirectOp::Write);
    let Compound::Loop {
        until,
        condition,
        body,
    } = &c.kind
    else {
        panic!("{c:?}")
    };
    assert!(!until);
    assert_eq!(condition.to_string(), "a");
    assert_eq!(body.to_string(), "b");

    let script = parse("for x; do :; done").unwrap();
    let kind = &script.items[0].pipeline.compound.as_ref().unwrap().kind;
    assert!(matches!(kind, Compound::For { words: None, name, .. } if name == "x"));
    let word = |line: &str| parse(line).unwrap().items[0].pipeline.commands[0].words[1].clone();
    assert!(matches!(
        &word("echo $((1+$X))").parts[..],
        [WordPart::Arith { quoted: false, expr }] if expr.parts.len() == 2
    ));
}

#[test]
fn compound_commands_in_pipes() {
    let script =
        parse("for i in a b; do echo $i; done | sort -r | { read x; echo $x; } > f").unwrap();
    let p = &script.items[0].pipeline;
    assert!(p.compound.is_none());
    assert_eq!(p.commands.len(), 3);
    assert_eq!(p.commands[0].words, [Word::literal("for")]);
    assert_eq!(p.commands[2].words, [Word::literal("{")]);
    assert_eq!(p.piped.len(), 2);
    assert_eq!(p.piped_compound(0).map(|c| c.kind.keyword()), Some("for"));
    assert!(p.piped_compound(1).is_none());
    let group = p.piped_compound(2).unwrap();
    assert_eq!(group.kind.keyword(), "{");
    assert_eq!(group.redirects[0].op, RedirectOp::Write);
    // It renders back to text that parses to the same tree.
    let text = script.to_string();
    assert_eq!(
        text,
        "for i in a b; do echo $i; done | sort -r | { read x; echo $x; } 1>f"
    );
    assert_eq!(parse(&text).unwrap(), script);
    let script = parse("! echo a | while read l; do echo $l; done").unwrap();
    let p = &script.items[0].pipeline;
    assert!(p.negated && p.compound.is_none());
    assert_eq!(p.piped_compound(1).map(|c| c.kind.keyword()), Some("while"));
}

/// (expression, value) — checked against BusyBox 1.35 ash and bash 5.2.
const ARITH: &[(&str, i64)] = &[
    ("", 0),
    ("  ", 0),
    ("1 + 2 * 3", 7),
    ("(1 + 2) * 3", 9),
    ("7 / 2", 3),
    ("-7 / 2", -3),
    ("-5 % 3", -2),
    ("2 ** 10", 1024),
    ("2 ** 3 ** 2", 512),
    ("1 << 3 | 1", 9),
    ("~0", -1),
    ("!5", 0),
    ("1 < 2 < 3", 1),
    ("3 > 2 ? 10 : 20", 10),
    ("0 ? 1 : 0 ? 2 : 3", 3),
    ("1 && 0 || 1", 1),
    ("0x10 + 010 + 2#101", 29),
    ("36#z", 35),
    ("9223372036854775807 + 1", i64::MIN),
    ("9223372036854775808", i64::MIN),
    ("(-9223372036854775807 - 1) / -1", i64::MIN),
    ("X", 4),
    ("X * 2", 8),
    ("EXPR", 3),
    ("NEG + 1", -4),
    ("UNSET + 1", 1),
    ("EMPTY + 1", 1),
    ("WORD + 1", 1),
    ("1, 2, 3", 3),
];

/// Variables for [`ARITH`] and the assignment tests.
struct ArithVars(HashMap<String, String>);

impl Expander for ArithVars {
    fn var(&self, name: &str) -> Option<String> {
        self.0.get(name).cloned()
    }
    fn last_status(&self) -> i32 {
        0
    }
    fn command_output(&mut self, _: &Script) -> String {
        String::new()
    }
    fn assign(&mut self, name: &str, value: &str) {
        self.0.insert(name.to_owned(), value.to_owned());
    }
}

fn arith_vars() -> ArithVars {
    let vars = [
        ("X", " 4 "),
        ("EXPR", "1 + 2"),
        ("NEG", "-5"),
        ("EMPTY", ""),
        ("WORD", "abc"),
        ("LOOP", "LOOP2"),
        ("LOOP2", "LOOP"),
    ];
    ArithVars(
        vars.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    )
}

#[test]
fn arithmetic_like_ash() {
    for (expr, value) in ARITH {
        assert_eq!(eval_arith(expr, &mut arith_vars()), Ok(*value), "{expr:?}");
    }
    let errors = [
        ("1 +", ArithError::Syntax),
        ("08", ArithError::Syntax),
        ("1e3", ArithError::Syntax),
        ("\"1\" + 2", ArithError::Syntax),
        ("(1", ArithError::Syntax),
        ("1 ? 2", ArithError::Syntax),
        ("1 / 0", ArithError::DivideByZero),
        ("5 % 0", ArithError::DivideByZero),
        ("2 ** -1", ArithError::NegativeExponent),
        ("LOOP", ArithError::Recursion),
        ("3 = 4", ArithError::Syntax),
        ("++1", ArithError::Syntax),
    ];
    for (expr, error) in errors {
        assert_eq!(eval_arith(expr, &mut arith_vars()), Err(error), "{expr:?}");
    }
    assert_eq!(ArithError::DivideByZero.ash_message(), "divide by zero");
    assert!(ArithError::Syntax.to_string().contains("문법"));

    // Assignments, and no side effects in the branch not taken.
    let mut vars = arith_vars();
    assert_eq!(eval_arith("i = 0, i++ + ++i", &mut vars), Ok(2));
    assert_eq!(vars.0["i"], "2");
    assert_eq!(eval_arith("i += 5, i <<= 1, i", &mut vars), Ok(14));
    assert_eq!(
        eval_arith("0 && (j = 1), 1 || (j = 2), 1 ? 3 : (j = 4)", &mut vars),
        Ok(3)
    );
    assert!(!vars.0.contains_key("j"));
    assert_eq!(eval_arith("0 && 1 / 0", &mut vars), Ok(0));

    // Hostile nesting fails instead of overflowing the stack.
    let deep = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
    assert_eq!(eval_arith(&deep, &mut vars), Err(ArithError::Syntax));
    assert_eq!(
        eval_arith(&"-".repeat(100_000), &mut vars),
        Err(ArithError::Syntax)
    );
    assert_eq!(
        eval_arith(&"2**".repeat(100_000), &mut vars),
        Err(ArithError::Syntax)
    );
}

/// `"$@"` gives one field per positional parameter (none when there are none).
#[test]
fn quoted_at_splits_into_parameters() {
    struct Params(Vec<String>);
    impl Expander for Params {
        fn var(&self, name: &str) -> Option<String> {
            (name == "@").then(|| self.0.join(" "))
        }
        fn last_status(&self) -> i32 {
            0
        }
        fn command_output(&mut self, _: &Script) -> String {
            String::new()
        }
        fn positional(&self) -> Option<Vec<String>> {
            Some(self.0.clone())
        }
    }
    let words = |line: &str| {
        parse(line).unwrap().items[0].pipeline.commands[0]
            .words
            .clone()
    };
    let mut p = Params(vec!["a b".into(), "c".into()]);
    assert_eq!(
        expand_words(&words("x \"$@\" $@"), &mut p),
        ["x", "a b", "c", "a", "b", "c"]
    );
    assert_eq!(
        expand_words(&words("x \"1$@2\""), &mut p),
        ["x", "1a b", "c2"]
    );
    let mut none = Params(vec![]);
    assert_eq!(expand_words(&words("x \"$@\""), &mut none), ["x"]);
    assert_eq!(expand_word(&words("x \"$@\"")[1], &mut p), "a b c");
}

#[test]
fn run_script_applies_negation() {
    let script = parse("! a; ! b").unwrap();
    let mut statuses = vec![0, 7];
    let flow = run_script(&script, 0, &mut |_| {
        ControlFlow::Continue(statuses.remove(0))
    });
    assert_eq!(flow, ControlFlow::Continue(0));
    let flow = run_script(&parse("! a").unwrap(), 0, &mut |_| ControlFlow::Continue(0));
    assert_eq!(flow, ControlFlow::Continue(1));
}

/// Records what expansion asked for, to check order and newline stripping.
struct Recorder {
    outputs: Vec<&'static str>,
    calls: Vec<String>,
}

impl Expander for Recorder {
    fn var(&self, name: &str) -> Option<String> {
        (name == "V").then(|| "v1 v2".to_owned())
    }

    fn last_status(&self) -> i32 {
        42
    }

    fn command_output(&mut self, script: &Script) -> String {
        self.calls.push(script.to_string());
        self.outputs.remove(0).to_owned()
    }
}

#[test]
fn expansion_helpers() {
    let mut ex = Recorder {
        outputs: vec!["one\n\n", " two \n", "x\r\n"],
        calls: vec![],
    };
    let cmd = parse("c $(first) \"$(second)\" `third` $?").unwrap().items[0]
        .pipeline
        .commands[0]
        .clone();
    assert_eq!(
        expand_words(&cmd.words, &mut ex),
        ["c", "one", " two ", "x\r", "42"]
    );
    assert_eq!(ex.calls, ["first", "second", "third"]);

    let target = |line: &str| {
        parse(line).unwrap().items[0].pipeline.commands[0].redirects[0]
            .target
            .clone()
    };
    let mut ex = Recorder {
        outputs: vec![],
        calls: vec![],
    };
    assert_eq!(
        expand_redirect_target(&target("a > \"$V\""), &mut ex),
        Ok("v1 v2".to_owned())
    );
    assert_eq!(
        expand_redirect_target(&target("a > $V"), &mut ex)
            .unwrap_err()
            .to_string(),
        "$V: 리디렉션 대상이 모호합니다"
    );
    assert!(expand_redirect_target(&target("a > $NONE"), &mut ex).is_err());
    assert_eq!(
        expand_word(
            &parse("A=$V").unwrap().items[0].pipeline.commands[0].assignments[0].value,
            &mut ex
        ),
        "v1 v2"
    );
    assert_eq!(expand_word_fields(&Word::literal("~"), &mut ex), ["~"]);
}

#[test]
fn run_script_stops_on_break() {
    let script = parse("a; b && c; d").unwrap();
    let mut seen = vec![];
    let flow = run_script(&script, 5, &mut |p| {
        let name = p.commands[0].words[0].as_literal().unwrap();
        seen.push(name.clone());
        if name == "c" {
            ControlFlow::Break(9)
        } else {
            ControlFlow::Continue(0)
        }
    });
    assert_eq!(flow, ControlFlow::Break(9));
    assert_eq!(seen, ["a", "b", "c"]);
    assert_eq!(
        run_script(&parse("").unwrap(), 5, &mut |_| ControlFlow::Continue(0)),
        ControlFlow::Continue(5)
    );
}
