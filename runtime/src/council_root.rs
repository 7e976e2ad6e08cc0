//! The council's root: lets a 2/3 council majority dispatch a call as root — how the consortium upgrades
//! the runtime (`System.set_code`) and changes anything else reserved to root, on networks without sudo.

pub use pallet::*;

#[frame_support::pallet]
pub mod pallet {
	use alloc::boxed::Box;
	use frame_support::{
		dispatch::{GetDispatchInfo, PostDispatchInfo},
		pallet_prelude::*,
		traits::UnfilteredDispatchable,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::Dispatchable;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The calls that may be dispatched as root.
		type RuntimeCall: Parameter
			+ Dispatchable<RuntimeOrigin = Self::RuntimeOrigin, PostInfo = PostDispatchInfo>
			+ UnfilteredDispatchable<RuntimeOrigin = Self::RuntimeOrigin>
			+ GetDispatchInfo;
		/// Who may act as root: the council's 2/3 majority (or root itself).
		type CouncilOrigin: EnsureOrigin<Self::RuntimeOrigin>;
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The council dispatched a call as root; `result` is the call's own outcome.
		DispatchedAsRoot {
			/// Whether the call succeeded.
			result: DispatchResult,
		},
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Dispatches `call` with root origin. Only the council (2/3) may; the outcome of `call` is in
		/// the `DispatchedAsRoot` event, so a failing call still records that the council tried.
		#[pallet::call_index(0)]
		#[pallet::weight({
			let info = call.get_dispatch_info();
			(info.call_weight.saturating_add(T::DbWeight::get().writes(1)), info.class)
		})]
		pub fn dispatch_as_root(
			origin: OriginFor<T>,
			call: Box<<T as Config>::RuntimeCall>,
		) -> DispatchResult {
			T::CouncilOrigin::ensure_origin(origin)?;
			let result = call.dispatch_bypass_filter(frame_system::RawOrigin::Root.into());
			Self::deposit_event(Event::DispatchedAsRoot { result: result.map(|_| ()).map_err(|e| e.error) });
			Ok(())
		}
	}
}
