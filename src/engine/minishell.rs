//! The shell inside a container (`sh -c '…'` and the `/ # ` prompt): the shared lexer over
//! the simulated programs and the container's own file system.

use super::fs::{normalize, Node};
use super::program::{resolve, run_program, Chunk, Lifetime, ProcessEnv, Stream};
use crate::lexer::{
    expand_redirect_target, expand_word, expand_words, parse, run_script as run_list, Expander,
    Pipeline, RedirectOp, Script,
};
use std::collections::HashMap;
use std::ops::ControlFlow;
use std::time::Duration;

/// What running shell text produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShellRun {
    /// Output, each chunk at its offset from the start.
    pub output: Vec<Chunk>,
    /// Exit status of the last command.
    pub code: i32,
    /// Time taken; `None` if a command never ends (a server started in the foreground).
    pub elapsed: Option<Duration>,
    /// Whether the text ran `exit` (the shell ends).
    pub exited: bool,
}

struct Shell<'e, 'a> {
    env: &'e mut ProcessEnv<'a>,
    cwd: String,
    vars: HashMap<String, String>,
    status: i32,
    elapsed: Duration,
    forever: bool,
    output: Vec<Chunk>,
    depth: usize,
}

impl Expander for Shell<'_, '_> {
    fn var(&self, name: &str) -> Option<String> {
        if name == "PWD" {
            return Some(self.cwd.clone());
        }
        // `$0` is the shell's own argv[0]: `sh -c 'echo $0'` prints `sh`, and `/bin/sh`
        // when started by that path.
        if name == "0" {
            return self.env.argv.first().cloned();
        }
        self.vars.get(name).cloned().or_else(|| {
            self.env.env.iter().find_map(|kv| {
                kv.split_once('=')
                    .filter(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            })
        })
    }

    fn last_status(&self) -> i32 {
        self.status
    }

    fn command_output(&mut self, script: &Script) -> String {
        if self.depth > 16 {
            return String::new();
        }
        let saved = std::mem::take(&mut self.output);
        self.depth += 1;
        let _ = self.run(script);
        self.depth -= 1;
        let produced = std::mem::replace(&mut self.output, saved);
        let mut stdout = String::new();
        for chunk in produced {
            match chunk.stream {
                Stream::Stdout => stdout.push_str(&chunk.text),
                Stream::Stderr => self.output.push(chunk),
            }
        }
        stdout
    }
}

impl Shell<'_, '_> {
    fn say(&mut self, stream: Stream, text: String) {
        self.output.push(Chunk {
            at: self.elapsed,
            stream,
            text,
        });
    }

    fn run(&mut self, script: &Script) -> ControlFlow<i32, i32> {
        let status = self.status;
        let mut exec = |p: &Pipeline| self.pipeline(p);
        run_list(script, status, &mut exec)
    }

