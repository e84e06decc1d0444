//! `folio config`: the default file reads back as itself, the settings in force round-trip, each
//! mistake names its file, line and setting, and `--edit` makes the file and opens the editor.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;

use common::{folio, terminal_hazard};
use tempfile::TempDir;

fn run(config: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let output = folio(config).args(args).output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn the_default_file_is_accepted_as_it_is() {
    let config = TempDir::new().unwrap();
    let (code, default, _) = run(config.path(), &["config", "--default"]);
    assert_eq!(code, 0);
    // No file yet: the settings in force are the defaults, written the same way.
    assert_eq!(
        run(config.path(), &["config"]),
        (0, default.clone(), String::new())
    );
    fs::write(config.path().join("config.toml"), &default).unwrap();
    assert_eq!(run(config.path(), &["config"]), (0, default, String::new()));
}

#[test]
fn the_settings_in_force_round_trip() {
    let config = TempDir::new().unwrap();
    let file = config.path().join("config.toml");
    fs::write(
        &file,
        "theme = \"light\"\nwidth = 100\n[colors]\nheading = \"magenta\"\n\
         [keys]\nquit = [\"x\", \"ctrl-c\"]\n[keys.reader]\nnext_article = [\"J\"]\n",
    )
    .unwrap();
    let (code, written, errors) = run(config.path(), &["config"]);
    assert_eq!((code, errors.as_str()), (0, ""));
    assert!(written.contains("theme = \"light\"\n"), "{written}");
    assert!(written.contains("width = 100\n"), "{written}");
    assert!(written.contains("heading = \"Magenta\"\n"), "{written}");
    assert!(written.contains("quit = [\"x\", \"Ctrl-c\"]"), "{written}");
    assert!(written.contains("next_article = [\"J\"]"), "{written}");
    fs::write(&file, &written).unwrap();
    assert_eq!(run(config.path(), &["config"]), (0, written, String::new()));
}

#[test]
fn each_kind_of_mistake_names_the_file_line_and_setting() {
    let config = TempDir::new().unwrap();
    let file = config.path().join("config.toml");
    fs::write(
        &file,
        "colour = \"red\"\n[colors]\nheading = \"blurple\"\n[keys.reader]\nnext_article = [\"j\"]\n",
    )
    .unwrap();
    let (code, written, errors) = run(config.path(), &["config"]);
    assert_eq!(code, 2);
    let shown = file.display().to_string();
    let lines: Vec<&str> = errors.lines().collect();
    assert_eq!(lines.len(), 3, "{errors}");
    assert!(
        lines[0].starts_with(&format!("folio: {shown}:1: colour: not a setting")),
        "{errors}"
    );
    assert!(
        lines[1].starts_with(&format!("folio: {shown}:3: colors.heading: not a colour")),
        "{errors}"
    );
    assert!(
        lines[2].starts_with(&format!(
            "folio: {shown}:5: keys.reader.next_article: `j` already means scroll_down"
        )),
        "{errors}"
    );
    // What is in force is the defaults for every bad line.
    let (_, default, _) = run(config.path(), &["config", "--default"]);
    assert_eq!(written, default);

    fs::write(&file, "[keys\n").unwrap();
    let (code, _, errors) = run(config.path(), &["config"]);
    assert_eq!(code, 2);
    assert!(errors.contains(&format!("{shown}:1: ")), "{errors}");
    assert!(errors.contains("using the default settings"), "{errors}");
}

#[test]
fn mistakes_are_printed_safely() {
    let config = TempDir::new().unwrap();
    fs::write(
        config.path().join("config.toml"),
        "\"\\u001b]0;PWNED\\u0007\\u009b\" = 1\n[colors]\nlink = \"\\u001b[31m\"\n",
    )
    .unwrap();
    let output = folio(config.path()).arg("config").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(terminal_hazard(&output.stderr), None, "{output:?}");
    assert_eq!(terminal_hazard(&output.stdout), None, "{output:?}");
}

#[test]
fn edit_writes_the_defaults_then_opens_the_editor_and_checks_the_result() {
    let config = TempDir::new().unwrap();
    let bin = TempDir::new().unwrap();
    let editor = bin.path().join("editor");
    fs::write(
        &editor,
        "#!/bin/sh\nsed -i 's/^theme = \"dark\"/theme = \"light\"/' \"$1\"\n",
    )
    .unwrap();
    fs::set_permissions(&editor, fs::Permissions::from_mode(0o755)).unwrap();
    let output = folio(config.path())
        .args(["config", "--edit"])
        .env("VISUAL", &editor)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let (_, written, _) = run(config.path(), &["config"]);
    assert!(written.contains("theme = \"light\"\n"), "{written}");

    // An editor that leaves a mistake: folio says so and exits 2.
    fs::write(&editor, "#!/bin/sh\necho 'width = 9000' > \"$1\"\n").unwrap();
    let output = folio(config.path())
        .args(["config", "--edit"])
        .env_remove("VISUAL")
        .env("EDITOR", &editor)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains(":1: width: "));
}
