//! The simulated Docker Hub: a catalog of images stored as data, not code.
//!
//! The built-in catalog is `hub.yaml`, embedded in the binary and parsed once by [`hub`]. A
//! teacher or a test can give an extra catalog file in the same format; [`Catalog::merge`]
//! lays it over the built-in one (the extra file wins) and [`Catalog::validate`] checks the
//! result. [`hub_with`] does all three.
//!
//! The format is YAML with three top-level keys, all optional:
//!
//! ```yaml
//! layers:                          # every layer once; images share layers by digest
//!   - digest: "sha256:<64 hex>"    # compressed blob digest (pull shows its first 12 hex)
//!     diff_id: "sha256:<64 hex>"   # uncompressed digest (optional)
//!     size: 3641715                # compressed download size in bytes
//! images:
//!   - repository: alpine           # familiar name: no `docker.io/`, no `library/`
//!     tags: ["latest", "3.21"]
//!     id: "sha256:<64 hex>"        # image ID
//!     digest: "sha256:<64 hex>"    # repo digest, printed as `Digest: ...` after a pull
//!     created: "2025-02-14T03:28:36Z"
//!     size: 7834000                # uncompressed bytes, as `docker images` shows them
//!     layers: ["sha256:<64 hex>"]  # bottom first; each must be listed under `layers`
//!     config: { cmd: ["/bin/sh"], env: ["PATH=/usr/bin:/bin"] }
//!     filesystem: alpine-3.21      # key into `filesystems`
//! filesystems:
//!   alpine-3.21:
//!     extends: null                # another key whose entries come first
//!     dirs: ["/bin", "/etc"]       # parents are implied
//!     dir_links: {}                # e.g. "/bin": "/usr/bin" (merged /usr)
//!     files: { "/etc/hostname": "" }
//!     programs: { "/bin/sh": sh }  # path -> name of a simulated program
//! ```
//!
//! Every struct refuses unknown keys, so a typo in a teacher's file is an error with its line
//! and column instead of a silently ignored setting. The field documentation below is the
//! reference for each key.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The built-in catalog text.
const HUB_YAML: &str = include_str!("hub.yaml");

/// The same catalog as JSON, converted by `build.rs` (empty if it could not be): parsing it
/// takes about a tenth of the time the YAML takes, which is most of dockersim's start-up.
const HUB_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/hub.json"));

/// The built-in simulated hub, parsed from the embedded catalog on first use.
pub fn hub() -> &'static Catalog {
    static HUB: OnceLock<Catalog> = OnceLock::new();
    HUB.get_or_init(|| {
        // The test `embedded_json_is_the_yaml` checks that both texts give the same catalog;
        // the YAML is the fallback should the JSON ever be missing or unreadable.
        if let Ok(catalog) = serde_json::from_str::<Catalog>(HUB_JSON) {
            return catalog;
        }
        // The text is compiled in, and the test `embedded_catalog_parses_and_validates`
        // parses and validates it, so a failure here is a build defect, not bad input.
        Catalog::from_yaml(HUB_YAML).expect("src/engine/hub.yaml parses (checked by tests)")
    })
}

/// The built-in hub with an extra catalog (a teacher's or test's file) merged over it, then
/// validated as a whole, since the extra file may use the hub's layers and filesystems.
pub fn hub_with(extra_yaml: &str) -> Result<Catalog, CatalogError> {
    let mut catalog = hub().clone();
    catalog.merge(Catalog::from_yaml(extra_yaml)?);
    catalog.validate()?;
    Ok(catalog)
}

/// A set of images, the layers they are made of and the file trees they contain.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// Every layer once. Images refer to layers by digest, so two images that list the same
    /// digest share the layer and the second pull prints `Already exists` for it.
    #[serde(default)]
    pub layers: Vec<HubLayer>,
    /// The images. An image with several tags is one entry listing all its tags.
    #[serde(default)]
    pub images: Vec<HubImage>,
    /// File trees by name; images point at one with [`HubImage::filesystem`].
    #[serde(default, deserialize_with = "unique_keys::deserialize")]
    pub filesystems: BTreeMap<String, FilesystemSpec>,
}

/// One layer blob of the hub.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HubLayer {
    /// Digest of the compressed blob, `sha256:` + 64 lowercase hex. Pull progress lines
    /// (`e6590344b1a5: Pull complete`) show its first 12 hex.
    pub digest: String,
    /// Digest of the uncompressed tar (the image's `RootFS.Layers` entry), `sha256:` + 64
    /// hex. For an image's bottom layer it is also the layer ID that `docker rmi` prints as
    /// `Deleted: sha256:…`. When absent, users of the catalog fall back to [`Self::digest`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diff_id: Option<String>,
    /// Compressed download size in bytes (the totals in pull progress, e.g. `3.642MB`).
    pub size: u64,
}

/// One image of the hub, with every tag that points at it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HubImage {
    /// Familiar repository name: `alpine` for official images, `user/app` otherwise; never
    /// with `docker.io/` or `library/` (lookups accept those, see [`Catalog::find`]).
    pub repository: String,
    /// The tags of [`Self::repository`] that point at this image (`latest`, `3.21`, …).
    pub tags: Vec<String>,
    /// Image ID (config digest), `sha256:` + 64 hex; `docker images` shows its first 12 hex.
    pub id: String,
    /// Repo digest (manifest or multi-arch index digest), `sha256:` + 64 hex: printed as
    /// `Digest: …` after a pull and in `docker rmi`'s `Untagged: repo@sha256:…` line.
    pub digest: String,
    /// Build time, RFC 3339 (`2025-02-14T03:28:36Z`); `docker images` shows its age.
    #[serde(with = "rfc3339")]
    pub created: DateTime<Utc>,
    /// Uncompressed size in bytes, what `docker images` shows (`7834000` → `7.83MB`).
    pub size: u64,
    /// Layer digests, bottom layer first; each must be listed in [`Catalog::layers`].
    pub layers: Vec<String>,
    /// Default run configuration (CMD, ENTRYPOINT, ENV, …).
    #[serde(default)]
    pub config: ImageConfig,
    /// Key of the image's file tree in [`Catalog::filesystems`].
    pub filesystem: String,
}

/// An image's default run configuration, as set by its Dockerfile. Every key is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ImageConfig {
    /// CMD in exec form (`["nginx", "-g", "daemon off;"]`); `null` when the image has none.
    pub cmd: Option<Vec<String>>,
    /// ENTRYPOINT in exec form (`["/docker-entrypoint.sh"]`); `null` when none.
    pub entrypoint: Option<Vec<String>>,
    /// Environment as `KEY=value` strings, in order (`PATH=…` first in most images).
    pub env: Vec<String>,
    /// WORKDIR; `""` means `/`.
    pub working_dir: String,
    /// EXPOSE'd ports as `port/protocol` (`80/tcp`, `53/udp`).
    pub exposed_ports: Vec<String>,
    /// VOLUME paths (redis declares `/data`); each run gets an anonymous volume there.
    pub volumes: Vec<String>,
    /// STOPSIGNAL (`SIGQUIT` for nginx, `SIGWINCH` for httpd); `null` means `SIGTERM`.
    pub stop_signal: Option<String>,
    /// USER; `""` means root.
    pub user: String,
    /// LABELs.
    #[serde(deserialize_with = "unique_keys::deserialize")]
    pub labels: BTreeMap<String, String>,
}

