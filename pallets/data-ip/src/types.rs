//! Types stored and passed by `pallet-data-ip`.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

pub use crate::numbers::{
	certificate_no, registration_no, CertificateNo, RegistrationNo, CERTIFICATE_NO_LEN, REGISTRATION_NO_LEN,
};

/// Where the holder got the data from (数据来源). Its code is the fifth character of the registration
/// number.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum DataSourceType {
	/// Collected by the holder itself (自行采集), code `1`.
	OwnCollection,
	/// Used under a licence from another party (授权使用), code `2`.
	Licensed,
	/// Bought from another party (购买获得), code `3`.
	Purchased,
	/// Taken from public sources (公开收集), code `4`.
	Public,
}

impl DataSourceType {
	/// The digit the registration number carries for this source.
	pub fn code(self) -> u8 {
		match self {
			DataSourceType::OwnCollection => b'1',
			DataSourceType::Licensed => b'2',
			DataSourceType::Purchased => b'3',
			DataSourceType::Public => b'4',
		}
	}

	/// Whether an application must name the evidence of how the holder obtained the data: a licence
	/// or a purchase is a contract with another party, which the registrar has to see.
	pub fn needs_source_evidence(self) -> bool {
		matches!(self, DataSourceType::Licensed | DataSourceType::Purchased)
	}
}

/// What kind of entity holds the right. Its code is the sixth character of the registration number.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum HolderType {
	/// A company or other legal person (法人), code `1`.
	LegalPerson,
	/// A natural person (自然人), code `2`.
	NaturalPerson,
	/// A public institution or other unincorporated organisation (非法人组织), code `3`.
	OtherOrganisation,
}

impl HolderType {
	/// The digit the registration number carries for this holder type.
	pub fn code(self) -> u8 {
		match self {
			HolderType::LegalPerson => b'1',
			HolderType::NaturalPerson => b'2',
			HolderType::OtherOrganisation => b'3',
		}
	}
}

/// How often the data set is updated (更新频率).
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum UpdateFrequency {
	/// Never: a fixed data set.
	Static,
	/// Continuously, as events happen.
	RealTime,
	/// Every day.
	Daily,
	/// Every week.
	Weekly,
	/// Every month.
	Monthly,
	/// Every quarter.
	Quarterly,
	/// Every year.
	Yearly,
	/// At no fixed interval.
	Irregular,
}

pub use iprchain_primitives::EvidenceRef;

/// What a holder applies to register, and what a change replaces.
///
/// Text and lists are `Vec`s in calls and bounded vectors in storage, so an oversized field is refused
/// with its own pallet error rather than failing to decode.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
pub struct Application<Text, Refs> {
	/// Name of the data set, UTF-8.
	pub name: Text,
	/// Industry category code of the data.
	pub category: u16,
	/// Where the data came from.
	pub source_type: DataSourceType,
	/// The deposit proving the source: the licence or purchase contract, the collection log.
	/// Required for licensed and purchased data.
	pub source_evidence: Option<EvidenceRef>,
	/// What kind of entity the holder is.
	pub holder_type: HolderType,
	/// Size of the data set as the holder states it (for example "1.2 million rows, 30 GB"), UTF-8.
	pub scale: Text,
	/// Format of the data (for example "CSV, UTF-8"), UTF-8.
	pub format: Text,
	/// How often the data is updated.
	pub update_frequency: UpdateFrequency,
	/// Digest of the data-element table (数据要素表); the table stays off chain.
	pub structure_digest: [u8; 32],
	/// Digest of the sample table (数据样例表).
	pub sample_digest: [u8; 32],
	/// Digest of the processing rules (算法规则).
	pub rules_digest: [u8; 32],
	/// Merkle root over the rows, if the holder wants single rows provable later.
	pub row_root: Option<[u8; 32]>,
	/// Further deposits supporting the application.
	pub evidence: Refs,
}

/// An application as passed to `apply` and `change`.
pub type ApplicationInput = Application<Vec<u8>, Vec<EvidenceRef>>;

/// The stored state of an asset. Expiry is not stored: it follows from the time, see
/// [`EffectiveStatus`].
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
pub enum AssetStatus<AccountId> {
	/// Publicly announced (公示) until `until_ms`, during which anyone with a role may object.
	UnderNotice {
		/// End of the notice period, Unix milliseconds.
		until_ms: u64,
	},
	/// An objection awaits the registrar's decision; `until_ms` is kept so a dismissed objection
	/// neither shortens nor extends the notice.
	Objected {
		/// End of the notice period, Unix milliseconds.
		until_ms: u64,
		/// Who objected.
		objector: AccountId,
	},
	/// Registered with a certificate.
	Registered {
		/// The certificate number.
		certificate_no: CertificateNo,
		/// The registration number.
		registration_no: RegistrationNo,
		/// Start of validity, Unix milliseconds.
		valid_from_ms: u64,
		/// End of validity, Unix milliseconds; moved on by each renewal.
		valid_until_ms: u64,
	},
	/// Refused after an upheld objection.
	Rejected,
	/// Withdrawn (撤回) by the holder before registration.
	Withdrawn,
	/// Cancelled (注销) by the holder after registration.
	Cancelled,
	/// Revoked (撤销) by the registrar.
	Revoked {
		/// Digest of the revocation decision.
		reason_digest: [u8; 32],
	},
}

