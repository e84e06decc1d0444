//! `folio config`: print the settings in force or the default file, or edit config.toml and
//! check it. Mistakes go to stderr, one line each with the file, line and setting.

use std::path::Path;
use std::process::Command;

use super::{EXIT_ERROR, EXIT_OK};
use crate::config::{self, Paths, template};
use crate::output;
use crate::sanitize::sanitize_line;
use crate::store;

pub fn run(config_dir: Option<&Path>, default: bool, edit: bool) -> u8 {
    if default {
        output::stdout(&template::default_file());
        return EXIT_OK;
    }
    if edit {
        return run_editor(config_dir);
    }
    let (settings, mistakes) = config::load_settings(config_dir);
    output::stdout(&template::render(&settings));
    report(&mistakes)
}

/// Each mistake on stderr; `EXIT_ERROR` when there was any.
fn report(mistakes: &[String]) -> u8 {
    for mistake in mistakes {
        output::message(mistake);
    }
    if mistakes.is_empty() {
        EXIT_OK
    } else {
        EXIT_ERROR
    }
}

/// Opens config.toml in the person's editor, writing the default file first when there is none
/// (atomically, like every file folio writes), then checks what was saved.
fn run_editor(config_dir: Option<&Path>) -> u8 {
    let Some(paths) = Paths::resolve(config_dir) else {
        output::message("no home folder to keep config.toml in; use --config-dir DIR");
        return EXIT_ERROR;
    };
    let file = paths.config_file();
    let shown = sanitize_line(&file.display().to_string());
    if !file.exists() {
        let written = std::fs::create_dir_all(&paths.config_dir)
            .map_err(|e| e.to_string())
            .and_then(|()| {
                store::write_atomically(&file, template::default_file().as_bytes())
                    .map_err(|e| e.to_string())
            });
        if let Err(error) = written {
            output::message(format!("cannot write {shown}: {}", sanitize_line(&error)));
            return EXIT_ERROR;
        }
    }
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|e| !e.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|e| !e.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".to_owned());
    // "code --wait" and the like: the editor's own words, then the file.
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi");
    match Command::new(program).args(words).arg(&file).status() {
        Ok(status) if status.success() => {
            let (_, mistakes) = config::load_settings(config_dir);
            report(&mistakes)
        }
        Ok(status) => {
            output::message(format!(
                "the editor ({}) ended with {status}",
                sanitize_line(&editor)
            ));
            EXIT_ERROR
        }
        Err(error) => {
            output::message(format!(
                "cannot start the editor {}: {error}",
                sanitize_line(&editor)
            ));
            EXIT_ERROR
        }
    }
}