    fn pipeline(&mut self, p: &Pipeline) -> ControlFlow<i32, i32> {
        if self.forever {
            return ControlFlow::Break(self.status);
        }
        if p.commands.len() > 1 || p.background {
            self.say(
                Stream::Stderr,
                "sh: dockersim does not emulate pipes or background jobs\n".to_string(),
            );
            self.status = 2;
            return ControlFlow::Continue(2);
        }
        let Some(cmd) = p.commands.first() else {
            return ControlFlow::Continue(self.status);
        };
        let argv = expand_words(&cmd.words, self);
        if argv.is_empty() {
            for a in &cmd.assignments {
                let value = expand_word(&a.value, self);
                self.vars.insert(a.name.clone(), value);
            }
            self.status = 0;
            return ControlFlow::Continue(0);
        }
        // Where stdout and stderr go: the terminal, a file, or nowhere.
        let mut stdout_file: Option<(String, bool)> = None;
        let mut stderr_to_stdout = false;
        let mut stderr_null = false;
        let mut stdout_to_stderr = false;
        for r in &cmd.redirects {
            let target = match expand_redirect_target(&r.target, self) {
                Ok(t) => t,
                Err(e) => {
                    self.say(Stream::Stderr, format!("sh: {e}\n"));
                    self.status = 1;
                    return ControlFlow::Continue(1);
                }
            };
            match (r.fd, r.op) {
                (1, RedirectOp::Write) | (1, RedirectOp::Append) => {
                    stdout_file = Some((target, r.op == RedirectOp::Append));
                }
                (2, RedirectOp::DupWrite) if target == "1" => stderr_to_stdout = true,
                (1, RedirectOp::DupWrite) if target == "2" => stdout_to_stderr = true,
                (2, RedirectOp::Write) if target == "/dev/null" => stderr_null = true,
                (_, RedirectOp::WriteBoth) => {
                    stdout_file = Some((target, false));
                    stderr_to_stdout = true;
                }
                _ => {
                    self.say(
                        Stream::Stderr,
                        format!("sh: redirection {} is not emulated\n", r.op.as_str()),
                    );
                    self.status = 1;
                    return ControlFlow::Continue(1);
                }
            }
        }
        let before = self.output.len();
        let flow = self.command(&argv);
        // Apply the redirections to what the command printed.
        let produced: Vec<Chunk> = self.output.drain(before..).collect();
        let mut to_file = String::new();
        for mut chunk in produced {
            if chunk.stream == Stream::Stderr && stderr_null {
                continue;
            }
            if chunk.stream == Stream::Stderr && stderr_to_stdout {
                chunk.stream = Stream::Stdout;
            }
            if chunk.stream == Stream::Stdout && stdout_to_stderr {
                chunk.stream = Stream::Stderr;
                self.output.push(chunk);
                continue;
            }
            if chunk.stream == Stream::Stdout && stdout_file.is_some() {
                to_file.push_str(&chunk.text);
            } else {
                self.output.push(chunk);
            }
        }
        if let Some((target, append)) = stdout_file {
            if target != "/dev/null" {
                let path = normalize(&self.cwd, &target);
                let parent = normalize(&path, "..");
                if !self.env.fs.is_dir(&parent) || self.env.fs.is_dir(&path) {
                    self.say(
                        Stream::Stderr,
                        format!("sh: can't create {target}: nonexistent directory\n"),
                    );
                    self.status = 1;
                    return ControlFlow::Continue(1);
                }
                let mut content = match (append, self.env.fs.get(&path)) {
                    (true, Some(Node::File(old))) => old,
                    _ => String::new(),
                };
                content.push_str(&to_file);
                self.env.fs.put(&path, Node::File(content));
            }
        }
        flow
    }

    fn command(&mut self, argv: &[String]) -> ControlFlow<i32, i32> {
        let name = argv[0].as_str();
        let code = match name {
            "exit" => {
                let code = argv
                    .get(1)
                    .and_then(|c| c.parse::<i64>().ok())
                    .map_or(self.status, |c| (c & 0xff) as i32);
                self.status = code;
                return ControlFlow::Break(code);
            }
            "cd" => {
                let target = argv
                    .get(1)
                    .cloned()
                    .unwrap_or_else(|| self.var("HOME").unwrap_or_else(|| "/".to_string()));
                let path = normalize(&self.cwd, &target);
                if self.env.fs.is_dir(&path) {
                    self.cwd = path;
                    0
                } else {
                    self.say(
                        Stream::Stderr,
                        format!("sh: cd: can't cd to {target}: No such file or directory\n"),
                    );
                    2
                }
            }
            "pwd" => {
                let text = format!("{}\n", self.cwd);
                self.say(Stream::Stdout, text);
                0
            }
            "export" => {
                for kv in &argv[1..] {
                    if let Some((k, v)) = kv.split_once('=') {
                        self.vars.insert(k.to_string(), v.to_string());
                    }
                }
                0
            }
            _ => self.external(argv),
        };
        self.status = code;
        ControlFlow::Continue(code)
    }

