//! Reading lesson files: YAML to [`Lesson`], then the checks serde cannot make (one predicate
//! per condition, known commands and flags, images the simulated hub has). Every problem is a
//! Korean message with file, line and column; nothing here panics on a teacher's file.

use super::check::{normalize_image, typed_commands};
use super::model::{Course, Lesson, Predicate, SetupState, Step};
use crate::cli::flags::command_spec;
use crate::cli::parse_command_line;
use crate::engine::catalog::{self, Catalog};
use crate::engine::reference::ImageRef;
use std::collections::HashSet;
use std::fmt;
use std::path::Path;

/// A problem in a lesson file, at a place in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonError {
    /// The file as given (`lessons/03-after-run.yaml`).
    pub file: String,
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
    /// What is wrong, in Korean.
    pub message: String,
}

impl fmt::Display for LessonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// Parses and validates one lesson file's text against the built-in hub; `file` names it in
/// messages.
pub fn parse_lesson(file: &str, text: &str) -> Result<Lesson, Vec<LessonError>> {
    parse_lesson_in(file, text, catalog::hub())
}

/// [`parse_lesson`] against `hub` (the built-in hub with a teacher's `--catalog` images).
pub fn parse_lesson_in(file: &str, text: &str, hub: &Catalog) -> Result<Lesson, Vec<LessonError>> {
    let lesson: Lesson = match serde_yaml::from_str(text) {
        Ok(l) => l,
        Err(e) => {
            let (line, column) = e
                .location()
                .map_or((1, 1), |loc| (loc.line(), loc.column()));
            return Err(vec![LessonError {
                file: file.to_string(),
                line,
                column,
                message: korean_yaml_error(&e.to_string()),
            }]);
        }
    };
    let errors = validate(&lesson, file, text, hub);
    if errors.is_empty() {
        Ok(lesson)
    } else {
        Err(errors)
    }
}

/// Reads every `*.yaml`/`*.yml` file of `dir`, in file-name order, as a course.
pub fn load_course(dir: &Path) -> Result<Course, Vec<LessonError>> {
    load_course_in(dir, catalog::hub())
}

/// [`load_course`] with lessons checked against `hub`.
pub fn load_course_in(dir: &Path, hub: &Catalog) -> Result<Course, Vec<LessonError>> {
    let files = lesson_files(dir).map_err(|e| vec![e])?;
    let mut lessons = Vec::new();
    let mut errors = Vec::new();
    let mut ids: Vec<(String, String)> = Vec::new();
    for path in files {
        let label = path.display().to_string();
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                errors.push(LessonError {
                    file: label,
                    line: 1,
                    column: 1,
                    message: format!("파일을 읽을 수 없습니다: {e}"),
                });
                continue;
            }
        };
        match parse_lesson_in(&label, &text, hub) {
            Ok(lesson) => {
                if let Some((_, other)) = ids.iter().find(|(id, _)| *id == lesson.id) {
                    let (line, column) = key_location(&text, "id").unwrap_or((1, 1));
                    errors.push(LessonError {
                        file: label.clone(),
                        line,
                        column,
                        message: format!(
                            "레슨 id '{}'이(가) {other}에도 있습니다. id는 진도 기록의 열쇠라서 겹치면 안 됩니다",
                            lesson.id
                        ),
                    });
                    continue;
                }
                ids.push((lesson.id.clone(), label));
                lessons.push(lesson);
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(Course { lessons })
    } else {
        Err(errors)
    }
}

/// The lesson files of `dir`, sorted by name.
pub fn lesson_files(dir: &Path) -> Result<Vec<std::path::PathBuf>, LessonError> {
    let entries = std::fs::read_dir(dir).map_err(|e| LessonError {
        file: dir.display().to_string(),
        line: 1,
        column: 1,
        message: format!("레슨 폴더를 읽을 수 없습니다: {e}"),
    })?;
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| x == "yaml" || x == "yml")
        })
        .collect();
    files.sort();
    Ok(files)
}

