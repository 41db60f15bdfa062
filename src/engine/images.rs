//! The image half of the daemon: the local cache, pulls from the simulated hub, tags,
//! removal with docker's conflict rules, prune, save and load.

use super::catalog::{FsEntry, HubImage};
use super::container::Status;
use super::fs::{FileTree, Node};
use super::image::{familiar_repository, Image, ImageArchive, ImageConfig, Layer, Tag};
use super::names::random_id;
use super::reference::{ImageRef, RefError};
use super::{Engine, EngineError, EventKind, WaitReason};
use chrono::{DateTime, Duration as ChronoDuration, Utc};
use std::collections::HashSet;
use std::sync::Arc;

/// What happened to one layer during a pull.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LayerPull {
    /// The layer was already in the cache.
    AlreadyExists,
    /// The layer was downloaded (compressed size in bytes).
    Downloaded(u64),
}

/// The result of a pull, for the CLI to render docker's progress lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PullReport {
    /// `latest` (the tag, or the digest when pulling by digest).
    pub tag_or_digest: String,
    /// `library/alpine`.
    pub repo_path: String,
    /// Each layer's first 12 hex digits and what happened to it.
    pub layers: Vec<(String, LayerPull)>,
    /// The repo digest (`sha256:…`).
    pub digest: String,
    /// Whether anything new arrived (`Downloaded newer image` vs `Image is up to date`).
    pub downloaded: bool,
    /// `alpine:latest`.
    pub familiar: String,
    /// `docker.io/library/alpine:latest`.
    pub canonical: String,
}

/// One line of `docker rmi` / prune output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImageDeleteRecord {
    /// `Untagged: alpine:latest` (or a digest reference).
    Untagged(String),
    /// `Deleted: sha256:…`.
    Deleted(String),
}

/// What `docker system prune` removed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PruneReport {
    /// Removed containers' full IDs.
    pub containers: Vec<String>,
    /// Image records.
    pub images: Vec<ImageDeleteRecord>,
    /// Bytes freed.
    pub reclaimed: u64,
}

/// An image a lesson or test defines (e.g. `my-app:v1`), not from the hub.
#[derive(Clone, Debug, Default)]
pub struct CustomImage {
    /// `my-app:v1`.
    pub reference: String,
    /// A hub image (`alpine:latest`) whose files and config it starts from.
    pub base: Option<String>,
    /// Size in bytes.
    pub size: u64,
    /// Default command (replaces the base's).
    pub cmd: Option<Vec<String>>,
    /// Entrypoint (replaces the base's).
    pub entrypoint: Option<Vec<String>>,
    /// Build time (default: the engine's now).
    pub created: Option<DateTime<Utc>>,
    /// Extra files: path → content.
    pub files: Vec<(String, String)>,
}

/// Simulated download speed and latency, so a pull takes realistic time.
const BYTES_PER_SECOND: u64 = 25_000_000;
const PULL_LATENCY_MS: i64 = 800;

impl Engine {
    /// Finds a local image by reference (tag lookup first, then ID or ID prefix), returning
    /// its ID. `Ok(None)` when nothing matches.
    pub fn find_image(&mut self, reference: &str) -> Result<Option<String>, RefError> {
        self.settle();
        let hex = reference.strip_prefix("sha256:").unwrap_or(reference);
        if reference.starts_with("sha256:") || super::reference::is_full_hex_id(hex) {
            return Ok(self.image_by_id_prefix(hex));
        }
        let parsed = ImageRef::parse(reference)?.with_default_tag();
        if parsed.digest.is_some() {
            let found = self.state.images.values().find(|img| {
                img.digests.iter().any(|(repo, d)| {
                    *repo == parsed.full_name() && Some(d) == parsed.digest.as_ref()
                })
            });
            return Ok(found.map(|img| img.id.clone()));
        }
        let tag = Tag {
            repository: parsed.full_name(),
            tag: parsed.tag_or_latest().to_string(),
        };
        if let Some(id) = self.state.tags.get(&tag) {
            return Ok(Some(id.clone()));
        }
        Ok(self.image_by_id_prefix(hex))
    }

