//! The tutor: the course, the learner's progress and the lesson in hand, driven by the REPL.
//!
//! The REPL asks [`Tutor::handle`] first (course words such as `hint` or `next`); every other
//! line runs in the session as usual between [`Tutor::before_line`] (which keeps an undo
//! snapshot) and [`Tutor::after_line`] (which checks the current step). Nothing here prints:
//! every method returns the text to show.

use super::check::{
    container_table, is_state, line_holds, state_holds, typed_commands, LineRecord,
};
use super::model::{Course, Lesson, SetupState, Step};
use super::progress::{format_time, LessonProgress, Progress, ProgressStore, StepRecord};
use crate::cli::{self, Ctx, HostFile, HostFs, Output};
use crate::engine::images::CustomImage;
use crate::engine::reference::ImageRef;
use crate::engine::{Engine, Snapshot, VirtualClock};
use crate::shell::{LineResult, Session};
use chrono::{DateTime, Utc};
use std::path::PathBuf;

/// The random seed every lesson starts from, so IDs and names are the same each time.
const LESSON_SEED: u64 = 0;

/// How many commands `undo` can take back.
const UNDO_DEPTH: usize = 30;

/// The course words the tutor answers, for the REPL's completion and help.
pub const COURSE_WORDS: &[&str] = &[
    "lessons",
    "start",
    "restart",
    "resume",
    "next",
    "skip",
    "task",
    "hint",
    "solution",
    "answer",
    "reset",
    "undo",
    "progress",
    "quit-lesson",
    "sandbox",
];

/// The course words, explained (shown after `help`).
pub const COURSE_HELP: &str = "코스 명령
  lessons            레슨 목록과 진도
  start N            레슨 N 시작 (번호나 id, 예: start 1)
  resume             멈춘 곳에서 이어 하기
  next               다음 레슨으로
  task               지금 단계의 할 일과 체크리스트 다시 보기
  hint               힌트 하나 더 보기
  solution           풀이 보기 (한 번 더 확인합니다)
  answer 답          퀴즈에 답하기 (예: answer 2)
  skip               이 단계 건너뛰기
  reset              이 단계를 시작할 때의 상태로 되돌리기
  undo               마지막 명령의 효과 되돌리기
  restart            지금 레슨을 1단계부터 다시
  progress           학습 기록 보기
  quit-lesson        레슨을 멈추고 자유 실습 (sandbox 도 같습니다)
";

/// The lesson in hand.
#[derive(Clone, Debug)]
struct Active {
    /// Index into the course.
    lesson: usize,
    /// Index of the current step; `steps.len()` once the lesson is finished.
    step: usize,
    /// Line conditions satisfied by some line of this step.
    sticky: Vec<bool>,
    /// The checklist as last shown.
    shown: Vec<bool>,
    /// Hints shown in this step.
    hints: usize,
    /// Whether this step's solution was shown.
    solution_shown: bool,
}

/// What was true just before a line ran.
#[derive(Clone, Debug)]
struct Before {
    containers: Vec<(String, String)>,
    in_container: bool,
}

/// One `undo` level.
struct UndoEntry {
    engine: Snapshot,
    host: HostFs,
    at: Option<(usize, usize)>,
    sticky: Vec<bool>,
}

/// The course, the learner's progress and the current lesson and step.
pub struct Tutor {
    course: Course,
    progress: Progress,
    store: Option<ProgressStore>,
    clock: Box<dyn Fn() -> DateTime<Utc>>,
    active: Option<Active>,
    notices: Vec<String>,
    undo: Vec<UndoEntry>,
    before: Option<Before>,
    confirm_solution: bool,
    save_failed: bool,
}

impl Tutor {
    /// A tutor for `course`; progress is read from and saved to `data_dir` (none: not saved).
    pub fn new(course: Course, data_dir: Option<PathBuf>) -> Tutor {
        Tutor::with_clock(course, data_dir, Box::new(Utc::now))
    }

    /// Like [`Tutor::new`] with the source of progress timestamps given (tests use a fixed
    /// one; the engine's own clock is not used, since progress happens in real time).
    pub fn with_clock(
        course: Course,
        data_dir: Option<PathBuf>,
        clock: Box<dyn Fn() -> DateTime<Utc>>,
    ) -> Tutor {
        let store = data_dir.map(ProgressStore::new);
        let (progress, notices, writable) = match &store {
            Some(s) => {
                let loaded = s.load(clock());
                // A file we could neither read nor move aside must not be overwritten.
                let writable = !loaded
                    .warnings
                    .iter()
                    .any(|w| w.contains("저장하지 않습니다"));
                (loaded.progress, loaded.warnings, writable)
            }
            None => (Progress::default(), Vec::new(), true),
        };
        Tutor {
            course,
            progress,
            store: if writable { store } else { None },
            clock,
            active: None,
            notices,
            undo: Vec::new(),
            before: None,
            confirm_solution: false,
            save_failed: false,
        }
    }

    /// The course.
    pub fn course(&self) -> &Course {
        &self.course
    }

    /// The learner's progress as saved.
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// The lesson and step in hand (0-based indexes), if any; the step equals the number of
    /// steps once the lesson is finished.
    pub fn position(&self) -> Option<(usize, usize)> {
        self.active.as_ref().map(|a| (a.lesson, a.step))
    }

    /// A short label for the prompt: `레슨 3 · 2/5`, or `레슨 3 완료`.
    pub fn prompt_tag(&self) -> Option<String> {
        let a = self.active.as_ref()?;
        let lesson = self.course.lessons.get(a.lesson)?;
        if a.step >= lesson.steps.len() {
            Some(format!("레슨 {} 완료", a.lesson + 1))
        } else {
            Some(format!(
                "레슨 {} · {}/{}",
                a.lesson + 1,
                a.step + 1,
                lesson.steps.len()
            ))
        }
    }

