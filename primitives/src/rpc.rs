//! JSON shapes of the `ipr_*` RPC answers, shared by the node that serves them and the client that
//! reads them. Accounts are SS58 strings and binary fields `0x`-hex, so any JSON-RPC client can use them.

use alloc::{string::String, vec::Vec};
use serde::{Deserialize, Serialize};

/// Answer of `ipr_getEvidence`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceView {
	/// `sha256` or `sm3`.
	pub algo: String,
	/// The deposited digest, `0x`-hex.
	pub digest: String,
	/// Evidence kind, kebab-case.
	pub kind: String,
	/// Title, decoded as UTF-8 (lossy).
	pub title: String,
	/// Capture details, for 取证 deposits.
	pub capture: Option<CaptureView>,
	/// Signer of the deposit, SS58.
	pub submitter: String,
	/// Right holder the deposit is for, SS58.
	pub owner: String,
	/// Block in which it was deposited.
	pub block_number: u32,
	/// Hash of that block, when the node still knows it (it always does unless the block is not
	/// canonical any more).
	pub block_hash: Option<String>,
	/// Timestamp of that block, Unix milliseconds.
	pub deposited_at: u64,
	/// Whether the deposit block is finalized.
	pub finalized: bool,
	/// The block whose state answered the query.
	pub at: AtView,
}

/// Capture details of an [`EvidenceView`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaptureView {
	/// Source URL (lossy UTF-8).
	pub source_url: String,
	/// Capture time, Unix milliseconds.
	pub captured_at: u64,
	/// Digest of the capture environment and log, `0x`-hex.
	pub environment_digest: String,
	/// Merkle root of the captured files, `0x`-hex.
	pub files_root: String,
}

/// Answer of `ipr_getBatch`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchView {
	/// `sha256` or `sm3`.
	pub algo: String,
	/// The anchored root, `0x`-hex.
	pub root: String,
	/// Leaves under the root.
	pub leaf_count: u32,
	/// Signer, SS58.
	pub submitter: String,
	/// Block in which it was anchored.
	pub block_number: u32,
	/// Hash of that block, when known.
	pub block_hash: Option<String>,
	/// Timestamp of that block, Unix milliseconds.
	pub anchored_at: u64,
	/// Whether the anchoring block is finalized.
	pub finalized: bool,
	/// The block whose state answered the query.
	pub at: AtView,
}

/// Which block an answer was read at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AtView {
	/// Block hash, `0x`-hex.
	pub hash: String,
	/// Block number.
	pub number: u32,
	/// Whether that block is finalized.
	pub finalized: bool,
}

/// `0x`-hex of bytes.
pub fn to_hex(bytes: &[u8]) -> String {
	let mut out = String::with_capacity(2 + bytes.len() * 2);
	out.push_str("0x");
	for byte in bytes {
		out.push_str(&alloc::format!("{byte:02x}"));
	}
	out
}

/// Answer of `ipr_assetStatus`: what a bank checks before lending against an asset.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssetStatusView {
	/// The asset id.
	pub id: u64,
	/// The right holder, SS58.
	pub holder: String,
	/// Effective status at `evaluatedAt`: `under-notice`, `objected`, `registered`, `expired`,
	/// `rejected`, `withdrawn`, `cancelled` or `revoked`.
	pub status: String,
	/// Whether a court freeze is in force at `evaluatedAt`.
	pub frozen: bool,
	/// The time expiry and freezes were evaluated at, Unix milliseconds: the timestamp of the block
	/// read (`at`), so the answer depends only on the chain's state there.
	pub evaluated_at: u64,
	/// Certificate number, once registered.
	pub certificate_no: Option<String>,
	/// Registration number, once registered.
	pub registration_no: Option<String>,
	/// Start of validity, Unix milliseconds, once registered.
	pub valid_from: Option<u64>,
	/// End of validity, Unix milliseconds, once registered.
	pub valid_until: Option<u64>,
	/// End of the public notice, while under notice or objected.
	pub notice_until: Option<u64>,
	/// Who objected, while an objection is pending, SS58.
	pub objector: Option<String>,
	/// Digest of the revocation decision, if revoked.
	pub revocation_reason: Option<String>,
	/// When the application was made, Unix milliseconds.
	pub applied_at: u64,
	/// The latest court freeze, in force or lapsed.
	pub freeze: Option<FreezeView>,
	/// How many times the application was changed.
	pub version: u32,
	/// The application as last changed.
	pub application: ApplicationView,
	/// Recorded licences, oldest first.
	pub licences: Vec<LicenceView>,
	/// Number of entries in the asset's history (`ipr_assetHistory`).
	pub history_length: u32,
	/// The current valuation: the newest that is neither expired nor withdrawn at `evaluatedAt`.
	pub valuation: Option<ValuationView>,
	/// The active pledge in force at `evaluatedAt`.
	pub pledge: Option<PledgeView>,
	/// Numbers of the insurance policies bound to the asset.
	pub policies: Vec<String>,
	/// The bank's verdict at `evaluatedAt`: may it take the asset as a pledge?
	pub lending: LendingView,
	/// The block whose state answered the query.
	pub at: AtView,
}

