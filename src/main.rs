//! The `dockersim` binary: parses its own flags and hands over to play, lessons or the REPL.

use clap::{Parser, Subcommand};
use dockersim::engine::{Engine, VirtualClock};
use dockersim::shell::{script, Session};
use std::io::{BufRead, Read, Write};
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
}

#[derive(Subcommand)]
enum Command {
    /// 스크립트 파일을 실행하고 터미널처럼 기록을 출력합니다 (FILE 이 - 이면 표준 입력)
    Play {
        /// 스크립트 파일
        file: String,
    },
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
        None => {
            let mut engine = Engine::new(Box::new(VirtualClock::script_start()), cli.seed);
            if let Some(extra) = extra {
                engine.extend_hub(extra);
            }
            let mut session = Session::new(engine);
            let stdin = std::io::stdin();
            let mut lines = stdin.lock().lines();
            let mut stdout = std::io::stdout();
            let mut stderr = std::io::stderr();
            while let Some(Ok(line)) = lines.next() {
                let mut ask = |prompt: &str| {
                    let _ = prompt;
                    None
                };
                let result = session.run_line(&line, &mut ask);
                for (stream, text) in &result.output.chunks {
                    let _ = match stream {
                        dockersim::engine::Stream::Stdout => stdout.write_all(text.as_bytes()),
                        dockersim::engine::Stream::Stderr => stderr.write_all(text.as_bytes()),
                    };
                }
                if result.exit {
                    return ExitCode::from(result.output.exit_code.clamp(0, 255) as u8);
                }
            }
            ExitCode::SUCCESS
        }
    }
}
