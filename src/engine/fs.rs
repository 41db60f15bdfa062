//! File trees: an image's read-only tree, shared, and a container's writable layer over it.

use std::collections::BTreeMap;
use std::sync::Arc;

/// One entry of a file tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    /// A directory.
    Dir,
    /// A regular file with its text.
    File(String),
    /// An executable that a simulated program stands in for (by program name).
    Program(String),
}

/// A read-only tree of absolute, normalised paths (`/bin/ls`); parents are always present.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileTree {
    entries: BTreeMap<String, Node>,
}

impl FileTree {
    /// An empty tree (only `/`).
    pub fn new() -> Self {
        FileTree::default()
    }

    /// Adds `node` at `path`, creating missing parent directories.
    pub fn insert(&mut self, path: &str, node: Node) {
        let path = normalize("/", path);
        for parent in ancestors(&path) {
            self.entries.entry(parent).or_insert(Node::Dir);
        }
        if path != "/" {
            self.entries.insert(path, node);
        }
    }

    /// The entry at an absolute path.
    pub fn get(&self, path: &str) -> Option<&Node> {
        if path == "/" {
            return Some(&Node::Dir);
        }
        self.entries.get(path)
    }

    /// Every entry, in path order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Node)> {
        self.entries.iter()
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the tree holds nothing but `/`.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Removes `path` and everything below it.
    pub fn remove(&mut self, path: &str) {
        let prefix = format!("{path}/");
        let below: Vec<String> = self
            .entries
            .range(prefix.clone()..)
            .take_while(|(p, _)| p.starts_with(&prefix))
            .map(|(p, _)| p.clone())
            .collect();
        for p in below {
            self.entries.remove(&p);
        }
        self.entries.remove(path);
    }
}

/// What `docker diff` says about a path: `C`, `A` or `D`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    /// `C`: changed, or a folder something inside of which changed.
    Modified,
    /// `A`: new in the container.
    Added,
    /// `D`: deleted in the container.
    Deleted,
}

impl ChangeKind {
    /// The letter `docker diff` prints.
    pub fn letter(self) -> char {
        match self {
            ChangeKind::Modified => 'C',
            ChangeKind::Added => 'A',
            ChangeKind::Deleted => 'D',
        }
    }
}

/// Paths the runtime mounts over the container's files (`/dev`, `/proc`, `/sys` and the files
/// docker bind-mounts into `/etc`): what happens there never reaches the writable layer, so
/// neither `docker diff` nor `docker commit` sees it.
fn is_mounted(path: &str) -> bool {
    ["/dev", "/proc", "/sys"]
        .iter()
        .any(|m| path == *m || path.starts_with(&format!("{m}/")))
        || matches!(
            path,
            "/etc/hostname" | "/etc/hosts" | "/etc/resolv.conf" | "/etc/mtab"
        )
}

/// A container's view: the image's tree below, the container's own changes above.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overlay {
    base: Arc<FileTree>,
    /// `None` marks a deleted path (a whiteout).
    upper: BTreeMap<String, Option<Node>>,
}

impl Overlay {
    /// A fresh writable layer over `base`.
    pub fn new(base: Arc<FileTree>) -> Self {
        Overlay {
            base,
            upper: BTreeMap::new(),
        }
    }

    /// The entry at an absolute normalised path, writable layer first.
    pub fn get(&self, path: &str) -> Option<Node> {
        if path == "/" {
            return Some(Node::Dir);
        }
        // A deleted ancestor hides everything below it.
        let chain = ancestors(path);
        for parent in &chain[..chain.len().saturating_sub(1)] {
            if let Some(None) = self.upper.get(parent) {
                return None;
            }
        }
        match self.upper.get(path) {
            Some(node) => node.clone(),
            None => self.base.get(path).cloned(),
        }
    }

    /// Whether a directory exists at `path`.
    pub fn is_dir(&self, path: &str) -> bool {
        matches!(self.get(path), Some(Node::Dir))
    }

