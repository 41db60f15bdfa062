//! Every demo script in `tests/demos/` replayed in script mode; each transcript is a snapshot.

use dockersim::shell::script::play;

#[test]
fn demo_transcripts() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::glob!("demos/*.txt", |path| {
            let script = std::fs::read_to_string(path).expect("demo script is readable");
            let first = play(&script, 0);
            // Script mode is deterministic: the same script and seed give the same bytes.
            assert_eq!(
                first,
                play(&script, 0),
                "{} is not deterministic",
                path.display()
            );
            insta::assert_snapshot!(first);
        });
    });
}
