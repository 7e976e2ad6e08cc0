//! Checkpoints in the trust file: checking one against the anchor it extends, and the rule that a
//! proof (or a newer checkpoint) must build on it.
//!
//! GRANDPA signatures name a set id and a block, not a fork, so the threshold of keys of any past set
//! can sign a different "next set" and, with it, any later block. A verifier anchored only at genesis
//! cannot tell that history from the real one. A checkpoint fixes the set in force after a block C as
//! the council saw it; a history that does not reach that set at the same block, or leaves it at or
//! before C, is refused, so keys of sets retired before C forge nothing such a verifier accepts.

use crate::{
	chain::{verify_justification, Hash, Header},
	format::{
		AuthoritySet, Checkpoint, FinalizedHeader, Hex32, TrustAnchor, TRUST_CHECKPOINT_VERSION,
		TRUST_GENESIS_VERSION,
	},
	sets::{enacted_change, walk, EnactedSet, HistoryError, SetHistory},
	verify::VerifyError,
};
use alloc::{format, string::String, vec::Vec};
use serde::Serialize;

/// A checkpoint that holds against its anchor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedCheckpoint {
	/// C's number.
	pub number: u32,
	/// C's hash.
	pub hash: Hash,
	/// The history from the initial set up to the set in force after C (the last one).
	pub history: SetHistory,
}

impl CheckedCheckpoint {
	/// The set in force after C.
	pub fn set(&self) -> &EnactedSet {
		self.history.current()
	}

	/// What a report says about the checkpoint a proof was checked against.
	pub fn report(&self) -> CheckpointReport {
		CheckpointReport {
			block_number: self.number,
			block_hash: Hex32(self.hash),
			set_id: self.set().set_id,
			set_size: self.set().authorities.len(),
		}
	}
}

/// The checkpoint a proof was found to build on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckpointReport {
	/// C's number.
	pub block_number: u32,
	/// C's hash.
	pub block_hash: Hex32,
	/// Id of the set in force after C.
	pub set_id: u64,
	/// Its size.
	pub set_size: usize,
}

fn invalid(why: String) -> VerifyError {
	VerifyError::Trust(why)
}

/// Checks a trust anchor on its own: its version matches its content and, if it has a checkpoint,
/// the checkpoint holds against the anchor's initial set. Returns the checked checkpoint, if any.
pub fn check_trust(trust: &TrustAnchor) -> Result<Option<CheckedCheckpoint>, VerifyError> {
	let version = trust.version.unwrap_or(TRUST_GENESIS_VERSION);
	if version == 0 || version > TRUST_CHECKPOINT_VERSION {
		return Err(invalid(format!(
			"trust-file version {version} is not supported (this verifier reads versions 1 and \
			 {TRUST_CHECKPOINT_VERSION})"
		)));
	}
	if version != trust.required_version() {
		return Err(invalid(if trust.checkpoint.is_some() {
			format!("a trust file with a checkpoint is version {TRUST_CHECKPOINT_VERSION}, not {version}")
		} else {
			format!("a version-{version} trust file carries a checkpoint, and this one has none")
		}));
	}
	let Some(checkpoint) = &trust.checkpoint else {
		crate::sets::check_distinct(
			&trust.initial_authorities.authorities.iter().map(|id| id.0).collect::<Vec<_>>(),
		)
		.map_err(|e| invalid(format!("initial set: {e}")))?;
		return Ok(None);
	};
	check_checkpoint(&trust.initial_authorities, checkpoint).map(Some)
}

/// Checks a checkpoint against the initial set it extends: its history holds (as a proof's must), C
/// comes after it and is finalized by the set then in force, the stated number and hash are C's, and
/// the stated set is the one in force after C.
pub fn check_checkpoint(
	initial: &AuthoritySet,
	checkpoint: &Checkpoint,
) -> Result<CheckedCheckpoint, VerifyError> {
	let mut history = walk(initial, &checkpoint.set_changes).map_err(history_error)?;
	let header = Header::decode_exact(&checkpoint.finalized.header.0)
		.map_err(|e| invalid(format!("checkpoint header: {e}")))?;
	let hash = header.hash();
	if header.number != checkpoint.block_number || hash != checkpoint.block_hash.0 {
		return Err(invalid(format!(
			"the checkpoint names block #{} 0x{}, but its header is block #{} 0x{}",
			checkpoint.block_number,
			hex::encode(checkpoint.block_hash.0),
			header.number,
			hex::encode(hash)
		)));
	}
	if history.last_change().is_some_and(|last| header.number <= last) {
		return Err(invalid("the checkpoint block is not after its last authority-set change".into()));
	}
	let current = history.current();
	verify_justification(
		&checkpoint.finalized.justification.0,
		&hash,
		header.number,
		current.set_id,
		&current.authorities,
	)
	.map_err(|e| {
		invalid(format!(
			"checkpoint block #{} is not finalized by set id {}: {e}",
			header.number, current.set_id
		))
	})?;
	if let Some(next) =
		enacted_change(&header).map_err(|e| invalid(format!("checkpoint block #{}: {e}", header.number)))?
	{
		let set_id = current.set_id + 1;
		history.sets.push(EnactedSet { set_id, authorities: next, enacted_at: Some((header.number, hash)) });
	}
	let after = history.current();
	let stated: Vec<_> = checkpoint.set.authorities.iter().map(|id| id.0).collect();
	if checkpoint.set.set_id != after.set_id || stated != after.authorities {
		return Err(invalid(format!(
			"the checkpoint states set id {} with {} authorities, but the set in force after block #{} \
			 is set id {} with {} other or differently ordered authorities",
			checkpoint.set.set_id,
			stated.len(),
			header.number,
			after.set_id,
			after.authorities.len()
		)));
	}
	Ok(CheckedCheckpoint { number: header.number, hash, history })
}

