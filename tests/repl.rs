//! The interactive terminal through the library, with an injected clock: the narrator, the
//! board, terminals held by attached containers, a second terminal, Ctrl-C as docker's
//! signal proxy, container shells, piped input without a TTY, and completion.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use dockersim::engine::{Clock, Engine, VirtualClock, WaitReason};
use dockersim::shell::board::{self, Tone};
use dockersim::shell::repl::app::{App, Kind, Reply};
use dockersim::shell::repl::complete::{complete, Known};
use dockersim::shell::Session;
use std::sync::{Arc, Mutex};

/// A clock the test moves by hand. Like the REPL's real clock, it does not wait for an
/// attached container to exit: the terminal stays held while time passes outside.
#[derive(Clone)]
struct HandClock {
    now: Arc<Mutex<DateTime<Utc>>>,
}

impl HandClock {
    fn new() -> HandClock {
        HandClock {
            now: Arc::new(Mutex::new(
                Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).single().unwrap(),
            )),
        }
    }

    fn advance(&self, seconds: i64) {
        *self.now.lock().unwrap() += Duration::seconds(seconds);
    }
}

impl Clock for HandClock {
    fn now(&self) -> DateTime<Utc> {
        *self.now.lock().unwrap()
    }

    fn wait_until(&mut self, until: DateTime<Utc>, why: &WaitReason) {
        if matches!(why, WaitReason::UntilExit { .. }) {
            return;
        }
        let mut now = self.now.lock().unwrap();
        if until > *now {
            *now = until;
        }
    }
}

fn app_with(clock: Box<dyn Clock>) -> App {
    App::new(Session::new(Engine::new(clock, 0)), true)
}

/// An app on the virtual clock of script mode, narrator on.
fn app() -> App {
    app_with(Box::new(VirtualClock::script_start()))
}

/// An app on a hand-moved clock, and the clock.
fn live_app() -> (App, HandClock) {
    let clock = HandClock::new();
    (app_with(Box::new(clock.clone())), clock)
}

fn run(app: &mut App, line: &str) -> Reply {
    app.handle_line(line, &mut |_| None)
}

/// What a reply shows besides the narrator.
fn shown(reply: &Reply) -> String {
    reply
        .pieces
        .iter()
        .filter(|(k, _)| *k != Kind::Narration)
        .map(|(_, t)| t.as_str())
        .collect()
}

fn narration(reply: &Reply) -> String {
    reply
        .pieces
        .iter()
        .filter(|(k, _)| *k == Kind::Narration)
        .map(|(_, t)| t.as_str())
        .collect()
}

#[test]
fn the_narrator_tells_what_the_daemon_did_for_run() {
    let mut app = app();
    let first = narration(&run(&mut app, "docker run hello-world"));
    for expected in [
        "`docker run hello-world` 요청을 도커 서버(데몬)로 보냈습니다",
        "로컬 이미지 캐시에 hello-world:latest 이(가) 없습니다",
        "Docker Hub 에서 레이어 1개",
        "파일 스냅샷을 컨테이너의 하드 디스크로 올렸습니다",
        "네트워크, 메모리, CPU 같은 자원",
        "이미지에 정해진 시작 명령 `/hello`",
        "종료 코드 0 — 정상 종료",
    ] {
        assert!(first.contains(expected), "missing {expected:?} in\n{first}");
    }
    // The steps come in the order of the notes.
    let order: Vec<usize> = [
        "요청을",
        "캐시에",
        "레이어",
        "스냅샷",
        "자원",
        "시작 명령",
        "종료 코드",
    ]
    .iter()
    .map(|w| first.find(w).unwrap())
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{first}");

    let second = narration(&run(&mut app, "docker run hello-world"));
    assert!(second.contains("로컬 이미지 캐시에서 hello-world:latest 을(를) 찾았습니다"));
    assert!(!second.contains("레이어"), "{second}");

    let overridden = narration(&run(&mut app, "docker run alpine ls"));
    assert!(
        overridden.contains("시작 명령 대신 덧붙인 명령 `ls`"),
        "{overridden}"
    );

    let missing = narration(&run(&mut app, "docker run hello-world ls"));
    assert!(missing.contains("종료 코드는 127"), "{missing}");
    assert!(missing.contains("명령을 찾을 수 없었습니다"), "{missing}");
}

