//! The interactive loop: terminal events and signals in, `State::update`, effects carried out,
//! one frame drawn per batch of input.
//!
//! Input and signals arrive on one channel from two small threads, so the loop sleeps until there
//! is something to do (no polling, but for a retry every 250 ms while a bookmark change waits for
//! another folio's lock: `waiting`) and drains everything pending before it draws: holding a key
//! never builds a backlog of frames. Every signal that would end the process is caught and ends
//! the loop, so positions are saved and the terminal restored; SIGTSTP is a Ctrl-Z.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::time::Duration;

use crossterm::event::{Event, MouseButton, MouseEventKind};
use ratatui::layout::Rect;

mod adding;
mod stores;
mod waiting;

use stores::Stores;
use waiting::Waiting;

use crate::action::Action;
use crate::article::Article;
use crate::bookmarks::BookmarkStore;
use crate::corpus;
use crate::library::Library;
use crate::opener::{self, Way};
use crate::output;
use crate::positions::{self, PositionStore};
use crate::state::{Effect, Sort, State};
use crate::store::{Patience, StoreError};
use crate::terminal::{self, Tui};
use crate::ui::{self, Theme};

/// What wakes the loop.
enum Message {
    Input(Event),
    /// Articles from the background load.
    Loaded(corpus::LoadEvent),
    /// The page asked for with `a`, saved, or why not.
    Added(Box<Result<Article, String>>),
    /// Reading the terminal failed: it is gone (a dropped SSH connection without SIGHUP).
    InputClosed,
    Signal(i32),
}

/// How the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Exit {
    Quit,
    /// Killed by this signal: the exit code is 128 + signal, as a shell reports it.
    Signal(i32),
    /// The terminal went away.
    Hangup,
    /// Loading finished and there was nothing to read.
    NothingToRead,
}

/// Options for the interface from the command line.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    pub mouse: bool,
    /// `--config-dir` or FOLIO_CONFIG_DIR; the platform's config dir when `None`.
    pub config_dir: Option<PathBuf>,
    /// Where pages added with `a` are saved; `None` when there is nowhere to put them.
    pub library: Option<Library>,
    /// The cache of parsed articles the list fills from; `None` with `--no-cache`.
    pub cache: Option<crate::cache::Cache>,
}

