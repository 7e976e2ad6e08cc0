//! The [`CheckRole`] transaction extension: only role holders may submit signed transactions.

use crate::{AccountRoles, Config};
use codec::{Decode, DecodeWithMemTracking, Encode};
use core::{fmt, marker::PhantomData};
use frame_support::{pallet_prelude::TransactionSource, traits::Get, weights::Weight};
use iprchain_primitives::INVALID_TX_NO_ROLE;
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{
		AsSystemOriginSigner, DispatchInfoOf, DispatchOriginOf, Implication, TransactionExtension,
		ValidateResult,
	},
	transaction_validity::{InvalidTransaction, TransactionValidityError, ValidTransaction},
};

/// Refuses a signed transaction whose signer holds no role, with
/// `InvalidTransaction::Custom(INVALID_TX_NO_ROLE)`.
///
/// On a feeless chain nothing else stops an arbitrary key from filling the pool. `validate` runs at
/// pool admission and again when a block includes the transaction; `prepare` repeats the check as
/// the last step before dispatch, so a role revoked after a transaction entered the pool is never
/// acted on, whatever path led to dispatch. Transactions without a signed origin, such as
/// inherents, are not affected.
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
{
	const IDENTIFIER: &'static str = "CheckRole";
	type Implicit = ();
	type Val = ();
	type Pre = ();

	fn weight(&self, _call: &T::RuntimeCall) -> Weight {
		// One read of the signer's `AccountRoles` entry; `prepare` reads the same key again, which the
		// storage overlay serves from cache.
		T::DbWeight::get().reads(1)
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<T::RuntimeCall>,
		_call: &T::RuntimeCall,
		_info: &DispatchInfoOf<T::RuntimeCall>,
		_len: usize,
		_self_implicit: Self::Implicit,
		_inherited_implication: &impl Implication,
		_source: TransactionSource,
	) -> ValidateResult<Self::Val, T::RuntimeCall> {
		Self::ensure_member(&origin)?;
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
		Self::ensure_member(origin)
	}
}
