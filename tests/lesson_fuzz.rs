//! Property test: whatever a learner types during a lesson, the tutor never panics, never
//! moves backwards, and the lesson can still be finished with its solution afterwards.

use dockersim::lesson::replay::{course_harness, feed};
use dockersim::lesson::{builtin_course, Course};
use proptest::prelude::*;
use std::collections::VecDeque;

/// Lines a learner might type: course words (right and wrong), docker commands that touch the
/// lesson's containers, shell noise.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("hint".to_string()),
        Just("task".to_string()),
        Just("solution".to_string()),
        Just("yes".to_string()),
        Just("undo".to_string()),
        Just("reset".to_string()),
        Just("lessons".to_string()),
        Just("progress".to_string()),
        Just("next".to_string()),
        Just("answer".to_string()),
        (0u8..6).prop_map(|n| format!("answer {n}")),
        (0u8..6).prop_map(|n| n.to_string()),
        Just("docker ps -a".to_string()),
        Just("docker rm -f web".to_string()),
        Just("docker rm $(docker ps -a -q)".to_string()),
        Just("docker stop web".to_string()),
        Just("docker system prune -f".to_string()),
        Just("docker run -it alpine sh".to_string()),
        Just("exit".to_string()),
        Just("docker rmi -f hello-world".to_string()),
        "[ -~]{0,24}",
    ]
}

fn finish(course: &Course, i: usize, lines: &[String]) -> Result<(), TestCaseError> {
    let (mut session, mut tutor) = course_harness(course, None);
    tutor.enter_at(&mut session, i, 0);
    let mut last = tutor.position();
    for l in lines {
        let _ = feed(&mut tutor, &mut session, l, &mut VecDeque::new());
        let now = tutor.position();
        if let (Some(a), Some(b)) = (last, now) {
            prop_assert!(b >= a, "went back from {a:?} to {b:?} on {l:?}");
        }
        last = now;
    }
    // Whatever happened, reset + solution finishes each remaining step.
    let steps = course.lessons[i].steps.len();
    while let Some((li, k)) = tutor.position() {
        if li != i || k >= steps {
            break;
        }
        // Leave any container shell first.
        while session.terminal().shell.is_some() {
            let _ = feed(&mut tutor, &mut session, "exit", &mut VecDeque::new());
        }
        let _ = feed(&mut tutor, &mut session, "reset", &mut VecDeque::new());
        let mut queue: VecDeque<String> = course.lessons[i].steps[k]
            .solution
            .iter()
            .cloned()
            .collect();
        while let Some(line) = queue.pop_front() {
            let _ = feed(&mut tutor, &mut session, &line, &mut queue);
        }
        prop_assert_eq!(
            tutor.position(),
            Some((i, k + 1)),
            "step {} did not pass",
            k + 1
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("DOCKERSIM_FUZZ_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(24),
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_typing_never_breaks_a_lesson(i in 0usize..11, lines in proptest::collection::vec(line(), 0..12)) {
        let course = builtin_course();
        finish(&course, i, &lines)?;
    }
}
