//! The lesson format: what a YAML lesson file may say. Each field's `///` line is the schema;
//! `lessons/README.md` explains the same to teachers, in Korean.
//!
//! Every struct denies unknown fields, so a typo (`hint:` for `hints:`) is an error with file,
//! line and column rather than a silently ignored key.

use serde::Deserialize;

/// One lesson: a YAML file in `lessons/`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// Unique, stable identifier (`03-after-run`); progress is saved under it.
    pub id: String,
    /// Title shown in the course list.
    pub title: String,
    /// One or two sentences on what the lesson teaches.
    pub summary: String,
    /// The section (heading) of the study notes this lesson teaches.
    pub section: String,
    /// The state the lesson starts from; `reset` goes back to it.
    #[serde(default)]
    pub setup: Setup,
    /// The steps, in order (three to eight in the built-in course).
    pub steps: Vec<Step>,
}

/// The starting state: an empty engine and host, then these, in this order.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Setup {
    /// Hub images pulled into the cache (`alpine`, `nginx:latest`).
    #[serde(default)]
    pub images: Vec<String>,
    /// Images the lesson defines itself (not on the hub), such as `my-app:v1`.
    #[serde(default)]
    pub custom_images: Vec<CustomImageSpec>,
    /// Containers created, running or exited before the lesson starts.
    #[serde(default)]
    pub containers: Vec<ContainerSpec>,
    /// Files on the virtual host (relative paths are in the learner's home folder).
    #[serde(default)]
    pub files: Vec<FileSpec>,
    /// Shell lines run last, as if typed (`docker rename a b`, `sleep 60`).
    #[serde(default)]
    pub commands: Vec<String>,
}

/// An image a lesson defines.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomImageSpec {
    /// Its reference: `my-app:v1` (`latest` when no tag is given).
    pub name: String,
    /// A hub image whose files and settings it starts from (`alpine`); none means empty.
    #[serde(default)]
    pub base: Option<String>,
    /// Size as `docker images` shows it: bytes (`52000000`) or with a unit (`52MB`, `7.8MB`).
    pub size: Size,
    /// Default command (CMD) in exec form: `[echo, "hello"]`.
    #[serde(default)]
    pub cmd: Option<Vec<String>>,
    /// ENTRYPOINT in exec form.
    #[serde(default)]
    pub entrypoint: Option<Vec<String>>,
    /// Build time, RFC 3339 (`2025-12-30T09:00:00Z`); the engine's now when absent.
    #[serde(default)]
    pub created: Option<String>,
    /// Files added to the image: path inside the image and text.
    #[serde(default)]
    pub files: Vec<FileSpec>,
}

/// A size in bytes, written as a number or with docker's decimal units (`kB`, `MB`, `GB`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size(pub u64);

impl<'de> Deserialize<'de> for Size {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Size, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Number(u64),
            Text(String),
        }
        match Raw::deserialize(d)? {
            Raw::Number(n) => Ok(Size(n)),
            Raw::Text(t) => parse_size(&t).map(Size).ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "크기 '{t}'을(를) 읽을 수 없습니다 (예: 52000000, 52MB, 7.8MB, 10kB)"
                ))
            }),
        }
    }
}

/// `52MB` → 52 000 000, `7.8MB`, `10kB`, `1.2GB`, `512B`, `300` (docker's decimal units).
pub fn parse_size(text: &str) -> Option<u64> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let value: f64 = number.parse().ok()?;
    let factor = match unit.trim() {
        "" | "B" => 1.0,
        "kB" | "KB" | "k" => 1e3,
        "MB" | "M" => 1e6,
        "GB" | "G" => 1e9,
        _ => return None,
    };
    let bytes = (value * factor).round();
    (0.0..1e15).contains(&bytes).then_some(bytes as u64)
}

/// A container in the starting state.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContainerSpec {
    /// Its name; docker picks an adjective_noun name when absent.
    #[serde(default)]
    pub name: Option<String>,
    /// The image (a hub image, or one of `setup.custom_images`).
    pub image: String,
    /// A command replacing the image's default (`[sleep, "1000"]`).
    #[serde(default)]
    pub command: Vec<String>,
    /// `created` (never started), `running`, or `exited` (started, then ended or killed).
    #[serde(default)]
    pub state: SetupState,
}

/// The state of a setup container.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SetupState {
    /// `docker create`.
    Created,
    /// `docker run -d`.
    #[default]
    Running,
    /// `docker run -d`, then it ends by itself or is killed.
    Exited,
}

