//! Images in the local cache: identity, tags, layers, configuration and file tree.

use super::fs::FileTree;
use chrono::{DateTime, Utc};
use std::sync::Arc;

/// An image's run configuration (the parts a container inherits).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ImageConfig {
    /// Default command.
    pub cmd: Vec<String>,
    /// Entrypoint.
    pub entrypoint: Vec<String>,
    /// `KEY=VALUE` environment.
    pub env: Vec<String>,
    /// Working directory (`""` = `/`).
    pub working_dir: String,
    /// Exposed ports (`80/tcp`).
    pub exposed_ports: Vec<String>,
    /// Stop signal (`None` = SIGTERM).
    pub stop_signal: Option<String>,
    /// User.
    pub user: String,
    /// Labels.
    pub labels: Vec<(String, String)>,
}

/// One layer of an image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layer {
    /// Compressed blob digest (`sha256:…`); pull progress shows its first 12 hex.
    pub digest: String,
    /// Uncompressed diff ID (`sha256:…`); `docker rmi` prints `Deleted:` with it.
    pub diff_id: String,
    /// Download size in bytes.
    pub size: u64,
}

/// A tag: full repository name (`docker.io/library/alpine`) and tag.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tag {
    /// `docker.io/library/alpine`.
    pub repository: String,
    /// `latest`.
    pub tag: String,
}

impl Tag {
    /// `alpine:latest`, `myuser/app:v1`, `localhost:5000/x:1`.
    pub fn familiar(&self) -> String {
        format!("{}:{}", familiar_repository(&self.repository), self.tag)
    }
}

/// `docker.io/library/alpine` → `alpine`; `docker.io/u/app` → `u/app`; others unchanged.
pub fn familiar_repository(full: &str) -> String {
    match full.strip_prefix("docker.io/") {
        Some(rest) => match rest.strip_prefix("library/") {
            Some(name) if !name.contains('/') => name.to_string(),
            _ => rest.to_string(),
        },
        None => full.to_string(),
    }
}

/// An image in the local cache.
#[derive(Clone, Debug)]
pub struct Image {
    /// 64-hex image ID (without `sha256:`).
    pub id: String,
    /// Tags in the order they were added.
    pub tags: Vec<Tag>,
    /// Repo digests: (full repository, `sha256:…`).
    pub digests: Vec<(String, String)>,
    /// Build time.
    pub created: DateTime<Utc>,
    /// Size in bytes, as `docker images` shows it.
    pub size: u64,
    /// Layers, bottom first.
    pub layers: Vec<Layer>,
    /// Run configuration.
    pub config: ImageConfig,
    /// The file tree containers start from.
    pub fs: Arc<FileTree>,
    /// Architecture (`amd64`).
    pub architecture: String,
    /// `docker commit -m`: the image's `Comment`.
    pub comment: String,
    /// `docker commit -a`: the image's `Author`.
    pub author: String,
    /// The image a commit started from (`sha256:…`), empty for pulled images.
    pub parent: String,
}

impl Image {
    /// First 12 hex characters of the ID.
    pub fn short_id(&self) -> &str {
        &self.id[..12]
    }

    /// Whether the image has no tag (shows as `<none>`).
    pub fn is_dangling(&self) -> bool {
        self.tags.is_empty()
    }
}

/// The content of an image archive written by `docker save` (a file on the virtual host).
#[derive(Clone, Debug)]
pub struct ImageArchive {
    /// Images with the tags that were named when saving.
    pub images: Vec<Image>,
}
