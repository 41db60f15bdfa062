//! The terminal between prompts: while a command runs or a container holds the terminal,
//! typing must not echo or raise SIGINT (Ctrl-C is docker's signal proxy here, not a way to
//! kill dockersim), and single keys (Ctrl-C, F2, Alt-2) are read as they come.
//!
//! rustyline owns the terminal during `readline`; this module owns it the rest of the time.

use std::time::Duration;

/// A key pressed while no line is being edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// Ctrl-C.
    Interrupt,
    /// Ctrl-D.
    EndOfFile,
    /// Enter.
    Enter,
    /// F1–F9 or Alt-1–Alt-9: bring terminal N (0-based) to the front.
    Switch(usize),
    /// Anything else (typed text goes nowhere while a container holds the terminal).
    Other,
}

/// Decodes the bytes read from the terminal into keys (xterm, rxvt and tmux sequences).
pub fn decode(bytes: &[u8]) -> Vec<Key> {
    let mut keys = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        let (key, used) = match rest {
            [0x03, ..] => (Key::Interrupt, 1),
            [0x04, ..] => (Key::EndOfFile, 1),
            [b'\r' | b'\n', ..] => (Key::Enter, 1),
            // F1–F4: ESC O P..S (xterm), ESC [ 1 1..4 ~ (rxvt).
            [0x1b, b'O', c @ b'P'..=b'S', ..] => (Key::Switch(usize::from(c - b'P')), 3),
            [0x1b, b'[', b'1', c @ b'1'..=b'4', b'~', ..] => {
                (Key::Switch(usize::from(c - b'1')), 5)
            }
            // F5–F9: ESC [ 15 ~, 17 ~, 18 ~, 19 ~, 20 ~.
            [0x1b, b'[', b'1', b'5', b'~', ..] => (Key::Switch(4), 5),
            [0x1b, b'[', b'1', c @ b'7'..=b'9', b'~', ..] => {
                (Key::Switch(usize::from(c - b'7') + 5), 5)
            }
            [0x1b, b'[', b'2', b'0', b'~', ..] => (Key::Switch(8), 5),
            // Alt-1..Alt-9: ESC digit.
            [0x1b, c @ b'1'..=b'9', ..] => (Key::Switch(usize::from(c - b'1')), 2),
            // Any other escape sequence: skip it whole.
            [0x1b, b'[' | b'O', ..] => {
                let end = rest[2..]
                    .iter()
                    .position(|b| (0x40..=0x7e).contains(b))
                    .map_or(rest.len(), |p| p + 3);
                (Key::Other, end)
            }
            _ => (Key::Other, 1),
        };
        keys.push(key);
        i += used.max(1);
    }
    keys
}

#[cfg(unix)]
mod imp {
    use super::{decode, Key};
    use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
    use nix::sys::termios::{self, LocalFlags, SetArg, SpecialCharacterIndices, Termios};
    use std::os::fd::AsFd;
    use std::os::fd::AsRawFd;
    use std::time::Duration;

    /// The terminal on standard input, with its settings from before dockersim touched it.
    pub struct Term {
        original: Termios,
    }

