//! Data intellectual-property registration (数据知识产权登记): apply, object, approve, change, transfer,
//! license, renew, cancel, revoke and court freezes through `pallet-data-ip`, and the
//! `ipr_assetStatus` / `ipr_certificateStatus` / `ipr_assetHistory` reads.
//!
//! Each transaction function signs and submits one call, waits for finality and returns what the
//! pallet's event said. The `parse_*` and `validate_*` helpers check user input against the runtime's
//! own limits, so a bad value is refused before anything is sent.

use crate::{chain::Client, error::ClientError, signer::Signer};
use frame_support::traits::Get;
use iprchain_primitives::{
	parse_digest_hex,
	rpc::{
		to_hex, ApplicationView, AssetStatusView, CertificateStatusView, EvidenceRefView, HistoryEntryView,
		HistoryPageView,
	},
	time::MS_PER_DAY,
	Digest, HashAlgo,
};
use iprchain_runtime::{AccountId, Hash, Runtime, RuntimeCall, RuntimeError, RuntimeEvent};
use jsonrpsee::rpc_params;
use serde::Serialize;

pub use pallet_data_ip::{
	numbers::{registration_no_is_valid, CERTIFICATE_NO_LEN, REGISTRATION_NO_LEN},
	ApplicationInput, DataSourceType, EvidenceRef, HolderType, LicenceKind, Named, Periods, UpdateFrequency,
};

type DataIpEvent = pallet_data_ip::Event<Runtime>;
type DataIpCall = pallet_data_ip::Call<Runtime>;

/// Longest name, scale, format or licence scope the runtime accepts, in bytes of UTF-8.
pub fn max_text_len() -> usize {
	<<Runtime as pallet_data_ip::Config>::MaxTextLen as Get<u32>>::get() as usize
}

/// Most evidence references one application may cite.
pub fn max_evidence_refs() -> usize {
	<<Runtime as pallet_data_ip::Config>::MaxEvidenceRefs as Get<u32>>::get() as usize
}

/// The value of a [`Named`] enum called `text`, or a message listing the names there are. `what` names
/// the value for the message (`source type`, `licence kind`).
pub fn parse_named<T: Named>(what: &str, text: &str) -> Result<T, ClientError> {
	T::from_name(text.trim()).ok_or_else(|| {
		let names: Vec<_> = T::ALL.iter().map(|value| value.name()).collect();
		ClientError::Input(format!("unknown {what} `{text}`; one of: {}", names.join(", ")))
	})
}

/// A 32-byte digest written as 64 hex digits (`0x` optional); `what` names it in the message.
pub fn parse_digest(what: &str, text: &str) -> Result<Digest, ClientError> {
	parse_digest_hex(text.trim()).map_err(|why| ClientError::Input(format!("{what} `{text}`: {why}")))
}

/// A deposit reference written `ALGO:HEX`, e.g. `sha256:0x3a…` or `sm3:3a…`.
pub fn parse_evidence_ref(text: &str) -> Result<EvidenceRef, ClientError> {
	let Some((algo, digest)) = text.trim().split_once(':') else {
		return Err(ClientError::Input(format!(
			"evidence `{text}`: write it as ALGO:HEX, e.g. sha256:0x… (ALGO is sha256 or sm3)"
		)));
	};
	let algo = HashAlgo::from_name(algo).ok_or_else(|| {
		ClientError::Input(format!("evidence `{text}`: unknown hash algorithm `{algo}` (sha256 or sm3)"))
	})?;
	let digest = parse_digest(&format!("evidence digest of `{text}`"), digest)?;
	Ok(EvidenceRef { algo, digest })
}

/// `ALGO:0xHEX` of a deposit reference, the form [`parse_evidence_ref`] reads.
pub fn format_evidence_ref(evidence: &EvidenceRef) -> String {
	format!("{}:{}", evidence.algo.name(), to_hex(&evidence.digest))
}

/// A point in time as Unix milliseconds: a plain number is taken as milliseconds; `YYYY-MM-DD` is
/// midnight UTC of that day; RFC 3339 (`2026-03-01T08:00:00Z`, `2026-03-01T16:00:00+08:00`, optional
/// fraction of a second) is that instant.
pub fn parse_time_ms(text: &str) -> Result<u64, ClientError> {
	let text = text.trim();
	let bad = |why: &str| {
		ClientError::Input(format!(
			"time `{text}`: {why}; write Unix milliseconds, YYYY-MM-DD or RFC 3339 such as \
			 2026-03-01T08:00:00Z"
		))
	};
	if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
		return text.parse::<u64>().map_err(|_| bad("too large"));
	}
	let bytes = text.as_bytes();
	if bytes.len() < 10 || !text.is_ascii() {
		return Err(bad("not a date"));
	}
	let number = |range: core::ops::Range<usize>| -> Result<i64, ClientError> {
		let part = &text[range];
		if part.bytes().all(|b| b.is_ascii_digit()) {
			Ok(part.parse::<i64>().expect("digits"))
		} else {
			Err(bad("not a date"))
		}
	};
	if bytes[4] != b'-' || bytes[7] != b'-' {
		return Err(bad("not a date"));
	}
	let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
	if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
		return Err(bad("no such day"));
	}
	let mut millis = days_from_civil(year, month, day) * MS_PER_DAY as i64;
	if bytes.len() > 10 {
		if !matches!(bytes[10], b'T' | b't' | b' ')
			|| bytes.len() < 19
			|| bytes[13] != b':'
			|| bytes[16] != b':'
		{
			return Err(bad("not an RFC 3339 time"));
		}
		let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
		if hour > 23 || minute > 59 || second > 59 {
			return Err(bad("no such time of day"));
		}
		millis += ((hour * 60 + minute) * 60 + second) * 1000;
		let mut rest = &text[19..];
		if let Some(fraction) = rest.strip_prefix('.') {
			let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
			if digits == 0 {
				return Err(bad("empty fraction of a second"));
			}
			let mut ms = 0;
			for (i, digit) in fraction.bytes().take(3).enumerate().take(digits) {
				ms += i64::from(digit - b'0') * [100, 10, 1][i];
			}
			millis += ms;
			rest = &fraction[digits..];
		}
		match rest.as_bytes() {
			[b'Z' | b'z'] => {}
			[sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
				let digits = [*h1, *h2, *m1, *m2];
				if !digits.iter().all(u8::is_ascii_digit) {
					return Err(bad("malformed UTC offset"));
				}
				let value = |a: u8, b: u8| i64::from(a - b'0') * 10 + i64::from(b - b'0');
				let (hours, minutes) = (value(*h1, *h2), value(*m1, *m2));
				if hours > 23 || minutes > 59 {
					return Err(bad("malformed UTC offset"));
				}
				let offset = (hours * 60 + minutes) * 60_000;
				// 16:00+08:00 is 08:00Z.
				millis += if *sign == b'+' { -offset } else { offset };
			}
			[] => return Err(bad("an RFC 3339 time needs a zone, Z or ±HH:MM")),
			_ => return Err(bad("malformed UTC offset")),
		}
	}
	u64::try_from(millis).map_err(|_| bad("before 1970"))
}