    fn image_by_id_prefix(&self, prefix: &str) -> Option<String> {
        if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let mut matches = self
            .state
            .images
            .range(prefix.to_string()..)
            .take_while(|(id, _)| id.starts_with(prefix));
        match (matches.next(), matches.next()) {
            (Some((id, _)), None) => Some(id.clone()),
            _ => None,
        }
    }

    /// Pulls `reference` from the simulated hub into the cache.
    pub fn pull(&mut self, reference: &ImageRef) -> Result<PullReport, EngineError> {
        self.settle();
        let reference = reference.clone().with_default_tag();
        let familiar_name = reference.familiar_name();
        let tag_text = reference.tag_or_latest().to_string();
        let hub_image = if reference.domain == "docker.io" {
            let repo_known = self
                .hub
                .images
                .iter()
                .any(|i| i.repository == familiar_name);
            if !repo_known {
                return Err(EngineError::PullAccessDenied(familiar_name));
            }
            match &reference.digest {
                Some(d) => self
                    .hub
                    .images
                    .iter()
                    .find(|i| i.repository == familiar_name && &i.digest == d)
                    .cloned(),
                None => self.hub.find(&familiar_name, &tag_text).cloned(),
            }
        } else {
            return Err(EngineError::NotEmulated(format!(
                "dockersim: 레지스트리 {}에는 연결하지 않습니다. Docker Hub 이미지만 흉내 냅니다.",
                reference.domain
            )));
        };
        let Some(hub_image) = hub_image else {
            return Err(EngineError::ManifestUnknown(format!(
                "{familiar_name}:{tag_text}"
            )));
        };
        self.emit(EventKind::ImageCacheMiss {
            reference: reference.familiar(),
        });
        let image = self.image_from_hub(&hub_image)?;
        let local_layers: HashSet<String> = self
            .state
            .images
            .values()
            .flat_map(|i| i.layers.iter().map(|l| l.digest.clone()))
            .collect();
        let mut layers = Vec::new();
        let mut bytes = 0;
        for layer in &image.layers {
            let short = layer
                .digest
                .strip_prefix("sha256:")
                .unwrap_or(&layer.digest)
                .chars()
                .take(12)
                .collect::<String>();
            if local_layers.contains(&layer.digest) {
                layers.push((short.clone(), LayerPull::AlreadyExists));
                self.emit(EventKind::LayerAlreadyExists { layer: short });
            } else {
                layers.push((short.clone(), LayerPull::Downloaded(layer.size)));
                bytes += layer.size;
                self.emit(EventKind::LayerPulled {
                    layer: short,
                    size: layer.size,
                });
            }
        }
        let tag = Tag {
            repository: reference.full_name(),
            tag: tag_text.clone(),
        };
        let already = self.state.tags.get(&tag) == Some(&image.id);
        let downloaded = bytes > 0 || !already;
        if bytes > 0 {
            let now = self.clock.now();
            let millis = PULL_LATENCY_MS + (bytes * 1000 / BYTES_PER_SECOND) as i64;
            let why = WaitReason::Download {
                header: format!(
                    "{}: Pulling from {}",
                    reference.digest.as_deref().unwrap_or(&tag_text),
                    reference.path
                ),
                layers: layers
                    .iter()
                    .map(|(short, pull)| match pull {
                        LayerPull::Downloaded(size) => (short.clone(), Some(*size)),
                        LayerPull::AlreadyExists => (short.clone(), None),
                    })
                    .collect(),
            };
            // A pull cannot carry the clock past the calendar's horizon.
            let until = ChronoDuration::try_milliseconds(millis)
                .and_then(|d| now.checked_add_signed(d))
                .filter(|t| t.timestamp() <= super::containers::HORIZON_SECS)
                .unwrap_or(now);
            self.clock.wait_until(until, &why);
        }
        let digest = hub_image.digest.clone();
        let id = image.id.clone();
        let repo_full = reference.full_name();
        let entry = self.state.images.entry(id.clone()).or_insert(image);
        if !entry
            .digests
            .iter()
            .any(|(r, d)| *r == repo_full && *d == digest)
        {
            entry.digests.push((repo_full.clone(), digest.clone()));
        }
        if reference.digest.is_none() {
            self.set_tag(tag, &id);
        }
        self.emit(EventKind::ImagePulled {
            reference: reference.familiar(),
        });
        Ok(PullReport {
            tag_or_digest: reference.digest.clone().unwrap_or(tag_text),
            repo_path: reference.path.clone(),
            layers,
            digest,
            downloaded,
            familiar: reference.familiar(),
            canonical: reference.canonical(),
        })
    }