    /// While alive, the terminal does not echo, does not turn Ctrl-C into SIGINT and hands
    /// over each key at once. Dropping it restores the original settings.
    pub struct Quiet<'a> {
        term: &'a Term,
    }

    impl Term {
        /// `None` when standard input is not a terminal.
        pub fn open() -> Option<Term> {
            let original = termios::tcgetattr(std::io::stdin().as_fd()).ok()?;
            Some(Term { original })
        }

        /// Switches to quiet mode until the guard is dropped.
        pub fn quiet(&self) -> Quiet<'_> {
            let mut raw = self.original.clone();
            raw.local_flags.remove(
                LocalFlags::ISIG | LocalFlags::ICANON | LocalFlags::ECHO | LocalFlags::IEXTEN,
            );
            raw.control_chars[SpecialCharacterIndices::VMIN as usize] = 1;
            raw.control_chars[SpecialCharacterIndices::VTIME as usize] = 0;
            let _ = termios::tcsetattr(std::io::stdin().as_fd(), SetArg::TCSANOW, &raw);
            Quiet { term: self }
        }

        /// Puts the original settings back (also done by dropping a [`Quiet`]).
        pub fn restore(&self) {
            let _ = termios::tcsetattr(std::io::stdin().as_fd(), SetArg::TCSANOW, &self.original);
        }
    }

    impl Quiet<'_> {
        /// Keys pressed within `timeout` (empty when none).
        pub fn keys(&self, timeout: Duration) -> Vec<Key> {
            let stdin = std::io::stdin();
            let millis = u16::try_from(timeout.as_millis()).unwrap_or(u16::MAX);
            let mut fds = [PollFd::new(stdin.as_fd(), PollFlags::POLLIN)];
            match poll(&mut fds, PollTimeout::from(millis)) {
                Ok(n) if n > 0 => {}
                _ => return Vec::new(),
            }
            let mut buf = [0u8; 256];
            // Read the descriptor directly: std's buffered stdin would keep bytes that
            // rustyline, which also reads the descriptor, would then never see.
            match nix::unistd::read(stdin.as_raw_fd(), &mut buf) {
                Ok(n) if n > 0 => decode(&buf[..n]),
                Ok(_) => vec![Key::EndOfFile],
                Err(_) => Vec::new(),
            }
        }
    }

    /// Waits up to `timeout` for Ctrl-C on standard input (in quiet mode, while a command
    /// runs). Other keys pressed meanwhile are dropped: nothing would read them.
    pub fn interrupt_within(timeout: Duration) -> bool {
        let stdin = std::io::stdin();
        let millis = u16::try_from(timeout.as_millis()).unwrap_or(u16::MAX);
        let mut fds = [PollFd::new(stdin.as_fd(), PollFlags::POLLIN)];
        match poll(&mut fds, PollTimeout::from(millis)) {
            Ok(n) if n > 0 => {}
            _ => return false,
        }
        let mut buf = [0u8; 256];
        match nix::unistd::read(stdin.as_raw_fd(), &mut buf) {
            Ok(n) => decode(&buf[..n]).contains(&Key::Interrupt),
            Err(_) => false,
        }
    }

    impl Drop for Quiet<'_> {
        fn drop(&mut self) {
            self.term.restore();
        }
    }
}

#[cfg(not(unix))]
mod imp {
    use super::Key;
    use std::time::Duration;

    /// No raw terminal access on this platform: held terminals only wait.
    pub struct Term;

    /// A no-op guard.
    pub struct Quiet<'a> {
        _term: &'a Term,
    }

    impl Term {
        /// Not available here.
        pub fn open() -> Option<Term> {
            None
        }

        /// A no-op.
        pub fn quiet(&self) -> Quiet<'_> {
            Quiet { _term: self }
        }

        /// A no-op.
        pub fn restore(&self) {}
    }

    /// Sleeps; no keys are read.
    pub fn interrupt_within(timeout: Duration) -> bool {
        std::thread::sleep(timeout);
        false
    }

    impl Quiet<'_> {
        /// Sleeps; no keys are read.
        pub fn keys(&self, timeout: Duration) -> Vec<Key> {
            std::thread::sleep(timeout);
            Vec::new()
        }
    }
}

pub use imp::{interrupt_within, Quiet, Term};

/// How long one wait for keys lasts while a container holds the terminal: its output is
/// brought up to date this often.
pub const TICK: Duration = Duration::from_millis(100);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_from_common_terminals() {
        assert_eq!(decode(b"\x03"), vec![Key::Interrupt]);
        assert_eq!(decode(b"\x1bOQ"), vec![Key::Switch(1)]);
        assert_eq!(decode(b"\x1b[12~"), vec![Key::Switch(1)]);
        assert_eq!(decode(b"\x1b2"), vec![Key::Switch(1)]);
        assert_eq!(decode(b"\x1b[15~"), vec![Key::Switch(4)]);
        assert_eq!(decode(b"\x1b[20~"), vec![Key::Switch(8)]);
        assert_eq!(decode(b"ab\r"), vec![Key::Other, Key::Other, Key::Enter]);
        assert_eq!(decode(b"\x1b[A\x03"), vec![Key::Other, Key::Interrupt]);
    }
}