#[test]
fn the_narrator_tells_signals_and_exit_codes_of_stop_and_kill() {
    let mut app = app();
    run(&mut app, "docker run -d --name sleeper alpine sleep 1000");
    let stop = narration(&run(&mut app, "docker stop sleeper"));
    for expected in [
        "sleeper 의 PID 1 에 SIGTERM 신호를 보냈습니다",
        "PID 1 이 SIGTERM 을(를) 무시했습니다",
        "10초를 기다려도 끝나지 않아",
        "SIGKILL 을 보냈습니다",
        "종료 코드 137 — 128 + 9(SIGKILL)",
    ] {
        assert!(stop.contains(expected), "missing {expected:?} in\n{stop}");
    }
    run(&mut app, "docker run -d --name web nginx");
    let graceful = narration(&run(&mut app, "docker stop web"));
    assert!(graceful.contains("SIGQUIT 신호를 보냈습니다"), "{graceful}");
    assert!(!graceful.contains("무시"), "{graceful}");
    assert!(graceful.contains("종료 코드 0"), "{graceful}");

    run(&mut app, "docker run -d --name kk alpine sleep 1000");
    let kill = narration(&run(&mut app, "docker kill kk"));
    assert!(kill.contains("SIGKILL"), "{kill}");
    assert!(kill.contains("종료 코드 137"), "{kill}");
    // Reading commands change nothing, and help never reaches the server.
    assert!(narration(&run(&mut app, "docker ps")).contains("바뀐 것은 없습니다"));
    assert!(narration(&run(&mut app, "docker ps --help")).contains("서버에는 아무 요청도"));
}

#[test]
fn explain_off_keeps_quiet() {
    let mut app = app();
    let reply = run(&mut app, "explain off");
    assert!(reply.text().contains("해설을 끕니다"));
    assert!(narration(&run(&mut app, "docker run hello-world")).is_empty());
    run(&mut app, "explain on");
    assert!(!narration(&run(&mut app, "docker ps")).is_empty());
}

#[test]
fn a_sleep_container_holds_the_terminal_in_real_time_and_ignores_ctrl_c() {
    let (mut app, clock) = live_app();
    run(&mut app, "docker pull alpine");
    let reply = run(&mut app, "docker run alpine sleep 30");
    assert!(app.session.terminal().is_held(), "{}", reply.text());
    assert_eq!(app.prompt(), "", "a held terminal shows no prompt");
    // The start is told at once; the end when it comes.
    assert!(narration(&reply).contains("`sleep 30`"));
    assert!(!narration(&reply).contains("종료 코드"));

    // Ctrl-C goes to `sleep` as PID 1, which ignores it.
    let ctrl_c = app.interrupt();
    assert!(ctrl_c.text().starts_with("^C"));
    assert!(narration(&ctrl_c).contains("SIGINT 을(를) 무시했습니다"));
    assert!(app.session.terminal().is_held());

    clock.advance(10);
    let _ = app.tick();
    assert!(app.session.terminal().is_held(), "still running after 10 s");
    let ps = run(&mut app, "docker ps");
    assert!(ps.text().contains("실행 중인 컨테이너에 붙어 있습니다"));

    clock.advance(21);
    let end = app.tick();
    assert!(!app.session.terminal().is_held(), "exited after 30 s");
    assert!(narration(&end).contains("종료 코드 0"), "{}", end.text());
    assert_eq!(app.session.last_status(), 0);
    assert_eq!(app.prompt(), "$ ");
}

#[test]
fn status_grows_with_time() {
    let (mut app, clock) = live_app();
    run(&mut app, "docker run -d --name web nginx");
    clock.advance(3);
    assert!(run(&mut app, "docker ps").text().contains("Up 3 seconds"));
    clock.advance(60);
    assert!(run(&mut app, "docker ps")
        .text()
        .contains("Up About a minute"));
}

#[test]
fn a_second_terminal_watches_while_the_first_is_held() {
    let (mut app, clock) = live_app();
    run(&mut app, "docker run nginx");
    assert!(app.session.terminal().is_held());

    let opened = app.switch(1);
    assert!(opened.text().contains("터미널 2 (새로 열림)"));
    assert_eq!(app.prompt(), "[2] $ ");
    clock.advance(5);
    let ps = run(&mut app, "docker ps --format '{{.Image}} {{.Status}}'");
    assert_eq!(ps.text().lines().next(), Some("nginx Up 5 seconds"));
    let listing = run(&mut app, "terminal").text();
    assert!(listing.contains("터미널 1: 컨테이너"), "{listing}");
    assert!(listing.contains("* 터미널 2"), "{listing}");

    run(&mut app, "docker stop $(docker ps -q)");
    let notice = app.tick();
    assert!(
        notice.text().contains("터미널 1 의 컨테이너가 끝났습니다"),
        "{}",
        notice.text()
    );
    // Reported once.
    assert!(!app.tick().text().contains("터미널 1"));

    // Back in terminal 1, what happened meanwhile is shown and the prompt returns.
    let back = run(&mut app, "terminal 1");
    assert!(
        back.text().contains("signal 3 (SIGQUIT) received"),
        "{}",
        back.text()
    );
    assert!(!app.session.terminal().is_held());
    assert_eq!(app.prompt(), "[1] $ ");
}

#[test]
fn ctrl_c_is_the_signal_proxy_for_nginx_and_clears_the_prompt() {
    let mut app = app();
    run(&mut app, "docker run nginx");
    let reply = app.interrupt();
    assert!(reply.text().contains("signal 2 (SIGINT) received"));
    assert!(!app.session.terminal().is_held());
    // At a prompt, Ctrl-C only drops the line: `$?` is 130.
    let at_prompt = app.interrupt();
    assert_eq!(at_prompt.text(), "^C\n");
    assert_eq!(run(&mut app, "echo $?").text(), "130\n");
}

