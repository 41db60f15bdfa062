//! The learner's progress file: which lessons and steps are done, when, and how many hints and
//! solutions were used. Written atomically (a temporary file, then a rename) after every
//! change that matters, so a crash loses nothing; a file that cannot be read is renamed aside
//! with a warning, never silently dropped or overwritten.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The progress file's name inside the data folder.
pub const PROGRESS_FILE: &str = "progress.json";

/// The format version written in the file.
const VERSION: u32 = 1;

/// Everything saved about one learner.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    /// The file format version.
    pub version: u32,
    /// The lesson in progress (its id), for `resume`.
    #[serde(default)]
    pub current: Option<String>,
    /// Per lesson, by id.
    #[serde(default)]
    pub lessons: BTreeMap<String, LessonProgress>,
}

/// Progress in one lesson.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonProgress {
    /// The lesson's title when it was last worked on (the report works without the course).
    pub title: String,
    /// First start.
    #[serde(with = "ts")]
    pub started_at: DateTime<Utc>,
    /// First completion.
    #[serde(default, with = "ts_opt")]
    pub completed_at: Option<DateTime<Utc>>,
    /// The step the learner is on (0-based; the number of steps once finished).
    pub step: usize,
    /// Hints seen in the current step.
    #[serde(default)]
    pub step_hints: usize,
    /// Whether the current step's solution was shown.
    #[serde(default)]
    pub step_solution: bool,
    /// Steps passed or skipped, in the order it happened.
    #[serde(default)]
    pub steps: Vec<StepRecord>,
}

/// One step passed (or skipped).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepRecord {
    /// Step number, from 1.
    pub number: usize,
    /// The step's title.
    pub title: String,
    /// When it was passed or skipped.
    #[serde(with = "ts")]
    pub done_at: DateTime<Utc>,
    /// Hints seen before passing.
    pub hints: usize,
    /// Whether the solution was shown.
    pub solution: bool,
    /// Skipped rather than passed.
    pub skipped: bool,
}

impl LessonProgress {
    /// A lesson started now.
    pub fn new(title: &str, now: DateTime<Utc>) -> LessonProgress {
        LessonProgress {
            title: title.to_string(),
            started_at: now,
            completed_at: None,
            step: 0,
            step_hints: 0,
            step_solution: false,
            steps: Vec::new(),
        }
    }

    /// Hints used in all recorded steps and the current one.
    pub fn total_hints(&self) -> usize {
        self.steps.iter().map(|s| s.hints).sum::<usize>() + self.step_hints
    }

    /// Solutions shown in all recorded steps and the current one.
    pub fn total_solutions(&self) -> usize {
        self.steps.iter().filter(|s| s.solution).count() + usize::from(self.step_solution)
    }

    /// Steps skipped.
    pub fn total_skipped(&self) -> usize {
        self.steps.iter().filter(|s| s.skipped).count()
    }
}

/// Time as RFC 3339 text (`2026-03-01T10:15:00Z`).
pub fn format_time(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

mod ts {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::format_time(t))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let text = String::deserialize(d)?;
        DateTime::parse_from_rfc3339(&text)
            .map(|t| t.with_timezone(&Utc))
            .map_err(serde::de::Error::custom)
    }
}

mod ts_opt {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_str(&super::format_time(t)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(text) => DateTime::parse_from_rfc3339(&text)
                .map(|t| Some(t.with_timezone(&Utc)))
                .map_err(serde::de::Error::custom),
        }
    }
}

/// Where progress lives: a data folder on the real disk.
#[derive(Clone, Debug)]
pub struct ProgressStore {
    dir: PathBuf,
}

/// What loading found.
#[derive(Debug)]
pub struct Loaded {
    /// The progress (empty when there was no file or it was unreadable).
    pub progress: Progress,
    /// Warnings for the learner, in Korean.
    pub warnings: Vec<String>,
}

impl ProgressStore {
    /// A store in `dir` (created on the first save).
    pub fn new(dir: impl Into<PathBuf>) -> ProgressStore {
        ProgressStore { dir: dir.into() }
    }

    /// The progress file's path.
    pub fn path(&self) -> PathBuf {
        self.dir.join(PROGRESS_FILE)
    }

