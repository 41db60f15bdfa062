//! The course, replayed headless through the library: every lesson loads, every step starts
//! unsolved, rejects its known wrong attempts, accepts docker's aliases, and passes with its
//! solution; each solution transcript is a snapshot. Also the teachers' checker on broken
//! lessons, and progress as a new learner would make it.

use chrono::{DateTime, Duration, TimeZone, Utc};
use dockersim::engine::Engine;
use dockersim::lesson::replay::{feed, lesson_harness};
use dockersim::lesson::{
    builtin_course, check_lessons_dir, load_course, progress_report, replay_in_course,
    replay_lesson, Course, Lesson, Tutor, BUILTIN_FILES,
};
use dockersim::shell::Session;
use std::cell::Cell;
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::rc::Rc;

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("../snapshots");
    s.set_prepend_module_to_snapshot(true);
    s
}

fn lesson(id: &str) -> Lesson {
    builtin_course()
        .lessons
        .into_iter()
        .find(|l| l.id == id)
        .unwrap_or_else(|| panic!("no lesson {id}"))
}

/// A session and tutor at step `k` (0-based) of `lesson`, entered as `resume` would.
fn at_step(lesson: &Lesson, k: usize) -> (Session, Tutor) {
    let (mut session, mut tutor) = lesson_harness(lesson);
    tutor.enter_at(&mut session, 0, k);
    assert_eq!(tutor.position(), Some((0, k)));
    (session, tutor)
}

fn type_line(tutor: &mut Tutor, session: &mut Session, line: &str) -> String {
    feed(tutor, session, line, &mut VecDeque::new())
}

#[test]
fn the_builtin_list_matches_the_lessons_folder() {
    let mut on_disk: Vec<String> = std::fs::read_dir("lessons")
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".yaml"))
        .map(|n| format!("lessons/{n}"))
        .collect();
    on_disk.sort();
    let embedded: Vec<String> = BUILTIN_FILES.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(embedded, on_disk, "add new lesson files to BUILTIN_FILES");
    for (name, text) in BUILTIN_FILES {
        assert_eq!(
            std::fs::read_to_string(name).unwrap(),
            *text,
            "{name} is stale"
        );
        if let Err(e) = dockersim::lesson::parse_lesson(name, text) {
            panic!("{name}: {e:?}");
        }
    }
    let course = builtin_course();
    assert_eq!(course.lessons.len(), BUILTIN_FILES.len());
    let from_dir = load_course(Path::new("lessons")).unwrap();
    let ids = |c: &Course| c.lessons.iter().map(|l| l.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&course), ids(&from_dir));
}

#[test]
fn the_course_follows_the_notes_in_order() {
    let course = builtin_course();
    let ids: Vec<&str> = course.lessons.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "01-containers",
            "02-run-anatomy",
            "03-after-run",
            "04-create-inside",
            "05-ps",
            "06-create-start",
            "07-stop-kill",
            "08-rm",
            "09-prune",
            "10-exec",
            "11-image-files",
        ]
    );
    for l in &course.lessons {
        assert!(
            (3..=8).contains(&l.steps.len()),
            "{}: {} steps",
            l.id,
            l.steps.len()
        );
        assert!(!l.section.trim().is_empty(), "{}", l.id);
        for (k, s) in l.steps.iter().enumerate() {
            assert!(!s.explanation.trim().is_empty(), "{} step {}", l.id, k + 1);
        }
    }
    // The concept sections are quizzes: container versus VM, image versus container.
    let first = &course.lessons[0];
    let questions: Vec<String> = first
        .steps
        .iter()
        .filter_map(|s| s.quiz.as_ref().map(|q| q.question.clone()))
        .collect();
    assert!(
        questions.iter().any(|q| q.contains("가상 머신")),
        "{questions:?}"
    );
    assert!(
        questions.iter().any(|q| q.contains("클래스")),
        "{questions:?}"
    );
    assert!(first.steps.iter().any(|s| s
        .quiz
        .as_ref()
        .is_some_and(|q| q.choices.is_empty() && !q.accept.is_empty())));
}