/// A file tree, possibly built on another one. Paths are absolute and clean (`/usr/bin`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FilesystemSpec {
    /// Key of another filesystem whose entries come first; this one's entries are laid over
    /// them (same path: this one wins).
    pub extends: Option<String>,
    /// Directories; their parent directories are implied.
    pub dirs: Vec<String>,
    /// Directory symbolic links of the real image, link path → target directory (merged
    /// `/usr`: `/bin` → `/usr/bin`). The simulator has no symbolic links, so
    /// [`Catalog::entries`] lists the target's whole content again under the link path.
    #[serde(deserialize_with = "unique_keys::deserialize")]
    pub dir_links: BTreeMap<String, String>,
    /// Regular files, path → content. The parent directory must be a listed (or implied)
    /// directory, so a mistyped directory is caught.
    #[serde(deserialize_with = "unique_keys::deserialize")]
    pub files: BTreeMap<String, String>,
    /// Executables, path → name of the simulated program that stands in for them (the
    /// engine maps names to behaviours). Same rule for the parent directory as `files`.
    #[serde(deserialize_with = "unique_keys::deserialize")]
    pub programs: BTreeMap<String, String>,
}

/// One entry of a resolved file tree (see [`Catalog::entries`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FsEntry {
    /// A directory: its path.
    Dir(String),
    /// A regular file: its path and content.
    File(String, String),
    /// An executable: its path and the simulated program's name.
    Program(String, String),
}

impl FsEntry {
    /// The entry's absolute path.
    pub fn path(&self) -> &str {
        match self {
            FsEntry::Dir(path) | FsEntry::File(path, _) | FsEntry::Program(path, _) => path,
        }
    }
}

/// Why a catalog could not be read or used. Messages are Korean, for the teacher.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    /// The text is not YAML or does not fit the format (unknown key, wrong type, missing
    /// key). `message` is the parser's, including the key path (`images[2].config: …`).
    #[error("카탈로그 YAML 오류{}: {message}", location_text(.line, .column))]
    Syntax {
        /// 1-based line of the problem, when the parser knows it.
        line: Option<usize>,
        /// 1-based column of the problem, when the parser knows it.
        column: Option<usize>,
        /// The parser's message without the position.
        message: String,
    },
    /// [`Catalog::validate`] found problems: one sentence each, all of them.
    #[error("카탈로그에 문제가 {}개 있습니다:{}", .0.len(), bullet_list(.0))]
    Invalid(Vec<String>),
    /// No filesystem has this key.
    #[error("파일시스템 '{0}'이(가) 카탈로그에 없습니다")]
    UnknownFilesystem(String),
    /// `extends` goes round in a circle; the keys in order, the first repeated at the end.
    #[error("파일시스템의 extends가 순환합니다: {}", .0.join(" → "))]
    ExtendsCycle(Vec<String>),
    /// A path is used as a directory (it has entries below it) and as a file or program.
    #[error("파일시스템 '{filesystem}': '{path}'이(가) 디렉터리이면서 파일(또는 프로그램)입니다")]
    PathConflict {
        /// The filesystem being resolved.
        filesystem: String,
        /// The path in conflict.
        path: String,
    },
    /// A `dir_links` entry cannot be expanded.
    #[error("파일시스템 '{filesystem}': dir_links '{link}' → '{target}': {reason}")]
    BadDirLink {
        /// The filesystem being resolved.
        filesystem: String,
        /// The link path.
        link: String,
        /// The target directory.
        target: String,
        /// What is wrong, in Korean.
        reason: String,
    },
}

/// `" (3행 5열)"` for a known position, nothing otherwise.
fn location_text(line: &Option<usize>, column: &Option<usize>) -> String {
    match (line, column) {
        (Some(line), Some(column)) => format!(" ({line}행 {column}열)"),
        (Some(line), None) => format!(" ({line}행)"),
        _ => String::new(),
    }
}

/// The problems as an indented list, each on its own line.
fn bullet_list(problems: &[String]) -> String {
    problems.iter().map(|p| format!("\n  - {p}")).collect()
}

impl Catalog {
    /// Parses a catalog. Only the syntax and the value types are checked here, because an
    /// extra file may refer to layers and filesystems of the catalog it is merged into; call
    /// [`Self::validate`] on the merged result.
    pub fn from_yaml(text: &str) -> Result<Catalog, CatalogError> {
        serde_yaml::from_str(text).map_err(|err| {
            let location = err.location();
            let line = location.as_ref().map(|l| l.line());
            let column = location.as_ref().map(|l| l.column());
            let mut message = err.to_string();
            // The parser appends the position in English; it is shown in Korean instead.
            if let (Some(l), Some(c)) = (line, column) {
                let suffix = format!(" at line {l} column {c}");
                if let Some(stripped) = message.strip_suffix(&suffix) {
                    message = stripped.to_string();
                }
            }
            CatalogError::Syntax {
                line,
                column,
                message,
            }
        })
    }

    /// Lays `other` over this catalog; on any clash `other` wins. A layer with the same
    /// digest is replaced. A tag that `other` gives to an image is taken off this catalog's
    /// image of the same repository (an image left without tags is dropped). A filesystem
    /// with the same key is replaced whole.
    pub fn merge(&mut self, other: Catalog) {
        for layer in other.layers {
            match self.layers.iter_mut().find(|l| l.digest == layer.digest) {
                Some(existing) => *existing = layer,
                None => self.layers.push(layer),
            }
        }
        // Only this catalog's own images lose tags: two images of `other` that claim the
        // same tag stay a duplicate, which validate() reports.
        let claimed: BTreeSet<(&str, &str)> = other
            .images
            .iter()
            .flat_map(|image| {
                let repository = familiar_repository(&image.repository);
                image.tags.iter().map(move |tag| (repository, tag.as_str()))
            })
            .collect();
        for mine in &mut self.images {
            let repository = familiar_repository(&mine.repository);
            mine.tags
                .retain(|tag| !claimed.contains(&(repository, tag.as_str())));
        }
        self.images.retain(|mine| !mine.tags.is_empty());
        self.images.extend(other.images);
        self.filesystems.extend(other.filesystems);
    }

    /// The image that `repository:tag` names. `repository` is familiar (`alpine`,
    /// `user/app`); `library/alpine` and `docker.io/library/alpine` are accepted too.
    pub fn find(&self, repository: &str, tag: &str) -> Option<&HubImage> {
        let repository = familiar_repository(repository);
        self.images
            .iter()
            .find(|image| image.repository == repository && image.tags.iter().any(|t| t == tag))
    }

    /// The image of `repository` whose repo digest is `digest` (`repo@sha256:…`).
    pub fn find_by_digest(&self, repository: &str, digest: &str) -> Option<&HubImage> {
        let repository = familiar_repository(repository);
        self.images
            .iter()
            .find(|image| image.repository == repository && image.digest == digest)
    }

    /// Whether the hub has the repository at all: tells "manifest unknown" (wrong tag) from
    /// "pull access denied" (no such repository).
    pub fn has_repository(&self, repository: &str) -> bool {
        let repository = familiar_repository(repository);
        self.images
            .iter()
            .any(|image| image.repository == repository)
    }

