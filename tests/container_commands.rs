//! `docker wait`, `port`, `top`, `diff`, `commit`, `cp` and `attach` through a session, as a
//! learner types them. Expected texts come from the real 28.2.2 client (run against a real
//! engine here, see tests/differential/scenarios/67-* and 68-*) and docker/cli's source.

use dockersim::engine::Engine;
use dockersim::shell::Session;

fn session(setup: &[&str]) -> Session {
    let mut session = Session::new(Engine::scripted(0));
    for line in setup {
        let mut ask = |_: &str| None;
        let r = session.run_line(line, &mut ask);
        assert!(
            r.output.exit_code == 0,
            "setup `{line}` failed: {}",
            r.output.merged()
        );
    }
    session
}

/// (stdout, stderr, exit code) of one line.
fn line(session: &mut Session, text: &str) -> (String, String, i32) {
    let mut ask = |_: &str| None;
    let r = session.run_line(text, &mut ask);
    (r.output.stdout(), r.output.stderr(), r.output.exit_code)
}

fn ok(out: &str) -> (String, String, i32) {
    (out.to_string(), String::new(), 0)
}

fn err(text: &str, code: i32) -> (String, String, i32) {
    (String::new(), text.to_string(), code)
}

const PULL: &[&str] = &["docker pull -q alpine", "docker pull -q nginx"];

