//! `folio man` and `folio completions`: the page renders with man(1) without a warning and says
//! every command and key; the bash script loads into bash and completes folio's commands.

mod common;

use std::process::{Command, Stdio};

use common::folio;
use folio::keymap::BINDINGS;
use tempfile::TempDir;

fn stdout_of(args: &[&str]) -> String {
    let config = TempDir::new().unwrap();
    let output = folio(config.path()).args(args).output().unwrap();
    assert!(output.status.success(), "{args:?}: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_man_page_renders_without_warnings_and_names_every_command_and_key() {
    let dir = TempDir::new().unwrap();
    let page = dir.path().join("folio.1");
    std::fs::write(&page, stdout_of(&["man"])).unwrap();

    // groff with every warning on, output discarded: what man(1) would complain of.
    let groff = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .arg(&page)
        .output()
        .expect("groff is part of man-db's dependencies");
    assert!(groff.status.success(), "{groff:?}");
    assert_eq!(String::from_utf8_lossy(&groff.stderr), "");

    let man = Command::new("man")
        .arg("-l")
        .arg(&page)
        .env("MANWIDTH", "100")
        .env("MAN_KEEP_FORMATTING", "0")
        .stdin(Stdio::null())
        .output()
        .expect("man(1) runs");
    assert!(man.status.success(), "{man:?}");
    assert_eq!(String::from_utf8_lossy(&man.stderr), "");
    let text = String::from_utf8(man.stdout).unwrap();
    // man may draw bold by overstriking; read the letters only.
    let text = strip_overstrike(&text);
    for heading in [
        "NAME",
        "SYNOPSIS",
        "OPTIONS",
        "COMMANDS",
        "KEYS",
        "FILES",
        "ENVIRONMENT",
        "EXIT STATUS",
    ] {
        assert!(
            text.contains(&format!("\n{heading}\n")),
            "no {heading}:\n{text}"
        );
    }
    for command in ["list", "show", "search", "bookmarks", "man", "completions"] {
        let synopsis = format!("folio {command}");
        assert!(
            text.lines()
                .map(str::trim)
                .any(|line| line == synopsis || line.starts_with(&format!("{synopsis} "))),
            "no synopsis of {command}:\n{text}"
        );
    }
    let squeezed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for binding in BINDINGS {
        assert!(
            squeezed.contains(binding.description),
            "the key for {:?} is missing",
            binding.description
        );
    }
    assert!(
        !text.contains("folio-list(1)"),
        "no pages that are not installed"
    );
}

fn strip_overstrike(text: &str) -> String {
    let mut out = String::new();
    for ch in text.chars() {
        if ch == '\u{8}' {
            out.pop();
        } else {
            out.push(ch);
        }
    }
    out
}

#[test]
fn the_bash_completion_loads_and_completes_the_commands() {
    let dir = TempDir::new().unwrap();
    let script = dir.path().join("folio.bash");
    std::fs::write(&script, stdout_of(&["completions", "bash"])).unwrap();
    // Load the script as bash-completion would, then ask it for the words after "folio s".
    let probe = format!(
        "set -e; source {}; COMP_WORDS=(folio s); COMP_CWORD=1; COMP_LINE='folio s'; \
         COMP_POINT=7; _folio folio s folio; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display()
    );
    let bash = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &probe])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(bash.status.success(), "{bash:?}");
    assert_eq!(String::from_utf8_lossy(&bash.stderr), "");
    let words = String::from_utf8(bash.stdout).unwrap();
    let words: Vec<&str> = words.lines().collect();
    assert!(words.contains(&"show"), "{words:?}");
    assert!(words.contains(&"search"), "{words:?}");
}

#[test]
fn zsh_and_fish_scripts_name_the_commands() {
    let zsh = stdout_of(&["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef folio"), "{zsh}");
    let fish = stdout_of(&["completions", "fish"]);
    assert!(fish.contains("complete -c folio"), "{fish}");
    for script in [&zsh, &fish] {
        assert!(script.contains("bookmarks") && script.contains("completions"));
    }
}

#[test]
fn an_unknown_shell_is_bad_usage() {
    let config = TempDir::new().unwrap();
    let output = folio(config.path())
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}
