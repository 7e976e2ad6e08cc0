//! The pallet's subject checks and the reads behind its runtime API.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use frame_support::traits::UnixTime;
use iprchain_primitives::{AssetRegistry, EvidenceInspect, Subject};

impl<T: Config> Pallet<T> {
	/// The policy with id `policy`.
	pub fn policy(policy: u64) -> Option<PolicyInfo<T::AccountId>> {
		Policies::<T>::get(policy).map(unbound_policy::<T>)
	}

	/// The policy bound under `policy_no`.
	pub fn policy_by_number(policy_no: Vec<u8>) -> Option<u64> {
		// A number longer than any stored one was never bound.
		let policy_no = PolicyNoOf::<T>::try_from(policy_no).ok()?;
		PolicyByNumber::<T>::get(policy_no)
	}

	/// The policies covering `subject`, oldest first, with their ids: every one in force or yet to
	/// start, and ended ones not yet dropped (see [`PoliciesOf`]).
	pub fn policies_of(subject: Subject) -> Vec<(u64, PolicyInfo<T::AccountId>)> {
		PoliciesOf::<T>::get(subject)
			.into_iter()
			.filter_map(|entry| Self::policy(entry.policy).map(|record| (entry.policy, record)))
			.collect()
	}

	/// The claim with id `claim`. (Not `claim`: that is the call.)
	pub fn claim_record(claim: u64) -> Option<ClaimOf<T>> {
		Claims::<T>::get(claim)
	}

	/// Every claim under `policy`, oldest first, with its id.
	pub fn claims_of(policy: u64) -> Vec<(u64, ClaimOf<T>)> {
		ClaimsOf::<T>::get(policy)
			.into_iter()
			.filter_map(|claim| Claims::<T>::get(claim).map(|record| (claim, record)))
			.collect()
	}

	/// Whether `subject` can be insured and claimed for at `now_ms`: an asset registered and within
	/// its validity, a work deposited.
	pub fn is_subject_valid(subject: &Subject, now_ms: u64) -> bool {
		match *subject {
			Subject::Asset(asset) => T::Assets::is_registered(asset, now_ms),
			Subject::Evidence { algo, digest } => T::Evidence::is_deposited(algo, digest),
		}
	}

	/// Refuses a subject that cannot be bound at `now_ms`, with an error naming what is wrong.
	pub(crate) fn ensure_subject_bindable(subject: &Subject, now_ms: u64) -> Result<(), Error<T>> {
		if Self::is_subject_valid(subject, now_ms) {
			return Ok(());
		}
		Err(match subject {
			Subject::Asset(_) => Error::<T>::SubjectNotRegistered,
			Subject::Evidence { .. } => Error::<T>::SubjectNotDeposited,
		})
	}

	/// The time terms are judged by: the current block's timestamp, Unix milliseconds.
	pub fn now_ms() -> u64 {
		// Milliseconds fit in a u64 for the next 500 million years.
		T::TimeProvider::now().as_millis() as u64
	}
}

/// A stored policy with plain vectors, as the runtime API answers it.
fn unbound_policy<T: Config>(policy: PolicyOf<T>) -> PolicyInfo<T::AccountId> {
	Policy {
		policy_no: policy.policy_no.into_inner(),
		insurer: policy.insurer,
		insured: policy.insured,
		subjects: policy.subjects.into_inner(),
		coverage_fen: policy.coverage_fen,
		premium_fen: policy.premium_fen,
		start_ms: policy.start_ms,
		end_ms: policy.end_ms,
		bound_at_ms: policy.bound_at_ms,
		paid_fen: policy.paid_fen,
		approved_fen: policy.approved_fen,
	}
}
