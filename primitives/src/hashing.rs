//! The two digest algorithms a deposit may use: SHA-256 and the Chinese national standard SM3.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sha2::Digest as _;

/// A 32-byte content digest (both supported algorithms produce 32 bytes).
pub type Digest = [u8; 32];

/// Hash algorithm of a deposited digest. Part of the record key: the same bytes under two algorithms
/// are two different records.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "lowercase"))]
pub enum HashAlgo {
	/// SHA-256 (FIPS 180-4).
	Sha256,
	/// SM3 (GB/T 32905-2016).
	Sm3,
}

impl HashAlgo {
	/// Digest of `data` under this algorithm.
	pub fn digest(self, data: &[u8]) -> Digest {
		self.digest_parts(&[data])
	}

	/// Digest of the concatenation of `parts`, without allocating the concatenation.
	pub fn digest_parts(self, parts: &[&[u8]]) -> Digest {
		match self {
			HashAlgo::Sha256 => {
				let mut hasher = sha2::Sha256::new();
				for part in parts {
					hasher.update(part);
				}
				hasher.finalize().into()
			}
			HashAlgo::Sm3 => {
				let mut hasher = sm3::Sm3::new();
				for part in parts {
					hasher.update(part);
				}
				hasher.finalize().into()
			}
		}
	}

	/// Lower-case name, as used on the command line and in JSON-RPC.
	pub fn name(self) -> &'static str {
		match self {
			HashAlgo::Sha256 => "sha256",
			HashAlgo::Sm3 => "sm3",
		}
	}

	/// Parses `sha256` or `sm3` (case-insensitive).
	pub fn from_name(name: &str) -> Option<Self> {
		if name.eq_ignore_ascii_case("sha256") || name.eq_ignore_ascii_case("sha-256") {
			Some(HashAlgo::Sha256)
		} else if name.eq_ignore_ascii_case("sm3") {
			Some(HashAlgo::Sm3)
		} else {
			None
		}
	}
}

/// A streaming hasher for either algorithm, for files too large to hold in memory.
pub enum StreamHasher {
	/// SHA-256 state.
	Sha256(sha2::Sha256),
	/// SM3 state.
	Sm3(sm3::Sm3),
}

impl StreamHasher {
	/// A fresh hasher for `algo`.
	pub fn new(algo: HashAlgo) -> Self {
		match algo {
			HashAlgo::Sha256 => StreamHasher::Sha256(sha2::Sha256::new()),
			HashAlgo::Sm3 => StreamHasher::Sm3(sm3::Sm3::new()),
		}
	}

	/// Feeds more bytes.
	pub fn update(&mut self, data: &[u8]) {
		match self {
			StreamHasher::Sha256(h) => h.update(data),
			StreamHasher::Sm3(h) => h.update(data),
		}
	}

	/// The digest of everything fed so far.
	pub fn finalize(self) -> Digest {
		match self {
			StreamHasher::Sha256(h) => h.finalize().into(),
			StreamHasher::Sm3(h) => h.finalize().into(),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn known_answers() {
		// FIPS 180-2 and GB/T 32905 test vectors for "abc".
		assert_eq!(
			hex::encode(HashAlgo::Sha256.digest(b"abc")),
			"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
		);
		assert_eq!(
			hex::encode(HashAlgo::Sm3.digest(b"abc")),
			"66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
		);
	}

	#[test]
	fn parts_and_stream_match_one_shot() {
		for algo in [HashAlgo::Sha256, HashAlgo::Sm3] {
			let whole = algo.digest(b"hello world");
			assert_eq!(algo.digest_parts(&[b"hello", b" ", b"world"]), whole);
			let mut stream = StreamHasher::new(algo);
			stream.update(b"hello ");
			stream.update(b"world");
			assert_eq!(stream.finalize(), whole);
		}
	}

	#[test]
	fn names_round_trip() {
		for algo in [HashAlgo::Sha256, HashAlgo::Sm3] {
			assert_eq!(HashAlgo::from_name(algo.name()), Some(algo));
		}
		assert_eq!(HashAlgo::from_name("SM3"), Some(HashAlgo::Sm3));
		assert_eq!(HashAlgo::from_name("md5"), None);
	}
}