    /// The layer with this (compressed) digest.
    pub fn layer(&self, digest: &str) -> Option<&HubLayer> {
        self.layers.iter().find(|layer| layer.digest == digest)
    }

    /// The image's layers, bottom first; `None` if one of them is not in the catalog.
    pub fn image_layers(&self, image: &HubImage) -> Option<Vec<&HubLayer>> {
        image
            .layers
            .iter()
            .map(|digest| self.layer(digest))
            .collect()
    }

    /// Every entry of filesystem `key`, following `extends`, in path order: each path once,
    /// the parent directories of every entry included, `dir_links` expanded into copies.
    pub fn entries(&self, key: &str) -> Result<Vec<FsEntry>, CatalogError> {
        let chain = self.extends_chain(key)?;
        let mut tree: BTreeMap<String, FsEntry> = BTreeMap::new();
        let mut links: BTreeMap<&str, &str> = BTreeMap::new();
        for spec in &chain {
            for dir in &spec.dirs {
                tree.insert(dir.clone(), FsEntry::Dir(dir.clone()));
            }
            for (path, content) in &spec.files {
                tree.insert(path.clone(), FsEntry::File(path.clone(), content.clone()));
            }
            for (path, program) in &spec.programs {
                tree.insert(
                    path.clone(),
                    FsEntry::Program(path.clone(), program.clone()),
                );
            }
            for (link, target) in &spec.dir_links {
                links.insert(link, target);
            }
        }

        // Parents are implied; a parent that is a file is a contradiction.
        let mut needed: BTreeSet<String> = BTreeSet::new();
        for path in tree.keys().map(String::as_str).chain(links.keys().copied()) {
            needed.extend(ancestors(path).map(str::to_string));
        }
        for dir in needed {
            match tree.get(&dir) {
                None => {
                    tree.insert(dir.clone(), FsEntry::Dir(dir));
                }
                Some(FsEntry::Dir(_)) => {}
                Some(_) => {
                    return Err(CatalogError::PathConflict {
                        filesystem: key.to_string(),
                        path: dir,
                    })
                }
            }
        }

        let bad_link = |link: &str, target: &str, reason: &str| CatalogError::BadDirLink {
            filesystem: key.to_string(),
            link: link.to_string(),
            target: target.to_string(),
            reason: reason.to_string(),
        };
        for (&link, &target) in &links {
            if tree.contains_key(link) || tree.keys().any(|p| is_below(p, link)) {
                return Err(bad_link(
                    link,
                    target,
                    "링크 경로에 이미 다른 항목이 있습니다",
                ));
            }
            if !matches!(tree.get(target), Some(FsEntry::Dir(_))) {
                return Err(bad_link(link, target, "대상 디렉터리가 없습니다"));
            }
            if links
                .keys()
                .any(|&other| other == target || is_below(target, other))
            {
                return Err(bad_link(
                    link,
                    target,
                    "대상이 다른 링크를 거칩니다 (지원하지 않음)",
                ));
            }
        }
        // Copy after all checks, so one link's copies are never mistaken for clashes.
        let mut copies = Vec::new();
        for (&link, &target) in &links {
            copies.push(FsEntry::Dir(link.to_string()));
            for (path, entry) in tree.range(format!("{target}/")..) {
                let Some(rest) = path.strip_prefix(target).filter(|r| r.starts_with('/')) else {
                    break;
                };
                let moved = format!("{link}{rest}");
                copies.push(match entry {
                    FsEntry::Dir(_) => FsEntry::Dir(moved),
                    FsEntry::File(_, content) => FsEntry::File(moved, content.clone()),
                    FsEntry::Program(_, program) => FsEntry::Program(moved, program.clone()),
                });
            }
        }
        for entry in copies {
            tree.insert(entry.path().to_string(), entry);
        }
        Ok(tree.into_values().collect())
    }

    /// The filesystem specs from the root of `key`'s `extends` chain down to `key` itself.
    fn extends_chain(&self, key: &str) -> Result<Vec<&FilesystemSpec>, CatalogError> {
        let mut keys: Vec<&str> = Vec::new();
        let mut specs = Vec::new();
        let mut next = Some(key);
        while let Some(current) = next {
            if let Some(start) = keys.iter().position(|k| *k == current) {
                let mut cycle: Vec<String> = keys[start..].iter().map(|k| k.to_string()).collect();
                cycle.push(current.to_string());
                return Err(CatalogError::ExtendsCycle(cycle));
            }
            let spec = self
                .filesystems
                .get(current)
                .ok_or_else(|| CatalogError::UnknownFilesystem(current.to_string()))?;
            keys.push(current);
            specs.push(spec);
            next = spec.extends.as_deref();
        }
        specs.reverse();
        Ok(specs)
    }

    /// Checks the whole catalog and reports every problem found, not just the first: bad
    /// digests and names, unknown layers and filesystems, duplicate `repo:tag`s, malformed
    /// config values, unclean paths, files outside any listed directory, `extends` cycles.
    pub fn validate(&self) -> Result<(), CatalogError> {
        let mut problems = Vec::new();
        self.check_layers(&mut problems);
        self.check_images(&mut problems);
        self.check_filesystems(&mut problems);
        if problems.is_empty() {
            Ok(())
        } else {
            Err(CatalogError::Invalid(problems))
        }
    }

    fn check_layers(&self, problems: &mut Vec<String>) {
        let mut seen = BTreeSet::new();
        for (i, layer) in self.layers.iter().enumerate() {
            let at = format!("layers[{i}]");
            if !is_digest(&layer.digest) {
                problems.push(format!(
                    "{at}: digest 형식이 잘못되었습니다 ('sha256:' 뒤에 소문자 16진수 64자): {}",
                    layer.digest
                ));
            }
            if let Some(diff_id) = &layer.diff_id {
                if !is_digest(diff_id) {
                    problems.push(format!("{at}: diff_id 형식이 잘못되었습니다 ('sha256:' 뒤에 소문자 16진수 64자): {diff_id}"));
                }
            }
            if !seen.insert(layer.digest.as_str()) {
                problems.push(format!(
                    "{at}: 같은 레이어가 layers에 두 번 있습니다: {}",
                    layer.digest
                ));
            }
        }
    }

