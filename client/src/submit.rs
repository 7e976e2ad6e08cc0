//! Submitting many transactions from one account so that each one's fate is known.
//!
//! [`submit_all`] keeps at most [`SubmitOptions::max_in_flight`] transactions of the account in the
//! pool, follows each to a finalized block and reports, per call, either where it was finalized
//! (with the call's own outcome) or why it could not be. A transaction the pool drops is sent again:
//!
//! - Every attempt for one call uses the same nonce as long as that nonce is unused on chain, so at
//!   most one attempt can ever be included (no duplicates), and later nonces are not left waiting
//!   behind a gap.
//! - Identical bytes are sent again while their mortal era lives (harmless if the pool still has
//!   them); a new signature with a fresh era is made when the pool has banned the old bytes or their
//!   era is ending.
//! - When the nonce has been used on chain, the finalized blocks since the first attempt are searched
//!   for any of the call's attempts; only if none is there does the call get a new nonce.
//! - A call the pool refuses for good (no role, bad signature, …) is reported, and its nonce is
//!   filled by an empty `system.remark` so the account's later transactions are not stuck.

use crate::{
	chain::{Client, Finalized},
	error::ClientError,
	signer::Signer,
};
use futures::{stream, StreamExt};
use iprchain_runtime::{Nonce, RuntimeCall};
use std::{collections::BTreeSet, sync::Mutex, time::Duration};

/// How [`submit_all`] paces and retries.
#[derive(Clone, Debug)]
pub struct SubmitOptions {
	/// Most transactions of the account waiting in the pool at once. The runtime refuses nonces
	/// further ahead than two blocks of the account's quota; this stays well inside that.
	pub max_in_flight: usize,
	/// Most submissions of one call (the first included) before it is reported as failed.
	pub max_attempts: u32,
}

impl Default for SubmitOptions {
	fn default() -> Self {
		Self { max_in_flight: 768, max_attempts: 12 }
	}
}

/// Hands out nonces in order, reusing first any that a refused call gave back.
struct Nonces {
	next: Nonce,
	returned: BTreeSet<Nonce>,
}

impl Nonces {
	fn take(&mut self) -> Nonce {
		match self.returned.pop_first() {
			Some(nonce) => nonce,
			None => {
				self.next += 1;
				self.next - 1
			}
		}
	}

	/// A fresh nonce past every one the chain has used (`chain_nonce` is the account's next).
	fn take_fresh(&mut self, chain_nonce: Nonce) -> Nonce {
		self.returned.retain(|&n| n >= chain_nonce);
		if self.next < chain_nonce {
			self.next = chain_nonce;
		}
		self.take()
	}
}

/// What a pool refusal at submission means for the next attempt.
enum Refusal {
	/// Will pass later as it is (pool full, nonce too far ahead for now, node briefly away).
	Transient,
	/// The pool has these bytes already: they are alive, wait for them.
	AlreadyInPool,
	/// These bytes are banned or their era is over: sign again at the same nonce.
	Resign,
	/// The nonce is taken (on chain, or by another transaction in the pool).
	NonceTaken,
	/// The call can never be accepted; report it.
	Permanent,
}

fn classify(error: &ClientError) -> Refusal {
	match error {
		ClientError::Unreachable { .. } | ClientError::FinalityTimeout(_) | ClientError::Dropped(_) => {
			Refusal::Transient
		}
		ClientError::Rejected(reason) | ClientError::Rpc { message: reason, .. } => {
			let reason = reason.to_ascii_lowercase();
			if reason.contains("already imported") {
				Refusal::AlreadyInPool
			} else if reason.contains("banned") || reason.contains("ancient birth") {
				Refusal::Resign
			} else if reason.contains("outdated") || reason.contains("priority is too low") {
				Refusal::NonceTaken
			} else if reason.contains("too far ahead")
				|| reason.contains("immediately dropped")
				|| reason.contains("unknown transaction validity")
				|| reason.contains("could not check the transaction")
				// The node validated it against a block a reorganization had just discarded.
				|| reason.contains("state already discarded")
			{
				Refusal::Transient
			} else {
				Refusal::Permanent
			}
		}
		_ => Refusal::Permanent,
	}
}

