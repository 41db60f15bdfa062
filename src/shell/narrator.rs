//! The narrator: after a docker command, Korean sentences telling what the daemon did, made
//! from the engine's events (the same record that feeds lessons), so a learner sees the steps
//! the notes describe: request to the server, cache lookup, layers from Docker Hub, the file
//! snapshot, resources, the start command, signals to PID 1 and what the exit code means.

use crate::cli::format::humanize::human_size;
use crate::cli::parse_command_line;
use crate::engine::event::{signal_name, SIGKILL};
use crate::engine::{Engine, Event, EventKind};

/// What one line did, for the narrator.
#[derive(Clone, Debug, Default)]
pub struct Step {
    /// Each `docker ...` the line ran, as the words after `docker`.
    pub commands: Vec<Vec<String>>,
    /// The engine's events meanwhile.
    pub events: Vec<Event>,
    /// The line's exit status, when the line has finished (not while a container holds the
    /// terminal).
    pub exit_code: Option<i32>,
}

/// The meaning of an exit status, in Korean.
pub fn exit_code_meaning(code: i32) -> String {
    match code {
        0 => "정상 종료입니다.".to_string(),
        1 => "일반 오류입니다. 프로그램이 스스로 실패를 알렸습니다.".to_string(),
        125 => "docker 자신의 오류입니다. 컨테이너를 만들거나 실행하지 못했습니다.".to_string(),
        126 => "명령은 찾았지만 실행할 수 없었습니다 (실행 권한이나 파일 형식 문제).".to_string(),
        127 => "명령을 찾을 수 없었습니다. 이미지 안에 그 실행 파일이 없습니다.".to_string(),
        130 => "128 + 2(SIGINT): Ctrl-C 로 끝났습니다.".to_string(),
        137 => "128 + 9(SIGKILL): 강제로 죽었습니다 (docker kill, 또는 docker stop 의 시간 초과)."
            .to_string(),
        143 => "128 + 15(SIGTERM): SIGTERM 을 받고 끝났습니다.".to_string(),
        c if c > 128 && c < 128 + 65 => format!(
            "128 + {n}({name}): 신호를 받고 끝났습니다.",
            n = c - 128,
            name = signal_name(c - 128)
        ),
        _ => "프로그램이 정한 오류 코드입니다.".to_string(),
    }
}