    /// Puts a hub image into the cache the way `docker load` would have: tagged, with no repo
    /// digest (an image that was never pulled has none, so `docker rmi` prints no
    /// `Untagged: name@sha256:…` line), without pull output and without download time. Tests
    /// and the differential suite start from images that a real engine loaded from archives.
    pub fn preload(&mut self, reference: &str) -> Result<String, EngineError> {
        let parsed = ImageRef::parse(reference)
            .map_err(|e| EngineError::NotEmulated(e.to_string()))?
            .with_default_tag();
        let hub_image = self
            .hub
            .find(&parsed.familiar_name(), parsed.tag_or_latest())
            .cloned()
            .ok_or_else(|| EngineError::NoSuchImage(parsed.familiar()))?;
        let image = self.image_from_hub(&hub_image)?;
        let id = image.id.clone();
        self.state.images.entry(id.clone()).or_insert(image);
        self.set_tag(
            Tag {
                repository: parsed.full_name(),
                tag: parsed.tag_or_latest().to_string(),
            },
            &id,
        );
        Ok(id)
    }

    /// Records that the image was found in the cache (the narrator tells it).
    pub fn note_cache_hit(&mut self, reference: &str) {
        self.emit(EventKind::ImageCacheHit {
            reference: reference.to_string(),
        });
    }

    fn image_from_hub(&self, hub: &HubImage) -> Result<Image, EngineError> {
        let mut tree = FileTree::new();
        let entries = self
            .hub
            .entries(&hub.filesystem)
            .map_err(|e| EngineError::NotEmulated(e.to_string()))?;
        for entry in entries {
            match entry {
                FsEntry::Dir(path) => tree.insert(&path, Node::Dir),
                FsEntry::File(path, content) => tree.insert(&path, Node::File(content)),
                FsEntry::Program(path, name) => tree.insert(&path, Node::Program(name)),
            }
        }
        super::containers::add_init_layer(&mut tree);
        let layers = hub
            .layers
            .iter()
            .map(|digest| {
                let hub_layer = self.hub.layer(digest);
                Layer {
                    digest: digest.clone(),
                    diff_id: hub_layer
                        .and_then(|l| l.diff_id.clone())
                        .unwrap_or_else(|| digest.clone()),
                    size: hub_layer.map_or(0, |l| l.size),
                }
            })
            .collect();
        let config = &hub.config;
        Ok(Image {
            id: hub
                .id
                .strip_prefix("sha256:")
                .unwrap_or(&hub.id)
                .to_string(),
            tags: Vec::new(),
            digests: Vec::new(),
            created: hub.created,
            size: hub.size,
            layers,
            config: ImageConfig {
                cmd: config.cmd.clone().unwrap_or_default(),
                entrypoint: config.entrypoint.clone().unwrap_or_default(),
                env: config.env.clone(),
                working_dir: config.working_dir.clone(),
                exposed_ports: config.exposed_ports.clone(),
                stop_signal: config.stop_signal.clone(),
                user: config.user.clone(),
                labels: config
                    .labels
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
            },
            fs: Arc::new(tree),
            architecture: "amd64".to_string(),
            comment: String::new(),
            author: String::new(),
            parent: String::new(),
        })
    }

    /// Points `tag` at image `id`, taking it away from any other image.
    fn set_tag(&mut self, tag: Tag, id: &str) {
        if let Some(old) = self.state.tags.insert(tag.clone(), id.to_string()) {
            if let Some(img) = self.state.images.get_mut(&old) {
                img.tags.retain(|t| *t != tag);
            }
        }
        if let Some(img) = self.state.images.get_mut(id) {
            if !img.tags.contains(&tag) {
                img.tags.push(tag.clone());
            }
        }
        self.emit(EventKind::ImageTagged {
            image: id.to_string(),
            reference: tag.familiar(),
        });
    }

    /// `docker tag SOURCE TARGET`.
    pub fn tag(&mut self, source: &str, target: &ImageRef) -> Result<(), EngineError> {
        let id = self
            .find_image(source)
            .ok()
            .flatten()
            .ok_or_else(|| EngineError::NoSuchImage(familiar_or_raw(source)))?;
        let target = target.clone().with_default_tag();
        let tag = Tag {
            repository: target.full_name(),
            tag: target.tag_or_latest().to_string(),
        };
        self.set_tag(tag, &id);
        Ok(())
    }