/// Signs and submits every call of `calls` from `signer`, at most `options.max_in_flight` at a time,
/// and returns each call's fate in input order. `progress` gets each call's index as it finishes.
///
/// Fails as a whole only if the account's nonce cannot be read at the start.
pub async fn submit_all(
	client: &Client,
	signer: &Signer,
	calls: Vec<RuntimeCall>,
	options: &SubmitOptions,
	mut progress: impl FnMut(usize),
) -> Result<Vec<Result<Finalized, ClientError>>, ClientError> {
	let first = client.next_nonce(signer).await?;
	let nonces = Mutex::new(Nonces { next: first, returned: BTreeSet::new() });
	let mut results: Vec<Option<Result<Finalized, ClientError>>> = calls.iter().map(|_| None).collect();
	let mut finished = stream::iter(calls.into_iter().enumerate())
		.map(|(index, call)| {
			let nonces = &nonces;
			async move { (index, submit_one(client, signer, call, nonces, options).await) }
		})
		.buffer_unordered(options.max_in_flight.max(1));
	while let Some((index, result)) = finished.next().await {
		results[index] = Some(result);
		progress(index);
	}
	Ok(results.into_iter().map(|r| r.expect("every call finished")).collect())
}

/// One call's attempts, see the module documentation.
async fn submit_one(
	client: &Client,
	signer: &Signer,
	call: RuntimeCall,
	nonces: &Mutex<Nonces>,
	options: &SubmitOptions,
) -> Result<Finalized, ClientError> {
	let mut nonce = nonces.lock().expect("nonce lock").take();
	let mut birth = client.era_birth().await?;
	let mut extrinsic = client.sign(signer, call.clone(), nonce, birth);
	// Every signed form of this call at the nonce in use: at most one of them can be included.
	let mut attempts: Vec<Vec<u8>> = vec![extrinsic.clone()];
	let mut first_birth = birth.number;
	let mut last_error = None;
	for attempt in 0..options.max_attempts {
		if attempt > 0 {
			// Back off a little more each time: 1 s, 2 s, … up to 8 s.
			tokio::time::sleep(Duration::from_secs(u64::from(attempt.min(8)))).await;
		}
		let error = match client.submit_signed(&extrinsic, birth).await {
			Ok(finalized) => return Ok(finalized),
			Err(failed @ ClientError::DispatchFailed(_)) => return Err(failed),
			Err(error) => error,
		};
		let refusal = classify(&error);
		last_error = Some(error);
		match refusal {
			Refusal::Permanent => {
				fill_nonce(client, signer, nonce, nonces).await;
				return Err(last_error.expect("just set"));
			}
			Refusal::AlreadyInPool => {
				let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
				if let Some(found) = client.find_finalized(&attempts, first_birth, deadline).await? {
					return client.outcome(found.0, &attempts[found.1]).await;
				}
				continue;
			}
			Refusal::Transient | Refusal::Resign | Refusal::NonceTaken => {}
		}
		// Is the nonce still ours to use?
		let chain_nonce = match client.account_nonce(&signer.account()).await {
			Ok(n) => n,
			Err(error) => {
				last_error = Some(error);
				continue;
			}
		};
		if nonce < chain_nonce {
			// Used on chain: by one of our attempts, or by another transaction of the account.
			if let Some(found) = find_once_final(client, &attempts, first_birth).await? {
				return client.outcome(found.0, &attempts[found.1]).await;
			}
			nonce = nonces.lock().expect("nonce lock").take_fresh(chain_nonce);
			birth = client.era_birth().await?;
			first_birth = birth.number;
			extrinsic = client.sign(signer, call.clone(), nonce, birth);
			attempts = vec![extrinsic.clone()];
			continue;
		}
		let head = client.era_birth().await?;
		let era_ending = head.number.saturating_add(16) >= birth.death();
		// `NonceTaken` with the nonce still unused on chain: another transaction of ours (an earlier
		// attempt) holds it in the pool; wait for it rather than compete with it.
		if matches!(refusal, Refusal::Resign) || era_ending {
			birth = head;
			extrinsic = client.sign(signer, call.clone(), nonce, birth);
			attempts.push(extrinsic.clone());
		}
	}
	Err(last_error.unwrap_or_else(|| ClientError::Dropped("was never accepted".into())))
}