#[test]
fn every_solution_passes_and_its_transcript_is_a_snapshot() {
    let course = builtin_course();
    for (i, lesson) in course.lessons.iter().enumerate() {
        let replay = replay_in_course(&course, i, None);
        assert!(
            replay.problems.is_empty(),
            "{}: {:?}\n{}",
            lesson.id,
            replay.problems,
            replay.transcript
        );
        settings().bind(|| {
            insta::assert_snapshot!(lesson.id.clone(), replay.transcript);
        });
    }
}

#[test]
fn no_step_starts_solved() {
    for lesson in builtin_course().lessons {
        for k in 0..lesson.steps.len() {
            let (mut session, mut tutor) = at_step(&lesson, k);
            assert!(
                !tutor.step_passes_now(&session),
                "{} step {} passes at its start",
                lesson.id,
                k + 1
            );
            // A harmless line is judged and does not pass it either.
            let out = type_line(&mut tutor, &mut session, "echo hi");
            assert_eq!(tutor.position(), Some((0, k)), "{}: {out}", lesson.id);
        }
    }
}

#[test]
fn known_wrong_attempts_are_rejected() {
    // The replay of a lone lesson checks the same; here each attempt is typed by hand too.
    assert!(replay_lesson(&lesson("08-rm")).problems.is_empty());
    for lesson in builtin_course().lessons {
        let wrongs: usize = lesson.steps.iter().map(|s| s.wrong.len()).sum();
        assert!(
            wrongs >= lesson.steps.len(),
            "{}: too few wrong attempts",
            lesson.id
        );
        for (k, step) in lesson.steps.iter().enumerate() {
            assert!(
                !step.wrong.is_empty(),
                "{} step {} has none",
                lesson.id,
                k + 1
            );
            for wrong in &step.wrong {
                let (mut session, mut tutor) = at_step(&lesson, k);
                let out = type_line(&mut tutor, &mut session, wrong);
                assert_eq!(
                    tutor.position(),
                    Some((0, k)),
                    "{} step {}: '{wrong}' passed\n{out}",
                    lesson.id,
                    k + 1
                );
            }
        }
    }
}

/// Feeds `lines` at step `k` of lesson `id` and returns whether the step passed.
fn passes(id: &str, k: usize, lines: &[&str]) -> bool {
    let l = lesson(id);
    let (mut session, mut tutor) = at_step(&l, k);
    let mut transcript = String::new();
    for line in lines {
        transcript.push_str(&type_line(&mut tutor, &mut session, line));
    }
    let passed = tutor.position() == Some((0, k + 1));
    if !passed {
        eprintln!("{transcript}");
    }
    passed
}

#[test]
fn docker_aliases_and_flag_spellings_are_accepted() {
    // docker ps = docker container ls (list, ps); -a = --all.
    assert!(passes("05-ps", 0, &["docker container ls"]));
    assert!(passes("05-ps", 1, &["docker container ls --all"]));
    assert!(passes("05-ps", 1, &["docker container list -a"]));
    assert!(passes("05-ps", 1, &["docker ps --all"]));
    assert!(passes("02-run-anatomy", 3, &["docker container ps --all"]));
    assert!(passes(
        "04-create-inside",
        3,
        &["docker container ls --all"]
    ));
    // Flag order does not matter; the format text may have spaces.
    assert!(passes(
        "05-ps",
        5,
        &["docker container ls --format 'table {{.Names}}\\t{{.Status}}' --all"]
    ));
    // docker rm = docker container rm, with $(...) or backticks.
    assert!(passes(
        "08-rm",
        1,
        &["docker container stop web", "docker container rm web"]
    ));
    assert!(passes(
        "08-rm",
        2,
        &["docker container rm $(docker container ls --all --quiet)"]
    ));
    assert!(passes("08-rm", 2, &["docker rm `docker ps -a -q`"]));
    assert!(passes("08-rm", 3, &["docker image rm hello-world"]));
    // docker images = docker image ls; run = container run; ID or name.
    assert!(passes("03-after-run", 0, &["docker image ls"]));
    assert!(passes(
        "03-after-run",
        2,
        &["docker container run hello-world:latest"]
    ));
    assert!(passes("07-stop-kill", 0, &["docker container stop slow"]));
    assert!(passes("07-stop-kill", 1, &["docker container kill fast"]));
    assert!(passes("10-exec", 0, &["docker container exec box ls"]));
    // The learner may type the generated name instead of an ID; start by short ID.
    assert!(passes(
        "05-ps",
        6,
        &["docker container rename {{newest-name}} my-alpine"]
    ));
    assert!(passes(
        "06-create-start",
        1,
        &["docker container start {{short-id}}"]
    ));
    // Quizzes: a bare number, or the short answer in another accepted form.
    assert!(passes("01-containers", 0, &["2"]));
    assert!(passes("01-containers", 2, &["answer Instance."]));
    assert!(passes("05-ps", 2, &["answer command"]));
}