    /// The welcome text: the course in brief, how to go on, and any warning about the
    /// progress file.
    pub fn greeting(&mut self) -> String {
        let done = self.completed_count();
        let total = self.course.lessons.len();
        let mut text = format!("dockersim 코스: 노트를 따라가는 레슨 {total}개 (완료 {done}개).\n");
        match self.resume_target() {
            Some((i, step)) if step > 0 => text.push_str(&format!(
                "레슨 {} 「{}」 단계 {}에서 멈췄습니다. 'resume'으로 이어 하세요.\n",
                i + 1,
                self.course.lessons[i].title,
                step + 1
            )),
            Some((i, _)) => text.push_str(&format!(
                "'start {}'로 「{}」을(를) 시작하세요. 'lessons'는 전체 목록입니다.\n",
                i + 1,
                self.course.lessons[i].title
            )),
            None if total > 0 => text.push_str(
                "모든 레슨을 마쳤습니다! 'lessons'로 목록을, 'progress'로 기록을 보세요.\n",
            ),
            None => {}
        }
        text.push_str("코스 명령은 'help'로 볼 수 있습니다. 레슨 밖에서는 마음껏 실습하세요.\n");
        text.push_str(&self.take_notices());
        text
    }

    /// Answers a course word (`lessons`, `start 2`, `hint`, `answer 3`, …) and returns the
    /// text to show; `None` means the line is not for the tutor and runs in the session.
    pub fn handle(&mut self, session: &mut Session, line: &str) -> Option<String> {
        let trimmed = line.trim();
        let (word, rest) = match trimmed.split_once(char::is_whitespace) {
            Some((w, r)) => (w, r.trim()),
            None => (trimmed, ""),
        };
        if self.confirm_solution {
            self.confirm_solution = false;
            if matches!(trimmed, "yes" | "y" | "네" | "예" | "응" | "solution yes") {
                let text = self.show_solution(session);
                return Some(self.finish(text));
            }
        }
        let text = match word {
            "lessons" => self.lessons_text(),
            "start" => self.start(session, rest),
            "restart" => self.restart(session, rest),
            "resume" => self.resume(session),
            "next" => self.next(session),
            "skip" => self.skip(session),
            "task" => self.task(session),
            "hint" => self.hint(),
            "solution" => self.solution(session, rest),
            "answer" | "답" => self.answer(session, rest),
            "reset" => self.reset(session),
            "undo" => self.undo(session),
            "progress" => self.progress_text(),
            "quit-lesson" | "sandbox" => self.quit(),
            // A bare number answers a multiple-choice quiz; otherwise it is a shell line.
            w if !w.is_empty()
                && rest.is_empty()
                && w.chars().all(|c| c.is_ascii_digit())
                && self.current_quiz_has_choices() =>
            {
                self.answer(session, w)
            }
            _ => return None,
        };
        Some(self.finish(text))
    }

    /// Called just before a line runs in the session: keeps an undo snapshot and what the
    /// line will be judged against.
    pub fn before_line(&mut self, session: &Session) {
        let in_container =
            session.terminal().shell.is_some() || session.terminal().attached.is_some();
        self.before = Some(Before {
            containers: container_table(session),
            in_container,
        });
        let at = self.position();
        self.undo.push(UndoEntry {
            engine: session.engine.snapshot(),
            host: session.host.clone(),
            at,
            sticky: self
                .active
                .as_ref()
                .map(|a| a.sticky.clone())
                .unwrap_or_default(),
        });
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
    }

    /// Called after a line ran: checks the current step. Returns the checklist when it
    /// changed, or the congratulations, the explanation and the next step when it passed.
    pub fn after_line(
        &mut self,
        session: &mut Session,
        line: &str,
        result: &LineResult,
    ) -> Option<String> {
        let before = self.before.take();
        if line.trim() == "help" {
            let in_container = before.as_ref().is_some_and(|b| b.in_container);
            if !in_container {
                return Some(self.finish(COURSE_HELP.to_string()));
            }
        }
        let step = self.current_step()?.clone();
        if step.quiz.is_some() {
            return None;
        }
        // Settle the engine so state reflects "now" (containers that ended meanwhile).
        let _ = session.engine.now();
        let before = before.unwrap_or_else(|| Before {
            containers: container_table(session),
            in_container: false,
        });
        let record = LineRecord {
            commands: if before.in_container {
                Vec::new()
            } else {
                typed_commands(line)
            },
            output: result.output.merged(),
            exit_code: result.output.exit_code,
            containers_before: before.containers,
        };
        let status = self.evaluate(session, Some(&record));
        let passed = status.iter().all(|s| *s);
        let related = record.commands.iter().any(|t| {
            step.check.iter().any(|c| match &c.predicate {
                super::model::Predicate::Command(p) => {
                    crate::cli::canonical_command(&format!("docker {}", p.name))
                        == t.invocation.command
                }
                super::model::Predicate::Output(o) => o.command.as_ref().is_some_and(|p| {
                    crate::cli::canonical_command(&format!("docker {}", p.name))
                        == t.invocation.command
                }),
                _ => false,
            })
        });
        if passed {
            let checklist = checklist(&step, &status);
            let text = self.pass_step(session, Some(checklist));
            return Some(self.finish(text));
        }
        let changed = self.active.as_ref().is_some_and(|a| a.shown != status);
        if changed || related {
            if let Some(a) = self.active.as_mut() {
                a.shown = status.clone();
            }
            let text = format!(
                "아직입니다. 이 단계의 확인 목록:\n{}",
                checklist(&step, &status)
            );
            return Some(self.finish(text));
        }
        None
    }

    // ----- evaluation -------------------------------------------------------------------

