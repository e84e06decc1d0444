//! The interactive loop: terminal events and signals in, `State::update`, effects carried out,
//! one frame drawn per batch of input.
//!
//! Input and signals arrive on one channel from two small threads, so the loop sleeps until there
//! is something to do (no polling) and drains everything pending before it draws: holding a key
//! never builds a backlog of frames.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use crossterm::event::{Event, MouseButton, MouseEventKind};
use ratatui::layout::Rect;

use crate::action::Action;
use crate::corpus;
use crate::keymap;
use crate::state::{Effect, State};
use crate::terminal::{self, Tui};
use crate::ui::{self, Theme};

/// What wakes the loop.
enum Message {
    Input(Event),
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
}

/// Options for the interface from the command line.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    pub mouse: bool,
}

/// Runs the interface until the person quits; returns the process exit code.
pub fn run(options: &Options) -> u8 {
    let corpus = corpus::load(&options.paths);
    let skipped = corpus.skipped.clone();
    if corpus.articles.is_empty() {
        report_skipped(&skipped);
        eprintln!("folio: no articles to read; `folio --help` says what folio reads");
        return crate::cli::EXIT_NOTHING;
    }
    let (sender, receiver) = mpsc::channel();
    if let Err(error) = spawn_signal_thread(sender.clone()) {
        eprintln!("folio: cannot watch for signals: {error}");
        return crate::cli::EXIT_ERROR;
    }
    terminal::install_panic_hook();
    let mut tui = match terminal::enter(options.mouse) {
        Ok(tui) => tui,
        Err(error) => {
            terminal::leave();
            eprintln!("folio: cannot set up the terminal: {error}");
            return crate::cli::EXIT_ERROR;
        }
    };
    spawn_input_thread(sender);
    let size = tui.size().map_or(Rect::new(0, 0, 80, 24), |s| {
        Rect::new(0, 0, s.width, s.height)
    });
    let mut state = State::new(corpus.articles, size, HashMap::new(), None);
    state.message = skipped_summary(&skipped);
    let theme = Theme::from_env();
    let exit = event_loop(&mut tui, &mut state, &theme, &receiver, options.mouse);
    match exit {
        Exit::Hangup => terminal::leave_within(Duration::from_millis(200)),
        Exit::Quit | Exit::Signal(_) => terminal::leave(),
    }
    report_skipped(&skipped);
    match exit {
        Exit::Quit => crate::cli::EXIT_OK,
        Exit::Signal(signal) => u8::try_from(128 + signal).unwrap_or(u8::MAX),
        Exit::Hangup => 129,
    }
}

fn event_loop(
    tui: &mut Tui,
    state: &mut State,
    theme: &Theme,
    receiver: &Receiver<Message>,
    mouse: bool,
) -> Exit {
    loop {
        if tui.draw(|frame| ui::render(frame, state, theme)).is_err() {
            return Exit::Hangup;
        }
        let Ok(first) = receiver.recv() else {
            return Exit::Hangup;
        };
        let mut effects = Vec::new();
        for message in std::iter::once(first).chain(receiver.try_iter()) {
            match message {
                Message::Input(event) => {
                    if let Some(action) = action_for(state, &event, mouse)
                        && let Some(effect) = state.update(action)
                    {
                        effects.push(effect);
                    }
                }
                Message::InputClosed => return Exit::Hangup,
                Message::Signal(signal) => {
                    state.remember_position();
                    return if signal == signal_hook::consts::SIGHUP {
                        Exit::Hangup
                    } else {
                        Exit::Signal(signal)
                    };
                }
            }
        }
        for effect in effects {
            match effect {
                Effect::Quit => return Exit::Quit,
                Effect::Suspend => {
                    if terminal::suspend(tui, mouse).is_err() {
                        return Exit::Hangup;
                    }
                }
                Effect::SavePositions => {}
            }
        }
    }
}

/// The action a terminal event stands for, if any.
fn action_for(state: &State, event: &Event, mouse: bool) -> Option<Action> {
    match event {
        Event::Key(key) => keymap::resolve(state.context(), key),
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

/// SIGTERM, SIGINT and SIGHUP skip destructors and the panic hook, so they are turned into
/// messages and handled like a quit: position saved, terminal restored.
fn spawn_signal_thread(sender: Sender<Message>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP])?;
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
        eprintln!("folio: {skip}");
    }
}