fn is_leap(year: i64) -> bool {
	year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
	match month {
		2 if is_leap(year) => 29,
		2 => 28,
		4 | 6 | 9 | 11 => 30,
		_ => 31,
	}
}

/// Days from 1970-01-01 to the given proleptic Gregorian date (H. Hinnant's `days_from_civil`), the
/// inverse of `iprchain_primitives::time::civil_from_days`.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
	let year = if month <= 2 { year - 1 } else { year };
	let era = year.div_euclid(400);
	let year_of_era = year - era * 400;
	let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
	let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
	era * 146_097 + day_of_era - 719_468
}

/// The local clock as Unix milliseconds.
pub fn now_ms() -> u64 {
	std::time::SystemTime::now()
		.duration_since(std::time::UNIX_EPOCH)
		.map(|since| since.as_millis() as u64)
		.unwrap_or(0)
}

/// Checks a certificate number: 17 ASCII digits.
pub fn parse_certificate_no(text: &str) -> Result<String, ClientError> {
	let text = text.trim();
	if text.len() != CERTIFICATE_NO_LEN || !text.bytes().all(|b| b.is_ascii_digit()) {
		return Err(ClientError::Input(format!(
			"`{text}` is not a certificate number: those are {CERTIFICATE_NO_LEN} digits"
		)));
	}
	Ok(text.to_string())
}

/// How an asset is named: its id, its certificate number or its registration number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AssetQuery {
	/// The asset id.
	Id(u64),
	/// A 17-digit certificate number.
	Certificate(String),
	/// A 16-character registration number (15 digits and a check character).
	Registration(String),
}

impl AssetQuery {
	/// Reads an id, a 17-digit certificate number or a 16-character registration number, checking the
	/// registration number's check character.
	pub fn parse(text: &str) -> Result<Self, ClientError> {
		let text = text.trim();
		if text.len() == CERTIFICATE_NO_LEN {
			return parse_certificate_no(text).map(AssetQuery::Certificate);
		}
		if text.len() == REGISTRATION_NO_LEN {
			if !registration_no_is_valid(text.as_bytes()) {
				return Err(ClientError::Input(format!(
					"`{text}` is not a registration number: 15 digits and a check character (0-9 or X) \
					 that matches them"
				)));
			}
			return Ok(AssetQuery::Registration(text.to_string()));
		}
		if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
			if let Ok(id) = text.parse::<u64>() {
				return Ok(AssetQuery::Id(id));
			}
		}
		Err(ClientError::Input(format!(
			"`{text}` is neither an asset id, a {CERTIFICATE_NO_LEN}-digit certificate number nor a \
			 {REGISTRATION_NO_LEN}-character registration number"
		)))
	}

	fn rpc_value(&self) -> serde_json::Value {
		match self {
			AssetQuery::Id(id) => serde_json::Value::from(*id),
			AssetQuery::Certificate(number) | AssetQuery::Registration(number) => {
				serde_json::Value::from(number.as_str())
			}
		}
	}
}

impl core::fmt::Display for AssetQuery {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		match self {
			AssetQuery::Id(id) => write!(f, "asset {id}"),
			AssetQuery::Certificate(number) => write!(f, "certificate {number}"),
			AssetQuery::Registration(number) => write!(f, "registration number {number}"),
		}
	}
}

fn check_text(what: &str, text: &[u8]) -> Result<(), ClientError> {
	let max = max_text_len();
	if text.len() > max {
		return Err(ClientError::Input(format!(
			"{what} is {} bytes; the chain accepts at most {max}",
			text.len()
		)));
	}
	Ok(())
}

fn check_evidence_count(count: usize) -> Result<(), ClientError> {
	if count > max_evidence_refs() {
		return Err(ClientError::Input(format!(
			"{count} evidence references; the chain accepts at most {}",
			max_evidence_refs()
		)));
	}
	Ok(())
}

/// Checks an application as the pallet will, as far as that can be done without the chain: text
/// lengths, number of evidence references, source evidence where the source type needs it.
pub fn validate_application(application: &ApplicationInput) -> Result<(), ClientError> {
	if application.name.is_empty() {
		return Err(ClientError::Input("the data set needs a name".into()));
	}
	check_text("the name", &application.name)?;
	check_text("the scale description", &application.scale)?;
	check_text("the format description", &application.format)?;
	check_evidence_count(application.evidence.len())?;
	if application.source_type.needs_source_evidence() && application.source_evidence.is_none() {
		return Err(ClientError::Input(format!(
			"{} data needs the deposited contract as source evidence (--source-evidence ALGO:HEX)",
			application.source_type.name()
		)));
	}
	Ok(())
}