/// Whether an asset can secure a loan, and if not, why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LendingView {
	/// Registered and unexpired, not frozen, not pledged, with a current valuation.
	pub lendable: bool,
	/// Each unmet condition, in words; empty when lendable.
	pub reasons: Vec<String>,
}

/// An appraisal (评估).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ValuationView {
	/// Index among the asset's valuations.
	pub index: u32,
	/// The appraiser, SS58.
	pub appraiser: String,
	/// Value in fen (0.01 CNY), as a decimal string (it may exceed 2^53).
	pub value_fen: String,
	/// Value in yuan with two decimals, for reading.
	pub value_cny: String,
	/// `cost`, `income`, `market` or `mixed`.
	pub method: String,
	/// Digest of the appraisal report, `0x`-hex.
	pub report_digest: String,
	/// When it was recorded, Unix milliseconds.
	pub valued_at: u64,
	/// End of validity, Unix milliseconds.
	pub valid_until: u64,
	/// When the appraiser withdrew it, if it did.
	pub withdrawn_at: Option<u64>,
	/// Digest of the withdrawal's reason, `0x`-hex.
	pub withdrawal_reason: Option<String>,
	/// Neither expired nor withdrawn at the time asked about.
	pub in_force: bool,
}

/// A pledge (质押).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PledgeView {
	/// Pledge id.
	pub id: u64,
	/// The pledged asset.
	pub asset: u64,
	/// `proposed`, `proposal-expired`, `active`, `lapsed`, `withdrawn`, `released` or `enforced`.
	pub state: String,
	/// The holder who pledged it, SS58.
	pub pledgor: String,
	/// The bank, SS58.
	pub pledgee: String,
	/// Secured amount in fen, decimal string.
	pub secured_fen: String,
	/// Secured amount in yuan with two decimals.
	pub secured_cny: String,
	/// When the secured debt falls due, Unix milliseconds.
	pub maturity: u64,
	/// End of enforceability (maturity plus the grace period), Unix milliseconds.
	pub in_force_until: u64,
	/// When it was proposed, Unix milliseconds.
	pub proposed_at: u64,
	/// When the bank accepted, if it did.
	pub accepted_at: Option<u64>,
	/// Index of the valuation the bank relied on.
	pub valuation_index: Option<u32>,
	/// That valuation's value in fen, decimal string.
	pub valuation_fen: Option<String>,
	/// Who received the asset on enforcement, SS58.
	pub enforced_to: Option<String>,
}

/// Answer of `ipr_getPledge`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PledgeDetailView {
	/// The pledge.
	pub pledge: PledgeView,
	/// Its whole history, one entry per step: at most three (proposed, accepted, how it ended).
	pub history: Vec<HistoryEntryView>,
	/// The block whose state answered the query.
	pub at: AtView,
}