    /// Names directly inside directory `dir`, sorted as `ls` sorts them (bytewise).
    pub fn list(&self, dir: &str) -> Vec<String> {
        let prefix = if dir == "/" {
            "/".to_string()
        } else {
            format!("{dir}/")
        };
        let mut names: BTreeMap<String, ()> = BTreeMap::new();
        let children = |map: &mut BTreeMap<String, ()>, path: &str| {
            if let Some(rest) = path.strip_prefix(&prefix) {
                if !rest.is_empty() && !rest.contains('/') {
                    map.insert(rest.to_string(), ());
                }
            }
        };
        for (path, _) in self.base.entries.range(prefix.clone()..) {
            if !path.starts_with(&prefix) {
                break;
            }
            children(&mut names, path);
        }
        for (path, _) in self.upper.range(prefix.clone()..) {
            if !path.starts_with(&prefix) {
                break;
            }
            children(&mut names, path);
        }
        names
            .into_keys()
            .filter(|name| self.get(&format!("{prefix}{name}")).is_some())
            .collect()
    }

    /// Writes a file or directory into the writable layer, creating parents.
    pub fn put(&mut self, path: &str, node: Node) {
        for parent in ancestors(path) {
            if parent != path && !self.is_dir(&parent) {
                self.upper.insert(parent, Some(Node::Dir));
            }
        }
        self.upper.insert(path.to_string(), Some(node));
    }

    /// Deletes `path` and everything below it.
    pub fn remove(&mut self, path: &str) {
        let prefix = format!("{path}/");
        let below: Vec<String> = self
            .upper
            .range(prefix.clone()..)
            .take_while(|(p, _)| p.starts_with(&prefix))
            .map(|(p, _)| p.clone())
            .collect();
        for p in below {
            self.upper.remove(&p);
        }
        if self.base.get(path).is_some() {
            self.upper.insert(path.to_string(), None);
        } else {
            self.upper.remove(path);
        }
    }

    /// Bytes the writable layer holds (what `docker ps -s` reports as the container's size).
    pub fn upper_size(&self) -> u64 {
        self.upper
            .values()
            .map(|node| match node {
                Some(Node::File(text)) => text.len() as u64,
                _ => 0,
            })
            .sum()
    }

    /// Whether the container changed anything.
    pub fn is_changed(&self) -> bool {
        !self.upper.is_empty()
    }

    /// The container's changes against its image, as `docker diff` lists them: added (`A`),
    /// deleted (`D`) and changed (`C`) paths, and every folder above a change marked `C`
    /// unless the folder itself is new (the daemon's naive diff does that, so a restored
    /// archive keeps the folders' permissions). Order: depth first, a folder before what is
    /// in it, names in byte order (the daemon's naive diff walks Go maps, so its order of
    /// siblings varies from call to call; the overlay walk is in this order).
    pub fn changes(&self) -> Vec<(ChangeKind, String)> {
        let mut own: BTreeMap<String, ChangeKind> = BTreeMap::new();
        for (path, node) in &self.upper {
            if is_mounted(path) {
                continue;
            }
            let below = self.base.get(path);
            let kind = match (node, below) {
                (None, Some(_)) => ChangeKind::Deleted,
                (None, None) => continue,
                (Some(_), None) => ChangeKind::Added,
                (Some(Node::Dir), Some(Node::Dir)) => continue,
                (Some(_), Some(_)) => ChangeKind::Modified,
            };
            own.insert(path.clone(), kind);
        }
        let mut all = own.clone();
        for path in own.keys() {
            for parent in ancestors(path) {
                if parent != *path {
                    all.entry(parent).or_insert(ChangeKind::Modified);
                }
            }
        }
        let mut list: Vec<(ChangeKind, String)> =
            all.into_iter().map(|(path, kind)| (kind, path)).collect();
        // Depth first: compare component by component, not as whole strings (`/a/b` comes
        // before `/a-b`).
        list.sort_by(|(_, a), (_, b)| a.split('/').cmp(b.split('/')));
        list
    }