/// Fields of an application, each optional: all of the required ones for a new application, or only
/// those to change.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApplicationFields {
	/// Data set name.
	pub name: Option<String>,
	/// Industry category code.
	pub category: Option<u16>,
	/// Where the data came from.
	pub source_type: Option<DataSourceType>,
	/// The deposit proving the source; `Some(None)` removes it.
	pub source_evidence: Option<Option<EvidenceRef>>,
	/// What kind of entity the holder is.
	pub holder_type: Option<HolderType>,
	/// Stated size of the data set.
	pub scale: Option<String>,
	/// Stated format.
	pub format: Option<String>,
	/// How often the data is updated.
	pub update_frequency: Option<UpdateFrequency>,
	/// Digest of the data-element table.
	pub structure_digest: Option<Digest>,
	/// Digest of the sample table.
	pub sample_digest: Option<Digest>,
	/// Digest of the processing rules.
	pub rules_digest: Option<Digest>,
	/// Row-level Merkle root; `Some(None)` removes it.
	pub row_root: Option<Option<Digest>>,
	/// Further deposits; replaces the whole list.
	pub evidence: Option<Vec<EvidenceRef>>,
}

impl ApplicationFields {
	/// Whether no field is set.
	pub fn is_empty(&self) -> bool {
		*self == ApplicationFields::default()
	}

	/// Checks the fields that are set, as far as that can be done without the rest of the
	/// application: text lengths, a non-empty name, the number of evidence references.
	pub fn validate_given(&self) -> Result<(), ClientError> {
		if self.name.as_deref() == Some("") {
			return Err(ClientError::Input("the data set needs a name".into()));
		}
		for (what, text) in [
			("the name", &self.name),
			("the scale description", &self.scale),
			("the format description", &self.format),
		] {
			if let Some(text) = text {
				check_text(what, text.as_bytes())?;
			}
		}
		if let Some(evidence) = &self.evidence {
			check_evidence_count(evidence.len())?;
		}
		Ok(())
	}

	/// A new application from these fields; names every required one that is missing. Holder type
	/// defaults to legal person, source evidence and row root to none, evidence to an empty list.
	pub fn into_new(self) -> Result<ApplicationInput, ClientError> {
		let mut missing = Vec::new();
		let mut need = |present: bool, flag: &'static str| {
			if !present {
				missing.push(flag);
			}
		};
		need(self.name.is_some(), "--name");
		need(self.category.is_some(), "--category");
		need(self.source_type.is_some(), "--source");
		need(self.scale.is_some(), "--scale");
		need(self.format.is_some(), "--format");
		need(self.update_frequency.is_some(), "--update-frequency");
		need(self.structure_digest.is_some(), "--structure-file or --structure-digest");
		need(self.sample_digest.is_some(), "--sample-file or --sample-digest");
		need(self.rules_digest.is_some(), "--rules-file or --rules-digest");
		if !missing.is_empty() {
			return Err(ClientError::Input(format!("an application needs {}", missing.join(", "))));
		}
		let application = ApplicationInput {
			name: self.name.unwrap_or_default().into_bytes(),
			category: self.category.unwrap_or_default(),
			source_type: self.source_type.unwrap_or(DataSourceType::OwnCollection),
			source_evidence: self.source_evidence.flatten(),
			holder_type: self.holder_type.unwrap_or(HolderType::LegalPerson),
			scale: self.scale.unwrap_or_default().into_bytes(),
			format: self.format.unwrap_or_default().into_bytes(),
			update_frequency: self.update_frequency.unwrap_or(UpdateFrequency::Static),
			structure_digest: self.structure_digest.unwrap_or_default(),
			sample_digest: self.sample_digest.unwrap_or_default(),
			rules_digest: self.rules_digest.unwrap_or_default(),
			row_root: self.row_root.flatten(),
			evidence: self.evidence.unwrap_or_default(),
		};
		validate_application(&application)?;
		Ok(application)
	}

	/// `base` with the fields that are set replaced.
	pub fn apply_to(self, mut base: ApplicationInput) -> ApplicationInput {
		if let Some(name) = self.name {
			base.name = name.into_bytes();
		}
		if let Some(category) = self.category {
			base.category = category;
		}
		if let Some(source_type) = self.source_type {
			base.source_type = source_type;
		}
		if let Some(source_evidence) = self.source_evidence {
			base.source_evidence = source_evidence;
		}
		if let Some(holder_type) = self.holder_type {
			base.holder_type = holder_type;
		}
		if let Some(scale) = self.scale {
			base.scale = scale.into_bytes();
		}
		if let Some(format) = self.format {
			base.format = format.into_bytes();
		}
		if let Some(update_frequency) = self.update_frequency {
			base.update_frequency = update_frequency;
		}
		if let Some(digest) = self.structure_digest {
			base.structure_digest = digest;
		}
		if let Some(digest) = self.sample_digest {
			base.sample_digest = digest;
		}
		if let Some(digest) = self.rules_digest {
			base.rules_digest = digest;
		}
		if let Some(row_root) = self.row_root {
			base.row_root = row_root;
		}
		if let Some(evidence) = self.evidence {
			base.evidence = evidence;
		}
		base
	}
}

fn evidence_from_view(view: &EvidenceRefView) -> Result<EvidenceRef, ClientError> {
	let algo = HashAlgo::from_name(&view.algo)
		.ok_or_else(|| ClientError::Decode(format!("unknown hash algorithm `{}`", view.algo)))?;
	let digest = parse_digest_hex(&view.digest)
		.map_err(|why| ClientError::Decode(format!("evidence digest `{}`: {why}", view.digest)))?;
	Ok(EvidenceRef { algo, digest })
}

