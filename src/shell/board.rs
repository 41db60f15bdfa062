//! The `board` builtin: a picture of the daemon's state. Images are drawn as classes and their
//! containers as instances hanging under them, each with docker's status text, so a learner
//! sees at a glance what `docker images` and `docker ps -a` list. Colour is the REPL's job:
//! every line says which [`Tone`] it has.

use crate::cli::format::humanize::{human_duration, human_size};
use crate::engine::{Engine, Status};

/// How a line should look (the REPL maps it to a colour; script mode prints plain text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Titles and explanations.
    Note,
    /// An image.
    Image,
    /// A running container.
    Running,
    /// A paused or restarting container.
    Paused,
    /// A container that exited with 0.
    ExitedOk,
    /// A container that exited with another code (or is dead).
    ExitedError,
    /// A container that was created and never started.
    Created,
}

/// One line of the picture: tree drawing, then the text to colour.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoardLine {
    /// Tree branches (`├─ `, `└─ `) or nothing.
    pub tree: String,
    /// The line's text.
    pub text: String,
    /// How the text looks.
    pub tone: Tone,
}

impl BoardLine {
    fn new(tree: &str, text: String, tone: Tone) -> BoardLine {
        BoardLine {
            tree: tree.to_string(),
            text,
            tone,
        }
    }
}

/// The picture of `engine`'s images and containers now.
pub fn board(engine: &mut Engine) -> Vec<BoardLine> {
    let now = engine.now();
    let state = engine.state();
    let mut lines = vec![BoardLine::new(
        "",
        "이미지(틀)와 그 이미지로 만든 컨테이너(실체)".to_string(),
        Tone::Note,
    )];
    let images = state.images_newest_first();
    let containers: Vec<_> = state.containers_newest_first().collect();
    if images.is_empty() && containers.is_empty() {
        lines.push(BoardLine::new(
            "",
            "아직 이미지도 컨테이너도 없습니다. docker run hello-world 로 시작해 보세요."
                .to_string(),
            Tone::Note,
        ));
        return lines;
    }
    // Column widths across the whole board, so instances line up.
    let name_width = containers.iter().map(|c| c.name.len()).max().unwrap_or(0);
    let command_width = containers
        .iter()
        .map(|c| command_text(&c.command_line()).chars().count())
        .max()
        .unwrap_or(0);
    let mut groups: Vec<(String, Tone, Vec<&crate::engine::Container>)> = images
        .iter()
        .map(|img| {
            let tags = if img.tags.is_empty() {
                "<none>:<none>".to_string()
            } else {
                img.tags
                    .iter()
                    .map(|t| t.familiar())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let label = format!(
                "{tags}  {}  {}",
                img.short_id(),
                human_size(img.size as f64)
            );
            let members = containers
                .iter()
                .filter(|c| c.image_id == img.id)
                .copied()
                .collect();
            (label, Tone::Image, members)
        })
        .collect();
    // Containers whose image was removed with `rmi -f` still exist: they keep its files.
    let orphans: Vec<_> = containers
        .iter()
        .filter(|c| state.image(&c.image_id).is_none())
        .copied()
        .collect();
    if !orphans.is_empty() {
        groups.push((
            "(지워진 이미지: 컨테이너는 그 파일을 그대로 갖고 있습니다)".to_string(),
            Tone::Note,
            orphans,
        ));
    }
    for (label, tone, members) in groups {
        lines.push(BoardLine::new("", label, tone));
        if members.is_empty() {
            lines.push(BoardLine::new(
                "└─ ",
                "(컨테이너 없음)".to_string(),
                Tone::Note,
            ));
        }
        let count = members.len();
        for (i, c) in members.into_iter().enumerate() {
            let tree = if i + 1 == count { "└─ " } else { "├─ " };
            let status = c.status_text(now, human_duration);
            let tone = match c.state.status {
                Status::Running => Tone::Running,
                Status::Paused | Status::Restarting => Tone::Paused,
                Status::Created => Tone::Created,
                Status::Exited if c.state.exit_code == 0 => Tone::ExitedOk,
                _ => Tone::ExitedError,
            };
            let command = command_text(&c.command_line());
            let text = format!(
                "{:<name_width$}  {}  {:<command_width$}  {status}",
                c.name,
                c.short_id(),
                command,
            );
            lines.push(BoardLine::new(tree, text.trim_end().to_string(), tone));
        }
    }
    lines
}

/// The board as plain text (script mode, tests, terminals without colour).
pub fn render_plain(lines: &[BoardLine]) -> String {
    lines
        .iter()
        .map(|l| format!("{}{}\n", l.tree, l.text))
        .collect()
}

/// The command as `docker ps` shows it: quoted, cut at 20 characters with `…`.
fn command_text(command: &str) -> String {
    let chars: Vec<char> = command.chars().collect();
    if chars.len() > 20 {
        format!("\"{}…\"", chars[..19].iter().collect::<String>())
    } else {
        format!("\"{command}\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_commands_are_cut_like_docker_ps() {
        assert_eq!(command_text("sleep 30"), "\"sleep 30\"");
        assert_eq!(
            command_text("/docker-entrypoint.sh nginx -g 'daemon off;'"),
            "\"/docker-entrypoint.…\""
        );
    }
}
