//! Where folio keeps its files: the config directory and the files inside it.
//!
//! Resolution order: `--config-dir`, then `FOLIO_CONFIG_DIR` (both arrive through clap), then the
//! platform's config directory from the `directories` crate (which honours XDG_CONFIG_HOME).

pub mod file;
pub mod names;
pub mod template;

use std::path::{Path, PathBuf};

pub use file::{ConfigError, Settings};

/// The files folio keeps for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub config_dir: PathBuf,
}

impl Paths {
    /// Uses `explicit` when given, the platform's config dir otherwise; `None` when the platform
    /// has no home directory to put one in.
    pub fn resolve(explicit: Option<&Path>) -> Option<Paths> {
        let config_dir = match explicit {
            Some(dir) => dir.to_owned(),
            None => directories::ProjectDirs::from("", "", "folio")?
                .config_dir()
                .to_owned(),
        };
        Some(Paths { config_dir })
    }

    /// Passage bookmarks and their notes.
    pub fn bookmarks(&self) -> PathBuf {
        self.config_dir.join("bookmarks.json")
    }

    /// Reading positions and the last open article.
    pub fn state(&self) -> PathBuf {
        self.config_dir.join("state.json")
    }

    /// The person's settings: theme, colours, width, mouse, library, keys.
    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.toml")
    }
}

/// Reads config.toml in `config_dir` (the platform's config folder when `None`): the settings,
/// and every mistake in it as a line for the person ("…/config.toml:7: keys.reader.quit: …").
/// No file is no mistake: the defaults.
pub fn load_settings(config_dir: Option<&Path>) -> (Settings, Vec<String>) {
    let Some(file) = Paths::resolve(config_dir).map(|p| p.config_file()) else {
        return (Settings::default(), Vec::new());
    };
    let shown = crate::sanitize::sanitize_line(&file.display().to_string());
    match std::fs::read(&file) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => {
                let (settings, errors) = file::parse(&text);
                let lines = errors
                    .iter()
                    .map(|e| crate::sanitize::sanitize_line(&e.describe(&shown)))
                    .collect();
                (settings, lines)
            }
            Err(_) => (
                Settings::default(),
                vec![format!(
                    "{shown}: not UTF-8 text; using the default settings"
                )],
            ),
        },
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            (Settings::default(), Vec::new())
        }
        Err(error) => (
            Settings::default(),
            vec![format!(
                "{shown}: cannot be read ({error}); using the default settings"
            )],
        ),
    }
}

/// The library folder config.toml names, if it names one (a mistake in the file names none:
/// the interface and `folio config` report mistakes; the other commands stay quiet about them).
pub fn library_dir(config_dir: Option<&Path>) -> Option<PathBuf> {
    let (settings, _) = load_settings(config_dir);
    let home = directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_owned());
    expand_home(settings.library.as_deref()?, home.as_deref())
}

/// `dir` with a leading `~/` read as the home folder; `None` for `~/` with no home folder.
fn expand_home(dir: &str, home: Option<&Path>) -> Option<PathBuf> {
    match dir.strip_prefix("~/") {
        Some(rest) => Some(home?.join(rest)),
        None => Some(PathBuf::from(dir)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_library_from_home_is_found_there() {
        let home = Path::new("/home/ada");
        assert_eq!(
            expand_home("~/articles/saved", Some(home)),
            Some(PathBuf::from("/home/ada/articles/saved"))
        );
        assert_eq!(
            expand_home("/srv/articles", Some(home)),
            Some(PathBuf::from("/srv/articles"))
        );
        assert_eq!(expand_home("~/articles", None), None);
    }

    #[test]
    fn an_explicit_dir_wins() {
        let paths = Paths::resolve(Some(Path::new("/tmp/folio-test"))).unwrap();
        assert_eq!(
            paths.bookmarks(),
            Path::new("/tmp/folio-test/bookmarks.json")
        );
        assert_eq!(paths.state(), Path::new("/tmp/folio-test/state.json"));
    }
}