fn with_pull(lines: &[&'static str]) -> Vec<&'static str> {
    PULL.iter().chain(lines).copied().collect()
}

#[test]
fn wait_prints_codes_in_order_and_errors_at_the_end() {
    let mut s = session(&with_pull(&[
        "docker run -d --name w1 alpine sh -c 'sleep 2; exit 3'",
        "docker run -d --name w2 alpine true",
    ]));
    assert_eq!(
        line(&mut s, "docker wait nope w1 w2 \"\""),
        (
            "3\n0\n".to_string(),
            "Error response from daemon: No such container: nope\ninvalid container name or ID: value is empty\n"
                .to_string(),
            1
        )
    );
    assert_eq!(line(&mut s, "docker container wait w1"), ok("3\n"));
}

#[test]
fn wait_on_a_container_that_runs_on_holds_the_terminal_until_it_stops() {
    let mut s = session(&with_pull(&[
        "docker run -d --name web nginx",
        "docker run -d --name done alpine sh -c 'exit 7'",
    ]));
    let (out, errs, _) = line(&mut s, "docker wait done web nope");
    assert_eq!((out.as_str(), errs.as_str()), ("7\n", ""));
    assert!(s.terminal().is_held(), "docker wait web holds the terminal");
    // Nothing of the container's own output shows while waiting.
    assert!(s.catch_up().merged().is_empty());
    s.switch_terminal(1);
    assert_eq!(line(&mut s, "docker stop web"), ok("web\n"));
    let caught = s.switch_terminal(0);
    assert_eq!(caught.stdout(), "0\n");
    assert_eq!(
        caught.stderr(),
        "Error response from daemon: No such container: nope\n"
    );
    assert_eq!(caught.exit_code, 1);
    assert!(!s.terminal().is_held());
    assert_eq!(s.last_status(), 1);
}

#[test]
fn ctrl_c_ends_a_wait_without_touching_the_container() {
    let mut s = session(&with_pull(&["docker run -d --name web nginx"]));
    line(&mut s, "docker wait web");
    assert!(s.terminal().is_held());
    let out = s.interrupt();
    assert_eq!((out.merged().as_str(), out.exit_code), ("^C\n", 130));
    assert!(!s.terminal().is_held());
    assert_eq!(
        line(&mut s, "docker ps --format '{{.Names}} {{.State}}'"),
        ok("web running\n")
    );
}

#[test]
fn port_lists_bindings_in_natural_order() {
    let mut s = session(&with_pull(&[
        "docker run -d --name web -p 8080:80 -p 127.0.0.1:8443:443/udp -p 9000:9000 nginx",
    ]));
    assert_eq!(
        line(&mut s, "docker port web"),
        ok("80/tcp -> 0.0.0.0:8080\n80/tcp -> [::]:8080\n443/udp -> 127.0.0.1:8443\n9000/tcp -> 0.0.0.0:9000\n9000/tcp -> [::]:9000\n")
    );
    assert_eq!(
        line(&mut s, "docker port web 80"),
        ok("0.0.0.0:8080\n[::]:8080\n")
    );
    assert_eq!(
        line(&mut s, "docker container port web 443/udp"),
        ok("127.0.0.1:8443\n")
    );
    assert_eq!(
        line(&mut s, "docker port web 443"),
        err("Error: No public port '443' published for web\n", 1)
    );
    assert_eq!(
        line(&mut s, "docker port web 81/tcp"),
        err("Error: No public port '81/tcp' published for web\n", 1)
    );
    assert_eq!(
        line(&mut s, "docker port web 99999"),
        err(
            "Error: invalid port (99999): strconv.ParseUint: parsing \"99999\": value out of range\n",
            1
        )
    );
    assert_eq!(
        line(&mut s, "docker port nope"),
        err("Error response from daemon: No such container: nope\n", 1)
    );
    // A stopped container has no ports set up.
    line(&mut s, "docker stop web");
    assert_eq!(line(&mut s, "docker port web"), ok(""));
    assert_eq!(
        line(&mut s, "docker port web 80"),
        err("Error: No public port '80' published for web\n", 1)
    );
}

#[test]
fn top_shows_pid_1_like_ps() {
    let mut s = session(&with_pull(&[
        "docker run -d --name sl alpine sleep 1000",
        "docker run -dit --name tt alpine",
    ]));
    let pid = |s: &Session, name: &str| s.engine.state().container_by_name(name).unwrap().state.pid;
    let (out, errs, code) = line(&mut s, "docker top sl");
    assert_eq!((errs.as_str(), code), ("", 0));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "UID                 PID                 PPID                C                   STIME               TTY                 TIME                CMD"
    );
    assert_eq!(lines.len(), 2);
    let cells: Vec<&str> = lines[1].split_whitespace().collect();
    assert_eq!(cells[0], "root");
    assert_eq!(cells[1], pid(&s, "sl").to_string());
    let ppid: u32 = cells[2].parse().unwrap();
    assert!(ppid < pid(&s, "sl") && ppid + 31 > pid(&s, "sl"));
    assert_eq!(
        &cells[3..],
        ["0", "00:00", "?", "00:00:00", "sleep", "1000"]
    );
    // The same state gives the same table.
    assert_eq!(line(&mut s, "docker container top sl").0, out);
    let tty_row = line(&mut s, "docker top tt").0;
    assert!(tty_row.contains(" pts/0 "), "{tty_row}");
    assert!(
        tty_row.ends_with("00:00:00            /bin/sh\n"),
        "{tty_row}"
    );
    line(&mut s, "docker stop sl");
    let id = s.engine.state().container_by_name("sl").unwrap().id.clone();
    assert_eq!(
        line(&mut s, "docker top sl"),
        err(
            &format!("Error response from daemon: container {id} is not running\n"),
            1
        )
    );
    assert_eq!(
        line(&mut s, "docker top tt aux").2,
        1,
        "ps options are not emulated"
    );
}

#[test]
fn diff_lists_changes_with_parent_folders() {
    let mut s = session(&with_pull(&[
        "docker run --name d1 alpine sh -c 'mkdir -p /tmp/a/b; echo hi > /tmp/a/b/x; rm /etc/group; echo >> /etc/passwd; echo y > /root/y; echo h > /etc/hostname'",
        "docker create --name fresh alpine",
    ]));
    assert_eq!(
        line(&mut s, "docker diff d1"),
        ok("C /etc\nD /etc/group\nC /etc/passwd\nC /root\nA /root/y\nC /tmp\nA /tmp/a\nA /tmp/a/b\nA /tmp/a/b/x\n")
    );
    assert_eq!(line(&mut s, "docker container diff fresh"), ok(""));
    assert_eq!(
        line(&mut s, "docker diff nope"),
        err("Error response from daemon: No such container: nope\n", 1)
    );
}

#[test]
fn commit_makes_an_image_that_runs_with_the_files() {
    let mut s = session(&with_pull(&[
        "docker run --name c1 -e GREETING=hi alpine sh -c 'echo hello > /srv.txt'",
    ]));
    let (out, errs, code) = line(&mut s, "docker commit -m 'a note' -a me c1 snap:v1");
    assert_eq!((errs.as_str(), code), ("", 0));
    let id = out.trim().strip_prefix("sha256:").unwrap().to_string();
    assert_eq!(id.len(), 64);
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));
    let (images, _, _) = line(&mut s, "docker images");
    let row = images.lines().nth(1).unwrap();
    assert!(
        row.starts_with(&format!(
            "snap         v1        {}   Less than a second ago   7.83MB",
            &id[..12]
        )),
        "{images}"
    );
    assert_eq!(
        line(&mut s, "docker run --rm snap:v1 cat /srv.txt"),
        ok("hello\n")
    );
    assert_eq!(
        line(
            &mut s,
            "docker image inspect -f '{{.Comment}}|{{.Author}}|{{.Config.Cmd}}' snap:v1"
        ),
        ok("a note|me|[sh -c echo hello > /srv.txt]\n")
    );
    assert_eq!(
        line(&mut s, "docker run --rm snap:v1 sh -c 'echo $GREETING'"),
        ok("hi\n")
    );
    // Without a name the image is dangling.
    let (out, _, _) = line(&mut s, "docker container commit c1");
    let dangling = out.trim().strip_prefix("sha256:").unwrap()[..12].to_string();
    let (images, _, _) = line(&mut s, "docker images");
    assert!(
        images.contains(&format!("<none>       <none>    {dangling}")),
        "{images}"
    );
    assert_eq!(
        line(&mut s, "docker commit c1 Bad"),
        err(
            "invalid reference format: repository name (library/Bad) must be lowercase\n",
            1
        )
    );
    assert_eq!(
        line(&mut s, "docker commit nope x"),
        err("Error response from daemon: No such container: nope\n", 1)
    );
    assert_eq!(line(&mut s, "docker commit -c 'ENV A=1' c1 x").2, 1);
}