/// A file on the virtual host (or in a custom image).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileSpec {
    /// Path (`notes.txt`, `/tmp/a.txt`); relative paths are in the learner's home folder.
    pub path: String,
    /// Text content.
    #[serde(default)]
    pub content: String,
}

/// One step: a text, a task, and a check (or a quiz).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// A short title for the step.
    pub title: String,
    /// What the learner reads first: the idea, in a few sentences.
    pub text: String,
    /// The task in one or two sentences (`task` shows it again).
    pub task: String,
    /// Conditions that must all hold after a typed line; each is a ✓/✗ line of the checklist.
    #[serde(default)]
    pub check: Vec<Condition>,
    /// A question instead of a check (answered with `answer N` or `answer 단어`).
    #[serde(default)]
    pub quiz: Option<Quiz>,
    /// Hints, shown one more each time the learner types `hint`.
    #[serde(default)]
    pub hints: Vec<String>,
    /// Lines that solve the step from its starting point (replayed by the tests and by
    /// `dockersim lessons check`); `{{short-id}}` stands for the first 5 hex digits of the
    /// newest container's ID and `{{newest-name}}` for its name; a line after a command that
    /// asks a question answers it.
    pub solution: Vec<String>,
    /// Known wrong attempts: each line, typed at the step's start, must not pass it.
    #[serde(default)]
    pub wrong: Vec<String>,
    /// Shown once the step passes: ties what happened back to the idea in the notes.
    pub explanation: String,
}

/// A quiz: multiple choice (`choices` + `answer`) or a short answer (`accept`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quiz {
    /// The question.
    pub question: String,
    /// Choices, numbered from 1 when shown.
    #[serde(default)]
    pub choices: Vec<String>,
    /// The number of the right choice (from 1).
    #[serde(default)]
    pub answer: Option<usize>,
    /// Short answers accepted (compared without case, spaces or final punctuation).
    #[serde(default)]
    pub accept: Vec<String>,
}

/// One condition of a check: exactly one predicate and the message shown beside ✓/✗.
#[derive(Clone, Debug, Deserialize)]
#[serde(try_from = "RawCondition")]
pub struct Condition {
    /// What must hold.
    pub predicate: Predicate,
    /// The checklist line, in Korean.
    pub message: String,
}

/// A condition as written: one predicate key and `message`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCondition {
    /// State: containers.
    #[serde(default)]
    container: Option<ContainerPred>,
    /// State: an image in the cache.
    #[serde(default)]
    image: Option<ImagePred>,
    /// State: a file on the virtual host.
    #[serde(default)]
    file: Option<FilePred>,
    /// Command shape: a docker command the learner ran.
    #[serde(default)]
    command: Option<CommandPred>,
    /// Observation: what a command printed.
    #[serde(default)]
    output: Option<OutputPred>,
    /// The checklist line.
    message: String,
}

impl TryFrom<RawCondition> for Condition {
    type Error = String;

    fn try_from(raw: RawCondition) -> Result<Condition, String> {
        let mut found = Vec::new();
        if let Some(p) = raw.container {
            found.push(Predicate::Container(p));
        }
        if let Some(p) = raw.image {
            found.push(Predicate::Image(p));
        }
        if let Some(p) = raw.file {
            found.push(Predicate::File(p));
        }
        if let Some(p) = raw.command {
            found.push(Predicate::Command(p));
        }
        if let Some(p) = raw.output {
            found.push(Predicate::Output(p));
        }
        if found.len() != 1 {
            return Err(format!(
                "조건 하나에는 container, image, file, command, output 중 정확히 하나가 있어야 합니다 ({}개가 있습니다; 조건을 나누어 쓰세요)",
                found.len()
            ));
        }
        let predicate = found.remove(0);
        Ok(Condition {
            predicate,
            message: raw.message,
        })
    }
}

/// The kinds of predicate.
#[derive(Clone, Debug)]
pub enum Predicate {
    /// State: how many containers match a filter.
    Container(ContainerPred),
    /// State: whether an image is cached.
    Image(ImagePred),
    /// State: whether a host file exists.
    File(FilePred),
    /// Command shape: the learner ran a docker command of this shape during the step.
    Command(CommandPred),
    /// Observation: a line (optionally of a given command shape) printed this.
    Output(OutputPred),
}