/// The state of an asset as of a given time: the stored state, with registrations past their validity
/// reported as expired.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum EffectiveStatus {
	/// See [`AssetStatus::UnderNotice`].
	UnderNotice,
	/// See [`AssetStatus::Objected`].
	Objected,
	/// Registered and within its validity.
	Registered,
	/// Registered, but the validity has ended.
	Expired,
	/// See [`AssetStatus::Rejected`].
	Rejected,
	/// See [`AssetStatus::Withdrawn`].
	Withdrawn,
	/// See [`AssetStatus::Cancelled`].
	Cancelled,
	/// See [`AssetStatus::Revoked`].
	Revoked,
}

impl EffectiveStatus {
	/// Kebab-case name used by the CLI and RPC.
	pub fn name(self) -> &'static str {
		match self {
			EffectiveStatus::UnderNotice => "under-notice",
			EffectiveStatus::Objected => "objected",
			EffectiveStatus::Registered => "registered",
			EffectiveStatus::Expired => "expired",
			EffectiveStatus::Rejected => "rejected",
			EffectiveStatus::Withdrawn => "withdrawn",
			EffectiveStatus::Cancelled => "cancelled",
			EffectiveStatus::Revoked => "revoked",
		}
	}
}

/// A court's preservation order (保全) on an asset.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
pub struct Freeze<AccountId> {
	/// The court that froze the asset.
	pub court: AccountId,
	/// Digest of the court order.
	pub order_digest: [u8; 32],
	/// When the freeze took effect, Unix milliseconds.
	pub since_ms: u64,
	/// When the order lapses by itself, Unix milliseconds; `None` until a court lifts it.
	pub until_ms: Option<u64>,
}

impl<AccountId> Freeze<AccountId> {
	/// Whether the order is in force at `now_ms`.
	pub fn in_force(&self, now_ms: u64) -> bool {
		self.until_ms.is_none_or(|until| now_ms < until)
	}
}

/// A data asset and its registration.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
pub struct Asset<AccountId, Text, Refs> {
	/// The right holder (权利人).
	pub holder: AccountId,
	/// What was applied for, as last changed.
	pub application: Application<Text, Refs>,
	/// How many times the application has been changed; earlier versions are kept by the pallet.
	pub version: u32,
	/// Where in the lifecycle the asset is.
	pub status: AssetStatus<AccountId>,
	/// When the application was made, Unix milliseconds.
	pub applied_at_ms: u64,
	/// The latest court freeze, kept after it lapses so its end can still be read; lifted freezes are
	/// removed.
	pub freeze: Option<Freeze<AccountId>>,
}

impl<AccountId, Text, Refs> Asset<AccountId, Text, Refs> {
	/// Whether a court freeze is in force at `now_ms`.
	pub fn is_frozen(&self, now_ms: u64) -> bool {
		self.freeze.as_ref().is_some_and(|freeze| freeze.in_force(now_ms))
	}
}

/// How far a licence excludes others (许可方式).
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum LicenceKind {
	/// Only the licensee may use the data, not even the holder (独占许可).
	Exclusive,
	/// The licensee and the holder may use it, nobody else (排他许可).
	Sole,
	/// The holder may grant further licences (普通许可).
	NonExclusive,
}

impl LicenceKind {
	/// Whether the licence rules out other licences over the same time.
	pub fn excludes_others(self) -> bool {
		!matches!(self, LicenceKind::NonExclusive)
	}
}

/// A recorded licence grant. The contract stays off chain; the chain records who may use the data,
/// how, and for how long.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
pub struct Licence<AccountId, Text> {
	/// Who may use the data.
	pub licensee: AccountId,
	/// How far the licence excludes others.
	pub kind: LicenceKind,
	/// What use is licensed (territory, purpose), UTF-8.
	pub scope: Text,
	/// Start of the term, Unix milliseconds.
	pub start_ms: u64,
	/// End of the term, Unix milliseconds, exclusive.
	pub end_ms: u64,
	/// Who granted it: the holder at the time.
	pub licensor: AccountId,
	/// When it was recorded, Unix milliseconds.
	pub granted_at_ms: u64,
}

