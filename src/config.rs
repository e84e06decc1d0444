//! Where folio keeps its files: the config directory and the files inside it.
//!
//! Resolution order: `--config-dir`, then `FOLIO_CONFIG_DIR` (both arrive through clap), then the
//! platform's config directory from the `directories` crate (which honours XDG_CONFIG_HOME).

use std::path::{Path, PathBuf};

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
}

#[cfg(test)]
mod tests {
    use super::*;

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