    /// Adds an image a lesson or test defines (not pulled from the hub).
    pub fn add_custom_image(&mut self, custom: &CustomImage) -> Result<String, EngineError> {
        let reference = ImageRef::parse(&custom.reference)
            .map_err(|e| EngineError::NotEmulated(e.to_string()))?
            .with_default_tag();
        let mut image = match &custom.base {
            Some(base) => {
                let base_ref = ImageRef::parse(base)
                    .map_err(|e| EngineError::NotEmulated(e.to_string()))?
                    .with_default_tag();
                let hub = self
                    .hub
                    .find(&base_ref.familiar_name(), base_ref.tag_or_latest())
                    .cloned()
                    .ok_or_else(|| EngineError::NoSuchImage(base_ref.familiar()))?;
                self.image_from_hub(&hub)?
            }
            None => Image {
                id: String::new(),
                tags: Vec::new(),
                digests: Vec::new(),
                created: self.clock.now(),
                size: 0,
                layers: Vec::new(),
                config: ImageConfig::default(),
                fs: Arc::new(FileTree::new()),
                architecture: "amd64".to_string(),
                comment: String::new(),
                author: String::new(),
                parent: String::new(),
            },
        };
        let id = random_id(&mut self.rng);
        let layer_id = format!("sha256:{}", random_id(&mut self.rng));
        image.id = id.clone();
        image.size = custom.size;
        image.created = custom.created.unwrap_or_else(|| self.clock.now());
        image.layers.push(Layer {
            digest: layer_id.clone(),
            diff_id: layer_id,
            size: custom.size / 2,
        });
        if let Some(cmd) = &custom.cmd {
            image.config.cmd = cmd.clone();
        }
        if let Some(ep) = &custom.entrypoint {
            image.config.entrypoint = ep.clone();
        }
        if !custom.files.is_empty() {
            let mut tree = (*image.fs).clone();
            for (path, content) in &custom.files {
                tree.insert(path, Node::File(content.clone()));
            }
            image.fs = Arc::new(tree);
        }
        self.state.images.insert(id.clone(), image);
        self.set_tag(
            Tag {
                repository: reference.full_name(),
                tag: reference.tag_or_latest().to_string(),
            },
            &id,
        );
        Ok(id)
    }

    /// `docker commit`: a new image from container `id`'s file system and configuration,
    /// tagged `tag` when one is given (else dangling, `<none>`). Returns the image's 64-hex ID.
    /// The image is the container's image plus one layer holding the container's changes; it
    /// keeps the container's command, entrypoint, environment, working folder, user, ports,
    /// stop signal and labels (image labels and `-l` ones), as the daemon's commit does.
    pub fn commit(
        &mut self,
        id: &str,
        tag: Option<&ImageRef>,
        comment: &str,
        author: &str,
    ) -> Result<String, EngineError> {
        self.settle();
        let c = self
            .state
            .containers
            .get(id)
            .ok_or_else(|| EngineError::NoSuchContainer(id.to_string()))?;
        let base = self
            .state
            .images
            .get(&c.image_id)
            .ok_or_else(|| EngineError::NoSuchImage(c.config.image.clone()))?;
        let mut labels = base.config.labels.clone();
        for (k, v) in &c.config.labels {
            labels.retain(|(key, _)| key != k);
            labels.push((k.clone(), v.clone()));
        }
        let added = c.fs.upper_size();
        let config = ImageConfig {
            cmd: c.config.cmd.clone(),
            entrypoint: c.config.entrypoint.clone(),
            env: c.config.env.clone(),
            working_dir: c.config.working_dir.clone(),
            exposed_ports: c.config.exposed_ports.clone(),
            stop_signal: c
                .config
                .stop_signal_set
                .then(|| c.config.stop_signal.clone()),
            user: c.config.user.clone(),
            labels,
        };
        let fs = Arc::new(c.fs.flatten());
        let mut layers = base.layers.clone();
        let base_size = base.size;
        let parent = format!("sha256:{}", base.id);
        let new_id = loop {
            let candidate = random_id(&mut self.rng);
            if !self.state.images.contains_key(&candidate) {
                break candidate;
            }
        };
        let layer_id = format!("sha256:{}", random_id(&mut self.rng));
        layers.push(Layer {
            digest: layer_id.clone(),
            diff_id: layer_id,
            size: added,
        });
        let image = Image {
            id: new_id.clone(),
            tags: Vec::new(),
            digests: Vec::new(),
            created: self.clock.now(),
            size: base_size + added,
            layers,
            config,
            fs,
            architecture: "amd64".to_string(),
            comment: comment.to_string(),
            author: author.to_string(),
            parent,
        };
        self.state.images.insert(new_id.clone(), image);
        self.emit(EventKind::ImageCommitted {
            container: id.to_string(),
            image: new_id.clone(),
        });
        if let Some(tag) = tag {
            let tag = tag.clone().with_default_tag();
            self.set_tag(
                Tag {
                    repository: tag.full_name(),
                    tag: tag.tag_or_latest().to_string(),
                },
                &new_id,
            );
        }
        Ok(new_id)
    }