    fn check_images(&self, problems: &mut Vec<String>) {
        let mut tag_owner: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        let mut id_owner: BTreeMap<&str, usize> = BTreeMap::new();
        let mut digest_owner: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for (i, image) in self.images.iter().enumerate() {
            let at = match image.tags.first() {
                Some(tag) => format!("images[{i}] ({}:{tag})", image.repository),
                None => format!("images[{i}] ({})", image.repository),
            };
            let repo = image.repository.as_str();
            if familiar_repository(repo) != repo {
                problems.push(format!("{at}: repository는 줄인 이름으로 적어야 합니다 ('docker.io/', 'library/' 없이): {repo}"));
            } else if !is_repository_path(repo) {
                problems.push(format!("{at}: repository 이름이 잘못되었습니다 (소문자·숫자와 구분자 '.', '_', '-', '/'만): {repo}"));
            }
            if image.tags.is_empty() {
                problems.push(format!("{at}: tags가 비어 있습니다"));
            }
            for tag in &image.tags {
                if !is_tag(tag) {
                    problems.push(format!("{at}: 태그 형식이 잘못되었습니다 (영문·숫자·'_'로 시작, '.', '-' 포함 128자까지): {tag}"));
                } else if let Some(j) = tag_owner.insert((repo, tag), i) {
                    problems.push(format!(
                        "{at}: {repo}:{tag} 태그가 images[{j}]에도 있습니다"
                    ));
                }
            }
            if !is_digest(&image.id) {
                problems.push(format!(
                    "{at}: id 형식이 잘못되었습니다 ('sha256:' 뒤에 소문자 16진수 64자): {}",
                    image.id
                ));
            } else if let Some(j) = id_owner.insert(&image.id, i) {
                // One ID is one image: a second entry may only repeat the same content.
                let other = &self.images[j];
                if (
                    &other.layers,
                    other.size,
                    other.created,
                    &other.config,
                    &other.filesystem,
                ) != (
                    &image.layers,
                    image.size,
                    image.created,
                    &image.config,
                    &image.filesystem,
                ) {
                    problems.push(format!("{at}: images[{j}]와 이미지 ID가 같은데 내용(레이어, 크기, 생성 시각, 설정, 파일시스템)이 다릅니다: {}", image.id));
                }
            }
            if !is_digest(&image.digest) {
                problems.push(format!(
                    "{at}: digest 형식이 잘못되었습니다 ('sha256:' 뒤에 소문자 16진수 64자): {}",
                    image.digest
                ));
            } else if let Some(j) = digest_owner.insert((repo, &image.digest), i) {
                problems.push(format!("{at}: 같은 저장소의 images[{j}]와 digest가 같습니다 (한 이미지라면 태그를 한 항목에 모으세요): {}", image.digest));
            }
            if image.size == 0 {
                problems.push(format!("{at}: size가 0입니다"));
            }
            if image.layers.is_empty() {
                problems.push(format!("{at}: layers가 비어 있습니다"));
            }
            let mut own = BTreeSet::new();
            for digest in &image.layers {
                if self.layer(digest).is_none() {
                    problems.push(format!("{at}: layers 목록에 없는 레이어입니다: {digest}"));
                }
                if !own.insert(digest) {
                    problems.push(format!("{at}: 같은 레이어가 두 번 들어 있습니다: {digest}"));
                }
            }
            if !self.filesystems.contains_key(&image.filesystem) {
                problems.push(format!(
                    "{at}: filesystems에 없는 파일시스템입니다: {}",
                    image.filesystem
                ));
            }
            check_config(&at, &image.config, problems);
        }
    }

    fn check_filesystems(&self, problems: &mut Vec<String>) {
        for (key, spec) in &self.filesystems {
            let at = format!("filesystems.{key}");
            let mut kinds: BTreeMap<&str, &str> = BTreeMap::new();
            let listed = spec
                .dirs
                .iter()
                .map(|p| (p, "dirs"))
                .chain(spec.files.keys().map(|p| (p, "files")))
                .chain(spec.programs.keys().map(|p| (p, "programs")))
                .chain(spec.dir_links.keys().map(|p| (p, "dir_links")));
            for (path, kind) in listed {
                if !is_clean_path(path) {
                    problems.push(format!("{at}.{kind}: 경로는 '/'로 시작하고 빈 부분, '.', '..', 끝의 '/'가 없어야 합니다: {path:?}"));
                }
                if let Some(first) = kinds.insert(path, kind) {
                    problems.push(format!(
                        "{at}: 같은 경로가 {first}와 {kind}에 함께 있습니다: {path}"
                    ));
                }
            }
            for target in spec.dir_links.values() {
                if !is_clean_path(target) {
                    problems.push(format!("{at}.dir_links: 대상 경로는 '/'로 시작하고 빈 부분, '.', '..', 끝의 '/'가 없어야 합니다: {target:?}"));
                }
            }
            for (path, program) in &spec.programs {
                if program.is_empty() || program.chars().any(char::is_whitespace) {
                    problems.push(format!(
                        "{at}.programs: 프로그램 이름이 비었거나 공백이 있습니다: {path}: {program:?}"
                    ));
                }
            }
            let chain = match self.extends_chain(key) {
                Ok(chain) => chain,
                Err(err) => {
                    problems.push(format!("{at}: {err}"));
                    continue;
                }
            };
            // Directories visible to this spec: listed ones along the chain, their parents,
            // link paths and the root.
            let mut dirs: BTreeSet<&str> = BTreeSet::from(["/"]);
            for link_spec in &chain {
                let listed = link_spec.dirs.iter().chain(link_spec.dir_links.keys());
                for dir in listed {
                    dirs.insert(dir);
                    dirs.extend(ancestors(dir));
                }
            }
            for (path, kind) in spec
                .files
                .keys()
                .map(|p| (p, "files"))
                .chain(spec.programs.keys().map(|p| (p, "programs")))
            {
                if is_clean_path(path) && !dirs.contains(parent(path)) {
                    problems.push(format!("{at}.{kind}: 상위 디렉터리 {}이(가) dirs에 없습니다 (오타가 아니라면 dirs에 추가하세요): {path}", parent(path)));
                }
            }
            if let Err(err) = self.entries(key) {
                problems.push(format!("{at}: {err}"));
            }
        }
    }
}

impl HubImage {
    /// The 12-hex short image ID, as `docker images` shows it.
    pub fn short_id(&self) -> &str {
        short_hex(&self.id)
    }
}

impl HubLayer {
    /// The 12-hex short digest, as pull progress lines show it.
    pub fn short_digest(&self) -> &str {
        short_hex(&self.digest)
    }

    /// The uncompressed digest, or the blob digest when the catalog gives none.
    pub fn uncompressed_digest(&self) -> &str {
        self.diff_id.as_deref().unwrap_or(&self.digest)
    }
}

/// First 12 hex of a `sha256:` digest; the text itself if it is too short to cut.
fn short_hex(digest: &str) -> &str {
    let hex = digest.strip_prefix("sha256:").unwrap_or(digest);
    hex.get(..12).unwrap_or(hex)
}

fn check_config(at: &str, config: &ImageConfig, problems: &mut Vec<String>) {
    for entry in &config.env {
        // `=value` or no `=` at all: Docker would set no variable or an empty name.
        if entry
            .split_once('=')
            .is_none_or(|(name, _)| name.is_empty())
        {
            problems.push(format!(
                "{at}: config.env 항목은 'KEY=value' 형식이어야 합니다: {entry:?}"
            ));
        }
    }
    if !config.working_dir.is_empty() && !config.working_dir.starts_with('/') {
        problems.push(format!(
            "{at}: config.working_dir은 비어 있거나 '/'로 시작해야 합니다: {:?}",
            config.working_dir
        ));
    }
    for port in &config.exposed_ports {
        if !is_port_spec(port) {
            problems.push(format!(
                "{at}: config.exposed_ports 형식이 잘못되었습니다 ('80/tcp'처럼): {port:?}"
            ));
        }
    }
    for volume in &config.volumes {
        if !volume.starts_with('/') {
            problems.push(format!(
                "{at}: config.volumes 경로는 '/'로 시작해야 합니다: {volume:?}"
            ));
        }
    }
    if let Some(signal) = &config.stop_signal {
        if !is_signal(signal) {
            problems.push(format!(
                "{at}: config.stop_signal을 알 수 없습니다 ('SIGQUIT'처럼): {signal:?}"
            ));
        }
    }
    for (name, words) in [("cmd", &config.cmd), ("entrypoint", &config.entrypoint)] {
        if words
            .as_ref()
            .is_some_and(|w| w.first().is_some_and(String::is_empty))
        {
            problems.push(format!("{at}: config.{name}의 첫 단어가 비어 있습니다"));
        }
    }
}