/// Builds the checkpoint at block C (`finalized`) from the history before it, for an exporter: the
/// stated number, hash and set are derived with the checker's own walk, then the whole is checked as a
/// verifier would check it.
pub fn make_checkpoint(
	initial: &AuthoritySet,
	set_changes: Vec<FinalizedHeader>,
	finalized: FinalizedHeader,
) -> Result<Checkpoint, VerifyError> {
	let header =
		Header::decode_exact(&finalized.header.0).map_err(|e| invalid(format!("checkpoint header: {e}")))?;
	let history = walk(initial, &set_changes).map_err(history_error)?;
	let current = history.current();
	let (set_id, authorities) = match enacted_change(&header).map_err(invalid)? {
		Some(next) => (current.set_id + 1, next),
		None => (current.set_id, current.authorities.clone()),
	};
	let checkpoint = Checkpoint {
		block_number: header.number,
		block_hash: Hex32(header.hash()),
		set: AuthoritySet { set_id, authorities: authorities.into_iter().map(Hex32).collect() },
		set_changes,
		finalized,
	};
	check_checkpoint(initial, &checkpoint)?;
	Ok(checkpoint)
}

fn history_error(error: HistoryError) -> VerifyError {
	match error {
		HistoryError::Initial(why) => invalid(format!("initial set: {why}")),
		HistoryError::Change { index, reason } => {
			invalid(format!("checkpoint set change {index} is not proven: {reason}"))
		}
	}
}

/// The rule a history (of a proof, or of a newer checkpoint) must meet to build on `checkpoint`: it
/// reaches the checkpoint's set (same id and authorities) at the same block as the checkpointed chain
/// (both at genesis, or the same enacting block), and does not leave that set at or before C.
/// `what` names the history's subject in messages ("the proof", "the new checkpoint"), `block` its
/// block (F, or the new C).
pub fn builds_on(
	checkpoint: &CheckedCheckpoint,
	history: &SetHistory,
	what: &str,
	block: u32,
) -> Result<(), VerifyError> {
	let refuse = |why: String| VerifyError::Checkpoint(why);
	let trusted = checkpoint.set();
	let (c, s) = (checkpoint.number, trusted.set_id);
	let Some(position) = history.sets.iter().position(|set| set.set_id == s) else {
		// Set ids rise by one per change from the same initial set, so the history stops short of S.
		return Err(refuse(format!(
			"{what} at block #{block} rests on set id {}, which was retired before the checkpoint at block \
			 #{c} (set id {s} in force there); only set id {s} or a later one is trusted: export the proof \
			 again from a node (proofs are taken at a recent block)",
			history.current().set_id
		)));
	};
	let set = &history.sets[position];
	let enacted = |at: Option<(u32, Hash)>| match at {
		Some((number, hash)) => format!("block #{number} 0x{}", hex::encode(hash)),
		None => String::from("genesis"),
	};
	if set.authorities != trusted.authorities {
		return Err(refuse(format!(
			"{what}'s set id {s} (from {}) has other authorities than the checkpoint's: its authority-set \
			 changes fork from the checkpointed chain",
			enacted(set.enacted_at)
		)));
	}
	if set.enacted_at != trusted.enacted_at {
		return Err(refuse(format!(
			"{what} enacts set id {s} at {}, the checkpointed chain at {}: its authority-set changes fork \
			 below the checkpoint at block #{c}",
			enacted(set.enacted_at),
			enacted(trusted.enacted_at)
		)));
	}
	if let Some((ended, _)) = history.sets.get(position + 1).and_then(|next| next.enacted_at) {
		if ended <= c {
			return Err(refuse(format!(
				"{what} ends set id {s} at block #{ended}, but the checkpoint has it in force after block \
				 #{c}: its authority-set changes fork below the checkpoint"
			)));
		}
	}
	Ok(())
}

/// Checks that `newer` (a checkpointed trust anchor) builds on `older`: the same genesis and initial
/// set, both checkpoints valid, the newer at a later block and its history meeting [`builds_on`] for
/// the older one. This is how a trust file is replaced by a newer one without trusting the node that
/// produced it more than the file it replaces.
pub fn check_newer(older: &TrustAnchor, newer: &TrustAnchor) -> Result<(), VerifyError> {
	if older.genesis_hash != newer.genesis_hash || older.initial_authorities != newer.initial_authorities {
		return Err(VerifyError::Genesis(
			"the new checkpoint is for another chain (genesis or initial set differ)".into(),
		));
	}
	let new = check_trust(newer)?.ok_or_else(|| invalid("the new trust anchor has no checkpoint".into()))?;
	let Some(old) = check_trust(older)? else { return Ok(()) };
	if new.number <= old.number {
		return Err(VerifyError::Checkpoint(format!(
			"the trust file already holds the checkpoint at block #{}, and the new one at block #{} is not \
			 newer; a trust file keeps the newest checkpoint",
			old.number, new.number
		)));
	}
	builds_on(&old, &new.history, "the new checkpoint", new.number)
}