    /// `docker rmi [-f] REF`: untag and/or delete, with docker's conflict rules.
    pub fn remove_image(
        &mut self,
        reference: &str,
        force: bool,
    ) -> Result<Vec<ImageDeleteRecord>, EngineError> {
        self.settle();
        let id = match self.find_image(reference) {
            Ok(Some(id)) => id,
            Ok(None) => return Err(EngineError::NoSuchImage(familiar_or_raw(reference))),
            // The daemon parses the reference, so its error is a daemon error.
            Err(e) => return Err(EngineError::InvalidReference(e.to_string())),
        };
        let by_id = is_id_reference(reference, &id);
        let mut records = Vec::new();
        let mut removed_repository_ref = false;
        if !by_id {
            let parsed = ImageRef::parse(reference)
                .map_err(|e| EngineError::InvalidReference(e.to_string()))?
                .with_default_tag();
            let tag = Tag {
                repository: parsed.full_name(),
                tag: parsed.tag_or_latest().to_string(),
            };
            let image = self.image_ref(&id)?;
            let ref_count = image.tags.len();
            if ref_count <= 1 && !force {
                if let Some(c) = self.first_container_using(&id) {
                    return Err(EngineError::Conflict(format!(
                        "conflict: unable to remove repository reference \"{reference}\" (must force) - container {} is using its referenced image {}",
                        &c[..12],
                        &id[..12]
                    )));
                }
            }
            self.untag(&tag, &id);
            records.push(ImageDeleteRecord::Untagged(tag.familiar()));
            // With the last tag of a repository gone, its digest references go too.
            let image = self.image_ref(&id)?;
            if !image.tags.iter().any(|t| t.repository == tag.repository) {
                let digests: Vec<(String, String)> = image
                    .digests
                    .iter()
                    .filter(|(r, _)| *r == tag.repository)
                    .cloned()
                    .collect();
                for (repo, digest) in digests {
                    records.push(ImageDeleteRecord::Untagged(format!(
                        "{}@{digest}",
                        familiar_repository(&repo)
                    )));
                }
                if let Some(img) = self.state.images.get_mut(&id) {
                    img.digests.retain(|(r, _)| *r != tag.repository);
                }
            }
            let image = self.image_ref(&id)?;
            if !image.tags.is_empty() || !image.digests.is_empty() {
                return Ok(records);
            }
            removed_repository_ref = true;
        } else {
            let image = self.image_ref(&id)?;
            let repos: HashSet<&String> = image.tags.iter().map(|t| &t.repository).collect();
            let single = image.tags.len() <= 1 && repos.len() <= 1;
            if single {
                // By ID with at most one tag: check conflicts, then drop every reference.
                self.check_delete_conflict(&id, force, false)?;
                let tags = image.tags.clone();
                let digests = image.digests.clone();
                for t in tags {
                    self.untag(&t, &id);
                    records.push(ImageDeleteRecord::Untagged(t.familiar()));
                }
                for (repo, digest) in digests {
                    records.push(ImageDeleteRecord::Untagged(format!(
                        "{}@{digest}",
                        familiar_repository(&repo)
                    )));
                }
                if let Some(img) = self.state.images.get_mut(&id) {
                    img.digests.clear();
                }
            }
        }
        match self.check_delete_conflict(&id, force, removed_repository_ref) {
            Ok(()) => {}
            // docker keeps an image that is still used and was only untagged, silently.
            Err(_) if removed_repository_ref => return Ok(records),
            Err(e) => return Err(e),
        }
        if by_id && force {
            // The reference store hands the tags over sorted by their full reference
            // (moby reference/store.go `References`), so that is the `Untagged:` order.
            let mut tags = self.image_ref(&id)?.tags.clone();
            tags.sort_by_key(|t| format!("{}:{}", t.repository, t.tag));
            for t in tags {
                self.untag(&t, &id);
                records.push(ImageDeleteRecord::Untagged(t.familiar()));
            }
        }
        records.extend(self.delete_image(&id));
        Ok(records)
    }

