//! Runtime API to read policies and claims, for the RPC and the CLI.

use crate::types::{Claim, PolicyInfo};
use alloc::vec::Vec;
use iprchain_primitives::Subject;

sp_api::decl_runtime_apis! {
	/// Reads of the insurance pallet's storage.
	pub trait InsuranceApi<AccountId: codec::Codec> {
		/// The policy with this id.
		fn policy(policy: u64) -> Option<PolicyInfo<AccountId>>;
		/// The policy bound under this policy number.
		fn policy_by_number(policy_no: Vec<u8>) -> Option<u64>;
		/// The policies covering the subject, oldest first, with their ids: all in force or yet to
		/// start, and ended ones until a new binding drops them; whether each is in force follows
		/// from its term (`Policy::state`).
		fn policies_of(subject: Subject) -> Vec<(u64, PolicyInfo<AccountId>)>;
		/// The claim with this id.
		fn claim(claim: u64) -> Option<Claim<AccountId>>;
		/// Every claim under the policy, oldest first, with its id.
		fn claims_of(policy: u64) -> Vec<(u64, Claim<AccountId>)>;
		/// The block's time as the pallet judges terms by it, Unix milliseconds, so a reader at a past
		/// block sees a policy's state as the chain saw it then.
		fn now_ms() -> u64;
	}
}
