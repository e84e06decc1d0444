//! The real `folio` binary in a pseudo-terminal, its screen parsed by vt100: what a person at a
//! terminal would see, and every byte folio wrote.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// Long enough for a loaded CI machine; only a hang ever waits this long.
pub const PATIENCE: Duration = Duration::from_secs(20);

pub struct Pty {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    output: Arc<Mutex<Output>>,
    /// Tells the reading thread to let go of its end of the terminal.
    stop_reading: Arc<AtomicBool>,
    reading: Option<std::thread::JoinHandle<()>>,
}

/// Everything read from the terminal, and the emulator it was fed to as it arrived (so a resize
/// applies to what comes after it, as in a real terminal).
struct Output {
    bytes: Vec<u8>,
    parser: vt100::Parser<Requests>,
    /// The pty reached end of file: every byte folio wrote has been read.
    closed: bool,
}

/// What folio asked of the terminal beyond drawing cells: none of it should ever come from a
/// file's content. vt100 reports these through callbacks rather than on its `Screen`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Requests {
    /// Window titles set (OSC 0 and 2).
    pub titles: Vec<Vec<u8>>,
    /// Icon names set (OSC 0 and 1).
    pub icon_names: Vec<Vec<u8>>,
    /// Clipboard writes (OSC 52), base64 as sent.
    pub clipboard: Vec<Vec<u8>>,
    /// Bells rung (BEL outside a sequence).
    pub bells: usize,
}

impl vt100::Callbacks for Requests {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }

    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }

    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.icon_names.push(name.to_vec());
    }

    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.clipboard.push(data.to_vec());
    }
}

impl Pty {
    /// Starts `folio ARGS` in a `cols` x `rows` terminal with its own config dir.
    pub fn spawn(config: &Path, args: &[&str], cols: u16, rows: u16) -> Pty {
        Pty::spawn_with_env(config, args, &[], cols, rows)
    }