    /// Evaluates every condition of the current step; a line record updates the sticky ones.
    fn evaluate(&mut self, session: &Session, record: Option<&LineRecord>) -> Vec<bool> {
        let Some(active) = self.active.as_mut() else {
            return Vec::new();
        };
        let Some(step) = self
            .course
            .lessons
            .get(active.lesson)
            .and_then(|l| l.steps.get(active.step))
        else {
            return Vec::new();
        };
        if active.sticky.len() != step.check.len() {
            active.sticky = vec![false; step.check.len()];
        }
        step.check
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if is_state(c) {
                    state_holds(c, session)
                } else {
                    if let Some(r) = record {
                        if line_holds(c, r) {
                            active.sticky[i] = true;
                        }
                    }
                    active.sticky[i]
                }
            })
            .collect()
    }

    /// Whether the current step would pass right now without any further line (used to
    /// check that no step starts solved).
    pub fn step_passes_now(&mut self, session: &Session) -> bool {
        let is_quiz = self.current_step().is_some_and(|s| s.quiz.is_some());
        if is_quiz || self.current_step().is_none() {
            return false;
        }
        let status = self.evaluate(session, None);
        !status.is_empty() && status.iter().all(|s| *s)
    }

    /// The checklist of the current step as it stands now (for `task`).
    pub fn checklist_now(&mut self, session: &Session) -> Option<String> {
        let status = self.evaluate(session, None);
        let step = self.current_step()?;
        if step.quiz.is_some() {
            return None;
        }
        Some(checklist(step, &status))
    }

    fn current_step(&self) -> Option<&Step> {
        let a = self.active.as_ref()?;
        self.course.lessons.get(a.lesson)?.steps.get(a.step)
    }

    fn current_lesson(&self) -> Option<&Lesson> {
        self.course.lessons.get(self.active.as_ref()?.lesson)
    }

    fn current_quiz_has_choices(&self) -> bool {
        self.current_step()
            .and_then(|s| s.quiz.as_ref())
            .is_some_and(|q| !q.choices.is_empty())
    }

    // ----- course words -----------------------------------------------------------------

    fn lessons_text(&self) -> String {
        let total = self.course.lessons.len();
        let mut out = format!(
            "dockersim 코스 — 노트 순서대로 레슨 {total}개, 완료 {}개\n",
            self.completed_count()
        );
        let width = self
            .course
            .lessons
            .iter()
            .map(|l| unicode_width::UnicodeWidthStr::width(l.title.as_str()))
            .max()
            .unwrap_or(0);
        for (i, lesson) in self.course.lessons.iter().enumerate() {
            let record = self.progress.lessons.get(&lesson.id);
            let here = self.active.as_ref().is_some_and(|a| a.lesson == i);
            let (mark, note) = match record {
                Some(r) if r.completed_at.is_some() => {
                    ("✓", format!("완료 {}", short_time(r.completed_at.as_ref())))
                }
                Some(r) => (
                    "▶",
                    format!(
                        "진행 중: 단계 {}/{}",
                        (r.step + 1).min(lesson.steps.len()),
                        lesson.steps.len()
                    ),
                ),
                None => (" ", format!("단계 {}개", lesson.steps.len())),
            };
            let pad =
                width.saturating_sub(unicode_width::UnicodeWidthStr::width(lesson.title.as_str()));
            out.push_str(&format!(
                "{} {mark} {:>2}. {}{}   {note}\n",
                if here { ">" } else { " " },
                i + 1,
                lesson.title,
                " ".repeat(pad)
            ));
        }
        out.push_str("'start 번호'로 시작하고, 'resume'으로 멈춘 곳에서 이어 합니다.\n");
        out
    }

    fn completed_count(&self) -> usize {
        self.course
            .lessons
            .iter()
            .filter(|l| {
                self.progress
                    .lessons
                    .get(&l.id)
                    .is_some_and(|r| r.completed_at.is_some())
            })
            .count()
    }

    /// Where `resume` goes: the lesson in progress at its step, else the first lesson not
    /// completed at step 0.
    fn resume_target(&self) -> Option<(usize, usize)> {
        if let Some(id) = &self.progress.current {
            if let Some(i) = self.course.lessons.iter().position(|l| &l.id == id) {
                if let Some(r) = self.progress.lessons.get(id) {
                    if r.step < self.course.lessons[i].steps.len() {
                        return Some((i, r.step));
                    }
                }
            }
        }
        self.course.lessons.iter().enumerate().find_map(|(i, l)| {
            match self.progress.lessons.get(&l.id) {
                Some(r) if r.completed_at.is_some() => None,
                Some(r) if r.step < l.steps.len() => Some((i, r.step)),
                Some(_) => None,
                None => Some((i, 0)),
            }
        })
    }

    fn start(&mut self, session: &mut Session, rest: &str) -> String {
        if rest.is_empty() {
            return match self.resume_target() {
                Some((i, step)) => self.enter(session, i, step),
                None => "모든 레슨을 마쳤습니다. 다시 보고 싶은 레슨을 'start 번호'로 고르세요.\n"
                    .to_string(),
            };
        }
        let Some(i) = self.course.find(rest) else {
            return format!(
                "'{rest}'(이)라는 레슨이 없습니다. 1부터 {}까지의 번호나 레슨 id를 주세요. 'lessons'로 목록을 봅니다.\n",
                self.course.lessons.len()
            );
        };
        let id = self.course.lessons[i].id.clone();
        let len = self.course.lessons[i].steps.len();
        let step = match self.progress.lessons.get(&id) {
            Some(r) if r.completed_at.is_none() && r.step < len => r.step,
            _ => 0,
        };
        let mut text = self.enter(session, i, step);
        if step > 0 {
            text.push_str(&format!(
                "(지난번에 멈춘 단계 {}부터 이어 갑니다. 1단계부터 하려면 'restart'.)\n",
                step + 1
            ));
        }
        text
    }

    fn restart(&mut self, session: &mut Session, rest: &str) -> String {
        let target = if rest.is_empty() {
            self.active.as_ref().map(|a| a.lesson)
        } else {
            self.course.find(rest)
        };
        match target {
            Some(i) => self.enter(session, i, 0),
            None => {
                "다시 시작할 레슨이 없습니다. 'restart 번호'처럼 레슨을 고르세요.\n".to_string()
            }
        }
    }

    fn resume(&mut self, session: &mut Session) -> String {
        if let Some(a) = &self.active {
            if self
                .course
                .lessons
                .get(a.lesson)
                .is_some_and(|l| a.step < l.steps.len())
            {
                return format!("이미 레슨을 하는 중입니다.\n{}", self.task(session));
            }
        }
        match self.resume_target() {
            Some((i, step)) => self.enter(session, i, step),
            None => "이어 할 레슨이 없습니다. 모든 레슨을 마쳤어요! 'lessons'로 목록을 보세요.\n"
                .to_string(),
        }
    }

    fn next(&mut self, session: &mut Session) -> String {
        match self.active.clone() {
            Some(a) => {
                let len = self
                    .course
                    .lessons
                    .get(a.lesson)
                    .map_or(0, |l| l.steps.len());
                if a.step < len {
                    return "이 단계를 아직 마치지 않았습니다. 할 일은 'task', 도움은 'hint', 건너뛰려면 'skip'.\n".to_string();
                }
                if a.lesson + 1 < self.course.lessons.len() {
                    self.enter(session, a.lesson + 1, 0)
                } else {
                    "마지막 레슨이었습니다. 코스를 모두 마쳤어요! 'progress'로 기록을 보세요.\n"
                        .to_string()
                }
            }
            None => self.resume(session),
        }
    }

    fn skip(&mut self, session: &mut Session) -> String {
        let Some(step) = self.current_step().cloned() else {
            return self.no_step_text();
        };
        let number = self.active.as_ref().map_or(0, |a| a.step + 1);
        let mut text = format!("단계 {number} 「{}」을(를) 건너뜁니다.\n", step.title);
        // The next step may build on this one's result: run its solution quietly.
        if step.quiz.is_none() {
            run_offline(session, &step.solution);
            text.push_str("(다음 단계를 위해 이 단계의 풀이를 대신 실행해 두었습니다.)\n");
        }
        self.record_step(true);
        text.push_str(&self.advance(session));
        text
    }

    fn task(&mut self, session: &mut Session) -> String {
        let Some(a) = self.active.clone() else {
            return self.no_step_text();
        };
        let Some(lesson) = self.course.lessons.get(a.lesson) else {
            return self.no_step_text();
        };
        if a.step >= lesson.steps.len() {
            return format!(
                "레슨 {} 「{}」을(를) 마쳤습니다. 'next'로 다음 레슨으로 갑니다.\n",
                a.lesson + 1,
                lesson.title
            );
        }
        let mut text = present_step(lesson, a.step);
        let _ = session.engine.now();
        if let Some(list) = self.checklist_now(session) {
            text.push_str("\n지금 상태:\n");
            text.push_str(&list);
        }
        text
    }

    fn hint(&mut self) -> String {
        let Some(step) = self.current_step().cloned() else {
            return self.no_step_text();
        };
        let Some(a) = self.active.as_mut() else {
            return self.no_step_text();
        };
        if step.hints.is_empty() {
            return "이 단계에는 힌트가 없습니다. 'task'로 할 일을 다시 보거나 'solution'으로 풀이를 보세요.\n".to_string();
        }
        let fresh = a.hints < step.hints.len();
        if fresh {
            a.hints += 1;
        }
        let shown = a.hints;
        let mut text = String::new();
        for (i, h) in step.hints.iter().take(shown).enumerate() {
            text.push_str(&format!(
                "힌트 {}/{}: {}\n",
                i + 1,
                step.hints.len(),
                h.trim_end()
            ));
        }
        if !fresh {
            text.push_str(
                "힌트를 모두 보았습니다. 그래도 막히면 'solution'으로 풀이를 볼 수 있습니다.\n",
            );
        }
        if fresh {
            self.update_record(|r| r.step_hints = r.step_hints.max(shown));
        }
        text
    }

    fn solution(&mut self, session: &mut Session, rest: &str) -> String {
        if self.current_step().is_none() {
            return self.no_step_text();
        }
        if matches!(rest, "yes" | "y" | "네" | "예") {
            return self.show_solution(session);
        }
        self.confirm_solution = true;
        "풀이를 보면 학습 기록에 '풀이 봄'으로 남습니다. 정말 볼까요? 보려면 'yes'를 입력하세요 (다른 것을 입력하면 취소됩니다).\n".to_string()
    }

    fn show_solution(&mut self, session: &Session) -> String {
        let Some(step) = self.current_step().cloned() else {
            return self.no_step_text();
        };
        if let Some(a) = self.active.as_mut() {
            a.solution_shown = true;
        }
        self.update_record(|r| r.step_solution = true);
        let mut text = String::from("풀이:\n");
        for line in &step.solution {
            text.push_str(&format!("  {}\n", fill_placeholders(line, session)));
        }
        if step.quiz.is_none() {
            text.push_str("위 줄을 차례로 입력해 보세요.\n");
        }
        text
    }

    fn answer(&mut self, session: &mut Session, given: &str) -> String {
        let Some(step) = self.current_step().cloned() else {
            return self.no_step_text();
        };
        let Some(quiz) = &step.quiz else {
            return format!(
                "지금 단계는 퀴즈가 아니라 실습입니다.\n▶ 할 일: {}\n",
                step.task.trim_end()
            );
        };
        if given.is_empty() {
            return "답을 함께 적어 주세요. 예: answer 2\n".to_string();
        }
        let right = if quiz.choices.is_empty() {
            let g = normalize_answer(given);
            quiz.accept.iter().any(|a| normalize_answer(a) == g)
        } else {
            match given.trim().parse::<usize>() {
                Ok(n) => quiz.answer == Some(n),
                Err(_) => {
                    let g = normalize_answer(given);
                    quiz.answer
                        .and_then(|n| quiz.choices.get(n.wrapping_sub(1)))
                        .is_some_and(|c| normalize_answer(c) == g)
                }
            }
        };
        if right {
            let text = format!("정답입니다! ({})\n", given.trim());
            return text + &self.pass_step(session, None);
        }
        if !quiz.choices.is_empty() {
            if let Ok(n) = given.trim().parse::<usize>() {
                if n == 0 || n > quiz.choices.len() {
                    return format!(
                        "보기는 1부터 {}까지입니다. 예: answer 1\n",
                        quiz.choices.len()
                    );
                }
            }
        }
        "✗ 아쉽지만 아닙니다. 다시 생각해 보세요. 막히면 'hint'.\n".to_string()
    }

    fn reset(&mut self, session: &mut Session) -> String {
        let Some(a) = self.active.clone() else {
            return self.no_step_text();
        };
        let len = self
            .course
            .lessons
            .get(a.lesson)
            .map_or(0, |l| l.steps.len());
        if a.step >= len {
            return "이 레슨은 끝났습니다. 처음부터 다시 하려면 'restart'.\n".to_string();
        }
        let hints = a.hints;
        let shown = a.solution_shown;
        match self.prepare(session, a.lesson, a.step) {
            Ok(()) => {
                if let Some(b) = self.active.as_mut() {
                    b.hints = hints;
                    b.solution_shown = shown;
                }
                format!(
                    "단계 {}을(를) 시작할 때의 상태로 되돌렸습니다 (레슨 준비 상태에서 앞 단계의 풀이를 다시 실행).\n▶ 할 일: {}\n",
                    a.step + 1,
                    self.current_step().map(|s| s.task.trim_end().to_string()).unwrap_or_default()
                )
            }
            Err(e) => e,
        }
    }

    fn undo(&mut self, session: &mut Session) -> String {
        let Some(entry) = self.undo.pop() else {
            return "되돌릴 명령이 없습니다.\n".to_string();
        };
        session.engine.restore(entry.engine);
        let _ = session.engine.take_events();
        session.host = entry.host;
        let same_step = entry.at.is_some() && entry.at == self.position();
        if same_step {
            if let Some(a) = self.active.as_mut() {
                a.sticky = entry.sticky;
            }
        }
        let mut text = String::from(
            "마지막 명령이 엔진과 호스트 파일에 남긴 효과를 되돌렸습니다 (시계는 되돌리지 않습니다).\n",
        );
        if !same_step && entry.at.is_some() {
            text.push_str("이미 통과한 단계는 통과한 그대로 둡니다.\n");
        }
        text
    }

    fn quit(&mut self) -> String {
        if self.active.take().is_none() {
            return "지금은 레슨 밖(자유 실습)입니다. 'lessons'로 목록을, 'resume'으로 이어 하기를.\n"
                .to_string();
        }
        self.confirm_solution = false;
        "레슨을 멈췄습니다. 진도는 저장되어 있으니 'resume'으로 언제든 돌아오세요.\n지금부터는 자유 실습입니다: 무엇이든 해 보세요.\n".to_string()
    }

    fn progress_text(&self) -> String {
        render_report(&self.progress, &self.course)
    }

    fn no_step_text(&self) -> String {
        if self.active.is_some() {
            return "이 레슨은 끝났습니다. 'next'로 다음 레슨으로 갑니다.\n".to_string();
        }
        "진행 중인 레슨이 없습니다. 'lessons'로 목록을 보고 'start 1'처럼 시작하세요.\n".to_string()
    }

    // ----- moving through the course ------------------------------------------------------

    /// Starts lesson `lesson` (0-based) at step `step` the way `resume` does (its setup, then
    /// the solutions of the earlier steps) and returns the text to show.
    pub fn enter_at(&mut self, session: &mut Session, lesson: usize, step: usize) -> String {
        let len = self.course.lessons.get(lesson).map_or(0, |l| l.steps.len());
        self.enter(session, lesson, step.min(len.saturating_sub(1)))
    }

    /// Starts lesson `i` at `step`: the lesson's setup, then the solutions of the steps
    /// before it, so the state is what the learner had there.
    fn enter(&mut self, session: &mut Session, i: usize, step: usize) -> String {
        if let Err(e) = self.prepare(session, i, step) {
            return e;
        }
        let now = (self.clock)();
        let Some(lesson) = self.course.lessons.get(i).cloned() else {
            return self.no_step_text();
        };
        let record = self
            .progress
            .lessons
            .entry(lesson.id.clone())
            .or_insert_with(|| LessonProgress::new(&lesson.title, now));
        record.title = lesson.title.clone();
        record.step = step;
        record.step_hints = 0;
        record.step_solution = false;
        self.progress.current = Some(lesson.id.clone());
        self.save();
        let mut text = present_lesson(&lesson, i, self.course.lessons.len());
        text.push('\n');
        text.push_str(&present_step(&lesson, step));
        text
    }

    /// Puts the session in the state of lesson `i` at the start of `step`.
    fn prepare(&mut self, session: &mut Session, i: usize, step: usize) -> Result<(), String> {
        let Some(lesson) = self.course.lessons.get(i).cloned() else {
            return Err(self.no_step_text());
        };
        let build = |scratch: &mut Session| -> Result<(), String> {
            apply_setup(scratch, &lesson)?;
            for s in lesson.steps.iter().take(step) {
                if s.quiz.is_none() {
                    run_quietly(scratch, &s.solution);
                }
            }
            Ok(())
        };
        build_offline(session, &build).map_err(|e| {
            format!(
                "레슨 「{}」을(를) 준비하지 못했습니다: {e}\n(선생님께 알려 주세요: 'dockersim lessons check'가 같은 문제를 보여 줍니다.)\n",
                lesson.title
            )
        })?;
        self.undo.clear();
        self.confirm_solution = false;
        let n = lesson.steps.get(step).map_or(0, |s| s.check.len());
        self.active = Some(Active {
            lesson: i,
            step,
            sticky: vec![false; n],
            shown: vec![false; n],
            hints: 0,
            solution_shown: false,
        });
        let status = self.evaluate(session, None);
        if let Some(a) = self.active.as_mut() {
            a.shown = status;
        }
        Ok(())
    }

    /// Records the step, moves on, and returns the congratulations and what comes next.
    fn pass_step(&mut self, session: &mut Session, checklist: Option<String>) -> String {
        let Some(step) = self.current_step().cloned() else {
            return String::new();
        };
        let number = self.active.as_ref().map_or(0, |a| a.step + 1);
        let mut text = format!("✓ 단계 {number} 통과!\n");
        if let Some(list) = checklist {
            text.push_str(&list);
        }
        text.push_str(&format!("\n설명: {}\n", step.explanation.trim_end()));
        self.record_step(false);
        text.push('\n');
        text.push_str(&self.advance(session));
        text
    }

    fn record_step(&mut self, skipped: bool) {
        let Some(a) = self.active.clone() else {
            return;
        };
        let Some(lesson) = self.course.lessons.get(a.lesson) else {
            return;
        };
        let Some(step) = lesson.steps.get(a.step) else {
            return;
        };
        let now = (self.clock)();
        let title = step.title.clone();
        let id = lesson.id.clone();
        let lesson_title = lesson.title.clone();
        let record = self
            .progress
            .lessons
            .entry(id)
            .or_insert_with(|| LessonProgress::new(&lesson_title, now));
        let number = a.step + 1;
        if record.completed_at.is_none() && !record.steps.iter().any(|s| s.number == number) {
            record.steps.push(StepRecord {
                number,
                title,
                done_at: now,
                hints: a.hints.max(record.step_hints),
                solution: a.solution_shown || record.step_solution,
                skipped,
            });
        }
        record.step_hints = 0;
        record.step_solution = false;
    }

    /// Moves to the next step (or finishes the lesson), saves, and presents what follows.
    fn advance(&mut self, session: &Session) -> String {
        let Some(mut a) = self.active.clone() else {
            return String::new();
        };
        let Some(lesson) = self.course.lessons.get(a.lesson).cloned() else {
            return String::new();
        };
        a.step += 1;
        a.hints = 0;
        a.solution_shown = false;
        self.confirm_solution = false;
        let n = lesson.steps.get(a.step).map_or(0, |s| s.check.len());
        a.sticky = vec![false; n];
        a.shown = vec![false; n];
        let now = (self.clock)();
        let finished = a.step >= lesson.steps.len();
        let lesson_index = a.lesson;
        self.active = Some(a);
        let status = self.evaluate(session, None);
        if let Some(a) = self.active.as_mut() {
            a.shown = status;
        }
        let record = self
            .progress
            .lessons
            .entry(lesson.id.clone())
            .or_insert_with(|| LessonProgress::new(&lesson.title, now));
        record.step = if finished {
            lesson.steps.len()
        } else {
            self.active.as_ref().map_or(0, |a| a.step)
        };
        let text = if finished {
            if record.completed_at.is_none() {
                record.completed_at = Some(now);
            }
            let hints = record.total_hints();
            let solutions = record.total_solutions();
            self.progress.current = None;
            let mut t = format!(
                "★ 레슨 {} 「{}」을(를) 마쳤습니다! (힌트 {hints}번, 풀이 {solutions}번)\n",
                lesson_index + 1,
                lesson.title
            );
            match self.course.lessons.get(lesson_index + 1) {
                Some(next) => t.push_str(&format!(
                    "다음 레슨은 {}. 「{}」입니다. 'next'를 입력하세요. (그동안 자유롭게 실습해도 됩니다.)\n",
                    lesson_index + 2,
                    next.title
                )),
                None => t.push_str(
                    "코스의 모든 레슨을 마쳤습니다. 수고했어요! 'progress'로 학습 기록을 볼 수 있습니다.\n",
                ),
            }
            t
        } else {
            present_step(&lesson, self.active.as_ref().map_or(0, |a| a.step))
        };
        self.save();
        text
    }

    fn update_record(&mut self, f: impl FnOnce(&mut LessonProgress)) {
        let Some(lesson) = self.current_lesson().cloned() else {
            return;
        };
        let now = (self.clock)();
        let record = self
            .progress
            .lessons
            .entry(lesson.id.clone())
            .or_insert_with(|| LessonProgress::new(&lesson.title, now));
        f(record);
        self.save();
    }

    fn save(&mut self) {
        let Some(store) = &self.store else {
            return;
        };
        match store.save(&self.progress) {
            Ok(()) => self.save_failed = false,
            Err(e) => {
                if !self.save_failed {
                    self.notices
                        .push(format!("경고: 진도를 저장하지 못했습니다: {e}"));
                }
                self.save_failed = true;
            }
        }
    }

    fn take_notices(&mut self) -> String {
        let mut text = String::new();
        for n in self.notices.drain(..) {
            text.push_str(&n);
            text.push('\n');
        }
        text
    }

    /// Appends pending warnings to a reply.
    fn finish(&mut self, mut text: String) -> String {
        text.push_str(&self.take_notices());
        text
    }
}

