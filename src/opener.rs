//! Opening a link: with the platform's opener (`xdg-open`, macOS's `open`) when the person sits
//! at this machine's display, or else by copying the address to the clipboard of the terminal
//! they sit at (OSC 52, which reaches them over SSH too).
//!
//! The choice is pure (`way`, given the environment); `start` is the only code in the reader that
//! starts a process. Only web and mail addresses are handed to the opener: anything else (a
//! relative path, `ftp:`, a made-up scheme) could mean something else to it, and is copied. So
//! is `file:`: a page nobody checked could point the opener at a file it would run (a
//! `.desktop` launcher, a script), and the person pressing `o` sees only the link's text.

use std::ffi::OsString;
use std::io;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};

/// What to do with an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Way {
    /// Start this program with the address.
    Open(&'static str),
    /// Copy the address instead, for this reason (said in the status bar).
    Copy(&'static str),
}

/// How to open `address`, given the environment (`env` reads a variable).
pub fn way(address: &str, env: impl Fn(&str) -> Option<OsString>) -> Way {
    let set = |name: &str| env(name).is_some_and(|value| !value.is_empty());
    let scheme = address
        .split_once(':')
        .map(|(scheme, _)| scheme.to_ascii_lowercase());
    if !matches!(scheme.as_deref(), Some("http" | "https" | "mailto")) {
        return Way::Copy("not a web or mail address");
    }
    // A browser started on the remote machine would open where nobody is looking.
    if set("SSH_CONNECTION") || set("SSH_TTY") {
        return Way::Copy("over SSH");
    }
    if cfg!(target_os = "macos") {
        Way::Open("open")
    } else if set("DISPLAY") || set("WAYLAND_DISPLAY") {
        Way::Open("xdg-open")
    } else {
        Way::Copy("no display to open it on")
    }
}

/// Starts `program` with `address`, detached: no terminal input or output (it would draw over the
/// reader), its own process group (Ctrl-C in the reader must not reach it), reaped by a thread.
pub fn start(program: &str, address: &str) -> io::Result<()> {
    let mut child = Command::new(program)
        .arg(address)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()?;
    std::thread::spawn(move || child.wait());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name| {
            vars.iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    const OPENER: &str = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };

    #[test]
    fn a_local_display_opens_web_and_mail_addresses() {
        let desktop = env(&[("DISPLAY", ":0")]);
        for address in [
            "https://a.example/",
            "HTTP://a.example/",
            "mailto:b@example.org",
        ] {
            assert_eq!(way(address, &desktop), Way::Open(OPENER), "{address}");
        }
        assert_eq!(
            way(
                "https://a.example/",
                env(&[("WAYLAND_DISPLAY", "wayland-0")])
            ),
            Way::Open(OPENER)
        );
    }

    #[test]
    fn other_addresses_are_copied_even_with_a_display() {
        let desktop = env(&[("DISPLAY", ":0")]);
        for address in [
            "/about",
            "ftp://a.example/",
            "-e",
            "javascript:x",
            "",
            "file:///home/a/Downloads/run-me.desktop",
        ] {
            assert!(
                matches!(way(address, &desktop), Way::Copy(_)),
                "{address:?}"
            );
        }
    }

    #[test]
    fn over_ssh_or_without_a_display_the_address_is_copied() {
        let over_ssh = env(&[
            ("DISPLAY", ":0"),
            ("SSH_CONNECTION", "10.0.0.1 22 10.0.0.2 22"),
        ]);
        assert_eq!(way("https://a.example/", over_ssh), Way::Copy("over SSH"));
        let tty = env(&[("DISPLAY", ":0"), ("SSH_TTY", "/dev/pts/1")]);
        assert_eq!(way("https://a.example/", tty), Way::Copy("over SSH"));
        if !cfg!(target_os = "macos") {
            assert!(matches!(
                way("https://a.example/", env(&[("DISPLAY", "")])),
                Way::Copy(_)
            ));
        }
    }
}