#[test]
fn the_lessons_folder_checks_clean() {
    let (report, code) = check_lessons_dir(Path::new("lessons"), None);
    assert_eq!(code, 0, "{report}");
    assert!(report.contains("레슨 11개 모두 통과했습니다"), "{report}");
    assert_eq!(report.matches("✓ lessons/").count(), 11, "{report}");
}

#[test]
fn broken_lessons_are_reported_with_file_line_and_column() {
    let (report, code) = check_lessons_dir(Path::new("tests/fixtures/broken-lessons"), None);
    assert_eq!(code, 1, "{report}");
    let dir = "tests/fixtures/broken-lessons";
    for expected in [
        format!("{dir}/01-unknown-field.yaml:9:5: steps[0]: 알 수 없는 항목 `hint`입니다"),
        format!("{dir}/02-unknown-predicate.yaml:10:9: steps[0].check[0]: 알 수 없는 조건 `contaner`입니다"),
        format!("{dir}/03-unknown-image.yaml:15:20: 'my-app:v1' 이미지는 가상 Docker Hub에 없고"),
        format!("{dir}/04-failing-solution.yaml:8:3: 단계 1: 풀이를 모두 실행했지만 통과하지 못했습니다"),
        format!("{dir}/05-wrong-passes.yaml:8:3: 단계 1: 틀린 시도 'docker ps'인데 단계를 통과해 버렸습니다"),
        format!("{dir}/06-already-solved.yaml:8:3: 단계 1: 단계가 시작하자마자 이미 통과한 상태입니다"),
        format!("{dir}/07-bad-quiz.yaml:12:7: 단계 1: answer 3은(는) 보기 번호(1~2)를 벗어납니다"),
        format!("{dir}/08-yaml-syntax.yaml:6:1: YAML 문법 오류입니다"),
    ] {
        assert!(report.contains(&expected), "missing «{expected}» in\n{report}");
    }
    assert!(
        report.contains("레슨 8개 중 8개에 문제가 있습니다"),
        "{report}"
    );
    // load_course refuses the folder with the same positions.
    let errors = load_course(Path::new(dir)).unwrap_err();
    assert!(errors.iter().any(|e| e.line == 9 && e.column == 5));

    let (report, code) = check_lessons_dir(Path::new("tests/fixtures/no-such-folder"), None);
    assert_eq!(code, 1);
    assert!(report.contains("레슨 폴더를 읽을 수 없습니다"), "{report}");
}

// ----- the learner's side ---------------------------------------------------------------

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dockersim-lessons-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// A clock that moves one minute each time it is read.
fn ticking_clock() -> Box<dyn Fn() -> DateTime<Utc>> {
    let start = Utc
        .with_ymd_and_hms(2026, 3, 2, 9, 0, 0)
        .single()
        .expect("a valid date");
    let n = Rc::new(Cell::new(0i64));
    Box::new(move || {
        n.set(n.get() + 1);
        start + Duration::minutes(n.get())
    })
}

