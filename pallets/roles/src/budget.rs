//! The daily budget: a bound on the total a member can add to a feeless chain, where the per-block
//! [`TxQuota`](crate::TxQuota) bounds only the rate.
//!
//! A day is [`Config::BlocksPerDay`] blocks (day `n` is blocks `n × BlocksPerDay ..`), so every node
//! agrees on it without reading a clock. Counts are stored as `(day, count)`: an entry of an earlier
//! day counts as 0 and nothing is ever cleared.

use crate::{Budget, Config, DayHolderCount, DayTxCount, Pallet};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::traits::Get;
use iprchain_primitives::INVALID_TX_DAILY_BUDGET;
use scale_info::TypeInfo;
use sp_runtime::{
	transaction_validity::{InvalidTransaction, TransactionValidityError},
	SaturatedConversion,
};

/// How much one member may add per day; 0 in a field means no limit on it.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DailyBudget {
	/// Signed transactions one account may have included per day.
	#[serde(default)]
	pub tx_per_day: u32,
	/// Holders one workstation may register per day (each is a new account with a quota of its own).
	#[serde(default)]
	pub holders_per_day: u32,
}

/// What a `(day, count)` entry counts on `today`.
fn count_on(entry: Option<(u32, u32)>, today: u32) -> u32 {
	match entry {
		Some((day, count)) if day == today => count,
		_ => 0,
	}
}

impl<T: Config> Pallet<T> {
	/// The current day: the block number divided by [`Config::BlocksPerDay`].
	pub fn today() -> u32 {
		let block: u64 = frame_system::Pallet::<T>::block_number().saturated_into();
		let per_day: u64 = T::BlocksPerDay::get().saturated_into();
		(block / per_day.max(1)).saturated_into()
	}

	/// Signed transactions of `who` included so far today.
	pub fn tx_spent_today(who: &T::AccountId) -> u32 {
		count_on(DayTxCount::<T>::get(who), Self::today())
	}

	/// Holders `workstation` registered so far today.
	pub fn holders_registered_today(workstation: &T::AccountId) -> u32 {
		count_on(DayHolderCount::<T>::get(workstation), Self::today())
	}

	/// Refuses, at the pool, a transaction of `who` that `queued_ahead` of its queued transactions
	/// precede: it would be past today's budget even if all of them were included first.
	pub(crate) fn ensure_tx_budget(
		who: &T::AccountId,
		queued_ahead: u64,
	) -> Result<(), TransactionValidityError> {
		let budget = Budget::<T>::get().tx_per_day;
		if budget == 0 {
			return Ok(());
		}
		let spent = u64::from(Self::tx_spent_today(who));
		if spent.saturating_add(queued_ahead) >= u64::from(budget) {
			return Err(InvalidTransaction::Custom(INVALID_TX_DAILY_BUDGET).into());
		}
		Ok(())
	}

	/// Counts one more transaction of `who` today, or refuses it past the budget; called as the
	/// transaction is applied, so a block cannot carry more than the budget either.
	pub(crate) fn count_tx_today(who: &T::AccountId) -> Result<(), TransactionValidityError> {
		let budget = Budget::<T>::get().tx_per_day;
		if budget == 0 {
			return Ok(());
		}
		let today = Self::today();
		let spent = count_on(DayTxCount::<T>::get(who), today);
		if spent >= budget {
			return Err(InvalidTransaction::Custom(INVALID_TX_DAILY_BUDGET).into());
		}
		DayTxCount::<T>::insert(who, (today, spent.saturating_add(1)));
		Ok(())
	}

	/// Whether `workstation` may register one more holder today.
	pub fn holder_budget_left(workstation: &T::AccountId) -> bool {
		let budget = Budget::<T>::get().holders_per_day;
		budget == 0 || Self::holders_registered_today(workstation) < budget
	}

	/// Counts one more holder registered by `workstation` today (the caller checked the budget).
	pub(crate) fn count_holder_today(workstation: &T::AccountId) {
		if Budget::<T>::get().holders_per_day == 0 {
			return;
		}
		let today = Self::today();
		let registered = count_on(DayHolderCount::<T>::get(workstation), today);
		DayHolderCount::<T>::insert(workstation, (today, registered.saturating_add(1)));
	}
}