#[test]
fn an_exec_shell_takes_ctrl_c_and_ctrl_d_without_touching_pid_1() {
    let (mut app, _clock) = live_app();
    run(&mut app, "docker run -d --name web nginx");
    run(&mut app, "docker exec -it web sh");
    assert!(app.session.terminal().shell.is_some());
    assert_eq!(app.prompt(), "/ # ");
    // Ctrl-C in a shell drops the line; the shell stays.
    assert_eq!(app.interrupt().text(), "^C\n");
    assert_eq!(app.prompt(), "/ # ");
    // Ctrl-D is `exit` for the shell (the REPL sends it so).
    run(&mut app, "exit");
    assert!(app.session.terminal().shell.is_none());
    // Leaving an exec shell ends only itself: nginx still runs.
    assert_eq!(shown(&run(&mut app, "docker ps -q")).trim().len(), 12);
}

#[test]
fn container_shell_files_live_in_the_container_only() {
    let mut app = app();
    run(&mut app, "docker run -it --name box alpine sh");
    assert_eq!(app.prompt(), "/ # ");
    run(&mut app, "echo hello > /tmp/note.txt");
    assert_eq!(run(&mut app, "cat /tmp/note.txt").text(), "hello\n");
    run(&mut app, "exit");
    // Leaving the `run -it` shell stopped the container.
    assert!(run(&mut app, "docker ps -a").text().contains("Exited (0)"));
    run(&mut app, "docker start box");
    assert_eq!(
        shown(&run(&mut app, "docker exec box cat /tmp/note.txt")),
        "hello\n"
    );
    let other = run(&mut app, "docker run --rm alpine cat /tmp/note.txt");
    assert!(other.text().contains("No such file"), "{}", other.text());
}

#[test]
fn piped_input_is_not_a_tty() {
    let mut app = app();
    app.session.stdin_tty = false;
    let reply = run(&mut app, "docker run -it alpine sh");
    assert_eq!(shown(&reply), "the input device is not a TTY\n");
    assert_eq!(app.session.last_status(), 1);
    assert!(reply.pieces.iter().any(|(k, _)| *k == Kind::Error));
    let exec = run(&mut app, "docker exec -it nothing sh");
    assert_eq!(shown(&exec), "the input device is not a TTY\n");
}

#[test]
fn the_board_draws_images_with_their_containers() {
    let (mut app, clock) = live_app();
    // Pulls take (simulated) time; have the images first.
    for image in ["nginx", "hello-world", "alpine"] {
        run(&mut app, &format!("docker pull {image}"));
    }
    run(&mut app, "docker run -d --name web nginx");
    run(&mut app, "docker run --name hi hello-world");
    run(&mut app, "docker create --name fresh alpine");
    clock.advance(4);
    let lines = board::board(&mut app.session.engine);
    let text = board::render_plain(&lines);
    let web = lines.iter().find(|l| l.text.starts_with("web")).unwrap();
    assert_eq!(web.tone, Tone::Running);
    assert!(web.text.ends_with("Up 4 seconds"), "{text}");
    let hi = lines.iter().find(|l| l.text.starts_with("hi ")).unwrap();
    assert_eq!(hi.tone, Tone::ExitedOk);
    assert_eq!(
        lines
            .iter()
            .find(|l| l.text.starts_with("fresh"))
            .unwrap()
            .tone,
        Tone::Created
    );
    // Each container hangs under its image.
    let nginx = text.find("nginx:latest").unwrap();
    let web_at = text.find("└─ web").unwrap();
    let alpine = text.find("alpine:latest").unwrap();
    assert!(nginx < web_at && web_at < alpine, "{text}");
    assert!(run(&mut app, "board").text().contains("└─ fresh"));
}

#[test]
fn completion_knows_the_session() {
    let mut app = app();
    run(&mut app, "docker run -d --name web nginx");
    run(&mut app, "docker save -o nginx.tar nginx");
    let known = Known::of(&app.session, &["board"]);
    let names = |line: &str| -> Vec<String> {
        complete(&known, line, line.len())
            .1
            .into_iter()
            .map(|c| c.display)
            .collect()
    };
    assert_eq!(names("docker stop w"), vec!["web"]);
    let id = app
        .session
        .engine
        .state()
        .container_by_name("web")
        .unwrap()
        .id
        .clone();
    assert_eq!(
        names(&format!("docker rm {}", &id[..3])),
        vec![id[..12].to_string()]
    );
    assert!(names("docker rmi ng").contains(&"nginx:latest".to_string()));
    assert_eq!(names("docker load -i ngi"), vec!["nginx.tar"]);
    assert_eq!(names("boa"), vec!["board"]);
    assert!(names("docker system ").contains(&"prune".to_string()));
}

#[test]
fn the_terminal_builtin_refuses_impossible_numbers() {
    let mut app = app();
    let reply = run(&mut app, "terminal 12");
    assert!(reply.text().contains("1부터 9까지"));
    assert_eq!(app.session.terminal_count(), 1);
    let here = app.switch(0);
    assert!(here.text().contains("지금 터미널 1"));
}
