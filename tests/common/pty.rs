//! The real `folio` binary in a pseudo-terminal, its screen parsed by vt100: what a person at a
//! terminal would see, and every byte folio wrote.

use std::io::{Read, Write};
use std::path::Path;
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
}

/// Everything read from the terminal, and the emulator it was fed to as it arrived (so a resize
/// applies to what comes after it, as in a real terminal).
struct Output {
    bytes: Vec<u8>,
    parser: vt100::Parser<Requests>,
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
        command.env("TERM", "xterm-256color");
        command.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(command).expect("spawn folio");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let output = Arc::new(Mutex::new(Output {
            bytes: Vec::new(),
            parser: vt100::Parser::new_with_callbacks(rows, cols, 0, Requests::default()),
        }));
        let sink = Arc::clone(&output);
        std::thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                let mut output = sink.lock().unwrap();
                output.bytes.extend_from_slice(&buffer[..n]);
                output.parser.process(&buffer[..n]);
            }
        });
        Pty {
            child,
            master: pair.master,
            writer,
            output,
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
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        self.output
            .lock()
            .unwrap()
            .parser
            .screen_mut()
            .set_size(rows, cols);
    }

    /// Waits for folio to exit and returns how it ended.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
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

    /// Sends `signal` (a name `kill` knows: TERM, INT, HUP) to folio.
    pub fn signal(&self, signal: &str) {
        let status = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.pid().to_string())
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
