//! The `dockersim` binary: parses its own flags and hands over to play, lessons or the REPL.

use clap::{Parser, Subcommand};
use dockersim::engine::Engine;
use dockersim::lesson::{builtin_course, Tutor, COURSE_WORDS};
use dockersim::shell::repl::{self, Companion, Options};
use dockersim::shell::{script, LineResult, Session};
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// dockersim: Docker를 메모리 안에서 흉내 내며 배우는 터미널 프로그램
#[derive(Parser)]
#[command(name = "dockersim", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// 이름과 ID를 만드는 난수 씨앗
    #[arg(long, default_value_t = 0, global = true)]
    seed: u64,
    /// 가상 Docker Hub에 이미지를 더하는 카탈로그 파일 (YAML)
    #[arg(long, global = true, value_name = "FILE")]
    catalog: Option<std::path::PathBuf>,
    /// 색을 쓰지 않습니다 (NO_COLOR 환경 변수도 같은 뜻)
    #[arg(long)]
    no_color: bool,
    /// 기다림(docker stop, pull, sleep)을 N배 빠르게 흘려보냅니다
    #[arg(long, value_name = "N", default_value_t = 1.0, value_parser = parse_speed)]
    speed: f64,
    /// docker 명령 뒤마다 데몬이 한 일을 한국어로 설명합니다 (터미널에서는 기본으로 켜짐)
    #[arg(long, overrides_with = "no_explain")]
    explain: bool,
    /// 해설을 끕니다
    #[arg(long, overrides_with = "explain")]
    no_explain: bool,
    /// docker stop 의 카운트다운을 그리지 않습니다
    #[arg(long)]
    no_countdown: bool,
    /// 내장 강좌 대신 이 폴더의 레슨(YAML)으로 공부합니다 (선생님이 만든 레슨)
    #[arg(long, value_name = "DIR", global = true)]
    lessons: Option<PathBuf>,
    /// 명령 기록 등을 두는 폴더 (환경 변수 DOCKERSIM_DATA_DIR; 기본: $XDG_DATA_HOME/dockersim
    /// 또는 ~/.local/share/dockersim)
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
}

fn parse_speed(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= 1000.0 => Ok(v),
        _ => Err("0보다 크고 1000 이하인 숫자를 주세요 (예: --speed 10)".to_string()),
    }
}

/// `--data-dir`, else `DOCKERSIM_DATA_DIR` (or the older `DOCKERSIM_DATA`), else the XDG
/// data folder. History and course progress live there.
fn data_dir(flag: Option<PathBuf>) -> Option<PathBuf> {
    let non_empty = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    flag.or_else(|| non_empty("DOCKERSIM_DATA_DIR").map(PathBuf::from))
        .or_else(|| non_empty("DOCKERSIM_DATA").map(PathBuf::from))
        .or_else(|| non_empty("XDG_DATA_HOME").map(|d| PathBuf::from(d).join("dockersim")))
        .or_else(|| non_empty("HOME").map(|h| PathBuf::from(h).join(".local/share/dockersim")))
}

#[derive(Subcommand)]
enum Command {
    /// 스크립트 파일을 실행하고 터미널처럼 기록을 출력합니다 (FILE 이 - 이면 표준 입력).
    /// 지시어: @terminal N, @ctrl-c, @wait N, @explain on|off, @board
    Play {
        /// 스크립트 파일
        file: String,
    },
    /// 레슨 폴더를 검사합니다: 모든 레슨을 읽고 각 해답을 다시 실행해 봅니다
    Lessons {
        #[command(subcommand)]
        action: LessonsAction,
    },
    /// 학습 기록(끝낸 레슨, 시각, 힌트와 해답 사용)을 보여 줍니다 — 제출용 보고서
    Progress,
}

#[derive(Subcommand)]
enum LessonsAction {
    /// 폴더의 레슨을 검사하고 해답을 재생합니다 (문제가 있으면 0이 아닌 코드로 끝남)
    Check {
        /// 레슨 폴더 (기본: lessons)
        #[arg(default_value = "lessons")]
        dir: PathBuf,
    },
}

/// Whether the locale is Chinese, Japanese or Korean: docker's tables then count
/// ambiguous-width characters such as `…` as two columns (reference 1.2).
fn cjk_locale() -> bool {
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    let lang = locale.split(['.', '@']).next().unwrap_or("");
    ["ko", "ja", "zh"]
        .iter()
        .any(|p| lang == *p || lang.starts_with(&format!("{p}_")))
}

