//! Infringement-loss insurance (知识产权侵权损失险) through `pallet-insurance` (bind, claim, decide,
//! pay) and the infringement links claims rest on (`evidence.link_infringement`), plus the read an
//! insurer, a bank or a court relies on: `ipr_getPolicy`, a policy with every claim under it.
//!
//! As in [`crate::finance`], each transaction function signs one call, waits for finality and returns
//! what the pallet's event said; the requests' `validate` methods refuse what the chain would refuse
//! before anything is sent.

use crate::{
	asset::{self, Included},
	chain::Client,
	error::ClientError,
	finance::submit_expecting,
	signer::Signer,
};
use frame_support::traits::Get;
use iprchain_primitives::{
	rpc::{fen_to_cny, PolicyDetailView},
	Digest, EvidenceRef, Subject,
};
use iprchain_runtime::{AccountId, Hash, Runtime, RuntimeCall, RuntimeEvent};
use jsonrpsee::rpc_params;
use serde::{Serialize, Serializer};

pub use pallet_insurance::ClaimStatus;

type InsuranceCall = pallet_insurance::Call<Runtime>;
type InsuranceEvent = pallet_insurance::Event<Runtime>;
type EvidenceCall = pallet_evidence::Call<Runtime>;
type EvidenceEvent = pallet_evidence::Event<Runtime>;

/// Longest policy number the runtime accepts, in bytes.
pub fn max_policy_no_len() -> usize {
	<<Runtime as pallet_insurance::Config>::MaxPolicyNoLen as Get<u32>>::get() as usize
}

/// Most subjects one policy may cover.
pub fn max_subjects() -> usize {
	<<Runtime as pallet_insurance::Config>::MaxSubjects as Get<u32>>::get() as usize
}

/// A policy's subject as the CLI writes it: `asset:ID` for a registered asset, or `ALGO:HEX` (as
/// [`asset::parse_evidence_ref`] reads it) for a deposited work.
pub fn parse_subject(text: &str) -> Result<Subject, ClientError> {
	let text = text.trim();
	if let Some(id) = text.strip_prefix("asset:") {
		let id = id.trim().parse::<u64>().map_err(|_| {
			ClientError::Input(format!("subject `{text}`: write an asset as asset:ID with a numeric id"))
		})?;
		return Ok(Subject::Asset(id));
	}
	let evidence = asset::parse_evidence_ref(text).map_err(|error| {
		ClientError::Input(format!("subject `{text}`: write asset:ID or ALGO:HEX of a deposit ({error})"))
	})?;
	Ok(Subject::Evidence { algo: evidence.algo, digest: evidence.digest })
}

/// The form [`parse_subject`] reads.
pub fn format_subject(subject: &Subject) -> String {
	match subject {
		Subject::Asset(id) => format!("asset:{id}"),
		Subject::Evidence { algo, digest } => {
			asset::format_evidence_ref(&EvidenceRef { algo: *algo, digest: *digest })
		}
	}
}

/// A policy to bind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyRequest {
	/// The insurer's policy number (保单号), unique on the chain.
	pub policy_no: String,
	/// The insured (被保险人).
	pub insured: AccountId,
	/// What it covers: registered assets and deposited works.
	pub subjects: Vec<Subject>,
	/// Limit of indemnity in fen, more than zero.
	pub coverage_fen: u128,
	/// Premium in fen.
	pub premium_fen: u128,
	/// Start of the term, Unix milliseconds, inclusive.
	pub start_ms: u64,
	/// End of the term, Unix milliseconds, exclusive.
	pub end_ms: u64,
}

impl PolicyRequest {
	/// Checks what the pallet will without the chain: a policy number of 1 to 64 bytes, 1 to 16
	/// distinct subjects, positive coverage, a term that ends after it starts and after `now_ms`.
	pub fn validate(&self, now_ms: u64) -> Result<(), ClientError> {
		let bad = |why: String| Err(ClientError::Input(why));
		if self.policy_no.trim().is_empty() {
			return bad("the policy number is empty".into());
		}
		if self.policy_no.len() > max_policy_no_len() {
			return bad(format!(
				"the policy number is {} bytes; at most {} are allowed",
				self.policy_no.len(),
				max_policy_no_len()
			));
		}
		if self.subjects.is_empty() {
			return bad("a policy must cover at least one subject (--subject)".into());
		}
		if self.subjects.len() > max_subjects() {
			return bad(format!(
				"{} subjects; a policy covers at most {}",
				self.subjects.len(),
				max_subjects()
			));
		}
		let mut sorted = self.subjects.clone();
		sorted.sort_unstable();
		if let Some(pair) = sorted.windows(2).find(|pair| pair[0] == pair[1]) {
			return bad(format!("subject {} is given twice", format_subject(&pair[0])));
		}
		if self.coverage_fen == 0 {
			return bad("the coverage must be more than zero".into());
		}
		if self.end_ms <= self.start_ms {
			return bad("the term must end after it starts".into());
		}
		if self.end_ms <= now_ms {
			return bad(format!(
				"the term must end in the future, not at {}",
				crate::time::format_millis_utc(self.end_ms)
			));
		}
		Ok(())
	}
}

