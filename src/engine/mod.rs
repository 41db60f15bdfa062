//! The in-memory Docker daemon: images, containers, simulated programs, events. Pure.
//!
//! Time comes from an injected [`Clock`] and randomness from a seeded ChaCha8 generator; the
//! engine never reads the real clock, the environment, files or the terminal. Time is lazy:
//! every public call first settles what became due by "now" (a `sleep 5` container started
//! 6 s ago has exited, 5 s after its start).

pub mod catalog;
pub mod clock;
pub mod container;
pub mod error;
pub mod event;
pub mod filters;
pub mod fs;
pub mod image;
mod minishell;
pub mod names;
pub mod program;
pub mod reference;

pub mod containers;
pub mod images;

pub use clock::{Clock, VirtualClock, WaitReason};
pub use container::{Container, Status};
pub use error::EngineError;
pub use event::{Event, EventKind};
pub use image::{Image, ImageArchive, Tag};
pub use minishell::PromptShell;
pub use program::{Chunk, Stream};

use chrono::{DateTime, Utc};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Everything the daemon holds, cloneable so a lesson can undo a command.
#[derive(Clone, Debug, Default)]
pub struct State {
    /// Images by 64-hex ID.
    pub(crate) images: BTreeMap<String, Image>,
    /// Tag → image ID.
    pub(crate) tags: HashMap<Tag, String>,
    /// Containers by 64-hex ID (ordered, so prefixes are a range lookup).
    pub(crate) containers: BTreeMap<String, Container>,
    /// Name → container ID.
    pub(crate) names: HashMap<String, String>,
    /// Creation order → container ID.
    pub(crate) order: BTreeMap<u64, String>,
    /// Pending natural exits and restarts: (when, creation seq).
    pub(crate) timers: BTreeSet<(DateTime<Utc>, u64)>,
    /// Next creation sequence number.
    pub(crate) next_seq: u64,
    /// Host ports taken by running containers: (ip, port, proto) → container ID.
    pub(crate) ports: HashMap<(String, u16, String), String>,
    /// The log cap's bookkeeping, by container ID (only containers that have logged).
    pub(crate) log_books: HashMap<String, LogBook>,
}

/// How much of a container's log the cap has dropped, and about how big the rest is.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct LogBook {
    /// Entries dropped from the front so far: entry `i` of `Container::logs` is the
    /// `dropped + i`-th the container ever wrote.
    pub(crate) dropped: usize,
    /// Bytes of text pushed since the last trim, plus what was kept then (an upper bound:
    /// output cut off by a process's death is not subtracted).
    pub(crate) bytes: usize,
}

/// A container's log keeps at most this many entries (the oldest go first), like a log
/// driver with rotation: a restart loop over months or a chatty program stays bounded.
pub const MAX_LOG_ENTRIES: usize = 10_000;

/// A container's log keeps at most this many bytes of text (the oldest entries go first;
/// the newest entry is always kept).
pub const MAX_LOG_BYTES: usize = 2 << 20;

/// The engine keeps at most this many events nobody has taken (the oldest go first): the
/// narrator takes them after every line, but a library user or a script may never do.
pub const MAX_EVENTS: usize = 10_000;

/// The simulated daemon.
pub struct Engine {
    clock: Box<dyn Clock>,
    rng: ChaCha8Rng,
    state: State,
    events: std::collections::VecDeque<Event>,
    hub: catalog::Catalog,
    /// Containers removed a moment ago, with how many log entries the cap had dropped.
    recently_removed: std::collections::VecDeque<(Container, usize)>,
    /// Restart loops seen to repeat exactly, by container ID, so a long wait can skip
    /// their cycles arithmetically (see `Engine::fast_forward_restarts`). A cache only:
    /// emptied on `restore`.
    pub(crate) restart_loops: HashMap<String, containers::LoopCycle>,
}

/// A copy of the engine's state and random generator, for undo.
#[derive(Clone)]
pub struct Snapshot {
    state: State,
    rng: ChaCha8Rng,
}

impl Engine {
    /// An engine with an empty cache, the embedded hub, the given clock and seed.
    pub fn new(clock: Box<dyn Clock>, seed: u64) -> Engine {
        Engine {
            clock,
            rng: ChaCha8Rng::seed_from_u64(seed),
            state: State::default(),
            events: std::collections::VecDeque::new(),
            hub: catalog::hub().clone(),
            recently_removed: std::collections::VecDeque::new(),
            restart_loops: HashMap::new(),
        }
    }