/// Works through the current lesson the way a learner who asks for hints would: one hint per
/// step, then the solution lines typed by hand.
fn do_lesson_with_hints(tutor: &mut Tutor, session: &mut Session) -> String {
    let mut log = String::new();
    let (lesson_index, _) = tutor.position().expect("in a lesson");
    let lesson = tutor.course().lessons[lesson_index].clone();
    while let Some((i, k)) = tutor.position() {
        if i != lesson_index || k >= lesson.steps.len() {
            break;
        }
        log.push_str(&type_line(tutor, session, "task"));
        let hint = type_line(tutor, session, "hint");
        assert!(hint.contains("힌트 1/"), "{hint}");
        log.push_str(&hint);
        let mut answers: VecDeque<String> = lesson.steps[k].solution.iter().cloned().collect();
        while let Some(line) = answers.pop_front() {
            log.push_str(&feed(tutor, session, &line, &mut answers));
        }
        assert_eq!(tutor.position(), Some((lesson_index, k + 1)), "{log}");
    }
    log
}

#[test]
fn a_new_learner_finishes_two_lessons_quits_and_resumes() {
    let dir = temp_dir("newuser");
    let course = builtin_course();
    let mut session = Session::new(Engine::scripted(0));
    let mut tutor = Tutor::with_clock(course.clone(), Some(dir.clone()), ticking_clock());
    let hello = tutor.greeting();
    assert!(hello.contains("'start 1'"), "{hello}");
    let list = type_line(&mut tutor, &mut session, "lessons");
    assert!(list.contains("완료 0개"), "{list}");
    assert!(list.contains(" 1. 컨테이너와 도커"), "{list}");

    let intro = type_line(&mut tutor, &mut session, "start");
    assert!(intro.contains("레슨 1/11"), "{intro}");
    do_lesson_with_hints(&mut tutor, &mut session);
    let next = type_line(&mut tutor, &mut session, "next");
    assert!(next.contains("레슨 2/11"), "{next}");
    do_lesson_with_hints(&mut tutor, &mut session);
    let next = type_line(&mut tutor, &mut session, "next");
    assert!(next.contains("레슨 3/11"), "{next}");
    // One step into lesson 3, then a free command in the sandbox, then the program ends.
    type_line(&mut tutor, &mut session, "docker images");
    assert_eq!(tutor.position(), Some((2, 1)));
    let quit = type_line(&mut tutor, &mut session, "quit-lesson");
    assert!(quit.contains("resume"), "{quit}");
    type_line(&mut tutor, &mut session, "docker run alpine echo 자유 실습");
    drop(tutor);
    drop(session);

    // Progress is on disk, written atomically (no temporary file left).
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, vec!["progress.json".to_string()]);

    // Next day: a fresh program, a fresh engine.
    let mut session = Session::new(Engine::scripted(7));
    let mut tutor = Tutor::with_clock(course, Some(dir.clone()), ticking_clock());
    let hello = tutor.greeting();
    assert!(hello.contains("완료 2개"), "{hello}");
    assert!(hello.contains("단계 2에서 멈췄습니다"), "{hello}");
    let back = type_line(&mut tutor, &mut session, "resume");
    assert_eq!(tutor.position(), Some((2, 1)), "{back}");
    assert!(back.contains("단계 2/6"), "{back}");
    // The state was rebuilt: step 2 of lesson 3 needs an empty cache, and after it the
    // second run must hit the cache.
    let out = type_line(&mut tutor, &mut session, "docker run hello-world");
    assert!(out.contains("Unable to find image"), "{out}");
    assert_eq!(tutor.position(), Some((2, 2)), "{out}");
    let out = type_line(&mut tutor, &mut session, "docker run hello-world");
    let docker_said: String = out.lines().filter(|l| !l.starts_with('│')).collect();
    assert!(!docker_said.contains("Unable to find image"), "{out}");
    assert_eq!(tutor.position(), Some((2, 3)), "{out}");

    let list = type_line(&mut tutor, &mut session, "lessons");
    assert!(list.contains("✓  1. 컨테이너와 도커"), "{list}");
    assert!(
        list.contains("▶  3. docker run 다음에 일어나는 일"),
        "{list}"
    );

    let report = progress_report(&dir);
    assert!(
        report.contains("완료한 레슨 2개 / 코스 전체 11개"),
        "{report}"
    );
    assert!(
        report.contains("1. 컨테이너와 도커 [01-containers] — 완료 2026-03-02T"),
        "{report}"
    );
    assert!(report.contains("힌트 5번 · 풀이 0번"), "{report}");
    assert!(
        report.contains("3. docker run 다음에 일어나는 일 [03-after-run] — 진행 중 (단계 4/6)"),
        "{report}"
    );
    assert!(
        report.contains("   - 단계 1 컨테이너는 무엇을 담을까: 2026-03-02T"),
        "{report}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_corrupt_progress_file_is_kept_aside_with_a_warning() {
    let dir = temp_dir("corrupt");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("progress.json"), "{\"version\": 1, \"lessons\": ").unwrap();
    let mut tutor = Tutor::with_clock(builtin_course(), Some(dir.clone()), ticking_clock());
    let hello = tutor.greeting();
    assert!(hello.contains("경고: 진도 파일이 손상되어"), "{hello}");
    let aside = dir.join("progress.json.corrupt-20260302T090100Z");
    assert!(hello.contains(&aside.display().to_string()), "{hello}");
    assert_eq!(
        std::fs::read_to_string(&aside).unwrap(),
        "{\"version\": 1, \"lessons\": "
    );
    // New progress is written beside it, and the report reads it.
    let mut session = Session::new(Engine::scripted(0));
    type_line(&mut tutor, &mut session, "start 1");
    type_line(&mut tutor, &mut session, "answer 2");
    assert!(dir.join("progress.json").exists());
    assert!(aside.exists());
    let report = progress_report(&dir);
    assert!(report.contains("진행 중 (단계 2/5)"), "{report}");

    // The report on an unreadable file says so and changes nothing.
    std::fs::write(dir.join("progress.json"), "garbage").unwrap();
    let report = progress_report(&dir);
    assert!(report.contains("읽을 수 없습니다"), "{report}");
    assert_eq!(
        std::fs::read_to_string(dir.join("progress.json")).unwrap(),
        "garbage"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn hints_solution_reset_undo_and_skip() {
    let l = lesson("08-rm");
    let (mut session, mut tutor) = at_step(&l, 1);
    let h1 = type_line(&mut tutor, &mut session, "hint");
    assert!(h1.contains("힌트 1/1"), "{h1}");
    let h2 = type_line(&mut tutor, &mut session, "hint");
    assert!(h2.contains("힌트를 모두 보았습니다"), "{h2}");

    // The solution asks first; anything else cancels.
    let ask = type_line(&mut tutor, &mut session, "solution");
    assert!(ask.contains("정말 볼까요?"), "{ask}");
    let other = type_line(&mut tutor, &mut session, "docker ps");
    assert!(!other.contains("풀이:"), "{other}");
    type_line(&mut tutor, &mut session, "solution");
    let shown = type_line(&mut tutor, &mut session, "yes");
    assert!(
        shown.contains("풀이:\n│   docker stop web\n│   docker rm web"),
        "{shown}"
    );

    // A forced removal does not pass (the notes' way is stop, then rm); undo brings web back.
    let out = type_line(&mut tutor, &mut session, "docker rm -f web");
    assert_eq!(tutor.position(), Some((0, 1)), "{out}");
    assert!(session.engine.state().container_by_name("web").is_none());
    let undo = type_line(&mut tutor, &mut session, "undo");
    assert!(undo.contains("되돌렸습니다"), "{undo}");
    assert!(session
        .engine
        .state()
        .container_by_name("web")
        .is_some_and(|c| c.is_running()));

    // reset: back to the step's starting state.
    type_line(&mut tutor, &mut session, "docker stop web");
    type_line(&mut tutor, &mut session, "docker run alpine echo extra");
    let reset = type_line(&mut tutor, &mut session, "reset");
    assert!(reset.contains("단계 2을(를) 시작할 때의 상태로"), "{reset}");
    assert_eq!(session.engine.state().container_count(), 3);
    assert!(session
        .engine
        .state()
        .container_by_name("web")
        .is_some_and(|c| c.is_running()));

    // skip: the step is recorded as skipped and its solution is run for the next step.
    let skip = type_line(&mut tutor, &mut session, "skip");
    assert!(skip.contains("건너뜁니다"), "{skip}");
    assert_eq!(tutor.position(), Some((0, 2)));
    assert!(session.engine.state().container_by_name("web").is_none());
    let record = &tutor.progress().lessons["08-rm"];
    let step2 = record.steps.iter().find(|s| s.number == 2).unwrap();
    assert!(
        step2.skipped && step2.solution && step2.hints == 1,
        "{step2:?}"
    );
}

#[test]
fn anything_else_runs_normally_and_never_breaks_the_lesson() {
    let l = lesson("10-exec");
    let (mut session, mut tutor) = at_step(&l, 0);
    for line in [
        "",
        "ls",
        "nonsense command",
        "docker",
        "docker nope",
        "docker ps --format '{{.Nope}}'",
        "echo \"unterminated",
        "help",
        "5",
        "answer 1",
        "docker run -it alpine sh",
        "ls /",
        "hint",
        "exit",
        "docker rm -f nothing",
    ] {
        let out = type_line(&mut tutor, &mut session, line);
        assert_eq!(tutor.position(), Some((0, 0)), "{line}: {out}");
    }
    let help = type_line(&mut tutor, &mut session, "help");
    assert!(help.contains("코스 명령"), "{help}");
    let answer = type_line(&mut tutor, &mut session, "answer 1");
    assert!(answer.contains("퀴즈가 아니라 실습"), "{answer}");
    // The step still passes normally afterwards.
    let out = type_line(&mut tutor, &mut session, "docker exec box ls");
    assert_eq!(tutor.position(), Some((0, 1)), "{out}");
    // Outside a lesson, course words explain themselves and shell lines are not taken.
    let quit = type_line(&mut tutor, &mut session, "sandbox");
    assert!(quit.contains("자유 실습"), "{quit}");
    assert!(type_line(&mut tutor, &mut session, "hint").contains("진행 중인 레슨이 없습니다"));
    assert!(
        type_line(&mut tutor, &mut session, "7").contains("command not found")
            || type_line(&mut tutor, &mut session, "7").contains("명령을 찾을 수 없습니다")
    );
}

#[test]
fn a_wrong_quiz_answer_is_rejected_with_a_nudge() {
    let l = lesson("07-stop-kill");
    let (mut session, mut tutor) = at_step(&l, 4);
    let out = type_line(&mut tutor, &mut session, "answer 1");
    assert!(out.contains("아쉽지만 아닙니다"), "{out}");
    let out = type_line(&mut tutor, &mut session, "answer 9");
    assert!(out.contains("보기는 1부터 4까지"), "{out}");
    let out = type_line(&mut tutor, &mut session, "answer 2");
    assert!(out.contains("정답입니다"), "{out}");
    assert_eq!(tutor.position(), Some((0, 5)));
}

#[test]
fn resuming_rebuilds_the_state_in_the_past_not_on_the_learner_clock() {
    // Step 2 of the stop lesson starts after `docker stop slow`, which waits 10 seconds:
    // the rebuild takes that time on a scratch clock that ends at the learner's "now".
    let l = lesson("07-stop-kill");
    let (mut session, mut tutor) = at_step(&l, 1);
    assert_eq!(
        session.engine.now(),
        Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single().unwrap()
    );
    let out = type_line(
        &mut tutor,
        &mut session,
        "docker ps -a --format '{{.Names}}: {{.RunningFor}}, {{.Status}}'",
    );
    assert!(
        out.contains("slow: 10 seconds ago, Exited (137) Less than a second ago"),
        "{out}"
    );
    assert!(out.contains("fast: 10 seconds ago, Up 10 seconds"), "{out}");
}