/// The application an `ipr_assetStatus` answer shows, as a call would pass it. Text fields come back
/// as the node decoded them (lossy UTF-8), which is exact for text that was UTF-8.
pub fn application_from_view(view: &ApplicationView) -> Result<ApplicationInput, ClientError> {
	let named =
		|what: &str, text: &str| ClientError::Decode(format!("unknown {what} `{text}` from the node"));
	let digest = |text: &str| {
		parse_digest_hex(text).map_err(|why| ClientError::Decode(format!("digest `{text}`: {why}")))
	};
	Ok(ApplicationInput {
		name: view.name.clone().into_bytes(),
		category: view.category,
		source_type: DataSourceType::from_name(&view.source_type)
			.ok_or_else(|| named("source type", &view.source_type))?,
		source_evidence: view.source_evidence.as_ref().map(evidence_from_view).transpose()?,
		holder_type: HolderType::from_name(&view.holder_type)
			.ok_or_else(|| named("holder type", &view.holder_type))?,
		scale: view.scale.clone().into_bytes(),
		format: view.format.clone().into_bytes(),
		update_frequency: UpdateFrequency::from_name(&view.update_frequency)
			.ok_or_else(|| named("update frequency", &view.update_frequency))?,
		structure_digest: digest(&view.structure_digest)?,
		sample_digest: digest(&view.sample_digest)?,
		rules_digest: digest(&view.rules_digest)?,
		row_root: view.row_root.as_deref().map(digest).transpose()?,
		evidence: view.evidence.iter().map(evidence_from_view).collect::<Result<_, _>>()?,
	})
}

/// The finalized block a transaction landed in.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Included {
	/// Its number.
	pub block_number: u32,
	/// Its hash.
	pub block_hash: Hash,
}

/// What `apply` answered.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Applied {
	/// The new asset's id.
	pub asset: u64,
	/// Its holder.
	pub holder: AccountId,
	/// End of the public notice, Unix milliseconds.
	#[serde(rename = "noticeUntil")]
	pub notice_until_ms: u64,
	/// Where it landed.
	#[serde(flatten)]
	pub included: Included,
}

/// What `object` answered.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Objected {
	/// The asset.
	pub asset: u64,
	/// Who objected.
	pub objector: AccountId,
	/// The cited evidence, `ALGO:0xHEX`.
	pub evidence: String,
	/// Where it landed.
	#[serde(flatten)]
	pub included: Included,
}

/// What `resolve_objection` answered.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Resolved {
	/// The asset.
	pub asset: u64,
	/// Whether the objection was upheld (the application is rejected).
	pub upheld: bool,
	/// Where it landed.
	#[serde(flatten)]
	pub included: Included,
}

/// What `approve` answered.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Registered {
	/// The asset.
	pub asset: u64,
	/// The certificate number issued.
	pub certificate_no: String,
	/// The registration number issued.
	pub registration_no: String,
	/// Start of validity, Unix milliseconds, as the registration block's state shows it (`None` if the
	/// node could not be asked).
	#[serde(rename = "validFrom")]
	pub valid_from_ms: Option<u64>,
	/// End of validity, Unix milliseconds.
	#[serde(rename = "validUntil")]
	pub valid_until_ms: u64,
	/// Where it landed.
	#[serde(flatten)]
	pub included: Included,
}

/// What `withdraw`, `cancel` and the like answered: the asset and the block.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Done {
	/// The asset.
	pub asset: u64,
	/// Where it landed.
	#[serde(flatten)]
	pub included: Included,
}

/// What `transfer` answered.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Transferred {
	/// The asset.
	pub asset: u64,
	/// The previous holder.
	pub from: AccountId,
	/// The new holder.
	pub to: AccountId,
	/// Where it landed.
	#[serde(flatten)]
	pub included: Included,
}

/// What `change` answered.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Changed {
	/// The asset.
	pub asset: u64,
	/// The version now in force.
	pub version: u32,
	/// Where it landed.
	#[serde(flatten)]
	pub included: Included,
}

/// What `license` answered.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Licensed {
	/// The asset.
	pub asset: u64,
	/// Index of the licence among the asset's licences.
	pub index: u32,
	/// The licensee.
	pub licensee: AccountId,
	/// `exclusive`, `sole` or `non-exclusive`.
	pub kind: String,
	/// Start of the term, Unix milliseconds.
	#[serde(rename = "start")]
	pub start_ms: u64,
	/// End of the term, Unix milliseconds (exclusive).
	#[serde(rename = "end")]
	pub end_ms: u64,
	/// Where it landed.
	#[serde(flatten)]
	pub included: Included,
}

/// What `renew` answered.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Renewed {
	/// The asset.
	pub asset: u64,
	/// The new end of validity, Unix milliseconds.
	#[serde(rename = "validUntil")]
	pub valid_until_ms: u64,
	/// Where it landed.
	#[serde(flatten)]
	pub included: Included,
}

/// What `revoke` answered.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Revoked {
	/// The asset.
	pub asset: u64,
	/// Digest of the decision, `0x`-hex.
	pub reason_digest: String,
	/// Where it landed.
	#[serde(flatten)]
	pub included: Included,
}

/// What `freeze` and `unfreeze` answered.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FreezeChanged {
	/// The asset.
	pub asset: u64,
	/// The court.
	pub court: AccountId,
	/// Digest of the court order, `0x`-hex.
	pub order_digest: String,
	/// When a freeze lapses by itself, Unix milliseconds; always `None` for an unfreeze.
	#[serde(rename = "until")]
	pub until_ms: Option<u64>,
	/// Where it landed.
	#[serde(flatten)]
	pub included: Included,
}

/// A licence to record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LicenceRequest {
	/// Who may use the data.
	pub licensee: AccountId,
	/// How far the licence excludes others.
	pub kind: LicenceKind,
	/// What use is licensed, UTF-8.
	pub scope: String,
	/// Start of the term, Unix milliseconds.
	pub start_ms: u64,
	/// End of the term, Unix milliseconds, exclusive.
	pub end_ms: u64,
}

impl LicenceRequest {
	/// Checks the scope length and the term (ends after it starts, and after `now_ms`).
	pub fn validate(&self, now_ms: u64) -> Result<(), ClientError> {
		check_text("the licence scope", self.scope.as_bytes())?;
		if self.end_ms <= self.start_ms {
			return Err(ClientError::Input("the licence term must end after it starts".into()));
		}
		if self.end_ms <= now_ms {
			return Err(ClientError::Input("the licence term must end in the future".into()));
		}
		Ok(())
	}
}