    /// The container's file system as one tree (what `docker commit` stores).
    pub fn flatten(&self) -> FileTree {
        let mut tree = (*self.base).clone();
        for (path, node) in &self.upper {
            match node {
                None => tree.remove(path),
                Some(node) => tree.insert(path, node.clone()),
            }
        }
        tree
    }

    /// The entries at and below `path` (itself first, then depth first in byte order), for
    /// `docker cp`; empty when nothing is there.
    pub fn subtree(&self, path: &str) -> Vec<(String, Node)> {
        let Some(node) = self.get(path) else {
            return Vec::new();
        };
        let mut out = vec![(path.to_string(), node.clone())];
        if node == Node::Dir {
            for name in self.list(path) {
                let child = if path == "/" {
                    format!("/{name}")
                } else {
                    format!("{path}/{name}")
                };
                out.extend(self.subtree(&child));
            }
        }
        out
    }
}

/// Joins `path` onto `cwd` and resolves `.` and `..`, giving an absolute path without a
/// trailing slash.
pub fn normalize(cwd: &str, path: &str) -> String {
    let joined = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("{cwd}/{path}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    format!("/{}", parts.join("/"))
}

/// `/a/b/c` → `["/a", "/a/b", "/a/b/c"]`.
fn ancestors(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for part in path.split('/').filter(|p| !p.is_empty()) {
        current.push('/');
        current.push_str(part);
        out.push(current.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> Arc<FileTree> {
        let mut t = FileTree::new();
        t.insert("/bin/ls", Node::Program("ls".into()));
        t.insert("/etc/hostname", Node::File(String::new()));
        t.insert("/tmp", Node::Dir);
        Arc::new(t)
    }

    #[test]
    fn normalizes_paths() {
        for (cwd, path, want) in [
            ("/", "a/b", "/a/b"),
            ("/tmp", "../etc/./x", "/etc/x"),
            ("/", "/../..", "/"),
            ("/a", "", "/a"),
        ] {
            assert_eq!(normalize(cwd, path), want, "{cwd} {path}");
        }
    }

    #[test]
    fn overlay_reads_writes_and_deletes() {
        let mut o = Overlay::new(tree());
        assert_eq!(o.list("/"), vec!["bin", "etc", "tmp"]);
        o.put("/tmp/a/note.txt", Node::File("hi\n".into()));
        assert_eq!(o.list("/tmp"), vec!["a"]);
        assert_eq!(o.get("/tmp/a/note.txt"), Some(Node::File("hi\n".into())));
        assert_eq!(o.upper_size(), 3);
        o.remove("/bin");
        assert_eq!(o.get("/bin/ls"), None);
        assert_eq!(o.list("/"), vec!["etc", "tmp"]);
        o.remove("/tmp/a");
        assert!(o.list("/tmp").is_empty());
        // The image below never changes.
        assert!(tree().get("/bin/ls").is_some());
    }

    #[test]
    fn changes_mark_parents_and_skip_mounts_and_flatten_applies_them() {
        let mut o = Overlay::new(tree());
        o.put("/tmp/a/b", Node::File("x".into()));
        o.put("/tmp/a-b", Node::File("y".into()));
        o.put("/etc/hostname", Node::File("h".into()));
        o.put("/dev/null", Node::File(String::new()));
        o.remove("/bin/ls");
        let shown: Vec<String> = o
            .changes()
            .iter()
            .map(|(k, p)| format!("{} {p}", k.letter()))
            .collect();
        // Depth first: /tmp/a and what is in it before /tmp/a-b.
        assert_eq!(
            shown,
            [
                "C /bin",
                "D /bin/ls",
                "C /tmp",
                "A /tmp/a",
                "A /tmp/a/b",
                "A /tmp/a-b"
            ]
        );
        let flat = o.flatten();
        assert_eq!(flat.get("/bin/ls"), None);
        assert_eq!(flat.get("/tmp/a/b"), Some(&Node::File("x".into())));
        assert_eq!(flat.get("/etc/hostname"), Some(&Node::File("h".into())));
        assert_eq!(o.subtree("/tmp/a").len(), 2);
        assert!(o.subtree("/nope").is_empty());
    }
}