/// Runs the interface until the person quits; returns the process exit code.
pub fn run(options: &Options) -> u8 {
    let (settings, config_mistakes) = crate::config::load_settings(options.config_dir.as_deref());
    let mouse = options.mouse || settings.mouse;
    let mut stores = Stores::open(options.config_dir.as_deref());
    let (sender, receiver) = mpsc::channel();
    if let Err(error) = spawn_signal_thread(sender.clone()) {
        output::message(format!("cannot watch for signals: {error}"));
        return crate::cli::EXIT_ERROR;
    }
    terminal::install_panic_hook();
    // Never dropped: ratatui's Terminal shows the cursor when dropped and reports a failure with
    // `eprintln!`, which panics when stderr is a terminal that went away, and a panic in a
    // destructor aborts. `terminal::leave` shows the cursor on every way out instead.
    let mut tui = match terminal::enter(mouse) {
        Ok(tui) => std::mem::ManuallyDrop::new(tui),
        Err(error) => {
            terminal::leave();
            output::message(format!("cannot set up the terminal: {error}"));
            return crate::cli::EXIT_ERROR;
        }
    };
    spawn_input_thread(sender.clone());
    // The first frame comes before any article is read; the list fills as they load.
    let loader = sender.clone();
    corpus::load_in_background(options.paths.clone(), options.cache.clone(), move |event| {
        loader.send(Message::Loaded(event)).is_ok()
    });
    let size = tui.size().map_or(Rect::new(0, 0, 80, 24), |s| {
        Rect::new(0, 0, s.width, s.height)
    });
    let mut state = stores.initial_state(Vec::new(), size);
    state.start_loading();
    state.keymap = settings.keymap;
    state.hyperlinks = settings.hyperlinks;
    if let Some(width) = settings.width {
        state.set_initial_column(width);
    }
    if let Some(sort) = settings.sort {
        state.set_initial_sort(sort);
    }
    if let Some(group) = settings.group {
        state.set_initial_grouping(group);
    }
    if !config_mistakes.is_empty() {
        // A standing error, like an unreadable state file: seen until Esc.
        let mistakes = config_mistakes.join("; ");
        state.notice = Some(match state.notice.take() {
            Some(notice) => format!("{notice}; {mistakes}"),
            None => mistakes,
        });
    }
    let theme = Theme::new(settings.theme, &settings.colors);
    let mut session = Session {
        tui: &mut tui,
        state: &mut state,
        store: stores.positions.as_mut(),
        bookmarks: stores.bookmarks.as_mut(),
        theme: &theme,
        mouse,
        skipped: Vec::new(),
        library: options.library.clone(),
        sender,
        stop_adding: None,
        waiting: Waiting::default(),
    };
    session.set_patience(waiting::FIRST_TRY);
    let exit = session.event_loop(&receiver);
    let skipped = std::mem::take(&mut session.skipped);
    // Saved before the terminal is touched: after a hangup, restoring it may not finish.
    let not_saved = session.save_at_exit();
    match exit {
        Exit::Hangup => terminal::leave_within(Duration::from_millis(200)),
        Exit::Quit | Exit::Signal(_) | Exit::NothingToRead => terminal::leave(),
    }
    for message in &not_saved {
        output::message(message);
    }
    for mistake in &config_mistakes {
        output::message(mistake);
    }
    let not_saved = !not_saved.is_empty();
    report_skipped(&skipped);
    match exit {
        Exit::NothingToRead => {
            output::message("no articles to read; `folio --help` says what folio reads");
            crate::cli::EXIT_NOTHING
        }
        // Like any other failure to save: a script must not read it as success.
        Exit::Quit if not_saved => crate::cli::EXIT_ERROR,
        Exit::Quit => crate::cli::EXIT_OK,
        Exit::Signal(signal) => u8::try_from(128 + signal).unwrap_or(u8::MAX),
        Exit::Hangup => 129,
    }
}

/// What the loop works with.
struct Session<'a> {
    tui: &'a mut Tui,
    state: &'a mut State,
    store: Option<&'a mut PositionStore>,
    bookmarks: Option<&'a mut BookmarkStore>,
    theme: &'a Theme,
    mouse: bool,
    /// Files the load passed over, reported when folio exits.
    skipped: Vec<corpus::Skipped>,
    library: Option<Library>,
    /// For the threads that add pages to report back.
    sender: Sender<Message>,
    /// Set to stop the page being added from being saved.
    stop_adding: Option<Arc<AtomicBool>>,
    /// Bookmark changes kept until another folio lets go of the lock.
    waiting: Waiting,
}