/// `docker.io/library/alpine`, `library/alpine` → `alpine`; `docker.io/user/app` →
/// `user/app`; anything else unchanged.
fn familiar_repository(name: &str) -> &str {
    let name = name
        .strip_prefix("docker.io/")
        .or_else(|| name.strip_prefix("index.docker.io/"))
        .unwrap_or(name);
    match name.strip_prefix("library/") {
        Some(rest) if !rest.contains('/') => rest,
        _ => name,
    }
}

/// `sha256:` followed by exactly 64 lowercase hex digits.
fn is_digest(text: &str) -> bool {
    text.strip_prefix("sha256:").is_some_and(|hex| {
        hex.len() == 64 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    })
}

/// Docker's repository path: `/`-separated components of `[a-z0-9]+` joined by `.`, `_`,
/// `__` or runs of `-` (distribution/reference).
fn is_repository_path(path: &str) -> bool {
    path.split('/').all(|component| {
        let bytes = component.as_bytes();
        let alnum = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
        if bytes.first().is_none_or(|b| !alnum(b)) || bytes.last().is_none_or(|b| !alnum(b)) {
            return false;
        }
        let mut separator = String::new();
        for &b in bytes {
            if alnum(&b) {
                if !(separator.is_empty()
                    || separator == "."
                    || separator == "_"
                    || separator == "__"
                    || separator.bytes().all(|s| s == b'-'))
                {
                    return false;
                }
                separator.clear();
            } else if matches!(b, b'.' | b'_' | b'-') {
                separator.push(char::from(b));
            } else {
                return false;
            }
        }
        true
    })
}

/// Docker's tag grammar: `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`.
fn is_tag(tag: &str) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let bytes = tag.as_bytes();
    bytes.len() <= 128
        && bytes.first().is_some_and(|&b| word(b))
        && bytes.iter().all(|&b| word(b) || b == b'.' || b == b'-')
}

/// `port/protocol` with a port 1–65535 and protocol tcp, udp or sctp.
fn is_port_spec(text: &str) -> bool {
    text.split_once('/').is_some_and(|(port, proto)| {
        !port.starts_with('0')
            && port.parse::<u16>().is_ok_and(|p| p > 0)
            && matches!(proto, "tcp" | "udp" | "sctp")
    })
}

/// A signal as Docker accepts it: a number 1–64 or a Linux name with or without `SIG`.
fn is_signal(text: &str) -> bool {
    const NAMES: [&str; 31] = [
        "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2",
        "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG",
        "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
    ];
    if let Ok(number) = text.parse::<u8>() {
        return (1..=64).contains(&number);
    }
    let name = text.strip_prefix("SIG").unwrap_or(text);
    NAMES.contains(&name)
}

/// Absolute, not the root itself, no empty, `.` or `..` component, no trailing `/`.
fn is_clean_path(path: &str) -> bool {
    path.strip_prefix('/').is_some_and(|rest| {
        !rest.is_empty()
            && rest
                .split('/')
                .all(|part| !part.is_empty() && part != "." && part != "..")
    })
}

/// Whether `path` lies strictly below directory `dir`.
fn is_below(path: &str, dir: &str) -> bool {
    path.strip_prefix(dir)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// The parent directory of a clean path (`/` for top-level entries).
fn parent(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) | None => "/",
        Some(i) => &path[..i],
    }
}

/// The proper ancestors of a path, without `/`: `/a/b/c` → `/a`, `/a/b`.
fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/')
        .map(|(i, _)| &path[..i])
        .filter(|prefix| !prefix.is_empty())
}

/// Maps that refuse a repeated key: YAML parsers keep the last value silently, which would
/// hide a teacher's copy-paste mistake (two `"/etc/passwd":` entries, two filesystems).
mod unique_keys {
    use std::collections::BTreeMap;
    use std::fmt;
    use std::marker::PhantomData;

    use serde::de::{self, MapAccess, Visitor};
    use serde::{Deserialize, Deserializer};

    /// Reads a map with string keys, failing on the first repeated key.
    pub fn deserialize<'de, D, V>(input: D) -> Result<BTreeMap<String, V>, D::Error>
    where
        D: Deserializer<'de>,
        V: Deserialize<'de>,
    {
        input.deserialize_map(UniqueMap(PhantomData))
    }

    struct UniqueMap<V>(PhantomData<V>);

    impl<'de, V: Deserialize<'de>> Visitor<'de> for UniqueMap<V> {
        type Value = BTreeMap<String, V>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a map")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
            let mut map = BTreeMap::new();
            while let Some((key, value)) = access.next_entry::<String, V>()? {
                if map.contains_key(&key) {
                    return Err(de::Error::custom(format!(
                        "같은 키가 두 번 있습니다: {key:?}"
                    )));
                }
                map.insert(key, value);
            }
            Ok(map)
        }
    }
}

/// RFC 3339 text for `created`, so the file stays readable and errors keep their position.
mod rfc3339 {
    use std::fmt;

    use chrono::{DateTime, SecondsFormat, Utc};
    use serde::de::{self, Visitor};
    use serde::{Deserializer, Serializer};

    /// Writes the time as `2025-02-14T03:28:36Z`.
    pub fn serialize<S: Serializer>(time: &DateTime<Utc>, out: S) -> Result<S::Ok, S::Error> {
        out.serialize_str(&time.to_rfc3339_opts(SecondsFormat::AutoSi, true))
    }

    /// Reads an RFC 3339 time, any offset, as UTC.
    pub fn deserialize<'de, D: Deserializer<'de>>(input: D) -> Result<DateTime<Utc>, D::Error> {
        // A visitor, not `String::deserialize` then parse: an error raised while the scalar
        // is being read gets the scalar's own line and column.
        input.deserialize_str(TimeVisitor)
    }

    struct TimeVisitor;

    impl Visitor<'_> for TimeVisitor {
        type Value = DateTime<Utc>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an RFC 3339 time such as 2025-02-14T03:28:36Z")
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
            DateTime::parse_from_rfc3339(text)
                .map(|time| time.with_timezone(&Utc))
                .map_err(|err| {
                    E::custom(format!(
                        "created는 RFC 3339 시각이어야 합니다 (예: 2025-02-14T03:28:36Z): {text:?}: {err}"
                    ))
                })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image<'a>(repository: &str, tag: &str) -> &'a HubImage {
        hub()
            .find(repository, tag)
            .unwrap_or_else(|| panic!("{repository}:{tag} is in the hub"))
    }

    fn entries_of(image: &HubImage) -> BTreeMap<String, FsEntry> {
        hub()
            .entries(&image.filesystem)
            .unwrap_or_else(|e| panic!("{}: {e}", image.filesystem))
            .into_iter()
            .map(|e| (e.path().to_string(), e))
            .collect()
    }