#[test]
fn cp_copies_between_the_host_and_a_container() {
    let mut s = session(&with_pull(&[
        "docker run -d --name web alpine sleep 1000",
        "docker exec web sh -c 'mkdir -p /data/sub; echo one > /data/a.txt; echo two > /data/sub/b.txt'",
    ]));
    // The summary counts the tar stream: a header block, the text in blocks, two end blocks.
    assert_eq!(
        line(&mut s, "docker cp web:/data/a.txt ."),
        err("Successfully copied 2.05kB to /home/learner/.\n", 0)
    );
    assert_eq!(line(&mut s, "cat a.txt"), ok("one\n"));
    assert_eq!(
        line(&mut s, "docker cp web:/data copy"),
        err("Successfully copied 4.1kB to /home/learner/copy\n", 0)
    );
    assert_eq!(line(&mut s, "ls copy"), ok("a.txt\nsub\n"));
    assert_eq!(line(&mut s, "cat copy/sub/b.txt"), ok("two\n"));
    // Into an existing folder: the folder itself goes inside it; `/.` copies its contents.
    line(&mut s, "docker cp -q web:/data copy");
    assert_eq!(line(&mut s, "ls copy"), ok("a.txt\ndata\nsub\n"));
    // -q, or stdout not a terminal, and nothing is said.
    assert_eq!(line(&mut s, "docker cp -q web:/data/a.txt q.txt"), ok(""));
    assert_eq!(
        line(&mut s, "docker cp web:/data/a.txt r.txt > log.txt"),
        ok("")
    );
    assert_eq!(
        line(&mut s, "docker cp web:/nope ."),
        err(
            "Error response from daemon: Could not find the file /nope in container web\n",
            1
        )
    );
    assert_eq!(
        line(&mut s, "docker cp web:/data/a.txt ./nodir/"),
        err(
            "Successfully copied 0B to /home/learner/nodir/\nno such directory\n",
            1
        )
    );
    assert_eq!(
        line(&mut s, "docker cp web:/data ./a.txt"),
        err(
            "Successfully copied 0B to /home/learner/a.txt\ncannot copy directory\n",
            1
        )
    );
    assert_eq!(
        line(&mut s, "docker cp web:/data/a.txt ./sub/x"),
        err(
            "invalid output path: directory \"/home/learner/sub\" does not exist\n",
            1
        )
    );
    // Into the container.
    line(&mut s, "echo hello > notes.txt");
    assert_eq!(
        line(&mut s, "docker cp notes.txt web:/tmp/"),
        err("Successfully copied 2.05kB to web:/tmp/\n", 0)
    );
    assert_eq!(
        line(&mut s, "docker exec web cat /tmp/notes.txt"),
        ok("hello\n")
    );
    line(&mut s, "docker cp -q copy web:/copied");
    // An existing folder (alpine has /srv) takes the copy inside it.
    line(&mut s, "docker cp -q copy/sub web:/srv");
    assert_eq!(
        line(&mut s, "docker exec web ls /copied /srv/sub"),
        ok("/copied:\na.txt\ndata\nsub\n\n/srv/sub:\nb.txt\n")
    );
    assert_eq!(
        line(&mut s, "docker cp notes.txt web:/nonexist/file"),
        err("Successfully copied 2.05kB to web:/nonexist/file\nError response from daemon: Could not find the file /nonexist in container web\n", 1)
    );
    assert_eq!(
        line(&mut s, "docker cp -q notes.txt web:/nonexist/dir/"),
        err("no such directory\n", 1)
    );
    assert_eq!(
        line(&mut s, "docker cp nope.txt web:/tmp/"),
        err(
            "lstat /home/learner/nope.txt: no such file or directory\n",
            1
        )
    );
    assert_eq!(
        line(&mut s, "docker cp web:/a web:/b"),
        err("copying between containers is not supported\n", 1)
    );
    assert_eq!(
        line(&mut s, "docker cp a.txt b.txt"),
        err("must specify at least one container source\n", 1)
    );
    assert_eq!(
        line(&mut s, "docker container cp -q notes.txt nope:/tmp"),
        err("Error response from daemon: No such container: nope\n", 1)
    );
    // A copy is a change of the container: diff sees it.
    assert_eq!(
        line(&mut s, "docker diff web"),
        ok("A /copied\nA /copied/a.txt\nA /copied/data\nA /copied/data/a.txt\nA /copied/data/sub\nA /copied/data/sub/b.txt\nA /copied/sub\nA /copied/sub/b.txt\nA /data\nA /data/a.txt\nA /data/sub\nA /data/sub/b.txt\nC /srv\nA /srv/sub\nA /srv/sub/b.txt\nC /tmp\nA /tmp/notes.txt\n")
    );
}