fn fen_string<S: Serializer>(fen: &u128, serializer: S) -> Result<S::Ok, S::Error> {
	serializer.serialize_str(&fen.to_string())
}

fn subject_text<S: Serializer>(subject: &Subject, serializer: S) -> Result<S::Ok, S::Error> {
	serializer.serialize_str(&format_subject(subject))
}

fn subjects_text<S: Serializer>(subjects: &[Subject], serializer: S) -> Result<S::Ok, S::Error> {
	serializer.collect_seq(subjects.iter().map(format_subject))
}

fn evidence_text<S: Serializer>(evidence: &EvidenceRef, serializer: S) -> Result<S::Ok, S::Error> {
	serializer.serialize_str(&asset::format_evidence_ref(evidence))
}

/// What `bind` answered.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Bound {
	/// The new policy's id.
	pub policy: u64,
	/// Its number.
	pub policy_no: String,
	/// The insured.
	pub insured: AccountId,
	/// What it covers.
	#[serde(serialize_with = "subjects_text")]
	pub subjects: Vec<Subject>,
	/// Limit of indemnity in fen.
	#[serde(serialize_with = "fen_string")]
	pub coverage_fen: u128,
	/// The same in yuan.
	pub coverage_cny: String,
	/// Start of the term, Unix milliseconds.
	#[serde(rename = "start")]
	pub start_ms: u64,
	/// End of the term, Unix milliseconds.
	#[serde(rename = "end")]
	pub end_ms: u64,
	/// Where it landed.
	#[serde(flatten)]
	pub included: Included,
}

/// What `claim` answered.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Filed {
	/// The new claim's id.
	pub claim: u64,
	/// The policy claimed under.
	pub policy: u64,
	/// The covered subject infringed.
	#[serde(serialize_with = "subject_text")]
	pub subject: Subject,
	/// The infringement evidence cited.
	#[serde(serialize_with = "evidence_text")]
	pub evidence: EvidenceRef,
	/// The loss claimed in fen.
	#[serde(serialize_with = "fen_string")]
	pub amount_fen: u128,
	/// The same in yuan.
	pub amount_cny: String,
	/// Where it landed.
	#[serde(flatten)]
	pub included: Included,
}

/// What `decide` answered.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Decided {
	/// The claim.
	pub claim: u64,
	/// Its policy.
	pub policy: u64,
	/// Approved or rejected.
	pub approved: bool,
	/// Where it landed.
	#[serde(flatten)]
	pub included: Included,
}

/// What `pay` answered.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Paid {
	/// The claim.
	pub claim: u64,
	/// Its policy.
	pub policy: u64,
	/// The amount paid, fen.
	#[serde(serialize_with = "fen_string")]
	pub amount_fen: u128,
	/// Paid under the policy so far, fen.
	#[serde(serialize_with = "fen_string")]
	pub paid_fen: u128,
	/// Where it landed.
	#[serde(flatten)]
	pub included: Included,
}

/// What `link_infringement` answered.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Linked {
	/// The infringement evidence.
	#[serde(serialize_with = "evidence_text")]
	pub evidence: EvidenceRef,
	/// What it shows was infringed.
	#[serde(serialize_with = "subject_text")]
	pub subject: Subject,
	/// Who linked it.
	pub by: AccountId,
	/// Where it landed.
	#[serde(flatten)]
	pub included: Included,
}

/// Binds a policy (an insurer); every subject must be valid now (asset registered and unexpired,
/// evidence deposited). Returns the new policy's id.
pub async fn bind(client: &Client, signer: &Signer, request: PolicyRequest) -> Result<Bound, ClientError> {
	request.validate(asset::now_ms())?;
	let policy_no = request.policy_no.trim().to_string();
	let call = RuntimeCall::Insurance(InsuranceCall::bind {
		policy_no: policy_no.as_bytes().to_vec(),
		insured: request.insured.clone(),
		subjects: request.subjects.clone(),
		coverage_fen: request.coverage_fen,
		premium_fen: request.premium_fen,
		start_ms: request.start_ms,
		end_ms: request.end_ms,
	});
	let expected = policy_no.as_bytes();
	let (policy, included) =
		submit_expecting(client, signer, call, "Insurance.PolicyBound", |event| match event {
			RuntimeEvent::Insurance(InsuranceEvent::PolicyBound { policy, policy_no, .. })
				if policy_no.as_slice() == expected =>
			{
				Some(*policy)
			}
			_ => None,
		})
		.await?;
	Ok(Bound {
		policy,
		policy_no,
		insured: request.insured,
		subjects: request.subjects,
		coverage_fen: request.coverage_fen,
		coverage_cny: fen_to_cny(request.coverage_fen),
		start_ms: request.start_ms,
		end_ms: request.end_ms,
		included,
	})
}

