//! Evidence records (存证/取证) and batch anchors as they are stored on chain.

use crate::hashing::Digest;
use bounded_collections::{BoundedVec, ConstU32};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Longest title a deposit may carry, in bytes of UTF-8.
pub const MAX_TITLE_LEN: u32 = 128;
/// Longest capture source URL, in bytes.
pub const MAX_URL_LEN: u32 = 512;

/// A title as stored.
pub type BoundedTitle = BoundedVec<u8, ConstU32<MAX_TITLE_LEN>>;
/// A capture source URL as stored.
pub type BoundedUrl = BoundedVec<u8, ConstU32<MAX_URL_LEN>>;

/// What a deposited file is evidence of.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "kebab-case"))]
pub enum EvidenceKind {
	/// A work of authorship (作品): text, artwork, photo, software.
	Copyright,
	/// A trademark design or its use.
	Trademark,
	/// A patent application, drawing or technical disclosure.
	Patent,
	/// A trade secret, deposited by digest only.
	TradeSecret,
	/// A data asset or a data product.
	Data,
	/// A contract, licence or agreement.
	Contract,
	/// Captured evidence of an infringement (取证).
	Infringement,
	/// Anything else.
	Other,
}

impl EvidenceKind {
	/// All kinds, in declaration order.
	pub const ALL: [EvidenceKind; 8] = [
		EvidenceKind::Copyright,
		EvidenceKind::Trademark,
		EvidenceKind::Patent,
		EvidenceKind::TradeSecret,
		EvidenceKind::Data,
		EvidenceKind::Contract,
		EvidenceKind::Infringement,
		EvidenceKind::Other,
	];

	/// Kebab-case name used by the CLI and RPC.
	pub fn name(self) -> &'static str {
		match self {
			EvidenceKind::Copyright => "copyright",
			EvidenceKind::Trademark => "trademark",
			EvidenceKind::Patent => "patent",
			EvidenceKind::TradeSecret => "trade-secret",
			EvidenceKind::Data => "data",
			EvidenceKind::Contract => "contract",
			EvidenceKind::Infringement => "infringement",
			EvidenceKind::Other => "other",
		}
	}

	/// Parses a name produced by [`EvidenceKind::name`].
	pub fn from_name(name: &str) -> Option<Self> {
		Self::ALL.into_iter().find(|kind| kind.name().eq_ignore_ascii_case(name))
	}
}

/// How a piece of online evidence was captured (取证). `Url` is `Vec<u8>` in a call and
/// [`BoundedUrl`] in storage.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
pub struct Capture<Url> {
	/// Where the content was captured from (bytes of a URL).
	pub source_url: Url,
	/// When the capture started, Unix milliseconds, as stated by the capturing workstation.
	pub captured_at: u64,
	/// Digest of the capture environment and its log (browser, network trace, clock source).
	pub environment_digest: Digest,
	/// Merkle root (see [`crate::merkle`]) over the digests of every captured file.
	pub files_root: Digest,
}

/// A deposited digest. Written once by the first deposit and never rewritten, so a proof at any later
/// block still shows when and by whom it was deposited.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct EvidenceRecord<AccountId, BlockNumber> {
	/// What the file is evidence of.
	pub kind: EvidenceKind,
	/// Human-readable title (UTF-8 expected, not enforced).
	pub title: BoundedTitle,
	/// Capture details for 取证 deposits.
	pub capture: Option<Capture<BoundedUrl>>,
	/// The account that signed the deposit (a workstation, or the owner itself).
	pub submitter: AccountId,
	/// The right holder the deposit was made for; the submitter when not deposited on someone's behalf.
	pub owner: AccountId,
	/// Block in which the deposit was included.
	pub block_number: BlockNumber,
	/// Timestamp of that block, Unix milliseconds.
	pub deposited_at: u64,
}

/// One transaction anchoring the Merkle root of many items; the client keeps each item's path.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct BatchAnchor<AccountId, BlockNumber> {
	/// Number of leaves under the root.
	pub leaf_count: u32,
	/// The account that anchored the batch.
	pub submitter: AccountId,
	/// Block in which the batch was anchored.
	pub block_number: BlockNumber,
	/// Timestamp of that block, Unix milliseconds.
	pub anchored_at: u64,
}

/// A deposit in the evidence pallet, named by its key: what registrations, objections and insurance
/// claims cite.
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
pub struct EvidenceRef {
	/// Hash algorithm of the deposit.
	pub algo: crate::HashAlgo,
	/// The deposited digest.
	pub digest: Digest,
}

/// What an infringement can be an infringement of, and what an insurance policy can cover: a
/// registered data-IP asset or a deposited evidence record (a work, a trademark design).
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
pub enum Subject {
	/// A data-IP asset, by id.
	Asset(u64),
	/// A deposited evidence record, by its key.
	Evidence {
		/// Its hash algorithm.
		algo: crate::HashAlgo,
		/// Its digest.
		digest: Digest,
	},
}

/// Read access to deposited evidence, for pallets that let calls cite it (a registration's source
/// contract, an objection, an insurance claim).
pub trait EvidenceInspect {
	/// Whether `digest` has been deposited under `algo`.
	fn is_deposited(algo: crate::HashAlgo, digest: Digest) -> bool;

	/// Whether the deposit `(algo, digest)` has been linked as infringement evidence of `subject`.
	fn is_infringement_of(algo: crate::HashAlgo, digest: Digest, subject: &Subject) -> bool;
}
