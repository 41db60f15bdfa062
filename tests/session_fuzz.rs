//! Random lines through a whole session (lexer, docker CLI, engine): never a panic, always an
//! exit code, and the session stays usable afterwards.

use dockersim::engine::Engine;
use dockersim::shell::Session;
use proptest::prelude::*;

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("docker ".to_string()),
        Just("run ".to_string()),
        Just("-d ".to_string()),
        Just("-it ".to_string()),
        Just("--name ".to_string()),
        Just("alpine ".to_string()),
        Just("nginx ".to_string()),
        Just("hello-world ".to_string()),
        Just("ps -a ".to_string()),
        Just("--format '{{.Names}}\\t{{.Status}}' ".to_string()),
        Just("stop ".to_string()),
        Just("rm -f ".to_string()),
        Just("rmi ".to_string()),
        Just("exec ".to_string()),
        Just("$(docker ps -a -q) ".to_string()),
        Just("`docker ps -q` ".to_string()),
        Just("sleep ".to_string()),
        Just("99999999999999999999 ".to_string()),
        Just("-1 ".to_string()),
        Just("; ".to_string()),
        Just("&& ".to_string()),
        Just("|| ".to_string()),
        Just("| ".to_string()),
        Just("'".to_string()),
        Just("\"".to_string()),
        Just("$(".to_string()),
        Just(") ".to_string()),
        Just("컨테이너 ".to_string()),
        Just("안녕하세요 ".to_string()),
        Just("> out.txt ".to_string()),
        Just("@ ".to_string()),
        "[a-z0-9_.:/-]{1,12} ".prop_map(|s| s),
        any::<String>(),
    ]
}

fn line() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..12).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("DOCKERSIM_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(300)
    ))]

    #[test]
    fn any_line_gives_an_exit_code(lines in prop::collection::vec(line(), 1..6)) {
        let mut session = Session::new(Engine::scripted(0));
        for l in &lines {
            let mut ask = |_: &str| Some("y".to_string());
            let result = session.run_line(l, &mut ask);
            prop_assert!((0..=255).contains(&result.output.exit_code), "{l:?} gave {}", result.output.exit_code);
            if session.terminal().shell.is_some() {
                let mut ask = |_: &str| None;
                session.run_line("exit", &mut ask);
            }
            if session.terminal().attached.is_some() {
                session.interrupt();
                let _ = session.switch_terminal(session.current_terminal() + 1);
            }
        }
        // Still usable.
        let mut ask = |_: &str| None;
        let result = session.run_line("echo ok", &mut ask);
        let usable = result.output.stdout() == "ok\n" || session.terminal().attached.is_some() || session.terminal().shell.is_some();
        prop_assert!(usable);
    }
}