// ----- presentation -------------------------------------------------------------------------

fn present_lesson(lesson: &Lesson, i: usize, total: usize) -> String {
    format!(
        "━━━ 레슨 {}/{total} · {} ━━━\n노트: «{}»\n{}\n(코스 명령: task 할 일 · hint 힌트 · solution 풀이 · reset 되돌리기 · lessons 목록 · help)\n",
        i + 1,
        lesson.title,
        lesson.section,
        lesson.summary.trim_end()
    )
}

fn present_step(lesson: &Lesson, i: usize) -> String {
    let Some(step) = lesson.steps.get(i) else {
        return String::new();
    };
    let mut text = format!(
        "── 단계 {}/{} · {} ──\n{}\n",
        i + 1,
        lesson.steps.len(),
        step.title,
        step.text.trim_end()
    );
    match &step.quiz {
        Some(quiz) => {
            text.push_str(&format!("\n▶ 퀴즈: {}\n", quiz.question.trim_end()));
            for (n, choice) in quiz.choices.iter().enumerate() {
                text.push_str(&format!("  {}) {}\n", n + 1, choice));
            }
            if quiz.choices.is_empty() {
                text.push_str("답하려면: answer 답 (낱말로 짧게)\n");
            } else {
                text.push_str("답하려면: answer 번호 (예: answer 1)\n");
            }
        }
        None => text.push_str(&format!("\n▶ 할 일: {}\n", step.task.trim_end())),
    }
    text
}