impl Session<'_> {
    fn event_loop(&mut self, receiver: &Receiver<Message>) -> Exit {
        loop {
            let (state, theme) = (&*self.state, self.theme);
            if self
                .tui
                .draw(|frame| ui::render(frame, state, theme))
                .is_err()
            {
                return Exit::Hangup;
            }
            // While a search across the articles, or the count of a search in a large article, is
            // under way, it gets a bounded step whenever no input is waiting, so a key is never
            // kept waiting by it.
            let first = if self.state.search_pending() {
                match receiver.try_recv() {
                    Ok(message) => message,
                    Err(TryRecvError::Empty) => {
                        self.state.update(Action::SearchStep);
                        continue;
                    }
                    Err(TryRecvError::Disconnected) => return Exit::Hangup,
                }
            } else if !self.waiting.is_empty() {
                match receiver.recv_timeout(waiting::RETRY_EVERY) {
                    Ok(message) => message,
                    Err(RecvTimeoutError::Timeout) => {
                        self.retry_waiting();
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => return Exit::Hangup,
                }
            } else {
                let Ok(message) = receiver.recv() else {
                    return Exit::Hangup;
                };
                message
            };
            let mut effects = Vec::new();
            for message in std::iter::once(first).chain(receiver.try_iter()) {
                match message {
                    Message::Input(Event::Paste(text)) => self.state.paste(&text),
                    Message::Input(event) => {
                        if let Some(action) = action_for(self.state, &event, self.mouse)
                            && let Some(effect) = self.state.update(action)
                        {
                            effects.push(effect);
                        }
                    }
                    Message::Loaded(event) => {
                        if self.take_loaded(event) {
                            return Exit::NothingToRead;
                        }
                    }
                    Message::Added(result) => self.state.page_added(*result),
                    Message::InputClosed => return Exit::Hangup,
                    Message::Signal(signal) if signal == signal_hook::consts::SIGHUP => {
                        return Exit::Hangup;
                    }
                    // A stop from outside (`kill -TSTP`, a supervisor) is a Ctrl-Z.
                    Message::Signal(signal) if signal == signal_hook::consts::SIGTSTP => {
                        effects.push(Effect::Suspend);
                    }
                    Message::Signal(signal) => return Exit::Signal(signal),
                }
            }
            for effect in effects {
                match effect {
                    Effect::Quit => return Exit::Quit,
                    Effect::Suspend => {
                        if terminal::suspend(self.tui, self.mouse).is_err() {
                            return Exit::Hangup;
                        }
                    }
                    Effect::SavePositions => {
                        if let Err(message) = self.save_positions() {
                            self.state.notice = Some(message);
                        }
                    }
                    Effect::Copy(text) => {
                        self.copy(&text);
                    }
                    Effect::OpenLink(address) => self.open_link(&address),
                    Effect::AddPage(url) => self.add_page(url),
                    Effect::StopAdding => {
                        if let Some(stop) = self.stop_adding.take() {
                            stop.store(true, Ordering::SeqCst);
                        }
                    }
                    Effect::ReadOriginal { id } => self.read_original(&id),
                    bookmark_change => self.change_bookmarks(bookmark_change),
                }
            }
        }
    }

    /// Takes in what the background load sent; true when it finished with nothing to read.
    fn take_loaded(&mut self, event: corpus::LoadEvent) -> bool {
        match event {
            corpus::LoadEvent::Found { files, skipped } => {
                self.state.files_found(files);
                self.skipped.extend(skipped);
            }
            corpus::LoadEvent::Batch {
                articles,
                skipped,
                files,
                blocks_later,
            } => {
                self.state.add_articles(articles, files, &blocks_later);
                self.skipped.extend(skipped);
            }
            corpus::LoadEvent::Blocks { first, blocks } => self.state.fill_blocks(first, blocks),
            corpus::LoadEvent::Done => {
                self.state.finish_loading();
                if self.state.articles.is_empty() {
                    return true;
                }
                if self.state.message.is_none() {
                    self.state.message = skipped_summary(&self.skipped);
                }
            }
        }
        false
    }

    /// Adds, edits, removes or restores a bookmark, at once and on disk, and shows the result.
    /// While earlier changes wait for another folio's lock, this one waits behind them.
    fn change_bookmarks(&mut self, effect: Effect) {
        if self.waiting.is_empty() {
            self.try_bookmark_change(effect);
        } else {
            self.waiting.push(effect);
            self.state.message =
                Some("waiting for another folio to finish saving; your change is kept".to_owned());
        }
    }

    /// Tries the changes kept for later, oldest first, until one still has to wait.
    fn retry_waiting(&mut self) {
        while let Some(effect) = self.waiting.take_first() {
            if !self.try_bookmark_change(effect) {
                return;
            }
        }
    }

    /// Saves one bookmark change and shows the result; false when another folio holds the lock,
    /// and the change is kept to be tried again.
    fn try_bookmark_change(&mut self, effect: Effect) -> bool {
        let Some(store) = self.bookmarks.as_deref_mut() else {
            return true;
        };
        let done = match &effect {
            Effect::AddBookmark(new) => store.add(new).map(|_| "bookmark saved"),
            Effect::UpdateNote { id, note } => store.update_note(id, note).map(|()| "note saved"),
            Effect::RemoveBookmark { id } => store
                .remove(id)
                .map(|_| "bookmark deleted (B, then u, brings it back)"),
            Effect::RestoreBookmark(bookmark) => store
                .restore(bookmark.clone())
                .map(|()| "bookmark restored"),
            _ => return true,
        };
        let saved = !matches!(done, Err(StoreError::Busy { .. }));
        match done {
            Ok(message) => self.state.message = Some(message.to_owned()),
            Err(error @ StoreError::Busy { .. }) => {
                self.state.message = Some(format!(
                    "waiting for another folio ({error}); your change is kept and saved when it \
                     lets go"
                ));
            }
            // A standing error: it stays above the status bar until Esc.
            Err(error) => self.state.notice = Some(format!("not saved: {error}")),
        }
        self.state.bookmarking_off = store.disabled_reason().map(str::to_owned);
        self.state.set_bookmarks(store.bookmarks().to_vec());
        if !saved {
            self.waiting.put_back(effect);
        }
        saved
    }

    /// The last saves, on the way out, each waiting a little longer for another folio's lock:
    /// reading positions, then bookmark changes still waiting. Returns a message for each thing
    /// that could not be saved.
    fn save_at_exit(&mut self) -> Vec<String> {
        self.set_patience(waiting::AT_EXIT);
        let mut not_saved: Vec<String> = self.save_positions().err().into_iter().collect();
        self.retry_waiting();
        not_saved.extend(
            self.waiting
                .not_saved()
                .into_iter()
                .map(|change| format!("not saved (another folio held the lock): {change}")),
        );
        not_saved
    }

    /// How long a save waits for another folio's lock (see `waiting`).
    fn set_patience(&mut self, patience: Patience) {
        if let Some(store) = self.store.as_deref_mut() {
            store.set_patience(patience);
        }
        if let Some(store) = self.bookmarks.as_deref_mut() {
            store.set_patience(patience);
        }
    }

    /// Reads the file article `id` was made from again, for the raw view.
    fn read_original(&mut self, id: &str) {
        let Some(index) = self.state.article_ids.get(id, &self.state.articles) else {
            return;
        };
        let read = corpus::read_original(&self.state.articles[index]);
        self.state.original_read(id, read);
    }

    /// Starts fetching and saving `url` in the background; the result arrives as a message.
    fn add_page(&mut self, url: String) {
        let Some(library) = self.library.clone() else {
            self.state
                .page_added(Err("there is no library folder (see --library)".to_owned()));
            return;
        };
        let stop = Arc::new(AtomicBool::new(false));
        self.stop_adding = Some(Arc::clone(&stop));
        let sender = self.sender.clone();
        adding::spawn(library, url, stop, move |result| {
            let _ = sender.send(Message::Added(Box::new(result)));
        });
    }

    /// Puts `text` on the clipboard of the terminal the person sits at, over SSH too (OSC 52).
    /// The text travels base64-encoded, so nothing in it can act as a control sequence.
    /// Returns whether it was written.
    fn copy(&mut self, text: &str) -> bool {
        let copy = crossterm::clipboard::CopyToClipboard::to_clipboard_from(text.as_bytes());
        let written = crossterm::execute!(std::io::stdout(), copy);
        let done = written.is_ok();
        self.state.message = Some(match written {
            Ok(()) => format!(
                "copied {} characters (over tmux: set -g set-clipboard on)",
                text.chars().count()
            ),
            Err(error) => format!("could not copy: {error}"),
        });
        done
    }

    /// Opens `address` with the platform's opener, or copies it when that would not reach the
    /// person (see `opener`).
    fn open_link(&mut self, address: &str) {
        let why = match opener::way(address, |name| std::env::var_os(name)) {
            Way::Open(program) => match opener::start(program, address) {
                Ok(()) => {
                    self.state.message = Some(format!("opening {address}"));
                    return;
                }
                Err(error) => format!("{program} could not start: {error}"),
            },
            Way::Copy(why) => why.to_owned(),
        };
        if self.copy(address) {
            self.state.message = Some(format!("copied the link ({why}): {address}"));
        }
    }

    /// Writes the reading positions that changed, and which article is open.
    fn save_positions(&mut self) -> Result<(), String> {
        let Some(store) = self.store.as_deref_mut() else {
            return Ok(());
        };
        if store.disabled_reason().is_some() {
            // Said once at start; repeating it on every article switch would bury everything else.
            return Ok(());
        }
        self.state.remember_position();
        for (id, position) in &self.state.positions {
            let unchanged = store.get(id).is_some_and(|saved| {
                (saved.block, saved.offset, saved.percent, saved.mark)
                    == (
                        position.block,
                        position.offset,
                        position.percent,
                        position.mark,
                    )
            });
            if !unchanged {
                let mut saved =
                    positions::Position::now(position.block, position.offset, position.percent);
                saved.mark = position.mark;
                store.set(id, saved);
            }
        }
        if self.state.engaged {
            store.set_last_open(self.state.open_article().map(|a| a.id.as_str()));
        }
        // The default is not written down, so a later folio's default still applies.
        if self.state.column != crate::screen::COLUMN_DEFAULT || store.column().is_some() {
            store.set_column(self.state.column);
        }
        if self.state.sort != Sort::default() || store.sort().is_some() {
            store.set_sort(self.state.sort.name());
        }
        store
            .save()
            .map_err(|error| format!("reading positions not saved: {error}"))
    }
}