/// The `DataIp.apply` call.
pub fn apply_call(holder: AccountId, application: ApplicationInput) -> RuntimeCall {
	RuntimeCall::DataIp(DataIpCall::apply { holder, application })
}

/// The `DataIp.set_periods` call; it needs the admin origin, so pass it to a council motion
/// ([`crate::governance::pass_motion`]) or, on a development chain, to sudo.
pub fn set_periods_call(periods: Periods) -> RuntimeCall {
	RuntimeCall::DataIp(DataIpCall::set_periods { periods })
}

/// Submits `call`, waits for finality and picks the answer out of the pallet's events.
async fn submit_expecting<T>(
	client: &Client,
	signer: &Signer,
	call: RuntimeCall,
	event: &str,
	pick: impl Fn(&DataIpEvent) -> Option<T>,
) -> Result<(T, Included), ClientError> {
	let finalized = client.submit(signer, call).await?;
	let included = Included { block_number: finalized.block_number, block_hash: finalized.block_hash };
	let answer = finalized
		.events
		.iter()
		.find_map(|record| match record {
			RuntimeEvent::DataIp(event) => pick(event),
			_ => None,
		})
		.ok_or_else(|| {
			ClientError::Decode(format!(
				"the transaction succeeded in block #{} but emitted no DataIp.{event} event",
				included.block_number
			))
		})?;
	Ok((answer, included))
}

fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}

/// Applies to register a data set for `holder` (the signer itself, or a holder a workstation applies
/// for); returns the new asset id and the end of its public notice.
pub async fn apply(
	client: &Client,
	signer: &Signer,
	holder: AccountId,
	application: ApplicationInput,
) -> Result<Applied, ClientError> {
	validate_application(&application)?;
	let call = apply_call(holder, application);
	let ((asset, holder, notice_until_ms), included) =
		submit_expecting(client, signer, call, "Applied", |event| match event {
			DataIpEvent::Applied { asset, holder, notice_until_ms } => {
				Some((*asset, holder.clone(), *notice_until_ms))
			}
			_ => None,
		})
		.await?;
	Ok(Applied { asset, holder, notice_until_ms, included })
}

/// Objects to an application under notice, citing deposited evidence.
pub async fn object(
	client: &Client,
	signer: &Signer,
	asset: u64,
	evidence: EvidenceRef,
) -> Result<Objected, ClientError> {
	let call = RuntimeCall::DataIp(DataIpCall::object { asset, evidence });
	let ((objector, evidence), included) =
		submit_expecting(client, signer, call, "Objected", |event| match event {
			DataIpEvent::Objected { asset: a, objector, evidence } if *a == asset => {
				Some((objector.clone(), *evidence))
			}
			_ => None,
		})
		.await?;
	Ok(Objected { asset, objector, evidence: format_evidence_ref(&evidence), included })
}

/// Decides an objection (registrar): `upheld` rejects the application, otherwise the notice runs on.
pub async fn resolve_objection(
	client: &Client,
	signer: &Signer,
	asset: u64,
	upheld: bool,
) -> Result<Resolved, ClientError> {
	let call = RuntimeCall::DataIp(DataIpCall::resolve_objection { asset, upheld });
	let (upheld, included) =
		submit_expecting(client, signer, call, "ObjectionResolved", |event| match event {
			DataIpEvent::ObjectionResolved { asset: a, upheld } if *a == asset => Some(*upheld),
			_ => None,
		})
		.await?;
	Ok(Resolved { asset, upheld, included })
}

/// Approves an application whose notice is over (registrar); returns the certificate and registration
/// numbers and the validity.
pub async fn approve(client: &Client, signer: &Signer, asset: u64) -> Result<Registered, ClientError> {
	let call = RuntimeCall::DataIp(DataIpCall::approve { asset });
	let ((certificate_no, registration_no, valid_until_ms), included) =
		submit_expecting(client, signer, call, "Registered", |event| match event {
			DataIpEvent::Registered { asset: a, certificate_no, registration_no, valid_until_ms }
				if *a == asset =>
			{
				Some((text(certificate_no), text(registration_no), *valid_until_ms))
			}
			_ => None,
		})
		.await?;
	// The event carries the end only; the start is the registration block's time, which its state
	// shows. The transaction has succeeded either way, so a failed read leaves the start unknown.
	let valid_from_ms = status(client, &AssetQuery::Id(asset), Some(included.block_hash))
		.await
		.ok()
		.flatten()
		.and_then(|view| view.valid_from);
	Ok(Registered { asset, certificate_no, registration_no, valid_from_ms, valid_until_ms, included })
}

/// Withdraws an application before registration (holder).
pub async fn withdraw(client: &Client, signer: &Signer, asset: u64) -> Result<Done, ClientError> {
	let call = RuntimeCall::DataIp(DataIpCall::withdraw { asset });
	let ((), included) = submit_expecting(client, signer, call, "Withdrawn", |event| match event {
		DataIpEvent::Withdrawn { asset: a } if *a == asset => Some(()),
		_ => None,
	})
	.await?;
	Ok(Done { asset, included })
}

/// Transfers a live, unfrozen registration to `to` (holder).
pub async fn transfer(
	client: &Client,
	signer: &Signer,
	asset: u64,
	to: AccountId,
) -> Result<Transferred, ClientError> {
	let call = RuntimeCall::DataIp(DataIpCall::transfer { asset, to });
	let ((from, to), included) = submit_expecting(client, signer, call, "Transferred", |event| match event {
		DataIpEvent::Transferred { asset: a, from, to } if *a == asset => Some((from.clone(), to.clone())),
		_ => None,
	})
	.await?;
	Ok(Transferred { asset, from, to, included })
}

