//! Image references: parsing, the default tag, and the familiar and canonical forms.

use std::fmt;

/// A parsed image reference such as `alpine`, `myuser/app:v1` or `localhost:5000/x@sha256:…`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ImageRef {
    /// Registry host, `docker.io` by default.
    pub domain: String,
    /// Repository path, with `library/` for official images.
    pub path: String,
    /// The tag, if one was given.
    pub tag: Option<String>,
    /// The digest (`sha256:…`), if one was given.
    pub digest: Option<String>,
}

/// Why a reference is not valid; `Display` is docker's wording.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefError {
    /// `invalid reference format`
    Format,
    /// `invalid reference format: repository name (library/Alpine) must be lowercase`
    Uppercase(String),
    /// `invalid repository name (<hex>), cannot specify 64-byte hexadecimal strings`
    HexName(String),
}

impl fmt::Display for RefError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RefError::Format => write!(f, "invalid reference format"),
            RefError::Uppercase(path) => write!(
                f,
                "invalid reference format: repository name ({path}) must be lowercase"
            ),
            RefError::HexName(name) => write!(
                f,
                "invalid repository name ({name}), cannot specify 64-byte hexadecimal strings"
            ),
        }
    }
}

/// Whether `s` is a full 64-character lowercase hex string.
pub fn is_full_hex_id(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn valid_component(c: &str) -> bool {
    // [a-z0-9]+ separated by '.', '_', '__' or one or more '-'.
    if c.is_empty() {
        return false;
    }
    let bytes = c.as_bytes();
    let alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    if !alnum(bytes[0]) || !alnum(bytes[bytes.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if alnum(b) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !alnum(bytes[i]) {
            i += 1;
        }
        let sep = &c[start..i];
        let ok = sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|b| b == b'-');
        if !ok {
            return false;
        }
    }
    true
}

fn valid_tag(t: &str) -> bool {
    let bytes = t.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    !bytes.is_empty()
        && bytes.len() <= 128
        && word(bytes[0])
        && bytes.iter().all(|&b| word(b) || b == b'.' || b == b'-')
}

fn valid_digest(d: &str) -> bool {
    match d.split_once(':') {
        Some((alg, hex)) => {
            alg == "sha256" && hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit())
        }
        None => false,
    }
}

impl ImageRef {
    /// Parses a reference the way `distribution/reference.ParseNormalizedNamed` does.
    pub fn parse(s: &str) -> Result<ImageRef, RefError> {
        if is_full_hex_id(s) {
            return Err(RefError::HexName(s.to_string()));
        }
        let (rest, digest) = match s.split_once('@') {
            Some((r, d)) => {
                if !valid_digest(d) {
                    return Err(RefError::Format);
                }
                (r, Some(d.to_string()))
            }
            None => (s, None),
        };
        // A tag is after the last ':' that comes after the last '/'.
        let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
        let (name, tag) = match rest[last_slash..].rfind(':') {
            Some(i) => {
                let tag = &rest[last_slash + i + 1..];
                if !valid_tag(tag) {
                    return Err(RefError::Format);
                }
                (&rest[..last_slash + i], Some(tag.to_string()))
            }
            None => (rest, None),
        };
        if name.is_empty() {
            return Err(RefError::Format);
        }
        let (domain, path) = match name.split_once('/') {
            Some((first, remainder))
                if first == "localhost"
                    || first.contains('.')
                    || first.contains(':')
                    || first.bytes().any(|b| b.is_ascii_uppercase()) =>
            {
                let domain = if first == "index.docker.io" {
                    "docker.io"
                } else {
                    first
                };
                (domain.to_string(), remainder.to_string())
            }
            _ => ("docker.io".to_string(), name.to_string()),
        };
        let path = if domain == "docker.io" && !path.contains('/') {
            format!("library/{path}")
        } else {
            path
        };
        if path.bytes().any(|b| b.is_ascii_uppercase()) {
            return Err(RefError::Uppercase(path));
        }
        if !path.split('/').all(valid_component) {
            return Err(RefError::Format);
        }
        if is_full_hex_id(&path) {
            return Err(RefError::HexName(path));
        }
        Ok(ImageRef {
            domain,
            path,
            tag,
            digest,
        })
    }

    /// The same reference with `latest` added when it has neither tag nor digest.
    pub fn with_default_tag(mut self) -> ImageRef {
        if self.tag.is_none() && self.digest.is_none() {
            self.tag = Some("latest".to_string());
        }
        self
    }

    /// The repository as users see it: `alpine`, `myuser/app`, `localhost:5000/app`.
    pub fn familiar_name(&self) -> String {
        if self.domain == "docker.io" {
            self.path
                .strip_prefix("library/")
                .filter(|rest| !rest.contains('/'))
                .unwrap_or(&self.path)
                .to_string()
        } else {
            format!("{}/{}", self.domain, self.path)
        }
    }

    /// The repository with its registry: `docker.io/library/alpine`.
    pub fn full_name(&self) -> String {
        format!("{}/{}", self.domain, self.path)
    }

    /// The tag, or `latest`.
    pub fn tag_or_latest(&self) -> &str {
        self.tag.as_deref().unwrap_or("latest")
    }

    /// `alpine:latest`, `myuser/app:v1`, `alpine@sha256:…`: the familiar form with tag/digest.
    pub fn familiar(&self) -> String {
        let mut s = self.familiar_name();
        if let Some(tag) = &self.tag {
            s.push(':');
            s.push_str(tag);
        }
        if let Some(digest) = &self.digest {
            s.push('@');
            s.push_str(digest);
        }
        s
    }

    /// `docker.io/library/alpine:latest`: what `docker pull` prints last.
    pub fn canonical(&self) -> String {
        let mut s = self.full_name();
        if let Some(tag) = &self.tag {
            s.push(':');
            s.push_str(tag);
        }
        if let Some(digest) = &self.digest {
            s.push('@');
            s.push_str(digest);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_normalises() {
        for (input, familiar, canonical) in [
            ("alpine", "alpine:latest", "docker.io/library/alpine:latest"),
            (
                "alpine:3.21",
                "alpine:3.21",
                "docker.io/library/alpine:3.21",
            ),
            ("myuser/app:v1", "myuser/app:v1", "docker.io/myuser/app:v1"),
            (
                "localhost:5000/myimg",
                "localhost:5000/myimg:latest",
                "localhost:5000/myimg:latest",
            ),
            (
                "ghcr.io/foo/bar:1.0",
                "ghcr.io/foo/bar:1.0",
                "ghcr.io/foo/bar:1.0",
            ),
            (
                "docker.io/library/alpine",
                "alpine:latest",
                "docker.io/library/alpine:latest",
            ),
            ("my-app:v1", "my-app:v1", "docker.io/library/my-app:v1"),
        ] {
            let r = ImageRef::parse(input).expect(input).with_default_tag();
            assert_eq!(r.familiar(), familiar, "{input}");
            assert_eq!(r.canonical(), canonical, "{input}");
        }
    }

    #[test]
    fn rejects_like_docker() {
        for (input, message) in [
            (
                "Alpine",
                "invalid reference format: repository name (library/Alpine) must be lowercase",
            ),
            ("alpine:", "invalid reference format"),
            ("alpine@sha256:abc", "invalid reference format"),
            ("-x", "invalid reference format"),
            ("", "invalid reference format"),
            (
                "Bad:Tag",
                "invalid reference format: repository name (library/Bad) must be lowercase",
            ),
        ] {
            assert_eq!(
                ImageRef::parse(input).unwrap_err().to_string(),
                message,
                "{input}"
            );
        }
    }
}