/// Files a claim under `policy` (its insured) for a loss from an infringement of `subject`, citing
/// infringement evidence linked to that subject.
pub async fn claim(
	client: &Client,
	signer: &Signer,
	policy: u64,
	subject: Subject,
	evidence: EvidenceRef,
	amount_fen: u128,
) -> Result<Filed, ClientError> {
	if amount_fen == 0 {
		return Err(ClientError::Input("the amount claimed must be more than zero".into()));
	}
	let call = RuntimeCall::Insurance(InsuranceCall::claim {
		policy,
		evidence_algo: evidence.algo,
		evidence_digest: evidence.digest,
		subject,
		amount_fen,
	});
	let (claim, included) =
		submit_expecting(client, signer, call, "Insurance.ClaimFiled", |event| match event {
			RuntimeEvent::Insurance(InsuranceEvent::ClaimFiled { claim, policy: p, subject: s, .. })
				if *p == policy && *s == subject =>
			{
				Some(*claim)
			}
			_ => None,
		})
		.await?;
	Ok(Filed { claim, policy, subject, evidence, amount_fen, amount_cny: fen_to_cny(amount_fen), included })
}

/// Approves or rejects a filed claim (the policy's insurer), with the digest of the reasons.
pub async fn decide(
	client: &Client,
	signer: &Signer,
	claim: u64,
	approve: bool,
	reason_digest: Digest,
) -> Result<Decided, ClientError> {
	let call = RuntimeCall::Insurance(InsuranceCall::decide { claim, approve, reason_digest });
	let ((policy, approved), included) =
		submit_expecting(client, signer, call, "Insurance.ClaimDecided", |event| match event {
			RuntimeEvent::Insurance(InsuranceEvent::ClaimDecided { claim: c, policy, approved, .. })
				if *c == claim =>
			{
				Some((*policy, *approved))
			}
			_ => None,
		})
		.await?;
	Ok(Decided { claim, policy, approved, included })
}

/// Records the payment of an approved claim (the policy's insurer).
pub async fn pay(client: &Client, signer: &Signer, claim: u64) -> Result<Paid, ClientError> {
	let call = RuntimeCall::Insurance(InsuranceCall::pay { claim });
	let ((policy, amount_fen, paid_fen), included) =
		submit_expecting(client, signer, call, "Insurance.ClaimPaid", |event| match event {
			RuntimeEvent::Insurance(InsuranceEvent::ClaimPaid { claim: c, policy, amount_fen, paid_fen })
				if *c == claim =>
			{
				Some((*policy, *amount_fen, *paid_fen))
			}
			_ => None,
		})
		.await?;
	Ok(Paid { claim, policy, amount_fen, paid_fen, included })
}

/// Links deposited infringement evidence (kind `infringement`) to what it shows was infringed (a
/// workstation, or the subject's right holder), so claims may cite it.
pub async fn link_infringement(
	client: &Client,
	signer: &Signer,
	evidence: EvidenceRef,
	subject: Subject,
) -> Result<Linked, ClientError> {
	let call = RuntimeCall::Evidence(EvidenceCall::link_infringement {
		algo: evidence.algo,
		digest: evidence.digest,
		subject,
	});
	let (by, included) =
		submit_expecting(client, signer, call, "Evidence.InfringementLinked", |event| match event {
			RuntimeEvent::Evidence(EvidenceEvent::InfringementLinked { algo, digest, subject: s, by })
				if *algo == evidence.algo && *digest == evidence.digest && *s == subject =>
			{
				Some(by.clone())
			}
			_ => None,
		})
		.await?;
	Ok(Linked { evidence, subject, by, included })
}

/// A policy named by id or by number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PolicyQuery {
	/// The policy id on the chain.
	Id(u64),
	/// The insurer's policy number.
	Number(String),
}

impl PolicyQuery {
	/// Digits only name an id; anything else is a policy number. `no:` forces a number made of digits.
	pub fn parse(text: &str) -> Result<Self, ClientError> {
		let text = text.trim();
		if text.is_empty() {
			return Err(ClientError::Input("give a policy id or policy number".into()));
		}
		if let Some(number) = text.strip_prefix("no:") {
			return Ok(PolicyQuery::Number(number.to_string()));
		}
		match text.parse::<u64>() {
			Ok(id) => Ok(PolicyQuery::Id(id)),
			Err(_) => Ok(PolicyQuery::Number(text.to_string())),
		}
	}
}