    /// Reads the progress. A file that does not parse is renamed to
    /// `progress.json.corrupt-<time>` so nothing is lost, and a warning says where it went.
    pub fn load(&self, now: DateTime<Utc>) -> Loaded {
        let path = self.path();
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Loaded {
                    progress: Progress::default(),
                    warnings: Vec::new(),
                }
            }
            Err(e) => {
                return Loaded {
                    progress: Progress::default(),
                    warnings: vec![format!(
                        "경고: 진도 파일 {}을(를) 읽을 수 없습니다 ({e}). 이번에는 진도를 저장하지 않습니다.",
                        path.display()
                    )],
                }
            }
        };
        match parse_progress(&text) {
            Ok(progress) => Loaded {
                progress,
                warnings: Vec::new(),
            },
            Err(why) => {
                let aside = self.dir.join(format!(
                    "{PROGRESS_FILE}.corrupt-{}",
                    now.format("%Y%m%dT%H%M%SZ")
                ));
                let warning = match std::fs::rename(&path, &aside) {
                    Ok(()) => format!(
                        "경고: 진도 파일이 손상되어 읽을 수 없었습니다 ({why}). 원래 파일은 {}(으)로 옮겨 두었고, 진도는 처음부터 새로 기록합니다.",
                        aside.display()
                    ),
                    Err(e) => format!(
                        "경고: 진도 파일 {}이(가) 손상되었고 ({why}) 옆으로 옮기지도 못했습니다 ({e}). 덮어쓰지 않도록 이번에는 진도를 저장하지 않습니다.",
                        path.display()
                    ),
                };
                Loaded {
                    progress: Progress::default(),
                    warnings: vec![warning],
                }
            }
        }
    }

    /// Writes the progress atomically: a temporary file in the same folder, flushed to disk,
    /// then renamed over the old one.
    pub fn save(&self, progress: &Progress) -> Result<(), String> {
        std::fs::create_dir_all(&self.dir)
            .map_err(|e| format!("폴더 {}을(를) 만들 수 없습니다: {e}", self.dir.display()))?;
        let mut to_write = progress.clone();
        to_write.version = VERSION;
        let text = serde_json::to_string_pretty(&to_write)
            .map_err(|e| format!("진도를 JSON으로 바꿀 수 없습니다: {e}"))?;
        let tmp = self
            .dir
            .join(format!("{PROGRESS_FILE}.tmp-{}", std::process::id()));
        let write = || -> std::io::Result<()> {
            let mut file = std::fs::File::create(&tmp)?;
            file.write_all(text.as_bytes())?;
            file.write_all(b"\n")?;
            file.sync_all()?;
            std::fs::rename(&tmp, self.path())
        };
        write().map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            format!(
                "진도 파일 {}을(를) 쓸 수 없습니다: {e}",
                self.path().display()
            )
        })
    }
}

fn parse_progress(text: &str) -> Result<Progress, String> {
    let progress: Progress = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if progress.version > VERSION {
        return Err(format!(
            "이 dockersim보다 새로운 형식(버전 {})입니다",
            progress.version
        ));
    }
    Ok(progress)
}

/// Reads the progress file in `dir` without changing anything (for reports).
pub fn read_progress(dir: &Path) -> Result<Option<Progress>, String> {
    let path = dir.join(PROGRESS_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => parse_progress(&text).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, h, 0, 0).single().unwrap()
    }

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("dockersim-progress-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn save_then_load_round_trips() {
        let dir = temp_dir("roundtrip");
        let store = ProgressStore::new(&dir);
        let mut p = Progress::default();
        let mut lp = LessonProgress::new("첫 레슨", t(9));
        lp.steps.push(StepRecord {
            number: 1,
            title: "하나".into(),
            done_at: t(10),
            hints: 2,
            solution: false,
            skipped: false,
        });
        lp.step = 1;
        p.lessons.insert("01".into(), lp);
        p.current = Some("01".into());
        store.save(&p).unwrap();
        let loaded = store.load(t(11));
        assert!(loaded.warnings.is_empty());
        let mut expected = p.clone();
        expected.version = VERSION;
        assert_eq!(loaded.progress, expected);
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names, vec![PROGRESS_FILE.to_string()]);
        let text = std::fs::read_to_string(store.path()).unwrap();
        assert!(
            text.contains("\"done_at\": \"2026-03-01T10:00:00Z\""),
            "{text}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_corrupt_file_is_kept_aside_with_a_warning() {
        let dir = temp_dir("corrupt");
        std::fs::create_dir_all(&dir).unwrap();
        let store = ProgressStore::new(&dir);
        std::fs::write(store.path(), "{ this is not json").unwrap();
        let loaded = store.load(t(12));
        assert_eq!(loaded.progress, Progress::default());
        assert_eq!(loaded.warnings.len(), 1);
        assert!(loaded.warnings[0].contains("손상"), "{:?}", loaded.warnings);
        let aside = dir.join("progress.json.corrupt-20260301T120000Z");
        assert_eq!(
            std::fs::read_to_string(&aside).unwrap(),
            "{ this is not json"
        );
        assert!(loaded.warnings[0].contains(&aside.display().to_string()));
        assert!(!store.path().exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
