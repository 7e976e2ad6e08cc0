//! The [`CheckRole`] transaction extension: only role holders may submit signed transactions, and each
//! at most [`TxQuota`](crate::TxQuota) per block.

use crate::{AccountRoles, BlockTxCount, Call, Config, Pallet, TxQuota};
use codec::{Decode, DecodeWithMemTracking, Encode};
use core::{fmt, marker::PhantomData};
use frame_support::{
	pallet_prelude::TransactionSource,
	traits::{Contains, Get, IsSubType},
	weights::Weight,
};
use iprchain_primitives::{INVALID_TX_HOLDER_BUDGET, INVALID_TX_NO_ROLE};
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{
		AsSystemOriginSigner, DispatchInfoOf, DispatchOriginOf, Implication, TransactionExtension,
		ValidateResult,
	},
	transaction_validity::{InvalidTransaction, TransactionValidityError, ValidTransaction},
};

/// Refuses a signed transaction whose signer holds no role, with
/// `InvalidTransaction::Custom(INVALID_TX_NO_ROLE)`, and holds back one whose signer has used up its
/// [`TxQuota`](crate::TxQuota) in the current block, with `InvalidTransaction::ExhaustsResources`.
///
/// On a feeless chain nothing else stops an arbitrary key from filling the pool. `validate` runs at
/// pool admission and again when a block includes the transaction; `prepare` repeats the check as
/// the last step before dispatch, so a role revoked after a transaction entered the pool is never
/// acted on, whatever path led to dispatch. Transactions without a signed origin, such as
/// inherents, are not affected.
///
/// # Per-block quota
///
/// The quota bounds what a compromised member key can push into each block. It is counted in
/// `prepare` only, i.e. when a transaction is applied while a block is built or imported, in
/// [`BlockTxCount`](crate::BlockTxCount): `validate` at pool admission sees the best block's state,
/// which says nothing about the block the transaction will end up in, so the quota does not limit
/// what the pool admits; [`CheckNonce`](crate::CheckNonce) bounds that (two blocks of quota ahead of
/// the account's nonce).
/// When the signer already has `quota` transactions in the block being built, `prepare` fails with
/// `ExhaustsResources` and changes nothing. The block author treats that error as "does not fit this
/// block": it skips the transaction, along with the signer's later-nonce ones that depend on it, and
/// leaves them in the pool for the next block, so the account is refused for that block without
/// losing anything. A block importer that meets such a transaction in a block rejects the block.
/// A transaction that a later extension refuses (`CheckNonce`, `CheckWeight`) is not counted either,
/// since the block builder discards every storage change of a transaction it does not include.
/// A client therefore never sees a quota refusal: its transaction is only included a block or more
/// later.
///
/// Encodes to zero bytes and adds nothing to the signed payload.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct CheckRole<T: Config>(PhantomData<T>);

impl<T: Config> CheckRole<T> {
	/// The extension; it carries no data.
	pub fn new() -> Self {
		Self(PhantomData)
	}

	/// Accepts a non-signed origin, and a signed one only if the signer holds some role.
	fn ensure_member(origin: &DispatchOriginOf<T::RuntimeCall>) -> Result<(), TransactionValidityError>
	where
		DispatchOriginOf<T::RuntimeCall>: AsSystemOriginSigner<T::AccountId>,
	{
		match origin.as_system_origin_signer() {
			Some(who) if AccountRoles::<T>::get(who).is_empty() => {
				Err(InvalidTransaction::Custom(INVALID_TX_NO_ROLE).into())
			}
			_ => Ok(()),
		}
	}

	/// Counts one more transaction of a signed origin in the current block, or refuses it with
	/// `ExhaustsResources` if that would exceed [`TxQuota`], leaving the count as it was.
	fn count_in_block(origin: &DispatchOriginOf<T::RuntimeCall>) -> Result<(), TransactionValidityError>
	where
		DispatchOriginOf<T::RuntimeCall>: AsSystemOriginSigner<T::AccountId>,
	{
		let Some(who) = origin.as_system_origin_signer() else { return Ok(()) };
		let quota = TxQuota::<T>::get();
		// Without a quota there is nothing to count against, so no write is spent on it. Setting a
		// quota mid-block therefore starts the count from that point.
		if quota == 0 {
			return Ok(());
		}
		let now = frame_system::Pallet::<T>::block_number();
		let used = match BlockTxCount::<T>::get(who) {
			Some((block, count)) if block == now => count,
			// An entry from an earlier block is stale: nothing counted yet in this one.
			_ => 0,
		};
		// `>=` rather than `==`: a quota lowered mid-block also stops an account already past it.
		if used >= quota {
			return Err(InvalidTransaction::ExhaustsResources.into());
		}
		BlockTxCount::<T>::insert(who, (now, used.saturating_add(1)));
		Ok(())
	}
}

impl<T: Config> Default for CheckRole<T> {
	fn default() -> Self {
		Self::new()
	}
}

impl<T: Config> fmt::Debug for CheckRole<T> {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		f.write_str("CheckRole")
	}
}

impl<T: Config + Send + Sync> TransactionExtension<T::RuntimeCall> for CheckRole<T>
where
	DispatchOriginOf<T::RuntimeCall>: AsSystemOriginSigner<T::AccountId> + Clone,
	T::RuntimeCall: IsSubType<Call<T>>,
{
	const IDENTIFIER: &'static str = "CheckRole";
	type Implicit = ();
	type Val = ();
	type Pre = ();

	fn weight(&self, _call: &T::RuntimeCall) -> Weight {
		// One read of the signer's `AccountRoles` entry (`prepare` reads the same key again, which the
		// storage overlay serves from cache), plus `TxQuota` and the signer's `BlockTxCount` read and
		// written by the quota count, and `Budget` and the signer's `DayTxCount` read and written by
		// the daily count. This is the worst case: without a quota or budget only three reads happen.
		T::DbWeight::get().reads_writes(5, 2)
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<T::RuntimeCall>,
		call: &T::RuntimeCall,
		_info: &DispatchInfoOf<T::RuntimeCall>,
		_len: usize,
		_self_implicit: Self::Implicit,
		_inherited_implication: &impl Implication,
		_source: TransactionSource,
	) -> ValidateResult<Self::Val, T::RuntimeCall> {
		Self::ensure_member(&origin)?;
		// A call the runtime filters out would only fail in the block; refuse it at the pool.
		if !<T as frame_system::Config>::BaseCallFilter::contains(call) {
			return Err(InvalidTransaction::Call.into());
		}
		// Likewise a holder registration past the workstation's daily budget.
		if let (Some(who), Some(Call::register_holder { .. })) =
			(origin.as_system_origin_signer(), call.is_sub_type())
		{
			if !Pallet::<T>::holder_budget_left(who) {
				return Err(InvalidTransaction::Custom(INVALID_TX_HOLDER_BUDGET).into());
			}
		}
		Ok((ValidTransaction::default(), (), origin))
	}

	fn prepare(
		self,
		_val: Self::Val,
		origin: &DispatchOriginOf<T::RuntimeCall>,
		_call: &T::RuntimeCall,
		_info: &DispatchInfoOf<T::RuntimeCall>,
		_len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		// The role check comes first: a non-member is dropped from the pool for good, not held back
		// as if over quota, and is not counted.
		Self::ensure_member(origin)?;
		Self::count_in_block(origin)?;
		match origin.as_system_origin_signer() {
			Some(who) => Pallet::<T>::count_tx_today(who),
			None => Ok(()),
		}
	}
}