/// `ipr_getPolicy`: the policy and its claims at block `at` (default: best); `None` if none has that
/// name.
pub async fn policy(
	client: &Client,
	query: &PolicyQuery,
	at: Option<Hash>,
) -> Result<Option<PolicyDetailView>, ClientError> {
	match query {
		PolicyQuery::Id(id) => client.call("ipr_getPolicy", rpc_params![id, at]).await,
		PolicyQuery::Number(number) => client.call("ipr_getPolicy", rpc_params![number, at]).await,
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use iprchain_primitives::HashAlgo;

	fn request(now: u64) -> PolicyRequest {
		PolicyRequest {
			policy_no: "PICC-WH-2026-0001".into(),
			insured: AccountId::new([1; 32]),
			subjects: vec![Subject::Asset(3), Subject::Evidence { algo: HashAlgo::Sha256, digest: [7; 32] }],
			coverage_fen: 100,
			premium_fen: 0,
			start_ms: now,
			end_ms: now + 1,
		}
	}

	#[test]
	fn insurance_subjects_parse_and_print_both_ways() {
		assert_eq!(parse_subject("asset:12").unwrap(), Subject::Asset(12));
		let hex = format!("0x{}", "ab".repeat(32));
		let work = parse_subject(&format!("sm3:{hex}")).unwrap();
		assert_eq!(work, Subject::Evidence { algo: HashAlgo::Sm3, digest: [0xab; 32] });
		assert_eq!(format_subject(&work), format!("sm3:{hex}"));
		assert_eq!(parse_subject(&format_subject(&Subject::Asset(7))).unwrap(), Subject::Asset(7));
		for bad in ["asset:", "asset:x", "asset:-1", "12", "md5:00", "sha256:0x12", ""] {
			let error = parse_subject(bad).expect_err(bad).to_string();
			assert!(error.contains("subject"), "{bad}: {error}");
		}
	}

	#[test]
	fn insurance_policy_requests_are_checked_before_sending() {
		let now = 1_796_038_212_000;
		assert!(request(now).validate(now).is_ok());
		let refused = |change: fn(&mut PolicyRequest), why: &str| {
			let mut bad = request(now);
			change(&mut bad);
			let error = bad.validate(now).expect_err(why).to_string();
			assert!(error.contains(why), "{why}: {error}");
		};
		refused(|r| r.policy_no = " ".into(), "empty");
		refused(|r| r.policy_no = "P".repeat(65), "at most 64");
		refused(|r| r.subjects.clear(), "at least one subject");
		refused(|r| r.subjects = (0..17).map(Subject::Asset).collect(), "at most 16");
		refused(|r| r.subjects.push(Subject::Asset(3)), "asset:3 is given twice");
		refused(|r| r.coverage_fen = 0, "more than zero");
		refused(|r| r.end_ms = r.start_ms, "end after it starts");
		let mut lapsed = request(now);
		lapsed.start_ms = now - 10;
		lapsed.end_ms = now;
		assert!(lapsed.validate(now).unwrap_err().to_string().contains("in the future"));
	}

	#[test]
	fn insurance_policy_queries() {
		assert_eq!(PolicyQuery::parse(" 4 ").unwrap(), PolicyQuery::Id(4));
		assert_eq!(PolicyQuery::parse("PICC-1").unwrap(), PolicyQuery::Number("PICC-1".into()));
		assert_eq!(PolicyQuery::parse("no:2026").unwrap(), PolicyQuery::Number("2026".into()));
		assert!(PolicyQuery::parse("").is_err());
	}

	#[test]
	fn insurance_errors_come_with_their_docs() {
		assert!(asset::error_doc("Insurance.NotInfringementEvidence").is_some());
		assert!(asset::error_doc("Evidence.NotWorkstationOrRightHolder").is_some());
	}

	#[test]
	fn insurance_answers_serialize_readably() {
		let included = Included { block_number: 9, block_hash: Hash::repeat_byte(2) };
		let filed = Filed {
			claim: 0,
			policy: 1,
			subject: Subject::Asset(3),
			evidence: EvidenceRef { algo: HashAlgo::Sha256, digest: [1; 32] },
			amount_fen: 5_000_000,
			amount_cny: fen_to_cny(5_000_000),
			included,
		};
		let json = serde_json::to_value(&filed).unwrap();
		assert_eq!(json["subject"], "asset:3");
		assert_eq!(json["evidence"], format!("sha256:0x{}", "01".repeat(32)));
		assert_eq!(json["amountFen"], "5000000");
		assert_eq!(json["amountCny"], "50000.00");
		assert_eq!(json["blockNumber"], 9);
	}
}
