//! Image commands: pull, tag, rmi, save, load, and the prune commands.

use super::format::humanize::human_size;
use super::host::HostFile;
use super::output::{failure, Output};
use super::pull::pull_lines;
use super::{Ctx, Invocation};
use crate::engine::images::{ImageDeleteRecord, PruneReport};
use crate::engine::reference::ImageRef;
use crate::engine::{Engine, EngineError};

/// `docker pull NAME[:TAG]`.
pub fn pull(engine: &mut Engine, _ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    if inv.bool("all-tags") {
        return failure("dockersim: --all-tags 옵션은 아직 흉내 내지 않습니다.", 1);
    }
    let arg = &inv.args()[0];
    let parsed = match ImageRef::parse(arg) {
        Ok(r) => r,
        Err(e) => return failure(e.to_string(), 1),
    };
    let quiet = inv.bool("quiet");
    let mut out = Output::new();
    if parsed.tag.is_none() && parsed.digest.is_none() && !quiet {
        out.outln("Using default tag: latest");
    }
    match engine.pull(&parsed) {
        Ok(report) => {
            if !quiet {
                out.out(pull_lines(&report));
            }
            out.outln(&report.canonical);
        }
        Err(e) => {
            out.daemon_error(&e).code(1);
        }
    }
    out
}

/// `docker tag SOURCE TARGET`.
pub fn tag(engine: &mut Engine, _ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    let args = inv.args();
    let target = match ImageRef::parse(&args[1]) {
        Ok(r) if r.digest.is_none() => r,
        Ok(_) => return failure("refusing to create a tag with a digest reference", 1),
        Err(e) => {
            return failure(
                format!(
                    "Error parsing reference: \"{}\" is not a valid repository/tag: {e}",
                    args[1]
                ),
                1,
            )
        }
    };
    match engine.tag(&args[0], &target) {
        Ok(()) => Output::new(),
        Err(e) => {
            let mut out = Output::new();
            out.daemon_error(&e).code(1);
            out
        }
    }
}

/// `docker rmi [-f] IMAGE...`.
pub fn rmi(engine: &mut Engine, _ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    let force = inv.bool("force");
    let mut out = Output::new();
    let mut failed = false;
    for reference in inv.args() {
        match engine.remove_image(reference, force) {
            Ok(records) => {
                for r in records {
                    match r {
                        ImageDeleteRecord::Untagged(t) => out.outln(format!("Untagged: {t}")),
                        ImageDeleteRecord::Deleted(d) => out.outln(format!("Deleted: {d}")),
                    };
                }
            }
            // A missing image with -f is reported but is not a failure.
            Err(e @ EngineError::NoSuchImage(_)) if force => {
                out.daemon_error(&e);
            }
            Err(e) => {
                out.daemon_error(&e);
                failed = true;
            }
        }
    }
    if failed {
        out.code(1);
    }
    out
}

/// `docker save -o FILE IMAGE...` (or `> FILE` through the shell).
pub fn save(engine: &mut Engine, ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    if inv.is_set("platform") {
        return failure("dockersim: --platform 옵션은 아직 흉내 내지 않습니다.", 1);
    }
    let output_path = inv.string("output");
    let target = match (&output_path, &ctx.stdout_redirect) {
        (Some(path), _) => path.clone(),
        (None, Some(path)) => path.clone(),
        (None, None) => {
            return failure(
                "cowardly refusing to save to a terminal. Use the -o flag or redirect",
                1,
            )
        }
    };
    if output_path.is_some() {
        let abs = ctx.host.absolute(&target);
        let parent = crate::engine::fs::normalize(&abs, "..");
        if !ctx.host.is_dir(&parent) {
            return failure(
                format!(
                    "failed to save image: invalid output path: stat {}: no such file or directory",
                    parent_as_typed(&target)
                ),
                1,
            );
        }
    }
    let archive = match engine.save(inv.args()) {
        Ok(a) => a,
        Err(e) => {
            let mut out = Output::new();
            out.daemon_error(&e).code(1);
            return out;
        }
    };
    if let Err(dir) = ctx.host.write(&target, HostFile::Archive(archive)) {
        return failure(
            format!(
                "failed to save image: invalid output path: stat {dir}: no such file or directory"
            ),
            1,
        );
    }
    Output::new()
}

fn parent_as_typed(path: &str) -> String {
    match path.rsplit_once('/') {
        Some(("", _)) => "/".to_string(),
        Some((dir, _)) => dir.to_string(),
        None => ".".to_string(),
    }
}

