//! The [`CheckNonce`] transaction extension: frame-system's nonce check, plus a bound on how far ahead
//! of its current nonce an account may queue, and a priority that lets every account's next
//! transaction go before anyone's backlog.

use crate::{Config, TxQuota};
use codec::{Decode, DecodeWithMemTracking, Encode};
use core::fmt;
use frame_support::{
	dispatch::DispatchInfo, pallet_prelude::TransactionSource, traits::Get, weights::Weight,
};
use iprchain_primitives::TX_NONCE_TOO_FAR_AHEAD;
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{
		AsSystemOriginSigner, DispatchInfoOf, Dispatchable, Implication, TransactionExtension, ValidateResult,
	},
	transaction_validity::{
		InvalidTransaction, TransactionValidityError, UnknownTransaction, ValidTransaction,
	},
	SaturatedConversion,
};

/// Queue depth used when no per-block quota is set (quota 0 means unlimited).
pub const NONCE_WINDOW_WITHOUT_QUOTA: u32 = 1024;

/// The smallest queue depth, whatever the quota: a member under a small quota can still hand over a
/// modest batch at once, and the surplus waits in the pool for its blocks.
pub const NONCE_WINDOW_MIN: u32 = 64;

/// How many transactions an account may queue ahead of its current nonce: two blocks' worth of its
/// per-block quota (at least [`NONCE_WINDOW_MIN`]), so a sender that keeps the window full fills every
/// block it is allowed, while one key can never hold more than this many transactions in any pool.
pub fn nonce_window(tx_quota: u32) -> u32 {
	if tx_quota == 0 {
		NONCE_WINDOW_WITHOUT_QUOTA
	} else {
		tx_quota.saturating_mul(2).max(NONCE_WINDOW_MIN)
	}
}

/// Priority of an account's next transaction (nonce equal to the account's). Each step further
/// ahead costs one: the block author, which takes the highest priority first among transactions
/// whose predecessors are in, therefore alternates between accounts instead of draining one
/// account's backlog before another account's single transaction. The pool, when full, evicts the
/// lowest priority first, i.e. the deepest backlog.
pub const NEXT_NONCE_PRIORITY: u64 = 1 << 32;

/// Blocks a transaction stays valid in the pool at most, whatever its era says: an immortal
/// transaction signed by a third-party client does not sit in pools for ever.
pub const MAX_LONGEVITY: u64 = 1024;

/// Replaces `frame_system::CheckNonce` (same identifier, same encoding: a compact nonce, so every
/// client that knows the standard extension signs for this one unchanged) and adds two rules at pool
/// admission:
///
/// - **Queue bound.** A transaction whose nonce is more than
///   [`nonce_window`]`(`[`TxQuota`]`)` ahead of the account's current nonce is refused with
///   `UnknownTransaction::Custom(`[`TX_NONCE_TOO_FAR_AHEAD`]`)` (not banned by the pool: the same bytes
///   are taken once the account catches up). Without it one key could
///   pre-sign more transactions than a pool holds, and a pool that is over its limits evicts
///   transactions it had accepted, silently for a sender that did not watch them. The bound turns
///   that into a refusal the sender sees at submission.
/// - **Daily budget.** A transaction that would take the account past its daily budget
///   ([`crate::Budget`]), counting those included today and those it queued before this one, is refused
///   with `InvalidTransaction::Custom(`[`iprchain_primitives::INVALID_TX_DAILY_BUDGET`]`)`.
/// - **Fair order.** Priority [`NEXT_NONCE_PRIORITY`] minus the distance from the account's nonce,
///   see there.
///
/// Dispatch (`prepare`) is frame-system's: the nonce must equal the account's and is then
/// incremented. In a block, a nonce that does not fit is reported as `ExhaustsResources`, so that a
/// block author whose pool lags behind skips the account instead of deleting its queue (see
/// [`not_in_this_block`]).
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct CheckNonce<T: Config>(#[codec(compact)] pub T::Nonce);

impl<T: Config> CheckNonce<T> {
	/// The extension for a transaction signed at `nonce`.
	pub fn from(nonce: T::Nonce) -> Self {
		Self(nonce)
	}

	/// How far ahead of `who`'s current nonce `nonce` is, or the refusal if that is beyond the window.
	/// Stale nonces are left to frame-system's check, which refuses them with `Stale`.
	fn distance_ahead(who: &T::AccountId, nonce: T::Nonce) -> Result<u64, TransactionValidityError> {
		let current: u64 = frame_system::Pallet::<T>::account_nonce(who).saturated_into();
		let distance = nonce.saturated_into::<u64>().saturating_sub(current);
		if distance > u64::from(nonce_window(TxQuota::<T>::get())) {
			return Err(UnknownTransaction::Custom(TX_NONCE_TOO_FAR_AHEAD).into());
		}
		Ok(distance)
	}

	/// frame-system's nonce rules, then the window: the tags, and how far ahead `nonce` is.
	fn nonce_checks(
		who: &T::AccountId,
		nonce: T::Nonce,
	) -> Result<(frame_system::ValidNonceInfo, u64), TransactionValidityError> {
		let info = frame_system::CheckNonce::<T>::validate_nonce_for_account(who, nonce)?;
		Ok((info, Self::distance_ahead(who, nonce)?))
	}
}

impl<T: Config> fmt::Debug for CheckNonce<T> {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		write!(f, "CheckNonce({:?})", self.0)
	}
}