/// serde/YAML wording to Korean; the path (`steps[1].check[0]`) is kept, the position is
/// reported separately.
pub fn korean_yaml_error(raw: &str) -> String {
    let text = strip_positions(raw);
    let (path, message) = match text.split_once(": ") {
        Some((p, m)) if !p.contains(' ') && (p.contains('.') || p.contains('[') || is_key(p)) => {
            (Some(p.to_string()), m.to_string())
        }
        _ => (None, text.clone()),
    };
    let where_ = path.map(|p| format!("{p}: ")).unwrap_or_default();
    let listed = |s: &str| -> String {
        s.split(", ")
            .map(|w| w.trim().trim_matches('`'))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let expected = expected
            .trim_start_matches(", expected one of ")
            .trim_start_matches(", expected ");
        if expected.contains("`container`") && expected.contains("`output`") {
            return format!(
                "{where_}알 수 없는 조건 `{name}`입니다. 쓸 수 있는 조건: container, image, file, command, output (그리고 message)"
            );
        }
        if expected.starts_with(", there are no fields") || expected.is_empty() {
            return format!("{where_}알 수 없는 항목 `{name}`입니다");
        }
        return format!(
            "{where_}알 수 없는 항목 `{name}`입니다. 이 자리에 쓸 수 있는 항목: {}",
            listed(expected)
        );
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        return format!("{where_}꼭 있어야 하는 항목 `{name}`이(가) 없습니다");
    }
    if let Some(rest) = message.strip_prefix("duplicate field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        return format!("{where_}항목 `{name}`이(가) 두 번 나옵니다");
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let expected = expected
            .trim_start_matches(", expected one of ")
            .trim_start_matches(", expected ");
        return format!(
            "{where_}`{name}`은(는) 쓸 수 없는 값입니다. 쓸 수 있는 값: {}",
            listed(expected)
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (got, want) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return format!(
            "{where_}값의 모양이 맞지 않습니다: {}이(가) 와야 하는데 {}이(가) 있습니다",
            korean_kind(want),
            korean_kind(got)
        );
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        return format!("{where_}값이 올바르지 않습니다: {rest}");
    }
    if message.is_ascii() {
        // The YAML parser's own words (indentation, quotes): say what kind of problem it is.
        return format!("{where_}YAML 문법 오류입니다 (들여쓰기, 따옴표, ':' 뒤의 빈칸을 확인하세요): {message}");
    }
    format!("{where_}{message}")
}

/// Removes every ` at line N column M` (the position is reported on its own).
fn strip_positions(raw: &str) -> String {
    let mut out = String::new();
    let mut rest = raw;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let tail = &after[digits..];
        match tail.strip_prefix(" column ") {
            Some(col) if digits > 0 => {
                let n = col.len() - col.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                rest = &col[n..];
            }
            _ => {
                out.push_str(" at line ");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn is_key(p: &str) -> bool {
    p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn korean_kind(what: &str) -> String {
    let w = what.trim();
    if w.starts_with("a sequence") || w == "sequence" {
        "목록(- 로 시작하는 줄들)".to_string()
    } else if w.starts_with("a string") || w == "string" {
        "글자(문자열)".to_string()
    } else if w.starts_with("struct ") || w.starts_with("a map") || w == "map" {
        "항목 묶음(이름: 값)".to_string()
    } else if let Some(text) = w.strip_prefix("string ") {
        format!("글자 {text}")
    } else if w.starts_with("integer") || w.starts_with("u64") || w.starts_with("usize") {
        format!("숫자 {}", w.trim_start_matches("integer").trim())
    } else if w.starts_with("a boolean") || w.starts_with("boolean") {
        format!(
            "참/거짓(true/false) {}",
            w.trim_start_matches("a boolean")
                .trim_start_matches("boolean")
                .trim()
        )
    } else if w == "unit value" {
        "빈 값".to_string()
    } else {
        w.to_string()
    }
}

/// Line and column of the first `key:` (a mapping key at any depth).
pub fn key_location(text: &str, key: &str) -> Option<(usize, usize)> {
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let body = trimmed.strip_prefix("- ").unwrap_or(trimmed);
        if let Some(rest) = body.strip_prefix(key) {
            if rest.starts_with(':') {
                let col = line.len() - body.len() + 1;
                return Some((i + 1, col));
            }
        }
    }
    None
}

/// Where each step of `steps:` starts (the `-` of its list item), for block-style files.
pub fn step_locations(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut in_steps = false;
    let mut item_indent: Option<usize> = None;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if indent == 0 && !trimmed.starts_with('-') {
            in_steps = trimmed.starts_with("steps:");
            continue;
        }
        if !in_steps || !(trimmed.starts_with("- ") || trimmed == "-") {
            continue;
        }
        match item_indent {
            None => {
                item_indent = Some(indent);
                found.push((i + 1, indent + 1));
            }
            Some(n) if n == indent => found.push((i + 1, indent + 1)),
            _ => {}
        }
    }
    found
}

/// The first place at or after line `from` (1-based) where `needle` appears.
fn find_from(text: &str, needle: &str, from: usize) -> Option<(usize, usize)> {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find_map(|(i, line)| {
            line.find(needle)
                .map(|col| (i + 1, line[..col].chars().count() + 1))
        })
}

/// Whether `hub` has `reference` (`alpine`, `nginx:1.27`).
pub fn hub_has(hub: &Catalog, reference: &str) -> bool {
    match ImageRef::parse(reference) {
        Ok(r) => {
            let r = r.with_default_tag();
            r.domain == "docker.io" && hub.find(&r.familiar_name(), r.tag_or_latest()).is_some()
        }
        Err(_) => false,
    }
}

/// Replaces the solution placeholders with a sample value, for static checks.
pub fn sample_line(line: &str) -> String {
    line.replace("{{short-id}}", "a1b2c")
        .replace("{{newest-name}}", "some_name")
}

struct Validator<'a> {
    file: &'a str,
    text: &'a str,
    errors: Vec<LessonError>,
}

impl Validator<'_> {
    fn at(&mut self, place: (usize, usize), message: String) {
        self.errors.push(LessonError {
            file: self.file.to_string(),
            line: place.0,
            column: place.1,
            message,
        });
    }

    fn near(&self, needle: &str, from: usize) -> (usize, usize) {
        find_from(self.text, needle, from)
            .or_else(|| find_from(self.text, needle, 1))
            .unwrap_or((from.max(1), 1))
    }
}

fn validate(lesson: &Lesson, file: &str, text: &str, hub: &Catalog) -> Vec<LessonError> {
    let mut v = Validator {
        file,
        text,
        errors: Vec::new(),
    };
    let key = |k: &str| key_location(text, k).unwrap_or((1, 1));
    if lesson.id.trim().is_empty()
        || lesson
            .id
            .chars()
            .any(|c| c.is_whitespace() || c == '/' || c == '\\')
    {
        v.at(
            key("id"),
            format!(
                "레슨 id '{}'은(는) 비어 있거나 빈칸·'/'를 담고 있습니다. 03-after-run 처럼 쓰세요",
                lesson.id
            ),
        );
    }
    if lesson.steps.is_empty() {
        v.at(key("steps"), "단계(steps)가 하나도 없습니다".to_string());
    }

    // Images the lesson can use: the hub's, its own, and those its lines tag.
    let setup_line = key("setup").0;
    let mut custom: HashSet<String> = HashSet::new();
    for img in &lesson.setup.custom_images {
        match ImageRef::parse(&img.name) {
            Ok(_) => {
                custom.insert(normalize_image(&img.name));
            }
            Err(e) => {
                let at = v.near(&img.name, setup_line);
                v.at(
                    at,
                    format!("이미지 이름 '{}'이(가) 올바르지 않습니다: {e}", img.name),
                );
            }
        }
        if let Some(base) = &img.base {
            if !hub_has(hub, base) {
                let at = v.near(base, setup_line);
                v.at(
                    at,
                    format!("기반 이미지 '{base}'이(가) 가상 Docker Hub에 없습니다"),
                );
            }
        }
        if let Some(created) = &img.created {
            if chrono::DateTime::parse_from_rfc3339(created).is_err() {
                let at = v.near(created, setup_line);
                v.at(
                    at,
                    format!(
                        "created '{created}'을(를) 읽을 수 없습니다 (예: 2025-12-30T09:00:00Z)"
                    ),
                );
            }
        }
    }
    let mut all_lines: Vec<&String> = lesson.setup.commands.iter().collect();
    for step in &lesson.steps {
        all_lines.extend(step.solution.iter());
    }
    for line in &all_lines {
        for typed in typed_commands(&sample_line(line)) {
            if typed.invocation.command == "tag" {
                if let Some(target) = typed.invocation.args().get(1) {
                    custom.insert(normalize_image(target));
                }
            }
        }
    }
    let known =
        |reference: &str| hub_has(hub, reference) || custom.contains(&normalize_image(reference));
    for img in &lesson.setup.images {
        if !hub_has(hub, img) {
            let at = v.near(img, setup_line);
            v.at(
                at,
                format!(
                    "이미지 '{img}'이(가) 가상 Docker Hub에 없습니다. 직접 만든 이미지라면 setup.custom_images 에 적으세요"
                ),
            );
        }
    }
    for c in &lesson.setup.containers {
        if !known(&c.image) {
            let at = v.near(&c.image, setup_line);
            v.at(
                at,
                format!(
                    "컨테이너의 이미지 '{}'이(가) 가상 Docker Hub에도 setup.custom_images 에도 없습니다",
                    c.image
                ),
            );
        }
        if c.state == SetupState::Created && c.command.is_empty() {
            // Fine: the image's own command.
        }
    }
    for line in &lesson.setup.commands {
        check_line(&mut v, line, setup_line, &known);
    }

    let starts = step_locations(text);
    for (i, step) in lesson.steps.iter().enumerate() {
        let at = starts.get(i).copied().unwrap_or_else(|| key("steps"));
        validate_step(&mut v, step, i, at, &known);
    }
    v.errors
}

/// A shell line of a setup or solution: it must parse, its docker commands must be valid,
/// and `run`/`create`/`pull` must name images the lesson can have.
fn check_line(v: &mut Validator<'_>, line: &str, from: usize, known: &dyn Fn(&str) -> bool) {
    let sample = sample_line(line);
    if let Err(e) = crate::lexer::parse(&sample) {
        let at = v.near(line, from);
        v.at(at, format!("셸 문법 오류: {e}: {line}"));
        return;
    }
    let Ok(script) = crate::lexer::parse(&sample) else {
        return;
    };
    // Usage errors: every docker command must parse as docker parses it.
    for item in &script.items {
        for cmd in &item.pipeline.commands {
            let words: Vec<String> = cmd.words.iter().filter_map(|w| w.as_literal()).collect();
            if words.len() != cmd.words.len() || words.first().map(String::as_str) != Some("docker")
            {
                continue;
            }
            if let Err(out) = parse_command_line(&words[1..]) {
                if out.exit_code != 0 {
                    let first = out.stderr().lines().next().unwrap_or("").to_string();
                    let at = v.near(line, from);
                    v.at(
                        at,
                        format!("docker 가 받아들이지 않는 명령입니다 ({first}): {line}"),
                    );
                }
            }
        }
    }
    for typed in typed_commands(&sample) {
        let inv = &typed.invocation;
        if matches!(inv.command.as_str(), "run" | "create" | "pull") {
            if let Some(image) = inv.args().first() {
                if !known(image) {
                    let (l, _) = v.near(line, from);
                    let at = v.near(image, l);
                    v.at(
                        at,
                        format!(
                            "'{image}' 이미지는 가상 Docker Hub에 없고 이 레슨이 정의하지도 않습니다 (setup.custom_images): {line}"
                        ),
                    );
                }
            }
        }
    }
}

fn validate_step(
    v: &mut Validator<'_>,
    step: &Step,
    index: usize,
    at: (usize, usize),
    known: &dyn Fn(&str) -> bool,
) {
    let n = index + 1;
    match (&step.quiz, step.check.is_empty()) {
        (Some(_), false) => v.at(
            at,
            format!("단계 {n}: quiz 와 check 를 함께 쓸 수 없습니다. 단계를 둘로 나누세요"),
        ),
        (None, true) => v.at(
            at,
            format!("단계 {n}: check(확인 조건)도 quiz(퀴즈)도 없습니다"),
        ),
        _ => {}
    }
    if let Some(quiz) = &step.quiz {
        if !quiz.choices.is_empty() {
            match quiz.answer {
                Some(a) if (1..=quiz.choices.len()).contains(&a) => {}
                Some(a) => {
                    let place = v.near("answer:", at.0);
                    v.at(
                        place,
                        format!(
                            "단계 {n}: answer {a}은(는) 보기 번호(1~{})를 벗어납니다",
                            quiz.choices.len()
                        ),
                    )
                }
                None => v.at(
                    at,
                    format!("단계 {n}: 보기(choices)가 있으면 정답 번호(answer)가 있어야 합니다"),
                ),
            }
        } else if quiz.accept.is_empty() {
            v.at(
                at,
                format!(
                    "단계 {n}: 퀴즈에는 보기(choices)와 answer, 또는 단답(accept)이 있어야 합니다"
                ),
            );
        } else if quiz.answer.is_some() {
            v.at(
                at,
                format!("단계 {n}: answer 는 보기(choices)가 있을 때만 씁니다. 단답은 accept 에 적으세요"),
            );
        }
    }
    if step.solution.is_empty() {
        v.at(at, format!("단계 {n}: 풀이(solution)가 없습니다"));
    }
    for cond in &step.check {
        let preds: Vec<&crate::lesson::model::CommandPred> = match &cond.predicate {
            Predicate::Command(p) => vec![p],
            Predicate::Output(o) => o.command.iter().collect(),
            _ => vec![],
        };
        for p in preds {
            let Some(spec) = command_spec(&format!("docker {}", p.name)) else {
                let place = v.near(&p.name, at.0);
                v.at(
                    place,
                    format!(
                        "단계 {n}: '{}'은(는) docker 명령이 아닙니다 (예: ps, run, rm, container ls, system prune)",
                        p.name
                    ),
                );
                continue;
            };
            if spec.is_group {
                let place = v.near(&p.name, at.0);
                v.at(
                    place,
                    format!(
                        "단계 {n}: '{}'은(는) 명령 묶음입니다. 'container ls'처럼 끝까지 쓰세요",
                        p.name
                    ),
                );
                continue;
            }
            let named = p
                .flags
                .iter()
                .chain(p.without_flags.iter())
                .chain(p.values.keys());
            for flag in named {
                if spec.flag(flag).is_none() {
                    let place = v.near(flag, at.0);
                    v.at(
                        place,
                        format!(
                            "단계 {n}: docker {} 에는 --{flag} 옵션이 없습니다 (옵션은 긴 이름으로, 대시 없이 씁니다: all, format)",
                            p.name
                        ),
                    );
                }
            }
        }
        if let Predicate::Container(p) = &cond.predicate {
            if p.count.is_some() && p.min.is_some() {
                let place = v.near("min:", at.0);
                v.at(
                    place,
                    format!("단계 {n}: count 와 min 은 함께 쓸 수 없습니다"),
                );
            }
        }
    }
    for line in &step.solution {
        check_line(v, line, at.0, known);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "id: t1
title: 시험
summary: 요약
section: 노트
steps:
  - title: 하나
    text: 본문
    task: 할 일
    check:
      - container: { image: hello-world, status: exited }
        message: 끝났습니다
    solution:
      - docker run hello-world
    explanation: 설명
";

    #[test]
    fn a_good_lesson_parses() {
        let lesson = parse_lesson("t.yaml", GOOD).unwrap();
        assert_eq!(lesson.steps.len(), 1);
    }

    fn first_error(text: &str) -> LessonError {
        parse_lesson("t.yaml", text).unwrap_err().remove(0)
    }

    #[test]
    fn unknown_predicate_has_its_position() {
        let e = first_error(&GOOD.replace("- container:", "- contaner:"));
        assert_eq!((e.line, e.column), (10, 9), "{e}");
        assert!(e.message.contains("알 수 없는 조건 `contaner`"), "{e}");
    }

    #[test]
    fn unknown_field_in_a_step() {
        let e = first_error(&GOOD.replace("    task:", "    hint: x\n    task:"));
        assert_eq!((e.line, e.column), (8, 5), "{e}");
        assert!(e.message.contains("알 수 없는 항목 `hint`"), "{e}");
        assert!(e.message.contains("hints"), "{e}");
    }

    #[test]
    fn two_predicates_in_one_condition() {
        let e = first_error(&GOOD.replace(
            "        message: 끝났습니다",
            "        image: { name: alpine }\n        message: 끝났습니다",
        ));
        assert!(e.message.contains("정확히 하나"), "{e}");
        assert_eq!((e.line, e.column), (10, 7), "{e}");
    }

    #[test]
    fn unknown_image_in_a_solution() {
        let e = first_error(&GOOD.replace("docker run hello-world", "docker run helo-world"));
        assert_eq!((e.line, e.column), (13, 20), "{e}");
        assert!(e.message.contains("'helo-world'"), "{e}");
    }

    #[test]
    fn unknown_flag_in_a_command_shape() {
        let text = GOOD.replace(
            "      - container: { image: hello-world, status: exited }\n        message: 끝났습니다",
            "      - command: { name: ps, flags: [al] }\n        message: 봤습니다",
        );
        let e = first_error(&text);
        assert!(e.message.contains("--al"), "{e}");
        assert_eq!((e.line, e.column), (10, 38), "{e}");
    }

    #[test]
    fn yaml_syntax_errors_are_korean() {
        let e = first_error("id: 'unterminated\ntitle: x\n");
        assert!(e.message.contains("YAML 문법 오류"), "{e}");
    }

    #[test]
    fn positions_are_taken_out_of_messages() {
        assert_eq!(
            strip_positions("found x at line 6 column 1, while y at line 2 column 8"),
            "found x, while y"
        );
        assert_eq!(strip_positions("at line two"), "at line two");
    }

    #[test]
    fn step_locations_follow_the_list() {
        assert_eq!(step_locations(GOOD), vec![(6, 3)]);
    }
}