/// Answer of `ipr_getValuations`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ValuationsView {
	/// The asset.
	pub asset: u64,
	/// Index of the current valuation, if any (whether or not it is on this page).
	pub current: Option<u32>,
	/// One page of the asset's valuations, oldest first, from the `start` asked for.
	pub valuations: Vec<ValuationView>,
	/// How many valuations the asset has.
	#[serde(default)]
	pub total: u32,
	/// Where the next page starts, or `null` after the last one.
	#[serde(default)]
	pub next: Option<u32>,
	/// The block whose state answered the query.
	pub at: AtView,
}

/// Answer of `ipr_assetHistoryPage`: one page of an asset's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryPageView {
	/// The asset.
	pub asset: u64,
	/// The page's entries, oldest first, from the `start` asked for.
	pub entries: Vec<HistoryEntryView>,
	/// How many entries the asset's history has.
	pub total: u32,
	/// Where the next page starts, or `null` after the last one.
	pub next: Option<u32>,
	/// The block whose state answered the query.
	pub at: AtView,
}

/// `fen` as yuan with two decimals: `1234567` → `"12345.67"`.
pub fn fen_to_cny(fen: u128) -> String {
	alloc::format!("{}.{:02}", fen / 100, fen % 100)
}

/// The application part of an [`AssetStatusView`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationView {
	/// Data set name (lossy UTF-8).
	pub name: String,
	/// Industry category code.
	pub category: u16,
	/// `own-collection`, `licensed`, `purchased` or `public`.
	pub source_type: String,
	/// Deposit proving the source.
	pub source_evidence: Option<EvidenceRefView>,
	/// `legal-person`, `natural-person` or `other-organisation`.
	pub holder_type: String,
	/// Stated scale (lossy UTF-8).
	pub scale: String,
	/// Stated format (lossy UTF-8).
	pub format: String,
	/// `static`, `real-time`, `daily`, `weekly`, `monthly`, `quarterly`, `yearly` or `irregular`.
	pub update_frequency: String,
	/// Digest of the data-element table, `0x`-hex.
	pub structure_digest: String,
	/// Digest of the sample table, `0x`-hex.
	pub sample_digest: String,
	/// Digest of the processing rules, `0x`-hex.
	pub rules_digest: String,
	/// Row-level Merkle root, `0x`-hex.
	pub row_root: Option<String>,
	/// Further cited deposits.
	pub evidence: Vec<EvidenceRefView>,
}

/// A cited deposit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceRefView {
	/// `sha256` or `sm3`.
	pub algo: String,
	/// The digest, `0x`-hex.
	pub digest: String,
}

/// A court freeze.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FreezeView {
	/// The court, SS58.
	pub court: String,
	/// Digest of the order, `0x`-hex.
	pub order_digest: String,
	/// Start, Unix milliseconds.
	pub since: u64,
	/// End, Unix milliseconds, if the order lapses by itself.
	pub until: Option<u64>,
}

/// A recorded licence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LicenceView {
	/// Licensee, SS58.
	pub licensee: String,
	/// `exclusive`, `sole` or `non-exclusive`.
	pub kind: String,
	/// Licensed use (lossy UTF-8).
	pub scope: String,
	/// Start of the term, Unix milliseconds.
	pub start: u64,
	/// End of the term, Unix milliseconds (exclusive).
	pub end: u64,
	/// Who granted it, SS58.
	pub licensor: String,
	/// When it was recorded, Unix milliseconds.
	pub granted_at: u64,
	/// Whether the term covers `evaluatedAt`.
	pub active: bool,
}

/// Answer of `ipr_certificateStatus`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CertificateStatusView {
	/// The certificate number asked about.
	pub certificate_no: String,
	/// `valid`, `expired`, `revoked`, `cancelled` or `frozen` (a live certificate under a court
	/// freeze); revoked and cancelled take precedence over expired, expired over frozen.
	pub status: String,
	/// The asset it was issued for.
	pub asset: u64,
	/// Current holder, SS58.
	pub holder: String,
	/// Registration number of the asset.
	pub registration_no: String,
	/// Start of validity, Unix milliseconds.
	pub valid_from: u64,
	/// End of validity, Unix milliseconds.
	pub valid_until: u64,
	/// Whether a court freeze is in force.
	pub frozen: bool,
	/// The time the status was evaluated at, Unix milliseconds: the timestamp of the block read.
	pub evaluated_at: u64,
	/// When the registration was cancelled or revoked, Unix milliseconds; `null` while it lives.
	#[serde(default)]
	pub ended_at: Option<u64>,
	/// The block it was cancelled or revoked in; `null` while it lives.
	#[serde(default)]
	pub ended_block: Option<u32>,
	/// The block whose state answered the query.
	pub at: AtView,
}

