//! Headless replay: a lesson's solutions typed into a fresh session through the tutor, as a
//! learner would. The tests and `dockersim lessons check` use it to prove that every step
//! starts unsolved, rejects its known wrong attempts, and passes with its solution.

use super::loader::{lesson_files, parse_lesson_in, step_locations, LessonError};
use super::model::{Course, Lesson};
use super::tutor::{fill_placeholders, Tutor};
use crate::engine::catalog::{self, Catalog};
use crate::engine::Engine;
use crate::shell::Session;
use chrono::{DateTime, TimeZone, Utc};
use std::collections::VecDeque;
use std::path::Path;

/// What replaying a lesson showed.
#[derive(Clone, Debug, Default)]
pub struct Replay {
    /// The session as a terminal would show it: prompts, lines, output, and the tutor's
    /// replies (each tutor line starts with `│ `).
    pub transcript: String,
    /// Problems, by step (0-based; `None` for the lesson as a whole), in Korean.
    pub problems: Vec<(Option<usize>, String)>,
}

fn fixed_clock() -> Box<dyn Fn() -> DateTime<Utc>> {
    Box::new(|| {
        Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0)
            .single()
            .unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
    })
}

/// A fresh session and a tutor holding just `lesson`, nothing saved.
pub fn lesson_harness(lesson: &Lesson) -> (Session, Tutor) {
    course_harness(
        &Course {
            lessons: vec![lesson.clone()],
        },
        None,
    )
}

/// A fresh session and a tutor holding `course`, nothing saved; `extra` images join the
/// simulated hub (`--catalog`).
pub fn course_harness(course: &Course, extra: Option<&Catalog>) -> (Session, Tutor) {
    let mut engine = Engine::scripted(0);
    if let Some(extra) = extra {
        engine.extend_hub(extra.clone());
    }
    let session = Session::new(engine);
    (
        session,
        Tutor::with_clock(course.clone(), None, fixed_clock()),
    )
}