/// Fault injection for the tests, in debug builds only: `FOLIO_PANIC_ON_KEY=x` makes the key `x`
/// panic inside the loop, so a test can check the terminal is restored and the message readable.
#[cfg(debug_assertions)]
fn panic_if_asked(event: &Event) {
    if let (Event::Key(key), Some(wanted)) = (event, std::env::var_os("FOLIO_PANIC_ON_KEY"))
        && key.code
            == crossterm::event::KeyCode::Char(
                wanted.to_string_lossy().chars().next().unwrap_or('\0'),
            )
    {
        panic!("a panic asked for by FOLIO_PANIC_ON_KEY");
    }
}

/// The action a terminal event stands for, if any.
fn action_for(state: &State, event: &Event, mouse: bool) -> Option<Action> {
    #[cfg(debug_assertions)]
    panic_if_asked(event);
    match event {
        Event::Key(key) => state.keymap.resolve(state.context(), key),
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        Event::Mouse(event) if mouse => match event.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Action::Wheel {
                column: event.column,
                row: event.row,
                down: event.kind == MouseEventKind::ScrollDown,
            }),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: event.column,
                row: event.row,
            }),
            _ => None,
        },
        _ => None,
    }
}

fn spawn_input_thread(sender: Sender<Message>) {
    std::thread::spawn(move || {
        loop {
            let message = match crossterm::event::read() {
                Ok(event) => Message::Input(event),
                Err(_) => Message::InputClosed,
            };
            let closed = matches!(message, Message::InputClosed);
            if sender.send(message).is_err() || closed {
                return;
            }
        }
    });
}