    /// `spawn`, with extra environment variables.
    pub fn spawn_with_env(
        config: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Pty {
        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pair = native_pty_system().openpty(size).expect("open a pty");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_folio"));
        command.args(args);
        command.env("FOLIO_CONFIG_DIR", config);
        command.env("FOLIO_LIBRARY", config.join("library"));
        command.env("FOLIO_CACHE_DIR", config.join("cache"));
        for proxy in ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"] {
            command.env_remove(proxy);
            command.env_remove(proxy.to_lowercase());
        }
        command.env("TERM", "xterm-256color");
        command.env_remove("NO_COLOR");
        for (name, value) in env {
            command.env(name, value);
        }
        let child = pair.slave.spawn_command(command).expect("spawn folio");
        drop(pair.slave);
        let mut reader = nonblocking_reader(&*pair.master);
        let writer = pair.master.take_writer().expect("pty writer");
        let output = Arc::new(Mutex::new(Output {
            bytes: Vec::new(),
            parser: vt100::Parser::new_with_callbacks(rows, cols, 0, Requests::default()),
            closed: false,
        }));
        let sink = Arc::clone(&output);
        let stop_reading = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&stop_reading);
        let reading = std::thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            loop {
                match reader.read(&mut buffer) {
                    Ok(0) => break,
                    Ok(n) => {
                        let mut output = sink.lock().unwrap();
                        output.bytes.extend_from_slice(&buffer[..n]);
                        output.parser.process(&buffer[..n]);
                    }
                    Err(error) if error.kind() == std::io::ErrorKind::WouldBlock => {
                        if stop.load(Ordering::Relaxed) {
                            break;
                        }
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    // EIO: folio exited and its end of the terminal closed.
                    Err(_) => break,
                }
            }
            sink.lock().unwrap().closed = true;
        });
        Pty {
            child,
            master: pair.master,
            writer,
            output,
            stop_reading,
            reading: Some(reading),
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// Types `keys` (raw bytes: "\r" is Enter, "\x1b" Esc).
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Every byte folio has written so far.
    pub fn output(&self) -> Vec<u8> {
        self.output.lock().unwrap().bytes.clone()
    }

    /// The terminal as a person sees it now.
    pub fn terminal(&self) -> vt100::Screen {
        self.output.lock().unwrap().parser.screen().clone()
    }

    /// What folio has asked of the terminal besides drawing: titles, clipboard, bells.
    pub fn requests(&self) -> Requests {
        self.output.lock().unwrap().parser.callbacks().clone()
    }

    pub fn screen(&self) -> String {
        self.terminal().contents()
    }

    /// Waits until `predicate` holds for the screen; panics with the screen if it never does.
    pub fn wait_until(&self, what: &str, predicate: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if predicate(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "gave up waiting for {what}; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(text, |screen| screen.contains(text))
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        // The emulator changes size first, holding the lock, so folio's redraw for the new size
        // cannot be parsed at the old one.
        let mut output = self.output.lock().unwrap();
        output.parser.screen_mut().set_size(rows, cols);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    /// Waits for folio to exit and for the last of its output to be read; returns how it ended.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap()
                && self.output.lock().unwrap().closed
            {
                return status;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "folio did not exit; the screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends `signal` (`libc::SIGTERM`, `SIGINT`, `SIGHUP`) to folio.
    pub fn signal(&self, signal: libc::c_int) {
        let pid = libc::pid_t::try_from(self.pid()).expect("a pid");
        // SAFETY: kill(2) with a live child's pid and a valid signal number touches no memory.
        let sent = unsafe { libc::kill(pid, signal) };
        assert_eq!(sent, 0, "kill: {}", std::io::Error::last_os_error());
    }
}

impl Pty {
    /// Whether the terminal is in raw mode (no line editing, no echo), as folio sets it while its
    /// screen is up; cooked when a shell has it.
    pub fn raw_mode(&self) -> bool {
        let fd = self.master.as_raw_fd().expect("the pty's descriptor");
        // SAFETY: a zeroed termios is a valid value to fill; tcgetattr writes only into it.
        let mut termios: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: `fd` is the live master of this pty; `termios` is a valid, owned struct.
        let read = unsafe { libc::tcgetattr(fd, &mut termios) };
        assert_eq!(read, 0, "tcgetattr: {}", std::io::Error::last_os_error());
        termios.c_lflag & (libc::ICANON | libc::ECHO) == 0
    }

    /// Closes the terminal from the other end, as a dropped SSH connection does: every handle on
    /// the controlling side is let go, the reading thread's included.
    pub fn hang_up(&mut self) {
        self.stop_reading.store(true, Ordering::Relaxed);
        if let Some(reading) = self.reading.take() {
            reading.join().unwrap();
        }
        let (_, sink) = std::io::pipe().expect("a pipe");
        drop(std::mem::replace(&mut self.writer, Box::new(sink)));
        let closed = native_pty_system()
            .openpty(PtySize::default())
            .expect("a spare pty")
            .master;
        drop(std::mem::replace(&mut self.master, closed));
    }
}

/// A non-blocking handle on the controlling side of the terminal, so the reading thread can be
/// told to stop (a blocking read would hold the terminal open for ever).
fn nonblocking_reader(master: &dyn MasterPty) -> std::fs::File {
    use std::os::fd::{BorrowedFd, FromRawFd, IntoRawFd};
    let raw = master.as_raw_fd().expect("the pty's descriptor");
    // SAFETY: `raw` belongs to `master`, which outlives this call; it is only duplicated here.
    let duplicate = unsafe { BorrowedFd::borrow_raw(raw) }
        .try_clone_to_owned()
        .expect("dup the pty");
    let fd = duplicate.into_raw_fd();
    // SAFETY: fcntl on a descriptor this function owns, with valid flag arguments.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        assert!(flags >= 0 && libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK) == 0);
    }
    // SAFETY: `fd` was just made by `into_raw_fd` and nothing else owns it.
    unsafe { std::fs::File::from_raw_fd(fd) }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