    fn problems(yaml: &str) -> Vec<String> {
        match hub_with(yaml) {
            Err(CatalogError::Invalid(problems)) => problems,
            other => panic!("expected validation problems, got {other:?}"),
        }
    }

    #[test]
    fn embedded_json_is_the_yaml() {
        let from_json: Catalog = serde_json::from_str(HUB_JSON).expect("build.rs made hub.json");
        let from_yaml = Catalog::from_yaml(HUB_YAML).expect("hub.yaml parses");
        assert!(from_json == from_yaml, "hub.json and hub.yaml differ");
    }

    #[test]
    fn embedded_catalog_parses_and_validates() {
        let catalog = Catalog::from_yaml(HUB_YAML).expect("hub.yaml parses");
        if let Err(err) = catalog.validate() {
            panic!("{err}");
        }
        assert_eq!(hub(), &catalog);
        for repository in [
            "hello-world",
            "alpine",
            "busybox",
            "ubuntu",
            "nginx",
            "redis",
            "httpd",
            "python",
        ] {
            assert!(hub().find(repository, "latest").is_some(), "{repository}");
        }
    }

    #[test]
    fn every_image_layer_exists_and_sizes_add_up() {
        for image in &hub().images {
            let layers = hub().image_layers(image).expect("all layers listed");
            let compressed: u64 = layers.iter().map(|l| l.size).sum();
            // Uncompressed content is never smaller than its gzip download.
            assert!(image.size >= compressed, "{}", image.repository);
        }
    }

    #[test]
    fn reference_values_are_used() {
        let hello = image("hello-world", "latest");
        assert_eq!(
            hello.id,
            "sha256:74cc54e27dc41bb10dc4b2226072d469509f2f22f1a3ce74f4a59661a1d44602"
        );
        assert_eq!(hello.short_id(), "74cc54e27dc4");
        assert_eq!(
            hello.digest,
            "sha256:940c619fbd418f9b2b1b63e25d8861f9cc1b46e3fc8b018ccfe8b78f19b8cc4f"
        );
        assert_eq!(hello.size, 10072); // docker images: 10.1kB
        assert_eq!(hello.config.cmd, Some(vec!["/hello".to_string()]));
        let layers = hub().image_layers(hello).expect("layers");
        assert_eq!(layers.len(), 1);
        assert_eq!(layers[0].short_digest(), "e6590344b1a5");
        assert_eq!(
            layers[0].uncompressed_digest(),
            "sha256:63a41026379f4391a306242eb0b9f26dc3550d863b7fdbb97d899f6eb89efe72"
        );

        let alpine = image("alpine", "3.21");
        assert_eq!(image("alpine", "latest"), alpine);
        assert_eq!(alpine.short_id(), "aded1e1a5b37");
        assert_eq!(
            alpine.digest,
            "sha256:a8560b36e8b8210634f77d9f7f9efd7ffa463e380b75e2e74aff4511df3ef88c"
        );
        assert_eq!(alpine.size, 7834000); // docker images: 7.83MB
        let layers = hub().image_layers(alpine).expect("layers");
        assert_eq!(layers.len(), 1);
        assert_eq!(layers[0].short_digest(), "f18232174bc9");
        assert_eq!(layers[0].size, 3641715); // pull progress: 3.642MB
    }

    #[test]
    fn layer_counts_and_default_commands() {
        type Words = Option<Vec<String>>;
        let strings =
            |words: &[&str]| -> Words { Some(words.iter().map(|w| w.to_string()).collect()) };
        let cases: [(&str, &str, usize, Words, Words); 8] = [
            ("hello-world", "latest", 1, None, strings(&["/hello"])),
            ("alpine", "latest", 1, None, strings(&["/bin/sh"])),
            ("busybox", "latest", 1, None, strings(&["sh"])),
            ("ubuntu", "latest", 1, None, strings(&["/bin/bash"])),
            (
                "nginx",
                "latest",
                7,
                strings(&["/docker-entrypoint.sh"]),
                strings(&["nginx", "-g", "daemon off;"]),
            ),
            (
                "redis",
                "latest",
                8,
                strings(&["docker-entrypoint.sh"]),
                strings(&["redis-server"]),
            ),
            ("httpd", "latest", 5, None, strings(&["httpd-foreground"])),
            ("python", "latest", 7, None, strings(&["python3"])),
        ];
        for (repository, tag, layers, entrypoint, cmd) in cases {
            let found = image(repository, tag);
            assert_eq!(found.layers.len(), layers, "{repository}");
            assert_eq!(found.config.entrypoint, entrypoint, "{repository}");
            assert_eq!(found.config.cmd, cmd, "{repository}");
        }
        let nginx = image("nginx", "latest");
        assert_eq!(nginx.config.stop_signal.as_deref(), Some("SIGQUIT"));
        assert_eq!(nginx.config.exposed_ports, ["80/tcp"]);
        assert_eq!(image("redis", "latest").config.exposed_ports, ["6379/tcp"]);
        let httpd = image("httpd", "latest");
        assert_eq!(httpd.config.stop_signal.as_deref(), Some("SIGWINCH"));
        assert_eq!(httpd.config.exposed_ports, ["80/tcp"]);
    }

    #[test]
    fn debian_and_alpine_based_images_share_their_base_layer() {
        let debian = &image("debian", "bookworm-slim").layers[0];
        for (repository, tag) in [
            ("nginx", "latest"),
            ("nginx", "stable"),
            ("redis", "latest"),
            ("redis", "7.4"),
            ("httpd", "latest"),
            ("python", "latest"),
            ("python", "3.12"),
            ("python", "3.12-slim"),
        ] {
            assert_eq!(
                &image(repository, tag).layers[0],
                debian,
                "{repository}:{tag}"
            );
        }
        let alpine = &image("alpine", "latest").layers[0];
        for (repository, tag) in [("nginx", "alpine"), ("redis", "alpine")] {
            assert_eq!(
                &image(repository, tag).layers[0],
                alpine,
                "{repository}:{tag}"
            );
        }
        // Different versions are different images.
        assert_ne!(image("alpine", "3.21").id, image("alpine", "3.20").id);
        assert_ne!(image("python", "3.12").id, image("python", "3.12-slim").id);
    }

    #[test]
    fn invented_hex_is_lowercase_and_short_ids_are_not_all_digits() {
        let catalog = hub();
        let digests = catalog
            .layers
            .iter()
            .flat_map(|l| std::iter::once(&l.digest).chain(l.diff_id.as_ref()))
            .chain(catalog.images.iter().flat_map(|i| [&i.id, &i.digest]));
        let mut seen = BTreeSet::new();
        for digest in digests {
            assert!(is_digest(digest), "{digest}");
            assert!(seen.insert(digest), "used twice: {digest}");
            assert!(
                !short_hex(digest).bytes().all(|b| b.is_ascii_digit()),
                "{digest}"
            );
        }
    }

    #[test]
    fn hello_world_has_only_hello() {
        let entries = hub().entries("hello-world").expect("entries");
        assert_eq!(
            entries,
            [FsEntry::Program("/hello".to_string(), "hello".to_string())]
        );
    }