impl<T: Config + Send + Sync> TransactionExtension<T::RuntimeCall> for CheckNonce<T>
where
	T::RuntimeCall: Dispatchable<Info = DispatchInfo>,
	<T::RuntimeCall as Dispatchable>::RuntimeOrigin: AsSystemOriginSigner<T::AccountId> + Clone,
{
	const IDENTIFIER: &'static str = "CheckNonce";
	type Implicit = ();
	type Val = Option<T::AccountId>;
	type Pre = ();

	fn weight(&self, _call: &T::RuntimeCall) -> Weight {
		// frame-system's measured nonce check, plus the `TxQuota` read for the window and the
		// `Budget` and `DayTxCount` reads for the daily budget (the account itself is read by both,
		// served from the overlay the second time).
		<T::ExtensionsWeightInfo as frame_system::ExtensionsWeightInfo>::check_nonce()
			.saturating_add(T::DbWeight::get().reads(3))
	}

	fn validate(
		&self,
		origin: <T as frame_system::Config>::RuntimeOrigin,
		_call: &T::RuntimeCall,
		_info: &DispatchInfoOf<T::RuntimeCall>,
		_len: usize,
		_self_implicit: Self::Implicit,
		_inherited_implication: &impl Implication,
		source: TransactionSource,
	) -> ValidateResult<Self::Val, T::RuntimeCall> {
		let Some(who) = origin.as_system_origin_signer() else {
			return Ok((ValidTransaction::default(), None, origin));
		};
		let (frame_system::ValidNonceInfo { provides, requires }, distance) = Self::nonce_checks(who, self.0)
			.map_err(|refusal| match source {
				TransactionSource::InBlock => not_in_this_block(refusal),
				_ => refusal,
			})?;
		crate::Pallet::<T>::ensure_tx_budget(who, distance)?;
		let validity = ValidTransaction {
			priority: NEXT_NONCE_PRIORITY.saturating_sub(distance),
			requires,
			provides,
			longevity: MAX_LONGEVITY,
			propagate: true,
		};
		let who = who.clone();
		Ok((validity, Some(who), origin))
	}

	fn prepare(
		self,
		val: Self::Val,
		_origin: &<T as frame_system::Config>::RuntimeOrigin,
		_call: &T::RuntimeCall,
		_info: &DispatchInfoOf<T::RuntimeCall>,
		_len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		match val {
			Some(who) => frame_system::CheckNonce::<T>::prepare_nonce_for_account(&who, self.0)
				.map_err(not_in_this_block),
			None => Ok(()),
		}
	}
}

/// A nonce that does not fit the block being built is reported as `ExhaustsResources` ("not in this
/// block") instead of `Stale` / `Future` / too far ahead.
///
/// Why: the block author takes its transactions from its pool's ready queue, and that queue can lag
/// behind the parent block — Substrate's pool answers "ready at block n" with its queue for *any*
/// block n it has caught up with (a competing block of the same height counts), and after a timeout
/// with whatever it has. Substrate's block builder removes every transaction that fails with any other
/// error from the pool, together with all later nonces of the same account, and bans them for 30
/// minutes: under a burst, one lagging author deleted hundreds of accepted transactions that nobody
/// re-sent (issue 14). `ExhaustsResources` makes it skip the account for this block only. A nonce that
/// really is used stays refused at the pool (`Stale`, through `validate` at submission and
/// revalidation), and the pool prunes transactions a block included. A block that contains such a
/// transaction is invalid either way: only the author's choice changes.
fn not_in_this_block(refusal: TransactionValidityError) -> TransactionValidityError {
	match refusal {
		TransactionValidityError::Invalid(InvalidTransaction::Stale | InvalidTransaction::Future)
		| TransactionValidityError::Unknown(_) => InvalidTransaction::ExhaustsResources.into(),
		other => other,
	}
}