/// Cancels a registration (holder).
pub async fn cancel(client: &Client, signer: &Signer, asset: u64) -> Result<Done, ClientError> {
	let call = RuntimeCall::DataIp(DataIpCall::cancel { asset });
	let ((), included) = submit_expecting(client, signer, call, "Cancelled", |event| match event {
		DataIpEvent::Cancelled { asset: a } if *a == asset => Some(()),
		_ => None,
	})
	.await?;
	Ok(Done { asset, included })
}

/// Revokes a registration with the digest of the decision (registrar).
pub async fn revoke(
	client: &Client,
	signer: &Signer,
	asset: u64,
	reason_digest: Digest,
) -> Result<Revoked, ClientError> {
	let call = RuntimeCall::DataIp(DataIpCall::revoke { asset, reason_digest });
	let (reason, included) = submit_expecting(client, signer, call, "Revoked", |event| match event {
		DataIpEvent::Revoked { asset: a, reason_digest } if *a == asset => Some(*reason_digest),
		_ => None,
	})
	.await?;
	Ok(Revoked { asset, reason_digest: to_hex(&reason), included })
}

/// Freezes an asset under a court order (court), until `until_ms` or until lifted.
pub async fn freeze(
	client: &Client,
	signer: &Signer,
	asset: u64,
	order_digest: Digest,
	until_ms: Option<u64>,
) -> Result<FreezeChanged, ClientError> {
	let call = RuntimeCall::DataIp(DataIpCall::freeze { asset, order_digest, until_ms });
	let ((court, order, until_ms), included) =
		submit_expecting(client, signer, call, "Frozen", |event| match event {
			DataIpEvent::Frozen { asset: a, court, order_digest, until_ms } if *a == asset => {
				Some((court.clone(), *order_digest, *until_ms))
			}
			_ => None,
		})
		.await?;
	Ok(FreezeChanged { asset, court, order_digest: to_hex(&order), until_ms, included })
}

/// Lifts a freeze under a court order (court).
pub async fn unfreeze(
	client: &Client,
	signer: &Signer,
	asset: u64,
	order_digest: Digest,
) -> Result<FreezeChanged, ClientError> {
	let call = RuntimeCall::DataIp(DataIpCall::unfreeze { asset, order_digest });
	let ((court, order), included) =
		submit_expecting(client, signer, call, "Unfrozen", |event| match event {
			DataIpEvent::Unfrozen { asset: a, court, order_digest } if *a == asset => {
				Some((court.clone(), *order_digest))
			}
			_ => None,
		})
		.await?;
	Ok(FreezeChanged { asset, court, order_digest: to_hex(&order), until_ms: None, included })
}

/// Replaces a registered asset's application (holder).
pub async fn change(
	client: &Client,
	signer: &Signer,
	asset: u64,
	application: ApplicationInput,
) -> Result<Changed, ClientError> {
	validate_application(&application)?;
	let call = RuntimeCall::DataIp(DataIpCall::change { asset, application });
	let (version, included) = submit_expecting(client, signer, call, "Changed", |event| match event {
		DataIpEvent::Changed { asset: a, version } if *a == asset => Some(*version),
		_ => None,
	})
	.await?;
	Ok(Changed { asset, version, included })
}

/// Changes only the `fields` given of a registered asset's application, starting from the application
/// in force as `ipr_assetStatus` shows it at the best block.
pub async fn change_fields(
	client: &Client,
	signer: &Signer,
	asset: u64,
	fields: ApplicationFields,
) -> Result<Changed, ClientError> {
	if fields.is_empty() {
		return Err(ClientError::Input("nothing to change: give at least one field".into()));
	}
	let current = status(client, &AssetQuery::Id(asset), None)
		.await?
		.ok_or_else(|| ClientError::Input(format!("no asset {asset} on this chain")))?;
	let application = fields.apply_to(application_from_view(&current.application)?);
	change(client, signer, asset, application).await
}

/// Records a licence (holder).
pub async fn license(
	client: &Client,
	signer: &Signer,
	asset: u64,
	request: LicenceRequest,
) -> Result<Licensed, ClientError> {
	request.validate(0)?;
	let call = RuntimeCall::DataIp(DataIpCall::license {
		asset,
		licensee: request.licensee,
		kind: request.kind,
		scope: request.scope.into_bytes(),
		start_ms: request.start_ms,
		end_ms: request.end_ms,
	});
	let ((index, licensee, kind, start_ms, end_ms), included) =
		submit_expecting(client, signer, call, "Licensed", |event| match event {
			DataIpEvent::Licensed { asset: a, index, licensee, kind, start_ms, end_ms } if *a == asset => {
				Some((*index, licensee.clone(), *kind, *start_ms, *end_ms))
			}
			_ => None,
		})
		.await?;
	Ok(Licensed { asset, index, licensee, kind: kind.name().into(), start_ms, end_ms, included })
}

/// Renews a registration in its renewal window (holder).
pub async fn renew(client: &Client, signer: &Signer, asset: u64) -> Result<Renewed, ClientError> {
	let call = RuntimeCall::DataIp(DataIpCall::renew { asset });
	let (valid_until_ms, included) = submit_expecting(client, signer, call, "Renewed", |event| match event {
		DataIpEvent::Renewed { asset: a, valid_until_ms } if *a == asset => Some(*valid_until_ms),
		_ => None,
	})
	.await?;
	Ok(Renewed { asset, valid_until_ms, included })
}

/// `ipr_assetStatus`: the asset named by `query` at block `at` (default: best), `None` if no asset has
/// that name.
pub async fn status(
	client: &Client,
	query: &AssetQuery,
	at: Option<Hash>,
) -> Result<Option<AssetStatusView>, ClientError> {
	client.call("ipr_assetStatus", rpc_params![query.rpc_value(), at]).await
}

/// The id of the asset `query` names; an id is returned as is, a number is looked up.
pub async fn resolve_id(client: &Client, query: &AssetQuery) -> Result<u64, ClientError> {
	match query {
		AssetQuery::Id(id) => Ok(*id),
		other => status(client, other, None)
			.await?
			.map(|view| view.id)
			.ok_or_else(|| ClientError::Input(format!("no asset has {other}"))),
	}
}

