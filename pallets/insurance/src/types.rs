//! Types stored and passed by `pallet-insurance`.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use iprchain_primitives::Subject;
use scale_info::TypeInfo;

/// A policy in a subject's list ([`crate::PoliciesOf`]): its id and the end of its term, so that ended
/// policies can be dropped from the list without reading them.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct PolicyEntry {
	/// The policy's id.
	pub policy: u64,
	/// End of the policy's term, Unix milliseconds, exclusive.
	pub end_ms: u64,
}

/// An infringement-loss insurance policy (知识产权侵权损失险保单) as stored: the insurer's promise to
/// pay the insured up to `coverage_fen` for losses from infringements of the covered subjects during
/// `[start_ms, end_ms)`.
///
/// The policy wording, the premium's payment and the loss assessment stay off chain; the chain records
/// who insured what for how much and when, and every claim made and paid under it. `PolicyNo` and
/// `Subjects` are bounded vectors in storage and plain vectors in the runtime API (both encode the
/// same).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
pub struct Policy<AccountId, PolicyNo, Subjects> {
	/// The insurer's policy number (保单号), unique on the chain.
	pub policy_no: PolicyNo,
	/// The insurer, who bound the policy and decides and pays its claims.
	pub insurer: AccountId,
	/// The insured (被保险人), who may claim.
	pub insured: AccountId,
	/// What the policy covers: registered data-IP assets and deposited works; no duplicates.
	pub subjects: Subjects,
	/// The limit of indemnity (保险金额) over the whole term, in fen (0.01 CNY).
	pub coverage_fen: u128,
	/// The premium (保费), in fen; recorded, not collected on chain.
	pub premium_fen: u128,
	/// Start of the term, Unix milliseconds, inclusive.
	pub start_ms: u64,
	/// End of the term, Unix milliseconds, exclusive.
	pub end_ms: u64,
	/// When the insurer bound the policy on chain, Unix milliseconds.
	pub bound_at_ms: u64,
	/// Sum of the claims paid under the policy, in fen.
	pub paid_fen: u128,
	/// Sum of the claims approved and not yet paid, in fen: coverage they hold, so that paying them
	/// never fails. `paid_fen + approved_fen` never exceeds `coverage_fen`.
	pub approved_fen: u128,
}

impl<AccountId, PolicyNo, Subjects> Policy<AccountId, PolicyNo, Subjects> {
	/// Whether the policy is in force at `now_ms`: `start_ms ≤ now_ms < end_ms`.
	pub fn in_force(&self, now_ms: u64) -> bool {
		self.start_ms <= now_ms && now_ms < self.end_ms
	}

	/// What may still be claimed and approved, in fen: coverage less what was paid or approved.
	pub fn remaining_fen(&self) -> u128 {
		self.coverage_fen.saturating_sub(self.paid_fen).saturating_sub(self.approved_fen)
	}

	/// The state of the term at `now_ms`.
	pub fn state(&self, now_ms: u64) -> PolicyState {
		if now_ms < self.start_ms {
			PolicyState::Pending
		} else if now_ms < self.end_ms {
			PolicyState::InForce
		} else {
			PolicyState::Expired
		}
	}
}

/// A policy as answered by the runtime API, with plain vectors.
pub type PolicyInfo<AccountId> = Policy<AccountId, Vec<u8>, Vec<Subject>>;

/// Where a policy's term stands at a given time. Never stored: it follows from the time.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum PolicyState {
	/// The term has not started: no claim may be filed yet.
	Pending,
	/// Within the term: claims may be filed.
	InForce,
	/// The term has ended: no claim may be filed, but filed claims may still be decided and paid.
	Expired,
}

impl PolicyState {
	/// Every state, in declaration order.
	pub const ALL: [PolicyState; 3] = [PolicyState::Pending, PolicyState::InForce, PolicyState::Expired];

	/// Kebab-case name used by the CLI and RPC.
	pub fn name(self) -> &'static str {
		match self {
			PolicyState::Pending => "pending",
			PolicyState::InForce => "in-force",
			PolicyState::Expired => "expired",
		}
	}

	/// Parses a name produced by [`PolicyState::name`].
	pub fn from_name(name: &str) -> Option<Self> {
		Self::ALL.into_iter().find(|state| state.name().eq_ignore_ascii_case(name))
	}
}

pub use iprchain_primitives::EvidenceRef;

/// Where a claim is in its lifecycle.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum ClaimStatus {
	/// Filed by the insured, awaiting the insurer's decision.
	Filed,
	/// Approved by the insurer, awaiting payment.
	Approved,
	/// Rejected by the insurer; final.
	Rejected,
	/// Paid by the insurer; final.
	Paid,
}

impl ClaimStatus {
	/// Every status, in declaration order.
	pub const ALL: [ClaimStatus; 4] =
		[ClaimStatus::Filed, ClaimStatus::Approved, ClaimStatus::Rejected, ClaimStatus::Paid];

	/// Kebab-case name used by the CLI and RPC.
	pub fn name(self) -> &'static str {
		match self {
			ClaimStatus::Filed => "filed",
			ClaimStatus::Approved => "approved",
			ClaimStatus::Rejected => "rejected",
			ClaimStatus::Paid => "paid",
		}
	}

	/// Parses a name produced by [`ClaimStatus::name`].
	pub fn from_name(name: &str) -> Option<Self> {
		Self::ALL.into_iter().find(|status| status.name().eq_ignore_ascii_case(name))
	}
}

/// The insurer's decision on a claim.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Decision {
	/// Whether the claim was approved.
	pub approved: bool,
	/// Digest of the decision's reasons (理赔/拒赔通知书), kept off chain.
	pub reason_digest: [u8; 32],
	/// When the insurer decided, Unix milliseconds.
	pub at_ms: u64,
}

/// A claim (索赔) under a policy for a loss from an infringement of one of its subjects.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo)]
pub struct Claim<AccountId> {
	/// The policy claimed under.
	pub policy: u64,
	/// Who filed it: the policy's insured.
	pub claimant: AccountId,
	/// The deposited infringement evidence, linked to `subject` as evidence of its infringement.
	pub evidence: EvidenceRef,
	/// The covered subject infringed.
	pub subject: Subject,
	/// The loss claimed, in fen (0.01 CNY); paid in full if approved.
	pub amount_fen: u128,
	/// When the insured filed it, Unix milliseconds.
	pub filed_at_ms: u64,
	/// Where it is in its lifecycle.
	pub status: ClaimStatus,
	/// The insurer's decision, once decided.
	pub decision: Option<Decision>,
	/// When the insurer paid it, Unix milliseconds, once paid.
	pub paid_at_ms: Option<u64>,
}