/// The Korean sentences for `step`. `engine` gives the names of the containers involved.
pub fn narrate(engine: &Engine, step: &Step) -> Vec<String> {
    let mut lines = Vec::new();
    for argv in &step.commands {
        lines.extend(request_sentence(argv));
    }
    let name = |id: &str| container_name(engine, id);
    let mut explained_codes = Vec::new();
    let mut pulled = (0usize, 0u64);
    let mut present = 0usize;
    let flush_layers = |lines: &mut Vec<String>, pulled: &mut (usize, u64), present: &mut usize| {
        if pulled.0 > 0 {
            lines.push(format!(
                "Docker Hub 에서 레이어 {}개({})를 내려받았습니다. 이미지는 이렇게 층층이 쌓인 파일 묶음입니다.",
                pulled.0,
                human_size(pulled.1 as f64)
            ));
        }
        if *present > 0 {
            lines.push(format!(
                "레이어 {present}개는 다른 이미지와 같아서 이미 캐시에 있었습니다. 다시 받지 않습니다."
            ));
        }
        *pulled = (0, 0);
        *present = 0;
    };
    for event in &step.events {
        if !matches!(
            event.kind,
            EventKind::LayerPulled { .. } | EventKind::LayerAlreadyExists { .. }
        ) {
            flush_layers(&mut lines, &mut pulled, &mut present);
        }
        let sentence = match &event.kind {
            EventKind::RequestReceived { .. } => None,
            EventKind::ImageCacheHit { reference } => Some(format!(
                "서버가 로컬 이미지 캐시에서 {reference} 을(를) 찾았습니다. 내려받지 않고 바로 씁니다."
            )),
            EventKind::ImageCacheMiss { reference } => Some(format!(
                "서버의 로컬 이미지 캐시에 {reference} 이(가) 없습니다. Docker Hub 에서 받아 옵니다."
            )),
            EventKind::LayerAlreadyExists { .. } => {
                present += 1;
                None
            }
            EventKind::LayerPulled { size, .. } => {
                pulled.0 += 1;
                pulled.1 += size;
                None
            }
            EventKind::ImagePulled { reference } => Some(format!(
                "이미지 {reference} 을(를) 캐시에 저장했습니다. 다음부터는 내려받지 않습니다."
            )),
            // A pull tags what it stored; that is part of "saved in the cache" below.
            EventKind::ImageTagged { reference, .. }
                if step.events.iter().any(|e| {
                    matches!(&e.kind, EventKind::ImagePulled { reference: r } if r == reference)
                }) =>
            {
                None
            }
            EventKind::ImageTagged { reference, .. } => Some(format!(
                "같은 이미지에 {reference} 라는 이름표(태그)를 하나 더 붙였습니다. 내용은 복사되지 않습니다."
            )),
            EventKind::ImageUntagged { reference } => {
                Some(format!("이미지에서 {reference} 이름표(태그)를 뗐습니다."))
            }
            EventKind::ImageDeleted { image } => Some(format!(
                "이미지 {} 을(를) 캐시에서 지웠습니다. 다시 쓰려면 내려받아야 합니다.",
                short(image)
            )),
            EventKind::ImageSaved { reference } => Some(format!(
                "이미지 {reference} 을(를) 하나의 tar 파일로 묶었습니다."
            )),
            EventKind::ImageLoaded { reference } => Some(format!(
                "tar 파일에서 이미지 {reference} 을(를) 캐시로 읽어 들였습니다."
            )),
            EventKind::ContainerCreated { name, image, .. } => Some(format!(
                "이미지 {image} 로 컨테이너 {name} 을(를) 만들었습니다. 이미지는 틀, 컨테이너는 그 틀로 찍어 낸 실체입니다."
            )),
            EventKind::SnapshotMounted { .. } => Some(
                "이미지의 파일 스냅샷을 컨테이너의 하드 디스크로 올렸습니다. 컨테이너가 쓰는 파일은 그 위의 자기 층에만 남습니다."
                    .to_string(),
            ),
            EventKind::ResourcesAllocated { id } => Some(format!(
                "{} 에 네트워크, 메모리, CPU 같은 자원을 나눠 주었습니다. 커널은 호스트의 것을 함께 씁니다.",
                name(id)
            )),
            EventKind::ProcessStarted {
                command,
                from_image,
                ..
            } => Some(if *from_image {
                format!(
                    "이미지에 정해진 시작 명령 `{}` 을(를) PID 1 로 실행했습니다.",
                    shell_words(command)
                )
            } else {
                format!(
                    "이미지의 시작 명령 대신 덧붙인 명령 `{}` 을(를) PID 1 로 실행했습니다.",
                    shell_words(command)
                )
            }),
            EventKind::StartFailed { message, .. } => {
                Some(format!("시작 명령을 실행하지 못했습니다: {message}"))
            }
            EventKind::SignalSent { id, signal } => {
                Some(if *signal == SIGKILL {
                    format!(
                        "{} 의 PID 1 에 SIGKILL 을 보냈습니다. 이 신호는 무시할 수 없어 프로세스가 곧바로 죽습니다.",
                        name(id)
                    )
                } else {
                    format!(
                        "{} 의 PID 1 에 {} 신호를 보냈습니다.",
                        name(id),
                        signal_name(*signal)
                    )
                })
            }
            EventKind::SignalIgnored { signal, .. } => Some(format!(
                "PID 1 이 {} 을(를) 무시했습니다. 처리기를 두지 않은 PID 1 은 기본 동작인 신호를 무시합니다.",
                signal_name(*signal)
            )),
            EventKind::StopTimeoutExpired { seconds, .. } => Some(format!(
                "{seconds}초를 기다려도 끝나지 않아, 서버가 기다림을 멈추고 강제로 끝냅니다."
            )),
            EventKind::Exited { id, code } => {
                explained_codes.push(*code);
                Some(format!(
                    "{} 의 프로그램이 끝났습니다. 종료 코드 {code} — {}",
                    name(id),
                    exit_code_meaning(*code)
                ))
            }
            EventKind::Paused { id } => Some(format!(
                "{} 의 프로세스를 얼렸습니다 (일시 정지). 메모리는 그대로 남습니다.",
                name(id)
            )),
            EventKind::Unpaused { id } => {
                Some(format!("{} 의 프로세스를 다시 움직였습니다.", name(id)))
            }
            EventKind::Restarted { id } => Some(format!(
                "재시작 정책에 따라 {} 을(를) 다시 시작했습니다.",
                name(id)
            )),
            EventKind::Renamed {
                old_name, new_name, ..
            } => Some(format!(
                "컨테이너 이름을 {old_name} 에서 {new_name} 으로 바꿨습니다. ID 는 그대로입니다."
            )),
            EventKind::ExecStarted { id, command } => Some(format!(
                "실행 중인 {} 안에서 `{}` 을(를) 새 프로세스로 실행했습니다 (PID 1 은 그대로입니다).",
                name(id),
                shell_words(command)
            )),
            EventKind::ExecExited { code, .. } => {
                explained_codes.push(*code);
                Some(format!(
                    "그 프로세스가 끝났습니다. 종료 코드 {code} — {}",
                    exit_code_meaning(*code)
                ))
            }
            EventKind::Removed { id } => Some(format!(
                "컨테이너 {} 을(를) 지웠습니다. 그 안에서 만든 파일도 함께 사라집니다.",
                name(id)
            )),
            EventKind::ImageCommitted { container, image } => Some(format!(
                "컨테이너 {} 의 파일 시스템(이미지 위의 쓰기 계층)을 새 레이어로 굳혀 새 이미지 {} 을(를) 만들었습니다. 컨테이너의 명령과 환경 변수도 이미지 설정으로 들어갑니다.",
                name(container),
                &image[..12.min(image.len())]
            )),
            EventKind::FilesCopied { id, path, into } => Some(if *into {
                format!(
                    "호스트의 파일을 tar 묶음으로 보내 컨테이너 {} 의 {path} 에 풀었습니다. 컨테이너의 쓰기 계층에 들어갑니다.",
                    name(id)
                )
            } else {
                format!(
                    "컨테이너 {} 의 {path} 을(를) tar 묶음으로 받아 호스트에 풀었습니다. 컨테이너는 그대로입니다.",
                    name(id)
                )
            }),
        };
        lines.extend(sentence);
    }
    flush_layers(&mut lines, &mut pulled, &mut present);
    if let Some(code) = step.exit_code {
        let ran_docker = !step.commands.is_empty();
        if ran_docker && code != 0 && !explained_codes.contains(&code) {
            // Exit status 1 of the docker client itself: the request failed.
            let meaning = if code == 1 {
                "일반 오류입니다. 요청이 실패했습니다 (위의 오류 메시지를 보세요).".to_string()
            } else {
                exit_code_meaning(code)
            };
            lines.push(format!("명령의 종료 코드는 {code} 입니다 — {meaning}"));
        }
    }
    lines
}