    /// The script-mode engine: virtual clock at 2026-01-01 00:00:00 UTC.
    pub fn scripted(seed: u64) -> Engine {
        Engine::new(Box::new(VirtualClock::script_start()), seed)
    }

    /// Adds a teacher's or test's catalog to the simulated hub.
    pub fn extend_hub(&mut self, extra: catalog::Catalog) {
        self.hub.merge(extra);
    }

    /// The simulated hub.
    pub fn hub(&self) -> &catalog::Catalog {
        &self.hub
    }

    /// Engine time now (after settling due work).
    pub fn now(&mut self) -> DateTime<Utc> {
        self.settle();
        self.clock.now()
    }

    /// Lets time pass until `until` (the host's `sleep`), settling what falls due.
    pub fn wait_until(&mut self, until: DateTime<Utc>, why: &WaitReason) {
        self.clock.wait_until(until, why);
        self.settle();
    }

    /// Takes the events recorded since the last call (at most the last [`MAX_EVENTS`]).
    pub fn take_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events).into()
    }

    /// A copy of the state, for undo.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            state: self.state.clone(),
            rng: self.rng.clone(),
        }
    }

    /// Puts a snapshot back (the clock keeps running).
    pub fn restore(&mut self, snapshot: Snapshot) {
        self.state = snapshot.state;
        self.rng = snapshot.rng;
        self.restart_loops.clear();
    }

    /// A container removed a moment ago (`--rm`), so an attached client can still show its
    /// last output and exit code.
    pub fn recently_removed(&self, id: &str) -> Option<&Container> {
        self.recently_removed
            .iter()
            .find(|(c, _)| c.id == id)
            .map(|(c, _)| c)
    }

    /// How many entries the log cap has dropped from the front of a container's log (also
    /// of one removed a moment ago): entry `i` of `logs` is the `offset + i`-th the
    /// container ever wrote. Code that remembers how much of a log it has shown counts in
    /// these absolute positions.
    pub fn log_offset(&self, id: &str) -> usize {
        match self.state.log_books.get(id) {
            Some(book) => book.dropped,
            None => self
                .recently_removed
                .iter()
                .find(|(c, _)| c.id == id)
                .map_or(0, |(_, dropped)| *dropped),
        }
    }

    /// Read access to the state.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// Notes that the client sent the daemon a request (`docker ps` reached it), the first
    /// event of every command that gets past the client's own checks.
    pub fn receive_request(&mut self, command: &str) {
        self.emit(EventKind::RequestReceived {
            command: command.to_string(),
        });
    }

    fn emit(&mut self, kind: EventKind) {
        let time = self.clock.now();
        if self.events.len() >= MAX_EVENTS {
            self.events.pop_front();
        }
        self.events.push_back(Event { time, kind });
    }
}

impl State {
    /// All containers, newest first (the daemon's order).
    pub fn containers_newest_first(&self) -> impl Iterator<Item = &Container> {
        self.order
            .values()
            .rev()
            .filter_map(|id| self.containers.get(id))
    }

    /// Number of containers.
    pub fn container_count(&self) -> usize {
        self.containers.len()
    }

    /// A container by full ID.
    pub fn container(&self, id: &str) -> Option<&Container> {
        self.containers.get(id)
    }

    /// A container by exact name.
    pub fn container_by_name(&self, name: &str) -> Option<&Container> {
        self.names.get(name).and_then(|id| self.containers.get(id))
    }

    /// All images, newest build first, then by ID (the daemon's order).
    pub fn images_newest_first(&self) -> Vec<&Image> {
        let mut list: Vec<&Image> = self.images.values().collect();
        list.sort_by(|a, b| b.created.cmp(&a.created).then_with(|| a.id.cmp(&b.id)));
        list
    }

    /// An image by full 64-hex ID.
    pub fn image(&self, id: &str) -> Option<&Image> {
        self.images.get(id)
    }

    /// The image a tag points at.
    pub fn image_by_tag(&self, tag: &Tag) -> Option<&Image> {
        self.tags.get(tag).and_then(|id| self.images.get(id))
    }
}
