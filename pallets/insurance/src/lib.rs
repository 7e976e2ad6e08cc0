//! # Insurance pallet
//!
//! Infringement-loss insurance (知识产权侵权损失险) bound to what the chain already records: registered
//! data-IP assets and deposited works. An insurer binds a policy for an insured over a list of
//! subjects, each of which must be valid when bound: an asset registered and unexpired, a work
//! deposited. During the term the insured files claims, each citing deposited infringement evidence
//! (取证) that has been linked to the infringed subject; the subject must still be valid then. The
//! insurer approves or rejects each claim, and pays approved ones; payments never exceed the
//! coverage.
//!
//! The pallet reads roles through [`Config::Roles`], the registry through [`Config::Assets`] and
//! deposits and infringement links through [`Config::Evidence`], so it depends on none of their
//! crates. Premiums and indemnities move off chain; the chain records the promise, the claims and the
//! decisions, each an event.
//!
//! A claim is checked against the coverage less what has been paid; claims filed but not yet paid do
//! not reserve coverage, so `pay` checks the coverage again.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impls;
pub mod migration;
pub mod runtime_api;
pub mod types;
pub mod weights;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// Lets the benchmarks give accounts roles, register assets, deposit evidence and link infringement
/// evidence, since the pallet can only read all four.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes `who` hold `role`.
	fn grant_role(who: &AccountId, role: iprchain_primitives::Role);
	/// Registers a new asset of `holder`, valid far beyond the block's time; returns its id.
	fn register_asset(holder: &AccountId) -> u64;
	/// Makes `(algo, digest)` count as deposited.
	fn deposit_evidence(algo: iprchain_primitives::HashAlgo, digest: iprchain_primitives::Digest);
	/// Makes the deposit `(algo, digest)` count as deposited and linked as infringement evidence of
	/// `subject`.
	fn link_infringement(
		algo: iprchain_primitives::HashAlgo,
		digest: iprchain_primitives::Digest,
		subject: &iprchain_primitives::Subject,
	);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{pallet_prelude::*, traits::UnixTime};
	use frame_system::pallet_prelude::*;
	use iprchain_primitives::{AssetRegistry, Digest, EvidenceInspect, HashAlgo, Role, RoleInspect, Subject};

	/// A stored policy number.
	pub type PolicyNoOf<T> = BoundedVec<u8, <T as Config>::MaxPolicyNoLen>;
	/// A stored policy's subjects.
	pub type SubjectsOf<T> = BoundedVec<Subject, <T as Config>::MaxSubjects>;
	/// A stored policy of this runtime.
	pub type PolicyOf<T> = Policy<<T as frame_system::Config>::AccountId, PolicyNoOf<T>, SubjectsOf<T>>;
	/// A stored claim of this runtime.
	pub type ClaimOf<T> = Claim<<T as frame_system::Config>::AccountId>;

	/// Version 1: a subject's list of policies holds each policy's end with its id
	/// ([`PolicyEntry`]), so that ended policies stop counting; see [`crate::migration::v1`].
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the insurance pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Role membership: who is an insurer.
		type Roles: RoleInspect<Self::AccountId>;

		/// The data-IP registry: whether an asset subject is registered and unexpired.
		type Assets: AssetRegistry<Self::AccountId>;

		/// Deposited evidence: whether a work subject is deposited, and whether a claim's evidence is
		/// linked as infringement evidence of its subject.
		type Evidence: EvidenceInspect;

		/// Wall-clock time of the block, for terms and validity.
		type TimeProvider: UnixTime;

		/// Maximum number of subjects one policy covers.
		#[pallet::constant]
		type MaxSubjects: Get<u32>;

		/// Maximum length of a policy number, bytes.
		#[pallet::constant]
		type MaxPolicyNoLen: Get<u32>;

		/// Maximum number of policies one subject may be covered by, over all time.
		#[pallet::constant]
		type MaxPoliciesPerSubject: Get<u32>;

		/// Maximum number of claims under one policy, over all time.
		#[pallet::constant]
		type MaxClaimsPerPolicy: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Grants roles, registers assets and deposits and links evidence in benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The id the next policy gets.
	#[pallet::storage]
	pub type NextPolicyId<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// Policies by id; none is ever removed.
	#[pallet::storage]
	pub type Policies<T: Config> = StorageMap<_, Blake2_128Concat, u64, PolicyOf<T>, OptionQuery>;

	/// The policy each policy number was bound under.
	#[pallet::storage]
	pub type PolicyByNumber<T: Config> = StorageMap<_, Blake2_128Concat, PolicyNoOf<T>, u64, OptionQuery>;

	/// The policies covering each subject whose term had not ended when the list was last written,
	/// oldest first: binding a new policy drops the ended ones, so that only policies in force or yet
	/// to start count towards `MaxPoliciesPerSubject`. A dropped policy stays readable by id and number.
	#[pallet::storage]
	pub type PoliciesOf<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		Subject,
		BoundedVec<PolicyEntry, T::MaxPoliciesPerSubject>,
		ValueQuery,
	>;

	/// The id the next claim gets.
	#[pallet::storage]
	pub type NextClaimId<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// Claims by id, in every state; none is ever removed.
	#[pallet::storage]
	pub type Claims<T: Config> = StorageMap<_, Blake2_128Concat, u64, ClaimOf<T>, OptionQuery>;

	/// Every claim under each policy, oldest first.
	#[pallet::storage]
	pub type ClaimsOf<T: Config> =
		StorageMap<_, Blake2_128Concat, u64, BoundedVec<u64, T::MaxClaimsPerPolicy>, ValueQuery>;

	/// Events of the insurance pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An insurer bound a policy.
		PolicyBound {
			/// The new policy.
			policy: u64,
			/// Its policy number.
			policy_no: PolicyNoOf<T>,
			/// The insurer.
			insurer: T::AccountId,
			/// The insured.
			insured: T::AccountId,
			/// What it covers.
			subjects: SubjectsOf<T>,
			/// The limit of indemnity, in fen.
			coverage_fen: u128,
			/// The premium, in fen.
			premium_fen: u128,
			/// Start of the term, Unix milliseconds.
			start_ms: u64,
			/// End of the term, Unix milliseconds, exclusive.
			end_ms: u64,
		},
		/// The insured filed a claim.
		ClaimFiled {
			/// The new claim.
			claim: u64,
			/// The policy claimed under.
			policy: u64,
			/// The insured.
			claimant: T::AccountId,
			/// The subject infringed.
			subject: Subject,
			/// The infringement evidence.
			evidence: EvidenceRef,
			/// The loss claimed, in fen.
			amount_fen: u128,
		},
		/// The insurer decided a claim.
		ClaimDecided {
			/// The claim.
			claim: u64,
			/// Its policy.
			policy: u64,
			/// Whether it was approved.
			approved: bool,
			/// Digest of the decision's reasons.
			reason_digest: [u8; 32],
		},
		/// The insurer paid an approved claim.
		ClaimPaid {
			/// The claim.
			claim: u64,
			/// Its policy.
			policy: u64,
			/// The amount paid, in fen.
			amount_fen: u128,
			/// Everything paid under the policy so far, this claim included, in fen.
			paid_fen: u128,
		},
	}

	/// Errors of the insurance pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// The signer does not hold the `Insurer` role.
		NotInsurer,
		/// Only the policy's insured may claim under it.
		NotInsured,
		/// Only the policy's insurer may decide and pay its claims.
		NotPolicyInsurer,
		/// No policy has this id.
		UnknownPolicy,
		/// No claim has this id.
		UnknownClaim,
		/// A policy with this number is bound already.
		DuplicatePolicyNo,
		/// The policy number is empty.
		EmptyPolicyNo,
		/// The policy number is longer than `MaxPolicyNoLen` bytes.
		PolicyNoTooLong,
		/// A policy must cover at least one subject.
		NoSubjects,
		/// A policy covers at most `MaxSubjects` subjects.
		TooManySubjects,
		/// A subject is named twice.
		DuplicateSubject,
		/// An asset subject is not registered and unexpired (the first such one refused the policy).
		SubjectNotRegistered,
		/// A work subject has not been deposited (the first such one refused the policy).
		SubjectNotDeposited,
		/// The coverage must be positive.
		ZeroCoverage,
		/// The term must end after it starts and after now.
		BadTerm,
		/// The policy is not in force now: its term has not started or has ended.
		PolicyNotInForce,
		/// The subject claimed for is not covered by the policy.
		NotASubject,
		/// The subject claimed for is no longer valid: the asset's registration has ended, or the
		/// work is no longer deposited.
		SubjectNoLongerValid,
		/// The evidence is not linked as infringement evidence of the subject.
		NotInfringementEvidence,
		/// The claimed amount must be positive.
		ZeroAmount,
		/// The amount exceeds what is left of the coverage after what has been paid and approved.
		ExceedsCoverage,
		/// The claim is not in a state that allows this.
		WrongState,
		/// A subject is covered by `MaxPoliciesPerSubject` policies whose term has not ended.
		TooManyPolicies,
		/// The policy has `MaxClaimsPerPolicy` claims already.
		TooManyClaims,
		/// No policy or claim id is left.
		Exhausted,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Binds (承保) a policy numbered `policy_no` for `insured`, covering `subjects` up to
		/// `coverage_fen` in total over the term `[start_ms, end_ms)`, for `premium_fen`.
		///
		/// The signer must hold the `Insurer` role and becomes the policy's insurer. The number must be
		/// non-empty, at most `MaxPolicyNoLen` bytes and not bound before. There must be between one
		/// and `MaxSubjects` subjects, none named twice, each valid now: an asset registered and
		/// unexpired, a work deposited; the first invalid one refuses the policy. The coverage must be
		/// positive and the term must end after it starts and after now; it may have started already.
		/// Emits [`Event::PolicyBound`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::bind(subjects.len().min(T::MaxSubjects::get() as usize) as u32))]
		#[allow(clippy::too_many_arguments)]
		pub fn bind(
			origin: OriginFor<T>,
			policy_no: Vec<u8>,
			insured: T::AccountId,
			subjects: Vec<Subject>,
			coverage_fen: u128,
			premium_fen: u128,
			start_ms: u64,
			end_ms: u64,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(T::Roles::has_role(&who, Role::Insurer), Error::<T>::NotInsurer);
			let now = Self::now_ms();
			ensure!(!policy_no.is_empty(), Error::<T>::EmptyPolicyNo);
			let policy_no = PolicyNoOf::<T>::try_from(policy_no).map_err(|_| Error::<T>::PolicyNoTooLong)?;
			ensure!(!PolicyByNumber::<T>::contains_key(&policy_no), Error::<T>::DuplicatePolicyNo);
			ensure!(!subjects.is_empty(), Error::<T>::NoSubjects);
			let subjects = SubjectsOf::<T>::try_from(subjects).map_err(|_| Error::<T>::TooManySubjects)?;
			let mut sorted = subjects.clone().into_inner();
			sorted.sort_unstable();
			ensure!(sorted.windows(2).all(|pair| pair[0] != pair[1]), Error::<T>::DuplicateSubject);
			for subject in subjects.iter() {
				Self::ensure_subject_bindable(subject, now)?;
			}
			ensure!(coverage_fen > 0, Error::<T>::ZeroCoverage);
			ensure!(end_ms > start_ms && end_ms > now, Error::<T>::BadTerm);

			let policy = NextPolicyId::<T>::get();
			let next = policy.checked_add(1).ok_or(Error::<T>::Exhausted)?;
			// Check every subject's list before writing any.
			let mut lists = Vec::with_capacity(subjects.len());
			for subject in subjects.iter() {
				let mut list = PoliciesOf::<T>::get(subject);
				// An ended policy covers nothing; counting it would let one insurer's 64 short
				// policies make the subject uninsurable for ever.
				list.retain(|entry| entry.end_ms > now);
				list.try_push(PolicyEntry { policy, end_ms }).map_err(|_| Error::<T>::TooManyPolicies)?;
				lists.push((*subject, list));
			}
			NextPolicyId::<T>::put(next);
			for (subject, list) in lists {
				PoliciesOf::<T>::insert(subject, list);
			}
			PolicyByNumber::<T>::insert(&policy_no, policy);
			Policies::<T>::insert(
				policy,
				Policy {
					policy_no: policy_no.clone(),
					insurer: who.clone(),
					insured: insured.clone(),
					subjects: subjects.clone(),
					coverage_fen,
					premium_fen,
					start_ms,
					end_ms,
					bound_at_ms: now,
					paid_fen: 0,
					approved_fen: 0,
				},
			);
			Self::deposit_event(Event::PolicyBound {
				policy,
				policy_no,
				insurer: who,
				insured,
				subjects,
				coverage_fen,
				premium_fen,
				start_ms,
				end_ms,
			});
			Ok(())
		}

		/// Files a claim (报案/索赔) under `policy` for a loss of `amount_fen` from an infringement of
		/// `subject`, evidenced by the deposit `(evidence_algo, evidence_digest)`.
		///
		/// The signer must be the policy's insured, and the policy in force now. `subject` must be one
		/// of the policy's subjects and still valid now (an asset registered and unexpired, a work
		/// deposited), and the evidence linked as infringement evidence of it. The amount must be
		/// positive and at most the coverage less what has been paid. Emits [`Event::ClaimFiled`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::claim())]
		pub fn claim(
			origin: OriginFor<T>,
			policy: u64,
			evidence_algo: HashAlgo,
			evidence_digest: Digest,
			subject: Subject,
			amount_fen: u128,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let now = Self::now_ms();
			let record = Policies::<T>::get(policy).ok_or(Error::<T>::UnknownPolicy)?;
			ensure!(record.insured == who, Error::<T>::NotInsured);
			ensure!(record.in_force(now), Error::<T>::PolicyNotInForce);
			ensure!(record.subjects.contains(&subject), Error::<T>::NotASubject);
			ensure!(Self::is_subject_valid(&subject, now), Error::<T>::SubjectNoLongerValid);
			ensure!(
				T::Evidence::is_infringement_of(evidence_algo, evidence_digest, &subject),
				Error::<T>::NotInfringementEvidence
			);
			ensure!(amount_fen > 0, Error::<T>::ZeroAmount);
			ensure!(amount_fen <= record.remaining_fen(), Error::<T>::ExceedsCoverage);

			let claim = NextClaimId::<T>::get();
			let next = claim.checked_add(1).ok_or(Error::<T>::Exhausted)?;
			let mut list = ClaimsOf::<T>::get(policy);
			list.try_push(claim).map_err(|_| Error::<T>::TooManyClaims)?;
			NextClaimId::<T>::put(next);
			ClaimsOf::<T>::insert(policy, list);
			let evidence = EvidenceRef { algo: evidence_algo, digest: evidence_digest };
			Claims::<T>::insert(
				claim,
				Claim {
					policy,
					claimant: who.clone(),
					evidence,
					subject,
					amount_fen,
					filed_at_ms: now,
					status: ClaimStatus::Filed,
					decision: None,
					paid_at_ms: None,
				},
			);
			Self::deposit_event(Event::ClaimFiled {
				claim,
				policy,
				claimant: who,
				subject,
				evidence,
				amount_fen,
			});
			Ok(())
		}

		/// Approves or rejects a filed claim, with the digest of the decision's reasons.
		///
		/// The policy's insurer only, also after the term has ended; a claim is decided once. An
		/// approval holds the claimed amount against the coverage and is refused with
		/// `ExceedsCoverage` if what was paid and approved leaves too little: the insurer rejects the
		/// claim instead, or settles it under another policy. Emits [`Event::ClaimDecided`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::decide())]
		pub fn decide(
			origin: OriginFor<T>,
			claim: u64,
			approve: bool,
			reason_digest: [u8; 32],
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let now = Self::now_ms();
			let policy = Claims::<T>::try_mutate(claim, |slot| {
				let record = slot.as_mut().ok_or(Error::<T>::UnknownClaim)?;
				let mut policy = Policies::<T>::get(record.policy).ok_or(Error::<T>::UnknownPolicy)?;
				ensure!(policy.insurer == who, Error::<T>::NotPolicyInsurer);
				ensure!(record.status == ClaimStatus::Filed, Error::<T>::WrongState);
				if approve {
					// Approval holds the amount against the coverage, so two approvals can never
					// promise more than the policy covers.
					ensure!(record.amount_fen <= policy.remaining_fen(), Error::<T>::ExceedsCoverage);
					policy.approved_fen = policy.approved_fen.saturating_add(record.amount_fen);
					Policies::<T>::insert(record.policy, policy);
				}
				record.status = if approve { ClaimStatus::Approved } else { ClaimStatus::Rejected };
				record.decision = Some(Decision { approved: approve, reason_digest, at_ms: now });
				Ok::<_, Error<T>>(record.policy)
			})?;
			Self::deposit_event(Event::ClaimDecided { claim, policy, approved: approve, reason_digest });
			Ok(())
		}

		/// Records the payment (赔付) of an approved claim, adding its amount to what the policy has
		/// paid.
		///
		/// The policy's insurer only, also after the term has ended. The approval reserved the amount,
		/// so a payment always fits the coverage. Emits [`Event::ClaimPaid`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::pay())]
		pub fn pay(origin: OriginFor<T>, claim: u64) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let now = Self::now_ms();
			let (policy, amount_fen, paid_fen) = Claims::<T>::try_mutate(claim, |slot| {
				let record = slot.as_mut().ok_or(Error::<T>::UnknownClaim)?;
				let policy = record.policy;
				let paid_fen = Policies::<T>::try_mutate(policy, |slot| {
					let policy = slot.as_mut().ok_or(Error::<T>::UnknownPolicy)?;
					ensure!(policy.insurer == who, Error::<T>::NotPolicyInsurer);
					ensure!(record.status == ClaimStatus::Approved, Error::<T>::WrongState);
					// Approval reserved the amount, so this only moves it from approved to paid.
					let paid_fen = policy
						.paid_fen
						.checked_add(record.amount_fen)
						.filter(|paid| *paid <= policy.coverage_fen)
						.ok_or(Error::<T>::ExceedsCoverage)?;
					policy.approved_fen = policy.approved_fen.saturating_sub(record.amount_fen);
					policy.paid_fen = paid_fen;
					Ok::<_, Error<T>>(paid_fen)
				})?;
				record.status = ClaimStatus::Paid;
				record.paid_at_ms = Some(now);
				Ok::<_, Error<T>>((policy, record.amount_fen, paid_fen))
			})?;
			Self::deposit_event(Event::ClaimPaid { claim, policy, amount_fen, paid_fen });
			Ok(())
		}
	}
}