/// `ipr_certificateStatus`: whether the certificate is valid, expired, revoked, cancelled or frozen;
/// `None` if it was never issued.
pub async fn certificate_status(
	client: &Client,
	certificate_no: &str,
	at: Option<Hash>,
) -> Result<Option<CertificateStatusView>, ClientError> {
	let certificate_no = parse_certificate_no(certificate_no)?;
	client.call("ipr_certificateStatus", rpc_params![certificate_no, at]).await
}

/// One page of the asset's history (`ipr_assetHistoryPage`): up to `limit` entries (default and at
/// most 1 000) from entry `start`, with where the next page starts; `None` for an unknown asset.
pub async fn history_page(
	client: &Client,
	asset: u64,
	start: u32,
	limit: Option<u32>,
	at: Option<Hash>,
) -> Result<Option<HistoryPageView>, ClientError> {
	client.call("ipr_assetHistoryPage", rpc_params![asset, start, limit, at]).await
}

/// The asset's whole history, oldest first, read page by page at one block (`at`, default: the best
/// block when asked) by following each page's `next`; `None` for an unknown asset.
pub async fn history(
	client: &Client,
	asset: u64,
	at: Option<Hash>,
) -> Result<Option<Vec<HistoryEntryView>>, ClientError> {
	let at = match at {
		Some(hash) => hash,
		None => client.call::<Hash>("chain_getBlockHash", rpc_params![]).await?,
	};
	let mut entries = Vec::new();
	let mut start = Some(0);
	while let Some(from) = start {
		let Some(page) = history_page(client, asset, from, None, Some(at)).await? else {
			return Ok(None);
		};
		entries.extend(page.entries);
		start = page.next;
	}
	Ok(Some(entries))
}

/// The documentation of a pallet error named as [`crate::chain::describe_dispatch_error`] names it
/// (`DataIp.NoticeNotOver` → "The notice period has not ended yet."), read from the runtime's type
/// information; `None` for anything else.
pub fn error_doc(name: &str) -> Option<String> {
	use scale_info::{TypeDef, TypeInfo};
	let (pallet, error) = name.split_once('.')?;
	let TypeDef::Variant(pallets) = RuntimeError::type_info().type_def else { return None };
	let pallet = pallets.variants.iter().find(|variant| variant.name == pallet)?;
	let TypeDef::Variant(errors) = pallet.fields.first()?.ty.type_info().type_def else { return None };
	let error = errors.variants.iter().find(|variant| variant.name == error)?;
	let doc = error.docs.iter().map(|line| line.trim()).collect::<Vec<_>>().join(" ");
	(!doc.is_empty()).then_some(doc)
}

