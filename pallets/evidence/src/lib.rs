//! # Evidence pallet
//!
//! Registers the digest of a piece of IP evidence (存证), optionally with how it was captured online
//! (取证), and anchors Merkle roots of whole batches. Only digests go on chain; the files stay with
//! their owners, who prove a file was registered by rehashing it and showing the record (with a storage
//! proof, whose keys `iprchain_primitives::storage_keys` computes).
//!
//! A record is keyed by `(HashAlgo, Digest)` and written once: the first deposit of a digest wins and is
//! never rewritten, so its block number and timestamp keep proving priority.
//!
//! An IP workstation may deposit on behalf of a right holder: it signs, the holder is recorded as
//! owner. Both roles are checked through [`Config::Roles`].

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

#[cfg(test)]
mod mock;
pub mod runtime_api;
#[cfg(test)]
mod tests;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod weights;

pub use pallet::*;
pub use weights::WeightInfo;

/// Lets the benchmarks give accounts the roles the most expensive deposit path needs, since
/// [`iprchain_primitives::RoleInspect`] can only read them.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes `who` hold `role`.
	fn grant_role(who: &AccountId, role: iprchain_primitives::Role);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{pallet_prelude::*, traits::UnixTime};
	use frame_system::pallet_prelude::*;
	use iprchain_primitives::{
		evidence::{BoundedTitle, BoundedUrl},
		AssetRegistry, BatchAnchor, Capture, Digest, EvidenceKind, EvidenceRecord, HashAlgo, Role,
		RoleInspect, Subject, MAX_TITLE_LEN, MAX_URL_LEN,
	};

	/// A stored evidence record of this runtime.
	pub type RecordOf<T> = EvidenceRecord<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;
	/// A stored batch anchor of this runtime.
	pub type BatchOf<T> = BatchAnchor<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// Configuration of the evidence pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Role membership, to check deposits made on someone else's behalf.
		type Roles: RoleInspect<Self::AccountId>;

		/// Wall-clock time of the block, recorded as the deposit time.
		type TimeProvider: UnixTime;

		/// The data-IP registry, for infringements of registered assets.
		type Assets: AssetRegistry<Self::AccountId>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Grants roles in benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Deposited evidence by `(algorithm, digest)`. The algorithm is part of the key because the same
	/// 32 bytes mean different files under SHA-256 and SM3.
	#[pallet::storage]
	pub type Records<T: Config> =
		StorageMap<_, Blake2_128Concat, (HashAlgo, Digest), RecordOf<T>, OptionQuery>;

	/// Anchored batches by `(algorithm, Merkle root)`.
	#[pallet::storage]
	pub type Batches<T: Config> =
		StorageMap<_, Blake2_128Concat, (HashAlgo, Digest), BatchOf<T>, OptionQuery>;

	/// Infringement links: `(evidence, subject)` says the deposited `evidence` (of kind
	/// `Infringement`) records an infringement of `subject`. The value is who linked it and when.
	#[pallet::storage]
	pub type InfringementLinks<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		(HashAlgo, Digest),
		Blake2_128Concat,
		Subject,
		(T::AccountId, BlockNumberFor<T>),
		OptionQuery,
	>;

	/// Events of the evidence pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A digest was registered.
		Deposited {
			/// Algorithm of the digest.
			algo: HashAlgo,
			/// The registered digest.
			digest: Digest,
			/// What the file is evidence of.
			kind: EvidenceKind,
			/// The signer of the deposit.
			submitter: T::AccountId,
			/// The right holder the record belongs to.
			owner: T::AccountId,
		},
		/// The Merkle root of a batch was anchored.
		BatchAnchored {
			/// Algorithm of the tree.
			algo: HashAlgo,
			/// The anchored root.
			root: Digest,
			/// Number of leaves under the root.
			leaf_count: u32,
			/// The signer of the anchor.
			submitter: T::AccountId,
		},
		/// Deposited evidence was marked as evidence of an infringement of `subject`.
		InfringementLinked {
			/// Algorithm of the evidence digest.
			algo: HashAlgo,
			/// The evidence digest.
			digest: Digest,
			/// What was infringed.
			subject: Subject,
			/// Who linked it.
			by: T::AccountId,
		},
	}

	/// Errors of the evidence pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// The title is longer than `MAX_TITLE_LEN` bytes or the capture URL longer than
		/// `MAX_URL_LEN` bytes.
		TooLong,
		/// The digest is already registered under this algorithm; the first deposit stands.
		AlreadyDeposited,
		/// Depositing for another account requires the `Workstation` role.
		NotAWorkstation,
		/// The account deposited for does not hold the `Holder` role.
		OwnerNotAHolder,
		/// A batch must have at least one leaf.
		EmptyBatch,
		/// This root is already anchored under this algorithm.
		AlreadyAnchored,
		/// No evidence is deposited under this digest.
		UnknownEvidence,
		/// Only evidence deposited with kind `infringement` (取证) can be linked to an infringement.
		NotInfringementEvidence,
		/// The infringed asset is not registered and within its validity.
		SubjectNotRegistered,
		/// The infringed evidence record is not deposited.
		SubjectNotDeposited,
		/// Evidence cannot be an infringement of itself.
		SelfLink,
		/// This link exists already.
		AlreadyLinked,
		/// Linking requires the `Workstation` role, or holding the infringed asset or record.
		NotWorkstationOrRightHolder,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers `digest`, the `algo` hash of a file, as evidence of `kind`.
		///
		/// With `on_behalf_of` set to another account, the signer must be a workstation and that
		/// account a right holder; it is recorded as the owner. Otherwise the signer owns the record.
		/// `capture` describes how online evidence was captured (取证).
		///
		/// Fails with [`Error::AlreadyDeposited`] if the digest is registered already, leaving the
		/// earlier record untouched. Emits [`Event::Deposited`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::deposit(
			// Longer inputs are refused before any work that depends on their length.
			title.len().min(MAX_TITLE_LEN as usize) as u32,
			capture.as_ref().map_or(0, |c| c.source_url.len().min(MAX_URL_LEN as usize) as u32),
		))]
		pub fn deposit(
			origin: OriginFor<T>,
			digest: Digest,
			algo: HashAlgo,
			kind: EvidenceKind,
			title: Vec<u8>,
			capture: Option<Capture<Vec<u8>>>,
			on_behalf_of: Option<T::AccountId>,
		) -> DispatchResult {
			let submitter = ensure_signed(origin)?;

			let title = BoundedTitle::try_from(title).map_err(|_| Error::<T>::TooLong)?;
			let capture = capture.map(Self::bound_capture).transpose()?;

			let owner = match on_behalf_of {
				Some(owner) if owner != submitter => {
					ensure!(T::Roles::has_role(&submitter, Role::Workstation), Error::<T>::NotAWorkstation);
					ensure!(T::Roles::has_role(&owner, Role::Holder), Error::<T>::OwnerNotAHolder);
					owner
				}
				_ => submitter.clone(),
			};

			let key = (algo, digest);
			ensure!(!Records::<T>::contains_key(key), Error::<T>::AlreadyDeposited);

			Records::<T>::insert(
				key,
				EvidenceRecord {
					kind,
					title,
					capture,
					submitter: submitter.clone(),
					owner: owner.clone(),
					block_number: frame_system::Pallet::<T>::block_number(),
					deposited_at: Self::now_millis(),
				},
			);
			Self::deposit_event(Event::Deposited { algo, digest, kind, submitter, owner });
			Ok(())
		}

		/// Anchors `root`, the Merkle root (see `iprchain_primitives::merkle`) of `leaf_count` items
		/// hashed with `algo`. Each item is later proven by its own inclusion proof against this root.
		///
		/// Emits [`Event::BatchAnchored`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::anchor_batch())]
		pub fn anchor_batch(
			origin: OriginFor<T>,
			root: Digest,
			leaf_count: u32,
			algo: HashAlgo,
		) -> DispatchResult {
			let submitter = ensure_signed(origin)?;
			ensure!(leaf_count > 0, Error::<T>::EmptyBatch);

			let key = (algo, root);
			ensure!(!Batches::<T>::contains_key(key), Error::<T>::AlreadyAnchored);

			Batches::<T>::insert(
				key,
				BatchAnchor {
					leaf_count,
					submitter: submitter.clone(),
					block_number: frame_system::Pallet::<T>::block_number(),
					anchored_at: Self::now_millis(),
				},
			);
			Self::deposit_event(Event::BatchAnchored { algo, root, leaf_count, submitter });
			Ok(())
		}

		/// Marks the deposit `(algo, digest)`, which must be of kind `infringement`, as evidence of an
		/// infringement of `subject`: a registered, unexpired data-IP asset or a deposited record
		/// (a work, a trademark design). Insurance claims cite such links.
		///
		/// The signer is a workstation, or the holder of the asset / owner of the record infringed.
		/// Emits [`Event::InfringementLinked`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::link_infringement())]
		pub fn link_infringement(
			origin: OriginFor<T>,
			algo: HashAlgo,
			digest: Digest,
			subject: Subject,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let record = Records::<T>::get((algo, digest)).ok_or(Error::<T>::UnknownEvidence)?;
			ensure!(record.kind == EvidenceKind::Infringement, Error::<T>::NotInfringementEvidence);
			let right_holder = match subject {
				Subject::Asset(asset) => {
					ensure!(
						T::Assets::is_registered(asset, Self::now_millis()),
						Error::<T>::SubjectNotRegistered
					);
					T::Assets::holder(asset)
				}
				Subject::Evidence { algo: subject_algo, digest: subject_digest } => {
					ensure!((subject_algo, subject_digest) != (algo, digest), Error::<T>::SelfLink);
					let infringed = Records::<T>::get((subject_algo, subject_digest))
						.ok_or(Error::<T>::SubjectNotDeposited)?;
					Some(infringed.owner)
				}
			};
			ensure!(
				T::Roles::has_role(&who, Role::Workstation) || right_holder.as_ref() == Some(&who),
				Error::<T>::NotWorkstationOrRightHolder
			);
			ensure!(
				!InfringementLinks::<T>::contains_key((algo, digest), subject),
				Error::<T>::AlreadyLinked
			);
			InfringementLinks::<T>::insert(
				(algo, digest),
				subject,
				(who.clone(), frame_system::Pallet::<T>::block_number()),
			);
			Self::deposit_event(Event::InfringementLinked { algo, digest, subject, by: who });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The record of `digest` under `algo`, if deposited.
		pub fn evidence(algo: HashAlgo, digest: Digest) -> Option<RecordOf<T>> {
			Records::<T>::get((algo, digest))
		}

		/// The anchor of `root` under `algo`, if anchored.
		pub fn batch(algo: HashAlgo, root: Digest) -> Option<BatchOf<T>> {
			Batches::<T>::get((algo, root))
		}

		fn bound_capture(capture: Capture<Vec<u8>>) -> Result<Capture<BoundedUrl>, Error<T>> {
			Ok(Capture {
				source_url: BoundedUrl::try_from(capture.source_url).map_err(|_| Error::<T>::TooLong)?,
				captured_at: capture.captured_at,
				environment_digest: capture.environment_digest,
				files_root: capture.files_root,
			})
		}

		fn now_millis() -> u64 {
			// Milliseconds fit in a u64 for the next 500 million years.
			T::TimeProvider::now().as_millis() as u64
		}
	}
}

/// A batch root counts as deposited: it stands for every item under it.
impl<T: Config> iprchain_primitives::EvidenceInspect for Pallet<T> {
	fn is_deposited(algo: iprchain_primitives::HashAlgo, digest: iprchain_primitives::Digest) -> bool {
		Records::<T>::contains_key((algo, digest)) || Batches::<T>::contains_key((algo, digest))
	}

	fn is_infringement_of(
		algo: iprchain_primitives::HashAlgo,
		digest: iprchain_primitives::Digest,
		subject: &iprchain_primitives::Subject,
	) -> bool {
		InfringementLinks::<T>::contains_key((algo, digest), subject)
	}
}