impl<AccountId, Text> Licence<AccountId, Text> {
	/// Whether the terms `[start_ms, end_ms)` of the two licences share any time.
	pub fn overlaps(&self, start_ms: u64, end_ms: u64) -> bool {
		self.start_ms < end_ms && start_ms < self.end_ms
	}
}

/// A licence as answered by the runtime API.
pub type LicenceInfo<AccountId> = Licence<AccountId, Vec<u8>>;

/// What happened to an asset, as kept in its history.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
pub enum Action<AccountId> {
	/// The application was made, for `holder`.
	Applied {
		/// The holder applied for.
		holder: AccountId,
	},
	/// An objection was raised with this evidence.
	Objected {
		/// The objection's evidence.
		evidence: EvidenceRef,
	},
	/// The registrar upheld the objection and rejected the application.
	ObjectionUpheld,
	/// The registrar dismissed the objection; the notice runs on.
	ObjectionDismissed,
	/// The registrar approved the application.
	Registered {
		/// The certificate number.
		certificate_no: CertificateNo,
		/// The registration number.
		registration_no: RegistrationNo,
		/// End of validity, Unix milliseconds.
		valid_until_ms: u64,
	},
	/// The holder changed the application; the previous one is kept as `version - 1`.
	Changed {
		/// The version now in force.
		version: u32,
	},
	/// The registration passed to another holder.
	Transferred {
		/// The previous holder.
		from: AccountId,
		/// The new holder.
		to: AccountId,
	},
	/// A pledgee enforcing its pledge moved the asset (the actor is the pledgee).
	Enforced {
		/// The previous holder.
		from: AccountId,
		/// The new holder.
		to: AccountId,
	},
	/// A licence was recorded.
	Licensed {
		/// Its index in the asset's licence list when granted.
		index: u32,
		/// The licensee.
		licensee: AccountId,
	},
	/// The registration was renewed.
	Renewed {
		/// The new end of validity, Unix milliseconds.
		valid_until_ms: u64,
	},
	/// The holder withdrew the application.
	Withdrawn,
	/// The holder cancelled the registration.
	Cancelled,
	/// The registrar revoked the registration.
	Revoked {
		/// Digest of the decision.
		reason_digest: [u8; 32],
	},
	/// A court froze the asset.
	Frozen {
		/// Digest of the order.
		order_digest: [u8; 32],
		/// When the order lapses, if it does.
		until_ms: Option<u64>,
	},
	/// A court lifted its freeze.
	Unfrozen {
		/// Digest of the order.
		order_digest: [u8; 32],
	},
}

/// One entry of an asset's history.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
pub struct HistoryEntry<AccountId, BlockNumber> {
	/// Block in which it happened.
	pub block: BlockNumber,
	/// Timestamp of that block, Unix milliseconds.
	pub at_ms: u64,
	/// Who signed the transaction.
	pub actor: AccountId,
	/// What happened.
	pub action: Action<AccountId>,
}

/// The periods of the registration regime, genesis-configured and adjustable by governance.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct Periods {
	/// How long an application is publicly announced before it may be approved, milliseconds
	/// (15 days in production).
	pub notice_ms: u64,
	/// How long a registration is valid, and how far a renewal extends it, milliseconds (3 years).
	pub validity_ms: u64,
	/// How long before expiry a renewal may be filed, milliseconds (90 days).
	pub renewal_window_ms: u64,
}

impl Periods {
	/// The production regime: 15 days' notice, 3 years' validity (of 365 days), 90 days' window.
	pub const PRODUCTION: Periods =
		Periods { notice_ms: 15 * DAY_MS, validity_ms: 3 * 365 * DAY_MS, renewal_window_ms: 90 * DAY_MS };

	/// Whether the periods make sense together: all positive, the window no longer than validity.
	pub fn is_valid(&self) -> bool {
		self.notice_ms > 0
			&& self.validity_ms > 0
			&& self.renewal_window_ms > 0
			&& self.renewal_window_ms <= self.validity_ms
	}
}

impl Default for Periods {
	fn default() -> Self {
		Periods::PRODUCTION
	}
}

const DAY_MS: u64 = 86_400_000;

/// An asset as answered by the runtime API: the stored record with plain vectors, its effective state
/// at the time asked about, and its licences.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct AssetInfo<AccountId> {
	/// The asset id.
	pub id: u64,
	/// The stored record.
	pub asset: Asset<AccountId, Vec<u8>, Vec<EvidenceRef>>,
	/// The time the state was evaluated at, Unix milliseconds.
	pub evaluated_at_ms: u64,
	/// The state at that time.
	pub effective: EffectiveStatus,
	/// Whether a court freeze is in force at the time asked about.
	pub frozen: bool,
	/// The recorded licences, oldest first.
	pub licences: Vec<LicenceInfo<AccountId>>,
	/// How many history entries the asset has.
	pub history_len: u32,
}
