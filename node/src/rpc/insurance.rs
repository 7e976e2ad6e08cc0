//! `ipr_getPolicy`: an infringement-loss policy and its claims, as an insurer, a bank or a court reads
//! them.

use std::sync::Arc;

use iprchain_primitives::{
	rpc::{
		fen_to_cny, to_hex, ClaimView, DecisionView, EvidenceRefView, PolicyDetailView, PolicyView,
		SubjectView,
	},
	Subject,
};
use iprchain_runtime::{opaque::Block, AccountId, Hash};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use pallet_insurance::{runtime_api::InsuranceApi, Claim, PolicyInfo};
use serde::{Deserialize, Serialize};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::crypto::Ss58Codec;

use super::{internal_error, invalid_params, resolve_at};

/// How a policy is named: its id on the chain, or the insurer's policy number.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PolicyRef {
	/// The policy id as a JSON number.
	Id(u64),
	/// The policy number as a string (a string of digits is still a policy number, not an id).
	Number(String),
}

/// The insurance RPC methods.
#[rpc(server)]
pub trait InsuranceRpcApi {
	/// The policy named by id (a JSON number) or policy number (a string), with every claim under it;
	/// `null` if no policy has that name. See docs/rpc.md.
	#[method(name = "ipr_getPolicy")]
	fn get_policy(&self, policy: PolicyRef, at: Option<Hash>) -> RpcResult<Option<PolicyDetailView>>;
}

/// Serves [`InsuranceRpcApiServer`] from the runtime's `InsuranceApi`.
pub struct Insurance<C> {
	client: Arc<C>,
}

impl<C> Insurance<C> {
	/// Serves `ipr_getPolicy` from `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client }
	}
}

impl<C> InsuranceRpcApiServer for Insurance<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: InsuranceApi<Block, AccountId>,
{
	fn get_policy(&self, policy: PolicyRef, at: Option<Hash>) -> RpcResult<Option<PolicyDetailView>> {
		let (hash, at, _) = resolve_at(&*self.client, at)?;
		let api = self.client.runtime_api();
		let runtime_error = |error: sp_api::ApiError| internal_error(format!("runtime call failed: {error}"));
		let id = match policy {
			PolicyRef::Id(id) => Some(id),
			PolicyRef::Number(number) => {
				let number = number.trim();
				if number.is_empty() {
					return Err(invalid_params("empty policy number"));
				}
				api.policy_by_number(hash, number.as_bytes().to_vec()).map_err(runtime_error)?
			}
		};
		let Some(id) = id else { return Ok(None) };
		let Some(record) = api.policy(hash, id).map_err(runtime_error)? else { return Ok(None) };
		// The term is judged at the timestamp of the block read, as `ipr_assetStatus` judges expiry, so
		// the answer depends only on the chain's state there. Claims are at most `MaxClaimsPerPolicy`
		// (a bounded list), so they need no page.
		let evaluated_at = api.now_ms(hash).map_err(runtime_error)?;
		let claims = api
			.claims_of(hash, id)
			.map_err(runtime_error)?
			.into_iter()
			.map(|(claim_id, claim)| claim_view(claim_id, claim))
			.collect();
		Ok(Some(PolicyDetailView { policy: policy_view(id, record, evaluated_at), claims, at }))
	}
}

fn policy_view(id: u64, policy: PolicyInfo<AccountId>, evaluated_at: u64) -> PolicyView {
	PolicyView {
		id,
		policy_no: String::from_utf8_lossy(&policy.policy_no).into_owned(),
		insurer: policy.insurer.to_ss58check(),
		insured: policy.insured.to_ss58check(),
		subjects: policy.subjects.iter().map(subject_view).collect(),
		state: policy.state(evaluated_at).name().into(),
		coverage_fen: policy.coverage_fen.to_string(),
		coverage_cny: fen_to_cny(policy.coverage_fen),
		premium_fen: policy.premium_fen.to_string(),
		paid_fen: policy.paid_fen.to_string(),
		approved_fen: policy.approved_fen.to_string(),
		remaining_fen: policy.remaining_fen().to_string(),
		start: policy.start_ms,
		end: policy.end_ms,
		bound_at: policy.bound_at_ms,
		evaluated_at,
	}
}

fn claim_view(id: u64, claim: Claim<AccountId>) -> ClaimView {
	ClaimView {
		id,
		claimant: claim.claimant.to_ss58check(),
		evidence: EvidenceRefView {
			algo: claim.evidence.algo.name().into(),
			digest: to_hex(&claim.evidence.digest),
		},
		subject: subject_view(&claim.subject),
		amount_fen: claim.amount_fen.to_string(),
		amount_cny: fen_to_cny(claim.amount_fen),
		status: claim.status.name().into(),
		filed_at: claim.filed_at_ms,
		decision: claim.decision.map(|decision| DecisionView {
			approved: decision.approved,
			reason_digest: to_hex(&decision.reason_digest),
			at: decision.at_ms,
		}),
		paid_at: claim.paid_at_ms,
	}
}

/// A subject as JSON: `{"asset": 3}` or `{"evidence": {"algo", "digest"}}`.
pub(crate) fn subject_view(subject: &Subject) -> SubjectView {
	match subject {
		Subject::Asset(asset) => SubjectView { asset: Some(*asset), evidence: None },
		Subject::Evidence { algo, digest } => SubjectView {
			asset: None,
			evidence: Some(EvidenceRefView { algo: algo.name().into(), digest: to_hex(digest) }),
		},
	}
}