    fn external(&mut self, argv: &[String]) -> i32 {
        let env_list: Vec<String> = {
            let mut list: Vec<String> = self.env.env.to_vec();
            for (k, v) in &self.vars {
                list.retain(|kv| kv.split_once('=').map(|(key, _)| key) != Some(k.as_str()));
                list.push(format!("{k}={v}"));
            }
            list
        };
        let program = match resolve(self.env.fs, &env_list, &self.cwd, &argv[0]) {
            Ok((_, program)) => program,
            Err(_) => {
                self.say(Stream::Stderr, format!("sh: {}: not found\n", argv[0]));
                return 127;
            }
        };
        let cwd = self.cwd.clone();
        let mut inner = ProcessEnv {
            argv,
            env: &env_list,
            hostname: self.env.hostname,
            cwd: &cwd,
            fs: self.env.fs,
            tty: self.env.tty,
            stdin_open: false,
            pid1: false,
            now: self.env.now,
            pid1_command: self.env.pid1_command,
        };
        let spawned = run_program(&program, &mut inner);
        for chunk in spawned.output {
            self.output.push(Chunk {
                at: self.elapsed + chunk.at,
                stream: chunk.stream,
                text: chunk.text,
            });
        }
        match spawned.lifetime {
            Lifetime::Exits { code, after } => {
                self.elapsed += after;
                code
            }
            Lifetime::Forever => {
                self.forever = true;
                0
            }
        }
    }
}

/// Runs shell text in a container, starting in `cwd` (updated by `cd`).
pub fn run_in(
    text: &str,
    env: &mut ProcessEnv<'_>,
    cwd: &mut String,
    last_status: i32,
) -> ShellRun {
    let script = match parse(text) {
        Ok(s) => s,
        Err(e) => {
            return ShellRun {
                output: vec![Chunk {
                    at: Duration::ZERO,
                    stream: Stream::Stderr,
                    text: format!("sh: {e}\n"),
                }],
                code: 2,
                elapsed: Some(Duration::ZERO),
                exited: false,
            }
        }
    };
    let mut shell = Shell {
        env,
        cwd: cwd.clone(),
        vars: HashMap::new(),
        status: last_status,
        elapsed: Duration::ZERO,
        forever: false,
        output: Vec::new(),
        depth: 0,
    };
    let flow = shell.run(&script);
    *cwd = shell.cwd.clone();
    let (code, exited) = match flow {
        ControlFlow::Continue(c) => (c, false),
        ControlFlow::Break(c) => (c, !shell.forever),
    };
    ShellRun {
        output: shell.output,
        code,
        elapsed: if shell.forever {
            None
        } else {
            Some(shell.elapsed)
        },
        exited,
    }
}

/// `sh -c SCRIPT`: output, exit code and run time (`None` = runs forever).
pub fn run_script(script: &str, env: &mut ProcessEnv<'_>) -> (Vec<Chunk>, i32, Option<Duration>) {
    let mut cwd = env.cwd.to_string();
    let run = run_in(script, env, &mut cwd, 0);
    (run.output, run.code, run.elapsed)
}

#[cfg(test)]
mod tests {
    use crate::engine::containers::CreateSpec;
    use crate::engine::Engine;

    fn output_of(cmd: &[&str]) -> String {
        let mut engine = Engine::scripted(1);
        let image_id = engine.preload("alpine").unwrap();
        let id = engine
            .create(CreateSpec {
                image_ref: "alpine".into(),
                image_id,
                cmd: Some(cmd.iter().map(|s| s.to_string()).collect()),
                ..Default::default()
            })
            .unwrap();
        engine.start(&id).unwrap();
        engine.wait_exit(&id);
        engine
            .logs(&id)
            .unwrap()
            .iter()
            .map(|l| l.text.clone())
            .collect()
    }

    #[test]
    fn dollar_zero_is_the_shells_argv0() {
        assert_eq!(output_of(&["sh", "-c", "echo $0"]), "sh\n");
        assert_eq!(output_of(&["/bin/sh", "-c", "echo $0"]), "/bin/sh\n");
    }
}