fn quote_tutor(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        out.push_str("│ ");
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Types `line` as a learner would: a course word goes to the tutor, anything else runs in
/// the session (answers to its questions come from `answers`), then the tutor judges it.
/// Returns the transcript of that line.
pub fn feed(
    tutor: &mut Tutor,
    session: &mut Session,
    line: &str,
    answers: &mut VecDeque<String>,
) -> String {
    let line = fill_placeholders(line, session);
    let prefix = if session.terminal_count() > 1 {
        format!("[{}] ", session.current_terminal() + 1)
    } else {
        String::new()
    };
    let mut out = format!("{prefix}{}{line}\n", session.prompt());
    if let Some(reply) = tutor.handle(session, &line) {
        out.push_str(&quote_tutor(&reply));
        return out;
    }
    tutor.before_line(session);
    let mut ask = |_: &str| answers.pop_front();
    let result = session.run_line(&line, &mut ask);
    out.push_str(&result.output.merged().replace("\r\n", "\n"));
    if let Some(reply) = tutor.after_line(session, &line, &result) {
        out.push_str(&quote_tutor(&reply));
    }
    out
}

/// Feeds a list of solution lines; a line right after one that asked a question answers it.
/// Returns the transcript and the tutor's position after each line.
fn feed_lines(
    tutor: &mut Tutor,
    session: &mut Session,
    lines: &[String],
) -> (String, Vec<Option<(usize, usize)>>) {
    let mut transcript = String::new();
    let mut positions = Vec::new();
    let mut queue: VecDeque<String> = lines.iter().cloned().collect();
    while let Some(line) = queue.pop_front() {
        transcript.push_str(&feed(tutor, session, &line, &mut queue));
        positions.push(tutor.position());
    }
    (transcript, positions)
}

/// Replays `lesson` on its own (a course of one lesson).
pub fn replay_lesson(lesson: &Lesson) -> Replay {
    let course = Course {
        lessons: vec![lesson.clone()],
    };
    replay_in_course(&course, 0, None)
}

/// Replays lesson `i` of `course`: start it, then for each step check that it starts
/// unsolved, that its wrong attempts fail (each from a fresh copy of the step's start), and
/// that its solution passes on its last line. `extra` images join the simulated hub.
pub fn replay_in_course(course: &Course, i: usize, extra: Option<&Catalog>) -> Replay {
    let mut replay = Replay::default();
    let Some(lesson) = course.lessons.get(i) else {
        replay
            .problems
            .push((None, format!("레슨 {}이(가) 없습니다", i + 1)));
        return replay;
    };
    let (mut session, mut tutor) = course_harness(course, extra);
    let start = format!("start {}", i + 1);
    replay.transcript.push_str(&feed(
        &mut tutor,
        &mut session,
        &start,
        &mut VecDeque::new(),
    ));
    if tutor.position() != Some((i, 0)) {
        replay.problems.push((
            None,
            "레슨을 시작하지 못했습니다 (setup 을 확인하세요)".to_string(),
        ));
        return replay;
    }
    for (k, step) in lesson.steps.iter().enumerate() {
        if tutor.position() != Some((i, k)) {
            replay.problems.push((
                Some(k),
                "앞 단계가 통과하지 않아 이 단계에 오지 못했습니다".to_string(),
            ));
            return replay;
        }
        if tutor.step_passes_now(&session) {
            replay.problems.push((
                Some(k),
                "단계가 시작하자마자 이미 통과한 상태입니다 (확인 조건이 지금 상태와 구별되지 않습니다)"
                    .to_string(),
            ));
        }
        for wrong in &step.wrong {
            // Enter the step the way `resume` does: setup plus the earlier solutions.
            let (mut s2, mut t2) = course_harness(course, extra);
            let _ = t2.enter_at(&mut s2, i, k);
            if t2.position() != Some((i, k)) {
                replay.problems.push((
                    Some(k),
                    format!("틀린 시도 '{wrong}'을(를) 시험할 단계에 오지 못했습니다"),
                ));
                continue;
            }
            let _ = feed(&mut t2, &mut s2, wrong, &mut VecDeque::new());
            if t2.position() != Some((i, k)) {
                replay.problems.push((
                    Some(k),
                    format!("틀린 시도 '{wrong}'인데 단계를 통과해 버렸습니다"),
                ));
            }
        }
        let (text, positions) = feed_lines(&mut tutor, &mut session, &step.solution);
        replay.transcript.push_str(&text);
        let passed_at = positions.iter().position(|p| *p != Some((i, k)));
        match passed_at {
            None => {
                let list = tutor.checklist_now(&session).unwrap_or_default();
                replay.problems.push((
                    Some(k),
                    format!("풀이를 모두 실행했지만 통과하지 못했습니다:\n{list}"),
                ));
                return replay;
            }
            Some(n) if n + 1 < positions.len() => {
                replay.problems.push((
                    Some(k),
                    format!(
                        "풀이 {}번째 줄에서 이미 통과했습니다. 남은 줄은 지우거나 다음 단계로 옮기세요",
                        n + 1
                    ),
                ));
                return replay;
            }
            Some(_) => {}
        }
    }
    if tutor.position() != Some((i, lesson.steps.len())) {
        replay.problems.push((
            None,
            "마지막 단계 뒤에도 레슨이 끝나지 않았습니다".to_string(),
        ));
    }
    replay
}

/// Validates every lesson file in `dir` and replays each solution: the report and the exit
/// code for `dockersim lessons check [DIR]` (0 when everything passed, 1 otherwise).
/// `extra` images (`--catalog`) join the simulated hub, as they do in the REPL.
pub fn check_lessons_dir(dir: &Path, extra: Option<&Catalog>) -> (String, i32) {
    let mut report = String::new();
    let files = match lesson_files(dir) {
        Ok(f) => f,
        Err(e) => return (format!("{e}\n"), 1),
    };
    if files.is_empty() {
        return (
            format!("{}: 레슨 파일(*.yaml)이 하나도 없습니다\n", dir.display()),
            1,
        );
    }
    let mut hub = catalog::hub().clone();
    if let Some(extra) = extra {
        hub.merge(extra.clone());
    }
    let mut failed = 0;
    let mut ids: Vec<(String, String)> = Vec::new();
    let mut valid: Vec<(String, String, Lesson)> = Vec::new();
    for path in &files {
        let label = path.display().to_string();
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                report.push_str(&format!("{label}:1:1: 파일을 읽을 수 없습니다: {e}\n"));
                failed += 1;
                continue;
            }
        };
        let lesson = match parse_lesson_in(&label, &text, &hub) {
            Ok(l) => l,
            Err(errors) => {
                for e in errors {
                    report.push_str(&format!("{e}\n"));
                }
                failed += 1;
                continue;
            }
        };
        if let Some((_, other)) = ids.iter().find(|(id, _)| *id == lesson.id) {
            let (line, column) = super::loader::key_location(&text, "id").unwrap_or((1, 1));
            report.push_str(&format!(
                "{}\n",
                LessonError {
                    file: label.clone(),
                    line,
                    column,
                    message: format!("레슨 id '{}'이(가) {other}에도 있습니다", lesson.id),
                }
            ));
            failed += 1;
            continue;
        }
        ids.push((lesson.id.clone(), label.clone()));
        valid.push((label, text, lesson));
    }
    // Replay with the whole folder as the course, as the REPL would run it.
    let course = Course {
        lessons: valid.iter().map(|(_, _, l)| l.clone()).collect(),
    };
    for (i, (label, text, lesson)) in valid.iter().enumerate() {
        let replay = replay_in_course(&course, i, extra);
        if replay.problems.is_empty() {
            report.push_str(&format!(
                "✓ {label}: 「{}」 단계 {}개, 풀이 재생 통과\n",
                lesson.title,
                lesson.steps.len()
            ));
            continue;
        }
        failed += 1;
        let starts = step_locations(text);
        for (step, message) in replay.problems {
            let (line, column) = step.and_then(|k| starts.get(k).copied()).unwrap_or((1, 1));
            let message = match step {
                Some(k) => format!("단계 {}: {message}", k + 1),
                None => message,
            };
            report.push_str(&format!(
                "{}\n",
                LessonError {
                    file: label.clone(),
                    line,
                    column,
                    message: message.trim_end().to_string(),
                }
            ));
        }
    }
    let total = files.len();
    if failed == 0 {
        report.push_str(&format!("레슨 {total}개 모두 통과했습니다.\n"));
        (report, 0)
    } else {
        report.push_str(&format!(
            "레슨 {total}개 중 {failed}개에 문제가 있습니다.\n"
        ));
        (report, 1)
    }
}