    #[test]
    fn alpine_tree_matches_the_real_one() {
        let tree = entries_of(image("alpine", "latest"));
        let top: Vec<&str> = tree
            .keys()
            .filter(|p| p.matches('/').count() == 1)
            .map(|p| &p[1..])
            .collect();
        assert_eq!(
            top,
            [
                "bin", "dev", "etc", "home", "lib", "media", "mnt", "opt", "proc", "root", "run",
                "sbin", "srv", "sys", "tmp", "usr", "var"
            ]
        );
        for applet in [
            "ls", "cat", "echo", "sh", "ash", "pwd", "sleep", "ps", "hostname",
        ] {
            let path = format!("/bin/{applet}");
            assert_eq!(
                tree.get(&path),
                Some(&FsEntry::Program(path.clone(), applet.to_string()))
            );
        }
        assert_eq!(
            tree.get("/etc/hostname"),
            Some(&FsEntry::File("/etc/hostname".to_string(), String::new()))
        );
        for file in ["/etc/os-release", "/etc/passwd", "/etc/alpine-release"] {
            assert!(matches!(tree.get(file), Some(FsEntry::File(..))), "{file}");
        }
        let release = entries_of(image("alpine", "3.20"));
        assert_eq!(
            release.get("/etc/alpine-release"),
            Some(&FsEntry::File(
                "/etc/alpine-release".to_string(),
                "3.20.6\n".to_string()
            ))
        );
    }

    #[test]
    fn default_commands_resolve_to_programs_in_each_tree() {
        for image in &hub().images {
            let tree = entries_of(image);
            let words: Vec<&String> = image
                .config
                .entrypoint
                .iter()
                .chain(image.config.cmd.iter())
                .flatten()
                .collect();
            let Some(first) = words.first() else {
                panic!("{} has no command", image.repository)
            };
            let path_var = image
                .config
                .env
                .iter()
                .find_map(|e| e.strip_prefix("PATH="))
                .unwrap_or("");
            let candidates: Vec<String> = if first.contains('/') {
                vec![first.to_string()]
            } else {
                path_var
                    .split(':')
                    .map(|d| format!("{d}/{first}"))
                    .collect()
            };
            assert!(
                candidates
                    .iter()
                    .any(|c| matches!(tree.get(c), Some(FsEntry::Program(..)))),
                "{}:{} cannot run {first}",
                image.repository,
                image.tags[0]
            );
        }
    }

    #[test]
    fn service_images_have_their_files() {
        let ubuntu = entries_of(image("ubuntu", "latest"));
        assert!(matches!(ubuntu.get("/bin/bash"), Some(FsEntry::Program(_, p)) if p == "bash"));
        assert!(matches!(ubuntu.get("/usr/bin/ls"), Some(FsEntry::Program(_, p)) if p == "ls"));
        assert!(matches!(ubuntu.get("/boot"), Some(FsEntry::Dir(_))));
        assert!(
            !ubuntu.contains_key("/usr/bin/ps"),
            "the real image has no procps"
        );
        assert!(
            matches!(ubuntu.get("/etc/os-release"), Some(FsEntry::File(_, t)) if t.contains("Ubuntu 24.04"))
        );

        let nginx = entries_of(image("nginx", "latest"));
        assert!(
            matches!(nginx.get("/usr/share/nginx/html/index.html"), Some(FsEntry::File(_, t)) if t.contains("<h1>Welcome to nginx!</h1>") && t.len() == 615)
        );
        assert!(
            matches!(nginx.get("/docker-entrypoint.sh"), Some(FsEntry::Program(_, p)) if p == "docker-entrypoint-nginx")
        );
        assert!(
            matches!(nginx.get("/usr/sbin/nginx"), Some(FsEntry::Program(_, p)) if p == "nginx")
        );
        assert!(matches!(
            nginx.get("/etc/nginx/nginx.conf"),
            Some(FsEntry::File(..))
        ));

        let redis = entries_of(image("redis", "latest"));
        assert!(matches!(redis.get("/data"), Some(FsEntry::Dir(_))));
        for program in ["redis-server", "redis-cli"] {
            let path = format!("/usr/local/bin/{program}");
            assert!(matches!(redis.get(&path), Some(FsEntry::Program(_, p)) if p == program));
        }
        assert!(
            matches!(redis.get("/usr/local/bin/docker-entrypoint.sh"), Some(FsEntry::Program(_, p)) if p == "docker-entrypoint-redis")
        );

        let httpd = entries_of(image("httpd", "latest"));
        assert_eq!(
            httpd.get("/usr/local/apache2/htdocs/index.html"),
            Some(&FsEntry::File(
                "/usr/local/apache2/htdocs/index.html".to_string(),
                "<html><body><h1>It works!</h1></body></html>\n".to_string()
            ))
        );
        assert!(matches!(
            httpd.get("/usr/local/bin/httpd-foreground"),
            Some(FsEntry::Program(..))
        ));

        let python = entries_of(image("python", "3.12-slim"));
        for program in ["python3", "python", "pip"] {
            let path = format!("/usr/local/bin/{program}");
            assert!(
                matches!(python.get(&path), Some(FsEntry::Program(..))),
                "{path}"
            );
        }
        // Trees stay small: tens of entries, not thousands.
        for image in &hub().images {
            assert!(entries_of(image).len() < 250, "{}", image.repository);
        }
    }

    #[test]
    fn find_accepts_library_and_docker_io_forms() {
        let alpine = image("alpine", "latest");
        assert_eq!(hub().find("library/alpine", "latest"), Some(alpine));
        assert_eq!(
            hub().find("docker.io/library/alpine", "latest"),
            Some(alpine)
        );
        assert_eq!(hub().find("alpine", "nope"), None);
        assert!(hub().has_repository("library/alpine"));
        assert!(!hub().has_repository("nonexist"));
        assert_eq!(hub().find_by_digest("alpine", &alpine.digest), Some(alpine));
        assert_eq!(
            hub().layer(&alpine.layers[0]).map(|l| l.size),
            Some(3641715)
        );
    }

    #[test]
    fn unknown_field_is_an_error_with_line_and_column() {
        let yaml = "images:\n  - repository: demo\n    tags: [v1]\n    colour: red\n";
        let err = Catalog::from_yaml(yaml).expect_err("unknown field");
        let CatalogError::Syntax {
            line,
            column,
            message,
        } = &err
        else {
            panic!("{err:?}")
        };
        assert_eq!((*line, *column), (Some(4), Some(5)));
        assert!(message.contains("colour"), "{message}");
        assert!(err.to_string().contains("(4행 5열)"), "{err}");
    }

    #[test]
    fn bad_created_time_keeps_its_position() {
        let yaml = "images:\n  - repository: demo\n    created: yesterday\n";
        let err = Catalog::from_yaml(yaml).expect_err("bad time");
        assert!(
            matches!(&err, CatalogError::Syntax { line: Some(3), message, .. } if message.contains("RFC 3339")),
            "{err:?}"
        );
    }