fn read_script(file: &str) -> Result<String, String> {
    if file == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("dockersim: 표준 입력을 읽을 수 없습니다: {e}"))?;
        Ok(text)
    } else {
        std::fs::read_to_string(file)
            .map_err(|e| format!("dockersim: 스크립트 파일 '{file}'을(를) 읽을 수 없습니다: {e}"))
    }
}

/// Loads a `--lessons` folder, checking its images against the hub with `--catalog`'s.
fn load_lessons(
    dir: &std::path::Path,
    extra: Option<&dockersim::engine::catalog::Catalog>,
) -> Result<dockersim::lesson::Course, Vec<dockersim::lesson::LessonError>> {
    let mut hub = dockersim::engine::catalog::hub().clone();
    if let Some(extra) = extra {
        hub.merge(extra.clone());
    }
    dockersim::lesson::load_course_in(dir, &hub)
}

/// Loads `--catalog FILE` into a fresh engine's hub.
fn extra_catalog(
    path: &Option<std::path::PathBuf>,
) -> Result<Option<dockersim::engine::catalog::Catalog>, String> {
    let Some(path) = path else {
        return Ok(None);
    };
    let text = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "dockersim: 카탈로그 파일 '{}'을(를) 읽을 수 없습니다: {e}",
            path.display()
        )
    })?;
    dockersim::engine::catalog::Catalog::from_yaml(&text)
        .map(Some)
        .map_err(|e| format!("dockersim: {}: {e}", path.display()))
}

/// The course plugged into the REPL's hook.
struct Course(Tutor);

impl Companion for Course {
    fn greeting(&mut self) -> String {
        self.0.greeting()
    }

    fn words(&self) -> Vec<String> {
        COURSE_WORDS.iter().map(|w| (*w).to_string()).collect()
    }

    fn prompt_tag(&self) -> Option<String> {
        self.0.prompt_tag()
    }

    fn handle(&mut self, session: &mut Session, line: &str) -> Option<String> {
        self.0.handle(session, line)
    }

    fn before_line(&mut self, session: &Session) {
        self.0.before_line(session);
    }

    fn after_line(
        &mut self,
        session: &mut Session,
        line: &str,
        result: &LineResult,
    ) -> Option<String> {
        self.0.after_line(session, line, result)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let extra = match extra_catalog(&cli.catalog) {
        Ok(extra) => extra,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    match cli.command {
        Some(Command::Play { file }) => match read_script(&file) {
            Ok(text) => {
                let mut engine = Engine::scripted(cli.seed);
                if let Some(extra) = extra {
                    engine.extend_hub(extra);
                }
                let mut session = Session::new(engine);
                let transcript = script::play_in(&mut session, &text);
                let mut stdout = std::io::stdout();
                if stdout.write_all(transcript.as_bytes()).is_err() {
                    return ExitCode::FAILURE;
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(2)
            }
        },
        Some(Command::Lessons {
            action: LessonsAction::Check { dir },
        }) => {
            let (report, code) = dockersim::lesson::check_lessons_dir(&dir, extra.as_ref());
            print!("{report}");
            ExitCode::from(code.clamp(0, 255) as u8)
        }
        Some(Command::Progress) => {
            match data_dir(cli.data_dir) {
                Some(dir) => {
                    print!("{}", dockersim::lesson::progress_report(&dir));
                    ExitCode::SUCCESS
                }
                None => {
                    eprintln!("dockersim: 학습 기록 폴더를 찾을 수 없습니다. --data-dir DIR 로 알려 주세요.");
                    ExitCode::from(2)
                }
            }
        }
        None => {
            let course = match &cli.lessons {
                Some(dir) => match load_lessons(dir, extra.as_ref()) {
                    Ok(course) => course,
                    Err(errors) => {
                        for e in errors {
                            eprintln!("{e}");
                        }
                        return ExitCode::from(1);
                    }
                },
                None => builtin_course(),
            };
            let interactive = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
            let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let options = Options {
                seed: cli.seed,
                color: !cli.no_color && !no_color_env && std::io::stdout().is_terminal(),
                speed: cli.speed,
                // The narrator talks by default to a learner at a terminal, not into pipes.
                explain: if cli.explain || cli.no_explain {
                    cli.explain
                } else {
                    interactive
                },
                countdown: !cli.no_countdown,
                data_dir: data_dir(cli.data_dir),
                extra_catalog: extra,
                cjk: cjk_locale(),
            };
            let course: Box<dyn Companion> =
                Box::new(Course(Tutor::new(course, options.data_dir.clone())));
            let code = if interactive {
                repl::run_interactive(options, Some(course))
            } else {
                repl::run_piped(options, Some(course), &mut std::io::stdin().lock())
            };
            ExitCode::from(code.clamp(0, 255) as u8)
        }
    }
}
