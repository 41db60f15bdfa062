//! The built binary, as a user runs it: `play` twice gives the same bytes, `lessons check`
//! passes on the course and fails with file:line:column on broken lessons, and knows the
//! images of `--catalog`.

use std::process::Command;

fn dockersim(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_dockersim"))
        .args(args)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .output()
        .expect("the dockersim binary runs")
}

#[test]
fn play_is_byte_identical_twice() {
    let first = dockersim(&["play", "tests/demos/07-stop-kill.txt"]);
    let second = dockersim(&["play", "tests/demos/07-stop-kill.txt"]);
    assert!(first.status.success());
    assert_eq!(first.stdout, second.stdout);
    let text = String::from_utf8_lossy(&first.stdout);
    assert!(text.contains("Exited (137) "), "{text}");
}

#[test]
fn play_of_a_missing_file_says_so() {
    let out = dockersim(&["play", "no/such/script.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/script.txt"));
}

#[test]
fn lessons_check_passes_on_the_course_and_fails_on_broken_lessons() {
    let good = dockersim(&["lessons", "check", "lessons"]);
    assert_eq!(
        good.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&good.stdout)
    );
    let bad = dockersim(&["lessons", "check", "tests/fixtures/broken-lessons"]);
    assert_ne!(bad.status.code(), Some(0));
    let report = String::from_utf8_lossy(&bad.stdout);
    assert!(
        report.contains("tests/fixtures/broken-lessons/01-unknown-field.yaml:"),
        "{report}"
    );
}

#[test]
fn lessons_check_knows_the_images_of_an_extra_catalog() {
    let dir = "tests/fixtures/catalog-lessons";
    let without = dockersim(&["lessons", "check", dir]);
    assert_eq!(without.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&without.stdout)
        .contains("01-classroom-app.yaml:11:23: 'classroom-app'"));
    let with = dockersim(&[
        "--catalog",
        "tests/fixtures/classroom-catalog.yaml",
        "lessons",
        "check",
        dir,
    ]);
    assert_eq!(
        with.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&with.stdout)
    );
}