/// The signals that end a process by default and can be caught (the faults a program cannot
/// recover from, and SIGPIPE, which Rust ignores, aside). They skip destructors and the panic
/// hook, so they are caught and handled like a quit: positions saved, terminal restored.
const ENDING_SIGNALS: &[i32] = {
    use signal_hook::consts::signal::*;
    &[
        SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU,
        SIGXFSZ, SIGIO,
    ]
};

/// Turns `ENDING_SIGNALS` and SIGTSTP (a stop from outside, handled like Ctrl-Z) into messages.
fn spawn_signal_thread(sender: Sender<Message>) -> std::io::Result<()> {
    let watched = ENDING_SIGNALS
        .iter()
        .copied()
        .chain([signal_hook::consts::SIGTSTP]);
    let mut signals = signal_hook::iterator::Signals::new(watched)?;
    std::thread::spawn(move || {
        for signal in signals.forever() {
            if sender.send(Message::Signal(signal)).is_err() {
                return;
            }
        }
    });
    Ok(())
}

/// "2 files skipped: a.bin (binary file), …" for the status bar.
fn skipped_summary(skipped: &[corpus::Skipped]) -> Option<String> {
    let first = skipped.first()?;
    let more = match skipped.len() {
        1 => String::new(),
        n => format!(" and {} more (listed on exit)", n - 1),
    };
    Some(format!("skipped {} ({}){more}", first.path, first.reason))
}

fn report_skipped(skipped: &[corpus::Skipped]) {
    for skip in skipped {
        output::message(skip);
    }
}
