//! The daemon's errors; `Display` is the daemon's exact text (the CLI adds
//! `Error response from daemon: ` where docker does).

use thiserror::Error;

/// An error answered by the simulated daemon.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum EngineError {
    /// No container matches.
    #[error("No such container: {0}")]
    NoSuchContainer(String),
    /// A prefix matches several containers.
    #[error("multiple IDs found with provided prefix: {0}")]
    AmbiguousPrefix(String),
    /// An empty reference.
    #[error("invalid name or ID supplied: \"\"")]
    EmptyReference,
    /// No image matches (`nope:latest`, with the default tag added).
    #[error("No such image: {0}")]
    NoSuchImage(String),
    /// The hub has no such repository.
    #[error("pull access denied for {0}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied")]
    PullAccessDenied(String),
    /// The hub's repository has no such tag.
    #[error("manifest for {0} not found: manifest unknown: manifest unknown")]
    ManifestUnknown(String),
    /// The name is taken.
    #[error("Conflict. The container name \"/{name}\" is already in use by container \"{id}\". You have to remove (or rename) that container to be able to reuse that name.")]
    NameInUse {
        /// The name without slash.
        name: String,
        /// The holder's 64-hex ID.
        id: String,
    },
    /// The name does not match `[a-zA-Z0-9][a-zA-Z0-9_.-]+`.
    #[error("Invalid container name ({0}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed")]
    InvalidName(String),
    /// Starting the process failed; the text is runc's.
    #[error("failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: {message}: unknown")]
    StartFailed {
        /// The cause (`exec: "ls": executable file not found in $PATH`).
        message: String,
        /// 127 or 126.
        exit_code: i32,
    },
    /// A host port is taken by another container.
    #[error("driver failed programming external connectivity on endpoint {name} ({endpoint}): Bind for {host}:{port} failed: port is already allocated")]
    PortAllocated {
        /// Container name.
        name: String,
        /// Endpoint ID (64 hex).
        endpoint: String,
        /// Host IP.
        host: String,
        /// Host port.
        port: u16,
    },
    /// The daemon could not parse an image reference (`rmi Bad`): the parser's text, e.g.
    /// `invalid reference format: repository name (library/Bad) must be lowercase`.
    #[error("{0}")]
    InvalidReference(String),
    /// `save` of a `name:tag` that no image has (the reference store's
    /// `ErrDoesNotExist`, moby reference/store.go).
    #[error("reference does not exist")]
    ReferenceDoesNotExist,
    /// `start` on a paused container.
    #[error("cannot start a paused container, try unpause instead")]
    StartPaused,
    /// A state that does not allow the operation, with docker's exact text.
    #[error("{0}")]
    Conflict(String),
    /// The container is not running (`exec`, `kill`, `pause`…); the text varies per command.
    #[error("{0}")]
    NotRunning(String),
    /// Something dockersim does not emulate (Korean message).
    #[error("{0}")]
    NotEmulated(String),
}

impl EngineError {
    /// The exit code of a failed start (127 not found, 126 not executable), if this is one.
    pub fn start_exit_code(&self) -> Option<i32> {
        match self {
            EngineError::StartFailed { exit_code, .. } => Some(*exit_code),
            _ => None,
        }
    }
}
