//! Entering and leaving the full-screen terminal, and everything that must undo it: quit, panic,
//! signals, suspend.
//!
//! This module and `app` are the only ones that draw on the terminal (messages and command
//! output go through `output`). Every mode folio turns on here is turned off by `leave`, which is
//! safe to call more than once.

use std::io::{self, Stdout, Write, stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::cursor::Show;
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;

pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// Whether mouse capture is on, so `leave` (also from the panic hook) knows to turn it off.
static MOUSE_CAPTURED: AtomicBool = AtomicBool::new(false);

/// Whether bracketed paste is on: `ratatui::restore` does not undo it, so `leave` does.
static PASTE_BRACKETED: AtomicBool = AtomicBool::new(false);

/// Raw mode, the alternate screen, bracketed paste (a paste arrives as one text, not as keys
/// that would run commands), and mouse capture when asked for.
pub fn enter(mouse: bool) -> io::Result<Tui> {
    enter_modes(mouse)?;
    Terminal::new(CrosstermBackend::new(stdout()))
}

fn enter_modes(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    let mut out = stdout();
    execute!(out, EnterAlternateScreen)?;
    execute!(out, EnableBracketedPaste)?;
    PASTE_BRACKETED.store(true, Ordering::SeqCst);
    if mouse {
        execute!(out, EnableMouseCapture)?;
        MOUSE_CAPTURED.store(true, Ordering::SeqCst);
    }
    Ok(())
}

/// Puts the terminal back as folio found it: mouse capture and bracketed paste off, main screen, cursor shown, cooked
/// mode. Errors are ignored: there is nothing better to do with them on the way out.
pub fn leave() {
    let mut out = stdout();
    if MOUSE_CAPTURED.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    if PASTE_BRACKETED.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, DisableBracketedPaste);
    }
    let _ = execute!(out, LeaveAlternateScreen, Show);
    let _ = out.flush();
    let _ = disable_raw_mode();
}

/// `leave`, but giving up after `limit`: after a hangup the terminal may be gone or stalled, and a
/// person's state must not wait on it.
pub fn leave_within(limit: Duration) {
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        leave();
        let _ = done.send(());
    });
    let _ = finished.recv_timeout(limit);
}

/// Restores the terminal before the panic message is printed, so the message is readable and the
/// shell usable. Chains to the hook that was installed before.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave();
        previous(info);
    }));
}

/// Stops folio like a shell's Ctrl-Z would (raw mode turns Ctrl-Z into a key, so folio does it
/// itself, and a SIGTSTP from outside is caught to come here): the terminal is restored first and
/// taken back when the shell continues folio.
pub fn suspend(terminal: &mut Tui, mouse: bool) -> io::Result<()> {
    leave();
    // SIGTSTP is caught (to come here), so raising it would only come back: this stops the
    // process with SIGSTOP, as SIGTSTP's default action would.
    #[cfg(unix)]
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
    // Execution continues here after `fg`.
    enter_modes(mouse)?;
    // A full redraw. Not `Terminal::clear`: it asks the terminal for the cursor position, and the
    // answer would wait behind the input thread's blocking read until the next key press.
    let size = terminal.size()?;
    terminal.resize(Rect::new(0, 0, size.width, size.height))
}