/// `docker load -i FILE`.
pub fn load(engine: &mut Engine, ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    if inv.is_set("platform") {
        return failure("dockersim: --platform 옵션은 아직 흉내 내지 않습니다.", 1);
    }
    let Some(path) = inv.string("input").or_else(|| ctx.stdin_redirect.clone()) else {
        return failure("requested load from stdin, but stdin is empty", 1);
    };
    let archive = match ctx.host.read(&path) {
        Some(HostFile::Archive(a)) => a.clone(),
        Some(HostFile::Text(_)) => {
            return failure(
                "Error response from daemon: archive/tar: invalid tar header",
                1,
            )
        }
        None => return failure(format!("open {path}: no such file or directory"), 1),
    };
    let mut out = Output::new();
    for line in engine.load(&archive) {
        out.outln(line);
    }
    out
}

/// The y/N question of the prune commands; `true` when the answer is `y`/`Y`.
fn confirm(ctx: &mut Ctx<'_>, out: &mut Output, warning: &str) -> bool {
    out.out(format!(
        "{warning}Are you sure you want to continue? [y/N] "
    ));
    let answer = (ctx.ask)(&out.merged());
    match answer {
        Some(a) => {
            // A terminal echoes what was typed, so later output starts on a new line.
            if ctx.echo_answers {
                out.out(format!("{a}\n"));
            }
            a.trim() == "y" || a.trim() == "Y"
        }
        None => false,
    }
}

/// `docker system prune [-a] [-f]`.
pub fn system_prune(engine: &mut Engine, ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    if inv.bool("volumes") || !inv.list("filter").is_empty() {
        return failure(
            "dockersim: --volumes, --filter 옵션은 아직 흉내 내지 않습니다.",
            1,
        );
    }
    let all = inv.bool("all");
    let mut out = Output::new();
    if !inv.bool("force") {
        let warning = format!(
            "WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n  - {}\n  - {}\n\n",
            if all { "all images without at least one container associated to them" } else { "all dangling images" },
            if all { "all build cache" } else { "unused build cache" },
        );
        if !confirm(ctx, &mut out, &warning) {
            return out;
        }
    }
    let report = engine.prune(all);
    print_prune_report(&mut out, &report);
    out
}

/// The prune commands' report: each non-empty section followed by a blank line (containers,
/// then images, with prune's lowercase `untagged:`/`deleted:`), then the space freed.
fn print_prune_report(out: &mut Output, report: &PruneReport) {
    if !report.containers.is_empty() {
        out.outln("Deleted Containers:");
        for id in &report.containers {
            out.outln(id);
        }
        out.outln("");
    }
    if !report.images.is_empty() {
        out.outln("Deleted Images:");
        for r in &report.images {
            match r {
                ImageDeleteRecord::Untagged(t) => out.outln(format!("untagged: {t}")),
                ImageDeleteRecord::Deleted(d) => out.outln(format!("deleted: {d}")),
            };
        }
        out.outln("");
    }
    out.outln(format!(
        "Total reclaimed space: {}",
        human_size(report.reclaimed as f64)
    ));
}

/// `docker container prune [-f]`.
pub fn container_prune(engine: &mut Engine, ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    if !inv.list("filter").is_empty() {
        return failure("dockersim: --filter 옵션은 아직 흉내 내지 않습니다.", 1);
    }
    let mut out = Output::new();
    if !inv.bool("force")
        && !confirm(
            ctx,
            &mut out,
            "WARNING! This will remove all stopped containers.\n",
        )
    {
        return out;
    }
    let report = engine.prune_containers();
    print_prune_report(&mut out, &report);
    out
}

/// `docker image prune [-a] [-f]`.
pub fn image_prune(engine: &mut Engine, ctx: &mut Ctx<'_>, inv: &Invocation) -> Output {
    if !inv.list("filter").is_empty() {
        return failure("dockersim: --filter 옵션은 아직 흉내 내지 않습니다.", 1);
    }
    let all = inv.bool("all");
    let mut out = Output::new();
    let warning = if all {
        "WARNING! This will remove all images without at least one container associated to them.\n"
    } else {
        "WARNING! This will remove all dangling images.\n"
    };
    if !inv.bool("force") && !confirm(ctx, &mut out, warning) {
        return out;
    }
    let report = engine.prune_images(all);
    print_prune_report(&mut out, &report);
    out
}
