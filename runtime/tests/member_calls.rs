//! Calls the runtime closes to members: pallet-node-authorization's self-service calls, which take
//! unbounded vectors under a flat weight. A member trying one is refused at the pool (`CheckRole`) and,
//! were it ever included, at dispatch; the council's (root's) peer management still works.

mod common;

use common::development_chain;
use frame_support::{assert_ok, dispatch::GetDispatchInfo, pallet_prelude::TransactionSource};
use iprchain_runtime::{configs::MemberCallFilter, Runtime, RuntimeCall, RuntimeOrigin};
use pallet_node_authorization::Call as Peers;
use sp_core::OpaquePeerId;
use sp_keyring::Sr25519Keyring::{Alice, Bob};
use sp_runtime::{
	traits::{Dispatchable, TransactionExtension, TxBaseImplication},
	transaction_validity::{InvalidTransaction, TransactionValidityError},
	DispatchError, MultiAddress,
};

/// A peer id as long as the pallet allows (shorter than `MaxPeerIdLength`, 128 bytes).
fn peer(byte: u8) -> OpaquePeerId {
	OpaquePeerId(vec![byte; 127])
}

/// Every self-service call, each with the largest input a member could send in one go.
fn self_service_calls() -> Vec<RuntimeCall> {
	let many: Vec<OpaquePeerId> = (0..10_000u32).map(|i| OpaquePeerId(i.to_le_bytes().repeat(31))).collect();
	[
		Peers::claim_node { node: peer(1) },
		Peers::remove_claim { node: peer(1) },
		Peers::transfer_node { node: peer(1), owner: MultiAddress::Id(Bob.to_account_id()) },
		Peers::add_connections { node: peer(1), connections: many.clone() },
		Peers::remove_connections { node: peer(1), connections: many },
	]
	.into_iter()
	.map(RuntimeCall::NodeAuthorization)
	.collect()
}

/// What `CheckRole` (the pool's first check after the sender) says of `call` signed by `who`.
fn pool_verdict(who: sp_keyring::Sr25519Keyring, call: &RuntimeCall) -> Result<(), TransactionValidityError> {
	pallet_roles::CheckRole::<Runtime>::new()
		.validate(
			RuntimeOrigin::signed(who.into()),
			call,
			&call.get_dispatch_info(),
			0,
			(),
			&TxBaseImplication(()),
			TransactionSource::External,
		)
		.map(|_| ())
}

#[test]
fn a_member_cannot_claim_a_node_or_edit_connections() {
	development_chain().execute_with(|| {
		for call in self_service_calls() {
			assert!(!<MemberCallFilter as frame_support::traits::Contains<_>>::contains(&call));
			// Alice holds roles, so only the filter can refuse her.
			assert_eq!(
				pool_verdict(Alice, &call),
				Err(TransactionValidityError::Invalid(InvalidTransaction::Call)),
				"{call:?}"
			);
			let refused = call.clone().dispatch(RuntimeOrigin::signed(Alice.into())).map_err(|e| e.error);
			assert_eq!(refused, Err(DispatchError::from(frame_system::Error::<Runtime>::CallFiltered)));
		}
		assert!(pallet_node_authorization::Owners::<Runtime>::get(peer(1)).is_none());
		assert!(pallet_node_authorization::AdditionalConnections::<Runtime>::get(peer(1)).is_empty());
	});
}

#[test]
fn other_calls_pass_the_filter_and_root_still_manages_peers() {
	development_chain().execute_with(|| {
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: b"hello".to_vec() });
		assert_eq!(pool_verdict(Alice, &remark), Ok(()));
		assert_ok!(remark.dispatch(RuntimeOrigin::signed(Alice.into())));

		// Root (what the council's motion dispatches as) adds a well-known node for Bob.
		let add = RuntimeCall::NodeAuthorization(Peers::add_well_known_node {
			node: peer(9),
			owner: MultiAddress::Id(Bob.to_account_id()),
		});
		assert_ok!(add.dispatch(RuntimeOrigin::root()));
		assert_eq!(pallet_node_authorization::Owners::<Runtime>::get(peer(9)), Some(Bob.to_account_id()));
	});
}