fn checklist(step: &Step, status: &[bool]) -> String {
    let mut text = String::new();
    for (c, ok) in step.check.iter().zip(status.iter()) {
        text.push_str(&format!(
            "  {} {}\n",
            if *ok { "✓" } else { "✗" },
            c.message.trim_end()
        ));
    }
    text
}

fn short_time(t: Option<&DateTime<Utc>>) -> String {
    t.map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default()
}

fn normalize_answer(s: &str) -> String {
    s.trim()
        .trim_end_matches(['.', '。', '!', '?', '！', '？'])
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// `{{short-id}}` → the first 5 hex digits of the newest container's ID; `{{newest-name}}`
/// → its name. Solutions use them where the value depends on what the learner did.
pub fn fill_placeholders(line: &str, session: &Session) -> String {
    if !line.contains("{{short-id}}") && !line.contains("{{newest-name}}") {
        return line.to_string();
    }
    let newest = session.engine.state().containers_newest_first().next();
    let id = newest.map_or_else(|| "<ID>".to_string(), |c| c.id[..5].to_string());
    let name = newest.map_or_else(|| "<NAME>".to_string(), |c| c.name.clone());
    line.replace("{{short-id}}", &id)
        .replace("{{newest-name}}", &name)
}

// ----- sessions and setup -------------------------------------------------------------------

/// A scratch session whose engine has a virtual clock standing at `start`, the learner's hub,
/// and the lesson seed.
fn scratch_session(session: &Session, start: DateTime<Utc>) -> Session {
    let mut engine = Engine::new(Box::new(VirtualClock::new(start)), LESSON_SEED);
    engine.extend_hub(session.engine.hub().clone());
    Session::new(engine)
}

/// Moves a scratch session's daemon state and host files into the learner's session (whose
/// clock, hub, terminals and settings stay); a terminal holding a container that no longer
/// exists lets go.
fn adopt(session: &mut Session, scratch: Session) {
    session.engine.restore(scratch.engine.snapshot());
    let _ = session.engine.take_events();
    session.host = scratch.host;
    let _ = session.catch_up();
}

/// Builds a lesson's state from nothing, off the learner's clock: a real clock would make the
/// learner wait for the setup's pulls and `docker stop`s and draw their progress. The build
/// runs once to measure how much virtual time it takes, then again starting that much
/// earlier, so it ends exactly at the learner's "now" and every timestamp is in the past.
/// IDs and names come from the lesson seed, so they are the same each time.
pub fn build_offline(
    session: &mut Session,
    build: &dyn Fn(&mut Session) -> Result<(), String>,
) -> Result<(), String> {
    let now = session.engine.now();
    let mut probe = scratch_session(session, now);
    build(&mut probe)?;
    let took = probe.engine.now() - now;
    let mut scratch = scratch_session(session, now - took);
    build(&mut scratch)?;
    adopt(session, scratch);
    Ok(())
}

/// Runs lines on a copy of the learner's state off the learner's clock (for `skip`), then
/// takes the result; what they did is dated from the learner's "now" on.
pub fn run_offline(session: &mut Session, lines: &[String]) {
    let now = session.engine.now();
    let mut scratch = scratch_session(session, now);
    scratch.engine.restore(session.engine.snapshot());
    scratch.host = session.host.clone();
    run_quietly(&mut scratch, lines);
    adopt(session, scratch);
}

fn docker(session: &mut Session, argv: &[String]) -> Output {
    let mut ask = |_: &str| None;
    let mut ctx = Ctx {
        host: &mut session.host,
        ask: &mut ask,
        stdin_tty: false,
        echo_answers: false,
        cjk: false,
        stdout_redirect: None,
        stdin_redirect: None,
    };
    cli::run_docker(&mut session.engine, &mut ctx, argv)
}

/// Builds the lesson's starting state in `session`.
pub fn apply_setup(session: &mut Session, lesson: &Lesson) -> Result<(), String> {
    let setup = &lesson.setup;
    for image in &setup.images {
        let reference = ImageRef::parse(image).map_err(|e| format!("이미지 '{image}': {e}"))?;
        session
            .engine
            .pull(&reference)
            .map_err(|e| format!("이미지 '{image}'을(를) 받을 수 없습니다: {e}"))?;
    }
    for custom in &setup.custom_images {
        let created = match &custom.created {
            Some(text) => Some(
                DateTime::parse_from_rfc3339(text)
                    .map_err(|e| format!("created '{text}': {e}"))?
                    .with_timezone(&Utc),
            ),
            None => None,
        };
        session
            .engine
            .add_custom_image(&CustomImage {
                reference: custom.name.clone(),
                base: custom.base.clone(),
                size: custom.size.0,
                cmd: custom.cmd.clone(),
                entrypoint: custom.entrypoint.clone(),
                created,
                files: custom
                    .files
                    .iter()
                    .map(|f| (f.path.clone(), f.content.clone()))
                    .collect(),
            })
            .map_err(|e| format!("이미지 '{}'을(를) 만들 수 없습니다: {e}", custom.name))?;
    }
    for c in &setup.containers {
        let mut argv: Vec<String> = match c.state {
            SetupState::Created => vec!["create".into()],
            SetupState::Running | SetupState::Exited => vec!["run".into(), "-d".into()],
        };
        if let Some(name) = &c.name {
            argv.push("--name".into());
            argv.push(name.clone());
        }
        argv.push(c.image.clone());
        argv.extend(c.command.iter().cloned());
        let out = docker(session, &argv);
        if out.exit_code != 0 {
            return Err(format!(
                "컨테이너를 만들 수 없습니다 (docker {}): {}",
                argv.join(" "),
                out.stderr().trim_end()
            ));
        }
        let id = out.stdout().trim().to_string();
        let _ = session.engine.now();
        let running = session
            .engine
            .state()
            .container(&id)
            .is_some_and(|k| k.is_running());
        if c.state == SetupState::Exited && running {
            let _ = docker(session, &["kill".to_string(), id.clone()]);
        }
        if c.state == SetupState::Running && !running {
            return Err(format!(
                "컨테이너 '{}'이(가) 바로 끝나 버려 running 상태가 될 수 없습니다 (command 를 확인하세요)",
                c.name.clone().unwrap_or(id)
            ));
        }
    }
    for f in &setup.files {
        session
            .host
            .write(&f.path, HostFile::Text(f.content.clone()))
            .map_err(|dir| format!("파일 '{}': 폴더 {dir}이(가) 없습니다", f.path))?;
    }
    for line in &setup.commands {
        let mut ask = |_: &str| None;
        let result = session.run_line(line, &mut ask);
        if result.output.exit_code != 0 {
            return Err(format!(
                "준비 명령 '{line}'이(가) 실패했습니다 (종료 코드 {}): {}",
                result.output.exit_code,
                result.output.stderr().trim_end()
            ));
        }
    }
    let _ = session.engine.take_events();
    Ok(())
}

/// Runs solution lines without showing anything; a line after a command that asks a
/// question is its answer. Quiz answers (`answer …`) are not shell lines and are skipped.
pub fn run_quietly(session: &mut Session, lines: &[String]) {
    let mut queue: std::collections::VecDeque<String> = lines.iter().cloned().collect();
    while let Some(line) = queue.pop_front() {
        if is_tutor_line(&line) {
            continue;
        }
        let line = fill_placeholders(&line, session);
        let mut ask = |_: &str| queue.pop_front();
        let _ = session.run_line(&line, &mut ask);
    }
    let _ = session.engine.take_events();
}

/// Whether a solution line is a course word (a quiz answer) rather than a shell line.
pub fn is_tutor_line(line: &str) -> bool {
    let word = line.split_whitespace().next().unwrap_or("");
    COURSE_WORDS.contains(&word) || word == "답"
}

/// A report a student can hand in: lessons done, when, hints and solutions used.
pub fn render_report(progress: &Progress, course: &Course) -> String {
    let mut out = String::from("dockersim 학습 기록\n");
    let mut ids: Vec<&String> = Vec::new();
    for l in &course.lessons {
        if progress.lessons.contains_key(&l.id) {
            ids.push(&l.id);
        }
    }
    for id in progress.lessons.keys() {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        out.push_str("아직 시작한 레슨이 없습니다.\n");
        return out;
    }
    let done = ids
        .iter()
        .filter(|id| {
            progress
                .lessons
                .get(id.as_str())
                .is_some_and(|r| r.completed_at.is_some())
        })
        .count();
    out.push_str(&format!(
        "완료한 레슨 {done}개 / 코스 전체 {}개\n\n",
        course.lessons.len()
    ));
    for id in ids {
        let Some(r) = progress.lessons.get(id.as_str()) else {
            continue;
        };
        let position = course
            .lessons
            .iter()
            .position(|l| &l.id == id)
            .map(|i| format!("{}. ", i + 1))
            .unwrap_or_default();
        let total_steps = course
            .lessons
            .iter()
            .find(|l| &l.id == id)
            .map(|l| l.steps.len());
        let state = match (&r.completed_at, total_steps) {
            (Some(t), _) => format!("완료 {}", format_time(t)),
            (None, Some(n)) => format!("진행 중 (단계 {}/{n})", (r.step + 1).min(n)),
            (None, None) => "진행 중".to_string(),
        };
        out.push_str(&format!("{position}{} [{id}] — {state}\n", r.title));
        out.push_str(&format!(
            "   시작 {} · 힌트 {}번 · 풀이 {}번 · 건너뜀 {}번\n",
            format_time(&r.started_at),
            r.total_hints(),
            r.total_solutions(),
            r.total_skipped()
        ));
        for s in &r.steps {
            let mut notes = Vec::new();
            if s.hints > 0 {
                notes.push(format!("힌트 {}", s.hints));
            }
            if s.solution {
                notes.push("풀이 봄".to_string());
            }
            if s.skipped {
                notes.push("건너뜀".to_string());
            }
            let notes = if notes.is_empty() {
                String::new()
            } else {
                format!(" ({})", notes.join(", "))
            };
            out.push_str(&format!(
                "   - 단계 {} {}: {}{notes}\n",
                s.number,
                s.title,
                format_time(&s.done_at)
            ));
        }
    }
    out
}
