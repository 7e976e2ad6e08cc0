//! A currency in which every balance is zero, for `pallet-session` on a chain without balances.
//!
//! `pallet-session` requires a `Currency` able to place a hold, for the deposit it takes when an
//! account sets session keys. iprchain is feeless and has no balances pallet, and its validators are
//! admitted by the council rather than by a deposit. With `KeyDeposit` zero pallet-session never
//! holds anything (it skips a zero hold) and releasing the hold of a validator purging its keys
//! releases nothing, so these traits only have to answer "zero" consistently.
//!
//! Every non-zero change is refused rather than ignored: should a non-zero deposit ever be
//! configured, setting keys fails visibly instead of pretending that funds were held.

use frame_support::traits::tokens::{
	fungible, DepositConsequence, Fortitude, Preservation, Provenance, WithdrawConsequence,
};
use sp_runtime::{DispatchError, DispatchResult, TokenError};

/// A fungible currency with no funds at all: every balance, hold and the issuance are zero, and
/// only zero amounts can be moved.
///
/// Use it as `pallet_session::Config::Currency` with `type KeyDeposit = ();` (a zero deposit).
pub struct NoBalances;

impl<AccountId> fungible::Inspect<AccountId> for NoBalances {
	type Balance = u128;

	fn total_issuance() -> u128 {
		0
	}
	fn minimum_balance() -> u128 {
		0
	}
	fn total_balance(_who: &AccountId) -> u128 {
		0
	}
	fn balance(_who: &AccountId) -> u128 {
		0
	}
	fn reducible_balance(_who: &AccountId, _: Preservation, _: Fortitude) -> u128 {
		0
	}
	fn can_deposit(_who: &AccountId, amount: u128, _: Provenance) -> DepositConsequence {
		if amount == 0 {
			DepositConsequence::Success
		} else {
			DepositConsequence::Blocked
		}
	}
	fn can_withdraw(_who: &AccountId, amount: u128) -> WithdrawConsequence<u128> {
		if amount == 0 {
			WithdrawConsequence::Success
		} else {
			WithdrawConsequence::BalanceLow
		}
	}
}

impl<AccountId> fungible::Unbalanced<AccountId> for NoBalances {
	fn handle_dust(_dust: fungible::Dust<AccountId, Self>) {
		// The minimum balance is zero, so no dust is ever created.
	}
	fn write_balance(_who: &AccountId, amount: u128) -> Result<Option<u128>, DispatchError> {
		if amount == 0 {
			Ok(None)
		} else {
			Err(TokenError::Blocked.into())
		}
	}
	fn set_total_issuance(_amount: u128) {}
}

impl<AccountId: Eq> fungible::Mutate<AccountId> for NoBalances {}

impl<AccountId> fungible::InspectHold<AccountId> for NoBalances {
	// pallet-session only requires `Reason: From<pallet_session::HoldReason>`; as nothing is ever
	// held, its own reason type is enough and the runtime's `RuntimeHoldReason` is not needed.
	type Reason = pallet_session::HoldReason;

	fn total_balance_on_hold(_who: &AccountId) -> u128 {
		0
	}
	fn balance_on_hold(_reason: &Self::Reason, _who: &AccountId) -> u128 {
		0
	}
}

impl<AccountId> fungible::UnbalancedHold<AccountId> for NoBalances {
	fn set_balance_on_hold(_reason: &Self::Reason, _who: &AccountId, amount: u128) -> DispatchResult {
		if amount == 0 {
			Ok(())
		} else {
			Err(TokenError::Blocked.into())
		}
	}
}

impl<AccountId: Eq> fungible::MutateHold<AccountId> for NoBalances {}
