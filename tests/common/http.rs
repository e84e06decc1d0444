//! A web server on 127.0.0.1 for the tests of `folio add` and imports: a thread with std's
//! TcpListener answering each path as the test says. Never the internet.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How the server answers one path.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A status, a Content-Type (none when empty) and a body.
    Page {
        status: u16,
        content_type: &'static str,
        body: Vec<u8>,
    },
    /// 302 to this location.
    Redirect(String),
    /// Accepts the request and never answers.
    Hang,
    /// An HTML body of `bytes`, streamed in chunks (never held in memory), with a Content-Length
    /// or, when `declared` is false, ending only when the connection closes.
    Huge { bytes: u64, declared: bool },
}

impl Reply {
    pub fn html(body: &str) -> Reply {
        Reply::Page {
            status: 200,
            content_type: "text/html; charset=utf-8",
            body: body.as_bytes().to_vec(),
        }
    }
}

pub struct Server {
    /// `http://127.0.0.1:PORT`
    pub base: String,
    /// The request lines and headers received, one string per request.
    pub requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

/// Starts a server answering each request path with `route(path)`.
pub fn serve(route: impl Fn(&str) -> Reply + Send + Sync + 'static) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
    let base = format!("http://{}", listener.local_addr().unwrap());
    let requests = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&requests);
    let route = Arc::new(route);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let route = Arc::clone(&route);
            let seen = Arc::clone(&seen);
            std::thread::spawn(move || answer(stream, &*route, &seen));
        }
    });
    Server { base, requests }
}

fn answer(stream: TcpStream, route: &dyn Fn(&str) -> Reply, seen: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        request.push_str(&line);
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
    seen.lock().unwrap().push(request);
    let mut out = stream;
    let _ = match route(&path) {
        Reply::Page {
            status,
            content_type,
            body,
        } => {
            let mut head = format!(
                "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            if !content_type.is_empty() {
                head.push_str(&format!("Content-Type: {content_type}\r\n"));
            }
            head.push_str("\r\n");
            out.write_all(head.as_bytes())
                .and_then(|()| out.write_all(&body))
        }
        Reply::Redirect(location) => out.write_all(
            format!(
                "HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )
            .as_bytes(),
        ),
        Reply::Hang => {
            std::thread::sleep(Duration::from_secs(60));
            Ok(())
        }
        Reply::Huge { bytes, declared } => {
            let length = if declared {
                format!("Content-Length: {bytes}\r\n")
            } else {
                String::new()
            };
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n{length}Connection: close\r\n\r\n<html><body><p>"
            );
            let chunk = vec![b'a'; 64 * 1024];
            let mut sent = 0u64;
            let mut result = out.write_all(head.as_bytes());
            // Stops when the client hangs up, as it should once past its limit.
            while result.is_ok() && sent < bytes {
                result = out.write_all(&chunk);
                sent += chunk.len() as u64;
            }
            result
        }
    };
    let _ = out.flush();
}