    #[test]
    fn validate_reports_every_problem() {
        let yaml = r#"
layers:
  - digest: "sha256:ABC"
    size: 1
images:
  - repository: library/demo
    tags: ["latest"]
    id: "sha256:0000"
    digest: "sha256:1111111111111111111111111111111111111111111111111111111111111111"
    created: "2025-01-01T00:00:00Z"
    size: 10
    layers: ["sha256:2222222222222222222222222222222222222222222222222222222222222222"]
    config: { exposed_ports: ["80"], stop_signal: SIGNOPE, env: ["NOEQUALS"] }
    filesystem: missing
  - repository: alpine
    tags: ["latest", "-bad"]
    id: "sha256:3333333333333333333333333333333333333333333333333333333333333333"
    digest: "sha256:4444444444444444444444444444444444444444444444444444444444444444"
    created: "2025-01-01T00:00:00Z"
    size: 10
    layers: []
    filesystem: demo
  - repository: alpine
    tags: ["latest"]
    id: "sha256:5555555555555555555555555555555555555555555555555555555555555555"
    digest: "sha256:6666666666666666666666666666666666666666666666666666666666666666"
    created: "2025-01-01T00:00:00Z"
    size: 10
    layers: []
    filesystem: demo
filesystems:
  demo:
    dirs: ["/etc", "relative", "/usr/../x"]
    programs: { "/usr/lcoal/bin/tool": tool }
    files: { "/etc": "" }
"#;
        let found = problems(yaml);
        let expect = [
            "digest 형식이 잘못되었습니다 ('sha256:' 뒤에 소문자 16진수 64자): sha256:ABC",
            "repository는 줄인 이름",
            "(library/demo:latest): id 형식",
            "layers 목록에 없는 레이어",
            "filesystems에 없는 파일시스템입니다: missing",
            "config.exposed_ports",
            "config.stop_signal",
            "config.env",
            "태그 형식이 잘못되었습니다",
            "alpine:latest 태그가 images[",
            "layers가 비어 있습니다",
            "filesystems.demo.dirs: 경로는",
            "상위 디렉터리 /usr/lcoal/bin",
            "같은 경로가 dirs와 files에 함께 있습니다: /etc",
        ];
        for text in expect {
            assert!(
                found.iter().any(|p| p.contains(text)),
                "missing {text:?} in:\n{}",
                found.join("\n")
            );
        }
    }

    #[test]
    fn extends_cycles_and_unknown_bases_are_reported() {
        let yaml =
            "filesystems:\n  a: { extends: b }\n  b: { extends: a }\n  c: { extends: nowhere }\n";
        let catalog = Catalog::from_yaml(yaml).expect("parses");
        assert_eq!(
            catalog.entries("a"),
            Err(CatalogError::ExtendsCycle(vec![
                "a".to_string(),
                "b".to_string(),
                "a".to_string()
            ]))
        );
        assert_eq!(
            catalog.entries("c"),
            Err(CatalogError::UnknownFilesystem("nowhere".to_string()))
        );
        let Err(CatalogError::Invalid(found)) = catalog.validate() else {
            panic!("cycle not reported")
        };
        assert!(found.iter().any(|p| p.contains("순환")), "{found:?}");
    }

    #[test]
    fn entries_follow_extends_and_expand_dir_links() {
        let yaml = r#"
filesystems:
  base:
    dir_links: { "/bin": "/usr/bin" }
    dirs: ["/usr/bin", "/etc"]
    files: { "/etc/issue": "base\n" }
    programs: { "/usr/bin/sh": sh }
  child:
    extends: base
    files: { "/etc/issue": "child\n" }
    programs: { "/usr/bin/ls": ls }
"#;
        let catalog = Catalog::from_yaml(yaml).expect("parses");
        assert_eq!(catalog.validate(), Ok(()));
        let paths = |key| -> Vec<FsEntry> { catalog.entries(key).expect("entries") };
        let dir = |p: &str| FsEntry::Dir(p.to_string());
        let program = |p: &str, n: &str| FsEntry::Program(p.to_string(), n.to_string());
        assert_eq!(
            paths("child"),
            [
                dir("/bin"),
                program("/bin/ls", "ls"),
                program("/bin/sh", "sh"),
                dir("/etc"),
                FsEntry::File("/etc/issue".to_string(), "child\n".to_string()),
                dir("/usr"),
                dir("/usr/bin"),
                program("/usr/bin/ls", "ls"),
                program("/usr/bin/sh", "sh"),
            ]
        );
    }

    #[test]
    fn path_conflicts_are_errors() {
        let yaml = "filesystems:\n  x:\n    files: { \"/etc\": \"\", \"/etc/passwd\": \"\" }\n";
        let catalog = Catalog::from_yaml(yaml).expect("parses");
        assert_eq!(
            catalog.entries("x"),
            Err(CatalogError::PathConflict {
                filesystem: "x".to_string(),
                path: "/etc".to_string()
            })
        );
    }

    #[test]
    fn an_extra_catalog_merges_over_the_hub() {
        let alpine_layer = &image("alpine", "latest").layers[0];
        let yaml = format!(
            r#"
images:
  - repository: myuser/webapp
    tags: ["v1"]
    id: "sha256:a1b2c3d4e5f60000000000000000000000000000000000000000000000000000"
    digest: "sha256:b1b2c3d4e5f60000000000000000000000000000000000000000000000000000"
    created: "2025-06-01T12:00:00Z"
    size: 8100000
    layers: ["{alpine_layer}"]
    config: {{ cmd: ["/app/server"] }}
    filesystem: webapp
  - repository: library/alpine
    tags: ["latest"]
    id: "sha256:c1b2c3d4e5f60000000000000000000000000000000000000000000000000000"
    digest: "sha256:d1b2c3d4e5f60000000000000000000000000000000000000000000000000000"
    created: "2025-06-01T12:00:00Z"
    size: 8100000
    layers: ["{alpine_layer}"]
    filesystem: alpine-3.21
filesystems:
  webapp:
    extends: alpine-3.21
    dirs: ["/app"]
    programs: {{ "/app/server": webapp }}
"#
        );
        // `library/alpine` is not the familiar form: merged, but reported.
        let found = problems(&yaml);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("repository는 줄인 이름"), "{found:?}");

        let yaml = yaml.replace("library/alpine", "alpine");
        let catalog = hub_with(&yaml).expect("valid merge");
        let webapp = catalog.find("myuser/webapp", "v1").expect("added");
        assert_eq!(webapp.short_id(), "a1b2c3d4e5f6");
        let tree = catalog.entries(&webapp.filesystem).expect("entries");
        assert!(tree.contains(&FsEntry::Program(
            "/app/server".to_string(),
            "webapp".to_string()
        )));
        assert!(tree.contains(&FsEntry::Program("/bin/ls".to_string(), "ls".to_string())));
        // The extra file took `alpine:latest`; the hub image keeps its other tags.
        assert_eq!(
            catalog.find("alpine", "latest").map(HubImage::short_id),
            Some("c1b2c3d4e5f6")
        );
        assert_eq!(
            catalog.find("alpine", "3.21").map(HubImage::short_id),
            Some("aded1e1a5b37")
        );
    }

    #[test]
    fn catalog_round_trips_through_yaml() {
        let text = serde_yaml::to_string(hub()).expect("serialises");
        assert_eq!(Catalog::from_yaml(&text).as_ref(), Ok(hub()));
    }

    #[test]
    fn repeated_keys_are_errors() {
        let yaml = "filesystems:\n  x:\n    files:\n      \"/a\": one\n      \"/a\": two\n";
        let err = Catalog::from_yaml(yaml).expect_err("repeated key");
        assert!(
            matches!(&err, CatalogError::Syntax { line: Some(_), message, .. } if message.contains("같은 키가 두 번")),
            "{err:?}"
        );
    }
}