#[test]
fn attach_holds_the_terminal_and_forwards_ctrl_c() {
    let mut s = session(&with_pull(&[
        "docker run -d --name a3 alpine sh -c 'echo before; sleep 2; echo done; exit 4'",
        "docker create --name fresh alpine",
        "docker run -d --name web nginx",
    ]));
    // Only what the container writes from now on shows; its exit code is the command's.
    assert_eq!(
        line(&mut s, "docker attach a3"),
        (String::from("done\n"), String::new(), 4)
    );
    assert_eq!(
        line(&mut s, "docker attach fresh"),
        err(
            "You cannot attach to a stopped container, start it first\n",
            1
        )
    );
    assert_eq!(
        line(&mut s, "docker container attach a3"),
        err(
            "You cannot attach to a stopped container, start it first\n",
            1
        )
    );
    assert_eq!(
        line(&mut s, "docker attach nope"),
        err("Error response from daemon: No such container: nope\n", 1)
    );
    line(&mut s, "docker pause web");
    assert_eq!(
        line(&mut s, "docker attach web"),
        err(
            "You cannot attach to a paused container, unpause it first\n",
            1
        )
    );
    line(&mut s, "docker unpause web");
    let (out, errs, _) = line(&mut s, "docker attach web");
    assert_eq!((out.as_str(), errs.as_str()), ("", ""));
    assert!(s.terminal().is_held());
    // Ctrl-C goes to nginx through docker's signal proxy: SIGINT ends it at once.
    let stopped = s.interrupt();
    assert!(stopped.merged().starts_with("^C"), "{}", stopped.merged());
    assert!(!s.terminal().is_held());
    assert_eq!(
        line(
            &mut s,
            "docker ps -a --filter name=web --format '{{.Status}}'"
        )
        .0,
        "Exited (0) Less than a second ago\n"
    );
}

#[test]
fn attach_to_a_detached_shell_reads_the_learners_lines() {
    let mut s = session(&with_pull(&["docker run -dit --name sh1 alpine"]));
    line(&mut s, "docker attach sh1");
    assert_eq!(s.prompt(), "/ # ");
    assert_eq!(line(&mut s, "echo hi"), ok("hi\n"));
    line(&mut s, "exit 3");
    assert_eq!(s.prompt(), "$ ");
    assert_eq!(line(&mut s, "echo $?"), ok("3\n"));
}