/// Containers that match every given field; by default at least one must exist.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContainerPred {
    /// Exact name.
    #[serde(default)]
    pub name: Option<String>,
    /// Image it was created from (`hello-world` means `hello-world:latest`).
    #[serde(default)]
    pub image: Option<String>,
    /// `created`, `running`, `paused` or `exited`.
    #[serde(default)]
    pub status: Option<StatusWord>,
    /// Exit code (of an exited container, or 127 after a failed start).
    #[serde(default)]
    pub exit_code: Option<i32>,
    /// The command it runs, as COMMAND shows it without quotes (`ls`, `sleep 1000`).
    #[serde(default)]
    pub command: Option<String>,
    /// Exactly this many must match (`0`: none is left).
    #[serde(default)]
    pub count: Option<usize>,
    /// At least this many must match (default 1 when `count` is absent).
    #[serde(default)]
    pub min: Option<usize>,
}

/// A container status word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusWord {
    /// Created, never started.
    Created,
    /// Running.
    Running,
    /// Paused.
    Paused,
    /// Exited.
    Exited,
}

/// An image in the local cache.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImagePred {
    /// Reference (`alpine`, `my-app:v1`; `latest` when no tag).
    pub name: String,
    /// `true` (default): it must be cached; `false`: it must not be.
    #[serde(default = "yes")]
    pub present: bool,
}

fn yes() -> bool {
    true
}

/// A file on the virtual host.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilePred {
    /// Path (relative paths are in the learner's home folder).
    pub path: String,
    /// `true` (default): it must exist; `false`: it must not.
    #[serde(default = "yes")]
    pub present: bool,
    /// It must be an image archive (`docker save`) holding this image.
    #[serde(default)]
    pub archive_of: Option<String>,
}

/// The shape of a docker command, matched on the parsed command line: `docker container ls`
/// equals `docker ps`, `-a` equals `--all`, and flag order does not matter.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommandPred {
    /// The command as docker runs it: `ps` (also `container ls`), `rm` (also `container rm`),
    /// `run`, `start`, `system prune`, `images` (also `image ls`), `rmi` (also `image rm`)…
    pub name: String,
    /// Flags that must be given, by long name without dashes (`all` for `-a`/`--all`).
    #[serde(default)]
    pub flags: Vec<String>,
    /// Flags that must not be given.
    #[serde(default)]
    pub without_flags: Vec<String>,
    /// Flag values (`format: 'table{{.Names}}\t{{.Image}}'`), compared without spaces.
    #[serde(default)]
    pub values: std::collections::BTreeMap<String, String>,
    /// The image it names (the first argument of `run`/`create`, any argument otherwise).
    #[serde(default)]
    pub image: Option<String>,
    /// The container it names (by name, full ID or ID prefix), resolved before the line ran.
    #[serde(default)]
    pub container: Option<String>,
    /// The command after the image or container (`run alpine ls` → `[ls]`), exactly.
    #[serde(default)]
    pub cmd: Option<Vec<String>>,
    /// `true`: an argument came from `$(...)` or backticks.
    #[serde(default)]
    pub substitution: Option<bool>,
    /// `true`: a container was named by a short ID prefix (hex, shorter than the full ID).
    #[serde(default)]
    pub id_prefix: Option<bool>,
    /// The exit status of the line.
    #[serde(default)]
    pub exit_code: Option<i32>,
}

/// An observation: a line printed something (for read-only steps).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutputPred {
    /// The line must also run a docker command of this shape.
    #[serde(default)]
    pub command: Option<CommandPred>,
    /// Texts that must all appear in what the line printed.
    #[serde(default)]
    pub contains: Vec<String>,
    /// Texts that must not appear.
    #[serde(default)]
    pub not_contains: Vec<String>,
    /// The words of the first printed line, in order (a table header: `[NAMES, IMAGE]`).
    #[serde(default)]
    pub header: Option<Vec<String>>,
}

/// A course: lessons in order.
#[derive(Clone, Debug, Default)]
pub struct Course {
    /// The lessons, in teaching order.
    pub lessons: Vec<Lesson>,
}

impl Course {
    /// The lesson with this id, or with this number (from 1).
    pub fn find(&self, key: &str) -> Option<usize> {
        if let Ok(n) = key.parse::<usize>() {
            return (1..=self.lessons.len()).contains(&n).then(|| n - 1);
        }
        self.lessons.iter().position(|l| l.id == key)
    }
}
