//! The operator guide's recipe for a bank reaching a node's RPC across the city, run as written: the
//! certificates from `scripts/rpc-tls-proxy/certs.sh`, Debian's nginx with
//! `scripts/rpc-tls-proxy/nginx-site.conf` on 127.0.0.1 in front of a real node, and curl as the bank.
//! A client without a certificate, or with one another CA signed, is refused; the bank's is answered,
//! over HTTP and as a WebSocket upgrade; the node behind still serves safe methods only.

use anyhow::{bail, ensure, Context, Result};
use iprchain_tests::{free_port, TempDir, TestNode};
use std::{
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

const STARTUP: Duration = Duration::from_secs(180);

#[tokio::test(flavor = "multi_thread")]
async fn a_bank_reaches_rpc_over_tls_only_with_a_client_certificate() -> Result<()> {
	let dir = TempDir::new("rpc-tls");
	let certs = dir.join("certs");
	let other = dir.join("other-ca");
	certs_sh(&["ca", path(&certs)])?;
	certs_sh(&["server", path(&certs), "127.0.0.1"])?;
	certs_sh(&["client", path(&certs), "bank-of-wuhan"])?;
	certs_sh(&["ca", path(&other)])?;
	certs_sh(&["client", path(&other), "stranger"])?;
	let again = run_certs_sh(&["ca", path(&certs)])?;
	ensure!(!again.status.success(), "certs.sh replaced an existing CA");

	let mut node = TestNode::spawn_dev()?;
	let _client = node.connect(STARTUP).await?;
	let proxy = Proxy::start(&dir, &certs, node.rpc_port)?;
	let url = format!("https://127.0.0.1:{}/", proxy.port);
	let ca = certs.join("ca.pem");
	let bank = identity(&certs, "bank-of-wuhan");
	let stranger = identity(&other, "stranger");
	let health = r#"{"jsonrpc":"2.0","id":1,"method":"system_health","params":[]}"#;

	let (status, body) = post(&url, &ca, &[], health)?;
	assert_eq!(status, 400, "no client certificate: {body}");
	assert!(body.contains("No required SSL certificate was sent"), "{body}");
	assert!(!body.contains("isSyncing"), "the node answered a client without a certificate");

	let (status, body) = post(&url, &ca, &stranger, health)?;
	assert_eq!(status, 400, "a certificate from another CA: {body}");
	assert!(body.contains("SSL certificate error"), "{body}");
	assert!(!body.contains("isSyncing"));

	let (status, body) = post(&url, &ca, &bank, health)?;
	assert_eq!(status, 200, "the bank's certificate: {body}");
	let answer: serde_json::Value = serde_json::from_str(&body).context("JSON-RPC answer")?;
	assert!(answer["result"]["isSyncing"].is_boolean(), "{answer}");

	// Behind the proxy the node still serves safe methods only.
	let rotate = r#"{"jsonrpc":"2.0","id":2,"method":"author_rotateKeys","params":[]}"#;
	let (status, body) = post(&url, &ca, &bank, rotate)?;
	assert_eq!(status, 200, "{body}");
	assert!(body.contains("unsafe to be called externally"), "author_rotateKeys through the proxy: {body}");

	// Plain HTTP to the TLS port is refused.
	let (status, body) =
		curl(&["-d", health, "-H", "Content-Type: application/json", &url.replace("https", "http")])?;
	assert_eq!(status, 400, "{body}");
	assert!(body.contains("plain HTTP request was sent to HTTPS port"), "{body}");

	// Subscriptions: the WebSocket upgrade passes for the bank, not for a client without a certificate.
	assert!(websocket_upgrade(&url, &ca, &bank)?.starts_with("HTTP/1.1 101"), "the bank's upgrade");
	let refused = websocket_upgrade(&url, &ca, &[])?;
	assert!(refused.starts_with("HTTP/1.1 400"), "an upgrade without a certificate: {refused}");
	Ok(())
}

/// nginx on 127.0.0.1 with the recipe's site file, stopped on drop.
struct Proxy {
	child: Child,
	port: u16,
	error_log: PathBuf,
}

impl Proxy {
	fn start(dir: &TempDir, certs: &Path, node_rpc_port: u16) -> Result<Self> {
		let port = free_port();
		let site = std::fs::read_to_string(repo().join("scripts/rpc-tls-proxy/nginx-site.conf"))?
			.replace("@LISTEN@", &format!("127.0.0.1:{port}"))
			.replace("@NODE_RPC@", &format!("127.0.0.1:{node_rpc_port}"))
			.replace("@CERTS@", path(certs));
		let prefix = dir.join("nginx");
		std::fs::create_dir_all(&prefix)?;
		std::fs::write(prefix.join("iprchain-rpc.conf"), site)?;
		// The smallest main configuration around the site file: everything in the test's directory.
		let p = path(&prefix);
		let main = format!(
			"daemon off;\npid {p}/nginx.pid;\nerror_log {p}/error.log;\nevents {{}}\nhttp {{\n\
			 \taccess_log {p}/access.log;\n\tclient_body_temp_path {p}/body;\n\tproxy_temp_path {p}/proxy;\n\
			 \tfastcgi_temp_path {p}/fastcgi;\n\tuwsgi_temp_path {p}/uwsgi;\n\tscgi_temp_path {p}/scgi;\n\
			 \tinclude {p}/iprchain-rpc.conf;\n}}\n"
		);
		std::fs::write(prefix.join("nginx.conf"), main)?;
		let nginx = ["/usr/sbin/nginx", "nginx"]
			.into_iter()
			.find(|candidate| Command::new(candidate).arg("-v").output().is_ok())
			.context("nginx is not installed: run scripts/setup.sh")?;
		let error_log = prefix.join("error.log");
		let child = Command::new(nginx)
			.args(["-p", p, "-c", &format!("{p}/nginx.conf"), "-e", path(&error_log)])
			.stdout(Stdio::null())
			.stderr(Stdio::null())
			.spawn()
			.context("starting nginx")?;
		let mut proxy = Proxy { child, port, error_log };
		let deadline = Instant::now() + Duration::from_secs(20);
		while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
			if let Some(status) = proxy.child.try_wait()? {
				bail!("nginx exited ({status}): {}", proxy.errors());
			}
			ensure!(Instant::now() < deadline, "nginx not listening after 20 s: {}", proxy.errors());
			std::thread::sleep(Duration::from_millis(100));
		}
		Ok(proxy)
	}

	fn errors(&self) -> String {
		std::fs::read_to_string(&self.error_log).unwrap_or_default()
	}
}

