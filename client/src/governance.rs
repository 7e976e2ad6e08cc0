//! Consortium council motions (pallet-collective): propose, vote, close — how roles, validators and
//! authorized nodes change on the Wuhan network.

use crate::{chain::Client, error::ClientError, signer::Signer, Finalized};
use codec::Encode;
use frame_support::dispatch::GetDispatchInfo;
use iprchain_runtime::{Hash, Runtime, RuntimeCall, RuntimeEvent};
use sp_runtime::traits::{BlakeTwo256, Hash as _};

type CouncilCall = pallet_collective::Call<Runtime, pallet_collective::Instance1>;
type CouncilEvent = pallet_collective::Event<Runtime, pallet_collective::Instance1>;

/// The outcome of a motion that was executed.
#[derive(Clone, Debug)]
pub struct MotionOutcome {
	/// Hash of the proposed call.
	pub proposal_hash: Hash,
	/// Index of the motion.
	pub index: u32,
	/// The block in which the closing transaction (and so the call) executed.
	pub closed: Finalized,
}

/// Proposes `call` to the council from `proposer`, has the proposer and every `voter` approve it (a
/// proposal does not count its proposer's vote by itself), and closes it. Fails if the motion does not
/// reach `threshold` or the call itself fails when executed.
pub async fn pass_motion(
	client: &Client,
	proposer: &Signer,
	voters: &[Signer],
	call: RuntimeCall,
	threshold: u32,
) -> Result<MotionOutcome, ClientError> {
	let length_bound = call.encoded_size() as u32;
	// Closing is charged with this bound, so it must be the call's real weight, not "unlimited".
	let proposal_weight_bound = call.get_dispatch_info().call_weight;
	let proposal_hash = BlakeTwo256::hash_of(&call);
	let proposed = client
		.submit(
			proposer,
			RuntimeCall::Council(CouncilCall::propose { threshold, proposal: Box::new(call), length_bound }),
		)
		.await?;
	let index =
		proposed
			.events
			.iter()
			.find_map(|event| match event {
				RuntimeEvent::Council(CouncilEvent::Proposed {
					proposal_index, proposal_hash: hash, ..
				}) if *hash == proposal_hash => Some(*proposal_index),
				_ => None,
			})
			.ok_or_else(|| ClientError::Decode("no Proposed event for the motion".into()))?;
	for voter in std::iter::once(proposer).chain(voters) {
		client
			.submit(
				voter,
				RuntimeCall::Council(CouncilCall::vote { proposal: proposal_hash, index, approve: true }),
			)
			.await?;
	}
	let closed = client
		.submit(
			proposer,
			RuntimeCall::Council(CouncilCall::close {
				proposal_hash,
				index,
				proposal_weight_bound,
				length_bound,
			}),
		)
		.await?;
	for event in &closed.events {
		match event {
			RuntimeEvent::Council(CouncilEvent::Executed { result: Err(error), .. }) => {
				return Err(ClientError::DispatchFailed(format!(
					"the council approved the motion but its call failed: {}",
					crate::chain::describe_dispatch_error(*error)
				)))
			}
			RuntimeEvent::Council(CouncilEvent::Disapproved { .. }) => {
				return Err(ClientError::DispatchFailed("the council disapproved the motion".into()))
			}
			_ => {}
		}
	}
	Ok(MotionOutcome { proposal_hash, index, closed })
}