/// One entry of `ipr_assetHistory`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntryView {
	/// Position in the asset's history, from 0.
	pub index: u32,
	/// Block it happened in.
	pub block_number: u32,
	/// Timestamp of that block, Unix milliseconds.
	pub at: u64,
	/// Signer, SS58.
	pub actor: String,
	/// What happened: kebab-case action name (`applied`, `objected`, `objection-upheld`,
	/// `objection-dismissed`, `registered`, `changed`, `transferred`, `enforced`, `licensed`, `renewed`,
	/// `withdrawn`, `cancelled`, `revoked`, `frozen`, `unfrozen`).
	pub action: String,
	/// The action's details as `name: value` pairs, values as text.
	pub details: Vec<(String, String)>,
}

/// What an insurance policy covers: a registered asset or a deposited work.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SubjectView {
	/// The asset id, for an asset.
	pub asset: Option<u64>,
	/// The deposit, for a deposited work.
	pub evidence: Option<EvidenceRefView>,
}

/// An insurance policy in `ipr_getPolicy`. Amounts are fen as decimal strings, with the same in yuan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyView {
	/// Policy id on the chain.
	pub id: u64,
	/// The insurer's policy number.
	pub policy_no: String,
	/// The insurer, SS58.
	pub insurer: String,
	/// The insured, SS58.
	pub insured: String,
	/// What it covers.
	pub subjects: Vec<SubjectView>,
	/// `pending`, `in-force` or `expired`, judged at `evaluatedAt`.
	pub state: String,
	/// Limit of indemnity over the term, fen.
	pub coverage_fen: String,
	/// The same in yuan.
	pub coverage_cny: String,
	/// Premium, fen.
	pub premium_fen: String,
	/// Paid out so far, fen.
	pub paid_fen: String,
	/// Approved and not yet paid, fen: held against the coverage.
	pub approved_fen: String,
	/// Still available for new approvals, fen: coverage less paid and approved.
	pub remaining_fen: String,
	/// Start of the term, Unix milliseconds, inclusive.
	pub start: u64,
	/// End of the term, Unix milliseconds, exclusive.
	pub end: u64,
	/// When it was bound on chain, Unix milliseconds.
	pub bound_at: u64,
	/// The time `state` was judged at, Unix milliseconds.
	pub evaluated_at: u64,
}

/// An insurer's decision on a claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DecisionView {
	/// Whether the claim was approved.
	pub approved: bool,
	/// Digest of the decision's reasons, `0x`-hex.
	pub reason_digest: String,
	/// When it was decided, Unix milliseconds.
	pub at: u64,
}

/// A claim under a policy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimView {
	/// Claim id on the chain.
	pub id: u64,
	/// Who filed it, SS58.
	pub claimant: String,
	/// The infringement evidence it cites.
	pub evidence: EvidenceRefView,
	/// The covered subject infringed.
	pub subject: SubjectView,
	/// The loss claimed, fen.
	pub amount_fen: String,
	/// The same in yuan.
	pub amount_cny: String,
	/// `filed`, `approved`, `rejected` or `paid`.
	pub status: String,
	/// When it was filed, Unix milliseconds.
	pub filed_at: u64,
	/// The insurer's decision, once decided.
	pub decision: Option<DecisionView>,
	/// When it was paid, Unix milliseconds.
	pub paid_at: Option<u64>,
}

/// Answer of `ipr_getPolicy`: the policy and every claim under it, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyDetailView {
	/// The policy.
	pub policy: PolicyView,
	/// Its claims.
	pub claims: Vec<ClaimView>,
	/// The block whose state answered the query.
	pub at: AtView,
}