/// Waits until what is best now is finalized, then searches the finalized blocks from `from` for
/// any of `attempts`.
async fn find_once_final(
	client: &Client,
	attempts: &[Vec<u8>],
	from: u32,
) -> Result<Option<(iprchain_runtime::Hash, usize)>, ClientError> {
	let best = client.best_number().await?;
	let deadline = tokio::time::Instant::now() + client.finality_timeout();
	loop {
		let head = client.finalized_number().await?;
		if head >= best || tokio::time::Instant::now() >= deadline {
			break;
		}
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
	client.find_finalized(attempts, from, tokio::time::Instant::now()).await
}

/// Fills `nonce`, which a refused call leaves unused, with an empty remark so that the account's
/// later transactions do not wait behind a gap; if even that fails the nonce goes back for the next
/// call to use.
async fn fill_nonce(client: &Client, signer: &Signer, nonce: Nonce, nonces: &Mutex<Nonces>) {
	{
		let mut nonces = nonces.lock().expect("nonce lock");
		// Nothing handed out after it: nobody waits behind it, so simply take it back.
		if nonces.next == nonce + 1 {
			nonces.next = nonce;
			return;
		}
	}
	let filler = RuntimeCall::System(frame_system::Call::remark { remark: Vec::new() });
	if client.submit_with_nonce(signer, filler, nonce).await.is_err() {
		nonces.lock().expect("nonce lock").returned.insert(nonce);
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn nonces_reuse_returned_ones_first_and_skip_used_ones() {
		let mut nonces = Nonces { next: 5, returned: BTreeSet::new() };
		assert_eq!(nonces.take(), 5);
		assert_eq!(nonces.take(), 6);
		nonces.returned.insert(5);
		assert_eq!(nonces.take(), 5);
		assert_eq!(nonces.take(), 7);
		nonces.returned.insert(3);
		// The chain is at 10: 3 is used, and the counter jumps past what the chain has.
		assert_eq!(nonces.take_fresh(10), 10);
		assert_eq!(nonces.take(), 11);
	}

	#[test]
	fn refusals_are_classified() {
		let rejected = |s: &str| ClientError::Rejected(s.to_string());
		assert!(matches!(classify(&rejected("Transaction Already Imported")), Refusal::AlreadyInPool));
		assert!(matches!(classify(&rejected("Transaction is temporarily banned")), Refusal::Resign));
		assert!(matches!(
			classify(&rejected("Invalid Transaction: Transaction is outdated")),
			Refusal::NonceTaken
		));
		assert!(matches!(classify(&rejected("Priority is too low: (0 vs 0)")), Refusal::NonceTaken));
		assert!(matches!(
			classify(&rejected("the nonce is too far ahead of the account's")),
			Refusal::Transient
		));
		assert!(matches!(
			classify(&rejected("the signing account holds no role on this chain")),
			Refusal::Permanent
		));
		assert!(matches!(
			classify(&ClientError::Dropped("was dropped from the pool".into())),
			Refusal::Transient
		));
		assert!(matches!(classify(&ClientError::Input("bad".into())), Refusal::Permanent));
		let discarded =
			"Verification Error: Runtime error: Api called for an unknown Block: State already discarded";
		assert!(matches!(classify(&rejected(discarded)), Refusal::Transient));
	}
}