/// "The client sent the request" — or why it did not (help, usage errors).
fn request_sentence(argv: &[String]) -> Option<String> {
    let typed = format!("docker {}", argv.join(" "));
    match parse_command_line(argv) {
        Ok(inv) => {
            let readonly = matches!(
                inv.command.as_str(),
                "ps" | "images"
                    | "inspect"
                    | "container inspect"
                    | "image inspect"
                    | "logs"
                    | "version"
            );
            Some(if readonly {
                format!(
                    "도커 클라이언트가 `{typed}` 요청을 도커 서버(데몬)로 보냈고, 서버는 지금 상태를 읽어 답했습니다. 바뀐 것은 없습니다."
                )
            } else {
                format!("도커 클라이언트가 `{typed}` 요청을 도커 서버(데몬)로 보냈습니다.")
            })
        }
        Err(out) if out.exit_code == 0 => Some(format!(
            "`{typed}` 는 클라이언트가 혼자 답했습니다. 서버에는 아무 요청도 가지 않았습니다."
        )),
        Err(_) => Some(format!(
            "`{typed}` 는 명령 형식이 맞지 않아 클라이언트가 서버로 보내지 않았습니다."
        )),
    }
}

/// A command as one would type it: words with spaces or quotes single-quoted.
fn shell_words(argv: &[String]) -> String {
    argv.iter()
        .map(|w| {
            if w.is_empty() || w.contains([' ', '\'', '"', ';', '$']) {
                format!("'{}'", w.replace('\'', "'\\''"))
            } else {
                w.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn short(id: &str) -> String {
    id.trim_start_matches("sha256:").chars().take(12).collect()
}

fn container_name(engine: &Engine, id: &str) -> String {
    engine
        .state()
        .container(id)
        .or_else(|| engine.recently_removed(id))
        .map_or_else(|| short(id), |c| c.name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_have_meanings() {
        for code in [0, 1, 126, 127, 130, 137, 143] {
            assert!(!exit_code_meaning(code).is_empty());
        }
        assert!(exit_code_meaning(137).contains("SIGKILL"));
        assert!(exit_code_meaning(130).contains("SIGINT"));
        assert!(exit_code_meaning(143).contains("SIGTERM"));
        assert!(exit_code_meaning(131).contains("SIGQUIT"));
    }

    #[test]
    fn commands_read_as_typed() {
        let argv: Vec<String> = ["nginx", "-g", "daemon off;"].map(String::from).to_vec();
        assert_eq!(shell_words(&argv), "nginx -g 'daemon off;'");
    }

    #[test]
    fn help_is_answered_by_the_client() {
        let s = request_sentence(&["--help".to_string()]).unwrap_or_default();
        assert!(s.contains("서버에는 아무 요청도"), "{s}");
        let s = request_sentence(&["ps".to_string()]).unwrap_or_default();
        assert!(s.contains("바뀐 것은 없습니다"), "{s}");
        let s = request_sentence(&["run".to_string()]).unwrap_or_default();
        assert!(s.contains("형식이 맞지 않아"), "{s}");
    }
}
