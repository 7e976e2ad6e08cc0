//! Signing keys: a secret URI (`//Alice`, a mnemonic, `0x…` seed) or a file holding one.

use crate::error::ClientError;
use iprchain_runtime::AccountId;
use sp_core::{crypto::Ss58Codec, sr25519, Pair};

/// An sr25519 key that signs transactions.
#[derive(Clone)]
pub struct Signer {
	pair: sr25519::Pair,
}

impl Signer {
	/// From a secret URI such as `//Alice`, or from a file containing one (first line).
	pub fn from_suri_or_file(suri: &str) -> Result<Self, ClientError> {
		let path = std::path::Path::new(suri);
		let secret = if !suri.starts_with("//") && path.is_file() {
			let text = std::fs::read_to_string(path)
				.map_err(|source| ClientError::Io { path: suri.to_string(), source })?;
			text.lines().next().unwrap_or_default().trim().to_string()
		} else {
			suri.to_string()
		};
		Self::from_suri(&secret)
	}

	/// From a secret URI.
	pub fn from_suri(suri: &str) -> Result<Self, ClientError> {
		let pair = sr25519::Pair::from_string(suri, None)
			.map_err(|e| ClientError::Input(format!("not a usable secret key URI: {e:?}")))?;
		Ok(Self { pair })
	}

	/// The account this key signs for.
	pub fn account(&self) -> AccountId {
		AccountId::from(self.pair.public())
	}

	/// The account in SS58 form.
	pub fn ss58(&self) -> String {
		self.account().to_ss58check()
	}

	/// Signs `message`.
	pub fn sign(&self, message: &[u8]) -> sr25519::Signature {
		self.pair.sign(message)
	}
}

/// Parses an SS58 address.
pub fn parse_account(text: &str) -> Result<AccountId, ClientError> {
	AccountId::from_ss58check(text)
		.map_err(|e| ClientError::Input(format!("`{text}` is not an SS58 address: {e:?}")))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn dev_uri_gives_alices_account() {
		let alice = Signer::from_suri_or_file("//Alice").unwrap();
		assert_eq!(alice.ss58(), "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
		assert!(Signer::from_suri("not a key uri !!").is_err());
		assert!(parse_account("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY").is_ok());
		assert!(parse_account("5Grwva").is_err());
	}

	#[test]
	fn key_file_is_read() {
		let dir = std::env::temp_dir().join(format!("iprchain-signer-{}", std::process::id()));
		std::fs::create_dir_all(&dir).unwrap();
		let file = dir.join("bob.key");
		std::fs::write(&file, "//Bob\n").unwrap();
		let bob = Signer::from_suri_or_file(file.to_str().unwrap()).unwrap();
		assert_eq!(bob.ss58(), Signer::from_suri("//Bob").unwrap().ss58());
		std::fs::remove_dir_all(dir).unwrap();
	}
}
