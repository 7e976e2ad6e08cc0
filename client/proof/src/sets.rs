//! The GRANDPA authority-set history that a proof, and a checkpoint, carry from the anchor's initial
//! set: each enacted change is checked the same way in both, so a checkpoint's history is held to the
//! rules of a proof's and the two can be compared set by set.

use crate::{
	chain::{verify_justification, AuthorityId, Hash, Header},
	format::{AuthoritySet, FinalizedHeader, Hex32},
	verify::ss58,
};
use alloc::{collections::BTreeSet, format, string::String, vec::Vec};
use serde::Serialize;

/// One enacted authority-set change, as verified.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SetChangeReport {
	/// The block that enacted it.
	pub block_number: u32,
	/// Its hash.
	pub block_hash: Hex32,
	/// Id of the outgoing set, which finalized the block.
	pub finalized_by_set: u64,
	/// Outgoing authorities that signed (SS58).
	pub signers: Vec<String>,
	/// Size of the incoming set.
	pub new_set_size: usize,
}

/// One set of a verified history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnactedSet {
	/// Its id.
	pub set_id: u64,
	/// Its members, in the chain's order (weight 1 each).
	pub authorities: Vec<AuthorityId>,
	/// The block (number, hash) whose finalization enacted it; `None` for the anchor's initial set.
	pub enacted_at: Option<(u32, Hash)>,
}

/// A verified history: the initial set, then one set per enacted change, oldest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetHistory {
	/// Never empty: the first is the initial set.
	pub sets: Vec<EnactedSet>,
	/// One report per change.
	pub reports: Vec<SetChangeReport>,
}

impl SetHistory {
	/// The set in force after the last change.
	pub fn current(&self) -> &EnactedSet {
		self.sets.last().expect("a history starts with its initial set")
	}

	/// Number of the block that enacted the last change, if any.
	pub fn last_change(&self) -> Option<u32> {
		self.current().enacted_at.map(|(number, _)| number)
	}
}

/// Why a history does not hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HistoryError {
	/// The initial set itself is malformed (empty, or a key twice).
	Initial(String),
	/// The change at this position of the list is not proven.
	Change {
		/// Position in the list.
		index: usize,
		/// What is wrong.
		reason: String,
	},
}

/// Checks that a set has members and none twice.
pub fn check_distinct(authorities: &[AuthorityId]) -> Result<(), String> {
	let distinct: BTreeSet<_> = authorities.iter().collect();
	if distinct.len() != authorities.len() {
		return Err("an authority appears twice in a set".into());
	}
	if authorities.is_empty() {
		return Err("an authority set is empty".into());
	}
	Ok(())
}

/// The new set a header enacts, if it signals a change: only immediate (delay 0) scheduled changes of
/// weight-1 sets are accepted, which is what pallet-grandpa issues on a session change.
pub fn enacted_change(header: &Header) -> Result<Option<Vec<AuthorityId>>, String> {
	let Some(scheduled) = header.grandpa_change()? else { return Ok(None) };
	if scheduled.delay != 0 {
		return Err(format!(
			"it schedules a change with delay {} (only immediate changes are supported)",
			scheduled.delay
		));
	}
	if scheduled.next_authorities.iter().any(|(_, weight)| *weight != 1) {
		return Err("the new set has weights other than 1".into());
	}
	let next: Vec<AuthorityId> = scheduled.next_authorities.iter().map(|(id, _)| *id).collect();
	check_distinct(&next)?;
	Ok(Some(next))
}

/// Walks `changes` from `initial`: each header decodes canonically, comes after the previous one, is
/// finalized by the set in force (its justification), and enacts the next set.
pub fn walk(initial: &AuthoritySet, changes: &[FinalizedHeader]) -> Result<SetHistory, HistoryError> {
	let authorities: Vec<AuthorityId> = initial.authorities.iter().map(|id| id.0).collect();
	check_distinct(&authorities).map_err(HistoryError::Initial)?;
	let mut history = SetHistory {
		sets: alloc::vec![EnactedSet { set_id: initial.set_id, authorities, enacted_at: None }],
		reports: Vec::new(),
	};
	for (index, change) in changes.iter().enumerate() {
		let fail = |reason: String| HistoryError::Change { index, reason };
		let header = Header::decode_exact(&change.header.0).map_err(|e| fail(format!("header: {e}")))?;
		if history.last_change().is_some_and(|last| header.number <= last) {
			return Err(fail("set changes are not in increasing block order".into()));
		}
		let hash = header.hash();
		let current = history.current();
		let finality = verify_justification(
			&change.justification.0,
			&hash,
			header.number,
			current.set_id,
			&current.authorities,
		)
		.map_err(|e| fail(format!("block #{}: {e}", header.number)))?;
		let next = enacted_change(&header)
			.map_err(|e| fail(format!("block #{}: {e}", header.number)))?
			.ok_or_else(|| fail(format!("block #{} signals no authority-set change", header.number)))?;
		let outgoing = current.set_id;
		history.reports.push(SetChangeReport {
			block_number: header.number,
			block_hash: Hex32(hash),
			finalized_by_set: outgoing,
			signers: finality.signers.iter().map(ss58).collect(),
			new_set_size: next.len(),
		});
		let set_id = outgoing + 1;
		history.sets.push(EnactedSet { set_id, authorities: next, enacted_at: Some((header.number, hash)) });
	}
	Ok(history)
}
