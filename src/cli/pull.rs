//! Rendering a pull the way a terminal shows its final screen (`docker run` and `docker pull`).

use crate::engine::images::{LayerPull, PullReport};

/// The lines of a pull as its terminal screen ends: one line per layer (with the trailing
/// space docker's progress renderer leaves), then the digest and status.
pub fn pull_lines(report: &PullReport) -> String {
    let mut text = format!(
        "{}: Pulling from {}\n",
        report.tag_or_digest, report.repo_path
    );
    // An image that is already current prints no layer lines.
    for (layer, status) in report.layers.iter().filter(|_| report.downloaded) {
        let word = match status {
            LayerPull::AlreadyExists => "Already exists",
            LayerPull::Downloaded(_) => "Pull complete",
        };
        text.push_str(&format!("{layer}: {word} \n"));
    }
    text.push_str(&format!("Digest: {}\n", report.digest));
    if report.downloaded {
        text.push_str(&format!(
            "Status: Downloaded newer image for {}\n",
            report.familiar
        ));
    } else {
        text.push_str(&format!(
            "Status: Image is up to date for {}\n",
            report.familiar
        ));
    }
    text
}