    fn image_ref(&self, id: &str) -> Result<&Image, EngineError> {
        self.state
            .images
            .get(id)
            .ok_or_else(|| EngineError::NoSuchImage(id.to_string()))
    }

    fn first_container_using(&self, image_id: &str) -> Option<String> {
        self.state
            .containers_newest_first()
            .find(|c| c.image_id == image_id)
            .map(|c| c.id.clone())
    }

    fn check_delete_conflict(
        &self,
        id: &str,
        force: bool,
        removed_repository_ref: bool,
    ) -> Result<(), EngineError> {
        let short = &id[..12];
        if let Some(c) = self
            .state
            .containers_newest_first()
            .find(|c| c.image_id == id && c.is_running())
        {
            return Err(EngineError::Conflict(format!(
                "conflict: unable to delete {short} (cannot be forced) - image is being used by running container {}",
                c.short_id()
            )));
        }
        if force {
            return Ok(());
        }
        let image = self.image_ref(id)?;
        if !removed_repository_ref && image.tags.len() > 1 {
            return Err(EngineError::Conflict(format!(
                "conflict: unable to delete {short} (must be forced) - image is referenced in multiple repositories"
            )));
        }
        if let Some(c) = self
            .state
            .containers_newest_first()
            .find(|c| c.image_id == id && !c.is_running())
        {
            return Err(EngineError::Conflict(format!(
                "conflict: unable to delete {short} (must be forced) - image is being used by stopped container {}",
                c.short_id()
            )));
        }
        Ok(())
    }

    fn untag(&mut self, tag: &Tag, id: &str) {
        if self.state.tags.get(tag).map(String::as_str) == Some(id) {
            self.state.tags.remove(tag);
        }
        if let Some(img) = self.state.images.get_mut(id) {
            img.tags.retain(|t| t != tag);
        }
        self.emit(EventKind::ImageUntagged {
            reference: tag.familiar(),
        });
    }

    /// Deletes the image and the layers no other image uses; returns the `Deleted:` records.
    fn delete_image(&mut self, id: &str) -> Vec<ImageDeleteRecord> {
        let Some(image) = self.state.images.remove(id) else {
            return Vec::new();
        };
        for t in &image.tags {
            self.state.tags.remove(t);
        }
        let mut records = vec![ImageDeleteRecord::Deleted(format!("sha256:{id}"))];
        // A container's writable layer holds on to the image's layers, so while any
        // container (even a stopped one, after `rmi -f`) was made from the image, its layers
        // stay and no `Deleted: <layer>` line is printed.
        if self.state.containers.values().any(|c| c.image_id == id) {
            self.emit(EventKind::ImageDeleted {
                image: id.to_string(),
            });
            return records;
        }
        let still_used: HashSet<String> = self
            .state
            .images
            .values()
            .flat_map(|i| i.layers.iter().map(|l| l.diff_id.clone()))
            .collect();
        // Layers go top first, as the layer store releases them.
        for layer in image.layers.iter().rev() {
            if !still_used.contains(&layer.diff_id) {
                records.push(ImageDeleteRecord::Deleted(layer.diff_id.clone()));
            }
        }
        self.emit(EventKind::ImageDeleted {
            image: id.to_string(),
        });
        records
    }

    /// `docker system prune [-a]`: stopped containers, then unused images.
    pub fn prune(&mut self, all_images: bool) -> PruneReport {
        let mut report = self.prune_containers();
        let images = self.prune_images(all_images);
        report.images = images.images;
        report.reclaimed += images.reclaimed;
        report
    }