impl Drop for Proxy {
	fn drop(&mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
	}
}

/// curl with `args`, bounded to 20 s; the HTTP status and the body.
fn curl(args: &[&str]) -> Result<(u16, String)> {
	let output = Command::new("curl")
		.args(["-s", "--max-time", "20", "-w", "\n%{http_code}"])
		.args(args)
		.output()
		.context("curl is not installed: run scripts/setup.sh")?;
	let text = String::from_utf8_lossy(&output.stdout).into_owned();
	let (body, status) = text.rsplit_once('\n').context("curl printed no status")?;
	let status = status.trim().parse().with_context(|| format!("curl status {status:?}"))?;
	ensure!(status != 0, "curl could not connect (exit {:?}): {body}", output.status.code());
	Ok((status, body.to_string()))
}

/// A JSON-RPC request over HTTPS, trusting `ca` for the proxy's certificate, with `identity` flags.
fn post(url: &str, ca: &Path, identity: &[String], body: &str) -> Result<(u16, String)> {
	let mut args = vec!["--cacert", path(ca), "-H", "Content-Type: application/json", "-d", body];
	args.extend(identity.iter().map(String::as_str));
	args.push(url);
	curl(&args)
}

/// The first line of the proxy's answer to a WebSocket upgrade request.
fn websocket_upgrade(url: &str, ca: &Path, identity: &[String]) -> Result<String> {
	// An upgraded connection stays open: curl is cut after 3 s and what it printed is read.
	let output = Command::new("curl")
		.args(["-s", "-i", "-N", "--http1.1", "--max-time", "3", "--cacert", path(ca)])
		.args(["-H", "Connection: Upgrade", "-H", "Upgrade: websocket", "-H", "Sec-WebSocket-Version: 13"])
		.args(["-H", "Sec-WebSocket-Key: aXByY2hhaW4tdGxzLXRlc3Q="])
		.args(identity)
		.arg(url)
		.output()?;
	Ok(String::from_utf8_lossy(&output.stdout).lines().next().unwrap_or_default().to_string())
}

fn certs_sh(args: &[&str]) -> Result<()> {
	let output = run_certs_sh(args)?;
	ensure!(output.status.success(), "certs.sh {args:?}: {}", String::from_utf8_lossy(&output.stderr));
	Ok(())
}

fn run_certs_sh(args: &[&str]) -> Result<std::process::Output> {
	Ok(Command::new(repo().join("scripts/rpc-tls-proxy/certs.sh")).args(args).output()?)
}

fn repo() -> PathBuf {
	Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn path(path: &Path) -> &str {
	path.to_str().expect("test paths are UTF-8")
}

/// curl's flags presenting the client certificate `name` of `dir`.
fn identity(dir: &Path, name: &str) -> Vec<String> {
	let file = |extension: &str| path(&dir.join(format!("{name}.{extension}"))).to_string();
	vec!["--cert".into(), file("pem"), "--key".into(), file("key")]
}
