//! The in-memory Docker daemon: images, containers, simulated programs, events. Pure.