/// A failed transaction's message with the pallet error's documentation added, where there is one.
pub fn explain(error: &ClientError) -> String {
	match error {
		ClientError::DispatchFailed(name) => match error_doc(name) {
			Some(doc) => format!("{error} — {doc}"),
			None => error.to_string(),
		},
		other => other.to_string(),
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use iprchain_primitives::time::format_millis_utc;

	#[test]
	fn times_parse_in_every_accepted_form() {
		assert_eq!(parse_time_ms("1796038212000").unwrap(), 1_796_038_212_000);
		assert_eq!(parse_time_ms("1970-01-01").unwrap(), 0);
		assert_eq!(parse_time_ms("2000-02-29").unwrap(), 951_782_400_000);
		assert_eq!(parse_time_ms("2026-11-30T11:30:12Z").unwrap(), 1_796_038_212_000);
		assert_eq!(parse_time_ms("2026-11-30T11:30:12.5Z").unwrap(), 1_796_038_212_500);
		assert_eq!(parse_time_ms("2026-11-30 19:30:12.123456+08:00").unwrap(), 1_796_038_212_123);
		assert_eq!(parse_time_ms("2026-11-30T06:30:12-05:00").unwrap(), 1_796_038_212_000);
		for day in [0u64, 59, 365, 10_957, 20_000, 60_000] {
			let millis = day * MS_PER_DAY + 12_345_678;
			assert_eq!(parse_time_ms(&format_millis_utc(millis)).unwrap(), millis);
		}
		for bad in [
			"",
			"2026-02-30",
			"2026-13-01",
			"2025-02-29",
			"2026-11-30T11:30:12",
			"yesterday",
			"2026-11-30T24:00:00Z",
			"2026-11-30T11:30Z",
			"1969-12-31",
			"2026-11-30T11:30:12+8",
		] {
			assert!(parse_time_ms(bad).is_err(), "{bad} accepted");
		}
	}

	#[test]
	fn asset_queries_tell_ids_and_numbers_apart() {
		assert_eq!(AssetQuery::parse("42").unwrap(), AssetQuery::Id(42));
		assert_eq!(
			AssetQuery::parse("20261142010000042").unwrap(),
			AssetQuery::Certificate("20261142010000042".into())
		);
		let registration = pallet_data_ip::registration_no(
			1_794_700_800_000,
			DataSourceType::Purchased,
			HolderType::LegalPerson,
			7,
		);
		let registration = String::from_utf8(registration.to_vec()).unwrap();
		assert_eq!(AssetQuery::parse(&registration).unwrap(), AssetQuery::Registration(registration.clone()));
		let mut tampered = registration.into_bytes();
		tampered[10] = if tampered[10] == b'9' { b'0' } else { tampered[10] + 1 };
		assert!(AssetQuery::parse(std::str::from_utf8(&tampered).unwrap()).is_err());
		assert!(AssetQuery::parse("2026114201000004x").is_err());
		assert!(AssetQuery::parse("-1").is_err());
		assert!(AssetQuery::parse("").is_err());
	}

	#[test]
	fn evidence_references_and_names_are_checked() {
		let hex = "ab".repeat(32);
		let parsed = parse_evidence_ref(&format!("sm3:0x{hex}")).unwrap();
		assert_eq!(parsed, EvidenceRef { algo: HashAlgo::Sm3, digest: [0xab; 32] });
		assert_eq!(parse_evidence_ref(&format_evidence_ref(&parsed)).unwrap(), parsed);
		assert!(parse_evidence_ref(&hex).unwrap_err().to_string().contains("ALGO:HEX"));
		assert!(parse_evidence_ref(&format!("md5:{hex}")).unwrap_err().to_string().contains("md5"));
		assert!(parse_evidence_ref("sha256:0x12").unwrap_err().to_string().contains("64 hex digits"));
		assert_eq!(parse_named::<DataSourceType>("source", "licensed").unwrap(), DataSourceType::Licensed);
		let unknown = parse_named::<UpdateFrequency>("update frequency", "hourly").unwrap_err();
		assert!(unknown.to_string().contains("real-time"), "{unknown}");
	}

	fn complete_fields() -> ApplicationFields {
		ApplicationFields {
			name: Some("Wuhan bus ridership 2025".into()),
			category: Some(5411),
			source_type: Some(DataSourceType::OwnCollection),
			scale: Some("1.2 million rows".into()),
			format: Some("CSV, UTF-8".into()),
			update_frequency: Some(UpdateFrequency::Daily),
			structure_digest: Some([1; 32]),
			sample_digest: Some([2; 32]),
			rules_digest: Some([3; 32]),
			..Default::default()
		}
	}

	#[test]
	fn applications_are_completed_checked_and_changed() {
		let missing =
			ApplicationFields { name: Some("x".into()), ..Default::default() }.into_new().unwrap_err();
		assert!(missing.to_string().contains("--rules-file or --rules-digest"), "{missing}");
		assert!(!missing.to_string().contains("--name"), "{missing}");

		let application = complete_fields().into_new().unwrap();
		assert_eq!(application.holder_type, HolderType::LegalPerson);
		assert!(application.evidence.is_empty());

		let long = ApplicationFields { name: Some("数".repeat(100)), ..complete_fields() };
		assert!(long.into_new().unwrap_err().to_string().contains("300 bytes"));
		let licensed = ApplicationFields { source_type: Some(DataSourceType::Licensed), ..complete_fields() };
		assert!(licensed.into_new().unwrap_err().to_string().contains("--source-evidence"));
		let too_many = ApplicationFields {
			evidence: Some(vec![
				EvidenceRef { algo: HashAlgo::Sha256, digest: [0; 32] };
				max_evidence_refs() + 1
			]),
			..complete_fields()
		};
		assert!(too_many.into_new().is_err());

		let changes = ApplicationFields {
			format: Some("Parquet".into()),
			row_root: Some(Some([9; 32])),
			..Default::default()
		};
		assert!(!changes.is_empty());
		assert!(changes.validate_given().is_ok());
		let oversize =
			ApplicationFields { scale: Some("x".repeat(max_text_len() + 1)), ..Default::default() };
		assert!(oversize.validate_given().unwrap_err().to_string().contains("scale"));
		let changed = changes.apply_to(application.clone());
		assert_eq!(changed.format, b"Parquet");
		assert_eq!(changed.row_root, Some([9; 32]));
		assert_eq!(changed.name, application.name);
		assert_eq!(changed.rules_digest, application.rules_digest);
	}

	#[test]
	fn application_views_convert_back() {
		let application = ApplicationFields {
			source_type: Some(DataSourceType::Purchased),
			source_evidence: Some(Some(EvidenceRef { algo: HashAlgo::Sm3, digest: [7; 32] })),
			evidence: Some(vec![EvidenceRef { algo: HashAlgo::Sha256, digest: [8; 32] }]),
			row_root: Some(Some([6; 32])),
			..complete_fields()
		}
		.into_new()
		.unwrap();
		let evidence =
			|e: &EvidenceRef| EvidenceRefView { algo: e.algo.name().into(), digest: to_hex(&e.digest) };
		let view = ApplicationView {
			name: text(&application.name),
			category: application.category,
			source_type: application.source_type.name().into(),
			source_evidence: application.source_evidence.as_ref().map(evidence),
			holder_type: application.holder_type.name().into(),
			scale: text(&application.scale),
			format: text(&application.format),
			update_frequency: application.update_frequency.name().into(),
			structure_digest: to_hex(&application.structure_digest),
			sample_digest: to_hex(&application.sample_digest),
			rules_digest: to_hex(&application.rules_digest),
			row_root: application.row_root.as_ref().map(|root| to_hex(root)),
			evidence: application.evidence.iter().map(evidence).collect(),
		};
		assert_eq!(application_from_view(&view).unwrap(), application);
	}

	#[test]
	fn licence_terms_are_checked() {
		let request = LicenceRequest {
			licensee: AccountId::new([1; 32]),
			kind: LicenceKind::NonExclusive,
			scope: "Hubei, research".into(),
			start_ms: 1_000,
			end_ms: 2_000,
		};
		assert!(request.validate(1_500).is_ok());
		assert!(request.validate(2_000).is_err());
		assert!(LicenceRequest { end_ms: 1_000, ..request.clone() }.validate(0).is_err());
		assert!(LicenceRequest { scope: "x".repeat(max_text_len() + 1), ..request }.validate(0).is_err());
	}

	#[test]
	fn pallet_errors_come_with_their_docs() {
		assert_eq!(
			error_doc("DataIp.NoticeNotOver").as_deref(),
			Some("The notice period has not ended yet.")
		);
		assert_eq!(error_doc("DataIp.Frozen").as_deref(), Some("A court has frozen the asset."));
		assert!(error_doc("Evidence.AlreadyDeposited").is_some());
		assert_eq!(error_doc("DataIp.NoSuchError"), None);
		assert_eq!(error_doc("not a name"), None);
		let explained = explain(&ClientError::DispatchFailed("DataIp.NoticeNotOver".into()));
		assert!(
			explained.contains("DataIp.NoticeNotOver") && explained.contains("notice period"),
			"{explained}"
		);
	}
}
