//! Pipes at the host prompt: a docker command (or a builtin) on the left, the host's text
//! filters or `xargs` on the right, through the library (`Session::run_line`).
#![allow(clippy::unwrap_used)]

use dockersim::engine::Engine;
use dockersim::shell::{LineResult, Session};

fn run(s: &mut Session, line: &str) -> LineResult {
    let mut no = |_: &str| None;
    s.run_line(line, &mut no)
}

fn ok(s: &mut Session, line: &str) -> String {
    let r = run(s, line);
    assert_eq!(r.output.exit_code, 0, "`{line}`: {}", r.output.merged());
    r.output.stdout()
}

fn two_containers() -> Session {
    let mut s = Session::new(Engine::scripted(0));
    ok(&mut s, "docker run -d --name web nginx");
    ok(&mut s, "docker run --name done alpine true");
    s
}

#[test]
fn docker_output_goes_through_filters() {
    let mut s = two_containers();
    let web = ok(&mut s, "docker ps | grep nginx");
    assert_eq!(web.lines().count(), 1);
    assert!(
        web.contains("web") && !web.contains("CONTAINER ID"),
        "{web}"
    );
    assert_eq!(ok(&mut s, "docker ps -a | wc -l"), "3\n");
    assert_eq!(ok(&mut s, "docker ps -a | grep -c Exited"), "1\n");
    assert_eq!(
        ok(&mut s, "docker ps -a --format '{{.Names}}' | sort"),
        "done\nweb\n"
    );
    assert_eq!(
        ok(
            &mut s,
            "docker ps -a --format '{{.Names}}' | head -1 | tr a-z A-Z"
        ),
        "DONE\n"
    );
    // grep finding nothing is status 1, as on the host.
    let r = run(&mut s, "docker ps | grep nosuch");
    assert_eq!((r.output.stdout(), r.output.exit_code), (String::new(), 1));
    // stderr stays on the terminal unless 2>&1 sends it down the pipe.
    let r = run(&mut s, "docker logs nosuch | wc -l");
    assert_eq!(r.output.stdout(), "0\n");
    assert!(r.output.stderr().contains("No such container: nosuch"));
    assert_eq!(ok(&mut s, "docker logs nosuch 2>&1 | wc -l"), "1\n");
}

#[test]
fn xargs_runs_docker_with_the_words_it_reads() {
    let mut s = two_containers();
    let removed = ok(&mut s, "docker ps -aq | xargs docker rm -f");
    assert_eq!(removed.lines().count(), 2);
    assert_eq!(ok(&mut s, "docker ps -aq"), "");
    // With nothing to read, xargs still runs the command once, as GNU xargs does.
    // … and says 123 when it failed.
    let r = run(&mut s, "docker ps -aq | xargs docker rm");
    assert_eq!(r.output.exit_code, 123);
    assert!(r
        .output
        .stderr()
        .contains("'docker rm' requires at least 1 argument"));
}

#[test]
fn host_files_and_builtins_feed_filters_and_unknown_commands_are_refused() {
    let mut s = Session::new(Engine::scripted(0));
    ok(&mut s, "echo one > notes.txt");
    ok(&mut s, "echo two >> notes.txt");
    assert_eq!(ok(&mut s, "cat notes.txt | grep -n two"), "2:two\n");
    assert_eq!(ok(&mut s, "echo x | grep -c o notes.txt"), "2\n");
    // GNU wc's columns: 7 wide for a pipe, as wide as the files' total bytes otherwise.
    assert_eq!(
        ok(&mut s, "cat notes.txt | wc"),
        "      2       2       8\n"
    );
    assert_eq!(ok(&mut s, "echo | wc -lw notes.txt"), "2 2 notes.txt\n");
    let r = run(&mut s, "echo x | grep o nosuch.txt");
    assert_eq!(r.output.exit_code, 2);
    assert_eq!(
        r.output.stderr(),
        "grep: nosuch.txt: No such file or directory\n"
    );
    let r = run(&mut s, "docker ps | less");
    assert_eq!(r.output.exit_code, 127);
    assert!(r.output.stderr().starts_with("dockersim: "));
}

#[test]
fn host_parameter_operators_and_refused_syntax() {
    let mut s = Session::new(Engine::scripted(0));
    assert_eq!(ok(&mut s, "echo ${N:=5} $N"), "5 5\n");
    // bash prints the error and abandons the rest of the line.
    let r = run(&mut s, "echo ${NOPE:?gone}; echo never");
    assert_eq!(
        (r.output.stdout(), r.output.stderr(), r.output.exit_code),
        (String::new(), "bash: NOPE: gone\n".into(), 1)
    );
    for line in [
        "f() { echo x; }",
        "( echo sub )",
        "case a in a) echo;; esac",
        "cat <<EOF",
    ] {
        let r = run(&mut s, line);
        assert_eq!(r.output.exit_code, 2, "{line}");
        assert!(r.output.stderr().contains("컨테이너 안의 sh"), "{line}");
    }
}