    /// `docker container prune`: every container that is not running.
    pub fn prune_containers(&mut self) -> PruneReport {
        self.settle();
        let mut report = PruneReport::default();
        let stopped: Vec<(String, u64)> = self
            .state
            .containers_newest_first()
            .filter(|c| {
                matches!(
                    c.state.status,
                    Status::Created | Status::Exited | Status::Dead
                )
            })
            .map(|c| (c.id.clone(), c.fs.upper_size()))
            .collect();
        for (id, size) in stopped {
            self.remove_now(&id);
            report.reclaimed += size;
            report.containers.push(id);
        }
        report
    }

    /// `docker image prune [-a]`: dangling images, or with `all` every unused image.
    pub fn prune_images(&mut self, all_images: bool) -> PruneReport {
        self.settle();
        let mut report = PruneReport::default();
        let used: HashSet<String> = self
            .state
            .containers
            .values()
            .map(|c| c.image_id.clone())
            .collect();
        let candidates: Vec<String> = self
            .state
            .images_newest_first()
            .into_iter()
            .filter(|img| !used.contains(&img.id) && (all_images || img.is_dangling()))
            .map(|img| img.id.clone())
            .collect();
        for id in candidates {
            let Some(image) = self.state.images.get(&id).cloned() else {
                continue;
            };
            for t in &image.tags {
                self.untag(t, &id);
                report
                    .images
                    .push(ImageDeleteRecord::Untagged(t.familiar()));
            }
            for (repo, digest) in &image.digests {
                report.images.push(ImageDeleteRecord::Untagged(format!(
                    "{}@{digest}",
                    familiar_repository(repo)
                )));
            }
            let records = self.delete_image(&id);
            let total_layers = image.layers.len().max(1) as u64;
            let deleted_layers = records.len().saturating_sub(1) as u64;
            report.reclaimed += image.size * deleted_layers / total_layers;
            report.images.extend(records);
        }
        report
    }

    /// `docker save`: the named images (with only the named tags) as an archive.
    pub fn save(&mut self, references: &[String]) -> Result<ImageArchive, EngineError> {
        let mut images: Vec<Image> = Vec::new();
        for reference in references {
            let id = self
                .find_image(reference)
                .map_err(|e| EngineError::InvalidReference(e.to_string()))?
                .ok_or_else(|| missing_for_save(reference))?;
            let mut image = self.image_ref(&id)?.clone();
            let named_tag = ImageRef::parse(reference)
                .ok()
                .filter(|_| !is_id_reference(reference, &id))
                .map(|r| r.with_default_tag())
                .map(|r| Tag {
                    repository: r.full_name(),
                    tag: r.tag_or_latest().to_string(),
                });
            image.tags = named_tag.into_iter().collect();
            image.digests.clear();
            match images.iter_mut().find(|i| i.id == image.id) {
                Some(existing) => {
                    for t in image.tags {
                        if !existing.tags.contains(&t) {
                            existing.tags.push(t);
                        }
                    }
                }
                None => images.push(image),
            }
            self.emit(EventKind::ImageSaved {
                reference: reference.clone(),
            });
        }
        Ok(ImageArchive { images })
    }

    /// `docker load`: adds the archive's images; returns the output lines.
    pub fn load(&mut self, archive: &ImageArchive) -> Vec<String> {
        let mut lines = Vec::new();
        for image in &archive.images {
            let id = image.id.clone();
            self.state.images.entry(id.clone()).or_insert_with(|| {
                let mut fresh = image.clone();
                fresh.tags.clear();
                fresh
            });
            if image.tags.is_empty() {
                lines.push(format!("Loaded image ID: sha256:{id}"));
            }
            for tag in &image.tags {
                if let Some(old) = self.state.tags.get(tag).cloned() {
                    if old != id {
                        lines.push(format!(
                            "The image {} already exists, renaming the old one with ID sha256:{old} to empty string",
                            tag.familiar()
                        ));
                    }
                }
                self.set_tag(tag.clone(), &id);
                lines.push(format!("Loaded image: {}", tag.familiar()));
                self.emit(EventKind::ImageLoaded {
                    reference: tag.familiar(),
                });
            }
        }
        lines
    }
}

