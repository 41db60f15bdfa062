//! The virtual host's files: what `docker save -o` writes and `docker load -i` reads. Nothing
//! here touches the real file system.

use crate::engine::ImageArchive;
use std::collections::BTreeMap;

/// A file on the virtual host.
#[derive(Clone, Debug)]
pub enum HostFile {
    /// A text file.
    Text(String),
    /// An image archive written by `docker save`.
    Archive(ImageArchive),
}

impl HostFile {
    /// Size in bytes as `ls -l` would show it.
    pub fn size(&self) -> u64 {
        match self {
            HostFile::Text(t) => t.len() as u64,
            HostFile::Archive(a) => a.images.iter().map(|i| i.size + 10_240).sum(),
        }
    }
}

/// The learner's home folder on the virtual host.
pub const HOME: &str = "/home/learner";

/// The virtual host file system: absolute paths to files; directories are implied by paths
/// and by the set of known directories.
#[derive(Clone, Debug)]
pub struct HostFs {
    files: BTreeMap<String, HostFile>,
    dirs: Vec<String>,
    cwd: String,
}

impl Default for HostFs {
    fn default() -> Self {
        HostFs {
            files: BTreeMap::new(),
            dirs: vec!["/".into(), "/home".into(), HOME.into(), "/tmp".into()],
            cwd: HOME.to_string(),
        }
    }
}

impl HostFs {
    /// The working directory.
    pub fn cwd(&self) -> &str {
        &self.cwd
    }

    /// Absolute path for `path` relative to the working directory.
    pub fn absolute(&self, path: &str) -> String {
        let path = match path.strip_prefix('~') {
            Some(rest) if rest.is_empty() || rest.starts_with('/') => format!("{HOME}{rest}"),
            _ => path.to_string(),
        };
        crate::engine::fs::normalize(&self.cwd, &path)
    }

    /// Whether `path` is a directory.
    pub fn is_dir(&self, path: &str) -> bool {
        let abs = self.absolute(path);
        self.dirs.contains(&abs)
    }

    /// Reads a file.
    pub fn read(&self, path: &str) -> Option<&HostFile> {
        self.files.get(&self.absolute(path))
    }

    /// Writes a file; fails (with the missing directory) when its folder does not exist.
    pub fn write(&mut self, path: &str, file: HostFile) -> Result<(), String> {
        let abs = self.absolute(path);
        let parent = crate::engine::fs::normalize(&abs, "..");
        if !self.dirs.contains(&parent) {
            return Err(parent);
        }
        if self.dirs.contains(&abs) {
            return Err(abs);
        }
        self.files.insert(abs, file);
        Ok(())
    }

    /// Removes a file; `false` if there was none.
    pub fn remove(&mut self, path: &str) -> bool {
        let abs = self.absolute(path);
        self.files.remove(&abs).is_some()
    }

    /// Names directly in directory `path` (files and folders), sorted.
    pub fn list(&self, path: &str) -> Option<Vec<String>> {
        let abs = self.absolute(path);
        if !self.dirs.contains(&abs) {
            return None;
        }
        let prefix = if abs == "/" {
            "/".to_string()
        } else {
            format!("{abs}/")
        };
        let mut names: Vec<String> = self
            .files
            .keys()
            .chain(self.dirs.iter())
            .filter_map(|p| p.strip_prefix(&prefix))
            .filter(|rest| !rest.is_empty() && !rest.contains('/'))
            .map(str::to_string)
            .collect();
        names.sort();
        names.dedup();
        Some(names)
    }

    /// Makes directory `path` (its parent must exist); `Err` with the path that is in the way
    /// or missing. A directory that is already there is fine.
    pub fn make_dir(&mut self, path: &str) -> Result<(), String> {
        let abs = self.absolute(path);
        if self.dirs.contains(&abs) {
            return Ok(());
        }
        let parent = crate::engine::fs::normalize(&abs, "..");
        if !self.dirs.contains(&parent) {
            return Err(parent);
        }
        if self.files.contains_key(&abs) {
            return Err(abs);
        }
        self.dirs.push(abs);
        Ok(())
    }

    /// The directories and files at and below absolute `path`, parents first, in path order;
    /// `None` for a directory, the file otherwise.
    pub fn tree(&self, path: &str) -> Vec<(String, Option<&HostFile>)> {
        let abs = self.absolute(path);
        let prefix = if abs == "/" {
            "/".to_string()
        } else {
            format!("{abs}/")
        };
        let mut out: Vec<(String, Option<&HostFile>)> = self
            .dirs
            .iter()
            .filter(|d| **d == abs || d.starts_with(&prefix))
            .map(|d| (d.clone(), None))
            .collect();
        out.extend(
            self.files
                .iter()
                .filter(|(f, _)| **f == abs || f.starts_with(&prefix))
                .map(|(f, file)| (f.clone(), Some(file))),
        );
        out.sort_by(|(a, _), (b, _)| a.split('/').cmp(b.split('/')));
        out
    }

    /// Every file, for completion.
    pub fn file_names(&self) -> impl Iterator<Item = &String> {
        self.files.keys()
    }
}
