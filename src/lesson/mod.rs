//! The Korean course: lessons as YAML data, their loader and validation, the checker that
//! judges what the learner did, the tutor the REPL talks to, and the progress file.
//!
//! Lessons check outcomes: the engine's state, the shape of the parsed docker command, or what
//! a command printed, never the raw text typed. Progress timestamps are the only wall-clock
//! time read below `main` (they record when a learner did something); tests inject a clock.

pub mod check;
pub mod loader;
pub mod model;
pub mod progress;
pub mod replay;
pub mod tutor;

pub use loader::{load_course, load_course_in, parse_lesson, parse_lesson_in, LessonError};
pub use model::{Course, Lesson};
pub use replay::{check_lessons_dir, replay_in_course, replay_lesson, Replay};
pub use tutor::{Tutor, COURSE_HELP, COURSE_WORDS};

use std::path::{Path, PathBuf};

/// The built-in course files, embedded so the binary works from any folder. A test checks
/// that this list and the files in `lessons/` agree.
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    (
        "lessons/01-containers.yaml",
        include_str!("../../lessons/01-containers.yaml"),
    ),
    (
        "lessons/02-run-anatomy.yaml",
        include_str!("../../lessons/02-run-anatomy.yaml"),
    ),
    (
        "lessons/03-after-run.yaml",
        include_str!("../../lessons/03-after-run.yaml"),
    ),
    (
        "lessons/04-create-inside.yaml",
        include_str!("../../lessons/04-create-inside.yaml"),
    ),
    (
        "lessons/05-ps.yaml",
        include_str!("../../lessons/05-ps.yaml"),
    ),
    (
        "lessons/06-create-start.yaml",
        include_str!("../../lessons/06-create-start.yaml"),
    ),
    (
        "lessons/07-stop-kill.yaml",
        include_str!("../../lessons/07-stop-kill.yaml"),
    ),
    (
        "lessons/08-rm.yaml",
        include_str!("../../lessons/08-rm.yaml"),
    ),
    (
        "lessons/09-prune.yaml",
        include_str!("../../lessons/09-prune.yaml"),
    ),
    (
        "lessons/10-exec.yaml",
        include_str!("../../lessons/10-exec.yaml"),
    ),
    (
        "lessons/11-image-files.yaml",
        include_str!("../../lessons/11-image-files.yaml"),
    ),
];

/// The built-in course. Each file is validated by the tests; a file that failed to parse
/// would be left out rather than take the program down.
pub fn builtin_course() -> Course {
    Course {
        lessons: BUILTIN_FILES
            .iter()
            .filter_map(|(name, text)| parse_lesson(name, text).ok())
            .collect(),
    }
}

/// The learner's progress report from the progress file in `data_dir`.
pub fn progress_report(data_dir: &Path) -> String {
    let course = builtin_course();
    match progress::read_progress(data_dir) {
        Ok(Some(p)) => tutor::render_report(&p, &course),
        Ok(None) => format!(
            "dockersim 학습 기록\n아직 기록이 없습니다 ({}에 진도 파일이 없습니다).\n",
            data_dir.join(progress::PROGRESS_FILE).display()
        ),
        Err(e) => format!(
            "dockersim 학습 기록\n진도 파일 {}을(를) 읽을 수 없습니다: {e}\n(dockersim을 실행하면 손상된 파일은 옆으로 옮겨 두고 새로 기록합니다.)\n",
            data_dir.join(progress::PROGRESS_FILE).display()
        ),
    }
}

/// Where progress is kept unless a flag says otherwise: `$DOCKERSIM_DATA_DIR`, else
/// `$XDG_DATA_HOME/dockersim`, else `~/.local/share/dockersim`. For `main` only: the library
/// itself never reads the environment.
pub fn default_data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("DOCKERSIM_DATA_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    if let Some(dir) = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir).join("dockersim"));
    }
    std::env::var_os("HOME")
        .filter(|d| !d.is_empty())
        .map(|home| PathBuf::from(home).join(".local/share/dockersim"))
}