/// Whether `reference` named the image by its ID (or an ID prefix) rather than by a tag.
fn is_id_reference(reference: &str, id: &str) -> bool {
    let hex = reference.strip_prefix("sha256:").unwrap_or(reference);
    !hex.is_empty() && id.starts_with(hex) && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

/// What `docker save` says for a reference no image has (moby image/tarexport/save.go): a
/// bare name is searched as an image ID (`No such image: nope`, as typed), a `name:tag` is
/// looked up in the reference store (`reference does not exist`).
fn missing_for_save(reference: &str) -> EngineError {
    match ImageRef::parse(reference) {
        Ok(r) if r.tag.is_none() && r.digest.is_none() => {
            EngineError::NoSuchImage(reference.to_string())
        }
        Ok(_) => EngineError::ReferenceDoesNotExist,
        Err(e) => EngineError::InvalidReference(e.to_string()),
    }
}

/// `nope` → `nope:latest` as the daemon words "No such image"; unparsable input stays as is.
pub fn familiar_or_raw(reference: &str) -> String {
    match ImageRef::parse(reference) {
        Ok(r) if !reference.starts_with("sha256:") => r.with_default_tag().familiar(),
        _ => reference.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preload_tags_the_hub_image_without_a_repo_digest() {
        let mut engine = Engine::scripted(1);
        let before = engine.now();
        let id = engine.preload("alpine").unwrap();
        assert_eq!(engine.now(), before, "a preload takes no download time");
        let image = engine.state().image(&id).unwrap();
        assert!(image.digests.is_empty());
        assert_eq!(image.tags[0].familiar(), "alpine:latest");
        // rmi of a loaded image: the tag, the image, its layer; no `alpine@sha256:` line.
        let records = engine.remove_image("alpine", false).unwrap();
        assert_eq!(records.len(), 3);
        assert_eq!(
            records[0],
            ImageDeleteRecord::Untagged("alpine:latest".to_string())
        );
        assert_eq!(
            records[1],
            ImageDeleteRecord::Deleted(format!("sha256:{id}"))
        );
        assert!(engine.preload("no-such-image").is_err());
    }

    fn run(engine: &mut Engine, name: &str, image: &str) -> String {
        let image_id = engine.find_image(image).unwrap().unwrap();
        let spec = crate::engine::containers::CreateSpec {
            image_ref: image.to_string(),
            image_id,
            name: Some(name.to_string()),
            ..Default::default()
        };
        engine.create(spec).unwrap()
    }

    #[test]
    fn rmi_and_save_errors_are_the_daemons() {
        let mut engine = Engine::scripted(1);
        engine.preload("alpine").unwrap();
        assert_eq!(
            engine.remove_image("Bad", false).unwrap_err(),
            EngineError::InvalidReference(
                "invalid reference format: repository name (library/Bad) must be lowercase"
                    .to_string()
            )
        );
        let save = |engine: &mut Engine, r: &str| engine.save(&[r.to_string()]).unwrap_err();
        assert_eq!(
            save(&mut engine, "nope"),
            EngineError::NoSuchImage("nope".to_string())
        );
        assert_eq!(
            save(&mut engine, "nope:v1"),
            EngineError::ReferenceDoesNotExist
        );
    }

    #[test]
    fn rmi_force_keeps_the_layers_a_container_still_holds() {
        let mut engine = Engine::scripted(1);
        let id = engine.preload("alpine").unwrap();
        run(&mut engine, "user", "alpine");
        let records = engine.remove_image("alpine", true).unwrap();
        assert_eq!(
            records,
            vec![
                ImageDeleteRecord::Untagged("alpine:latest".to_string()),
                ImageDeleteRecord::Deleted(format!("sha256:{id}")),
            ]
        );
    }

    #[test]
    fn rmi_force_by_id_untags_in_reference_order() {
        let mut engine = Engine::scripted(1);
        let id = engine.preload("busybox").unwrap();
        engine
            .tag("busybox", &ImageRef::parse("bb:one").unwrap())
            .unwrap();
        let records = engine.remove_image(&id[..12], true).unwrap();
        assert_eq!(
            records[..2],
            [
                ImageDeleteRecord::Untagged("bb:one".to_string()),
                ImageDeleteRecord::Untagged("busybox:latest".to_string()),
            ]
        );
    }
}
